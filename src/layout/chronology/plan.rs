//! Planning a chronology, before any pixel is drawn: the columns, each event's lane, the
//! label blocks, the axis segments' lengths, and which labels get a place and where.

use crate::font::{self, Fonts};
use crate::layout::arrange::{Metrics, Texts, Wrapper};
use crate::layout::prepare::{Ev, Prepared};
use crate::layout::scale::{self, Scale};
use crate::layout::sizes::{DOT_RADIUS, MARGIN};
use crate::layout::sweep::{self, Want};

/// The farthest a label may sit from its date along the axis.
pub(super) const MAX_SHIFT: f64 = 200.0;
/// Up to this many events every event is labelled, however tall the chart grows.
pub(super) const LABEL_ALL_UP_TO: usize = 100;
/// Height budget of the events part of a big chart (the header, legend and sources come on
/// top), so 10,000 events stay one figure of a few screens.
const BUDGET: f64 = 4_900.0;
/// Between two labels.
const GAP: f64 = 5.0;
/// Length of a break in the axis.
const BREAK: f64 = 34.0;
/// The shortest segment.
const MIN_SEGMENT: f64 = 40.0;
/// Titles listed in a block of events on one day; the rest are counted.
const PILE_LIST: usize = 4;
/// Interval bars: lanes right of the axis, this far apart, at most this many.
pub(super) const LANE: f64 = 7.0;
pub(super) const BAR: f64 = 5.0;
const MAX_LANES: usize = 6;
/// The overview's width, left of the axis.
pub(super) const OVERVIEW: f64 = 36.0;
/// From the marks to the label text: room for the leader.
const LEADER: f64 = 16.0;
/// The widest a label is wrapped to: a comfortable measure, not the whole page.
const MAX_LABEL: f64 = 460.0;
/// Labels go on both sides of the axis when each side has at least this much room.
const MIN_SIDE: f64 = 300.0;

/// Where the columns stand, from the left: labels on the left side (when the page is
/// wide enough for two), tick labels, overview, axis, lanes, labels on the right side.
pub(super) struct Columns {
    /// 1 or 2: labels right of the axis only, or on both sides.
    pub(super) sides: usize,
    /// The right edge of left-side labels.
    pub(super) left_label_right: f64,
    pub(super) tick_right: f64,
    pub(super) overview_right: f64,
    pub(super) axis: f64,
    pub(super) label: f64,
    pub(super) label_room: f64,
}

/// How much room the labels get along the axis.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Room {
    /// `--all-labels`: every label, however long the chart (a segment's length is still
    /// bounded, at 50 times its labels' heights).
    All,
    /// Up to [`LABEL_ALL_UP_TO`] events: every label, a segment at most four times as long
    /// as its labels; a burst too tight for that loses labels, counted.
    Few,
    /// A big timeline: [`BUDGET`] in all, the labels that matter first.
    Budget,
}

/// Events drawn as one label: one event, or several on one day.
pub(super) struct Block {
    /// Indices into `prepared.events`, in drawing order.
    pub(super) members: Vec<usize>,
    /// How many members are listed by title.
    pub(super) listed: usize,
    /// The continuous day the label stands beside.
    pub(super) anchor: f64,
    pub(super) texts: Vec<Texts>,
    pub(super) height: f64,
}

/// Everything decided before drawing, with y measured from the chart's top.
pub(in crate::layout) struct Plan {
    pub(super) columns: Columns,
    pub(super) lanes: Vec<usize>,
    pub(super) blocks: Vec<Block>,
    /// Per block: its label's side (0 right of the axis, 1 left) and top, or `None` when
    /// it is left out.
    pub(super) tops: Vec<Option<(usize, f64)>>,
    pub(super) scale: Scale,
    pub(in crate::layout) labelled: usize,
    pub(super) height: f64,
    /// The width labels were wrapped to.
    pub(super) room: f64,
}

impl Plan {
    /// Whether each of `n` events (by index into the prepared events) carries a label.
    pub(in crate::layout) fn labelled_events(&self, n: usize) -> Vec<bool> {
        let mut out = vec![false; n];
        for (block, top) in self.blocks.iter().zip(&self.tops) {
            if top.is_some() {
                for &m in &block.members[..block.listed] {
                    out[m] = true;
                }
            }
        }
        out
    }
}

/// Plans the chronology of `prepared` on a page `width` wide; with `unlimited` every
/// label is placed however tall the chart grows.
pub(in crate::layout) fn plan(
    prepared: &Prepared,
    width: f64,
    unlimited: bool,
    fonts: &Fonts,
) -> Plan {
    let reach = if unlimited {
        Room::All
    } else if prepared.events.len() <= LABEL_ALL_UP_TO {
        Room::Few
    } else {
        Room::Budget
    };
    let unlimited = reach != Room::Budget;
    let lanes = lanes(&prepared.events);
    let lane_count = lanes.iter().map(|l| l + 1).max().unwrap_or(0);
    let columns = columns(width, !unlimited, lane_count);
    let room = if columns.sides == 2 {
        columns.label_room.min(columns.left_label_right - MARGIN)
    } else {
        columns.label_room
    };
    let blocks = blocks(prepared, room, fonts);
    // Segments take the length their labels need; a stretch with no date inside that
    // would then cost more than a break is cut out as one, and the lengths are fitted anew.
    let mut domain = prepared.domain.clone();
    let sides = columns.sides;
    let mut lengths = fit_lengths(&domain, &blocks, reach, sides);
    let dates = Dates::of(&prepared.events);
    for _ in 0..6 {
        let gaps = dates.empty_stretches(&domain, &lengths);
        if gaps.is_empty() || !prepared.breaks {
            break;
        }
        domain = domain.split(&gaps);
        lengths = fit_lengths(&domain, &blocks, reach, sides);
    }
    let breaks = BREAK * (lengths.len() - 1) as f64;
    let total: f64 = lengths.iter().sum();
    if !unlimited && total + breaks > BUDGET {
        let k = ((BUDGET - breaks).max(MIN_SEGMENT) / total).min(1.0);
        for l in &mut lengths {
            *l = (*l * k).max(MIN_SEGMENT);
        }
    }
    let top = label_half(&blocks);
    let order = label_order(prepared, &blocks);
    // Segments are fitted one by one, and a label may reach into the next one's room: where
    // every label is wanted and some found no place, those segments grow, a few times.
    let kicker = kicker_middle();
    let (mut scale, mut tops);
    let mut attempt = 0;
    loop {
        scale = domain.place_lengths(top, &lengths, BREAK);
        let wants: Vec<Want> = blocks
            .iter()
            .map(|b| Want {
                top: scale.x(b.anchor) - kicker,
                height: b.height,
            })
            .collect();
        tops = place(&wants, &order, sides);
        attempt += 1;
        if !unlimited || attempt == 6 || tops.iter().all(Option::is_some) {
            break;
        }
        let mut grow = vec![false; lengths.len()];
        for (b, t) in blocks.iter().zip(&tops) {
            if t.is_none() {
                let s = segment_of(&domain, b.anchor);
                grow[s] = true;
                grow[s.saturating_sub(1)] = true;
            }
        }
        for (l, g) in lengths.iter_mut().zip(grow) {
            if g {
                *l *= 1.4;
            }
        }
    }
    let labelled = blocks
        .iter()
        .zip(&tops)
        .filter(|(_, t)| t.is_some())
        .map(|(b, _)| b.listed)
        .sum();
    let labels_bottom = blocks
        .iter()
        .zip(&tops)
        .filter_map(|(b, t)| t.map(|(_, t)| t + b.height))
        .fold(0.0, f64::max);
    let height = labels_bottom.max(scale.right() + DOT_RADIUS) + 8.0;
    Plan {
        columns,
        lanes,
        blocks,
        tops,
        scale,
        labelled,
        height,
        room,
    }
}

/// The segment of `domain` that holds continuous day `day`.
fn segment_of(domain: &scale::Domain, day: f64) -> usize {
    domain
        .segments
        .partition_point(|s| s.end <= day)
        .min(domain.segments.len() - 1)
}

/// Each segment's length: the shortest at which its labels all sit near their dates.
fn fit_lengths(domain: &scale::Domain, blocks: &[Block], room: Room, sides: usize) -> Vec<f64> {
    let mut per_segment: Vec<Vec<usize>> = vec![Vec::new(); domain.segments.len()];
    for (i, b) in blocks.iter().enumerate() {
        per_segment[segment_of(domain, b.anchor)].push(i);
    }
    domain
        .segments
        .iter()
        .zip(&per_segment)
        .map(|(span, mine)| fit_length(blocks, mine, *span, room, sides))
        .collect()
}

/// Where events begin and end: what decides which empty stretches may become breaks.
struct Dates {
    /// Every finite first day and end, sorted.
    days: Vec<f64>,
    /// Every closed interval, as days.
    intervals: Vec<(i64, i64)>,
}

impl Dates {
    fn of(events: &[Ev]) -> Self {
        let mut days: Vec<f64> = events
            .iter()
            .flat_map(|e| {
                let start = (!e.open_start).then_some(e.start);
                let end = (!e.open_end).then_some(e.end);
                start.into_iter().chain(end)
            })
            .collect();
        days.sort_by(f64::total_cmp);
        let intervals = events
            .iter()
            .filter(|e| !e.open_start && !e.open_end)
            .map(|e| (e.start as i64, e.end as i64 - 1))
            .collect();
        Dates { days, intervals }
    }

    /// Stretches inside segments where no event begins or ends and that would take more
    /// pixels than a break at their segment's scale (and at least a month).
    fn empty_stretches(&self, domain: &scale::Domain, lengths: &[f64]) -> Vec<scale::Span> {
        let days = &self.days;
        let mut gaps = Vec::new();
        for ((seg, core), length) in domain.segments.iter().zip(&domain.cores).zip(lengths) {
            let k = length / seg.days().max(1e-9);
            let from = days.partition_point(|&d| d < core.start);
            let to = days.partition_point(|&d| d <= core.end);
            for w in days[from..to].windows(2) {
                let stretch = scale::Span {
                    start: w[0],
                    end: w[1],
                };
                let gap = stretch.days();
                if gap >= 30.0
                    && gap * k > 4.0 * BREAK
                    && !scale::cuts_an_interval(&self.intervals, stretch)
                {
                    gaps.push(stretch);
                }
            }
        }
        gaps
    }
}

/// Half the tallest label: room above the axis's start so the first label can centre on it.
fn label_half(blocks: &[Block]) -> f64 {
    blocks
        .first()
        .map_or(0.0, |b| kicker_middle().min(b.height / 2.0))
        + 4.0
}

/// From a label's top to the middle of its first line (the date), which faces its mark.
pub(super) fn kicker_middle() -> f64 {
    Metrics::new().date_line / 2.0
}

/// The shortest length at which the blocks `mine` of a segment over `span` all sit within
/// [`MAX_SHIFT`] of their dates, at most what `room` allows.
fn fit_length(
    blocks: &[Block],
    mine: &[usize],
    span: scale::Span,
    room: Room,
    sides: usize,
) -> f64 {
    let need: f64 = mine.iter().map(|&i| blocks[i].height + GAP).sum::<f64>() / sides as f64;
    // However many labels a segment holds, it need not be longer than a few times their
    // heights: past that a burst is too tight to label in full at any length a reader
    // would scroll.
    let cap = match room {
        Room::All => 50.0 * need + 20_000.0,
        Room::Few => 4.0 * need + 400.0,
        Room::Budget => BUDGET,
    };
    let kicker = kicker_middle();
    let fits = |length: f64| {
        let k = length / span.days().max(1e-9);
        (0..sides).all(|side| {
            // Sides take the labels in turn, as `place` first tries.
            let wants: Vec<Want> = mine
                .iter()
                .filter(|&&i| i % sides == side)
                .map(|&i| Want {
                    top: (blocks[i].anchor - span.start) * k - kicker,
                    height: blocks[i].height,
                })
                .collect();
            let tops = sweep::settle(&wants, GAP, -BREAK / 2.0, f64::INFINITY);
            let bottom = tops
                .iter()
                .zip(&wants)
                .map(|(t, w)| t + w.height)
                .fold(0.0, f64::max);
            bottom <= length + BREAK / 2.0 + MAX_SHIFT
                && tops
                    .iter()
                    .zip(&wants)
                    .all(|(t, w)| (t - w.top).abs() <= MAX_SHIFT)
        })
    };
    let mut lo = MIN_SEGMENT.max(need * 0.25).min(cap);
    if fits(lo) {
        return lo;
    }
    let mut hi = cap.max(lo);
    if !fits(hi) {
        return hi;
    }
    for _ in 0..40 {
        let mid = (lo + hi) / 2.0;
        if fits(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
        if hi - lo < 1.0 {
            break;
        }
    }
    hi
}

/// Which blocks to label first: those holding a key event, then all, each group spread
/// evenly over time.
fn label_order(prepared: &Prepared, blocks: &[Block]) -> Vec<usize> {
    let is_key = |b: &Block| b.members.iter().any(|&m| prepared.events[m].event.key);
    let keys: Vec<usize> = (0..blocks.len()).filter(|&i| is_key(&blocks[i])).collect();
    let rest: Vec<usize> = (0..blocks.len()).filter(|&i| !is_key(&blocks[i])).collect();
    let mut order: Vec<usize> = sweep::spread_order(keys.len())
        .into_iter()
        .map(|i| keys[i])
        .collect();
    order.extend(sweep::spread_order(rest.len()).into_iter().map(|i| rest[i]));
    order
}

/// The tops of the labels that find room near their dates, settled as close to their
/// wishes as order allows; `None` for a label left out.
fn place(wants: &[Want], order: &[usize], sides: usize) -> Vec<Option<(usize, f64)>> {
    let near = |tops: &[f64], wants: &[Want]| {
        tops.iter()
            .zip(wants)
            .all(|(t, w)| (t - w.top).abs() <= MAX_SHIFT + 1e-6)
    };
    // Everything, sides taking labels in turn, if the lengths let every label sit near
    // its date.
    let mut all = vec![None; wants.len()];
    let mut every = true;
    for side in 0..sides {
        let mine: Vec<usize> = (0..wants.len()).filter(|i| i % sides == side).collect();
        let picked: Vec<Want> = mine.iter().map(|&i| wants[i]).collect();
        let tops = sweep::settle(&picked, GAP, 0.0, f64::INFINITY);
        every &= near(&tops, &picked);
        for (k, &i) in mine.iter().enumerate() {
            all[i] = Some((side, tops[k]));
        }
    }
    if every {
        return all;
    }
    // Otherwise the most important first, as many as find room near their dates; then
    // each side settled, unless settling would move one too far.
    let mut tops = sweep::choose(wants, order, sides, GAP, (0.0, f64::INFINITY), MAX_SHIFT);
    for side in 0..sides {
        let mine: Vec<usize> = (0..wants.len())
            .filter(|&i| matches!(tops[i], Some((s, _)) if s == side))
            .collect();
        let picked: Vec<Want> = mine.iter().map(|&i| wants[i]).collect();
        let settled = sweep::settle(&picked, GAP, 0.0, f64::INFINITY);
        if near(&settled, &picked) {
            for (k, &i) in mine.iter().enumerate() {
                tops[i] = Some((side, settled[k]));
            }
        }
    }
    tops
}

/// Each event's lane for its bar (dots sit on the axis and take none): the first lane
/// free by its days, the last lane shared when all are taken.
fn lanes(events: &[Ev]) -> Vec<usize> {
    let mut ends: Vec<f64> = Vec::new();
    events
        .iter()
        .map(|ev| {
            if ev.dot {
                return 0;
            }
            let free = ends.iter().position(|&e| e <= ev.start);
            let lane = match free {
                Some(l) => l,
                None if ends.len() < MAX_LANES => {
                    ends.push(f64::NEG_INFINITY);
                    ends.len() - 1
                }
                None => MAX_LANES - 1,
            };
            ends[lane] = ends[lane].max(ev.end);
            lane
        })
        .collect()
}

fn columns(width: f64, overview: bool, lanes: usize) -> Columns {
    let tick_width = font::text_width("30 Sep 2000", scale::TICK_FONT, false);
    let overview_width = if overview { OVERVIEW } else { 0.0 };
    // Axis furniture between the label columns: ticks, overview, axis, lanes, leaders.
    let middle = LEADER
        + tick_width
        + 6.0
        + overview_width
        + 4.0
        + DOT_RADIUS
        + 4.0
        + lanes as f64 * LANE
        + LEADER;
    let two_room = (width - 2.0 * MARGIN - middle) / 2.0;
    let (sides, left_room) = if two_room >= MIN_SIDE {
        (2, two_room.min(MAX_LABEL))
    } else {
        (1, 0.0)
    };
    let left_label_right = MARGIN + left_room;
    let tick_right = left_label_right + if sides == 2 { LEADER } else { 0.0 } + tick_width;
    let overview_right = tick_right + 6.0 + overview_width;
    let axis = overview_right + 4.0;
    let label = axis + DOT_RADIUS + 4.0 + lanes as f64 * LANE + LEADER;
    Columns {
        sides,
        left_label_right,
        tick_right,
        overview_right,
        axis,
        label,
        label_room: (width - MARGIN - label).clamp(120.0, MAX_LABEL),
    }
}

/// Events in blocks: one per event, except that one-day events on the same day share one.
fn blocks(prepared: &Prepared, room: f64, fonts: &Fonts) -> Vec<Block> {
    let m = Metrics::new();
    let mut wrapper = Wrapper::new(fonts);
    let events = &prepared.events;
    let mut out: Vec<Block> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let ev = &events[i];
        let mut j = i + 1;
        while ev.dot && j < events.len() && events[j].dot && events[j].start == ev.start {
            j += 1;
        }
        let members: Vec<usize> = (i..j).collect();
        let listed = members
            .len()
            .min(if members.len() == 1 { 1 } else { PILE_LIST });
        let texts: Vec<Texts> = members[..listed]
            .iter()
            .map(|&k| wrapper.wrap_planned(&events[k], room))
            .collect();
        let mut height: f64 = texts
            .iter()
            .map(|t| t.title.len() as f64 * m.label_line)
            .sum();
        height += m.date_line * (texts[0].date.len() as f64);
        if members.len() > listed {
            height += m.date_line;
        }
        out.push(Block {
            // An interval open at its start stands beside its end, the one date it has.
            anchor: if ev.dot {
                ev.start + 0.5
            } else if ev.open_start && !ev.open_end {
                ev.end
            } else {
                ev.start
            },
            members,
            listed,
            texts,
            height,
        });
        i = j;
    }
    // Line order: an interval open at its start stands at its end, out of date order.
    out.sort_by(|a, b| a.anchor.total_cmp(&b.anchor));
    out
}
