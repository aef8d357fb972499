//! Reading a PDF's text layer: pages in order, each printed line a line of text, with a map
//! back to page and line.

use super::extract::{Extracted, Failure};

/// The text of the PDF in `bytes`.
pub fn extract(bytes: &[u8]) -> Result<Extracted, Failure> {
    let _ = bytes;
    Err(Failure::new(
        &super::findings::SOURCE_MALFORMED,
        "PDF is not read yet",
        "cite a .txt copy",
    ))
}
