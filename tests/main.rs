//! citeline's integration tests, one binary (as ripgrep's tests/tests.rs).
//!
//! - `rules`: one fixture per rule under tests/fixtures/<code>/, a failing `bad/` and a
//!   passing `good/` twin, with the exact output a user sees in `bad/expected.txt`; more
//!   failing cases of the same rule, when its message depends on the data, in `bad-WHAT/`.
//! - `cli`: the real binary on good and broken input, exit codes, JSON, atomic writes, the
//!   dates listing.
//! - `formats`: `check --format sarif|github|json-lines` through the binary: SARIF valid
//!   against the official schema, fingerprints, fixes, annotations where the JSON says;
//!   `CITELINE_FORMAT`.
//! - `messages`: messages that once misled, each naming the real cause and a path the user
//!   can open.
//! - `outputs`: `render` replaces its outputs all together or not at all, killed or refused.
//! - `resources`: hostile inputs at sizes where an earlier citeline took seconds or
//!   gigabytes (not timed; BENCHMARKS.md has the figures).
//! - `regression`: the shipped events.toml checks clean, the rules page, the committed charts
//!   and the dates listings are current.
//! - `api`: the library's public surface, pinned signature by signature.
//! - `schema`: `citeline schema` accepts the shipped data and the good fixtures, refuses
//!   unknown keys and wrong types, passes every date the loader accepts; events.schema.json
//!   is current.
//! - `export`: `citeline export` in every format and `citeline import`; the CSV round trip.
//! - `structure`: no import circle in src/, a thin main.rs.
//! - `lsp`: `citeline lsp` driven by a JSON-RPC client written in the test: findings with
//!   their codes and ranges, hovers, definitions, quick fixes, sources changed on disk,
//!   garbage on the wire.
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
//! - `setup`: shell completions, the man page, `render --watch` redrawing on a change.
//!
//! Golden files are rewritten with `CITELINE_BLESS=1 cargo test`, the one switch for all.

mod api;
mod cli;
mod export;
mod formats;
mod fuzz;
mod layout_props;
mod lsp;
mod messages;
mod outputs;
mod regression;
mod render_png;
mod render_svg;
mod resources;
mod rules;
mod schema;
mod scripts;
mod setup;
mod sources;
mod structure;
mod util;
