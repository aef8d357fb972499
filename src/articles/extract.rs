//! What a format reader makes of a file's bytes, shared by the readers of HTML, PDF and
//! web archives (`html.rs`, `pdf.rs`, `archive.rs`) and the code that dispatches to them.
//!
//! A reader returns the text a person reads, laid out as the quote matcher expects it
//! (paragraphs separated by a blank line, lines inside a paragraph by one line break), and
//! a map from that text back into the original file: [`Piece`]s, each the offset in the
//! text where a run of characters starts and the [`Place`] of its first character in the
//! original. Everything a user is shown points into the original through this map.

use crate::date::DayInterval;
use crate::diagnostic::Rule;
use crate::text::dates::{self, Context, Direction, ExpressionKind};

/// A file's text as a reader sees it, with its way back into the original.
#[derive(Debug, Default)]
pub struct Extracted {
    /// The visible text: paragraphs separated by `"\n\n"`, lines inside one by `"\n"`.
    pub text: String,
    /// Sorted by `at`, the first at offset 0. Empty when the text is the file's own (plain
    /// text), whose positions are its own lines and columns.
    pub pieces: Vec<Piece>,
    /// Dates the file states about itself outside its text (an HTML page's metadata).
    pub dates: Vec<MetaDate>,
    /// Names the file gives its publisher outside its text (`og:site_name`, JSON-LD
    /// `publisher`).
    pub publishers: Vec<String>,
}

/// A run of the text that starts at byte `at` and whose first character stands at `place`
/// in the original. The characters after it in the run advance the column of a
/// [`Place::Line`] one by one (so a reader starts a new piece wherever that stops being
/// true: a new line, an entity, collapsed white space); a [`Place::Page`] names the whole
/// printed line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub at: usize,
    pub place: Place,
}

/// Where a character stands in the original file, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Line and column (Unicode scalar values) in a text file such as an HTML page.
    Line { line: u32, column: u32 },
    /// A printed line on a page of a PDF.
    Page { page: u32, line: u32 },
}

/// A date a file states about itself: `<meta property="article:published_time">`, JSON-LD
/// `datePublished`, `<time datetime>` and the like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetaDate {
    /// Where it was found, as a user would search for it: `meta article:published_time`,
    /// `JSON-LD datePublished`, `time datetime`.
    pub name: String,
    /// The value as written (`2003-12-03T09:15:00+03:00`).
    pub value: String,
    /// Whether the name states the publication itself (published_time, datePublished,
    /// dc.date, date), rather than any date on the page (`<time>`, modified times).
    pub publication: bool,
    /// 1-based line in the original file.
    pub line: u32,
}

/// Why a file's bytes give no text to check quotes against: the rule, the reason (without
/// the file's name, which the caller adds) and what the user can do.
#[derive(Debug)]
pub struct Failure {
    pub rule: &'static Rule,
    pub reason: String,
    pub help: &'static str,
}

impl Failure {
    pub fn new(rule: &'static Rule, reason: impl Into<String>, help: &'static str) -> Self {
        Self {
            rule,
            reason: reason.into(),
            help,
        }
    }
}

/// The most text a reader may produce, and the most bytes it may inflate (a stream, an
/// archive record): the same cap as on a plain text file, so a few kilobytes of deflate
/// cannot become gigabytes.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

impl MetaDate {
    /// The days the value names: the calendar date as written, in the writer's own time
    /// zone (`2003-12-03T23:30:00-05:00` is 3 December, as the page's readers saw it), from
    /// an ISO 8601 date or date-time (`2003-12-03`, `2003-12`, `20031203`) or a full date in
    /// words (`Wed, 03 Dec 2003 10:00:00 GMT`). `None` when the value is none of these.
    pub fn days(&self) -> Option<DayInterval> {
        let value = self.value.trim();
        let digits = value.bytes().take_while(u8::is_ascii_digit).count();
        let iso = match digits {
            8 => format!("{}-{}-{}", &value[..4], &value[4..6], &value[6..8]),
            4 => value
                .split(['T', 't', ' '])
                .next()
                .unwrap_or(value)
                .to_string(),
            _ => String::new(),
        };
        if let Ok(date) = crate::date::parse(&iso) {
            return Some(date.days());
        }
        // A year alone in a longer value is not a date the page states.
        let context = Context::published(DayInterval::year(2000)?);
        dates::read(value, &context)
            .into_iter()
            .find(|r| r.kind == ExpressionKind::FullDate)
            .and_then(|r| r.days(Direction::Past))
    }

    /// Whether the date as written lies within `published`.
    pub fn within(&self, published: &DayInterval) -> bool {
        self.days().is_some_and(|days| published.contains(&days))
    }

    /// Whether the value is a moment written in UTC (`2003-12-04T04:30:00Z`) that fell
    /// within `published` somewhere on Earth (UTC-12 to UTC+14). A moment in UTC does not
    /// say where the page was published: a story filed at 23:30 in New York is dated the
    /// next day in UTC. A moment with its own offset (`+01:00`) says the publisher's day,
    /// and is never near another.
    pub fn near(&self, published: &DayInterval) -> bool {
        let Some(instant) = utc_instant(&self.value) else {
            return false;
        };
        let hours = |h: i64| chrono::TimeDelta::try_hours(h).map(|d| (instant + d).date());
        let (Some(first), Some(last)) = (hours(-12), hours(14)) else {
            return false;
        };
        first
            .iter_days()
            .take_while(|day| *day <= last)
            .filter_map(|day| DayInterval::new(day, day))
            .any(|day| published.contains(&day))
    }
}

/// The moment of an RFC 3339 date-time written in UTC (`Z`, `+00:00`; seconds optional);
/// `None` for a date alone, a time without an offset, or one with another offset.
fn utc_instant(value: &str) -> Option<chrono::NaiveDateTime> {
    let value = value.trim();
    let parsed = chrono::DateTime::parse_from_rfc3339(value)
        .or_else(|_| chrono::DateTime::parse_from_str(value, "%Y-%m-%dT%H:%M%#z"))
        .ok()?;
    (parsed.offset().local_minus_utc() == 0).then(|| parsed.naive_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(value: &str) -> Option<String> {
        let date = MetaDate {
            name: "meta date".into(),
            value: value.into(),
            publication: true,
            line: 1,
        };
        date.days().map(|d| d.brief())
    }

    #[test]
    fn a_page_date_is_the_calendar_date_as_written() {
        assert_eq!(
            days("2003-12-03T23:30:00-05:00").as_deref(),
            Some("2003-12-03")
        );
        assert_eq!(days(" 2003-12-03 ").as_deref(), Some("2003-12-03"));
        assert_eq!(days("2003-12").as_deref(), Some("2003-12"));
        assert_eq!(days("20031203").as_deref(), Some("2003-12-03"));
        assert_eq!(
            days("Wed, 03 Dec 2003 10:00:00 GMT").as_deref(),
            Some("2003-12-03")
        );
        assert_eq!(days("December 3, 2003").as_deref(), Some("2003-12-03"));
    }

    fn within(value: &str, published: &str) -> bool {
        let date = MetaDate {
            name: "meta article:published_time".into(),
            value: value.into(),
            publication: true,
            line: 1,
        };
        date.within(&crate::date::parse(published).unwrap().days())
    }

    fn near(value: &str, published: &str) -> bool {
        let date = MetaDate {
            name: "meta article:published_time".into(),
            value: value.into(),
            publication: true,
            line: 1,
        };
        date.near(&crate::date::parse(published).unwrap().days())
    }

    #[test]
    fn a_date_is_within_as_written() {
        assert!(within("2003-12-03T23:30-05:00", "2003-12-03"));
        assert!(within("2003-12-04T04:30:00Z", "2003-12-04"));
        assert!(within("2003-12-03", "2003-12"));
        assert!(!within("2003-12-03T23:30-05:00", "2003-12-04"));
        assert!(!within("2003-12-04T04:30:00Z", "2003-12-03"));
        assert!(!within("2003-12", "2003-12-03"));
    }

    #[test]
    fn a_moment_in_utc_is_near_the_days_it_falls_on_somewhere() {
        // 04:30 UTC on 4 December is still 3 December west of UTC-4:30.
        assert!(near("2003-12-04T04:30:00Z", "2003-12-03"));
        assert!(near("2003-12-04T04:30+00:00", "2003-12-03"));
        // 12:00 UTC on 4 December is 00:00 that day at UTC-12, 02:00 the next at UTC+14.
        assert!(!near("2003-12-04T12:00:00Z", "2003-12-03"));
        assert!(!near("2003-12-04T04:30:00Z", "2003-12-05"));
    }

    #[test]
    fn a_moment_with_its_own_offset_or_none_is_near_nothing() {
        assert!(!near("2003-12-03T23:30-05:00", "2003-12-04"));
        assert!(!near("2015-07-24T05:36:09+01:00", "2015-07-23"));
        assert!(!near("2003-12-04T04:30:00", "2003-12-03"));
        assert!(!near("2003-12-04", "2003-12-03"));
    }

    #[test]
    fn what_is_not_a_date_gives_none() {
        assert_eq!(days(""), None);
        assert_eq!(days("yesterday"), None);
        assert_eq!(days("2003-13-45"), None);
        assert_eq!(days("Updated in 2003"), None);
        assert_eq!(days("12/03/2003"), None);
    }
}
