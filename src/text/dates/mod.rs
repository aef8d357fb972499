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
//! Each expression has an [`ExpressionKind`]. The full list, with what each resolves to and
//! the rules' reasons, is docs/checks.md#date-expressions; in short:
//!
//! - **full date**: "3 December 2003", "December 3, 2003", "Dec. 3 2003", "2003-12-03",
//!   "Wednesday, 3 December 2003", "3-5 December 2003"; numeric "25/12/2003" only when
//!   unambiguous or under the source's `date_order` (`grammar::news`).
//! - **day and month**: "19 November", "November 19th", "19-21 November", lists ("12 and 13
//!   December": each its own); "Saturday, April 25" (the weekday picks the year).
//! - **month and year**: "November 2003", "mid-November 2003", "June last year".
//! - **month**: "in November", "last November", "for November", "December's figures".
//! - **year**: "in 2004", "the 1990s", "the nineties", "nineteen ninety-six", "fiscal 1989"
//!   (every twelve months ending in it), attributive "the 1996 law", "for 1987", "the end of
//!   1990".
//! - **season, quarter or half** (`calendar`): "the third quarter", "third-quarter", "the
//!   latest quarter", "the first quarter of 1998", "this year's third quarter", "the second
//!   half", "last fall", "the summer of 2003"; fiscal quarters are consumed unread.
//! - **holiday** (`calendar`): Christmas Eve and Day, New Year's Day and Eve, Thanksgiving,
//!   Easter Sunday, Good Friday, Labor Day, (US) Independence Day.
//! - **range**: "between 1994 and 1997", "from X to/until/through Y", "X–Y", "X or Y": one
//!   interval, the hull of both ends, which [`Reading::ends`] keeps.
//! - **relative**: today, yesterday, tomorrow, tonight, this morning, last night,
//!   overnight; this/last/next week, weekend, month, quarter, year; weekdays; "over the
//!   weekend"; "three days ago", "a decade ago"; "the past year"; "a year earlier" and "the
//!   year-ago quarter" (the period last named, a year back); spans ahead ("in two to three
//!   weeks", "within a month"), only where the words look ahead.
//!
//! Each is resolved both ways ([`Reading::past`], [`Reading::future`]); [`tense`] reads the
//! direction the sentence gives, and [`Reading::reading`] is the one to show.
//!
//! Rules chosen, and why (more in the docs):
//!
//! - **Words are matched on token boundaries, ignoring ASCII case**: a token is a whole
//!   alphanumeric run, so "Mayor" is never "May"; "today's" is "today" then `'s`.
//! - **Ranges cover the date words only.** A preposition that merely introduces the
//!   expression ("on 19 November", "in 2004") is not part of the range; a word that changes
//!   what is meant is ("this week", "last Wednesday", "early November").
//! - **Context before content**: a month or a four-digit number alone is a date only after a
//!   word that makes it one ("in November", "since 1992"); weaker contexts ("for 1987", "the
//!   1996 law") need a year within 150 years before publication and 15 after, and none is a
//!   year before a plural ("in 2000 villages").
//! - **Names are not dates**: "the Sunday Times", "Super Tuesday", "Easter Island",
//!   "Christmas shopping".
//! - **Invalid dates are not dates**: "31 November 2003" matches nothing (nor does a
//!   shorter form inside it).
//! - **Periods are whole**: "this week" is Monday to Sunday, "early November" all of
//!   November, "winter 2003" both winters it may mean: a reading never claims more than
//!   the words say.
//! - **Not relative to publication**: "the last week", "the previous Friday", "the following
//!   year", fiscal quarters, and "a year earlier" with no period before it are consumed and
//!   not reported.
//! - **An uncertain publication date** is resolved at its first and at its last day and the
//!   hull returned. An expression that cannot be resolved (beyond chrono's calendar) is
//!   dropped.
//!
//! # Known gaps
//!
//! Date-times, two-digit years, "the year", "that year", "then" and other references to a
//! time named elsewhere; "in November 19 people died" is read as 19 November.

mod calendar;
mod ends;
mod expression;
mod grammar;
mod resolve;
mod tense;
mod tokens;

#[cfg(test)]
use expression::DateExpression;
pub use expression::{Context, DateOrder, Direction, End, ExpressionKind, Reading};

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
// Callers outside the reader read both ways with the source's `Context` ([`read`]); this
// one-direction form serves the reader's own tests.
#[cfg(test)]
pub fn find(text: &str, published: DayInterval, direction: Direction) -> Vec<DateExpression> {
    read_with(
        text,
        &Context::published(published),
        direction == Direction::Future,
    )
    .iter()
    .filter_map(|r| r.resolved(direction))
    .collect()
}

/// Every date expression in `text`, in order, read both as past and as future, with the
/// direction its own words give.
pub fn read(text: &str, context: &Context) -> Vec<Reading> {
    read_with(text, context, false)
}

/// [`read`] for the quotes of an event whose `status = "planned"`: the status looks ahead, so
/// a span ahead ("in two weeks") is read even where the quote's own words do not.
pub fn read_planned(text: &str, context: &Context) -> Vec<Reading> {
    read_with(text, context, true)
}

fn read_with(text: &str, context: &Context, planned: bool) -> Vec<Reading> {
    let tokens = tokens::tokenize(text);
    let published = context.published;
    // The quarter or half the text last named, as read: what "a year earlier" counts from.
    let mut anchor: Option<DayInterval> = None;
    let mut anchor_is_quarter = false;
    let mut readings = Vec::new();
    for found in grammar::scan(text, &tokens, context) {
        let tense = tense::tense(text, &tokens, found.first, found.end);
        let range_ends = found.second.map(|second| {
            let end = |first: usize, end: usize, which| End {
                range: tokens[first].start..tokens[end - 1].end,
                past: ends::end(&found, which, published, Direction::Past),
                future: ends::end(&found, which, published, Direction::Future),
            };
            [
                end(found.first, second.first_end, ends::EndOf::First),
                end(second.start, found.end, ends::EndOf::Second),
            ]
        });
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
                    let year = ends::end(&f, ends::EndOf::First, published, Direction::Past);
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
            Some(resolve::Spec::Ahead { .. }) if tense != Some(Direction::Future) && !planned => {
                continue
            }
            _ => match &range_ends {
                // A range is the hull of its ends.
                Some([first, second]) => (
                    first.past.zip(second.past).map(|(a, b)| a.hull(&b)),
                    first.future.zip(second.future).map(|(a, b)| a.hull(&b)),
                ),
                None => (
                    ends::end(&found, ends::EndOf::First, published, Direction::Past),
                    ends::end(&found, ends::EndOf::First, published, Direction::Future),
                ),
            },
        };
        if past.is_none() && future.is_none() {
            continue;
        }
        let deadline = found.first > 0 && {
            let t = &tokens[found.first - 1];
            let w = &text[t.start..t.end];
            ["to", "until", "till", "by", "through"]
                .iter()
                .any(|d| w.eq_ignore_ascii_case(d))
        };
        let reading = choose(found.kind, tense, deadline, past, future, published);
        // "a year earlier" counts from the period the text last named; a quarter or half
        // stays the anchor over later plain dates ("the quarter ended Sept. 30 ... a year
        // earlier" is the year-earlier quarter).
        let named = match reading {
            Direction::Past => past,
            Direction::Future => future,
        };
        let quarter = found.spec.is_some_and(|s| s.names_quarter());
        let year_before = matches!(found.spec, Some(resolve::Spec::YearBefore { .. }));
        if (quarter || !anchor_is_quarter) && !year_before {
            anchor = named;
            anchor_is_quarter = quarter;
        }
        readings.push(Reading {
            range: tokens[found.first].start..tokens[found.end - 1].end,
            kind: found.kind,
            past,
            future,
            tense,
            reading,
            ends: range_ends.map(Vec::from).unwrap_or_default(),
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
/// season, the one nearer to publication unless past words govern it ("the third quarter"
/// in November is the one just ended, "the first quarter" the coming one); for a yearless
/// day or month, the coming one when the past one would lie over half a year back and the
/// coming one within three months (and the past one in the converse case), each unless the
/// words say otherwise; otherwise the direction the words give, else the past.
fn choose(
    kind: ExpressionKind,
    tense: Option<Direction>,
    deadline: bool,
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
        // Past words keep a quarter past ("third-quarter levels fell"); future words do not
        // move it ahead, since results are announced after their quarter ("expects to
        // report third-quarter earnings").
        ExpressionKind::Part if ahead < behind && tense != Some(Direction::Past) => {
            return Direction::Future
        }
        ExpressionKind::Part => return Direction::Past,
        ExpressionKind::DayMonth | ExpressionKind::Month => {
            // Past words win over nearness, unless the date is a deadline: "took power in
            // June" is last June, "was extended to Nov. 16" the coming one.
            let past_words = tense == Some(Direction::Past) && !deadline;
            if behind > HALF_YEAR && ahead <= QUARTER_AHEAD && !past_words {
                return Direction::Future;
            }
            if ahead > HALF_YEAR && behind <= HALF_YEAR && tense != Some(Direction::Future) {
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
