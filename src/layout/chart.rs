//! The chart proper: the events over the date axis. Measures every label, fits the axis to
//! the page and arranges the blocks (`arrange.rs`), draws the axis (`axis.rs`), repeated
//! above a tall chart, then each event on it (`marks.rs`). With no events, a line saying so
//! stands in its place.

use super::arrange;
use super::axis;
use super::build::{group, text_item, Builder};
use super::marks;
use super::prepare::Prepared;
use super::scale;
use super::sizes::{LABEL_SIZE, LEADING, MARGIN, TALL};
use crate::font;
use crate::scene::Role;

/// The events over the date axis: measures every label, fits the axis to the page,
/// arranges the blocks and draws them; advances `y` past the axis.
pub(super) fn draw(b: &mut Builder, prepared: &Prepared) {
    let room = arrange::room(b.width, b.text_width());
    let mut wrapper = arrange::Wrapper::new(b.fonts);
    let mut texts: Vec<arrange::Texts> = prepared
        .events
        .iter()
        .map(|ev| wrapper.wrap(ev, room.label_max))
        .collect();
    let sc = arrange::fit_axis(prepared, &mut texts, &mut wrapper, b.width, &room);
    let along = arrange::along(prepared, &texts, &sc);
    let arrangement = arrange::arrange(&prepared.events, &texts, &along);
    let max_right = along.iter().map(|a| a.right).fold(0.0, f64::max);
    b.right_edge = b.right_edge.max(max_right + MARGIN);
    let axis_y = axes(b, &sc, arrangement.top);

    let metrics = arrange::Metrics::new();
    for (i, ev) in prepared.events.iter().enumerate() {
        let placed = marks::Placed {
            ev,
            texts: &texts[i],
            along: &along[i],
            bottom: arrangement.bottoms[i],
            dot_level: arrangement.dot_level[i],
            lanes: arrangement.lanes,
            axis_y,
        };
        let group = marks::event_group(&placed, prepared, b.palette, b.fonts, &metrics);
        b.groups.push(group);
    }
    b.y = axis_y + 8.0 + font::vertical_metrics(scale::TICK_FONT, false).0 + 24.0;
}

/// The axis under blocks reaching `top` above it (and, for a tall chart, its copy above
/// them); returns the axis's y. Drawn before the events, so that the marks sit on it; after
/// the right edge is known, so that tick labels can use all of it.
fn axes(b: &mut Builder, sc: &scale::Scale, top: f64) -> f64 {
    // A tall chart repeats the axis above the events, so the top rows are not read
    // against an axis a screen away.
    if top > TALL {
        let (ascent, descent) = font::vertical_metrics(scale::TICK_FONT, false);
        let top_axis_y = b.y + 8.0 + ascent + descent + 2.0;
        let mut axis = axis::draw(b, sc, top_axis_y, false);
        for g in &mut axis {
            g.classes.push("top".into());
        }
        b.groups.extend(axis);
        b.y = top_axis_y + 8.0;
    }
    let axis_y = b.y + top + 2.0;
    let axis = axis::draw(b, sc, axis_y, true);
    b.groups.extend(axis);
    axis_y
}

/// In place of the chart when there are no events: a line that says so.
pub(super) fn draw_empty(b: &mut Builder) {
    let (ascent, descent) = font::vertical_metrics(LABEL_SIZE, false);
    let item = text_item(
        "No events to show.".into(),
        MARGIN,
        b.y + ascent,
        LABEL_SIZE,
        false,
        false,
        b.palette.muted,
    );
    b.y += ascent + descent + LEADING;
    b.groups
        .push(group(Role::Axis, vec!["empty".into()], vec![item]));
}
