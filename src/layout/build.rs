//! The scene under construction: the [`Builder`] that collects groups from top to bottom
//! and finishes them into a [`Scene`], the text items and groups every part is made of,
//! paragraphs wrapped with a hanging indent, and the rounding of every coordinate to
//! 0.01 px.

use super::labels;
use super::sizes::{LEADING, MARGIN};
use super::theme::Palette;
use crate::diagnostic::Diagnostic;
use crate::font::{self, Fonts};
use crate::scene::{Anchor, Color, Group, Item, Point, Rect, Role, Scene};

/// Collects groups from top to bottom; `y` is where the next part starts.
pub(super) struct Builder<'p> {
    pub width: f64,
    pub palette: &'p Palette,
    pub groups: Vec<Group>,
    pub y: f64,
    /// The canvas's right edge: the width asked for, or more if a label needs it.
    pub right_edge: f64,
    /// What every text a reader gives is measured with.
    pub fonts: &'p Fonts,
    /// Warnings about the drawing, for [`Scene::notes`].
    pub notes: Vec<Diagnostic>,
}

impl<'p> Builder<'p> {
    /// An empty page `width` wide, its first part to start at the top margin.
    pub fn new(width: f64, palette: &'p Palette, fonts: &'p Fonts) -> Self {
        Builder {
            width,
            palette,
            groups: Vec::new(),
            y: MARGIN,
            right_edge: width,
            fonts,
            notes: Vec::new(),
        }
    }

    /// The finished scene: as tall as what was built and a margin, every coordinate
    /// rounded.
    pub fn finish(self, title: String, description: String) -> Scene {
        let height = (self.y + MARGIN).ceil();
        let mut scene = Scene {
            width: self.right_edge.ceil(),
            height,
            title,
            description,
            background: self.palette.background,
            groups: self.groups,
            notes: self.notes,
            fonts: self.fonts.clone(),
        };
        round_scene(&mut scene);
        scene
    }

    /// The text width the page offers, between the margins.
    pub fn text_width(&self) -> f64 {
        self.width - 2.0 * MARGIN
    }

    /// Wrapped lines of text starting at the current `y`, as items; advances `y`.
    #[allow(clippy::too_many_arguments)]
    pub fn paragraph(
        &mut self,
        text: &str,
        x: f64,
        indent: f64,
        size: f64,
        bold: bool,
        italic: bool,
        fill: Color,
    ) -> Vec<Item> {
        let (ascent, descent) = font::vertical_metrics(size, bold);
        let first_width = self.width - MARGIN - x;
        let lines = wrap_hanging(
            self.fonts,
            text,
            size,
            bold,
            first_width,
            first_width - indent,
        );
        let mut items = Vec::with_capacity(lines.len());
        for (i, (line, width)) in lines.into_iter().enumerate() {
            let lx = if i == 0 { x } else { x + indent };
            items.push(text_item_measured(
                width,
                line,
                lx,
                self.y + ascent,
                size,
                bold,
                italic,
                fill,
            ));
            self.y += ascent + descent + LEADING;
        }
        items
    }
}

/// A start-anchored text with its measured box, measured with the built-in fonts: for
/// texts citeline writes itself (dates, ticks, counts), which they always cover.
pub(super) fn text_item(
    text: String,
    x: f64,
    baseline: f64,
    size: f64,
    bold: bool,
    italic: bool,
    fill: Color,
) -> Item {
    let width = font::text_width(&text, size, bold);
    text_item_measured(width, text, x, baseline, size, bold, italic, fill)
}

/// [`text_item`] for a text already measured at `width`.
#[allow(clippy::too_many_arguments)]
pub(super) fn text_item_measured(
    width: f64,
    text: String,
    x: f64,
    baseline: f64,
    size: f64,
    bold: bool,
    italic: bool,
    fill: Color,
) -> Item {
    let (ascent, descent) = font::vertical_metrics(size, bold);
    Item::Text {
        text,
        at: Point { x, y: baseline },
        size,
        anchor: Anchor::Start,
        bold,
        italic,
        fill,
        bounds: Rect {
            x,
            y: baseline - ascent,
            width,
            height: ascent + descent,
        },
    }
}

/// Citation marks are set this size, raised this share of the label size, as newsrooms
/// print them.
const CITE_SIZE: f64 = 8.5;
const CITE_RISE: f64 = 0.38;

/// A label's title line, with the citation marks that end it (`[1,2]`, as the label was
/// wrapped) set as a small superscript `1,2` after the words: its items, start-anchored
/// at `place(width)` (so a line can be set flush right) with `baseline`, and its whole
/// width. A line without marks is one item.
#[allow(clippy::too_many_arguments)]
pub(super) fn title_line(
    fonts: &Fonts,
    line: &str,
    place: &dyn Fn(f64) -> f64,
    baseline: f64,
    size: f64,
    italic: bool,
    fill: Color,
) -> (Vec<Item>, f64) {
    let Some((words, marks)) = split_citation(line) else {
        let w = fonts.styled_width(line, size, false, italic);
        let x = place(w);
        let item = text_item_measured(w, line.to_owned(), x, baseline, size, false, italic, fill);
        return (vec![item], w);
    };
    let w = fonts.styled_width(words, size, false, italic);
    let cite_w = fonts.text_width(marks, CITE_SIZE, false);
    let total = w + 1.5 + cite_w;
    let x = place(total);
    let cite_x = x + w + 1.5;
    let items = vec![
        text_item_measured(w, words.to_owned(), x, baseline, size, false, italic, fill),
        text_item_measured(
            cite_w,
            marks.to_owned(),
            cite_x,
            baseline - CITE_RISE * size,
            CITE_SIZE,
            false,
            false,
            fill,
        ),
    ];
    (items, total)
}

/// `("Talks begin", "1,2")` for `"Talks begin [1,2]"`; `None` unless the line ends with
/// citation marks after some words.
fn split_citation(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_suffix(']')?;
    let open = inner.rfind('[')?;
    let before = &inner[..open];
    let words = before
        .strip_suffix('\u{a0}')
        .or_else(|| before.strip_suffix(' '))?
        .trim_end();
    let marks = &inner[open + 1..];
    let numbered = !marks.is_empty() && marks.bytes().all(|b| b.is_ascii_digit() || b == b',');
    (numbered && !words.is_empty()).then_some((words, marks))
}

pub(super) fn group(role: Role, classes: Vec<String>, items: Vec<Item>) -> Group {
    Group {
        role,
        classes,
        tooltip: None,
        link: None,
        data: Vec::new(),
        items,
    }
}

/// Wraps with a first line of `first` and further lines of `rest` pixels.
fn wrap_hanging(
    fonts: &Fonts,
    text: &str,
    size: f64,
    bold: bool,
    first: f64,
    rest: f64,
) -> Vec<(String, f64)> {
    let text = labels::clean(text);
    let mut advances = labels::Advances::new(fonts, size, bold);
    let lines = labels::wrap_measured(&text, &mut advances, first);
    if lines.len() <= 1 || rest >= first {
        return lines;
    }
    // Re-wrap what follows the first line to the narrower measure.
    let tail: Vec<&str> = lines[1..].iter().map(|l| l.0.as_str()).collect();
    let tail = tail.join(" ");
    let mut out = vec![lines[0].clone()];
    out.extend(labels::wrap_measured(&tail, &mut advances, rest));
    out
}

pub(super) fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn round_point(p: &mut Point) {
    p.x = round(p.x);
    p.y = round(p.y);
}

fn round_rect(r: &mut Rect) {
    r.x = round(r.x);
    r.y = round(r.y);
    r.width = round(r.width);
    r.height = round(r.height);
}

/// Every coordinate to 0.01 px: the SVG text then does not depend on the last bits of a
/// float computation. Gaps between marks are whole pixels, so rounding cannot make two
/// boxes overlap.
fn round_scene(scene: &mut Scene) {
    for g in &mut scene.groups {
        for item in &mut g.items {
            match item {
                Item::Rect {
                    rect,
                    stroke,
                    radius,
                    ..
                } => {
                    round_rect(rect);
                    *radius = round(*radius);
                    if let Some(s) = stroke {
                        s.width = round(s.width);
                    }
                }
                Item::Line { from, to, .. } => {
                    round_point(from);
                    round_point(to);
                }
                Item::Polyline { points, .. } | Item::Polygon { points, .. } => {
                    points.iter_mut().for_each(round_point);
                }
                Item::Circle { center, radius, .. } => {
                    round_point(center);
                    *radius = round(*radius);
                }
                Item::Text {
                    at, bounds, size, ..
                } => {
                    round_point(at);
                    round_rect(bounds);
                    *size = round(*size);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citation_marks_become_a_superscript_and_nothing_else_does() {
        assert_eq!(
            split_citation("Talks begin [1,2]"),
            Some(("Talks begin", "1,2"))
        );
        assert_eq!(split_citation("Talks [12]"), Some(("Talks", "12")));
        assert_eq!(split_citation("Talks\u{a0}[3]"), Some(("Talks", "3")));
        for plain in [
            "[1]",
            "Talks",
            "Talks [a]",
            "Talks []",
            "Talks[1]",
            "Talks [1] again",
        ] {
            assert_eq!(split_citation(plain), None, "{plain}");
        }
        let fonts = Fonts::default();
        let black = Color::rgb(0, 0, 0);
        let (items, width) = title_line(
            &fonts,
            "Talks begin [1,2]",
            &|_| 10.0,
            50.0,
            12.0,
            false,
            black,
        );
        let boxes: Vec<Rect> = items
            .iter()
            .map(|i| match i {
                Item::Text { bounds, .. } => *bounds,
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(boxes.len(), 2);
        assert!(!boxes[0].overlaps(&boxes[1]), "{boxes:?}");
        assert!(boxes[1].y < boxes[0].y, "raised");
        assert!((boxes[1].right() - 10.0 - width).abs() < 1e-9);
        assert!(width < fonts.text_width("Talks begin [1,2]", 12.0, false));
    }
}
