//! Quote rules (docs/checks.md#quotes): each quote stands in its source, after folding,
//! and its elisions leave out no negation.

use super::citations::Citation;
use crate::articles::Article;
use crate::diagnostic::Severity::{Error, Warning};
use crate::diagnostic::{Diagnostic, Fix, Rule};
use crate::model::{Source, Span, Spanned, Timeline};
use crate::text::negation;
use crate::text::quote::{self, Closest, Miss, QuoteMatch, Refusal};
use crate::text::shorten::{ellipsis, excerpt};
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

pub const ELISION_DROPS_NEGATION: Rule = Rule {
    code: "elision-drops-negation",
    severity: Warning,
    summary: "An elision in a quote leaves out a negation that the source has there.",
    explanation: "`...` may leave words out of a quote, but when the words left out hold a \
negation the quote may say the opposite of its source. The source's text between two quoted \
parts is read for the words `not`, `never`, `no`, `nor`, `neither`, `without`, `cannot` and \
contractions in `n't` (`don't`, `won't`, straight or curly apostrophe), whole and in any case: \
`nothing`, `another`, `Notre`, `Knot` and hyphenated words such as `not-for-profit` are not \
negations, nor is `No.` before a number (`No. 5`). A word that a part cuts counts whole: \
`I can ... go` from `I cannot go` leaves out the `not` of `cannot`. A negation inside the \
quoted parts themselves is fine.\n\n\
Example: the quote `he does ... want to go back` from the source's `he does not want to go \
back`; quote the negation (`he does not want to go back`), or end the quote before it \
(`he does`).",
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
    if let QuoteMatch::Found(parts) = &found {
        if parts.len() > 1 {
            elision_drops_negation(timeline, citation, source, article, parts, out);
        }
        return;
    }
    // Only a finding names the file: most quotes are found, and this is their hot path.
    let file = timeline.user_path(&source.file.value);
    let file = file.to_string_lossy();
    let d = match found {
        QuoteMatch::Found(_) => return,
        QuoteMatch::CaseOnly(ranges) => case_mismatch(span, id, article, &file, &ranges),
        QuoteMatch::NotFound(Miss::Searched(closest)) => {
            let d = not_found(span.clone(), id, article, &file, closest.as_ref());
            match closest.and_then(|c| replacement(&evidence.quote.value, article, &c)) {
                Some(fix) => d.with_fix(Fix {
                    title: "Replace the quote with the closest passage".into(),
                    span,
                    replacement: fix,
                }),
                None => d,
            }
        }
        QuoteMatch::NotFound(Miss::Refused(why)) => refused(span, why),
    };
    out.push(
        d.with_event(citation.event.id.value.clone())
            .with_source(id.clone()),
    );
}

/// No elision of a found quote leaves out a negation: the source's text between two of
/// its parts (`parts`, ranges of the article) holds none.
fn elision_drops_negation(
    timeline: &Timeline,
    citation: Citation<'_>,
    source: &Source,
    article: &Article,
    parts: &[Range<usize>],
    out: &mut Vec<Diagnostic>,
) {
    let quote = &citation.evidence.quote;
    let marks = quote::elisions(&quote.value);
    for (pair, mark) in parts.windows(2).zip(marks) {
        let left_out = pair[0].end..pair[1].start;
        let words = negation::in_range(&article.text, left_out);
        let Some(first) = words.first().cloned() else {
            continue;
        };
        let file = timeline.user_path(&source.file.value);
        let context = around(&article.text, pair[0].start..pair[1].end, first.clone());
        let message = format!(
            "the elision leaves out {} (source: \"{context}\")",
            named(words.iter().map(|w| &article.text[w.clone()]))
        );
        out.push(
            Diagnostic::new(
                &ELISION_DROPS_NEGATION,
                span_in_string(&timeline.text, quote, mark.clone()),
                message,
            )
            .with_label("leaves out a negation")
            .with_note(format!(
                "{}:{} has \"{}\" where the quote has `{}`",
                file.to_string_lossy(),
                article.position(first.start),
                excerpt(&article.text[first]),
                ellipsis(&quote.value[mark], 20)
            ))
            .with_help("quote the negation, or end the quote before it")
            .with_event(citation.event.id.value.clone())
            .with_source(source.id.value.clone()),
        );
    }
}

/// Words for a message: `"a"`, `"a" and "b"`, `"a", "b" and "c"`, and past three, how many
/// more.
fn named<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let words: Vec<String> = words.map(|w| format!("\"{}\"", ellipsis(w, 40))).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [shown @ .., last] if words.len() <= 3 => format!("{} and {last}", shown.join(", ")),
        _ => format!("{} and {} more", words[..3].join(", "), words.len() - 3),
    }
}

/// How far, in characters, the source is shown on either side of a word left out.
const REACH: usize = 40;

/// `text[at]` with up to [`REACH`] characters of `within` on either side, cut after or
/// before white space, `…` where cut, on one line.
fn around(text: &str, within: Range<usize>, at: Range<usize>) -> String {
    // A word cut by a part may reach outside the parts themselves.
    let within = within.start.min(at.start)..within.end.max(at.end);
    let before = &text[within.start..at.start];
    let after = &text[at.end..within.end];
    let before = match before.char_indices().rev().nth(REACH) {
        None => before.to_string(),
        Some((cut, _)) => {
            let kept = &before[cut..];
            let word_start = kept.find(char::is_whitespace).map_or(0, |i| i + 1);
            format!("\u{2026}{}", &kept[word_start..])
        }
    };
    let after = match after.char_indices().nth(REACH) {
        None => after.to_string(),
        Some((cut, _)) => {
            let kept = &after[..cut];
            let word_end = kept.rfind(char::is_whitespace).unwrap_or(kept.len());
            format!("{}\u{2026}", &kept[..word_end])
        }
    };
    excerpt(&format!("{before}{}{after}", &text[at]))
}

/// The span in the events file of bytes `inner` of a string `value` written at `value.span`:
/// exact when what is written up to there is the value itself (no escapes before it), else
/// the whole string.
fn span_in_string(toml: &str, value: &Spanned<String>, inner: Range<usize>) -> Span {
    let span = value.span.clone();
    let Some(raw) = toml.get(span.clone()) else {
        return span;
    };
    let delimiter = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else if raw.starts_with(['"', '\'']) {
        1
    } else {
        0
    };
    let body = &raw[delimiter..];
    // A multi-line string drops the line break right after its opening delimiter.
    let body_start = delimiter
        + if delimiter == 3 {
            ["\r\n", "\n"]
                .iter()
                .find(|nl| body.starts_with(*nl))
                .map_or(0, |nl| nl.len())
        } else {
            0
        };
    let written = raw.get(body_start..body_start + inner.end);
    if written.is_some() && written == value.value.get(..inner.end) {
        span.start + body_start + inner.start..span.start + body_start + inner.end
    } else {
        span
    }
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

/// Below this similarity the closest passage is shown but not offered as a replacement:
/// a quote that far from its passage is more likely the wrong passage than a miscopied one.
const REPLACEABLE: f64 = 0.8;

/// The closest passage as a TOML string to write in place of the quote, when replacing is
/// what the curator wants: a close match (at least [`REPLACEABLE`]) of a quote with no
/// elision (a passage would fill in what the curator left out on purpose), within one
/// paragraph. Runs of white
/// space are written as one space, as the comparison folds them.
fn replacement(quote: &str, article: &Article, closest: &Closest) -> Option<String> {
    if closest.similarity < REPLACEABLE || !quote::elisions(quote).is_empty() {
        return None;
    }
    let passage = article.text.get(closest.range.clone())?;
    // A passage across paragraphs is the matcher's best alignment, not a quotation.
    if passage.contains("\n\n") {
        return None;
    }
    let passage: Vec<&str> = passage.split_whitespace().collect();
    (!passage.is_empty()).then(|| toml_string(&passage.join(" ")))
}

/// `text` as a TOML basic string: quotes, backslashes and control characters escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The `elision-drops-negation` findings for one quote of `article`, with the events
    /// file's text, written with the quote as `written` (a TOML string).
    fn negations(article: &str, written: &str) -> (Vec<Diagnostic>, String) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("article.txt"), article).unwrap();
        let toml = format!(
            "[sources.wire]\nfile = \"article.txt\"\npublisher = \"Wire\"\ntitle = \"T\"\n\
             published = \"2010-03-04\"\n\n[[events]]\nid = \"e\"\ndate = \"2010-03-02\"\n\
             title = \"E\"\n\n[[events.evidence]]\nsource = \"wire\"\nquote = {written}\n"
        );
        let checked = crate::check_str(&dir.path().join("events.toml"), toml.clone());
        let found = checked
            .report
            .diagnostics
            .into_iter()
            .filter(|d| d.code == ELISION_DROPS_NEGATION.code)
            .collect();
        (found, toml)
    }

    const ARTICLE: &str = "Asked about the talks, he said he does not want to go back, \
                           and left.\n\nLater, I cannot go, they said; they don\u{2019}t and \
                           never will, nor will Knot.\n\nAnother paragraph, No. 5, nothing.";

    #[test]
    fn names_the_negation_and_points_at_the_elision() {
        let (found, toml) = negations(ARTICLE, "\"he does ... want to go back\"");
        let [d] = found.as_slice() else {
            panic!("{found:?}")
        };
        assert_eq!(
            d.message,
            "the elision leaves out \"not\" (source: \"he does not want to go back\")"
        );
        assert_eq!(&toml[d.span.clone().unwrap()], "...");
        assert_eq!(d.severity, Warning);
        assert_eq!(d.event.as_deref(), Some("e"));
        assert_eq!(d.source.as_deref(), Some("wire"));
        assert!(d.notes[0].ends_with(":1:40 has \"not\" where the quote has `...`"));
        assert_eq!(
            d.help.as_deref(),
            Some("quote the negation, or end the quote before it")
        );
    }

    #[test]
    fn each_elision_on_its_own_and_every_word_named() {
        let (found, toml) = negations(
            ARTICLE,
            "\"I can \u{2026} go, they said; they ... will, [...] Knot.\"",
        );
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                // The source is shown from the part before to the part after.
                "the elision leaves out \"cannot\" (source: \"I cannot go, they said; they\")",
                "the elision leaves out \"don\u{2019}t\" and \"never\" (source: \"go, they said; \
                 they don\u{2019}t and never will,\")",
                "the elision leaves out \"nor\" (source: \"will, nor will Knot.\")",
            ]
        );
        let marks: Vec<&str> = found
            .iter()
            .map(|d| &toml[d.span.clone().unwrap()])
            .collect();
        assert_eq!(marks, ["\u{2026}", "...", "[...]"]);
    }

    #[test]
    fn near_misses_are_clean() {
        for quote in [
            // Left out: "another", "No. 5", "nothing"-like words, or nothing at all.
            "\"Another paragraph, ... nothing.\"",
            "\"Another ... 5, nothing.\"",
            "\"said he does not ... to go back\"",
            "\"he does not want to go back\"",
            "\"they don\u{2019}t ... never will\"",
            "\"Knot.\"",
        ] {
            let (found, _) = negations(ARTICLE, quote);
            assert!(found.is_empty(), "{quote}: {found:?}");
        }
        // A quote found only when case is ignored is an error already, and no more.
        let (found, _) = negations(ARTICLE, "\"He does ... want to go back\"");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_long_gap_shows_the_negation_in_its_neighbourhood() {
        let article = format!(
            "The minister said {} that the plan would not work, {} and the rest.",
            "word ".repeat(30),
            "more ".repeat(30)
        );
        let (found, _) = negations(&article, "\"The minister said ... and the rest.\"");
        let [d] = found.as_slice() else {
            panic!("{found:?}")
        };
        assert_eq!(
            d.message,
            "the elision leaves out \"not\" (source: \"\u{2026}word word word that the plan \
             would not work, more more more more more more\u{2026}\")"
        );
    }

    #[test]
    fn the_span_inside_each_kind_of_string() {
        let article = "they do not agree";
        let quote = "they do ... agree";
        for (written, exact) in [
            ("\"they do ... agree\"", true),
            ("'they do ... agree'", true),
            ("\"\"\"\nthey do ... agree\"\"\"", true),
            ("'''they do ... agree'''", true),
            // An escape before the elision: the whole string is shown.
            ("\"\\u0074hey do ... agree\"", false),
            // After it, the elision is still exact.
            ("\"they do ... agre\\u0065\"", true),
        ] {
            let (found, toml) = negations(article, written);
            let [d] = found.as_slice() else {
                panic!("{written}: {found:?}")
            };
            let shown = &toml[d.span.clone().unwrap()];
            if exact {
                assert_eq!(shown, "...", "{written}");
            } else {
                assert_eq!(shown, written);
            }
        }
        assert_eq!(
            quote::elisions(quote),
            std::iter::once(8..11).collect::<Vec<_>>()
        );
    }

    /// The events file citing `article` with the quote written as `written`, checked.
    fn checked(article: &str, written: &str) -> (crate::Checked, String) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("article.txt"), article).unwrap();
        let toml = format!(
            "[sources.wire]\nfile = \"article.txt\"\npublisher = \"Wire\"\ntitle = \"T\"\n\
             published = \"2010-03-04\"\n\n[[events]]\nid = \"e\"\ndate = \"2010-03\"\n\
             title = \"E\"\n\n[[events.evidence]]\nsource = \"wire\"\nquote = {written}\n"
        );
        let checked = crate::check_str(&dir.path().join("events.toml"), toml.clone());
        (checked, toml)
    }

    /// The quote-not-found finding's fix for `written`, and the events file it applies to.
    fn quote_fix(article: &str, written: &str) -> (Option<Fix>, String, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("article.txt"), article).unwrap();
        let (checked, toml) = checked(article, written);
        let miss = checked.report.with_code(QUOTE_NOT_FOUND.code).next();
        let miss = miss.unwrap_or_else(|| panic!("{written}: {:?}", checked.report));
        (miss.fix.clone(), toml, dir)
    }

    const SAID: &str = "In March 2010 the minister said \"we will not go \\ back\" to the talks, \
                        then left for   the\nairport at noon.\n\nAn unrelated paragraph follows here.";

    #[test]
    fn a_close_passage_is_offered_and_the_edited_file_finds_it() {
        for written in [
            "\"the minister said 'we will not go back' to the talk\"",
            "\"then left for the air port at noon\"",
        ] {
            let (fix, toml, _dir) = quote_fix(SAID, written);
            let fix = fix.unwrap_or_else(|| panic!("{written}: no fix"));
            assert_eq!(&toml[fix.span.clone()], written);
            assert_eq!(fix.title, "Replace the quote with the closest passage");
            let mut edited = toml.clone();
            edited.replace_range(fix.span.clone(), &fix.replacement);
            let (again, _) = checked(SAID, &fix.replacement);
            assert_eq!(again.timeline.text, edited);
            let quote_findings = again
                .report
                .diagnostics
                .iter()
                .filter(|d| d.code.starts_with("quote"));
            assert_eq!(
                quote_findings.count(),
                0,
                "{written} -> {}: {:?}",
                fix.replacement,
                again.report
            );
        }
    }

    #[test]
    fn the_replacement_is_one_line_with_escapes() {
        let (fix, _, _dir) = quote_fix(
            SAID,
            "\"the minister said 'we will not go back' to the talks\"",
        );
        assert_eq!(
            fix.unwrap().replacement,
            "\"the minister said \\\"we will not go \\\\ back\\\" to the talks,\""
        );
        let (fix, _, _dir) = quote_fix(SAID, "\"then left for the air port at noon\"");
        assert_eq!(
            fix.unwrap().replacement,
            "\"then left for the airport at noon.\""
        );
        assert_eq!(toml_string("a\u{1}b\u{85}\t"), "\"a\\u0001b\\u0085\\t\"");
    }

    #[test]
    fn a_distant_passage_or_an_elided_quote_is_not_offered() {
        for written in [
            // Alike, but not enough to be a miscopy of it.
            "\"the minister said they may go to the meeting\"",
            // A passage would fill in what the elision leaves out.
            "\"the minister said ... we will not go back to the talk\"",
            // The closest passage runs into the next paragraph.
            "\"airport at noon. An unrelated paragraf\"",
        ] {
            let (fix, _, _dir) = quote_fix(SAID, written);
            assert_eq!(fix, None, "{written}");
        }
        let (checked, _) = checked(SAID, "\"zebra quantum xylophone\"");
        let miss = checked
            .report
            .with_code(QUOTE_NOT_FOUND.code)
            .next()
            .unwrap();
        assert_eq!(miss.fix, None, "no passage is alike");
    }

    #[test]
    fn named_words() {
        let named = |words: &[&str]| named(words.iter().copied());
        assert_eq!(named(&["not"]), "\"not\"");
        assert_eq!(named(&["not", "no"]), "\"not\" and \"no\"");
        assert_eq!(named(&["a", "b", "c"]), "\"a\", \"b\" and \"c\"");
        assert_eq!(
            named(&["a", "b", "c", "d", "e"]),
            "\"a\", \"b\", \"c\" and 2 more"
        );
    }
}
