//! citeline's integration tests, one binary (as ripgrep's tests/tests.rs).
//!
//! - `rules`: one fixture per rule under tests/fixtures/<code>/, a failing `bad/` and a
//!   passing `good/` twin, with the exact output a user sees in `bad/expected.txt`; more
//!   failing cases of the same rule, when its message depends on the data, in `bad-WHAT/`.
//! - `cli`: the real binary on good and broken input, exit codes, JSON, atomic writes, the
//!   dates listing.
//! - `messages`: messages that once misled, each naming the real cause and a path the user
//!   can open.
//! - `outputs`: `render` replaces its outputs all together or not at all, killed or refused.
//! - `resources`: hostile inputs at sizes where an earlier citeline took seconds or
//!   gigabytes (not timed; BENCHMARKS.md has the figures).
//! - `regression`: the shipped events.toml checks clean, the rules page, the committed charts
//!   and the dates listings are current.
//! - `api`: the library's public surface, pinned signature by signature.
//! - `export`: `citeline export` in every format and `citeline import`; the CSV round trip.
//! - `structure`: no import circle in src/, a thin main.rs.
//! - `layout_props`: property tests of the layout on random timelines.
//! - `fuzz`: the real binary on mutated copies of the shipped data and the fixtures; never a
//!   panic, a signal or a hang, always valid JSON and SVG (docs/fuzzing.md).
//! - `render_svg`, `render_png`: the renderers on hand-made scenes (escaping, determinism,
//!   pixels, no system fonts).
//! - `sources`: `check` on real saved pages, PDFs and web archives (tests/sources/, each
//!   file's origin in its ORIGIN.md): right claims clean, wrong ones caught, places in the
//!   original.
//! - `scripts`: titles in many scripts: ink inside the measured boxes, `missing-glyphs`
//!   warnings, fallback fonts, bidi isolation.
//!
//! Golden files are rewritten with `CITELINE_BLESS=1 cargo test`, the one switch for all.

mod api;
mod cli;
mod export;
mod fuzz;
mod layout_props;
mod messages;
mod outputs;
mod regression;
mod render_png;
mod render_svg;
mod resources;
mod rules;
mod scripts;
mod sources;
mod structure;
mod util;
