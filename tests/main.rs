//! citeline's integration tests, one binary (as ripgrep's tests/tests.rs).
//!
//! - `rules`: one fixture per rule under tests/fixtures/<code>/, a failing `bad/` and a
//!   passing `good/` twin, with the exact output a user sees in `bad/expected.txt`.
//! - `cli`: the real binary on good and broken input, exit codes, JSON, atomic writes.
//! - `regression`: the shipped events.toml checks clean, the rules page is current.
//! - `layout_props`: property tests of the layout on random timelines.
//! - `fuzz`: the real binary on mutated copies of the shipped data and the fixtures; never a
//!   panic, a signal or a hang, always valid JSON and SVG (docs/fuzzing.md).
//! - `render_svg`, `render_png`: the renderers on hand-made scenes (escaping, determinism,
//!   pixels, no system fonts).

mod cli;
mod fuzz;
mod layout_props;
mod regression;
mod render_png;
mod render_svg;
mod rules;
mod util;
