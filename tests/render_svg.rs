//! The SVG renderer on hand-built scenes: document semantics, escaping of hostile strings,
//! link filtering, byte-for-byte determinism and one golden file.
//!
//! `CITELINE_BLESS=1 cargo test` rewrites `tests/golden/render-basic.svg`;
//! review its diff like code. A mismatch leaves the actual output under the target folder.

use citeline::render;
use citeline::scene::{Anchor, Color, Group, Item, Link, Point, Rect, Role, Scene, Stroke};

const BLACK: Color = Color::rgb(0, 0, 0);
const WHITE: Color = Color::rgb(255, 255, 255);
const BLUE: Color = Color::rgb(0, 114, 178);
const ORANGE: Color = Color::rgb(230, 159, 0);

/// Element names the renderer may write; anything else was injected or is a regression.
const ALLOWED: &[&str] = &[
    "svg", "title", "desc", "g", "a", "rect", "line", "polyline", "polygon", "circle", "text",
];

fn p(x: f64, y: f64) -> Point {
    Point { x, y }
}

fn text(text: &str, at: Point, size: f64, anchor: Anchor) -> Item {
    Item::Text {
        text: text.to_owned(),
        at,
        size,
        anchor,
        bold: false,
        italic: false,
        fill: BLACK,
        bounds: Rect::default(),
    }
}

fn group(role: Role, items: Vec<Item>) -> Group {
    Group {
        role,
        classes: Vec::new(),
        tooltip: None,
        link: None,
        data: Vec::new(),
        items,
    }
}

fn scene(groups: Vec<Group>) -> Scene {
    Scene {
        width: 400.0,
        height: 200.0,
        title: "A timeline".to_owned(),
        description: "Two events from 2003 to 2005.".to_owned(),
        background: WHITE,
        groups,
        notes: Vec::new(),
        fonts: Default::default(),
    }
}

/// One of every item kind, fractional coordinates, a dash, bold italic, two events (one
/// linked), an axis and a title.
fn basic() -> Scene {
    let thin = Stroke {
        color: BLACK,
        width: 1.0,
        dash: None,
    };
    let dashed = Stroke {
        color: BLUE,
        width: 1.5,
        dash: Some((4.0, 2.5)),
    };
    scene(vec![
        group(
            Role::Title,
            vec![Item::Text {
                text: "Revolutions".to_owned(),
                at: p(200.0, 24.5),
                size: 18.0,
                anchor: Anchor::Middle,
                bold: true,
                italic: false,
                fill: BLACK,
                bounds: Rect::default(),
            }],
        ),
        group(
            Role::Axis,
            vec![
                Item::Line {
                    from: p(20.0, 150.5),
                    to: p(380.0, 150.5),
                    stroke: thin.clone(),
                },
                Item::Polyline {
                    points: vec![p(195.0, 145.0), p(200.0, 155.0), p(205.0, 145.0)],
                    stroke: thin.clone(),
                },
                text("2004", p(100.0, 168.25), 11.0, Anchor::Middle),
            ],
        ),
        Group {
            role: Role::Event("rose-2003".to_owned()),
            classes: vec!["approximate".to_owned()],
            tooltip: Some("~2003-11 Rose Revolution [1]".to_owned()),
            link: Some(Link::to("https://example.org/rose?a=1&b=2")),
            data: Vec::new(),
            items: vec![
                Item::Rect {
                    rect: Rect {
                        x: 60.0,
                        y: 144.5,
                        width: 30.333,
                        height: 12.0,
                    },
                    fill: Some(ORANGE),
                    stroke: Some(dashed.clone()),
                    radius: 3.0,
                },
                Item::Line {
                    from: p(75.0, 144.5),
                    to: p(75.0, 90.0),
                    stroke: dashed,
                },
                text("Rose Revolution [1]", p(75.0, 84.0), 12.0, Anchor::Start),
            ],
        },
        Group {
            role: Role::Event("orange-2004".to_owned()),
            classes: vec!["inferred".to_owned(), "planned".to_owned()],
            tooltip: Some("2004-11-22 Orange Revolution [2]".to_owned()),
            link: None,
            data: Vec::new(),
            items: vec![
                Item::Polygon {
                    points: vec![
                        p(300.0, 144.0),
                        p(306.5, 150.5),
                        p(300.0, 157.0),
                        p(293.5, 150.5),
                    ],
                    fill: ORANGE,
                    stroke: Some(thin),
                },
                Item::Circle {
                    center: p(300.0, 120.0),
                    radius: 4.5,
                    fill: Some(BLUE),
                    stroke: None,
                },
                Item::Text {
                    text: "Orange Revolution [2]".to_owned(),
                    at: p(380.0, 110.0),
                    size: 12.0,
                    anchor: Anchor::End,
                    bold: true,
                    italic: true,
                    fill: BLACK,
                    bounds: Rect::default(),
                },
            ],
        },
    ])
}

fn parse(svg: &str) -> roxmltree::Document<'_> {
    match roxmltree::Document::parse(svg) {
        Ok(doc) => doc,
        Err(error) => panic!("not well-formed XML ({error}):\n{svg}"),
    }
}

fn elements<'a>(doc: &'a roxmltree::Document<'a>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .collect()
}

/// Every element is on the allow-list, in the SVG namespace, with no event handler.
fn assert_only_our_markup(doc: &roxmltree::Document<'_>) {
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(ALLOWED.contains(&name), "unexpected element <{name}>");
        assert_eq!(
            node.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        for attribute in node.attributes() {
            let attr = attribute.name().to_ascii_lowercase();
            assert!(!attr.starts_with("on"), "event handler {attr} on <{name}>");
            let xml_space = attribute.namespace() == Some("http://www.w3.org/XML/1998/namespace")
                && attr == "space";
            assert!(
                attribute.namespace().is_none() || xml_space,
                "namespaced attribute {attr} on <{name}>"
            );
            assert!(
                !attribute
                    .value()
                    .to_ascii_lowercase()
                    .contains("javascript:"),
                "{attr}={:?}",
                attribute.value()
            );
        }
    }
}

#[test]
fn the_document_says_what_it_is() {
    let svg = render::svg(&basic()).unwrap();
    let doc = parse(&svg);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("viewBox"), Some("0 0 400 200"));
    assert_eq!(root.attribute("width"), Some("400"));
    assert_eq!(root.attribute("height"), Some("200"));
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("aria-labelledby"), Some("title desc"));
    assert!(root
        .attribute("font-family")
        .is_some_and(|f| f.starts_with(&format!("'{}', ", citeline::font::FAMILY))));

    let children: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(children[0].tag_name().name(), "title");
    assert_eq!(children[0].attribute("id"), Some("title"));
    assert_eq!(children[0].text(), Some("A timeline"));
    assert_eq!(children[1].tag_name().name(), "desc");
    assert_eq!(children[1].attribute("id"), Some("desc"));
    assert_eq!(children[1].text(), Some("Two events from 2003 to 2005."));
    // The background covers the canvas before any group.
    assert_eq!(children[2].tag_name().name(), "rect");
    assert_eq!(children[2].attribute("width"), Some("400"));
    assert_eq!(children[2].attribute("height"), Some("200"));
    assert_eq!(children[2].attribute("fill"), Some("#ffffff"));
    assert_only_our_markup(&doc);
    assert_numbers_are_plain(&doc);
}

#[test]
fn each_event_is_one_group_with_its_tooltip_and_only_web_links() {
    let svg = render::svg(&basic()).unwrap();
    let doc = parse(&svg);
    let events: Vec<_> = elements(&doc, "g")
        .into_iter()
        .filter(|g| {
            g.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == "event"))
        })
        .collect();
    assert_eq!(events.len(), 2);

    let rose = events[0];
    assert_eq!(rose.attribute("id"), Some("event-rose-2003"));
    assert_eq!(rose.attribute("class"), Some("event approximate"));
    let tooltip = rose.first_element_child().unwrap();
    assert_eq!(tooltip.tag_name().name(), "title");
    assert_eq!(tooltip.text(), Some("~2003-11 Rose Revolution [1]"));
    let link = tooltip.next_sibling_element().unwrap();
    assert_eq!(link.tag_name().name(), "a");
    assert_eq!(
        link.attribute("href"),
        Some("https://example.org/rose?a=1&b=2")
    );
    // The marks are inside the link.
    assert_eq!(
        link.descendants()
            .filter(|n| n.tag_name().name() == "text")
            .count(),
        1
    );

    let orange = events[1];
    assert_eq!(orange.attribute("id"), Some("event-orange-2004"));
    assert_eq!(orange.attribute("class"), Some("event inferred planned"));
    assert!(orange.descendants().all(|n| n.tag_name().name() != "a"));
    assert_eq!(elements(&doc, "a").len(), 1);

    // The other roles are named too.
    for class in ["title", "axis"] {
        assert_eq!(
            elements(&doc, "g")
                .iter()
                .filter(|g| g.attribute("class") == Some(class))
                .count(),
            1,
            "{class}"
        );
    }
}

#[test]
fn styles_reach_the_attributes() {
    let svg = render::svg(&basic()).unwrap();
    let doc = parse(&svg);
    let texts = elements(&doc, "text");
    let orange = texts
        .iter()
        .find(|t| t.text() == Some("Orange Revolution [2]"))
        .unwrap();
    assert_eq!(orange.attribute("font-weight"), Some("bold"));
    assert_eq!(orange.attribute("font-style"), Some("italic"));
    assert_eq!(orange.attribute("text-anchor"), Some("end"));
    assert_eq!(orange.attribute("x"), Some("380"));
    assert_eq!(orange.attribute("y"), Some("110"));
    assert_eq!(orange.attribute("font-size"), Some("12"));
    let tick = texts.iter().find(|t| t.text() == Some("2004")).unwrap();
    assert_eq!(tick.attribute("y"), Some("168.25"));
    assert_eq!(tick.attribute("text-anchor"), Some("middle"));
    assert_eq!(tick.attribute("font-weight"), None);

    let dashed: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("stroke-dasharray") == Some("4 2.5"))
        .collect();
    assert_eq!(dashed.len(), 2, "the bar outline and the stem");
    let bar = elements(&doc, "rect")
        .into_iter()
        .find(|r| r.attribute("fill") == Some("#e69f00"))
        .unwrap();
    assert_eq!(bar.attribute("width"), Some("30.33"));
    assert_eq!(bar.attribute("rx"), Some("3"));
    // The diamond: filled, then outlined as a closed shape.
    let polygons = elements(&doc, "polygon");
    assert_eq!(polygons.len(), 2);
    assert_eq!(
        polygons[0].attribute("points"),
        Some("300,144 306.5,150.5 300,157 293.5,150.5")
    );
    assert_eq!(
        polygons[1].attribute("points"),
        polygons[0].attribute("points")
    );
    assert_eq!(polygons[1].attribute("fill"), Some("none"));
    let circle = &elements(&doc, "circle")[0];
    assert_eq!(circle.attribute("r"), Some("4.5"));
    assert_eq!(elements(&doc, "polyline").len(), 1);
}

#[test]
fn points_off_the_canvas_are_not_moved() {
    let stroke = Stroke {
        color: BLACK,
        width: 1.0,
        dash: None,
    };
    let svg = render::svg(&scene(vec![group(
        Role::Axis,
        vec![
            Item::Line {
                from: p(-10.0, 5.0),
                to: p(500.0, 250.75),
                stroke,
            },
            text("    label", p(-4.5, 20.0), 12.0, Anchor::Start),
        ],
    )]))
    .unwrap();
    let doc = parse(&svg);
    let line = &elements(&doc, "line")[0];
    let ends: Vec<_> = ["x1", "y1", "x2", "y2"]
        .iter()
        .map(|a| line.attribute(*a).unwrap())
        .collect();
    assert_eq!(ends, ["-10", "5", "500", "250.75"]);
    assert_eq!(elements(&doc, "text")[0].attribute("x"), Some("-4.5"));
}

#[test]
fn spaces_layout_measured_are_kept() {
    let svg = render::svg(&scene(vec![group(
        Role::Legend,
        vec![
            text("  two  spaces ", p(10.0, 20.0), 12.0, Anchor::Start),
            text("plain words", p(10.0, 40.0), 12.0, Anchor::Start),
        ],
    )]))
    .unwrap();
    let doc = parse(&svg);
    let texts = elements(&doc, "text");
    let xml = "http://www.w3.org/XML/1998/namespace";
    assert_eq!(texts[0].attribute((xml, "space")), Some("preserve"));
    assert_eq!(texts[0].text(), Some("  two  spaces "));
    assert_eq!(texts[1].attribute((xml, "space")), None);
    assert_only_our_markup(&doc);
}

#[test]
fn hostile_strings_stay_text() {
    let nasty = "</text><script>alert(1)</script> & \"q\" 'a' ]]> \u{0}\u{7}\u{1b}\u{7f}\u{85}\u{fffe}\u{ffff}end";
    let survived = "</text><script>alert(1)</script> & \"q\" 'a' ]]> end";
    let mut scene = scene(vec![
        Group {
            role: Role::Event(nasty.to_owned()),
            classes: vec![nasty.to_owned(), "x\" onload=\"alert(1)".to_owned()],
            tooltip: Some(nasty.to_owned()),
            link: Some(Link::to("javascript:alert(1)")),
            data: Vec::new(),
            items: vec![text(nasty, p(10.0, 50.0), 12.0, Anchor::Start)],
        },
        Group {
            role: Role::Event("second".to_owned()),
            classes: Vec::new(),
            tooltip: None,
            link: Some(Link::to(" JavaScript:alert(document.cookie)")),
            data: Vec::new(),
            items: vec![text("fine", p(10.0, 80.0), 12.0, Anchor::Start)],
        },
        Group {
            role: Role::Legend,
            classes: Vec::new(),
            tooltip: None,
            link: Some(Link::to("data:text/html,<script>alert(1)</script>")),
            data: Vec::new(),
            items: vec![text("legend", p(10.0, 110.0), 12.0, Anchor::Start)],
        },
    ]);
    scene.title = nasty.to_owned();
    scene.description = format!("{nasty}\nline two");

    let svg = render::svg(&scene).unwrap();
    let doc = parse(&svg);
    assert_only_our_markup(&doc);
    assert!(elements(&doc, "script").is_empty());
    assert!(elements(&doc, "a").is_empty(), "no link survives");
    assert!(!svg.contains("<script"));

    let title = &elements(&doc, "title")[0];
    assert_eq!(title.text(), Some(survived));
    let desc = &elements(&doc, "desc")[0];
    assert_eq!(
        desc.text().map(String::from),
        Some(format!("{survived}\nline two"))
    );
    let label = elements(&doc, "text")
        .into_iter()
        .find(|t| t.text().is_some_and(|t| t.ends_with("end")))
        .unwrap();
    assert_eq!(label.text(), Some(survived));
    let tooltip = &elements(&doc, "title")[1];
    assert_eq!(tooltip.text(), Some(survived));

    let hostile = elements(&doc, "g")[0];
    let id = hostile.attribute("id").unwrap();
    assert!(id.starts_with("event-"), "{id}");
    assert!(
        id.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c)),
        "{id}"
    );
    // Classes split at spaces into tokens of name characters: the quote that tried to
    // open an `onload` attribute is gone (and `assert_only_our_markup` saw no `on*`).
    let classes: Vec<_> = hostile.attribute("class").unwrap().split(' ').collect();
    assert_eq!(classes[0], "event");
    assert!(classes.contains(&"onload__alert_1_"), "{classes:?}");
    assert!(classes
        .iter()
        .all(|c| c.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c))));
}

#[test]
fn event_ids_are_unique_even_when_sanitising_collides() {
    let groups = ["a b", "a_b", "a?b", "a_b-2"]
        .iter()
        .map(|id| group(Role::Event((*id).to_owned()), Vec::new()))
        .collect();
    let svg = render::svg(&scene(groups)).unwrap();
    let doc = parse(&svg);
    let ids: Vec<_> = elements(&doc, "g")
        .iter()
        .map(|g| g.attribute("id").unwrap().to_owned())
        .collect();
    assert_eq!(
        ids,
        ["event-a_b", "event-a_b-2", "event-a_b-3", "event-a_b-2-2"]
    );
}

#[test]
fn odd_numbers_neither_panic_nor_print_badly() {
    let stroke = Stroke {
        color: BLACK,
        width: f64::NAN,
        dash: Some((f64::INFINITY, -3.0)),
    };
    let scene = scene(vec![group(
        Role::Axis,
        vec![
            Item::Line {
                from: p(-0.001, f64::NAN),
                to: p(1e300, -1e300),
                stroke: stroke.clone(),
            },
            Item::Circle {
                center: p(10.0, 10.0),
                radius: -4.0,
                fill: None,
                stroke: Some(stroke),
            },
            Item::Polyline {
                points: Vec::new(),
                stroke: Stroke {
                    color: BLACK,
                    width: 1.0,
                    dash: None,
                },
            },
            Item::Text {
                text: String::new(),
                at: p(f64::NEG_INFINITY, 0.0),
                size: f64::NAN,
                anchor: Anchor::Start,
                bold: false,
                italic: false,
                fill: BLACK,
                bounds: Rect::default(),
            },
        ],
    )]);
    let svg = render::svg(&scene).unwrap();
    let doc = parse(&svg);
    assert_only_our_markup(&doc);
    assert_numbers_are_plain(&doc);
}

/// Every number in a geometric attribute is `-?digits(.d|.dd)?`, not `-0`, not `NaN`, no
/// exponent.
fn assert_numbers_are_plain(doc: &roxmltree::Document<'_>) {
    const NUMERIC: &[&str] = &[
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "width",
        "height",
        "font-size",
        "stroke-width",
        "stroke-dasharray",
        "points",
        "viewBox",
    ];
    for node in doc.descendants().filter(|n| n.is_element()) {
        for attribute in node.attributes().filter(|a| NUMERIC.contains(&a.name())) {
            for number in attribute.value().split([' ', ',']) {
                let digits = number.strip_prefix('-').unwrap_or(number);
                let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
                let plain = !whole.is_empty()
                    && whole.chars().all(|c| c.is_ascii_digit())
                    && fraction.len() <= 2
                    && fraction.chars().all(|c| c.is_ascii_digit())
                    && !fraction.ends_with('0')
                    && number != "-0";
                assert!(plain, "{}={:?}", attribute.name(), attribute.value());
            }
        }
    }
}

#[test]
fn the_same_scene_gives_the_same_bytes() {
    let first = render::svg(&basic()).unwrap();
    let second = render::svg(&basic().clone()).unwrap();
    assert_eq!(first.as_bytes(), second.as_bytes());
}

#[test]
fn golden_basic() {
    let actual = render::svg(&basic()).unwrap();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/render-basic.svg");
    crate::util::assert_golden(&path, &actual);
}
