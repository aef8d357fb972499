//! One self-contained HTML document for reports: the chronology as a table (Date | Event |
//! Sources), each quote a numbered footnote with a link back to where it is cited.
//!
//! The markup is also well-formed XML (every element closed, only XML's character
//! references), so XML tools can read it as well as browsers.
//!
//! Self-contained and inert: the only style is inline CSS (light and dark through
//! `prefers-color-scheme`), there are no scripts and nothing is fetched, and a
//! Content-Security-Policy forbids both should a reader's tool add any. Every text from the
//! data is escaped and wrapped in `<bdi>`, so markup in a title stays text and a
//! right-to-left title or a stray bidi control cannot reorder the words around it.

use super::text::{self, Note};
use crate::model::{Event, Source, Timeline};
use std::io::{self, Write};

const STYLE: &str = "\
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#555;--rule:#ccc;--link:#0645ad}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--bg:#121212;--muted:#b0b0b0;--rule:#444;--link:#8ab4f8}}
body{font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:2rem auto;max-width:60rem;padding:0 1rem}
a{color:var(--link)}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:bold;padding:.5rem 0}
th,td{border-bottom:1px solid var(--rule);padding:.4rem .6rem;text-align:left;vertical-align:top}
td.date{white-space:nowrap;font-variant-numeric:tabular-nums}
.summary,.qualifier{margin:.25rem 0 0;color:var(--muted);font-weight:normal}
.qualifier{font-style:italic}
.subtitle{color:var(--muted)}
";

pub(super) fn write(out: &mut dyn Write, timeline: &Timeline, events: &[&Event]) -> io::Result<()> {
    let title = escape(text::title(timeline));
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />"
    )?;
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />"
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />"
    )?;
    writeln!(
        out,
        "<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>"
    )?;
    writeln!(out, "<body>\n<main>\n<h1><bdi>{title}</bdi></h1>")?;
    if let Some(subtitle) = &timeline.subtitle {
        writeln!(
            out,
            "<p class=\"subtitle\"><bdi>{}</bdi></p>",
            escape(&subtitle.value)
        )?;
    }
    let notes = text::notes(timeline, events);
    table(out, events, &notes)?;
    footnotes(out, &notes)?;
    writeln!(out, "</main>\n</body>\n</html>")
}

fn table(out: &mut dyn Write, events: &[&Event], notes: &[Vec<Note<'_>>]) -> io::Result<()> {
    let count = events.len();
    let plural = if count == 1 { "" } else { "s" };
    writeln!(out, "<table>")?;
    writeln!(
        out,
        "<caption>{count} event{plural} in date order; dates as the data states them (EDTF)</caption>"
    )?;
    writeln!(
        out,
        "<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Event</th><th scope=\"col\">Sources</th></tr></thead>\n<tbody>"
    )?;
    for (event, notes) in events.iter().zip(notes) {
        let date = event.date.value.to_string();
        let (first, last) = text::bounds(&event.date.value);
        let date_cell = match (first, last) {
            (Some(a), Some(b)) if a == b && event.date.value.is_exact_day() => {
                format!("<time datetime=\"{a}\">{date}</time>")
            }
            _ => escape(&date),
        };
        write!(
            out,
            "<tr id=\"event-{}\"><td class=\"date\">{date_cell}</td>",
            escape(&event.id.value)
        )?;
        write!(
            out,
            "<th scope=\"row\"><bdi>{}</bdi>",
            escape(&event.title.value)
        )?;
        if let Some(summary) = &event.summary {
            write!(
                out,
                "<p class=\"summary\"><bdi>{}</bdi></p>",
                escape(&summary.value)
            )?;
        }
        for words in text::qualifiers(event) {
            write!(
                out,
                "<p class=\"qualifier\"><bdi>{}</bdi></p>",
                escape(&words)
            )?;
        }
        write!(out, "</th><td>")?;
        for (i, note) in notes.iter().enumerate() {
            let n = note.number;
            let space = if i == 0 { "" } else { " " };
            write!(
                out,
                "{space}<sup><a href=\"#note-{n}\" id=\"ref-{n}\" aria-label=\"Source {n}\">[{n}]</a></sup>"
            )?;
        }
        writeln!(out, "</td></tr>")?;
    }
    writeln!(out, "</tbody>\n</table>")
}

fn footnotes(out: &mut dyn Write, notes: &[Vec<Note<'_>>]) -> io::Result<()> {
    writeln!(
        out,
        "<section aria-labelledby=\"sources\">\n<h2 id=\"sources\">Sources</h2>\n<ol>"
    )?;
    for note in notes.iter().flatten() {
        let n = note.number;
        write!(
            out,
            "<li id=\"note-{n}\"><q><bdi>{}</bdi></q> ",
            escape(&note.evidence.quote.value)
        )?;
        match note.source {
            Some(source) => citation(out, source)?,
            None => write!(out, "(<bdi>{}</bdi>)", escape(&note.evidence.source.value))?,
        }
        writeln!(
            out,
            " <a href=\"#ref-{n}\" aria-label=\"Back to reference {n}\">\u{21a9}\u{fe0e}</a></li>"
        )?;
    }
    writeln!(out, "</ol>\n</section>")
}

fn citation(out: &mut dyn Write, source: &Source) -> io::Result<()> {
    write!(
        out,
        "\u{2014} <bdi>{}</bdi>, <cite><bdi>{}</bdi></cite>, published {}",
        escape(&source.publisher.value),
        escape(&source.title.value),
        escape(&source.published.value.to_string())
    )?;
    let link = match (&source.url, &source.archive_url) {
        (Some(url), _) if text::linkable(&url.value) => Some(("", &url.value)),
        (_, Some(url)) if text::linkable(&url.value) => Some(("archived at ", &url.value)),
        _ => None,
    };
    match (link, &source.url) {
        (Some((how, url)), _) => write!(out, ", {how}<a href=\"{0}\">{0}</a>.", escape(url)),
        (None, Some(url)) => write!(out, ", <bdi>{}</bdi>.", escape(&url.value)),
        (None, None) => write!(out, "."),
    }
}

/// Text safe in element content and in double-quoted attribute values.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
