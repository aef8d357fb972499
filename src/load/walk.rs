//! The schema walk: the events file's tables and keys, in terms of the typed accessors of
//! `access.rs`. It walks either one whole document or, for large files, the part without
//! events and then each `[[events]]` entry on its own (`split.rs` decides), shares of them
//! on several threads as [`Events`]; [`merge`] joins the shares in file order.

use super::access::{
    choice, opt_bool, opt_date, opt_list, opt_text, req_date, req_text, table, text_list,
    unknown_keys, Value,
};
use super::rules::{DUPLICATE_ID, INVALID_DATE, INVALID_TYPE, INVALID_VALUE};
use super::rules::{MISSING_DATE_NOTE, MISSING_KEY, UNDECLARED_SOURCE};
use super::sink::Sink;
use super::values::{check_id, check_title};
use crate::date::Edtf;
use crate::diagnostic::Diagnostic;
use crate::model::{Alias, DatedBy, Event, Evidence, Source, Span, Spanned, Status, Timeline};
use crate::text::dates::DateOrder;
use crate::text::suggest::closest;
use std::collections::{BTreeSet, HashMap};
use toml::de::DeTable;

pub(crate) const ROOT_KEYS: &[&str] = &["timeline", "aliases", "sources", "events"];
pub(crate) const TIMELINE_KEYS: &[&str] = &["title", "subtitle", "fonts"];
pub(crate) const SOURCE_KEYS: &[&str] = &[
    "file",
    "publisher",
    "title",
    "published",
    "published_note",
    "url",
    "archive_url",
    "archived",
    "accessed",
    "sha256",
    "date_order",
];
pub(crate) const EVENT_KEYS: &[&str] = &[
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
    "key",
];
pub(crate) const EVIDENCE_KEYS: &[&str] = &["source", "quote"];

/// Everything but the events: `[timeline]`, `[aliases]`, `[sources.*]`, and unknown
/// top-level keys. Returns every `[sources.ID]` key, valid or not: evidence naming a broken
/// source is not "undeclared".
pub(super) fn root(
    sink: &mut Sink<'_>,
    root: &DeTable<'_>,
    timeline: &mut Timeline,
) -> BTreeSet<String> {
    let mut declared = BTreeSet::new();
    {
        unknown_keys(sink, root, ROOT_KEYS, "at the top level");
        if let Some(v) = root.get("timeline") {
            if let Some(t) = table(sink, v, "timeline") {
                unknown_keys(sink, t, TIMELINE_KEYS, "in [timeline]");
                timeline.title = opt_text(sink, t, "title");
                timeline.subtitle = opt_text(sink, t, "subtitle");
                timeline.fonts = opt_list(sink, t, "fonts");
            }
        }
        if let Some(v) = root.get("aliases") {
            timeline.aliases = aliases(sink, v);
        }
        if let Some(v) = root.get("sources") {
            if let Some(t) = table(sink, v, "sources") {
                for (key, value) in t.iter() {
                    declared.insert(key.get_ref().to_string());
                    if let Some(source) = source(sink, key, value) {
                        let at = timeline.sources.len();
                        timeline.source_index.insert(source.id.value.clone(), at);
                        timeline.sources.push(source);
                    }
                }
            }
        }
    }
    declared
}

/// The walk of events: one per thread over its share of the file's entries, merged in file
/// order by [`merge`], which is where ids used twice are found.
pub(super) struct Events<'d> {
    declared: &'d BTreeSet<String>,
    /// The suggestion for each undeclared source id, found once: 100,000 events citing a
    /// misspelt id must not compare it with every declared id 100,000 times.
    suggestions: HashMap<String, Option<String>>,
    /// Each event's id as written, in file order, with its place in `events` if it loaded.
    ids: Vec<(Spanned<String>, Option<usize>)>,
    events: Vec<Event>,
    /// Every source id that some evidence names, broken events included.
    cited: BTreeSet<String>,
}

impl<'d> Events<'d> {
    pub(super) fn new(declared: &'d BTreeSet<String>) -> Self {
        Self {
            declared,
            suggestions: HashMap::new(),
            ids: Vec::new(),
            events: Vec::new(),
            cited: BTreeSet::new(),
        }
    }

    /// The value of `events` (an array of tables).
    pub(super) fn walk(&mut self, sink: &mut Sink<'_>, value: &Value<'_>) {
        let Some(items) = value.get_ref().as_array() else {
            sink.error(
                &INVALID_TYPE,
                sink.at(value.span()),
                format!(
                    "`events` must be an array of tables ([[events]]), found {}",
                    value.get_ref().type_str()
                ),
            );
            return;
        };
        if items.is_empty() {
            sink.error(&MISSING_KEY, sink.at(value.span()), "`events` is empty");
        }
        for item in items.iter() {
            let (id, event) = self.event(sink, item);
            let at = event.map(|e| {
                self.events.push(e);
                self.events.len() - 1
            });
            if let Some(id) = id {
                self.ids.push((id, at));
            }
        }
    }

    /// One event and its id as written (kept for finding ids used twice, even when the
    /// event has other errors).
    fn event(
        &mut self,
        sink: &mut Sink<'_>,
        item: &Value<'_>,
    ) -> (Option<Spanned<String>>, Option<Event>) {
        let Some(t) = table(sink, item, "events") else {
            return (None, None);
        };
        let span = sink.at(item.span());
        let mark = sink.mark();
        let id = req_text(sink, t, "id", &span);
        let mut sink = sink.within_event(id.as_ref().map(|id| id.value.as_str()));
        let sink = &mut sink;
        if let Some(id) = &id {
            check_id(sink, id, "event");
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
        let key = opt_bool(sink, t, "key");
        let status = choice(sink, t, "status", &Status::SPELLINGS, None);
        let dated_by = choice(sink, t, "dated_by", &DatedBy::SPELLINGS, None);
        let date_note = opt_text(sink, t, "date_note");
        let dated_by = dated_by.unwrap_or_else(|| Spanned::new(DatedBy::Quote, span.clone()));
        // A note that is there but invalid has its own finding.
        if dated_by.value == DatedBy::Inference && t.get("date_note").is_none() {
            sink.report(
                Diagnostic::new(
                    &MISSING_DATE_NOTE,
                    dated_by.span.clone(),
                    "an inferred date needs a `date_note`",
                )
                .with_help("add `date_note = \"…\"` saying how the date was inferred"),
            );
        }
        let evidence = self.evidence(sink, t, &span);
        let ok = sink.clean_since(mark);
        let (Some(id), Some(date), Some(title)) = (id.clone(), date, title) else {
            return (id, None);
        };
        let event = Event {
            id,
            date,
            title,
            summary,
            place,
            actors,
            tags,
            status: status.map(|s| s.value).unwrap_or_default(),
            dated_by,
            date_note,
            evidence,
            key,
            span,
        };
        (Some(event.id.clone()), ok.then_some(event))
    }

    fn evidence(
        &mut self,
        sink: &mut Sink<'_>,
        t: &DeTable<'_>,
        event_span: &Span,
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
                sink.at(value.span()),
                "`evidence` must be an array of tables ([[events.evidence]])",
            );
            return Vec::new();
        };
        if items.is_empty() {
            sink.error(&MISSING_KEY, sink.at(value.span()), "`evidence` is empty");
        }
        let mut list = Vec::new();
        for item in items.iter() {
            let Some(e) = table(sink, item, "events.evidence") else {
                continue;
            };
            let item_span = sink.at(item.span());
            unknown_keys(sink, e, EVIDENCE_KEYS, "in [[events.evidence]]");
            let source = req_text(sink, e, "source", &item_span);
            let quote = req_text(sink, e, "quote", &item_span);
            if let Some(source) = &source {
                if !self.cited.contains(&source.value) {
                    self.cited.insert(source.value.clone());
                }
                if !self.declared.contains(&source.value) {
                    self.undeclared(sink, source);
                }
            }
            if let (Some(source), Some(quote)) = (source, quote) {
                list.push(Evidence { source, quote });
            }
        }
        list
    }

    fn undeclared(&mut self, sink: &mut Sink<'_>, source: &Spanned<String>) {
        let d = Diagnostic::new(
            &UNDECLARED_SOURCE,
            source.span.clone(),
            format!(
                "no source `{}` is declared",
                crate::text::shorten::ellipsis(&source.value, 40)
            ),
        );
        let declared = self.declared;
        let near = self
            .suggestions
            .entry(source.value.clone())
            .or_insert_with(|| {
                closest(&source.value, declared.iter().map(String::as_str)).map(str::to_string)
            });
        let d = match near {
            Some(near) => d.with_help(format!("did you mean `{near}`?")),
            None if self.declared.is_empty() => d.with_help(
                "declare it as a [sources.ID] table with file, publisher, title and published",
            ),
            None => d.with_help(
                "declare it as a [sources.ID] table, or name one of the declared sources",
            ),
        };
        sink.report(d.with_source(source.value.clone()));
    }
}

/// Join the walks of the file's shares in file order into the timeline: the events that
/// loaded, less those whose id was used before (reported, pointing at the first use).
pub(super) fn merge(parts: Vec<Events<'_>>, sink: &mut Sink<'_>, timeline: &mut Timeline) {
    let mut first: HashMap<String, Span> =
        HashMap::with_capacity(parts.iter().map(|p| p.ids.len()).sum());
    timeline
        .events
        .reserve_exact(parts.iter().map(|p| p.events.len()).sum());
    for part in parts {
        let mut dropped = vec![false; part.events.len()];
        for (id, at) in part.ids {
            match first.get(&id.value) {
                Some(span) => {
                    sink.report(
                        Diagnostic::new(
                            &DUPLICATE_ID,
                            id.span.clone(),
                            format!(
                                "event id `{}` is used twice",
                                crate::text::shorten::ellipsis(&id.value, 40)
                            ),
                        )
                        .with_label("second use")
                        .with_related(span.clone(), "first used here")
                        .with_event(id.value.clone()),
                    );
                    if let Some(at) = at {
                        dropped[at] = true;
                    }
                }
                None => {
                    first.insert(id.value, id.span);
                }
            }
        }
        let kept = part.events.into_iter().zip(dropped).filter(|(_, d)| !d);
        timeline.events.extend(kept.map(|(e, _)| e));
        timeline.cited_sources.extend(part.cited);
    }
}

fn aliases(sink: &mut Sink<'_>, value: &Value<'_>) -> Vec<Alias> {
    let Some(t) = table(sink, value, "aliases") else {
        return Vec::new();
    };
    let mut aliases = Vec::new();
    for (key, value) in t.iter() {
        let name = Spanned::new(key.get_ref().to_string(), sink.at(key.span()));
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
    let id = Spanned::new(key.get_ref().to_string(), sink.at(key.span()));
    let mut sink = sink.within_source(&id.value);
    let sink = &mut sink;
    let mark = sink.mark();
    check_id(sink, &id, "source");
    let t = table(sink, value, &format!("sources.{}", id.value))?;
    unknown_keys(sink, t, SOURCE_KEYS, &format!("in [sources.{}]", id.value));
    let header = id.span.clone();
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
    let archive_url = opt_text(sink, t, "archive_url");
    let archived = opt_date(sink, t, "archived");
    let accessed = opt_date(sink, t, "accessed");
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
    let date_order = choice(
        sink,
        t,
        "date_order",
        &DateOrder::SPELLINGS,
        Some(
            "`dmy`: 03/12/2003 is 3 December; `mdy`: 12/03/2003 is 3 December; `ymd`: 2003/12/03 is 3 December",
        ),
    );
    let ok = sink.clean_since(mark);
    Some(Source {
        id,
        file: file?,
        publisher: publisher?,
        title: title?,
        published: published?,
        published_note,
        url,
        archive_url,
        archived,
        accessed,
        sha256,
        date_order: date_order.map(|o| o.value),
    })
    .filter(|_| ok)
}
