//! Date expressions in running English, resolved to day intervals against a publication
//! date (SPEC §4.4).

use crate::date::DayInterval;
use std::ops::Range;

/// Which way an expression without a year or with a relative word points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Reporting what happened: "on 19 November" is the latest such day on or before
    /// publication; "this week" ends at publication.
    Past,
    /// Announcing what is planned: the next such day on or after publication; "this week"
    /// starts at publication.
    Future,
}

/// What kind of expression was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpressionKind {
    /// Day, month and year: "3 December 2003".
    FullDate,
    /// Day and month: "on 19 November".
    DayMonth,
    /// Month and year: "in November 2003".
    MonthYear,
    /// A month alone: "in November".
    Month,
    /// "in 2004".
    Year,
    /// today, yesterday, this week, next year, on Wednesday, …
    Relative,
}

/// One date expression found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct DateExpression {
    /// Byte range in the text searched.
    pub range: Range<usize>,
    pub kind: ExpressionKind,
    /// The days it denotes.
    pub days: DayInterval,
}

/// Every date expression in `text`, in order, resolved against `published` (the hull of the
/// resolutions at its first and last day when the publication date is itself uncertain).
pub fn find(text: &str, published: DayInterval, direction: Direction) -> Vec<DateExpression> {
    let _ = (text, published, direction);
    todo!("helper")
}
