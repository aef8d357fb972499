//! What the renderers refuse, and why: the size limits, and the one error type of both.

use std::fmt;

/// The largest chart side, in pixels: the SVG writer's coordinates are `i32` hundredths of
/// a pixel, which end at 21 million pixels; this stays well inside.
pub const MAX_CHART_SIDE: f64 = 10_000_000.0;

/// The largest PNG side, in pixels.
pub const MAX_SIDE: u32 = 32_768;

/// The largest PNG area, in pixels (at 4 bytes a pixel, 400 MB while drawing).
pub const MAX_PIXELS: u64 = 100_000_000;

/// Why a chart could not be drawn, as SVG or as PNG.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum RenderError {
    /// The scale is not a finite number above zero.
    BadScale(f64),
    /// The image would have no pixels (a scene with no area, or a scale too small for it).
    Empty { width: f64, height: f64 },
    /// The image would exceed [`MAX_SIDE`] or [`MAX_PIXELS`]; sizes are in pixels.
    TooLarge { width: f64, height: f64 },
    /// The chart itself exceeds [`MAX_CHART_SIDE`]: coordinates beyond it lose precision in
    /// SVG viewers and in citeline's own writer.
    ChartTooLarge { width: f64, height: f64 },
    /// resvg did not accept the SVG we wrote: a defect in citeline, not in the data.
    Svg(String),
    /// Encoding the pixels as PNG failed.
    Encode(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::BadScale(scale) => {
                write!(f, "the PNG scale must be a number above 0, not {scale}")
            }
            RenderError::Empty { width, height } => {
                write!(f, "a {width} × {height} px PNG would have no pixels")
            }
            RenderError::TooLarge { width, height } => write!(
                f,
                "a {width} × {height} px PNG is too large (at most {MAX_SIDE} px a side and \
                 {MAX_PIXELS} pixels); use a smaller scale or the SVG"
            ),
            RenderError::ChartTooLarge { width, height } => write!(
                f,
                "the chart would be {width:.0} × {height:.0} px, more than the {MAX_CHART_SIDE:.0} px a \
                 side that SVG viewers draw faithfully; draw fewer events or shorter notes"
            ),
            RenderError::Svg(reason) => {
                write!(f, "internal error: the chart's SVG did not parse: {reason}")
            }
            RenderError::Encode(reason) => write!(f, "could not encode the PNG: {reason}"),
        }
    }
}

impl std::error::Error for RenderError {}
