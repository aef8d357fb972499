//! Date rules (docs/checks.md#dates, #not-after-source): the claimed interval is supported by its evidence and does
//! not start after the source that reports it.

use crate::date::DayInterval;
use crate::diagnostic::Severity::{Error, Note};
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{DatedBy, Event, Status, Timeline};
use crate::text::dates::{self, Direction};

pub const DATE_NOT_IN_QUOTE: Rule = Rule {
    code: "date-not-in-quote",
    severity: Error,
    summary: "`dated_by = \"quote\"`, but no quote of the event holds a date expression.",
    explanation: "With the default `dated_by = \"quote\"`, some quote must contain a date \
(\"on 19 November\", \"3 December 2003\", \"this week\", \"next year\", …) that supports the \
claimed date. If the date comes from the article's own date, say `dated_by = \"publication\"`; \
if from reasoning, `dated_by = \"inference\"` with a `date_note`.\n\n\
Example: extend the quote to include `on 19 November`.",
};

pub const DATE_TOO_PRECISE: Rule = Rule {
    code: "date-too-precise",
    severity: Error,
    summary: "The claimed date is more precise than the evidence, or does not cover all of it.",
    explanation: "A claim C is supported by an expression E when every day E allows lies in C. \
When the quote says \"in November\" and the event claims `2003-11-19`, the claim is more \
precise than its evidence.\n\nExample: claim `2003-11` (or find a quote that names the day).",
};

pub const DATE_CONTRADICTED: Rule = Rule {
    code: "date-contradicted",
    severity: Error,
    summary: "The claimed date shares no day with the date the quote gives.",
    explanation: "The quote's date expression, resolved against the source's `published` \
date, lies wholly outside the claimed interval. The message names the expression and what it \
resolved to.\n\nExample: the quote says \"on 19 November\" (2003-11-19) but `date = \
\"2003-11-18\"`.",
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

/// The event's claimed interval is supported by its evidence (docs/checks.md#claims-and-evidence).
pub fn date_supported(timeline: &Timeline, event: &Event, out: &mut Vec<Diagnostic>) {
    let claim = event.date.value.days();
    let attested = match event.dated_by.value {
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
        DatedBy::Publication => from_publication(timeline, event),
        DatedBy::Quote => from_quotes(timeline, event),
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
    out.push(unsupported(event, claim, &attested).with_event(event.id.value.clone()));
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

fn from_quotes(timeline: &Timeline, event: &Event) -> Vec<Attested> {
    let direction = match event.status {
        Status::Happened => Direction::Past,
        Status::Planned => Direction::Future,
    };
    let mut attested = Vec::new();
    for evidence in &event.evidence {
        let Some(source) = timeline.source(&evidence.source.value) else {
            continue;
        };
        let quote = &evidence.quote.value;
        for e in dates::find(quote, source.published.value.days(), direction) {
            attested.push(Attested {
                what: format!("\"{}\" resolves to {}", &quote[e.range.clone()], e.days),
                days: e.days,
            });
        }
    }
    attested
}

fn unsupported(event: &Event, claim: DayInterval, attested: &[Attested]) -> Diagnostic {
    let span = event.date.span.clone();
    let written = event.date.value.to_string();
    let claimed = if written == claim.to_string() {
        written
    } else {
        format!("{written} ({claim})")
    };
    if attested.is_empty() {
        let d = Diagnostic::new(
            &DATE_NOT_IN_QUOTE,
            span,
            format!("nothing in the quotes supports the date {claimed}"),
        )
        .with_label("no date expression in any quote");
        return d.with_help(
            "quote the words that give the date, or say `dated_by = \"publication\"` or `dated_by = \"inference\"` with a `date_note`",
        );
    }
    let notes: Vec<String> = attested.iter().map(|a| a.what.clone()).collect();
    let overlapping = attested.iter().find(|a| !a.days.is_disjoint(&claim));
    let mut d = match overlapping {
        Some(a) => Diagnostic::new(
            &DATE_TOO_PRECISE,
            span,
            format!(
                "the date {claimed} is more precise than the evidence: {}",
                a.what
            ),
        )
        .with_label("narrower than the evidence")
        .with_help(format!(
            "claim an interval that holds {}, or quote words that give the exact date",
            a.days
        )),
        None => Diagnostic::new(
            &DATE_CONTRADICTED,
            span,
            format!(
                "the date {claimed} is contradicted by the evidence: {}",
                attested[0].what
            ),
        )
        .with_label("shares no day with the evidence")
        .with_help(format!("the evidence supports {}", attested[0].days)),
    };
    if notes.len() > 1 {
        d = d.with_note(format!("all date evidence: {}", notes.join("; ")));
    }
    d
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
