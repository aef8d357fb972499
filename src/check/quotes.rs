//! Quote rules (docs/checks.md#quotes): each quote stands in its source, after folding.

use super::citations::Citation;
use crate::articles::Article;
use crate::diagnostic::Severity::Error;
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Source, Span, Timeline};
use crate::text::quote::{self, Closest, QuoteMatch};
use crate::text::shorten::excerpt;
use std::ops::Range;

pub const QUOTE_NOT_FOUND: Rule = Rule {
    code: "quote-not-found",
    severity: Error,
    summary: "A quote does not stand in its source.",
    explanation: "Quotes are compared after folding: Unicode NFKC, curly quotes to straight, \
dashes and `--` to `-`, every run of white space to one space. `...` or `…` is an elision: the \
parts must appear in order within one paragraph. The notes show the closest passage of the \
source, where it stands, how similar it is and which words differ.\n\n\
Example: the quote `on 19 November, foreign ministers from six nations` misses the article's \
`the six nations`; copy the passage exactly.",
};

pub const QUOTE_CASE_MISMATCH: Rule = Rule {
    code: "quote-case-mismatch",
    severity: Error,
    summary: "A quote matches its source only when case is ignored.",
    explanation: "Case is significant in a verbatim quote, but a case-only difference is \
almost always a copying slip, so this gets its own code and points at the passage.\n\n\
Example: `nato officials say` should be `NATO officials say`.",
};

/// The quote of one citation stands in its source's article.
pub fn quote_found(
    timeline: &Timeline,
    citation: Citation<'_>,
    source: &Source,
    article: &Article,
    out: &mut Vec<Diagnostic>,
) {
    let id = &source.id.value;
    let evidence = citation.evidence;
    let file = timeline.user_path(&source.file.value);
    let file = file.to_string_lossy();
    let span = evidence.quote.span.clone();
    let d = match quote::find(&article.haystack, &evidence.quote.value) {
        QuoteMatch::Found(_) => return,
        QuoteMatch::CaseOnly(ranges) => case_mismatch(span, id, article, &file, &ranges),
        QuoteMatch::NotFound(closest) => not_found(span, id, article, &file, closest.as_ref()),
    };
    out.push(
        d.with_event(citation.event.id.value.clone())
            .with_source(id.clone()),
    );
}

fn case_mismatch(
    span: Span,
    id: &str,
    article: &Article,
    file: &str,
    ranges: &[Range<usize>],
) -> Diagnostic {
    let first = ranges.first().cloned().unwrap_or(0..0);
    Diagnostic::new(
        &QUOTE_CASE_MISMATCH,
        span,
        format!("the quote matches source `{id}` only when case is ignored"),
    )
    .with_label("case differs from the source")
    .with_note(format!(
        "{file}:{} has: \"{}\"",
        article.position(first.start),
        excerpt(&article.text[first])
    ))
    .with_help("copy the letters' case exactly as the source has it")
}

fn not_found(
    span: Span,
    id: &str,
    article: &Article,
    file: &str,
    closest: Option<&Closest>,
) -> Diagnostic {
    let d = Diagnostic::new(
        &QUOTE_NOT_FOUND,
        span,
        format!("the quote does not stand in source `{id}`"),
    )
    .with_label("not found in the source");
    let Some(c) = closest else {
        return d
            .with_note("no passage of the source is alike")
            .with_help("check that the evidence names the right source");
    };
    let mut d = d.with_note(format!(
        "closest passage, {}% similar, at {file}:{}: \"{}\"",
        (c.similarity * 100.0).floor(),
        article.position(c.range.start),
        excerpt(&article.text[c.range.clone()])
    ));
    let (quoted, source) = (words(&c.quote_words), words(&c.passage_words));
    let difference = match (c.quote_words.is_empty(), c.passage_words.is_empty()) {
        (true, true) => None,
        (true, false) => Some(format!(
            "the source has {source} where the quote has nothing"
        )),
        (false, true) => Some(format!(
            "the quote has {quoted}, which the source does not have there"
        )),
        (false, false) => Some(format!(
            "the quote has {quoted} where the source has {source}"
        )),
    };
    if let Some(difference) = difference {
        d = d.with_note(difference);
    }
    d.with_help("copy the passage exactly; write `...` where you leave words out")
}

fn words(list: &[String]) -> String {
    list.iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(" ")
}
