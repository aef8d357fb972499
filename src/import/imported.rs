//! What an import gives: the events file and its notes, or why it could not be made; and
//! the rows both kinds of CSV are read as.

use std::fmt;

/// Which columns the CSV has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvKind {
    /// `citeline export --format csv`'s columns.
    Citeline,
    /// The columns of TimelineJS's Google Sheets template.
    TimelineJs,
}

impl CsvKind {
    /// A few words for messages: "citeline's CSV", "a TimelineJS sheet".
    pub fn describe(self) -> &'static str {
        match self {
            CsvKind::Citeline => "citeline's CSV",
            CsvKind::TimelineJs => "a TimelineJS sheet",
        }
    }
}

/// An events file made from a CSV.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The events file, TOML.
    pub toml: String,
    pub kind: CsvKind,
    /// How many events it holds.
    pub events: usize,
    /// What was left behind or needs doing (cells with no place in an events file).
    pub notes: Vec<String>,
}

/// Why a CSV could not be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    unreadable: bool,
    message: String,
}

impl ImportError {
    /// The file could not be read at all (missing, a folder, over [`MAX_CSV_BYTES`](super::MAX_CSV_BYTES)): a
    /// problem of the environment, not of the data.
    pub fn is_unreadable(&self) -> bool {
        self.unreadable
    }

    pub(crate) fn unreadable(message: String) -> ImportError {
        ImportError {
            unreadable: true,
            message,
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> ImportError {
        ImportError {
            unreadable: false,
            message: message.into(),
        }
    }

    /// An error about the row that starts on `line`.
    pub(crate) fn at(line: u64, message: impl fmt::Display) -> ImportError {
        ImportError::invalid(format!("line {line}: {message}"))
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

/// One data row and the line it starts on.
pub(crate) struct Row {
    pub line: u64,
    pub cells: ::csv::StringRecord,
}

impl Row {
    pub fn new(line: u64, cells: ::csv::StringRecord) -> Row {
        Row { line, cells }
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// Where each of a kind of CSV's columns stands in a file's header row, if it has it.
pub(crate) struct Header {
    columns: &'static [&'static str],
    at: Vec<Option<usize>>,
    /// What a cell's text becomes before it is used.
    clean: fn(&str) -> &str,
}

impl Header {
    /// The header row `names` against `columns`, each name matched by `same`; a name that
    /// is none of the columns, or one given twice, is refused, saying whose columns (`whose`)
    /// they are.
    pub fn new(
        names: &[String],
        columns: &'static [&'static str],
        whose: &str,
        same: fn(&str, &str) -> bool,
        clean: fn(&str) -> &str,
    ) -> Result<Header, ImportError> {
        let mut at = vec![None; columns.len()];
        for (i, name) in names.iter().enumerate() {
            let Some(k) = columns.iter().position(|c| same(c, name)) else {
                return Err(ImportError::invalid(format!(
                    "the header names a column `{name}` that {whose} does not have; its \
                     columns are {}",
                    columns.join(",")
                )));
            };
            if at[k].replace(i).is_some() {
                return Err(ImportError::invalid(format!(
                    "the header names the column `{name}` twice"
                )));
            }
        }
        Ok(Header { columns, at, clean })
    }

    /// The cleaned cell of `column` (one of the columns) in `row`; empty when the file has
    /// no such column or the row stops short of it.
    pub fn cell<'r>(&self, row: &'r Row, column: &str) -> &'r str {
        let k = self
            .columns
            .iter()
            .position(|c| *c == column)
            .expect("a known column");
        (self.clean)(self.at[k].and_then(|i| row.cells.get(i)).unwrap_or(""))
    }
}

/// A TOML string key or value, for messages.
pub(crate) fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}
