//! Source rules (docs/checks.md#sources): a readable article still matches its pin and attests its
//! metadata, and every source is cited. Whether the file could be read at all is
//! `articles`' business.

use super::citations::Citations;
use crate::articles::{Article, MetaDate};
use crate::date::DayInterval;
use crate::diagnostic::Severity::{Error, Warning};
use crate::diagnostic::{Diagnostic, Fix, Rule};
use crate::model::{Source, Timeline};
use crate::text::dates::{self, Context, Direction, ExpressionKind};
use crate::text::names::NameIndex;
use crate::text::quote::{self, QuoteMatch};
use chrono::Datelike;

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
    // Read for a file with a pin, the hash is there.
    let Some(sha256) = &article.sha256 else {
        return;
    };
    if sha256.eq_ignore_ascii_case(&pin.value) {
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
        .with_note(format!("the file's sha256 is {sha256}"))
        .with_note(format!(
            "{} of {} quotes still stand; found for: {}; not found for: {}",
            found.len(),
            found.len() + missing.len(),
            list(&found),
            list(&missing)
        ))
        .with_help("if the new file is the right one, re-pin it with the sha256 above")
        .with_fix(Fix {
            title: "Update the sha256 pin to the file's hash".into(),
            span: pin.span.clone(),
            replacement: format!("\"{sha256}\""),
        }),
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
    if !publisher_named(article, &source.publisher.value) {
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
    if source.published_note.is_none() {
        published_attested(source, article, out);
    }
}

/// The text names `publisher`, or the page's metadata does (`og:site_name`, JSON-LD
/// `publisher`): many pages show their name only in a logo.
fn publisher_named(article: &Article, publisher: &str) -> bool {
    article.names().mentions(publisher)
        || article
            .origin
            .publishers
            .iter()
            .any(|name| NameIndex::new(name).mentions(publisher))
}

/// `published` agrees with what the file says of its own publication: the page's
/// metadata when it states one (`article:published_time`, JSON-LD `datePublished`), which
/// then decides, since a date in the text may be any event's; otherwise a full date in the
/// text, or a date the page marks up (`<time datetime>`), lies within it. A moment the
/// metadata writes in UTC may fall on `published` elsewhere on Earth without being
/// written so: then the page's visible date must agree too.
fn published_attested(source: &Source, article: &Article, out: &mut Vec<Diagnostic>) {
    let published = source.published.value.days();
    let within = |d: &&MetaDate| d.within(&published);
    let near = |d: &&MetaDate| d.near(&published);
    let context = source_context(source);
    let page = &article.origin.dates;
    let stated: Vec<&MetaDate> = page
        .iter()
        .filter(|d| d.publication && d.days().is_some())
        .collect();
    let unattested = |message: String| {
        Diagnostic::new(
            &PUBLISHED_UNATTESTED,
            source.published.span.clone(),
            message,
        )
        .with_source(source.id.value.clone())
    };
    let marked: Vec<&MetaDate> = page.iter().filter(|d| !is_modified(d)).collect();
    let visible = || marked.iter().any(within) || attests(&article.text, &context);
    if !stated.is_empty() {
        let agrees = stated.iter().any(within) || (stated.iter().any(near) && visible());
        if !agrees {
            out.push(
                unattested(format!(
                    "the page's metadata states another publication date than published = \"{}\"",
                    source.published.value
                ))
                .with_note(format!("the page says: {}", listed(&stated)))
                .with_help("set `published` to the date the page states, or say in `published_note` why the page is wrong"),
            );
        }
        return;
    }
    if visible() {
        return;
    }
    // Only now read the whole text, to list what it does say.
    let full: Vec<String> = full_dates(&article.text, &context)
        .take(10)
        .map(|(range, days)| format!("\"{}\" ({days})", &article.text[range]))
        .collect();
    let mut d = unattested(format!(
        "no full date in the text attests published = \"{}\"",
        source.published.value
    ))
    .with_help("add `published_note = \"…\"` saying where the date comes from");
    if !full.is_empty() {
        d = d.with_note(format!("full dates in the text: {}", full.join(", ")));
    }
    if !marked.is_empty() {
        d = d.with_note(format!("dates the page marks up: {}", listed(&marked)));
    }
    out.push(d);
}

/// A date the page gives for a later change, which says nothing of its publication.
fn is_modified(date: &MetaDate) -> bool {
    let name = date.name.to_ascii_lowercase();
    name.contains("modif") || name.contains("updated")
}

/// Page dates as a note lists them: `article:published_time = "2003-12-04T10:00Z" (line 7)`.
fn listed(dates: &[&MetaDate]) -> String {
    const SHOWN: usize = 5;
    let mut parts: Vec<String> = dates
        .iter()
        .take(SHOWN)
        .map(|d| format!("{} = \"{}\" (line {})", d.name, d.value, d.line))
        .collect();
    if dates.len() > SHOWN {
        parts.push(format!("and {} more", dates.len() - SHOWN));
    }
    parts.join(", ")
}

/// What the date reader knows of a source's text besides its words.
pub fn source_context(source: &Source) -> Context {
    Context {
        published: source.published.value.days(),
        date_order: source.date_order,
    }
}

/// The full dates in `text`, with the days each gives (the same read either way).
fn full_dates(
    text: &str,
    context: &Context,
) -> impl Iterator<Item = (std::ops::Range<usize>, DayInterval)> {
    dates::read(text, context)
        .into_iter()
        .filter(|r| r.kind == ExpressionKind::FullDate)
        .filter_map(|r| Some((r.range.clone(), r.days(Direction::Past)?)))
}

/// How far before a year a full date may start ("Wednesday, 3rd of December, 2003").
const BEFORE_YEAR: usize = 120;
/// How far after a year's first digit a full date may end ("2003-12-03").
const AFTER_YEAR: usize = 16;
/// A `published` interval over more years than this is read whole.
const MAX_YEARS: i32 = 20;

/// Whether a full date in `text` falls within `published`. Every full date citeline reads
/// writes its year in four digits, so only the neighbourhood of each mention of a year of
/// `published` is read: a 15 MB report cited by many sources is not parsed for dates once per
/// source.
fn attests(text: &str, context: &Context) -> bool {
    let published = context.published;
    let (first, last) = (published.earliest().year(), published.latest().year());
    let attested =
        |window: &str| full_dates(window, context).any(|(_, days)| published.contains(&days));
    if !(1000..=9999).contains(&first) || !(1000..=9999).contains(&last) || last - first > MAX_YEARS
    {
        return attested(text);
    }
    (first..=last).any(|year| {
        let needle = year.to_string();
        memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes())
            .any(|at| attested(&text[window(text, at)]))
    })
}

/// The text around byte `at`: from a word start at most [`BEFORE_YEAR`] bytes back (line
/// breaks included: hard-wrapped text breaks dates too) to at most [`AFTER_YEAR`] bytes on,
/// on character boundaries.
fn window(text: &str, at: usize) -> std::ops::Range<usize> {
    let bytes = text.as_bytes();
    let floor = at.saturating_sub(BEFORE_YEAR);
    let mut start = floor;
    if floor > 0 {
        // Cut at a word start, not inside a word.
        start = bytes[floor..at]
            .iter()
            .position(|b| b.is_ascii_whitespace())
            .map_or(at, |i| floor + i + 1);
    }
    let mut end = (at + AFTER_YEAR).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    while !text.is_char_boundary(start) {
        start += 1;
    }
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn day(text: &str) -> DayInterval {
        crate::date::parse(text).unwrap().days()
    }

    /// What reading the whole text says, which the windows must agree with.
    fn whole(text: &str, published: DayInterval) -> bool {
        full_dates(text, &Context::published(published)).any(|(_, days)| published.contains(&days))
    }

    fn attests(text: &str, published: DayInterval) -> bool {
        super::attests(text, &Context::published(published))
    }

    #[test]
    fn a_pin_mismatch_offers_the_files_hash_and_the_repinned_file_is_clean() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sha256-mismatch/bad");
        let path = dir.join("events.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let checked = crate::check_str(&path, text.clone());
        let d = checked
            .report
            .with_code(SHA256_MISMATCH.code)
            .next()
            .unwrap();
        let fix = d.fix.clone().expect("a mismatched pin offers the new hash");
        assert_eq!(&text[fix.span.clone()], format!("\"{}\"", "0".repeat(64)));
        let mut edited = text.clone();
        edited.replace_range(fix.span.clone(), &fix.replacement);
        let again = crate::check_str(&path, edited);
        assert_eq!(again.report.with_code(SHA256_MISMATCH.code).count(), 0);
        // The new pin is the file's own: another pin is still refused, with the same fix.
        let hash = &fix.replacement[1..65];
        let flipped = if hash.starts_with('0') { "1" } else { "0" };
        let other = text.replace(&"0".repeat(64), &format!("{flipped}{}", &hash[1..]));
        let recheck = crate::check_str(&path, other);
        let d = recheck
            .report
            .with_code(SHA256_MISMATCH.code)
            .next()
            .unwrap();
        assert_eq!(d.fix.as_ref().unwrap().replacement, fix.replacement);
    }

    #[test]
    fn a_full_date_anywhere_attests_and_near_misses_do_not() {
        let long = "word ".repeat(5_000);
        let attesting = [
            "Published Wednesday, 3rd of December, 2003, in Prague.",
            "PRAGUE, December 3, 2003 (RFE/RL)",
            "filed 2003-12-03 by the desk",
        ];
        for text in attesting {
            let text = format!("{long}\n{text}\n{long}");
            assert!(attests(&text, day("2003-12-03")), "{text:.80}");
        }
        let not_attesting = [
            "3 December 2004",
            "in 2003, on 3 December",
            "December 3, 2003",
        ];
        assert!(!attests(not_attesting[0], day("2003-12-03")));
        assert!(!attests(not_attesting[1], day("2003-12-03")));
        assert!(!attests(not_attesting[2], day("2003-12-04")));
        // An uncertain publication date is attested by any full date inside it.
        assert!(attests("seen 5 March 2013", day("2012-07/2013-11")));
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(512))]
        /// Reading around each year never misses what reading the whole text finds. It can
        /// find more: the reader lets words before a date change how it is read ("in 2003
        /// Dec. 3 December 2003" reads "2003 Dec. 3" first), and a window that starts later
        /// sees the date as written.
        #[test]
        fn windows_agree_with_the_whole_text(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "3 December 2003", "December 3, 2003", "2003-12-03", "in 2003", "Wednesday,",
                "the 3rd of December,", "2003", "December", "3", "\n", "ü", " word ", "Dec.",
                "12003", "2003-12", "on 3 December", "of", ",", "-",
            ]), 0..30),
            published in proptest::sample::select(vec!["2003-12-03", "2003-12", "2003", "2002/2004"]),
        ) {
            let text = parts.join(" ");
            let published = day(published);
            let (windows, all) = (attests(&text, published), whole(&text, published));
            proptest::prop_assert!(windows || !all, "{}", text);
        }
    }
}
