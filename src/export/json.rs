//! citeline's own JSON: the timeline, its events in date order with the days each date
//! denotes, and its sources. Field names are the events file's keys.

use super::text;
use crate::model::{Event, Source, Spanned, Timeline};
use serde::Serialize;
use std::io::{self, Write};

/// Bumped when a field changes meaning or goes away; new fields do not bump it.
const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    citeline_export: u32,
    title: Option<&'a str>,
    subtitle: Option<&'a str>,
    events: Vec<EventOut<'a>>,
    sources: Vec<SourceOut<'a>>,
}

#[derive(Serialize)]
struct EventOut<'a> {
    id: &'a str,
    /// As the events file states it (EDTF).
    date: String,
    /// The first and last day it may denote; `null` for an open end.
    earliest: Option<String>,
    latest: Option<String>,
    title: &'a str,
    summary: Option<&'a str>,
    place: Option<&'a str>,
    actors: Vec<&'a str>,
    tags: Vec<&'a str>,
    status: &'static str,
    dated_by: &'static str,
    date_note: Option<&'a str>,
    key: bool,
    evidence: Vec<EvidenceOut<'a>>,
}

#[derive(Serialize)]
struct EvidenceOut<'a> {
    source: &'a str,
    quote: &'a str,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    id: &'a str,
    publisher: &'a str,
    title: &'a str,
    published: String,
    published_note: Option<&'a str>,
    url: Option<&'a str>,
    archive_url: Option<&'a str>,
    archived: Option<String>,
    accessed: Option<String>,
    file: &'a str,
    sha256: Option<&'a str>,
    date_order: Option<&'static str>,
}

fn value(v: &Option<Spanned<String>>) -> Option<&str> {
    v.as_ref().map(|s| s.value.as_str())
}

fn all(values: &[Spanned<String>]) -> Vec<&str> {
    values.iter().map(|v| v.value.as_str()).collect()
}

pub(super) fn write(out: &mut dyn Write, timeline: &Timeline, events: &[&Event]) -> io::Result<()> {
    let document = Document {
        citeline_export: VERSION,
        title: value(&timeline.title),
        subtitle: value(&timeline.subtitle),
        events: events.iter().map(|e| event(e)).collect(),
        sources: timeline.sources.iter().map(source).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}

fn event(e: &Event) -> EventOut<'_> {
    let (earliest, latest) = text::bounds(&e.date.value);
    EventOut {
        id: &e.id.value,
        date: e.date.value.to_string(),
        earliest: earliest.map(|d| d.to_string()),
        latest: latest.map(|d| d.to_string()),
        title: &e.title.value,
        summary: value(&e.summary),
        place: value(&e.place),
        actors: all(&e.actors),
        tags: all(&e.tags),
        status: e.status.name(),
        dated_by: e.dated_by.value.name(),
        date_note: value(&e.date_note),
        key: e.key,
        evidence: e
            .evidence
            .iter()
            .map(|v| EvidenceOut {
                source: &v.source.value,
                quote: &v.quote.value,
            })
            .collect(),
    }
}

fn source(s: &Source) -> SourceOut<'_> {
    SourceOut {
        id: &s.id.value,
        publisher: &s.publisher.value,
        title: &s.title.value,
        published: s.published.value.to_string(),
        published_note: value(&s.published_note),
        url: value(&s.url),
        archive_url: value(&s.archive_url),
        archived: s.archived.as_ref().map(|d| d.value.to_string()),
        accessed: s.accessed.as_ref().map(|d| d.value.to_string()),
        file: &s.file.value,
        sha256: value(&s.sha256),
        date_order: s.date_order.map(crate::text::dates::DateOrder::name),
    }
}
