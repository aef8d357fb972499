//! The PNG renderer on hand-built scenes: size and signature, text pixels where layout
//! measured the text, refusal of absurd sizes, and drawing with no system fonts at all.

use citeline::font;
use citeline::render::{self, PngOptions, RenderError};
use citeline::scene::{Anchor, Color, Group, Item, Link, Point, Rect, Role, Scene};
use resvg::tiny_skia::Pixmap;

const WHITE: Color = Color::rgb(255, 255, 255);
const BLACK: Color = Color::rgb(0, 0, 0);

const WORD: &str = "Hamburg";
const SIZE: f64 = 60.0;
const AT: Point = Point { x: 20.0, y: 90.0 };

/// The box layout would measure for [`WORD`] at [`AT`].
fn word_box() -> Rect {
    let (ascent, descent) = font::vertical_metrics(SIZE, false);
    Rect {
        x: AT.x,
        y: AT.y - ascent,
        width: font::text_width(WORD, SIZE, false),
        height: ascent + descent,
    }
}

/// A white 400 × 120 canvas with, if asked, one big black word in an event group.
fn word_scene(with_text: bool, link: Option<&str>) -> Scene {
    let items = if with_text {
        vec![Item::Text {
            text: WORD.to_owned(),
            at: AT,
            size: SIZE,
            anchor: Anchor::Start,
            bold: false,
            italic: false,
            fill: BLACK,
            bounds: word_box(),
        }]
    } else {
        Vec::new()
    };
    Scene {
        width: 400.0,
        height: 120.0,
        title: "t".to_owned(),
        description: "d".to_owned(),
        background: WHITE,
        groups: vec![Group {
            role: Role::Event("e".to_owned()),
            classes: Vec::new(),
            tooltip: Some("tooltip".to_owned()),
            link: link.map(Link::to),
            data: Vec::new(),
            items,
        }],
        fonts: Default::default(),
        notes: Vec::new(),
    }
}

fn png(scene: &Scene, scale: f64) -> Vec<u8> {
    match render::png(scene, &PngOptions { scale }) {
        Ok(bytes) => bytes,
        Err(error) => panic!("png failed: {error}"),
    }
}

/// Width and height from the IHDR chunk, after checking the signature.
fn header_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let word =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (word(16), word(20))
}

/// Pixels darker than mid grey, and their bounding box (x0, y0, x1, y1) if any.
fn dark_pixels(bytes: &[u8]) -> (usize, Option<(u32, u32, u32, u32)>) {
    let pixmap = Pixmap::decode_png(bytes).expect("the PNG decodes");
    let mut count = 0;
    let mut bbox: Option<(u32, u32, u32, u32)> = None;
    for y in 0..pixmap.height() {
        for x in 0..pixmap.width() {
            let pixel = pixmap.pixel(x, y).unwrap();
            let luminance =
                (u32::from(pixel.red()) + u32::from(pixel.green()) + u32::from(pixel.blue())) / 3;
            if luminance < 128 {
                count += 1;
                bbox = Some(match bbox {
                    None => (x, y, x, y),
                    Some((x0, y0, x1, y1)) => (x0.min(x), y0.min(y), x1.max(x), y1.max(y)),
                });
            }
        }
    }
    (count, bbox)
}

/// The word is drawn, and where layout measured it (within 2 px), at `scale`.
fn assert_word_drawn(bytes: &[u8], scale: f64) {
    let (count, bbox) = dark_pixels(bytes);
    let measured = word_box();
    let area = measured.width * measured.height * scale * scale;
    assert!(
        count as f64 > 0.1 * area,
        "{count} dark pixels for a {area} px² word"
    );
    let (x0, y0, x1, y1) = bbox.unwrap();
    let slack = 2.0 * scale;
    assert!(f64::from(x0) >= measured.x * scale - slack, "left {x0}");
    assert!(
        f64::from(x1) <= measured.right() * scale + slack,
        "right {x1}"
    );
    assert!(f64::from(y0) >= measured.y * scale - slack, "top {y0}");
    assert!(
        f64::from(y1) <= measured.bottom() * scale + slack,
        "bottom {y1}"
    );
    // And it fills the width layout gave it: the same font at the same size.
    let drawn = f64::from(x1 - x0 + 1);
    assert!(
        drawn > 0.9 * measured.width * scale,
        "drawn {drawn} px of {} measured",
        measured.width * scale
    );
}

#[test]
fn the_png_has_the_scene_size_times_the_scale() {
    let scene = word_scene(true, None);
    assert_eq!(header_size(&png(&scene, 1.0)), (400, 120));
    assert_eq!(header_size(&png(&scene, 2.0)), (800, 240));
    assert_eq!(header_size(&png(&scene, 0.5)), (200, 60));
    assert_eq!(
        header_size(&render::png(&scene, &PngOptions::default()).unwrap()),
        (400, 120)
    );
}

#[test]
fn text_pixels_are_where_layout_measured_them() {
    assert_word_drawn(&png(&word_scene(true, None), 1.0), 1.0);
    assert_word_drawn(&png(&word_scene(true, None), 2.0), 2.0);
    // A linked group draws its marks too (`<a>` is a group to resvg).
    assert_word_drawn(
        &png(&word_scene(true, Some("https://example.org/")), 1.0),
        1.0,
    );
}

#[test]
fn leading_spaces_take_the_room_layout_measured() {
    let mut scene = word_scene(true, None);
    if let Item::Text { text, at, .. } = &mut scene.groups[0].items[0] {
        *text = format!("    {WORD}");
        at.x -= font::text_width("    ", SIZE, false);
    }
    assert_word_drawn(&png(&scene, 1.0), 1.0);
}

#[test]
fn without_the_text_nothing_is_dark() {
    let (count, _) = dark_pixels(&png(&word_scene(false, None), 1.0));
    assert_eq!(count, 0);
}

#[test]
fn bold_and_italic_text_is_drawn() {
    for (bold, italic) in [(true, false), (false, true), (true, true)] {
        let mut scene = word_scene(true, None);
        if let Item::Text {
            bold: b, italic: i, ..
        } = &mut scene.groups[0].items[0]
        {
            *b = bold;
            *i = italic;
        }
        let (count, _) = dark_pixels(&png(&scene, 1.0));
        assert!(count > 500, "bold {bold} italic {italic}: {count}");
    }
}

#[test]
fn the_same_scene_gives_the_same_png() {
    let scene = word_scene(true, None);
    assert_eq!(png(&scene, 1.5), png(&scene, 1.5));
}

#[test]
fn absurd_sizes_are_errors_not_panics() {
    let scene = word_scene(true, None);
    for scale in [0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let error = render::png(&scene, &PngOptions { scale }).unwrap_err();
        assert!(
            matches!(error, RenderError::BadScale(_)),
            "{scale}: {error:?}"
        );
        assert!(!error.to_string().is_empty());
    }
    for scale in [1e3, 1e9, f64::MAX] {
        let error = render::png(&scene, &PngOptions { scale }).unwrap_err();
        assert!(
            matches!(error, RenderError::TooLarge { .. }),
            "{scale}: {error:?}"
        );
        assert!(error.to_string().contains("too large"), "{error}");
    }
    let mut huge = word_scene(true, None);
    huge.height = 1e12;
    assert!(matches!(
        render::png(&huge, &PngOptions::default()),
        Err(RenderError::TooLarge { .. })
    ));
    let mut empty = word_scene(true, None);
    empty.width = 0.0;
    assert!(matches!(
        render::png(&empty, &PngOptions::default()),
        Err(RenderError::Empty { .. })
    ));
    empty.width = f64::NAN;
    assert!(render::png(&empty, &PngOptions::default()).is_err());
}

/// Set in the child process of [`text_is_drawn_with_no_fonts_installed`]: where to write.
const CHILD_OUTPUT: &str = "CITELINE_TEST_PNG_CHILD_OUTPUT";

/// Renders in a child process whose fontconfig sees an empty configuration (no font
/// directories at all), so only the built-in fonts can draw the word.
#[test]
fn text_is_drawn_with_no_fonts_installed() {
    if let Some(output) = std::env::var_os(CHILD_OUTPUT) {
        let bytes = png(&word_scene(true, None), 1.0);
        std::fs::write(output, bytes).unwrap();
        // Nothing loaded fontconfig behind our back (linked or dlopen'ed).
        #[cfg(target_os = "linux")]
        {
            let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
            assert!(!maps.contains("fontconfig"), "fontconfig is mapped");
        }
        return;
    }

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("fonts.conf");
    std::fs::write(
        &config,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig></fontconfig>\n",
    )
    .unwrap();
    let output = dir.path().join("child.png");
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "render_png::text_is_drawn_with_no_fonts_installed",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_OUTPUT, &output)
        .env("FONTCONFIG_FILE", &config)
        .env("FONTCONFIG_PATH", dir.path())
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .unwrap();
    assert!(
        child.status.success(),
        "child: {}\n{}{}",
        child.status,
        String::from_utf8_lossy(&child.stdout),
        String::from_utf8_lossy(&child.stderr)
    );
    let bytes = std::fs::read(&output).expect("the child wrote its PNG");
    assert_eq!(header_size(&bytes), (400, 120));
    assert_word_drawn(&bytes, 1.0);
}

/// A canvas that does not fill its last pixel row and column (here 100.3 × 50.5 px) still
/// gives an opaque image in the background colour, edges included.
#[test]
fn every_pixel_is_opaque_background_when_the_canvas_is_fractional() {
    let scene = Scene {
        width: 100.3,
        height: 50.5,
        background: Color::rgb(30, 60, 90),
        groups: Vec::new(),
        ..word_scene(false, None)
    };
    let bytes = png(&scene, 1.0);
    assert_eq!(header_size(&bytes), (101, 51));
    let pixmap = Pixmap::decode_png(&bytes).expect("the PNG decodes");
    for p in pixmap.pixels() {
        assert_eq!((p.red(), p.green(), p.blue(), p.alpha()), (30, 60, 90, 255));
    }
}
