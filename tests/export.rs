//! `citeline export` and `citeline import`: every format on the shipped data and on hostile
//! data (escaped, parsed back and its structure asserted), the CSV round trip byte for byte,
//! TimelineJS sheets, and what import refuses. (TimelineJS itself loading the export is
//! tests/browser/timelinejs.sh: it needs a browser, which `cargo test` must not.)

use crate::util::{citeline, project_with, stderr, stdout};
use citeline::export::{write_export, ExportFormat};
use citeline::import::{import_csv, CsvKind};
use citeline::model::Timeline;
use serde_json::Value;
use std::path::Path;

/// An events file of everything a cell can hold: every kind of date, every optional key,
/// and texts that try to break out of CSV, TOML, Markdown, HTML and lists. It loads without
/// errors (it is not checked: its quotes stand in no article).
const HOSTILE: &str = r#"
[timeline]
title = "Hostile </td><script>alert(1)</script> | title"
subtitle = "line one\nline two, \"quoted\""
fonts = ["fonts/a;b.ttf", "C:\\fonts\\x.ttf"]

[aliases]
"Nikolai Bordyuzha" = ["Bordyuzha", " padded ", "semi;colon"]

[sources.src-a]
file = "articles/a.txt"
publisher = "Pub, \"Inc\"\r\nSecond line"
title = "<b>bold</b> & [link](javascript:alert(1)) | pipe"
published = "2003-12-03"
published_note = "note with ''' and \"\"\" inside"
url = "https://example.org/a?b=1&c=<2>"
archive_url = "https://web.archive.org/web/2003/https://example.org/a"
archived = "2003-12-04"
accessed = "2026-11-30"
sha256 = "B73DD43F4EFBCD62407118DD0B93B2298DF5D3261EE0EACD2189F8CDA48BFD3A"
date_order = "dmy"

[sources.unused-src]
file = "articles/b.txt"
publisher = "Nobody"
title = "Never cited"
published = "2012-07?/2013-11?"

[[events]]
id = "open-start"
date = "../2003-11"
title = "\u202eevil\u202c right-to-left | title"
actors = ["a;b", "c\\d", "Бордюжа"]
tags = ["x", "y"]
key = true

[[events.evidence]]
source = "src-a"
quote = "line\none, \"quoted\" | piped </td><script>alert(2)</script> [^9] *star* `code` \\ back"

[[events]]
id = "year-planned"
date = "2004~"
title = "Planned ## with # marks"
summary = "Summary\r\nwith CRLF and <i>tags</i>"
place = "Prague"
status = "planned"
dated_by = "publication"

[[events.evidence]]
source = "src-a"
quote = "first"

[[events.evidence]]
source = "src-a"
quote = "second, \"again\""

[[events]]
id = "inferred-span"
date = "2012-07?/2013-11?"
title = "Inferred"
dated_by = "inference"
date_note = "Because; reasons = \"x\""

[[events.evidence]]
source = "src-a"
quote = "third"

[[events]]
id = "open-end"
date = "2003-11-19/.."
title = "=HYPERLINK(\"https://evil.example\",\"Open end\")"
tags = ["-minus", "'quoted"]

[[events.evidence]]
source = "src-a"
quote = "fourth"
"#;

fn hostile() -> Timeline {
    let loaded = citeline::load_str(Path::new("events.toml"), HOSTILE.to_owned());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.timeline.events.len(), 4);
    loaded.timeline
}

fn export(timeline: &Timeline, format: ExportFormat) -> String {
    let mut out = Vec::new();
    write_export(&mut out, timeline, format).unwrap();
    String::from_utf8(out).unwrap()
}

fn shipped() -> Timeline {
    let checked = citeline::check_file(Path::new("events.toml")).unwrap();
    assert_eq!(checked.report.errors(), 0);
    checked.timeline
}

// ---------------------------------------------------------------------------------------
// CSV and import: the round trip.

#[test]
fn the_shipped_data_round_trips_through_csv_and_checks_clean() {
    let csv = export(&shipped(), ExportFormat::Csv);
    let imported = import_csv(csv.as_bytes()).unwrap();
    assert_eq!(imported.kind, CsvKind::Citeline);
    assert_eq!(imported.events, 8);
    let dir = project_with(&imported.toml);
    let checked = citeline::check_file(&dir.path().join("events.toml")).unwrap();
    assert!(
        !checked.fails(true),
        "the imported file checks clean against the shipped articles: {:?}",
        checked.report.diagnostics
    );
    assert_eq!(export(&checked.timeline, ExportFormat::Csv), csv);
    // Everything else the export says is the same too: same quotes, sources, dates.
    assert_eq!(
        export(&checked.timeline, ExportFormat::Json),
        export(&shipped(), ExportFormat::Json)
    );
}

#[test]
fn hostile_data_round_trips_through_csv_byte_for_byte() {
    let timeline = hostile();
    let csv = export(&timeline, ExportFormat::Csv);
    let imported = import_csv(csv.as_bytes()).unwrap();
    let again = citeline::load_str(Path::new("events.toml"), imported.toml.clone());
    assert!(
        again.diagnostics.is_empty(),
        "{:?}\n{}",
        again.diagnostics,
        imported.toml
    );
    assert_eq!(export(&again.timeline, ExportFormat::Csv), csv);
    let t = &again.timeline;
    // Not only the same bytes: the same values, lists item for item.
    let aliases = &t.aliases[0].spellings;
    let spellings: Vec<&str> = aliases.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(spellings, ["Bordyuzha", " padded ", "semi;colon"]);
    let fonts: Vec<&str> = t.fonts.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(fonts, ["fonts/a;b.ttf", "C:\\fonts\\x.ttf"]);
    assert_eq!(t.sources.len(), 2, "the unused source travels too");
    let open = t
        .events
        .iter()
        .find(|e| e.id.value == "open-start")
        .unwrap();
    assert!(open.key);
    assert_eq!(
        open.evidence[0].quote.value,
        timeline.events[0].evidence[0].quote.value
    );
}

#[test]
fn the_csv_lists_events_in_date_order_one_row_per_quote() {
    let csv = export(&hostile(), ExportFormat::Csv);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let kinds: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(
        kinds,
        [
            "timeline", "alias", "source", "source", "evidence", "evidence", "evidence",
            "evidence", "evidence"
        ]
    );
    let events: Vec<&str> = rows[4..].iter().map(|r| &r[1]).collect();
    // ../2003-11 first, then 2003-11-19/.., 2004~ (twice: two quotes), 2012-07?/2013-11?.
    assert_eq!(
        events,
        [
            "open-start",
            "open-end",
            "year-planned",
            "year-planned",
            "inferred-span"
        ]
    );
    let days: Vec<&str> = rows[4..].iter().map(|r| &r[3]).collect();
    assert_eq!(
        days,
        [
            "../2003-11-30",
            "2003-11-19/..",
            "2004-01-01/2004-12-31",
            "2004-01-01/2004-12-31",
            "2012-07-01/2013-11-30"
        ]
    );
    assert_eq!(
        &rows[4][7], "a\\;b; c\\\\d; Бордюжа",
        "actors joined and escaped"
    );
}

#[test]
fn the_cli_round_trips_and_import_refuses_to_overwrite() {
    let dir = project_with(&std::fs::read_to_string("events.toml").unwrap());
    let d = dir.path();
    let out = citeline(d, &["export", "--format", "csv", "-o", "first.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = citeline(d, &["import", "first.csv", "-o", "events.toml"]);
    assert_eq!(out.status.code(), Some(2), "an existing file is kept");
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    let out = citeline(d, &["import", "first.csv", "-o", "events.toml", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("citeline check events.toml"),
        "{}",
        stderr(&out)
    );
    let imported = std::fs::read_to_string(d.join("events.toml")).unwrap();
    assert!(imported.starts_with("# Written by `citeline import`"));
    let out = citeline(d, &["check", "--deny-warnings"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = citeline(d, &["export", "--format", "csv"]);
    assert_eq!(out.stdout, std::fs::read(d.join("first.csv")).unwrap());
}

// ---------------------------------------------------------------------------------------
// What export refuses, and where it writes.

#[test]
fn export_refuses_data_with_errors_and_writes_nothing() {
    let broken = std::fs::read_to_string("events.toml")
        .unwrap()
        .replace("date = \"2003-11-19\"", "date = \"2003-11-18\"");
    let dir = project_with(&broken);
    let out = citeline(
        dir.path(),
        &["export", "--format", "html", "-o", "report.html"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("date-contradicted"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("nothing exported"));
    assert!(!dir.path().join("report.html").exists());
    let out = citeline(dir.path(), &["export", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn export_writes_a_file_whole_or_says_why_not() {
    let dir = project_with(&std::fs::read_to_string("events.toml").unwrap());
    let out = citeline(
        dir.path(),
        &["export", "--format", "markdown", "-o", "r.md"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.path().join("r.md")).unwrap();
    let printed = stdout(&citeline(dir.path(), &["export", "--format", "markdown"]));
    assert_eq!(written, printed);
    let out = citeline(
        dir.path(),
        &["export", "--format", "json", "-o", "no/such/x.json"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such"), "{}", stderr(&out));
    let events = std::fs::read(dir.path().join("events.toml")).unwrap();
    let out = citeline(
        dir.path(),
        &["export", "--format", "csv", "-o", "./events.toml"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the events file itself"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(dir.path().join("events.toml")).unwrap(),
        events
    );
    let out = citeline(dir.path(), &["export", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("timelinejs"),
        "the choices are listed"
    );
}

// ---------------------------------------------------------------------------------------
// Markdown.

/// The cells of a GFM table row: split at each `|` not escaped by a backslash.
fn cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                cells.last_mut().unwrap().push(c);
                cells.last_mut().unwrap().extend(chars.next());
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells
}

#[test]
fn markdown_is_one_table_row_per_event_whatever_the_titles_hold() {
    let md = export(&hostile(), ExportFormat::Markdown);
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(rows.len(), 2 + 4, "header, rule, four events:\n{md}");
    for row in &rows {
        assert_eq!(cells(row).len(), 5, "three cells in {row}");
    }
    assert!(!md.contains("<script"), "{md}");
    assert!(!md.contains("<b>"), "{md}");
    assert!(md.contains("&lt;script&gt;"));
    // Every line is a heading, the subtitle, a row, a footnote, or empty: no text escaped
    // its line, and CRLF in a summary became <br>.
    for line in md.lines() {
        let known = line.is_empty()
            || line.starts_with("# ")
            || line.starts_with('|')
            || line.starts_with("[^")
            || line.starts_with("line one");
        assert!(known, "a stray line: {line:?}");
    }
    assert!(md.contains("Summary<br>with CRLF"));
    // A footnote per quote, each cited once.
    for n in 1..=5 {
        assert_eq!(md.matches(&format!("[^{n}]:")).count(), 1);
        assert_eq!(md.matches(&format!("[^{n}]")).count(), 2);
    }
    assert!(
        md.contains("\\[^9\\]"),
        "a quote's [^9] is not a footnote reference"
    );
    // The right-to-left override is closed inside an isolate, before the cell ends.
    assert!(
        md.contains("**\u{2066}\u{202e}evil\u{202c} right-to-left \\| title\u{2069}**"),
        "{md}"
    );
}

#[test]
fn markdown_footnotes_cite_the_source() {
    let md = export(&shipped(), ExportFormat::Markdown);
    let first = md.lines().find(|l| l.starts_with("[^1]:")).unwrap();
    assert!(first.contains("Bishkek, on 19 November"), "{first}");
    assert!(first.contains("RFE/RL"));
    assert!(first.contains("*NATO: Alliance Praises"));
    assert!(first.contains("published 2003-12-03"));
    assert!(first.contains("<https://www.rferl.org/a/1105202.html>"));
    let row = md
        .lines()
        .find(|l| l.contains("2012-07?/2013-11?"))
        .unwrap();
    assert!(row.contains("[^14] [^15] [^16]"), "{row}");
}

// ---------------------------------------------------------------------------------------
// HTML.

fn parse_html(html: &str) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(html, options)
        .unwrap_or_else(|e| panic!("not well-formed ({e}):\n{html}"))
}

fn elements<'a>(doc: &'a roxmltree::Document<'a>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .collect()
}

#[test]
fn html_is_an_accessible_table_with_linked_footnotes() {
    let html = export(&shipped(), ExportFormat::Html);
    let doc = parse_html(&html);
    let root = doc.root_element();
    assert_eq!(root.attribute("lang"), Some("en"));
    let caption = &elements(&doc, "caption")[0];
    assert!(caption.text().unwrap().starts_with("8 events"));
    let cols: Vec<_> = elements(&doc, "th")
        .into_iter()
        .filter(|th| th.attribute("scope") == Some("col"))
        .map(|th| th.text().unwrap().to_owned())
        .collect();
    assert_eq!(cols, ["Date", "Event", "Sources"]);
    let rows: Vec<_> = elements(&doc, "tbody")[0]
        .children()
        .filter(|n| n.is_element())
        .collect();
    assert_eq!(rows.len(), 8);
    for row in &rows {
        let header = row
            .children()
            .find(|c| c.tag_name().name() == "th")
            .unwrap();
        assert_eq!(header.attribute("scope"), Some("row"));
    }
    // Reference n points at note n, and note n back at reference n.
    let notes = elements(&doc, "li");
    assert_eq!(notes.len(), 16);
    for (i, note) in notes.iter().enumerate() {
        let n = i + 1;
        assert_eq!(note.attribute("id"), Some(format!("note-{n}").as_str()));
        let back = note
            .descendants()
            .filter(|d| d.attribute("href") == Some(&format!("#ref-{n}")))
            .count();
        assert_eq!(back, 1, "note {n} links back");
        let refs = doc
            .descendants()
            .filter(|d| d.attribute("id") == Some(&format!("ref-{n}")))
            .filter(|d| d.attribute("href") == Some(&format!("#note-{n}")))
            .count();
        assert_eq!(refs, 1, "reference {n}");
    }
    let exact = elements(&doc, "time");
    assert!(exact
        .iter()
        .any(|t| t.attribute("datetime") == Some("2003-11-19")));
}

#[test]
fn html_holds_hostile_text_as_text_and_runs_nothing() {
    let timeline = hostile();
    let html = export(&timeline, ExportFormat::Html);
    let doc = parse_html(&html);
    assert!(elements(&doc, "script").is_empty(), "{html}");
    for banned in ["img", "iframe", "link", "object", "embed", "b", "i"] {
        assert!(elements(&doc, banned).is_empty(), "<{banned}> in {html}");
    }
    for node in doc.descendants().filter(|n| n.is_element()) {
        for attribute in node.attributes() {
            assert!(!attribute.name().starts_with("on"), "{}", attribute.name());
            assert_ne!(attribute.name(), "src");
        }
        if let Some(href) = node.attribute("href") {
            assert!(
                href.starts_with('#') || href.starts_with("https://"),
                "{href}"
            );
        }
    }
    let policy = elements(&doc, "meta")
        .into_iter()
        .find_map(|m| m.attribute("content").filter(|c| c.contains("default-src")));
    assert_eq!(
        policy,
        Some("default-src 'none'; style-src 'unsafe-inline'")
    );
    // The hostile texts are there, as text, each isolated in a <bdi>.
    let bdis: Vec<String> = elements(&doc, "bdi")
        .iter()
        .map(|b| b.text().unwrap_or_default().to_owned())
        .collect();
    for text in [
        "Hostile </td><script>alert(1)</script> | title",
        "\u{202e}evil\u{202c} right-to-left | title",
        "<b>bold</b> & [link](javascript:alert(1)) | pipe",
    ] {
        assert!(
            bdis.iter().any(|b| b == text),
            "{text:?} not in a bdi: {bdis:?}"
        );
    }
    assert_eq!(elements(&doc, "tr").len(), 1 + 4);
    // The URL's & and < > are escaped in the attribute and read back whole.
    let link = elements(&doc, "a")
        .into_iter()
        .find(|a| {
            a.attribute("href")
                .is_some_and(|h| h.starts_with("https://example.org"))
        })
        .unwrap();
    assert_eq!(
        link.attribute("href"),
        Some("https://example.org/a?b=1&c=<2>")
    );
}

// ---------------------------------------------------------------------------------------
// JSON and TimelineJS.

fn json(timeline: &Timeline, format: ExportFormat) -> Value {
    serde_json::from_str(&export(timeline, format)).unwrap()
}

#[test]
fn json_states_each_date_and_its_days() {
    let doc = json(&hostile(), ExportFormat::Json);
    let events = doc["events"].as_array().unwrap();
    let by_id = |id: &str| events.iter().find(|e| e["id"] == id).unwrap().clone();
    let open = by_id("open-start");
    assert_eq!(open["date"], "../2003-11");
    assert_eq!(open["earliest"], Value::Null);
    assert_eq!(open["latest"], "2003-11-30");
    let year = by_id("year-planned");
    assert_eq!(
        (year["earliest"].as_str(), year["latest"].as_str()),
        (Some("2004-01-01"), Some("2004-12-31"))
    );
    assert_eq!(year["status"], "planned");
    assert_eq!(year["evidence"].as_array().unwrap().len(), 2);
    assert_eq!(by_id("open-end")["latest"], Value::Null);
    assert_eq!(doc["sources"].as_array().unwrap().len(), 2);
    assert_eq!(doc["sources"][0]["date_order"], "dmy");
    assert_eq!(doc["sources"][1]["date_order"], Value::Null);
    assert_eq!(doc["citeline_export"], 1);
}

#[test]
fn timelinejs_maps_dates_at_the_stated_precision() {
    let doc = json(&hostile(), ExportFormat::TimelineJs);
    let events = doc["events"].as_array().unwrap();
    let by_id = |id: &str| {
        events
            .iter()
            .find(|e| e["unique_id"] == id)
            .unwrap()
            .clone()
    };
    let year = by_id("year-planned");
    assert_eq!(year["start_date"], serde_json::json!({"year": 2004}));
    assert_eq!(year["display_date"], "2004~");
    assert!(year.get("end_date").is_none());
    let span = by_id("inferred-span");
    assert_eq!(
        span["start_date"],
        serde_json::json!({"year": 2012, "month": 7})
    );
    assert_eq!(
        span["end_date"],
        serde_json::json!({"year": 2013, "month": 11})
    );
    assert_eq!(span["display_date"], "2012-07?/2013-11?");
    let open = by_id("open-start");
    assert_eq!(
        open["start_date"],
        serde_json::json!({"year": 2003, "month": 11})
    );
    assert_eq!(open["display_date"], "../2003-11");
    assert_eq!(open["group"], "x");
    assert!(by_id("open-end").get("end_date").is_none());
    // TimelineJS reads headline and text as HTML: ours is escaped.
    let title = doc["title"]["text"]["headline"].as_str().unwrap();
    assert!(
        title.contains("&lt;/td&gt;&lt;script&gt;") && !title.contains('<'),
        "{title}"
    );
    let text = open["text"]["text"].as_str().unwrap();
    assert!(
        text.contains("&lt;script&gt;alert(2)") && !text.contains("<script"),
        "{text}"
    );
    assert!(text.contains("<blockquote>"));
}

#[test]
fn timelinejs_shows_a_plain_day_as_timelinejs_would() {
    let doc = json(&shipped(), ExportFormat::TimelineJs);
    let first = &doc["events"][0];
    assert_eq!(first["unique_id"], "bishkek-ministers-meeting");
    assert_eq!(
        first["start_date"],
        serde_json::json!({"year": 2003, "month": 11, "day": 19})
    );
    assert!(first.get("display_date").is_none());
    assert_eq!(doc["events"].as_array().unwrap().len(), 8);
}

// ---------------------------------------------------------------------------------------
// TimelineJS sheets.

const SHEET: &str = "\u{feff}Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n\
,,,,,,,,,The <i>CSTO</i> &amp; NATO,<p>From the sheet</p>,,,,,title,,\n\
2003,11,19,10:00,,,,,,Bishkek meeting,\"<p>Ministers meet</p><p>and \"\"agree\"\"</p>\",https://example.org/x.jpg,,,,,meeting,\n\
2004,,,,,,,,,Bishkek meeting,,,,,,,plan,\n\
2012,7,,,2013,11,,,,Подписание,,,,,,,,\n\
,,,,,,,,,,,,,,,,,\n\
1990,,,,1999,,,,,A decade,,,,,,era,,\n";

#[test]
fn a_timelinejs_sheet_becomes_events_for_check_to_judge() {
    let imported = import_csv(SHEET.as_bytes()).unwrap();
    assert_eq!(imported.kind, CsvKind::TimelineJs);
    assert_eq!(imported.events, 3);
    let loaded = citeline::load_str(Path::new("events.toml"), imported.toml.clone());
    let t = &loaded.timeline;
    assert_eq!(t.title.as_ref().unwrap().value, "The CSTO & NATO");
    assert_eq!(t.subtitle.as_ref().unwrap().value, "From the sheet");
    // No evidence is invented: every event lacks it, and the loader says so.
    let missing: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "missing-key" && d.message.contains("evidence"))
        .collect();
    assert_eq!(
        missing.len(),
        3,
        "{:?}\n{}",
        loaded.diagnostics,
        imported.toml
    );
    assert!(loaded.diagnostics.iter().all(|d| d.code == "missing-key"));
    let parsed: toml::Table = imported.toml.parse().unwrap();
    let events = parsed["events"].as_array().unwrap();
    let get = |i: usize, k: &str| events[i].get(k).and_then(|v| v.as_str()).map(str::to_owned);
    assert_eq!(get(0, "id").as_deref(), Some("bishkek-meeting"));
    assert_eq!(get(0, "date").as_deref(), Some("2003-11-19"));
    assert_eq!(
        get(0, "summary").as_deref(),
        Some("Ministers meet\nand \"agree\"")
    );
    assert_eq!(get(1, "id").as_deref(), Some("bishkek-meeting-2"));
    assert_eq!(get(1, "date").as_deref(), Some("2004"));
    assert_eq!(get(2, "id").as_deref(), Some("event-3"));
    assert_eq!(get(2, "date").as_deref(), Some("2012-07/2013-11"));
    assert_eq!(get(2, "title").as_deref(), Some("Подписание"));
    assert_eq!(
        events[0]["tags"].as_array().unwrap()[0].as_str(),
        Some("meeting")
    );
    let notes = imported.notes.join("\n");
    assert!(
        notes.contains("`Time`") && notes.contains("`Media`"),
        "{notes}"
    );
    assert!(notes.contains("eras"), "{notes}");
}

#[test]
fn sheet_dates_that_are_not_dates_are_refused_with_their_line() {
    let header = "Year,Month,Day,Headline\n";
    for (row, expected) in [
        ("2003,2,30,x", "line 2: the date 2003-02-30 is not one"),
        ("2003,13,,x", "line 2: Month is \"13\""),
        (",11,,x", "line 2: Month is given without Year"),
        ("2003,,5,x", "line 2: Day is given without Month"),
        ("-44,3,15,Ides", "line 2: Year is \"-44\""),
        (",,,headline only", "line 2: the row has no Year"),
    ] {
        let error = import_csv(format!("{header}{row}\n").as_bytes()).unwrap_err();
        assert!(error.to_string().contains(expected), "{row}: {error}");
        assert!(!error.is_unreadable());
    }
    let ends = "Year,End Year,Headline\n2004,2003,Backwards\n";
    assert!(import_csv(ends.as_bytes())
        .unwrap_err()
        .to_string()
        .contains("before it starts"));
}

// ---------------------------------------------------------------------------------------
// What import refuses.

#[test]
fn import_names_the_expected_columns_for_an_unknown_header() {
    let error = import_csv(b"Name,Age\nx,1\n").unwrap_err().to_string();
    assert!(error.contains("record,event,date"), "{error}");
    assert!(error.contains("Year,Month,Day"), "{error}");
    let error = import_csv(b"record,evnet\nevidence,x\n")
        .unwrap_err()
        .to_string();
    assert!(error.contains("`evnet`"), "{error}");
    let error = import_csv(b"Year,Headline,Colour\n2003,x,red\n")
        .unwrap_err()
        .to_string();
    assert!(error.contains("`Colour`"), "{error}");
    assert!(import_csv(b"").unwrap_err().to_string().contains("empty"));
}

#[test]
fn import_refuses_broken_csv_clearly() {
    let ragged = import_csv(b"Year,Headline\n2003,a\n2004,b,extra\n").unwrap_err();
    assert!(ragged.to_string().contains("line 3"), "{ragged}");
    assert!(
        ragged
            .to_string()
            .contains("3 cells where the header row has 2"),
        "{ragged}"
    );
    let latin1 = import_csv(b"Year,Headline\n2003,caf\xe9\n").unwrap_err();
    assert!(
        latin1.to_string().contains("line 2") && latin1.to_string().contains("UTF-8"),
        "{latin1}"
    );
    let utf16 = import_csv(b"\xff\xfeY\x00e\x00").unwrap_err();
    assert!(utf16.to_string().contains("UTF-16"), "{utf16}");
    // A UTF-8 byte order mark, as Excel writes, is not part of the first column's name.
    assert!(import_csv(b"\xef\xbb\xbfYear,Headline\n2003,a\n").is_ok());
}

/// The CSV's rows, changed by `edit`, written back.
fn edited(csv: &str, edit: impl FnOnce(&mut Vec<Vec<String>>)) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    let mut rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    edit(&mut rows);
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

#[test]
fn import_refuses_rows_that_contradict_or_misplace() {
    let csv = export(&hostile(), ExportFormat::Csv);
    let title = 4;
    let changed = edited(&csv, |rows| {
        let second = rows.iter().rposition(|r| r[1] == "year-planned").unwrap();
        rows[second][title] = "Edited".into();
    });
    let error = import_csv(changed.as_bytes()).unwrap_err().to_string();
    assert!(error.contains("`title` differs from line"), "{error}");
    assert!(error.contains("event `year-planned`"), "{error}");
    // A quote on a source row would be lost: refused.
    let misplaced = edited(&csv, |rows| {
        let source = rows.iter().position(|r| r[0] == "source").unwrap();
        rows[source][14] = "stray".into();
    });
    let error = import_csv(misplaced.as_bytes()).unwrap_err().to_string();
    assert!(
        error.contains("a `source` row has `quote` filled"),
        "{error}"
    );
    // Unchanged, it imports.
    assert!(import_csv(edited(&csv, |_| {}).as_bytes()).is_ok());
    let bad_key = "record,event,key\nevidence,a,maybe\n";
    assert!(import_csv(bad_key.as_bytes())
        .unwrap_err()
        .to_string()
        .contains("`key`"));
    let bad_record = "record,event\nevent,a\n";
    let error = import_csv(bad_record.as_bytes()).unwrap_err().to_string();
    assert!(
        error.contains("line 2") && error.contains("one of timeline"),
        "{error}"
    );
}

#[test]
fn hostile_cells_stay_inside_their_toml_strings() {
    let title = "x\"\n[[events]]\nid = \"injected\"\n'''\"\"\"\\u0041";
    let csv = format!(
        "record,event,date,title,source,quote\nevidence,a,2003,\"{}\",s,\"q\"\"\"\n",
        title.replace('"', "\"\"")
    );
    let imported = import_csv(csv.as_bytes()).unwrap();
    let loaded = citeline::load_str(Path::new("e.toml"), imported.toml.clone());
    let events = &loaded.timeline.events;
    let ids: Vec<&str> = events.iter().map(|e| e.id.value.as_str()).collect();
    assert!(!ids.contains(&"injected"), "{}", imported.toml);
    let parsed: toml::Table = imported.toml.parse().unwrap();
    let event = &parsed["events"].as_array().unwrap()[0];
    assert_eq!(event["title"].as_str(), Some(title));
    assert_eq!(event["evidence"][0]["quote"].as_str(), Some("q\""));
    assert_eq!(parsed["events"].as_array().unwrap().len(), 1);
}

#[test]
fn import_reads_no_more_than_its_cap() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.csv");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    let error = citeline::import::read_csv(&huge).unwrap_err();
    assert!(error.is_unreadable());
    assert!(error.to_string().contains("64 MiB"), "{error}");
    let out = citeline(dir.path(), &["import", "huge.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let out = citeline(dir.path(), &["import", "missing.csv"]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::write(dir.path().join("bad.csv"), "Name\nx\n").unwrap();
    let out = citeline(dir.path(), &["import", "bad.csv"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a CSV that cannot be translated is a data error"
    );
    assert!(out.stdout.is_empty());
}

/// tests/browser/timelinejs.sh draws this file too: it must keep checking clean, or the
/// browser check would stop at the export.
#[test]
fn the_browser_checks_hostile_data_checks_clean() {
    let dir = project_with(&std::fs::read_to_string("tests/browser/hostile.toml").unwrap());
    let checked = citeline::check_file(&dir.path().join("events.toml")).unwrap();
    assert!(!checked.fails(true), "{:?}", checked.report.diagnostics);
    let data = json(&checked.timeline, ExportFormat::TimelineJs);
    let headline = data["events"][0]["text"]["headline"].as_str().unwrap();
    assert!(
        headline.starts_with("&lt;/h2&gt;&lt;script&gt;"),
        "{headline}"
    );
}

/// Many rows of one headline, and many evidence rows: each row is placed in constant time
/// (an earlier draft scanned every event, and every taken suffix, for each row).
#[test]
fn large_imports_place_each_row_directly() {
    let mut sheet = String::from("Year,Headline\n");
    for _ in 0..50_000 {
        sheet.push_str("2003,Meeting\n");
    }
    let imported = import_csv(sheet.as_bytes()).unwrap();
    assert_eq!(imported.events, 50_000);
    assert!(imported.toml.contains("id = \"meeting-50000\""));
    let mut csv = String::from("record,event,date,title,source,quote\n");
    for i in 0..50_000 {
        csv.push_str(&format!("evidence,e{},2003,T,s,q{i}\n", i % 25_000));
    }
    let imported = import_csv(csv.as_bytes()).unwrap();
    assert_eq!(imported.events, 25_000);
    let parsed: toml::Table = imported.toml.parse().unwrap();
    let first = &parsed["events"].as_array().unwrap()[0];
    assert_eq!(first["evidence"].as_array().unwrap().len(), 2);
    assert_eq!(first["evidence"][1]["quote"].as_str(), Some("q25000"));
}

/// The row (or slide) of the event whose title contains `title`, in a Markdown export.
fn markdown_row<'a>(md: &'a str, title: &str) -> &'a str {
    md.lines()
        .find(|l| l.starts_with('|') && l.contains(title))
        .unwrap_or_else(|| panic!("no row for {title}:\n{md}"))
}

#[test]
fn reports_say_when_an_event_was_planned_or_its_date_inferred() {
    let timeline = shipped();
    let md = export(&timeline, ExportFormat::Markdown);
    let planned = markdown_row(&md, "ambitious program");
    assert!(
        planned.contains("*Planned: announced for later.*"),
        "{planned}"
    );
    assert!(!planned.contains("Date inferred"), "{planned}");
    let inferred = markdown_row(&md, "Bordyuzha to Vestnik Kavkaza");
    assert!(
        inferred.contains("*Date inferred: The interview carries no date."),
        "{inferred}"
    );
    assert!(!inferred.contains("Planned"), "{inferred}");
    // An event dated by its quote, and done, carries neither.
    let plain = markdown_row(&md, "CSTO foreign ministers pledge");
    assert!(
        !plain.contains("Planned") && !plain.contains("Date inferred"),
        "{plain}"
    );

    let html = export(&timeline, ExportFormat::Html);
    let doc = parse_html(&html);
    let qualifiers: Vec<String> = elements(&doc, "p")
        .into_iter()
        .filter(|p| p.attribute("class") == Some("qualifier"))
        .map(|p| p.descendants().filter_map(|n| n.text()).collect())
        .collect();
    // The shipped data has two events dated by publication, one planned, one inferred.
    let count = |start: &str| qualifiers.iter().filter(|q| q.starts_with(start)).count();
    assert_eq!(
        count("Dated by its source's publication."),
        2,
        "{qualifiers:?}"
    );
    assert_eq!(count("Planned: announced for later."), 1, "{qualifiers:?}");
    assert_eq!(count("Date inferred: The interview carries no date."), 1);
    assert_eq!(qualifiers.len(), 4, "{qualifiers:?}");

    let slides = json(&timeline, ExportFormat::TimelineJs);
    let planned_slide = slides["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["text"]["headline"]
                .as_str()
                .unwrap()
                .contains("ambitious")
        })
        .unwrap();
    assert!(planned_slide["text"]["text"]
        .as_str()
        .unwrap()
        .contains("<em>Planned: announced for later.</em>"));
}
