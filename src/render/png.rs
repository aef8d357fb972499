//! Scene → PNG bytes: the SVG of [`svg`](super::svg) rasterised by resvg.
//!
//! Text is drawn with the scene's fonts and nothing else: the SVG handed to resvg carries
//! each text as the outlines of the glyphs layout measured ([`Fonts`]), so resvg lays out
//! no text, the PNG looks the same on a machine with no fonts, and fontconfig is never
//! consulted. This file owns
//! the pixel-size check (an absurd `--scale` is an error, not gigabytes of allocation) and
//! the PNG encoding; it decides nothing about the drawing.

use super::limits::{RenderError, MAX_PIXELS, MAX_SIDE};
use resvg::tiny_skia;
use resvg::usvg;

use crate::font::FAMILY;
use crate::scene::Scene;

/// How to rasterise.
#[derive(Clone, Debug, PartialEq)]
pub struct PngOptions {
    /// Device pixels per CSS pixel of the scene. 1.0 (the default) gives a PNG the size of
    /// the SVG; 2.0 suits high-density screens and print.
    pub scale: f64,
}

impl Default for PngOptions {
    fn default() -> Self {
        PngOptions { scale: 1.0 }
    }
}

/// Draws `scene` as PNG bytes, `scene.width × options.scale` pixels wide (rounded up).
///
/// Text uses only the scene's fonts. Errors for a bad scale or an image too large to
/// allocate; never panics.
///
/// ```
/// use citeline::render::{self, PngOptions, RenderError};
/// use citeline::scene::{Color, Scene};
///
/// let scene = Scene {
///     width: 120.0,
///     height: 40.0,
///     title: "Empty".to_owned(),
///     description: "Nothing yet.".to_owned(),
///     background: Color::rgb(255, 255, 255),
///     groups: vec![],
///     notes: vec![],
///     fonts: Default::default(),
/// };
/// let bytes = render::png(&scene, &PngOptions { scale: 2.0 }).unwrap();
/// assert_eq!(&bytes[1..4], b"PNG");
/// let too_big = render::png(&scene, &PngOptions { scale: 1e6 });
/// assert!(matches!(too_big, Err(RenderError::TooLarge { .. })));
/// ```
pub fn png(scene: &Scene, options: &PngOptions) -> Result<Vec<u8>, RenderError> {
    let scale = options.scale;
    if !(scale.is_finite() && scale > 0.0) {
        return Err(RenderError::BadScale(scale));
    }
    let (width, height) = pixel_size(scene.width, scene.height, scale)?;

    let text = super::svg::with_glyph_outlines(scene)?;
    let mut usvg_options = usvg::Options {
        font_family: FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    // Our SVG has no images; refusing them anyway means no path or data URL is ever read.
    usvg_options.image_href_resolver = usvg::ImageHrefResolver {
        resolve_data: Box::new(|_, _, _| None),
        resolve_string: Box::new(|_, _| None),
    };
    let tree = usvg::Tree::from_str(&text, &usvg_options)
        .map_err(|error| RenderError::Svg(error.to_string()))?;

    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(RenderError::TooLarge {
        width: f64::from(width),
        height: f64::from(height),
    })?;
    // The SVG paints its own background, but the last row and column may be only partly
    // covered by the (rounded-up) canvas: paint just them the background colour rather than
    // leave them transparent. (Filling the whole pixmap first cost a tenth of the run.)
    let background = scene.background;
    let mut paint = tiny_skia::Paint::default();
    paint.set_color_rgba8(background.r, background.g, background.b, 255);
    let (w, h) = (width as f32, height as f32);
    for edge in [
        tiny_skia::Rect::from_xywh(0.0, h - 1.0, w, 1.0),
        tiny_skia::Rect::from_xywh(w - 1.0, 0.0, 1.0, h),
    ]
    .into_iter()
    .flatten()
    {
        pixmap.fill_rect(edge, &paint, tiny_skia::Transform::identity(), None);
    }
    let transform = tiny_skia::Transform::from_scale(scale as f32, scale as f32);
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    encode_opaque(&pixmap).map_err(|error| RenderError::Encode(error.to_string()))
}

/// PNG bytes of a pixmap whose every pixel is opaque (the background is painted first), so
/// its premultiplied pixels are already straight RGBA. The bytes are those of
/// `Pixmap::encode_png` (same settings), without its demultiplied copy of every pixel, which
/// for a tall chart at scale 2 is a few hundred megabytes and a third of the run time.
fn encode_opaque(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(pixmap.data())?;
    writer.finish()?;
    Ok(bytes)
}

/// The PNG's size in whole pixels, checked against the caps before anything is allocated.
fn pixel_size(width: f64, height: f64, scale: f64) -> Result<(u32, u32), RenderError> {
    let (w, h) = ((width * scale).ceil(), (height * scale).ceil());
    // `!(x >= 1)` also catches NaN.
    if !(w >= 1.0 && h >= 1.0) {
        return Err(RenderError::Empty {
            width: w,
            height: h,
        });
    }
    let side = f64::from(MAX_SIDE);
    if w > side || h > side || w * h > MAX_PIXELS as f64 {
        return Err(RenderError::TooLarge {
            width: w,
            height: h,
        });
    }
    // In range by the checks above.
    Ok((w as u32, h as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixel_sizes_are_checked_before_allocating() {
        assert_eq!(pixel_size(800.0, 600.0, 1.0), Ok((800, 600)));
        assert_eq!(pixel_size(800.0, 600.0, 2.0), Ok((1600, 1200)));
        assert_eq!(pixel_size(100.2, 10.0, 1.0), Ok((101, 10)));
        assert!(matches!(
            pixel_size(800.0, 600.0, 1e6),
            Err(RenderError::TooLarge { .. })
        ));
        assert!(matches!(
            pixel_size(20_000.0, 20_000.0, 1.0),
            Err(RenderError::TooLarge { .. })
        ));
        assert!(matches!(
            pixel_size(0.0, 600.0, 1.0),
            Err(RenderError::Empty { .. })
        ));
        assert!(matches!(
            pixel_size(f64::NAN, 600.0, 1.0),
            Err(RenderError::Empty { .. })
        ));
        assert!(matches!(
            pixel_size(f64::INFINITY, 600.0, 1.0),
            Err(RenderError::TooLarge { .. })
        ));
    }
}
