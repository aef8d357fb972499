//! One fixture per rule: `bad/` must report the rule, `good/` must not, and must check clean.

use crate::util::assert_golden;
use citeline::check_file;
use citeline::write_human;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The human output for an events file, checked as a user in the crate root would: by a
/// relative path, so paths in the output are relative to the crate root too.
fn human(events: &Path) -> (citeline::Report, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shown = events.strip_prefix(root).unwrap_or(events);
    assert_eq!(
        std::env::current_dir().unwrap(),
        root,
        "tests run in the crate root"
    );
    let checked = check_file(shown).unwrap();
    let mut out = Vec::new();
    write_human(
        &mut out,
        &checked.report,
        shown,
        &checked.timeline.text,
        false,
    )
    .unwrap();
    (checked.report, String::from_utf8(out).unwrap())
}

#[test]
fn every_rule_has_a_failing_and_a_passing_fixture() {
    for rule in citeline::rules::all() {
        if rule.code == "source-too-large" {
            continue; // a 16 MiB file is made at test time, below
        }
        let dir = fixtures().join(rule.code);
        let (bad, text) = human(&dir.join("bad/events.toml"));
        assert!(
            bad.with_code(rule.code).count() > 0,
            "{}: bad/ does not report it:\n{text}",
            rule.code
        );
        assert_golden(&dir.join("bad/expected.txt"), &text);
        let (good, text) = human(&dir.join("good/events.toml"));
        assert_eq!(
            good.with_code(rule.code).count(),
            0,
            "{}: good/ reports it:\n{text}",
            rule.code
        );
        assert_eq!(
            (good.errors(), good.warnings()),
            (0, 0),
            "{}: good/ is not clean:\n{text}",
            rule.code
        );
    }
}

#[test]
fn source_too_large() {
    let dir = tempfile::tempdir().unwrap();
    let events =
        std::fs::read_to_string(fixtures().join("date-contradicted/good/events.toml")).unwrap();
    std::fs::write(dir.path().join("events.toml"), &events).unwrap();
    let file = std::fs::File::create(dir.path().join("article.txt")).unwrap();
    file.set_len(citeline::MAX_SOURCE_BYTES + 1).unwrap();
    let checked = check_file(&dir.path().join("events.toml")).unwrap();
    let d = checked
        .report
        .with_code("source-too-large")
        .next()
        .expect("reported");
    assert_eq!(d.source.as_deref(), Some("wire"));
    assert!(d.message.contains("16 MiB"), "{}", d.message);
}

#[test]
fn findings_name_the_event_and_source_they_concern() {
    let (report, _) = human(&fixtures().join("quote-not-found/bad/events.toml"));
    let d = report.with_code("quote-not-found").next().unwrap();
    assert_eq!(d.event.as_deref(), Some("signing"));
    assert_eq!(d.source.as_deref(), Some("wire"));
    assert!(
        d.notes
            .iter()
            .any(|n| n.contains("`Gamma`") && n.contains("`Beta`")),
        "{:?}",
        d.notes
    );
}
