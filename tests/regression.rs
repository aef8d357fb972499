//! The shipped data is our own regression test: it must check clean, and say what it says.

use crate::util::shipped_events;
use citeline::check_file;
use citeline::model::DatedBy;
use std::path::Path;

#[test]
fn shipped_events_check_clean() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("events.toml");
    let checked = check_file(&path).unwrap();
    let report = &checked.report;
    assert_eq!(
        (report.errors(), report.warnings()),
        (0, 0),
        "{:#?}",
        report.diagnostics
    );
    let t = &checked.timeline;
    for id in [
        "bishkek-ministers-meeting",
        "rferl-report",
        "bordyuzha-vestnik-interview",
        "ivanov-interoperability",
        "nato-russia-programme",
    ] {
        assert!(t.events.iter().any(|e| e.id.value == id), "{id} is missing");
    }
    // The interview's date is inferred and marked uncertain; its note is reported.
    let interview = t
        .events
        .iter()
        .find(|e| e.id.value == "bordyuzha-vestnik-interview")
        .unwrap();
    assert_eq!(interview.dated_by.value, DatedBy::Inference);
    assert!(interview.date.value.is_uncertain());
    assert!(t
        .source("vestnik-kavkaza-bordyuzha")
        .unwrap()
        .published
        .value
        .is_uncertain());
    assert_eq!(report.with_code("date-inferred").count(), 1);
}

#[test]
fn the_rules_page_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    crate::util::assert_golden(&path, &citeline::rules::markdown_page());
}

/// output/ holds the charts of the shipped data; re-rendering must give the same bytes, so
/// the figure changes only when the data or the code means it to. `citeline` with no
/// arguments rewrites them.
#[test]
fn committed_charts_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let (svg, png) = (
        dir.path().join("timeline.svg"),
        dir.path().join("timeline.png"),
    );
    let args = [
        "render",
        "-o",
        svg.to_str().unwrap(),
        "-o",
        png.to_str().unwrap(),
    ];
    let out = crate::util::citeline(root, &args);
    assert_eq!(out.status.code(), Some(0), "{}", crate::util::stderr(&out));
    // Stale charts: `cargo run --release` (or CITELINE_BLESS=1 cargo test) redraws them.
    for (fresh, committed) in [(svg, "output/timeline.svg"), (png, "output/timeline.png")] {
        crate::util::assert_golden_bytes(&root.join(committed), &std::fs::read(fresh).unwrap());
    }
}

/// The README shows a real diagnostic: breaking the Bishkek event as it says must print
/// exactly what it shows.
#[test]
fn the_readme_example_is_what_check_prints() {
    let events = shipped_events()
        .replace(
            "foreign ministers from the six nations pledged",
            "foreign ministers from six nations pledged",
        )
        .replacen("date = \"2003-11-19\"", "date = \"2003-11-18\"", 1);
    let dir = crate::util::project_with(&events);
    let out = crate::util::citeline(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let printed = crate::util::stderr(&out);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.contains(printed.trim_end()),
        "README.md shows something else than:\n{printed}"
    );
}

/// `citeline dates` on both shipped articles, exactly as users see it (tests/golden/), and
/// what it must say whatever the golden file holds.
#[test]
fn dates_listings_of_the_shipped_articles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checked = check_file(Path::new("events.toml")).unwrap();
    let listing = |id: &str| {
        let mut out = Vec::new();
        citeline::write_dates(&mut out, &checked, id, &citeline::DatesOptions::default()).unwrap();
        let text = String::from_utf8(out).unwrap();
        crate::util::assert_golden(&root.join(format!("tests/golden/dates-{id}.txt")), &text);
        text
    };
    let rferl = listing("rferl-2003-12-03");
    for line in [
        "full date\t\"3 December 2003\"\t-> 2003-12-03",
        "day and month\t\"19 November\"\t-> 2003-11-19 (read as past; as future: 2004-11-19)",
        "relative\t\"this week\"\t-> 2003-12-01 to 2003-12-07\n",
        "relative\t\"next year\"\t-> 2004\n",
    ] {
        assert!(rferl.contains(line), "missing {line:?} in\n{rferl}");
    }
    assert_eq!(
        rferl
            .matches("relative\t\"today\"\t-> 2003-12-03\n")
            .count(),
        2
    );
    assert_eq!(rferl.lines().count(), 7, "a heading and six hits:\n{rferl}");
    let vestnik = listing("vestnik-kavkaza-bordyuzha");
    assert!(
        vestnik.contains("relative\t\"Today\"\t-> 2012-07 to 2013-11\n"),
        "{vestnik}"
    );
    assert_eq!(
        vestnik.lines().count(),
        3,
        "a heading and two hits:\n{vestnik}"
    );
}
