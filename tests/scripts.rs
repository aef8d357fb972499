//! Every script: titles in Chinese, Japanese, Devanagari, Arabic mixed with Latin, Hebrew,
//! Cyrillic and emoji. What a PNG draws stays inside the box layout measured, characters no
//! font has are a `missing-glyphs` warning (and none once a font that has them is added),
//! and bidi controls in one text reorder nothing outside it.

use citeline::font::Fonts;
use citeline::layout::{layout, LayoutOptions};
use citeline::model::Timeline;
use citeline::render::{self, PngOptions};
use citeline::scene::{Anchor, Color, Group, Item, Point, Rect, Role, Scene};
use resvg::tiny_skia::Pixmap;
use std::path::{Path, PathBuf};

const WHITE: Color = Color::rgb(255, 255, 255);
const BLACK: Color = Color::rgb(0, 0, 0);
const SIZE: f64 = 24.0;
const SCALE: f64 = 2.0;

/// The Devanagari face the `missing-glyphs` fixture adds (Noto Sans Devanagari, OFL).
fn devanagari_font() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/missing-glyphs/good/fonts/NotoSansDevanagari-Regular.ttf")
}

fn with_devanagari() -> Fonts {
    Fonts::default().with_file(&devanagari_font()).unwrap()
}

/// A scene of one black text at (20, 50), start-anchored, measured with `fonts`.
fn one_text(text: &str, fonts: &Fonts, bold: bool, italic: bool) -> (Scene, Rect) {
    let (ascent, descent) = fonts.vertical_metrics(SIZE, bold);
    let at = Point { x: 20.0, y: 50.0 };
    let bounds = Rect {
        x: at.x,
        y: at.y - ascent,
        width: fonts.text_width(text, SIZE, bold),
        height: ascent + descent,
    };
    let item = Item::Text {
        text: text.to_owned(),
        at,
        size: SIZE,
        anchor: Anchor::Start,
        bold,
        italic,
        fill: BLACK,
        bounds,
    };
    let scene = Scene {
        width: bounds.right() + 60.0,
        height: 90.0,
        title: "t".into(),
        description: "d".into(),
        background: WHITE,
        groups: vec![Group {
            role: Role::Title,
            classes: Vec::new(),
            tooltip: None,
            link: None,
            data: Vec::new(),
            items: vec![item],
        }],
        notes: Vec::new(),
        fonts: fonts.clone(),
    };
    (scene, bounds)
}

/// The left and right edge, in CSS pixels, of every pixel that is not white.
fn ink(scene: &Scene) -> Option<(f64, f64)> {
    let bytes = render::png(scene, &PngOptions { scale: SCALE }).unwrap();
    let pixmap = Pixmap::decode_png(&bytes).unwrap();
    let w = pixmap.width() as usize;
    let mut xs = pixmap
        .pixels()
        .iter()
        .enumerate()
        .filter(|(_, p)| p.red() < 200)
        .map(|(i, _)| i % w);
    let first = xs.next()?;
    let (lo, hi) = xs.fold((first, first), |(lo, hi), x| (lo.min(x), hi.max(x)));
    Some((lo as f64 / SCALE, (hi + 1) as f64 / SCALE))
}

/// Draws `text` and checks that its ink spans the measured width, give or take the side
/// bearings of the first and last glyph.
#[track_caller]
fn ink_matches_measure(text: &str, fonts: &Fonts, bold: bool) {
    let (scene, bounds) = one_text(text, fonts, bold, false);
    let (left, right) = ink(&scene).unwrap_or_else(|| panic!("{text:?} drew nothing"));
    let slack = 3.0;
    assert!(
        left >= bounds.x - 1.0 && right <= bounds.right() + 1.0,
        "{text:?}: ink {left}..{right} outside the measured {}..{}",
        bounds.x,
        bounds.right()
    );
    assert!(
        left <= bounds.x + slack && right >= bounds.right() - slack,
        "{text:?}: ink {left}..{right} much narrower than the measured {}..{}",
        bounds.x,
        bounds.right()
    );
}

#[test]
fn latin_arabic_hebrew_and_cyrillic_draw_as_wide_as_measured() {
    let fonts = Fonts::default();
    for text in [
        "Bordyuzha: the CSTO will cooperate with NATO",
        "Москва и Бишкек: ОДКБ",
        "قمة الناتو في براغ",
        "قمة الناتو (NATO) في براغ",
        "NATO summit: قمة الناتو",
        "שלום NATO",
        "Ελλάδα, Việt Nam",
    ] {
        ink_matches_measure(text, &fonts, false);
        ink_matches_measure(text, &fonts, true);
    }
}

#[test]
fn a_fallback_font_draws_as_wide_as_measured() {
    let fonts = with_devanagari();
    for text in [
        "जल समझौता",
        "Ministers sign: जल समझौता",
        "मंत्रियों ने हस्ताक्षर किए (water pact)",
    ] {
        assert!(fonts.missing(text, false).is_empty(), "{text}");
        ink_matches_measure(text, &fonts, false);
    }
}

#[test]
fn characters_no_font_has_are_measured_at_least_as_wide_as_their_boxes() {
    let fonts = Fonts::default();
    for text in ["北京 summit", "東京で会議", "Summit 🙂", "जल समझौता"] {
        assert!(!fonts.missing(text, false).is_empty(), "{text}");
        let (scene, bounds) = one_text(text, &fonts, false, false);
        let (left, right) = ink(&scene).unwrap();
        assert!(
            left >= bounds.x - 1.0 && right <= bounds.right() + 1.0,
            "{text:?}: ink {left}..{right} outside the measured {}..{}",
            bounds.x,
            bounds.right()
        );
    }
    // A browser with real CJK fonts draws a full em per character: measured no narrower.
    let two = fonts.text_width("北京", SIZE, false);
    assert!(two >= 2.0 * SIZE, "{two}");
}

#[test]
fn italic_labels_fit_the_upright_measure() {
    let fonts = Fonts::default();
    let text = "Bordyuzha to Vestnik Kavkaza: NATO should cooperate";
    let (scene, bounds) = one_text(text, &fonts, false, true);
    let (_, right) = ink(&scene).unwrap();
    assert!(
        right <= bounds.right() + 1.0,
        "{right} > {}",
        bounds.right()
    );
}

#[test]
fn bidi_controls_in_one_text_reorder_nothing_else() {
    let fonts = Fonts::default();
    let (plain, _) = one_text("NATO and the CSTO", &fonts, false, false);
    let mut hostile = plain.clone();
    // An override left open in another text (a tooltip's worth of trouble).
    let (other, _) = one_text("\u{202E}reversed \u{2067}open", &fonts, false, false);
    let mut moved = other.groups[0].items[0].clone();
    if let Item::Text { at, .. } = &mut moved {
        at.y += 30.0;
    }
    hostile.groups[0].items.insert(0, moved);
    let top_half = |scene: &Scene| {
        let bytes = render::png(scene, &PngOptions { scale: 1.0 }).unwrap();
        let p = Pixmap::decode_png(&bytes).unwrap();
        let w = p.width() as usize;
        p.pixels()[..w * 55]
            .iter()
            .map(|p| p.red())
            .collect::<Vec<_>>()
    };
    assert_eq!(top_half(&plain), top_half(&hostile));
    // In the SVG every such text is one balanced isolate.
    let svg = render::svg(&hostile).unwrap();
    assert!(
        svg.contains(">\u{2066}\u{202E}reversed \u{2067}open\u{2069}\u{202C}\u{2069}</text>"),
        "{svg}"
    );
    assert!(svg.contains(">NATO and the CSTO</text>"));
}

/// A timeline of one event per script, each citing nothing.
fn many_scripts() -> (PathBuf, Timeline) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/missing-glyphs/good");
    let mut text = String::from(
        "[timeline]\ntitle = \"Every script\"\n\n[sources.wire]\nfile = \"article.txt\"\n\
         publisher = \"Sample Wire\"\ntitle = \"Summit\"\npublished = \"2010-03-04\"\n\n",
    );
    for (i, (id, title)) in TITLES.iter().enumerate() {
        text.push_str(&format!(
            "[[events]]\nid = \"{id}\"\ndate = \"2010-03-{:02}\"\ntitle = \"{title}\"\n\
             [[events.evidence]]\nsource = \"wire\"\nquote = \"on 2 March\"\n\n",
            i + 1
        ));
    }
    let path = dir.join("events.toml");
    let loaded = citeline::load_str(&path, text);
    assert_eq!(loaded.diagnostics, Vec::new());
    (path, loaded.timeline)
}

const TITLES: [(&str, &str); 8] = [
    ("chinese", "北约峰会在布拉格举行"),
    ("japanese", "東京で首脳会議が開かれる"),
    ("devanagari", "प्राग में नाटो शिखर सम्मेलन"),
    ("arabic", "قمة الناتو (NATO) في براغ"),
    ("emoji", "Summit ends 🎉 with a pact"),
    ("cyrillic", "Саммит НАТО в Праге"),
    ("hebrew", "פסגת נאט״ו בפראג"),
    ("latin", "NATO summit in Prague"),
];

fn warned_events(scene: &Scene) -> Vec<String> {
    scene
        .notes
        .iter()
        .filter(|d| d.code == "missing-glyphs")
        .filter_map(|d| d.event.clone())
        .collect()
}

#[test]
fn characters_no_font_has_are_warnings_naming_the_events() {
    let (_, timeline) = many_scripts();
    let scene = layout(&timeline, &LayoutOptions::default());
    assert_eq!(
        warned_events(&scene),
        ["chinese", "japanese", "devanagari", "emoji"]
    );
    let chinese = &scene.notes[0];
    assert!(
        chinese.message.contains("北 (U+5317)"),
        "{}",
        chinese.message
    );
    assert!(chinese.help.as_deref().unwrap().contains("--font FILE"));
    // The span points at the title in the events file.
    let span = chinese.span.clone().unwrap();
    assert_eq!(&timeline.text[span], "\"北约峰会在布拉格举行\"");

    let scene = layout(
        &timeline,
        &LayoutOptions {
            fonts: with_devanagari(),
            ..LayoutOptions::default()
        },
    );
    assert_eq!(warned_events(&scene), ["chinese", "japanese", "emoji"]);
}

#[test]
fn no_label_draws_outside_its_box() {
    let (_, timeline) = many_scripts();
    let fonts = with_devanagari();
    let scene = layout(
        &timeline,
        &LayoutOptions {
            fonts: fonts.clone(),
            ..LayoutOptions::default()
        },
    );
    let mut checked = 0;
    for group in scene
        .groups
        .iter()
        .filter(|g| matches!(g.role, Role::Event(_)))
    {
        for item in &group.items {
            let Item::Text {
                text, bold, italic, ..
            } = item
            else {
                continue;
            };
            // Drawn alone, twice the size, so that a pixel is a finer judge.
            let (alone, measured) = one_text(text, &fonts, *bold, *italic);
            let (left, right) = ink(&alone).unwrap();
            assert!(
                left >= measured.x - 1.0 && right <= measured.right() + 1.0,
                "{text:?}: ink {left}..{right} outside {}..{}",
                measured.x,
                measured.right()
            );
            checked += 1;
        }
    }
    assert!(checked >= 16, "{checked} texts");
}

#[test]
fn render_font_adds_a_fallback_for_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/missing-glyphs");
    for name in ["events.toml", "article.txt"] {
        std::fs::copy(fixtures.join("bad").join(name), dir.path().join(name)).unwrap();
    }
    let without = crate::util::citeline(dir.path(), &["render", "-o", "a.svg"]);
    let text = crate::util::stderr(&without);
    assert_eq!(without.status.code(), Some(0), "{text}");
    // Reported once, by the check, for the event.
    assert_eq!(text.matches("warning[missing-glyphs]").count(), 1, "{text}");
    assert!(text.contains("the title of event `signing`"), "{text}");

    let font = devanagari_font();
    let font = font.to_str().unwrap();
    let with = crate::util::citeline(dir.path(), &["render", "-o", "a.svg", "--font", font]);
    let text = crate::util::stderr(&with);
    assert_eq!(with.status.code(), Some(0), "{text}");
    assert!(!text.contains("missing-glyphs"), "{text}");
    let svg = std::fs::read_to_string(dir.path().join("a.svg")).unwrap();
    assert!(svg.contains(
        "font-family=\"'Noto Sans', 'DejaVu Sans', 'Noto Sans Devanagari', sans-serif\""
    ));

    let not_a_font = crate::util::citeline(
        dir.path(),
        &["render", "-o", "a.svg", "--font", "article.txt"],
    );
    assert_eq!(not_a_font.status.code(), Some(2));
    assert!(crate::util::stderr(&not_a_font).contains("cannot use `article.txt` as a font"));
}

#[test]
fn tags_and_date_notes_are_checked_too() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/missing-glyphs/bad/events.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace(": जल समझौता", "")
        .replace(
            "actors = [\"Jana Novak\"]",
            "actors = [\"Jana Novak\"]\ntags = [\"水\", \"水\"]",
        );
    let checked = citeline::check_str(&path, text);
    let found: Vec<&str> = checked
        .report
        .with_code("missing-glyphs")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        found,
        ["the tag `水`: no font has 水 (U+6C34): they would print as boxes"]
    );
}
