//! The chart's fixed sizes in pixels: the page margin, the font sizes, the marks and the
//! gaps between blocks, all in one place; and where the date axis runs on a page. Every
//! part of the layout reads them; this file reads nothing of the layout.

pub(super) const MARGIN: f64 = 24.0;
pub(super) const TITLE_SIZE: f64 = 20.0;
pub(super) const SUBTITLE_SIZE: f64 = 13.0;
pub(super) const LABEL_SIZE: f64 = 12.0;
pub(super) const DATE_SIZE: f64 = 10.5;
pub(super) const LEGEND_SIZE: f64 = 11.5;
pub(super) const SOURCE_SIZE: f64 = 10.5;
/// Room between lines of text.
pub(super) const LEADING: f64 = 2.0;
pub(super) const DOT_RADIUS: f64 = 4.5;
pub(super) const BAR_HEIGHT: f64 = 7.0;
/// Between a bar and the label above it.
pub(super) const BAR_GAP: f64 = 3.0;
/// Narrowest bar, so a one-day approximate date still shows as a bar, wide enough that a
/// dotted edge (`style.rs`) goes round it six times and reads as dotted at 1×.
pub(super) const MIN_BAR: f64 = 9.0;
/// Length of the arrow at an open end.
pub(super) const ARROW: f64 = 8.0;
/// From a stem to the text of its label.
pub(super) const STEM_PAD: f64 = 5.0;
/// How far a block's box reaches left of its stem (the stem's own width).
pub(super) const BLOCK_MARGIN: f64 = 2.0;
/// Between stacked blocks.
pub(super) const BLOCK_GAP: f64 = 4.0;
/// Lowest block bottom above the axis: clear of the dots on it.
pub(super) const FLOOR: f64 = DOT_RADIUS + 7.0;
/// From one dot to the next up a pile of dots too close to sit side by side on the axis: a
/// dot's diameter and a pixel, so every dot stays whole in sight.
pub(super) const DOT_STEP: f64 = 2.0 * DOT_RADIUS + 1.0;
pub(super) const STEM_WIDTH: f64 = 1.0;
/// The narrowest a label is wrapped to, near the right edge.
pub(super) const MIN_LABEL: f64 = 170.0;
/// In lanes, the strip under a label that holds its dot or bar.
pub(super) const MARK_ROW: f64 = 2.0 * DOT_RADIUS;
/// Lowest lane above the axis.
pub(super) const LANE_FLOOR: f64 = 8.0;
/// Events taller than this get a second axis above them.
pub const TALL: f64 = 700.0;

/// Where the axis starts.
pub(super) fn axis_left() -> f64 {
    MARGIN + 6.0
}

/// Where the axis ends on a page `width` wide, before labels claim room: the margin, and
/// room for the shortest bar with an arrow, should the last date be one.
pub(super) fn axis_right(width: f64) -> f64 {
    width - MARGIN - 6.0 - MIN_BAR - ARROW
}
