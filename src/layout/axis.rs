//! The date axis: a line per segment, a zigzag in each break, a pale band over each zoomed
//! stretch, and ticks whose labels are chosen so that none touches another.

use super::build::{group, text_item, Builder};
use super::scale;
use super::style::{axis_stroke, zigzag, zoom_band, zoom_end};
use super::theme::Palette;
use crate::font;
use crate::scene::{Anchor, Group, Item, Point, Role, Stroke};

/// A tick with its x and its rank for labelling: 0 in a zoomed stretch, 1 for the first
/// tick of a segment, 2 otherwise.
struct Ranked {
    x: f64,
    tick: scale::Tick,
    rank: u8,
}

/// The axis line per segment, a zigzag in each break, ticks and their labels, these
/// `below` the line or above it.
pub(super) fn draw(b: &Builder, sc: &scale::Scale, axis_y: f64, below: bool) -> Group {
    let p = b.palette;
    let line = axis_stroke(p);
    let mut items = axis_line(sc, axis_y, &line, p);
    items.extend(break_zigzags(sc, axis_y, p));
    let ticks = ranked_ticks(sc);
    let labelled = choose_labels(&ticks, b.right_edge);
    items.extend(tick_items(ticks, &labelled, axis_y, below, &line, p));
    group(Role::Axis, Vec::new(), items)
}

/// The line itself, segment by segment, with each zoomed stretch marked on it.
fn axis_line(sc: &scale::Scale, axis_y: f64, line: &Stroke, p: &Palette) -> Vec<Item> {
    let mut items = Vec::new();
    // A zoomed stretch: a pale band along the axis, closed at each end by a bar across
    // the axis taller than any tick, where the scale changes. The band stays within 6 px
    // of the axis line, clear of tick labels (8 px off) and of the lowest labels.
    for z in &sc.zooms {
        items.push(zoom_band(z.x0, z.x1, axis_y, p));
    }
    for s in &sc.placed {
        items.push(Item::Line {
            from: Point { x: s.x0, y: axis_y },
            to: Point { x: s.x1, y: axis_y },
            stroke: line.clone(),
        });
    }
    // The bars at the zoom's ends go over the axis line.
    for z in &sc.zooms {
        for x in [z.x0, z.x1] {
            items.push(zoom_end(x, axis_y, p));
        }
    }
    items
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
/// neighbour or leave the page is left out (its tick stays). Labelled by rank: zoomed
/// stretches first, as their labels are the only way to read the crowded days; then
/// each segment's first tick. The page ends at `right_edge`.
fn choose_labels(ticks: &[Ranked], right_edge: f64) -> Vec<bool> {
    let fits = |x: f64, w: f64| x - w / 2.0 >= 2.0 && x + w / 2.0 <= right_edge - 2.0;
    let mut taken: Vec<(f64, f64)> = Vec::new();
    let mut labelled = vec![false; ticks.len()];
    for pass in 0..3 {
        for (i, t) in ticks.iter().enumerate() {
            if t.rank != pass {
                continue;
            }
            let x = t.x;
            let w = font::text_width(&t.tick.label, scale::TICK_FONT, false);
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

/// Each tick's line and, if chosen, its label, `below` the axis or above it.
fn tick_items(
    ticks: Vec<Ranked>,
    labelled: &[bool],
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
    let mut items = Vec::new();
    for (t, &labelled) in ticks.into_iter().zip(labelled) {
        let x = t.x;
        items.push(Item::Line {
            from: Point { x, y: axis_y },
            to: Point {
                x,
                y: axis_y + side * 5.0,
            },
            stroke: line.clone(),
        });
        if !labelled {
            continue;
        }
        let w = font::text_width(&t.tick.label, scale::TICK_FONT, false);
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

/// The ticks of every piece of the scale, ranked for labelling; a day on the edge of two
/// pieces is ticked once. The first tick of a segment ranks high because after a break it
/// tells the reader which year they are in.
fn ranked_ticks(sc: &scale::Scale) -> Vec<Ranked> {
    let mut ticks: Vec<Ranked> = Vec::new();
    let mut last_day = i64::MIN;
    let mut segment_start = f64::NAN;
    for (span, x0, x1, zoomed) in sc.pieces() {
        let first_piece = sc.placed.iter().any(|p| p.span.start == span.start);
        if first_piece {
            segment_start = span.start;
        }
        let (_, piece_ticks) = scale::choose_ticks(span, x0, x1);
        for t in piece_ticks {
            if t.day > last_day {
                let first_of_segment = (last_day as f64) < segment_start;
                last_day = t.day;
                let rank = if zoomed {
                    0
                } else if first_of_segment {
                    1
                } else {
                    2
                };
                ticks.push(Ranked {
                    x: sc.x(t.day as f64),
                    tick: t,
                    rank,
                });
            }
        }
    }
    ticks
}
