//! What the date reader finds: a [`DateExpression`] of some [`ExpressionKind`], resolved
//! in a [`Direction`]. Plain types shared by the grammar, the resolver and callers.

use crate::date::DayInterval;
use std::fmt;
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

impl ExpressionKind {
    /// A short human name: "full date", "day and month", "month and year", "month", "year",
    /// "relative".
    pub fn describe(self) -> &'static str {
        match self {
            ExpressionKind::FullDate => "full date",
            ExpressionKind::DayMonth => "day and month",
            ExpressionKind::MonthYear => "month and year",
            ExpressionKind::Month => "month",
            ExpressionKind::Year => "year",
            ExpressionKind::Relative => "relative",
        }
    }
}

impl fmt::Display for ExpressionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
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
