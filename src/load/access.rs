//! Typed access to TOML values: each accessor returns the value with its span in the
//! whole file, or reports why it cannot (wrong type, missing key, unknown key, bad date)
//! and returns `None`. The schema walk (`walk.rs`) is written in these terms only.

use super::rules::{INVALID_DATE, INVALID_TYPE, INVALID_VALUE, MISSING_KEY, UNKNOWN_KEY};
use super::sink::Sink;
use super::values::check_text;
use crate::date::{self, Edtf};
use crate::diagnostic::Diagnostic;
use crate::model::{Span, Spanned};
use crate::text::shorten::ellipsis;
use crate::text::suggest::closest;
use toml::de::{DeTable, DeValue};

pub(super) type Value<'i> = toml::Spanned<DeValue<'i>>;

pub(super) fn table<'a, 'i>(
    sink: &mut Sink<'_>,
    value: &'a Value<'i>,
    name: &str,
) -> Option<&'a DeTable<'i>> {
    let t = value.get_ref().as_table();
    if t.is_none() {
        sink.error(
            &INVALID_TYPE,
            sink.at(value.span()),
            format!(
                "`{name}` must be a table, found {}",
                value.get_ref().type_str()
            ),
        );
    }
    t
}

pub(super) fn req_text(
    sink: &mut Sink<'_>,
    t: &DeTable<'_>,
    key: &str,
    parent: &Span,
) -> Option<Spanned<String>> {
    if t.get(key).is_none() {
        sink.report(
            Diagnostic::new(
                &MISSING_KEY,
                parent.clone(),
                format!("missing required key `{key}`"),
            )
            .with_label(format!("`{key}` is required here")),
        );
        return None;
    }
    opt_text(sink, t, key)
}

pub(super) fn opt_text(sink: &mut Sink<'_>, t: &DeTable<'_>, key: &str) -> Option<Spanned<String>> {
    let value = t.get(key)?;
    let text = string(sink, value, key)?;
    check_text(sink, key, &text.value, text.span.clone()).then_some(text)
}

/// An optional `true`/`false`; absent is `false`, anything else a type error.
pub(super) fn opt_bool(sink: &mut Sink<'_>, t: &DeTable<'_>, key: &str) -> bool {
    let Some(value) = t.get(key) else {
        return false;
    };
    match value.get_ref() {
        DeValue::Boolean(b) => *b,
        other => {
            let d = Diagnostic::new(
                &INVALID_TYPE,
                sink.at(value.span()),
                format!("`{key}` must be true or false, found {}", other.type_str()),
            )
            .with_help(format!("write {key} = true"));
            sink.report(d);
            false
        }
    }
}

pub(super) fn string(sink: &mut Sink<'_>, value: &Value<'_>, key: &str) -> Option<Spanned<String>> {
    match value.get_ref() {
        DeValue::String(s) => Some(Spanned::new(s.to_string(), sink.at(value.span()))),
        other => {
            let mut d = Diagnostic::new(
                &INVALID_TYPE,
                sink.at(value.span()),
                format!("`{key}` must be text, found {}", other.type_str()),
            );
            if other.is_datetime() {
                d = d.with_help(format!(
                    "write dates as text: {key} = \"{}\"",
                    other
                        .as_datetime()
                        .map(ToString::to_string)
                        .unwrap_or_default()
                ));
            }
            sink.report(d);
            None
        }
    }
}

pub(super) fn opt_list(sink: &mut Sink<'_>, t: &DeTable<'_>, key: &str) -> Vec<Spanned<String>> {
    t.get(key)
        .and_then(|v| text_list(sink, v, key))
        .unwrap_or_default()
}

pub(super) fn text_list(
    sink: &mut Sink<'_>,
    value: &Value<'_>,
    key: &str,
) -> Option<Vec<Spanned<String>>> {
    let Some(items) = value.get_ref().as_array() else {
        sink.error(
            &INVALID_TYPE,
            sink.at(value.span()),
            format!(
                "`{key}` must be a list of text, found {}",
                value.get_ref().type_str()
            ),
        );
        return None;
    };
    let mut list = Vec::new();
    for item in items.iter() {
        let text = string(sink, item, key)?;
        if check_text(sink, key, &text.value, text.span.clone()) {
            list.push(text);
        }
    }
    Some(list)
}

pub(super) fn req_date(
    sink: &mut Sink<'_>,
    t: &DeTable<'_>,
    key: &str,
    parent: &Span,
) -> Option<Spanned<Edtf>> {
    let text = req_text(sink, t, key, parent)?;
    parse_date(sink, key, text)
}

/// An optional date value (`archived`, `accessed`): `None` when absent or invalid (then
/// reported).
pub(super) fn opt_date(sink: &mut Sink<'_>, t: &DeTable<'_>, key: &str) -> Option<Spanned<Edtf>> {
    let text = opt_text(sink, t, key)?;
    parse_date(sink, key, text)
}

fn parse_date(sink: &mut Sink<'_>, key: &str, text: Spanned<String>) -> Option<Spanned<Edtf>> {
    let quote = opening_quote_len(sink.text, &text.span);
    match date::parse(&text.value) {
        Ok(d) => Some(Spanned::new(d, text.span)),
        Err(e) => {
            let at = (text.span.start + quote + e.offset).min(text.span.end);
            sink.report(
                Diagnostic::new(&INVALID_DATE, at..text.span.end.saturating_sub(quote).max(at + 1), format!("invalid {key} `{}`: {}", ellipsis(&text.value, 40), e.message))
                    .with_help("dates are YYYY, YYYY-MM or YYYY-MM-DD, with an optional ?, ~ or %, or START/END intervals"),
            );
            None
        }
    }
}

/// Length of the opening delimiter of the string at `span`, so that an offset into the
/// value becomes an offset into the file (exact unless the string holds escapes).
fn opening_quote_len(text: &str, span: &Span) -> usize {
    let raw = text.get(span.clone()).unwrap_or("");
    if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else if raw.starts_with(['"', '\'']) {
        1
    } else {
        0
    }
}

/// One of `options`, by name. A name outside them is `invalid-value`, with a "did you
/// mean" when one is close and `explain` (what each option means) when given.
pub(super) fn choice<T: Copy>(
    sink: &mut Sink<'_>,
    t: &DeTable<'_>,
    key: &str,
    options: &[(&str, T)],
    explain: Option<&str>,
) -> Option<Spanned<T>> {
    let text = opt_text(sink, t, key)?;
    match options.iter().find(|(name, _)| *name == text.value) {
        Some((_, v)) => Some(Spanned::new(*v, text.span)),
        None => {
            let names: Vec<String> = options.iter().map(|(n, _)| format!("`{n}`")).collect();
            let mut d = Diagnostic::new(
                &INVALID_VALUE,
                text.span.clone(),
                format!(
                    "`{key}` must be one of {}, found `{}`",
                    names.join(", "),
                    ellipsis(&text.value, 40)
                ),
            );
            let near = closest(&text.value, options.iter().map(|(n, _)| *n))
                .map(|near| format!("did you mean `{near}`?"));
            let help = match (near, explain) {
                (Some(near), Some(explain)) => Some(format!("{near} {explain}")),
                (near, explain) => near.or(explain.map(str::to_string)),
            };
            if let Some(help) = help {
                d = d.with_help(help);
            }
            sink.report(d);
            None
        }
    }
}

pub(super) fn unknown_keys(sink: &mut Sink<'_>, t: &DeTable<'_>, known: &[&str], place: &str) {
    for (key, _) in t.iter() {
        let name = key.get_ref();
        if known.contains(&name.as_ref()) {
            continue;
        }
        let mut d = Diagnostic::new(
            &UNKNOWN_KEY,
            sink.at(key.span()),
            format!("unknown key `{}` {place}", ellipsis(name, 40)),
        )
        .with_label("not a citeline key");
        d = match closest(name, known.iter().copied()) {
            Some(near) => d.with_help(format!("did you mean `{near}`?")),
            None => d.with_note(format!("known keys: {}", known.join(", "))),
        };
        sink.report(d);
    }
}
