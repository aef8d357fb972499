//! citeline's own CSV: one row per record, for spreadsheets, and what `citeline import`
//! reads back (docs/export.md#csv lists the columns).
//!
//! A `record` column says what each row is: `timeline` (title, subtitle, fonts), `alias`,
//! `source` (one per declared source, so sources are stated once and no two rows can
//! disagree about one), and `evidence`: one row per quote, carrying its event's columns too,
//! so that a spreadsheet can sort and filter the chronology row by row. Cells a record does
//! not use stay empty. Lists (actors, tags, fonts, spellings) are joined with `; `; a `;` or
//! `\` inside an item, or white space at its edges, is escaped with `\`, so every list comes
//! back item for item.
//!
//! A cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
//! tab or a carriage return) is written with a `'` before it, as OWASP advises against CSV
//! injection, and so is a cell that starts with `'` itself; import drops one leading `'`,
//! so every value comes back as it was.

use super::text;
use crate::model::{Event, Source, Timeline};
use crate::text::dates::DateOrder;
use std::io::{self, Write};

/// The columns, in order. The header row names them so.
pub(crate) const COLUMNS: [&str; 29] = [
    "record",
    "event",
    "date",
    "days",
    "title",
    "summary",
    "place",
    "actors",
    "tags",
    "status",
    "dated_by",
    "date_note",
    "key",
    "source",
    "quote",
    "publisher",
    "published",
    "published_note",
    "file",
    "url",
    "archive_url",
    "archived",
    "accessed",
    "sha256",
    "date_order",
    "subtitle",
    "fonts",
    "alias",
    "spellings",
];

/// The kinds of row, and the columns each may fill besides `record`.
pub(crate) const RECORDS: [(&str, &[&str]); 4] = [
    ("timeline", &["title", "subtitle", "fonts"]),
    ("alias", &["alias", "spellings"]),
    (
        "source",
        &[
            "source",
            "title",
            "publisher",
            "published",
            "published_note",
            "file",
            "url",
            "archive_url",
            "archived",
            "accessed",
            "sha256",
            "date_order",
        ],
    ),
    (
        "evidence",
        &[
            "event",
            "date",
            "days",
            "title",
            "summary",
            "place",
            "actors",
            "tags",
            "status",
            "dated_by",
            "date_note",
            "key",
            "source",
            "quote",
        ],
    ),
];

/// The separator of list items, as written; reading splits at every unescaped `;`.
const LIST_SEPARATOR: &str = "; ";

/// One row under construction: a cell per column.
struct Row(Vec<String>);

impl Row {
    fn new(record: &str) -> Row {
        let mut cells = vec![String::new(); COLUMNS.len()];
        cells[0] = record.to_owned();
        Row(cells)
    }

    fn set(&mut self, column: &str, value: impl Into<String>) -> &mut Row {
        let at = COLUMNS
            .iter()
            .position(|c| *c == column)
            .expect("a known column");
        self.0[at] = value.into();
        self
    }

    fn maybe(&mut self, column: &str, value: Option<&str>) -> &mut Row {
        if let Some(value) = value {
            self.set(column, value);
        }
        self
    }
}

pub(super) fn write(out: &mut dyn Write, timeline: &Timeline, events: &[&Event]) -> io::Result<()> {
    let mut csv = ::csv::Writer::from_writer(out);
    csv.write_record(COLUMNS)?;
    let mut rows = Vec::new();
    if timeline.title.is_some() || timeline.subtitle.is_some() || !timeline.fonts.is_empty() {
        let mut row = Row::new("timeline");
        row.maybe("title", timeline.title.as_ref().map(|t| t.value.as_str()))
            .maybe(
                "subtitle",
                timeline.subtitle.as_ref().map(|t| t.value.as_str()),
            )
            .set("fonts", join(timeline.fonts.iter().map(|f| &f.value[..])));
        rows.push(row);
    }
    for alias in &timeline.aliases {
        let mut row = Row::new("alias");
        row.set("alias", alias.name.value.as_str()).set(
            "spellings",
            join(alias.spellings.iter().map(|s| &s.value[..])),
        );
        rows.push(row);
    }
    rows.extend(timeline.sources.iter().map(source_row));
    for event in events {
        rows.extend(evidence_rows(event));
    }
    for row in rows {
        csv.write_record(row.0.iter().map(|cell| inert(cell).into_owned()))?;
    }
    csv.flush()
}

fn source_row(source: &Source) -> Row {
    let text = |v: &Option<crate::model::Spanned<String>>| v.as_ref().map(|s| s.value.clone());
    let date = |v: &Option<crate::model::Spanned<crate::date::Edtf>>| {
        v.as_ref().map(|s| s.value.to_string())
    };
    let mut row = Row::new("source");
    row.set("source", source.id.value.as_str())
        .set("title", source.title.value.as_str())
        .set("publisher", source.publisher.value.as_str())
        .set("published", source.published.value.to_string())
        .maybe("published_note", text(&source.published_note).as_deref())
        .set("file", source.file.value.as_str())
        .maybe("url", text(&source.url).as_deref())
        .maybe("archive_url", text(&source.archive_url).as_deref())
        .maybe("archived", date(&source.archived).as_deref())
        .maybe("accessed", date(&source.accessed).as_deref())
        .maybe("sha256", text(&source.sha256).as_deref())
        .maybe("date_order", source.date_order.map(DateOrder::name));
    row
}

fn evidence_rows(event: &Event) -> impl Iterator<Item = Row> + '_ {
    let value = |v: &Option<crate::model::Spanned<String>>| v.as_ref().map(|s| s.value.clone());
    let mut template = Row::new("evidence");
    template
        .set("event", event.id.value.as_str())
        .set("date", event.date.value.to_string())
        .set("days", text::days(&event.date.value))
        .set("title", event.title.value.as_str())
        .maybe("summary", value(&event.summary).as_deref())
        .maybe("place", value(&event.place).as_deref())
        .set("actors", join(event.actors.iter().map(|a| &a.value[..])))
        .set("tags", join(event.tags.iter().map(|t| &t.value[..])))
        .set("status", event.status.name())
        .set("dated_by", event.dated_by.value.name())
        .maybe("date_note", value(&event.date_note).as_deref())
        .set("key", if event.key { "true" } else { "false" });
    event.evidence.iter().map(move |evidence| {
        let mut row = Row(template.0.clone());
        row.set("source", evidence.source.value.as_str())
            .set("quote", evidence.quote.value.as_str());
        row
    })
}

/// The cell as written: with a `'` before a formula's first character, or before a `'`.
fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// The value of a cell as [`write`] wrote it: one leading `'` dropped.
pub(crate) fn value(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// List items joined with `; `, each escaped so that [`split`] gives them back.
pub(crate) fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .map(escape_item)
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

fn escape_item(item: &str) -> String {
    let last = item.chars().count().saturating_sub(1);
    let mut out = String::with_capacity(item.len());
    for (i, c) in item.chars().enumerate() {
        let at_edge = i == 0 || i == last;
        if c == '\\' || c == ';' || (at_edge && c.is_whitespace()) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The items of a list cell: split at each `;` not escaped by `\`, white space around each
/// item dropped unless escaped, `\x` read as `x`, and empty items (a trailing `;`) skipped.
pub(crate) fn split(cell: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut item: Vec<(char, bool)> = Vec::new();
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => item.push((chars.next().unwrap_or('\\'), true)),
            ';' => items.push(std::mem::take(&mut item)),
            c => item.push((c, false)),
        }
    }
    items.push(item);
    items
        .into_iter()
        .map(|item| {
            let loose = |&(c, escaped): &(char, bool)| c.is_whitespace() && !escaped;
            let start = item.iter().position(|p| !loose(p)).unwrap_or(item.len());
            let end = item
                .iter()
                .rposition(|p| !loose(p))
                .map_or(start, |e| e + 1);
            item[start..end].iter().map(|&(c, _)| c).collect::<String>()
        })
        .filter(|item| !item.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_come_back_item_for_item() {
        let lists: [&[&str]; 5] = [
            &["Askar Aitmatov", "Nikolai Bordyuzha"],
            &["a;b", "c\\d", " padded ", "\\"],
            &["C:\\fonts\\a.ttf"],
            &[";", "\\;", "\t"],
            &[],
        ];
        for list in lists {
            let cell = join(list.iter().copied());
            assert_eq!(split(&cell), list, "through {cell:?}");
        }
        assert_eq!(join(["a", "b"].into_iter()), "a; b");
    }

    #[test]
    fn hand_written_lists_are_read_leniently() {
        assert_eq!(split("a;b ; c;"), ["a", "b", "c"]);
        assert_eq!(split("  "), Vec::<String>::new());
        assert_eq!(split("a\\; b"), ["a; b"]);
        // A lone trailing backslash stands for itself rather than vanish.
        assert_eq!(split("a\\"), ["a\\"]);
        assert_ne!(split("a;b"), ["a;b"]);
    }

    #[test]
    fn formulas_are_made_text_and_come_back() {
        for v in [
            "=1+1", "+x", "-5", "@SUM(A1)", "\tx", "'", "''quoted", "plain", "",
        ] {
            let written = inert(v);
            assert!(
                !written.starts_with(['=', '+', '-', '@', '\t']),
                "{written}"
            );
            assert_eq!(value(&written), v);
        }
        assert_eq!(inert("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(inert("Bishkek"), "Bishkek");
    }

    proptest::proptest! {
        #[test]
        fn any_list_of_non_empty_items_comes_back(
            items in proptest::collection::vec("[ ;\\\\a\t\u{a0}é]{1,6}", 0..5)
        ) {
            proptest::prop_assert_eq!(split(&join(items.iter().map(String::as_str))), items);
        }

        #[test]
        fn any_cell_comes_back(cell in "['=+@ a\t-]{0,4}") {
            let written = inert(&cell);
            proptest::prop_assert_eq!(value(&written), cell.as_str());
        }
    }

    #[test]
    fn each_record_uses_only_known_columns() {
        for (_, columns) in RECORDS {
            for column in columns {
                assert!(COLUMNS.contains(column), "{column}");
            }
        }
    }
}
