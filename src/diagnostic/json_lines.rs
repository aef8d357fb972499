//! Findings for machines that read a stream: one JSON object a finding, one a line, with
//! the fields of `json`'s diagnostics (docs/output.md#json-lines). No summary line: every
//! line is a finding, so a tool can filter lines without telling records apart; the counts
//! are in `--format json` and the exit code.

use super::json::{locate, JsonDiagnostic};
use super::report::Report;
use std::io::{self, Write};
use std::path::Path;

/// Write the report as one JSON object per finding and line (docs/output.md#json-lines).
///
/// ```
/// let checked = citeline::check_str("events.toml".as_ref(), "[[events]]\nid = 5\n".into());
/// let mut out = Vec::new();
/// let t = &checked.timeline;
/// citeline::write_json_lines(&mut out, &checked.report, &t.path, &t.text).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
/// assert!(first["code"].is_string());
/// assert_eq!(text.lines().count(), checked.report.diagnostics.len());
/// ```
pub fn write_json_lines(
    out: &mut impl Write,
    report: &Report,
    path: &Path,
    text: &str,
) -> io::Result<()> {
    let file = path.display().to_string();
    for located in locate(report, text) {
        serde_json::to_writer(&mut *out, &JsonDiagnostic::new(&located, &file))?;
        writeln!(out)?;
    }
    Ok(())
}
