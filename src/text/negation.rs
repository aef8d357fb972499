//! Negations in running text: which words of a stretch of an article say "not", so that a
//! quote whose elision leaves one out can be flagged (`elision-drops-negation`). Position-free
//! like the rest of `text`: results are byte ranges into the text given.
//!
//! A negation is one of the words `not`, `never`, `no`, `nor`, `neither`, `without`,
//! `cannot`, or a contraction in `n't` (`don't`, `won't`, `can't`, `isn't`, `ain't`, and the
//! `n't` that tokenised wire copy splits off: `do n't`), in any case, with a straight or
//! curly apostrophe (`’`, `ʼ`). English only. The choices:
//!
//! - **Whole words.** A word is a run of letters and digits, joined across one apostrophe
//!   or hyphen between two of them: `Notre`, `nothing`, `another`, `Knot` are not `not`.
//! - **Hyphenated compounds are one word**, so `not-for-profit`, `no-fly`, `never-ending`
//!   are not negations: they name a thing rather than deny a statement.
//! - **`No.` before a number is "number"**: `No. 5`, `no.12` (a full stop, optional white
//!   space, a digit) are not negations; `No.` anywhere else is. The price is that "He said
//!   no. 5 people left" counts as an abbreviation, a rarer sentence than "No. 10 Downing".
//! - Other words that deny (`nothing`, `nobody`, `none`, `hardly`, `fail`) are left out:
//!   they are not always a negation of what follows, and the list is meant to be certain.
//!
//! A word that the stretch cuts (a part of a quote that ends inside `cannot`, so that the
//! elision leaves out `not`) counts whole: [`in_range`] reads the words that overlap the
//! stretch, reaching outside it for their ends.

use std::ops::Range;

/// The negations among the words of `text` that overlap `range`, as byte ranges of `text`
/// (a word may start before `range` or end after it), in order. `range` must lie on
/// character boundaries.
pub fn in_range(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    if range.is_empty() {
        return Vec::new();
    }
    let joins = |c: char| is_word_char(c) || is_joiner(c);
    let start = text[..range.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| joins(c))
        .last()
        .map_or(range.start, |(i, _)| i);
    let end = text[range.end..]
        .char_indices()
        .find(|&(_, c)| !joins(c))
        .map_or(text.len(), |(i, _)| range.end + i);
    let mut word = String::new();
    words(text, start..end)
        .filter(|w| w.start < range.end && w.end > range.start)
        .filter(|w| is_negation(text, w.clone(), &mut word))
        .collect()
}

/// Letters and digits make words.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Apostrophes and hyphens join two letters into one word: `don't`, `not-for-profit`.
/// The soft hyphen does too (and is then dropped).
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2BC}' | '-' | '\u{2010}' | '\u{2011}' | '\u{AD}'
    )
}

/// The words of `text[range]`: runs of word characters, joined across one joiner between
/// two of them.
fn words(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let base = range.start;
    let mut chars = text[range].char_indices().peekable();
    std::iter::from_fn(move || {
        // Skip to the next word character.
        let (start, first) = loop {
            let (i, c) = chars.next()?;
            if is_word_char(c) {
                break (base + i, c);
            }
        };
        let mut end = start + first.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if is_word_char(c) {
                end = base + i + c.len_utf8();
                chars.next();
            } else if is_joiner(c) {
                // A joiner belongs to the word only with a word character after it.
                let mut ahead = chars.clone();
                ahead.next();
                match ahead.peek() {
                    Some(&(_, d)) if is_word_char(d) => {
                        chars.next();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        Some(start..end)
    })
}

/// Whether the word `text[range]` is a negation; `buf` is scratch space for its lowercase
/// form, so that scanning a long stretch allocates once.
fn is_negation(text: &str, range: Range<usize>, buf: &mut String) -> bool {
    let word = &text[range.clone()];
    // The longest negation word is seven letters; longer ones can only be contractions.
    if word.len() > 7 && !word.ends_with(['t', 'T']) {
        return false;
    }
    buf.clear();
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2BC}' => buf.push('\''),
            '\u{AD}' => {}
            c => buf.extend(c.to_lowercase()),
        }
    }
    match buf.as_str() {
        "not" | "never" | "nor" | "neither" | "without" | "cannot" => true,
        "no" => !before_a_number(&text[range.end..]),
        w => w.ends_with("n't"),
    }
}

/// Whether `after` (what follows a `no`) makes it the abbreviation of "number": a full
/// stop, optional white space, a digit.
fn before_a_number(after: &str) -> bool {
    after.strip_prefix('.').is_some_and(|rest| {
        rest.trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The negations of all of `text`, as words.
    #[track_caller]
    fn negations(text: &str) -> Vec<&str> {
        in_range(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn the_listed_words_in_any_case() {
        assert_eq!(
            negations("Not now, never; NO and nor, Neither without cannot."),
            ["Not", "never", "NO", "nor", "Neither", "without", "cannot"]
        );
    }

    #[test]
    fn contractions_with_any_apostrophe() {
        assert_eq!(
            negations("don't doesn\u{2019}t WON'T can\u{2BC}t isn't ain't do n't"),
            [
                "don't",
                "doesn\u{2019}t",
                "WON'T",
                "can\u{2BC}t",
                "isn't",
                "ain't",
                "n't"
            ]
        );
        // An apostrophe that closes a quotation is no part of the word.
        assert_eq!(negations("'not' \u{2018}never\u{2019}"), ["not", "never"]);
    }

    #[test]
    fn words_that_only_contain_a_negation() {
        assert!(negations(
            "Notre Dame, nothing, another, Knot, notably, noon, north, nonce, nevertheless, \
             Nora, cannon, wont, tnot, know, snort, innocent, nowhere, none"
        )
        .is_empty());
    }

    #[test]
    fn hyphenated_compounds_are_one_word() {
        assert!(negations("a not-for-profit group, a no-fly zone, never\u{2010}ending").is_empty());
        // A dash set apart, or a hyphen at a word's end, does not join.
        assert_eq!(negations("yes - not - no-"), ["not", "no"]);
    }

    #[test]
    fn no_before_a_number_is_the_abbreviation() {
        assert!(negations("No. 5, no.12, NO.  3, No.\u{A0}7").is_empty());
        assert_eq!(
            negations("He said no. Then no, no.X and No 5."),
            ["no", "no", "no", "No"]
        );
    }

    fn once(r: Range<usize>) -> Vec<Range<usize>> {
        vec![r; 1]
    }

    #[test]
    fn words_cut_by_the_range_count_whole() {
        let text = "I cannot go and they won't stay.";
        // The quote kept "I can" and "go": the elision left out "not" of "cannot".
        let at = text.find("not").unwrap();
        assert_eq!(in_range(text, at..at + 4), once(2..8));
        // It kept "they won": "'t" is left out.
        let at = text.find("'t").unwrap();
        assert_eq!(in_range(text, at..at + 3), once(21..26));
        // A word only touching the range is not in it.
        let at = text.find(" go").unwrap();
        assert!(in_range(text, at..at + 1).is_empty());
        assert!(in_range(text, 5..5).is_empty());
    }

    #[test]
    fn soft_hyphens_and_other_scripts() {
        assert_eq!(negations("can\u{AD}not"), ["can\u{AD}not"]);
        assert!(negations("\u{41D}\u{435}\u{442} nicht \u{E9}t\u{E9}").is_empty());
    }
}
