//! citeline checks hand-curated timeline events against the articles they cite, then draws
//! them as a chart.
//!
//! The flow is a chain of plain functions over plain data:
//!
//! ```text
//! events.toml --load--> Timeline --check--> Report (diagnostics)
//! articles/*.txt -----------^   \--layout--> Scene --render--> SVG (plotters) --> PNG (resvg)
//! ```
//!
//! [`check_file`] does loading and checking in one call, which is what a project's own tests
//! usually want:
//!
//! ```
//! let checked = citeline::check_file("events.toml".as_ref()).expect("events.toml is readable");
//! assert_eq!(checked.report.errors(), 0, "{:?}", checked.report.diagnostics);
//! assert!(checked.timeline.events.iter().any(|e| e.id.value == "bishkek-ministers-meeting"));
//! ```
//!
//! Every finding is a [`Diagnostic`] with a stable code from [`rules::all`]; nothing about the
//! data is an `Err`. Only what stops a run altogether (an unreadable events file) is a
//! [`LoadError`].

pub mod check;
pub mod date;
pub mod diagnostic;
pub mod font;
pub mod layout;
pub mod lines;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod rules;
pub mod scene;
pub mod text;

pub use check::{check_file, check_loaded, Checked};
pub use diagnostic::{Diagnostic, Report, Severity};
pub use load::{load, load_str, LoadError, Loaded};
pub use model::Timeline;
