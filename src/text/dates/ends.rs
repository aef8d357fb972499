//! The days a match denotes, one end at a time: a range's second end is resolved from its
//! first, and each at the first and the last day of an uncertain publication (the reader
//! takes a range's hull).

use super::expression::Direction;
use super::grammar::Found;
use super::resolve::resolve;
use crate::date::DayInterval;
use chrono::NaiveDate;

/// Which end of a range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum EndOf {
    First,
    Second,
}

/// The days one end of a match denotes (for a match that is no range, `EndOf::First` is the
/// whole). A second end that names no year ("from 15 March to 28 March", "early April
/// until mid-June") is the first such on or after the start of the first end, so a range
/// never runs backwards.
pub(super) fn end(
    found: &Found,
    which: EndOf,
    published: DayInterval,
    direction: Direction,
) -> Option<DayInterval> {
    let at = |day: NaiveDate| -> Option<DayInterval> {
        let first = resolve(found.spec?, day, direction)?;
        match (which, found.second) {
            (EndOf::First, _) | (_, None) => Some(first),
            (EndOf::Second, Some(second)) if second.spec.anchored() => {
                resolve(second.spec, first.earliest(), Direction::Future)
            }
            (EndOf::Second, Some(second)) => resolve(second.spec, day, direction),
        }
    };
    Some(at(published.earliest())?.hull(&at(published.latest())?))
}
