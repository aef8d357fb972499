//! Date expressions in running English, resolved to day intervals against a publication
//! date (docs/checks.md#date-expressions).
//!
//! This module owns finding the expressions and saying which days each denotes; it knows
//! nothing of events, claims or diagnostics (the date rules in `check` compare intervals).
//! It is position-free: ranges are byte ranges into the text given, and nothing panics on
//! any input. The work is a hand-written tokenizer (`tokens`: words, numbers,
//! punctuation, with byte offsets), patterns over those tokens (`grammar`), and checked
//! calendar arithmetic (`resolve`); all tables are static, nothing is built per call.
//!
//! # What is recognised
//!
//! Each expression has an [`ExpressionKind`]:
//!
//! - **full date**: "3 December 2003", "3rd of December, 2003", "December 3, 2003",
//!   "Dec. 3 2003", "2003-12-03" (also with slashes), "Wednesday, 3 December 2003",
//!   "3-5 December 2003", "Nov 19-21, 2003": those days.
//! - **day and month**: "19 November", "November 19th", "19 Nov.", "19-21 November",
//!   "between 19 and 21 November"; in "12 and 13 December" both the "12" and the
//!   "13 December". Past: the latest such day on or before publication; Future: the next
//!   on or after (the day of publication counts either way). A range or a list picks its
//!   year by its first day.
//! - **month and year**: "November 2003", "November of 2003", "mid-November 2003": the
//!   month; a month continuing one with a year takes that year, or the next when it comes
//!   earlier in the calendar ("from October 2003 to March": March 2004).
//! - **month**: "in November", "since May", "from October to December", "early November",
//!   "last/this/next November". Past: the latest such month starting on or before
//!   publication; Future: the next one; the month of publication counts either way.
//!   "last"/"next": strictly before/after the month of publication; "this": in the year of
//!   publication.
//! - **year**: "in 2004", "since 1992", "from 1992 to 2004", "the year 2003", "summer of
//!   2003", "late 2004", "the 1990s": the year (the decade).
//! - **relative**: today (today's), tonight, yesterday, tomorrow, the day before yesterday,
//!   the day after tomorrow, this morning, last night,
//!   this/last/next week, weekend, month and year; weekdays ("on Wednesday", "last
//!   Wednesday", "next Monday", "this Friday"); counts back ("three days ago": that day;
//!   "two weeks ago": the week holding the day 14 days back; "a month ago": the month
//!   before the month of publication; "ten years ago": that year).
//!
//! Rules chosen, and why:
//!
//! - **Words are matched on token boundaries, ignoring ASCII case**: a token is a whole
//!   alphanumeric run, so "Mayor" is never "May"; "today's" is "today" then `'s`.
//! - **Ranges cover the date words only.** A preposition that merely introduces the
//!   expression ("on 19 November", "in 2004", "since 1992") is not part of the range; a word
//!   that changes what is meant is ("this week", "last Wednesday", "early November",
//!   "Wednesday, 3 December 2003"). "just this week" is "this week".
//! - **A month alone needs a word before it** that makes it a date: in, since, until, till,
//!   by, during, before, after, from, through, throughout, between, of; or last/this/next,
//!   early/mid/late; or it continues a month just found ("from October to December").
//!   "May" and "March" alone must be capitalised (else the verb or the noun), and
//!   abbreviations alone need their dot ("in Nov."). With a day or a year, any month word
//!   counts.
//! - **A bare four-digit number (1000-9999) is a year only after** in, since, until, till,
//!   by, during, before, after, from, through, throughout, between, "year", or a season
//!   word (spring, summer, autumn, winter); or when it continues a year just found ("from
//!   1992 to 2004", "2003 and 2004", "1992-2004" after "since 1992"); or inside a date form.
//!   Even then not when a plural-looking lower-case word follows ("in 2000 villages"), nor
//!   when glued to other number parts ("1,2003", "2003%", "$2003"). "of" and "to" do not
//!   count ("a force of 2000", "rose to 2000"). So "40 research centers" and "6020 views"
//!   are not dates.
//! - **Invalid dates are not dates**: "31 November 2003", "30 February" and "2003-02-30"
//!   match nothing (nor does a shorter form inside them). "29 February" without a year is
//!   the latest (or next) 29 February that exists: a leap year.
//! - **Weeks run Monday to Sunday.** "this week/month/year" is the current period cut at
//!   publication: it ends at publication for Past, starts there for Future. "last" and
//!   "next" periods are whole. A weekday alone ("on Wednesday", "said Wednesday") is the
//!   latest such day on or before publication (Past) or the next on or after (Future), the
//!   day of publication counting; "last Wednesday" is strictly before publication, "next
//!   Monday" strictly after, "this Friday" is in the week of publication. A weekend is the
//!   Saturday and Sunday of the week meant ("this weekend": of the week of publication,
//!   whatever the direction). "last night" is yesterday to today.
//! - **Not relative to publication**: "the last week", "the next year" (a rolling span), and
//!   "last week of November" are consumed and not reported (the month after "of" still is).
//! - **An uncertain publication date** is resolved at its first and at its last day and the
//!   hull returned: an uncertain date widens every relative expression, and a single day
//!   gives exact results. An expression that cannot be resolved (beyond chrono's calendar)
//!   is dropped.
//! - **Parts of periods are not narrowed**: "early November" is all of November, "late 2004"
//!   all of 2004, where "early" ends being vague; a season before a year gives the year.
//!
//! # Known gaps
//!
//! Not recognised: numeric forms other than ISO ("12/03/2003": the order of day and month
//! is ambiguous), ISO date-times ("2003-12-03T10:00"), two-digit years ("Dec. 3, '03"),
//! spans ahead ("in two weeks"), and a year used as an adjective without a preposition
//! ("the 2003 elections"). A weekday inside a name ("the Sunday Times") is read as a
//! weekday, and "in November 19 people died" as 19 November.

mod calendar;
mod expression;
mod grammar;
mod resolve;
mod tense;
mod tokens;

pub use expression::{Context, DateExpression, DateOrder, Direction, End, ExpressionKind, Reading};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_news;

use crate::date::DayInterval;

/// Every date expression in `text`, in order, resolved in `direction` against `published`
/// (the hull of the resolutions at its first and last day when the publication date is
/// itself uncertain). Expressions that do not read in `direction` ("two weeks ago" read as
/// future) are left out.
///
/// In "At a meeting in Bishkek on 19 November, ministers met." published 2003-12-03, it
/// finds "19 November", a day and month, which resolves to 2003-11-19.
pub fn find(text: &str, published: DayInterval, direction: Direction) -> Vec<DateExpression> {
    read(text, &Context::published(published))
        .iter()
        .filter_map(|r| r.resolved(direction))
        .collect()
}

/// Every date expression in `text`, in order, read both as past and as future, with the
/// direction its own words give.
pub fn read(text: &str, context: &Context) -> Vec<Reading> {
    let tokens = tokens::tokenize(text);
    let published = context.published;
    // The quarter or half the text last named, as read: what "a year earlier" counts from.
    let mut anchor: Option<DayInterval> = None;
    let mut anchor_is_quarter = false;
    let mut readings = Vec::new();
    for found in grammar::scan(text, &tokens, context) {
        let tense = tense::tense(text, &tokens, found.first, found.end);
        let (past, future) = match found.spec {
            Some(resolve::Spec::YearBefore { fallback }) => match anchor {
                // "a year ago" counts from publication unless a quarter is in view.
                Some(days) if !fallback || anchor_is_quarter => (year_back(days), year_back(days)),
                _ if fallback => {
                    let spec = resolve::Spec::Ago {
                        unit: resolve::Unit::Year,
                        count: 1,
                    };
                    let f = grammar::Found {
                        spec: Some(spec),
                        ..found
                    };
                    let year = resolve::found(&f, published, Direction::Past);
                    (year, year)
                }
                _ => continue,
            },
            Some(resolve::Spec::AnchorIn { year }) if anchor_is_quarter => {
                let days = anchor.and_then(|a| in_year(a, year));
                (days, days)
            }
            Some(resolve::Spec::Anchor) => match anchor {
                Some(days) if anchor_is_quarter => (Some(days), Some(days)),
                _ => continue,
            },
            // A span ahead is only read where the words look ahead: "in two weeks" is
            // also a duration ("sold out in two weeks").
            Some(resolve::Spec::Ahead { .. }) if tense != Some(Direction::Future) => continue,
            _ => (
                resolve::found(&found, published, Direction::Past),
                resolve::found(&found, published, Direction::Future),
            ),
        };
        if past.is_none() && future.is_none() {
            continue;
        }
        let reading = choose(found.kind, tense, past, future, published);
        // "a year earlier" counts from the period the text last named; a quarter or half
        // stays the anchor over later plain dates ("the quarter ended Sept. 30 ... a year
        // earlier" is the year-earlier quarter).
        let named = match reading {
            Direction::Past => past,
            Direction::Future => future,
        };
        let quarter = found.spec.is_some_and(|s| s.names_quarter());
        if quarter || !anchor_is_quarter {
            if !matches!(found.spec, Some(resolve::Spec::YearBefore { .. })) {
                anchor = named;
                anchor_is_quarter = quarter;
            }
        }
        let ends = found
            .second
            .map(|second| {
                let end = |first: usize, end: usize, which| End {
                    range: tokens[first].start..tokens[end - 1].end,
                    past: resolve::end(&found, which, published, Direction::Past),
                    future: resolve::end(&found, which, published, Direction::Future),
                };
                vec![
                    end(found.first, second.first_end, resolve::EndOf::First),
                    end(second.start, found.end, resolve::EndOf::Second),
                ]
            })
            .unwrap_or_default();
        readings.push(Reading {
            range: tokens[found.first].start..tokens[found.end - 1].end,
            kind: found.kind,
            past,
            future,
            tense,
            reading,
            ends,
        });
    }
    readings
}

/// A yearless date ("Nov. 16", "in January") more than this many days behind publication
/// when read as past ...
const HALF_YEAR: i64 = 183;
/// ... and at most this many ahead when read as future is the coming one, whatever the
/// tense: news writes the year of a date that is not near.
const QUARTER_AHEAD: i64 = 92;

/// The reading `citeline dates` shows (docs/checks.md#direction): for a quarter, half or
/// season, the one nearer to publication ("the third quarter" in November is the one just
/// ended, "the first quarter" the coming one); for a yearless day or month, the coming one
/// when the past one would lie over half a year back and the coming one within three months
/// (and the past one in the converse case); otherwise the direction the words give, else
/// the past.
fn choose(
    kind: ExpressionKind,
    tense: Option<Direction>,
    past: Option<DayInterval>,
    future: Option<DayInterval>,
    published: DayInterval,
) -> Direction {
    let (p, f) = match (past, future) {
        (Some(p), Some(f)) => (p, f),
        (None, Some(_)) => return Direction::Future,
        _ => return Direction::Past,
    };
    let behind = (published.earliest() - p.latest()).num_days().max(0);
    let ahead = (f.earliest() - published.latest()).num_days().max(0);
    match kind {
        ExpressionKind::Part if ahead < behind => return Direction::Future,
        ExpressionKind::Part => return Direction::Past,
        ExpressionKind::DayMonth | ExpressionKind::Month => {
            if behind > HALF_YEAR && ahead <= QUARTER_AHEAD {
                return Direction::Future;
            }
            if ahead > HALF_YEAR && behind <= HALF_YEAR {
                return Direction::Past;
            }
        }
        _ => {}
    }
    tense.unwrap_or(Direction::Past)
}

/// The same quarter or half in `year`.
fn in_year(days: DayInterval, year: i32) -> Option<DayInterval> {
    use chrono::Datelike;
    let first = days.earliest();
    let last = days.latest();
    let years = last.year() - first.year();
    DayInterval::new(
        chrono::NaiveDate::from_ymd_opt(year, first.month(), 1)?,
        crate::date::last_day_of_month(year.checked_add(years)?, last.month())?,
    )
}

/// The same period a year earlier: a quarter to the quarter, a day to the day (29 February
/// to 28 February), a month's last day to the month's last day.
fn year_back(days: DayInterval) -> Option<DayInterval> {
    use chrono::Datelike;
    let back = |day: chrono::NaiveDate, month_end: bool| {
        let year = day.year().checked_sub(1)?;
        if month_end {
            crate::date::last_day_of_month(year, day.month())
        } else {
            chrono::NaiveDate::from_ymd_opt(year, day.month(), day.day())
                .or_else(|| chrono::NaiveDate::from_ymd_opt(year, day.month(), 28))
        }
    };
    let last = days.latest();
    let month_end = last.succ_opt().is_some_and(|n| n.day() == 1);
    DayInterval::new(back(days.earliest(), false)?, back(last, month_end)?)
}
