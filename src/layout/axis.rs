//! The horizontal date axis: a group per segment (its line, ticks and tick labels, with
//! the segment's days as `data-start`/`data-end`), a zigzag in each break, and tick labels
//! chosen so that none touches another.

use super::build::{group, text_item, Builder};
use super::scale;
use super::style::{axis_stroke, zigzag};
use super::theme::Palette;
use crate::font;
use crate::scene::{Anchor, Group, Item, Point, Role, Stroke};

/// A tick with its x, its segment and its rank for labelling: 0 for the first and last
/// tick of a segment (they carry the year), 1 otherwise.
struct Ranked {
    x: f64,
    segment: usize,
    tick: scale::Tick,
    rank: u8,
}

/// The axis: one group per segment (its line, ticks and their labels, these `below` the
/// line or above it), then one for the zigzags in the breaks.
pub(super) fn draw(b: &Builder, sc: &scale::Scale, axis_y: f64, below: bool) -> Vec<Group> {
    let p = b.palette;
    let line = axis_stroke(p);
    let ticks = ranked_ticks(sc);
    let labelled = choose_labels(&ticks, b.right_edge);
    let mut groups: Vec<Group> = sc
        .placed
        .iter()
        .map(|s| {
            let rule = Item::Line {
                from: Point { x: s.x0, y: axis_y },
                to: Point { x: s.x1, y: axis_y },
                stroke: line.clone(),
            };
            let mut g = group(Role::Axis, vec!["axis-segment".into()], vec![rule]);
            g.data = segment_days(s);
            g
        })
        .collect();
    for (t, labelled) in ticks.into_iter().zip(labelled) {
        let segment = t.segment;
        groups[segment]
            .items
            .extend(tick_items(t, labelled, axis_y, below, &line, p));
    }
    let zigzags = break_zigzags(sc, axis_y, p);
    if !zigzags.is_empty() {
        groups.push(group(Role::Axis, vec!["axis-break".into()], zigzags));
    }
    groups
}

/// A segment's first and last whole day, ISO, for `data-start` and `data-end`.
pub(super) fn segment_days(s: &scale::Placed) -> Vec<(String, String)> {
    let first = s.span.start.ceil() as i64;
    let last = (s.span.end.floor() as i64 - 1).max(first);
    vec![
        ("start".into(), scale::iso_day(first)),
        ("end".into(), scale::iso_day(last)),
    ]
}

/// A zigzag across each break's gap.
fn break_zigzags(sc: &scale::Scale, axis_y: f64, p: &Palette) -> Vec<Item> {
    let mut items = Vec::new();
    for (x0, x1) in sc.breaks() {
        // As wide as the break, a little in from its ends.
        let inset = ((x1 - x0) / 2.0 - 2.0).clamp(0.0, 3.0);
        let (a, z) = (x0 + inset, x1 - inset);
        items.push(zigzag(a, z - a, axis_y, p));
    }
    items
}

/// Which ticks get a label. Labels are centred on their ticks; one that would touch a
/// neighbour or leave the page is left out (its tick stays). Labelled by rank: each
/// segment's first and last tick first, as they carry the year. The page ends at
/// `right_edge`.
fn choose_labels(ticks: &[Ranked], right_edge: f64) -> Vec<bool> {
    let fits = |x: f64, w: f64| x - w / 2.0 >= 2.0 && x + w / 2.0 <= right_edge - 2.0;
    let mut taken: Vec<(f64, f64)> = Vec::new();
    let mut labelled = vec![false; ticks.len()];
    for pass in 0..2 {
        for (i, t) in ticks.iter().enumerate() {
            if t.rank != pass {
                continue;
            }
            let x = t.x;
            let w = scale::tick_width(&t.tick.label);
            let (a, b) = (x - w / 2.0, x + w / 2.0);
            // `taken` is sorted by left edge: check the neighbours where this one goes.
            let at = taken.partition_point(|r| r.0 < a);
            let clear_left = at == 0 || taken[at - 1].1 + 6.0 <= a;
            let clear_right = at == taken.len() || b + 6.0 <= taken[at].0;
            if !(fits(x, w) && clear_left && clear_right) {
                continue;
            }
            taken.insert(at, (a, b));
            labelled[i] = true;
        }
    }
    labelled
}

/// A tick's line and, if `labelled`, its label, `below` the axis or above it.
fn tick_items(
    t: Ranked,
    labelled: bool,
    axis_y: f64,
    below: bool,
    line: &Stroke,
    p: &Palette,
) -> Vec<Item> {
    let side = if below { 1.0 } else { -1.0 };
    let (ascent, descent) = font::vertical_metrics(scale::TICK_FONT, false);
    let baseline = if below {
        axis_y + 8.0 + ascent
    } else {
        axis_y - 8.0 - descent
    };
    let x = t.x;
    let mut items = vec![Item::Line {
        from: Point { x, y: axis_y },
        to: Point {
            x,
            y: axis_y + side * 5.0,
        },
        stroke: line.clone(),
    }];
    if labelled {
        let w = scale::tick_width(&t.tick.label);
        let mut item = text_item(
            t.tick.label,
            x - w / 2.0,
            baseline,
            scale::TICK_FONT,
            false,
            false,
            p.muted,
        );
        if let Item::Text { anchor, at, .. } = &mut item {
            *anchor = Anchor::Middle;
            at.x = x;
        }
        items.push(item);
    }
    items
}

/// The ticks of every segment, inside the days its data covers, ranked for labelling.
fn ranked_ticks(sc: &scale::Scale) -> Vec<Ranked> {
    let mut ticks: Vec<Ranked> = Vec::new();
    for (segment, s) in sc.placed.iter().enumerate() {
        let (_, mine) = scale::choose_ticks(s.core, s.scale(), &scale::tick_width);
        let last = mine.len().saturating_sub(1);
        for (i, t) in mine.into_iter().enumerate() {
            ticks.push(Ranked {
                x: sc.x(t.day as f64),
                segment,
                tick: t,
                rank: u8::from(i != 0 && i != last),
            });
        }
    }
    ticks
}
