//! The direction a date expression's own words give: "will meet in April", "is expected
//! to close in December", "set for Monday" look ahead; "met on Monday", "was signed in
//! April" look back.
//!
//! The reader looks in the expression's sentence: first back from the expression to the
//! sentence's start, where the nearest cue decides ("said it will open in April": "will"),
//! then a few words on ("the meeting in April will decide"). It knows no grammar: the cues
//! are words, listed below, and a participle after "be" ("to be completed") looks ahead.
//! Reporting verbs ("said", "told") and other "-ed" words are no cues: they say nothing of
//! the reported event's time, or are adjectives as often as verbs. No cue: `None`, and the
//! caller falls back (see `Reading::direction`).

use super::expression::Direction;
use super::tokens::{Gap, Kind, Token};

/// Words that look ahead.
const FUTURE: &[&str] = &[
    "will",
    "shall",
    "ll",
    "won",
    "would",
    "expected",
    "expect",
    "expects",
    "expecting",
    "scheduled",
    "schedule",
    "slated",
    "planned",
    "plans",
    "planning",
    "intends",
    "intend",
    "aims",
    "due",
    "payable",
    "expire",
    "expires",
    "effective",
    "upcoming",
    "forthcoming",
    "coming",
    "tomorrow",
    "next",
    "future",
    "proposed",
];

/// Words that look back.
const PAST: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "ago",
    "brought",
    "bought",
    "sought",
    "fought",
    "caught",
    "spent",
    "sent",
    "lost",
    "found",
    "became",
    "chose",
    "grew",
    "knew",
    "led",
    "struck",
    "stood",
    "wrote",
    "spoke",
    "broke",
    "ended",
    "happened",
    "occurred",
    "earlier",
    "last",
    "been",
    "met",
    "began",
    "came",
    "went",
    "took",
    "made",
    "gave",
    "won",
    "left",
    "held",
    "saw",
    "fell",
    "rose",
    "paid",
    "sold",
    "bought",
    "yesterday",
];

/// Irregular participles that may follow "be": "will be paid", "to be held".
const IRREGULAR: &[&str] = &[
    "paid", "held", "made", "sold", "given", "taken", "met", "set", "built", "seen",
];

/// How far on from the expression a cue still counts.
const AHEAD: usize = 6;
/// How many words before the expression still make it the opening of its sentence.
const OPENING: usize = 3;
/// How far back at most (a long sentence's start says little about its end).
const BACK: usize = 30;

/// The direction the words around tokens `first..end` give, if any.
pub(super) fn tense(text: &str, tokens: &[Token], first: usize, end: usize) -> Option<Direction> {
    let word = |j: usize| -> Option<&str> {
        let t = tokens.get(j)?;
        matches!(t.kind, Kind::Word { .. }).then(|| &text[t.start..t.end])
    };
    let mut j = first;
    let floor = first.saturating_sub(BACK);
    while j > floor {
        if tokens[j].gap == Gap::Break || sentence_ends_before(text, tokens, j) {
            break;
        }
        j -= 1;
        if let Some(cue) = word(j).and_then(|w| cue(w, tokens, j, text)) {
            return Some(cue);
        }
    }
    // Words after the expression count only when it opens its sentence ("On Friday the
    // board will meet"); after a verb ("announced Friday, holders would receive") they
    // belong to another clause.
    if first - j > OPENING {
        return None;
    }
    let mut k = end;
    while k < tokens.len() && k < end + AHEAD {
        if tokens[k].gap == Gap::Break || sentence_ends_before(text, tokens, k) {
            break;
        }
        if let Some(cue) = word(k).and_then(|w| cue(w, tokens, k, text)) {
            return Some(cue);
        }
        k += 1;
    }
    None
}

/// Whether a sentence ends just before token `j`: ".", "!", "?" or ";" then a space and a
/// capital ("… in May. The …"), the dot not after a short abbreviation ("Nov. 16").
fn sentence_ends_before(text: &str, tokens: &[Token], j: usize) -> bool {
    if j == 0 {
        return true;
    }
    let p = &tokens[j - 1];
    match p.kind {
        Kind::Punct('!' | '?' | ';') => true,
        Kind::Punct('.') => {
            let starts_capital = tokens[j].gap != Gap::None
                && text[tokens[j].start..].starts_with(|c: char| c.is_uppercase());
            let abbreviation = j >= 2
                && matches!(tokens[j - 2].kind, Kind::Word { .. })
                && tokens[j - 2].end - tokens[j - 2].start <= 3;
            starts_capital && !abbreviation
        }
        _ => false,
    }
}

/// The direction word `w` (token `j`) gives, if it is a cue.
fn cue(w: &str, tokens: &[Token], j: usize, text: &str) -> Option<Direction> {
    // Every cue is short ASCII: longer or other words are only checked for "-ed".
    let mut buffer = [0u8; 12];
    let lower = if w.len() <= buffer.len() && w.is_ascii() {
        let b = &mut buffer[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        std::str::from_utf8(b).unwrap_or("")
    } else {
        return passive_after_be(w, tokens, j, text);
    };
    // "won't" looks ahead; "won" alone (the election) looks back.
    if lower == "won" {
        let apostrophe_t = tokens
            .get(j + 2)
            .is_some_and(|t| &text[t.start..t.end] == "t")
            && tokens.get(j + 1).is_some_and(|t| t.gap == Gap::None);
        return Some(if apostrophe_t {
            Direction::Future
        } else {
            Direction::Past
        });
    }
    // "'ll" only after an apostrophe.
    if lower == "ll" {
        return (j > 0 && matches!(tokens[j - 1].kind, Kind::Punct('\'' | '’')))
            .then_some(Direction::Future);
    }
    // "set for Monday", "set to meet": "set" alone ("set a record") says nothing.
    if lower == "set" {
        let next = tokens
            .get(j + 1)
            .map(|t| text[t.start..t.end].to_ascii_lowercase());
        return matches!(next.as_deref(), Some("for" | "to")).then_some(Direction::Future);
    }
    if let Some(passive) = passive_after_be(lower, tokens, j, text) {
        return Some(passive);
    }
    // "lower-than-expected", "long-planned": a compound adjective says nothing.
    let compound =
        j > 0 && matches!(tokens[j - 1].kind, Kind::Punct('-')) && tokens[j].gap == Gap::None;
    if compound {
        return None;
    }
    if FUTURE.contains(&lower) {
        return Some(Direction::Future);
    }
    if PAST.contains(&lower) {
        return Some(Direction::Past);
    }
    passive_after_be(w, tokens, j, text)
}

/// A participle after "be" ("to be completed by Dec. 15", "would be redeemed") is an
/// infinitive or follows a modal: it looks ahead. Other "-ed" words say nothing: they are as
/// often adjectives ("preferred shares") as past verbs.
fn passive_after_be(w: &str, tokens: &[Token], j: usize, text: &str) -> Option<Direction> {
    let participle = (w.len() >= 5 && w.ends_with("ed") || IRREGULAR.contains(&w))
        && w.starts_with(|c: char| c.is_ascii_lowercase())
        && !["need", "feed", "seed", "speed", "breed", "proceed"]
            .iter()
            .any(|x| w.ends_with(x));
    let be = j > 0 && {
        let t = &tokens[j - 1];
        text[t.start..t.end].eq_ignore_ascii_case("be") && t.end <= tokens[j].start
    };
    (participle && be).then_some(Direction::Future)
}
