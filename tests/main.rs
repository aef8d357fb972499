//! citeline's integration tests, one binary (as ripgrep's tests/tests.rs).
//!
//! - `rules`: one fixture per rule under tests/fixtures/<code>/, a failing `bad/` and a
//!   passing `good/` twin, with the exact output a user sees in `bad/expected.txt`.
//! - `cli`: the real binary on good and broken input, exit codes, JSON, atomic writes.
//! - `regression`: the shipped events.toml checks clean, the rules page is current.
//! - `layout_props`: property tests of the layout on random timelines.
//! - `render_svg`, `render_png`: the renderers on hand-made scenes (escaping, determinism,
//!   pixels, no system fonts).

mod api;
mod cli;
mod layout_props;
mod messages;
mod outputs;
mod regression;
mod render_png;
mod render_svg;
mod resources;
mod rules;
mod structure;
mod util;
