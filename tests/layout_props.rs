//! Properties of the layout on generated timelines: nothing overlaps that must not, all of it
//! stays on the canvas, every event is drawn exactly once, and the same input gives the same
//! scene. Timelines are built directly as model values; dates go through the real parser.

use citeline::date::parse;
use citeline::layout::scale::Domain;
use citeline::layout::{layout, LayoutOptions, Orientation, Theme};
use citeline::model::{DatedBy, Event, Evidence, Source, Spanned, Status, Timeline};
use citeline::scene::{Item, Point, Rect, Role, Scene};
use proptest::prelude::*;
use std::collections::HashMap;

fn sp<T>(value: T) -> Spanned<T> {
    Spanned::new(value, 0..0)
}

/// Pieces of titles that are hard on measuring and wrapping.
const FRAGMENTS: &[&str] = &[
    "CSTO",
    "foreign",
    "ministers",
    "pledge",
    "cooperation",
    "with",
    "NATO",
    "Supercalifragilisticexpialidociousandthensomemoreletterswithoutanybreak",
    "集体安全条约组织外长会议在比什凯克举行并发表联合声明",
    "e\u{301}te\u{301}",
    "a\u{300}\u{301}\u{302}\u{303}",
    "שלום עולם",
    "مرحبا بالعالم",
    "\u{202e}reversed\u{202c}",
    "   ",
    "\t\n",
    "\u{7}\u{1b}[1m",
    "\u{200b}",
    "",
    "W",
    "</text><script>alert(1)</script>",
    "&amp;\"'",
];

fn title() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..9).prop_map(|parts| parts.join(" "))
}

/// One calendar date as EDTF text at a random precision with a random qualifier.
fn calendar() -> impl Strategy<Value = (i32, u32, u32, u8, u8)> {
    (
        prop_oneof![
            8 => 1995i32..2016,
            1 => 2003i32..2004,
            1 => prop::sample::select(vec![1i32, 1000, 9999]),
        ],
        1u32..=12,
        1u32..=28,
        0u8..3,
        0u8..6,
    )
}

fn edtf_text((y, m, d, precision, qualifier): (i32, u32, u32, u8, u8)) -> String {
    let body = match precision {
        0 => format!("{y:04}-{m:02}-{d:02}"),
        1 => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}"),
    };
    let q = match qualifier {
        3 => "?",
        4 => "~",
        5 => "%",
        _ => "",
    };
    format!("{body}{q}")
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => calendar().prop_map(edtf_text),
        2 => (calendar(), calendar()).prop_map(|(a, b)| {
            let (a, b) = if (a.0, a.1, a.2) <= (b.0, b.1, b.2) { (a, b) } else { (b, a) };
            format!("{}/{}", edtf_text(a), edtf_text(b))
        }),
        1 => calendar().prop_map(|a| format!("{}/..", edtf_text(a))),
        1 => calendar().prop_map(|a| format!("../{}", edtf_text(a))),
    ]
}

#[derive(Clone, Debug)]
struct EventSpec {
    date: String,
    title: String,
    planned: bool,
    inferred: bool,
    tag: Option<u8>,
    sources: Vec<u8>,
}

fn event_spec() -> impl Strategy<Value = EventSpec> {
    (
        date(),
        title(),
        prop::bool::weighted(0.15),
        prop::bool::weighted(0.15),
        prop::option::weighted(0.8, 0u8..9),
        prop::collection::vec(0u8..6, 0..3),
    )
        .prop_map(|(date, title, planned, inferred, tag, sources)| EventSpec {
            date,
            title,
            planned,
            inferred,
            tag,
            sources,
        })
}

fn timeline(specs: &[EventSpec]) -> Timeline {
    let sources = (0..6)
        .map(|i| Source {
            id: sp(format!("src-{i}")),
            file: sp(format!("articles/{i}.txt")),
            publisher: sp(format!("Publisher {i} \u{7}&")),
            title: sp(format!("A rather long article title number {i} that has to wrap when the page is narrow enough, {}", FRAGMENTS[i % FRAGMENTS.len()])),
            published: sp(parse("2003-12-03").unwrap()),
            published_note: (i % 2 == 0).then(|| sp("taken from the archive page, as the text carries no date".to_string())),
            url: (i % 3 == 0).then(|| sp(format!("https://example.org/{i}?a=1&b=2"))),
            archive_url: (i % 4 == 0)
                .then(|| sp(format!("https://web.archive.org/web/2003/https://example.org/{i}"))),
            archived: (i % 4 == 0).then(|| sp(parse("2003-12-04").unwrap())),
            accessed: (i % 5 == 0).then(|| sp(parse("2026-11-30").unwrap())),
            sha256: None,
            date_order: None,
        })
        .collect();
    let events = specs
        .iter()
        .enumerate()
        .map(|(i, s)| Event {
            id: sp(format!("e{i}")),
            // Every generated date is valid: days stop at 28.
            date: sp(parse(&s.date).unwrap_or_else(|e| panic!("{}: {e:?}", s.date))),
            title: sp(s.title.clone()),
            summary: None,
            place: None,
            actors: Vec::new(),
            tags: s.tag.map(|t| sp(format!("tag {t}"))).into_iter().collect(),
            status: if s.planned {
                Status::Planned
            } else {
                Status::Happened
            },
            dated_by: sp(if s.inferred {
                DatedBy::Inference
            } else {
                DatedBy::Quote
            }),
            date_note: s
                .inferred
                .then(|| sp("inferred from the order of events </text>".to_string())),
            evidence: s
                .sources
                .iter()
                .map(|&n| Evidence {
                    source: sp(format!("src-{n}")),
                    quote: sp("q".to_string()),
                })
                .collect(),
            key: false,
            span: 0..0,
        })
        .collect();
    Timeline {
        title: Some(sp("Generated timeline".to_string())),
        sources,
        events,
        ..Timeline::default()
    }
}

/// The box an item covers, strokes included.
fn bbox(item: &Item) -> Rect {
    fn points_box(points: impl Iterator<Item = (f64, f64)>, pad: f64) -> Rect {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (x, y) in points {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        Rect {
            x: x0 - pad,
            y: y0 - pad,
            width: x1 - x0 + 2.0 * pad,
            height: y1 - y0 + 2.0 * pad,
        }
    }
    match item {
        Item::Rect { rect, stroke, .. } => {
            let pad = stroke.as_ref().map_or(0.0, |s| s.width / 2.0);
            Rect {
                x: rect.x - pad,
                y: rect.y - pad,
                width: rect.width + 2.0 * pad,
                height: rect.height + 2.0 * pad,
            }
        }
        Item::Line { from, to, stroke } => points_box(
            [(from.x, from.y), (to.x, to.y)].into_iter(),
            stroke.width / 2.0,
        ),
        Item::Polyline { points, stroke } => {
            points_box(points.iter().map(|p| (p.x, p.y)), stroke.width / 2.0)
        }
        Item::Polygon { points, stroke, .. } => points_box(
            points.iter().map(|p| (p.x, p.y)),
            stroke.as_ref().map_or(0.0, |s| s.width / 2.0),
        ),
        Item::Circle {
            center,
            radius,
            stroke,
            ..
        } => {
            let r = radius + stroke.as_ref().map_or(0.0, |s| s.width / 2.0);
            Rect {
                x: center.x - r,
                y: center.y - r,
                width: 2.0 * r,
                height: 2.0 * r,
            }
        }
        Item::Text { bounds, .. } => *bounds,
    }
}

/// Pairs of (text, anything) boxes that overlap, found through a grid so that thousands of
/// labels are checked in moments. Returns a description of the first offence.
fn first_overlap(texts: &[(String, Rect)], marks: &[(String, Rect)]) -> Option<String> {
    const CELL: f64 = 64.0;
    let cells = |r: &Rect| {
        let x0 = (r.x / CELL).floor() as i64;
        let x1 = (r.right() / CELL).floor() as i64;
        let y0 = (r.y / CELL).floor() as i64;
        let y1 = (r.bottom() / CELL).floor() as i64;
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    };
    let mut grid: HashMap<(i64, i64), (Vec<usize>, Vec<usize>)> = HashMap::new();
    for (i, (_, r)) in texts.iter().enumerate() {
        for c in cells(r) {
            grid.entry(c).or_default().0.push(i);
        }
    }
    for (i, (_, r)) in marks.iter().enumerate() {
        for c in cells(r) {
            if let Some(cell) = grid.get_mut(&c) {
                cell.1.push(i);
            }
        }
    }
    for (t, m) in grid.values() {
        for (k, &a) in t.iter().enumerate() {
            for &b in &t[k + 1..] {
                if texts[a].1.overlaps(&texts[b].1) {
                    return Some(format!("text {:?} overlaps text {:?}", texts[a], texts[b]));
                }
            }
            for &b in m {
                if texts[a].1.overlaps(&marks[b].1) {
                    return Some(format!("text {:?} overlaps mark {:?}", texts[a], marks[b]));
                }
            }
        }
    }
    None
}

fn check(scene: &Scene, tl: &Timeline) -> Result<(), TestCaseError> {
    let canvas = Rect {
        x: 0.0,
        y: 0.0,
        width: scene.width,
        height: scene.height,
    };
    let mut texts = Vec::new();
    let mut marks = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for g in &scene.groups {
        let owner = match &g.role {
            Role::Event(id) => {
                *seen.entry(id.as_str()).or_default() += 1;
                format!("event {id}")
            }
            other => format!("{other:?}"),
        };
        for item in &g.items {
            let b = bbox(item);
            prop_assert!(
                canvas.contains(&b),
                "{owner}: {item:?} leaves the canvas {}x{}",
                scene.width,
                scene.height
            );
            match item {
                Item::Text { text, .. } => texts.push((format!("{owner}: {text}"), b)),
                // Legend swatches sit beside their own texts; only chart marks are obstacles.
                _ if matches!(g.role, Role::Event(_) | Role::Axis) => {
                    marks.push((format!("{owner}: {item:?}"), b))
                }
                _ => {}
            }
        }
    }
    prop_assert_eq!(seen.len(), tl.events.len(), "events drawn");
    for e in &tl.events {
        prop_assert_eq!(seen.get(e.id.value.as_str()), Some(&1), "{}", e.id.value);
    }
    if let Some(offence) = first_overlap(&texts, &marks) {
        return Err(TestCaseError::fail(offence));
    }
    if runs_down(scene) {
        // Down the page: every label beside its date (events on one day share one dot).
        for (id, reach) in citeline::layout::reach::reach(scene) {
            prop_assert!(reach <= 450.0, "{} is {} px from its date", id, reach);
        }
        return Ok(());
    }
    if let Some(offence) = hidden_dot(scene) {
        return Err(TestCaseError::fail(offence));
    }
    if let Some(offence) = detached_dot(scene) {
        return Err(TestCaseError::fail(offence));
    }
    Ok(())
}

/// Whether time runs down the page: the axis segments are vertical lines.
fn runs_down(scene: &Scene) -> bool {
    scene
        .groups
        .iter()
        .filter(|g| g.classes.iter().any(|c| c == "axis-segment"))
        .any(|g| matches!(g.items.first(), Some(Item::Line { from, to, .. }) if from.x == to.x && from.y != to.y))
}

/// Each event's dot, as (event id, centre, box with stroke), in scene order.
fn dots(scene: &Scene) -> Vec<(&str, Point, Rect)> {
    let mut out = Vec::new();
    for g in &scene.groups {
        let Role::Event(id) = &g.role else { continue };
        for item in &g.items {
            if let Item::Circle { center, .. } = item {
                out.push((id.as_str(), *center, bbox(item)));
            }
        }
    }
    out
}

/// Two dots of different events whose boxes overlap: one would hide (part of) the other.
/// Dots are swept in order of x, so only neighbours closer than a dot's width are compared.
fn hidden_dot(scene: &Scene) -> Option<String> {
    let mut all = dots(scene);
    all.sort_by(|a, b| a.2.x.total_cmp(&b.2.x));
    let widest = all.iter().map(|d| d.2.width).fold(0.0, f64::max);
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            if b.2.x >= a.2.x + widest {
                break;
            }
            if a.0 != b.0 && a.2.overlaps(&b.2) {
                return Some(format!(
                    "dot of {} {:?} hides dot of {} {:?}",
                    a.0, a.2, b.0, b.2
                ));
            }
        }
    }
    None
}

/// A dot its own stem does not reach: the stem (the event's one line) must stand at the
/// dot's x and its y range come within a pixel of the dot's box.
fn detached_dot(scene: &Scene) -> Option<String> {
    for g in &scene.groups {
        let Role::Event(id) = &g.role else { continue };
        let Some(dot) = g.items.iter().find(|i| matches!(i, Item::Circle { .. })) else {
            continue;
        };
        let b = bbox(dot);
        let stems: Vec<(f64, f64, f64)> = g
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Line { from, to, .. } => Some((from.x, from.y.min(to.y), from.y.max(to.y))),
                _ => None,
            })
            .collect();
        let [(x, top, bottom)] = stems[..] else {
            return Some(format!("event {id}: {} stems", stems.len()));
        };
        let centre = b.x + b.width / 2.0;
        if (x - centre).abs() > 0.5 || bottom < b.y - 1.0 || top > b.bottom() + 1.0 {
            return Some(format!(
                "event {id}: stem at x {x}, y {top}..{bottom} misses its dot {b:?}"
            ));
        }
    }
    None
}

/// The style a mark is drawn in, from its group's classes: the least certain quality
/// wins, as the legend's key promises.
fn drawn_style(classes: &[String]) -> &'static str {
    let has = |c: &str| classes.iter().any(|k| k == c);
    [
        "planned",
        "inferred",
        "uncertain",
        "approximate",
        "day",
        "interval",
    ]
    .into_iter()
    .find(|c| has(c))
    .unwrap_or("none")
}

/// The look of a mark or swatch that does not depend on its colour: whether it is hollow
/// (filled with the background) and its edge's width and dash.
type Look = (bool, Option<(String, Option<String>)>);

fn look(item: &Item, background: citeline::scene::Color) -> Option<Look> {
    let (fill, stroke) = match item {
        Item::Rect { fill, stroke, .. } | Item::Circle { fill, stroke, .. } => (fill, stroke),
        _ => return None,
    };
    // A ring of the background colour round a dot only keeps piled dots apart.
    let edge = stroke
        .as_ref()
        .filter(|s| s.color != background)
        .map(|s| (format!("{:.2}", s.width), s.dash.map(|d| format!("{d:?}"))));
    Some((*fill == Some(background), edge))
}

/// The key lists a style exactly when some mark is drawn in it (or none at all when every
/// mark is plain colour), and its swatch looks like those marks.
fn legend_matches_marks(scene: &Scene) -> Result<(), TestCaseError> {
    const STYLES: [&str; 6] = [
        "day",
        "interval",
        "approximate",
        "uncertain",
        "inferred",
        "planned",
    ];
    let mut drawn: HashMap<&str, Vec<Look>> = HashMap::new();
    for g in &scene.groups {
        if let Role::Event(_) = g.role {
            let mark = g.items.iter().find_map(|i| look(i, scene.background));
            drawn
                .entry(drawn_style(&g.classes))
                .or_default()
                .extend(mark);
        }
    }
    let mut keyed: HashMap<&str, Look> = HashMap::new();
    for g in scene.groups.iter().filter(|g| g.role == Role::Legend) {
        prop_assert_eq!(g.classes[0].as_str(), "legend-item");
        if let Some(style) = STYLES.iter().find(|s| **s == g.classes[1]) {
            let swatch = g.items.iter().find_map(|i| look(i, scene.background));
            prop_assert!(
                keyed.insert(style, swatch.unwrap()).is_none(),
                "{} twice",
                style
            );
        }
    }
    let plain = drawn.keys().all(|s| *s == "day" || *s == "interval");
    let mut want: Vec<&str> = if plain {
        Vec::new()
    } else {
        drawn.keys().copied().collect()
    };
    let mut got: Vec<&str> = keyed.keys().copied().collect();
    want.sort_unstable();
    got.sort_unstable();
    prop_assert_eq!(&want, &got, "legend styles vs mark styles");
    for (style, swatch) in &keyed {
        for mark in &drawn[style] {
            prop_assert_eq!(mark, swatch, "{}", style);
        }
    }
    Ok(())
}

fn sizes() -> impl Strategy<Value = Vec<EventSpec>> {
    prop_oneof![
        6 => prop::collection::vec(event_spec(), 1..12),
        3 => prop::collection::vec(event_spec(), 12..150),
        1 => prop::collection::vec(event_spec(), 150..2000),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn nothing_overlaps_everything_fits_each_event_once(
        specs in sizes(),
        width in prop_oneof![3 => Just(1200.0), 1 => 320.0f64..2400.0],
        dark in any::<bool>(),
        breaks in any::<bool>(),
    ) {
        let tl = timeline(&specs);
        let options = LayoutOptions {
            width,
            theme: if dark { Theme::Dark } else { Theme::Light },
            breaks,
            ..LayoutOptions::default()
        };
        let scene = layout(&tl, &options);
        check(&scene, &tl)?;
        // Labels wrap rather than widen the page.
        prop_assert_eq!(scene.width, width.ceil());
        // The same input gives the same scene.
        prop_assert_eq!(&scene, &layout(&tl, &options));
    }

    #[test]
    fn the_legend_shows_exactly_the_styles_of_the_marks(
        specs in prop::collection::vec(event_spec(), 1..40),
        dark in any::<bool>(),
    ) {
        let tl = timeline(&specs);
        let options = LayoutOptions {
            theme: if dark { Theme::Dark } else { Theme::Light },
            ..LayoutOptions::default()
        };
        let scene = layout(&tl, &options);
        legend_matches_marks(&scene)?;
    }

    #[test]
    fn date_to_x_is_monotone_and_stays_on_the_axis(
        intervals in prop::collection::vec((0i64..800_000, 0i64..4000), 1..60),
        breaks in any::<bool>(),
        right in 400.0f64..3000.0,
    ) {
        let iv: Vec<(i64, i64)> = intervals.iter().map(|&(a, len)| (a, a + len)).collect();
        let domain = Domain::new(&iv, breaks);
        prop_assert!(domain.segments.len() <= 7);
        if !breaks {
            prop_assert_eq!(domain.segments.len(), 1);
        }
        let scale = domain.place(20.0, right);
        let lo = iv.iter().map(|i| i.0).min().unwrap() as f64 - 5000.0;
        let hi = iv.iter().map(|i| i.1).max().unwrap() as f64 + 5000.0;
        let mut last = f64::NEG_INFINITY;
        for k in 0..=2000 {
            let day = lo + (hi - lo) * f64::from(k) / 2000.0;
            let x = scale.x(day);
            prop_assert!(x >= last, "x({}) = {} after {}", day, x, last);
            prop_assert!(x >= 20.0 - 1e-9 && x <= scale.right() + 1e-9);
            last = x;
        }
        // Every interval is drawn inside one segment, never across a break.
        for &(a, b) in &iv {
            let inside = scale.placed.iter().any(|p| p.span.start <= a as f64 && (b + 1) as f64 <= p.span.end);
            prop_assert!(inside, "{:?}", (a, b));
        }
    }

    #[test]
    fn every_segment_has_one_linear_scale(
        cluster in prop::collection::vec(0i64..40, 2..12),
        spread in prop::collection::vec((0i64..4000, 0i64..400), 1..20),
        base in 0i64..800_000,
        breaks in any::<bool>(),
        right in 400.0f64..3000.0,
    ) {
        // A tight cluster of days among intervals spread over years: the shape that used
        // to get a second, zoomed scale inside its segment.
        let mut iv: Vec<(i64, i64)> = cluster.iter().map(|&d| (base + d, base + d)).collect();
        iv.extend(spread.iter().map(|&(a, len)| (base + a, base + a + len)));
        let scale = Domain::new(&iv, breaks).place(20.0, right);
        for p in &scale.placed {
            let k = (p.x1 - p.x0) / (p.span.end - p.span.start);
            for f in [0.0, 0.1, 0.37, 0.5, 0.9, 1.0] {
                let day = p.span.start + f * (p.span.end - p.span.start);
                prop_assert!((scale.x(day) - (p.x0 + (day - p.span.start) * k)).abs() < 1e-6);
            }
        }
    }

    #[test]
    fn a_cluster_beside_a_long_stretch_lays_out_cleanly(
        cluster in prop::collection::vec((1u32..=28, any::<bool>()), 2..10),
        later in prop::collection::vec(prop::sample::select(vec!["2004", "2004-06", "2005-03-02", "2004/2005", "2012-07?/2013-11?"]), 1..4),
        width in prop_oneof![2 => Just(1200.0), 1 => 320.0f64..2400.0],
    ) {
        let mut specs: Vec<EventSpec> = cluster
            .iter()
            .map(|&(d, bar)| EventSpec {
                date: if bar { format!("2003-11-{d:02}/2003-12-03") } else { format!("2003-11-{d:02}") },
                title: "An event of the cluster with an ordinary title".into(),
                planned: false,
                inferred: false,
                tag: Some((d % 4) as u8),
                sources: vec![0],
            })
            .collect();
        specs.extend(later.iter().map(|d| EventSpec {
            date: d.to_string(),
            title: "Later event".into(),
            planned: true,
            inferred: false,
            tag: None,
            sources: vec![1],
        }));
        let tl = timeline(&specs);
        let options = LayoutOptions { width, orientation: Orientation::Horizontal,
            ..LayoutOptions::default() };
        let scene = layout(&tl, &options);
        check(&scene, &tl)?;
        prop_assert_eq!(scene.width, width.ceil());
        prop_assert_eq!(&scene, &layout(&tl, &options));
    }

    #[test]
    fn exact_days_keep_their_order_along_x(specs in prop::collection::vec(event_spec(), 2..60)) {
        let tl = timeline(&specs);
        let scene = layout(&tl, &LayoutOptions { orientation: Orientation::Horizontal, ..LayoutOptions::default() });
        let mut dots: Vec<(chrono::NaiveDate, f64)> = Vec::new();
        for g in &scene.groups {
            let Role::Event(id) = &g.role else { continue };
            let event = tl.events.iter().find(|e| &e.id.value == id).unwrap();
            if !event.date.value.is_exact_day() {
                continue;
            }
            for item in &g.items {
                if let Item::Circle { center, .. } = item {
                    dots.push((event.date.value.days().earliest(), center.x));
                }
            }
        }
        dots.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        for w in dots.windows(2) {
            prop_assert!(w[0].1 <= w[1].1, "{:?} then {:?}", w[0], w[1]);
        }
    }
}

#[test]
fn no_events_still_make_a_chart() {
    let tl = Timeline::default();
    let scene = layout(&tl, &LayoutOptions::default());
    assert!(scene.width >= 1200.0 && scene.height > 0.0);
    assert!(scene.description.starts_with("0 events"));
    check(&scene, &tl).unwrap();
    let texts: Vec<&str> = scene
        .groups
        .iter()
        .flat_map(|g| &g.items)
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(texts.iter().any(|t| t.contains("No events")), "{texts:?}");
}

#[test]
fn a_dense_cluster_packs_into_lanes_without_overlap() {
    // 600 events within one month: stems from the axis would need a level per event.
    let specs: Vec<EventSpec> = (0..600)
        .map(|i| EventSpec {
            date: format!("2003-11-{:02}", 1 + i % 28),
            title: format!("Event number {i} with a title of ordinary length"),
            planned: i % 11 == 0,
            inferred: i % 13 == 0,
            tag: Some((i % 5) as u8),
            sources: vec![(i % 6) as u8],
        })
        .collect();
    let tl = timeline(&specs);
    let scene = layout(
        &tl,
        &LayoutOptions {
            orientation: Orientation::Horizontal,
            ..LayoutOptions::default()
        },
    );
    check(&scene, &tl).unwrap();
    // Two-line labels about 300 px wide over about 800 px of axis pile up some 240 deep:
    // about 15,000 px of lanes, where a level per event would take 30,000.
    assert!(scene.height < 20_000.0, "{}", scene.height);
}

#[test]
fn many_breaks_on_a_narrow_page_keep_its_width() {
    let specs: Vec<EventSpec> = [
        "0001",
        "0001-05~",
        "3000-05",
        "3000-06-01",
        "6000/6001",
        "9999?",
        "9999-12-31",
    ]
    .iter()
    .map(|d| EventSpec {
        date: d.to_string(),
        title: "A title that needs to wrap on a narrow page".into(),
        planned: false,
        inferred: false,
        tag: None,
        sources: vec![0],
    })
    .collect();
    let tl = timeline(&specs);
    let scene = layout(
        &tl,
        &LayoutOptions {
            width: 320.0,
            orientation: Orientation::Horizontal,
            ..LayoutOptions::default()
        },
    );
    check(&scene, &tl).unwrap();
    assert_eq!(scene.width, 320.0);
    let zigzags = scene
        .groups
        .iter()
        .filter(|g| g.role == Role::Axis)
        .flat_map(|g| &g.items)
        .filter(|i| matches!(i, Item::Polyline { .. }))
        .count();
    assert_eq!(zigzags, 3);
}

/// The x of each event's stem (its only line), by event id.
#[test]
fn one_day_marks_sit_at_the_middle_of_their_day_on_a_linear_axis() {
    // The shipped data's shape: four events within two weeks, a planned bar over 2004 right
    // after them, and an inferred interval nine years later; drawn both ways.
    let dates = [
        "2003-11-19",
        "2003-11-19/2003-12-03",
        "2003-12-01/2003-12-03",
        "2003-12-03",
        "2004",
        "2012-07?/2013-11?",
    ];
    let specs: Vec<EventSpec> = dates
        .iter()
        .enumerate()
        .map(|(i, d)| EventSpec {
            date: d.to_string(),
            title: format!("Event {i} with a title of ordinary length"),
            planned: i == 4,
            inferred: i == 5,
            tag: Some(i as u8),
            sources: vec![0],
        })
        .collect();
    let tl = timeline(&specs);
    for orientation in [Orientation::Horizontal, Orientation::Vertical] {
        let options = LayoutOptions {
            orientation,
            ..LayoutOptions::default()
        };
        let scene = layout(&tl, &options);
        check(&scene, &tl).unwrap();
        for (id, error) in day_errors(&scene) {
            assert!(
                error <= 1.5,
                "{orientation:?}: {id} is {error} px off its day"
            );
        }
    }
}

/// For each one-day event: how far its dot's centre lies from the middle of its day on the
/// axis segment holding it, read from the data attributes as a user's test would.
fn day_errors(scene: &Scene) -> Vec<(String, f64)> {
    let data = |g: &citeline::scene::Group, k: &str| {
        g.data.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    };
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let segments: Vec<(chrono::NaiveDate, chrono::NaiveDate, Point, Point)> = scene
        .groups
        .iter()
        .filter(|g| g.classes.iter().any(|c| c == "axis-segment"))
        .filter_map(|g| match g.items.first() {
            Some(Item::Line { from, to, .. }) => {
                Some((day(&data(g, "start")?), day(&data(g, "end")?), *from, *to))
            }
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for g in &scene.groups {
        let Role::Event(id) = &g.role else { continue };
        if !g.classes.iter().any(|c| c == "day") {
            continue;
        }
        let d = day(&data(g, "start").unwrap());
        let Some(center) = g.items.iter().find_map(|i| match i {
            Item::Circle { center, .. } => Some(*center),
            _ => None,
        }) else {
            continue;
        };
        let (a, z, from, to) = segments
            .iter()
            .find(|(a, z, ..)| *a <= d && d <= *z)
            .copied()
            .expect("a segment holds every day");
        let days = (z - a).num_days() as f64 + 1.0;
        let f = ((d - a).num_days() as f64 + 0.5) / days;
        let want = Point {
            x: from.x + f * (to.x - from.x),
            y: from.y + f * (to.y - from.y),
        };
        let along = if (to.x - from.x).abs() > (to.y - from.y).abs() {
            (center.x - want.x).abs()
        } else {
            (center.y - want.y).abs()
        };
        out.push((id.clone(), along));
    }
    out
}

/// The y of the axis under the events (not the repeated one above a tall chart).
fn axis_y(scene: &Scene) -> f64 {
    scene
        .groups
        .iter()
        .filter(|g| g.role == Role::Axis && !g.classes.iter().any(|c| c == "top"))
        .flat_map(|g| &g.items)
        .find_map(|i| match i {
            Item::Line { from, to, .. } if from.y == to.y => Some(from.y),
            _ => None,
        })
        .expect("an axis line")
}

/// The top of an event's label (its first text).
fn label_top(scene: &Scene, id: &str) -> f64 {
    let g = scene
        .groups
        .iter()
        .find(|g| g.role == Role::Event(id.into()))
        .unwrap();
    g.items
        .iter()
        .find_map(|i| match i {
            Item::Text { bounds, .. } => Some(bounds.y),
            _ => None,
        })
        .unwrap()
}

#[test]
fn dots_of_one_day_are_all_in_sight() {
    // The shipped data's shape: a meeting and a statement on 19 Nov 2003, among bars (stems
    // from the axis, dots piled on it). Then more: a pile of five on one day, and days a few
    // pixels apart on a long axis, which the chart draws in lanes.
    let shipped = vec![
        "2003-11-19",
        "2003-11-19",
        "2003-11-19/2003-12-03",
        "2003-12-01/2003-12-03",
        "2003-12-03",
        "2004",
        "2012-07?/2013-11?",
    ];
    let mut more = shipped.clone();
    more.extend(["2008-05-05"; 5]);
    more.extend([
        "1995-03-01",
        "1995-03-04",
        "1995-03-09",
        "1995-03-15",
        "1995-04-02",
    ]);
    for (dates, n_dots, n_piles, stems_from_axis) in [(shipped, 3, 1, true), (more, 13, 2, false)] {
        let specs: Vec<EventSpec> = dates
            .iter()
            .enumerate()
            .map(|(i, d)| EventSpec {
                date: d.to_string(),
                title: format!("Event {i} with a title of ordinary length"),
                planned: i == 5,
                inferred: i == 6,
                tag: Some(i as u8 % 5),
                sources: vec![0],
            })
            .collect();
        let tl = timeline(&specs);
        for width in [1200.0, 700.0] {
            let scene = layout(
                &tl,
                &LayoutOptions {
                    width,
                    orientation: Orientation::Horizontal,
                    ..LayoutOptions::default()
                },
            );
            assert_eq!(hidden_dot(&scene), None);
            check(&scene, &tl).unwrap();
            let all = dots(&scene);
            assert_eq!(all.len(), n_dots);
            // Dots of one day share their stem's x; the higher dot belongs to the higher
            // label, so a reader matches them up by order.
            let mut piles = 0;
            for d in &all {
                let mut same_day: Vec<_> = all.iter().filter(|e| e.1.x == d.1.x).collect();
                if same_day.len() < 2 || same_day[0].0 != d.0 {
                    continue;
                }
                piles += 1;
                same_day.sort_by(|a, b| a.1.y.total_cmp(&b.1.y));
                for w in same_day.windows(2) {
                    assert!(
                        label_top(&scene, w[0].0) < label_top(&scene, w[1].0),
                        "{same_day:?}"
                    );
                }
            }
            assert_eq!(piles, n_piles);
            if stems_from_axis {
                // The pile stands on the axis: its lowest dot sits on the line.
                let lowest = all.iter().map(|d| d.1.y).fold(f64::MIN, f64::max);
                assert_eq!(lowest, axis_y(&scene), "{all:?}");
            }
        }
    }
}

#[test]
fn dots_touch_their_stems_in_both_arrangements() {
    let spec = |i: usize, date: String| EventSpec {
        date,
        title: format!("Event number {i} with a title of ordinary length"),
        planned: i.is_multiple_of(11),
        inferred: i.is_multiple_of(13),
        tag: Some((i % 5) as u8),
        sources: vec![(i % 6) as u8],
    };
    // Few events: stems rise from dots on the axis.
    let sparse: Vec<EventSpec> = (0..6)
        .map(|i| spec(i, format!("{}-0{}-1{}", 1995 + 2 * i, 1 + i % 9, i % 9)))
        .collect();
    // Many events in a month: lanes, each dot under its own label, far above the axis.
    let dense: Vec<EventSpec> = (0..300)
        .map(|i| spec(i, format!("2003-11-{:02}", 1 + i % 28)))
        .collect();
    for (specs, lanes) in [(sparse, false), (dense, true)] {
        let tl = timeline(&specs);
        let scene = layout(
            &tl,
            &LayoutOptions {
                orientation: Orientation::Horizontal,
                ..LayoutOptions::default()
            },
        );
        assert_eq!(detached_dot(&scene), None);
        check(&scene, &tl).unwrap();
        let axis = axis_y(&scene);
        let on_axis = dots(&scene).iter().filter(|d| d.1.y == axis).count();
        if lanes {
            assert_eq!(on_axis, 0);
        } else {
            assert_eq!(on_axis, dots(&scene).len());
        }
    }
}

/// A big timeline keeps to its height budget, says how many it labels, labels its key
/// events first, and keeps every drawn label near its date.
#[test]
fn a_big_timeline_labels_key_events_first_within_its_budget() {
    // 2,000 events over twenty years, 50 a day in bursts, so most cannot be labelled.
    let specs: Vec<EventSpec> = (0..2000)
        .map(|i| EventSpec {
            date: format!(
                "{}-{:02}-{:02}",
                2000 + i / 100,
                1 + (i / 50) % 12,
                1 + i % 28
            ),
            title: format!("Event {i} in a burst of its own kind"),
            planned: false,
            inferred: false,
            tag: Some((i % 5) as u8),
            sources: vec![0],
        })
        .collect();
    let mut tl = timeline(&specs);
    let keys = ["e777", "e1313", "e1999"];
    for e in &mut tl.events {
        e.key = keys.contains(&e.id.value.as_str());
    }
    let scene = layout(&tl, &LayoutOptions::default());
    check(&scene, &tl).unwrap();
    assert!(runs_down(&scene));
    assert!(scene.height <= 6000.0, "{}", scene.height);
    let labelled: Vec<&str> = scene
        .groups
        .iter()
        .filter_map(|g| match &g.role {
            Role::Event(id) if g.items.iter().any(|i| matches!(i, Item::Text { .. })) => {
                Some(id.as_str())
            }
            _ => None,
        })
        .collect();
    assert!(
        labelled.len() >= 150 && labelled.len() < 2000,
        "{}",
        labelled.len()
    );
    for key in keys {
        assert!(labelled.contains(&key), "key event {key} is not labelled");
    }
    let note = format!("{} of 2,000 events labelled", labelled.len());
    assert!(scene.description.contains(&note), "{}", scene.description);
    // With --all-labels every event gets one, however tall the chart.
    let all = layout(
        &tl,
        &LayoutOptions {
            all_labels: true,
            ..LayoutOptions::default()
        },
    );
    assert!(!all.description.contains("labelled"), "{}", all.description);
}

/// A big chart numbers and lists only the sources its labels cite, in columns, and counts
/// the rest; every number a label shows is listed.
#[test]
fn a_big_chart_lists_the_sources_its_labels_cite() {
    let specs: Vec<EventSpec> = (0..1500)
        .map(|i| EventSpec {
            date: format!("{}-{:02}", 1990 + i / 60, 1 + i % 12),
            title: format!("Event {i}"),
            planned: false,
            inferred: false,
            tag: Some((i % 3) as u8),
            sources: vec![0],
        })
        .collect();
    let mut tl = timeline(&specs);
    let template = tl.sources[0].clone();
    tl.sources = (0..400)
        .map(|k| Source {
            id: sp(format!("src-{k}")),
            title: sp(format!("Report {k}")),
            ..template.clone()
        })
        .collect();
    for (i, e) in tl.events.iter_mut().enumerate() {
        e.evidence[0].source = sp(format!("src-{}", (i * 7) % 400));
    }
    let scene = layout(&tl, &LayoutOptions::default());
    check(&scene, &tl).unwrap();
    let texts = |class: &str| -> Vec<String> {
        scene
            .groups
            .iter()
            .filter(|g| g.role == Role::Sources && g.classes.iter().any(|c| c == class))
            .flat_map(|g| &g.items)
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    };
    let listed = texts("source");
    assert!(listed.len() < 400, "{}", listed.len());
    for (k, entry) in listed.iter().enumerate() {
        assert!(entry.starts_with(&format!("[{}] ", k + 1)), "{entry}");
    }
    let more = texts("sources-more").join(" ");
    assert!(
        more.contains(&format!("{} more sources", 400 - listed.len())),
        "{more}"
    );
    // Each superscript in a label names a listed source.
    for g in &scene.groups {
        let Role::Event(_) = &g.role else { continue };
        for item in &g.items {
            if let Item::Text { text, size, .. } = item {
                if *size < 9.0 && text.bytes().all(|b| b.is_ascii_digit() || b == b',') {
                    for n in text.split(',') {
                        let n: usize = n.parse().unwrap();
                        assert!((1..=listed.len()).contains(&n), "{n}");
                    }
                }
            }
        }
    }
    assert!(
        scene.description.contains("citing 400 sources"),
        "{}",
        scene.description
    );
}
