//! Unit tests of the forms news writes (docs/checks.md#date-expressions): each form read,
//! and the near misses it must not read. Publication is Wednesday 3 December 2003 unless a
//! case says otherwise.

use super::tests::{future, none, past};
use super::*;
use crate::date::parse;

const PUB: &str = "2003-12-03";

/// The default reading of each expression: `"text" = days (direction)`.
#[track_caller]
fn reading(text: &str, published: &str) -> String {
    let published = parse(published).unwrap().days();
    read(text, &Context::published(published))
        .iter()
        .map(|r| {
            let days = r.days(r.direction()).unwrap();
            format!(
                "{:?} = {}..{} ({})",
                &text[r.range.clone()],
                days.earliest(),
                days.latest(),
                r.direction().name()
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn quarters_and_halves() {
    past(
        "in the third quarter",
        PUB,
        "\"third quarter\" = 2003-07-01..2003-09-30",
    );
    future(
        "in the third quarter",
        PUB,
        "\"third quarter\" = 2004-07-01..2004-09-30",
    );
    past(
        "third-quarter profit rose",
        PUB,
        "\"third-quarter\" = 2003-07-01..2003-09-30",
    );
    past(
        "the first quarter of 1998",
        PUB,
        "\"first quarter of 1998\" = 1998-01-01..1998-03-31",
    );
    past(
        "in the fourth quarter of next year",
        PUB,
        "\"fourth quarter of next year\" = 2004-10-01..2004-12-31",
    );
    past(
        "this year's third quarter",
        PUB,
        "\"this year's third quarter\" = 2003-07-01..2003-09-30",
    );
    past(
        "in the latest quarter",
        PUB,
        "\"the latest quarter\" = 2003-07-01..2003-09-30",
    );
    past(
        "the most recent quarter",
        PUB,
        "\"the most recent quarter\" = 2003-07-01..2003-09-30",
    );
    past(
        "in the current quarter",
        PUB,
        "\"the current quarter\" = 2003-10-01..2003-12-31",
    );
    past(
        "last quarter",
        PUB,
        "\"last quarter\" = 2003-07-01..2003-09-30",
    );
    past(
        "the second half of 2004",
        PUB,
        "\"second half of 2004\" = 2004-07-01..2004-12-31",
    );
    past(
        "the 1998 third quarter",
        PUB,
        "\"1998 third quarter\" = 1998-07-01..1998-09-30",
    );
    // What is no quarter of a calendar year.
    none("a quarter of the shares");
    none("three-quarters of the vote");
    none("early in the second half");
    none("his best first-half effort");
    none("the quarter of a century since");
    none("in the French Quarter");
    none("for the fiscal first quarter");
    none("fiscal third-quarter results");
    // "the quarter" is the one the text named, or nothing.
    none("the quarter was terrible");
    past(
        "In the third quarter, sales rose. The quarter was good.",
        PUB,
        "\"third quarter\" = 2003-07-01..2003-09-30; \"The quarter\" = 2003-07-01..2003-09-30",
    );
}

#[test]
fn a_year_earlier_counts_from_the_quarter_in_view() {
    past(
        "third-quarter profit rose to $5 million from $3 million a year earlier",
        PUB,
        "\"third-quarter\" = 2003-07-01..2003-09-30; \"a year earlier\" = 2002-07-01..2002-09-30",
    );
    past(
        "In 1990 the plant opened; a year earlier it was a field.",
        PUB,
        "\"1990\" = 1990-01-01..1990-12-31; \"a year earlier\" = 1989-01-01..1989-12-31",
    );
    past(
        "In the year-earlier quarter, after the third quarter",
        PUB,
        "\"third quarter\" = 2003-07-01..2003-09-30",
    );
    // Without a period before it, "a year earlier" says nothing; "a year ago" counts from
    // publication.
    none("wages were 3.8 percent higher than a year earlier");
    past(
        "up from seven a year ago",
        PUB,
        "\"a year ago\" = 2002-01-01..2002-12-31",
    );
    past(
        "a decade ago",
        PUB,
        "\"a decade ago\" = 1993-01-01..1993-12-31",
    );
}

#[test]
fn seasons() {
    // "last": the latest that ended before publication.
    past("last fall", PUB, "\"last fall\" = 2003-09-01..2003-11-30");
    past(
        "last fall",
        "2003-10-15",
        "\"last fall\" = 2002-09-01..2002-11-30",
    );
    past(
        "this spring",
        PUB,
        "\"this spring\" = 2003-03-01..2003-05-31",
    );
    past(
        "this winter",
        PUB,
        "\"this winter\" = 2003-12-01..2004-02-29",
    );
    past(
        "next winter",
        PUB,
        "\"next winter\" = 2004-12-01..2005-02-28",
    );
    past(
        "in the summer",
        PUB,
        "\"the summer\" = 2003-06-01..2003-08-31",
    );
    future(
        "in the summer",
        PUB,
        "\"the summer\" = 2004-06-01..2004-08-31",
    );
    past(
        "the summer of 2003",
        PUB,
        "\"summer of 2003\" = 2003-06-01..2003-08-31",
    );
    past(
        "in early summer",
        PUB,
        "\"early summer\" = 2003-06-01..2003-08-31",
    );
    // "winter 2003" is used for the winter ending in 2003 and the one starting in it.
    past(
        "in winter 2003",
        PUB,
        "\"winter 2003\" = 2002-12-01..2004-02-29",
    );
    none("after the fall of Saigon");
    none("prices fall 20 percent");
    none("a summer job in Spain");
    none("the Spring Festival");
}

#[test]
fn holidays() {
    past("on Christmas Eve", PUB, "\"Christmas Eve\" = 2002-12-24");
    future("on Christmas Eve", PUB, "\"Christmas Eve\" = 2003-12-24");
    past("Thanksgiving Day", PUB, "\"Thanksgiving Day\" = 2003-11-27");
    past(
        "Christmas Day 2002",
        PUB,
        "\"Christmas Day 2002\" = 2002-12-25",
    );
    past("on New Year's Eve", PUB, "\"New Year's Eve\" = 2002-12-31");
    past("on New Year's Day", PUB, "\"New Year's Day\" = 2003-01-01");
    past("Easter Sunday", PUB, "\"Easter Sunday\" = 2003-04-20");
    past("Labor Day", PUB, "\"Labor Day\" = 2003-09-01");
    past(
        "on Independence Day",
        PUB,
        "\"Independence Day\" = 2003-07-04",
    );
    past("Good Friday", PUB, "\"Good Friday\" = 2003-04-18");
    past("last Christmas", PUB, "\"last Christmas\" = 2002-12-25");
    past("over Thanksgiving", PUB, "\"Thanksgiving\" = 2003-11-27");
    none("Christmas shopping began");
    none("a Christmas tree");
    none("on Easter Island");
    none("Ukraine's Independence Day");
    none("christmas eve");
    none("Christmas Day celebrations");
}

#[test]
fn ranges_are_one_interval() {
    past(
        "between 1994 and 1997",
        PUB,
        "\"1994 and 1997\" = 1994-01-01..1997-12-31",
    );
    past(
        "from March 15th to March 28th",
        PUB,
        "\"March 15th to March 28th\" = 2003-03-15..2003-03-28",
    );
    past(
        "in early April until mid-June",
        PUB,
        "\"early April until mid-June\" = 2003-04-01..2003-06-30",
    );
    past(
        "from 1 May to 30 June 2003",
        PUB,
        "\"1 May to 30 June 2003\" = 2003-05-01..2003-06-30",
    );
    past(
        "in 1994 or 1995",
        PUB,
        "\"1994 or 1995\" = 1994-01-01..1995-12-31",
    );
    past(
        "from 1992–2004",
        PUB,
        "\"1992–2004\" = 1992-01-01..2004-12-31",
    );
    // A list is not a range: each year is evidence of itself.
    past(
        "the 1986 and 1985 deficits",
        PUB,
        "\"1986\" = 1986-01-01..1986-12-31; \"1985\" = 1985-01-01..1985-12-31",
    );
}

#[test]
fn a_range_keeps_its_ends() {
    let published = parse(PUB).unwrap().days();
    let text = "between 1994 and 1997";
    let found = read(text, &Context::published(published));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, ExpressionKind::Range);
    let ends: Vec<&str> = found[0]
        .ends
        .iter()
        .map(|e| &text[e.range.clone()])
        .collect();
    assert_eq!(ends, ["1994", "1997"]);
}

#[test]
fn attributive_years_and_year_contexts() {
    past(
        "the 1996 Olympic bombing",
        PUB,
        "\"1996\" = 1996-01-01..1996-12-31",
    );
    past("a 1996 law", PUB, "\"1996\" = 1996-01-01..1996-12-31");
    past("its 1988 report", PUB, "\"1988\" = 1988-01-01..1988-12-31");
    past(
        "the company's 1989 report",
        PUB,
        "\"1989\" = 1989-01-01..1989-12-31",
    );
    past(
        "his unsuccessful 1996 campaign",
        PUB,
        "\"1996\" = 1996-01-01..1996-12-31",
    );
    past(
        "forecasts for 1987",
        PUB,
        "\"1987\" = 1987-01-01..1987-12-31",
    );
    past(
        "every year except 1977",
        PUB,
        "\"1977\" = 1977-01-01..1977-12-31",
    );
    past(
        "at the beginning of 1988",
        PUB,
        "\"1988\" = 1988-01-01..1988-12-31",
    );
    past(
        "by the end of 1990",
        PUB,
        "\"1990\" = 1990-01-01..1990-12-31",
    );
    past(
        "the first nine months of 1997",
        PUB,
        "\"1997\" = 1997-01-01..1997-12-31",
    );
    past(
        "the Financial Act of 1989",
        PUB,
        "\"1989\" = 1989-01-01..1989-12-31",
    );
    none("the 2000 villages");
    none("its 2000 employees");
    none("a 1500 meter race");
    none("the 2050 target");
    none("for 2000 soldiers");
    none("the 1996");
    none("a force of 2000");
}

#[test]
fn spelled_out_years_and_decades() {
    past(
        "in nineteen ninety-six",
        PUB,
        "\"nineteen ninety-six\" = 1996-01-01..1996-12-31",
    );
    past(
        "nineteen seventy-nine",
        PUB,
        "\"nineteen seventy-nine\" = 1979-01-01..1979-12-31",
    );
    past(
        "by the year two thousand",
        PUB,
        "\"two thousand\" = 2000-01-01..2000-12-31",
    );
    past(
        "January nineteen ninety-seven",
        PUB,
        "\"January nineteen ninety-seven\" = 1997-01-01..1997-01-31",
    );
    past(
        "through the nineties",
        PUB,
        "\"the nineties\" = 1990-01-01..1999-12-31",
    );
    none("two thousand troops");
    none("nineteen ninety-six soldiers");
    none("twenty five");
}

#[test]
fn relative_spans_overnight_and_weekends() {
    past(
        "fighting continued overnight.",
        PUB,
        "\"overnight\" = 2003-12-02..2003-12-03",
    );
    past(
        "shelled overnight in Kabul",
        PUB,
        "\"overnight\" = 2003-12-02..2003-12-03",
    );
    none("overnight rates rose");
    none("an overnight stay");
    past(
        "over the weekend",
        PUB,
        "\"the weekend\" = 2003-11-29..2003-11-30",
    );
    past(
        "at the weekend",
        PUB,
        "\"the weekend\" = 2003-11-29..2003-11-30",
    );
    future(
        "over the weekend",
        PUB,
        "\"the weekend\" = 2003-12-06..2003-12-07",
    );
    past(
        "over the past year",
        PUB,
        "\"the past year\" = 2002-12-02..2003-12-03",
    );
    past(
        "June last year",
        PUB,
        "\"June last year\" = 2002-06-01..2002-06-30",
    );
    past("by year-end", PUB, "\"year-end\" = 2003-01-01..2003-12-31");
}

#[test]
fn spans_ahead_only_where_the_words_look_ahead() {
    assert_eq!(
        reading("The plant will open in two to three weeks.", PUB),
        "\"two to three weeks\" = 2003-12-17..2003-12-24 (future)"
    );
    assert_eq!(
        reading("They expect a decision within a month.", PUB),
        "\"a month\" = 2003-12-03..2004-01-31 (future)"
    );
    // A duration, not a date.
    none("The concert sold out in two weeks.");
    none("It will be the first time in two weeks of talks.");
    past("The plant will open in two weeks.", PUB, "");
    // A planned event's status looks ahead for its quote.
    future(
        "in two to three weeks",
        PUB,
        "\"two to three weeks\" = 2003-12-17..2003-12-24",
    );
    let published = parse(PUB).unwrap().days();
    assert!(read("in two weeks", &Context::published(published)).is_empty());
    assert_eq!(
        read_planned("in two weeks", &Context::published(published)).len(),
        1
    );
}

#[test]
fn weekdays_inside_names_are_no_dates() {
    none("the Sunday Times reported");
    none("according to the Sunday Telegraph");
    none("the Mail on Sunday said");
    none("after Super Tuesday");
    none("since Black Monday");
    none("speaking on ABC News' \"This Week,\" he said");
    none("This is VOA Today.");
    past("Today, the talks ended.", PUB, "\"Today\" = 2003-12-03");
    past(
        "On Sunday, the Times reported",
        PUB,
        "\"Sunday\" = 2003-11-30",
    );
    past(
        "The World Court Friday rejected",
        PUB,
        "\"Friday\" = 2003-11-28",
    );
    past("Also Sunday, protesters", PUB, "\"Sunday\" = 2003-11-30");
}

#[test]
fn a_weekday_picks_the_year_of_a_yearless_date() {
    past(
        "in an editorial on Saturday, April 25",
        "1998-05-01",
        "\"Saturday, April 25\" = 1998-04-25",
    );
    // Read as past from 2003, the latest 25 April on a Saturday is in 1998.
    past(
        "on Saturday, April 25",
        PUB,
        "\"Saturday, April 25\" = 1998-04-25",
    );
}

#[test]
fn numeric_dates_only_when_unambiguous_or_declared() {
    past("on 25/12/2003", PUB, "\"25/12/2003\" = 2003-12-25");
    past("on 12/25/2003", PUB, "\"12/25/2003\" = 2003-12-25");
    none("on 03/12/2003");
    none("on 12/13/14/2003");
    let published = parse(PUB).unwrap().days();
    let with = |order| {
        let context = Context {
            published,
            date_order: Some(order),
        };
        read("on 03/12/2003", &context)
            .iter()
            .map(|r| r.past.unwrap().earliest().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(with(DateOrder::Dmy), ["2003-12-03"]);
    assert_eq!(with(DateOrder::Mdy), ["2003-03-12"]);
    assert!(with(DateOrder::Ymd).is_empty());
}

#[test]
fn fiscal_years_cover_every_twelve_months_ending_in_them() {
    past(
        "in fiscal 1989",
        PUB,
        "\"fiscal 1989\" = 1988-02-01..1989-12-31",
    );
    past(
        "fiscal year 1990",
        PUB,
        "\"fiscal year 1990\" = 1989-02-01..1990-12-31",
    );
}

#[test]
fn direction_from_the_words_else_the_nearer_reading() {
    assert_eq!(
        reading("The king will meet Bush on Thursday.", PUB),
        "\"Thursday\" = 2003-12-04..2003-12-04 (future)"
    );
    assert_eq!(
        reading("The king met Bush on Thursday.", PUB),
        "\"Thursday\" = 2003-11-27..2003-11-27 (past)"
    );
    assert_eq!(
        reading("The offer expires Dec. 15.", "2003-11-02"),
        "\"Dec. 15\" = 2003-12-15..2003-12-15 (future)"
    );
    // Past words, but a yearless date is near: the one eleven months back is not meant.
    assert_eq!(
        reading("The offer was extended to Nov. 16.", "2003-11-02"),
        "\"Nov. 16\" = 2003-11-16..2003-11-16 (future)"
    );
    assert_eq!(
        reading("The company was sold in March.", "2003-11-02"),
        "\"March\" = 2003-03-01..2003-03-31 (past)"
    );
    assert_eq!(
        reading("Sales rose in the third quarter.", "2003-11-02"),
        "\"third quarter\" = 2003-07-01..2003-09-30 (past)"
    );
    // Past words keep a quarter past even when the coming one is nearer, and "a year
    // earlier" counts from the quarter as read.
    assert_eq!(
        reading("Third-quarter levels fell from a year earlier.", "2010-03-04"),
        "\"Third-quarter\" = 2009-07-01..2009-09-30 (past); \"a year earlier\" = 2008-07-01..2008-09-30 (past)"
    );
    assert_eq!(
        reading("It expects a profit in the first quarter.", "2003-11-02"),
        "\"first quarter\" = 2004-01-01..2004-03-31 (future)"
    );
    assert_eq!(
        reading(
            "The deal is expected to be completed by Dec. 15.",
            "2003-11-02"
        ),
        "\"Dec. 15\" = 2003-12-15..2003-12-15 (future)"
    );
}

#[test]
fn cues_that_mislead_are_not_cues() {
    let nov = "1989-11-01";
    // A reporting verb says nothing of the reported event's time: nearness decides.
    assert_eq!(
        reading("Conseco said it is calling the shares on Dec. 7.", nov),
        "\"Dec. 7\" = 1989-12-07..1989-12-07 (future)"
    );
    // A compound adjective is no cue.
    assert_eq!(
        reading(
            "It reported lower-than-expected earnings after the market closed Wednesday.",
            nov
        ),
        "\"Wednesday\" = 1989-11-01..1989-11-01 (past)"
    );
    // A participle after "be" looks ahead, irregular ones too.
    assert_eq!(
        reading("The dividend will be paid Dec. 14 to holders of record Nov. 15.", nov),
        "\"Dec. 14\" = 1989-12-14..1989-12-14 (future); \"Nov. 15\" = 1989-11-15..1989-11-15 (future)"
    );
    // Past words keep a month in the past even when the coming one is nearer...
    assert_eq!(
        reading("In January, American Medical brought in a new chief.", nov),
        "\"January\" = 1989-01-01..1989-01-31 (past)"
    );
    assert_eq!(
        reading("The right-wing took power in June.", "2003-04-10"),
        "\"June\" = 2002-06-01..2002-06-30 (past)"
    );
    // ... unless the date is a deadline.
    assert_eq!(
        reading("The offer was extended to Nov. 16.", nov),
        "\"Nov. 16\" = 1989-11-16..1989-11-16 (future)"
    );
    // Future words keep a date ahead even when the past one is nearer.
    assert_eq!(
        reading("The new labor pact becomes effective June 1.", nov),
        "\"June 1\" = 1990-06-01..1990-06-01 (future)"
    );
    // Words after a date count only when it opens its sentence.
    assert_eq!(
        reading(
            "Under the terms announced Friday, holders would receive cash.",
            nov
        ),
        "\"Friday\" = 1989-10-27..1989-10-27 (past)"
    );
    assert_eq!(
        reading("On Friday the board will meet.", nov),
        "\"Friday\" = 1989-11-03..1989-11-03 (future)"
    );
}

#[test]
fn new_forms_at_the_limits_of_the_calendar_do_not_panic() {
    use chrono::NaiveDate;
    let text = "the third quarter, the latest quarter, a year earlier, the 1988 quarter, \
                last fall, this winter, next spring, Christmas Eve, Easter Sunday, \
                Thanksgiving, between 1994 and 1997, from March 15 to March 28, \
                will open in two to three weeks, within a month, over the weekend, \
                overnight, the past year, June last year, Saturday, April 25, \
                fiscal 1989, nineteen ninety-six, the nineties, 25/12/2003, \
                the 1996 law, for 1987, a decade ago";
    let extremes = [NaiveDate::MIN, NaiveDate::MAX];
    for published in extremes {
        for order in [None, Some(DateOrder::Dmy), Some(DateOrder::Mdy)] {
            let context = Context {
                published: DayInterval::day(published),
                date_order: order,
            };
            for r in read(text, &context) {
                for days in [r.past, r.future].into_iter().flatten() {
                    assert!(days.earliest() <= days.latest());
                }
            }
        }
    }
    let all = DayInterval::new(NaiveDate::MIN, NaiveDate::MAX).unwrap();
    let _ = read(text, &Context::published(all));
}

/// Random soups of the reader's own words, punctuation and numbers: no panic, ranges on
/// character boundaries in order without overlap, ends inside their range, and every
/// interval the right way round.
#[test]
fn word_soup_never_panics_and_ranges_are_sound() {
    const WORDS: &[&str] = &[
        "the",
        "a",
        "year",
        "earlier",
        "ago",
        "quarter",
        "third",
        "first",
        "-",
        "half",
        "of",
        "last",
        "this",
        "next",
        "fall",
        "winter",
        "Christmas",
        "Eve",
        "Day",
        "New",
        "Year",
        "'s",
        "between",
        "and",
        "or",
        "to",
        "until",
        "1994",
        "1997",
        "2003",
        "03",
        "/",
        ".",
        "12",
        "25",
        "March",
        "May",
        "Saturday",
        "Sunday",
        "Times",
        "in",
        "two",
        "weeks",
        "will",
        "within",
        "month",
        "over",
        "weekend",
        "overnight",
        "past",
        "fiscal",
        "nineteen",
        "ninety",
        "six",
        "thousand",
        "the",
        "nineties",
        "for",
        "except",
        "end",
        "’",
        "é",
        "२०",
        ",",
        "\n\n",
        "Super",
        "Easter",
        "Island",
        "latest",
        "current",
        "year-end",
        "by",
        "Labor",
        "Good",
        "Friday",
        "Independence",
        "Ukraine's",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let published = parse(PUB).unwrap().days();
    for _ in 0..3_000 {
        let n = (next() % 14) as usize + 1;
        let mut text = String::new();
        for _ in 0..n {
            let w = WORDS[(next() % WORDS.len() as u64) as usize];
            if next() % 3 != 0 {
                text.push(' ');
            }
            text.push_str(w);
        }
        let context = Context {
            published,
            date_order: [None, Some(DateOrder::Dmy)][(next() % 2) as usize],
        };
        let found = read(&text, &context);
        for r in &found {
            assert!(text.get(r.range.clone()).is_some(), "{text:?} {r:?}");
            for days in [r.past, r.future].into_iter().flatten() {
                assert!(days.earliest() <= days.latest(), "{text:?} {r:?}");
            }
            for end in &r.ends {
                assert!(end.range.start >= r.range.start && end.range.end <= r.range.end);
            }
        }
        for pair in found.windows(2) {
            assert!(
                pair[0].range.end <= pair[1].range.start,
                "{text:?} {pair:?}"
            );
        }
    }
}
