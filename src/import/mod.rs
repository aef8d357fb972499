//! An events file written from a spreadsheet's CSV: citeline's own export columns
//! ([`CsvKind::Citeline`]), or TimelineJS's sheet columns ([`CsvKind::TimelineJs`]), told
//! apart by the header row.
//!
//! Import translates and checks nothing about the data: the TOML it writes is what the
//! spreadsheet says, and `citeline check` then judges it as it would a hand-written file
//! (an event without evidence, as every TimelineJS row is, is a finding there). Import
//! refuses only what it cannot translate: a file that is not CSV in UTF-8, a header it does
//! not know, a row that contradicts another. The TOML is built as data and written by the
//! `toml` crate, so no cell can break out of its string.

mod citeline_csv;
mod imported;
mod sheet;

pub use imported::{CsvKind, ImportError, Imported};

use crate::bounded::{self, ReadError};
use imported::Row;
use std::path::Path;

/// The largest CSV file import reads: the events file's cap, since the CSV holds the same
/// data.
pub const MAX_CSV_BYTES: u64 = crate::MAX_EVENTS_FILE_BYTES;

/// Read the CSV at `path` (at most [`MAX_CSV_BYTES`]) and write it as an events file.
///
/// # Errors
///
/// The file cannot be read, or is not a CSV import can translate; the message says why
/// and where.
pub fn read_csv(path: &Path) -> Result<Imported, ImportError> {
    let bytes = bounded::read_capped(path, MAX_CSV_BYTES).map_err(|e| {
        let why = match e {
            ReadError::TooLarge { cap } => format!(
                "it holds more than {}, the most an events file may",
                bounded::size(cap)
            ),
            e => e.to_string(),
        };
        ImportError::unreadable(format!("cannot read {}: {why}", path.display()))
    })?;
    import_csv(&bytes)
}

/// Write the CSV in `bytes` as an events file.
///
/// ```
/// let csv = "Year,Month,Day,Headline,Text\n2003,11,19,Bishkek meeting,<p>Ministers meet</p>\n";
/// let imported = citeline::import::import_csv(csv.as_bytes()).unwrap();
/// assert!(imported.toml.contains("id = \"bishkek-meeting\""));
/// assert!(imported.toml.contains("date = \"2003-11-19\""));
/// assert!(citeline::import::import_csv(b"Name,Age\nx,1\n").is_err());
/// ```
///
/// # Errors
///
/// Not UTF-8 (a UTF-8 byte order mark is fine), not CSV (rows of different lengths), a
/// header of neither kind, or a cell that cannot be translated.
pub fn import_csv(bytes: &[u8]) -> Result<Imported, ImportError> {
    let text = utf8(bytes)?;
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(record) => record.map_err(csv_error)?,
        None => {
            return Err(ImportError::invalid(
                "the file is empty: it has no header row",
            ))
        }
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
    let rows = records.map(|r| {
        r.map_err(csv_error)
            .map(|record| Row::new(record.position().map_or(0, |p| p.line()), record))
    });
    if header.iter().any(|h| h == "record") {
        citeline_csv::import(&header, rows)
    } else if sheet::recognises(&header) {
        sheet::import(&header, rows)
    } else {
        Err(ImportError::invalid(format!(
            "the header row ({}) is neither citeline's CSV, whose columns are {}, nor a \
             TimelineJS sheet, whose columns are {}",
            header.join(","),
            crate::export::csv::COLUMNS.join(","),
            sheet::COLUMNS.join(",")
        )))
    }
}

/// The text of the file, without a UTF-8 byte order mark (Excel's "CSV UTF-8" writes one).
fn utf8(bytes: &[u8]) -> Result<&str, ImportError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ImportError::invalid(
            "the file is UTF-16 text; save it as \"CSV UTF-8\" instead",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        ImportError::at(
            line as u64,
            format!(
                "byte {at} is not UTF-8; save the file as \"CSV UTF-8\" (a spreadsheet's \
                 plain \"CSV\" may use the computer's own encoding)"
            ),
        )
    })
}

fn csv_error(e: ::csv::Error) -> ImportError {
    match e.kind() {
        ::csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => ImportError::at(
            pos.as_ref().map_or(0, |p| p.line()),
            format!(
                "this row has {len} cells where the header row has {expected_len}; \
                 every row needs one cell per column"
            ),
        ),
        _ => ImportError::invalid(format!("not a CSV file: {e}")),
    }
}
