//! citeline's own CSV back into an events file: the reverse of `export --format csv`
//! (docs/export.md#csv). Records come out in the order the CSV gives them, events in the
//! order of their first evidence row, so export, import and export give the same bytes.

use super::imported::{quoted, CsvKind, Header, ImportError, Imported, Row};
use crate::export::csv::{split, value, COLUMNS, RECORDS};
// A source's keys in the order an events file writes them.
use crate::load::SOURCE_KEYS;
use std::collections::HashMap;
use toml::{Table, Value};

/// The columns every evidence row of one event repeats, and which must agree: an evidence
/// row's own, but for the source and quote it cites.
fn event_columns() -> impl Iterator<Item = &'static str> {
    RECORDS
        .iter()
        .filter(|(record, _)| *record == "evidence")
        .flat_map(|(_, columns)| columns.iter().copied())
        .filter(|column| !matches!(*column, "source" | "quote"))
}

/// What the rows say so far.
#[derive(Default)]
struct Built {
    timeline: Option<Table>,
    aliases: Table,
    sources: Table,
    /// Events in order of first appearance, each with the line of its first row.
    events: Vec<(u64, Table)>,
    /// Where each event id is in `events`: a file of 100,000 events must not be scanned
    /// once per row.
    positions: HashMap<String, usize>,
}

pub(super) fn import(
    names: &[String],
    rows: impl Iterator<Item = Result<Row, ImportError>>,
) -> Result<Imported, ImportError> {
    let header = Header::new(names, &COLUMNS, "citeline's CSV", str::eq, value)?;
    let mut built = Built::default();
    for row in rows {
        let row = row?;
        if row.is_blank() {
            continue;
        }
        let record = header.cell(&row, "record").trim();
        let Some((_, used)) = RECORDS.iter().find(|(name, _)| *name == record) else {
            let kinds: Vec<&str> = RECORDS.iter().map(|(name, _)| *name).collect();
            return Err(ImportError::at(
                row.line,
                format!(
                    "`record` is {}; it must be one of {}",
                    quoted(record),
                    kinds.join(", ")
                ),
            ));
        };
        only_used(&header, &row, record, used)?;
        match record {
            "timeline" => timeline(&header, &row, &mut built)?,
            "alias" => alias(&header, &row, &mut built)?,
            "source" => source(&header, &row, &mut built)?,
            _ => evidence(&header, &row, &mut built)?,
        }
    }
    let events = built.events.len();
    let mut file = Table::new();
    if let Some(timeline) = built.timeline {
        file.insert("timeline".into(), Value::Table(timeline));
    }
    if !built.aliases.is_empty() {
        file.insert("aliases".into(), Value::Table(built.aliases));
    }
    if !built.sources.is_empty() {
        file.insert("sources".into(), Value::Table(built.sources));
    }
    let events_array = built.events.into_iter().map(|(_, e)| Value::Table(e));
    file.insert("events".into(), Value::Array(events_array.collect()));
    let toml = toml::to_string(&file)
        .map_err(|e| ImportError::invalid(format!("cannot write the events file: {e}")))?;
    Ok(Imported {
        toml: format!("# Written by `citeline import` from citeline's CSV.\n\n{toml}"),
        kind: CsvKind::Citeline,
        events,
        notes: Vec::new(),
    })
}

/// A filled cell in a column this record does not use would be lost: refuse it.
fn only_used(header: &Header, row: &Row, record: &str, used: &[&str]) -> Result<(), ImportError> {
    for column in &COLUMNS[1..] {
        if !used.contains(column) && !header.cell(row, column).is_empty() {
            return Err(ImportError::at(
                row.line,
                format!(
                    "a `{record}` row has `{column}` filled, which only other records use; \
                     a `{record}` row uses {}",
                    used.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// Text cells go in as written; an empty cell is an absent key.
fn put(table: &mut Table, key: &str, value: &str) {
    if !value.is_empty() {
        table.insert(key.into(), Value::String(value.to_owned()));
    }
}

fn list(cell: &str) -> Value {
    Value::Array(split(cell).into_iter().map(Value::String).collect())
}

fn timeline(header: &Header, row: &Row, built: &mut Built) -> Result<(), ImportError> {
    if built.timeline.is_some() {
        return Err(ImportError::at(
            row.line,
            "a second `timeline` row; an events file has one [timeline]",
        ));
    }
    let mut table = Table::new();
    put(&mut table, "title", header.cell(row, "title"));
    put(&mut table, "subtitle", header.cell(row, "subtitle"));
    let fonts = header.cell(row, "fonts");
    if !split(fonts).is_empty() {
        table.insert("fonts".into(), list(fonts));
    }
    built.timeline = Some(table);
    Ok(())
}

fn alias(header: &Header, row: &Row, built: &mut Built) -> Result<(), ImportError> {
    let name = header.cell(row, "alias");
    if name.is_empty() {
        return Err(ImportError::at(
            row.line,
            "an `alias` row needs the name in `alias`",
        ));
    }
    if built.aliases.contains_key(name) {
        return Err(ImportError::at(
            row.line,
            format!("a second `alias` row for {}", quoted(name)),
        ));
    }
    built
        .aliases
        .insert(name.into(), list(header.cell(row, "spellings")));
    Ok(())
}

fn source(header: &Header, row: &Row, built: &mut Built) -> Result<(), ImportError> {
    let id = header.cell(row, "source");
    if id.is_empty() {
        return Err(ImportError::at(
            row.line,
            "a `source` row needs its id in `source`",
        ));
    }
    if built.sources.contains_key(id) {
        return Err(ImportError::at(
            row.line,
            format!("a second `source` row for {}", quoted(id)),
        ));
    }
    let mut table = Table::new();
    for key in SOURCE_KEYS {
        put(&mut table, key, header.cell(row, key));
    }
    built.sources.insert(id.into(), Value::Table(table));
    Ok(())
}

fn evidence(header: &Header, row: &Row, built: &mut Built) -> Result<(), ImportError> {
    let id = header.cell(row, "event");
    if id.is_empty() {
        return Err(ImportError::at(
            row.line,
            "an `evidence` row needs its event's id in `event`",
        ));
    }
    let at = match built.positions.get(id) {
        Some(&at) => {
            agrees(header, row, built.events[at].0, &built.events[at].1)?;
            at
        }
        None => {
            built.events.push((row.line, event(header, row)?));
            built
                .positions
                .insert(id.to_owned(), built.events.len() - 1);
            built.events.len() - 1
        }
    };
    let (source, quote) = (header.cell(row, "source"), header.cell(row, "quote"));
    // A row with neither declares an event with no evidence yet: `check` will say so.
    if source.is_empty() && quote.is_empty() {
        return Ok(());
    }
    let mut evidence = Table::new();
    put(&mut evidence, "source", source);
    put(&mut evidence, "quote", quote);
    let event = &mut built.events[at].1;
    let list = event
        .entry("evidence")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = list {
        list.push(Value::Table(evidence));
    }
    Ok(())
}

/// The event's keys from its first row. Defaults (`status = "happened"`, `dated_by =
/// "quote"`, `key = false`) are left out, as a curator would.
fn event(header: &Header, row: &Row) -> Result<Table, ImportError> {
    let cell = |c| header.cell(row, c);
    let mut table = Table::new();
    put(&mut table, "id", cell("event"));
    put(&mut table, "date", cell("date"));
    put(&mut table, "title", cell("title"));
    put(&mut table, "summary", cell("summary"));
    put(&mut table, "place", cell("place"));
    for key in ["actors", "tags"] {
        if !split(cell(key)).is_empty() {
            table.insert(key.into(), list(cell(key)));
        }
    }
    if cell("status") != "happened" {
        put(&mut table, "status", cell("status"));
    }
    if cell("dated_by") != "quote" {
        put(&mut table, "dated_by", cell("dated_by"));
    }
    put(&mut table, "date_note", cell("date_note"));
    match cell("key").trim().to_ascii_lowercase().as_str() {
        "" | "false" => {}
        "true" => {
            table.insert("key".into(), Value::Boolean(true));
        }
        other => {
            return Err(ImportError::at(
                row.line,
                format!("`key` is {}; write true, false or nothing", quoted(other)),
            ))
        }
    }
    Ok(table)
}

/// Every row of an event repeats its columns; an edit made on one row only would be lost.
fn agrees(header: &Header, row: &Row, first_line: u64, first: &Table) -> Result<(), ImportError> {
    let mine = event(header, row)?;
    for column in event_columns() {
        let key = if column == "event" { "id" } else { column };
        if column == "days" || mine.get(key) == first.get(key) {
            continue;
        }
        return Err(ImportError::at(
            row.line,
            format!(
                "`{column}` differs from line {first_line}, the event's first row; every row \
                 of event `{}` must give the same {column}",
                header.cell(row, "event")
            ),
        ));
    }
    Ok(())
}
