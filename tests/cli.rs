//! The real binary: exit codes 0/1/2, human and JSON output, bad input of every kind, and
//! atomic writes.

use crate::util::{citeline, stderr, stdout};
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(code: &str, kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(code)
        .join(kind)
}

/// A temp folder holding a copy of a fixture.
fn copy_of(code: &str, kind: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(fixture(code, kind)).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

#[test]
fn shipped_data_checks_clean_with_exit_0() {
    let out = citeline(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["check", "--deny-warnings"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("no errors, no warnings"));
}

#[test]
fn data_errors_exit_1_with_a_compiler_style_report() {
    let dir = copy_of("quote-not-found", "bad");
    let out = citeline(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("error[quote-not-found]: the quote does not stand in source `wire`"),
        "{text}"
    );
    assert!(text.contains("--> events.toml:16:9"), "{text}");
    assert!(text.contains("^^^"), "{text}");
    assert!(text.contains("% similar, at article.txt:9:1"), "{text}");
}

#[test]
fn json_output_is_one_object_with_counts() {
    let dir = copy_of("unused-source", "bad");
    let out = citeline(dir.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "warnings alone do not fail");
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["errors"], 0);
    assert_eq!(json["warnings"], 1);
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "unused-source");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["source"], "other");
    assert!(d["event"].is_null());
    assert_eq!(d["file"], "events.toml");
    assert!(d["line"].as_u64().unwrap() > 0 && d["column"].as_u64().unwrap() > 0);
    let denied = citeline(dir.path(), &["check", "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn usage_and_environment_problems_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = citeline(dir.path(), &["check"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("cannot read events file events.toml"),
        "{}",
        stderr(&missing)
    );
    assert_eq!(
        citeline(dir.path(), &["check", "--bogus"]).status.code(),
        Some(2)
    );
    assert_eq!(
        citeline(dir.path(), &["explain", "no-such-code"])
            .status
            .code(),
        Some(2)
    );
    fs::create_dir(dir.path().join("events.toml")).unwrap();
    assert_eq!(citeline(dir.path(), &["check"]).status.code(), Some(2));
}

#[test]
fn a_100_megabyte_events_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let file = fs::File::create(dir.path().join("events.toml")).unwrap();
    file.set_len(100 << 20).unwrap();
    let out = citeline(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("more than the 64 MiB citeline reads"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn broken_input_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("binary", (0..=255u8).cycle().take(4096).collect()),
        ("not-utf8", b"title = \"caf\xe9\"\n".to_vec()),
        ("empty", Vec::new()),
        (
            "wrong-types",
            b"[timeline]\ntitle = 3\n[[events]]\nid = []\ndate = {}\ntitle = true\n".to_vec(),
        ),
        (
            "huge-title",
            format!(
                "[[events]]\nid = \"a\"\ndate = \"2003\"\ntitle = \"{}\"\n",
                "x".repeat(10 << 20)
            )
            .into_bytes(),
        ),
    ];
    for (name, bytes) in cases {
        fs::write(dir.path().join("events.toml"), &bytes).unwrap();
        let out = citeline(dir.path(), &["check"]);
        let text = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {text}");
        assert!(text.contains("error["), "{name}: {text}");
        assert!(!text.contains("panicked"), "{name}: {text}");
        assert!(
            text.len() < 64 * 1024,
            "{name}: {} bytes of output",
            text.len()
        );
    }
}

#[test]
fn explain_prints_the_rule() {
    let out = citeline(Path::new("."), &["explain", "date-too-precise"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("more precise than the evidence"));
    let all = citeline(Path::new("."), &["explain"]);
    assert_eq!(stdout(&all).lines().count(), citeline::rules::all().len());
}

#[test]
fn dates_lists_every_expression_with_its_interval() {
    let out = citeline(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["dates", "rferl-2003-12-03"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("\"this week\"\t-> 2003-12-01 to 2003-12-07"),
        "{text}"
    );
    assert!(
        text.contains("\"3 December 2003\"\t-> 2003-12-03"),
        "{text}"
    );
    let unknown = citeline(Path::new(env!("CARGO_MANIFEST_DIR")), &["dates", "nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("rferl-2003-12-03"));
}

#[test]
fn dates_json_gives_both_readings_with_offsets() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = citeline(root, &["dates", "rferl-2003-12-03", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["file"], "articles/rferl-2003-12-03.txt");
    assert_eq!(json["published"], "2003-12-03");
    assert_eq!(json["direction"], "text");
    let expressions = json["expressions"].as_array().unwrap();
    assert_eq!(expressions.len(), 6);
    let text = fs::read_to_string(root.join("articles/rferl-2003-12-03.txt")).unwrap();
    let e = &expressions[1];
    let (start, end) = (
        e["start"].as_u64().unwrap() as usize,
        e["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], "19 November");
    assert_eq!(e["text"], "19 November");
    assert_eq!(
        (e["line"].as_u64(), e["column"].as_u64()),
        (Some(13), Some(162))
    );
    assert_eq!(e["kind"], "day and month");
    assert_eq!(e["reading"], "past");
    assert!(e["tense"].is_null());
    let day = |d: &str| serde_json::json!({"first": d, "last": d});
    assert_eq!(e["days"], day("2003-11-19"));
    assert_eq!(e["past"], day("2003-11-19"));
    assert_eq!(e["future"], day("2004-11-19"));
    assert_eq!(e["ends"], serde_json::json!([]));
    let week = &expressions[4];
    assert_eq!(week["text"], "this week");
    assert_eq!(
        week["future"],
        serde_json::json!({"first": "2003-12-01", "last": "2003-12-07"})
    );

    // Forced forwards, every expression is read so.
    let planned = citeline(
        root,
        &["dates", "rferl-2003-12-03", "--planned", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&planned)).unwrap();
    assert_eq!(json["direction"], "future");
    let e = &json["expressions"][1];
    assert_eq!(
        (&e["reading"], &e["days"]),
        (&"future".into(), &day("2004-11-19"))
    );
}

#[test]
fn dates_shows_both_readings_where_they_differ() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = stdout(&citeline(root, &["dates", "rferl-2003-12-03"]));
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].ends_with("resolving each expression in the direction its text gives"),
        "{text}"
    );
    // Four tab-separated fields a line; the other reading only where the two differ.
    for line in &lines[1..] {
        assert_eq!(line.split('\t').count(), 4, "{line}");
    }
    assert!(
        text.contains("\t\"19 November\"\t-> 2003-11-19 (read as past; as future: 2004-11-19)\n"),
        "{text}"
    );
    assert!(text.contains("\t\"today\"\t-> 2003-12-03\n"), "{text}");

    let past = stdout(&citeline(root, &["dates", "rferl-2003-12-03", "--past"]));
    assert!(
        past.starts_with(
            "articles/rferl-2003-12-03.txt: published 2003-12-03, resolving as for a past event\n"
        ),
        "{past}"
    );
    assert!(past.contains("\"19 November\"\t-> 2003-11-19 (read as past; as future: 2004-11-19)"));
    let planned = stdout(&citeline(root, &["dates", "rferl-2003-12-03", "--planned"]));
    assert!(
        planned.contains("resolving as for a planned event"),
        "{planned}"
    );
    assert!(
        planned.contains("\"19 November\"\t-> 2004-11-19 (read as future; as past: 2003-11-19)"),
        "{planned}"
    );
    let both = citeline(root, &["dates", "rferl-2003-12-03", "--past", "--planned"]);
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn dates_reads_any_file_given_its_publication_date() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("notes.txt"),
        "The ministers met on 19 November.\nThey will meet again in April.\n",
    )
    .unwrap();
    let args = ["dates", "--file", "notes.txt", "--published", "2003-12-03"];
    let out = citeline(dir.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("notes.txt: published 2003-12-03, resolving each expression"),
        "{text}"
    );
    assert!(
        text.contains("notes.txt:1:22\tday and month\t\"19 November\"\t-> 2003-11-19 (read as past; as future: 2004-11-19)\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "notes.txt:2:25\tmonth\t\"April\"\t-> 2004-04 (read as future; as past: 2003-04)\n"
        ),
        "{text}"
    );
    // A numeric date order, and JSON, with --file too; no events file is needed.
    let mut json_args = args.to_vec();
    json_args.extend(["--date-order", "dmy", "--format", "json"]);
    let json = citeline(dir.path(), &json_args);
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let json: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(json["file"], "notes.txt");
    assert_eq!(json["expressions"][1]["future"]["last"], "2004-04-30");
    // An uncertain publication date widens what relative expressions give.
    let wide = citeline(
        dir.path(),
        &[
            "dates",
            "--file",
            "notes.txt",
            "--published",
            "2003-11?/2003-12?",
        ],
    );
    assert!(
        stdout(&wide).contains("\"19 November\"\t-> 2002-11-19 to 2003-11-19"),
        "{}",
        stdout(&wide)
    );
}

#[test]
fn dates_refuses_a_bad_published_or_file_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "on 19 November").unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["dates"];
        all.extend_from_slice(args);
        let out = citeline(dir.path(), &all);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty());
        stderr(&out)
    };
    let month = run(&["--file", "notes.txt", "--published", "2003-13"]);
    assert!(
        month.contains("`2003-13` is not a date like 2003-12-03"),
        "{month}"
    );
    assert!(month.contains("no month 13"), "{month}");
    let words = run(&["--file", "notes.txt", "--published", "3 December 2003"]);
    assert!(words.contains("is not a date like"), "{words}");
    let open = run(&["--file", "notes.txt", "--published", "2003/.."]);
    assert!(open.contains("open-ended"), "{open}");
    let missing = run(&["--file", "notes.txt"]);
    assert!(missing.contains("--published"), "{missing}");
    let alone = run(&["--published", "2003-12-03"]);
    assert!(alone.contains("--file"), "{alone}");
    let both = run(&["rferl", "--file", "notes.txt", "--published", "2003"]);
    assert!(both.contains("cannot be used with"), "{both}");
    let order = run(&[
        "--file",
        "notes.txt",
        "--published",
        "2003",
        "--date-order",
        "dd",
    ]);
    assert!(order.contains("dmy"), "{order}");
    let gone = run(&["--file", "gone.txt", "--published", "2003"]);
    assert!(gone.contains("cannot read `gone.txt`"), "{gone}");
    fs::write(dir.path().join("binary.txt"), b"on 19 November\0").unwrap();
    let binary = run(&["--file", "binary.txt", "--published", "2003"]);
    assert!(binary.contains("not plain text"), "{binary}");
}

#[test]
fn render_writes_each_format_and_nothing_while_there_are_errors() {
    let dir = copy_of("date-contradicted", "good");
    let out = citeline(
        dir.path(),
        &[
            "render",
            "-o",
            "chart.svg",
            "-o",
            "chart.png",
            "--scale",
            "1",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = fs::read_to_string(dir.path().join("chart.svg")).unwrap();
    assert!(svg.contains("<svg") && svg.contains("Ministers sign the water pact"));
    let png = fs::read(dir.path().join("chart.png")).unwrap();
    assert_eq!(&png[1..4], b"PNG");

    // Break the data: the check fails, and the previous chart stays byte for byte.
    let events = fs::read_to_string(dir.path().join("events.toml")).unwrap();
    fs::write(
        dir.path().join("events.toml"),
        events.replace("2010-03-02", "2010-03-01"),
    )
    .unwrap();
    let failed = citeline(dir.path(), &["render", "-o", "chart.svg"]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(
        stderr(&failed).contains("nothing drawn"),
        "{}",
        stderr(&failed)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("chart.svg")).unwrap(),
        svg
    );
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 4, "no temporary file is left behind: {left:?}");
}

#[test]
fn render_refuses_unknown_formats_and_unwritable_outputs() {
    let dir = copy_of("date-contradicted", "good");
    let pdf = citeline(dir.path(), &["render", "-o", "chart.pdf"]);
    assert_eq!(pdf.status.code(), Some(2));
    assert!(stderr(&pdf).contains(".svg or .png"), "{}", stderr(&pdf));
    let nowhere = citeline(dir.path(), &["render", "-o", "no/such/folder/chart.svg"]);
    assert_eq!(nowhere.status.code(), Some(2));
    assert!(
        stderr(&nowhere).contains("cannot write no/such/folder/chart.svg"),
        "{}",
        stderr(&nowhere)
    );
}

#[test]
fn no_arguments_checks_and_writes_both_charts() {
    let dir = copy_of("date-contradicted", "good");
    let out = citeline(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.path().join("output/timeline.svg").is_file());
    assert!(dir.path().join("output/timeline.png").is_file());
}

#[test]
fn hostile_labels_are_escaped_in_the_chart() {
    let dir = copy_of("date-contradicted", "good");
    let events = fs::read_to_string(dir.path().join("events.toml")).unwrap();
    let hostile = events.replace(
        "Ministers sign the water pact",
        "</text><script>alert(1)</script> & \\\"q\\\"",
    );
    fs::write(dir.path().join("events.toml"), hostile).unwrap();
    let out = citeline(dir.path(), &["render", "-o", "chart.svg"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = fs::read_to_string(dir.path().join("chart.svg")).unwrap();
    assert!(!svg.contains("<script"), "{svg}");
    assert!(svg.contains("&lt;/text&gt;&lt;script&gt;"), "{svg}");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let dir = copy_of("quote-not-found", "bad");
    // The test harness's pipe is not a terminal, and util::citeline sets NO_COLOR.
    let plain = citeline(dir.path(), &["check"]);
    assert!(!stderr(&plain).contains('\u{1b}'));
    let coloured = citeline(dir.path(), &["check", "--color", "always"]);
    assert!(
        stderr(&coloured).contains("\u{1b}["),
        "{}",
        stderr(&coloured)
    );
}

#[test]
fn a_filter_that_draws_nothing_is_refused_and_says_what_the_data_has() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let svg = out.path().join("chart.svg");
    let svg_arg = svg.to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["render", "events.toml", "-o", svg_arg];
        args.extend_from_slice(extra);
        citeline(root, &args)
    };
    let reversed = run(&["--from", "2010", "--to", "2003"]);
    assert_eq!(reversed.status.code(), Some(2));
    assert!(stderr(&reversed).contains("--from 2010-01-01 is after --to 2003-12-31"));
    let unknown = run(&["--tag", "nosuch"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("no event is tagged `nosuch`; the tags are: analysis"),
        "{}",
        stderr(&unknown)
    );
    let disjoint = run(&["--tag", "plan", "--from", "2013"]);
    assert_eq!(disjoint.status.code(), Some(2));
    assert!(!svg.exists(), "nothing is written for a refused filter");
    let bad_date = run(&["--from", "2019-13"]);
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(
        stderr(&bad_date).contains("no month 13"),
        "{}",
        stderr(&bad_date)
    );
    // A filter that keeps events draws only them, and the SVG says how many.
    let plans = run(&["--tag", "plan", "--tag", "meeting"]);
    assert_eq!(plans.status.code(), Some(0), "{}", stderr(&plans));
    let text = fs::read_to_string(&svg).unwrap();
    assert!(
        text.contains("<desc id=\"desc\">2 events on a timeline"),
        "{text}"
    );
    assert_eq!(text.matches("<g id=\"event-").count(), 2);
}
