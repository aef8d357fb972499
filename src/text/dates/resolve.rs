//! What a recognised expression means ([`Spec`]), and the days it denotes given one day of
//! publication and a [`Direction`].
//!
//! Every step is checked calendar arithmetic: near chrono's limits an expression resolves to
//! `None` (and is dropped by the caller), it never panics.

use super::calendar::{Holiday, Part};
use super::expression::Direction;
use crate::date::{last_day_of_month, DayInterval};
use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Which one of several candidates a word picks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Which {
    /// No qualifier ("on Wednesday", "in November"): the nearest one in the [`Direction`],
    /// the current one included.
    Nearest,
    /// "last": the one before the current one.
    Last,
    /// "this": the current one.
    This,
    /// "next": the one after the current one.
    Next,
}

/// A calendar period relative to publication.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// The meaning of one expression, before it is resolved against a publication day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Spec {
    /// Fixed days: "3 December 2003", "3-5 December 2003".
    Days(NaiveDate, NaiveDate),
    /// Days of a month in a year to be chosen by day `anchor` (the first day of the range
    /// or list): "19 November", "19-21 November", the "13" of "12 and 13 December".
    DayMonth {
        month: u32,
        first: u32,
        last: u32,
        anchor: u32,
    },
    /// "November 2003".
    MonthYear { year: i32, month: u32 },
    /// "in November", "last November".
    Month { month: u32, which: Which },
    /// Whole years, first to last: "2004", "the 1990s".
    Years(i32, i32),
    /// Days from publication, first to last: today (0, 0), yesterday (-1, -1), last night
    /// (-1, 0).
    Offset(i64, i64),
    /// this/last/next week, month, year.
    Period { unit: Unit, which: Which },
    /// "on Wednesday", "last Wednesday".
    Weekday { day: Weekday, which: Which },
    /// "three days ago" (that day), "two weeks ago" (the week holding the day 14 days
    /// back), "a month ago" (the month before the month of publication), "ten years ago".
    Ago { unit: Unit, count: u32 },
    /// "this weekend" (Saturday and Sunday of the week of publication), "last weekend" (of
    /// the week before), "next weekend" (of the week after); "over the weekend" (the
    /// nearest).
    Weekend(Which),
    /// A part of a named year: "the third quarter of 1998", "summer 2003".
    PartOf { part: Part, year: i32 },
    /// A part of a year relative to publication: "the third quarter", "last fall".
    Part { part: Part, which: Which },
    /// The latest quarter that ended before publication: "the latest quarter".
    LatestQuarter,
    /// A holiday of a named year: "Christmas 2003".
    HolidayOf { holiday: Holiday, year: i32 },
    /// A holiday relative to publication: "on Christmas Eve", "last Thanksgiving".
    Holiday { holiday: Holiday, which: Which },
    /// A span ahead of publication, never behind: "in two to three weeks" (`first` 2,
    /// `last` 3), "within a month" (`within`: from publication on).
    Ahead {
        unit: Unit,
        first: u32,
        last: u32,
        within: bool,
    },
    /// A year before the period the text last named ("a year earlier", "the year-ago
    /// quarter"); resolved by the reader from that period. With `fallback`, "a year ago"
    /// without such a period is the year before publication.
    YearBefore { fallback: bool },
    /// The period the text last named: "the quarter", "the period".
    Anchor,
    /// The quarter or half the text last named, in another year: "the 1988 quarter"; the
    /// whole year when the text named none.
    AnchorIn { year: i32 },
    /// A part of a year counted from the year of publication: "this year's third quarter"
    /// (0), "last year's fourth quarter" (-1), "the first quarter of next year" (1).
    PartOfYear { part: Part, offset: i32 },
    /// A month of a year counted from the year of publication: "June last year" (-1).
    MonthOfYear { month: u32, offset: i32 },
    /// A day of a month on a weekday, which picks the year: "Saturday, April 25".
    DayMonthOn {
        month: u32,
        day: u32,
        weekday: Weekday,
    },
}

impl Spec {
    /// Whether the spec names a quarter or a half, a period "a year earlier" may refer to.
    pub(super) fn names_quarter(self) -> bool {
        match self {
            Spec::Part { part, .. } | Spec::PartOf { part, .. } | Spec::PartOfYear { part, .. } => {
                matches!(part, Part::Quarter(_) | Part::Half(_))
            }
            Spec::LatestQuarter
            | Spec::Period {
                unit: Unit::Quarter,
                ..
            } => true,
            _ => false,
        }
    }

    /// Whether the spec names a period only up to its year ("19 November", "in April"),
    /// which a range's second end takes from its first. ("Thursday" in "from Sept. 14 to
    /// Thursday" counts from publication.)
    pub(super) fn anchored(self) -> bool {
        matches!(
            self,
            Spec::DayMonth { .. }
                | Spec::Month {
                    which: Which::Nearest,
                    ..
                }
        )
    }
}

/// The days `spec` denotes when published on `published`.
pub(super) fn resolve(
    spec: Spec,
    published: NaiveDate,
    direction: Direction,
) -> Option<DayInterval> {
    let past = direction == Direction::Past;
    match spec {
        Spec::Days(first, last) => DayInterval::new(first, last),
        Spec::DayMonth {
            month,
            first,
            last,
            anchor,
        } => {
            // Leap days recur at most eight years apart (1896 to 1904): look that far.
            (0..=8).find_map(|k| {
                let year = if past {
                    published.year().checked_sub(k)?
                } else {
                    published.year().checked_add(k)?
                };
                let anchor = NaiveDate::from_ymd_opt(year, month, anchor)?;
                let start = NaiveDate::from_ymd_opt(year, month, first)?;
                let end = NaiveDate::from_ymd_opt(year, month, last)?;
                let fits = if past {
                    anchor <= published
                } else {
                    anchor >= published
                };
                fits.then(|| DayInterval::new(start, end)).flatten()
            })
        }
        Spec::MonthYear { year, month } => DayInterval::month(year, month),
        Spec::Month { month, which } => {
            let current = published.month();
            let here = published.year();
            let year = match which {
                Which::Nearest if past => {
                    if month <= current {
                        here
                    } else {
                        here.checked_sub(1)?
                    }
                }
                Which::Nearest => {
                    if month >= current {
                        here
                    } else {
                        here.checked_add(1)?
                    }
                }
                Which::Last => {
                    if month < current {
                        here
                    } else {
                        here.checked_sub(1)?
                    }
                }
                Which::This => here,
                Which::Next => {
                    if month > current {
                        here
                    } else {
                        here.checked_add(1)?
                    }
                }
            };
            DayInterval::month(year, month)
        }
        Spec::Years(first, last) => Some(DayInterval::year(first)?.hull(&DayInterval::year(last)?)),
        Spec::Offset(first, last) => {
            DayInterval::new(shift(published, first)?, shift(published, last)?)
        }
        Spec::Period { unit, which } => {
            let current = period(unit, published)?;
            match which {
                Which::Last => period(unit, current.earliest().pred_opt()?),
                Which::Next => period(unit, current.latest().succ_opt()?),
                Which::This | Which::Nearest => Some(current),
            }
        }
        Spec::Weekday { day, which } => {
            let today = published.weekday().num_days_from_monday() as i64;
            let wanted = day.num_days_from_monday() as i64;
            let back = (today - wanted).rem_euclid(7);
            let ahead = (wanted - today).rem_euclid(7);
            let offset = match which {
                Which::Nearest if past => -back,
                Which::Nearest => ahead,
                Which::Last if back == 0 => -7,
                Which::Last => -back,
                Which::Next if ahead == 0 => 7,
                Which::Next => ahead,
                Which::This => wanted - today,
            };
            shift(published, offset).map(DayInterval::day)
        }
        Spec::Ago { unit, count } => {
            let count = i64::from(count);
            match unit {
                Unit::Day => shift(published, -count).map(DayInterval::day),
                Unit::Week => period(Unit::Week, shift(published, -7 * count)?),
                Unit::Month => {
                    let months = i64::from(published.year()) * 12 + i64::from(published.month0());
                    let back = months.checked_sub(count)?;
                    let year = i32::try_from(back.div_euclid(12)).ok()?;
                    DayInterval::month(year, back.rem_euclid(12) as u32 + 1)
                }
                Unit::Quarter => period(Unit::Quarter, shift(published, -91 * count)?),
                Unit::Year => DayInterval::year(published.year().checked_sub(count as i32)?),
            }
        }
        Spec::Weekend(which) => {
            let week = period(Unit::Week, published)?;
            let sunday = match which {
                Which::Last => week.earliest().pred_opt()?,
                Which::Next => shift(week.latest(), 7)?,
                Which::This => week.latest(),
                // The nearest weekend: this week's when it has begun (Past) or not yet
                // ended (Future), else the one before or after.
                Which::Nearest if past => {
                    if published >= shift(week.latest(), -1)? {
                        week.latest()
                    } else {
                        week.earliest().pred_opt()?
                    }
                }
                Which::Nearest => week.latest(),
            };
            DayInterval::new(sunday.pred_opt()?, sunday)
        }
        Spec::PartOf { part, year } => part.named_with_year(year),
        Spec::PartOfYear { part, offset } => part.of(published.year().checked_add(offset)?),
        Spec::MonthOfYear { month, offset } => {
            DayInterval::month(published.year().checked_add(offset)?, month)
        }
        Spec::DayMonthOn {
            month,
            day,
            weekday,
        } => {
            // The weekday repeats on a date within 11 years (6 at most, 11 over a leap
            // day): look that far, nearest first, in the direction asked.
            let year = published.year();
            (0..=11).find_map(|k| {
                let y = if past {
                    year.checked_sub(k)?
                } else {
                    year.checked_add(k)?
                };
                let d = NaiveDate::from_ymd_opt(y, month, day)?;
                let side = if past { d <= published } else { d >= published };
                (side && d.weekday() == weekday).then(|| DayInterval::day(d))
            })
        }
        Spec::Part { part, which } => {
            let year = published.year();
            let candidates = (-2..=1)
                .filter_map(|k| part.of(year.checked_add(k)?))
                .collect::<Vec<_>>();
            pick(&candidates, published, which, past, |c| {
                c.earliest().year() == year
            })
        }
        Spec::LatestQuarter => {
            let year = published.year();
            (-1..=0)
                .flat_map(|k| (1..=4).map(move |q| (k, q)))
                .filter_map(|(k, q)| Part::Quarter(q).of(year.checked_add(k)?))
                .rfind(|q| q.latest() < published)
        }
        Spec::HolidayOf { holiday, year } => holiday.of(year).map(DayInterval::day),
        Spec::Holiday { holiday, which } => {
            let year = published.year();
            let candidates = (-1..=1)
                .filter_map(|k| holiday.of(year.checked_add(k)?).map(DayInterval::day))
                .collect::<Vec<_>>();
            pick(&candidates, published, which, past, |c| {
                c.earliest().year() == year
            })
        }
        Spec::Ahead { .. } if past => None,
        Spec::Ahead {
            unit,
            first,
            last,
            within,
        } => {
            let at = |count: u32| -> Option<DayInterval> {
                let count = i64::from(count);
                match unit {
                    Unit::Day => shift(published, count).map(DayInterval::day),
                    Unit::Week => shift(published, 7 * count).map(DayInterval::day),
                    Unit::Month => {
                        let months =
                            i64::from(published.year()) * 12 + i64::from(published.month0());
                        let ahead = months.checked_add(count)?;
                        let year = i32::try_from(ahead.div_euclid(12)).ok()?;
                        DayInterval::month(year, ahead.rem_euclid(12) as u32 + 1)
                    }
                    Unit::Quarter => period(Unit::Quarter, shift(published, 91 * count)?),
                    Unit::Year => DayInterval::year(published.year().checked_add(count as i32)?),
                }
            };
            let end = at(last)?;
            let start = if within {
                DayInterval::day(published)
            } else {
                at(first)?
            };
            Some(start.hull(&end))
        }
        Spec::AnchorIn { year } => DayInterval::year(year),
        // Resolved by the reader from the period the text last named.
        Spec::YearBefore { .. } | Spec::Anchor => None,
    }
}

/// The candidate (in calendar order) that `which` picks relative to `published`: Nearest,
/// the latest starting on or before it (Past) or the earliest ending on or after it
/// (Future); This, the one holding it, else the one `this_year` accepts; Last, the latest
/// ending before it; Next, the earliest starting after it.
fn pick(
    candidates: &[DayInterval],
    published: NaiveDate,
    which: Which,
    past: bool,
    this_year: impl Fn(&DayInterval) -> bool,
) -> Option<DayInterval> {
    let holds = |c: &&DayInterval| c.earliest() <= published && published <= c.latest();
    let found = match which {
        Which::Nearest if past => candidates.iter().rfind(|c| c.earliest() <= published),
        Which::Nearest => candidates.iter().find(|c| c.latest() >= published),
        Which::This => candidates
            .iter()
            .find(holds)
            .or_else(|| candidates.iter().find(|c| this_year(c))),
        Which::Last => candidates.iter().rfind(|c| c.latest() < published),
        Which::Next => candidates.iter().find(|c| c.earliest() > published),
    };
    found.copied()
}

/// `day` moved by `days` (negative: back), or `None` beyond chrono's range.
fn shift(day: NaiveDate, days: i64) -> Option<NaiveDate> {
    let n = Days::new(days.unsigned_abs());
    if days < 0 {
        day.checked_sub_days(n)
    } else {
        day.checked_add_days(n)
    }
}

/// The week (Monday to Sunday), month or year holding `day`.
fn period(unit: Unit, day: NaiveDate) -> Option<DayInterval> {
    match unit {
        Unit::Day => Some(DayInterval::day(day)),
        Unit::Week => {
            let monday = shift(day, -(day.weekday().num_days_from_monday() as i64))?;
            DayInterval::new(monday, shift(monday, 6)?)
        }
        Unit::Month => {
            let first = day.with_day(1)?;
            DayInterval::new(first, last_day_of_month(day.year(), day.month())?)
        }
        Unit::Quarter => {
            let q = day.month0() / 3;
            Part::Quarter(q + 1).of(day.year())
        }
        Unit::Year => DayInterval::year(day.year()),
    }
}
