//! Drawing one event: its mark (a dot or a bar with arrows at open ends) in the style
//! `style.rs` gives its date, its stem, and its label, with the classes a stylesheet can
//! select on and a tooltip naming its sources.

use super::arrange::{Along, Metrics, Texts};
use super::build::{text_item_measured, title_line};
use super::labels;
use super::prepare::{Ev, Prepared};
use super::scale;
use super::sizes::{
    ARROW, BAR_GAP, BAR_HEIGHT, DATE_SIZE, DOT_RADIUS, DOT_STEP, LABEL_SIZE, MARK_ROW, STEM_PAD,
    STEM_WIDTH,
};
use super::style::{tag_class, MarkStyle};
use super::theme::Palette;
use crate::font::Fonts;
use crate::model::DatedBy;
use crate::scene::{Color, Group, Item, Point, Rect, Role, Stroke};

/// Everything decided about one event before it is drawn.
pub(super) struct Placed<'e> {
    pub ev: &'e Ev<'e>,
    pub texts: &'e Texts,
    pub along: &'e Along,
    /// Height of the block's bottom above the axis.
    pub bottom: f64,
    /// The dot's level in its pile on the axis.
    pub dot_level: usize,
    /// Lanes rather than stems from the axis.
    pub lanes: bool,
    pub axis_y: f64,
}

/// Where a mark and its stem go, in y.
struct Vertical {
    /// The mark's middle.
    mark_y: f64,
    stem_from: f64,
    stem_to: f64,
    /// The top of the label.
    block_top: f64,
}

/// The group that draws one event.
pub(super) fn event_group(
    placed: &Placed,
    prepared: &Prepared,
    palette: &Palette,
    fonts: &Fonts,
    metrics: &Metrics,
) -> Group {
    let ev = placed.ev;
    let look = ev.look();
    let style = MarkStyle::of_event(ev);
    let v = vertical(placed);
    let mut items = vec![stem(placed.along.stem, &v, palette)];
    match placed.along.bar {
        Some(ends) => {
            let (fill, stroke) = style.paint(ev.color, palette);
            items.extend(bar(ev, ends, v.mark_y, fill, stroke));
        }
        None => items.push(dot(placed.along.stem, v.mark_y, style, ev.color, palette)),
    }
    let x = placed.along.stem + STEM_PAD;
    items.extend(label(
        placed.texts,
        x,
        v.block_top,
        look.inferred,
        (palette, fonts),
        metrics,
    ));
    group_of(ev, prepared, items)
}

/// An event's group: its id, style classes, tooltip and days around the `items` drawn
/// for it, in either orientation.
pub(super) fn group_of(ev: &Ev, prepared: &Prepared, items: Vec<Item>) -> Group {
    Group {
        role: Role::Event(ev.event.id.value.clone()),
        classes: classes(ev),
        tooltip: Some(tooltip(ev, prepared)),
        link: None,
        data: event_days(ev),
        items,
    }
}

/// The first and last day of the event's interval, ISO, for `data-start` and `data-end`;
/// `..` for an open end.
fn event_days(ev: &Ev) -> Vec<(String, String)> {
    let end = |open: bool, day: f64| {
        if open {
            "..".to_string()
        } else {
            scale::iso_day(day as i64)
        }
    };
    vec![
        ("start".into(), end(ev.open_start, ev.start)),
        ("end".into(), end(ev.open_end, ev.end - 1.0)),
        ("date".into(), ev.event.date.value.to_string()),
    ]
}

/// Where the mark and its stem sit: in lanes in the strip under the label, its stem rising
/// from it; otherwise a dot on the axis (or up its pile) with its stem rising from its top,
/// and a bar under the label with its stem rising from the axis.
fn vertical(placed: &Placed) -> Vertical {
    let ev = placed.ev;
    let axis_y = placed.axis_y;
    let block_bottom = axis_y - placed.bottom;
    let mark_height = if placed.lanes {
        BAR_GAP + MARK_ROW
    } else if ev.dot {
        0.0
    } else {
        BAR_GAP + BAR_HEIGHT
    };
    let block_top = block_bottom - placed.texts.height - mark_height;
    let (mark_y, stem_from, stem_to) = if placed.lanes {
        let mid = block_bottom - MARK_ROW / 2.0;
        let reach = if ev.dot { DOT_RADIUS } else { BAR_HEIGHT / 2.0 };
        (mid, mid - reach, block_top)
    } else if ev.dot {
        let y = axis_y - placed.dot_level as f64 * DOT_STEP;
        (y, y - DOT_RADIUS, block_top)
    } else {
        (block_bottom - BAR_HEIGHT / 2.0, axis_y, block_bottom)
    };
    Vertical {
        mark_y,
        stem_from,
        stem_to,
        block_top,
    }
}

/// The stem, a thin line at `x`.
fn stem(x: f64, v: &Vertical, p: &Palette) -> Item {
    Item::Line {
        from: Point { x, y: v.stem_from },
        to: Point { x, y: v.stem_to },
        stroke: Stroke {
            color: p.stem,
            width: STEM_WIDTH,
            dash: None,
        },
    }
}

/// A bar from `x0` to `x1` centred on `mid`, with an arrow at each open end.
fn bar(ev: &Ev, (x0, x1): (f64, f64), mid: f64, fill: Color, stroke: Option<Stroke>) -> Vec<Item> {
    let y0 = mid - BAR_HEIGHT / 2.0;
    let y1 = mid + BAR_HEIGHT / 2.0;
    let body_x0 = if ev.open_start { x0 + ARROW } else { x0 };
    let body_x1 = if ev.open_end { x1 - ARROW } else { x1 };
    // The stroke is drawn half outside the rectangle: keep it inside the block.
    let inset = stroke.as_ref().map_or(0.0, |s| s.width / 2.0);
    let mut items = vec![Item::Rect {
        rect: Rect {
            x: body_x0 + inset,
            y: y0 + inset,
            width: (body_x1 - body_x0 - 2.0 * inset).max(0.5),
            height: BAR_HEIGHT - 2.0 * inset,
        },
        fill: Some(fill),
        stroke,
        radius: 1.5,
    }];
    // Open ends: an arrow pointing on, in the tag colour.
    if ev.open_start {
        items.push(arrow(x0, x0 + ARROW - 1.0, (y0, mid, y1), ev.color));
    }
    if ev.open_end {
        items.push(arrow(x1, x1 - ARROW + 1.0, (y0, mid, y1), ev.color));
    }
    items
}

/// A triangle with its tip at `tip` on the bar's middle and its base at `base`.
fn arrow(tip: f64, base: f64, (y0, mid, y1): (f64, f64, f64), color: Color) -> Item {
    Item::Polygon {
        points: vec![
            Point { x: base, y: y0 },
            Point { x: tip, y: mid },
            Point { x: base, y: y1 },
        ],
        fill: color,
        stroke: None,
    }
}

/// A dot at `(x, y)` in `style`, its edge (or ring) inside its radius.
pub(super) fn dot(x: f64, y: f64, style: MarkStyle, color: Color, p: &Palette) -> Item {
    let (fill, ring) = style.paint_dot(color, p);
    Item::Circle {
        center: Point { x, y },
        radius: DOT_RADIUS - ring.width / 2.0,
        fill: Some(fill),
        stroke: Some(ring),
    }
}

/// The label from `top` down: title lines, then the date as the data states it; italic
/// when the date is inferred.
fn label(
    t: &Texts,
    x: f64,
    top: f64,
    italic: bool,
    (p, fonts): (&Palette, &Fonts),
    m: &Metrics,
) -> Vec<Item> {
    let mut items = Vec::with_capacity(t.title.len() + t.date.len() + 1);
    let mut y = top;
    for (line, _) in &t.title {
        let baseline = y + m.label_ascent;
        items.extend(title_line(fonts, line, &|_| x, baseline, LABEL_SIZE, italic, p.text).0);
        y += m.label_line;
    }
    for (line, w) in &t.date {
        items.push(text_item_measured(
            *w,
            line.clone(),
            x,
            y + m.date_ascent,
            DATE_SIZE,
            false,
            italic,
            p.muted,
        ));
        y += m.date_line;
    }
    items
}

/// The event's CSS classes: its kind of mark, what qualifies its date, its tag.
fn classes(ev: &Ev) -> Vec<String> {
    // The style class names how the mark is drawn (its date's least certain quality), the
    // same name its legend entry carries; `data-date` keeps every quality as written.
    let style = MarkStyle::of_event(ev);
    let mut classes = vec![
        "event".to_string(),
        if ev.dot { "day" } else { "interval" }.to_string(),
    ];
    if !style.is_plain() {
        classes.push(style.class().to_string());
    }
    if ev.open_start || ev.open_end {
        classes.push("open".to_string());
    }
    if let Some(tag) = ev.event.tags.first() {
        classes.push(tag_class(&tag.value));
    }
    classes
}

/// The tooltip of an event: its date as the data states it, its title, its sources.
fn tooltip(ev: &Ev, prepared: &Prepared) -> String {
    let e = ev.event;
    let mut out = format!("{}: {}", e.date.value, labels::clean(&e.title.value));
    if e.dated_by.value == DatedBy::Inference {
        if let Some(note) = &e.date_note {
            out.push_str(&format!("\nDate inferred: {}", labels::clean(&note.value)));
        }
    }
    if ev.citations.is_empty() {
        // An event without a label has no citation numbers: its sources by name.
        let mut seen: Vec<&str> = Vec::new();
        for evidence in &e.evidence {
            let id = evidence.source.value.as_str();
            if !seen.contains(&id) {
                seen.push(id);
                out.push('\n');
                out.push_str(&source_name(prepared, id));
            }
        }
    }
    for &n in &ev.citations {
        out.push('\n');
        out.push_str(&format!(
            "[{n}] {}",
            source_name(prepared, prepared.cited[n - 1])
        ));
    }
    out
}

/// `Publisher, “Title”` of a source; the bare id when it is unknown.
fn source_name(prepared: &Prepared, id: &str) -> String {
    match prepared.sources.get(id) {
        Some(s) => format!(
            "{}, “{}”",
            labels::clean(&s.publisher.value),
            labels::clean(&s.title.value)
        ),
        None => labels::clean(id),
    }
}
