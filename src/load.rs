//! TOML to [`Timeline`]: every key checked for type and name, every value resolved, every
//! problem a [`Diagnostic`] at the span the curator wrote.
//!
//! The file is parsed once into toml's spanned document tree and walked by hand rather than
//! through serde derive: a derive stops at the first bad field, while a curator fixing a file
//! wants every unknown key, wrong type and bad date at once. An event or source with any
//! error is left out of the [`Timeline`] (so later stages see only valid data) but its
//! findings are all kept, and the others load as usual.

use crate::check::shape::*;
use crate::date::{self, Edtf};
use crate::diagnostic::Diagnostic;
use crate::lines::LineIndex;
use crate::model::{Alias, DatedBy, Event, Evidence, Source, Span, Spanned, Status, Timeline};
use crate::rules::Rule;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

/// The largest events file citeline reads. The benchmark's 100,000 events take 30 MB; a file
/// far beyond that is not a curated timeline, and parsing it would take gigabytes of memory.
pub const MAX_EVENTS_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The longest event title: it is the chart label.
pub const MAX_TITLE_CHARS: usize = 80;

/// Why the events file could not be read at all. Problems *in* the file are diagnostics.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be opened or read.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The file is larger than [`MAX_EVENTS_FILE_BYTES`].
    TooLarge { path: PathBuf, bytes: u64 },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, error } => {
                write!(f, "cannot read events file {}: {error}", path.display())
            }
            LoadError::TooLarge { path, bytes } => write!(
                f,
                "events file {} has {bytes} bytes, more than the {} MiB citeline reads",
                path.display(),
                MAX_EVENTS_FILE_BYTES / (1024 * 1024)
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// A loaded events file: the valid part as a [`Timeline`], and every finding about it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub timeline: Timeline,
    pub diagnostics: Vec<Diagnostic>,
}

/// Read and load the events file at `path`.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let io = |error| LoadError::Io {
        path: path.to_path_buf(),
        error,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::Error::other("it is a directory")));
    }
    if meta.len() > MAX_EVENTS_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            bytes: meta.len(),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => load_str(path, text),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let d = Diagnostic::new(
                &TOML_SYNTAX,
                offset..offset,
                format!("the events file is not UTF-8: invalid byte at offset {offset}"),
            )
            .with_help("save the file as UTF-8");
            Loaded {
                timeline: Timeline {
                    path: path.to_path_buf(),
                    text,
                    ..Timeline::default()
                },
                diagnostics: vec![d],
            }
        }
    })
}

/// Load events from `text`, which was read from `path` (used for messages and to resolve
/// source files).
///
/// ```
/// use std::path::Path;
/// let text = r#"
/// [[events]]
/// id = "talks"
/// date = "2003-11-19"
/// titel = "Talks begin"
/// "#;
/// let loaded = citeline::load_str(Path::new("events.toml"), text.to_string());
/// let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
/// assert_eq!(codes, ["unknown-key", "missing-key", "missing-key"]);
/// assert_eq!(loaded.diagnostics[0].help.as_deref(), Some("did you mean `title`?"));
/// assert!(loaded.timeline.events.is_empty(), "an event with errors is left out");
/// ```
pub fn load_str(path: &Path, text: String) -> Loaded {
    let mut out = Vec::new();
    let mut timeline = Timeline {
        path: path.to_path_buf(),
        ..Timeline::default()
    };
    // Recovering parse: every syntax error at once, rather than one per run. What it
    // recovered is not walked, since a guess at a broken document would only add noise.
    let (root, errors) = DeTable::parse_recoverable(&text);
    if errors.is_empty() {
        walk_root(&mut timeline, root.get_ref(), &text, &mut out);
    }
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        out.push(
            Diagnostic::new(&TOML_SYNTAX, span, e.message().trim().to_string())
                .with_label("TOML syntax error here"),
        );
    }
    timeline.text = text;
    Loaded {
        timeline,
        diagnostics: out,
    }
}

const ROOT_KEYS: &[&str] = &["timeline", "aliases", "sources", "events"];
const TIMELINE_KEYS: &[&str] = &["title", "subtitle"];
const SOURCE_KEYS: &[&str] = &[
    "file",
    "publisher",
    "title",
    "published",
    "published_note",
    "url",
    "sha256",
];
const EVENT_KEYS: &[&str] = &[
    "id",
    "date",
    "title",
    "summary",
    "place",
    "actors",
    "tags",
    "status",
    "dated_by",
    "date_note",
    "evidence",
];
const EVIDENCE_KEYS: &[&str] = &["source", "quote"];

type Value<'i> = toml::Spanned<DeValue<'i>>;

/// Reports into a shared list and remembers whether anything was reported since a mark,
/// which is how an entry with errors is kept out of the timeline.
struct Sink<'o> {
    out: &'o mut Vec<Diagnostic>,
    text: &'o str,
    event: Option<String>,
    source: Option<String>,
}

impl Sink<'_> {
    fn report(&mut self, mut d: Diagnostic) {
        if d.event.is_none() {
            d.event = self.event.clone();
        }
        if d.source.is_none() {
            d.source = self.source.clone();
        }
        self.out.push(d);
    }

    fn error(&mut self, rule: &Rule, span: Span, message: impl Into<String>) {
        self.report(Diagnostic::new(rule, span, message));
    }

    fn mark(&self) -> usize {
        self.out.len()
    }

    fn clean_since(&self, mark: usize) -> bool {
        self.out.len() == mark
    }
}

fn walk_root(timeline: &mut Timeline, root: &DeTable<'_>, text: &str, out: &mut Vec<Diagnostic>) {
    let mut sink = Sink {
        out,
        text,
        event: None,
        source: None,
    };
    unknown_keys(&mut sink, root, ROOT_KEYS, "at the top level");
    if let Some(v) = root.get("timeline") {
        if let Some(t) = table(&mut sink, v, "timeline") {
            unknown_keys(&mut sink, t, TIMELINE_KEYS, "in [timeline]");
            timeline.title = opt_text(&mut sink, t, "title");
            timeline.subtitle = opt_text(&mut sink, t, "subtitle");
        }
    }
    if let Some(v) = root.get("aliases") {
        timeline.aliases = aliases(&mut sink, v);
    }
    let mut declared = HashSet::new();
    if let Some(v) = root.get("sources") {
        if let Some(t) = table(&mut sink, v, "sources") {
            for (key, value) in t.iter() {
                declared.insert(key.get_ref().to_string());
                if let Some(source) = source(&mut sink, key, value) {
                    let at = timeline.sources.len();
                    timeline.source_index.insert(source.id.value.clone(), at);
                    timeline.sources.push(source);
                }
            }
        }
    }
    match root.get("events") {
        Some(v) => timeline.events = events(&mut sink, v, &declared, &mut timeline.cited_sources),
        None => sink.report(
            Diagnostic::whole_file(&MISSING_KEY, "the file defines no events").with_help(
                "add at least one [[events]] table (see `citeline explain missing-key`)",
            ),
        ),
    }
}

fn aliases(sink: &mut Sink<'_>, value: &Value<'_>) -> Vec<Alias> {
    let Some(t) = table(sink, value, "aliases") else {
        return Vec::new();
    };
    let mut aliases = Vec::new();
    for (key, value) in t.iter() {
        let name = Spanned::new(key.get_ref().to_string(), key.span());
        if let Some(spellings) = text_list(sink, value, &format!("aliases.\"{}\"", name.value)) {
            aliases.push(Alias { name, spellings });
        }
    }
    aliases
}

fn source(
    sink: &mut Sink<'_>,
    key: &toml::Spanned<std::borrow::Cow<'_, str>>,
    value: &Value<'_>,
) -> Option<Source> {
    let id = Spanned::new(key.get_ref().to_string(), key.span());
    sink.source = Some(id.value.clone());
    let mark = sink.mark();
    check_id(sink, &id, "source");
    let t = table(sink, value, &format!("sources.{}", id.value))?;
    unknown_keys(sink, t, SOURCE_KEYS, &format!("in [sources.{}]", id.value));
    let header = key.span();
    let file = req_text(sink, t, "file", &header);
    let publisher = req_text(sink, t, "publisher", &header);
    let title = req_text(sink, t, "title", &header);
    let published = req_date(sink, t, "published", &header);
    if let Some(p) = &published {
        if matches!(
            p.value,
            Edtf::Interval { start: None, .. } | Edtf::Interval { end: None, .. }
        ) {
            sink.report(
                Diagnostic::new(
                    &INVALID_DATE,
                    p.span.clone(),
                    "`published` may not be open-ended",
                )
                .with_help("give both ends, e.g. \"2012-07?/2013-11?\""),
            );
        }
    }
    let published_note = opt_text(sink, t, "published_note");
    let url = opt_text(sink, t, "url");
    let sha256 = opt_text(sink, t, "sha256");
    if let Some(pin) = &sha256 {
        if pin.value.len() != 64 || !pin.value.bytes().all(|b| b.is_ascii_hexdigit()) {
            sink.error(
                &INVALID_VALUE,
                pin.span.clone(),
                "`sha256` must be 64 hexadecimal digits",
            );
        }
    }
    sink.source = None;
    let ok = sink.clean_since(mark);
    Some(Source {
        id,
        file: file?,
        publisher: publisher?,
        title: title?,
        published: published?,
        published_note,
        url,
        sha256,
    })
    .filter(|_| ok)
}

fn events(
    sink: &mut Sink<'_>,
    value: &Value<'_>,
    declared: &HashSet<String>,
    cited: &mut BTreeSet<String>,
) -> Vec<Event> {
    let Some(items) = value.get_ref().as_array() else {
        sink.error(
            &INVALID_TYPE,
            value.span(),
            format!(
                "`events` must be an array of tables ([[events]]), found {}",
                value.get_ref().type_str()
            ),
        );
        return Vec::new();
    };
    let mut seen: HashMap<String, Span> = HashMap::new();
    let mut events = Vec::new();
    for item in items.iter() {
        if let Some(event) = event(sink, item, declared, &mut seen, cited) {
            events.push(event);
        }
    }
    if items.is_empty() {
        sink.error(&MISSING_KEY, value.span(), "`events` is empty");
    }
    events
}

fn event(
    sink: &mut Sink<'_>,
    item: &Value<'_>,
    declared: &HashSet<String>,
    seen: &mut HashMap<String, Span>,
    cited: &mut BTreeSet<String>,
) -> Option<Event> {
    let mark = sink.mark();
    sink.event = None;
    let t = table(sink, item, "events")?;
    let span = item.span();
    let id = req_text(sink, t, "id", &span);
    if let Some(id) = &id {
        sink.event = Some(id.value.clone());
        check_id(sink, id, "event");
        if let Some(first) = seen.get(&id.value) {
            let (first_line, first_col) =
                LineIndex::new(sink.text).line_col(sink.text, first.start);
            sink.report(
                Diagnostic::new(
                    &DUPLICATE_ID,
                    id.span.clone(),
                    format!("event id `{}` is used twice", id.value),
                )
                .with_label("second use")
                .with_note(format!(
                    "first used at line {}, column {}",
                    first_line, first_col
                )),
            );
        } else {
            seen.insert(id.value.clone(), id.span.clone());
        }
    }
    unknown_keys(sink, t, EVENT_KEYS, "in [[events]]");
    let date = req_date(sink, t, "date", &span);
    let title = req_text(sink, t, "title", &span);
    if let Some(title) = &title {
        check_title(sink, title);
    }
    let summary = opt_text(sink, t, "summary");
    let place = opt_text(sink, t, "place");
    let actors = opt_list(sink, t, "actors");
    let tags = opt_list(sink, t, "tags");
    let status = choice(
        sink,
        t,
        "status",
        &[("happened", Status::Happened), ("planned", Status::Planned)],
    );
    let dated_by = choice(
        sink,
        t,
        "dated_by",
        &[
            ("quote", DatedBy::Quote),
            ("publication", DatedBy::Publication),
            ("inference", DatedBy::Inference),
        ],
    );
    let date_note = opt_text(sink, t, "date_note");
    let dated_by = dated_by.unwrap_or_else(|| Spanned::new(DatedBy::Quote, span.clone()));
    if dated_by.value == DatedBy::Inference && date_note.is_none() {
        sink.report(
            Diagnostic::new(
                &MISSING_DATE_NOTE,
                dated_by.span.clone(),
                "an inferred date needs a `date_note`",
            )
            .with_help("add `date_note = \"…\"` saying how the date was inferred"),
        );
    }
    let evidence = evidence_list(sink, t, &span, declared, cited);
    let ok = sink.clean_since(mark);
    let event = Event {
        id: id?,
        date: date?,
        title: title?,
        summary,
        place,
        actors,
        tags,
        status: status.map(|s| s.value).unwrap_or_default(),
        dated_by,
        date_note,
        evidence,
        span,
    };
    sink.event = None;
    ok.then_some(event)
}

fn evidence_list(
    sink: &mut Sink<'_>,
    t: &DeTable<'_>,
    event_span: &Span,
    declared: &HashSet<String>,
    cited: &mut BTreeSet<String>,
) -> Vec<Evidence> {
    let Some(value) = t.get("evidence") else {
        sink.report(
            Diagnostic::new(
                &MISSING_KEY,
                event_span.clone(),
                "the event has no evidence",
            )
            .with_help("add an [[events.evidence]] table with `source` and `quote`"),
        );
        return Vec::new();
    };
    let Some(items) = value.get_ref().as_array() else {
        sink.error(
            &INVALID_TYPE,
            value.span(),
            "`evidence` must be an array of tables ([[events.evidence]])",
        );
        return Vec::new();
    };
    if items.is_empty() {
        sink.error(&MISSING_KEY, value.span(), "`evidence` is empty");
    }
    let mut list = Vec::new();
    for item in items.iter() {
        let Some(e) = table(sink, item, "events.evidence") else {
            continue;
        };
        unknown_keys(sink, e, EVIDENCE_KEYS, "in [[events.evidence]]");
        let source = req_text(sink, e, "source", &item.span());
        let quote = req_text(sink, e, "quote", &item.span());
        if let Some(source) = &source {
            cited.insert(source.value.clone());
            if !declared.contains(&source.value) {
                let mut d = Diagnostic::new(
                    &UNDECLARED_SOURCE,
                    source.span.clone(),
                    format!("no source `{}` is declared", source.value),
                );
                d = match closest(&source.value, declared.iter().map(String::as_str)) {
                    Some(near) => d.with_help(format!("did you mean `{near}`?")),
                    None => d.with_help(format!("declare it as [sources.{}]", source.value)),
                };
                sink.report(d.with_source(source.value.clone()));
            }
        }
        if let (Some(source), Some(quote)) = (source, quote) {
            list.push(Evidence { source, quote });
        }
    }
    list
}

fn check_id(sink: &mut Sink<'_>, id: &Spanned<String>, what: &str) {
    let bytes = id.value.as_bytes();
    let valid = bytes
        .first()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-');
    if !valid {
        sink.report(
            Diagnostic::new(
                &INVALID_ID,
                id.span.clone(),
                format!(
                    "{what} id `{}` is not of the form ^[a-z0-9][a-z0-9-]*$",
                    ellipsis(&id.value, 40)
                ),
            )
            .with_help(format!("try `{}`", suggest_id(&id.value))),
        );
    }
}

fn suggest_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
        if id.len() >= 40 {
            break;
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "event-1".into()
    } else {
        id.into()
    }
}

fn check_title(sink: &mut Sink<'_>, title: &Spanned<String>) {
    let chars = title.value.chars().count();
    if title.value.trim().is_empty() {
        sink.error(&INVALID_TITLE, title.span.clone(), "the title is empty");
    } else if chars > MAX_TITLE_CHARS {
        sink.report(
            Diagnostic::new(
                &INVALID_TITLE,
                title.span.clone(),
                format!(
                    "the title has {chars} characters; at most {MAX_TITLE_CHARS} fit a chart label"
                ),
            )
            .with_help("shorten it and move the rest to `summary`"),
        );
    }
}

/// A text value: any string without control characters other than tab and line breaks,
/// because those would corrupt terminal output and the chart.
fn check_text(sink: &mut Sink<'_>, key: &str, value: &str, span: Span) -> bool {
    let bad = value
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\t' | '\r'));
    if let Some((i, c)) = bad {
        sink.report(
            Diagnostic::new(
                &INVALID_VALUE,
                span,
                format!(
                    "`{key}` holds the control character U+{:04X} at character {}",
                    c as u32,
                    value[..i].chars().count() + 1
                ),
            )
            .with_help("remove it; control characters cannot be shown in a chart or a terminal"),
        );
        return false;
    }
    if value.trim().is_empty() {
        sink.error(&INVALID_VALUE, span, format!("`{key}` is empty"));
        return false;
    }
    true
}

fn table<'a, 'i>(sink: &mut Sink<'_>, value: &'a Value<'i>, name: &str) -> Option<&'a DeTable<'i>> {
    let t = value.get_ref().as_table();
    if t.is_none() {
        sink.error(
            &INVALID_TYPE,
            value.span(),
            format!(
                "`{name}` must be a table, found {}",
                value.get_ref().type_str()
            ),
        );
    }
    t
}

fn req_text(
    sink: &mut Sink<'_>,
    t: &DeTable<'_>,
    key: &str,
    parent: &Span,
) -> Option<Spanned<String>> {
    if t.get(key).is_none() {
        sink.report(
            Diagnostic::new(
                &MISSING_KEY,
                parent.clone(),
                format!("missing required key `{key}`"),
            )
            .with_label(format!("`{key}` is required here")),
        );
        return None;
    }
    opt_text(sink, t, key)
}

fn opt_text(sink: &mut Sink<'_>, t: &DeTable<'_>, key: &str) -> Option<Spanned<String>> {
    let value = t.get(key)?;
    let text = string(sink, value, key)?;
    check_text(sink, key, &text.value, text.span.clone()).then_some(text)
}

fn string(sink: &mut Sink<'_>, value: &Value<'_>, key: &str) -> Option<Spanned<String>> {
    match value.get_ref() {
        DeValue::String(s) => Some(Spanned::new(s.to_string(), value.span())),
        other => {
            let mut d = Diagnostic::new(
                &INVALID_TYPE,
                value.span(),
                format!("`{key}` must be text, found {}", other.type_str()),
            );
            if other.is_datetime() {
                d = d.with_help(format!(
                    "write dates as text: {key} = \"{}\"",
                    other
                        .as_datetime()
                        .map(ToString::to_string)
                        .unwrap_or_default()
                ));
            }
            sink.report(d);
            None
        }
    }
}

fn opt_list(sink: &mut Sink<'_>, t: &DeTable<'_>, key: &str) -> Vec<Spanned<String>> {
    t.get(key)
        .and_then(|v| text_list(sink, v, key))
        .unwrap_or_default()
}

fn text_list(sink: &mut Sink<'_>, value: &Value<'_>, key: &str) -> Option<Vec<Spanned<String>>> {
    let Some(items) = value.get_ref().as_array() else {
        sink.error(
            &INVALID_TYPE,
            value.span(),
            format!(
                "`{key}` must be a list of text, found {}",
                value.get_ref().type_str()
            ),
        );
        return None;
    };
    let mut list = Vec::new();
    for item in items.iter() {
        let text = string(sink, item, key)?;
        if check_text(sink, key, &text.value, text.span.clone()) {
            list.push(text);
        }
    }
    Some(list)
}

fn req_date(
    sink: &mut Sink<'_>,
    t: &DeTable<'_>,
    key: &str,
    parent: &Span,
) -> Option<Spanned<Edtf>> {
    let text = req_text(sink, t, key, parent)?;
    let quote = opening_quote_len(sink.text, &text.span);
    match date::parse(&text.value) {
        Ok(d) => Some(Spanned::new(d, text.span)),
        Err(e) => {
            let at = (text.span.start + quote + e.offset).min(text.span.end);
            sink.report(
                Diagnostic::new(&INVALID_DATE, at..text.span.end.saturating_sub(quote).max(at + 1), format!("invalid {key} `{}`: {}", ellipsis(&text.value, 40), e.message))
                    .with_help("dates are YYYY, YYYY-MM or YYYY-MM-DD, with an optional ?, ~ or %, or START/END intervals"),
            );
            None
        }
    }
}

/// Length of the opening delimiter of the string at `span`, so that an offset into the
/// value becomes an offset into the file (exact unless the string holds escapes).
fn opening_quote_len(text: &str, span: &Span) -> usize {
    let raw = text.get(span.clone()).unwrap_or("");
    if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else if raw.starts_with(['"', '\'']) {
        1
    } else {
        0
    }
}

fn choice<T: Copy>(
    sink: &mut Sink<'_>,
    t: &DeTable<'_>,
    key: &str,
    options: &[(&str, T)],
) -> Option<Spanned<T>> {
    let text = opt_text(sink, t, key)?;
    match options.iter().find(|(name, _)| *name == text.value) {
        Some((_, v)) => Some(Spanned::new(*v, text.span)),
        None => {
            let names: Vec<String> = options.iter().map(|(n, _)| format!("`{n}`")).collect();
            let mut d = Diagnostic::new(
                &INVALID_VALUE,
                text.span.clone(),
                format!(
                    "`{key}` must be one of {}, found `{}`",
                    names.join(", "),
                    ellipsis(&text.value, 40)
                ),
            );
            if let Some(near) = closest(&text.value, options.iter().map(|(n, _)| *n)) {
                d = d.with_help(format!("did you mean `{near}`?"));
            }
            sink.report(d);
            None
        }
    }
}

fn unknown_keys(sink: &mut Sink<'_>, t: &DeTable<'_>, known: &[&str], place: &str) {
    for (key, _) in t.iter() {
        let name = key.get_ref();
        if known.contains(&name.as_ref()) {
            continue;
        }
        let mut d = Diagnostic::new(
            &UNKNOWN_KEY,
            key.span(),
            format!("unknown key `{}` {place}", ellipsis(name, 40)),
        )
        .with_label("not a citeline key");
        d = match closest(name, known.iter().copied()) {
            Some(near) => d.with_help(format!("did you mean `{near}`?")),
            None => d.with_note(format!("known keys: {}", known.join(", "))),
        };
        sink.report(d);
    }
}

/// The candidate nearest to `word` by edit distance, if it is near enough to be a typo.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let normal = |s: &str| s.to_lowercase().replace(['-', ' '], "_");
    let target = normal(word);
    candidates
        .map(|c| (strsim::damerau_levenshtein(&target, &normal(c)), c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(1) + usize::from(*d == 0))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// At most `max` characters of `text`, with `…` when cut: messages never carry a 10 MB value.
pub(crate) fn ellipsis(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Loaded {
        load_str(Path::new("events.toml"), text.to_string())
    }

    #[track_caller]
    fn codes(text: &str) -> Vec<&'static str> {
        load_text(text).diagnostics.iter().map(|d| d.code).collect()
    }

    const GOOD: &str = r#"
[sources.a]
file = "a.txt"
publisher = "P"
title = "T"
published = "2003-12-03"

[[events]]
id = "one"
date = "2003-11-19"
title = "A meeting"

[[events.evidence]]
source = "a"
quote = "on 19 November"
"#;

    #[test]
    fn a_good_file_loads_whole() {
        let loaded = load_text(GOOD);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let t = &loaded.timeline;
        assert_eq!(t.sources.len(), 1);
        assert_eq!(t.events.len(), 1);
        assert_eq!(t.events[0].evidence[0].quote.value, "on 19 November");
        assert_eq!(&t.text[t.events[0].id.span.clone()], "\"one\"");
    }

    #[test]
    fn unknown_keys_suggest_the_near_one() {
        let text = GOOD.replace(
            "title = \"A meeting\"",
            "title = \"A meeting\"\ndated-by = \"quote\"",
        );
        let loaded = load_text(&text);
        let d = &loaded.diagnostics[0];
        assert_eq!(d.code, "unknown-key");
        assert_eq!(d.help.as_deref(), Some("did you mean `dated_by`?"));
        assert_eq!(d.event.as_deref(), Some("one"));
        assert!(loaded.timeline.events.is_empty());
    }

    #[test]
    fn one_bad_event_does_not_hide_the_next() {
        let text = format!(
            "{GOOD}\n[[events]]\nid = \"Two\"\ndate = \"2003-02-30\"\ntitle = \"\"\n[[events.evidence]]\nsource = \"b\"\nquote = \"x\"\n\n[[events]]\nid = \"three\"\ndate = 2003-11-19\ntitle = \"ok\"\n"
        );
        let found = codes(&text);
        for code in [
            "invalid-id",
            "invalid-date",
            "invalid-value",
            "undeclared-source",
            "invalid-type",
            "missing-key",
        ] {
            assert!(found.contains(&code), "{code} missing from {found:?}");
        }
        assert_eq!(load_text(&text).timeline.events.len(), 1);
    }

    #[test]
    fn date_errors_point_into_the_value() {
        let text = GOOD.replace("2003-11-19", "2003-13-19");
        let loaded = load_text(&text);
        let d = &loaded.diagnostics[0];
        assert_eq!(d.code, "invalid-date");
        assert_eq!(&text[d.span.clone().unwrap()][..2], "13");
    }

    #[test]
    fn syntax_errors_and_empty_files() {
        assert_eq!(codes("[[events]\nid = 1"), ["toml-syntax"]);
        let two = "[[events]]\nid = \"a\nx = 1\n[[events]]\nid = \"b\"\ntitle = \"c\n";
        assert_eq!(codes(two), ["toml-syntax", "toml-syntax"]);
        assert_eq!(codes(""), ["missing-key"]);
    }

    #[test]
    fn inference_needs_a_note_and_titles_have_a_limit() {
        let text = GOOD.replace(
            "title = \"A meeting\"",
            &format!("title = \"{}\"\ndated_by = \"inference\"", "x".repeat(81)),
        );
        let found = codes(&text);
        assert_eq!(found, ["invalid-title", "missing-date-note"]);
    }

    #[test]
    fn control_characters_are_rejected() {
        let text = GOOD.replace("A meeting", "A\\u0007 meeting");
        assert_eq!(codes(&text), ["invalid-value"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(256))]
        /// Any text, and any splice of valid lines, loads without panicking, and every
        /// finding's span lies inside the text on character boundaries.
        #[test]
        fn any_input_loads_without_panicking(
            lines in proptest::collection::vec(proptest::sample::select(GOOD.lines().collect::<Vec<_>>()), 0..40),
            noise in "\\PC{0,40}",
        ) {
            let text = format!("{}\n{noise}", lines.join("\n"));
            let loaded = load_text(&text);
            for d in &loaded.diagnostics {
                if let Some(span) = &d.span {
                    proptest::prop_assert!(span.start <= span.end && span.end <= text.len());
                    proptest::prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                }
            }
        }
    }

    #[test]
    fn did_you_mean_is_only_for_near_words() {
        assert_eq!(
            closest("publishd", SOURCE_KEYS.iter().copied()),
            Some("published")
        );
        assert_eq!(closest("colour", SOURCE_KEYS.iter().copied()), None);
        assert_eq!(ellipsis("abcdef", 3), "abc…");
    }
}
