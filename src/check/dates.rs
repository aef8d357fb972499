//! Date rules (SPEC §4.4, §4.5): the claimed interval is supported by its evidence and does
//! not start after the source that reports it.

use crate::diagnostic::Severity::{Error, Note};
use crate::rules::Rule;

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
