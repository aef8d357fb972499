//! Named parts of the calendar the grammar reads: seasons, quarters, halves and holidays,
//! each an interval of days in a given year.
//!
//! Seasons are northern meteorological seasons (spring is March to May, summer June to
//! August, autumn September to November, winter December to February), because they are
//! whole months and the same every year; the winter of a year starts in its December and
//! runs into the next year. Holidays are the fixed and rule-based days of the issue's
//! list: New Year's Day and Eve, Christmas Eve and Day, US Independence Day, US
//! Thanksgiving (the fourth Thursday of November), US Labor Day (the first Monday of
//! September), Easter Sunday (Gregorian computus) and Good Friday.

use crate::date::{last_day_of_month, DayInterval};
use chrono::{NaiveDate, Weekday};

/// A part of a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Part {
    /// Quarter 1 to 4.
    Quarter(u32),
    /// Half 1 or 2.
    Half(u32),
    Season(Season),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Part {
    /// The days of this part in `year` (the winter of a year runs into the next).
    pub fn of(self, year: i32) -> Option<DayInterval> {
        let months = |first: u32, count: u32| -> Option<DayInterval> {
            let last = first + count - 1;
            let (end_year, end_month) = if last > 12 {
                (year.checked_add(1)?, last - 12)
            } else {
                (year, last)
            };
            DayInterval::new(
                NaiveDate::from_ymd_opt(year, first, 1)?,
                last_day_of_month(end_year, end_month)?,
            )
        };
        match self {
            Part::Quarter(q) => months(3 * q - 2, 3),
            Part::Half(h) => months(6 * h - 5, 6),
            Part::Season(Season::Spring) => months(3, 3),
            Part::Season(Season::Summer) => months(6, 3),
            Part::Season(Season::Autumn) => months(9, 3),
            Part::Season(Season::Winter) => months(12, 3),
        }
    }

    /// The days a part named with a year denotes: the part itself, except "winter 2003",
    /// which writers use for the winter that ends in that year as well as the one that
    /// starts in it: both, so the reading never claims more than the words say.
    pub fn named_with_year(self, year: i32) -> Option<DayInterval> {
        let this = self.of(year)?;
        match self {
            Part::Season(Season::Winter) => Some(self.of(year.checked_sub(1)?)?.hull(&this)),
            _ => Some(this),
        }
    }
}

/// A holiday the reader knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Holiday {
    NewYearsDay,
    NewYearsEve,
    ChristmasEve,
    Christmas,
    IndependenceDay,
    Thanksgiving,
    LaborDay,
    Easter,
    GoodFriday,
}

impl Holiday {
    /// The holiday's day in `year`.
    pub fn of(self, year: i32) -> Option<NaiveDate> {
        let fixed = |month, day| NaiveDate::from_ymd_opt(year, month, day);
        match self {
            Holiday::NewYearsDay => fixed(1, 1),
            Holiday::NewYearsEve => fixed(12, 31),
            Holiday::ChristmasEve => fixed(12, 24),
            Holiday::Christmas => fixed(12, 25),
            Holiday::IndependenceDay => fixed(7, 4),
            Holiday::Thanksgiving => {
                NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Thu, 4)
            }
            Holiday::LaborDay => NaiveDate::from_weekday_of_month_opt(year, 9, Weekday::Mon, 1),
            Holiday::Easter => easter(year),
            Holiday::GoodFriday => easter(year)?.checked_sub_days(chrono::Days::new(2)),
        }
    }
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, valid for
/// every year from 1583).
fn easter(year: i32) -> Option<NaiveDate> {
    if year < 1583 {
        return None;
    }
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn easter_matches_published_tables() {
        for (year, day) in [
            (1998, "1998-04-12"),
            (2003, "2003-04-20"),
            (2008, "2008-03-23"),
            (2011, "2011-04-24"),
            (2024, "2024-03-31"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(easter(year), Some(d(day)), "{year}");
        }
        assert_eq!(easter(1500), None);
    }

    #[test]
    fn rule_based_holidays() {
        assert_eq!(Holiday::Thanksgiving.of(1997), Some(d("1997-11-27")));
        assert_eq!(Holiday::Thanksgiving.of(2003), Some(d("2003-11-27")));
        assert_eq!(Holiday::Thanksgiving.of(2026), Some(d("2026-11-26")));
        assert_eq!(Holiday::LaborDay.of(2003), Some(d("2003-09-01")));
        assert_eq!(Holiday::GoodFriday.of(2003), Some(d("2003-04-18")));
    }

    #[test]
    fn parts_of_a_year() {
        let iv = |p: Part, y| {
            let i = p.of(y).unwrap();
            (i.earliest().to_string(), i.latest().to_string())
        };
        assert_eq!(
            iv(Part::Quarter(3), 1989),
            ("1989-07-01".into(), "1989-09-30".into())
        );
        assert_eq!(
            iv(Part::Half(2), 1989),
            ("1989-07-01".into(), "1989-12-31".into())
        );
        assert_eq!(
            iv(Part::Season(Season::Winter), 1999),
            ("1999-12-01".into(), "2000-02-29".into())
        );
        let winter = Part::Season(Season::Winter).named_with_year(2003).unwrap();
        assert_eq!(winter.earliest(), d("2002-12-01"));
        assert_eq!(winter.latest(), d("2004-02-29"));
    }
}
