//! The timeline made ready for drawing, before any pixel: the events in drawing order with
//! their continuous days, the citation numbers in the order a reader meets them, the tag
//! colours (the most used tags first, the rest grouped as "other"), the data's range, and
//! the stretches of time the axis shows (segments between breaks). Also the chart's title and its description for readers who
//! cannot see it.

use super::labels;
use super::scale;
use super::theme::Palette;
use super::wording::{plural, thousands};
use crate::date::Edtf;
use crate::diagnostic::{Diagnostic, Rule, Severity};
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
    /// The tags with a colour of their own, most used first, with their colours.
    pub tags: Vec<(String, Color)>,
    /// Tags past the palette, drawn grey as "other", most used first.
    pub other: Vec<String>,
    /// Whether some event has no tag (and so is drawn grey).
    pub untagged: bool,
    /// Warnings about the drawing, for [`crate::scene::Scene::notes`].
    pub notes: Vec<Diagnostic>,
    /// Finite earliest and latest day of the data.
    pub range: Option<(NaiveDate, NaiveDate)>,
    /// Sources by id.
    pub sources: HashMap<&'a str, &'a Source>,
    /// The stretches of time the axis shows (known before any pixel, for the legend).
    pub domain: scale::Domain,
    /// Sources cited only by events without a label, left out of the Sources block.
    pub sources_left_out: usize,
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
        let cited = number_citations(&mut events);
        let mut notes = Vec::new();
        let Colouring {
            tags,
            other,
            untagged,
        } = colour_tags(&mut events, palette, &mut notes);
        let domain = axis_domain(&events, breaks);
        let events_len = events.len();
        Prepared {
            title: chart_title(timeline),
            events,
            cited,
            tags,
            other,
            untagged,
            notes,
            range,
            sources: timeline
                .sources
                .iter()
                .map(|s| (s.id.value.as_str(), s))
                .collect(),
            labelled: events_len,
            breaks: breaks.0 > 0,
            sources_left_out: 0,
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
            self.sources_cited(),
            plural(self.sources_cited()),
        );
        if let Some(note) = self.labelled_note() {
            out.push_str(&format!(" {note}."));
        }
        out
    }

    /// Numbers the citations again over the events that carry a label (`labelled`, by
    /// index into `events`), so a chart that leaves labels out numbers, and lists under
    /// Sources, only the sources its labels cite; returns how many cited sources that
    /// leaves out (each still named in its events' tooltips).
    pub fn renumber(&mut self, labelled: &[bool]) -> usize {
        let all: std::collections::HashSet<&str> = self.cited.iter().copied().collect();
        self.cited = number_labelled(&mut self.events, &|i| labelled[i]);
        all.len() - self.cited.len()
    }

    /// How many sources the events cite, listed under Sources or not.
    pub fn sources_cited(&self) -> usize {
        self.cited.len() + self.sources_left_out
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

/// Citation numbers, given in drawing order so that `[1]` is the first source a reader
/// meets; sets each event's `citations` and returns the source ids in citation order.
fn number_citations<'a>(events: &mut [Ev<'a>]) -> Vec<&'a str> {
    number_labelled(events, &|_| true)
}

/// [`number_citations`] over the events `labelled` keeps only: the others get no numbers.
fn number_labelled<'a>(events: &mut [Ev<'a>], labelled: &dyn Fn(usize) -> bool) -> Vec<&'a str> {
    let mut cited: Vec<&str> = Vec::new();
    let mut number: HashMap<&str, usize> = HashMap::new();
    for (i, ev) in events.iter_mut().enumerate() {
        ev.citations.clear();
        if !labelled(i) {
            continue;
        }
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
    }
    cited
}

pub const TAGS_GROUPED: Rule = Rule {
    code: "tags-grouped",
    severity: Severity::Warning,
    summary: "More tags than the chart has colours: the least used are drawn grey as \"other\".",
    explanation: "A chart reads best with a few colours that mean something, so it has six, \
each distinguishable by colour-blind readers and on both themes. An event is coloured by its \
first tag. When more than six tags are used that way, the six on the most events (ties: the \
first met on the chart) keep their colours and the rest share one grey, named \"other\" in the \
legend; no colour is used for two tags. The chart is still drawn; this warning says which \
tags lost their colour. It is raised by `render`, not by `check`.\n\n\
Example: merge related tags (`talks` and `meeting` into `meeting`), put the tag that matters \
first on each event, or draw a subset with `--tag`.",
};

/// What colouring the tags found.
struct Colouring {
    tags: Vec<(String, Color)>,
    other: Vec<String>,
    untagged: bool,
}

/// Tag colours: each event is coloured by its first tag; the tags on most events (ties: the
/// first met in drawing order) get the palette's colours in turn, and any past it share the
/// grey of "other", with a warning in `notes`. Sets each event's `color`.
fn colour_tags(events: &mut [Ev], palette: &Palette, notes: &mut Vec<Diagnostic>) -> Colouring {
    // (tag, how many events it colours), in the order first met.
    let mut counts: Vec<(&str, usize)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut untagged = false;
    for ev in events.iter() {
        match ev.event.tags.first() {
            Some(tag) => {
                let i = *index.entry(tag.value.as_str()).or_insert_with(|| {
                    counts.push((tag.value.as_str(), 0));
                    counts.len() - 1
                });
                counts[i].1 += 1;
            }
            None => untagged = true,
        }
    }
    // Most used first; the sort is stable, so ties keep the order they were met in.
    counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    let colour: HashMap<&str, Color> = counts
        .iter()
        .enumerate()
        .map(|(rank, (tag, ..))| (*tag, palette.tag(rank)))
        .collect();
    for ev in events.iter_mut() {
        if let Some(tag) = ev.event.tags.first() {
            ev.color = colour[tag.value.as_str()];
        }
    }
    let keep = palette.tags.len().min(counts.len());
    let tags = counts[..keep]
        .iter()
        .map(|(tag, ..)| (tag.to_string(), colour[tag]))
        .collect();
    let other: Vec<String> = counts[keep..].iter().map(|(t, ..)| t.to_string()).collect();
    if !other.is_empty() {
        notes.push(grouped_note(events, &counts, keep));
    }
    Colouring {
        tags,
        other,
        untagged,
    }
}

/// The [`TAGS_GROUPED`] warning, pointing at the first event (in the file) whose tag went
/// grey.
fn grouped_note(events: &[Ev], counts: &[(&str, usize)], keep: usize) -> Diagnostic {
    let grouped = &counts[keep..];
    let first = events
        .iter()
        .filter_map(|ev| {
            let tag = ev.event.tags.first()?;
            grouped
                .iter()
                .any(|(t, ..)| *t == tag.value)
                .then_some((ev, tag))
        })
        .min_by_key(|(_, tag)| tag.span.start);
    let names: Vec<String> = grouped
        .iter()
        .take(8)
        .map(|(t, n)| format!("`{}` ({n})", labels::clean(t)))
        .collect();
    let more = match grouped.len().saturating_sub(names.len()) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let which = match grouped.len() {
        1 => "the least used is".to_string(),
        n => format!("the {n} least used are"),
    };
    let message = format!(
        "{} tags but {keep} colours: {which} drawn grey as \"other\": {}{more}",
        counts.len(),
        names.join(", ")
    );
    let d = match first {
        Some((ev, tag)) => Diagnostic::new(&TAGS_GROUPED, tag.span.clone(), message)
            .with_label("drawn grey as \"other\"")
            .with_event(ev.event.id.value.clone()),
        None => Diagnostic::whole_file(&TAGS_GROUPED, message),
    };
    d.with_help("merge related tags, put the one that matters first, or draw a subset with `--tag`")
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
