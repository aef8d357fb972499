//! Reading a WACZ (<https://specs.webrecorder.net/wacz/1.1.1/>): a zip whose
//! `datapackage.json` makes it a WACZ, whose `archive/` holds the WARCs and whose
//! `pages/pages.jsonl` lists the pages a person captured.
//!
//! The WARCs are scanned in zip order, as one archive; the CDXJ index in `indexes/` is not
//! used (a scan of a WACZ made for a citation takes milliseconds, and an index that
//! disagrees with the WARCs cannot mislead a scan). The zip crate reads only the directory:
//! entries are read from the file's bytes (stored) or inflated with flate2 (deflated), so
//! their inflated bytes count against the same budget as a WARC's.

use super::fail::malformed;
use super::warc::Input;
use crate::articles::extract::{Failure, MAX_TEXT_BYTES};
use std::io::Read;

/// The most entries in a WACZ's zip: a WACZ holds a handful of files, a large crawl's a few
/// hundred WARCs.
const MAX_ENTRIES: usize = 10_000;
/// The most page addresses read from `pages.jsonl`, for the finding of a missing capture.
const MAX_PAGES: usize = 100_000;

/// A zip entry's name and where its stored bytes are.
struct Entry {
    name: String,
    method: zip::CompressionMethod,
    start: u64,
    len: u64,
}

/// A WACZ's WARCs, and the pages it lists.
pub(super) struct Wacz {
    /// The entries under `archive/`, in zip order.
    warcs: Vec<Entry>,
    /// The addresses in `pages/pages.jsonl`.
    pub pages: Vec<String>,
}

/// The WACZ in `bytes`: its zip directory read and checked, its pages listed.
pub(super) fn open(bytes: &[u8]) -> Result<Wacz, Failure> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        if bytes.starts_with(b"PK") {
            malformed(format!("a broken zip file ({e})"))
        } else {
            malformed("not a WACZ: not a zip file")
        }
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(malformed(format!(
            "a zip of {} entries: a WACZ citeline reads has at most {MAX_ENTRIES}",
            zip.len()
        )));
    }
    let mut entries = Vec::new();
    for i in 0..zip.len() {
        let file = zip
            .by_index_raw(i)
            .map_err(|e| malformed(format!("a broken zip entry ({e})")))?;
        if file.is_dir() {
            continue;
        }
        let name = file
            .name()
            .map_err(|e| malformed(format!("a broken zip entry name ({e})")))?
            .into_owned();
        if file.encrypted() {
            return Err(malformed(format!(
                "the WACZ's entry `{name}` is encrypted; citeline does not read encrypted \
                 archives"
            )));
        }
        entries.push(Entry {
            method: file.compression(),
            start: file.data_start().unwrap_or(u64::MAX),
            len: file.compressed_size(),
            name,
        });
    }
    if !entries.iter().any(|e| e.name == "datapackage.json") {
        return Err(malformed(
            "a zip that is not a WACZ: it has no datapackage.json",
        ));
    }
    let pages = match entries.iter().find(|e| e.name == "pages/pages.jsonl") {
        Some(e) => pages(input(bytes, e)?),
        None => Vec::new(),
    };
    let warcs: Vec<Entry> = entries
        .into_iter()
        .filter(|e| e.name.starts_with("archive/"))
        .collect();
    if warcs.is_empty() {
        return Err(malformed("a WACZ with no WARC files under archive/"));
    }
    Ok(Wacz { warcs, pages })
}

impl Wacz {
    /// The WARCs to read, in the WACZ's `bytes`.
    pub fn warcs<'a>(&'a self, bytes: &'a [u8]) -> Result<Vec<Input<'a>>, Failure> {
        self.warcs.iter().map(|e| input(bytes, e)).collect()
    }
}

/// The stored bytes of entry `e`.
fn input<'a>(bytes: &'a [u8], e: &'a Entry) -> Result<Input<'a>, Failure> {
    let deflated = match e.method {
        zip::CompressionMethod::STORE => false,
        zip::CompressionMethod::DEFLATE => true,
        m => {
            return Err(malformed(format!(
                "the WACZ's entry `{}` is compressed with zip method {m:?}; citeline reads \
                 stored and deflated entries",
                e.name
            )))
        }
    };
    let data = usize::try_from(e.start)
        .ok()
        .zip(usize::try_from(e.len).ok())
        .and_then(|(start, len)| bytes.get(start..start.checked_add(len)?))
        .ok_or_else(|| {
            malformed(format!(
                "the WACZ's entry `{}` runs past the end of the file (truncated zip)",
                e.name
            ))
        })?;
    Ok(Input {
        name: Some(&e.name),
        bytes: data,
        deflated,
    })
}

/// The `url` of each page in `pages.jsonl` (its first line, the header, has none). The list
/// only helps the finding of a missing capture, so a broken line is passed over.
fn pages(input: Input) -> Vec<String> {
    let mut text = Vec::new();
    let cap = MAX_TEXT_BYTES as u64;
    let read = if input.deflated {
        flate2::bufread::DeflateDecoder::new(input.bytes)
            .take(cap)
            .read_to_end(&mut text)
    } else {
        input.bytes.take(cap).read_to_end(&mut text)
    };
    if read.is_err() {
        return Vec::new();
    }
    text.split(|&b| b == b'\n')
        .filter_map(|line| serde_json::from_slice::<serde_json::Value>(line).ok())
        .filter_map(|page| Some(page.get("url")?.as_str()?.to_owned()))
        .take(MAX_PAGES)
        .collect()
}
