//! The checks on loaded data: one family of rules a file (docs/rules.md), each a pure
//! function of the timeline and the articles that appends findings and never stops early,
//! so one bad event never hides the findings about the others.
//!
//! Checking knows nothing of TOML or files: `crate::pipeline` loads the events file, reads
//! the articles, and hands both here.

mod citations;
pub mod dates;
pub mod mentions;
pub mod quotes;
pub mod sources;

use crate::articles::Articles;
use crate::diagnostic::Diagnostic;
use crate::model::Timeline;
use crate::parallel;
use citations::Citations;

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
