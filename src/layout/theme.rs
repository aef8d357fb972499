//! Colours: the light and dark palettes and the colour of each tag.
//!
//! Tags get a few colours with meaning rather than one each: six hues, after Okabe & Ito
//! (2008), set darker on white and lighter on the dark background so that every mark, and
//! the dotted or dashed edge of an approximate, uncertain or planned one, stands at least
//! 3:1 against the page (WCAG's non-text contrast). Both themes have the same count, so a
//! timeline groups the same tags as "other" whichever it is drawn in. Orange and
//! vermillion, hard to tell apart on white for red-green colour-blind readers once darkened,
//! are not both used: the fifth hue is a brick red instead, and the sixth a violet, which
//! no colour-vision deficiency brings near the others. The one grey is for events whose
//! tag has no colour of its own (untagged, or grouped as "other").
//!
//! Text never takes a tag colour: it is drawn in the theme's foreground so that its
//! contrast does not depend on the data.

use crate::scene::Color;
use std::fmt;
use std::str::FromStr;

/// The two looks of the chart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl FromStr for Theme {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "light" => Ok(Theme::Light),
            "dark" => Ok(Theme::Dark),
            other => Err(format!("unknown theme `{other}`; use `light` or `dark`")),
        }
    }
}

impl fmt::Display for Theme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        })
    }
}

/// Every colour the layout uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Palette {
    pub background: Color,
    /// Titles, labels, sources.
    pub text: Color,
    /// Dates under labels, subtitle, tick labels: quieter but still readable (≥ 4.5:1).
    pub muted: Color,
    /// Axis line and ticks.
    pub axis: Color,
    /// Stems: light enough not to compete with the marks.
    pub stem: Color,
    /// Events whose tag has no colour of its own: untagged, or grouped as "other".
    pub untagged: Color,
    /// Tag colours, most used tag first; never more than [`TAG_COLOURS`].
    pub tags: Vec<Color>,
}

/// How many tags get a colour of their own; further tags are grouped as "other".
pub const TAG_COLOURS: usize = 6;

/// On white: Okabe–Ito blue, then orange, bluish green and reddish purple darkened to
/// 4:1 or more, a brick red and a violet.
const LIGHT_TAGS: [Color; TAG_COLOURS] = [
    Color::rgb(0x00, 0x72, 0xb2), // blue 5.2:1
    Color::rgb(0xa8, 0x70, 0x00), // ochre 4.2:1
    Color::rgb(0x00, 0x8f, 0x6b), // bluish green 4.1:1
    Color::rgb(0xb8, 0x58, 0x9a), // reddish purple 4.3:1
    Color::rgb(0xc8, 0x45, 0x2c), // brick red 4.8:1
    Color::rgb(0x80, 0x40, 0xe0), // violet 5.6:1
];

/// On the dark background: Okabe–Ito as published, the blue lightened (3.3:1 otherwise)
/// the vermillion a little redder, and a violet.
const DARK_TAGS: [Color; TAG_COLOURS] = [
    Color::rgb(0x3a, 0x8f, 0xd6), // blue 4.9:1
    Color::rgb(0xe6, 0x9f, 0x00), // orange 7.5:1
    Color::rgb(0x00, 0x9e, 0x73), // bluish green 4.9:1
    Color::rgb(0xcc, 0x79, 0xa7), // reddish purple 5.5:1
    Color::rgb(0xe0, 0x60, 0x3a), // vermillion 4.7:1
    Color::rgb(0xa0, 0x70, 0xff), // violet 5.0:1
];

impl Palette {
    pub fn of(theme: Theme) -> Palette {
        match theme {
            Theme::Light => Palette {
                background: Color::rgb(0xff, 0xff, 0xff),
                text: Color::rgb(0x1a, 0x1a, 0x1a),
                muted: Color::rgb(0x5c, 0x5c, 0x5c),
                axis: Color::rgb(0x33, 0x33, 0x33),
                stem: Color::rgb(0xa8, 0xa8, 0xa8),
                untagged: Color::rgb(0x76, 0x76, 0x76),
                tags: LIGHT_TAGS.to_vec(),
            },
            Theme::Dark => Palette {
                background: Color::rgb(0x1b, 0x1d, 0x22),
                text: Color::rgb(0xec, 0xec, 0xec),
                muted: Color::rgb(0xb4, 0xb4, 0xb4),
                axis: Color::rgb(0xc8, 0xc8, 0xc8),
                stem: Color::rgb(0x60, 0x64, 0x6c),
                untagged: Color::rgb(0xa0, 0xa0, 0xa0),
                tags: DARK_TAGS.to_vec(),
            },
        }
    }

    /// The colour of the `index`-th tag, most used first; past the palette, the grey of
    /// "other": colours are never reused for a second tag.
    pub fn tag(&self, index: usize) -> Color {
        self.tags.get(index).copied().unwrap_or(self.untagged)
    }

    /// `color` washed towards the background: the pale fill of approximate/uncertain dates.
    pub fn tint(&self, color: Color) -> Color {
        mix(color, self.background, 0.45)
    }
}

/// `share` of `a` and the rest of `b`, channel by channel in sRGB.
pub fn mix(a: Color, b: Color, share: f64) -> Color {
    let ch = |x: u8, y: u8| (f64::from(x) * share + f64::from(y) * (1.0 - share)).round() as u8;
    Color::rgb(ch(a.r, b.r), ch(a.g, b.g), ch(a.b, b.b))
}

/// WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast(a: Color, b: Color) -> f64 {
    let la = luminance(a);
    let lb = luminance(b);
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn luminance(c: Color) -> f64 {
    // WCAG's relative luminance: the two-piece sRGB curve, per channel.
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            // t^2.4 is t² times the fifth root of t², found by Newton's method: no `powf`,
            // whose last bits vary by platform, enters the result.
            let t = (s + 0.055) / 1.055;
            let t2 = t * t;
            t2 * fifth_root(t2)
        }
    };
    0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)
}

fn fifth_root(v: f64) -> f64 {
    let mut x = 1.0;
    for _ in 0..40 {
        let x4 = x * x * x * x;
        x -= (x4 * x - v) / (5.0 * x4);
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_parse() {
        assert_eq!("light".parse::<Theme>(), Ok(Theme::Light));
        assert_eq!("Dark".parse::<Theme>(), Ok(Theme::Dark));
        assert!("sepia".parse::<Theme>().is_err());
    }

    #[test]
    fn contrast_is_as_published() {
        let white = Color::rgb(255, 255, 255);
        let black = Color::rgb(0, 0, 0);
        assert!((contrast(white, black) - 21.0).abs() < 0.01);
        // #767676 on white is the classic 4.54:1.
        assert!((contrast(Color::rgb(0x76, 0x76, 0x76), white) - 4.54).abs() < 0.01);
    }

    #[test]
    fn text_is_readable_in_both_themes() {
        for theme in [Theme::Light, Theme::Dark] {
            let p = Palette::of(theme);
            assert!(contrast(p.text, p.background) >= 7.0, "{theme}");
            assert!(contrast(p.muted, p.background) >= 4.5, "{theme}");
            assert!(contrast(p.axis, p.background) >= 4.5, "{theme}");
        }
    }

    #[test]
    fn every_mark_colour_stands_out_in_both_themes() {
        for theme in [Theme::Light, Theme::Dark] {
            let p = Palette::of(theme);
            assert_eq!(p.tags.len(), TAG_COLOURS);
            for c in p.tags.iter().chain([&p.untagged]) {
                let ratio = contrast(*c, p.background);
                assert!(ratio >= 4.0, "{theme}: {} at {ratio:.2}:1", c.hex());
            }
        }
    }

    #[test]
    fn tags_past_the_palette_are_grey_not_recycled() {
        let p = Palette::of(Theme::Light);
        let mut seen = std::collections::HashSet::new();
        for i in 0..TAG_COLOURS {
            assert!(seen.insert(p.tag(i)), "colour {i} repeats");
            assert_ne!(p.tag(i), p.untagged);
        }
        assert_eq!(p.tag(TAG_COLOURS), p.untagged);
        assert_eq!(p.tag(40), p.untagged);
    }
}
