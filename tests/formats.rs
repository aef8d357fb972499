//! `check`'s machine formats through the real binary: SARIF valid against the official
//! SARIF 2.1.0 schema (tests/data/sarif/), with stable fingerprints and fixes; GitHub
//! workflow commands at the places the JSON output names; JSON lines equal to the JSON
//! output's findings; `CITELINE_FORMAT` as the default format.

use crate::util::{citeline, stderr, stdout};
use citeline::{Diagnostic, Fix, Report, Rule, Severity};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Bad fixtures covering every severity, related places, several findings, a TOML syntax
/// error and findings from the sources' side.
const BAD: &[&str] = &[
    "duplicate-id/bad",
    "date-inferred/bad",
    "news-dates/bad",
    "quote-not-found/bad",
    "toml-syntax/bad",
    "undeclared-source/bad",
    "invalid-date/bad",
    "unused-source/bad",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

fn run(dir: &Path, format: &str) -> String {
    let out = citeline(dir, &["check", "--format", format]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{format} in {}: {}",
        dir.display(),
        stderr(&out)
    );
    stdout(&out)
}

fn json_findings(dir: &Path) -> Vec<Value> {
    let json: Value = serde_json::from_str(&run(dir, "json")).unwrap();
    json["diagnostics"].as_array().unwrap().clone()
}

fn sarif_validator() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(root().join("tests/data/sarif/sarif-schema-2.1.0.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles offline")
}

#[track_caller]
fn assert_valid_sarif(validator: &jsonschema::Validator, log: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().unwrap()
}

#[test]
fn sarif_of_the_shipped_data_and_bad_fixtures_is_valid_and_matches_the_json() {
    let validator = sarif_validator();
    let shipped: Value = serde_json::from_str(&run(root(), "sarif")).unwrap();
    assert_valid_sarif(&validator, &shipped, "events.toml");
    assert!(!results(&shipped).is_empty(), "the shipped data has notes");
    assert!(results(&shipped).iter().all(|r| r["level"] == "note"));
    assert_eq!(shipped["runs"][0]["columnKind"], "unicodeCodePoints");
    assert_eq!(shipped["runs"][0]["tool"]["driver"]["name"], "citeline");
    for name in BAD {
        let dir = fixture(name);
        let log: Value = serde_json::from_str(&run(&dir, "sarif")).unwrap();
        assert_valid_sarif(&validator, &log, name);
        let json = json_findings(&dir);
        let results = results(&log);
        assert_eq!(results.len(), json.len(), "{name}");
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        for (result, finding) in results.iter().zip(&json) {
            assert_eq!(result["ruleId"], finding["code"], "{name}");
            let level = finding["severity"].as_str().unwrap();
            assert_eq!(result["level"], level, "{name}");
            let rule = &rules[result["ruleIndex"].as_u64().unwrap() as usize];
            assert_eq!(rule["id"], finding["code"], "{name}");
            let catalogued = citeline::rules::find(finding["code"].as_str().unwrap()).unwrap();
            assert_eq!(rule["shortDescription"]["text"], catalogued.summary);
            let place = &result["locations"][0]["physicalLocation"];
            assert_eq!(place["artifactLocation"]["uri"], "events.toml");
            assert_eq!(place["region"]["startLine"], finding["line"], "{name}");
            assert_eq!(place["region"]["startColumn"], finding["column"], "{name}");
            let related = result["relatedLocations"].as_array().map_or(0, Vec::len);
            assert_eq!(related, finding["related"].as_array().unwrap().len());
            let text = result["message"]["text"].as_str().unwrap();
            assert!(text.starts_with(finding["message"].as_str().unwrap()));
            if let Some(help) = finding["help"].as_str() {
                assert!(text.contains(&format!("help: {help}")), "{text}");
            }
        }
        let mut ids: Vec<&Value> = rules.iter().map(|r| &r["id"]).collect();
        let count = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), count, "one descriptor per code: {name}");
    }
}

#[test]
fn the_schema_refuses_broken_sarif_so_the_validation_means_something() {
    let validator = sarif_validator();
    let log: Value = serde_json::from_str(&run(&fixture("duplicate-id/bad"), "sarif")).unwrap();
    let result = "/runs/0/results/0";
    let breakages: [(&str, Value); 4] = [
        ("/version", Value::from("2.0")),
        (&format!("{result}/level"), Value::from("fatal")),
        (
            &format!("{result}/locations/0/physicalLocation/region/startLine"),
            Value::from(0),
        ),
        (
            &format!("{result}/relatedLocations/0/physicalLocation/region/endColumn"),
            Value::from("7"),
        ),
    ];
    for (pointer, value) in breakages {
        let mut broken = log.clone();
        *broken.pointer_mut(pointer).expect(pointer) = value;
        assert!(!validator.is_valid(&broken), "{pointer} accepted");
    }
    let mut unknown = log.clone();
    unknown["runs"][0]["colour"] = Value::from("red");
    assert!(
        !validator.is_valid(&unknown),
        "an unknown run property accepted"
    );
}

fn fingerprints(log: &Value) -> Vec<(String, Value)> {
    results(log)
        .iter()
        .map(|r| {
            let line = &r["locations"][0]["physicalLocation"]["region"]["startLine"];
            (
                r["partialFingerprints"]["citeline/v1"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                line.clone(),
            )
        })
        .collect()
}

#[test]
fn fingerprints_are_stable_and_survive_an_unrelated_event_above() {
    let source = fixture("news-dates/bad");
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&source).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let first: Value = serde_json::from_str(&run(dir.path(), "sarif")).unwrap();
    let again: Value = serde_json::from_str(&run(dir.path(), "sarif")).unwrap();
    let before = fingerprints(&first);
    assert!(before.len() > 2);
    assert_eq!(before, fingerprints(&again));
    let mut unique: Vec<&String> = before.iter().map(|(f, _)| f).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        before.len(),
        "each finding its own fingerprint"
    );

    let path = dir.path().join("events.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find("[[events]]").unwrap();
    let source_id = text[text.find("[sources.").unwrap() + 9..]
        .split(']')
        .next()
        .unwrap();
    let inserted = format!(
        "[[events]]\nid = \"unrelated\"\ndate = \"1999\"\ntitle = \"Unrelated\"\n\
         dated_by = \"inference\"\ndate_note = \"n\"\n\n[[events.evidence]]\n\
         source = \"{source_id}\"\nquote = \"zzz not in the article zzz\"\n\n"
    );
    std::fs::write(&path, format!("{}{inserted}{}", &text[..at], &text[at..])).unwrap();
    let moved: Value = serde_json::from_str(&run(dir.path(), "sarif")).unwrap();
    let after = fingerprints(&moved);
    let inserted_at = text[..at].lines().count() as u64 + 1;
    let mut shifted = 0;
    for (fingerprint, line) in &before {
        let kept = after.iter().find(|(f, _)| f == fingerprint);
        let (_, new_line) = kept.unwrap_or_else(|| panic!("{fingerprint} lost: {after:?}"));
        let line = line.as_u64().unwrap();
        let shift = if line >= inserted_at { 11 } else { 0 };
        shifted += usize::from(shift > 0);
        assert_eq!(new_line.as_u64().unwrap(), line + shift);
    }
    assert!(
        shifted > 0,
        "some findings moved down, and kept their fingerprints"
    );
    assert!(
        after.len() > before.len(),
        "the new event has findings of its own"
    );
}

const QUOTE_NOT_FOUND: Rule = Rule {
    code: "quote-not-found",
    severity: Severity::Error,
    summary: "s",
    explanation: "e",
};

fn render(
    write: fn(&mut Vec<u8>, &Report, &Path, &str) -> std::io::Result<()>,
    report: &Report,
    text: &str,
) -> String {
    let mut out = Vec::new();
    write(&mut out, report, Path::new("data/events.toml"), text).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn a_fix_becomes_a_sarif_fix_and_a_whole_file_finding_a_bare_location() {
    let text = "[[events]]\nquote = \"Brüssel 19 Nov\"\n";
    let span = text.find("19").unwrap()..text.find(" Nov").unwrap();
    let fix = Fix {
        title: "Write the day the source has".into(),
        span: span.clone(),
        replacement: "18".into(),
    };
    let report = Report::new(vec![
        Diagnostic::whole_file(&QUOTE_NOT_FOUND, "about the whole file"),
        Diagnostic::new(&QUOTE_NOT_FOUND, span.clone(), "m").with_fix(fix),
    ]);
    let log: Value = serde_json::from_str(&render(citeline::write_sarif, &report, text)).unwrap();
    assert_valid_sarif(&sarif_validator(), &log, "hand-built");
    let [whole, fixed] = &results(&log)[..] else {
        panic!("{log:#}")
    };
    let place = &whole["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "data/events.toml");
    assert!(place.get("region").is_none(), "{place}");
    assert!(whole.get("fixes").is_none());
    let change = &fixed["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "data/events.toml");
    let replacement = &change["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "18");
    // `ü` is one code point: the day starts at column 18 of line 2.
    let expected =
        serde_json::json!({"startLine": 2, "startColumn": 18, "endLine": 2, "endColumn": 20});
    assert_eq!(replacement["deletedRegion"], expected);
    assert_eq!(
        fixed["locations"][0]["physicalLocation"]["region"],
        expected
    );
    assert_eq!(
        fixed["fixes"][0]["description"]["text"],
        "Write the day the source has"
    );

    let invocation = &log["runs"][0]["invocations"][0];
    assert!(invocation.get("toolExecutionNotifications").is_none());

    let github = render(citeline::write_github, &report, text);
    let github: Vec<&str> = github.lines().collect();
    assert_eq!(
        github,
        [
            "::error file=data/events.toml,title=quote-not-found::about the whole file",
            "::error file=data/events.toml,line=2,col=18,endLine=2,endColumn=20,title=quote-not-found::m",
        ]
    );

    let lines = render(citeline::write_json_lines, &report, text);
    let lines: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines[0].get("fix").is_none());
    assert_eq!(lines[1]["fix"]["replacement"], "18");
    assert_eq!(
        (&lines[1]["fix"]["column"], &lines[1]["fix"]["end_column"]),
        (&18.into(), &20.into())
    );
}

#[test]
fn findings_past_the_cap_are_counted_in_a_notification() {
    let text = "x = 1\n";
    let many = (0..Report::MAX_KEPT + 5)
        .map(|_| Diagnostic::new(&QUOTE_NOT_FOUND, 4..5, "m"))
        .collect();
    let report = Report::new(many);
    let log: Value = serde_json::from_str(&render(citeline::write_sarif, &report, text)).unwrap();
    assert_valid_sarif(&sarif_validator(), &log, "capped");
    assert_eq!(results(&log).len(), Report::MAX_KEPT);
    let notification = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(
        notification["message"]["text"],
        "5 more findings not listed (5 errors, 0 warnings)"
    );
    let mut fingerprints: Vec<&str> = results(&log)
        .iter()
        .map(|r| r["partialFingerprints"]["citeline/v1"].as_str().unwrap())
        .collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(
        fingerprints.len(),
        Report::MAX_KEPT,
        "repeats are told apart"
    );
}

/// The properties and message of one workflow command, unescaped.
fn parse_command(line: &str) -> (String, Vec<(String, String)>, String) {
    let unescape = |s: &str| {
        s.replace("%0A", "\n")
            .replace("%0D", "\r")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    };
    let rest = line.strip_prefix("::").unwrap_or_else(|| panic!("{line}"));
    let (head, message) = rest.split_once("::").unwrap();
    let (command, properties) = head.split_once(' ').unwrap();
    let properties = properties
        .split(',')
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            (k.to_string(), unescape(v))
        })
        .collect();
    (command.to_string(), properties, unescape(message))
}

#[test]
fn github_commands_sit_where_the_json_says_with_the_help() {
    for name in BAD {
        let dir = fixture(name);
        let json = json_findings(&dir);
        let out = run(&dir, "github");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), json.len(), "{name}: {out}");
        for (line, finding) in lines.iter().zip(&json) {
            let (command, properties, message) = parse_command(line);
            let expected = match finding["severity"].as_str().unwrap() {
                "error" => "error",
                "warning" => "warning",
                _ => "notice",
            };
            assert_eq!(command, expected, "{line}");
            let get = |key: &str| {
                properties
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_else(|| panic!("{key} missing in {line}"))
            };
            assert_eq!(get("file"), finding["file"].as_str().unwrap());
            assert_eq!(get("line"), finding["line"].to_string(), "{name}: {line}");
            assert_eq!(get("col"), finding["column"].to_string(), "{name}: {line}");
            assert!(get("endLine").parse::<u64>().unwrap() >= finding["line"].as_u64().unwrap());
            assert_eq!(get("title"), finding["code"].as_str().unwrap());
            assert!(
                message.starts_with(finding["message"].as_str().unwrap()),
                "{line}"
            );
            if let Some(help) = finding["help"].as_str() {
                assert!(message.contains(&format!("\nhelp: {help}")), "{line}");
            }
        }
    }
}

#[test]
fn json_lines_are_the_json_findings_one_a_line_without_a_summary() {
    for name in BAD {
        let dir = fixture(name);
        let json = json_findings(&dir);
        let out = run(&dir, "json-lines");
        let lines: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{name}: {e}: {l}")))
            .collect();
        assert_eq!(lines, json, "{name}");
    }
    let clean = fixture("duplicate-id/good");
    assert_eq!(run(&clean, "json-lines"), "", "a clean file has no lines");
    assert_eq!(json_findings(&clean), Vec::<Value>::new());
}

fn with_format_env(dir: &Path, value: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_citeline"))
        .args(args)
        .current_dir(dir)
        .env("CITELINE_FORMAT", value)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn citeline_format_sets_the_default_and_the_flag_wins() {
    let dir = fixture("duplicate-id/bad");
    let by_env = with_format_env(&dir, "github", &["check"]);
    assert_eq!(by_env.status.code(), Some(1));
    assert!(
        stdout(&by_env).starts_with("::error file=events.toml,"),
        "{}",
        stdout(&by_env)
    );
    assert!(
        !stderr(&by_env).contains("error[duplicate-id]"),
        "no human output"
    );
    let flag = with_format_env(&dir, "github", &["check", "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout(&flag)).expect("--format json wins");
    assert_eq!(json["errors"], 1);
    let unset = citeline(&dir, &["check"]);
    assert!(stdout(&unset).is_empty() && stderr(&unset).contains("error[duplicate-id]"));
    let bogus = with_format_env(&dir, "xml", &["check"]);
    assert_eq!(bogus.status.code(), Some(2));
    assert!(stderr(&bogus).contains("xml"), "{}", stderr(&bogus));
}

/// The `citeline …` command lines of a workflow's `run:` steps, cut at the first
/// redirection or shell operator.
fn citeline_runs(workflow: &str) -> Vec<Vec<String>> {
    workflow
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("run: "))
        .filter(|run| run.starts_with("citeline "))
        .map(|run| {
            let command = run.split(['>', '|', '&', ';']).next().unwrap();
            command
                .split_whitespace()
                .skip(1)
                .map(str::to_string)
                .collect()
        })
        .collect()
}

#[test]
fn the_example_workflow_and_hook_use_flags_citeline_has() {
    let workflow = std::fs::read_to_string(root().join("docs/examples/citeline.yml")).unwrap();
    let ci = std::fs::read_to_string(root().join("docs/ci.md")).unwrap();
    assert!(
        ci.contains(&workflow),
        "docs/ci.md shows docs/examples/citeline.yml as it is"
    );
    assert!(workflow.contains("github/codeql-action/upload-sarif@v3"));
    assert!(workflow.contains("category: citeline"));
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains("- id: citeline-check") && hooks.contains("pass_filenames: false"));
    let mut runs = citeline_runs(&workflow);
    let formats: Vec<&str> = runs
        .iter()
        .filter_map(|r| Some(r.get(r.iter().position(|a| a == "--format")? + 1)?.as_str()))
        .collect();
    assert_eq!(formats, ["sarif", "github"], "{runs:?}");
    runs.extend(citeline_runs(&hooks.replace("entry: ", "run: ")));
    assert_eq!(runs.len(), 3, "{runs:?}");
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = citeline(root(), &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
    // The same scan catches a flag citeline lacks.
    let misspelt = citeline_runs("      run: citeline check --format sarf > x.sarif\n");
    let args: Vec<&str> = misspelt[0].iter().map(String::as_str).collect();
    assert_eq!(citeline(root(), &args).status.code(), Some(2));
}
