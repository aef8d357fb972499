//! The vertical chronology: time runs down the page on an axis at the left, each label
//! stands to the right beside its date, with a short leader from its mark, and the chart
//! grows in the direction of time.
//!
//! Planning comes first and is translation-free ([`plan`]), so the header can say how many
//! events are labelled before anything is drawn. Events on one day are one block: their
//! date once, a few titles, and "+N more on …" for the rest. Each segment of the axis gets
//! the shortest length at which its blocks can all sit within [`MAX_SHIFT`] of their dates
//! (time stays linear inside it); a big timeline keeps to a height budget instead, and then
//! labels the key events first and the rest spread evenly over time, as many as fit near
//! their dates (`sweep.rs`). A label that cannot sit near its date is left out and counted,
//! never drawn far away; its mark stays, and an overview left of the axis counts every
//! event per stretch of time, coloured by tag.

use super::arrange::{Metrics, Texts, Wrapper};
use super::build::{group, text_item, text_item_measured, Builder};
use super::marks::{dot, group_of};
use super::prepare::{Ev, Prepared};
use super::scale::{self, Scale};
use super::sizes::{DATE_SIZE, DOT_RADIUS, LABEL_SIZE, MARGIN};
use super::style::{axis_stroke, MarkStyle};
use super::sweep::{self, Want};
use super::wording::{human_date, thousands};
use crate::font::{self, Fonts};
use crate::scene::{Anchor, Color, Group, Item, Point, Rect, Role, Stroke};

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
const LANE: f64 = 7.0;
const BAR: f64 = 5.0;
const MAX_LANES: usize = 6;
/// The overview's width, left of the axis.
const OVERVIEW: f64 = 36.0;
/// From the marks to the label text: room for the leader.
const LEADER: f64 = 16.0;
/// The widest a label is wrapped to: a comfortable measure, not the whole page.
const MAX_LABEL: f64 = 460.0;
/// Labels go on both sides of the axis when each side has at least this much room.
const MIN_SIDE: f64 = 300.0;

/// Where the columns stand, from the left: labels on the left side (when the page is
/// wide enough for two), tick labels, overview, axis, lanes, labels on the right side.
struct Columns {
    /// 1 or 2: labels right of the axis only, or on both sides.
    sides: usize,
    /// The right edge of left-side labels.
    left_label_right: f64,
    tick_right: f64,
    overview_right: f64,
    axis: f64,
    label: f64,
    label_room: f64,
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
struct Block {
    /// Indices into `prepared.events`, in drawing order.
    members: Vec<usize>,
    /// How many members are listed by title.
    listed: usize,
    /// The continuous day the label stands beside.
    anchor: f64,
    texts: Vec<Texts>,
    height: f64,
}

/// Everything decided before drawing, with y measured from the chart's top.
pub(super) struct Plan {
    columns: Columns,
    lanes: Vec<usize>,
    blocks: Vec<Block>,
    /// Per block: its label's side (0 right of the axis, 1 left) and top, or `None` when
    /// it is left out.
    tops: Vec<Option<(usize, f64)>>,
    scale: Scale,
    pub labelled: usize,
    pub height: f64,
}

/// Plans the chronology of `prepared` on a page `width` wide; with `unlimited` every
/// label is placed however tall the chart grows.
pub(super) fn plan(prepared: &Prepared, width: f64, unlimited: bool, fonts: &Fonts) -> Plan {
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
    for _ in 0..6 {
        let gaps = empty_stretches(&domain, &lengths, &prepared.events);
        if gaps.is_empty() || !prepared_breaks(prepared) {
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
    let (mut scale, mut tops);
    let mut attempt = 0;
    loop {
        scale = domain.place_lengths(top, &lengths, BREAK);
        let wants: Vec<Want> = blocks
            .iter()
            .map(|b| Want {
                top: scale.x(b.anchor) - kicker_middle(),
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
    }
}

/// Whether breaks are on at all (`--no-breaks` gives one linear axis).
fn prepared_breaks(prepared: &Prepared) -> bool {
    prepared.breaks
}

/// Each segment's length: the shortest at which its labels all sit near their dates.
/// The segment of `domain` that holds continuous day `day`.
fn segment_of(domain: &scale::Domain, day: f64) -> usize {
    domain
        .segments
        .partition_point(|s| s.end <= day)
        .min(domain.segments.len() - 1)
}

fn fit_lengths(domain: &scale::Domain, blocks: &[Block], room: Room, sides: usize) -> Vec<f64> {
    let mut per_segment: Vec<Vec<usize>> = vec![Vec::new(); domain.segments.len()];
    for (i, b) in blocks.iter().enumerate() {
        per_segment[segment_of(domain, b.anchor)].push(i);
    }
    domain
        .segments
        .iter()
        .zip(&per_segment)
        .map(|(span, mine)| {
            // However many labels a segment holds, it need not be longer than a few times
            // their heights: past that a burst is too tight to label in full at any length
            // a reader would scroll.
            let need: f64 =
                mine.iter().map(|&i| blocks[i].height + GAP).sum::<f64>() / sides as f64;
            let cap = match room {
                Room::All => 50.0 * need + 20_000.0,
                Room::Few => 4.0 * need + 400.0,
                Room::Budget => BUDGET,
            };
            fit_length(blocks, mine, *span, cap, sides)
        })
        .collect()
}

/// Stretches inside segments where no event begins or ends and that would take more
/// pixels than a break at their segment's scale (and at least a month).
fn empty_stretches(domain: &scale::Domain, lengths: &[f64], events: &[Ev]) -> Vec<scale::Span> {
    let mut days: Vec<f64> = events
        .iter()
        .flat_map(|e| {
            let mut d = Vec::with_capacity(2);
            if !e.open_start {
                d.push(e.start);
            }
            if !e.open_end {
                d.push(e.end);
            }
            d
        })
        .collect();
    days.sort_by(f64::total_cmp);
    let intervals: Vec<(i64, i64)> = events
        .iter()
        .filter(|e| !e.open_start && !e.open_end)
        .map(|e| (e.start as i64, e.end as i64 - 1))
        .collect();
    let mut gaps = Vec::new();
    for ((seg, core), length) in domain.segments.iter().zip(&domain.cores).zip(lengths) {
        let k = length / seg.days().max(1e-9);
        let from = days.partition_point(|&d| d < core.start);
        let to = days.partition_point(|&d| d <= core.end);
        for w in days[from..to].windows(2) {
            let gap = w[1] - w[0];
            let stretch = scale::Span {
                start: w[0],
                end: w[1],
            };
            if gap >= 30.0 && gap * k > 4.0 * BREAK && !scale::cuts_an_interval(&intervals, stretch)
            {
                gaps.push(stretch);
            }
        }
    }
    gaps
}

/// Half the tallest label: room above the axis's start so the first label can centre on it.
fn label_half(blocks: &[Block]) -> f64 {
    blocks
        .first()
        .map_or(0.0, |b| kicker_middle().min(b.height / 2.0))
        + 4.0
}

/// From a label's top to the middle of its first line (the date), which faces its mark.
fn kicker_middle() -> f64 {
    Metrics::new().date_line / 2.0
}

/// The shortest length at which the blocks `mine` of a segment over `span` all sit within
/// [`MAX_SHIFT`] of their dates, at most `cap`.
fn fit_length(blocks: &[Block], mine: &[usize], span: scale::Span, cap: f64, sides: usize) -> f64 {
    let fits = |length: f64| {
        let k = length / span.days().max(1e-9);
        (0..sides).all(|side| {
            // Sides take the labels in turn, as `place` first tries.
            let wants: Vec<Want> = mine
                .iter()
                .filter(|&&i| i % sides == side)
                .map(|&i| Want {
                    top: (blocks[i].anchor - span.start) * k - kicker_middle(),
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
    let need: f64 = mine.iter().map(|&i| blocks[i].height + GAP).sum::<f64>() / sides as f64;
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

/// Draws the planned chronology from the builder's `y` down; advances `y` past it.
pub(super) fn draw(b: &mut Builder, prepared: &Prepared, plan: &Plan) {
    let y0 = b.y;
    let at = |y: f64| y0 + y;
    let first_event = b.groups.len();
    let m = Metrics::new();
    let mut groups: Vec<Option<Group>> = prepared
        .events
        .iter()
        .enumerate()
        .map(|(i, ev)| Some(event_mark(ev, prepared, plan, i, y0, b)))
        .collect();
    for (block, top) in plan.blocks.iter().zip(&plan.tops) {
        let Some((side, top)) = *top else { continue };
        let top = at(top);
        let c = &plan.columns;
        // Left of the axis, lines are set flush right against the axis.
        let x_of = |w: f64| {
            if side == 0 {
                c.label
            } else {
                c.left_label_right - w
            }
        };
        let leader_x = if side == 0 {
            c.label - 3.0
        } else {
            c.left_label_right + 3.0
        };
        let mut y = top;
        let first = block.members[0];
        let ev = &prepared.events[first];
        // The kicker: the date once, above the titles.
        let mut kicker: Vec<Item> = Vec::new();
        let date_lines = if block.members.len() > 1 {
            vec![format!(
                "{} · {} events",
                human_date(&ev.event.date.value),
                thousands(block.members.len())
            )]
        } else {
            block.texts[0].date.iter().map(|(l, _)| l.clone()).collect()
        };
        for line in date_lines {
            let w = b.fonts.text_width(&line, DATE_SIZE, false);
            kicker.push(text_item_measured(
                w,
                line,
                x_of(w),
                y + m.date_ascent,
                DATE_SIZE,
                false,
                false,
                b.palette.muted,
            ));
            y += m.date_line;
        }
        let leader_y = top + kicker_middle();
        for (k, &member) in block.members[..block.listed].iter().enumerate() {
            let g = groups[member].as_mut().expect("each event drawn once");
            let italic = prepared.events[member].look().inferred;
            if k == 0 {
                g.items.append(&mut kicker);
            }
            for (line, _) in &block.texts[k].title {
                // Planned on estimates; what is drawn is measured as drawn.
                let w = b.fonts.text_width(line, LABEL_SIZE, false);
                g.items.push(text_item_measured(
                    w,
                    line.clone(),
                    x_of(w),
                    y + m.label_ascent,
                    LABEL_SIZE,
                    false,
                    italic,
                    b.palette.text,
                ));
                y += m.label_line;
            }
            let mark = mark_point(&prepared.events[member], plan, member, y0, leader_y);
            let mark = if side == 0 {
                mark
            } else {
                Point {
                    x: c.axis - DOT_RADIUS,
                    y: mark.y,
                }
            };
            g.items.insert(
                0,
                leader(
                    mark,
                    Point {
                        x: leader_x,
                        y: leader_y,
                    },
                    b.palette.stem,
                ),
            );
        }
        let more = block.members.len() - block.listed;
        if more > 0 {
            let text = format!(
                "+{} more on {}",
                thousands(more),
                human_date(&ev.event.date.value)
            );
            let g = groups[first].as_mut().expect("each event drawn once");
            let w = b.fonts.text_width(&text, DATE_SIZE, false);
            g.items.push(text_item_measured(
                w,
                text,
                x_of(w),
                y + m.date_ascent,
                DATE_SIZE,
                false,
                true,
                b.palette.muted,
            ));
        }
    }
    let groups: Vec<Group> = groups.into_iter().flatten().collect();
    // Leaders of labels left of the axis pass through the tick labels' column: a tick
    // label a leader would cross is left out (its tick stays).
    let leaders: Vec<Rect> = groups
        .iter()
        .flat_map(|g| &g.items)
        .filter_map(|i| match i {
            Item::Line { from, to, .. } => Some(Rect {
                x: from.x.min(to.x) - 1.0,
                y: from.y.min(to.y) - 1.0,
                width: (to.x - from.x).abs() + 2.0,
                height: (to.y - from.y).abs() + 2.0,
            }),
            _ => None,
        })
        .collect();
    let mut axis = axis(b, plan, y0);
    for g in &mut axis {
        g.items.retain(|i| match i {
            Item::Text { bounds, .. } => !leaders.iter().any(|l| l.overlaps(bounds)),
            _ => true,
        });
    }
    b.groups.splice(first_event..first_event, axis);
    // The overview has its column only where a budget was planned for.
    let reserved = plan.columns.overview_right - plan.columns.tick_right > 6.0;
    if reserved && plan.labelled < prepared.events.len() {
        b.groups.insert(first_event, overview(prepared, plan, y0));
    }
    b.groups.extend(groups);
    b.y = at(plan.height);
}

/// Where a leader meets an event's mark: its dot on the axis at the middle of its day, or
/// the point of its bar nearest the label's `label_y`.
fn mark_point(ev: &Ev, plan: &Plan, i: usize, y0: f64, label_y: f64) -> Point {
    let c = &plan.columns;
    if ev.dot {
        Point {
            x: c.axis + DOT_RADIUS,
            y: y0 + plan.scale.x(ev.start + 0.5),
        }
    } else {
        let (top, bottom) = (y0 + plan.scale.x(ev.start), y0 + plan.scale.x(ev.end));
        Point {
            x: lane_x(c, plan.lanes[i]) + BAR,
            y: label_y.clamp(top + 1.0, (bottom - 1.0).max(top + 1.0)),
        }
    }
}

fn lane_x(c: &Columns, lane: usize) -> f64 {
    c.axis + DOT_RADIUS + 3.0 + lane as f64 * LANE
}

/// A thin line from a mark to its label.
fn leader(from: Point, to: Point, color: Color) -> Item {
    Item::Line {
        from,
        to,
        stroke: Stroke {
            color,
            width: 1.0,
            dash: None,
        },
    }
}

/// An event's group with its mark: a dot on the axis, or a bar along it in its lane.
fn event_mark(ev: &Ev, prepared: &Prepared, plan: &Plan, i: usize, y0: f64, b: &Builder) -> Group {
    let (fill, stroke) = MarkStyle::of_event(ev).paint(ev.color, b.palette);
    let item = if ev.dot {
        let y = y0 + plan.scale.x(ev.start + 0.5);
        dot(
            plan.columns.axis,
            y,
            MarkStyle::of_event(ev),
            ev.color,
            b.palette,
        )
    } else {
        let (top, bottom) = (y0 + plan.scale.x(ev.start), y0 + plan.scale.x(ev.end));
        let inset = stroke.as_ref().map_or(0.0, |s| s.width / 2.0);
        Item::Rect {
            rect: Rect {
                x: lane_x(&plan.columns, plan.lanes[i]) + inset,
                y: top + inset,
                width: BAR - 2.0 * inset,
                height: (bottom - top - 2.0 * inset).max(2.0),
            },
            fill: Some(fill),
            stroke,
            radius: 1.0,
        }
    };
    group_of(ev, prepared, vec![item])
}

/// The axis: a group per segment (its line, ticks and tick labels), and the breaks.
fn axis(b: &Builder, plan: &Plan, y0: f64) -> Vec<Group> {
    let p = b.palette;
    let c = &plan.columns;
    let line = axis_stroke(p);
    let (ascent, descent) = font::vertical_metrics(scale::TICK_FONT, false);
    let tick_height = |_: &str| ascent + descent;
    let mut groups = Vec::new();
    for s in &plan.scale.placed {
        let (y_a, y_z) = (y0 + s.x0, y0 + s.x1);
        let mut items = vec![Item::Line {
            from: Point { x: c.axis, y: y_a },
            to: Point { x: c.axis, y: y_z },
            stroke: line.clone(),
        }];
        let (_, ticks) = scale::choose_ticks(s.core, s.scale(), &tick_height);
        for t in ticks {
            let y = y0 + plan.scale.x(t.day as f64);
            items.push(Item::Line {
                from: Point { x: c.axis - 5.0, y },
                to: Point { x: c.axis, y },
                stroke: line.clone(),
            });
            let w = scale::tick_width(&t.label);
            let mut item = text_item(
                t.label,
                c.tick_right - w,
                y + (ascent - descent) / 2.0,
                scale::TICK_FONT,
                false,
                false,
                p.muted,
            );
            if let Item::Text { anchor, at, .. } = &mut item {
                *anchor = Anchor::End;
                at.x = c.tick_right;
            }
            items.push(item);
        }
        let mut g = group(Role::Axis, vec!["axis-segment".into()], items);
        g.data = super::axis::segment_days(s);
        groups.push(g);
    }
    let zigzags: Vec<Item> = plan
        .scale
        .breaks()
        .into_iter()
        .map(|(a, z)| {
            let (a, z) = (y0 + a + 4.0, y0 + z - 4.0);
            let step = (z - a) / 4.0;
            Item::Polyline {
                points: (0..=4)
                    .map(|k| Point {
                        x: c.axis
                            + if k % 2 == 0 {
                                0.0
                            } else if k % 4 == 1 {
                                4.0
                            } else {
                                -4.0
                            },
                        y: a + step * k as f64,
                    })
                    .collect(),
                stroke: line.clone(),
            }
        })
        .collect();
    if !zigzags.is_empty() {
        groups.push(group(Role::Axis, vec!["axis-break".into()], zigzags));
    }
    groups
}

/// Every event counted per stretch of the axis, bars growing left from it, coloured by tag:
/// the shape of the whole timeline when not every event has a label.
fn overview(prepared: &Prepared, plan: &Plan, y0: f64) -> Group {
    const BIN: f64 = 4.0;
    let c = &plan.columns;
    let bins = (plan.scale.right() / BIN).ceil().max(1.0) as usize + 1;
    let mut counts: Vec<Vec<(Color, u32)>> = vec![Vec::new(); bins];
    for ev in &prepared.events {
        let bin = ((plan.scale.x(if ev.dot { ev.start + 0.5 } else { ev.start }) / BIN) as usize)
            .min(bins - 1);
        match counts[bin].iter_mut().find(|(col, _)| *col == ev.color) {
            Some((_, n)) => *n += 1,
            None => counts[bin].push((ev.color, 1)),
        }
    }
    let most = counts
        .iter()
        .map(|b| b.iter().map(|(_, n)| n).sum::<u32>())
        .max()
        .unwrap_or(1)
        .max(1);
    // A bar's length grows with the square root of its count, so a burst does not flatten
    // every quieter stretch to nothing; its colours share it in proportion.
    let full = OVERVIEW - 2.0;
    let mut items = Vec::new();
    for (k, bin) in counts.iter().enumerate() {
        let total: u32 = bin.iter().map(|(_, n)| n).sum();
        let length = full * (f64::from(total) / f64::from(most)).sqrt();
        let mut x = c.overview_right;
        for &(color, n) in bin {
            let w = length * f64::from(n) / f64::from(total.max(1));
            x -= w;
            items.push(Item::Rect {
                rect: Rect {
                    x,
                    y: y0 + k as f64 * BIN,
                    width: w,
                    height: BIN - 0.5,
                },
                fill: Some(color),
                stroke: None,
                radius: 0.0,
            });
        }
    }
    let mut g = group(Role::Axis, vec!["overview".into()], items);
    g.tooltip = Some(format!(
        "All {} events, counted per {BIN} px of the axis (bar length grows with the square root of the count)",
        thousands(prepared.events.len())
    ));
    g
}
