//! Value rules: what a well-typed value must also be. Ids are `^[a-z0-9][a-z0-9-]*$`,
//! titles fit a chart label, text holds no control characters.

use super::rules::{INVALID_ID, INVALID_TITLE, INVALID_VALUE};
use super::sink::Sink;
use crate::diagnostic::Diagnostic;
use crate::model::{Span, Spanned};
use crate::text::shorten::ellipsis;

/// The longest event title: it is the chart label.
pub const MAX_TITLE_CHARS: usize = 80;

pub(super) fn check_id(sink: &mut Sink<'_>, id: &Spanned<String>, what: &str) {
    let bytes = id.value.as_bytes();
    let valid = bytes
        .first()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-');
    if !valid {
        sink.report(
            Diagnostic::new(
                &INVALID_ID,
                id.span.clone(),
                format!(
                    "{what} id `{}` is not of the form ^[a-z0-9][a-z0-9-]*$",
                    ellipsis(&id.value, 40)
                ),
            )
            .with_help(format!("try `{}`", suggest_id(&id.value))),
        );
    }
}

fn suggest_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
        if id.len() >= 40 {
            break;
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "event-1".into()
    } else {
        id.into()
    }
}

pub(super) fn check_title(sink: &mut Sink<'_>, title: &Spanned<String>) {
    // Empty titles and control characters were refused as text already.
    let chars = title.value.chars().count();
    if chars > MAX_TITLE_CHARS {
        sink.report(
            Diagnostic::new(
                &INVALID_TITLE,
                title.span.clone(),
                format!(
                    "the title has {chars} characters; at most {MAX_TITLE_CHARS} fit a chart label"
                ),
            )
            .with_help("shorten it and move the rest to `summary`"),
        );
    }
}

/// The longest text a key may hold, in characters. Notes and summaries are sentences, not
/// documents: a 10 MB note would make a chart millions of pixels tall. A quote may be a long
/// passage, but not a book.
pub fn max_chars(key: &str) -> usize {
    match key {
        "quote" => 10_000,
        "summary" | "date_note" | "published_note" => 2_000,
        "file" | "url" | "archive_url" | "publisher" | "title" | "subtitle" => 500,
        _ => 200,
    }
}

/// A text value: within its length, and without control characters other than tab and line
/// breaks, because those would corrupt terminal output and the chart.
pub(super) fn check_text(sink: &mut Sink<'_>, key: &str, value: &str, span: Span) -> bool {
    let max = max_chars(key);
    if value.len() > max && value.chars().nth(max).is_some() {
        sink.report(
            Diagnostic::new(
                &INVALID_VALUE,
                span,
                format!(
                    "`{key}` has {} characters; at most {max} are allowed",
                    value.chars().count()
                ),
            )
            .with_help(match key {
                "quote" => "quote only the words that support the claim; write `...` where you leave words out",
                _ => "shorten it; keep the long form in the source, not in the events file",
            }),
        );
        return false;
    }
    let bad = value
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\t' | '\r'));
    if let Some((i, c)) = bad {
        sink.report(
            Diagnostic::new(
                &INVALID_VALUE,
                span,
                format!(
                    "`{key}` holds the control character U+{:04X} at character {}",
                    c as u32,
                    value[..i].chars().count() + 1
                ),
            )
            .with_help("remove it; control characters cannot be shown in a chart or a terminal"),
        );
        return false;
    }
    if value.trim().is_empty() {
        sink.error(&INVALID_VALUE, span, format!("`{key}` is empty"));
        return false;
    }
    true
}
