//! Source rules (SPEC §4.2): each article file is readable, inside the events file's
//! folder, within the size cap, UTF-8 text, matches its pin, and attests its metadata.

use crate::check::parallel;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity::{Error, Warning};
use crate::model::{Source, Timeline};
use crate::rules::Rule;
use crate::text::dates::{self, Direction, ExpressionKind};
use crate::text::names::NameIndex;
use crate::text::quote::{self, Haystack, QuoteMatch};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub const SOURCE_UNREADABLE: Rule = Rule {
    code: "source-unreadable",
    severity: Error,
    summary: "A source's `file` cannot be read.",
    explanation: "The path is relative to the events file's folder. The message gives the \
operating system's reason (not found, permission denied, is a directory).\n\n\
Example: `file = \"articles/rferl.txt\"` when the file is `articles/rferl-2003-12-03.txt`.",
};

pub const SOURCE_OUTSIDE_FOLDER: Rule = Rule {
    code: "source-outside-folder",
    severity: Error,
    summary: "A source's `file` resolves, after following links, outside the events file's folder.",
    explanation: "A project's evidence must travel with it: an article outside the folder (via \
`..`, an absolute path or a symbolic link) would make the check pass on one machine and fail on \
the next.\n\nExample: copy the article into `articles/` and write `file = \"articles/x.txt\"`.",
};

pub const SOURCE_TOO_LARGE: Rule = Rule {
    code: "source-too-large",
    severity: Error,
    summary: "A source file is larger than the size cap (16 MiB).",
    explanation: "Articles are news texts of kilobytes; a file of many megabytes is almost \
always the wrong file (an archive, a dump, a video). The cap keeps `check` fast and bounded.\n\n\
Example: point `file` at the article's text, not at the whole site export.",
};

pub const SOURCE_NOT_UTF8: Rule = Rule {
    code: "source-not-utf8",
    severity: Error,
    summary: "A source file is not valid UTF-8.",
    explanation: "Quotes are compared as Unicode text, so the article must be UTF-8. The \
message gives the byte offset of the first invalid sequence.\n\n\
Example: convert a Windows-1251 file with `iconv -f cp1251 -t utf-8`, keeping the original \
beside it.",
};

pub const SOURCE_BINARY: Rule = Rule {
    code: "source-binary",
    severity: Error,
    summary: "A source file holds NUL or other control bytes: it is not plain text.",
    explanation: "A PDF, an image or a word-processor file may happen to be valid UTF-8 but is \
not a text a quote can stand in.\n\nExample: extract the article's text to a `.txt` file and \
cite that.",
};

pub const SHA256_MISMATCH: Rule = Rule {
    code: "sha256-mismatch",
    severity: Error,
    summary: "A source file's bytes no longer match its `sha256` pin.",
    explanation: "The pin records the exact article the events were checked against. A \
mismatch means the file changed; the notes say which quotes still stand in the new text, so \
you can judge whether to re-pin.\n\nExample: after confirming the new file is the right one, \
replace the pin with the output of `sha256sum articles/x.txt`.",
};

pub const PUBLISHED_UNATTESTED: Rule = Rule {
    code: "published-unattested",
    severity: Error,
    summary: "No full date in the text attests `published`, and no `published_note` explains it.",
    explanation: "Relative dates (\"this week\", \"on 19 November\") are resolved against \
`published`, so it must come from somewhere: a full date in the text that lies within it, or \
a `published_note` saying where it comes from (a page header, an archive, an inference).\n\n\
Example: add `published_note = \"Date of the page in the publisher's archive\"`.",
};

pub const SOURCE_TITLE_NOT_FOUND: Rule = Rule {
    code: "source-title-not-found",
    severity: Warning,
    summary: "A source's `title` does not stand in its text.",
    explanation: "The title is compared like a quote. A miss usually means a typo, or a title \
taken from somewhere other than the article.\n\nExample: copy the headline as the article \
prints it.",
};

pub const SOURCE_PUBLISHER_NOT_FOUND: Rule = Rule {
    code: "source-publisher-not-found",
    severity: Warning,
    summary: "A source's `publisher` is not named in its text.",
    explanation: "Most articles name their publisher in a byline or dateline; a miss may mean \
the wrong file or a misspelt publisher.\n\nExample: `publisher = \"RFERL\"` where the text \
says `RFE/RL`.",
};

pub const UNUSED_SOURCE: Rule = Rule {
    code: "unused-source",
    severity: Warning,
    summary: "A declared source that no event cites.",
    explanation: "A source in the file that no evidence uses is either left over or a sign \
that an event's evidence names the wrong source.\n\nExample: delete the `[sources.x]` table, \
or cite it.",
};

/// The size cap on a source file: news articles are kilobytes; 16 MiB leaves room for a
/// book-length report while refusing a video or a database dump.
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

/// One source's text, read and prepared once for all the quotes that cite it.
#[derive(Debug)]
pub struct Article {
    /// The resolved path.
    pub path: PathBuf,
    /// The file's sha256, lowercase hex.
    pub sha256: String,
    pub text: String,
    pub haystack: Haystack,
    /// Built on first use: most events name no actor or place.
    names: OnceLock<NameIndex>,
}

impl Article {
    /// The text prepared for name look-ups.
    pub fn names(&self) -> &NameIndex {
        self.names.get_or_init(|| NameIndex::new(&self.text))
    }
}

/// The readable articles, by source id. A source whose file failed a check is absent.
#[derive(Debug, Default)]
pub struct Articles {
    by_id: HashMap<String, Article>,
}

impl Articles {
    pub fn get(&self, source_id: &str) -> Option<&Article> {
        self.by_id.get(source_id)
    }
}

/// Read every source's file, reporting what stops it from being evidence.
pub fn read_articles(timeline: &Timeline, out: &mut Vec<Diagnostic>) -> Articles {
    let folder = timeline.folder();
    let root = std::fs::canonicalize(&folder).ok();
    let chunks = parallel::map_chunks(&timeline.sources, |sources| {
        let mut found = Vec::new();
        let mut read = Vec::new();
        for source in sources {
            if let Some(article) = read_article(root.as_deref(), &folder, source, &mut found) {
                read.push((source.id.value.clone(), article));
            }
        }
        (read, found)
    });
    let mut articles = Articles::default();
    for (read, found) in chunks {
        articles.by_id.extend(read);
        out.extend(found);
    }
    articles
}

fn read_article(
    root: Option<&Path>,
    folder: &Path,
    source: &Source,
    out: &mut Vec<Diagnostic>,
) -> Option<Article> {
    match try_read_article(root, folder, &source.file.value) {
        Ok(article) => Some(article),
        Err(Unreadable {
            rule,
            message,
            help,
        }) => {
            out.push(
                Diagnostic::new(rule, source.file.span.clone(), message)
                    .with_source(source.id.value.clone())
                    .with_help(help),
            );
            None
        }
    }
}

/// Why a source file cannot serve as evidence: the rule, the message and what to do.
struct Unreadable {
    rule: &'static Rule,
    message: String,
    help: &'static str,
}

fn unreadable(rule: &'static Rule, message: String, help: &'static str) -> Unreadable {
    Unreadable {
        rule,
        message,
        help,
    }
}

fn try_read_article(
    root: Option<&Path>,
    folder: &Path,
    written: &str,
) -> Result<Article, Unreadable> {
    let io_error = |e: std::io::Error| {
        unreadable(
            &SOURCE_UNREADABLE,
            format!("cannot read `{written}`: {e}"),
            "check the path (it is relative to the events file's folder) and the file's permissions",
        )
    };
    let resolved = std::fs::canonicalize(folder.join(written)).map_err(io_error)?;
    if !root.is_some_and(|r| resolved.starts_with(r)) {
        return Err(unreadable(
            &SOURCE_OUTSIDE_FOLDER,
            format!("`{written}` resolves outside the events file's folder"),
            "copy the article into the project (e.g. articles/) and cite that copy",
        ));
    }
    let meta = std::fs::metadata(&resolved).map_err(io_error)?;
    if !meta.is_file() {
        return Err(unreadable(
            &SOURCE_UNREADABLE,
            format!("`{written}` is not a regular file"),
            "point `file` at the article's text file",
        ));
    }
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(unreadable(
            &SOURCE_TOO_LARGE,
            format!(
                "`{written}` has {} bytes; the cap is {} MiB",
                meta.len(),
                MAX_SOURCE_BYTES / (1024 * 1024)
            ),
            "cite the article's text, not a larger file that contains it",
        ));
    }
    let bytes = std::fs::read(&resolved).map_err(io_error)?;
    let sha256 = hex(&Sha256::digest(&bytes));
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        unreadable(
            &SOURCE_NOT_UTF8,
            format!(
                "`{written}` is not UTF-8: invalid byte 0x{:02X} at offset {at}",
                e.as_bytes()[at]
            ),
            "convert it to UTF-8 (e.g. with iconv), keeping the original beside it",
        )
    })?;
    let control = text.find(|c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'));
    if let Some(at) = control {
        return Err(unreadable(
            &SOURCE_BINARY,
            format!(
                "`{written}` holds the control byte 0x{:02X} at offset {at}: it is not plain text",
                text.as_bytes()[at]
            ),
            "extract the article's text into a .txt file and cite that",
        ));
    }
    Ok(Article {
        path: resolved,
        sha256,
        haystack: Haystack::new(&text),
        names: OnceLock::new(),
        text,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The metadata and use checks on every source.
pub fn check_sources(timeline: &Timeline, articles: &Articles, out: &mut Vec<Diagnostic>) {
    let found = parallel::map_chunks(&timeline.sources, |sources| {
        let mut out = Vec::new();
        for source in sources {
            check_source(timeline, articles, source, &mut out);
        }
        out
    });
    out.extend(found.into_iter().flatten());
}

fn check_source(
    timeline: &Timeline,
    articles: &Articles,
    source: &Source,
    out: &mut Vec<Diagnostic>,
) {
    if !timeline.cited_sources.contains(&source.id.value) {
        out.push(
            Diagnostic::new(
                &UNUSED_SOURCE,
                source.id.span.clone(),
                format!("no event cites source `{}`", source.id.value),
            )
            .with_source(source.id.value.clone())
            .with_help("cite it in an event's evidence, or remove it"),
        );
    }
    if let Some(article) = articles.get(&source.id.value) {
        pin_matches(timeline, source, article, out);
        metadata_attested(source, article, out);
    }
}

/// The file still has the bytes it was pinned to; if not, say which quotes still stand.
fn pin_matches(timeline: &Timeline, source: &Source, article: &Article, out: &mut Vec<Diagnostic>) {
    let Some(pin) = &source.sha256 else { return };
    if article.sha256.eq_ignore_ascii_case(&pin.value) {
        return;
    }
    let (mut found, mut missing) = (Vec::new(), Vec::new());
    for event in &timeline.events {
        for evidence in event
            .evidence
            .iter()
            .filter(|e| e.source.value == source.id.value)
        {
            match quote::find(&article.haystack, &evidence.quote.value) {
                QuoteMatch::Found(_) => found.push(event.id.value.as_str()),
                _ => missing.push(event.id.value.as_str()),
            }
        }
    }
    let list = |ids: &[&str]| {
        if ids.is_empty() {
            "none".to_string()
        } else {
            ids.join(", ")
        }
    };
    out.push(
        Diagnostic::new(
            &SHA256_MISMATCH,
            pin.span.clone(),
            format!("`{}` does not match its pin", source.file.value),
        )
        .with_source(source.id.value.clone())
        .with_note(format!("the file's sha256 is {}", article.sha256))
        .with_note(format!(
            "{} of {} quotes still stand; found for: {}; not found for: {}",
            found.len(),
            found.len() + missing.len(),
            list(&found),
            list(&missing)
        ))
        .with_help("if the new file is the right one, re-pin it with the sha256 above"),
    );
}

fn metadata_attested(source: &Source, article: &Article, out: &mut Vec<Diagnostic>) {
    let id = source.id.value.clone();
    if matches!(
        quote::find(&article.haystack, &source.title.value),
        QuoteMatch::NotFound(_)
    ) {
        out.push(
            Diagnostic::new(
                &SOURCE_TITLE_NOT_FOUND,
                source.title.span.clone(),
                "the title does not stand in the source's text",
            )
            .with_source(id.clone())
            .with_help("copy the headline as the article prints it"),
        );
    }
    if !article.names().mentions(&source.publisher.value) {
        out.push(
            Diagnostic::new(
                &SOURCE_PUBLISHER_NOT_FOUND,
                source.publisher.span.clone(),
                format!(
                    "`{}` is not named in the source's text",
                    source.publisher.value
                ),
            )
            .with_source(id.clone())
            .with_help("use the publisher's name as the article writes it"),
        );
    }
    if source.published_note.is_some() {
        return;
    }
    let published = source.published.value.days();
    let expressions = dates::find(&article.text, published, Direction::Past);
    let attested = expressions
        .iter()
        .any(|e| e.kind == ExpressionKind::FullDate && published.contains(&e.days));
    if !attested {
        let full: Vec<String> = expressions
            .iter()
            .filter(|e| e.kind == ExpressionKind::FullDate)
            .map(|e| format!("\"{}\" ({})", &article.text[e.range.clone()], e.days))
            .collect();
        let mut d = Diagnostic::new(
            &PUBLISHED_UNATTESTED,
            source.published.span.clone(),
            format!(
                "no full date in the text attests published = \"{}\"",
                source.published.value
            ),
        )
        .with_source(id)
        .with_help("add `published_note = \"…\"` saying where the date comes from");
        if !full.is_empty() {
            d = d.with_note(format!("full dates in the text: {}", full.join(", ")));
        }
        out.push(d);
    }
}
