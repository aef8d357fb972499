//! What the date reader finds: a [`Reading`] of some [`ExpressionKind`], with the days it
//! denotes read as past and as future, and the [`Direction`] its own words give. Plain types
//! shared by the grammar, the resolver and callers.

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

impl Direction {
    /// "past" or "future".
    pub fn name(self) -> &'static str {
        match self {
            Direction::Past => "past",
            Direction::Future => "future",
        }
    }

    /// The other direction.
    pub fn other(self) -> Direction {
        match self {
            Direction::Past => Direction::Future,
            Direction::Future => Direction::Past,
        }
    }
}

/// How numeric dates such as "03/12/2003" are ordered in a source, when it says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    /// Day, month, year: "03/12/2003" is 3 December.
    Dmy,
    /// Month, day, year: "12/03/2003" is 3 December.
    Mdy,
    /// Year, month, day: "2003/12/03".
    Ymd,
}

impl DateOrder {
    /// The values `date_order` takes, as the events file spells them.
    pub(crate) const SPELLINGS: [(&'static str, DateOrder); 3] = [
        ("dmy", DateOrder::Dmy),
        ("mdy", DateOrder::Mdy),
        ("ymd", DateOrder::Ymd),
    ];

    /// The order a `date_order` value names: "dmy", "mdy" or "ymd".
    pub fn parse(name: &str) -> Option<DateOrder> {
        Self::SPELLINGS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, order)| *order)
    }

    /// How the events file spells this order.
    pub(crate) fn name(self) -> &'static str {
        Self::SPELLINGS
            .iter()
            .find(|(_, order)| *order == self)
            .map_or("", |(name, _)| name)
    }
}

/// What the reader knows of a text besides its words.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Context {
    /// When the text was published: relative expressions count from here.
    pub published: DayInterval,
    /// How the source orders numeric dates; `None`: only unambiguous ones are read.
    pub date_order: Option<DateOrder>,
}

impl Context {
    /// A text published in `published`, with no declared numeric date order.
    pub fn published(published: DayInterval) -> Context {
        Context {
            published,
            date_order: None,
        }
    }
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
    /// "in 2004", "the 1990s".
    Year,
    /// A season, quarter or half: "last fall", "the third quarter of 1998".
    Part,
    /// A holiday: "Christmas Eve", "Thanksgiving Day 1997".
    Holiday,
    /// Two ends read as one interval: "between 1994 and 1997", "from March to June".
    Range,
    /// today, yesterday, this week, next year, on Wednesday, in two weeks, …
    Relative,
}

impl ExpressionKind {
    /// A short human name: "full date", "day and month", "month and year", "month", "year",
    /// "season or quarter", "holiday", "range", "relative".
    pub fn describe(self) -> &'static str {
        match self {
            ExpressionKind::FullDate => "full date",
            ExpressionKind::DayMonth => "day and month",
            ExpressionKind::MonthYear => "month and year",
            ExpressionKind::Month => "month",
            ExpressionKind::Year => "year",
            ExpressionKind::Part => "season or quarter",
            ExpressionKind::Holiday => "holiday",
            ExpressionKind::Range => "range",
            ExpressionKind::Relative => "relative",
        }
    }
}

impl fmt::Display for ExpressionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// One date expression found in a text, resolved in one direction (the reader's own tests
/// read so).
#[cfg(test)]
#[derive(Clone, Debug, PartialEq)]
pub struct DateExpression {
    /// Byte range in the text searched.
    pub range: Range<usize>,
    pub kind: ExpressionKind,
    /// The days it denotes.
    pub days: DayInterval,
}

/// One date expression read both ways, with what its own words say of its direction.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// Byte range in the text searched.
    pub range: Range<usize>,
    pub kind: ExpressionKind,
    /// The days it denotes read as past; `None` when it does not read that way ("in two
    /// weeks" only looks ahead).
    pub past: Option<DayInterval>,
    /// The days it denotes read as future; `None` when it does not read that way ("two
    /// weeks ago").
    pub future: Option<DayInterval>,
    /// The direction the words around it give ("will", "is expected to", "next"), if they
    /// give one.
    pub tense: Option<Direction>,
    /// The direction `citeline dates` reads it in: the one its words give, else the one
    /// nearer to publication.
    pub reading: Direction,
    /// A range's two ends ("between 1994 and 1997": "1994", "1997"), each read both ways;
    /// empty for any other expression.
    pub ends: Vec<End>,
}

/// One end of a range.
#[derive(Clone, Debug, PartialEq)]
pub struct End {
    pub range: Range<usize>,
    pub past: Option<DayInterval>,
    pub future: Option<DayInterval>,
}

impl Reading {
    /// The days read in `direction`.
    pub fn days(&self, direction: Direction) -> Option<DayInterval> {
        match direction {
            Direction::Past => self.past,
            Direction::Future => self.future,
        }
    }

    /// The direction to read it in by default: the one its words give, else the one
    /// nearer to publication ([`Reading::reading`]).
    pub fn direction(&self) -> Direction {
        self.reading
    }

    /// Whether the two readings differ (one may be missing).
    pub fn readings_differ(&self) -> bool {
        self.past != self.future
    }

    /// This expression resolved in `direction`, if it reads that way.
    #[cfg(test)]
    pub fn resolved(&self, direction: Direction) -> Option<DateExpression> {
        Some(DateExpression {
            range: self.range.clone(),
            kind: self.kind,
            days: self.days(direction)?,
        })
    }
}
