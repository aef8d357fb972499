//! Date rules (docs/checks.md#dates, #not-after-source): the claimed interval is supported by its evidence and does
//! not start after the source that reports it.

use super::sources::source_context;
use crate::date::DayInterval;
use crate::diagnostic::Severity::{Error, Note};
use crate::diagnostic::{Diagnostic, Fix, Rule};
use crate::model::{DatedBy, Event, Status, Timeline};
use crate::text::dates::{self, Direction};

pub const DATE_NOT_IN_QUOTE: Rule = Rule {
    code: "date-not-in-quote",
    severity: Error,
    summary: "`dated_by = \"quote\"`, but no quote of the event holds a date expression.",
    explanation: "With the default `dated_by = \"quote\"`, some quote must contain a date \
(\"on 19 November\", \"3 December 2003\", \"this week\", \"next year\", …) that supports the \
claimed date. If the date comes from the article's own date, say `dated_by = \"publication\"`; \
if from reasoning, `dated_by = \"inference\"` with a `date_note`. An expression that reads only \
the other way (\"two weeks ago\" in the quote of a planned event) does not count; the note \
names it.\n\n\
Example: extend the quote to include `on 19 November`.",
};

pub const DATE_TOO_PRECISE: Rule = Rule {
    code: "date-too-precise",
    severity: Error,
    summary: "The claimed date is more precise than the evidence, or does not cover all of it.",
    explanation: "A claim C is supported by an expression E when every day E allows lies in C. \
When the quote says \"in November\" and the event claims `2003-11-19`, the claim is more \
precise than its evidence. A note lists every date expression in the event's quotes and what \
it resolves to. Expressions are read backwards from the source's `published` date for a \
happened event and forwards for a planned one; when an expression read the other way would \
support the claim, the help asks whether the event's `status` is right.\n\n\
Example: claim `2003-11` (or find a quote that names the day).",
};

pub const DATE_CONTRADICTED: Rule = Rule {
    code: "date-contradicted",
    severity: Error,
    summary: "The claimed date shares no day with the date the quote gives.",
    explanation: "Every date expression in the event's quotes, resolved against the source's \
`published` date, lies wholly outside the claimed interval. The message names the expression \
nearest in time to the claim and what it resolves to; a note lists every date expression in \
the quotes. Expressions are read backwards for a happened event and forwards for a planned \
one: when an expression read the other way would support the claim (\"in April\" in an article \
of December 2003 is April 2003 read backwards, April 2004 read forwards), the help asks whether \
the event's `status` is right.\n\n\
Example: the quote says \"on 19 November\" (2003-11-19) but `date = \"2003-11-18\"`.",
};

pub const DATE_INFERRED: Rule = Rule {
    code: "date-inferred",
    severity: Note,
    summary: "The event's date is inferred; the `date_note` is shown for review.",
    explanation: "With `dated_by = \"inference\"` nothing in the sources attests the date, so \
`check` prints the reasoning with every run, and the chart marks the event as inferred.\n\n\
Example: `date_note = \"The text names six CSTO members, without Uzbekistan\"`.",
};

pub const EVENT_AFTER_SOURCE: Rule = Rule {
    code: "event-after-source",
    severity: Error,
    summary: "A past event is dated after the latest day its source could have been published.",
    explanation: "A source cannot report what had not yet happened. Unless the event has \
`status = \"planned\"`, its claimed interval must start no later than the last day of the \
cited source's `published`.\n\nExample: `date = \"2004\"` for a programme announced in a 2003 \
article needs `status = \"planned\"`.",
};

/// One piece of date evidence: what it is (for messages) and the days it allows.
struct Attested {
    what: String,
    days: DayInterval,
}

/// A date expression in one of an event's quotes: its words, and its days read each way.
struct Quoted {
    words: String,
    past: Option<DayInterval>,
    future: Option<DayInterval>,
    /// The direction its own words give, if any.
    tense: Option<Direction>,
}

impl Quoted {
    fn days(&self, direction: Direction) -> Option<DayInterval> {
        match direction {
            Direction::Past => self.past,
            Direction::Future => self.future,
        }
    }
}

/// At most this many expressions are listed in a note.
const LISTED: usize = 20;

/// The event's claimed interval is supported by its evidence (docs/checks.md#claims-and-evidence).
pub fn date_supported(timeline: &Timeline, event: &Event, out: &mut Vec<Diagnostic>) {
    let claim = event.date.value.days();
    let direction = direction(event.status);
    let (attested, quoted) = match event.dated_by.value {
        DatedBy::Inference => {
            let note = event.date_note.as_ref().map_or("", |n| n.value.as_str());
            out.push(
                Diagnostic::new(
                    &DATE_INFERRED,
                    event.date.span.clone(),
                    format!("the date {} is inferred", event.date.value),
                )
                .with_event(event.id.value.clone())
                .with_note(format!("date_note: {note}")),
            );
            return;
        }
        DatedBy::Publication => (from_publication(timeline, event), Vec::new()),
        DatedBy::Quote => {
            let quoted = from_quotes(timeline, event);
            let attested = quoted
                .iter()
                .filter_map(|q| {
                    let days = q.days(direction)?;
                    Some(Attested {
                        what: format!("\"{}\" resolves to {}", q.words, days.brief()),
                        days,
                    })
                })
                .collect();
            (attested, quoted)
        }
    };
    if attested.iter().any(|a| claim.contains(&a.days)) {
        return;
    }
    // Evidence from a source left out for its own errors cannot be read: cannot tell, and
    // the source's findings already say what to fix.
    if event
        .evidence
        .iter()
        .any(|e| timeline.source(&e.source.value).is_none())
    {
        return;
    }
    let finding = unsupported(event, claim, direction, &attested, &quoted);
    out.push(finding.with_event(event.id.value.clone()));
}

/// The direction an event's quotes are read in: backwards for what happened, forwards for
/// what is planned (docs/checks.md#direction).
fn direction(status: Status) -> Direction {
    match status {
        Status::Happened => Direction::Past,
        Status::Planned => Direction::Future,
    }
}

/// The `status` that reads quotes in `direction`.
fn status_for(direction: Direction) -> &'static str {
    match direction {
        Direction::Past => "happened",
        Direction::Future => "planned",
    }
}

fn from_publication(timeline: &Timeline, event: &Event) -> Vec<Attested> {
    event
        .evidence
        .iter()
        .filter_map(|e| timeline.source(&e.source.value))
        .map(|s| Attested {
            what: format!(
                "source `{}` was published {}",
                s.id.value, s.published.value
            ),
            days: s.published.value.days(),
        })
        .collect()
}

/// Every date expression in the event's quotes, in order, each read against its source's
/// publication date and numeric date order.
fn from_quotes(timeline: &Timeline, event: &Event) -> Vec<Quoted> {
    let mut quoted = Vec::new();
    for evidence in &event.evidence {
        let Some(source) = timeline.source(&evidence.source.value) else {
            continue;
        };
        let quote = &evidence.quote.value;
        let context = source_context(source);
        // A planned event's status looks ahead, so its quotes' spans ahead ("in two
        // weeks") are read even where the quote's own words do not look ahead.
        let readings = match event.status {
            Status::Planned => dates::read_planned(quote, &context),
            Status::Happened => dates::read(quote, &context),
        };
        let published = source.published.value.days();
        for r in readings {
            quoted.push(Quoted {
                words: quote[r.range.clone()].to_string(),
                past: r.past.map(|days| up_to(days, published)),
                future: r.future.map(|days| from(days, published)),
                tense: r.tense,
            });
        }
    }
    quoted
}

/// What an expression read as past can say of an event that happened: the days it denotes
/// up to the last day of publication ("this week" in a Wednesday's report of what happened
/// is Monday to Wednesday). All of it when none of it is that early: the contradiction is
/// then the finding.
fn up_to(days: DayInterval, published: DayInterval) -> DayInterval {
    DayInterval::new(days.earliest(), days.latest().min(published.latest())).unwrap_or(days)
}

/// What an expression read as future can say of a planned event: the days it denotes from
/// the first day of publication on.
fn from(days: DayInterval, published: DayInterval) -> DayInterval {
    DayInterval::new(days.earliest().max(published.earliest()), days.latest()).unwrap_or(days)
}

fn unsupported(
    event: &Event,
    claim: DayInterval,
    direction: Direction,
    attested: &[Attested],
    quoted: &[Quoted],
) -> Diagnostic {
    let span = event.date.span.clone();
    let written = event.date.value.to_string();
    let claimed = if written == claim.to_string() {
        written
    } else {
        format!("{written} ({claim})")
    };
    let status_help = status_question(quoted, claim, direction);
    // The date to set, when the evidence gives one and the status is not in question.
    let fix = match status_help {
        None => date_fix(event, attested),
        Some(_) => None,
    };
    let listed = (!quoted.is_empty()).then(|| listing(quoted, direction));
    if attested.is_empty() {
        let label = if quoted.is_empty() {
            "no date expression in any quote".to_string()
        } else {
            format!("no date expression reads as {}", direction.name())
        };
        let d = Diagnostic::new(
            &DATE_NOT_IN_QUOTE,
            span,
            format!("nothing in the quotes supports the date {claimed}"),
        )
        .with_label(label)
        .with_help(status_help.unwrap_or_else(|| {
            "quote the words that give the date, or say `dated_by = \"publication\"` or `dated_by = \"inference\"` with a `date_note`".into()
        }));
        return match listed {
            Some(note) => d.with_note(note),
            None => d,
        };
    }
    let overlapping = attested.iter().find(|a| !a.days.is_disjoint(&claim));
    let d = match overlapping {
        Some(a) => Diagnostic::new(
            &DATE_TOO_PRECISE,
            span,
            format!(
                "the date {claimed} is more precise than the evidence: {}",
                a.what
            ),
        )
        .with_label("narrower than the evidence")
        .with_help(status_help.unwrap_or_else(|| {
            format!(
                "claim an interval that holds {}, or quote words that give the exact date",
                a.days.brief()
            )
        })),
        None => {
            // The first of those nearest in time to the claim: the likeliest meant.
            let nearest = attested
                .iter()
                .min_by_key(|a| gap(&a.days, &claim))
                .unwrap_or(&attested[0]);
            Diagnostic::new(
                &DATE_CONTRADICTED,
                span,
                format!(
                    "the date {claimed} is contradicted by the evidence: {}",
                    nearest.what
                ),
            )
            .with_label("shares no day with the evidence")
            .with_help(
                status_help
                    .unwrap_or_else(|| format!("the evidence supports {}", nearest.days.brief())),
            )
        }
    };
    let d = match fix {
        Some(fix) => d.with_fix(fix),
        None => d,
    };
    match listed {
        Some(note) => d.with_note(note),
        None if attested.len() > 1 => {
            let all: Vec<&str> = attested.iter().map(|a| a.what.as_str()).collect();
            d.with_note(format!("all date evidence: {}", all.join("; ")))
        }
        None => d,
    }
}

/// Setting the date to what the evidence attests, when all of it attests the same days
/// (else which to choose is the curator's call), written as an EDTF date.
fn date_fix(event: &Event, attested: &[Attested]) -> Option<Fix> {
    let days = attested.first()?.days;
    if attested.iter().any(|a| a.days != days) {
        return None;
    }
    let date = days.edtf();
    Some(Fix {
        title: format!("Set the date to {date}, as the evidence supports"),
        span: event.date.span.clone(),
        replacement: format!("\"{date}\""),
    })
}

/// A piece of an event's date evidence as the language server shows it: what it is (a
/// quoted expression's words, or a source's publication), the days it denotes in the
/// event's direction, and whether the claimed date holds them.
pub(crate) struct Support {
    pub what: String,
    pub days: Option<DayInterval>,
    pub supports: bool,
}

/// The evidence [`date_supported`] weighs for `event`, each piece with whether it supports
/// the claim: the date expressions of its quotes, or its sources' publication dates (for
/// `dated_by = "publication"`); nothing for an inferred date.
pub(crate) fn support(timeline: &Timeline, event: &Event) -> Vec<Support> {
    let claim = event.date.value.days();
    let direction = direction(event.status);
    let supporting = |what: String, days: Option<DayInterval>| Support {
        supports: days.is_some_and(|d| claim.contains(&d)),
        what,
        days,
    };
    match event.dated_by.value {
        DatedBy::Inference => Vec::new(),
        DatedBy::Publication => from_publication(timeline, event)
            .into_iter()
            .map(|a| supporting(a.what, Some(a.days)))
            .collect(),
        DatedBy::Quote => from_quotes(timeline, event)
            .into_iter()
            .map(|q| supporting(format!("\"{}\"", q.words), q.days(direction)))
            .collect(),
    }
}

/// When some expression, read the other way, would support the claim, the question whether
/// the event's status is right, naming it: one whose own words point that way is the
/// likeliest, else the first.
fn status_question(quoted: &[Quoted], claim: DayInterval, direction: Direction) -> Option<String> {
    let other = direction.other();
    quoted
        .iter()
        .filter_map(|q| Some((q, q.days(other).filter(|d| claim.contains(d))?)))
        .min_by_key(|(q, _)| q.tense != Some(other))
        .map(|(q, days)| {
            format!(
                "read as {}, \"{}\" gives {}: is this event `status = \"{}\"`?",
                other.name(),
                q.words,
                days.brief(),
                status_for(other)
            )
        })
}

/// The note naming every date expression of the quotes and what it resolves to, read in
/// `direction`: `date expressions in the quotes, read as past: "19 November" → 2003-11-19;
/// "last year" → 2002`.
fn listing(quoted: &[Quoted], direction: Direction) -> String {
    let mut items: Vec<String> = quoted
        .iter()
        .take(LISTED)
        .map(|q| match q.days(direction) {
            Some(days) => format!("\"{}\" → {}", q.words, days.brief()),
            None => {
                let only = q
                    .days(direction.other())
                    .map(|d| format!(": {}", d.brief()))
                    .unwrap_or_default();
                format!(
                    "\"{}\" → nothing (it reads only as {}{only})",
                    q.words,
                    direction.other().name()
                )
            }
        })
        .collect();
    if quoted.len() > LISTED {
        items.push(format!("and {} more", quoted.len() - LISTED));
    }
    format!(
        "date expressions in the quotes, read as {}: {}",
        direction.name(),
        items.join("; ")
    )
}

/// Days between two intervals: 0 when they share a day.
fn gap(a: &DayInterval, b: &DayInterval) -> i64 {
    if a.latest() < b.earliest() {
        (b.earliest() - a.latest()).num_days()
    } else if b.latest() < a.earliest() {
        (a.earliest() - b.latest()).num_days()
    } else {
        0
    }
}

/// A past event does not start after the latest day its cited source could have been
/// published (docs/checks.md#not-after-source).
pub fn not_after_source(timeline: &Timeline, event: &Event, out: &mut Vec<Diagnostic>) {
    if event.status == Status::Planned {
        return;
    }
    let starts = event.date.value.days().earliest();
    let mut reported = Vec::new();
    for evidence in &event.evidence {
        let Some(source) = timeline.source(&evidence.source.value) else {
            continue;
        };
        let published = source.published.value.days();
        if starts > published.latest() && !reported.contains(&&source.id.value) {
            reported.push(&source.id.value);
            out.push(
                Diagnostic::new(
                    &EVENT_AFTER_SOURCE,
                    event.date.span.clone(),
                    format!(
                        "the event starts {starts}, after its source `{}` was published ({})",
                        source.id.value, source.published.value
                    ),
                )
                .with_label("later than the source")
                .with_event(event.id.value.clone())
                .with_source(source.id.value.clone())
                .with_help("if the source announces it for later, say `status = \"planned\"`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(text: &str) -> DayInterval {
        crate::date::parse(text).unwrap().days()
    }

    fn quoted(words: &str, past: &str, future: &str, tense: Option<Direction>) -> Quoted {
        Quoted {
            words: words.into(),
            past: Some(days(past)),
            future: Some(days(future)),
            tense,
        }
    }

    #[test]
    fn the_status_question_names_an_expression_the_other_reading_supports() {
        let april = quoted("April", "2003-04", "2004-04", None);
        let question = status_question(&[april], days("2004"), Direction::Past);
        assert_eq!(
            question.as_deref(),
            Some("read as future, \"April\" gives 2004-04: is this event `status = \"planned\"`?")
        );
        let november = quoted("19 November", "2003-11-19", "2004-11-19", None);
        let question = status_question(&[november], days("2003-11"), Direction::Future);
        assert_eq!(
            question.as_deref(),
            Some("read as past, \"19 November\" gives 2003-11-19: is this event `status = \"happened\"`?")
        );
        // Neither reading fits: no question.
        let june = quoted("June", "2003-06", "2004-06", None);
        assert_eq!(
            status_question(&[june], days("2004-04"), Direction::Past),
            None
        );
    }

    #[test]
    fn the_status_question_prefers_words_that_point_the_other_way() {
        let plain = quoted("April", "2003-04", "2004-04", None);
        let ahead = quoted("May", "2003-05", "2004-05", Some(Direction::Future));
        let question = status_question(&[plain, ahead], days("2004"), Direction::Past).unwrap();
        assert!(question.contains("\"May\" gives 2004-05"), "{question}");
    }

    #[test]
    fn the_listing_names_every_expression_and_what_reads_only_the_other_way() {
        let ago = Quoted {
            words: "two weeks ago".into(),
            past: Some(days("2003-11-17/2003-11-23")),
            future: None,
            tense: None,
        };
        let today = quoted("today", "2003-12-03", "2003-12-03", None);
        assert_eq!(
            listing(&[today, ago], Direction::Future),
            "date expressions in the quotes, read as future: \"today\" → 2003-12-03; \
\"two weeks ago\" → nothing (it reads only as past: 2003-11-17 to 2003-11-23)"
        );
        let many: Vec<Quoted> = (0..25)
            .map(|_| quoted("today", "2003-12-03", "2003-12-03", None))
            .collect();
        assert!(listing(&many, Direction::Past).ends_with("; and 5 more"));
    }

    fn fixture(name: &str) -> (std::path::PathBuf, String) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name)
            .join("events.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        (path, text)
    }

    /// The fix of the one date finding of a fixture, and whether applying it leaves no date
    /// finding.
    fn date_fix_of(name: &str) -> (Option<Fix>, bool) {
        let (path, text) = fixture(name);
        let checked = crate::check_str(&path, text.clone());
        let d = checked
            .report
            .diagnostics
            .iter()
            .find(|d| d.code.starts_with("date-"));
        let fix = d
            .unwrap_or_else(|| panic!("{name}: no date finding"))
            .fix
            .clone();
        let clean = fix.as_ref().is_some_and(|fix| {
            let mut edited = text.clone();
            edited.replace_range(fix.span.clone(), &fix.replacement);
            let again = crate::check_str(&path, edited);
            again
                .report
                .diagnostics
                .iter()
                .all(|d| !d.code.starts_with("date-"))
        });
        (fix, clean)
    }

    #[test]
    fn a_date_the_evidence_gives_alone_is_offered_and_then_holds() {
        for (name, date) in [
            ("date-contradicted/bad", "2010-03-02"),
            ("date-too-precise/bad", "2010-02"),
        ] {
            let (fix, clean) = date_fix_of(name);
            let fix = fix.unwrap_or_else(|| panic!("{name}: no fix"));
            assert_eq!(fix.replacement, format!("\"{date}\""), "{name}");
            assert!(clean, "{name}: the date set still has a date finding");
        }
        let span = DayInterval::new(days("2003-12-01").earliest(), days("2003-12-07").latest());
        let attested = [Attested {
            what: String::new(),
            days: span.unwrap(),
        }];
        let (path, text) = fixture("date-contradicted/bad");
        let event = &crate::check_str(&path, text).timeline.events[0];
        let fix = date_fix(event, &attested).unwrap();
        assert_eq!(fix.replacement, "\"2003-12-01/2003-12-07\"");
        assert!(crate::date::parse("2003-12-01/2003-12-07").is_ok());
    }

    #[test]
    fn no_date_is_offered_when_the_evidence_disagrees_or_the_status_is_in_question() {
        for name in [
            "date-contradicted/bad-nearest",
            "date-contradicted/bad-status",
        ] {
            let (fix, _) = date_fix_of(name);
            assert_eq!(fix, None, "{name}");
        }
    }

    #[test]
    fn support_lists_each_expression_and_whether_it_holds_the_claim() {
        let listed = |name: &str| {
            let (path, text) = fixture(name);
            let checked = crate::check_str(&path, text);
            let event = checked.timeline.events.last().unwrap();
            support(&checked.timeline, event)
                .into_iter()
                .map(|s| (s.what, s.days.map(|d| d.brief()), s.supports))
                .collect::<Vec<_>>()
        };
        let some = |d: &str| Some(d.to_string());
        assert_eq!(
            listed("date-contradicted/bad-nearest"),
            [
                ("\"February 2010\"".to_string(), some("2010-02"), false),
                ("\"2 March\"".to_string(), some("2010-03-02"), false),
            ]
        );
        assert_eq!(
            listed("date-contradicted/good"),
            [("\"2 March\"".to_string(), some("2010-03-02"), true)]
        );
    }

    #[test]
    fn gaps_count_the_days_between() {
        assert_eq!(gap(&days("2010-03-02"), &days("2010-03-03")), 1);
        assert_eq!(gap(&days("2010-02"), &days("2010-03-03")), 3);
        assert_eq!(gap(&days("2010-03-03"), &days("2010-02")), 3);
        assert_eq!(gap(&days("2010"), &days("2010-03-03")), 0);
    }
}
