//! Source rules (docs/rules.md): a readable article still matches its pin and attests its
//! metadata, and every source is cited. Whether the file could be read at all is
//! `articles`' business.

use super::citations::Citations;
use crate::articles::Article;
use crate::diagnostic::Severity::{Error, Warning};
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Source, Timeline};
use crate::text::dates::{self, Direction, ExpressionKind};
use crate::text::quote::{self, QuoteMatch};

pub const SHA256_MISMATCH: Rule = Rule {
    code: "sha256-mismatch",
    severity: Error,
    summary: "A source file's bytes no longer match its `sha256` pin.",
    explanation: "The pin records the exact article the events were checked against. A \
mismatch means the file changed; the notes say which quotes still stand in the new text, so \
you can judge whether to re-pin.\n\nExample: after confirming the new file is the right one, \
replace the pin with the output of `sha256sum articles/x.txt`.",
};

pub const PUBLISHED_UNATTESTED: Rule = Rule {
    code: "published-unattested",
    severity: Error,
    summary: "No full date in the text attests `published`, and no `published_note` explains it.",
    explanation: "Relative dates (\"this week\", \"on 19 November\") are resolved against \
`published`, so it must come from somewhere: a full date in the text that lies within it, or \
a `published_note` saying where it comes from (a page header, an archive, an inference).\n\n\
Example: add `published_note = \"Date of the page in the publisher's archive\"`.",
};

pub const SOURCE_TITLE_NOT_FOUND: Rule = Rule {
    code: "source-title-not-found",
    severity: Warning,
    summary: "A source's `title` does not stand in its text.",
    explanation: "The title is compared like a quote. A miss usually means a typo, or a title \
taken from somewhere other than the article.\n\nExample: copy the headline as the article \
prints it.",
};

pub const SOURCE_PUBLISHER_NOT_FOUND: Rule = Rule {
    code: "source-publisher-not-found",
    severity: Warning,
    summary: "A source's `publisher` is not named in its text.",
    explanation: "Most articles name their publisher in a byline or dateline; a miss may mean \
the wrong file or a misspelt publisher.\n\nExample: `publisher = \"RFERL\"` where the text \
says `RFE/RL`.",
};

pub const UNUSED_SOURCE: Rule = Rule {
    code: "unused-source",
    severity: Warning,
    summary: "A declared source that no event cites.",
    explanation: "A source in the file that no evidence uses is either left over or a sign \
that an event's evidence names the wrong source.\n\nExample: delete the `[sources.x]` table, \
or cite it.",
};

/// Some event cites the source (counting events left out for errors: a source cited only
/// by a broken event is not unused).
pub fn cited(timeline: &Timeline, source: &Source, out: &mut Vec<Diagnostic>) {
    if !timeline.cited_sources.contains(&source.id.value) {
        out.push(
            Diagnostic::new(
                &UNUSED_SOURCE,
                source.id.span.clone(),
                format!("no event cites source `{}`", source.id.value),
            )
            .with_source(source.id.value.clone())
            .with_help("cite it in an event's evidence, or remove it"),
        );
    }
}

/// A readable article matches its source's pin and attests its metadata.
pub fn article_matches(
    citations: &Citations<'_>,
    source: &Source,
    article: &Article,
    out: &mut Vec<Diagnostic>,
) {
    pin_matches(citations, source, article, out);
    metadata_attested(source, article, out);
}

/// The file still has the bytes it was pinned to; if not, say which quotes still stand.
fn pin_matches(
    citations: &Citations<'_>,
    source: &Source,
    article: &Article,
    out: &mut Vec<Diagnostic>,
) {
    let Some(pin) = &source.sha256 else { return };
    if article.sha256.eq_ignore_ascii_case(&pin.value) {
        return;
    }
    let (mut found, mut missing) = (Vec::new(), Vec::new());
    for citation in citations.of(&source.id.value) {
        let id = citation.event.id.value.as_str();
        match quote::find(&article.haystack, &citation.evidence.quote.value) {
            QuoteMatch::Found(_) => found.push(id),
            _ => missing.push(id),
        }
    }
    // A pin on a file cited thousands of times must not make a note of thousands of ids.
    const SHOWN: usize = 10;
    let list = |ids: &[&str]| match ids.len() {
        0 => "none".to_string(),
        n if n <= SHOWN => ids.join(", "),
        n => format!("{} and {} more", ids[..SHOWN].join(", "), n - SHOWN),
    };
    out.push(
        Diagnostic::new(
            &SHA256_MISMATCH,
            pin.span.clone(),
            format!("`{}` does not match its pin", source.file.value),
        )
        .with_source(source.id.value.clone())
        .with_note(format!("the file's sha256 is {}", article.sha256))
        .with_note(format!(
            "{} of {} quotes still stand; found for: {}; not found for: {}",
            found.len(),
            found.len() + missing.len(),
            list(&found),
            list(&missing)
        ))
        .with_help("if the new file is the right one, re-pin it with the sha256 above"),
    );
}

fn metadata_attested(source: &Source, article: &Article, out: &mut Vec<Diagnostic>) {
    let id = source.id.value.clone();
    if matches!(
        quote::find(&article.haystack, &source.title.value),
        QuoteMatch::NotFound(_)
    ) {
        out.push(
            Diagnostic::new(
                &SOURCE_TITLE_NOT_FOUND,
                source.title.span.clone(),
                "the title does not stand in the source's text",
            )
            .with_source(id.clone())
            .with_help("copy the headline as the article prints it"),
        );
    }
    if !article.names().mentions(&source.publisher.value) {
        out.push(
            Diagnostic::new(
                &SOURCE_PUBLISHER_NOT_FOUND,
                source.publisher.span.clone(),
                format!(
                    "`{}` is not named in the source's text",
                    source.publisher.value
                ),
            )
            .with_source(id.clone())
            .with_help("use the publisher's name as the article writes it"),
        );
    }
    if source.published_note.is_some() {
        return;
    }
    let published = source.published.value.days();
    let expressions = dates::find(&article.text, published, Direction::Past);
    let attested = expressions
        .iter()
        .any(|e| e.kind == ExpressionKind::FullDate && published.contains(&e.days));
    if !attested {
        let full: Vec<String> = expressions
            .iter()
            .filter(|e| e.kind == ExpressionKind::FullDate)
            .map(|e| format!("\"{}\" ({})", &article.text[e.range.clone()], e.days))
            .collect();
        let mut d = Diagnostic::new(
            &PUBLISHED_UNATTESTED,
            source.published.span.clone(),
            format!(
                "no full date in the text attests published = \"{}\"",
                source.published.value
            ),
        )
        .with_source(id)
        .with_help("add `published_note = \"…\"` saying where the date comes from");
        if !full.is_empty() {
            d = d.with_note(format!("full dates in the text: {}", full.join(", ")));
        }
        out.push(d);
    }
}
