//! The HTTP message inside a `response` or `revisit` record: its status line and headers,
//! and its body with the transfer and content encodings undone (chunked; gzip, deflate,
//! brotli), never past [`MAX_TEXT_BYTES`].

use super::fail::{malformed, too_large};
use crate::articles::extract::{Failure, MAX_TEXT_BYTES};
use std::borrow::Cow;
use std::io::Read;

/// The most bytes of a record read to find its HTTP head, the longest header line and the
/// most header lines: heads are a few kilobytes; these leave room for long cookies and
/// content security policies.
pub(super) const MAX_HEAD_BYTES: usize = 256 * 1024;
const MAX_HEADER_LINES: usize = 512;
/// The most content codings stacked on one body (`gzip, br` is two).
const MAX_CODINGS: usize = 4;

/// An HTTP response's head.
#[derive(Debug)]
pub(super) struct Head {
    pub status: u16,
    headers: Vec<(String, String)>,
    /// The bytes of the head, up to and including the blank line that ends it.
    pub len: usize,
}

impl Head {
    /// The first header called `name` (case-insensitive), as written.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of the headers called `name`, split at commas, trimmed, lowercase.
    fn tokens(&self, name: &str) -> Vec<String> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .flat_map(|(_, v)| v.split(','))
            .map(|t| t.trim().to_ascii_lowercase())
            .filter(|t| !t.is_empty())
            .collect()
    }
}

/// The HTTP head at the start of `block`, or `None` when `block` does not start with a status
/// line (`HTTP/1.1 200 OK`, the reason may be missing) or the head does not end within the
/// caps. `whole` says `block` is the record's whole block, so a head that runs to its end
/// without a blank line (a revisit's) is complete.
pub(super) fn head(block: &[u8], whole: bool) -> Option<Head> {
    let mut lines = Lines {
        bytes: block,
        at: 0,
    };
    let status_line = String::from_utf8_lossy(lines.next()?);
    let mut words = status_line.split_ascii_whitespace();
    if !words.next()?.starts_with("HTTP/") {
        return None;
    }
    let code = words.next()?;
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let status = code.parse().ok()?;
    let mut headers: Vec<(String, String)> = Vec::new();
    loop {
        let Some(line) = lines.next() else {
            // No blank line: the head is complete only if the block ends here.
            return (whole && lines.at >= block.len()).then_some(Head {
                status,
                headers,
                len: block.len(),
            });
        };
        if line.is_empty() {
            break;
        }
        if headers.len() == MAX_HEADER_LINES || lines.at > MAX_HEAD_BYTES {
            return None;
        }
        let text = String::from_utf8_lossy(line);
        if text.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
            }
            continue;
        }
        // A line without a colon is not a header; browsers skip it, and so do we.
        if let Some((name, value)) = text.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    Some(Head {
        status,
        headers,
        len: lines.at,
    })
}

/// Lines ending in LF (a CR before it dropped), the last one possibly without.
struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a [u8];
    fn next(&mut self) -> Option<&'a [u8]> {
        let rest = self.bytes.get(self.at..).filter(|r| !r.is_empty())?;
        let (line, used) = match memchr::memchr(b'\n', rest) {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.at += used;
        Some(line.strip_suffix(b"\r").unwrap_or(line))
    }
}

/// The body after `head` in `raw` (the bytes after the head), as the server meant it:
/// chunks joined, content codings undone in reverse order of application.
pub(super) fn body(head: &Head, raw: &[u8]) -> Result<Vec<u8>, Failure> {
    let transfer = head.tokens("Transfer-Encoding");
    let mut data = if transfer.iter().any(|t| t == "chunked") {
        dechunk(raw)?
    } else {
        Cow::Borrowed(raw)
    };
    // A coding in Transfer-Encoding other than chunked (rare: `gzip, chunked`) is undone
    // like a content coding, after it.
    let mut codings: Vec<String> = head.tokens("Content-Encoding");
    codings.extend(transfer.into_iter().filter(|t| t != "chunked"));
    codings.retain(|c| c != "identity");
    if codings.len() > MAX_CODINGS {
        return Err(malformed(format!(
            "the response stacks {} content encodings",
            codings.len()
        )));
    }
    for coding in codings.iter().rev() {
        data = Cow::Owned(decode(coding, data)?);
    }
    if data.len() > MAX_TEXT_BYTES {
        return Err(too_large("the record's body is past 16 MiB"));
    }
    Ok(data.into_owned())
}

/// A `Transfer-Encoding: chunked` body joined. A body whose first line is not a chunk size
/// was stored already joined (some crawlers do, and keep the header): it is taken as is. A
/// body that ends without the last, empty chunk is taken up to where it ends.
fn dechunk(raw: &[u8]) -> Result<Cow<'_, [u8]>, Failure> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < raw.len() {
        let rest = &raw[at..];
        let end = memchr::memchr(b'\n', rest);
        let line = &rest[..end.unwrap_or(rest.len())];
        let size = chunk_size(line);
        let Some(size) = size.filter(|_| end.is_some()) else {
            if at == 0 {
                return Ok(Cow::Borrowed(raw));
            }
            return Err(malformed(
                "the chunked body is broken: a chunk does not start with its size",
            ));
        };
        at += line.len() + 1;
        if size == 0 {
            break;
        }
        if size > raw.len() - at {
            return Err(malformed(
                "the chunked body is cut short: a chunk runs past the end of the record",
            ));
        }
        if out.len() + size > MAX_TEXT_BYTES {
            return Err(too_large("the record's body is past 16 MiB"));
        }
        out.extend_from_slice(&raw[at..at + size]);
        at += size;
        let tail = &raw[at..];
        at += if tail.starts_with(b"\r\n") {
            2
        } else {
            usize::from(tail.starts_with(b"\n"))
        };
    }
    Ok(Cow::Owned(out))
}

/// The size on a chunk's first line (`1a2b`, `1a2b;ext=1`), or `None`.
fn chunk_size(line: &[u8]) -> Option<usize> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let hex = line.split(|&b| b == b';').next()?;
    let hex = std::str::from_utf8(hex).ok()?.trim();
    if hex.is_empty() || hex.len() > 15 {
        return None;
    }
    usize::from_str_radix(hex, 16).ok()
}

/// `data` with the content coding `coding` undone. A body declared gzip or deflate whose
/// bytes are not (some archivers store the decoded body and keep the header) is taken as is.
fn decode(coding: &str, data: Cow<'_, [u8]>) -> Result<Vec<u8>, Failure> {
    match coding {
        "gzip" | "x-gzip" if data.starts_with(&[0x1f, 0x8b]) => {
            inflate(flate2::bufread::MultiGzDecoder::new(&data[..]), "gzip")
        }
        "deflate" if zlib_header(&data) => {
            inflate(flate2::bufread::ZlibDecoder::new(&data[..]), "deflate")
        }
        "deflate" => match inflate(flate2::bufread::DeflateDecoder::new(&data[..]), "deflate") {
            Ok(body) => Ok(body),
            Err(f) if f.rule.code == crate::articles::findings::SOURCE_TOO_LARGE.code => Err(f),
            Err(_) => Ok(data.into_owned()),
        },
        "gzip" | "x-gzip" => Ok(data.into_owned()),
        "br" => inflate(
            brotli_decompressor::Decompressor::new(&data[..], 4096),
            "brotli",
        ),
        other => Err(malformed(format!(
            "the response's body has Content-Encoding `{other}`, which citeline does not read \
             (it reads gzip, deflate and br)"
        ))),
    }
}

/// Whether `data` starts with a zlib header (RFC 1950): deflate, a window of at most 32 KiB,
/// and the check bits right.
fn zlib_header(data: &[u8]) -> bool {
    match data {
        [cmf, flg, ..] => {
            cmf & 0x0f == 8 && cmf >> 4 <= 7 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0
        }
        _ => false,
    }
}

/// Everything `reader` gives, up to the cap.
fn inflate(reader: impl Read, what: &str) -> Result<Vec<u8>, Failure> {
    let mut out = Vec::new();
    reader
        .take(MAX_TEXT_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| {
            malformed(format!(
                "the response's {what}-encoded body is corrupt or cut short ({e})"
            ))
        })?;
    if out.len() > MAX_TEXT_BYTES {
        return Err(too_large("the record's body inflates past 16 MiB"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn response(head_text: &str, body: &[u8]) -> Result<Vec<u8>, Failure> {
        let mut block = head_text.replace('\n', "\r\n").into_bytes();
        block.extend_from_slice(body);
        let h = head(&block, true).expect("a head");
        body_of(&h, &block)
    }

    fn body_of(h: &Head, block: &[u8]) -> Result<Vec<u8>, Failure> {
        body(h, &block[h.len..])
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn heads_are_read_leniently() {
        let h = head(
            b"HTTP/1.0 200\r\nContent-Type: text/html\r\n folded\r\nbogus\r\n\r\nbody",
            true,
        )
        .unwrap();
        assert_eq!(h.status, 200);
        assert_eq!(h.get("content-type"), Some("text/html folded"));
        assert_eq!(h.len, 57);
        assert!(head(b"GET / HTTP/1.1\r\n\r\n", true).is_none());
        assert!(head(b"HTTP/1.1 20 OK\r\n\r\n", true).is_none());
        // A revisit's head may end with the block.
        assert_eq!(
            head(b"HTTP/1.1 304 Not Modified\r\nA: b", true)
                .unwrap()
                .status,
            304
        );
        assert!(head(b"HTTP/1.1 200 OK\r\nA: b", false).is_none());
    }

    #[test]
    fn chunks_and_codings_are_undone() {
        let page = b"<p>The quick brown fox</p>".repeat(100);
        let gz = gzip(&page);
        let mut chunked = Vec::new();
        for part in gz.chunks(100) {
            chunked.extend_from_slice(format!("{:x};ext=1\r\n", part.len()).as_bytes());
            chunked.extend_from_slice(part);
            chunked.extend_from_slice(b"\r\n");
        }
        chunked.extend_from_slice(b"0\r\nTrailer: x\r\n\r\n");
        let head_text = "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\nContent-Encoding: gzip\n\n";
        assert_eq!(response(head_text, &chunked).unwrap(), page);
        // Stored already joined and decoded, headers kept.
        assert_eq!(response(head_text, &page).unwrap(), page);
        // deflate, both as zlib and raw.
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(&page).unwrap();
        let deflate = "HTTP/1.1 200 OK\nContent-Encoding: deflate\n\n";
        assert_eq!(response(deflate, &z.finish().unwrap()).unwrap(), page);
        let mut d = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        d.write_all(&page).unwrap();
        assert_eq!(response(deflate, &d.finish().unwrap()).unwrap(), page);
    }

    #[test]
    fn brotli_is_read() {
        // "hello" compressed with `brotli -q 11` (a stream the reference encoder wrote).
        let br = [0x0b, 0x02, 0x80, 0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x03];
        let got = response("HTTP/1.1 200 OK\nContent-Encoding: br\n\n", &br).unwrap();
        assert_eq!(got, b"hello");
        let bad = response(
            "HTTP/1.1 200 OK\nContent-Encoding: br\n\n",
            b"\xff\xff\xff\xff",
        );
        assert_eq!(bad.unwrap_err().rule.code, "source-malformed");
    }

    #[test]
    fn broken_bodies_are_findings() {
        let cut = response(
            "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n",
            b"5\r\nabcde\r\n10\r\nabc",
        );
        assert!(cut.unwrap_err().reason.contains("cut short"));
        let zstd = response("HTTP/1.1 200 OK\nContent-Encoding: zstd\n\n", b"x");
        assert!(zstd.unwrap_err().reason.contains("`zstd`"));
        let mut gz = gzip(b"some text that is long enough to be cut");
        gz.truncate(gz.len() - 12);
        let cut = response("HTTP/1.1 200 OK\nContent-Encoding: gzip\n\n", &gz);
        assert_eq!(cut.unwrap_err().rule.code, "source-malformed");
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_cap() {
        // 1 MiB of zeros compresses to about 1 KiB; 24 members of it inflate past the cap.
        let member = gzip(&vec![0u8; 1 << 20]);
        let bomb = member.repeat(24);
        let start = std::time::Instant::now();
        let got = response("HTTP/1.1 200 OK\nContent-Encoding: gzip\n\n", &bomb);
        let f = got.unwrap_err();
        assert_eq!(f.rule.code, "source-too-large");
        assert_eq!(f.reason, "the record's body inflates past 16 MiB");
        assert!(start.elapsed().as_secs() < 10);
    }
}
