//! Reading one source's file from disk: resolved inside the events file's folder, read
//! through a size cap, hashed as saved, recognised by format and handed to that format's
//! reader; for a web archive, the source's `url` picks the captured page first.

use super::archive::{self, Record};
use super::article::{Article, Capture, Origin};
use super::extract::{Extracted, Failure};
use super::findings::*;
use super::format::{self, Format};
use super::html;
use super::pdf;
use super::plain;
use crate::bounded::{self, ReadError};
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Source, Timeline};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The size cap on a source file: news articles are kilobytes; 16 MiB leaves room for a
/// book-length report while refusing a video or a database dump.
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

/// The size cap on a web archive, which holds a page with its images, scripts and styles:
/// a capture of one news page is commonly a few megabytes, rarely past a hundred.
pub const MAX_ARCHIVE_BYTES: u64 = 256 * 1024 * 1024;

/// The events file's folder, inside which every source file must stand.
pub(super) struct Folder {
    folder: PathBuf,
    /// The folder with its links resolved; `None` when it cannot be resolved, and then no
    /// file is inside it.
    root: Option<PathBuf>,
}

/// Why a source file cannot serve as evidence: the rule, the message and what to do.
pub(super) struct Unreadable {
    rule: &'static Rule,
    message: String,
    help: &'static str,
}

impl Unreadable {
    pub(super) fn finding(&self, source: &Source) -> Diagnostic {
        // A page missing from an archive is the `url`'s fault as much as the file's: point
        // at the key the user will change.
        let span = match &source.url {
            Some(url) if self.rule.code == ARCHIVE_RECORD_MISSING.code => url.span.clone(),
            _ => source.file.span.clone(),
        };
        Diagnostic::new(self.rule, span, self.message.clone())
            .with_source(source.id.value.clone())
            .with_help(self.help)
    }

    /// `failure` of the file written as `written`, inside `capture` when there is one.
    fn of(written: &str, capture: Option<&str>, failure: Failure) -> Self {
        let name = match capture {
            Some(url) => format!("`{written}` (the capture of {url})"),
            None => format!("`{written}`"),
        };
        Self {
            rule: failure.rule,
            message: format!("{name}: {}", failure.reason),
            help: failure.help,
        }
    }
}

impl Folder {
    pub(super) fn of(timeline: &Timeline) -> Self {
        let folder = timeline.folder();
        let root = std::fs::canonicalize(&folder).ok();
        Self { folder, root }
    }

    /// The article of `source`, read from its file inside the folder; its sha256 only if
    /// `hash`.
    pub(super) fn read(&self, source: &Source, hash: bool) -> Result<Article, Unreadable> {
        let written = source.file.value.as_str();
        let resolved =
            std::fs::canonicalize(self.folder.join(written)).map_err(|e| io_error(written, e))?;
        if !self.root.as_ref().is_some_and(|r| resolved.starts_with(r)) {
            return Err(Unreadable {
                rule: &SOURCE_OUTSIDE_FOLDER,
                message: format!("`{written}` resolves outside the events file's folder"),
                help: "copy the article into the project (e.g. articles/) and cite that copy",
            });
        }
        let url = source.url.as_ref().map(|u| u.value.as_str());
        read_resolved(&resolved, written, url, hash)
    }
}

/// Read a file that no events file names (`citeline dates --file`): anywhere, but
/// otherwise as a source's file is read; `url` picks the page in a web archive. The error
/// is the message a source's finding would give, naming the path as given.
pub fn read_path(path: &Path, url: Option<&str>) -> Result<Article, String> {
    let written = path.display().to_string();
    read_resolved(path, &written, url, true).map_err(|why| {
        if why.rule.code == ARCHIVE_RECORD_MISSING.code && url.is_none() {
            format!("{}: name the page with --url", why.message)
        } else {
            why.message
        }
    })
}

fn read_resolved(
    path: &Path,
    written: &str,
    url: Option<&str>,
    hash: bool,
) -> Result<Article, Unreadable> {
    let named = format::named(written);
    let cap = match named {
        Some(f) if f.is_archive() => MAX_ARCHIVE_BYTES,
        _ => MAX_SOURCE_BYTES,
    };
    let bytes = read_capped(path, written, cap)?;
    let sha256 = hash.then(|| hex(&Sha256::digest(&bytes)));
    let format = format_of(named, format::sniff(&bytes))
        .map_err(|failure| Unreadable::of(written, None, failure))?;
    if !format.is_archive() {
        let extracted =
            extract(format, bytes, None).map_err(|f| Unreadable::of(written, None, f))?;
        return Ok(article(extracted, sha256, format, None));
    }
    let record = find_record(format, &bytes, url).map_err(|f| Unreadable::of(written, None, f))?;
    drop(bytes);
    let capture = Capture {
        url: record.url,
        date: record.date,
    };
    let inner = format::sniff(&record.body);
    let format = match inner {
        Format::Text if is_html(record.content_type.as_deref()) => Format::Html,
        f => f,
    };
    let charset = record
        .content_type
        .as_deref()
        .and_then(html::label_in_content_type);
    let extracted = extract(format, record.body, charset.as_deref())
        .map_err(|f| Unreadable::of(written, Some(&capture.url), f))?;
    Ok(article(extracted, sha256, format, Some(capture)))
}

fn article(
    extracted: Extracted,
    sha256: Option<String>,
    format: Format,
    capture: Option<Capture>,
) -> Article {
    let origin = Origin {
        format,
        pieces: extracted.pieces,
        capture,
        dates: extracted.dates,
        publishers: extracted.publishers,
    };
    Article::read_as(extracted.text, sha256, origin)
}

/// The format to read a file in: its bytes', unless its name promises another. A name
/// that promises HTML wins over bytes that look like text (a page may open with an XML
/// prolog or with text); every other disagreement is a finding.
fn format_of(named: Option<Format>, sniffed: Format) -> Result<Format, Failure> {
    match (named, sniffed) {
        (None, sniffed) => Ok(sniffed),
        (Some(Format::Html), Format::Text) => Ok(Format::Html),
        (Some(named), sniffed) if named == sniffed => Ok(named),
        (Some(named), sniffed) => Err(Failure::new(
            &SOURCE_FORMAT_MISMATCH,
            format!("the name says {named}, but the bytes are {sniffed}"),
            "rename the file to the extension of what it holds, and update `file`",
        )),
    }
}

/// The text of a file (or captured body) in `format`; what is not a page, a PDF or text
/// (a captured image) fails as that reader finds it.
fn extract(format: Format, bytes: Vec<u8>, charset: Option<&str>) -> Result<Extracted, Failure> {
    Ok(match format {
        Format::Text => Extracted {
            text: plain::decode(bytes)?,
            ..Extracted::default()
        },
        Format::Html => html::extract(&bytes, charset)?,
        Format::Pdf => pdf::extract(&bytes)?,
        Format::Warc | Format::Wacz => {
            return Err(Failure::new(
                &SOURCE_MALFORMED,
                "the captured page is itself a web archive",
                "cite the archive that holds the page itself",
            ))
        }
    })
}

fn find_record(format: Format, bytes: &[u8], url: Option<&str>) -> Result<Record, Failure> {
    let Some(url) = url else {
        return Err(Failure::new(
            &ARCHIVE_RECORD_MISSING,
            "a web archive holds many pages, and the source has no `url` to pick one",
            "add the captured page's address as the source's `url`",
        ));
    };
    match format {
        Format::Wacz => archive::wacz_record(bytes, url),
        _ => archive::warc_record(bytes, url),
    }
}

fn is_html(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|t| {
        let t = t.trim_start().to_ascii_lowercase();
        t.starts_with("text/html") || t.starts_with("application/xhtml+xml")
    })
}

fn io_error(written: &str, e: std::io::Error) -> Unreadable {
    Unreadable {
        rule: &SOURCE_UNREADABLE,
        message: format!("cannot read `{written}`: {e}"),
        help:
            "check the path (it is relative to the events file's folder) and the file's permissions",
    }
}

/// The bytes of the regular file at `path` (`written` in messages), read through `cap`.
fn read_capped(path: &Path, written: &str, cap: u64) -> Result<Vec<u8>, Unreadable> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(written, e))?;
    if !meta.is_file() {
        return Err(Unreadable {
            rule: &SOURCE_UNREADABLE,
            message: format!("`{written}` is not a regular file"),
            help: "point `file` at the article's file",
        });
    }
    // The cap is checked on the bytes read: a file may grow between the two looks.
    bounded::read_capped(path, cap).map_err(|e| match e {
        ReadError::TooLarge { cap } => Unreadable {
            rule: &SOURCE_TOO_LARGE,
            message: format!(
                "`{written}` holds more than the {} a source may have",
                bounded::size(cap)
            ),
            help: "cite the article itself, not a larger file that contains it",
        },
        other => io_error(written, std::io::Error::other(other.to_string())),
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_that_promises_another_format_is_a_finding() {
        let e = format_of(Some(Format::Html), Format::Pdf).unwrap_err();
        assert_eq!(e.rule.code, "source-format-mismatch");
        assert_eq!(
            e.reason,
            "the name says an HTML page, but the bytes are a PDF"
        );
        assert!(format_of(Some(Format::Text), Format::Html).is_err());
        assert!(format_of(Some(Format::Pdf), Format::Text).is_err());
    }

    #[test]
    fn bytes_decide_when_the_name_promises_nothing_or_agrees() {
        assert_eq!(format_of(None, Format::Pdf).unwrap(), Format::Pdf);
        assert_eq!(
            format_of(Some(Format::Wacz), Format::Wacz).unwrap(),
            Format::Wacz
        );
        // An XHTML page opens with `<?xml`, which sniffs as text.
        assert_eq!(
            format_of(Some(Format::Html), Format::Text).unwrap(),
            Format::Html
        );
    }

    #[test]
    fn reads_the_charset_of_a_content_type() {
        let charset = html::label_in_content_type;
        assert_eq!(
            charset("text/html; charset=\"windows-1251\"").as_deref(),
            Some("windows-1251")
        );
        assert_eq!(charset("text/html;Charset=UTF-8").as_deref(), Some("UTF-8"));
        assert_eq!(charset("text/html"), None);
        assert!(is_html(Some("Text/HTML; charset=utf-8")));
        assert!(!is_html(Some("text/plain")));
    }
}
