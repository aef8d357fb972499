//! Finding a captured page in a web archive (WARC, gzipped WARC, WACZ) by its URL. This
//! module owns the archive formats, the choice of the capture that a source's `url` names,
//! and the HTTP message around its body (status, redirects, chunks, content encodings); what
//! the body says is the HTML and PDF readers' business.
//!
//! # Which capture
//!
//! Captures are `response` records (an HTTP response), `resource` records (a file captured
//! without HTTP, such as a PDF) and `revisit` records (a later capture whose body was the
//! same as an earlier one's). For the address asked for, in this order:
//!
//! 1. Records whose `WARC-Target-URI` is the address as written (angle brackets around it
//!    ignored); then, only if none of those serves, records whose address is the same after
//!    the narrow normalisation of [`url`]: a `#fragment` dropped, `http` and `https` one,
//!    scheme and host in any case, default ports dropped, an empty path written `/`. Paths
//!    and queries are never rewritten: a different path or query can be a different page.
//! 2. Among those, in file order (a WACZ's WARCs in zip order): the first `response` with a
//!    2xx status (not 204, 205 or 206) or `resource`; else the first `revisit` with such a
//!    status (or 304) whose original is in the archive (found by `WARC-Refers-To`, then
//!    `WARC-Refers-To-Target-URI` and `-Date`, then the payload digest), served with the
//!    original's body and the revisit's own date; else the first 3xx response with a
//!    `Location`, followed inside the archive (relative locations resolved, at most five
//!    hops, never in a circle) by the same rules.
//!
//! The first capture rather than the last: an archive made for a citation holds the page as
//! it was cited, and later captures in the same file are usually revisits or reloads; taking
//! the first makes the choice independent of what a crawler appended afterwards. The
//! [`Record`]'s `url` is the address finally served (after redirects), its `date` the
//! capture's `WARC-Date`.
//!
//! A missing capture is an [`ARCHIVE_RECORD_MISSING`] finding that names the address looked
//! for and the five nearest pages the archive does hold (a WACZ's `pages.jsonl`, HTML and PDF
//! captures), by edit distance.
//!
//! # Limits
//!
//! A hostile archive costs bounded time and memory, and nothing in it makes the reader panic:
//! a body (after chunks and content encodings) is at most [`MAX_TEXT_BYTES`] (16 MiB);
//! one pass over an archive inflates at most [`MAX_SCAN_BYTES`] (1 GiB), and a lookup makes
//! at most two passes (the second only to fetch a capture chosen through a redirect, a
//! revisit or the normalisation); WARC header lines are at most 64 KiB, headers 256 fields and
//! 256 KiB, HTTP heads 256 KiB and 512 lines; at most 200,000 captures (64 MiB of addresses)
//! are indexed, and the originals of at most 16 revisits of one address looked for; a zip holds at most 10,000 entries, none encrypted. A `Content-Length` past
//! the end of the file is a truncated record.

// Nothing outside the tests calls the readers until the source dispatcher does (the HTML and
// PDF readers land beside this one); remove this then.

mod fail;
mod http;
mod index;
mod url;
mod wacz;
mod warc;

use super::extract::{Failure, MAX_TEXT_BYTES};
use fail::{malformed, too_large, BODY_TOO_LARGE};
use index::{Choice, Entry, Index, Kind};
use warc::Input;

/// One captured HTTP response: the body as the server sent it (transfer and content
/// encodings undone).
#[derive(Debug)]
pub struct Record {
    /// The record's `WARC-Target-URI`.
    pub url: String,
    /// The record's `WARC-Date`, as written.
    pub date: Option<String>,
    /// The response's `Content-Type` header, as written (`text/html; charset=utf-8`).
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// The most inflated bytes one pass over an archive reads: room for a large crawl's WARC,
/// while a gzip bomb stops within a second or two.
pub const MAX_SCAN_BYTES: u64 = 1 << 30;
/// The most bytes of a response's body before its encodings are undone: chunk sizes and an
/// incompressible body make it a little longer than the body.
const MAX_RAW_BODY: u64 = 2 * MAX_TEXT_BYTES as u64;

/// The response for `url` in a WARC file (plain or gzipped, record by record).
pub fn warc_record(bytes: &[u8], url: &str) -> Result<Record, Failure> {
    let input = Input {
        name: None,
        bytes,
        deflated: false,
    };
    find(&[input], url, &[], MAX_SCAN_BYTES)
}

/// The response for `url` in a WACZ file (a zip of WARCs with an index).
pub fn wacz_record(bytes: &[u8], url: &str) -> Result<Record, Failure> {
    let wacz = wacz::open(bytes)?;
    find(&wacz.warcs(bytes)?, url, &wacz.pages, MAX_SCAN_BYTES)
}

/// The capture of `url` in the WARCs `inputs` (a WACZ's `pages` listed first when it is
/// missing), inflating at most `cap` bytes a pass.
fn find(inputs: &[Input], url: &str, pages: &[String], cap: u64) -> Result<Record, Failure> {
    let want = url::bare(url);
    let index = match scan(inputs, want, cap)? {
        Scan::Found(record) => return Ok(record),
        Scan::Index(index) => index,
    };
    match index.choose(want, pages)? {
        Choice::Page(entry) => read(inputs, entry, cap),
        Choice::Revisit(revisit, original) => {
            let page = read(inputs, original, cap)?;
            Ok(Record {
                url: revisit.uri.clone(),
                date: revisit.date.clone(),
                ..page
            })
        }
    }
}

enum Scan {
    Found(Record),
    Index(Index),
}

/// The first pass: read every record's header (and a response's HTTP head); stop at the
/// first page captured at exactly `want`, which is the answer; index everything else.
fn scan(inputs: &[Input], want: &str, cap: u64) -> Result<Scan, Failure> {
    let mut index = Index::default();
    let mut left = cap;
    for (i, input) in inputs.iter().enumerate() {
        let mut s = input.open(left, cap)?;
        while let Some(h) = s.header()? {
            let kind = match h.get("WARC-Type").map(str::to_ascii_lowercase).as_deref() {
                Some("response") => Kind::Response,
                Some("resource") => Kind::Resource,
                Some("revisit") => Kind::Revisit,
                _ => continue,
            };
            let uri = url::bare(h.get("WARC-Target-URI").unwrap_or(""));
            if uri.is_empty() {
                continue;
            }
            let mut e = Entry::new(i, &h, kind, uri.to_owned());
            if kind == Kind::Resource {
                e.status = 200;
                e.mime = h.get("Content-Type").map(str::to_owned);
                if e.uri == want && e.page() {
                    if h.length > MAX_TEXT_BYTES as u64 {
                        return Err(too_large(BODY_TOO_LARGE));
                    }
                    let body = s.read(h.length)?;
                    return Ok(Scan::Found(resource(&e, body)));
                }
            } else {
                let n = h.length.min(http::MAX_HEAD_BYTES as u64);
                let prefix = s.read(n)?;
                let head = http::head(&prefix, n == h.length);
                if let Some(head) = &head {
                    e.status = head.status;
                    e.location = head.get("Location").map(str::to_owned);
                    e.mime = head.get("Content-Type").map(str::to_owned);
                }
                if let Some(head) = head.filter(|_| e.uri == want && e.page()) {
                    let rest = h.length - n;
                    if (prefix.len() - head.len) as u64 + rest > MAX_RAW_BODY {
                        return Err(too_large(BODY_TOO_LARGE));
                    }
                    let mut block = prefix;
                    block.extend(s.read(rest)?);
                    return Ok(Scan::Found(response(&e, &head, &block)?));
                }
            }
            index.push(e)?;
        }
        left = left.saturating_sub(s.pos());
    }
    Ok(Scan::Index(index))
}

/// The second pass: the block of the capture `e`, read again.
fn read(inputs: &[Input], e: &Entry, cap: u64) -> Result<Record, Failure> {
    let input = inputs
        .get(e.input)
        .ok_or_else(|| malformed("the archive read differently the second time"))?;
    let mut s = input.open(cap, cap)?;
    s.seek(e.start)?;
    let h = s
        .header()?
        .filter(|h| h.start == e.start)
        .ok_or_else(|| malformed("the archive read differently the second time"))?;
    if e.kind == Kind::Resource {
        if h.length > MAX_TEXT_BYTES as u64 {
            return Err(too_large(BODY_TOO_LARGE));
        }
        return Ok(resource(e, s.read(h.length)?));
    }
    if h.length > MAX_RAW_BODY + http::MAX_HEAD_BYTES as u64 {
        return Err(too_large(BODY_TOO_LARGE));
    }
    let block = s.read(h.length)?;
    let head = http::head(&block, true)
        .ok_or_else(|| malformed("the archive read differently the second time"))?;
    response(e, &head, &block)
}

fn resource(e: &Entry, body: Vec<u8>) -> Record {
    Record {
        url: e.uri.clone(),
        date: e.date.clone(),
        content_type: e.mime.clone(),
        body,
    }
}

fn response(e: &Entry, head: &http::Head, block: &[u8]) -> Result<Record, Failure> {
    let body = http::body(head, &block[head.len.min(block.len())..]).map_err(|f| Failure {
        reason: format!("the capture of `{}`: {}", e.uri, f.reason),
        ..f
    })?;
    Ok(Record {
        url: e.uri.clone(),
        date: e.date.clone(),
        content_type: head.get("Content-Type").map(str::to_owned),
        body,
    })
}

#[cfg(test)]
mod tests;
