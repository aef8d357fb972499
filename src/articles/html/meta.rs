//! What a page states about itself outside its text: its dates (`<meta>` tags, schema.org
//! microdata (`itemprop`), `<time datetime>` and JSON-LD) and the names of its publisher
//! (`og:site_name`, `application-name`, JSON-LD `publisher`).

use super::tree::{Data, Element, Id, Tree};
use crate::articles::extract::MetaDate;
use serde_json::Value;

/// The most dates kept from one page, and the most JSON values looked at in one JSON-LD
/// script, and the longest script parsed: a page is not a database.
const MAX_DATES: usize = 1000;
const MAX_JSON_VALUES: usize = 100_000;
const MAX_JSON_BYTES: usize = 4 * 1024 * 1024;

/// Names of `<meta>` (in `name`, `property` or `itemprop`, compared without case) and
/// JSON-LD keys that carry a date, and whether the date is the publication's own.
const NAMES: &[(&str, bool)] = &[
    ("article:published_time", true),
    ("og:published_time", true),
    ("og:article:published_time", true),
    ("article:published", true),
    ("article:publicationdate", true),
    ("article.published", true),
    ("published_time", true),
    ("date", true),
    ("dc.date", true),
    ("dc.date.issued", true),
    ("dc.date.created", true),
    ("dcterms.date", true),
    ("dcterms.issued", true),
    ("dcterms.created", true),
    ("pubdate", true),
    ("pub_date", true),
    ("publishdate", true),
    ("publish-date", true),
    ("publish_date", true),
    ("publication_date", true),
    ("publication-date", true),
    ("originalpublicationdate", true),
    ("sailthru.date", true),
    ("parsely-pub-date", true),
    ("citation_publication_date", true),
    ("citation_date", true),
    ("citation_online_date", true),
    ("datepublished", true),
    ("article:modified_time", false),
    ("og:updated_time", false),
    ("og:article:modified_time", false),
    ("article:modified", false),
    ("article.updated", false),
    ("modified_time", false),
    ("dc.date.modified", false),
    ("dcterms.modified", false),
    ("last-modified", false),
    ("lastmod", false),
    ("datemodified", false),
];

fn publication(name: &str) -> Option<bool> {
    NAMES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name.trim()))
        .map(|&(_, p)| p)
}

/// Names of `<meta>` (in `name` or `property`, compared without case) whose content names
/// the site or its publisher.
const PUBLISHER_NAMES: &[&str] = &[
    "og:site_name",
    "application-name",
    "publisher",
    "dc.publisher",
    "dcterms.publisher",
    "citation_publisher",
];

/// The most publisher names kept from one page.
const MAX_PUBLISHERS: usize = 32;

/// What a page states about itself.
#[derive(Default)]
pub struct Stated {
    /// Its dates, in document order.
    pub dates: Vec<MetaDate>,
    /// The names it gives its site or publisher.
    pub publishers: Vec<String>,
}

impl Stated {
    fn publisher(&mut self, name: &str) {
        let name = name.trim();
        let known = self.publishers.iter().any(|p| p == name);
        if !name.is_empty() && !known && self.publishers.len() < MAX_PUBLISHERS {
            self.publishers.push(name.to_owned());
        }
    }
}

/// What the page states about itself, in document order.
pub fn stated(tree: &Tree) -> Stated {
    let mut stated = Stated::default();
    let mut stack: Vec<Id> = vec![0];
    while let Some(id) = stack.pop() {
        if stated.dates.len() >= MAX_DATES {
            stated.dates.truncate(MAX_DATES);
            break;
        }
        let node = &tree.nodes[id];
        if let Data::Element(e) = &node.data {
            element(tree, id, e, &mut stated);
        }
        let mut child = node.last;
        while let Some(c) = child {
            stack.push(c);
            child = tree.nodes[c].prev;
        }
    }
    stated
}

fn element(tree: &Tree, id: Id, e: &Element, stated: &mut Stated) {
    if e.is_html("meta") {
        let named = ["property", "name"]
            .iter()
            .filter_map(|a| e.attr(a))
            .any(|key| {
                PUBLISHER_NAMES
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(key.trim()))
            });
        if let Some(content) = e.attr("content").filter(|_| named) {
            stated.publisher(content);
            return;
        }
    }
    let dates = &mut stated.dates;
    let mut add = |name: String, value: &str, publication: bool| {
        dates.push(MetaDate {
            name,
            value: value.to_owned(),
            publication,
            line: e.line,
        })
    };
    if e.is_html("meta") {
        let Some(content) = e.attr("content").filter(|c| !c.trim().is_empty()) else {
            return;
        };
        for attr in ["property", "name", "itemprop"] {
            if let Some(key) = e.attr(attr) {
                if let Some(p) = publication(key) {
                    add(format!("meta {key}"), content, p);
                    return;
                }
            }
        }
        return;
    }
    if e.is_html("time") {
        if let Some(value) = e.attr("datetime").filter(|v| !v.trim().is_empty()) {
            let itemprop = e.attr("itemprop").and_then(|k| Some((k, publication(k)?)));
            match itemprop {
                Some((key, p)) => add(format!("time {key}"), value, p),
                // The obsolete `pubdate` marks the publication of the nearest article, and
                // news pages put one on every teaser: a page date, not the page's own.
                None if e.attr("pubdate").is_some() => add("time pubdate".into(), value, false),
                None => add("time datetime".into(), value, false),
            }
        }
        return;
    }
    if e.is_html("script") {
        if e.is_json_ld() {
            json_ld(tree, id, stated);
        }
        return;
    }
    // Microdata on any other element: `<span itemprop="datePublished" content="…">`.
    if let Some(key) = e.attr("itemprop") {
        if let Some(p) = publication(key) {
            if let Some(value) = e.attr("content").or_else(|| e.attr("datetime")) {
                add(format!("{} {key}", e.name.local), value, p);
            }
        }
    }
}

/// `datePublished` and `dateModified` anywhere in a JSON-LD script (in `@graph`, in
/// arrays, in nested objects), each on the line where its key is written.
fn json_ld(tree: &Tree, script: Id, stated: &mut Stated) {
    let mut text = String::new();
    let mut first_line = None;
    let mut child = tree.nodes[script].first;
    while let Some(c) = child {
        if let Data::Text(t) = &tree.nodes[c].data {
            first_line.get_or_insert(t.segs[0].origin.line);
            text.push_str(&t.text);
        }
        child = tree.nodes[c].next;
    }
    let Some(first_line) = first_line else {
        return;
    };
    if text.len() > MAX_JSON_BYTES {
        return;
    }
    // Some sites wrap the JSON in an HTML comment or CDATA markers.
    let mut json = text.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("//<![CDATA[", "//]]>"),
        ("<![CDATA[", "]]>"),
    ] {
        if let Some(inner) = json.strip_prefix(open).and_then(|j| j.strip_suffix(close)) {
            json = inner.trim();
        }
    }
    let Ok(value) = serde_json::from_str::<Value>(json) else {
        return;
    };
    // Each key's occurrences are looked up in the text in turn, for their lines and their
    // order (serde_json's objects sort their keys).
    let mut found = Vec::new();
    let mut searched = [0usize; 2];
    let mut stack = vec![&value];
    let mut visited = 0;
    while let Some(v) = stack.pop() {
        visited += 1;
        if visited > MAX_JSON_VALUES || stated.dates.len() + found.len() >= MAX_DATES {
            break;
        }
        match v {
            Value::Object(map) => {
                for (key, field) in map {
                    if key == "publisher" {
                        publisher_names(field, stated);
                    }
                    let which = match key.as_str() {
                        "datePublished" => 0,
                        "dateModified" => 1,
                        _ => continue,
                    };
                    let Some(value) = field.as_str() else {
                        continue;
                    };
                    let quoted = format!("\"{key}\"");
                    let at = text[searched[which]..]
                        .find(&quoted)
                        .map_or(0, |i| searched[which] + i);
                    searched[which] = (at + quoted.len()).min(text.len());
                    let line = first_line
                        + memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count() as u32;
                    found.push((
                        at,
                        MetaDate {
                            name: format!("JSON-LD {key}"),
                            value: value.to_owned(),
                            publication: which == 0,
                            line,
                        },
                    ));
                }
                stack.extend(map.values().rev());
            }
            Value::Array(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    found.sort_by_key(|&(at, _)| at);
    stated.dates.extend(found.into_iter().map(|(_, date)| date));
}

/// The names in a JSON-LD `publisher`: a name, an organisation with a `name`, or a list of
/// either.
fn publisher_names(field: &Value, stated: &mut Stated) {
    match field {
        Value::String(name) => stated.publisher(name),
        Value::Object(org) => {
            if let Some(name) = org.get("name").and_then(Value::as_str) {
                stated.publisher(name);
            }
        }
        Value::Array(items) => {
            for item in items.iter().take(MAX_PUBLISHERS) {
                if let Some(name) = item.get("name").and_then(Value::as_str).or(item.as_str()) {
                    stated.publisher(name);
                }
            }
        }
        _ => {}
    }
}
