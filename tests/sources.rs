//! `check` on sources as published: real saved pages (Readability's test pages), real
//! PDFs (pdf.js's test corpus) and real web archives (warcio's and py-wacz's test data),
//! each in `tests/sources/` with its origin. Every right claim checks clean, and every
//! wrong quote, date and `published` is caught with the right code, pointing into the
//! original file.

use citeline::{check_file, Checked, Diagnostic};
use std::path::Path;

/// A project in a temporary folder: `events` as its events file, beside copies of the
/// named files of `tests/sources/`.
fn check(files: &[(&str, &str)], events: &str) -> (tempfile::TempDir, Checked) {
    let dir = tempfile::tempdir().unwrap();
    let sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sources");
    for (from, to) in files {
        std::fs::copy(sources.join(from), dir.path().join(to)).unwrap();
    }
    std::fs::write(dir.path().join("events.toml"), events).unwrap();
    let checked = check_file(&dir.path().join("events.toml")).unwrap();
    (dir, checked)
}

/// The findings of `event`, as `code: message | notes`.
fn about(checked: &Checked, event: &str) -> Vec<String> {
    let described = |d: &Diagnostic| format!("{}: {} | {}", d.code, d.message, d.notes.join(" | "));
    checked
        .report
        .diagnostics
        .iter()
        .filter(|d| d.event.as_deref() == Some(event))
        .map(described)
        .collect()
}

fn codes(checked: &Checked) -> Vec<&str> {
    checked.report.diagnostics.iter().map(|d| d.code).collect()
}

/// The codes `check` finds in `events`, whose one source is `page.html`, holding `page`.
fn page_codes(page: &str, events: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), page).unwrap();
    std::fs::write(dir.path().join("events.toml"), events).unwrap();
    let checked = check_file(&dir.path().join("events.toml")).unwrap();
    codes(&checked).into_iter().map(String::from).collect()
}

const BBC: &str = r#"
[sources.bbc]
file = "page.html"
publisher = "BBC"
title = "Obama admits US gun laws are his 'biggest frustration'"
published = "PUBLISHED"

[[events]]
id = "kenya"
date = "2015-07-24"
title = "Obama lands in Kenya"
[[events.evidence]]
source = "bbc"
quote = "Mr Obama lands in Kenya later on Friday for his first visit since becoming president."

[[events]]
id = "frustration"
date = "2015-07-24"
title = "Obama calls gun laws his greatest frustration"
dated_by = "publication"
[[events.evidence]]
source = "bbc"
quote = "President Barack Obama has admitted that his failure to pass \"common sense gun safety laws\" in the US is the greatest frustration of his presidency."

[[events]]
id = "spent-force"
date = "2014-10"
title = "Obama a spent force after the midterms"
[[events.evidence]]
source = "bbc"
quote = "Nine months ago, the president seemed like a spent force"
"#;

#[test]
fn a_saved_news_page_checks_clean_where_the_claims_are_right() {
    let (_dir, checked) = check(
        &[("html/readability-bbc-1.html", "page.html")],
        &BBC.replace("PUBLISHED", "2015-07-24"),
    );
    assert_eq!(codes(&checked), Vec::<&str>::new(), "{:#?}", checked.report);
}

#[test]
fn a_saved_news_page_catches_a_wrong_quote_date_and_publication() {
    let wrong = BBC
        .replace("PUBLISHED", "2015-07-23")
        .replace("is the greatest frustration", "is the biggest frustration")
        .replace("date = \"2014-10\"", "date = \"2015-01\"");
    let (_dir, checked) = check(&[("html/readability-bbc-1.html", "page.html")], &wrong);
    let quote = about(&checked, "frustration").join("\n");
    assert!(quote.contains("quote-not-found: "), "{quote}");
    // The closest passage points at line and column of the HTML file, where it stands.
    assert!(
        quote.contains("page.html:506:1971: \"President Barack Obama"),
        "{quote}"
    );
    let date = about(&checked, "spent-force").join("\n");
    assert!(date.starts_with("date-contradicted: "), "{date}");
    assert!(
        date.contains("\"Nine months ago\" resolves to 2014-10"),
        "{date}"
    );
    let published: Vec<&Diagnostic> = checked.report.with_code("published-unattested").collect();
    assert_eq!(published.len(), 1, "{:#?}", checked.report);
    assert!(published[0]
        .message
        .contains("metadata states another publication date"));
    assert!(
        published[0].notes[0]
            .contains("JSON-LD datePublished = \"2015-07-24T05:36:09+01:00\" (line 81)"),
        "{:?}",
        published[0].notes
    );
}

const PAPER: &str = r#"
[sources.paper]
file = "paper.pdf"
publisher = "Mozilla"
title = "Trace-based Just-in-Time Type Specialization for Dynamic Languages"
published = "2009"
published_note = "PLDI 2009, as the paper's venue; the page carries no date"

[[events]]
id = "tracing"
date = "2009"
title = "A tracing JIT for JavaScript"
dated_by = "publication"
[[events.evidence]]
source = "paper"
quote = "We present an alternative compilation technique for dynamically-typed languages that identifies frequently executed loop traces at run-time"
"#;

#[test]
fn a_real_pdf_reads_across_hyphenated_lines_and_ligatures() {
    // "alter-/native" and "tech-/nique" are hyphenated at line ends, "identifies" holds
    // an fi ligature: the quote as a reader writes it stands in the text.
    let (_dir, checked) = check(&[("pdf/pdfjs-tracemonkey_a11y.pdf", "paper.pdf")], PAPER);
    assert_eq!(codes(&checked), Vec::<&str>::new(), "{:#?}", checked.report);
}

#[test]
fn a_wrong_quote_in_a_real_pdf_points_at_its_page_and_line() {
    let wrong = PAPER.replace("frequently executed", "rarely executed");
    let (_dir, checked) = check(&[("pdf/pdfjs-tracemonkey_a11y.pdf", "paper.pdf")], &wrong);
    let found = about(&checked, "tracing").join("\n");
    assert!(found.starts_with("quote-not-found: "), "{found}");
    assert!(
        found.contains("paper.pdf:page 1, line 18: \"We present"),
        "{found}"
    );
}

const CAPTURES: &str = r#"
[sources.warc]
file = "example.warc.gz"
url = "http://example.com/"
publisher = "IANA"
title = "Example Domain"
published = "2017-03"
published_note = "The capture's date; the page states none"

[sources.wacz]
file = "example.wacz"
url = "https://www.example.com"
publisher = "IANA"
title = "Example Domain"
published = "2020-10"
published_note = "The capture's date; the page states none"

[[events]]
id = "domain-2017"
date = "2017-03"
title = "The example domain is for illustrative examples"
dated_by = "publication"
[[events.evidence]]
source = "warc"
quote = "This domain is established to be used for illustrative examples in documents."

[[events]]
id = "domain-2020"
date = "2020-10"
title = "The example domain is for illustrative examples"
dated_by = "publication"
[[events.evidence]]
source = "wacz"
quote = "This domain is QUOTED for use in illustrative examples in documents."
"#;

#[test]
fn captured_pages_are_read_from_web_archives_by_url() {
    let files = [
        ("archive/example.warc.gz", "example.warc.gz"),
        ("archive/valid_example_1.wacz", "example.wacz"),
    ];
    // The WACZ's page says it as the 2020 capture has it; `https` and the missing `/`
    // still find `http://www.example.com/`.
    let right = CAPTURES.replace("This domain is QUOTED for use", "This domain is for use");
    let (_dir, clean) = check(&files, &right);
    // The page never names IANA, which publishes it: a warning, not an error.
    assert_eq!(
        codes(&clean),
        ["source-publisher-not-found", "source-publisher-not-found"],
        "{:#?}",
        clean.report
    );

    // The 2017 wording does not stand in the 2020 capture: the finding points into it.
    let wrong = CAPTURES.replace(
        "This domain is QUOTED for use",
        "This domain is established to be used",
    );
    let (_dir, checked_wrong) = check(&files, &wrong);
    let found = about(&checked_wrong, "domain-2020").join("\n");
    assert!(found.starts_with("quote-not-found: "), "{found}");
    assert!(
        found.contains("example.wacz:41:8 of the capture of http://www.example.com/"),
        "{found}"
    );
}

#[test]
fn a_page_the_archive_does_not_hold_is_named_with_those_it_does() {
    let files = [("archive/example.warc.gz", "example.warc.gz")];
    let events = CAPTURES
        .replace("url = \"http://example.com/\"", "url = \"http://example.com/about\"")
        .split("[sources.wacz]")
        .next()
        .unwrap()
        .to_string()
        + "\n[[events]]\nid = \"e\"\ndate = \"2017-03\"\ntitle = \"t\"\ndated_by = \"publication\"\n[[events.evidence]]\nsource = \"warc\"\nquote = \"Example Domain\"\n";
    let (_dir, checked) = check(&files, &events);
    let missing: Vec<&Diagnostic> = checked.report.with_code("archive-record-missing").collect();
    assert_eq!(missing.len(), 1, "{:#?}", checked.report);
    assert!(
        missing[0].message.contains("`http://example.com/about`"),
        "{}",
        missing[0].message
    );
    assert!(
        missing[0].message.contains("`http://example.com/`"),
        "{}",
        missing[0].message
    );
    // Nothing is checked against a page that was not read.
    assert_eq!(
        codes(&checked),
        ["archive-record-missing"],
        "{:#?}",
        checked.report
    );
}

/// A page that shows its name only in its logo names it in its metadata.
#[test]
fn a_publisher_named_only_in_the_page_metadata_is_named() {
    let page = r#"<!DOCTYPE html><html><head><title>Pact signed</title>
<meta property="og:site_name" content="Sample Wire">
<meta property="article:published_time" content="2010-03-04T08:30:00+01:00">
</head><body><header><img src="logo.png" alt="Sample Wire"></header>
<h1>Pact signed</h1><p>On 2 March the ministers signed the pact.</p></body></html>"#;
    let events = |publisher: &str| {
        format!(
            "[sources.w]\nfile = \"page.html\"\npublisher = \"{publisher}\"\ntitle = \"Pact signed\"\n\
             published = \"2010-03-04\"\n\n[[events]]\nid = \"e\"\ndate = \"2010-03-02\"\n\
             title = \"Pact signed\"\n[[events.evidence]]\nsource = \"w\"\n\
             quote = \"On 2 March the ministers signed the pact.\"\n"
        )
    };
    let run = |publisher: &str| page_codes(page, &events(publisher));
    assert_eq!(run("Sample Wire"), Vec::<String>::new());
    assert_eq!(run("Other Wire"), ["source-publisher-not-found"]);
}

/// A moment the page writes in UTC, at 03:00, was the evening before in the Americas: a
/// `published` of that day holds when the page's visible dateline says so too, and not on
/// the metadata alone.
#[test]
fn a_utc_moment_attests_the_day_before_only_with_the_visible_date() {
    let run = |dateline: &str, published: &str| {
        let page = format!(
            "<!DOCTYPE html><html><head><title>Pact signed</title>\
             <meta property=\"og:site_name\" content=\"Sample Wire\">\
             <meta property=\"article:published_time\" content=\"2010-03-04T03:00:00Z\">\
             </head><body><p>{dateline}</p><p>The ministers signed the pact.</p></body></html>"
        );
        let events = format!(
            "[sources.w]\nfile = \"page.html\"\npublisher = \"Sample Wire\"\ntitle = \"Pact signed\"\n\
             published = \"{published}\"\n\n[[events]]\nid = \"e\"\ndate = \"{published}\"\n\
             title = \"Pact signed\"\ndated_by = \"publication\"\n[[events.evidence]]\nsource = \"w\"\n\
             quote = \"The ministers signed the pact.\"\n"
        );
        page_codes(&page, &events)
    };
    let none = Vec::<String>::new();
    assert_eq!(run("Washington, 3 March 2010", "2010-03-04"), none);
    assert_eq!(run("Washington, 3 March 2010", "2010-03-03"), none);
    assert_eq!(run("Washington", "2010-03-03"), ["published-unattested"]);
    assert_eq!(
        run("Washington, 5 March 2010", "2010-03-05"),
        ["published-unattested"]
    );
}
