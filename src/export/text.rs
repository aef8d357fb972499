//! What every export format says the same way: the words for an event's status and what
//! dates it, the days a date denotes, and the footnotes (one per piece of evidence, numbered
//! in the order the table cites them).

use crate::date::Edtf;
use crate::model::{DatedBy, Event, Evidence, Source, Status, Timeline};
use chrono::NaiveDate;

/// What a reader must know besides the title to weigh the event, in words: that it was
/// planned rather than done, and what its date rests on when that is not a quote. The chart
/// shows both; a table that left them out would state a plan or an inference as fact.
pub(super) fn qualifiers(event: &Event) -> Vec<String> {
    let mut words = Vec::new();
    if event.status == Status::Planned {
        words.push("Planned: announced for later.".to_owned());
    }
    match (event.dated_by.value, &event.date_note) {
        (DatedBy::Inference, Some(note)) => words.push(format!("Date inferred: {}", note.value)),
        (DatedBy::Inference, None) => words.push("Date inferred.".to_owned()),
        (DatedBy::Publication, _) => {
            words.push("Dated by its source's publication.".to_owned());
        }
        (DatedBy::Quote, _) => {}
    }
    words
}

/// The first and last day a date may denote; `None` for an open end (`..`), which has no
/// day to name.
pub(super) fn bounds(date: &Edtf) -> (Option<NaiveDate>, Option<NaiveDate>) {
    match date {
        Edtf::Date(d) => (Some(d.days.earliest()), Some(d.days.latest())),
        Edtf::Interval { start, end } => (
            start.map(|d| d.days.earliest()),
            end.map(|d| d.days.latest()),
        ),
    }
}

/// The days as an ISO 8601 interval of days: `2003-11-19`, `2003-11-01/2003-11-30`,
/// `../2003-11-30`.
pub(super) fn days(date: &Edtf) -> String {
    let show = |d: Option<NaiveDate>| d.map_or_else(|| "..".to_owned(), |d| d.to_string());
    match bounds(date) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (a, b) => format!("{}/{}", show(a), show(b)),
    }
}

/// One footnote: a piece of evidence and the source it cites.
pub(super) struct Note<'a> {
    /// 1, 2, 3… across the whole table.
    pub number: usize,
    pub evidence: &'a Evidence,
    /// `None` only for a timeline that does not declare the source (never a checked one).
    pub source: Option<&'a Source>,
}

/// The footnotes of each event, numbered on from one event to the next.
pub(super) fn notes<'a>(timeline: &'a Timeline, events: &[&'a Event]) -> Vec<Vec<Note<'a>>> {
    let mut number = 0;
    events
        .iter()
        .map(|event| {
            event
                .evidence
                .iter()
                .map(|evidence| {
                    number += 1;
                    Note {
                        number,
                        evidence,
                        source: timeline.source(&evidence.source.value),
                    }
                })
                .collect()
        })
        .collect()
}

/// Whether a URL may become a link: absolute `http` or `https`, as the chart links them.
pub(super) fn linkable(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The timeline's title, or the chart's default.
pub(super) fn title(timeline: &Timeline) -> &str {
    timeline
        .title
        .as_ref()
        .map_or("Timeline", |t| t.value.as_str())
}
