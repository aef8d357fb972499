//! stub
use super::report::Report;
use std::io::{self, Write};
use std::path::Path;

/// Write the report as GitHub Actions workflow commands.
pub fn write_github(
    _out: &mut impl Write,
    _report: &Report,
    _path: &Path,
    _text: &str,
) -> io::Result<()> {
    todo!()
}
