//! The findings about files that cannot serve as evidence: each rule here says why a
//! source's file gives no text to check quotes against (docs/checks.md#sources).

use crate::diagnostic::Rule;
use crate::diagnostic::Severity::Error;

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
    explanation: "A project's evidence must travel with it: an article outside the folder \
(reached through `..`, an absolute path elsewhere, or a symbolic link) would make the check pass \
on one machine and fail on the next.\n\nExample: copy the article into `articles/` and write `file = \"articles/x.txt\"`.",
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

pub const SOURCE_FORMAT_MISMATCH: Rule = Rule {
    code: "source-format-mismatch",
    severity: Error,
    summary: "A source file's bytes are not the format its name says.",
    explanation: "citeline recognises a file's format from its bytes (`%PDF-` starts a PDF, \
`WARC/1` a web archive, a zip with `datapackage.json` a WACZ, markup an HTML page) and \
compares it with the extension. A `.html` that is really a PDF is usually a download saved \
under the wrong name, and reading it as either would check quotes against the wrong text.\n\n\
Example: rename `articles/report.html` to `articles/report.pdf` (and update `file`).",
};

pub const SOURCE_MALFORMED: Rule = Rule {
    code: "source-malformed",
    severity: Error,
    summary: "A source file is broken, or built so that reading it would not end in time.",
    explanation: "The message gives the reason: a truncated or cyclic PDF, a PDF whose \
streams inflate past the cap (a compression bomb), HTML nested deeper than any page a \
person reads, a web archive whose records cannot be parsed. citeline reads with limits on \
depth, object counts and inflated size, so a hostile file costs bounded time and memory.\n\n\
Example: save the page or PDF again from its source, or from an archive's capture.",
};

pub const SOURCE_NO_TEXT: Rule = Rule {
    code: "source-no-text",
    severity: Error,
    summary: "A source file holds no text to check quotes against (a scanned PDF, an empty page).",
    explanation: "A PDF made of page images has no text layer: what a reader sees is a \
picture of text, and quotes cannot be checked against it until OCR adds one. An HTML page \
whose visible text is empty (everything in scripts) is the same case.\n\n\
Example: run OCR (e.g. `ocrmypdf scan.pdf scan-ocr.pdf`) and cite the result, keeping the \
original beside it.",
};

pub const SOURCE_ENCRYPTED: Rule = Rule {
    code: "source-encrypted",
    severity: Error,
    summary: "A source PDF is encrypted, so its text cannot be read.",
    explanation: "An encrypted PDF's streams can only be read with its key. citeline does not \
guess passwords.\n\nExample: save a decrypted copy (e.g. `qpdf --decrypt in.pdf out.pdf`) \
with the publisher's permission, and cite that.",
};

pub const ARCHIVE_RECORD_MISSING: Rule = Rule {
    code: "archive-record-missing",
    severity: Error,
    summary: "A web archive holds no response record for the source's `url`.",
    explanation: "In a WARC or WACZ file the source's `url` selects the captured page. The \
message lists the pages the archive does hold, so a typo or a redirect is easy to spot.\n\n\
Example: set `url` to the address the capture was made of, as the archive records it.",
};
