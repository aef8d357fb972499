//! Shape rules: what the loader reports while turning TOML into a [`Timeline`]. They are
//! defined here, beside the code that reports them; `crate::rules` lists them with the
//! others.
//!
//! [`Timeline`]: crate::model::Timeline

use crate::diagnostic::Rule;
use crate::diagnostic::Severity::Error;

pub const TOML_SYNTAX: Rule = Rule {
    code: "toml-syntax",
    severity: Error,
    summary: "The events file is not valid TOML.",
    explanation: "Nothing else can be checked until the file parses. The caret points where \
the TOML parser gave up.\n\nExample: `title = \"Bishkek meeting` lacks its closing quote; \
write `title = \"Bishkek meeting\"`.",
};

pub const INVALID_TYPE: Rule = Rule {
    code: "invalid-type",
    severity: Error,
    summary: "A key holds a value of the wrong type.",
    explanation: "Each key has one type: text for ids, titles, quotes and dates, a list of \
text for `actors` and `tags`, a table for `[sources.ID]`, an array of tables for `[[events]]`.\n\n\
Example: `date = 2003-11-19` is a TOML date, not text; write `date = \"2003-11-19\"`.",
};

pub const MISSING_KEY: Rule = Rule {
    code: "missing-key",
    severity: Error,
    summary: "A required key is absent.",
    explanation: "A source needs `file`, `publisher`, `title` and `published`; an event needs \
`id`, `date`, `title` and at least one `[[events.evidence]]` with `source` and `quote`.\n\n\
Example: add `published = \"2003-12-03\"` to the source table.",
};

pub const UNKNOWN_KEY: Rule = Rule {
    code: "unknown-key",
    severity: Error,
    summary: "A key that citeline does not know.",
    explanation: "Unknown keys are errors, not ignored, because a misspelt key silently \
drops what the curator meant to say. The hint names the closest known key.\n\n\
Example: `dated-by = \"quote\"` should be `dated_by = \"quote\"`.",
};

pub const INVALID_VALUE: Rule = Rule {
    code: "invalid-value",
    severity: Error,
    summary: "A value outside the allowed set or form.",
    explanation: "`status` is `happened` or `planned`; `dated_by` is `quote`, `publication` or \
`inference`; a source's `date_order` is `dmy`, `mdy` or `ymd`; `sha256` is 64 hexadecimal \
digits; text values may not be empty, hold control \
characters, or exceed their length: 10,000 characters for a quote, 2,000 for `summary`, \
`date_note` and `published_note`, 500 for titles, publishers, files and URLs, 200 for the rest. \
A longer value is not a note but a document, and would make the chart unreadable.\n\nExample: `status = \"announced\"` should be `status = \"planned\"`.",
};

pub const INVALID_ID: Rule = Rule {
    code: "invalid-id",
    severity: Error,
    summary: "An event or source id is not of the form `^[a-z0-9][a-z0-9-]*$`.",
    explanation: "Ids name events in the chart's SVG (`id` attributes) and in findings, so they \
are lowercase ASCII letters, digits and hyphens, starting with a letter or digit.\n\n\
Example: `id = \"Bishkek Meeting\"` should be `id = \"bishkek-meeting\"`.",
};

pub const DUPLICATE_ID: Rule = Rule {
    code: "duplicate-id",
    severity: Error,
    summary: "Two events share an id.",
    explanation: "Event ids must be unique: findings, tooltips and SVG anchors refer to events \
by id.\n\nExample: rename the second `bishkek-meeting` to `bishkek-meeting-bordyuzha`.",
};

pub const INVALID_DATE: Rule = Rule {
    code: "invalid-date",
    severity: Error,
    summary: "A `date` or `published` value outside citeline's EDTF subset.",
    explanation: "Dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally followed by `?` \
(uncertain), `~` (approximate) or `%` (both), or an interval `START/END` whose ends are such \
dates or `..` (open). A `published` date may not be open.\n\n\
Example: `date = \"19 November 2003\"` should be `date = \"2003-11-19\"`.",
};

pub const INVALID_TITLE: Rule = Rule {
    code: "invalid-title",
    severity: Error,
    summary: "An event title is longer than 80 characters.",
    explanation: "The title is the chart label; it must fit on a line. Put the rest in \
`summary`. (An empty title, or one with control characters, is `invalid-value`, as for any \
text.)\n\nExample: shorten a 120-character title to its first clause and move the rest to \
`summary = \"…\"`.",
};

pub const UNDECLARED_SOURCE: Rule = Rule {
    code: "undeclared-source",
    severity: Error,
    summary: "Evidence names a source that has no `[sources.ID]` table.",
    explanation: "Every `source` in `[[events.evidence]]` must be the id of a declared source. \
The hint names the closest declared id.\n\n\
Example: `source = \"rferl-2003-12-3\"` should be `source = \"rferl-2003-12-03\"`.",
};

pub const MISSING_DATE_NOTE: Rule = Rule {
    code: "missing-date-note",
    severity: Error,
    summary: "`dated_by = \"inference\"` without a `date_note`.",
    explanation: "An inferred date is attested by nothing in the sources, so the curator's \
reasoning must be written down; the chart prints it under the sources.\n\n\
Example: add `date_note = \"Lists six CSTO members without Uzbekistan, which suspended \
its membership in 2012\"`.",
};
