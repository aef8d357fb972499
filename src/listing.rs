//! The `citeline dates` listing of one text (docs/output.md#the-dates-listing): every date
//! expression with its place, its kind and the days it resolves to, as tab-separated lines
//! for people and `cut`, or as one JSON object for programs.
//!
//! This module only writes: which text, published when, comes from the caller (a source of
//! a checked events file, or a file named on the command line); the expressions come from
//! the date reader, read both ways.

use crate::articles::{Article, Place};
use crate::date::{DayInterval, Edtf};
use crate::text::dates::{self, Context, DateOrder, Direction, Reading};
use serde::Serialize;
use std::io::{self, Write};

/// How `citeline dates` lists a text's date expressions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DatesOptions {
    /// `None` (the default): each expression in the direction its own words give, the past
    /// unless they look ahead ("will meet in April"); `Some`: every expression in that
    /// direction, as the quotes of a happened (`--past`) or planned (`--planned`) event are
    /// read.
    pub direction: Option<Direction>,
    pub format: DatesFormat,
}

/// The form of the listing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DatesFormat {
    /// A heading, then one tab-separated line per expression.
    #[default]
    Text,
    /// One JSON object, pretty-printed, then a newline.
    Json,
}

/// A text to list: as it is shown (`PATH` in the listing), its words, and what the reader
/// needs to know besides them.
pub(crate) struct Listed<'a> {
    pub shown: String,
    pub article: &'a Article,
    pub published: &'a Edtf,
    pub date_order: Option<DateOrder>,
}

/// Write the listing of `listed` as `options` ask.
pub(crate) fn write(
    out: &mut impl Write,
    listed: &Listed<'_>,
    options: &DatesOptions,
) -> io::Result<()> {
    let context = Context {
        published: listed.published.days(),
        date_order: listed.date_order,
    };
    let readings = dates::read(&listed.article.text, &context);
    match options.format {
        DatesFormat::Text => text(out, listed, &readings, options.direction),
        DatesFormat::Json => json(out, listed, &readings, options.direction),
    }
}

fn text(
    out: &mut impl Write,
    listed: &Listed<'_>,
    readings: &[Reading],
    direction: Option<Direction>,
) -> io::Result<()> {
    let shown = &listed.shown;
    let how = match direction {
        Some(Direction::Past) => "resolving as for a past event",
        Some(Direction::Future) => "resolving as for a planned event",
        None => "resolving each expression in the direction its text gives",
    };
    writeln!(out, "{shown}: published {}, {how}", listed.published)?;
    let article = listed.article;
    for date in &article.origin.dates {
        let days = date
            .days()
            .map_or_else(|| "not a date".to_string(), |d| d.brief());
        let what = if date.publication {
            "states the publication"
        } else {
            "a date on the page"
        };
        writeln!(
            out,
            "{shown}:{}:1\tmetadata\t\"{}\" = \"{}\"\t-> {days} ({what})",
            date.line,
            date.name,
            date.value.replace(['\t', '\n', '\r'], " "),
        )?;
    }
    for r in readings {
        let at = article.position(r.range.start);
        let chosen = direction.unwrap_or_else(|| r.direction());
        let both = if r.readings_differ() {
            let other = chosen.other();
            format!(
                " (read as {}; as {}: {})",
                chosen.name(),
                other.name(),
                brief(r.days(other))
            )
        } else {
            String::new()
        };
        // One expression, one line, four fields: a line break or tab inside the words
        // (hard-wrapped text) is shown as a space.
        let words: String = article.text[r.range.clone()]
            .chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' | '\u{c}' | '\u{2028}' | '\u{2029}' => ' ',
                c => c,
            })
            .collect();
        writeln!(
            out,
            "{shown}:{at}\t{}\t\"{words}\"\t-> {}{both}",
            r.kind,
            brief(r.days(chosen)),
        )?;
    }
    Ok(())
}

/// The days as the listing shows them, or `none` for an expression that does not read that
/// way ("two weeks ago" read as future).
fn brief(days: Option<DayInterval>) -> String {
    days.map_or_else(|| "none".to_string(), |d| d.brief())
}

#[derive(Serialize)]
struct JsonListing<'a> {
    file: &'a str,
    /// The captured URL the text was read from, for a web archive.
    #[serde(skip_serializing_if = "Option::is_none")]
    capture: Option<&'a str>,
    published: String,
    direction: &'static str,
    metadata: Vec<JsonMetaDate<'a>>,
    expressions: Vec<JsonExpression<'a>>,
}

#[derive(Serialize)]
struct JsonMetaDate<'a> {
    name: &'a str,
    value: &'a str,
    line: u32,
    publication: bool,
    days: Option<JsonDays>,
}

#[derive(Serialize)]
struct JsonExpression<'a> {
    start: usize,
    end: usize,
    /// The page of a PDF; absent for other formats.
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    line: u32,
    /// The column in a text or HTML file; absent for a PDF, whose lines are printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u32>,
    text: &'a str,
    kind: &'static str,
    reading: &'static str,
    tense: Option<&'static str>,
    days: Option<JsonDays>,
    past: Option<JsonDays>,
    future: Option<JsonDays>,
    ends: Vec<JsonEnd<'a>>,
}

#[derive(Serialize)]
struct JsonEnd<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    past: Option<JsonDays>,
    future: Option<JsonDays>,
}

#[derive(Serialize)]
struct JsonDays {
    first: String,
    last: String,
}

fn days(days: Option<DayInterval>) -> Option<JsonDays> {
    days.map(|d| JsonDays {
        first: d.earliest().to_string(),
        last: d.latest().to_string(),
    })
}

fn json(
    out: &mut impl Write,
    listed: &Listed<'_>,
    readings: &[Reading],
    direction: Option<Direction>,
) -> io::Result<()> {
    let article = listed.article;
    let text = article.text.as_str();
    let expressions = readings
        .iter()
        .map(|r| {
            let (page, line, column) = match article.place(r.range.start) {
                Place::Line { line, column } => (None, line, Some(column)),
                Place::Page { page, line } => (Some(page), line, None),
            };
            let chosen = direction.unwrap_or_else(|| r.direction());
            JsonExpression {
                start: r.range.start,
                end: r.range.end,
                page,
                line,
                column,
                text: &text[r.range.clone()],
                kind: r.kind.describe(),
                reading: chosen.name(),
                tense: r.tense.map(Direction::name),
                days: days(r.days(chosen)),
                past: days(r.past),
                future: days(r.future),
                ends: r
                    .ends
                    .iter()
                    .map(|e| JsonEnd {
                        start: e.range.start,
                        end: e.range.end,
                        text: &text[e.range.clone()],
                        past: days(e.past),
                        future: days(e.future),
                    })
                    .collect(),
            }
        })
        .collect();
    let metadata = article
        .origin
        .dates
        .iter()
        .map(|d| JsonMetaDate {
            name: &d.name,
            value: &d.value,
            line: d.line,
            publication: d.publication,
            days: days(d.days()),
        })
        .collect();
    let listing = JsonListing {
        file: &listed.shown,
        capture: article.origin.capture.as_ref().map(|c| c.url.as_str()),
        metadata,
        published: listed.published.to_string(),
        direction: direction.map_or("text", Direction::name),
        expressions,
    };
    serde_json::to_writer_pretty(&mut *out, &listing)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "They will meet between April and June.", published 2003-12-03: a range the reader
    /// reads forwards by its own words ("will"), with its ends.
    fn listed(format: DatesFormat, direction: Option<Direction>) -> String {
        let text = "They will meet between April and June.";
        let published = crate::date::parse("2003-12-03").unwrap();
        let context = crate::text::dates::Context::published(published.days());
        let readings = crate::text::dates::read(text, &context);
        assert_eq!(readings.len(), 1, "{readings:?}");
        assert_eq!(readings[0].ends.len(), 2);
        let article = Article::new(text.to_string(), String::new());
        let listed = Listed {
            shown: "notes.txt".into(),
            article: &article,
            published: &published,
            date_order: None,
        };
        let mut out = Vec::new();
        match format {
            DatesFormat::Text => super::text(&mut out, &listed, &readings, direction),
            DatesFormat::Json => json(&mut out, &listed, &readings, direction),
        }
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn an_expression_that_looks_ahead_is_read_forwards_unless_told_otherwise() {
        let text = listed(DatesFormat::Text, None);
        assert!(
            text.ends_with(
                "notes.txt:1:24\trange\t\"April and June\"\t-> 2004-04 to 2004-06 (read as future; as past: 2003-04 to 2003-06)\n"
            ),
            "{text}"
        );
        let past = listed(DatesFormat::Text, Some(Direction::Past));
        assert!(
            past.contains("-> 2003-04 to 2003-06 (read as past; as future: 2004-04 to 2004-06)"),
            "{past}"
        );
    }

    #[test]
    fn json_gives_the_tense_the_reading_and_a_range_s_ends() {
        let json: serde_json::Value =
            serde_json::from_str(&listed(DatesFormat::Json, None)).unwrap();
        assert_eq!(json["direction"], "text");
        let e = &json["expressions"][0];
        assert_eq!(
            (&e["reading"], &e["tense"]),
            (&"future".into(), &"future".into())
        );
        assert_eq!(e["days"]["first"], "2004-04-01");
        assert_eq!(e["past"]["last"], "2003-06-30");
        assert_eq!(e["ends"][1]["text"], "June");
        assert_eq!(e["ends"][1]["start"], 33);
        assert_eq!(e["ends"][0]["future"]["last"], "2004-04-30");
        let past: serde_json::Value =
            serde_json::from_str(&listed(DatesFormat::Json, Some(Direction::Past))).unwrap();
        assert_eq!(past["direction"], "past");
        assert_eq!(past["expressions"][0]["reading"], "past");
        assert_eq!(past["expressions"][0]["tense"], "future");
        assert_eq!(past["expressions"][0]["days"]["first"], "2003-04-01");
    }
}
