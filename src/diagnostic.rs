//! Findings as plain data, and their two renderings: rustc-style text for people and JSON
//! for machines.
//!
//! A [`Diagnostic`] knows its rule, a byte span in the events file, the event or source it
//! concerns, and free-form notes. It knows nothing about terminals; the renderers write into
//! any `impl Write`, so tests render into a `Vec<u8>`.

use crate::lines::LineIndex;
use crate::model::Span;
use crate::rules::Rule;
use serde::Serialize;
use std::io::{self, Write};
use std::path::Path;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One finding about the events file or a source it names.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The rule's stable kebab-case code.
    pub code: &'static str,
    pub message: String,
    /// Where in the events file; `None` only for findings about the file as a whole.
    pub span: Option<Span>,
    /// The label under the caret.
    pub label: Option<String>,
    pub event: Option<String>,
    pub source: Option<String>,
    /// Extra lines shown as `= note: …`.
    pub notes: Vec<String>,
    /// What to do about it, shown as `= help: …`.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A finding of `rule` at `span`, with the rule's severity.
    pub fn new(rule: &Rule, span: Span, message: impl Into<String>) -> Self {
        Self {
            severity: rule.severity,
            code: rule.code,
            message: message.into(),
            span: Some(span),
            label: None,
            event: None,
            source: None,
            notes: Vec::new(),
            help: None,
        }
    }

    /// A finding about the whole file, with no span to point at.
    pub fn whole_file(rule: &Rule, message: impl Into<String>) -> Self {
        Self {
            span: None,
            ..Self::new(rule, 0..0, message)
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_event(mut self, id: impl Into<String>) -> Self {
        self.event = Some(id.into());
        self
    }

    pub fn with_source(mut self, id: impl Into<String>) -> Self {
        self.source = Some(id.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// All findings about one events file, in the order they should be shown.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// The findings with a given code, for tests and callers that assert on one rule.
    pub fn with_code<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.diagnostics.iter().filter(move |d| d.code == code)
    }

    /// Sort by position in the file, then severity; findings without a span come first.
    pub fn sort(&mut self) {
        self.diagnostics
            .sort_by_key(|d| (d.span.as_ref().map(|s| s.start), d.severity));
    }
}

/// Write the report as a compiler would: `error[code]: message`, `--> file:line:col`, the
/// line with a caret under the span, then notes and help; a summary line at the end.
pub fn write_human(
    out: &mut impl Write,
    report: &Report,
    path: &Path,
    text: &str,
    color: bool,
) -> io::Result<()> {
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let path_text = path.display().to_string();
    let index = LineIndex::new(text);
    for d in &report.diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let mut group = Group::with_title(level.primary_title(d.message.as_str()).id(d.code));
        match &d.span {
            Some(span) => {
                // Hand the renderer only the lines the span covers: giving it the whole file
                // makes every diagnostic cost the file's size.
                let span = clamp_span(text, span.clone());
                let (first, _) = index.line_col(text, span.start);
                let (last, _) = index.line_col(text, span.end);
                let lines = index.line_range(text, first).start..index.line_range(text, last).end;
                let local = span.start - lines.start..span.end.min(lines.end) - lines.start;
                let mut annotation = AnnotationKind::Primary.span(local);
                if let Some(label) = &d.label {
                    annotation = annotation.label(label.as_str());
                }
                group = group.element(
                    Snippet::source(&text[lines])
                        .line_start(first)
                        .path(path_text.as_str())
                        .annotation(annotation),
                );
            }
            None => {
                group = group.element(
                    annotate_snippets::Origin::path(path_text.as_str())
                        .line(1)
                        .char_column(1),
                );
            }
        }
        for note in &d.notes {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        writeln!(out, "{}\n", renderer.render(&[group]))?;
    }
    writeln!(out, "{}", summary_line(report, &path_text))
}

/// `check: 2 errors, 1 warning in events.toml` or `check: events.toml is clean`.
pub fn summary_line(report: &Report, path: &str) -> String {
    let (errors, warnings) = (report.errors(), report.warnings());
    if errors == 0 && warnings == 0 {
        return format!("{path}: no errors, no warnings");
    }
    format!(
        "{path}: {errors} error{}, {warnings} warning{}",
        plural(errors),
        plural(warnings)
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A span that starts and ends on character boundaries inside `text`.
fn clamp_span(text: &str, span: Span) -> Span {
    let mut start = span.start.min(text.len());
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

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
    notes: &'a [String],
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    errors: usize,
    warnings: usize,
}

/// Write the report as one JSON object (SPEC §5), followed by a newline.
pub fn write_json(
    out: &mut impl Write,
    report: &Report,
    path: &Path,
    text: &str,
) -> io::Result<()> {
    let index = LineIndex::new(text);
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|d| {
            let position = d.span.as_ref().map(|s| index.line_col(text, s.start));
            JsonDiagnostic {
                severity: d.severity,
                code: d.code,
                message: &d.message,
                file: path.display().to_string(),
                line: position.map(|p| p.0),
                column: position.map(|p| p.1),
                event: d.event.as_deref(),
                source: d.source.as_deref(),
                notes: &d.notes,
                help: d.help.as_deref(),
            }
        })
        .collect();
    let json = JsonReport {
        diagnostics,
        errors: report.errors(),
        warnings: report.warnings(),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::quotes::QUOTE_NOT_FOUND;

    fn render(text: &str, span: Span) -> String {
        let report = Report {
            diagnostics: vec![Diagnostic::new(
                &QUOTE_NOT_FOUND,
                span,
                "the quote does not stand in source `a`",
            )
            .with_label("not found")
            .with_event("e")
            .with_note("closest passage …")
            .with_help("copy it exactly")],
        };
        let mut out = Vec::new();
        write_human(&mut out, &report, Path::new("events.toml"), text, false).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn human_output_reads_like_a_compiler() {
        let text = "[[events]]\nid = \"e\"\nquote = \"on 19 Nov\"\n";
        let start = text.find("\"on").unwrap();
        let out = render(text, start..text.len() - 1);
        assert!(
            out.starts_with("error[quote-not-found]: the quote does not stand in source `a`\n"),
            "{out}"
        );
        assert!(out.contains("--> events.toml:3:9"), "{out}");
        assert!(out.contains("^^^^^^^^^^^ not found"), "{out}");
        assert!(out.contains("= note: closest passage …"), "{out}");
        assert!(out.contains("= help: copy it exactly"), "{out}");
        assert!(out.ends_with("events.toml: 1 error, 0 warnings\n"), "{out}");
    }

    #[test]
    fn a_huge_line_is_not_printed_whole() {
        let text = format!("title = \"{}\"\n", "x".repeat(1 << 20));
        let out = render(&text, 8..text.len() - 1);
        assert!(out.len() < 10_000, "{} bytes", out.len());
    }

    #[test]
    fn json_has_the_spec_fields() {
        let text = "a = 1\n";
        let report = Report {
            diagnostics: vec![Diagnostic::new(&QUOTE_NOT_FOUND, 4..5, "m").with_source("s")],
        };
        let mut out = Vec::new();
        write_json(&mut out, &report, Path::new("e.toml"), text).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let d = &v["diagnostics"][0];
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(1), Some(5))
        );
        assert_eq!(d["source"], "s");
        assert!(d["event"].is_null());
        assert_eq!(
            (v["errors"].as_u64(), v["warnings"].as_u64()),
            (Some(1), Some(0))
        );
    }
}
