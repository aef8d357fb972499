//! Go to definition: from a source id to its `[sources.id]` header, and from a quote to
//! where it stands in the source's file.

use super::documents::Document;
use super::positions::{self, Encoding};
use super::target::Target;
use crate::articles::{self, Article, Place};
use crate::model::{Evidence, Timeline};
use crate::text::quote::{self, Miss, QuoteMatch};
use lsp_types::{Location, Position, Range};

/// Where `target` is defined; nothing for a date, or a quote whose source cannot be read.
pub fn location(
    document: &Document,
    timeline: &Timeline,
    target: &Target<'_>,
    encoding: Encoding,
) -> Option<Location> {
    match target {
        Target::Source(source) => {
            let range = document.lines.range(&document.text, &source.id.span);
            Some(Location::new(document.uri.clone(), range))
        }
        Target::Quote(evidence) => quote_place(timeline, evidence, encoding),
        Target::Date(_) => None,
    }
}

/// The quote's place in its source's file: where it is found (ignoring case, if only so),
/// else the closest passage, else the file's start. A line and column of a text or HTML
/// file is exact; a PDF's page or a web archive's capture has no place in the file an
/// editor opens, so those go to the file's start.
fn quote_place(timeline: &Timeline, evidence: &Evidence, encoding: Encoding) -> Option<Location> {
    let source = timeline.source(&evidence.source.value)?;
    let article = articles::read(timeline, source).ok()?;
    let path = positions::normal(&timeline.folder().join(&source.file.value));
    let uri = positions::uri_of(&path)?;
    let offset = match quote::find(&article.haystack, &evidence.quote.value) {
        QuoteMatch::Found(parts) | QuoteMatch::CaseOnly(parts) => parts.first().map(|p| p.start),
        QuoteMatch::NotFound(Miss::Searched(Some(closest))) => Some(closest.range.start),
        QuoteMatch::NotFound(_) => None,
    };
    let position = offset
        .and_then(|offset| position_in_file(&article, offset, &path, encoding))
        .unwrap_or_default();
    Some(Location::new(uri, Range::new(position, position)))
}

/// The position in the file at `path` of byte `offset` of its text, when it has a line
/// and column there.
fn position_in_file(
    article: &Article,
    offset: usize,
    path: &std::path::Path,
    encoding: Encoding,
) -> Option<Position> {
    let Place::Line { line, column } = article.place(offset) else {
        return None;
    };
    if article.origin.capture.is_some() {
        return None;
    }
    let bytes = crate::bounded::read_capped(path, articles::MAX_SOURCE_BYTES).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    Some(positions::line_column(&text, line, column, encoding))
}
