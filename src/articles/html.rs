//! Reading an HTML page as a browser shows it: the visible text, with a map back to line
//! and column in the file, and the dates the page states about itself.

use super::extract::{Extracted, Failure};

/// The visible text of the page in `bytes`. `charset` is a charset declared outside the
/// bytes (an archived HTTP response's `Content-Type`); it wins over the page's own.
pub fn extract(bytes: &[u8], charset: Option<&str>) -> Result<Extracted, Failure> {
    let _ = (bytes, charset);
    Err(Failure::new(
        &super::findings::SOURCE_MALFORMED,
        "HTML is not read yet",
        "cite a .txt copy",
    ))
}
