//! The checked chronology written for other tools: CSV for spreadsheets, JSON, Markdown and
//! HTML tables for reports, and TimelineJS data for interactive pages.
//!
//! Every format lists the events in date order, as the chart reads left to right: by the
//! first day each date may denote, then its last, then the order of the file (the sort is
//! stable). A table in a report is read as a chronology, and sorting again an export that is
//! already sorted changes nothing, so CSV export, import and export give the same bytes.
//! Dates are written as the curator wrote them (the EDTF value), and, in the data formats,
//! with the days they denote. docs/export.md describes each format.

pub(crate) mod csv;
mod html;
mod json;
mod markdown;
mod text;
mod timelinejs;

use crate::model::{Event, Timeline};
use std::io::{self, Write};

/// The formats `citeline export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One row per record (the timeline, each alias, source and piece of evidence), for
    /// spreadsheets; `citeline import` reads it back.
    Csv,
    /// One JSON object: the timeline, its events with their days, and its sources.
    Json,
    /// A GitHub-flavoured Markdown table with the quotes as footnotes.
    Markdown,
    /// One self-contained HTML document: the table and its footnotes, no scripts.
    Html,
    /// TimelineJS3's JSON, for its interactive timeline.
    TimelineJs,
}

impl ExportFormat {
    /// Every format, in the order the help lists them.
    pub const ALL: [ExportFormat; 5] = [
        ExportFormat::Csv,
        ExportFormat::Json,
        ExportFormat::Markdown,
        ExportFormat::Html,
        ExportFormat::TimelineJs,
    ];

    /// The name `--format` takes: `csv`, `json`, `markdown`, `html`, `timelinejs`.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Markdown => "markdown",
            ExportFormat::Html => "html",
            ExportFormat::TimelineJs => "timelinejs",
        }
    }

    /// The format with this name, if any.
    pub fn parse(name: &str) -> Option<ExportFormat> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// Write `timeline` in `format` to `out`. The timeline should be one that checks without
/// errors (`citeline export` refuses any other); every text is escaped for the format, so a
/// hostile title cannot break the table or inject markup.
///
/// ```
/// # let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("events.toml");
/// let checked = citeline::check_file(&path).unwrap();
/// let mut csv = Vec::new();
/// citeline::export::write_export(&mut csv, &checked.timeline, citeline::export::ExportFormat::Csv)?;
/// assert!(String::from_utf8(csv).unwrap().starts_with("record,"));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_export(
    out: &mut dyn Write,
    timeline: &Timeline,
    format: ExportFormat,
) -> io::Result<()> {
    let events = in_date_order(timeline);
    match format {
        ExportFormat::Csv => csv::write(out, timeline, &events),
        ExportFormat::Json => json::write(out, timeline, &events),
        ExportFormat::Markdown => markdown::write(out, timeline, &events),
        ExportFormat::Html => html::write(out, timeline, &events),
        ExportFormat::TimelineJs => timelinejs::write(out, timeline, &events),
    }
}

/// The events by their first day, then their last; ties keep the file's order.
fn in_date_order(timeline: &Timeline) -> Vec<&Event> {
    let mut events: Vec<&Event> = timeline.events.iter().collect();
    events.sort_by_key(|e| {
        let days = e.date.value.days();
        (days.earliest(), days.latest())
    });
    events
}
