//! The legend: the colour of each tag, then a key to every mark style this chart uses (and
//! only those), flowed left to right and wrapped to the page width.

use super::build::{group, text_item, Builder};
use super::labels;
use super::prepare::{Ev, Prepared};
use super::sizes::{BAR_HEIGHT, DOT_RADIUS, LEADING, LEGEND_SIZE, MARGIN};
use crate::font;
use crate::model::{DatedBy, Status};
use crate::scene::{Color, Item, Point, Rect, Role, Stroke};

/// What a legend entry's swatch shows.
enum Swatch {
    Tag(Color),
    Dot,
    Bar,
    Approximate,
    Uncertain,
    Inferred,
    Planned,
    Open,
    Break,
    Zoom,
}

/// Swatch box width and the room after each entry.
const SWATCH: f64 = 20.0;
const ENTRY_GAP: f64 = 18.0;

impl Builder<'_> {
    pub(super) fn legend(&mut self, prepared: &Prepared) {
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
            entries.push((Swatch::Tag(self.palette.untagged), "untagged".into()));
        }
        let any = |f: &dyn Fn(&Ev) -> bool| prepared.events.iter().any(f);
        let styles: [(bool, Swatch, &str); 9] = [
            (any(&|e| e.dot), Swatch::Dot, "exact day"),
            (any(&|e| !e.dot), Swatch::Bar, "month, year or range"),
            (
                any(&|e| e.event.date.value.is_approximate()),
                Swatch::Approximate,
                "~ approximate date",
            ),
            (
                any(&|e| e.event.date.value.is_uncertain()),
                Swatch::Uncertain,
                "? uncertain date",
            ),
            (
                any(&|e| e.event.dated_by.value == DatedBy::Inference),
                Swatch::Inferred,
                "* inferred date (italic label; see notes)",
            ),
            (
                any(&|e| e.event.status == Status::Planned),
                Swatch::Planned,
                "planned",
            ),
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
        for (on, swatch, text) in styles {
            if on {
                entries.push((swatch, text.to_string()));
            }
        }

        let (ascent, descent) = font::vertical_metrics(LEGEND_SIZE, false);
        let row = (ascent + descent + LEADING).max(BAR_HEIGHT + 6.0) + 4.0;
        let limit = self.width - MARGIN;
        let mut items = Vec::new();
        let mut x = MARGIN;
        for (swatch, text) in entries {
            // A text wider than the page is cut into lines of its own.
            let lines = labels::wrap(&text, LEGEND_SIZE, false, limit - MARGIN - SWATCH - 6.0);
            let width = lines
                .iter()
                .map(|l| font::text_width(l, LEGEND_SIZE, false))
                .fold(0.0, f64::max);
            if x > MARGIN && x + SWATCH + 6.0 + width > limit {
                x = MARGIN;
                self.y += row;
            }
            let mid = self.y + row / 2.0;
            items.extend(self.swatch(&swatch, x, mid));
            for (i, line) in lines.iter().enumerate() {
                let baseline =
                    mid + (ascent - descent) / 2.0 + i as f64 * (ascent + descent + LEADING);
                items.push(text_item(
                    line.clone(),
                    x + SWATCH + 6.0,
                    baseline,
                    LEGEND_SIZE,
                    false,
                    false,
                    self.palette.text,
                ));
            }
            if lines.len() > 1 {
                self.y += (lines.len() - 1) as f64 * (ascent + descent + LEADING);
            }
            x += SWATCH + 6.0 + width + ENTRY_GAP;
        }
        self.y += row + 12.0;
        self.groups.push(group(Role::Legend, Vec::new(), items));
    }

    /// The swatch of one entry, centred vertically on `mid`, within `[x, x + SWATCH]`.
    fn swatch(&self, swatch: &Swatch, x: f64, mid: f64) -> Vec<Item> {
        let p = self.palette;
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
        let edge = |width: f64, dash: Option<(f64, f64)>| {
            Some(Stroke {
                color: grey,
                width,
                dash,
            })
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
            Swatch::Dot => vec![Item::Circle {
                center: Point {
                    x: x + SWATCH / 2.0,
                    y: mid,
                },
                radius: DOT_RADIUS,
                fill: Some(grey),
                stroke: None,
            }],
            Swatch::Bar => vec![bar(grey, None)],
            Swatch::Approximate => vec![bar(p.tint(grey), edge(1.0, None))],
            Swatch::Uncertain => vec![bar(p.tint(grey), edge(1.2, Some((1.5, 1.5))))],
            Swatch::Inferred => vec![bar(p.background, edge(1.5, None))],
            Swatch::Planned => vec![bar(p.background, edge(1.5, Some((4.0, 2.5))))],
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
            Swatch::Break => vec![Item::Polyline {
                points: (0..=4)
                    .map(|i| Point {
                        x: x + 2.0 + f64::from(i) * (SWATCH - 4.0) / 4.0,
                        y: mid + if i % 2 == 0 { 4.0 } else { -4.0 },
                    })
                    .collect(),
                stroke: Stroke {
                    color: p.axis,
                    width: 1.2,
                    dash: None,
                },
            }],
            // As on the axis: a pale band over the axis line, a bar across it at each end.
            Swatch::Zoom => {
                let axis = Stroke {
                    color: p.axis,
                    width: 1.2,
                    dash: None,
                };
                let (a, z) = (x + 3.0, x + SWATCH - 3.0);
                let bar = |bx: f64| Item::Line {
                    from: Point {
                        x: bx,
                        y: mid - 6.0,
                    },
                    to: Point {
                        x: bx,
                        y: mid + 6.0,
                    },
                    stroke: axis.clone(),
                };
                vec![
                    Item::Rect {
                        rect: Rect {
                            x: a,
                            y: mid - 2.5,
                            width: z - a,
                            height: 5.0,
                        },
                        fill: Some(p.tint(p.axis)),
                        stroke: None,
                        radius: 0.0,
                    },
                    Item::Line {
                        from: Point { x, y: mid },
                        to: Point {
                            x: x + SWATCH,
                            y: mid,
                        },
                        stroke: axis.clone(),
                    },
                    bar(a),
                    bar(z),
                ]
            }
        }
    }
}
