//! How marks look, written once for the events and the legend's key alike: the one table of
//! mark styles (exact day, interval, approximate, uncertain, inferred, planned) with each
//! style's fill, edge, CSS class and what the legend says it means, and the rule that picks
//! a mark's one style; and the marks drawn on the date axis: its stroke, the zigzag of a
//! break and the band of a zoomed stretch.
//!
//! A mark shows one style, the least certain its date has, and the legend lists exactly the
//! styles the marks show, both read from [`MarkStyle::of_event`] and [`MarkStyle::paint`]:
//! the key cannot promise a look no mark has. Edges are drawn in the tag's colour, which
//! stands at least 3:1 against the background (`theme.rs`), 1.5 px wide so that a dotted or
//! dashed one still reads at 1×.

use super::prepare::{Ev, Look};
use super::theme::Palette;
use crate::scene::{Color, Item, Point, Stroke};

/// The style of an event's mark: what the data says about how sure its date is. The legend
/// lists styles in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// The width of every mark's edge.
const EDGE: f64 = 1.5;

/// One row of the table.
struct Row {
    fill: Fill,
    edge: Option<Edge>,
    /// The class on the event's group and on its legend entry.
    class: &'static str,
    /// What the legend says the style means.
    meaning: &'static str,
}

impl MarkStyle {
    /// The table. Full colour: attested; pale: approximate (solid edge) or uncertain
    /// (dotted edge); hollow: not attested, either inferred (solid edge) or planned
    /// (dashed edge). A dot 2 on, 2 off repeats at least six times round the smallest
    /// mark, a one-day bar, so it shows as dotted and not as a thin solid line.
    fn row(self) -> Row {
        let (fill, edge, class, meaning) = match self {
            MarkStyle::Day => (Fill::Full, None, "day", "exact day"),
            MarkStyle::Interval => (Fill::Full, None, "interval", "month, year or span"),
            MarkStyle::Approximate => (
                Fill::Pale,
                Some((EDGE, None)),
                "approximate",
                "~ approximate",
            ),
            MarkStyle::Uncertain => (
                Fill::Pale,
                Some((EDGE, Some((2.0, 2.0)))),
                "uncertain",
                "? uncertain",
            ),
            MarkStyle::Inferred => (
                Fill::Hollow,
                Some((EDGE, None)),
                "inferred",
                "* inferred (see notes)",
            ),
            MarkStyle::Planned => (
                Fill::Hollow,
                Some((EDGE, Some((4.0, 2.0)))),
                "planned",
                "planned",
            ),
        };
        Row {
            fill,
            edge,
            class,
            meaning,
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

    /// The style `ev`'s mark is drawn in.
    pub fn of_event(ev: &Ev) -> Self {
        Self::of(&ev.look(), ev.dot)
    }

    /// Whether the style is plain colour, the look of a date the sources attest: a dot or a
    /// bar says which without a key.
    pub fn is_plain(self) -> bool {
        matches!(self, MarkStyle::Day | MarkStyle::Interval)
    }

    /// The fill and edge of a mark of this style in `color`.
    pub fn paint(self, color: Color, p: &Palette) -> (Color, Option<Stroke>) {
        let row = self.row();
        let fill = match row.fill {
            Fill::Full => color,
            Fill::Pale => p.tint(color),
            Fill::Hollow => p.background,
        };
        let stroke = row.edge.map(|(width, dash)| Stroke { color, width, dash });
        (fill, stroke)
    }

    /// The fill and edge of a dot of this style: one without an edge of its own gets a
    /// ring of the background colour, so that dots piled on the axis stay apart.
    pub fn paint_dot(self, color: Color, p: &Palette) -> (Color, Stroke) {
        let (fill, stroke) = self.paint(color, p);
        let ring = stroke.unwrap_or(Stroke {
            color: p.background,
            width: 1.0,
            dash: None,
        });
        (fill, ring)
    }

    /// The class the event's group and the legend's entry carry.
    pub fn class(self) -> &'static str {
        self.row().class
    }

    /// What the legend says this style means.
    pub fn meaning(self) -> &'static str {
        self.row().meaning
    }
}

/// The class of a tag, on its events and its legend entry: `tag-` and the tag in lower
/// case, anything but letters, digits and `_` made `-`.
pub(super) fn tag_class(tag: &str) -> String {
    let name: String = tag
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                '-'
            }
        })
        .collect();
    format!("tag-{name}")
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
