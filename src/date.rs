//! The EDTF subset citeline accepts for `date` and `published`, and the day intervals
//! those values denote.
//!
//! Levels 0 and 1 of ISO 8601-2, restricted to what a curator needs: `2003-11-19`,
//! `2003-11`, `2003`, each optionally followed by `?` (uncertain), `~` (approximate) or `%`
//! (both), and intervals `START/END` whose ends are such dates or `..` (open). Parsing is
//! position-free: errors carry a byte offset into the value, and the loader adds the TOML
//! span. Everything downstream works on [`DayInterval`], which is valid by construction.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// A closed interval of civil days, `earliest <= latest` by construction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DayInterval {
    earliest: NaiveDate,
    latest: NaiveDate,
}

impl DayInterval {
    /// The interval from `earliest` to `latest`, or `None` when they are reversed.
    pub fn new(earliest: NaiveDate, latest: NaiveDate) -> Option<Self> {
        (earliest <= latest).then_some(Self { earliest, latest })
    }

    /// The interval holding the single day `day`.
    pub fn day(day: NaiveDate) -> Self {
        Self {
            earliest: day,
            latest: day,
        }
    }

    /// All the days of month `month` of `year`, or `None` when the month does not exist.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let last = last_day_of_month(year, month)?;
        Self::new(first, last)
    }

    /// All the days of `year`, or `None` outside chrono's range.
    pub fn year(year: i32) -> Option<Self> {
        Self::new(
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        )
    }

    pub fn earliest(&self) -> NaiveDate {
        self.earliest
    }

    pub fn latest(&self) -> NaiveDate {
        self.latest
    }

    /// Number of days in the interval (at least 1).
    pub fn days(&self) -> i64 {
        (self.latest - self.earliest).num_days() + 1
    }

    /// Whether `other` lies wholly inside `self`.
    pub fn contains(&self, other: &DayInterval) -> bool {
        self.earliest <= other.earliest && other.latest <= self.latest
    }

    /// Whether the two intervals share no day.
    pub fn is_disjoint(&self, other: &DayInterval) -> bool {
        self.latest < other.earliest || other.latest < self.earliest
    }

    /// The smallest interval holding both.
    pub fn hull(&self, other: &DayInterval) -> DayInterval {
        DayInterval {
            earliest: self.earliest.min(other.earliest),
            latest: self.latest.max(other.latest),
        }
    }
}

impl DayInterval {
    /// The interval as briefly as dates in the events file write it: `2004` for a whole
    /// year, `2003-11` for a whole month, `2003-11-19` for a day, and `FIRST to LAST` for a
    /// span, both ends as coarse as the span allows (`1990 to 1999`, `2012-07 to 2013-11`,
    /// `2003-12-01 to 2003-12-03`). What a curator can copy into `date`.
    pub fn brief(&self) -> String {
        match self.coarse_ends() {
            (a, Some(b)) => format!("{a} to {b}"),
            (a, None) => a,
        }
    }

    /// The same days as an EDTF value for `date`: [`DayInterval::brief`]'s ends, joined as
    /// an interval (`2012-07/2013-11`).
    pub(crate) fn edtf(&self) -> String {
        match self.coarse_ends() {
            (a, Some(b)) => format!("{a}/{b}"),
            (a, None) => a,
        }
    }

    /// The first and last day as coarsely as the span allows; no last when both read alike.
    fn coarse_ends(&self) -> (String, Option<String>) {
        let (first, last) = (self.earliest, self.latest);
        let whole_years =
            first.month() == 1 && first.day() == 1 && last.month() == 12 && last.day() == 31;
        let whole_months =
            first.day() == 1 && last_day_of_month(last.year(), last.month()) == Some(last);
        let show = |d: NaiveDate| {
            if whole_years {
                format!("{:04}", d.year())
            } else if whole_months {
                format!("{:04}-{:02}", d.year(), d.month())
            } else {
                d.to_string()
            }
        };
        let (a, b) = (show(first), show(last));
        let last = (a != b).then_some(b);
        (a, last)
    }
}

impl fmt::Display for DayInterval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.earliest == self.latest {
            write!(f, "{}", self.earliest)
        } else {
            write!(f, "{} to {}", self.earliest, self.latest)
        }
    }
}

/// The last day of a month, or `None` for a month that does not exist.
pub fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

/// How finely a date is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// EDTF's qualification of a date: `?`, `~` or `%` (both).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Qualifier {
    pub uncertain: bool,
    pub approximate: bool,
}

impl Qualifier {
    pub fn is_qualified(&self) -> bool {
        self.uncertain || self.approximate
    }

    fn suffix(&self) -> &'static str {
        match (self.uncertain, self.approximate) {
            (true, true) => "%",
            (true, false) => "?",
            (false, true) => "~",
            (false, false) => "",
        }
    }
}

/// One calendar date at some precision, with its qualifier: `2003-11?`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CalendarDate {
    pub precision: Precision,
    pub qualifier: Qualifier,
    /// The days this date may denote.
    pub days: DayInterval,
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let first = self.days.earliest();
        match self.precision {
            Precision::Day => write!(f, "{first}")?,
            Precision::Month => write!(f, "{:04}-{:02}", first.year(), first.month())?,
            Precision::Year => write!(f, "{:04}", first.year())?,
        }
        f.write_str(self.qualifier.suffix())
    }
}

/// A parsed `date` or `published` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edtf {
    /// A single date: `2003-11-19`, `2003-11~`.
    Date(CalendarDate),
    /// `START/END`; `None` is an open end (`..`).
    Interval {
        start: Option<CalendarDate>,
        end: Option<CalendarDate>,
    },
}

impl Edtf {
    /// The days the value may denote. An open end reaches as far as chrono's calendar goes,
    /// so containment checks treat it as unbounded.
    pub fn days(&self) -> DayInterval {
        match self {
            Edtf::Date(d) => d.days,
            Edtf::Interval { start, end } => {
                let earliest = start.map_or(NaiveDate::MIN, |d| d.days.earliest());
                let latest = end.map_or(NaiveDate::MAX, |d| d.days.latest());
                // `parse` rejects reversed intervals, so this cannot fail.
                DayInterval::new(earliest, latest).unwrap_or(DayInterval::day(earliest))
            }
        }
    }

    /// Whether any part is marked uncertain (`?` or `%`).
    pub fn is_uncertain(&self) -> bool {
        self.parts().any(|d| d.qualifier.uncertain)
    }

    /// Whether any part is marked approximate (`~` or `%`).
    pub fn is_approximate(&self) -> bool {
        self.parts().any(|d| d.qualifier.approximate)
    }

    /// Whether the value is a single day without qualifier: the one case drawn as a dot.
    pub fn is_exact_day(&self) -> bool {
        matches!(self, Edtf::Date(d) if d.precision == Precision::Day && !d.qualifier.is_qualified())
    }

    fn parts(&self) -> impl Iterator<Item = &CalendarDate> {
        let (a, b) = match self {
            Edtf::Date(d) => (Some(d), None),
            Edtf::Interval { start, end } => (start.as_ref(), end.as_ref()),
        };
        a.into_iter().chain(b)
    }
}

impl fmt::Display for Edtf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Edtf::Date(d) => write!(f, "{d}"),
            Edtf::Interval { start, end } => {
                match start {
                    Some(d) => write!(f, "{d}")?,
                    None => f.write_str("..")?,
                }
                f.write_str("/")?;
                match end {
                    Some(d) => write!(f, "{d}"),
                    None => f.write_str(".."),
                }
            }
        }
    }
}

/// Why a date value was rejected, with the byte offset of the fault within the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    pub offset: usize,
    pub message: String,
}

impl DateError {
    fn at(offset: usize, message: impl Into<String>) -> Self {
        Self {
            offset,
            message: message.into(),
        }
    }
}

/// Parse a value of the EDTF subset.
///
/// ```
/// use citeline::date::parse;
/// let d = parse("2003-11~").unwrap();
/// assert!(d.is_approximate());
/// assert_eq!(d.days().days(), 30);
/// assert!(parse("2003-13").is_err());
/// ```
pub fn parse(text: &str) -> Result<Edtf, DateError> {
    if text.is_empty() {
        return Err(DateError::at(0, "empty date; write e.g. \"2003-11-19\""));
    }
    let Some(slash) = text.find('/') else {
        return parse_calendar_date(text, 0).map(Edtf::Date);
    };
    let (left, right) = (&text[..slash], &text[slash + 1..]);
    let start = parse_end(left, 0)?;
    let end = parse_end(right, slash + 1)?;
    if start.is_none() && end.is_none() {
        return Err(DateError::at(0, "an interval needs at least one known end"));
    }
    if let (Some(s), Some(e)) = (start, end) {
        if e.days.latest() < s.days.earliest() {
            return Err(DateError::at(
                slash + 1,
                format!("interval ends ({e}) before it starts ({s})"),
            ));
        }
    }
    Ok(Edtf::Interval { start, end })
}

fn parse_end(text: &str, base: usize) -> Result<Option<CalendarDate>, DateError> {
    match text {
        ".." => Ok(None),
        "" => Err(DateError::at(
            base,
            "empty interval end; write a date or `..` for an open end",
        )),
        _ => parse_calendar_date(text, base).map(Some),
    }
}

fn parse_calendar_date(text: &str, base: usize) -> Result<CalendarDate, DateError> {
    let (body, qualifier) = split_qualifier(text);
    if body.contains(['?', '~', '%']) {
        let at = body.find(['?', '~', '%']).unwrap_or(0);
        return Err(DateError::at(
            base + at,
            "a qualifier (`?`, `~`, `%`) may only stand at the end of a date",
        ));
    }
    let fields: Vec<&str> = body.split('-').collect();
    let mut offset = base;
    let mut numbers = Vec::with_capacity(3);
    for (i, field) in fields.iter().enumerate() {
        let width = if i == 0 { 4 } else { 2 };
        let what = ["year", "month", "day"].get(i).copied();
        let Some(what) = what else {
            return Err(DateError::at(
                offset,
                "too many parts; dates are YYYY, YYYY-MM or YYYY-MM-DD",
            ));
        };
        if field.len() != width || !field.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DateError::at(
                offset,
                format!("expected a {width}-digit {what}, found `{field}`; dates are YYYY, YYYY-MM or YYYY-MM-DD"),
            ));
        }
        numbers.push(field.parse::<u32>().unwrap_or(0));
        offset += field.len() + 1;
    }
    let year = numbers[0] as i32;
    let month_at = base + 5;
    let day_at = base + 8;
    let (precision, days) = match numbers[..] {
        [_] => (
            Precision::Year,
            DayInterval::year(year).ok_or_else(|| DateError::at(base, "year out of range"))?,
        ),
        [_, m] => (
            Precision::Month,
            DayInterval::month(year, m)
                .ok_or_else(|| DateError::at(month_at, format!("no month {m:02}")))?,
        ),
        [_, m, d] => {
            DayInterval::month(year, m)
                .ok_or_else(|| DateError::at(month_at, format!("no month {m:02}")))?;
            let day = NaiveDate::from_ymd_opt(year, m, d).ok_or_else(|| {
                DateError::at(day_at, format!("{year:04}-{m:02} has no day {d:02}"))
            })?;
            (Precision::Day, DayInterval::day(day))
        }
        _ => unreachable!("split yields one to three fields here"),
    };
    Ok(CalendarDate {
        precision,
        qualifier,
        days,
    })
}

fn split_qualifier(text: &str) -> (&str, Qualifier) {
    let qualifier = match text.as_bytes().last() {
        Some(b'?') => Qualifier {
            uncertain: true,
            approximate: false,
        },
        Some(b'~') => Qualifier {
            uncertain: false,
            approximate: true,
        },
        Some(b'%') => Qualifier {
            uncertain: true,
            approximate: true,
        },
        _ => return (text, Qualifier::default()),
    };
    (&text[..text.len() - 1], qualifier)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn days(text: &str) -> String {
        dbg!(text);
        parse(text).unwrap().days().to_string()
    }

    #[track_caller]
    fn error(text: &str) -> (usize, String) {
        dbg!(text);
        let e = parse(text).unwrap_err();
        (e.offset, e.message)
    }

    #[test]
    fn precisions_denote_their_days() {
        assert_eq!(days("2003-11-19"), "2003-11-19");
        assert_eq!(days("2003-11"), "2003-11-01 to 2003-11-30");
        assert_eq!(days("2004-02"), "2004-02-01 to 2004-02-29");
        assert_eq!(days("2003"), "2003-01-01 to 2003-12-31");
        assert_eq!(days("2003-11-19?"), "2003-11-19");
        assert_eq!(days("2012-07?/2013-11?"), "2012-07-01 to 2013-11-30");
    }

    #[test]
    fn qualifiers_are_read() {
        let d = parse("2003-11%").unwrap();
        assert!(d.is_uncertain() && d.is_approximate());
        assert!(!parse("2003").unwrap().is_uncertain());
        assert!(parse("2003?/2004").unwrap().is_uncertain());
        assert!(parse("2003-11-19").unwrap().is_exact_day());
        assert!(!parse("2003-11-19~").unwrap().is_exact_day());
    }

    #[test]
    fn open_intervals_are_unbounded() {
        let d = parse("../2003-11").unwrap().days();
        assert_eq!(d.earliest(), NaiveDate::MIN);
        assert_eq!(d.latest(), NaiveDate::from_ymd_opt(2003, 11, 30).unwrap());
    }

    #[test]
    fn brief_is_as_coarse_as_the_days_allow() {
        let brief = |text: &str| parse(text).unwrap().days().brief();
        assert_eq!(brief("2004"), "2004");
        assert_eq!(brief("2003-11"), "2003-11");
        assert_eq!(brief("2004-02"), "2004-02");
        assert_eq!(brief("2003-11-19"), "2003-11-19");
        assert_eq!(brief("1990/1999"), "1990 to 1999");
        assert_eq!(brief("2012-07/2013-11"), "2012-07 to 2013-11");
        assert_eq!(brief("2003-12-01/2003-12-03"), "2003-12-01 to 2003-12-03");
        assert_eq!(brief("2003-12/2004-01-15"), "2003-12-01 to 2004-01-15");
        assert_eq!(brief("2003-01-01/2003-12-31"), "2003");
    }

    #[test]
    fn display_round_trips() {
        for text in [
            "2003-11-19",
            "2003-11~",
            "2003%",
            "2003-01/..",
            "../2004-02-29?",
        ] {
            assert_eq!(parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn errors_point_at_the_fault() {
        assert_eq!(error("2003-13").0, 5);
        assert_eq!(error("2003-02-30"), (8, "2003-02 has no day 30".into()));
        assert_eq!(error("03-11").0, 0);
        assert_eq!(error("2003-11-19/2003-11-01").0, 11);
        assert_eq!(error("2003/").0, 5);
        assert_eq!(error("../..").0, 0);
        assert_eq!(error("2003?-11").0, 4);
        assert_eq!(error("").0, 0);
        assert!(error("2003-11-19-01").1.contains("too many parts"));
        assert!(error("19 November 2003").1.contains("4-digit year"));
    }
}
