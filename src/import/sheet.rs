//! TimelineJS's Google Sheets template, saved as CSV, into an events file
//! (docs/export.md#timelinejs-sheets).
//!
//! Each row becomes an event: the date from Year, Month and Day (and End Year, End Month,
//! End Day for a span) at the precision the sheet gives, Headline as the title, Text as the
//! summary (its HTML read as plain text: a summary is text, escaped wherever it is shown),
//! Group as the one tag. Ids are made from the headlines. A `title` row gives the
//! timeline's title and subtitle. The sheet holds no quotes, and import invents none: the
//! events come out without evidence, and `check` lists what each still needs.

use super::imported::{CsvKind, Header, ImportError, Imported, Row};
use std::collections::{HashMap, HashSet};
use toml::{Table, Value};

/// The template's columns, in its order.
pub(super) const COLUMNS: [&str; 18] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
];

/// Columns an events file has no place for; a filled one is named in a note.
const DROPPED: [&str; 8] = [
    "Time",
    "End Time",
    "Display Date",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Background",
];

/// The longest id made from a headline; the id rules allow 200 characters, a reader wants
/// far fewer.
const MAX_ID_CHARS: usize = 40;

/// A sheet has at least Year and Headline; the other columns may be left out.
pub(super) fn recognises(header: &[String]) -> bool {
    let has = |name: &str| header.iter().any(|h| h.eq_ignore_ascii_case(name));
    has("Year") && has("Headline")
}

pub(super) fn import(
    names: &[String],
    rows: impl Iterator<Item = Result<Row, ImportError>>,
) -> Result<Imported, ImportError> {
    let header = Header::new(
        names,
        &COLUMNS,
        "TimelineJS's sheet",
        str::eq_ignore_ascii_case,
        str::trim,
    )?;
    let mut timeline: Option<Table> = None;
    let mut events = Vec::new();
    let mut ids = Ids::default();
    let mut dropped: Vec<(&str, u64)> = Vec::new();
    let mut skipped = Vec::new();
    for row in rows {
        let row = row?;
        if row.is_blank() {
            continue;
        }
        for column in DROPPED {
            if !header.cell(&row, column).is_empty() && !dropped.iter().any(|(c, _)| *c == column) {
                dropped.push((column, row.line));
            }
        }
        match header.cell(&row, "Type").to_ascii_lowercase().as_str() {
            "title" if timeline.is_none() => timeline = Some(title(&header, &row)),
            "title" | "era" => skipped.push(row.line),
            _ => events.push(event(&header, &row, events.len() + 1, &mut ids)?),
        }
    }
    let mut notes = Vec::new();
    for (column, line) in dropped {
        notes.push(format!(
            "`{column}` has no place in an events file and was left out (first filled on line {line})"
        ));
    }
    if !skipped.is_empty() {
        let lines: Vec<String> = skipped.iter().map(u64::to_string).collect();
        notes.push(format!(
            "eras and a second title row were left out (lines {})",
            lines.join(", ")
        ));
    }
    notes.push(
        "a TimelineJS sheet has no quotes: declare the sources and give each event its \
         [[events.evidence]], as `citeline check` will list"
            .to_owned(),
    );
    let count = events.len();
    let mut file = Table::new();
    if let Some(timeline) = timeline {
        file.insert("timeline".into(), Value::Table(timeline));
    }
    file.insert(
        "events".into(),
        Value::Array(events.into_iter().map(Value::Table).collect()),
    );
    let toml = toml::to_string(&file)
        .map_err(|e| ImportError::invalid(format!("cannot write the events file: {e}")))?;
    Ok(Imported {
        toml: format!("# Written by `citeline import` from a TimelineJS sheet.\n\n{toml}"),
        kind: CsvKind::TimelineJs,
        events: count,
        notes,
    })
}

fn title(header: &Header, row: &Row) -> Table {
    let mut table = Table::new();
    put(
        &mut table,
        "title",
        &plain_text(header.cell(row, "Headline")),
    );
    put(
        &mut table,
        "subtitle",
        &plain_text(header.cell(row, "Text")),
    );
    table
}

fn put(table: &mut Table, key: &str, value: &str) {
    if !value.is_empty() {
        table.insert(key.into(), Value::String(value.to_owned()));
    }
}

fn event(header: &Header, row: &Row, number: usize, ids: &mut Ids) -> Result<Table, ImportError> {
    let headline = plain_text(header.cell(row, "Headline"));
    let mut table = Table::new();
    table.insert(
        "id".into(),
        Value::String(unique_id(&headline, number, ids)),
    );
    table.insert("date".into(), Value::String(date(header, row)?));
    put(&mut table, "title", &headline);
    put(&mut table, "summary", &plain_text(header.cell(row, "Text")));
    let group = plain_text(header.cell(row, "Group"));
    if !group.is_empty() {
        table.insert("tags".into(), Value::Array(vec![Value::String(group)]));
    }
    Ok(table)
}

/// The EDTF for the row's date: `2003`, `2003-11`, `2003-11-19`, or `START/END`.
fn date(header: &Header, row: &Row) -> Result<String, ImportError> {
    let start = ymd(header, row, ["Year", "Month", "Day"])?
        .ok_or_else(|| ImportError::at(row.line, "the row has no Year; every event needs one"))?;
    let text = match ymd(header, row, ["End Year", "End Month", "End Day"])? {
        Some(end) if end != start => format!("{start}/{end}"),
        _ => start,
    };
    crate::date::parse(&text).map_err(|e| {
        ImportError::at(
            row.line,
            format!("the date {text} is not one: {}", e.message),
        )
    })?;
    Ok(text)
}

/// One end of the date at the precision the cells give; `None` when all three are empty.
fn ymd(header: &Header, row: &Row, columns: [&str; 3]) -> Result<Option<String>, ImportError> {
    let [year, month, day] = columns.map(|c| header.cell(row, c));
    let number = |column: &str, cell: &str, max: u32| -> Result<u32, ImportError> {
        match cell.parse::<u32>() {
            Ok(n) if n <= max => Ok(n),
            _ => Err(ImportError::at(
                row.line,
                format!(
                    "{column} is {}; citeline's dates need {}",
                    super::imported::quoted(cell),
                    if max == 9999 {
                        "a year from 0 to 9999".to_owned()
                    } else {
                        format!("a number from 1 to {max}")
                    }
                ),
            )),
        }
    };
    let missing = |what: &str, needs: &str| {
        ImportError::at(row.line, format!("{what} is given without {needs}"))
    };
    match (year.is_empty(), month.is_empty(), day.is_empty()) {
        (true, true, true) => Ok(None),
        (true, _, _) => Err(missing(columns[1], columns[0])),
        (false, true, false) => Err(missing(columns[2], columns[1])),
        (false, true, true) => Ok(Some(format!("{:04}", number(columns[0], year, 9999)?))),
        (false, false, true) => Ok(Some(format!(
            "{:04}-{:02}",
            number(columns[0], year, 9999)?,
            number(columns[1], month, 12)?
        ))),
        (false, false, false) => Ok(Some(format!(
            "{:04}-{:02}-{:02}",
            number(columns[0], year, 9999)?,
            number(columns[1], month, 12)?,
            number(columns[2], day, 31)?
        ))),
    }
}

/// An id from the headline (`Signing Day` → `signing-day`), as the id rules allow
/// (docs/format.md#ids); `event-N` when the headline has no ASCII letter or digit; `-2`,
/// `-3`… after an id already taken.
fn unique_id(headline: &str, number: usize, ids: &mut Ids) -> String {
    let mut slug = String::new();
    for c in headline.chars().flat_map(char::to_lowercase) {
        if slug.len() >= MAX_ID_CHARS {
            break;
        }
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let base = if slug.is_empty() {
        format!("event-{number}")
    } else {
        slug.to_owned()
    };
    let mut id = base.clone();
    // Counting on from the last suffix given to this base: 100,000 rows headed "Meeting"
    // must not try 1, 2, 3… each time.
    let n = ids.next.entry(base.clone()).or_insert(1);
    while ids.taken.contains(&id) {
        *n += 1;
        id = format!("{base}-{n}");
    }
    ids.taken.insert(id.clone());
    id
}

/// The ids given so far, and the next suffix to try for each base.
#[derive(Default)]
struct Ids {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

/// TimelineJS's HTML as plain text: tags dropped, `<br>` and the ends of paragraphs and
/// blocks as line breaks, the character references of markup (`&amp;`, `&lt;`, `&gt;`,
/// `&quot;`, `&#39;`, `&nbsp;`, numeric ones) read as their characters; anything else is
/// kept as written. A `<` not followed by a letter, `/` or `!` is text (`a < b`).
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            let tag_like = rest[1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
            match rest.find('>').filter(|_| tag_like) {
                Some(end) => {
                    let name: String = rest[1..end]
                        .trim_start_matches('/')
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    if matches!(name.as_str(), "br" | "p" | "div" | "li" | "blockquote")
                        && !out.ends_with('\n')
                        && !out.is_empty()
                    {
                        out.push('\n');
                    }
                    rest = &rest[end + 1..];
                }
                None => {
                    out.push('<');
                    rest = &rest[1..];
                }
            }
        } else {
            let (c, used) = reference(rest);
            out.push_str(&c);
            rest = &rest[used..];
        }
    }
    out.push_str(rest);
    out.trim().to_owned()
}

/// The character a reference at the start of `text` stands for, and its length; a lone
/// `&` or an unknown name stays as written.
fn reference(text: &str) -> (String, usize) {
    let Some(end) = text.find(';').filter(|&e| e <= 10) else {
        return ("&".into(), 1);
    };
    let name = &text[1..end];
    let named = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" | "#39" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => None,
    };
    let numeric = || {
        let digits = name.strip_prefix('#')?;
        let code = match digits.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => digits.parse().ok()?,
        };
        char::from_u32(code).filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
    };
    match named.or_else(numeric) {
        Some(c) => (c.to_string(), end + 1),
        None => ("&".into(), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_plain_text() {
        assert_eq!(
            plain_text("<p>Ministers <b>meet</b></p><p>in Bishkek &amp; agree</p>"),
            "Ministers meet\nin Bishkek & agree"
        );
        assert_eq!(
            plain_text("a < b &lt;c&gt; &#8212; &#x41;"),
            "a < b <c> \u{2014} A"
        );
        assert_eq!(plain_text("AT&T &bogus; &#0;"), "AT&T &bogus; &#0;");
        assert_eq!(plain_text("<script>x</script>"), "x");
    }

    #[test]
    fn ids_are_valid_and_unique() {
        let mut ids = Ids::default();
        assert_eq!(unique_id("Signing Day!", 1, &mut ids), "signing-day");
        assert_eq!(unique_id("signing-day-3", 9, &mut ids), "signing-day-3");
        assert_eq!(unique_id("signing  day", 2, &mut ids), "signing-day-2");
        assert_eq!(unique_id("Signing day", 2, &mut ids), "signing-day-4");
        assert_eq!(unique_id("Подписание", 3, &mut ids), "event-3");
        let long = unique_id(&"word ".repeat(40), 4, &mut ids);
        assert!(long.len() <= MAX_ID_CHARS && !long.ends_with('-'), "{long}");
    }
}
