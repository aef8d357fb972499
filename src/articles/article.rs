//! An article: one source's text as a reader sees it, prepared once for all the quotes
//! that cite it, with its [`Origin`], the way back into the file it was read from.

use super::extract::{MetaDate, Piece, Place};
use super::format::Format;
use crate::text::names::NameIndex;
use crate::text::quote::Haystack;
use std::sync::OnceLock;

/// One source's text, read and prepared once for all the quotes that cite it.
#[derive(Debug)]
pub struct Article {
    /// The sha256 of the file's bytes as saved, lowercase hex; `None` when no one asked
    /// for it (no source of the file has a pin): hashing costs as much as reading a page.
    pub sha256: Option<String>,
    /// The text a reader sees: paragraphs separated by a blank line.
    pub text: String,
    pub haystack: Haystack,
    /// Where the text came from, and the way back into it.
    pub origin: Origin,
    /// Built on first use: most events name no actor or place.
    names: OnceLock<NameIndex>,
}

/// Where an article's text came from: the format it was read from, the map back into the
/// original, the captured page it is (for an archive), and the dates the file states
/// about itself.
#[derive(Debug)]
pub struct Origin {
    /// The format the text was read from (inside an archive: the captured page's).
    pub format: Format,
    /// Empty when the text is the file's own; else sorted by offset, the first at 0.
    pub(super) pieces: Vec<Piece>,
    /// The capture the text was read from, when the file is a web archive.
    pub capture: Option<Capture>,
    /// Dates the page states in its metadata.
    pub dates: Vec<MetaDate>,
    /// Names the page gives its publisher in its metadata.
    pub publishers: Vec<String>,
}

/// The record of a web archive that a source's text was read from.
#[derive(Clone, Debug)]
pub struct Capture {
    /// The captured URL, as the archive records it.
    pub url: String,
    /// When it was captured (`WARC-Date`), as written.
    pub date: Option<String>,
}

impl Article {
    /// Prepare plain `text`, whose file has the hash `sha256`, for quotes and names.
    #[cfg(test)]
    pub fn new(text: String, sha256: String) -> Self {
        Self::read_as(text, Some(sha256), Origin::plain())
    }

    pub(super) fn read_as(text: String, sha256: Option<String>, origin: Origin) -> Self {
        Self {
            sha256,
            haystack: Haystack::new(&text),
            names: OnceLock::new(),
            origin,
            text,
        }
    }

    /// The text prepared for name look-ups.
    pub fn names(&self) -> &NameIndex {
        self.names.get_or_init(|| NameIndex::new(&self.text))
    }

    /// Where byte `offset` of the text stands in the original file.
    pub fn place(&self, offset: usize) -> Place {
        let offset = offset.min(self.text.len());
        let pieces = &self.origin.pieces;
        let Some(i) = pieces.partition_point(|p| p.at <= offset).checked_sub(1) else {
            // The haystack builds its line index once, for the article's first finding.
            let (line, column) = self.haystack.line_col(&self.text, offset);
            return Place::Line {
                line: saturate(line),
                column: saturate(column),
            };
        };
        match pieces[i].place {
            Place::Line { line, column } => {
                let from = floor_char(&self.text, pieces[i].at);
                let to = floor_char(&self.text, offset);
                let advance = self.text[from..to].chars().count();
                Place::Line {
                    line,
                    column: column.saturating_add(saturate(advance)),
                }
            }
            page => page,
        }
    }

    /// Where byte `offset` of the text stands in the original, as a user would look for
    /// it: `12:5` (line and column of a text or HTML file), `page 3, line 12` (a PDF), and
    /// for a web archive the capture it is in.
    pub fn position(&self, offset: usize) -> String {
        let place = match self.place(offset) {
            Place::Line { line, column } => format!("{line}:{column}"),
            Place::Page { page, line } => format!("page {page}, line {line}"),
        };
        match &self.origin.capture {
            Some(capture) => format!("{place} of the capture of {}", capture.url),
            None => place,
        }
    }
}

impl Origin {
    #[cfg(test)]
    fn plain() -> Self {
        Self {
            format: Format::Text,
            pieces: Vec::new(),
            capture: None,
            dates: Vec::new(),
            publishers: Vec::new(),
        }
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn floor_char(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
