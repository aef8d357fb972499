//! Messages a user acts on: each names the real cause, says what to do, and names paths as
//! the user can open them. Each case here once misled.

use crate::util::{citeline, stderr, stdout};
use std::fs;
use std::path::Path;

/// A folder `data/` inside a temp folder, holding a copy of a fixture.
fn nested_copy(code: &str, kind: &str) -> tempfile::TempDir {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(code)
        .join(kind);
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("data")).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(
            entry.path(),
            dir.path().join("data").join(entry.file_name()),
        )
        .unwrap();
    }
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_bad_value_in_a_source_does_not_blame_the_events_citing_it() {
    let dir = nested_copy("date-too-precise", "good");
    let events = dir.path().join("data/events.toml");
    edit(&events, "published = ", "published_note = 5\npublished = ");
    let out = citeline(
        dir.path(),
        &["check", "--format", "json", "data/events.toml"],
    );
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["invalid-type"], "only the real fault");
}

#[test]
fn after_a_source_that_is_not_a_table_findings_name_their_own_owner() {
    let dir = nested_copy("unknown-key", "bad");
    let events = dir.path().join("data/events.toml");
    let text = fs::read_to_string(&events).unwrap();
    fs::write(&events, format!("[sources]\nbroken = 5\n{text}")).unwrap();
    let out = citeline(
        dir.path(),
        &["check", "--format", "json", "data/events.toml"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert!(
        diagnostics.iter().any(|d| d["source"] == "broken"),
        "the source's own finding"
    );
    assert!(
        diagnostics.iter().any(|d| d["event"].is_string()),
        "an event's finding"
    );
    for d in diagnostics {
        if d["event"].is_string() {
            assert!(d["source"].is_null() || d["source"] != "broken", "{d}");
        }
    }
}

#[test]
fn paths_in_notes_are_as_the_user_can_open_them() {
    let dir = nested_copy("quote-not-found", "bad");
    let out = citeline(dir.path(), &["check", "data/events.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("at data/article.txt:9:1"),
        "{}",
        stderr(&out)
    );
    let dates = citeline(dir.path(), &["dates", "wire", "data/events.toml"]);
    assert_eq!(dates.status.code(), Some(0), "{}", stderr(&dates));
    assert!(
        stdout(&dates).starts_with("data/article.txt: published"),
        "{}",
        stdout(&dates)
    );
}

#[test]
fn dates_on_a_broken_file_says_so_and_exits_1() {
    let dir = nested_copy("quote-not-found", "bad");
    let events = dir.path().join("data/events.toml");
    edit(&events, "[sources.wire]", "[sources.wire");
    let out = citeline(dir.path(), &["dates", "wire", "data/events.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("toml-syntax") && text.contains("does not parse"),
        "{text}"
    );
    assert!(!text.contains("declares no source"), "{text}");
}

#[test]
fn dates_on_an_unreadable_article_exits_1_like_check() {
    let dir = nested_copy("quote-not-found", "bad");
    fs::remove_file(dir.path().join("data/article.txt")).unwrap();
    let check = citeline(dir.path(), &["check", "data/events.toml"]);
    let dates = citeline(dir.path(), &["dates", "wire", "data/events.toml"]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(dates.status.code(), Some(1), "{}", stderr(&dates));
    assert!(
        stderr(&dates).contains("cannot be read"),
        "{}",
        stderr(&dates)
    );
}

#[test]
fn deny_warnings_says_why_it_failed() {
    let dir = nested_copy("unused-source", "bad");
    let out = citeline(
        dir.path(),
        &["check", "--deny-warnings", "data/events.toml"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--deny-warnings turns the warnings above into a failure"));
}

#[test]
fn help_says_what_plain_citeline_does_and_where_findings_go() {
    let out = citeline(Path::new("."), &["--help"]);
    let text = stdout(&out);
    assert!(
        text.contains("With no command, citeline checks events.toml"),
        "{text}"
    );
    assert!(text.contains("standard error"), "{text}");
}

#[test]
fn an_unknown_rule_code_gets_the_near_one() {
    let out = citeline(Path::new("."), &["explain", "quote-not-fund"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `quote-not-found`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn key_is_true_or_false_and_nothing_else() {
    let event = |key: &str| {
        format!(
            "[sources.wire]\nfile = \"a.txt\"\npublisher = \"P\"\ntitle = \"T\"\npublished = \"2003-11-19\"\n\n\
             [[events]]\nid = \"talks\"\ndate = \"2003-11-19\"\ntitle = \"Talks\"\n{key}\n\
             [[events.evidence]]\nsource = \"wire\"\nquote = \"talks\"\n"
        )
    };
    let load = |key: &str| citeline::load_str(Path::new("events.toml"), event(key));
    assert!(load("key = true").timeline.events[0].key);
    assert!(!load("key = false").timeline.events[0].key);
    assert!(!load("").timeline.events[0].key);
    let wrong = load("key = \"yes\"");
    let d = &wrong.diagnostics[0];
    assert_eq!(d.code, "invalid-type");
    assert!(
        d.message.contains("`key` must be true or false"),
        "{}",
        d.message
    );
    assert_eq!(d.help.as_deref(), Some("write key = true"));
}
