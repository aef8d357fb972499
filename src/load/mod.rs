//! TOML to [`Timeline`]: every key checked for type and name, every value resolved, every
//! problem a [`Diagnostic`] at the span the curator wrote.
//!
//! The layers, each in its own file:
//! - `mod.rs` (here): reading the file within its cap, and the entry points;
//! - `split.rs`: cutting the file into its `[[events]]` entries, so a large file is parsed
//!   an entry at a time instead of as one spanned tree of 18 times its size;
//! - `walk.rs`: the schema, table by table, in terms of
//! - `access.rs`: typed access to TOML values, reporting wrong types and unknown keys;
//! - `values.rs`: what a well-typed value must also be (ids, titles, text);
//! - `sink.rs`: where findings go, with the event or source they concern given by scope;
//! - `rules.rs`: the shape rules all of these report.
//!
//! The document is walked by hand rather than through serde derive: a derive stops at the
//! first bad field, while a curator fixing a file wants every unknown key, wrong type and
//! bad date at once. An event or source with any error is left out of the [`Timeline`] (so
//! later stages see only valid data) but its findings are all kept, and the others load as
//! usual.

mod access;
pub mod rules;
mod sink;
mod split;
mod values;
mod walk;

pub use values::MAX_TITLE_CHARS;
pub(crate) use walk::SOURCE_KEYS;
/// The keys each table accepts: for the test that keeps `citeline schema` in step, and for
/// import, which writes a source's keys in this order.
#[cfg(test)]
pub(crate) use walk::{EVENT_KEYS, EVIDENCE_KEYS, ROOT_KEYS, TIMELINE_KEYS};

use crate::bounded::{self, ReadError};
use crate::diagnostic::Diagnostic;
use crate::model::Timeline;
use crate::parallel;
use rules::{MISSING_KEY, TOML_SYNTAX};
use sink::{Place, Sink};
use std::fmt;
use std::path::{Path, PathBuf};
use toml::de::DeTable;
use walk::Events;

/// The largest events file citeline reads. The benchmark's 100,000 events take 30 MB; a file
/// far beyond that is not a curated timeline.
pub const MAX_EVENTS_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why the events file could not be read at all. Problems *in* the file are diagnostics.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be opened or read.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The path names a folder.
    Directory { path: PathBuf },
    /// The file gives more than [`MAX_EVENTS_FILE_BYTES`].
    TooLarge { path: PathBuf },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, error } => {
                write!(f, "cannot read events file {}: {error}", path.display())
            }
            LoadError::Directory { path } => write!(
                f,
                "{} is a folder; name the events file in it, e.g. {}",
                path.display(),
                path.join("events.toml").display()
            ),
            LoadError::TooLarge { path } => write!(
                f,
                "events file {} holds more than the {} citeline reads; a curated timeline is far \
                 smaller (100,000 events take about 30 MB): split it, or check that this is the \
                 right file",
                path.display(),
                bounded::size(MAX_EVENTS_FILE_BYTES)
            ),
        }
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    /// Whether the file does not exist, for the command line's hint.
    pub fn is_not_found(&self) -> bool {
        matches!(self, LoadError::Io { error, .. } if error.kind() == std::io::ErrorKind::NotFound)
    }
}

/// A loaded events file: the valid part as a [`Timeline`], and every finding about it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub timeline: Timeline,
    pub diagnostics: Vec<Diagnostic>,
}

/// Read and load the events file at `path`. The file is read through its cap, so a device
/// or a pipe that never ends is refused, not read until memory runs out.
///
/// ```
/// let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("events.toml");
/// let loaded = citeline::load(&path).unwrap();
/// assert!(loaded.diagnostics.is_empty());
/// assert_eq!(loaded.timeline.sources.len(), 2);
/// assert!(citeline::load("no-such-file.toml".as_ref()).unwrap_err().is_not_found());
/// ```
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = bounded::read_capped(path, MAX_EVENTS_FILE_BYTES).map_err(|e| match e {
        ReadError::Io(error) => LoadError::Io {
            path: path.to_path_buf(),
            error,
        },
        ReadError::Directory => LoadError::Directory {
            path: path.to_path_buf(),
        },
        ReadError::TooLarge { .. } => LoadError::TooLarge {
            path: path.to_path_buf(),
        },
    })?;
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
    let syntax_errors = match split::entries(&text) {
        Some(entries) => walk_entries(&text, &entries, &mut timeline, &mut out),
        None => walk_whole(&text, &mut timeline, &mut out),
    };
    if syntax_errors {
        // What a recovering parse made of a broken document is a guess: walking it would
        // only add noise, so only the syntax errors are reported, every one of them.
        out.retain(|d| d.code == TOML_SYNTAX.code);
        timeline = Timeline {
            path: path.to_path_buf(),
            ..Timeline::default()
        };
    }
    timeline.text = text;
    Loaded {
        timeline,
        diagnostics: out,
    }
}

/// Parse `piece` (which lies at `place` in the file), reporting its syntax errors; whether
/// there were any.
fn parse<'i>(
    piece: &'i str,
    place: Place<'_>,
    out: &mut Vec<Diagnostic>,
) -> (toml::Spanned<DeTable<'i>>, bool) {
    let (root, errors) = DeTable::parse_recoverable(piece);
    let failed = !errors.is_empty();
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        out.push(
            Diagnostic::new(
                &TOML_SYNTAX,
                place.span(span),
                e.message().trim().to_string(),
            )
            .with_label("TOML syntax error here"),
        );
    }
    (root, failed)
}

fn walk_whole(text: &str, timeline: &mut Timeline, out: &mut Vec<Diagnostic>) -> bool {
    let (root, failed) = parse(text, Place::At(0), out);
    let mut sink = Sink::new(out, text, Place::At(0));
    let root = root.get_ref();
    let declared = walk::root(&mut sink, root, timeline);
    let mut events = Events::new(&declared);
    match root.get("events") {
        Some(v) => events.walk(&mut sink, v),
        None => no_events(&mut sink),
    }
    walk::merge(vec![events], &mut sink, timeline);
    failed
}

/// The split walk: the file without its entries first (sources must be known before the
/// evidence that cites them), then the entries, a share per core, parsed one at a time.
fn walk_entries(
    text: &str,
    entries: &[std::ops::Range<usize>],
    timeline: &mut Timeline,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let (declared, mut failed) = {
        let rest = split::Rest::new(text, entries);
        let (root, failed) = parse(&rest.text, Place::Rest(&rest), out);
        let mut sink = Sink::new(out, text, Place::Rest(&rest));
        let declared = walk::root(&mut sink, root.get_ref(), timeline);
        let conflict = root.get_ref().get_key_value("events");
        if let Some((key, _)) = conflict {
            sink.report(
                Diagnostic::new(
                    &TOML_SYNTAX,
                    sink.at(key.span()),
                    "`events` is defined here and again as [[events]] tables",
                )
                .with_label("TOML syntax error here"),
            );
        }
        (declared, failed || conflict.is_some())
    };
    let shares = parallel::map_chunks(entries, |entries| {
        let (mut found, mut events, mut failed) = (Vec::new(), Events::new(&declared), false);
        for entry in entries {
            let (root, entry_failed) =
                parse(&text[entry.clone()], Place::At(entry.start), &mut found);
            failed |= entry_failed;
            if let Some(v) = root.get_ref().get("events") {
                events.walk(&mut Sink::new(&mut found, text, Place::At(entry.start)), v);
            }
        }
        (events, found, failed)
    });
    let mut parts = Vec::with_capacity(shares.len());
    for (events, found, share_failed) in shares {
        out.extend(found);
        failed |= share_failed;
        parts.push(events);
    }
    walk::merge(parts, &mut Sink::new(out, text, Place::At(0)), timeline);
    failed
}

fn no_events(sink: &mut Sink<'_>) {
    sink.report(
        Diagnostic::whole_file(&MISSING_KEY, "the file defines no events")
            .with_help("add at least one [[events]] table (see `citeline explain missing-key`)"),
    );
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
    fn a_source_may_say_its_date_order() {
        use crate::text::dates::DateOrder;
        assert_eq!(load_text(GOOD).timeline.sources[0].date_order, None);
        for (name, order) in [
            ("dmy", DateOrder::Dmy),
            ("mdy", DateOrder::Mdy),
            ("ymd", DateOrder::Ymd),
        ] {
            let text = GOOD.replace(
                "published = \"2003-12-03\"",
                &format!("published = \"2003-12-03\"\ndate_order = \"{name}\""),
            );
            let loaded = load_text(&text);
            assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
            assert_eq!(loaded.timeline.sources[0].date_order, Some(order));
        }
        let text = GOOD.replace(
            "published = \"2003-12-03\"",
            "published = \"2003-12-03\"\ndate_order = \"DMY\"",
        );
        let loaded = load_text(&text);
        let d = &loaded.diagnostics[0];
        assert_eq!(d.code, "invalid-value");
        assert_eq!(d.source.as_deref(), Some("a"));
        let help = d.help.as_deref().unwrap();
        assert!(
            help.starts_with("did you mean `dmy`? `dmy`: 03/12/2003"),
            "{help}"
        );
        assert!(loaded.timeline.sources.is_empty(), "left out for its error");
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

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(1024))]
        /// Walking a file an entry at a time finds exactly what walking it whole finds.
        #[test]
        fn the_split_walk_equals_the_whole_walk(
            blocks in proptest::collection::vec(
                (proptest::sample::select(vec![0usize, 1, 1, 1, 2, 3, 3, 3, 4, 5]), proptest::collection::btree_set(0..KEY_LINES.len(), 0..4)),
                0..14,
            ),
        ) {
            let mut text = String::from("[sources.a]\nfile = \"a.txt\"\npublisher = \"P\"\ntitle = \"T\"\npublished = \"2003\"\n");
            for (n, (kind, keys)) in blocks.iter().enumerate() {
                text.push_str(match kind {
                    0 => "[[events]]\n",
                    1 => ["[[events]]\nid = \"one\"\n", "[[events]]\nid = \"two\"\n"][n % 2],
                    2 => "[[events.evidence]]\n",
                    3 => "date = \"2003-11-19\"\ntitle = \"t\"\n[[events.evidence]]\nsource = \"a\"\nquote = \"q\"\n",
                    4 => ["[sources.b]\n", "[sources.c]\n", "[sources.d]\n"][n % 3],
                    _ => "[timeline]\n",
                });
                // Keys of a complete block would repeat: only the others get extra keys.
                for &k in keys.iter().filter(|_| !matches!(kind, 1 | 3 | 4)) {
                    text.push_str(KEY_LINES[k]);
                    text.push('\n');
                }
            }
            let Some(entries) = split::entries(&text) else {
                return Ok(());
            };
            let walked = |whole: bool| {
                let (mut timeline, mut out) = (Timeline::default(), Vec::new());
                let failed = if whole {
                    walk_whole(&text, &mut timeline, &mut out)
                } else {
                    walk_entries(&text, &entries, &mut timeline, &mut out)
                };
                let mut found: Vec<_> = out.iter().map(|d| (d.code, d.span.as_ref().map(|s| (s.start, s.end)), d.message.clone(), d.event.clone(), d.source.clone())).collect();
                found.sort();
                let events: Vec<_> = timeline.events.iter().map(|e| (e.id.clone(), e.span.clone(), e.evidence.len())).collect();
                (failed, found, events, timeline.sources.len(), timeline.cited_sources.clone())
            };
            let (whole, split) = (walked(true), walked(false));
            // After a syntax error only syntax errors are reported, found piece by piece by
            // the split walk, so only that there was one must agree.
            if !whole.0 && !split.0 {
                proptest::prop_assert_eq!(whole, split, "{}", text);
            } else {
                proptest::prop_assert_eq!(whole.0, split.0, "{}", text);
            }
        }
    }

    /// Key lines of the split-walk cases: right and wrong keys and values of every table.
    const KEY_LINES: &[&str] = &[
        "id = \"one\"",
        "id = \"Bad Id\"",
        "date = \"2003-11-19\"",
        "date = \"2003-13\"",
        "title = \"t\"",
        "source = \"a\"",
        "source = \"c\"",
        "quote = \"on 19 November\"",
        "file = \"a.txt\"",
        "publisher = \"P\"",
        "published = \"2003-12-03\"",
        "colour = \"red\"",
        "tags = [\n\"x\",\n]",
        "dated_by = \"inference\"",
    ];
}
