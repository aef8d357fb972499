//! The legend: the colour of each tag, then a key to every mark style this chart uses (and
//! only those), flowed left to right and wrapped to the page width.

use super::build::{group, text_item_measured, Builder};
use super::labels;
use super::prepare::{Ev, Prepared};
use super::sizes::{BAR_HEIGHT, DOT_RADIUS, LEADING, LEGEND_SIZE, MARGIN};
use super::style::{axis_stroke, zigzag, zoom_band, zoom_end, MarkStyle};
use super::theme::Palette;
use crate::font;
use crate::scene::{Color, Item, Point, Rect, Role, Stroke};

/// What a legend entry's swatch shows.
enum Swatch {
    Tag(Color),
    Mark(MarkStyle),
    Open,
    Break,
    Zoom,
}

/// Swatch box width and the room after each entry.
const SWATCH: f64 = 20.0;
const ENTRY_GAP: f64 = 18.0;

/// The legend, flowed from the current `y`; advances `y` past it.
pub(super) fn draw(b: &mut Builder, prepared: &Prepared) {
    let mut entries: Vec<(Swatch, String)> = Vec::new();
    for (tag, color) in &prepared.tags {
        let name = labels::clean(tag);
        entries.push((
            Swatch::Tag(*color),
            if name.is_empty() {
                "(blank tag)".into()
            } else {
                name
            },
        ));
    }
    if prepared.untagged {
        entries.push((Swatch::Tag(b.palette.untagged), "untagged".into()));
    }
    let any = |f: &dyn Fn(&Ev) -> bool| prepared.events.iter().any(f);
    // A style is explained if any mark shows its quality, though a mark with more than
    // one shows only the least certain.
    for style in MarkStyle::ALL {
        let used = match style {
            MarkStyle::Day => any(&|e| e.dot),
            MarkStyle::Interval => any(&|e| !e.dot),
            MarkStyle::Approximate => any(&|e| e.look().approximate),
            MarkStyle::Uncertain => any(&|e| e.look().uncertain),
            MarkStyle::Inferred => any(&|e| e.look().inferred),
            MarkStyle::Planned => any(&|e| e.look().planned),
        };
        if used {
            entries.push((Swatch::Mark(style), style.meaning().to_string()));
        }
    }
    let axis_marks: [(bool, Swatch, &str); 3] = [
        (
            any(&|e| e.open_start || e.open_end),
            Swatch::Open,
            "open-ended",
        ),
        (
            prepared.domain.segments.len() > 1,
            Swatch::Break,
            "time skipped (axis break)",
        ),
        (
            !prepared.domain.zooms.is_empty(),
            Swatch::Zoom,
            "zoomed: days drawn wider here (own ticks)",
        ),
    ];
    for (on, swatch, text) in axis_marks {
        if on {
            entries.push((swatch, text.to_string()));
        }
    }

    let (ascent, descent) = font::vertical_metrics(LEGEND_SIZE, false);
    let row = (ascent + descent + LEADING).max(BAR_HEIGHT + 6.0) + 4.0;
    let limit = b.width - MARGIN;
    let mut items = Vec::new();
    let mut x = MARGIN;
    for (swatch, text) in entries {
        // A text wider than the page is cut into lines of its own.
        let lines = labels::wrap(
            b.fonts,
            &text,
            LEGEND_SIZE,
            false,
            limit - MARGIN - SWATCH - 6.0,
        );
        let width = lines
            .iter()
            .map(|l| b.fonts.text_width(l, LEGEND_SIZE, false))
            .fold(0.0, f64::max);
        if x > MARGIN && x + SWATCH + 6.0 + width > limit {
            x = MARGIN;
            b.y += row;
        }
        let mid = b.y + row / 2.0;
        items.extend(swatch_items(&swatch, x, mid, b.palette));
        for (i, line) in lines.iter().enumerate() {
            let baseline = mid + (ascent - descent) / 2.0 + i as f64 * (ascent + descent + LEADING);
            items.push(text_item_measured(
                b.fonts.text_width(line, LEGEND_SIZE, false),
                line.clone(),
                x + SWATCH + 6.0,
                baseline,
                LEGEND_SIZE,
                false,
                false,
                b.palette.text,
            ));
        }
        if lines.len() > 1 {
            b.y += (lines.len() - 1) as f64 * (ascent + descent + LEADING);
        }
        x += SWATCH + 6.0 + width + ENTRY_GAP;
    }
    b.y += row + 12.0;
    b.groups.push(group(Role::Legend, Vec::new(), items));
}

/// The swatch of one entry, centred vertically on `mid`, within `[x, x + SWATCH]`.
fn swatch_items(swatch: &Swatch, x: f64, mid: f64, p: &Palette) -> Vec<Item> {
    let grey = p.untagged;
    let bar = |fill: Color, stroke: Option<Stroke>| {
        let inset = stroke.as_ref().map_or(0.0, |s| s.width / 2.0);
        Item::Rect {
            rect: Rect {
                x: x + inset,
                y: mid - BAR_HEIGHT / 2.0 + inset,
                width: SWATCH - 2.0 * inset,
                height: BAR_HEIGHT - 2.0 * inset,
            },
            fill: Some(fill),
            stroke,
            radius: 1.5,
        }
    };
    match swatch {
        Swatch::Tag(c) => vec![Item::Rect {
            rect: Rect {
                x: x + 3.0,
                y: mid - 5.0,
                width: SWATCH - 6.0,
                height: 10.0,
            },
            fill: Some(*c),
            stroke: None,
            radius: 2.0,
        }],
        Swatch::Mark(style @ MarkStyle::Day) => {
            let (fill, stroke) = style.paint(grey, p);
            vec![Item::Circle {
                center: Point {
                    x: x + SWATCH / 2.0,
                    y: mid,
                },
                radius: DOT_RADIUS,
                fill: Some(fill),
                stroke,
            }]
        }
        Swatch::Mark(style) => {
            let (fill, stroke) = style.paint(grey, p);
            vec![bar(fill, stroke)]
        }
        Swatch::Open => vec![
            Item::Rect {
                rect: Rect {
                    x,
                    y: mid - BAR_HEIGHT / 2.0,
                    width: SWATCH - 8.0,
                    height: BAR_HEIGHT,
                },
                fill: Some(grey),
                stroke: None,
                radius: 1.5,
            },
            Item::Polygon {
                points: vec![
                    Point {
                        x: x + SWATCH - 9.0,
                        y: mid - BAR_HEIGHT / 2.0,
                    },
                    Point {
                        x: x + SWATCH,
                        y: mid,
                    },
                    Point {
                        x: x + SWATCH - 9.0,
                        y: mid + BAR_HEIGHT / 2.0,
                    },
                ],
                fill: grey,
                stroke: None,
            },
        ],
        Swatch::Break => vec![zigzag(x + 2.0, SWATCH - 4.0, mid, p)],
        // As on the axis: a pale band over the axis line, a bar across it at each end.
        Swatch::Zoom => {
            let (a, z) = (x + 3.0, x + SWATCH - 3.0);
            vec![
                zoom_band(a, z, mid, p),
                Item::Line {
                    from: Point { x, y: mid },
                    to: Point {
                        x: x + SWATCH,
                        y: mid,
                    },
                    stroke: axis_stroke(p),
                },
                zoom_end(a, mid, p),
                zoom_end(z, mid, p),
            ]
        }
    }
}
