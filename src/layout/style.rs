//! How marks look, written once for the events and the legend's key alike: the one table of
//! mark styles (exact day, interval, approximate, uncertain, inferred, planned), with what
//! the legend says each means; and the marks drawn on the date axis: its stroke, the zigzag
//! of a break and the band of a zoomed stretch.

use super::prepare::Look;
use super::theme::Palette;
use crate::scene::{Color, Item, Point, Stroke};

/// The style of an event's mark: what the data says about how sure its date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum MarkStyle {
    /// An attested exact day: a dot.
    Day,
    /// An attested month, year or range: a bar.
    Interval,
    Approximate,
    Uncertain,
    Inferred,
    Planned,
}

/// How a style fills its mark with the event's colour.
enum Fill {
    /// The colour itself.
    Full,
    /// The colour's tint.
    Pale,
    /// The background: the mark is only an edge.
    Hollow,
}

/// An edge's width and its dash (on, off), `None` for a solid line.
type Edge = (f64, Option<(f64, f64)>);

impl MarkStyle {
    /// Every style, in the order the legend lists them.
    pub const ALL: [MarkStyle; 6] = [
        MarkStyle::Day,
        MarkStyle::Interval,
        MarkStyle::Approximate,
        MarkStyle::Uncertain,
        MarkStyle::Inferred,
        MarkStyle::Planned,
    ];

    /// The table: each style's fill, edge, and what the legend says it means.
    ///
    /// Full colour: attested; pale: approximate (solid edge) or uncertain (dotted edge);
    /// hollow: not attested, either inferred (solid edge) or planned (dashed edge).
    fn row(self) -> (Fill, Option<Edge>, &'static str) {
        match self {
            MarkStyle::Day => (Fill::Full, None, "exact day"),
            MarkStyle::Interval => (Fill::Full, None, "month, year or range"),
            MarkStyle::Approximate => (Fill::Pale, Some((1.0, None)), "~ approximate date"),
            MarkStyle::Uncertain => (
                Fill::Pale,
                Some((1.2, Some((1.5, 1.5)))),
                "? uncertain date",
            ),
            MarkStyle::Inferred => (
                Fill::Hollow,
                Some((1.5, None)),
                "* inferred date (italic label; see notes)",
            ),
            MarkStyle::Planned => (Fill::Hollow, Some((1.5, Some((4.0, 2.5)))), "planned"),
        }
    }

    /// The style of a mark whose date `look`s so: the least certain quality wins (planned,
    /// then inferred, uncertain, approximate); an attested date is a dot if it is one day.
    pub fn of(look: &Look, dot: bool) -> Self {
        if look.planned {
            MarkStyle::Planned
        } else if look.inferred {
            MarkStyle::Inferred
        } else if look.uncertain {
            MarkStyle::Uncertain
        } else if look.approximate {
            MarkStyle::Approximate
        } else if dot {
            MarkStyle::Day
        } else {
            MarkStyle::Interval
        }
    }

    /// The fill and edge of a mark of this style in `color`.
    pub fn paint(self, color: Color, p: &Palette) -> (Color, Option<Stroke>) {
        let (fill, edge, _) = self.row();
        let fill = match fill {
            Fill::Full => color,
            Fill::Pale => p.tint(color),
            Fill::Hollow => p.background,
        };
        let stroke = edge.map(|(width, dash)| Stroke { color, width, dash });
        (fill, stroke)
    }

    /// What the legend says this style means.
    pub fn meaning(self) -> &'static str {
        self.row().2
    }
}

/// The stroke of the axis line, and of everything drawn on it.
pub(super) fn axis_stroke(p: &Palette) -> Stroke {
    Stroke {
        color: p.axis,
        width: 1.2,
        dash: None,
    }
}

/// A break: a zigzag from `x0` across `width` pixels about `y`, as tall as a dot, so that
/// it reads as "time skipped here" without hiding what lies either side.
pub(super) fn zigzag(x0: f64, width: f64, y: f64, p: &Palette) -> Item {
    let n = 4;
    Item::Polyline {
        points: (0..=n)
            .map(|i| Point {
                x: x0 + width * f64::from(i) / f64::from(n),
                y: y + if i % 2 == 0 { 4.0 } else { -4.0 },
            })
            .collect(),
        stroke: axis_stroke(p),
    }
}
