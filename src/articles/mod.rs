//! Reading the articles that sources cite: each file is resolved inside the events file's
//! folder, read through a size cap, decoded, pinned by its sha256, and prepared once for all
//! the quotes that cite it. A file that cannot serve as evidence is a finding here; what the
//! text says is `check`'s business.
//!
//! Articles are visited, not kept: each file is read once (sixty-four sources citing one
//! 15 MB report read, hash and fold it once), handed to the checks, and dropped, so a check
//! of 10,000 articles holds a few of them at a time.

mod archive;
mod extract;
mod findings;
mod html;
mod pdf;

pub use findings::*;

use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Source, Timeline};
use crate::parallel;
use crate::text::names::NameIndex;
use crate::text::quote::Haystack;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

/// The size cap on a source file: news articles are kilobytes; 16 MiB leaves room for a
/// book-length report while refusing a video or a database dump.
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

/// One source's text, read and prepared once for all the quotes that cite it.
#[derive(Debug)]
pub struct Article {
    /// The file's sha256, lowercase hex.
    pub sha256: String,
    pub text: String,
    pub haystack: Haystack,
    /// Built on first use: most events name no actor or place.
    names: OnceLock<NameIndex>,
}

impl Article {
    /// Prepare `text`, whose file has the hash `sha256`, for quotes and names.
    pub fn new(text: String, sha256: String) -> Self {
        Self {
            sha256,
            haystack: Haystack::new(&text),
            names: OnceLock::new(),
            text,
        }
    }

    /// The text prepared for name look-ups.
    pub fn names(&self) -> &NameIndex {
        self.names.get_or_init(|| NameIndex::new(&self.text))
    }

    /// `line:column` of byte `offset` in the text, 1-based.
    pub fn position(&self, offset: usize) -> String {
        // The haystack builds its line index once, for the article's first finding.
        let (line, column) = self.haystack.line_col(&self.text, offset);
        format!("{line}:{column}")
    }
}

/// The files the sources name, each with the sources that name it, in the order of first
/// mention: sources that share a file share one read.
pub fn files(timeline: &Timeline) -> Vec<(&str, Vec<&Source>)> {
    let mut files: Vec<(&str, Vec<&Source>)> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for source in &timeline.sources {
        let written = source.file.value.as_str();
        match seen.get(written) {
            Some(&i) => files[i].1.push(source),
            None => {
                seen.insert(written, files.len());
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
    let folder = timeline.folder();
    let root = std::fs::canonicalize(&folder).ok();
    let files = files(timeline);
    let chunks = parallel::map_chunks(&files, |files| {
        let mut results = Vec::new();
        let mut unreadable = Vec::new();
        for (written, sources) in files {
            match read_file(root.as_deref(), &folder, written) {
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
    let folder = timeline.folder();
    let root = std::fs::canonicalize(&folder).ok();
    read_file(root.as_deref(), &folder, &source.file.value)
        .map_err(|why| Box::new(why.finding(source)))
}

/// Why a source file cannot serve as evidence: the rule, the message and what to do.
struct Unreadable {
    rule: &'static Rule,
    message: String,
    help: &'static str,
}

impl Unreadable {
    fn finding(&self, source: &Source) -> Diagnostic {
        Diagnostic::new(self.rule, source.file.span.clone(), self.message.clone())
            .with_source(source.id.value.clone())
            .with_help(self.help)
    }
}

fn unreadable(rule: &'static Rule, message: String, help: &'static str) -> Unreadable {
    Unreadable {
        rule,
        message,
        help,
    }
}

/// Read a text file that no events file names (`citeline dates --file`): anywhere, but
/// otherwise as a source's file is read (a regular file, through the size cap, UTF-8, no
/// control characters). The error is the message a source's finding would give, naming the
/// path as given.
pub fn read_text(path: &Path) -> Result<String, String> {
    let written = path.display().to_string();
    read_checked(path, &written).map_err(|why| why.message)
}

fn read_file(root: Option<&Path>, folder: &Path, written: &str) -> Result<Article, Unreadable> {
    let resolved = std::fs::canonicalize(folder.join(written)).map_err(|e| io_error(written, e))?;
    if !root.is_some_and(|r| resolved.starts_with(r)) {
        return Err(unreadable(
            &SOURCE_OUTSIDE_FOLDER,
            format!("`{written}` resolves outside the events file's folder"),
            "copy the article into the project (e.g. articles/) and cite that copy",
        ));
    }
    let text = read_checked(&resolved, written)?;
    // The bytes of valid UTF-8 are the text's own.
    let sha256 = hex(&Sha256::digest(text.as_bytes()));
    Ok(Article::new(text, sha256))
}

fn io_error(written: &str, e: std::io::Error) -> Unreadable {
    unreadable(
        &SOURCE_UNREADABLE,
        format!("cannot read `{written}`: {e}"),
        "check the path (it is relative to the events file's folder) and the file's permissions",
    )
}

/// The text of the file at `path` (`written` in messages): a regular file, read through
/// the cap, UTF-8, and plain text.
fn read_checked(path: &Path, written: &str) -> Result<String, Unreadable> {
    let io_error = |e| io_error(written, e);
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if !meta.is_file() {
        return Err(unreadable(
            &SOURCE_UNREADABLE,
            format!("`{written}` is not a regular file"),
            "point `file` at the article's text file",
        ));
    }
    // The cap is checked on the bytes read: a file may grow between the two looks.
    let bytes = crate::bounded::read_capped(path, MAX_SOURCE_BYTES).map_err(|e| match e {
        crate::bounded::ReadError::TooLarge { cap } => unreadable(
            &SOURCE_TOO_LARGE,
            format!(
                "`{written}` holds more than the {} a source may have",
                crate::bounded::size(cap)
            ),
            "cite the article's text, not a larger file that contains it",
        ),
        other => io_error(std::io::Error::other(other.to_string())),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        unreadable(
            &SOURCE_NOT_UTF8,
            format!(
                "`{written}` is not UTF-8: invalid byte 0x{:02X} at offset {at}",
                e.as_bytes()[at]
            ),
            "convert it to UTF-8 (e.g. with iconv), keeping the original beside it",
        )
    })?;
    let control = text.find(|c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'));
    if let Some(at) = control {
        return Err(unreadable(
            &SOURCE_BINARY,
            format!(
                "`{written}` holds the control byte 0x{:02X} at offset {at}: it is not plain text",
                text.as_bytes()[at]
            ),
            "extract the article's text into a .txt file and cite that",
        ));
    }
    Ok(text)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
