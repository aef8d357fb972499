//! What a format reader makes of a file's bytes, shared by the readers of HTML, PDF and
//! web archives (`html.rs`, `pdf.rs`, `archive.rs`) and the code that dispatches to them.
//!
//! A reader returns the text a person reads, laid out as the quote matcher expects it
//! (paragraphs separated by a blank line, lines inside a paragraph by one line break), and
//! a map from that text back into the original file: [`Piece`]s, each the offset in the
//! text where a run of characters starts and the [`Place`] of its first character in the
//! original. Everything a user is shown points into the original through this map.

use crate::diagnostic::Rule;

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
