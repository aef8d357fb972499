//! The checks on loaded data: one family of rules a file (docs/rules.md), each a pure
//! function of the timeline and the articles that appends findings and never stops early,
//! so one bad event never hides the findings about the others.
//!
//! Checking knows nothing of TOML or files: `crate::pipeline` loads the events file, reads
//! the articles, and hands both here.

pub mod dates;
pub mod mentions;
pub mod quotes;
pub mod sources;

use crate::articles::Articles;
use crate::diagnostic::Diagnostic;
use crate::model::{Event, Evidence, Timeline};
use crate::parallel;
use std::collections::HashMap;

/// Run every rule over a loaded timeline and its articles.
pub fn check(timeline: &Timeline, articles: &Articles) -> Vec<Diagnostic> {
    let citations = Citations::new(timeline);
    let mut out = Vec::new();
    sources::check_sources(timeline, articles, &citations, &mut out);
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
    out
}

/// Each source's citations, built once: a rule about one source must not scan every event.
pub struct Citations<'t> {
    by_source: HashMap<&'t str, Vec<(&'t Event, &'t Evidence)>>,
}

impl<'t> Citations<'t> {
    pub fn new(timeline: &'t Timeline) -> Self {
        let mut by_source: HashMap<&str, Vec<_>> = HashMap::new();
        for event in &timeline.events {
            for evidence in &event.evidence {
                by_source
                    .entry(evidence.source.value.as_str())
                    .or_default()
                    .push((event, evidence));
            }
        }
        Self { by_source }
    }

    /// The evidence that cites `source_id`, with its event, in file order.
    pub fn of(&self, source_id: &str) -> impl Iterator<Item = (&'t Event, &'t Evidence)> + '_ {
        self.by_source.get(source_id).into_iter().flatten().copied()
    }
}
