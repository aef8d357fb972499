//! Quote rules (docs/checks.md#quotes): each quote stands in its source, after folding.

use super::citations::Citation;
use crate::articles::Article;
use crate::diagnostic::Severity::Error;
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Source, Span, Timeline};
use crate::text::quote::{self, Closest, Miss, QuoteMatch, Refusal};
use crate::text::shorten::excerpt;
use std::ops::Range;

pub const QUOTE_NOT_FOUND: Rule = Rule {
    code: "quote-not-found",
    severity: Error,
    summary: "A quote does not stand in its source.",
    explanation: "Quotes are compared after folding: Unicode NFKC, curly quotes, guillemets \
and the wire's ` ``…'' ` to straight, dashes and `--` to `-`, every run of white space to one \
space. `...` or `…` is an elision: the \
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

pub const QUOTE_REFUSED: Rule = Rule {
    code: "quote-refused",
    severity: Error,
    summary: "A quote is not looked for: it has no words, or is too long or too cut up to be \
a quotation.",
    explanation: "A quote is looked for only when it is a quotation: some words, at most 1,000 \
of them, in at most 64 parts between elisions (`...`). A quote of elisions alone has nothing to \
look for; a longer or more cut-up one is no longer a quotation but a copy of the article, and \
these bounds also keep `check` fast whatever the data holds. A refused quote does not attest \
anything, exactly like one not found.\n\n\
Example: `quote = \"...\"` has no words; copy the sentence that attests the event, and write \
`...` only where you leave words out of it.",
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
    let span = evidence.quote.span.clone();
    let found = quote::find(&article.haystack, &evidence.quote.value);
    if matches!(found, QuoteMatch::Found(_)) {
        return;
    }
    // Only a finding names the file: most quotes are found, and this is their hot path.
    let file = timeline.user_path(&source.file.value);
    let file = file.to_string_lossy();
    let d = match found {
        QuoteMatch::Found(_) => return,
        QuoteMatch::CaseOnly(ranges) => case_mismatch(span, id, article, &file, &ranges),
        QuoteMatch::NotFound(Miss::Searched(closest)) => {
            not_found(span, id, article, &file, closest.as_ref())
        }
        QuoteMatch::NotFound(Miss::Refused(why)) => refused(span, why),
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

/// A quote that is not looked for, and why. The source does not matter: no source would
/// be searched for it.
fn refused(span: Span, why: Refusal) -> Diagnostic {
    let (message, note) = match why {
        Refusal::NoWords => ("the quote has no words to look for".to_string(), None),
        Refusal::TooManyParts(parts) => (
            format!("the quote is not looked for: it has {parts} parts between elisions"),
            Some(format!("at most {} parts are compared", quote::MAX_PARTS)),
        ),
        Refusal::TooManyWords(words) => (
            format!("the quote is not looked for: it has {words} words"),
            Some(format!(
                "at most {} words are compared",
                quote::MAX_QUOTE_WORDS
            )),
        ),
    };
    let d = Diagnostic::new(&QUOTE_REFUSED, span, message);
    match note {
        None => d
            .with_label("only elisions and white space")
            .with_help("copy the passage that attests the event; `...` stands for words left out"),
        Some(note) => d.with_label("not a quotation").with_note(note).with_help(
            "quote the passage that attests the event, or cite pieces as separate evidence",
        ),
    }
}

fn words(list: &[String]) -> String {
    list.iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(" ")
}
