//! Findings for people: rustc-style text with the offending line and a caret under the
//! span, then notes and help, and a summary line at the end.

use super::report::{Report, Severity};
use crate::lines::Positions;
use crate::model::Span;
use std::io::{self, Write};
use std::path::Path;

/// Lines longer than this are shown as a window around the span: the renderer's work is
/// proportional to what it is given, and a one-line events file of megabytes with many
/// findings must not cost megabytes per finding.
const MAX_SHOWN_BYTES: usize = 4096;
/// How much of a long line is shown before the span starts.
const WINDOW_BEFORE: usize = 80;
/// How many lines of a span over many lines are shown.
const MAX_SHOWN_LINES: usize = 8;

/// Write the report as a compiler would: `error[code]: message`, `--> file:line:col`, the
/// line with a caret under the span, then notes and help; a summary line at the end.
pub fn write_human(
    out: &mut impl Write,
    report: &Report,
    path: &Path,
    text: &str,
    color: bool,
) -> io::Result<()> {
    use annotate_snippets::{Group, Level, Renderer};
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let path_text = path.display().to_string();
    let mut positions = Positions::new(text);
    for d in &report.diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let mut group = Group::with_title(level.primary_title(d.message.as_str()).id(d.code));
        match &d.span {
            Some(span) => {
                let primary = Shown::new(&mut positions, text, span.clone());
                group = primary.elements(group, &path_text, true, d.label.as_deref());
                for related in &d.related {
                    let shown = Shown::new(&mut positions, text, related.span.clone());
                    group = shown.elements(group, &path_text, false, Some(&related.label));
                }
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

/// The part of the file shown for one span: whole lines when they are short, else a window
/// of the first line with the position named in a header of its own.
struct Shown<'t> {
    source: &'t str,
    first_line: usize,
    column: usize,
    local: Span,
    /// Whether `source` is a window of a long line (so the header needs the column).
    windowed: bool,
}

impl<'t> Shown<'t> {
    fn new(positions: &mut Positions<'_>, text: &'t str, span: Span) -> Self {
        let span = clamp_span(text, span);
        let (first, column) = positions.line_col(span.start);
        let index = positions.index();
        let last = index.line(span.end).min(first + MAX_SHOWN_LINES - 1);
        let lines = index.line_range(text, first).start..index.line_range(text, last).end;
        if lines.len() <= MAX_SHOWN_BYTES {
            let end = span.end.min(lines.end).max(span.start);
            return Self {
                source: &text[lines.clone()],
                first_line: first,
                column,
                local: span.start - lines.start..end - lines.start,
                windowed: false,
            };
        }
        let line = index.line_range(text, first);
        let mut from = span.start.saturating_sub(WINDOW_BEFORE).max(line.start);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let mut to = (from + MAX_SHOWN_BYTES / 2).min(line.end).max(from);
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let start = span.start.clamp(from, to);
        let end = span.end.clamp(start, to);
        Self {
            source: &text[from..to],
            first_line: first,
            column,
            local: start - from..end - from,
            windowed: true,
        }
    }

    fn elements(
        self,
        group: annotate_snippets::Group<'t>,
        path: &'t str,
        primary: bool,
        label: Option<&'t str>,
    ) -> annotate_snippets::Group<'t> {
        use annotate_snippets::{AnnotationKind, Origin, Snippet};
        let kind = if primary {
            AnnotationKind::Primary
        } else {
            AnnotationKind::Context
        };
        let mut annotation = kind.span(self.local);
        if let Some(label) = label {
            annotation = annotation.label(label);
        }
        let snippet = Snippet::source(self.source)
            .line_start(self.first_line)
            .annotation(annotation);
        if self.windowed {
            let origin = Origin::path(path)
                .line(self.first_line)
                .char_column(self.column);
            group.element(origin).element(snippet)
        } else {
            group.element(snippet.path(path))
        }
    }
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
