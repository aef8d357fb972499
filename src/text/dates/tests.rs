//! Unit tests of date expressions: inline cases (input, publication, direction, expected
//! matches) and no-panic properties. The listing of the real articles, as `citeline dates`
//! prints it, is a golden test in tests/regression.rs.

use super::*;
use crate::date::parse;
use Direction::{Future, Past};

/// What `find` reports, one `"text" = interval` per expression, joined by "; ". A single
/// day is written once, an interval as `first..last`.
#[track_caller]
fn run(text: &str, published: &str, direction: Direction) -> String {
    dbg!(text, published, direction);
    let published = parse(published).expect("test publication date").days();
    find(text, published, direction)
        .iter()
        .map(|e| format!("{:?} = {}", &text[e.range.clone()], span(e.days)))
        .collect::<Vec<_>>()
        .join("; ")
}

fn span(days: DayInterval) -> String {
    if days.earliest() == days.latest() {
        days.earliest().to_string()
    } else {
        format!("{}..{}", days.earliest(), days.latest())
    }
}

#[track_caller]
pub(super) fn past(text: &str, published: &str, expected: &str) {
    assert_eq!(
        run(text, published, Past),
        expected,
        "Past, published {published}"
    );
}

#[track_caller]
pub(super) fn future(text: &str, published: &str, expected: &str) {
    assert_eq!(
        run(text, published, Future),
        expected,
        "Future, published {published}"
    );
}

#[track_caller]
pub(super) fn none(text: &str) {
    assert_eq!(run(text, "2003-12-03", Past), "", "expected no date");
}

#[track_caller]
fn kinds(text: &str) -> Vec<ExpressionKind> {
    let published = parse("2003-12-03").unwrap().days();
    find(text, published, Past).iter().map(|e| e.kind).collect()
}

#[test]
fn full_dates_in_every_spelling() {
    let d = "2003-12-03";
    for text in [
        "3 December 2003",
        "3rd December 2003",
        "3rd of December, 2003",
        "December 3, 2003",
        "December 3rd, 2003",
        "Dec. 3, 2003",
        "Dec 3 2003",
        "dec 3 2003",
        "DECEMBER 3, 2003",
        "2003-12-03",
        "2003/12/03",
    ] {
        past(
            &format!("Prague, {text} (RFE/RL)"),
            "2010-01-01",
            &format!("{text:?} = {d}"),
        );
    }
    past(
        "on Wednesday, 3 December 2003 and",
        "2010-01-01",
        "\"Wednesday, 3 December 2003\" = 2003-12-03",
    );
    past(
        "Wednesday December 3, 2003.",
        "2010-01-01",
        "\"Wednesday December 3, 2003\" = 2003-12-03",
    );
    past(
        "on 3-5 December 2003",
        "2010-01-01",
        "\"3-5 December 2003\" = 2003-12-03..2003-12-05",
    );
    past(
        "3\u{2013}5 Dec. 2003",
        "2010-01-01",
        "\"3–5 Dec. 2003\" = 2003-12-03..2003-12-05",
    );
    past(
        "29 February 2004",
        "2010-01-01",
        "\"29 February 2004\" = 2004-02-29",
    );
    assert_eq!(
        kinds("3 December 2003, 2003-12-03"),
        [ExpressionKind::FullDate; 2]
    );
}

#[test]
fn invalid_dates_match_nothing() {
    none("31 November 2003");
    none("on 31 November");
    none("November 31, 2003");
    none("30 February");
    none("29 February 2003");
    none("2003-02-30");
    none("2003-13-01");
    none("32 December 2003");
    none("0 December");
}

#[test]
fn day_and_month_point_back_or_forward() {
    past(
        "on 19 November, foreign",
        "2003-12-03",
        "\"19 November\" = 2003-11-19",
    );
    past("November 19", "2003-12-03", "\"November 19\" = 2003-11-19");
    past("19 Nov.", "2003-12-03", "\"19 Nov.\" = 2003-11-19");
    past(
        "on the 19th of November",
        "2003-12-03",
        "\"19th of November\" = 2003-11-19",
    );
    // the day of publication counts
    past("on 3 December", "2003-12-03", "\"3 December\" = 2003-12-03");
    future("on 3 December", "2003-12-03", "\"3 December\" = 2003-12-03");
    // across the year end
    past(
        "on 19 December",
        "2004-01-05",
        "\"19 December\" = 2003-12-19",
    );
    future(
        "on 19 December",
        "2003-12-20",
        "\"19 December\" = 2004-12-19",
    );
    future("on 5 January", "2003-12-20", "\"5 January\" = 2004-01-05");
    past("on 4 December", "2003-12-03", "\"4 December\" = 2002-12-04");
    // ranges of days
    past(
        "on 19-21 November",
        "2003-12-03",
        "\"19-21 November\" = 2003-11-19..2003-11-21",
    );
    past(
        "from 19 to 21 November",
        "2003-12-03",
        "\"19 to 21 November\" = 2003-11-19..2003-11-21",
    );
    past(
        "between 19 and 21 November",
        "2003-12-03",
        "\"19 and 21 November\" = 2003-11-19..2003-11-21",
    );
    past(
        "Nov 19-21, 2003",
        "2010-01-01",
        "\"Nov 19-21, 2003\" = 2003-11-19..2003-11-21",
    );
    // a list naming its month once: each day on its own
    past(
        "on 1, 2 and 3 December",
        "2003-12-03",
        "\"1\" = 2003-12-01; \"2\" = 2003-12-02; \"3 December\" = 2003-12-03",
    );
    past(
        "on 12 or 15 December 2003",
        "2010-01-01",
        "\"12\" = 2003-12-12; \"15 December 2003\" = 2003-12-15",
    );
    past("on 3 and 31 November", "2003-12-03", "\"3\" = 2003-11-03");
    // the list takes the year of its first day
    past(
        "on 3 and 4 December",
        "2003-12-03",
        "\"3\" = 2003-12-03; \"4 December\" = 2003-12-04",
    );
    future(
        "on 2 and 3 December",
        "2003-12-03",
        "\"2\" = 2004-12-02; \"3 December\" = 2004-12-03",
    );
    past(
        "3rd, 4th, or 5th of December",
        "2003-12-04",
        "\"3rd\" = 2003-12-03; \"4th\" = 2003-12-04; \"5th of December\" = 2003-12-05",
    );
    assert_eq!(kinds("on 19 November"), [ExpressionKind::DayMonth]);
}

#[test]
fn leap_day_without_year_is_the_nearest_that_exists() {
    // 29 February resolves to the latest (next) leap day, not to 28 February or 1 March.
    past(
        "on 29 February",
        "2003-06-01",
        "\"29 February\" = 2000-02-29",
    );
    past(
        "on 29 February",
        "2004-03-01",
        "\"29 February\" = 2004-02-29",
    );
    past(
        "on 29 February",
        "2004-02-28",
        "\"29 February\" = 2000-02-29",
    );
    future(
        "on 29 February",
        "2003-06-01",
        "\"29 February\" = 2004-02-29",
    );
    // 1900 was not a leap year: eight years back from 1903
    past(
        "on 29 February",
        "1903-06-01",
        "\"29 February\" = 1896-02-29",
    );
}

#[test]
fn months_with_and_without_year() {
    past(
        "in November 2003",
        "2010-01-01",
        "\"November 2003\" = 2003-11-01..2003-11-30",
    );
    past(
        "Nov. 2003",
        "2010-01-01",
        "\"Nov. 2003\" = 2003-11-01..2003-11-30",
    );
    past(
        "in February of 2004",
        "2010-01-01",
        "\"February of 2004\" = 2004-02-01..2004-02-29",
    );
    past(
        "in November",
        "2003-12-03",
        "\"November\" = 2003-11-01..2003-11-30",
    );
    // the month of publication counts
    past(
        "in December",
        "2003-12-03",
        "\"December\" = 2003-12-01..2003-12-31",
    );
    past(
        "since January",
        "2003-12-03",
        "\"January\" = 2003-01-01..2003-01-31",
    );
    future(
        "until January",
        "2003-12-03",
        "\"January\" = 2004-01-01..2004-01-31",
    );
    future(
        "in December",
        "2003-12-03",
        "\"December\" = 2003-12-01..2003-12-31",
    );
    past("in May", "2003-03-01", "\"May\" = 2002-05-01..2002-05-31");
    past(
        "from October to December",
        "2003-12-03",
        "\"October to December\" = 2003-10-01..2003-12-31",
    );
    past(
        "from October 2003 to March",
        "2010-01-01",
        "\"October 2003 to March\" = 2003-10-01..2004-03-31",
    );
    past(
        "in November 2003 and December",
        "2010-01-01",
        "\"November 2003\" = 2003-11-01..2003-11-30; \"December\" = 2003-12-01..2003-12-31",
    );
    past(
        "last November",
        "2003-11-20",
        "\"last November\" = 2002-11-01..2002-11-30",
    );
    past(
        "last November",
        "2003-12-03",
        "\"last November\" = 2003-11-01..2003-11-30",
    );
    past(
        "next May",
        "2003-05-03",
        "\"next May\" = 2004-05-01..2004-05-31",
    );
    past(
        "this May",
        "2003-12-03",
        "\"this May\" = 2003-05-01..2003-05-31",
    );
    past(
        "in mid-November",
        "2003-12-03",
        "\"mid-November\" = 2003-11-01..2003-11-30",
    );
    past(
        "early December 2003",
        "2010-01-01",
        "\"early December 2003\" = 2003-12-01..2003-12-31",
    );
    past(
        "the end of November",
        "2003-12-03",
        "\"November\" = 2003-11-01..2003-11-30",
    );
    assert_eq!(
        kinds("in November 2003 and in November"),
        [ExpressionKind::MonthYear, ExpressionKind::Month]
    );
}

#[test]
fn month_names_that_are_other_words() {
    none("Maybe now the Mayor may decide");
    none("you may go");
    none("in may be");
    none("a march on the capital");
    none("in the Mar of");
    none("Augustus and Junes");
    none("the decision to march in");
    past(
        "in March",
        "2003-12-03",
        "\"March\" = 2003-03-01..2003-03-31",
    );
    none("May God help us");
}

#[test]
fn years_need_context() {
    past("in 2004", "2003-12-03", "\"2004\" = 2004-01-01..2004-12-31");
    past(
        "since 1992, the",
        "2003-12-03",
        "\"1992\" = 1992-01-01..1992-12-31",
    );
    past(
        "from 1992 to 2004",
        "2003-12-03",
        "\"1992 to 2004\" = 1992-01-01..2004-12-31",
    );
    past(
        "in 1992-1994",
        "2003-12-03",
        "\"1992-1994\" = 1992-01-01..1994-12-31",
    );
    past(
        "in the year 2000.",
        "2003-12-03",
        "\"2000\" = 2000-01-01..2000-12-31",
    );
    past(
        "in the summer of 2003",
        "2010-01-01",
        "\"summer of 2003\" = 2003-06-01..2003-08-31",
    );
    past(
        "in late 2004",
        "2003-12-03",
        "\"late 2004\" = 2004-01-01..2004-12-31",
    );
    past(
        "in mid-2004",
        "2003-12-03",
        "\"mid-2004\" = 2004-01-01..2004-12-31",
    );
    past(
        "in the 1990s",
        "2003-12-03",
        "\"1990s\" = 1990-01-01..1999-12-31",
    );
    past(
        "in the early 1990's",
        "2003-12-03",
        "\"early 1990's\" = 1990-01-01..1999-12-31",
    );
    assert_eq!(kinds("in 2004"), [ExpressionKind::Year]);
    // "2003" inside another form is not reported again
    assert_eq!(kinds("in November 2003"), [ExpressionKind::MonthYear]);
    assert_eq!(kinds("since 3 December 2003"), [ExpressionKind::FullDate]);
    none("some 40 research centers");
    none("6020 views");
    none("2003 was a good year");
    none("in 2000 villages");
    none("a force of 2000 men");
    none("rose to 2000");
    none("in 1,2003 cases");
    none("in 2003%");
    none("by $2003");
    none("in 999 cases");
    none("in 20045");
    none("in 99999999999");
}

#[test]
fn today_yesterday_tomorrow() {
    past(
        "pursue the same objective today, and",
        "2003-12-03",
        "\"today\" = 2003-12-03",
    );
    past(
        "deal with today's challenges",
        "2003-12-03",
        "\"today\" = 2003-12-03",
    );
    past(
        "with today’s challenges",
        "2003-12-03",
        "\"today\" = 2003-12-03",
    );
    past("TODAY", "2003-12-03", "\"TODAY\" = 2003-12-03");
    past(
        "Yesterday, and tomorrow",
        "2003-12-01",
        "\"Yesterday\" = 2003-11-30; \"tomorrow\" = 2003-12-02",
    );
    past("tomorrow", "2003-12-31", "\"tomorrow\" = 2004-01-01");
    past(
        "this morning and last night",
        "2003-12-03",
        "\"this morning\" = 2003-12-03; \"last night\" = 2003-12-02..2003-12-03",
    );
    none("todays yesterdays Tomorrowland");
    past(
        "the day before yesterday and the day after tomorrow",
        "2003-12-03",
        "\"day before yesterday\" = 2003-12-01; \"day after tomorrow\" = 2003-12-05",
    );
    past("the day before the vote", "2003-12-03", "");
}

#[test]
fn counts_of_time_ago() {
    past(
        "three days ago",
        "2003-12-03",
        "\"three days ago\" = 2003-11-30",
    );
    past("a day ago", "2003-12-03", "\"a day ago\" = 2003-12-02");
    past(
        "2 weeks ago",
        "2003-12-03",
        "\"2 weeks ago\" = 2003-11-17..2003-11-23",
    );
    past(
        "a month ago",
        "2004-01-15",
        "\"a month ago\" = 2003-12-01..2003-12-31",
    );
    past(
        "14 months ago",
        "2004-01-15",
        "\"14 months ago\" = 2002-11-01..2002-11-30",
    );
    past(
        "some 40 years ago",
        "2003-12-03",
        "\"40 years ago\" = 1963-01-01..1963-12-31",
    );
    none("a days ago");
    none("two week ago");
    none("a year or two ago");
    none("1,5 days ago");
    none("99999999999 years ago");
}

#[test]
fn weeks_run_monday_to_sunday() {
    // 2003-12-03 is a Wednesday
    past(
        "just this week",
        "2003-12-03",
        "\"this week\" = 2003-12-01..2003-12-07",
    );
    future(
        "this week",
        "2003-12-03",
        "\"this week\" = 2003-12-01..2003-12-07",
    );
    past(
        "last week",
        "2003-12-03",
        "\"last week\" = 2003-11-24..2003-11-30",
    );
    past(
        "next week",
        "2003-12-03",
        "\"next week\" = 2003-12-08..2003-12-14",
    );
    // from a Monday: last week is the whole previous week
    past(
        "last week",
        "2003-12-01",
        "\"last week\" = 2003-11-24..2003-11-30",
    );
    past(
        "this week",
        "2003-12-01",
        "\"this week\" = 2003-12-01..2003-12-07",
    );
    // across the year end: 2004-01-01 is a Thursday
    past(
        "this week",
        "2004-01-01",
        "\"this week\" = 2003-12-29..2004-01-04",
    );
    future(
        "this week",
        "2004-01-01",
        "\"this week\" = 2003-12-29..2004-01-04",
    );
    past(
        "last week",
        "2004-01-01",
        "\"last week\" = 2003-12-22..2003-12-28",
    );
    past(
        "next week",
        "2003-12-31",
        "\"next week\" = 2004-01-05..2004-01-11",
    );
    // weekends are Saturday and Sunday of the week meant
    past(
        "last weekend",
        "2003-12-03",
        "\"last weekend\" = 2003-11-29..2003-11-30",
    );
    past(
        "this weekend",
        "2003-12-03",
        "\"this weekend\" = 2003-12-06..2003-12-07",
    );
    future(
        "next weekend",
        "2003-12-07",
        "\"next weekend\" = 2003-12-13..2003-12-14",
    );
    past(
        "last weekend",
        "2004-01-01",
        "\"last weekend\" = 2003-12-27..2003-12-28",
    );
    // from a Sunday
    past(
        "this week",
        "2003-12-07",
        "\"this week\" = 2003-12-01..2003-12-07",
    );
    past(
        "next week",
        "2003-12-07",
        "\"next week\" = 2003-12-08..2003-12-14",
    );
}

#[test]
fn months_and_years_relative_to_publication() {
    past(
        "this month",
        "2003-12-03",
        "\"this month\" = 2003-12-01..2003-12-31",
    );
    future(
        "this month",
        "2003-12-03",
        "\"this month\" = 2003-12-01..2003-12-31",
    );
    past(
        "last month",
        "2004-01-15",
        "\"last month\" = 2003-12-01..2003-12-31",
    );
    past(
        "last month",
        "2004-03-31",
        "\"last month\" = 2004-02-01..2004-02-29",
    );
    past(
        "next month",
        "2003-12-31",
        "\"next month\" = 2004-01-01..2004-01-31",
    );
    past(
        "for next year, including",
        "2003-12-03",
        "\"next year\" = 2004-01-01..2004-12-31",
    );
    past(
        "last year",
        "2003-12-03",
        "\"last year\" = 2002-01-01..2002-12-31",
    );
    past(
        "earlier this year",
        "2003-12-03",
        "\"this year\" = 2003-01-01..2003-12-31",
    );
    future(
        "this year",
        "2003-12-03",
        "\"this year\" = 2003-01-01..2003-12-31",
    );
    past(
        "this year's budget",
        "2003-12-03",
        "\"this year\" = 2003-01-01..2003-12-31",
    );
    // not relative to publication: consumed, not reported
    none("over the last year");
    none("in the next week");
    past(
        "in the last week of November",
        "2003-12-03",
        "\"November\" = 2003-11-01..2003-11-30",
    );
    none("the last Wednesday of");
    none("last thing");
    none("next to");
    none("in this political atmosphere");
}

#[test]
fn weekdays() {
    // 2003-12-03 is a Wednesday: the day of publication counts
    past("on Wednesday", "2003-12-03", "\"Wednesday\" = 2003-12-03");
    future("on Wednesday", "2003-12-03", "\"Wednesday\" = 2003-12-03");
    past("on Monday", "2003-12-03", "\"Monday\" = 2003-12-01");
    past("on Thursday", "2003-12-03", "\"Thursday\" = 2003-11-27");
    future("on Monday", "2003-12-03", "\"Monday\" = 2003-12-08");
    past(
        "last Wednesday",
        "2003-12-03",
        "\"last Wednesday\" = 2003-11-26",
    );
    past("last Monday", "2003-12-03", "\"last Monday\" = 2003-12-01");
    past("next Monday", "2003-12-03", "\"next Monday\" = 2003-12-08");
    past(
        "next Wednesday",
        "2003-12-03",
        "\"next Wednesday\" = 2003-12-10",
    );
    past("this Friday", "2003-12-03", "\"this Friday\" = 2003-12-05");
    past("Friday's vote", "2004-01-01", "\"Friday\" = 2003-12-26");
    assert_eq!(kinds("said Wednesday"), [ExpressionKind::Relative]);
}

#[test]
fn uncertain_publication_widens_relative_expressions() {
    let hull = "2012-07-01/2013-11-30";
    past(
        "Today there are",
        hull,
        "\"Today\" = 2012-07-01..2013-11-30",
    );
    past("this week", hull, "\"this week\" = 2012-06-25..2013-12-01");
    past("last year", hull, "\"last year\" = 2011-01-01..2012-12-31");
    past(
        "on 19 November",
        hull,
        "\"19 November\" = 2011-11-19..2013-11-19",
    );
    past("3 December 2003", hull, "\"3 December 2003\" = 2003-12-03");
    // an unbounded end cannot be resolved: the relative expression is dropped
    past(
        "yesterday, on 3 December 2003",
        "../2003",
        "\"3 December 2003\" = 2003-12-03",
    );
}

#[test]
fn expressions_do_not_run_across_paragraphs_or_glued_text() {
    past("on 19\n\nNovember", "2003-12-03", "");
    past(
        "on 19\nNovember",
        "2003-12-03",
        "\"19\\nNovember\" = 2003-11-19",
    );
    none("abc2003-12-03");
    none("2003-12-03-01");
    none("1.19 November");
    none("12:19 November");
    none("x19 November");
}

#[test]
fn order_and_no_overlap() {
    let text = "On 3 December 2003 and on 19 November, today, last week and in 2004 (Wednesday).";
    let published = parse("2003-12-03").unwrap().days();
    let found = find(text, published, Past);
    assert_eq!(found.len(), 6, "{found:?}");
    for pair in found.windows(2) {
        assert!(pair[0].range.end <= pair[1].range.start, "{pair:?}");
    }
}

#[test]
fn kinds_have_names() {
    assert_eq!(ExpressionKind::Relative.to_string(), "relative");
    assert_eq!(ExpressionKind::DayMonth.describe(), "day and month");
    assert_eq!(ExpressionKind::FullDate.to_string(), "full date");
    assert_eq!(ExpressionKind::MonthYear.describe(), "month and year");
}

#[test]
fn limits_of_the_calendar_do_not_panic() {
    use chrono::NaiveDate;
    for published in [NaiveDate::MIN, NaiveDate::MAX] {
        let p = DayInterval::day(published);
        for direction in [Past, Future] {
            let text = "today yesterday tomorrow this week next week last week next month \
                        last month next year last year this year on 19 November on 29 February \
                        in November next May last May on Monday next Monday last Monday \
                        this Sunday 9999-12-31 31 December 9999 1 January 1000 the 1990s";
            for e in find(text, p, direction) {
                assert!(e.days.earliest() <= e.days.latest());
            }
        }
    }
    let all = DayInterval::new(NaiveDate::MIN, NaiveDate::MAX).unwrap();
    let _ = find("today and on 19 November and next week", all, Past);
}

#[test]
fn odd_input_does_not_panic() {
    let published = parse("2003-12-03").unwrap().days();
    for text in [
        "",
        " ",
        "\n\n",
        "99999999999 December 99999999999",
        "December 99999999999",
        "in 99999999999999999999999999999",
        "19 ",
        "19 of",
        "Dec.",
        "Dec. 3,",
        "2003-",
        "2003-12-",
        "mid-",
        "mid- November",
        "last",
        "this ",
        "Wednesday,",
        "1990'",
        "١٩ November ٢٠٠٣",
        "१९ नवंबर 🦀 3 December 2003 🦀",
        "\u{0}\u{FEFF}3\u{A0}December\u{2009}2003",
        "Ⅻ December",
    ] {
        for direction in [Past, Future] {
            for e in find(text, published, direction) {
                assert!(text.get(e.range.clone()).is_some(), "{text:?} {e:?}");
            }
        }
    }
}

#[test]
fn long_runs_stay_linear() {
    // Each of these would be quadratic if a pattern looked ahead without bound.
    let published = parse("2003-12-03").unwrap().days();
    for unit in [
        "1, ",
        "19 and ",
        "in 2003 and ",
        "November and ",
        "today ",
        "the third quarter and a year earlier ",
        "between 1994 and ",
        "the 1996 and ",
        "will open in two weeks ",
    ] {
        let text = unit.repeat(50_000);
        let start = std::time::Instant::now();
        let found = find(&text, published, Past);
        assert!(
            start.elapsed() < std::time::Duration::from_secs(5),
            "{unit:?}: {:?}",
            start.elapsed()
        );
        assert!(found.len() <= 2 * 50_000);
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn words() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "3",
            "19",
            "31",
            "29",
            "2003",
            "1992",
            "99999999999",
            "December",
            "Dec",
            "May",
            "may",
            "of",
            "in",
            "on",
            "the",
            "last",
            "this",
            "next",
            "week",
            "month",
            "year",
            "today",
            "'s",
            "-",
            "–",
            ".",
            ",",
            "/",
            "1990s",
            "1990",
            "'",
            "Wednesday",
            "mid",
            "early",
            "to",
            "and",
            " ",
            " ",
            "\n",
            "\n\n",
            "🦀",
            "é",
            "st",
            "th",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn ranges_are_ordered_disjoint_and_on_char_boundaries(
            text in prop_oneof![words(), any::<String>()],
            offset in 0i64..2_000_000,
            width in 0i64..800,
            future in any::<bool>(),
        ) {
            use chrono::{Days, NaiveDate};
            let base = NaiveDate::MIN
                .checked_add_days(Days::new(offset as u64 * 100))
                .unwrap_or(NaiveDate::MAX);
            let end = base
                .checked_add_days(Days::new(width as u64))
                .unwrap_or(NaiveDate::MAX);
            let published = DayInterval::new(base, end).unwrap();
            let direction = if future { Future } else { Past };
            let found = find(&text, published, direction);
            let mut last_end = 0;
            for e in &found {
                prop_assert!(e.range.start >= last_end && e.range.start < e.range.end);
                prop_assert!(text.get(e.range.clone()).is_some());
                last_end = e.range.end;
            }
        }
    }
}
