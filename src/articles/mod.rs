//! Reading the articles that sources cite: each file is resolved inside the events file's
//! folder, read through a size cap, pinned by the sha256 of its bytes as saved, recognised
//! by format (plain text, an HTML page, a PDF, a web archive), turned into the text a
//! reader sees, and prepared once for all the quotes that cite it. A file that cannot serve
//! as evidence is a finding here; what the text says is `check`'s business.
//!
//! Every reader keeps a map from its text back into the original file ([`Origin`]), so
//! that what a user is shown points at a line and column of the HTML file, a page and line
//! of the PDF, or the captured page inside an archive: never at text they cannot open.
//!
//! Articles are visited, not kept: each file is read once (sixty-four sources citing one
//! 15 MB report read, hash and fold it once), handed to the checks, and dropped, so a check
//! of 10,000 articles holds a few of them at a time.

mod archive;
mod extract;
mod file;
mod findings;
mod format;
mod html;
mod pdf;
mod plain;

pub use extract::{MetaDate, Place};
pub use file::{read_path, MAX_ARCHIVE_BYTES, MAX_SOURCE_BYTES};
pub use findings::*;
pub use format::Format;

use crate::diagnostic::Diagnostic;
use crate::model::{Source, Timeline};
use crate::parallel;
use crate::text::names::NameIndex;
use crate::text::quote::Haystack;
use extract::Piece;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// One source's text, read and prepared once for all the quotes that cite it.
#[derive(Debug)]
pub struct Article {
    /// The sha256 of the file's bytes as saved, lowercase hex.
    pub sha256: String,
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
    pieces: Vec<Piece>,
    /// The capture the text was read from, when the file is a web archive.
    pub capture: Option<Capture>,
    /// Dates the page states in its metadata.
    pub dates: Vec<MetaDate>,
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
        Self::read_as(text, sha256, Origin::plain())
    }

    fn read_as(text: String, sha256: String, origin: Origin) -> Self {
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

/// The files the sources name, each with the sources that name it, in the order of first
/// mention: sources that share a file (and, for an archive, a `url`) share one read.
pub fn files(timeline: &Timeline) -> Vec<(&str, Vec<&Source>)> {
    let mut files: Vec<(&str, Vec<&Source>)> = Vec::new();
    let mut seen: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    for source in &timeline.sources {
        let written = source.file.value.as_str();
        let key = (written, source.url.as_ref().map(|u| u.value.as_str()));
        match seen.get(&key) {
            Some(&i) => files[i].1.push(source),
            None => {
                seen.insert(key, files.len());
                files.push((written, vec![source]));
            }
        }
    }
    files
}

/// What [`visit`] gives back: each readable file's result, the findings about files that
/// could not be read, and the ids of their sources.
pub struct Visited<R> {
    pub results: Vec<R>,
    pub unreadable: Vec<Diagnostic>,
    pub unreadable_ids: HashSet<String>,
}

/// Read each file once and hand it, with the sources that name it, to `work`; the article
/// is dropped as soon as `work` returns, so memory holds one article per core, not all of
/// them. Files are spread over the cores; results come back in file order.
pub fn visit<'t, R: Send>(
    timeline: &'t Timeline,
    work: impl Fn(&[&'t Source], &Article) -> R + Sync,
) -> Visited<R> {
    let folder = file::Folder::of(timeline);
    let files = files(timeline);
    let chunks = parallel::map_chunks(&files, |files| {
        let mut results = Vec::new();
        let mut unreadable = Vec::new();
        for (_, sources) in files {
            match folder.read(sources[0]) {
                Ok(article) => results.push(work(sources, &article)),
                Err(why) => unreadable.extend(sources.iter().map(|s| why.finding(s))),
            }
        }
        (results, unreadable)
    });
    let mut visited = Visited {
        results: Vec::new(),
        unreadable: Vec::new(),
        unreadable_ids: HashSet::new(),
    };
    for (results, unreadable) in chunks {
        visited.results.extend(results);
        for d in unreadable {
            visited.unreadable_ids.extend(d.source.clone());
            visited.unreadable.push(d);
        }
    }
    visited
}

/// Read the file of one source, or the finding that says why it cannot be evidence.
pub fn read(timeline: &Timeline, source: &Source) -> Result<Article, Box<Diagnostic>> {
    file::Folder::of(timeline)
        .read(source)
        .map_err(|why| Box::new(why.finding(source)))
}
