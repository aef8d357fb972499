//! Renderers: a finished [`Scene`](crate::scene::Scene) in, SVG text or PNG bytes out.
//!
//! Layout has already decided every position, colour, size, anchor and style; this module
//! only writes them down. It owns the output formats and their guarantees:
//!
//! - [`svg`] draws the scene through plotters into a `DrawingBackend` of our own that writes
//!   semantic SVG: well-formed XML whatever the data holds, `<title>`/`<desc>`, one `<g>` per
//!   event with its tooltip and (http/https only) link, no scripts or external references,
//!   and the same bytes for the same scene on every run and machine.
//! - [`png`] rasterises that same SVG with resvg, using only the font built into the binary,
//!   so it works on a machine with no fonts installed and looks like the SVG.
//!
//! Neither function reads files, the environment or the system's fonts.

mod limits;
mod png;
mod svg;

pub use self::limits::{RenderError, MAX_CHART_SIDE, MAX_PIXELS, MAX_SIDE};
pub use self::png::{png, PngOptions};
pub use self::svg::svg;
