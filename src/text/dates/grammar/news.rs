//! Patterns for how news writes dates beyond plain calendar forms: quarters, halves and
//! seasons; holidays; "a year earlier"; attributive years ("the 1996 law"); spans ahead
//! ("in two to three weeks"); overnight and weekends; numeric dates when unambiguous; and
//! weekday words inside names ("the Sunday Times"), which are no dates.

use super::{found, Found, Grammar, PLAUSIBLE_AHEAD};
use crate::text::dates::calendar::{Holiday, Part, Season};
use crate::text::dates::expression::{DateOrder, ExpressionKind};
use crate::text::dates::resolve::{Spec, Unit, Which};
use crate::text::dates::tokens::{Key, Kind, Lexeme};
use chrono::NaiveDate;

/// Capitalised words after a weekday that make it a newspaper's name: "the Sunday Times".
const TITLES: &[&str] = &[
    "times",
    "telegraph",
    "herald",
    "mirror",
    "express",
    "post",
    "independent",
    "observer",
    "mail",
    "people",
    "star",
    "tribune",
    "business",
    "sport",
    "age",
    "sun",
    "world",
    "news",
    "journal",
    "review",
    "night",
    "morning",
];

/// Words before a weekday that make a name of it: "Super Tuesday", "Black Monday".
const NAMED_DAYS: &[&str] = &[
    "super", "black", "bloody", "ash", "cyber", "palm", "holy", "maundy", "shrove", "fat", "blue",
    "giving", "small", "manic",
];

/// Words before a year used as an adjective: "the 1996 law", "its 1988 report".
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "his", "her", "their", "our", "whose", "that", "both",
];

/// Words after "overnight" that show it is the time something happened ("overnight in
/// Kabul", "overnight, rebels…"), not an adjective ("overnight rates").
const AFTER_OVERNIGHT: &[&str] = &[
    "in", "at", "on", "and", "from", "to", "after", "before", "as", "when", "while", "near",
    "into", "outside", "inside", "with", "by",
];

/// Words before a bare season ("in the summer", "during winter") that make it a date.
const SEASON_CONTEXT: &[Key] = &[
    Key::In,
    Key::Into,
    Key::During,
    Key::Since,
    Key::Until,
    Key::Till,
    Key::By,
    Key::Before,
    Key::After,
    Key::Through,
    Key::Throughout,
    Key::Over,
    Key::For,
];

impl Grammar<'_> {
    /// The text of token `j` ("" past the end).
    pub(super) fn word(&self, j: usize) -> &str {
        self.tokens
            .get(j)
            .map_or("", |t| &self.text[t.start..t.end])
    }

    pub(super) fn word_is(&self, j: usize, words: &[&str]) -> bool {
        let w = self.word(j);
        words.iter().any(|x| w.eq_ignore_ascii_case(x))
    }

    pub(super) fn capitalized(&self, j: usize) -> bool {
        matches!(
            self.tokens.get(j).map(|t| t.kind),
            Some(Kind::Word {
                capitalized: true,
                ..
            })
        )
    }

    pub(super) fn plain_capitalized(&self, j: usize) -> bool {
        matches!(
            self.tokens.get(j).map(|t| t.kind),
            Some(Kind::Word {
                lexeme: Lexeme::Plain,
                capitalized: true,
                ..
            })
        )
    }

    /// Whether tokens `j`, `j+1` are an apostrophe and "s" touching: "year's".
    pub(super) fn possessive(&self, j: usize) -> bool {
        self.touching(j)
            && matches!(self.punct(j), Some('\'' | '’'))
            && self.touching(j + 1)
            && self.word(j + 1).eq_ignore_ascii_case("s")
    }

    /// Token `j` is a hyphen glued to both neighbours: "third-quarter".
    fn glued_hyphen(&self, j: usize) -> bool {
        self.touching(j) && self.is_punct(j, '-') && self.touching(j + 1)
    }

    /// A weekday that is part of a name, consumed as no date: "the Sunday Times",
    /// "Sunday Telegraph", "Mail on Sunday", "Super Tuesday", "Black Monday".
    pub(super) fn weekday_in_name(&self, i: usize) -> Option<Found> {
        let title = self.spaced(i + 1) && self.capitalized(i + 1) && self.word_is(i + 1, TITLES);
        let named_before =
            i > 0 && self.spaced(i) && self.capitalized(i - 1) && self.word_is(i - 1, NAMED_DAYS);
        let on_sunday = i > 1
            && self.word(i - 1) == "on"
            && self.word_is(i - 2, &["mail", "independent", "observer"])
            && self.capitalized(i - 2);
        (title || named_before || on_sunday)
            .then(|| found(i, i + 1, ExpressionKind::Relative, None))
    }

    /// Key words this module adds.
    pub(super) fn news_keyword(&self, i: usize, key: Key) -> Option<Found> {
        match key {
            Key::Season => self.season(i),
            Key::Christmas
            | Key::Thanksgiving
            | Key::Easter
            | Key::Labor
            | Key::Independence
            | Key::New
            | Key::Good => self.holiday(i),
            Key::Overnight => {
                let next_ok = match self.tokens.get(i + 1) {
                    None => true,
                    Some(t) => {
                        matches!(t.kind, Kind::Punct(_)) || self.word_is(i + 1, AFTER_OVERNIGHT)
                    }
                };
                let adjective = i > 0 && self.word_is(i - 1, &["an", "the", "a"]);
                (next_ok && !adjective).then(|| {
                    found(
                        i,
                        i + 1,
                        ExpressionKind::Relative,
                        Some(Spec::Offset(-1, 0)),
                    )
                })
            }
            Key::Over | Key::At | Key::During if self.is_key(i + 1, Key::The) => {
                (self.is_key(i + 2, Key::Weekend) && self.spaced(i + 1) && self.spaced(i + 2)).then(
                    || {
                        let spec = Spec::Weekend(Which::Nearest);
                        found(i + 1, i + 3, ExpressionKind::Relative, Some(spec))
                    },
                )
            }
            Key::The => self.the_phrase(i),
            Key::Fiscal => self.fiscal(i),
            Key::In | Key::Within => self.ahead(i, key),
            Key::Year => self.year_earlier(i, i).or_else(|| self.year_end(i)),
            Key::Beginning | Key::Start | Key::Middle | Key::End => self.end_of_period(i),
            _ => None,
        }
    }

    /// The season word at `j`, if `j` is one ("fall" included: after last/this/next or
    /// early/late it is a season).
    pub(super) fn season_at(&self, j: usize) -> Option<Season> {
        if !self.is_key(j, Key::Season) {
            return None;
        }
        let w = self.word(j).to_ascii_lowercase();
        Some(match w.as_str() {
            "spring" => Season::Spring,
            "summer" => Season::Summer,
            "winter" => Season::Winter,
            _ => Season::Autumn,
        })
    }

    /// "fall" is a season only where no other reading fits: after last/this/next, early/
    /// late, or before a year ("fall 1989", "the fall of 1989"); "the fall of Saigon" is not.
    fn is_fall(&self, j: usize) -> bool {
        self.word(j).eq_ignore_ascii_case("fall")
    }

    /// A season with a year ("summer 2003", "the summer of 2003", "winter 1994"), or alone
    /// after a word that makes it a date ("in the summer", "during winter").
    fn season(&self, i: usize) -> Option<Found> {
        let season = self.season_at(i)?;
        let part = Part::Season(season);
        let mut j = i + 1;
        if self.spaced(j) && self.is_key(j, Key::Of) {
            j += 1;
        }
        if self.spaced(j) {
            if let Some((year, end)) = self.year(j) {
                if !self.count_follows(end) {
                    let spec = Spec::PartOf { part, year };
                    return Some(found(i, end, ExpressionKind::Part, Some(spec)));
                }
            }
        }
        if self.is_fall(i) {
            return None;
        }
        let the = i > 0 && self.is_key(i - 1, Key::The) && self.spaced(i);
        let before = if the { i - 1 } else { i };
        let context = before > 0
            && self.spaced(before)
            && self
                .key(before - 1)
                .is_some_and(|k| SEASON_CONTEXT.contains(&k));
        let attributive = self.spaced(i + 1)
            && matches!(
                self.tokens.get(i + 1).map(|t| t.kind),
                Some(Kind::Word {
                    lexeme: Lexeme::Plain,
                    capitalized: false,
                    ..
                })
            )
            && !self.word_is(i + 1, &["and", "or", "when", "as", "after", "before"]);
        (context && !attributive).then(|| {
            let spec = Spec::Part {
                part,
                which: Which::Nearest,
            };
            found(before, i + 1, ExpressionKind::Part, Some(spec))
        })
    }

    /// A holiday: "Christmas Eve", "Christmas Day 2003", "on Christmas", "New Year's Eve",
    /// "Thanksgiving Day", "Easter Sunday", "Labor Day", "Independence Day", "Good Friday".
    /// The words must be capitalised; a holiday named alone ("Christmas", "Thanksgiving",
    /// "Easter") needs a word before it that makes it a date ("on Christmas").
    fn holiday(&self, i: usize) -> Option<Found> {
        if !self.capitalized(i) {
            return None;
        }
        let next_is = |j: usize, w: &str| self.spaced(j) && self.word(j).eq_ignore_ascii_case(w);
        let (holiday, end, complete) = match self.key(i)? {
            Key::Christmas if next_is(i + 1, "eve") => (Holiday::ChristmasEve, i + 2, true),
            Key::Christmas if next_is(i + 1, "day") => (Holiday::Christmas, i + 2, true),
            Key::Christmas => (Holiday::Christmas, i + 1, false),
            Key::Thanksgiving if next_is(i + 1, "day") => (Holiday::Thanksgiving, i + 2, true),
            Key::Thanksgiving => (Holiday::Thanksgiving, i + 1, false),
            Key::Easter if next_is(i + 1, "sunday") || next_is(i + 1, "day") => {
                (Holiday::Easter, i + 2, true)
            }
            Key::Easter => (Holiday::Easter, i + 1, false),
            Key::Labor if next_is(i + 1, "day") && self.capitalized(i + 1) => {
                (Holiday::LaborDay, i + 2, true)
            }
            Key::Good if next_is(i + 1, "friday") && self.capitalized(i + 1) => {
                (Holiday::GoodFriday, i + 2, true)
            }
            Key::Independence if next_is(i + 1, "day") && self.capitalized(i + 1) => {
                // Many countries have one: only the US's, named without an owner.
                let owned = i > 1 && (self.possessive(i - 2) || self.plain_capitalized(i - 1));
                if owned {
                    return Some(found(i, i + 2, ExpressionKind::Holiday, None));
                }
                (Holiday::IndependenceDay, i + 2, true)
            }
            Key::New
                if self.spaced(i + 1)
                    && self.is_key(i + 1, Key::Year)
                    && self.capitalized(i + 1)
                    && self.possessive(i + 2) =>
            {
                match self.word(i + 4).to_ascii_lowercase().as_str() {
                    "eve" if self.spaced(i + 4) => (Holiday::NewYearsEve, i + 5, true),
                    "day" if self.spaced(i + 4) => (Holiday::NewYearsDay, i + 5, true),
                    _ => (Holiday::NewYearsDay, i + 4, false),
                }
            }
            _ => return None,
        };
        if let Some((year, year_end)) = self.trailing_year(end) {
            let spec = Spec::HolidayOf { holiday, year };
            return Some(found(i, year_end, ExpressionKind::Holiday, Some(spec)));
        }
        let context = i > 0
            && self.spaced(i)
            && (self.word_is(i - 1, &["on", "at", "over", "for"])
                || self.key(i - 1).is_some_and(|k| SEASON_CONTEXT.contains(&k)));
        // "Christmas shopping", "Christmas Day celebrations", "Easter Island": a name or an
        // adjective, not a day.
        let attributive = self.spaced(end)
            && matches!(
                self.tokens.get(end).map(|t| t.kind),
                Some(Kind::Word {
                    lexeme: Lexeme::Plain,
                    capitalized,
                    ..
                }) if !capitalized || !complete
            );
        if (!complete && !context) || attributive {
            return None;
        }
        let spec = Spec::Holiday {
            holiday,
            which: Which::Nearest,
        };
        Some(found(i, end, ExpressionKind::Holiday, Some(spec)))
    }

    /// A holiday after last/this/next ("last Christmas"): the holiday and the token after.
    pub(super) fn holiday_after(&self, j: usize) -> Option<(Holiday, usize)> {
        if !self.capitalized(j) {
            return None;
        }
        let f = self.holiday(j).or_else(|| {
            // "last Christmas" needs no context word: last/this/next is one.
            let h = match self.key(j)? {
                Key::Christmas => Holiday::Christmas,
                Key::Thanksgiving => Holiday::Thanksgiving,
                Key::Easter => Holiday::Easter,
                _ => return None,
            };
            let spec = Spec::Holiday {
                holiday: h,
                which: Which::Nearest,
            };
            Some(found(j, j + 1, ExpressionKind::Holiday, Some(spec)))
        })?;
        match f.spec? {
            Spec::Holiday { holiday, .. } => Some((holiday, f.end)),
            _ => None,
        }
    }

    /// "first quarter", "third-quarter", "the second half", with what follows: "of 1998",
    /// "of next year", a year ("the first quarter 1998"). Fiscal periods are handled (and
    /// left unread) by [`Self::fiscal`].
    pub(super) fn nth_part(&self, i: usize, n: u32) -> Option<Found> {
        let j = if self.glued_hyphen(i + 1) {
            i + 2
        } else if self.spaced(i + 1) {
            i + 1
        } else {
            return None;
        };
        let part = match self.key(j)? {
            Key::Quarter => Part::Quarter(n),
            Key::Half if n <= 2 => Part::Half(n),
            _ => return None,
        };
        let end = j + 1;
        // "the first quarter of 1998", "the first half of next year"
        if self.spaced(end) && self.is_key(end, Key::Of) && self.spaced(end + 1) {
            if let Some((year, year_end)) = self.year(end + 1) {
                let spec = Spec::PartOf { part, year };
                return Some(found(i, year_end, ExpressionKind::Part, Some(spec)));
            }
            let offset = match (self.key(end + 1), self.key(end + 2)) {
                (Some(Key::This), Some(Key::Year)) => Some(0),
                (Some(Key::Last), Some(Key::Year)) => Some(-1),
                (Some(Key::Next), Some(Key::Year)) => Some(1),
                _ => None,
            };
            if let Some(offset) = offset {
                let spec = Spec::PartOfYear { part, offset };
                return Some(found(i, end + 3, ExpressionKind::Part, Some(spec)));
            }
            if self.is_key(end + 1, Key::The) && self.is_key(end + 2, Key::Year) {
                // "the first half of the year": the year meant is the text's, unknown.
                return Some(found(i, end + 3, ExpressionKind::Part, None));
            }
        }
        if let Some((year, year_end)) = self.trailing_year(end) {
            let spec = Spec::PartOf { part, year };
            return Some(found(i, year_end, ExpressionKind::Part, Some(spec)));
        }
        // "the 1988 third quarter"
        if i > 1 && self.spaced(i) {
            if let Some((year, _)) = self.year(i - 1) {
                if self.is_key(i - 2, Key::The) {
                    let spec = Spec::PartOf { part, year };
                    return Some(found(i - 1, end, ExpressionKind::Part, Some(spec)));
                }
            }
        }
        // "the second half" without a year is as often a match's or a book's half: a half
        // needs its year ("the first half of 1998", "this year's first half").
        if matches!(part, Part::Half(_)) {
            return Some(found(i, end, ExpressionKind::Part, None));
        }
        let spec = Spec::Part {
            part,
            which: Which::Nearest,
        };
        Some(found(i, end, ExpressionKind::Part, Some(spec)))
    }

    /// "fiscal 1989", "fiscal year 1990", "the fiscal first quarter", "fiscal third-quarter":
    /// a company's fiscal periods need not be the calendar's, so they are consumed unread.
    fn fiscal(&self, i: usize) -> Option<Found> {
        let mut j = i + 1;
        if self.glued_hyphen(j) {
            j += 1;
        } else if !self.spaced(j) {
            return None;
        }
        if self.is_key(j, Key::Year) && self.spaced(j + 1) && self.year(j + 1).is_some() {
            j += 1;
        } else if self.is_key(j, Key::Year) {
            return Some(found(i, j + 1, ExpressionKind::Year, None));
        }
        if let Some((year, end)) = self.year(j) {
            // Fiscal year Y is some twelve months ending in Y: from February of the year
            // before to December of Y, all of them, since the company's year is not known.
            let spec = year.checked_sub(1).and_then(|before| {
                Some(Spec::Days(
                    NaiveDate::from_ymd_opt(before, 2, 1)?,
                    NaiveDate::from_ymd_opt(year, 12, 31)?,
                ))
            });
            return Some(found(i, end, ExpressionKind::Year, spec));
        }
        if let Some(Lexeme::Nth(n)) = self.lexeme(j) {
            let f = self.nth_part(j, n)?;
            return Some(found(i, f.end, ExpressionKind::Part, None));
        }
        None
    }

    pub(super) fn lexeme(&self, j: usize) -> Option<Lexeme> {
        match self.tokens.get(j)?.kind {
            Kind::Word { lexeme, .. } => Some(lexeme),
            _ => None,
        }
    }

    /// Phrases opening with "the": "the latest quarter", "the most recent quarter", "the
    /// current quarter", "the previous quarter", "the quarter" (the one the text last
    /// named), "the year-earlier quarter", and "the previous Friday", "the following year"
    /// (consumed: counted from another time).
    fn the_phrase(&self, i: usize) -> Option<Found> {
        let j = i + 1;
        if !self.spaced(j) {
            return None;
        }
        let quarter_at = |k: usize| self.spaced(k) && self.is_key(k, Key::Quarter);
        let part = |end, spec| Some(found(i, end, ExpressionKind::Part, Some(spec)));
        match self.key(j) {
            Some(Key::Latest) if quarter_at(j + 1) => part(j + 2, Spec::LatestQuarter),
            Some(Key::Most) if self.is_key(j + 1, Key::Recent) && quarter_at(j + 2) => {
                part(j + 3, Spec::LatestQuarter)
            }
            Some(Key::Current) if quarter_at(j + 1) => part(
                j + 2,
                Spec::Period {
                    unit: Unit::Quarter,
                    which: Which::This,
                },
            ),
            Some(Key::Current) if self.spaced(j + 1) && self.is_key(j + 1, Key::Year) => {
                let spec = Spec::Period {
                    unit: Unit::Year,
                    which: Which::This,
                };
                Some(found(i, j + 2, ExpressionKind::Relative, Some(spec)))
            }
            Some(Key::Past) if self.spaced(j + 1) => {
                // "over the past year": the rolling span up to publication.
                let back = match self.key(j + 1)? {
                    Key::Week => 7,
                    Key::Month => 31,
                    Key::Year => 366,
                    Key::Decade => 3653,
                    Key::Quarter => {
                        return part(
                            j + 2,
                            Spec::Period {
                                unit: Unit::Quarter,
                                which: Which::Last,
                            },
                        )
                    }
                    _ => return None,
                };
                if self.spaced(j + 2) && self.is_key(j + 2, Key::Of) {
                    return None;
                }
                let spec = Spec::Offset(-back, 0);
                Some(found(i, j + 2, ExpressionKind::Relative, Some(spec)))
            }
            Some(Key::Previous) if quarter_at(j + 1) => part(
                j + 2,
                Spec::Period {
                    unit: Unit::Quarter,
                    which: Which::Last,
                },
            ),
            Some(Key::Previous) => self.counted_from_elsewhere(i, j),
            Some(Key::Quarter)
                if !(self.glued_hyphen(j + 1)
                    || self.spaced(j + 1) && self.is_key(j + 1, Key::Of)) =>
            {
                part(j + 1, Spec::Anchor)
            }
            Some(Key::Year) if self.glued_hyphen(j + 1) => self
                .year_earlier(j, i)
                .filter(|f| f.end > j + 2 || f.spec.is_some()),
            _ if self.word(j).eq_ignore_ascii_case("following") => {
                self.counted_from_elsewhere(i, j)
            }
            _ => None,
        }
    }

    /// "the previous Friday", "the following year" (the word at `j` after "the" at `i`):
    /// counted from a time the text names elsewhere, so consumed unread.
    fn counted_from_elsewhere(&self, i: usize, j: usize) -> Option<Found> {
        let k = j + 1;
        if !self.spaced(k) {
            return None;
        }
        let relative = matches!(self.lexeme(k), Some(Lexeme::Weekday(_)))
            || matches!(
                self.key(k),
                Some(Key::Day | Key::Week | Key::Month | Key::Year | Key::Weekend)
            );
        relative.then(|| found(i, k + 1, ExpressionKind::Relative, None))
    }

    /// "year-earlier", "year-ago" (with "quarter", "period", "third quarter" after it), and
    /// "the year-earlier quarter" (from `first`): a year before the period the text last
    /// named.
    pub(super) fn year_earlier(&self, j: usize, first: usize) -> Option<Found> {
        if !self.glued_hyphen(j + 1) || !matches!(self.key(j + 2), Some(Key::Earlier | Key::Ago)) {
            return None;
        }
        let mut end = j + 3;
        if self.spaced(end) {
            if let Some(Lexeme::Nth(_)) = self.lexeme(end) {
                if self.spaced(end + 1) && self.is_key(end + 1, Key::Quarter) {
                    end += 2;
                }
            } else if matches!(self.key(end), Some(Key::Quarter | Key::Period)) {
                end += 1;
            }
        }
        let spec = Spec::YearBefore { fallback: false };
        Some(found(first, end, ExpressionKind::Relative, Some(spec)))
    }

    /// "a year earlier", "a year ago" (a year before the period the text last named; "a
    /// year ago" without one is the year before publication), "a decade ago" (that year).
    pub(super) fn year_before(&self, i: usize, count: u32) -> Option<Found> {
        if count != 1 || !self.spaced(i + 1) || !self.spaced(i + 2) {
            return None;
        }
        match (self.key(i + 1)?, self.key(i + 2)?) {
            (Key::Year, Key::Earlier) => Some(found(
                i,
                i + 3,
                ExpressionKind::Relative,
                Some(Spec::YearBefore { fallback: false }),
            )),
            (Key::Decade, Key::Ago) => Some(found(
                i,
                i + 3,
                ExpressionKind::Relative,
                Some(Spec::Ago {
                    unit: Unit::Year,
                    count: 10,
                }),
            )),
            _ => None,
        }
    }

    /// A year used as an adjective after a determiner at `det`: "the 1996 law", "a 1996
    /// law", "its 1988 report", "the 1986 and 1985 deficits". Only a year near publication
    /// (150 years back, 15 ahead), and not before a plural ("the 2000
    /// villages") unless a list of years goes before it.
    pub(super) fn attributive_year(&self, j: usize, det: usize) -> Option<Found> {
        // "the company's 1989 results": a possessive is a determiner too.
        let possessive = det >= 2 && self.word(det) == "s" && self.possessive(det - 1);
        if !(self.word_is(det, DETERMINERS) || possessive) || !self.spaced(j) {
            return None;
        }
        // One adjective may stand between: "his unsuccessful 1996 campaign".
        let adjective = matches!(
            self.tokens.get(j).map(|t| t.kind),
            Some(Kind::Word {
                lexeme: Lexeme::Plain,
                capitalized: false,
                plural: false,
            })
        );
        let j = if adjective && self.spaced(j + 1) && self.year(j + 1).is_some() {
            j + 1
        } else {
            j
        };
        let mut items = Vec::new();
        let mut k = j;
        loop {
            let (year, end) = self.year(k)?;
            if year < self.years.0 || year > self.years.1 {
                return None;
            }
            items.push((k, year));
            if self.spaced(end) && matches!(self.key(end), Some(Key::And | Key::Or)) {
                k = end + 1;
                if self.spaced(k) && self.year(k).is_some() && items.len() < 4 {
                    continue;
                }
            }
            break;
        }
        let (last_at, _) = *items.last()?;
        let next = last_at + 1;
        let word_follows = self.spaced(next)
            && matches!(
                self.tokens.get(next).map(|t| t.kind),
                Some(Kind::Word { .. })
            );
        if !word_follows || (items.len() == 1 && self.count_follows(next)) {
            return None;
        }
        // "the 1988 third quarter" is read whole by `nth_part`.
        if matches!(self.lexeme(next), Some(Lexeme::Nth(_))) {
            return None;
        }
        let (at, year) = items[0];
        // "the 1988 quarter", "the 1989 period": the quarter in view, in that year.
        if items.len() == 1 && matches!(self.key(next), Some(Key::Quarter | Key::Period)) {
            let spec = Spec::AnchorIn { year };
            return Some(found(det, next + 1, ExpressionKind::Part, Some(spec)));
        }
        Some(found(
            at,
            at + 1,
            ExpressionKind::Year,
            Some(Spec::Years(year, year)),
        ))
    }

    /// "in two weeks", "in two to three weeks", "within a month", "within two years": a
    /// span ahead of publication. Only read as future, and reported only where the words
    /// around it look ahead (the reader checks): "in two weeks" is also a duration ("sold
    /// out in two weeks").
    fn ahead(&self, i: usize, key: Key) -> Option<Found> {
        let count = |j: usize| -> Option<u32> {
            match self.tokens.get(j)?.kind {
                Kind::Word {
                    lexeme: Lexeme::Count(n),
                    ..
                } => Some(n),
                Kind::Number {
                    value: Some(n),
                    digits: 1..=3,
                } if self.clean_before(j) && self.clean_after(j) => Some(n),
                _ => None,
            }
        };
        let j = i + 1;
        if !self.spaced(j) {
            return None;
        }
        let first = count(j)?;
        let (last, unit_at) = if self.spaced(j + 1)
            && matches!(self.key(j + 1), Some(Key::To | Key::Or))
            && self.spaced(j + 2)
        {
            (count(j + 2)?, j + 3)
        } else {
            (first, j + 1)
        };
        if !self.spaced(unit_at) || last < first || last == 0 || last > 100 {
            return None;
        }
        let unit = match (self.key(unit_at)?, last) {
            (Key::Day, 1) | (Key::Days, _) => Unit::Day,
            (Key::Week, 1) | (Key::Weeks, _) => Unit::Week,
            (Key::Month, 1) | (Key::Months, _) => Unit::Month,
            (Key::Year, 1) | (Key::Years, _) => Unit::Year,
            _ => return None,
        };
        let end = unit_at + 1;
        // "in two weeks of talks", "in two years' time" is fine, "in two days ago" not.
        if self.spaced(end)
            && matches!(
                self.key(end),
                Some(Key::Of | Key::Ago | Key::Earlier | Key::Later | Key::Before | Key::After)
            )
        {
            return None;
        }
        let spec = Spec::Ahead {
            unit,
            first,
            last,
            within: key == Key::Within,
        };
        Some(found(j, end, ExpressionKind::Relative, Some(spec)))
    }

    /// "the end of the year", "the beginning of the month", "the end of this week": the
    /// whole period meant (where the end begins is vague). With a year, month or decade
    /// after "of", the other patterns read it ("the end of 1990").
    fn end_of_period(&self, i: usize) -> Option<Found> {
        if !(self.spaced(i + 1) && self.is_key(i + 1, Key::Of) && self.spaced(i + 2)) {
            return None;
        }
        let k = i + 2;
        let which = match self.key(k)? {
            Key::The => Which::This,
            Key::This => Which::This,
            Key::Last => Which::Last,
            Key::Next => Which::Next,
            _ => return None,
        };
        let unit = match self.key(k + 1)? {
            Key::Week => Unit::Week,
            Key::Month => Unit::Month,
            Key::Year => Unit::Year,
            Key::Quarter => Unit::Quarter,
            _ => return None,
        };
        if !self.spaced(k + 1) || (self.spaced(k + 2) && self.is_key(k + 2, Key::Of)) {
            return None;
        }
        let spec = Spec::Period { unit, which };
        Some(found(k, k + 2, ExpressionKind::Relative, Some(spec)))
    }

    /// Numeric dates with slashes or dots: "25/12/2003" (the day is over 12: day first),
    /// "12/25/2003" (month first), and ambiguous ones ("03/12/2003") only when the source
    /// declares its `date_order`. Years in four digits only.
    pub(super) fn numeric_date(&self, i: usize) -> Option<Found> {
        let (a, da) = self.number(i)?;
        let sep = self.punct(i + 1).filter(|c| matches!(c, '/' | '.'))?;
        let touching = (1..=4).all(|k| self.touching(i + k));
        if !touching || self.punct(i + 3) != Some(sep) || !(1..=2).contains(&da) {
            return None;
        }
        let (b, db) = self.number(i + 2)?;
        let (year, dy) = self.number(i + 4)?;
        if !(1..=2).contains(&db) || dy != 4 || year < 1000 {
            return None;
        }
        if !self.clean_before(i) || !self.clean_after(i + 4) {
            return None;
        }
        let (day, month) = match (a > 12, b > 12, self.order) {
            (true, false, _) => (a, b),
            (false, true, _) => (b, a),
            (false, false, Some(DateOrder::Dmy)) => (a, b),
            (false, false, Some(DateOrder::Mdy)) => (b, a),
            // Ambiguous (or impossible): consumed, so no part is read as something else.
            _ => return Some(found(i, i + 5, ExpressionKind::FullDate, None)),
        };
        let spec = NaiveDate::from_ymd_opt(year as i32, month, day).map(|d| Spec::Days(d, d));
        Some(found(i, i + 5, ExpressionKind::FullDate, spec))
    }
}

impl Grammar<'_> {
    /// "this year's third quarter", "last year's fourth quarter", "next year's first
    /// half": after `key` at `i`, "year" at `j`.
    pub(super) fn year_part(&self, i: usize, key: Key, j: usize) -> Option<Found> {
        if !self.is_key(j, Key::Year) || !self.possessive(j + 1) || !self.spaced(j + 3) {
            return None;
        }
        let Some(Lexeme::Nth(n)) = self.lexeme(j + 3) else {
            return None;
        };
        let f = self.nth_part(j + 3, n)?;
        let part = match f.spec? {
            Spec::Part { part, .. } => part,
            _ => return None,
        };
        let offset = match key {
            Key::This => 0,
            Key::Last => -1,
            _ => 1,
        };
        let spec = Spec::PartOfYear { part, offset };
        Some(found(i, f.end, ExpressionKind::Part, Some(spec)))
    }
}

/// Number words for spelled-out years.
fn number_word(w: &str) -> Option<u32> {
    const WORDS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: &[&str] = &[
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let lower = w.to_ascii_lowercase();
    if let Some(n) = WORDS.iter().position(|x| *x == lower) {
        return Some(n as u32);
    }
    TENS.iter()
        .position(|x| *x == lower)
        .map(|n| 20 + 10 * n as u32)
}

/// Spelled decades: "the nineties".
fn decade_word(w: &str) -> Option<i32> {
    const DECADES: &[&str] = &[
        "twenties",
        "thirties",
        "forties",
        "fifties",
        "sixties",
        "seventies",
        "eighties",
        "nineties",
    ];
    let lower = w.to_ascii_lowercase();
    DECADES
        .iter()
        .position(|x| *x == lower)
        .map(|n| 20 + 10 * n as i32)
}

impl Grammar<'_> {
    /// A number from 0 to 99 in words at `j`: "six", "ninety-six", "ninety six".
    fn two_digits_spelled(&self, j: usize) -> Option<(u32, usize)> {
        let first = number_word(self.word(j))?;
        if first >= 20 && first % 10 == 0 {
            let k = if self.glued_hyphen(j + 1) {
                j + 2
            } else {
                j + 1
            };
            if (k == j + 2 || self.spaced(k)) && k < self.tokens.len() {
                if let Some(unit @ 1..=9) = number_word(self.word(k)) {
                    return Some((first + unit, k + 1));
                }
            }
        }
        Some((first, j + 1))
    }

    /// A year in words: "nineteen ninety-six", "nineteen oh five", "two thousand", "two
    /// thousand and three", "twenty twenty-six". The century part must be 10 to 20 (so
    /// "twenty" alone or "five ninety" is no year).
    pub(super) fn spelled_year(&self, j: usize) -> Option<(i32, usize)> {
        let century = number_word(self.word(j))?;
        let k = j + 1;
        if !self.spaced(k) {
            return None;
        }
        if century == 2 && self.word(k).eq_ignore_ascii_case("thousand") {
            let mut m = k + 1;
            if self.spaced(m) && self.is_key(m, Key::And) {
                m += 1;
            }
            if self.spaced(m) {
                if let Some((rest, end)) = self.two_digits_spelled(m) {
                    if rest > 0 {
                        return Some((2000 + rest as i32, end));
                    }
                }
            }
            return Some((2000, k + 1));
        }
        if !(10..=20).contains(&century) {
            return None;
        }
        if self.word(k).eq_ignore_ascii_case("oh") && self.spaced(k + 1) {
            let unit = number_word(self.word(k + 1)).filter(|u| (1..=9).contains(u))?;
            return Some((century as i32 * 100 + unit as i32, k + 2));
        }
        let (rest, end) = self.two_digits_spelled(k)?;
        (rest >= 10).then_some((century as i32 * 100 + rest as i32, end))
    }

    /// A spelled-out year where it stands: "in nineteen ninety-one", "the year two
    /// thousand", "a nineteen ninety-seven attack", and "nineteen ninety-six" alone (two
    /// number words of that shape are rarely anything else; not before a plural). "two
    /// thousand" alone is a count and needs a word before it ("the year two thousand").
    /// Also spelled decades: "the nineties" (of the century of publication or before).
    pub(super) fn spelled_year_alone(&self, i: usize) -> Option<Found> {
        if let Some(decade) = decade_word(self.word(i)) {
            let the = i > 0 && self.spaced(i) && self.is_key(i - 1, Key::The);
            if !the {
                return None;
            }
            let century = self.years.1 - PLAUSIBLE_AHEAD;
            let mut start = century - century.rem_euclid(100) + decade;
            if start > century {
                start -= 100;
            }
            let spec = Spec::Years(start, start + 9);
            return Some(found(i - 1, i + 1, ExpressionKind::Year, Some(spec)));
        }
        let (year, end) = self.spelled_year(i)?;
        if self.count_follows(end) {
            return None;
        }
        let thousand = self.word(i + 1).eq_ignore_ascii_case("thousand");
        let context = i > 0
            && self.spaced(i)
            && (self.key(i - 1).is_some_and(|k| {
                matches!(
                    k,
                    Key::In
                        | Key::Since
                        | Key::Until
                        | Key::By
                        | Key::Year
                        | Key::Of
                        | Key::Before
                        | Key::After
                        | Key::During
                )
            }) || self.word_is(i - 1, DETERMINERS));
        if thousand && !context {
            return None;
        }
        let spec = Spec::Years(year, year);
        Some(found(i, end, ExpressionKind::Year, Some(spec)))
    }
}

impl Grammar<'_> {
    /// "year-end", "year end", "year's end" (after by, at, since, before, until, around):
    /// the year of publication, whole (where its end begins is vague).
    fn year_end(&self, i: usize) -> Option<Found> {
        let end = if self.glued_hyphen(i + 1) && self.is_key(i + 2, Key::End) {
            i + 3
        } else if self.spaced(i + 1) && self.is_key(i + 1, Key::End) {
            i + 2
        } else if self.possessive(i + 1) && self.spaced(i + 3) && self.is_key(i + 3, Key::End) {
            i + 4
        } else {
            return None;
        };
        let context = i > 0
            && self.spaced(i)
            && (self.word_is(
                i - 1,
                &["by", "at", "since", "before", "until", "around", "after"],
            ));
        context.then(|| {
            let spec = Spec::Period {
                unit: Unit::Year,
                which: Which::This,
            };
            found(i, end, ExpressionKind::Relative, Some(spec))
        })
    }
}
