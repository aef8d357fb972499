//! The patterns: which token sequences are date expressions, and what they mean.
//!
//! [`scan`] walks the tokens left to right; at each token it tries the patterns that can start
//! with that kind of token and takes the (single, longest) one that matches, then continues
//! after it, so matches never overlap. A pattern that is recognised but invalid ("31 November
//! 2003") or deliberately not a date ("the last week of") is *consumed* without a meaning,
//! so that no shorter pattern inside it is reported instead.

use super::expression::{Context, DateOrder, ExpressionKind};
use super::resolve::{Spec, Unit, Which};
use super::tokens::{Gap, Key, Kind, Lexeme, Token};
use crate::date::DayInterval;
use chrono::Datelike;
use chrono::NaiveDate;

mod news;

/// One match: tokens `first..end`, and its meaning (`None`: consumed, reported as nothing).
#[derive(Clone, Copy, Debug)]
pub(super) struct Found {
    pub first: usize,
    pub end: usize,
    pub kind: ExpressionKind,
    /// The meaning of the whole match, or of a range's first end.
    pub spec: Option<Spec>,
    /// A range's second end: "between 1994 and 1997" is "1994" (`spec`) to "1997".
    pub second: Option<Second>,
}

/// The second end of a range: its tokens `start..` the match's end, and its meaning.
#[derive(Clone, Copy, Debug)]
pub(super) struct Second {
    /// The end of the first end's tokens.
    pub first_end: usize,
    pub start: usize,
    pub spec: Spec,
}

/// Every match in `tokens`, in order, without overlaps.
pub(super) fn scan(text: &str, tokens: &[Token], context: &Context) -> Vec<Found> {
    let years = (
        context
            .published
            .earliest()
            .year()
            .saturating_sub(PLAUSIBLE_BACK),
        context
            .published
            .latest()
            .year()
            .saturating_add(PLAUSIBLE_AHEAD),
    );
    let grammar = Grammar {
        text,
        tokens,
        order: context.date_order,
        years,
    };
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some(list) = grammar.day_list(i) {
            i = list.last().map_or(i + 1, |f| f.end);
            found.extend(list);
            continue;
        }
        let previous = found.last().copied();
        match grammar.at(i, previous) {
            Some(f) if f.end > i => {
                i = f.end;
                match previous.and_then(|p| grammar.range(p, f)) {
                    Some(range) => *found.last_mut().expect("previous is the last") = range,
                    None => found.push(f),
                }
            }
            _ => i += 1,
        }
    }
    found.retain(|f| f.spec.is_some());
    found
}

/// Words before a month alone that make it a date: "in November", "since May".
const MONTH_CONTEXT: &[Key] = &[
    Key::In,
    Key::Since,
    Key::Until,
    Key::Till,
    Key::By,
    Key::During,
    Key::Before,
    Key::After,
    Key::From,
    Key::Through,
    Key::Throughout,
    Key::Between,
    Key::Of,
    Key::For,
    Key::Except,
];

/// Words before a bare four-digit number that make it a year: "in 2004", "since 1992".
/// "of" is left out ("a force of 2000"), as is "to" ("rose to 2000").
const YEAR_CONTEXT: &[Key] = &[
    Key::In,
    Key::Since,
    Key::Until,
    Key::Till,
    Key::By,
    Key::During,
    Key::Before,
    Key::After,
    Key::From,
    Key::Through,
    Key::Throughout,
    Key::Between,
    Key::Year,
    Key::Season,
];

/// The most days a list naming its month once may hold.
const MAX_LIST: usize = 12;

/// Words (and dashes) that continue a list or range of the previous expression's kind:
/// "from 1992 to 2004", "between October and December".
const CONNECTORS: &[Key] = &[Key::And, Key::To, Key::Or, Key::Until, Key::Through];

/// How many years before publication a year read on weaker evidence ("the 1996 law", "for
/// 1987") may lie, and how many after.
const PLAUSIBLE_BACK: i32 = 150;
const PLAUSIBLE_AHEAD: i32 = 15;

struct Grammar<'a> {
    text: &'a str,
    tokens: &'a [Token],
    order: Option<DateOrder>,
    /// The years a year read on weaker evidence may be: around publication.
    years: (i32, i32),
}

impl Grammar<'_> {
    fn at(&self, i: usize, previous: Option<Found>) -> Option<Found> {
        match self.tokens[i].kind {
            Kind::Word { lexeme, .. } => match lexeme {
                Lexeme::Weekday(day) => self
                    .weekday_in_name(i)
                    .or_else(|| self.weekday_and_date(i))
                    .or(Some(found(
                        i,
                        i + 1,
                        ExpressionKind::Relative,
                        Some(Spec::Weekday {
                            day,
                            which: Which::Nearest,
                        }),
                    ))),
                Lexeme::Month { .. } => self
                    .month_first(i)
                    .or_else(|| self.month_alone(i, previous)),
                Lexeme::Key(key) => self
                    .keyword(i, key)
                    .or_else(|| self.news_keyword(i, key))
                    .or_else(|| self.attributive_year(i + 1, i)),
                Lexeme::Count(count) => self
                    .ago(i, count)
                    .or_else(|| self.year_before(i, count))
                    .or_else(|| self.attributive_year(i + 1, i))
                    .or_else(|| self.spelled_year_alone(i)),
                Lexeme::Nth(n) => self.nth_part(i, n),
                Lexeme::Plain => self
                    .attributive_year(i + 1, i)
                    .or_else(|| self.spelled_year_alone(i)),
            },
            Kind::Number { .. } => self
                .iso(i)
                .or_else(|| self.numeric_date(i))
                .or_else(|| self.day_first(i))
                .or_else(|| self.apostrophe_decade(i))
                .or_else(|| self.number(i).and_then(|(n, _)| self.ago(i, n)))
                .or_else(|| self.bare_year(i, previous)),
            Kind::Ordinal(_) => self.day_first(i),
            Kind::Decade(decade) => {
                Some(found(i, i + 1, ExpressionKind::Year, decade_spec(decade)))
            }
            Kind::Punct(_) | Kind::Other => None,
        }
    }

    /// `previous` and `next` as one range, when a range word joins them: "from 1992 to
    /// 2004", "1992-2004", "between 1994 and 1997", "from March 15th to March 28th",
    /// "early April until mid-June", "in 1994 or 1995" (either: the claim must hold both).
    /// "and" makes a range only after "between"; otherwise "1986 and 1985" are two years.
    fn range(&self, previous: Found, next: Found) -> Option<Found> {
        let (Some(first), Some(second)) = (previous.spec, next.spec) else {
            return None;
        };
        if previous.second.is_some() || next.second.is_some() || next.first != previous.end + 1 {
            return None;
        }
        let c = previous.end;
        let word = self.spaced(c)
            && self.spaced(next.first)
            && match self.key(c) {
                Some(Key::To | Key::Until | Key::Till | Key::Through | Key::Or) => true,
                Some(Key::And) => {
                    previous.first > 0 && self.is_key(previous.first - 1, Key::Between)
                }
                _ => false,
            };
        let dash = matches!(self.punct(c), Some('-' | '–' | '—'))
            && matches!(self.gap(c), Some(Gap::None | Gap::Space))
            && matches!(self.gap(next.first), Some(Gap::None | Gap::Space));
        if !(word || dash) {
            return None;
        }
        Some(Found {
            first: previous.first,
            end: next.end,
            kind: ExpressionKind::Range,
            spec: Some(borrow_year(first, second)),
            second: Some(Second {
                first_end: previous.end,
                start: next.first,
                spec: second,
            }),
        })
    }

    // ---- token tests -------------------------------------------------------------------

    fn gap(&self, j: usize) -> Option<Gap> {
        self.tokens.get(j).map(|t| t.gap)
    }

    /// Token `j` exists and white space (no paragraph break) stands before it.
    fn spaced(&self, j: usize) -> bool {
        self.gap(j) == Some(Gap::Space)
    }

    /// Token `j` exists and touches the one before it.
    fn touching(&self, j: usize) -> bool {
        self.gap(j) == Some(Gap::None)
    }

    fn key(&self, j: usize) -> Option<Key> {
        match self.tokens.get(j)?.kind {
            Kind::Word {
                lexeme: Lexeme::Key(k),
                ..
            } => Some(k),
            _ => None,
        }
    }

    fn is_key(&self, j: usize, key: Key) -> bool {
        self.key(j) == Some(key)
    }

    fn punct(&self, j: usize) -> Option<char> {
        match self.tokens.get(j)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    fn is_punct(&self, j: usize, c: char) -> bool {
        self.punct(j) == Some(c)
    }

    fn number(&self, j: usize) -> Option<(u32, usize)> {
        match self.tokens.get(j)?.kind {
            Kind::Number {
                value: Some(v),
                digits,
            } => Some((v, digits)),
            _ => None,
        }
    }

    fn is_number(&self, j: usize) -> bool {
        matches!(
            self.tokens.get(j).map(|t| t.kind),
            Some(Kind::Number { .. })
        )
    }

    /// Nothing glued before number `j` makes it part of something else: "1.5", "1,200",
    /// "3/12", "$2003", "#2003", "2003-12" (for the "12").
    fn clean_before(&self, j: usize) -> bool {
        if !self.touching(j) || j == 0 {
            return true;
        }
        match self.punct(j - 1) {
            Some('$' | '€' | '£' | '¥' | '#' | '№' | '+') => false,
            Some('.' | ',' | '/' | ':' | '-' | '–') => {
                !(self.touching(j - 1) && j >= 2 && self.is_number(j - 2))
            }
            _ => true,
        }
    }

    /// Nothing glued after number `j` makes it part of something else: "2003%", "1,200",
    /// "12:30", "2003-12".
    fn clean_after(&self, j: usize) -> bool {
        let next = j + 1;
        if !self.touching(next) {
            return true;
        }
        match self.punct(next) {
            Some('%') => false,
            Some('.' | ',' | '/' | ':' | '-' | '–') => {
                !(self.touching(next + 1) && self.is_number(next + 1))
            }
            _ => true,
        }
    }

    /// A month name at `j`, with the dot of an abbreviation ("Dec."). Returns the month
    /// and the token after it.
    fn month(&self, j: usize) -> Option<(u32, usize)> {
        let Kind::Word {
            lexeme: Lexeme::Month { month, abbreviated },
            ..
        } = self.tokens.get(j)?.kind
        else {
            return None;
        };
        let dot = abbreviated && self.touching(j + 1) && self.is_punct(j + 1, '.');
        Some((month, j + 1 + usize::from(dot)))
    }

    /// A month name that may stand alone: "May" and "March" only capitalised (else the
    /// verb), abbreviations only with their dot ("in Nov.").
    fn month_word_alone(&self, j: usize) -> Option<(u32, usize)> {
        let Kind::Word {
            lexeme: Lexeme::Month { month, abbreviated },
            capitalized,
            ..
        } = self.tokens.get(j)?.kind
        else {
            return None;
        };
        if (month == 3 || month == 5) && !abbreviated && !capitalized {
            return None;
        }
        let (month, next) = self.month(j)?;
        if abbreviated && next == j + 1 {
            return None;
        }
        Some((month, next))
    }

    /// A day number at `j`: one or two digits, or an ordinal up to 99th. Whether the month
    /// has that day is checked later, so that "32 December 2003" is consumed, not read as
    /// "December 2003".
    fn day_number(&self, j: usize) -> Option<(u32, usize)> {
        let day = match self.tokens.get(j)?.kind {
            Kind::Number {
                value: Some(v),
                digits: 1 | 2,
            } => v,
            Kind::Ordinal(v) if v < 100 => v,
            _ => return None,
        };
        Some((day, j + 1))
    }

    /// A day number at `j` that is not the end of a larger number ("1.19").
    fn day(&self, j: usize) -> Option<(u32, usize)> {
        self.day_number(j).filter(|_| self.clean_before(j))
    }

    /// A day or a range of days: "19", "19th", "19-21", "19 to 21", "(between) 19 and 21".
    fn days(&self, j: usize) -> Option<(u32, u32, usize)> {
        let (first, next) = self.day(j)?;
        let dash = matches!(self.punct(next), Some('-' | '–'))
            && matches!(self.gap(next), Some(Gap::None | Gap::Space));
        let between = j > 0 && self.is_key(j - 1, Key::Between) && self.is_key(next, Key::And);
        if dash || ((self.is_key(next, Key::To) || between) && self.spaced(next)) {
            let after = next + 1;
            if matches!(self.gap(after), Some(Gap::None | Gap::Space)) {
                if let Some((last, end)) = self.day_number(after) {
                    if self.clean_after(after) && last > first {
                        return Some((first, last, end));
                    }
                }
            }
        }
        if !self.clean_after(j) {
            return None;
        }
        Some((first, first, next))
    }

    /// A four-digit year at `j` (1000-9999), not part of a larger number.
    fn year(&self, j: usize) -> Option<(i32, usize)> {
        let (value, digits) = self.number(j)?;
        let before = self.clean_before(j) || (j > 0 && self.years_dash(j - 1));
        let after = self.clean_after(j) || self.years_dash(j + 1);
        (digits == 4 && value >= 1000 && before && after).then_some((value as i32, j + 1))
    }

    /// Whether token `j` is a dash glued between two four-digit numbers: "1992-2004".
    fn years_dash(&self, j: usize) -> bool {
        let four = |k: usize| matches!(self.number(k), Some((v, 4)) if v >= 1000);
        j > 0
            && matches!(self.punct(j), Some('-' | '–'))
            && self.touching(j)
            && self.touching(j + 1)
            && four(j - 1)
            && four(j + 1)
    }

    /// An optional ", " then a year: the year and the token after it.
    fn trailing_year(&self, j: usize) -> Option<(i32, usize)> {
        let j = if self.touching(j) && self.is_punct(j, ',') {
            j + 1
        } else {
            j
        };
        if !self.spaced(j) {
            return None;
        }
        self.year(j).or_else(|| self.spelled_year(j))
    }

    // ---- patterns ----------------------------------------------------------------------

    /// "3 December 2003", "3rd of December, 2003", "19 November", "19-21 Nov."
    fn day_first(&self, i: usize) -> Option<Found> {
        let (first, last, mut j) = self.days(i)?;
        if self.spaced(j) && self.is_key(j, Key::Of) {
            j += 1;
        }
        if !self.spaced(j) {
            return None;
        }
        let (month, next) = self.month(j)?;
        Some(self.day_month_year(i, month, first, last, next))
    }

    /// A list of days that names its month once: "12 and 13 December", "3, 4 and 5
    /// December 2003". Each day is a date of its own (each is evidence of itself, where the
    /// hull "12-15" of "12 and 15" would not be); without a year, all take the year that the
    /// first day resolves to, so a list never straddles a year by accident.
    fn day_list(&self, i: usize) -> Option<Vec<Found>> {
        if !matches!(self.tokens[i].kind, Kind::Number { .. } | Kind::Ordinal(_))
            || (i > 0 && self.is_key(i - 1, Key::Between))
        {
            return None;
        }
        let (first, mut j) = self.day(i)?;
        if !self.clean_after(i) {
            return None;
        }
        let mut items = vec![(i, first)];
        // A list of dates is short; the cap keeps a long run of numbers ("1, 2, 3, …")
        // linear rather than quadratic.
        while items.len() < MAX_LIST {
            let comma = self.touching(j) && self.is_punct(j, ',');
            let k = if comma { j + 1 } else { j };
            let k = if self.spaced(k) && matches!(self.key(k), Some(Key::And | Key::Or)) {
                k + 1
            } else if comma {
                k
            } else {
                break;
            };
            if !self.spaced(k) {
                break;
            }
            match self.day(k) {
                Some((day, next)) if self.clean_after(k) => {
                    items.push((k, day));
                    j = next;
                }
                _ => break,
            }
        }
        if items.len() < 2 {
            return None;
        }
        if self.spaced(j) && self.is_key(j, Key::Of) {
            j += 1;
        }
        if !self.spaced(j) {
            return None;
        }
        let (month, next) = self.month(j)?;
        let year = self.trailing_year(next);
        let last_end = year.map_or(next, |(_, end)| end);
        let list = items.iter().enumerate().map(|(n, &(at, day))| {
            let end = if n + 1 == items.len() {
                last_end
            } else {
                at + 1
            };
            match year {
                Some((year, _)) => {
                    let spec = NaiveDate::from_ymd_opt(year, month, day).map(|d| Spec::Days(d, d));
                    found(at, end, ExpressionKind::FullDate, spec)
                }
                None => {
                    let spec = day_month(month, day, day, first);
                    found(at, end, ExpressionKind::DayMonth, spec)
                }
            }
        });
        Some(list.collect())
    }

    /// "December 3, 2003", "Dec. 3 2003", "November 19", "November 2003", "November of 2003".
    fn month_first(&self, i: usize) -> Option<Found> {
        let (month, j) = self.month(i)?;
        if self.spaced(j) {
            if let Some((first, last, next)) = self.days(j) {
                return Some(self.day_month_year(i, month, first, last, next));
            }
        }
        let j = if self.spaced(j) && self.is_key(j, Key::Of) {
            j + 1
        } else {
            j
        };
        let (year, end) = self.trailing_year(j)?;
        Some(found(
            i,
            end,
            ExpressionKind::MonthYear,
            month_year_spec(year, month),
        ))
    }

    /// The end of both day-month orders: an optional year after the month or day at `next`.
    fn day_month_year(&self, i: usize, month: u32, first: u32, last: u32, next: usize) -> Found {
        if let Some((year, end)) = self.trailing_year(next) {
            let spec = NaiveDate::from_ymd_opt(year, month, first)
                .zip(NaiveDate::from_ymd_opt(year, month, last))
                .map(|(a, b)| Spec::Days(a, b));
            return found(i, end, ExpressionKind::FullDate, spec);
        }
        let spec = day_month(month, first, last, first);
        found(i, next, ExpressionKind::DayMonth, spec)
    }

    /// "2003-12-03" (or with slashes), all touching.
    fn iso(&self, i: usize) -> Option<Found> {
        let (year, _) = self.year_digits(i)?;
        let sep = self.punct(i + 1).filter(|c| matches!(c, '-' | '/'))?;
        let two = |j: usize| match self.number(j) {
            Some((v, 2)) if self.touching(j) => Some(v),
            _ => None,
        };
        if !self.touching(i + 1) || !self.touching(i + 3) || self.punct(i + 3) != Some(sep) {
            return None;
        }
        let month = two(i + 2)?;
        let day = two(i + 4)?;
        if !self.clean_before(i) || !self.clean_after(i + 4) {
            return None;
        }
        let spec = NaiveDate::from_ymd_opt(year, month, day).map(|d| Spec::Days(d, d));
        Some(found(i, i + 5, ExpressionKind::FullDate, spec))
    }

    /// Four digits at `j` whatever follows them (the ISO pattern checks its own ends).
    fn year_digits(&self, j: usize) -> Option<(i32, usize)> {
        match self.number(j)? {
            (v, 4) if v >= 1000 => Some((v as i32, j + 1)),
            _ => None,
        }
    }

    /// "1990's" (the "1990s" spelling is one token).
    fn apostrophe_decade(&self, i: usize) -> Option<Found> {
        let (value, 4) = self.number(i)? else {
            return None;
        };
        let quote = matches!(self.punct(i + 1), Some('\'' | '’')) && self.touching(i + 1);
        let s = self.touching(i + 2)
            && self
                .tokens
                .get(i + 2)
                .is_some_and(|t| self.text[t.start..t.end].eq_ignore_ascii_case("s"));
        (value >= 1000 && value % 10 == 0 && quote && s && self.clean_before(i))
            .then(|| found(i, i + 3, ExpressionKind::Year, decade_spec(value as i32)))
    }

    /// A month alone, after a word that makes it a date ("in November", "since May"), or
    /// continuing a month before it ("from October to December", "October 2003-March").
    fn month_alone(&self, i: usize, previous: Option<Found>) -> Option<Found> {
        let (month, end) = self.month_word_alone(i)?;
        // "June last year", "in March next year"
        if self.spaced(end) && self.spaced(end + 1) && self.is_key(end + 1, Key::Year) {
            let offset = match self.key(end) {
                Some(Key::Last) => Some(-1),
                Some(Key::This) => Some(0),
                Some(Key::Next) => Some(1),
                _ => None,
            };
            if let Some(offset) = offset {
                let spec = Spec::MonthOfYear { month, offset };
                return Some(found(i, end + 2, ExpressionKind::Month, Some(spec)));
            }
        }
        let context =
            i > 0 && self.spaced(i) && self.key(i - 1).is_some_and(|k| MONTH_CONTEXT.contains(&k));
        let continues = self.continues(
            i,
            previous,
            &[ExpressionKind::Month, ExpressionKind::MonthYear],
        );
        // "December's figures", "a June agreement": capitalised, not May or March (names
        // and verbs), with a possessive or after a determiner and before a lower-case word.
        let named = self.capitalized(i) && !matches!(month, 3 | 5);
        let owned = named && self.possessive(end);
        let attributive = named
            && i > 0
            && self.spaced(i)
            && self.word_is(i - 1, &["a", "the", "its", "their", "his", "her", "last"])
            && self.spaced(end)
            && matches!(
                self.tokens.get(end).map(|t| t.kind),
                Some(Kind::Word {
                    lexeme: Lexeme::Plain,
                    capitalized: false,
                    ..
                })
            );
        if !(context || continues || owned || attributive) {
            return None;
        }
        // After "November 2003 and" or "October 2003 to", the month is in that year or, if
        // it comes earlier in the calendar, in the next.
        if let Some(Spec::MonthYear { year, month: m0 }) = previous.and_then(|p| p.spec) {
            if continues {
                let year = if month >= m0 {
                    Some(year)
                } else {
                    year.checked_add(1)
                };
                let spec = year.and_then(|year| month_year_spec(year, month));
                return Some(found(i, end, ExpressionKind::MonthYear, spec));
            }
        }
        let spec = Spec::Month {
            month,
            which: Which::Nearest,
        };
        Some(found(i, end, ExpressionKind::Month, Some(spec)))
    }

    /// Whether token `i` follows a connector ("and", "to", "-", …) right after the previous
    /// match, which was of one of `kinds`.
    fn continues(&self, i: usize, previous: Option<Found>, kinds: &[ExpressionKind]) -> bool {
        let Some(p) = previous else {
            return false;
        };
        if i < 1 || p.end + 1 != i || p.spec.is_none() || !kinds.contains(&p.kind) {
            return false;
        }
        let c = i - 1;
        let word = self.key(c).is_some_and(|k| CONNECTORS.contains(&k))
            && self.spaced(c)
            && self.spaced(i);
        let dash = matches!(self.punct(c), Some('-' | '–'))
            && matches!(self.gap(c), Some(Gap::None | Gap::Space))
            && matches!(self.gap(i), Some(Gap::None | Gap::Space));
        word || dash
    }

    /// A bare four-digit year after a word that makes it one ("in 2004", "since 1992", "the
    /// year 2003", "summer 2003"), or continuing a year before it ("from 1992 to 2004").
    /// Not before a plural-looking word ("in 2000 villages").
    fn bare_year(&self, i: usize, previous: Option<Found>) -> Option<Found> {
        let (year, end) = self.year(i)?;
        let context = i > 0
            && self.spaced(i)
            && (self.key(i - 1).is_some_and(|k| YEAR_CONTEXT.contains(&k))
                || (i > 1
                    && self.is_key(i - 1, Key::Of)
                    && self.spaced(i - 1)
                    && self.is_key(i - 2, Key::Season)));
        let plausible = (self.years.0..=self.years.1).contains(&year);
        let weak = i > 1
            && self.spaced(i)
            && plausible
            && (matches!(self.key(i - 1), Some(Key::For | Key::Except))
                || self.word_is(i - 1, &["into", "due", "around"])
                || (self.is_key(i - 1, Key::Of)
                    && (matches!(
                        self.key(i - 2),
                        Some(
                            Key::Beginning
                                | Key::Start
                                | Key::Middle
                                | Key::End
                                | Key::Months
                                | Key::Weeks
                                | Key::Days
                                | Key::Quarter
                                | Key::Half
                                | Key::Part
                                | Key::Quarters
                        )
                    ) || self.plain_capitalized(i - 2))));
        let continues = self.continues(i, previous, &[ExpressionKind::Year, ExpressionKind::Range]);
        // "the 1986 and 1985 deficits": a year continuing a list of years may come before
        // a plural.
        let listed = continues && previous.is_some_and(|p| p.kind == ExpressionKind::Year);
        if !(context || weak || continues) || (self.count_follows(end) && !listed) {
            return None;
        }
        Some(found(
            i,
            end,
            ExpressionKind::Year,
            Some(Spec::Years(year, year)),
        ))
    }

    /// Whether the token at `j` is a plural-looking word after a space: what precedes it is
    /// a count.
    fn count_follows(&self, j: usize) -> bool {
        self.spaced(j)
            && matches!(
                self.tokens.get(j).map(|t| t.kind),
                Some(Kind::Word { plural: true, .. })
            )
    }

    /// A weekday then a date: "Wednesday, 3 December 2003", "Wednesday, December 3".
    fn weekday_and_date(&self, i: usize) -> Option<Found> {
        let mut j = i + 1;
        if self.touching(j) && self.is_punct(j, ',') {
            j += 1;
        }
        if !self.spaced(j) {
            return None;
        }
        let date = self.day_first(j).or_else(|| {
            self.month_first(j)
                .filter(|f| f.kind != ExpressionKind::MonthYear)
        })?;
        // The weekday picks the year of a date without one: "Saturday, April 25".
        let weekday = match self.lexeme(i) {
            Some(Lexeme::Weekday(day)) => day,
            _ => return Some(Found { first: i, ..date }),
        };
        let spec = match date.spec {
            Some(Spec::DayMonth {
                month, first, last, ..
            }) if first == last => Some(Spec::DayMonthOn {
                month,
                day: first,
                weekday,
            }),
            other => other,
        };
        Some(Found {
            first: i,
            spec,
            ..date
        })
    }

    /// "three days ago", "a week ago", "2 months ago", "ten years ago" (up to 999).
    fn ago(&self, i: usize, count: u32) -> Option<Found> {
        let unit = match (self.key(i + 1)?, count) {
            (Key::Day, 1) | (Key::Days, 2..) => Unit::Day,
            (Key::Week, 1) | (Key::Weeks, 2..) => Unit::Week,
            (Key::Month, 1) | (Key::Months, 2..) => Unit::Month,
            (Key::Year, 1) | (Key::Years, 2..) => Unit::Year,
            _ => return None,
        };
        let ok = (1..1000).contains(&count)
            && self.spaced(i + 1)
            && self.spaced(i + 2)
            && self.is_key(i + 2, Key::Ago)
            && (!self.is_number(i) || (self.clean_before(i) && self.clean_after(i)));
        ok.then(|| {
            // "a year ago" is often the same period a year back ("$5 million, up from $3
            // million a year ago" of a quarter): the reader decides.
            let spec = if unit == Unit::Year && count == 1 {
                Spec::YearBefore { fallback: true }
            } else {
                Spec::Ago { unit, count }
            };
            found(i, i + 3, ExpressionKind::Relative, Some(spec))
        })
    }

    /// Expressions opening with a key word: today, this week, last Wednesday, next
    /// November, early 2004, mid-November, (the) day before yesterday, …
    fn keyword(&self, i: usize, key: Key) -> Option<Found> {
        let relative = |end, spec| Some(found(i, end, ExpressionKind::Relative, Some(spec)));
        match key {
            // "USA Today", "VOA Today": a name.
            Key::Today | Key::Tonight
                if i > 0
                    && self.spaced(i)
                    && self.capitalized(i)
                    && self.plain_capitalized(i - 1) =>
            {
                Some(found(i, i + 1, ExpressionKind::Relative, None))
            }
            Key::Today | Key::Tonight => relative(i + 1, Spec::Offset(0, 0)),
            Key::Yesterday => relative(i + 1, Spec::Offset(-1, -1)),
            Key::Tomorrow => relative(i + 1, Spec::Offset(1, 1)),
            Key::This | Key::Last | Key::Next => self.this_last_next(i, key),
            Key::Early | Key::Mid | Key::Late => self.part_of(i),
            Key::Day if self.spaced(i + 1) && self.spaced(i + 2) => {
                match (self.key(i + 1)?, self.key(i + 2)?) {
                    (Key::Before, Key::Yesterday) => relative(i + 3, Spec::Offset(-2, -2)),
                    (Key::After, Key::Tomorrow) => relative(i + 3, Spec::Offset(2, 2)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// "this week", "last month", "next year", "last Wednesday", "next November",
    /// "this weekend", "this morning", "last night". After "the" ("the last week") or before
    /// "of" ("last week of November") these are not relative to publication: consumed, not
    /// reported.
    fn this_last_next(&self, i: usize, key: Key) -> Option<Found> {
        let which = match key {
            Key::This => Which::This,
            Key::Last => Which::Last,
            _ => Which::Next,
        };
        let mut j = i + 1;
        if !self.spaced(j) {
            return None;
        }
        // "this past spring" is the latest spring; "this coming Sunday" the next Sunday.
        let which = match (key, self.word(j).to_ascii_lowercase().as_str()) {
            (Key::This, "past") if self.spaced(j + 1) => {
                j += 1;
                Which::Last
            }
            (Key::This, "coming") if self.spaced(j + 1) => {
                j += 1;
                Which::Next
            }
            _ => which,
        };
        let (end, kind, spec) = if let Some((month, end)) = self.month_word_alone(j) {
            (end, ExpressionKind::Month, Spec::Month { month, which })
        } else if let Some(season) = self.season_at(j) {
            let part = crate::text::dates::calendar::Part::Season(season);
            (j + 1, ExpressionKind::Part, Spec::Part { part, which })
        } else if let Some((holiday, end)) = self.holiday_after(j) {
            (
                end,
                ExpressionKind::Holiday,
                Spec::Holiday { holiday, which },
            )
        } else if let Some(f) = self.year_part(i, key, j) {
            return Some(f);
        } else {
            let spec = match self.tokens[j].kind {
                Kind::Word {
                    lexeme: Lexeme::Weekday(day),
                    ..
                } => Spec::Weekday { day, which },
                Kind::Word {
                    lexeme: Lexeme::Key(k),
                    ..
                } => match (key, k) {
                    (_, Key::Weekend) => Spec::Weekend(which),
                    (_, Key::Week) => Spec::Period {
                        unit: Unit::Week,
                        which,
                    },
                    (_, Key::Month) => Spec::Period {
                        unit: Unit::Month,
                        which,
                    },
                    (_, Key::Year) => Spec::Period {
                        unit: Unit::Year,
                        which,
                    },
                    (_, Key::Quarter) => Spec::Period {
                        unit: Unit::Quarter,
                        which,
                    },
                    (Key::This, Key::Morning | Key::Afternoon | Key::Evening) => Spec::Offset(0, 0),
                    (Key::Last, Key::Night) => Spec::Offset(-1, 0),
                    _ => return None,
                },
                _ => return None,
            };
            (j + 1, ExpressionKind::Relative, spec)
        };
        let after_the = i > 0 && self.is_key(i - 1, Key::The);
        // "This Week" (a programme), "Next Year" in a title: a capitalised unit is a name.
        let title = self.capitalized(j)
            && matches!(
                self.key(j),
                Some(Key::Week | Key::Month | Key::Year | Key::Weekend | Key::Quarter)
            );
        let before_of = self.spaced(end) && self.is_key(end, Key::Of);
        let spec = (!after_the && !before_of && !title).then_some(spec);
        Some(found(i, end, kind, spec))
    }

    /// "early November", "mid-November 2003", "late 2004", "the early 1990s": the whole
    /// month, year or decade (the part is not narrowed down: where "early" ends is vague).
    fn part_of(&self, i: usize) -> Option<Found> {
        let j = if self.touching(i + 1) && matches!(self.punct(i + 1), Some('-' | '–')) {
            if !self.touching(i + 2) {
                return None;
            }
            i + 2
        } else if self.spaced(i + 1) {
            i + 1
        } else {
            return None;
        };
        if let Some(f) = self.month_first(j) {
            return Some(Found { first: i, ..f });
        }
        if let Some(season) = self.season_at(j) {
            let part = crate::text::dates::calendar::Part::Season(season);
            if let Some((year, end)) = self.trailing_year(j + 1) {
                let spec = Spec::PartOf { part, year };
                return Some(found(i, end, ExpressionKind::Part, Some(spec)));
            }
            let spec = Spec::Part {
                part,
                which: Which::Nearest,
            };
            return Some(found(i, j + 1, ExpressionKind::Part, Some(spec)));
        }
        if let Some((month, end)) = self.month_word_alone(j) {
            let spec = Spec::Month {
                month,
                which: Which::Nearest,
            };
            return Some(found(i, end, ExpressionKind::Month, Some(spec)));
        }
        if let Kind::Decade(decade) = self.tokens.get(j)?.kind {
            return Some(found(i, j + 1, ExpressionKind::Year, decade_spec(decade)));
        }
        if let Some(f) = self.apostrophe_decade(j) {
            return Some(Found { first: i, ..f });
        }
        let (year, end) = self.year(j)?;
        if self.count_follows(end) {
            return None;
        }
        Some(found(
            i,
            end,
            ExpressionKind::Year,
            Some(Spec::Years(year, year)),
        ))
    }
}

fn found(first: usize, end: usize, kind: ExpressionKind, spec: Option<Spec>) -> Found {
    Found {
        first,
        end,
        kind,
        spec,
        second: None,
    }
}

/// Days `first..=last` of `month` in a year chosen by day `anchor`, if valid in some year
/// (29 February is, 30 February is not).
fn day_month(month: u32, first: u32, last: u32, anchor: u32) -> Option<Spec> {
    let valid = |day| NaiveDate::from_ymd_opt(2000, month, day).is_some();
    (valid(first) && valid(last) && valid(anchor)).then_some(Spec::DayMonth {
        month,
        first,
        last,
        anchor,
    })
}

/// A range's first end takes its year from the second when only the second names one:
/// "from 1 May to 30 June 2003", "from October to March 2004" (October 2003).
fn borrow_year(first: Spec, second: Spec) -> Spec {
    let (year, second_month) = match second {
        Spec::Days(day, _) => (day.year(), day.month()),
        Spec::MonthYear { year, month } => (year, month),
        _ => return first,
    };
    let year_for = |month: u32| {
        if month <= second_month {
            Some(year)
        } else {
            year.checked_sub(1)
        }
    };
    match first {
        Spec::DayMonth {
            month, first: day, ..
        } => year_for(month)
            .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
            .map_or(first, |d| Spec::Days(d, d)),
        Spec::Month {
            month,
            which: Which::Nearest,
        } => year_for(month).map_or(first, |year| Spec::MonthYear { year, month }),
        _ => first,
    }
}

fn decade_spec(decade: i32) -> Option<Spec> {
    Some(Spec::Years(decade, decade.checked_add(9)?))
}

fn month_year_spec(year: i32, month: u32) -> Option<Spec> {
    DayInterval::month(year, month).map(|_| Spec::MonthYear { year, month })
}
