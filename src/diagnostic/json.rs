//! Findings for machines: one JSON object with every diagnostic, its 1-based line and
//! column, and the counts. The fields are documented in docs/output.md.
//!
//! This file also owns what every machine format shares: where a finding's places fall as
//! lines and columns ([`locate`]), one finding as a JSON object ([`JsonDiagnostic`], also
//! each line of `json-lines`), and the message with its notes and help as one text
//! ([`full_message`], for formats that have one text field a finding).

use super::report::{Diagnostic, Report, Severity};
use crate::lines::Positions;
use crate::model::Span;
use serde::Serialize;
use std::io::{self, Write};
use std::path::Path;

/// A span as 1-based lines and columns of its first character and of the character just
/// past its end, columns counted in Unicode code points (src/lines.rs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Region {
    pub start: (usize, usize),
    pub end: (usize, usize),
}

/// One finding with its places as lines and columns.
pub(super) struct Located<'a> {
    pub diagnostic: &'a Diagnostic,
    /// Where the span falls; `None` for a finding about the whole file.
    pub region: Option<Region>,
    /// Where each related place falls, in the order of `diagnostic.related`.
    pub related: Vec<Region>,
    /// Where the fix's span falls, if the finding has a fix.
    pub fix: Option<Region>,
}

/// Every finding of `report` with its places in `text`. Starts and ends are counted by two
/// cursors: findings come sorted by start, so each cursor mostly moves forward and a line
/// of megabytes with many findings is walked a few times, not once per finding.
pub(super) fn locate<'a>(report: &'a Report, text: &str) -> Vec<Located<'a>> {
    let mut starts = Positions::new(text);
    let mut ends = Positions::new(text);
    let mut region = |span: &Span| Region {
        start: starts.line_col(span.start),
        end: ends.line_col(span.end.max(span.start)),
    };
    report
        .diagnostics
        .iter()
        .map(|d| Located {
            diagnostic: d,
            region: d.span.as_ref().map(&mut region),
            related: d.related.iter().map(|r| region(&r.span)).collect(),
            fix: d.fix.as_ref().map(|f| region(&f.span)),
        })
        .collect()
}

/// The finding's message, then each note as `note: …` and the help as `help: …`, one a
/// line: what a person reading one text field of a finding needs.
pub(super) fn full_message(d: &Diagnostic) -> String {
    let mut text = d.message.clone();
    for note in &d.notes {
        text.push_str("\nnote: ");
        text.push_str(note);
    }
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    text
}

/// One finding as `json` lists it and `json-lines` writes it.
#[derive(Serialize)]
pub(super) struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    message: &'a str,
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    event: Option<&'a str>,
    source: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
    notes: &'a [String],
    help: Option<&'a str>,
    /// Only present when the finding has a fix, so the usual output does not change.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    line: usize,
    column: usize,
    label: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    replacement: &'a str,
}

impl<'a> JsonDiagnostic<'a> {
    /// The finding `located`, in the events file spelled `file`.
    pub(super) fn new(located: &Located<'a>, file: &'a str) -> Self {
        let d = located.diagnostic;
        let related = d
            .related
            .iter()
            .zip(&located.related)
            .map(|(r, at)| JsonRelated {
                line: at.start.0,
                column: at.start.1,
                label: &r.label,
            })
            .collect();
        let fix = d.fix.as_ref().zip(located.fix).map(|(f, at)| JsonFix {
            title: &f.title,
            line: at.start.0,
            column: at.start.1,
            end_line: at.end.0,
            end_column: at.end.1,
            replacement: &f.replacement,
        });
        Self {
            severity: d.severity,
            code: d.code,
            message: &d.message,
            file,
            line: located.region.map(|r| r.start.0),
            column: located.region.map(|r| r.start.1),
            event: d.event.as_deref(),
            source: d.source.as_deref(),
            related,
            notes: &d.notes,
            help: d.help.as_deref(),
            fix,
        }
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    /// Findings counted but not listed, past the report's cap.
    omitted: usize,
    errors: usize,
    warnings: usize,
}

/// Write the report as one JSON object (docs/output.md#json), followed by a newline.
///
/// ```
/// let checked = citeline::check_str("events.toml".as_ref(), "[[events]]\nid = 5\n".into());
/// let mut out = Vec::new();
/// let t = &checked.timeline;
/// citeline::write_json(&mut out, &checked.report, &t.path, &t.text).unwrap();
/// let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// let found = json["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "invalid-type");
/// assert_eq!(found.unwrap()["line"], 2);
/// assert!(json["errors"].as_u64().unwrap() >= 1);
/// ```
pub fn write_json(
    out: &mut impl Write,
    report: &Report,
    path: &Path,
    text: &str,
) -> io::Result<()> {
    let file = path.display().to_string();
    let located = locate(report, text);
    let json = JsonReport {
        diagnostics: located
            .iter()
            .map(|l| JsonDiagnostic::new(l, &file))
            .collect(),
        omitted: report.omitted(),
        errors: report.errors(),
        warnings: report.warnings(),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
