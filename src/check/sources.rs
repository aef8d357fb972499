//! Source rules (SPEC §4.2): each article file is readable, inside the events file's
//! folder, within the size cap, UTF-8 text, matches its pin, and attests its metadata.

use crate::diagnostic::Severity::{Error, Warning};
use crate::rules::Rule;

pub const SOURCE_UNREADABLE: Rule = Rule {
    code: "source-unreadable",
    severity: Error,
    summary: "A source's `file` cannot be read.",
    explanation: "The path is relative to the events file's folder. The message gives the \
operating system's reason (not found, permission denied, is a directory).\n\n\
Example: `file = \"articles/rferl.txt\"` when the file is `articles/rferl-2003-12-03.txt`.",
};

pub const SOURCE_OUTSIDE_FOLDER: Rule = Rule {
    code: "source-outside-folder",
    severity: Error,
    summary: "A source's `file` resolves, after following links, outside the events file's folder.",
    explanation: "A project's evidence must travel with it: an article outside the folder (via \
`..`, an absolute path or a symbolic link) would make the check pass on one machine and fail on \
the next.\n\nExample: copy the article into `articles/` and write `file = \"articles/x.txt\"`.",
};

pub const SOURCE_TOO_LARGE: Rule = Rule {
    code: "source-too-large",
    severity: Error,
    summary: "A source file is larger than the size cap (16 MiB).",
    explanation: "Articles are news texts of kilobytes; a file of many megabytes is almost \
always the wrong file (an archive, a dump, a video). The cap keeps `check` fast and bounded.\n\n\
Example: point `file` at the article's text, not at the whole site export.",
};

pub const SOURCE_NOT_UTF8: Rule = Rule {
    code: "source-not-utf8",
    severity: Error,
    summary: "A source file is not valid UTF-8.",
    explanation: "Quotes are compared as Unicode text, so the article must be UTF-8. The \
message gives the byte offset of the first invalid sequence.\n\n\
Example: convert a Windows-1251 file with `iconv -f cp1251 -t utf-8`, keeping the original \
beside it.",
};

pub const SOURCE_BINARY: Rule = Rule {
    code: "source-binary",
    severity: Error,
    summary: "A source file holds NUL or other control bytes: it is not plain text.",
    explanation: "A PDF, an image or a word-processor file may happen to be valid UTF-8 but is \
not a text a quote can stand in.\n\nExample: extract the article's text to a `.txt` file and \
cite that.",
};

pub const SHA256_MISMATCH: Rule = Rule {
    code: "sha256-mismatch",
    severity: Error,
    summary: "A source file's bytes no longer match its `sha256` pin.",
    explanation: "The pin records the exact article the events were checked against. A \
mismatch means the file changed; the notes say which quotes still stand in the new text, so \
you can judge whether to re-pin.\n\nExample: after confirming the new file is the right one, \
replace the pin with the output of `sha256sum articles/x.txt`.",
};

pub const PUBLISHED_UNATTESTED: Rule = Rule {
    code: "published-unattested",
    severity: Error,
    summary: "No full date in the text attests `published`, and no `published_note` explains it.",
    explanation: "Relative dates (\"this week\", \"on 19 November\") are resolved against \
`published`, so it must come from somewhere: a full date in the text that lies within it, or \
a `published_note` saying where it comes from (a page header, an archive, an inference).\n\n\
Example: add `published_note = \"Date of the page in the publisher's archive\"`.",
};

pub const SOURCE_TITLE_NOT_FOUND: Rule = Rule {
    code: "source-title-not-found",
    severity: Warning,
    summary: "A source's `title` does not stand in its text.",
    explanation: "The title is compared like a quote. A miss usually means a typo, or a title \
taken from somewhere other than the article.\n\nExample: copy the headline as the article \
prints it.",
};

pub const SOURCE_PUBLISHER_NOT_FOUND: Rule = Rule {
    code: "source-publisher-not-found",
    severity: Warning,
    summary: "A source's `publisher` is not named in its text.",
    explanation: "Most articles name their publisher in a byline or dateline; a miss may mean \
the wrong file or a misspelt publisher.\n\nExample: `publisher = \"RFERL\"` where the text \
says `RFE/RL`.",
};

pub const UNUSED_SOURCE: Rule = Rule {
    code: "unused-source",
    severity: Warning,
    summary: "A declared source that no event cites.",
    explanation: "A source in the file that no evidence uses is either left over or a sign \
that an event's evidence names the wrong source.\n\nExample: delete the `[sources.x]` table, \
or cite it.",
};
