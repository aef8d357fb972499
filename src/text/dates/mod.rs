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

mod expression;
mod grammar;
mod resolve;
mod tense;
mod tokens;

pub use expression::{
    Context, DateExpression, DateOrder, Direction, End, ExpressionKind, Reading,
};

#[cfg(test)]
mod tests;

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
#[allow(dead_code)]
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
    grammar::scan(text, &tokens, context.date_order)
        .into_iter()
        .filter_map(|found| {
            let past = resolve::found(&found, published, Direction::Past);
            let future = resolve::found(&found, published, Direction::Future);
            if past.is_none() && future.is_none() {
                return None;
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
            Some(Reading {
                range: tokens[found.first].start..tokens[found.end - 1].end,
                kind: found.kind,
                past,
                future,
                tense: tense::tense(text, &tokens, found.first, found.end),
                ends,
            })
        })
        .collect()
}
