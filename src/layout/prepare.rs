//! The timeline made ready for drawing, before any pixel: the events in drawing order with
//! their continuous days, the citation numbers and tag colours in the order a reader meets
//! them, the data's range, and the stretches of time the axis shows (segments between
//! breaks). Also the chart's title and its description for readers who
//! cannot see it.

use super::labels;
use super::scale;
use super::theme::Palette;
use super::wording::{plural, thousands};
use crate::date::Edtf;
use crate::model::{DatedBy, Event, Source, Status, Timeline};
use crate::scene::Color;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// One event, made ready for drawing.
pub(super) struct Ev<'a> {
    pub event: &'a Event,
    /// Continuous days: the bar or dot covers `[start, end)`.
    pub start: f64,
    pub end: f64,
    pub open_start: bool,
    pub open_end: bool,
    pub dot: bool,
    pub color: Color,
    pub citations: Vec<usize>,
}

impl Ev<'_> {
    /// What the data says about how sure this event's date is.
    pub fn look(&self) -> Look {
        let date = &self.event.date.value;
        Look {
            approximate: date.is_approximate(),
            uncertain: date.is_uncertain(),
            inferred: self.event.dated_by.value == DatedBy::Inference,
            planned: self.event.status == Status::Planned,
        }
    }
}

/// What the data says about how sure a date is, which the mark's style shows.
pub(super) struct Look {
    pub approximate: bool,
    pub uncertain: bool,
    pub inferred: bool,
    pub planned: bool,
}

/// Everything about the data that more than one part of the chart needs.
pub(super) struct Prepared<'a> {
    pub title: String,
    /// In drawing order: by date, then as in the file.
    pub events: Vec<Ev<'a>>,
    /// Source ids in citation order; `[n]` is `cited[n - 1]`.
    pub cited: Vec<&'a str>,
    /// Tag names in order of first use, with their colours.
    pub tags: Vec<(String, Color)>,
    pub untagged: bool,
    /// Finite earliest and latest day of the data.
    pub range: Option<(NaiveDate, NaiveDate)>,
    /// Sources by id.
    pub sources: HashMap<&'a str, &'a Source>,
    /// The stretches of time the axis shows (known before any pixel, for the legend).
    pub domain: scale::Domain,
    /// Whether the axis may have breaks at all.
    pub breaks: bool,
    /// How many events carry a label: all of them unless a big chart keeps to its budget.
    pub labelled: usize,
}

impl<'a> Prepared<'a> {
    /// `breaks`: at most how many axis breaks, each a gap of at least `min_share` of the
    /// whole span (see [`scale::Domain::with_breaks`]).
    pub fn new(timeline: &'a Timeline, palette: &Palette, breaks: (usize, f64, bool)) -> Self {
        let range = data_range(timeline);
        let mut events = timed_events(timeline, range, palette);
        let Numbering {
            cited,
            tags,
            untagged,
        } = number_and_colour(&mut events, palette);
        let domain = axis_domain(&events, breaks);
        let events_len = events.len();
        Prepared {
            title: chart_title(timeline),
            events,
            cited,
            tags,
            untagged,
            range,
            sources: timeline
                .sources
                .iter()
                .map(|s| (s.id.value.as_str(), s))
                .collect(),
            labelled: events_len,
            breaks: breaks.0 > 0,
            domain,
        }
    }

    /// The chart's `<desc>`: what a reader who cannot see it should know.
    pub fn description(&self) -> String {
        let n = self.events.len();
        let count = |f: &dyn Fn(&Ev) -> bool| self.events.iter().filter(|e| f(e)).count();
        let qualified = count(&|e| {
            let d = &e.event.date.value;
            d.is_approximate() || d.is_uncertain()
        });
        let inferred = count(&|e| e.event.dated_by.value == DatedBy::Inference);
        let planned = count(&|e| e.event.status == Status::Planned);
        let span = match self.range {
            Some((a, z)) => format!(" from {a} to {z}"),
            None => String::new(),
        };
        let mut out = format!(
            "{n} event{} on a timeline{span}, citing {} source{}; {qualified} with approximate or \
             uncertain dates, {inferred} with inferred dates, {planned} planned.",
            plural(n),
            self.cited.len(),
            plural(self.cited.len()),
        );
        if let Some(note) = self.labelled_note() {
            out.push_str(&format!(" {note}."));
        }
        out
    }

    /// "1,200 of 10,000 events labelled" when not every event has a label.
    pub fn labelled_note(&self) -> Option<String> {
        let n = self.events.len();
        (self.labelled < n).then(|| {
            format!(
                "{} of {} events labelled; the rest are marks on the axis",
                thousands(self.labelled),
                thousands(n)
            )
        })
    }
}

/// The chart's title: the file's, or "Timeline" when it has none.
fn chart_title(timeline: &Timeline) -> String {
    timeline
        .title
        .as_ref()
        .map(|t| labels::clean(&t.value))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "Timeline".to_string())
}

/// The data's finite earliest and latest day; open interval ends are drawn up to a little
/// beyond it.
fn data_range(timeline: &Timeline) -> Option<(NaiveDate, NaiveDate)> {
    let mut lo: Option<NaiveDate> = None;
    let mut hi: Option<NaiveDate> = None;
    for e in &timeline.events {
        let (a, z) = finite_ends(&e.date.value);
        for d in [a, z].into_iter().flatten() {
            lo = Some(lo.map_or(d, |l| l.min(d)));
            hi = Some(hi.map_or(d, |h| h.max(d)));
        }
    }
    lo.zip(hi)
}

/// Each event's stretch of continuous days, in drawing order (by date, then as in the
/// file); an open end reaches a twentieth of the data's span (at least 30 days) past it.
fn timed_events<'a>(
    timeline: &'a Timeline,
    range: Option<(NaiveDate, NaiveDate)>,
    palette: &Palette,
) -> Vec<Ev<'a>> {
    let (lo_day, hi_day) = range.map_or((0, 0), |(l, h)| (day_number(l), day_number(h)));
    let extension = ((hi_day - lo_day + 1) as f64 / 20.0).max(30.0);
    let mut events: Vec<Ev> = Vec::with_capacity(timeline.events.len());
    for e in &timeline.events {
        let date = &e.date.value;
        let (open_start, open_end) = match date {
            Edtf::Interval { start, end } => (start.is_none(), end.is_none()),
            Edtf::Date(_) => (false, false),
        };
        let (a, z) = finite_ends(date);
        let start = match a {
            Some(d) => day_number(d) as f64,
            None => lo_day as f64 - extension,
        };
        let end = match z {
            Some(d) => day_number(d) as f64 + 1.0,
            None => hi_day as f64 + 1.0 + extension,
        };
        events.push(Ev {
            event: e,
            start,
            end: end.max(start + 1.0),
            open_start,
            open_end,
            dot: date.is_exact_day(),
            color: palette.untagged,
            citations: Vec::new(),
        });
    }
    events.sort_by(|x, y| x.start.total_cmp(&y.start).then(x.end.total_cmp(&y.end)));
    events
}

/// What numbering the citations and colouring the tags found.
struct Numbering<'a> {
    cited: Vec<&'a str>,
    tags: Vec<(String, Color)>,
    untagged: bool,
}

/// Citation numbers and tag colours, both given in drawing order so that `[1]` is the
/// first source a reader meets; sets each event's `citations` and `color`.
fn number_and_colour<'a>(events: &mut [Ev<'a>], palette: &Palette) -> Numbering<'a> {
    let mut cited: Vec<&str> = Vec::new();
    let mut number: HashMap<&str, usize> = HashMap::new();
    let mut tags: Vec<(String, Color)> = Vec::new();
    let mut tag_index: HashMap<&str, usize> = HashMap::new();
    let mut untagged = false;
    for ev in events {
        for evidence in &ev.event.evidence {
            let id = evidence.source.value.as_str();
            let n = *number.entry(id).or_insert_with(|| {
                cited.push(id);
                cited.len()
            });
            if !ev.citations.contains(&n) {
                ev.citations.push(n);
            }
        }
        ev.citations.sort_unstable();
        match ev.event.tags.first() {
            Some(tag) => {
                let i = *tag_index.entry(tag.value.as_str()).or_insert_with(|| {
                    tags.push((tag.value.clone(), palette.tag(tags.len())));
                    tags.len() - 1
                });
                ev.color = tags[i].1;
            }
            None => untagged = true,
        }
    }
    Numbering {
        cited,
        tags,
        untagged,
    }
}

/// The stretches of time the axis shows: segments between breaks.
fn axis_domain(events: &[Ev], (max, min_share, cross): (usize, f64, bool)) -> scale::Domain {
    // An open end reaches past the data; the axis shows the data's days and the arrow
    // points on from its edge.
    let intervals: Vec<(i64, i64)> = events
        .iter()
        .map(|e| {
            let (a, b) = (e.start as i64, e.end as i64 - 1);
            match (e.open_start, e.open_end) {
                (true, false) => (b, b),
                (false, true) => (a, a),
                _ => (a, b),
            }
        })
        .collect();
    scale::Domain::with_breaks(&intervals, max, min_share, cross)
}

/// The finite first and last day of a date value; `None` for an open end.
fn finite_ends(date: &Edtf) -> (Option<NaiveDate>, Option<NaiveDate>) {
    match date {
        Edtf::Date(d) => (Some(d.days.earliest()), Some(d.days.latest())),
        Edtf::Interval { start, end } => (
            start.map(|d| d.days.earliest()),
            end.map(|d| d.days.latest()),
        ),
    }
}

fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}
