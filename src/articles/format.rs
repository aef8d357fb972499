//! Which format a source file is in, recognised from its bytes, and the format its name
//! promises. The bytes decide how the file is read; a name that promises another format
//! is a finding (`source-format-mismatch`), because a `.html` that is really a PDF is a
//! download saved under the wrong name, and reading it as either could check quotes
//! against the wrong text.

use std::fmt;

/// The formats a source file may be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Pdf,
    /// A WARC file, plain or gzipped record by record.
    Warc,
    /// A zip (as WACZ, the web archive collection format, is).
    Wacz,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Text => "plain text",
            Format::Html => "an HTML page",
            Format::Pdf => "a PDF",
            Format::Warc => "a WARC web archive",
            Format::Wacz => "a WACZ web archive",
        })
    }
}

impl Format {
    /// Whether the format is an archive that holds other files, read by the source's `url`.
    pub fn is_archive(self) -> bool {
        matches!(self, Format::Warc | Format::Wacz)
    }
}

/// The format a file name promises by its extension, if it promises one. Names without a
/// known extension (`.md`, none) promise nothing, and their bytes alone decide.
pub fn named(name: &str) -> Option<Format> {
    let lower = name.to_ascii_lowercase();
    let ends = |suffixes: &[&str]| suffixes.iter().any(|s| lower.ends_with(s));
    if ends(&[".warc", ".warc.gz", ".arc.gz"]) {
        Some(Format::Warc)
    } else if ends(&[".wacz"]) {
        Some(Format::Wacz)
    } else if ends(&[".html", ".htm", ".xhtml", ".shtml"]) {
        Some(Format::Html)
    } else if ends(&[".pdf"]) {
        Some(Format::Pdf)
    } else if ends(&[".txt", ".text"]) {
        Some(Format::Text)
    } else {
        None
    }
}

/// The format of `bytes`, from their first bytes as a browser's sniffer reads them: the
/// PDF header (anywhere in the first kilobyte, as readers accept), gzip or `WARC/` for a
/// WARC, a zip's local header for a WACZ, and a leading HTML tag (after a byte order mark
/// and white space) for a page. Anything else is plain text.
pub fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if head.starts_with(&[0x1f, 0x8b]) || head.starts_with(b"WARC/") {
        return Format::Warc;
    }
    if head.starts_with(b"PK\x03\x04") {
        return Format::Wacz;
    }
    if starts_with_html_tag(head) {
        return Format::Html;
    }
    Format::Text
}

/// The tags the WHATWG MIME sniffing standard takes as the start of an HTML document,
/// each followed by a space or `>` (`<p` must not match `<pre`-less text like `<para`).
const HTML_STARTS: &[&[u8]] = &[
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<script",
    b"<iframe",
    b"<h1",
    b"<div",
    b"<font",
    b"<table",
    b"<a",
    b"<style",
    b"<title",
    b"<b",
    b"<body",
    b"<br",
    b"<p",
    b"<!--",
    b"<meta",
];

fn starts_with_html_tag(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
        .unwrap_or(head.len());
    let head = &head[start..];
    HTML_STARTS.iter().any(|tag| {
        head.len() > tag.len()
            && head[..tag.len()].eq_ignore_ascii_case(tag)
            && (tag == b"<!--" || matches!(head[tag.len()], b' ' | b'>' | b'\t' | b'\n' | b'\r'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_decide_the_format() {
        assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3"), Format::Pdf);
        assert_eq!(sniff(b"\r\n\r\n%PDF-1.4"), Format::Pdf);
        assert_eq!(sniff(b"WARC/1.0\r\nWARC-Type: warcinfo"), Format::Warc);
        assert_eq!(sniff(&[0x1f, 0x8b, 8, 0]), Format::Warc);
        assert_eq!(sniff(b"PK\x03\x04\x14\x00"), Format::Wacz);
        assert_eq!(sniff(b"<!DOCTYPE html>\n<html>"), Format::Html);
        assert_eq!(sniff(b"\xEF\xBB\xBF  <HTML lang=en>"), Format::Html);
        assert_eq!(sniff(b"<p>One paragraph"), Format::Html);
        assert_eq!(sniff(b"<!-- saved from url -->"), Format::Html);
    }

    #[test]
    fn text_that_merely_mentions_markup_is_text() {
        assert_eq!(sniff(b"MOSCOW, 3 December <p> is a tag"), Format::Text);
        assert_eq!(sniff(b"<para>not HTML</para>"), Format::Text);
        assert_eq!(sniff(b"<pre"), Format::Text);
        assert_eq!(sniff(b"Plain words about PDF files"), Format::Text);
        assert_eq!(sniff(b""), Format::Text);
    }

    #[test]
    fn names_promise_formats() {
        assert_eq!(named("a/b.HTML"), Some(Format::Html));
        assert_eq!(named("capture.warc.gz"), Some(Format::Warc));
        assert_eq!(named("site.wacz"), Some(Format::Wacz));
        assert_eq!(named("report.pdf"), Some(Format::Pdf));
        assert_eq!(named("x.txt"), Some(Format::Text));
        assert_eq!(named("notes.md"), None);
        assert_eq!(named("README"), None);
    }
}
