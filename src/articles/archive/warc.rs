//! Reading WARC records one after another from a file's bytes: plain, or gzipped (a member
//! per record as the standard says, or any other cut into members; found by the magic
//! bytes, not the name), or a zip entry's deflated data. The header of each record is parsed
//! here; its block is read or skipped by the caller, never held unless asked for.
//!
//! Every byte that comes out of the decompressors counts against the pass's budget, so a
//! member that inflates to gigabytes costs at most the budget.

use super::fail::{malformed, too_large};
use crate::articles::extract::Failure;
use flate2::bufread::{DeflateDecoder, MultiGzDecoder};
use std::io::{BufRead, BufReader, Read};

/// The longest line in a WARC header, the most fields in one, and the most bytes of one:
/// real headers are under a kilobyte; a long `WARC-Target-URI` fits.
const MAX_LINE: usize = 64 * 1024;
const MAX_FIELDS: usize = 256;
const MAX_HEADER_BYTES: usize = 256 * 1024;
/// The decompressors' output buffer.
const BUFFER: usize = 64 * 1024;

/// One WARC file to read.
#[derive(Clone, Copy, Debug)]
pub(super) struct Input<'a> {
    /// The zip entry's name (`archive/data.warc.gz`) for messages; `None` for a WARC file.
    pub name: Option<&'a str>,
    /// The bytes as stored.
    pub bytes: &'a [u8],
    /// The bytes are a raw deflate stream (a zip entry stored with method 8).
    pub deflated: bool,
}

impl<'a> Input<'a> {
    /// A reader of the records from the start, that may inflate at most `budget` bytes of
    /// the pass's `cap` (named in the message when it runs out).
    pub fn open(&self, budget: u64, cap: u64) -> Result<Scanner<'a>, Failure> {
        let layer: Box<dyn BufRead + 'a> = if self.deflated {
            Box::new(BufReader::with_capacity(
                BUFFER,
                DeflateDecoder::new(self.bytes),
            ))
        } else {
            Box::new(self.bytes)
        };
        let gzip = self.starts_with_gzip();
        let src: Box<dyn BufRead + 'a> = if gzip {
            Box::new(BufReader::with_capacity(BUFFER, MultiGzDecoder::new(layer)))
        } else {
            layer
        };
        Ok(Scanner {
            src,
            pos: 0,
            budget,
            cap,
            size: (!self.deflated && !gzip).then_some(self.bytes.len() as u64),
            input: *self,
            block_left: 0,
            uri: String::new(),
            line: Vec::new(),
        })
    }

    fn starts_with_gzip(&self) -> bool {
        let mut magic = [0u8; 2];
        if self.deflated {
            DeflateDecoder::new(self.bytes)
                .read_exact(&mut magic)
                .is_ok()
                && magic == [0x1f, 0x8b]
        } else {
            self.bytes.starts_with(&[0x1f, 0x8b])
        }
    }

    /// `reason`, after the entry's name inside a WACZ.
    pub fn say(&self, reason: impl std::fmt::Display) -> String {
        match self.name {
            Some(name) => format!("`{name}`: {reason}"),
            None => reason.to_string(),
        }
    }
}

/// A WARC record's header.
#[derive(Debug)]
pub(super) struct Header {
    /// Where the record starts (its `WARC/1.x` line) in the inflated stream.
    pub start: u64,
    /// The block's length (`Content-Length`).
    pub length: u64,
    fields: Vec<(String, String)>,
}

impl Header {
    /// The first field called `name` (case-insensitive), as written, trimmed.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Records read in order from one [`Input`].
pub(super) struct Scanner<'a> {
    src: Box<dyn BufRead + 'a>,
    /// Bytes consumed from the inflated stream.
    pos: u64,
    /// The most bytes `pos` may reach.
    budget: u64,
    /// The pass's cap, for messages.
    cap: u64,
    /// The stream's length, when it is the stored bytes themselves.
    size: Option<u64>,
    input: Input<'a>,
    /// What is left of the current record's block.
    block_left: u64,
    /// The current record's target, for messages.
    uri: String,
    line: Vec<u8>,
}

impl<'a> Scanner<'a> {
    /// The inflated bytes read so far.
    pub fn pos(&self) -> u64 {
        self.pos
    }

    fn io_error(&self, e: std::io::Error) -> Failure {
        malformed(self.input.say(format!(
            "the gzip or deflate data is corrupt or cut short near byte {} of the inflated \
             archive ({e})",
            self.pos
        )))
    }

    fn advance(&mut self, n: usize) -> Result<(), Failure> {
        self.pos += n as u64;
        if self.pos > self.budget {
            return Err(budget_spent(self.cap));
        }
        Ok(())
    }

    /// The next line (LF included) into `self.line`; false at the end of the stream.
    fn next_line(&mut self) -> Result<bool, Failure> {
        self.line.clear();
        loop {
            let buf = match self.src.fill_buf() {
                Ok(buf) => buf,
                Err(e) => return Err(self.io_error(e)),
            };
            if buf.is_empty() {
                return Ok(!self.line.is_empty());
            }
            let (take, done) = match memchr::memchr(b'\n', buf) {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            if self.line.len() + take > MAX_LINE {
                return Err(malformed(self.input.say(format!(
                    "a WARC header line near byte {} is longer than 64 KiB",
                    self.pos
                ))));
            }
            self.line.extend_from_slice(&buf[..take]);
            self.src.consume(take);
            self.advance(take)?;
            if done {
                return Ok(true);
            }
        }
    }

    /// Pass over `n` bytes of the stream, or fail as `truncated` if it ends first.
    fn pass(&mut self, mut n: u64, out: &mut Option<&mut Vec<u8>>) -> Result<(), Failure> {
        while n > 0 {
            let buf = match self.src.fill_buf() {
                Ok(buf) => buf,
                Err(e) => return Err(self.io_error(e)),
            };
            if buf.is_empty() {
                return Err(self.truncated());
            }
            let take = buf.len().min(usize::try_from(n).unwrap_or(usize::MAX));
            if let Some(out) = out {
                out.extend_from_slice(&buf[..take]);
            }
            self.src.consume(take);
            self.advance(take)?;
            n -= take as u64;
        }
        Ok(())
    }

    fn truncated(&self) -> Failure {
        malformed(self.input.say(format!(
            "truncated WARC record: the record of `{}` ends before its Content-Length",
            self.uri
        )))
    }

    fn cut_header(&self) -> Failure {
        malformed(
            self.input
                .say("truncated WARC record: the file ends inside a record's header"),
        )
    }

    /// Skip to byte `to` of the inflated stream (a record found in an earlier pass).
    pub fn seek(&mut self, to: u64) -> Result<(), Failure> {
        let n = to.saturating_sub(self.pos);
        self.pass(n, &mut None)
    }

    /// The next `n` bytes of the current record's block.
    pub fn read(&mut self, n: u64) -> Result<Vec<u8>, Failure> {
        let n = n.min(self.block_left);
        let mut out = Vec::with_capacity(usize::try_from(n).unwrap_or(0).min(1 << 20));
        self.pass(n, &mut Some(&mut out))?;
        self.block_left -= n;
        Ok(out)
    }

    /// The next record's header, after what is left of the current block; `None` at the end.
    pub fn header(&mut self) -> Result<Option<Header>, Failure> {
        let left = std::mem::take(&mut self.block_left);
        self.pass(left, &mut None)?;
        // Records are separated by a blank line or two; some writers add more.
        let start = loop {
            let start = self.pos;
            if !self.next_line()? {
                return Ok(None);
            }
            if !self.line.iter().all(u8::is_ascii_whitespace) {
                break start;
            }
        };
        if start > 0 && !self.line.ends_with(b"\n") {
            return Err(self.cut_header());
        }
        let version = String::from_utf8_lossy(trim_end(&self.line)).into_owned();
        if !is_version(&version) {
            let what = if start == 0 {
                format!("not a WARC file: {}", opening(&version))
            } else {
                format!(
                    "a WARC record should start at byte {start}, but {} (the record before it is \
                     longer than its Content-Length says, or the file is damaged)",
                    opening(&version).replacen("it starts with", "the line there is", 1)
                )
            };
            return Err(malformed(self.input.say(what)));
        }
        let mut fields: Vec<(String, String)> = Vec::new();
        let mut bytes = 0;
        loop {
            if !self.next_line()? || !self.line.ends_with(b"\n") {
                return Err(self.cut_header());
            }
            bytes += self.line.len();
            let line = trim_end(&self.line);
            if line.is_empty() {
                break;
            }
            if bytes > MAX_HEADER_BYTES || fields.len() == MAX_FIELDS {
                return Err(malformed(self.input.say(format!(
                    "the WARC header at byte {start} is longer than 256 KiB or 256 fields"
                ))));
            }
            let text = String::from_utf8_lossy(line);
            if text.starts_with([' ', '\t']) {
                if let Some((_, value)) = fields.last_mut() {
                    value.push(' ');
                    value.push_str(text.trim());
                    continue;
                }
            }
            let Some((name, value)) = text.split_once(':') else {
                return Err(malformed(self.input.say(format!(
                    "the WARC header at byte {start} has a line without a colon: `{}`",
                    text.chars().take(40).collect::<String>().escape_debug()
                ))));
            };
            fields.push((name.trim().to_owned(), value.trim().to_owned()));
        }
        let header = Header {
            start,
            length: 0,
            fields,
        };
        let length = header
            .get("Content-Length")
            .filter(|v| !v.is_empty() && v.len() <= 19 && v.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|v| v.parse::<u64>().ok())
            .ok_or_else(|| {
                malformed(self.input.say(format!(
                    "the WARC record at byte {start} has no valid Content-Length"
                )))
            })?;
        self.uri = super::url::bare(header.get("WARC-Target-URI").unwrap_or("")).to_owned();
        if let Some(size) = self.size {
            if self.pos.saturating_add(length) > size {
                return Err(self.truncated());
            }
        } else if self.pos.saturating_add(length) > self.budget {
            return Err(budget_spent(self.cap));
        }
        self.block_left = length;
        Ok(Some(Header { length, ..header }))
    }
}

/// `WARC/1.0`, `WARC/1.1`, and the drafts before them (`WARC/0.17`, `WARC/0.18`), whose
/// headers have the same form.
fn is_version(line: &str) -> bool {
    let Some(v) = line.strip_prefix("WARC/") else {
        return false;
    };
    let mut parts = v.split('.');
    let digits = |p: Option<&str>| {
        p.is_some_and(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
    };
    digits(parts.next()) && digits(parts.next()) && parts.next().is_none()
}

/// What a line that should be `WARC/1.x` is, as a user can recognise it.
fn opening(line: &str) -> String {
    if line.starts_with("PK\u{3}\u{4}") {
        "it is a zip file (a WACZ?)".into()
    } else if line.starts_with('\u{1f}') {
        "it starts with gzip data that inflates to something else".into()
    } else if line
        .chars()
        .any(|c| c.is_control() || c == char::REPLACEMENT_CHARACTER)
    {
        "it starts with binary data, not `WARC/1.0`".into()
    } else {
        let head: String = line.chars().take(24).collect();
        format!("it starts with `{head}`, not `WARC/1.0`")
    }
}

fn trim_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn budget_spent(cap: u64) -> Failure {
    const GIB: u64 = 1 << 30;
    too_large(format!(
        "the archive inflates past the {} citeline reads from one archive (a gzip bomb, or a \
         whole crawl)",
        if cap >= GIB && cap.is_multiple_of(GIB) {
            format!("{} GiB", cap / GIB)
        } else {
            crate::bounded::size(cap)
        }
    ))
}
