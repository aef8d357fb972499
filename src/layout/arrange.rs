//! Arranging the events: what each block measures, how long the axis is, and how high each
//! block sits, choosing between stems from the axis and lanes.
//!
//! Stems from the axis (the classic look) need one level per event along any run of events
//! closer than a label's width, so dense data towers; lanes put each mark in its label's
//! row (its stem rising from the mark) and need only as many rows as labels pile up over
//! one x. Stems from the axis are kept while they cost little more height.

use super::labels;
use super::prepare::{Ev, Prepared};
use super::scale;
use super::sizes::{
    axis_left, axis_right, ARROW, BAR_GAP, BAR_HEIGHT, BLOCK_GAP, BLOCK_MARGIN, DATE_SIZE,
    DOT_RADIUS, DOT_STEP, FLOOR, LABEL_SIZE, LANE_FLOOR, LEADING, MARGIN, MARK_ROW, MIN_BAR,
    MIN_LABEL, STEM_PAD,
};
use super::wording::human_date;
use crate::font::{self, Fonts};
use crate::model::{DatedBy, Status};

/// Vertical metrics of the two label fonts: ascent and line height of titles and dates.
pub(super) struct Metrics {
    pub label_ascent: f64,
    pub label_line: f64,
    pub date_ascent: f64,
    pub date_line: f64,
}

impl Metrics {
    pub fn new() -> Self {
        let (la, ld) = font::vertical_metrics(LABEL_SIZE, false);
        let (da, dd) = font::vertical_metrics(DATE_SIZE, false);
        Metrics {
            label_ascent: la,
            label_line: la + ld + LEADING,
            date_ascent: da,
            date_line: da + dd + LEADING,
        }
    }
}

/// An event's label, wrapped: title lines and date lines with their widths, and the box
/// they fill.
pub(super) struct Texts {
    pub title: Vec<(String, f64)>,
    pub date: Vec<(String, f64)>,
    pub width: f64,
    pub height: f64,
}

/// Wraps labels, keeping the measured advances of both fonts across events.
pub(super) struct Wrapper {
    title: labels::Advances,
    date: labels::Advances,
    metrics: Metrics,
}

impl Wrapper {
    pub fn new(fonts: &Fonts) -> Self {
        Wrapper {
            title: labels::Advances::new(fonts, LABEL_SIZE, false),
            date: labels::Advances::new(fonts, DATE_SIZE, false),
            metrics: Metrics::new(),
        }
    }

    /// `ev`'s label wrapped to `room` pixels.
    pub fn wrap(&mut self, ev: &Ev, room: f64) -> Texts {
        let (title, date) = label_text(ev);
        let title = labels::wrap_measured(&title, &mut self.title, room);
        let date = labels::wrap_measured(&date, &mut self.date, room);
        self.texts(title, date)
    }

    /// [`Wrapper::wrap`] for planning: labels of simple scripts are wrapped on estimated
    /// widths (see [`labels::wrap_estimated`]), which whoever draws a line measures anew.
    pub fn wrap_planned(&mut self, ev: &Ev, room: f64) -> Texts {
        let (title, date) = label_text(ev);
        let title = labels::wrap_estimated(&title, &mut self.title, room)
            .unwrap_or_else(|| labels::wrap_measured(&title, &mut self.title, room));
        let date = labels::wrap_estimated(&date, &mut self.date, room)
            .unwrap_or_else(|| labels::wrap_measured(&date, &mut self.date, room));
        self.texts(title, date)
    }

    fn texts(&self, title: Vec<(String, f64)>, date: Vec<(String, f64)>) -> Texts {
        let width = title.iter().chain(&date).map(|l| l.1).fold(0.0, f64::max);
        let height = title.len() as f64 * self.metrics.label_line
            + date.len() as f64 * self.metrics.date_line;
        Texts {
            title,
            date,
            width,
            height,
        }
    }
}

/// An event's label before wrapping: its title with citation marks, and its date as the
/// data states it with what qualifies it.
fn label_text(ev: &Ev) -> (String, String) {
    let mut title = labels::clean(&ev.event.title.value);
    if title.is_empty() {
        title = labels::clean(&ev.event.id.value);
    }
    if !ev.citations.is_empty() {
        let marks: Vec<String> = ev.citations.iter().map(usize::to_string).collect();
        // A no-break space: the marks never wrap onto a line of their own.
        title = format!("{title}\u{a0}[{}]", marks.join(","));
    }
    let mut date = human_date(&ev.event.date.value);
    if ev.event.status == Status::Planned {
        date.push_str(" · planned");
    }
    if ev.event.dated_by.value == DatedBy::Inference {
        date.push_str(" · inferred*");
    }
    (title, date)
}

/// Where an event's stem stands: mid-day for a dot, the start of a bar.
pub(super) fn stem_x(sc: &scale::Scale, ev: &Ev) -> f64 {
    if ev.dot {
        sc.x((ev.start + ev.end) / 2.0)
    } else {
        sc.x(ev.start)
    }
}

/// The label width every event may use at most, wherever it stands.
pub(super) struct Room {
    /// The page's right limit for labels.
    pub limit: f64,
    /// The widest a label is wrapped to at first.
    pub label_max: f64,
}

/// The label room on a page `page_width` wide with `text_width` between the margins.
pub(super) fn room(page_width: f64, text_width: f64) -> Room {
    Room {
        limit: page_width - MARGIN,
        label_max: (text_width * 0.45).min(460.0),
    }
}

/// The axis's scale, and every label wrapped to end inside the page.
///
/// The axis spans the page, less what the rightmost labels need: shrink it until every
/// label ends inside the page, but never by more than a narrow label's width; labels still
/// too long there are wrapped narrower.
pub(super) fn fit_axis(
    prepared: &Prepared,
    texts: &mut [Texts],
    wrapper: &mut Wrapper,
    page_width: f64,
    room: &Room,
) -> scale::Scale {
    let domain = &prepared.domain;
    let left = axis_left();
    let reserve = room.label_max.min(MIN_LABEL);
    let min_right = room.limit - STEM_PAD - reserve;
    let mut right = axis_right(page_width);
    let mut sc = domain.place(left, right);
    for _ in 0..12 {
        let overflow = prepared
            .events
            .iter()
            .zip(&*texts)
            .map(|(ev, t)| stem_x(&sc, ev) + STEM_PAD + t.width - room.limit)
            .fold(0.0, f64::max);
        if overflow <= 0.0 || right <= min_right {
            break;
        }
        right = (right - overflow.max(1.0)).max(min_right);
        sc = domain.place(left, right);
    }
    for (ev, t) in prepared.events.iter().zip(texts) {
        let space = room.limit - stem_x(&sc, ev) - STEM_PAD;
        if t.width > space {
            // A little under the room: the estimate leaves kerning out.
            *t = wrapper.wrap(ev, (space - 2.0).max(reserve));
        }
    }
    sc
}

/// Geometry of a block along x.
pub(super) struct Along {
    pub stem: f64,
    /// A bar's ends, arrows included; `None` for a dot.
    pub bar: Option<(f64, f64)>,
    /// The block's right edge: its label's or its bar's, whichever reaches further.
    pub right: f64,
}

/// Each block's stem, bar and right edge on the scale `sc`.
pub(super) fn along(prepared: &Prepared, texts: &[Texts], sc: &scale::Scale) -> Vec<Along> {
    prepared
        .events
        .iter()
        .zip(texts)
        .map(|(ev, t)| {
            let stem = stem_x(sc, ev);
            // A bar is at least long enough to show, and to carry its arrows.
            let bar = (!ev.dot).then(|| {
                let arrows = f64::from(u8::from(ev.open_start) + u8::from(ev.open_end));
                let x0 = sc.x(ev.start);
                let x1 = sc.x(ev.end).max(x0 + MIN_BAR + arrows * ARROW);
                (x0, x1)
            });
            let right = (stem + STEM_PAD + t.width).max(bar.map_or(0.0, |b| b.1));
            Along { stem, bar, right }
        })
        .collect()
}

/// Heights of the block bottoms above the axis, and the top of the highest block.
struct Heights {
    bottoms: Vec<f64>,
    top: f64,
}

/// How the blocks are arranged.
pub(super) struct Arrangement {
    /// Lanes (each mark under its label) rather than stems from the axis.
    pub lanes: bool,
    /// Height of each block's bottom above the axis.
    pub bottoms: Vec<f64>,
    /// Height of the highest block's top above the axis.
    pub top: f64,
    /// Each dot's level in its pile on the axis (0 on the axis; 0 for bars).
    pub dot_level: Vec<usize>,
}

/// Stems from the axis or lanes, whichever is not much taller (see the module docs).
pub(super) fn arrange(events: &[Ev], texts: &[Texts], along: &[Along]) -> Arrangement {
    let dot_level = pile_dots(events, along);
    let stems = stems_from_axis(events, texts, along, &dot_level);
    let lanes = lanes(events, texts, along);
    let use_lanes = stems.top > (lanes.top * 1.5).max(lanes.top + 160.0);
    let chosen = if use_lanes { lanes } else { stems };
    Arrangement {
        lanes: use_lanes,
        bottoms: chosen.bottoms,
        top: chosen.top,
        dot_level,
    }
}

/// Each dot's level in its pile on the axis.
///
/// Dots on the axis closer than a diameter and a pixel (the same day, or days a few pixels
/// apart) pile up: each sits on the lowest level free at its x, one `DOT_STEP` above the
/// last, so none hides another. Among dots of one day the later event is lower, as its
/// label is (see `labels::stack`). Piling is first fit, as lanes are.
fn pile_dots(events: &[Ev], along: &[Along]) -> Vec<usize> {
    let dot_events = dots_latest_first(events, along);
    let dot_boxes: Vec<(f64, f64)> = dot_events
        .iter()
        .map(|&i| (along[i].stem - DOT_RADIUS, along[i].stem + DOT_RADIUS))
        .collect();
    let mut dot_level = vec![0usize; along.len()];
    for (&i, level) in dot_events.iter().zip(labels::lanes(&dot_boxes, 1.0)) {
        dot_level[i] = level;
    }
    dot_level
}

/// The indices of the dots, the latest in drawing order first.
fn dots_latest_first(events: &[Ev], along: &[Along]) -> Vec<usize> {
    (0..along.len()).rev().filter(|&i| events[i].dot).collect()
}

/// Each block's floor with stems from the axis: clear of the highest dot piled under its
/// box.
fn dot_floors(events: &[Ev], along: &[Along], dot_level: &[usize]) -> Vec<f64> {
    let mut piled: Vec<(f64, u32)> = dots_latest_first(events, along)
        .iter()
        .map(|&i| (along[i].stem, dot_level[i] as u32))
        .collect();
    piled.sort_by(|a, b| a.0.total_cmp(&b.0));
    let pile_max = labels::RangeMax::new(&piled.iter().map(|d| d.1).collect::<Vec<_>>());
    along
        .iter()
        .map(|a| {
            // Dots whose box comes within a pixel of the block's box.
            let lo = a.stem - BLOCK_MARGIN - DOT_RADIUS - 1.0;
            let hi = a.right + DOT_RADIUS + 1.0;
            let from = piled.partition_point(|d| d.0 < lo);
            let to = piled.partition_point(|d| d.0 <= hi);
            let level = pile_max.get(from..to).unwrap_or(0);
            FLOOR + f64::from(level) * DOT_STEP
        })
        .collect()
}

/// Block heights with stems from the axis: staggered over the dots' piles, each bar in its
/// block under the label.
fn stems_from_axis(
    events: &[Ev],
    texts: &[Texts],
    along: &[Along],
    dot_level: &[usize],
) -> Heights {
    let blocks: Vec<labels::Block> = along
        .iter()
        .zip(texts)
        .zip(events)
        .map(|((a, t), ev)| labels::Block {
            stem_x: a.stem,
            right: a.right,
            height: t.height + if ev.dot { 0.0 } else { BAR_GAP + BAR_HEIGHT },
        })
        .collect();
    let floors = dot_floors(events, along, dot_level);
    let bottoms = labels::stack_above(&blocks, &floors, BLOCK_MARGIN, BLOCK_GAP);
    let top = blocks
        .iter()
        .zip(&bottoms)
        .map(|(b, y)| y + b.height)
        .fold(FLOOR, f64::max);
    Heights { bottoms, top }
}

/// Block heights in lanes: rows as high as their tallest block, each block with a strip
/// for its mark under the label.
fn lanes(events: &[Ev], texts: &[Texts], along: &[Along]) -> Heights {
    let lane_boxes: Vec<(f64, f64)> = along
        .iter()
        .zip(events)
        .map(|(a, ev)| {
            let reach = if ev.dot { DOT_RADIUS } else { 0.0 };
            (a.stem - reach - BLOCK_MARGIN, a.right)
        })
        .collect();
    let rows = labels::lanes(&lane_boxes, BLOCK_GAP);
    let lane_height = |t: &Texts| t.height + BAR_GAP + MARK_ROW;
    let mut row_heights = vec![0.0f64; rows.iter().max().map_or(0, |r| r + 1)];
    for (r, t) in rows.iter().zip(texts) {
        row_heights[*r] = row_heights[*r].max(lane_height(t));
    }
    let mut row_bottoms = Vec::with_capacity(row_heights.len());
    let mut level = LANE_FLOOR;
    for h in &row_heights {
        row_bottoms.push(level);
        level += h + BLOCK_GAP;
    }
    Heights {
        bottoms: rows.iter().map(|&r| row_bottoms[r]).collect(),
        top: level - BLOCK_GAP,
    }
}
