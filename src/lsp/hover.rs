//! Hovers: on an event's `date`, the claim as days and the evidence that supports it or
//! not; on a source id, the source's publisher, title, publication date, file and URL.

use super::target::Target;
use crate::check::dates;
use crate::model::{DatedBy, Event, Source, Status, Timeline};

/// The hover text (Markdown) for what the cursor is on; nothing for a quote.
pub fn text(timeline: &Timeline, target: &Target<'_>) -> Option<String> {
    match target {
        Target::Date(event) => Some(date(timeline, event)),
        Target::Source(source) => Some(source_card(source)),
        Target::Quote(_) => None,
    }
}

fn date(timeline: &Timeline, event: &Event) -> String {
    let days = event.date.value.days();
    let mut out = format!(
        "**date** `{}` (EDTF): {days}, {} day{}\n\n",
        event.date.value,
        days.days(),
        if days.days() == 1 { "" } else { "s" }
    );
    let direction = match event.status {
        Status::Happened => "past",
        Status::Planned => "future",
    };
    let support = dates::support(timeline, event);
    match event.dated_by.value {
        DatedBy::Inference => {
            let note = event.date_note.as_ref().map_or("", |n| n.value.as_str());
            out.push_str(&format!("inferred: {}\n", escape(note)));
            return out;
        }
        DatedBy::Publication => out.push_str("dated by the publication of its sources:\n\n"),
        DatedBy::Quote if support.is_empty() => {
            out.push_str("no date expression in its quotes\n");
            return out;
        }
        DatedBy::Quote => out.push_str(&format!(
            "date expressions in its quotes, read as {direction}:\n\n"
        )),
    }
    for s in support {
        let days = s
            .days
            .map_or_else(|| format!("nothing read as {direction}"), |d| d.to_string());
        let verdict = if s.supports {
            "supports"
        } else {
            "does not support"
        };
        out.push_str(&format!("- {} → {days}: {verdict}\n", escape(&s.what)));
    }
    out
}

fn source_card(source: &Source) -> String {
    let mut out = format!(
        "**{}**: {}\n\npublished `{}`\n\nfile `{}`",
        escape(&source.publisher.value),
        escape(&source.title.value),
        source.published.value,
        source.file.value.replace('`', "'"),
    );
    if let Some(url) = &source.url {
        out.push_str(&format!(
            "\n\nurl <{}>",
            url.value.replace(['<', '>', ' '], "")
        ));
    }
    out
}

/// `text` with the Markdown characters that act mid-line escaped, so a title shows as
/// written (it never starts a line here).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>#|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markdown_is_escaped() {
        assert_eq!(super::escape("*a* [b](c) Д"), "\\*a\\* \\[b\\](c) Д");
    }
}
