//! citeline checks hand-curated timeline events against the articles they cite, then draws
//! them as a chart.
//!
//! The flow is a chain of plain functions over plain data, each stage in its own module and
//! none calling back into an earlier one:
//!
//! ```text
//! events.toml --load--> Timeline --+--check--> Report (diagnostics)
//! articles/*  --visit, one at a time-/
//!                          Timeline --layout--> Scene --render--> SVG --> PNG
//! ```
//!
//! [`check_file`] does loading, reading and checking in one call, which is what a project's
//! own tests usually want:
//!
//! ```
//! # let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("events.toml");
//! let checked = citeline::check_file(&path).expect("events.toml is readable");
//! assert_eq!(checked.report.errors(), 0, "{:?}", checked.report.diagnostics);
//! assert!(checked.timeline.events.iter().any(|e| e.id.value == "bishkek-ministers-meeting"));
//! ```
//!
//! Every finding is a [`Diagnostic`] with a stable code from [`rules::all`]; nothing about the
//! data is an `Err`. Only what stops a run altogether (an unreadable events file) is a
//! [`LoadError`].
//!
//! # The public surface
//!
//! - checking: [`check_file`], [`check_str`], [`Checked`]; loading alone: [`load`],
//!   [`load_str`], [`Loaded`], [`LoadError`];
//! - findings as data: [`Diagnostic`], [`Related`], [`Report`], [`Severity`], [`Rule`], the
//!   catalogue [`rules`], and their renderings [`write_human`] and [`write_json`];
//! - the data: [`model`] (the [`model::Timeline`] and its parts) and [`date`];
//! - drawing: [`draw`] to bytes in each [`ChartFormat`], or step by step with [`layout`],
//!   [`scene`] and [`render`], measuring and drawing with a [`font::Fonts`]; [`output`]
//!   writes files all or nothing;
//! - a text's date expressions as `citeline dates` lists them: [`write_dates`] for a
//!   source, [`write_file_dates`] for any file, with [`DatesOptions`] ([`Direction`],
//!   [`DatesFormat`]) and a source's [`DateOrder`]; a source's text as `citeline text`
//!   shows it: [`write_text`] with [`TextOptions`]; either fails with a [`ListingError`];
//! - the chronology for other tools: [`export::write_export`] in each
//!   [`export::ExportFormat`] (CSV, JSON, Markdown, HTML, TimelineJS), and an events file
//!   from a spreadsheet's CSV with [`import::read_csv`] (docs/export.md).
//!
//! Everything else is private and may change; `tests/api.rs` pins this surface, so a change
//! to it fails the build.

mod articles;
mod bounded;
mod check;
pub mod date;
mod diagnostic;
pub mod export;
pub mod font;
mod glyphs;
pub mod import;
pub mod layout;
mod lines;
mod listing;
mod load;
pub mod lsp;
pub mod model;
pub mod output;
mod parallel;
mod pipeline;
pub mod render;
pub mod rules;
pub mod scene;
pub mod schema;
mod text;
mod text_view;

pub use articles::{MAX_ARCHIVE_BYTES, MAX_SOURCE_BYTES};
pub use diagnostic::{
    write_github, write_human, write_json, write_json_lines, Diagnostic, Fix, Related, Report,
    Rule, Severity,
};
pub use listing::{DatesFormat, DatesOptions};
pub use load::{load, load_str, LoadError, Loaded, MAX_EVENTS_FILE_BYTES, MAX_TITLE_CHARS};
pub use pipeline::{
    check_file, check_str, draw, parse_chart_number, write_dates, write_file_dates, write_sarif,
    write_text, ChartFormat, ChartSetting, Checked, Drawn, ListingError,
};
pub use text::dates::{DateOrder, Direction};
pub use text_view::TextOptions;
