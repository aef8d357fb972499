//! The finished drawing: every mark at its final position, in drawing order.
//!
//! Layout produces a [`Scene`]; the renderers turn it into SVG or PNG without making any
//! decision of their own. Coordinates are in CSS pixels, origin top left, y downwards.
//! Text positions are baselines; widths were measured with the scene's [`Fonts`], the
//! ones the PNG is drawn with.

use crate::diagnostic::Diagnostic;
use crate::font::Fonts;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Color {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// `#rrggbb`.
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    /// Whether the two rectangles share interior area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// Whether `other` lies wholly inside `self`.
    pub fn contains(&self, other: &Rect) -> bool {
        self.x <= other.x
            && self.y <= other.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }
}

/// How a line is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Stroke {
    pub color: Color,
    pub width: f64,
    /// Dash and gap lengths; `None` is a solid line.
    pub dash: Option<(f64, f64)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// One drawing primitive.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Rect {
        rect: Rect,
        fill: Option<Color>,
        stroke: Option<Stroke>,
        /// Corner radius.
        radius: f64,
    },
    Line {
        from: Point,
        to: Point,
        stroke: Stroke,
    },
    /// An open polyline (axis-break zigzags, arrow heads).
    Polyline { points: Vec<Point>, stroke: Stroke },
    /// A closed, filled polygon (diamonds, triangles).
    Polygon {
        points: Vec<Point>,
        fill: Color,
        stroke: Option<Stroke>,
    },
    Circle {
        center: Point,
        radius: f64,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    Text {
        text: String,
        /// Baseline position of the anchor point.
        at: Point,
        size: f64,
        anchor: Anchor,
        bold: bool,
        italic: bool,
        fill: Color,
        /// The box the text occupies, as measured by layout; renderers ignore it, tests use it.
        bounds: Rect,
    },
}

/// What a group of marks stands for, so the SVG can say it (`class`, `id`) and tests can
/// find every event exactly once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    Background,
    Title,
    Axis,
    Legend,
    Sources,
    /// One event, with its id from the events file.
    Event(String),
}

/// Marks drawn together: an event with its marker, stem and label; the axis; the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub role: Role,
    /// Extra SVG classes (e.g. `approximate planned`).
    pub classes: Vec<String>,
    /// Tooltip text (`<title>` inside the group).
    pub tooltip: Option<String>,
    /// A link for the whole group (a source's `url`, or its archived copy).
    pub link: Option<Link>,
    /// `data-*` attributes, name without the prefix (`start` for `data-start`): the stable,
    /// testable facts of the group, such as the ISO days an event covers.
    pub data: Vec<(String, String)>,
    pub items: Vec<Item>,
}

/// A link to a web page, with what the Robust Links convention records of it so that a
/// reader can still find the page when the address rots: the original address, an
/// archived copy and the day that copy was made (`data-originalurl`, `data-versionurl`,
/// `data-versiondate` on the SVG link).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Where the link leads: the original address, or the archived copy when the original
    /// is not known.
    pub href: String,
    pub original: Option<String>,
    pub version: Option<String>,
    /// `YYYY-MM-DD` (or less precise), as the data states it.
    pub version_date: Option<String>,
}

impl Link {
    /// A plain link to `href`.
    pub fn to(href: impl Into<String>) -> Self {
        Self {
            href: href.into(),
            original: None,
            version: None,
            version_date: None,
        }
    }
}

/// The whole chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    /// The document title (`<title>`).
    pub title: String,
    /// A text summary of the chart (`<desc>`).
    pub description: String,
    pub background: Color,
    pub groups: Vec<Group>,
    /// Warnings about the drawing itself (characters no font has, tags grouped as
    /// "other"), for the command line to print; the chart draws regardless.
    pub notes: Vec<Diagnostic>,
    /// The fonts layout measured the text with, and so the ones the PNG draws it with.
    pub fonts: Fonts,
}
