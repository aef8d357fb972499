//! Findings as SARIF 2.1.0, the format GitHub code scanning and SARIF viewers read:
//! one run of the tool `citeline`, a rule descriptor per code that occurs, a result per
//! finding (docs/output.md#sarif).
//!
//! The rule catalogue lives above this module (`crate::rules` gathers rules from every
//! stage, and every stage reports into this module), so the caller passes it in:
//! `citeline::write_sarif` is the whole run's wrapper.

use super::json::{full_message, locate, Located, Region};
use super::report::{help_uri, Diagnostic, Report, Rule, Severity, REPOSITORY};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

/// The schema a SARIF 2.1.0 log names, as the OASIS standard publishes it.
const SARIF_SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The name of the fingerprint in `partialFingerprints`; the version changes if what is
/// hashed ever does, so old and new alerts are not matched by accident.
const FINGERPRINT: &str = "citeline/v1";

/// Write the report as a SARIF 2.1.0 log, describing the codes that occur with the rules of
/// `catalogue` (a code missing from it gets a descriptor with its id alone).
pub(crate) fn write_sarif_with_rules(
    out: &mut impl Write,
    report: &Report,
    path: &Path,
    text: &str,
    catalogue: &[&Rule],
) -> io::Result<()> {
    let uri = artifact_uri(path);
    let located = locate(report, text);
    let (rules, index) = descriptors(report, catalogue, REPOSITORY);
    let mut occurrences = HashMap::new();
    let results: Vec<Value> = located
        .iter()
        .map(|l| {
            let fingerprint = fingerprint(l.diagnostic, text, &mut occurrences);
            result(l, &uri, index[l.diagnostic.code], fingerprint)
        })
        .collect();
    let mut driver = json!({
        "name": "citeline",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    if !REPOSITORY.is_empty() {
        driver["informationUri"] = json!(REPOSITORY);
    }
    let log = json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation(report)],
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// The rule descriptors of the codes that occur, in catalogue order (codes not in it after
/// them, in order of first occurrence), and each code's index among them.
fn descriptors<'a>(
    report: &'a Report,
    catalogue: &[&Rule],
    repository: &str,
) -> (Vec<Value>, HashMap<&'a str, usize>) {
    let mut codes: Vec<&str> = Vec::new();
    for d in &report.diagnostics {
        if !codes.contains(&d.code) {
            codes.push(d.code);
        }
    }
    let rank = |code: &str| catalogue.iter().position(|r| r.code == code);
    codes.sort_by_key(|c| rank(c).unwrap_or(usize::MAX));
    let rules = codes
        .iter()
        .map(|&code| match rank(code) {
            Some(i) => descriptor(catalogue[i], repository),
            None => json!({ "id": code }),
        })
        .collect();
    let index = codes.iter().enumerate().map(|(i, &c)| (c, i)).collect();
    (rules, index)
}

/// One rule as a `reportingDescriptor`: its summary, its explanation, its level, and its
/// section of the rules page.
fn descriptor(rule: &Rule, repository: &str) -> Value {
    let explanation = rule.explanation.trim();
    let mut descriptor = json!({
        "id": rule.code,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": explanation },
        "help": { "text": explanation, "markdown": explanation },
        "defaultConfiguration": { "level": level(rule.severity) },
    });
    if let Some(uri) = help_uri(repository, rule) {
        descriptor["helpUri"] = json!(uri);
    }
    descriptor
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// The run's one invocation; findings past the report's cap are said in a notification,
/// since they have no result of their own.
fn invocation(report: &Report) -> Value {
    let mut invocation = json!({ "executionSuccessful": true });
    if report.omitted() > 0 {
        invocation["toolExecutionNotifications"] = json!([{
            "level": "warning",
            "message": { "text": format!(
                "{} more findings not listed ({} errors, {} warnings)",
                report.omitted(), report.omitted[0], report.omitted[1]
            ) },
        }]);
    }
    invocation
}

/// One finding as a SARIF `result`.
fn result(located: &Located<'_>, uri: &str, rule_index: usize, fingerprint: String) -> Value {
    let d = located.diagnostic;
    let mut location = json!({ "physicalLocation": physical(uri, located.region) });
    if let Some(label) = &d.label {
        location["message"] = json!({ "text": label });
    }
    let mut result = json!({
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": full_message(d) },
        "locations": [location],
        "partialFingerprints": { FINGERPRINT: fingerprint },
    });
    let related: Vec<Value> = d
        .related
        .iter()
        .zip(&located.related)
        .enumerate()
        .map(|(i, (r, at))| {
            json!({
                "id": i,
                "physicalLocation": physical(uri, Some(*at)),
                "message": { "text": r.label },
            })
        })
        .collect();
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    if let Some((fix, at)) = d.fix.as_ref().zip(located.fix) {
        result["fixes"] = json!([{
            "description": { "text": fix.title },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri },
                "replacements": [{
                    "deletedRegion": region(at),
                    "insertedContent": { "text": fix.replacement },
                }],
            }],
        }]);
    }
    let mut properties = Map::new();
    for (key, value) in [("event", &d.event), ("source", &d.source)] {
        if let Some(value) = value {
            properties.insert(key.into(), json!(value));
        }
    }
    if !properties.is_empty() {
        result["properties"] = Value::Object(properties);
    }
    result
}

/// A place in the events file: the file alone for a finding about the whole file.
fn physical(uri: &str, at: Option<Region>) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": uri } });
    if let Some(at) = at {
        physical["region"] = region(at);
    }
    physical
}

fn region(at: Region) -> Value {
    json!({
        "startLine": at.start.0,
        "startColumn": at.start.1,
        "endLine": at.end.0,
        "endColumn": at.end.1,
    })
}

/// A finding's identity across runs, blind to where it is: the rule, the event and source
/// it concerns, the text under its span, and how many findings with all of these came
/// before it. Adding, moving or editing other events changes none of them; editing the
/// flagged text makes it a new finding, as it should.
fn fingerprint(d: &Diagnostic, text: &str, seen: &mut HashMap<[u8; 32], usize>) -> String {
    let spanned = d.span.clone().and_then(|s| text.get(s)).unwrap_or("");
    let mut what = Sha256::new();
    for part in [
        d.code,
        d.event.as_deref().unwrap_or(""),
        d.source.as_deref().unwrap_or(""),
    ] {
        what.update(part.as_bytes());
        what.update([0]);
    }
    what.update(spanned.as_bytes());
    // The map holds digests, not the texts: a report of 10,000 long quotes stays small.
    let what: [u8; 32] = what.finalize().into();
    let occurrence = seen.entry(what).or_insert(0);
    let digest = Sha256::new()
        .chain_update(what)
        .chain_update((*occurrence as u64).to_le_bytes())
        .finalize();
    *occurrence += 1;
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The events file as SARIF names it: the path as given, with forward slashes,
/// percent-encoded where a URI needs it; relative paths stay relative (what GitHub code
/// scanning resolves against the repository), absolute ones become `file:` URIs.
fn artifact_uri(path: &Path) -> String {
    let path = path.display().to_string().replace('\\', "/");
    let keep = |b: u8| b.is_ascii_alphanumeric() || b"-._~/".contains(&b);
    let encode = |text: &str, also: &[u8]| -> String {
        text.bytes()
            .map(|b| match b {
                b if keep(b) || also.contains(&b) => char::from(b).to_string(),
                b => format!("%{b:02X}"),
            })
            .collect()
    };
    let bytes = path.as_bytes();
    let windows_drive = bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && &bytes[1..3] == b":/";
    if path.starts_with('/') {
        format!("file://{}", encode(&path, b""))
    } else if windows_drive {
        format!("file:///{}", encode(&path, b":"))
    } else {
        encode(&path, b"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: Rule = Rule {
        code: "unused-source",
        severity: Severity::Warning,
        summary: "s",
        explanation: "e",
    };

    #[test]
    fn help_uris_point_at_the_rules_page_heading_or_are_left_out() {
        assert_eq!(
            help_uri("https://example.org/citeline/", &RULE).as_deref(),
            Some("https://example.org/citeline/blob/HEAD/docs/rules.md#unused-source-warning")
        );
        assert_eq!(help_uri("", &RULE), None);
    }

    /// The anchor GitHub gives a Markdown heading: lowercase, punctuation dropped, spaces
    /// as hyphens.
    fn github_anchor(heading: &str) -> String {
        heading
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_rule_links_to_its_heading_on_the_rules_page() {
        let page = crate::rules::markdown_page();
        let anchors: Vec<String> = page
            .lines()
            .filter_map(|l| l.strip_prefix("## "))
            .map(github_anchor)
            .collect();
        for rule in crate::rules::all() {
            let uri = help_uri("https://example.org", rule).unwrap();
            let (_, anchor) = uri.split_once('#').unwrap();
            assert!(
                anchors.iter().any(|a| a == anchor),
                "{anchor} not in {anchors:?}"
            );
        }
        assert_eq!(
            github_anchor("`unused-source` (warning)"),
            "unused-source-warning"
        );
        assert!(!anchors.iter().any(|a| a == "unused-source-error"));
    }

    #[test]
    fn artifact_uris_are_relative_with_forward_slashes_and_encoded() {
        assert_eq!(artifact_uri(Path::new("events.toml")), "events.toml");
        assert_eq!(
            artifact_uri(Path::new("data\\my events.toml")),
            "data/my%20events.toml"
        );
        assert_eq!(artifact_uri(Path::new("a:b.toml")), "a%3Ab.toml");
        assert_eq!(artifact_uri(Path::new("/srv/e.toml")), "file:///srv/e.toml");
        assert_eq!(
            artifact_uri(Path::new("C:\\d\\e.toml")),
            "file:///C:/d/e.toml"
        );
    }

    #[test]
    fn fingerprints_count_repeats_and_ignore_position() {
        let text = "x = \"a\"\ny = \"a\"\nz = \"b\"\n";
        let at = |from: usize| Diagnostic::new(&RULE, from..from + 3, "m");
        let mut seen = HashMap::new();
        let first = fingerprint(&at(4), text, &mut seen);
        let second = fingerprint(&at(12), text, &mut seen);
        let other = fingerprint(&at(20), text, &mut seen);
        assert_ne!(first, second, "the same text twice is two findings");
        assert_ne!(first, other);
        let moved = format!("w = 1\n{text}");
        let mut seen = HashMap::new();
        assert_eq!(fingerprint(&at(10), &moved, &mut seen), first);
        assert_eq!(first.len(), 64);
    }
}
