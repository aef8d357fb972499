//! Reading the articles that sources cite: each file is resolved inside the events file's
//! folder, read through a size cap, pinned by the sha256 of its bytes as saved, recognised
//! by format (plain text, an HTML page, a PDF, a web archive), turned into the text a
//! reader sees, and prepared once for all the quotes that cite it. A file that cannot serve
//! as evidence is a finding here; what the text says is `check`'s business.
//!
//! Every reader keeps a map from its text back into the original file ([`Origin`]), so
//! that what a user is shown points at a line and column of the HTML file, a page and line
//! of the PDF, or the captured page inside an archive: never at text they cannot open.
//!
//! Articles are visited, not kept: each file is read once (sixty-four sources citing one
//! 15 MB report read, hash and fold it once), handed to the checks, and dropped, so a check
//! of 10,000 articles holds a few of them at a time.

mod archive;
mod article;
mod extract;
mod file;
mod findings;
mod format;
mod html;
mod pdf;
mod plain;

pub use article::Article;
pub use extract::{MetaDate, Place};
pub use file::{read_path, MAX_ARCHIVE_BYTES, MAX_SOURCE_BYTES};
pub use findings::*;

use crate::diagnostic::Diagnostic;
use crate::model::{Source, Timeline};
use crate::parallel;
use std::collections::{HashMap, HashSet};

/// The files the sources name, each with the sources that name it, in the order of first
/// mention: sources that share a file and a `url` share one read (the format is not known
/// until the file is read, and in a web archive the `url` picks the page).
pub fn files(timeline: &Timeline) -> Vec<(&str, Vec<&Source>)> {
    let mut files: Vec<(&str, Vec<&Source>)> = Vec::new();
    let mut seen: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    for source in &timeline.sources {
        let written = source.file.value.as_str();
        let key = (written, source.url.as_ref().map(|u| u.value.as_str()));
        match seen.get(&key) {
            Some(&i) => files[i].1.push(source),
            None => {
                seen.insert(key, files.len());
                files.push((written, vec![source]));
            }
        }
    }
    files
}

/// What [`visit`] gives back: each readable file's result, the findings about files that
/// could not be read, and the ids of their sources.
pub struct Visited<R> {
    pub results: Vec<R>,
    pub unreadable: Vec<Diagnostic>,
    pub unreadable_ids: HashSet<String>,
}

/// Read each file once and hand it, with the sources that name it, to `work`; the article
/// is dropped as soon as `work` returns, so memory holds one article per core, not all of
/// them. Files are spread over the cores; results come back in file order.
pub fn visit<'t, R: Send>(
    timeline: &'t Timeline,
    work: impl Fn(&[&'t Source], &Article) -> R + Sync,
) -> Visited<R> {
    let folder = file::Folder::of(timeline);
    let files = files(timeline);
    let chunks = parallel::map_chunks(&files, |files| {
        let mut results = Vec::new();
        let mut unreadable = Vec::new();
        for (_, sources) in files {
            let hash = sources.iter().any(|s| s.sha256.is_some());
            match folder.read(sources[0], hash) {
                Ok(article) => results.push(work(sources, &article)),
                Err(why) => unreadable.extend(sources.iter().map(|s| why.finding(s))),
            }
        }
        (results, unreadable)
    });
    let mut visited = Visited {
        results: Vec::new(),
        unreadable: Vec::new(),
        unreadable_ids: HashSet::new(),
    };
    for (results, unreadable) in chunks {
        visited.results.extend(results);
        for d in unreadable {
            visited.unreadable_ids.extend(d.source.clone());
            visited.unreadable.push(d);
        }
    }
    visited
}

/// Read the file of one source, or the finding that says why it cannot be evidence.
pub fn read(timeline: &Timeline, source: &Source) -> Result<Article, Box<Diagnostic>> {
    file::Folder::of(timeline)
        .read(source, true)
        .map_err(|why| Box::new(why.finding(source)))
}
