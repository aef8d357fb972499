//! The legend: one line (wrapped only when the page is too narrow) that says what colours
//! and mark styles mean, and nothing the chart does not show.
//!
//! First the colour key, when colour tells events apart: each coloured tag, then one grey
//! entry for events without a colour of their own ("other" tags, untagged events, or
//! both). A chart in one colour has no colour key. Then the style key: exactly the styles
//! the marks are drawn in ([`MarkStyle::of_event`]), painted from the same table
//! ([`MarkStyle::paint`]); when every mark is plain colour (a dot for a day, a bar for
//! longer) the dates under the labels say all, and there is no style key. Last, the marks
//! on the axis that need a word: open ends, and breaks when the axis has them.
//!
//! Each entry is a group of its own, `legend-item` and the class the marks carry (`day`,
//! `uncertain`, …, `tag-…`), so a stylesheet or a test can pair them.

use super::build::{text_item_measured, Builder};
use super::labels;
use super::prepare::Prepared;
use super::sizes::{BAR_HEIGHT, DOT_RADIUS, LEADING, LEGEND_SIZE, MARGIN};
use super::style::{tag_class, zigzag, MarkStyle};
use super::theme::Palette;
use crate::font;
use crate::scene::{Color, Group, Item, Point, Rect, Role};
use std::collections::BTreeMap;

/// What a legend entry's swatch shows.
#[derive(Debug)]
enum Swatch {
    Tag(Color),
    /// A mark style, drawn as a dot or as a bar (as the marks of that style are).
    Mark(MarkStyle, bool),
    Open,
    Break,
}

/// One entry: its swatch, its words, its class.
struct Entry {
    swatch: Swatch,
    text: String,
    class: String,
}

/// Swatch box width, from it to its text, and the room after each entry (more after the
/// last of the colour key).
const SWATCH: f64 = 20.0;
const SWATCH_GAP: f64 = 5.0;
const ENTRY_GAP: f64 = 14.0;
const KEY_GAP: f64 = 28.0;

/// The legend's entries, in order; the flag marks the last entry of the colour key.
fn entries(prepared: &Prepared, p: &Palette) -> Vec<(Entry, bool)> {
    let mut out = Vec::new();
    let grey = match (prepared.other.is_empty(), prepared.untagged) {
        (false, false) => Some("other"),
        (true, true) => Some("untagged"),
        (false, true) => Some("other or untagged"),
        (true, false) => None,
    };
    let colours = prepared.tags.len() + usize::from(grey.is_some());
    if colours > 1 {
        for (tag, color) in &prepared.tags {
            let name = labels::clean(tag);
            out.push((
                Entry {
                    swatch: Swatch::Tag(*color),
                    class: tag_class(tag),
                    text: if name.is_empty() {
                        "(blank tag)".into()
                    } else {
                        name
                    },
                },
                false,
            ));
        }
        if let Some(text) = grey {
            out.push((
                Entry {
                    swatch: Swatch::Tag(p.untagged),
                    class: "uncoloured".into(),
                    text: text.into(),
                },
                false,
            ));
        }
        if let Some(last) = out.last_mut() {
            last.1 = true;
        }
    }

    // Each style drawn, and whether any of its marks is a bar.
    let mut styles: BTreeMap<MarkStyle, bool> = BTreeMap::new();
    for ev in &prepared.events {
        *styles.entry(MarkStyle::of_event(ev)).or_default() |= !ev.dot;
    }
    if styles.keys().any(|s| !s.is_plain()) {
        for (style, bar) in styles {
            out.push((
                Entry {
                    swatch: Swatch::Mark(style, bar),
                    text: style.meaning().into(),
                    class: style.class().into(),
                },
                false,
            ));
        }
    }
    if prepared.events.iter().any(|e| e.open_start || e.open_end) {
        out.push((
            Entry {
                swatch: Swatch::Open,
                text: "open-ended".into(),
                class: "open".into(),
            },
            false,
        ));
    }
    if prepared.domain.segments.len() > 1 {
        out.push((
            Entry {
                swatch: Swatch::Break,
                text: "time skipped".into(),
                class: "break".into(),
            },
            false,
        ));
    }
    out
}

/// The legend, flowed from the current `y`; advances `y` past it. Draws nothing when
/// there is nothing to explain.
pub(super) fn draw(b: &mut Builder, prepared: &Prepared) {
    let entries = entries(prepared, b.palette);
    if entries.is_empty() {
        return;
    }
    let (ascent, descent) = font::vertical_metrics(LEGEND_SIZE, false);
    let line = ascent + descent + LEADING;
    let row = line.max(2.0 * DOT_RADIUS + 4.0);
    let limit = b.width - MARGIN;
    let mut x = MARGIN;
    for (entry, ends_key) in entries {
        // A text wider than the page is cut into lines of its own.
        let lines = labels::wrap(
            b.fonts,
            &entry.text,
            LEGEND_SIZE,
            false,
            limit - MARGIN - SWATCH - SWATCH_GAP,
        );
        let width = lines
            .iter()
            .map(|l| b.fonts.text_width(l, LEGEND_SIZE, false))
            .fold(0.0, f64::max);
        if x > MARGIN && x + SWATCH + SWATCH_GAP + width > limit {
            x = MARGIN;
            b.y += row;
        }
        let mid = b.y + row / 2.0;
        let mut items = swatch_items(&entry.swatch, x, mid, b.palette);
        for (i, text) in lines.iter().enumerate() {
            let baseline = mid + (ascent - descent) / 2.0 + i as f64 * line;
            items.push(text_item_measured(
                b.fonts.text_width(text, LEGEND_SIZE, false),
                text.clone(),
                x + SWATCH + SWATCH_GAP,
                baseline,
                LEGEND_SIZE,
                false,
                false,
                b.palette.text,
            ));
        }
        b.groups.push(Group {
            role: Role::Legend,
            classes: vec!["legend-item".into(), entry.class],
            tooltip: None,
            link: None,
            data: Vec::new(),
            items,
        });
        if lines.len() > 1 {
            b.y += (lines.len() - 1) as f64 * line;
        }
        x += SWATCH + SWATCH_GAP + width + if ends_key { KEY_GAP } else { ENTRY_GAP };
    }
    b.y += row + 10.0;
}

/// The swatch of one entry, centred vertically on `mid`, within `[x, x + SWATCH]`; a mark
/// style is painted in the grey of untagged events, exactly as such a mark would be.
fn swatch_items(swatch: &Swatch, x: f64, mid: f64, p: &Palette) -> Vec<Item> {
    let grey = p.untagged;
    match swatch {
        Swatch::Tag(c) => vec![Item::Rect {
            rect: Rect {
                x: x + 5.0,
                y: mid - 5.0,
                width: SWATCH - 10.0,
                height: 10.0,
            },
            fill: Some(*c),
            stroke: None,
            radius: 2.0,
        }],
        Swatch::Mark(style, false) => {
            let (fill, ring) = style.paint_dot(grey, p);
            vec![Item::Circle {
                center: Point {
                    x: x + SWATCH / 2.0,
                    y: mid,
                },
                radius: DOT_RADIUS - ring.width / 2.0,
                fill: Some(fill),
                stroke: Some(ring),
            }]
        }
        Swatch::Mark(style, true) => {
            let (fill, stroke) = style.paint(grey, p);
            let inset = stroke.as_ref().map_or(0.0, |s| s.width / 2.0);
            vec![Item::Rect {
                rect: Rect {
                    x: x + inset,
                    y: mid - BAR_HEIGHT / 2.0 + inset,
                    width: SWATCH - 2.0 * inset,
                    height: BAR_HEIGHT - 2.0 * inset,
                },
                fill: Some(fill),
                stroke,
                radius: 1.5,
            }]
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
    }
}

#[cfg(test)]
mod tests {
    use super::super::{layout, LayoutOptions, Theme};
    use crate::date::parse;
    use crate::model::{DatedBy, Event, Spanned, Status, Timeline};
    use crate::scene::{Group, Item, Role, Scene, Stroke};

    fn sp<T>(v: T) -> Spanned<T> {
        Spanned::new(v, 0..0)
    }

    /// An event on `date`; `how` is "planned", "inferred" or anything else.
    fn event(id: &str, date: &str, tag: Option<&str>, how: &str) -> Event {
        Event {
            id: sp(id.into()),
            date: sp(parse(date).unwrap()),
            title: sp(format!("Title {id}")),
            summary: None,
            place: None,
            actors: Vec::new(),
            tags: tag.map(|t| sp(t.to_string())).into_iter().collect(),
            status: if how == "planned" {
                Status::Planned
            } else {
                Status::Happened
            },
            dated_by: sp(if how == "inferred" {
                DatedBy::Inference
            } else {
                DatedBy::Quote
            }),
            date_note: None,
            evidence: Vec::new(),
            key: false,
            span: 0..0,
        }
    }

    fn timeline(events: Vec<Event>) -> Timeline {
        Timeline {
            events,
            ..Timeline::default()
        }
    }

    fn entries(scene: &Scene) -> Vec<&Group> {
        scene
            .groups
            .iter()
            .filter(|g| g.role == Role::Legend)
            .collect()
    }

    fn classes(scene: &Scene) -> Vec<&str> {
        entries(scene)
            .iter()
            .map(|g| g.classes[1].as_str())
            .collect()
    }

    /// The mark of an event group or the swatch of a legend entry: its one rect or circle.
    fn paint(g: &Group) -> (Option<crate::scene::Color>, Option<Stroke>) {
        let marks: Vec<_> = g
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Rect { fill, stroke, .. } | Item::Circle { fill, stroke, .. } => {
                    Some((*fill, stroke.clone()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(marks.len(), 1, "{g:?}");
        marks[0].clone()
    }

    /// Every style, drawn as a mark of an untagged event and as its legend swatch: the same
    /// fill, edge colour, width and dash, in both themes.
    #[test]
    fn every_style_looks_the_same_on_the_chart_and_in_the_key() {
        let cases = [
            ("day", "2003-11-19", ""),
            ("interval", "2003-11", ""),
            ("approximate", "2003-11-19~", ""),
            ("uncertain", "2003-11-19?", ""),
            ("inferred", "2003-11-19", "inferred"),
            ("planned", "2003-11", "planned"),
        ];
        for theme in [Theme::Light, Theme::Dark] {
            let options = LayoutOptions {
                theme,
                ..LayoutOptions::default()
            };
            for (class, date, how) in cases {
                // A planned partner, so that plain styles get a key too.
                let tl = timeline(vec![
                    event("it", date, None, how),
                    event("partner", "2003-12", None, "planned"),
                ]);
                let scene = layout(&tl, &options);
                let mark = scene
                    .groups
                    .iter()
                    .find(|g| g.role == Role::Event("it".into()))
                    .unwrap();
                let swatch = entries(&scene)
                    .into_iter()
                    .find(|g| g.classes[1] == class)
                    .unwrap_or_else(|| panic!("{theme}: no {class} in {:?}", classes(&scene)));
                assert_eq!(paint(mark), paint(swatch), "{theme}: {class}");
            }
        }
    }

    #[test]
    fn uncertain_and_approximate_edges_stand_out() {
        for theme in [Theme::Light, Theme::Dark] {
            let tl = timeline(vec![
                event("a", "2003-11-19~", Some("x"), ""),
                event("b", "2003-11-20?", Some("y"), ""),
            ]);
            let options = LayoutOptions {
                theme,
                ..LayoutOptions::default()
            };
            let scene = layout(&tl, &options);
            for g in scene.groups.iter().filter(|g| g.role != Role::Legend) {
                if let Role::Event(_) = g.role {
                    let (_, stroke) = paint(g);
                    let stroke = stroke.unwrap();
                    let ratio = super::super::theme::contrast(stroke.color, scene.background);
                    assert!(ratio >= 3.0, "{theme}: {ratio:.2}");
                    assert!(stroke.width >= 1.5);
                }
            }
        }
    }

    #[test]
    fn the_key_lists_the_styles_drawn_not_the_qualities_of_the_data() {
        // Uncertain and inferred: drawn inferred, so no "uncertain" swatch.
        let tl = timeline(vec![
            event("a", "2012-07?/2013-11?", None, "inferred"),
            event("b", "2003-11-19", None, ""),
        ]);
        let scene = layout(&tl, &LayoutOptions::default());
        assert_eq!(classes(&scene), ["day", "inferred", "break"]);
    }

    #[test]
    fn plain_marks_and_one_colour_need_no_key() {
        let tl = timeline(vec![
            event("a", "2003-11-19", Some("x"), ""),
            event("b", "2003-12", Some("x"), ""),
        ]);
        assert!(classes(&layout(&tl, &LayoutOptions::default())).is_empty());
    }

    #[test]
    fn grey_is_explained_only_beside_colours() {
        let untagged = |tags: &[Option<&str>]| {
            let events = tags
                .iter()
                .enumerate()
                .map(|(i, t)| event(&format!("e{i}"), "2003-11-19", *t, ""))
                .collect();
            let scene = layout(&timeline(events), &LayoutOptions::default());
            entries(&scene)
                .iter()
                .map(|g| {
                    let text = g.items.iter().find_map(|i| match i {
                        Item::Text { text, .. } => Some(text.clone()),
                        _ => None,
                    });
                    format!("{} {}", g.classes[1], text.unwrap())
                })
                .collect::<Vec<_>>()
        };
        // Nothing tagged: nothing to explain.
        assert!(untagged(&[None, None]).is_empty());
        // Some tagged, some not: the grey says so.
        assert_eq!(
            untagged(&[Some("x"), None]),
            ["tag-x x", "uncoloured untagged"]
        );
        // More tags than colours, the most used first; the least used go grey.
        let mut many = vec![Some("b"), Some("a"), Some("a"), None];
        many.extend(["c", "d", "e", "f", "g", "h"].map(Some));
        let keys = untagged(&many);
        assert_eq!(keys[0], "tag-a a");
        assert_eq!(keys[1], "tag-b b");
        assert_eq!(keys.last().unwrap(), "uncoloured other or untagged");
        assert_eq!(keys.len(), 7);
    }
}
