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

    /// Whether this is an events file at all. Editors start a server by language, and many
    /// know no finer kind than "TOML": a `Cargo.toml` or `pyproject.toml` opened in the
    /// same project must not be flooded with `unknown-key` errors. So a file is checked
    /// when it is named `events.toml`, or has one of an events file's own tables, written
    /// at the start of a line.
    pub fn is_events_file(&self) -> bool {
        self.path.file_name().is_some_and(|n| n == "events.toml")
            || self.text.lines().any(|line| {
                let line = line.trim_start();
                ["[[events]]", "[sources.", "[timeline]", "[aliases]"]
                    .iter()
                    .any(|table| line.starts_with(table))
            })
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

    /// Mark stale every document that cites one of `files` as a source; say whether any
    /// was. An open events file changed on disk is not one: the editor's text is the one
    /// checked.
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
            document.checked = document.is_events_file().then(|| check(document)).flatten();
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn only_a_change_to_a_cited_file_makes_a_document_stale() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "On 2 March 2010 they met.").unwrap();
        let text = "[sources.a]\nfile = \"./a.txt\"\npublisher = \"P\"\ntitle = \"T\"\n\
                    published = \"2010-03-04\"\n";
        let path = dir.path().join("events.toml");
        let uri = positions::uri_of(&path).unwrap();
        let mut documents = Documents::default();
        documents
            .open(uri.clone(), 1, text.into(), Encoding::Utf16)
            .unwrap();
        assert_eq!(documents.check_stale(), vec![uri.clone()]);
        assert!(documents.check_stale().is_empty(), "checked once");
        let elsewhere = [dir.path().join("b.txt"), dir.path().join("events.toml")];
        assert!(!documents.files_changed(&elsewhere));
        assert!(documents.get(&uri).unwrap().current().is_some());
        let cited = dir.path().join("sub/../a.txt");
        assert!(documents.files_changed(&[cited]));
        assert!(documents.get(&uri).unwrap().current().is_none(), "stale");
        assert_eq!(documents.check_stale(), [uri]);
    }

    #[test]
    fn other_toml_files_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let mut documents = Documents::default();
        let mut open = |name: &str, text: &str| {
            let uri = positions::uri_of(&dir.path().join(name)).unwrap();
            documents
                .open(uri.clone(), 1, text.into(), Encoding::Utf16)
                .unwrap();
            documents.get(&uri).unwrap().is_events_file()
        };
        assert!(!open("Cargo.toml", "[package]\nname = \"x\"\n"));
        assert!(!open("pyproject.toml", "[tool.events]\nx = 1\n"));
        assert!(open("events.toml", ""), "named so: checked even when empty");
        assert!(open("csto.toml", "# notes\n  [[events]]\nid = \"a\"\n"));
        assert!(open("sources.toml", "[sources.rferl]\nfile = \"a.txt\"\n"));
        assert!(open("t.toml", "[timeline]\ntitle = \"T\"\n"));
    }

    #[test]
    fn an_untitled_buffer_is_refused() {
        let mut documents = Documents::default();
        let untitled = Uri::from_str("untitled:Untitled-1").unwrap();
        assert!(documents
            .open(untitled, 1, String::new(), Encoding::Utf16)
            .is_err());
    }
}
