//! The checks on loaded data: one family of rules a file (docs/rules.md), each a pure
//! function of the timeline and an article that appends findings and never stops early, so
//! one bad event never hides the findings about the others.
//!
//! Checking knows nothing of TOML or files. `crate::pipeline` loads the events file, then
//! hands each article to [`article`] as it is read (so articles need not all be in memory
//! at once), and gives the per-article results to [`finish`], which adds the rules that
//! need no article or all of them.

mod citations;
pub mod dates;
pub mod mentions;
pub mod quotes;
pub mod sources;

pub use citations::Citations;

use crate::articles::Article;
use crate::diagnostic::{Diagnostic, Report};
use crate::model::{Source, Timeline};
use crate::parallel;
use std::collections::HashSet;

/// What the rules found in one article.
#[derive(Default)]
pub struct ArticleFindings {
    diagnostics: Vec<Diagnostic>,
    /// Findings counted out past the report's cap (see [`Report::keep_first`]).
    omitted: [usize; 3],
    /// Names the article mentions: (event index, name index) for `mentions`.
    mentioned: Vec<(usize, usize)>,
}

/// The rules that read one article, for every source that names it and every quote that
/// cites those sources.
pub fn article(
    timeline: &Timeline,
    citations: &Citations<'_>,
    sources: &[&Source],
    article: &Article,
) -> ArticleFindings {
    let mut found = ArticleFindings::default();
    for source in sources {
        sources::article_matches(citations, source, article, &mut found.diagnostics);
        for citation in citations.of(&source.id.value) {
            quotes::quote_found(timeline, citation, source, article, &mut found.diagnostics);
            mentions::names_in(timeline, citation, article, &mut found.mentioned);
            // One article cited a million times by broken quotes must not hold a million
            // findings.
            keep_bounded(&mut found.diagnostics, &mut found.omitted);
        }
    }
    found
}

/// The rules that need no article, and those that need all of them: combine the results of
/// [`article`] with the ids of the sources whose file could not be read.
pub fn finish(
    timeline: &Timeline,
    articles: Vec<ArticleFindings>,
    unreadable: &HashSet<String>,
) -> (Vec<Diagnostic>, [usize; 3]) {
    let mut out = Vec::new();
    let mut omitted = [0; 3];
    let mut mentioned = HashSet::new();
    for found in articles {
        out.extend(found.diagnostics);
        mentioned.extend(found.mentioned);
        add(&mut omitted, found.omitted);
        keep_bounded(&mut out, &mut omitted);
    }
    for source in &timeline.sources {
        sources::cited(timeline, source, &mut out);
    }
    let indexed: Vec<_> = timeline.events.iter().enumerate().collect();
    let found = parallel::map_chunks(&indexed, |events| {
        let (mut out, mut omitted) = (Vec::new(), [0; 3]);
        for &(index, event) in events {
            dates::date_supported(timeline, event, &mut out);
            dates::not_after_source(timeline, event, &mut out);
            mentions::unmentioned(timeline, index, event, &mentioned, unreadable, &mut out);
            keep_bounded(&mut out, &mut omitted);
        }
        (out, omitted)
    });
    for (found, counted) in found {
        out.extend(found);
        keep_bounded(&mut out, &mut omitted);
        add(&mut omitted, counted);
    }
    (out, omitted)
}

fn add(total: &mut [usize; 3], counted: [usize; 3]) {
    for (total, n) in total.iter_mut().zip(counted) {
        *total += n;
    }
}

/// Keep memory bounded when every event has a finding: past twice the report's cap, keep
/// only the first findings and count the rest (see [`Report::keep_first`]).
fn keep_bounded(out: &mut Vec<Diagnostic>, omitted: &mut [usize; 3]) {
    if out.len() > 2 * Report::MAX_KEPT {
        Report::keep_first(out, omitted);
    }
}
