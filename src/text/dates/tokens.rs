//! The tokenizer under the date grammar: words, numbers and punctuation with byte offsets,
//! and whether white space (or a paragraph break) stands before each.
//!
//! A token is a run of alphanumeric characters (so "Mayor" is one word and never "May"),
//! or one other non-space character. Words are classified once, here, against small static
//! tables compared without allocating; everything the grammar needs to know about a token
//! is in [`Kind`].

use chrono::Weekday;

/// What separates a token from the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Gap {
    /// Nothing: the tokens touch ("Dec." or "2003-12").
    None,
    /// White space holding at most one line break.
    Space,
    /// A paragraph break (two line breaks or more), or the start of the text: date
    /// expressions never run across it.
    Break,
}

/// A word the grammar knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Key {
    Today,
    Tonight,
    Yesterday,
    Tomorrow,
    This,
    Last,
    Next,
    Week,
    Weekend,
    Month,
    Year,
    Night,
    Morning,
    Afternoon,
    Evening,
    The,
    Of,
    Early,
    Mid,
    Late,
    In,
    Since,
    Until,
    Till,
    By,
    During,
    Before,
    After,
    From,
    Through,
    Throughout,
    Between,
    And,
    To,
    Or,
    Season,
    Day,
    Days,
    Weeks,
    Months,
    Years,
    Ago,
    Quarter,
    Half,
    Period,
    Latest,
    Recent,
    Most,
    Current,
    Previous,
    Past,
    Fiscal,
    Decade,
    Earlier,
    Later,
    Overnight,
    Over,
    At,
    For,
    Except,
    Beginning,
    Start,
    Middle,
    End,
    Within,
    Christmas,
    Eve,
    Thanksgiving,
    Easter,
    Labor,
    Independence,
    New,
    Good,
    Into,
    Part,
    Quarters,
}

/// What a word means to the grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lexeme {
    /// A month name, 1-12; `abbreviated` for "Nov", "Sept".
    Month {
        month: u32,
        abbreviated: bool,
    },
    Weekday(Weekday),
    Key(Key),
    /// A number word: "a", "an", "one" to "twelve".
    Count(u32),
    /// An ordinal word: "first" to "fourth".
    Nth(u32),
    /// Any other word.
    Plain,
}

/// A token's class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Word {
        lexeme: Lexeme,
        /// Starts with an upper-case letter ("May", "MAY").
        capitalized: bool,
        /// Lower case, at least four letters, ending in a plural-looking "s" ("views",
        /// "troops"): a number before it is a count, not a year.
        plural: bool,
    },
    /// ASCII digits; `value` is `None` beyond nine digits.
    Number { value: Option<u32>, digits: usize },
    /// Digits with an English ordinal suffix: "3rd", "19th".
    Ordinal(u32),
    /// Four digits ending in 0 followed by "s": "1990s".
    Decade(i32),
    /// One character that is neither alphanumeric nor white space.
    Punct(char),
    /// An alphanumeric run of any other shape ("abc2003", "٣").
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
    pub gap: Gap,
    pub kind: Kind,
}

/// Split `text` into tokens, in order.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut gap = Gap::Break;
    let mut newlines = 0u32;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            if c == '\n' || c == '\u{2029}' {
                newlines += 1;
            }
            if gap == Gap::None {
                gap = Gap::Space;
            }
            if newlines >= 2 {
                gap = Gap::Break;
            }
            continue;
        }
        let (end, kind) = if c.is_alphanumeric() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_alphanumeric() {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            (end, classify(&text[start..end]))
        } else {
            (start + c.len_utf8(), Kind::Punct(c))
        };
        tokens.push(Token {
            start,
            end,
            gap,
            kind,
        });
        gap = Gap::None;
        newlines = 0;
    }
    tokens
}

fn classify(run: &str) -> Kind {
    let bytes = run.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return if run.chars().all(char::is_alphabetic) {
            classify_word(run)
        } else {
            Kind::Other
        };
    }
    let value = if digits <= 9 {
        run[..digits].parse::<u32>().ok()
    } else {
        None
    };
    let suffix = &run[digits..];
    if suffix.is_empty() {
        return Kind::Number { value, digits };
    }
    match value {
        Some(v)
            if ["st", "nd", "rd", "th"]
                .iter()
                .any(|s| suffix.eq_ignore_ascii_case(s)) =>
        {
            Kind::Ordinal(v)
        }
        Some(v) if digits == 4 && v >= 1000 && v % 10 == 0 && suffix == "s" => {
            Kind::Decade(v as i32)
        }
        _ => Kind::Other,
    }
}

fn classify_word(word: &str) -> Kind {
    let capitalized = word.starts_with(|c: char| c.is_uppercase());
    let plural = word.len() >= 4
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && word.ends_with('s')
        && !["ss", "us", "is"].iter().any(|e| word.ends_with(e));
    Kind::Word {
        lexeme: lexeme(word),
        capitalized,
        plural,
    }
}

/// Look a word up, ignoring ASCII case, without allocating.
fn lexeme(word: &str) -> Lexeme {
    const MAX: usize = 12;
    if word.len() > MAX || !word.is_ascii() {
        return Lexeme::Plain;
    }
    let mut buffer = [0u8; MAX];
    let lower = &mut buffer[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let month = |month, abbreviated| Lexeme::Month { month, abbreviated };
    use Key::*;
    let key = match &*lower {
        b"january" => return month(1, false),
        b"jan" => return month(1, true),
        b"february" => return month(2, false),
        b"feb" => return month(2, true),
        b"march" => return month(3, false),
        b"mar" => return month(3, true),
        b"april" => return month(4, false),
        b"apr" => return month(4, true),
        b"may" => return month(5, false),
        b"june" => return month(6, false),
        b"jun" => return month(6, true),
        b"july" => return month(7, false),
        b"jul" => return month(7, true),
        b"august" => return month(8, false),
        b"aug" => return month(8, true),
        b"september" => return month(9, false),
        b"sep" | b"sept" => return month(9, true),
        b"october" => return month(10, false),
        b"oct" => return month(10, true),
        b"november" => return month(11, false),
        b"nov" => return month(11, true),
        b"december" => return month(12, false),
        b"dec" => return month(12, true),
        b"monday" => return Lexeme::Weekday(Weekday::Mon),
        b"tuesday" => return Lexeme::Weekday(Weekday::Tue),
        b"wednesday" => return Lexeme::Weekday(Weekday::Wed),
        b"thursday" => return Lexeme::Weekday(Weekday::Thu),
        b"friday" => return Lexeme::Weekday(Weekday::Fri),
        b"saturday" => return Lexeme::Weekday(Weekday::Sat),
        b"sunday" => return Lexeme::Weekday(Weekday::Sun),
        b"a" | b"an" | b"one" => return Lexeme::Count(1),
        b"two" => return Lexeme::Count(2),
        b"three" => return Lexeme::Count(3),
        b"four" => return Lexeme::Count(4),
        b"five" => return Lexeme::Count(5),
        b"six" => return Lexeme::Count(6),
        b"seven" => return Lexeme::Count(7),
        b"eight" => return Lexeme::Count(8),
        b"nine" => return Lexeme::Count(9),
        b"ten" => return Lexeme::Count(10),
        b"eleven" => return Lexeme::Count(11),
        b"twelve" => return Lexeme::Count(12),
        b"first" => return Lexeme::Nth(1),
        b"second" => return Lexeme::Nth(2),
        b"third" => return Lexeme::Nth(3),
        b"fourth" => return Lexeme::Nth(4),
        b"quarter" => Quarter,
        b"half" => Half,
        b"part" => Part,
        b"into" => Into,
        b"quarters" => Quarters,
        b"period" => Period,
        b"latest" => Latest,
        b"recent" => Recent,
        b"most" => Most,
        b"current" => Current,
        b"previous" | b"preceding" | b"prior" => Previous,
        b"past" => Past,
        b"fiscal" => Fiscal,
        b"decade" => Decade,
        b"earlier" => Earlier,
        b"later" => Later,
        b"overnight" => Overnight,
        b"over" => Over,
        b"at" => At,
        b"for" => For,
        b"except" => Except,
        b"beginning" => Beginning,
        b"start" => Start,
        b"middle" => Middle,
        b"end" => End,
        b"within" => Within,
        b"christmas" => Christmas,
        b"eve" => Eve,
        b"thanksgiving" => Thanksgiving,
        b"easter" => Easter,
        b"labor" | b"labour" => Labor,
        b"independence" => Independence,
        b"new" => New,
        b"good" => Good,
        b"day" => Day,
        b"days" => Days,
        b"weeks" => Weeks,
        b"months" => Months,
        b"years" => Years,
        b"ago" => Ago,
        b"today" => Today,
        b"tonight" => Tonight,
        b"yesterday" => Yesterday,
        b"tomorrow" => Tomorrow,
        b"this" => This,
        b"last" => Last,
        b"next" => Next,
        b"week" => Week,
        b"weekend" => Weekend,
        b"month" => Month,
        b"year" => Year,
        b"night" => Night,
        b"morning" => Morning,
        b"afternoon" => Afternoon,
        b"evening" => Evening,
        b"the" => The,
        b"of" => Of,
        b"early" => Early,
        b"mid" => Mid,
        b"late" => Late,
        b"in" => In,
        b"since" => Since,
        b"until" => Until,
        b"till" => Till,
        b"by" => By,
        b"during" => During,
        b"before" => Before,
        b"after" => After,
        b"from" => From,
        b"through" => Through,
        b"throughout" => Throughout,
        b"between" => Between,
        b"and" => And,
        b"to" => To,
        b"or" => Or,
        b"spring" | b"summer" | b"autumn" | b"fall" | b"winter" => Season,
        _ => return Lexeme::Plain,
    };
    Lexeme::Key(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, Gap)> {
        tokenize(text)
            .into_iter()
            .map(|t| (&text[t.start..t.end], t.gap))
            .collect()
    }

    #[test]
    fn words_numbers_and_punctuation_with_gaps() {
        use Gap::*;
        assert_eq!(
            kinds("Dec. 3,\n2003 today’s\n\nMayor"),
            vec![
                ("Dec", Break),
                (".", None),
                ("3", Space),
                (",", None),
                ("2003", Space),
                ("today", Space),
                ("’", None),
                ("s", None),
                ("Mayor", Break),
            ]
        );
    }

    #[test]
    fn classes() {
        let kind = |t: &str| tokenize(t)[0].kind;
        assert_eq!(kind("3rd"), Kind::Ordinal(3));
        assert_eq!(kind("1990s"), Kind::Decade(1990));
        assert_eq!(kind("abc2003"), Kind::Other);
        assert_eq!(kind("2003abc"), Kind::Other);
        assert_eq!(
            kind("99999999999"),
            Kind::Number {
                value: None,
                digits: 11
            }
        );
        assert!(matches!(
            kind("NOV"),
            Kind::Word {
                lexeme: Lexeme::Month {
                    month: 11,
                    abbreviated: true
                },
                capitalized: true,
                ..
            }
        ));
        assert!(matches!(kind("views"), Kind::Word { plural: true, .. }));
        assert!(matches!(kind("this"), Kind::Word { plural: false, .. }));
        assert!(matches!(
            kind("Mayor"),
            Kind::Word {
                lexeme: Lexeme::Plain,
                ..
            }
        ));
    }
}
