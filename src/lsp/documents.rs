//! The events files open in the editor: each one's latest text and version, and the
//! result of checking that text (kept for hovers, definitions and fixes until the next).

use super::positions::{self, Encoding, Lines};
use crate::pipeline::{check_str, Checked};
use lsp_types::Uri;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

/// One open events file.
pub struct Document {
    pub uri: Uri,
    /// Its path on disk, which places its sources.
    pub path: PathBuf,
    pub version: i32,
    pub text: String,
    pub lines: Lines,
    /// The check of `text`; `None` until it is checked, or when it could not be.
    pub checked: Option<Checked>,
    /// `text` changed (or a source did) since the last check.
    pub stale: bool,
}

impl Document {
    /// The check of the text as it stands, when it was checked.
    pub fn current(&self) -> Option<&Checked> {
        self.checked.as_ref().filter(|_| !self.stale)
    }
}

/// The open documents, by URI.
#[derive(Default)]
pub struct Documents {
    open: BTreeMap<String, Document>,
}

impl Documents {
    /// Open (or reopen) `uri` with `text`; a URI that names no file is refused with why.
    pub fn open(
        &mut self,
        uri: Uri,
        version: i32,
        text: String,
        encoding: Encoding,
    ) -> Result<(), String> {
        let path = positions::path_of(&uri)
            .filter(|p| p.is_absolute())
            .ok_or_else(|| {
                format!(
                    "{} is not a file: its sources cannot be placed",
                    uri.as_str()
                )
            })?;
        let lines = Lines::new(&text, encoding);
        let document = Document {
            uri: uri.clone(),
            path,
            version,
            text,
            lines,
            checked: None,
            stale: true,
        };
        self.open.insert(uri.as_str().to_string(), document);
        Ok(())
    }

    /// Replace the text of an open document; `false` when it is not open.
    pub fn change(&mut self, uri: &Uri, version: i32, text: String, encoding: Encoding) -> bool {
        let Some(document) = self.open.get_mut(uri.as_str()) else {
            return false;
        };
        document.lines = Lines::new(&text, encoding);
        document.text = text;
        document.version = version;
        document.stale = true;
        true
    }

    /// Mark an open document to be checked again as it stands.
    pub fn touch(&mut self, uri: &Uri) {
        if let Some(document) = self.open.get_mut(uri.as_str()) {
            document.stale = true;
        }
    }

    pub fn close(&mut self, uri: &Uri) -> Option<Document> {
        self.open.remove(uri.as_str())
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri.as_str())
    }

    /// Mark stale every document that cites one of `files` as a source or is one of them
    /// (saved from outside the editor); say whether any was.
    pub fn files_changed(&mut self, files: &[PathBuf]) -> bool {
        let files: Vec<PathBuf> = files.iter().map(|f| positions::normal(f)).collect();
        let mut any = false;
        for document in self.open.values_mut() {
            let Some(checked) = &document.checked else {
                continue;
            };
            let timeline = &checked.timeline;
            let cites = timeline
                .sources
                .iter()
                .map(|s| positions::normal(&timeline.folder().join(&s.file.value)))
                .any(|source| files.contains(&source));
            if cites {
                document.stale = true;
                any = true;
            }
        }
        any
    }

    /// Check every stale document; give back the URIs of those checked.
    pub fn check_stale(&mut self) -> Vec<Uri> {
        let mut checked = Vec::new();
        for document in self.open.values_mut().filter(|d| d.stale) {
            document.checked = check(document);
            document.stale = false;
            checked.push(document.uri.clone());
        }
        checked
    }
}

/// Check a document's text. The checker is not expected to panic on any input; should it,
/// the editor session goes on without findings for this text rather than ending.
fn check(document: &Document) -> Option<Checked> {
    let (path, text) = (&document.path, document.text.clone());
    catch_unwind(AssertUnwindSafe(|| check_str(path, text))).ok()
}
