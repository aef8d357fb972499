//! Finding a captured page in a web archive (WARC, gzipped WARC, WACZ) by its URL.

use super::extract::Failure;

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

/// The response for `url` in a WARC file (plain or gzipped, record by record).
pub fn warc_record(bytes: &[u8], url: &str) -> Result<Record, Failure> {
    let _ = (bytes, url);
    Err(Failure::new(
        &super::findings::SOURCE_MALFORMED,
        "WARC is not read yet",
        "cite a .txt copy",
    ))
}

/// The response for `url` in a WACZ file (a zip of WARCs with an index).
pub fn wacz_record(bytes: &[u8], url: &str) -> Result<Record, Failure> {
    let _ = (bytes, url);
    Err(Failure::new(
        &super::findings::SOURCE_MALFORMED,
        "WACZ is not read yet",
        "cite a .txt copy",
    ))
}
