//! The events file as plain data, every value resolved and carrying its byte span in the
//! TOML text so that any finding can point at what the curator wrote.
//!
//! Only the loader builds these; what it could not resolve is a diagnostic, not a field,
//! so checks, layout and render never meet a half-valid value.

use crate::date::Edtf;
use crate::text::dates::DateOrder;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::PathBuf;

/// A byte range in the events file.
pub type Span = Range<usize>;

/// A value with the span of what the curator wrote for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

/// The whole events file.
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    /// Path of the events file, as given.
    pub path: PathBuf,
    /// Its text, kept for showing lines in diagnostics.
    pub text: String,
    pub title: Option<Spanned<String>>,
    pub subtitle: Option<Spanned<String>>,
    /// Fallback font files (`fonts` in `[timeline]`), relative to the events file's folder,
    /// as written.
    pub fonts: Vec<Spanned<String>>,
    pub aliases: Vec<Alias>,
    /// In the order of the file.
    pub sources: Vec<Source>,
    /// In the order of the file; only events that loaded without error.
    pub events: Vec<Event>,
    /// Every source id that some evidence names, including evidence of events left out for
    /// errors: a source cited only by a broken event is not "unused".
    pub cited_sources: BTreeSet<String>,
    /// Position of each source in `sources` by id, filled by the loader; looking a source up
    /// per quote must not scan thousands of sources.
    pub source_index: HashMap<String, usize>,
}

impl Timeline {
    /// The source with this id. Uses `source_index` when it is current, and falls back to a
    /// scan for a timeline built by hand.
    pub fn source(&self, id: &str) -> Option<&Source> {
        let indexed = self
            .source_index
            .get(id)
            .and_then(|&i| self.sources.get(i))
            .filter(|s| s.id.value == id);
        indexed.or_else(|| self.sources.iter().find(|s| s.id.value == id))
    }

    /// A source `file` as the user can open it from where they stand: joined to the events
    /// file's folder as given (`data/articles/a.txt` for `--events data/events.toml`).
    pub fn user_path(&self, file: &str) -> PathBuf {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.join(file),
            _ => PathBuf::from(file),
        }
    }

    /// The folder that `file` paths are relative to and must stay inside.
    pub fn folder(&self) -> PathBuf {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }
}

/// Other spellings of a name that count as mentions of it.
#[derive(Clone, Debug)]
pub struct Alias {
    pub name: Spanned<String>,
    pub spellings: Vec<Spanned<String>>,
}

/// One `[sources.ID]` table.
#[derive(Clone, Debug)]
pub struct Source {
    pub id: Spanned<String>,
    /// As written, relative to the events file's folder.
    pub file: Spanned<String>,
    pub publisher: Spanned<String>,
    pub title: Spanned<String>,
    pub published: Spanned<Edtf>,
    pub published_note: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
    /// A capture of the page in a web archive (`archive_url`), for when `url` rots.
    pub archive_url: Option<Spanned<String>>,
    /// When that capture was made (`archived`).
    pub archived: Option<Spanned<Edtf>>,
    /// When the curator last read the page at `url` (`accessed`).
    pub accessed: Option<Spanned<Edtf>>,
    pub sha256: Option<Spanned<String>>,
    /// How the text orders numeric dates (`date_order`); `None`: only unambiguous ones are
    /// read.
    pub date_order: Option<DateOrder>,
}

/// Whether the event took place or was announced for later.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Status {
    #[default]
    Happened,
    Planned,
}

impl Status {
    /// The values `status` takes, as the events file spells them: the loader reads them and
    /// the exports write them.
    pub(crate) const SPELLINGS: [(&'static str, Status); 2] =
        [("happened", Status::Happened), ("planned", Status::Planned)];

    /// How the events file spells this status.
    pub(crate) fn name(self) -> &'static str {
        spelling(&Self::SPELLINGS, self)
    }
}

/// What attests the event's date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DatedBy {
    /// A date expression inside one of the quotes.
    #[default]
    Quote,
    /// The cited source's publication date.
    Publication,
    /// Nothing: the curator's reasoning in `date_note`.
    Inference,
}

impl DatedBy {
    /// The values `dated_by` takes, as the events file spells them.
    pub(crate) const SPELLINGS: [(&'static str, DatedBy); 3] = [
        ("quote", DatedBy::Quote),
        ("publication", DatedBy::Publication),
        ("inference", DatedBy::Inference),
    ];

    /// How the events file spells this value.
    pub(crate) fn name(self) -> &'static str {
        spelling(&Self::SPELLINGS, self)
    }
}

/// The name `value` has in a table of spellings that lists every value.
fn spelling<T: PartialEq>(spellings: &[(&'static str, T)], value: T) -> &'static str {
    spellings
        .iter()
        .find(|(_, v)| *v == value)
        .map_or("", |(name, _)| name)
}

/// One `[[events]]` entry.
#[derive(Clone, Debug)]
pub struct Event {
    pub id: Spanned<String>,
    pub date: Spanned<Edtf>,
    pub title: Spanned<String>,
    pub summary: Option<Spanned<String>>,
    pub place: Option<Spanned<String>>,
    pub actors: Vec<Spanned<String>>,
    pub tags: Vec<Spanned<String>>,
    pub status: Status,
    pub dated_by: Spanned<DatedBy>,
    pub date_note: Option<Spanned<String>>,
    pub evidence: Vec<Evidence>,
    /// `key = true`: a chart too big to label every event labels this one first.
    pub key: bool,
    /// The `[[events]]` header.
    pub span: Span,
}

/// One `[[events.evidence]]` entry: a verbatim quote from a declared source.
#[derive(Clone, Debug)]
pub struct Evidence {
    pub source: Spanned<String>,
    pub quote: Spanned<String>,
}
