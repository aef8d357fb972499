//! The checks of SPEC §4, one family a file. Each rule is a function that appends findings
//! and never stops early, so one bad event never hides the findings about the others.
//!
//! [`check`] is the whole pipeline after loading: read every source file once
//! ([`sources::read_articles`]), then run each family over every event.

pub mod dates;
pub mod mentions;
mod parallel;
pub mod quotes;
pub mod shape;
pub mod sources;

use crate::diagnostic::{Diagnostic, Report};
use crate::load::{self, LoadError, Loaded};
use crate::model::Timeline;
use sources::Articles;
use std::path::Path;

/// A checked events file: the timeline, the articles it cites, and every finding.
#[derive(Debug)]
pub struct Checked {
    pub timeline: Timeline,
    pub articles: Articles,
    pub report: Report,
}

/// Load and check the events file at `path`.
///
/// ```no_run
/// let checked = citeline::check::check_file("events.toml".as_ref()).unwrap();
/// assert_eq!(checked.report.errors(), 0);
/// ```
pub fn check_file(path: &Path) -> Result<Checked, LoadError> {
    load::load(path).map(check_loaded)
}

/// Check what the loader produced: its findings come first, then the checks' own.
///
/// ```
/// // Sources are read relative to the events file's folder: here, the crate's own.
/// let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("events.toml");
/// let text = std::fs::read_to_string(&path).unwrap().replace("on 19 November, foreign", "on 18 November, foreign");
/// let checked = citeline::check_loaded(citeline::load_str(&path, text));
/// let miss = checked.report.with_code("quote-not-found").next().unwrap();
/// assert_eq!(miss.event.as_deref(), Some("bishkek-ministers-meeting"));
/// assert!(miss.notes[1].contains("`18` where the source has `19`"), "{:?}", miss.notes);
/// ```
pub fn check_loaded(loaded: Loaded) -> Checked {
    let Loaded {
        timeline,
        mut diagnostics,
    } = loaded;
    let articles = sources::read_articles(&timeline, &mut diagnostics);
    check(&timeline, &articles, &mut diagnostics);
    let mut report = Report { diagnostics };
    report.sort();
    Checked {
        timeline,
        articles,
        report,
    }
}

/// Run every rule over a loaded timeline and its articles.
pub fn check(timeline: &Timeline, articles: &Articles, out: &mut Vec<Diagnostic>) {
    sources::check_sources(timeline, articles, out);
    let found = parallel::map_chunks(&timeline.events, |events| {
        let mut out = Vec::new();
        for event in events {
            quotes::quotes_found(timeline, event, articles, &mut out);
            dates::date_supported(timeline, event, &mut out);
            dates::not_after_source(timeline, event, &mut out);
            mentions::mentions_found(timeline, event, articles, &mut out);
        }
        out
    });
    out.extend(found.into_iter().flatten());
}
