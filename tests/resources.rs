//! Inputs made to exhaust time or memory, each at a size where an earlier citeline took
//! seconds or gigabytes. Nothing here is timed (machines are shared and noisy; the figures
//! are in BENCHMARKS.md): a regression shows as a test run that takes minutes. Each case
//! asserts the exit code and the finding that says what was refused, or that the work was
//! done right.

use crate::util::{citeline, stderr, stdout};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const SOURCE: &str = "[sources.a]\nfile = \"a.txt\"\npublisher = \"Wire\"\ntitle = \"Report\"\npublished = \"2003-12-03\"\n";
const ARTICLE: &str =
    "Report\nWire, 3 December 2003\n\nOn 19 November the ministers met in Bishkek.\n";

fn event(id: &str, source: &str) -> String {
    format!(
        "\n[[events]]\nid = \"{id}\"\ndate = \"2003-11-19\"\ntitle = \"Meeting\"\n[[events.evidence]]\nsource = \"{source}\"\nquote = \"On 19 November the ministers met\"\n"
    )
}

fn json(dir: &Path) -> serde_json::Value {
    let out = citeline(dir, &["check", "--format", "json"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("check --format json prints JSON")
}

fn codes(report: &serde_json::Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[cfg(unix)]
#[test]
fn an_endless_stream_is_refused_at_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let out = citeline(dir.path(), &["check", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("more than the 64 MiB"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn sixty_four_sources_naming_one_large_file_read_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut article = String::from(ARTICLE);
    while article.len() < 4 << 20 {
        article.push_str("Filler words about nothing in particular, said the agency.\n");
    }
    fs::write(dir.path().join("a.txt"), &article).unwrap();
    let mut events = String::new();
    for i in 0..64 {
        events.push_str(&SOURCE.replace("sources.a]", &format!("sources.s{i}]")));
    }
    for i in 0..64 {
        events.push_str(&event(&format!("e{i}"), &format!("s{i}")));
    }
    fs::write(dir.path().join("events.toml"), events).unwrap();
    let report = json(dir.path());
    assert_eq!(report["errors"], 0, "{report}");
}

#[test]
fn thousands_of_repeated_ids_point_back_at_the_first() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let mut events = String::from(SOURCE);
    for _ in 0..8_000 {
        events.push_str(&event("same", "a"));
    }
    fs::write(dir.path().join("events.toml"), events).unwrap();
    let out = citeline(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert_eq!(text.matches("error[duplicate-id]").count(), 7_999);
    assert_eq!(text.matches("first used here").count(), 7_999);
}

#[test]
fn wrong_pins_on_many_sources_cost_one_pass_each() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let mut events = String::new();
    for i in 0..1_000 {
        events.push_str(&SOURCE.replace("sources.a]", &format!("sources.s{i}]")));
        events.push_str(&format!("sha256 = \"{}\"\n", "0".repeat(64)));
    }
    for i in 0..8_000 {
        events.push_str(&event(&format!("e{i}"), &format!("s{}", i % 1_000)));
    }
    fs::write(dir.path().join("events.toml"), events).unwrap();
    let report = json(dir.path());
    let pins: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "sha256-mismatch")
        .collect();
    assert_eq!(pins.len(), 1_000);
    let notes = pins[0]["notes"].to_string();
    assert!(notes.contains("8 of 8 quotes still stand"), "{notes}");
}

#[test]
fn one_long_line_with_many_findings_prints_a_window_for_each() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    // Top-level keys come before any table header.
    let mut events = String::from("events = [");
    for i in 0..5_000 {
        write!(events, "{{id = \"Bad Id {i}\", date = \"2003-11-19\", title = \"Meeting\", evidence = [{{source = \"a\", quote = \"On 19 November the ministers met\"}}]}}, ").unwrap();
    }
    events.push_str("]\n");
    events.push_str(SOURCE);
    assert!(events.len() > 500_000);
    fs::write(dir.path().join("events.toml"), &events).unwrap();
    let out = citeline(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert_eq!(text.matches("error[invalid-id]").count(), 5_000);
    // Each finding shows a window of the line, not the whole line.
    assert!(text.len() < 5_000 * 2_000, "{} bytes of output", text.len());
}

#[test]
fn a_note_long_enough_to_break_the_chart_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let note = "a very long note ".repeat(600_000);
    let events = format!(
        "{SOURCE}{}date_note = \"{note}\"\n",
        event("e", "a").replace(
            "[[events.evidence]]",
            "dated_by = \"inference\"\n[[events.evidence]]"
        )
    );
    // The note lands in the evidence table: move it to the event.
    let events = events.replace(&format!("date_note = \"{note}\"\n"), "");
    let events = events.replace(
        "dated_by = \"inference\"\n",
        &format!("dated_by = \"inference\"\ndate_note = \"{note}\"\n"),
    );
    fs::write(dir.path().join("events.toml"), events).unwrap();
    let out = citeline(dir.path(), &["render", "-o", "chart.svg"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("`date_note` has 10200000 characters; at most 2000"),
        "{:.2000}",
        text
    );
    assert!(!dir.path().join("chart.svg").exists());
    let report = json(dir.path());
    assert_eq!(codes(&report), ["invalid-value"]);
}

#[test]
fn a_misspelt_source_cited_thousands_of_times_is_measured_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let mut events = String::new();
    for i in 0..1_000 {
        events.push_str(&SOURCE.replace("sources.a]", &format!("sources.source-number-{i}]")));
    }
    for i in 0..8_000 {
        events.push_str(&event(&format!("e{i}"), "source-numbr-7"));
    }
    fs::write(dir.path().join("events.toml"), events).unwrap();
    let report = json(dir.path());
    let undeclared: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "undeclared-source")
        .collect();
    assert_eq!(undeclared.len(), 8_000);
    assert_eq!(undeclared[0]["help"], "did you mean `source-number-7`?");
}

#[test]
fn a_flood_of_findings_is_kept_to_the_cap_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let mut events = String::from(SOURCE);
    for i in 0..12_000 {
        // Each event: a quote that is not in the article.
        events.push_str(&event(&format!("e{i}"), "a").replace("ministers met", "ministers ate"));
    }
    fs::write(dir.path().join("events.toml"), events).unwrap();
    let report = json(dir.path());
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 10_000);
    assert_eq!(report["omitted"], 2_000);
    assert_eq!(report["errors"], 12_000);
    let out = citeline(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("... and 2000 more findings not shown (2000 errors, 0 warnings)"),
        "{:.300}",
        &text[text.len() - 300..]
    );
    assert!(text.ends_with("events.toml: 12000 errors, 0 warnings\n"));
}

#[test]
fn dates_on_a_long_line_of_dates_counts_columns_once() {
    let dir = tempfile::tempdir().unwrap();
    let article = format!("{ARTICLE}{}\n", "on 19 November ".repeat(20_000));
    fs::write(dir.path().join("a.txt"), article).unwrap();
    fs::write(
        dir.path().join("events.toml"),
        format!("{SOURCE}{}", event("e", "a")),
    )
    .unwrap();
    let out = citeline(dir.path(), &["dates", "a"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let listing = stdout(&out);
    assert_eq!(listing.lines().count(), 1 + 2 + 20_000);
    let last = listing.lines().last().unwrap();
    assert!(
        last.starts_with(&format!("a.txt:5:{}\t", 19_999 * 15 + 4)),
        "{last}"
    );
}

/// A project whose one source is `name`, holding `bytes`.
fn hostile_source(name: &str, bytes: &[u8]) -> (tempfile::TempDir, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    let events = SOURCE.replace("a.txt", name) + &event("e", "a");
    fs::write(dir.path().join("events.toml"), events).unwrap();
    let report = json(dir.path());
    (dir, report)
}

/// The one finding about the source, as `code: message`.
fn refusal(report: &serde_json::Value) -> String {
    let d = &report["diagnostics"][0];
    assert_eq!(
        report["diagnostics"].as_array().unwrap().len(),
        1,
        "{report:#}"
    );
    format!(
        "{}: {}",
        d["code"].as_str().unwrap(),
        d["message"].as_str().unwrap()
    )
}

#[test]
fn html_nested_100_000_deep_is_refused_before_the_parser_stalls() {
    let page = format!(
        "<html><body>{}On 19 November the ministers met{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let (_dir, report) = hostile_source("deep.html", page.as_bytes());
    let found = refusal(&report);
    assert!(
        found.starts_with("source-malformed: `deep.html`: HTML nested deeper than 512"),
        "{found}"
    );
}

#[test]
fn one_text_node_of_16_mib_is_read() {
    // Just under the cap on the text: 3 December 2003 attests `published`, the quote stands.
    let body = "On 19 November the ministers met. ".repeat(480_000);
    let page = format!("<html><title>Report</title><p>Wire, 3 December 2003</p><p>{body}</p>");
    assert!(page.len() < 16 * 1024 * 1024);
    let (_dir, report) = hostile_source("node.html", page.as_bytes());
    assert_eq!(codes(&report), Vec::<String>::new(), "{report:#}");
}

#[test]
fn a_pdf_stream_that_inflates_past_the_cap_is_refused() {
    use std::io::Write as _;
    // 64 MiB of zeros deflate to 64 kB; a bomb of gigabytes is the same case, slower to
    // build (benches/hostile.sh has a 4 GiB one).
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b'0'; 1 << 20];
    for _ in 0..64 {
        z.write_all(&chunk).unwrap();
    }
    let data = z.finish().unwrap();
    let mut pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n"
        .to_vec();
    pdf.extend(
        format!(
            "4 0 obj << /Length {} /Filter /FlateDecode >> stream\n",
            data.len()
        )
        .bytes(),
    );
    pdf.extend(&data);
    pdf.extend(b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    let (_dir, report) = hostile_source("bomb.pdf", &pdf);
    let found = refusal(&report);
    assert!(
        found.starts_with("source-malformed: `bomb.pdf`:"),
        "{found}"
    );
    assert!(found.contains("compression bomb"), "{found}");
}

#[test]
fn a_pdf_whose_page_tree_is_a_cycle_is_refused() {
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
2 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    let (_dir, report) = hostile_source("cycle.pdf", pdf);
    let found = refusal(&report);
    assert!(
        found.starts_with("source-malformed: `cycle.pdf`:"),
        "{found}"
    );
}
