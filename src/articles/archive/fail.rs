//! The ways an archive fails besides a missing capture (`index.rs` has that one), each with
//! what the user can do.

use crate::articles::extract::Failure;
use crate::articles::findings::{SOURCE_MALFORMED, SOURCE_TOO_LARGE};

pub(super) const BODY_TOO_LARGE: &str = "the record's body is past 16 MiB";

pub(super) fn malformed(reason: impl Into<String>) -> Failure {
    Failure::new(
        &SOURCE_MALFORMED,
        reason,
        "save the capture again (export the WARC or WACZ again from the archiving tool), or \
         cite a .txt copy of the page",
    )
}

pub(super) fn too_large(reason: impl Into<String>) -> Failure {
    Failure::new(
        &SOURCE_TOO_LARGE,
        reason,
        "cite an archive of the one page (a WARC or WACZ of that capture), or a .txt copy of it",
    )
}
