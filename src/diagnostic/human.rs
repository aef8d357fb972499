//! Findings for people: rustc-style text with the offending line and a caret under the
//! span, then notes and help, and a summary line at the end.

use super::report::{Diagnostic, Report, Severity};
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
///
/// ```
/// let checked = citeline::check_str("events.toml".as_ref(), "[[events]]\nid = 5\n".into());
/// let mut out = Vec::new();
/// let t = &checked.timeline;
/// citeline::write_human(&mut out, &checked.report, &t.path, &t.text, false).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains("error[invalid-type]: `id` must be text, found integer"), "{text}");
/// assert!(text.contains("--> events.toml:2:6"), "{text}");
/// ```
pub fn write_human(
    out: &mut impl Write,
    report: &Report,
    path: &Path,
    text: &str,
    color: bool,
) -> io::Result<()> {
    use annotate_snippets::Renderer;
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let path_text = visible(&path.display().to_string()).into_owned();
    // The file's own bytes go to a terminal: control and bidi characters are shown as
    // stand-ins of the same length, so spans still fall on the same bytes.
    let text = &*visible(text);
    // Where each finding and its related places are shown, found in order (columns are
    // counted once along a line); then the findings are drawn on every core, and written
    // in order.
    let mut positions = Positions::new(text);
    let shown: Vec<Vec<Shown<'_>>> = report
        .diagnostics
        .iter()
        .map(|d| {
            let spans = d.span.iter().chain(d.related.iter().map(|r| &r.span));
            spans
                .map(|span| Shown::new(&mut positions, text, span.clone()))
                .collect()
        })
        .collect();
    let items: Vec<_> = report.diagnostics.iter().zip(shown).collect();
    let drawn = crate::parallel::map_chunks(&items, |items| {
        let mut chunk = String::new();
        for (d, shown) in items {
            chunk.push_str(&draw(&renderer, d, shown, &path_text));
            chunk.push_str("\n\n");
        }
        chunk
    });
    for chunk in drawn {
        out.write_all(chunk.as_bytes())?;
    }
    if report.omitted() > 0 {
        writeln!(
            out,
            "... and {} more findings not shown ({} errors, {} warnings): fix the ones above first\n",
            report.omitted(),
            report.omitted[0],
            report.omitted[1]
        )?;
    }
    writeln!(out, "{}", summary_line(report, &path_text))
}

/// One finding as the renderer draws it, at the places `shown` (its span, then its related
/// places).
fn draw(
    renderer: &annotate_snippets::Renderer,
    d: &Diagnostic,
    shown: &[Shown<'_>],
    path: &str,
) -> String {
    use annotate_snippets::{Group, Level};
    let (message, label) = (visible(&d.message), d.label.as_deref().map(visible));
    let notes: Vec<_> = d.notes.iter().map(|n| visible(n)).collect();
    let help = d.help.as_deref().map(visible);
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let mut group = Group::with_title(level.primary_title(&*message).id(d.code));
    // A window of a long line makes the renderer count columns from the window's start:
    // the header it writes is corrected to the column in the file.
    let mut fixes: Vec<(String, String)> = Vec::new();
    match shown.split_first() {
        Some((primary, related)) => {
            fixes.extend(primary.column_fix(path));
            group = primary.elements(group, path, true, label.as_deref());
            for (shown, r) in related.iter().zip(&d.related) {
                fixes.extend(shown.column_fix(path));
                group = shown.elements(group, path, false, Some(&r.label));
            }
        }
        None => {
            group = group.element(annotate_snippets::Origin::path(path).line(1).char_column(1));
        }
    }
    for note in &notes {
        group = group.element(Level::NOTE.message(&**note));
    }
    if let Some(help) = &help {
        group = group.element(Level::HELP.message(&**help));
    }
    let mut rendered = renderer.render(&[group]);
    for (shown, real) in fixes {
        rendered = rendered.replacen(&shown, &real, 1);
    }
    rendered
}

/// The part of the file shown for one span: whole lines when they are short, else a window
/// of the first line with the position named in a header of its own.
struct Shown<'t> {
    source: &'t str,
    first_line: usize,
    column: usize,
    local: Span,
    /// Whether `source` is a window of a long line (so the header's column needs fixing).
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
            // A span may start inside a line break (the LF of a CRLF): show it at the end.
            let start = span.start.clamp(lines.start, lines.end);
            let end = span.end.clamp(start, lines.end);
            return Self {
                source: &text[lines.clone()],
                first_line: first,
                column,
                local: start - lines.start..end - lines.start,
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
        &self,
        group: annotate_snippets::Group<'t>,
        path: &'t str,
        primary: bool,
        label: Option<&'t str>,
    ) -> annotate_snippets::Group<'t> {
        use annotate_snippets::{AnnotationKind, Snippet};
        let kind = if primary {
            AnnotationKind::Primary
        } else {
            AnnotationKind::Context
        };
        let mut annotation = kind.span(self.local.clone());
        if let Some(label) = label {
            annotation = annotation.label(label);
        }
        group.element(
            Snippet::source(self.source)
                .line_start(self.first_line)
                .path(path)
                .annotation(annotation),
        )
    }

    /// For a window, the position the renderer will print and the one in the file.
    fn column_fix(&self, path: &str) -> Option<(String, String)> {
        let local_column = self.source.get(..self.local.start)?.chars().count() + 1;
        let at = |column| format!("{path}:{}:{column}", self.first_line);
        (self.windowed && local_column != self.column).then(|| (at(local_column), at(self.column)))
    }
}

/// `text` with every character that would steer a terminal replaced by a visible stand-in
/// of the same length in bytes: C0 controls other than tab and line breaks, and DEL, by `?`;
/// C1 controls by `·`; bidirectional controls (which reorder what is shown, as in "Trojan
/// Source") by U+FFFD.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let steers = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
    };
    // Most files are plain ASCII: a byte scan settles them without decoding.
    let plain = |b: &u8| matches!(b, b' '..=b'~' | b'\t' | b'\n' | b'\r');
    if text.as_bytes().iter().all(plain) || !text.chars().any(steers) {
        return std::borrow::Cow::Borrowed(text);
    }
    let shown = text
        .chars()
        .map(|c| match c {
            c if !steers(c) => c,
            c if (c as u32) < 0x80 => '?',
            c if (c as u32) < 0x800 => '·',
            _ => '\u{FFFD}',
        })
        .collect();
    std::borrow::Cow::Owned(shown)
}

/// `check: 2 errors, 1 warning in events.toml` or `check: events.toml is clean`.
fn summary_line(report: &Report, path: &str) -> String {
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
