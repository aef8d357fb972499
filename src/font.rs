//! The one font citeline draws with, built into the binary, and text measurement with it.
//!
//! Layout measures labels with these metrics and the PNG renderer draws with the same
//! bytes, so what layout decided is what the picture shows, on a machine with no fonts.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use std::sync::OnceLock;

/// The family name the SVG asks for and the PNG renderer registers.
pub const FAMILY: &str = "DejaVu Sans";

/// DejaVu Sans, regular.
pub fn regular_bytes() -> &'static [u8] {
    dejavu::sans::regular()
}

/// DejaVu Sans, bold.
pub fn bold_bytes() -> &'static [u8] {
    dejavu::sans::bold()
}

/// DejaVu Sans Oblique: the PNG's italic. Its advances equal the regular face's, so text
/// measured upright fits when slanted.
pub fn italic_bytes() -> &'static [u8] {
    dejavu::sans::oblique()
}

/// DejaVu Sans Bold Oblique.
pub fn bold_italic_bytes() -> &'static [u8] {
    dejavu::sans::bold_oblique()
}

fn parsed(bold: bool) -> &'static FontRef<'static> {
    static REGULAR: OnceLock<FontRef<'static>> = OnceLock::new();
    static BOLD: OnceLock<FontRef<'static>> = OnceLock::new();
    let (cell, bytes) = if bold {
        (&BOLD, bold_bytes())
    } else {
        (&REGULAR, regular_bytes())
    };
    // The bytes are the crate's own embedded font: failing to parse them is a build defect.
    cell.get_or_init(|| FontRef::try_from_slice(bytes).expect("embedded DejaVu Sans parses"))
}

/// Advance width of `text` at `size` pixels (font size as in CSS `font-size`), with kerning.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let font = parsed(bold).as_scaled(PxScale::from(size as f32 * units_per_em_ratio(bold)));
    let mut width = 0.0f32;
    let mut previous = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = previous {
            width += font.kern(p, id);
        }
        width += font.h_advance(id);
        previous = Some(id);
    }
    f64::from(width)
}

/// Ascent and descent (positive, below the baseline) at `size`, for boxes around text.
pub fn vertical_metrics(size: f64, bold: bool) -> (f64, f64) {
    let font = parsed(bold).as_scaled(PxScale::from(size as f32 * units_per_em_ratio(bold)));
    (f64::from(font.ascent()), f64::from(-font.descent()))
}

/// ab_glyph's `PxScale` is the height from ascent to descent, while CSS font-size (what
/// resvg uses) is the em size; this ratio converts one into the other.
fn units_per_em_ratio(bold: bool) -> f32 {
    let font = parsed(bold);
    let upem = font.units_per_em().unwrap_or(2048.0);
    (font.ascent_unscaled() - font.descent_unscaled()) / upem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        let narrow = text_width("iiii", 12.0, false);
        let wide = text_width("WWWW", 12.0, false);
        assert!(wide > 2.0 * narrow, "{wide} vs {narrow}");
        let double = text_width("WWWW", 24.0, false);
        assert!((double - 2.0 * wide).abs() < 0.01);
        assert!(text_width("Bishkek", 12.0, true) > text_width("Bishkek", 12.0, false));
        assert_eq!(text_width("", 12.0, false), 0.0);
    }

    #[test]
    fn em_size_matches_css() {
        // DejaVu Sans "M" advances 1767/2048 em; at 20 px that is about 17.26 px.
        let m = text_width("M", 20.0, false);
        assert!((m - 17.26).abs() < 0.05, "{m}");
    }
}
