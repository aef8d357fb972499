//! Findings for machines: one JSON object with every diagnostic, its 1-based line and
//! column, and the counts. The fields are documented in docs/output.md.

use super::report::{Report, Severity};
use crate::lines::Positions;
use serde::Serialize;
use std::io::{self, Write};
use std::path::Path;

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    message: &'a str,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    event: Option<&'a str>,
    source: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
    notes: &'a [String],
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    line: usize,
    column: usize,
    label: &'a str,
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
    let mut positions = Positions::new(text);
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|d| {
            let position = d.span.as_ref().map(|s| positions.line_col(s.start));
            let related = d
                .related
                .iter()
                .map(|r| {
                    let (line, column) = positions.line_col(r.span.start);
                    JsonRelated {
                        line,
                        column,
                        label: &r.label,
                    }
                })
                .collect();
            JsonDiagnostic {
                severity: d.severity,
                code: d.code,
                message: &d.message,
                file: path.display().to_string(),
                line: position.map(|p| p.0),
                column: position.map(|p| p.1),
                event: d.event.as_deref(),
                source: d.source.as_deref(),
                related,
                notes: &d.notes,
                help: d.help.as_deref(),
            }
        })
        .collect();
    let json = JsonReport {
        diagnostics,
        omitted: report.omitted(),
        errors: report.errors(),
        warnings: report.warnings(),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
