//! A GitHub-flavoured Markdown report: a heading, a table (Date | Event | Sources) with a
//! footnote reference per quote, and the footnotes (quote, publisher, title, published,
//! link).
//!
//! Every text passes through [`inline`]: Markdown's active characters are escaped with a
//! backslash, `<`, `>` and `&` become character references (so no text is ever read as HTML
//! or as an entity), `|` cannot end a cell and a line break becomes `<br>`, so a hostile
//! title can neither break the table nor inject markup; right-to-left text and bidi
//! controls are wrapped in Unicode isolates.

use super::text::{self, Note};
use crate::model::{Event, Source, Timeline};
use std::io::{self, Write};

pub(super) fn write(out: &mut dyn Write, timeline: &Timeline, events: &[&Event]) -> io::Result<()> {
    writeln!(out, "# {}\n", inline(text::title(timeline)))?;
    if let Some(subtitle) = &timeline.subtitle {
        writeln!(out, "{}\n", inline(&subtitle.value))?;
    }
    writeln!(out, "| Date | Event | Sources |")?;
    writeln!(out, "| --- | --- | --- |")?;
    let notes = text::notes(timeline, events);
    for (event, notes) in events.iter().zip(&notes) {
        let mut what = format!("**{}**", inline(&event.title.value));
        if let Some(summary) = &event.summary {
            what.push_str("<br>");
            what.push_str(&inline(&summary.value));
        }
        for words in text::qualifiers(event) {
            what.push_str(&format!("<br>*{}*", inline(&words)));
        }
        let refs: Vec<String> = notes.iter().map(|n| format!("[^{}]", n.number)).collect();
        writeln!(
            out,
            "| {} | {} | {} |",
            inline(&event.date.value.to_string()),
            what,
            refs.join(" ")
        )?;
    }
    writeln!(out)?;
    for note in notes.iter().flatten() {
        writeln!(out, "[^{}]: {}", note.number, footnote(note))?;
    }
    Ok(())
}

fn footnote(note: &Note<'_>) -> String {
    let quote = format!("\u{201c}{}\u{201d}", inline(&note.evidence.quote.value));
    match note.source {
        Some(source) => format!("{quote} {}", citation(source)),
        None => format!("{quote} ({})", inline(&note.evidence.source.value)),
    }
}

/// `RFE/RL, *Title*, published 2003-12-03, <https://…>.`
fn citation(source: &Source) -> String {
    let mut parts = vec![
        inline(&source.publisher.value),
        format!("*{}*", inline(&source.title.value)),
        format!("published {}", inline(&source.published.value.to_string())),
    ];
    match (&source.url, &source.archive_url) {
        (Some(url), _) if text::linkable(&url.value) => parts.push(link(&url.value)),
        (_, Some(url)) if text::linkable(&url.value) => {
            parts.push(format!("archived at {}", link(&url.value)))
        }
        (Some(url), _) => parts.push(inline(&url.value)),
        _ => {}
    }
    format!("\u{2014} {}.", parts.join(", "))
}

/// An autolink, `<https://…>`, when nothing in the URL can end it early; otherwise the
/// URL as escaped text.
fn link(url: &str) -> String {
    if url.contains(['<', '>', '`', '\\']) {
        inline(url)
    } else {
        format!("<{url}>")
    }
}

/// Text made inert inside a table cell or a footnote. Right-to-left text and bidi controls
/// are isolated first (Markdown has no `<bdi>` every renderer keeps), so a title cannot
/// reorder the cells around it.
pub(super) fn inline(text: &str) -> String {
    let text = crate::font::isolate(text);
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            // Active anywhere in a line; what is active only at a line's start (`-`, `1.`,
            // `>`) never starts one here.
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn cells_cannot_break_out() {
        assert_eq!(inline("a|b"), "a\\|b");
        assert_eq!(inline("<script>"), "&lt;script&gt;");
        assert_eq!(inline("&amp;"), "&amp;amp;");
        assert_eq!(inline("one\r\ntwo\nthree"), "one<br>two<br>three");
        assert_eq!(inline("[x](javascript:y)"), "\\[x\\](javascript:y)");
        assert_eq!(inline("plain words"), "plain words");
    }
}
