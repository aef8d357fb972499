//! TimelineJS3's JSON (<https://timeline.knightlab.com/docs/json-format.html>): a title
//! slide and one slide per event, for its interactive timeline.
//!
//! Dates map at the precision the data states: `2004` becomes `{"year": 2004}`, not 1
//! January. An interval gives `start_date` from its start and `end_date` from its end; an
//! open start, having no start to give, starts at its end. Whenever the date is not a plain
//! day, `display_date` shows it as the data states it (`2012-07?/2013-11?`), since
//! TimelineJS has no way to draw uncertainty. TimelineJS reads `headline`, `text` and a
//! group's name as HTML, so every text is escaped, and isolated when it holds right-to-left text or bidi
//! controls.

use super::text::{self, Note};
use crate::date::{CalendarDate, Edtf, Precision};
use crate::font::isolate;
use crate::model::{Event, Timeline};
use chrono::Datelike;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Document {
    title: Slide,
    events: Vec<EventSlide>,
}

#[derive(Serialize)]
struct Slide {
    text: Text,
}

#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct EventSlide {
    start_date: DateOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<DateOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    unique_id: String,
}

#[derive(Serialize)]
struct DateOut {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
}

pub(super) fn write(out: &mut dyn Write, timeline: &Timeline, events: &[&Event]) -> io::Result<()> {
    let notes = text::notes(timeline, events);
    let document = Document {
        title: Slide {
            text: Text {
                headline: escape(text::title(timeline)),
                text: timeline
                    .subtitle
                    .as_ref()
                    .map(|s| format!("<p>{}</p>", escape(&s.value)))
                    .unwrap_or_default(),
            },
        },
        events: events
            .iter()
            .zip(&notes)
            .map(|(event, notes)| slide(event, notes))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}

fn slide(event: &Event, notes: &[Note<'_>]) -> EventSlide {
    let date = &event.date.value;
    let (start, end) = match *date {
        Edtf::Date(d) => (d, None),
        Edtf::Interval {
            start: Some(s),
            end,
        } => (s, end),
        Edtf::Interval {
            start: None,
            end: Some(e),
        } => (e, None),
        // `parse` refuses `../..`; a hand-built timeline gets the day its days start.
        Edtf::Interval {
            start: None,
            end: None,
        } => {
            let day = date.days().earliest();
            return fallback(event, day.year(), notes);
        }
    };
    EventSlide {
        start_date: point(&start),
        end_date: end.as_ref().map(point),
        display_date: (!date.is_exact_day()).then(|| date.to_string()),
        text: body(event, notes),
        group: event.tags.first().map(|t| escape(&t.value)),
        unique_id: event.id.value.clone(),
    }
}

fn fallback(event: &Event, year: i32, notes: &[Note<'_>]) -> EventSlide {
    EventSlide {
        start_date: DateOut {
            year,
            month: None,
            day: None,
        },
        end_date: None,
        display_date: Some(event.date.value.to_string()),
        text: body(event, notes),
        group: event.tags.first().map(|t| escape(&t.value)),
        unique_id: event.id.value.clone(),
    }
}

fn point(date: &CalendarDate) -> DateOut {
    let first = date.days.earliest();
    let (month, day) = match date.precision {
        Precision::Year => (None, None),
        Precision::Month => (Some(first.month()), None),
        Precision::Day => (Some(first.month()), Some(first.day())),
    };
    DateOut {
        year: first.year(),
        month,
        day,
    }
}

/// The slide's text: the summary, what the date rests on when it is not a quote, then each
/// quote with its source.
fn body(event: &Event, notes: &[Note<'_>]) -> Text {
    let mut html = String::new();
    if let Some(summary) = &event.summary {
        html.push_str(&format!("<p>{}</p>", escape(&summary.value)));
    }
    for words in text::qualifiers(event) {
        html.push_str(&format!("<p><em>{}</em></p>", escape(&words)));
    }
    for note in notes {
        html.push_str(&format!(
            "<blockquote>{}</blockquote>",
            escape(&note.evidence.quote.value)
        ));
        if let Some(source) = note.source {
            let link = source
                .url
                .as_ref()
                .filter(|u| text::linkable(&u.value))
                .map(|u| format!(", <a href=\"{0}\">{0}</a>", escape(&u.value)))
                .unwrap_or_default();
            html.push_str(&format!(
                "<p>\u{2014} {}, <cite>{}</cite>, published {}{link}</p>",
                escape(&source.publisher.value),
                escape(&source.title.value),
                escape(&source.published.value.to_string()),
            ));
        }
    }
    Text {
        headline: escape(&event.title.value),
        text: html,
    }
}

/// Data text for TimelineJS's HTML: isolated, then escaped.
fn escape(text: &str) -> String {
    super::html::escape(&isolate(text))
}
