//! The JSON Schema of the events file, for editors that validate and complete TOML
//! (`citeline schema`, docs/format.md#editor-validation).
//!
//! The loader walks the TOML itself (src/load/walk.rs) to report every mistake at its
//! place; the schema is generated from the document types below, which only describe that
//! shape. A unit test keeps their keys equal to the loader's key lists.

use schemars::generate::SchemaSettings;

/// The schema, as a JSON value: JSON Schema draft-07, which TOML editors (taplo, Even Better
/// TOML) and most validators read.
///
/// ```
/// let schema = citeline::schema::events_schema();
/// assert_eq!(schema["title"], "citeline events file");
/// assert_eq!(schema["required"], serde_json::json!(["events"]));
/// ```
pub fn events_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator
        .into_root_schema_for::<document::EventsFile>()
        .to_value();
    unwrap_descriptions(&mut schema);
    schema
}

/// Doc comments are wrapped at 92 columns; an editor shows a description in a box of its
/// own width, so the wrapping's line breaks become spaces (a blank line stays a paragraph).
fn unwrap_descriptions(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                match inner {
                    Value::String(text) if key == "description" => {
                        *text = text
                            .split("\n\n")
                            .map(|p| p.split('\n').map(str::trim).collect::<Vec<_>>().join(" "))
                            .collect::<Vec<_>>()
                            .join("\n\n");
                    }
                    _ => unwrap_descriptions(inner),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

/// The events file as serde would see it. The types are never built: they exist to be
/// described. Doc comments become the schema's descriptions (from docs/format.md).
#[allow(dead_code)]
mod document {
    use schemars::JsonSchema;
    use serde::Serialize;
    use std::collections::BTreeMap;

    /// Ids: docs/format.md#ids.
    const ID: &str = "^[a-z0-9][a-z0-9-]*$";
    /// One date of the EDTF subset: a year, a month or a day, with an optional `?`, `~` or
    /// `%` (docs/format.md#dates). Days past a month's end (`2003-02-30`) pass the pattern;
    /// `citeline check` refuses them.
    macro_rules! day {
        () => {
            "[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?[?~%]?"
        };
    }
    /// A date, or an interval of two with at most one open end (`..`).
    const DATE: &str = concat!(
        "^(",
        day!(),
        "(/(",
        day!(),
        "|\\.\\.))?|\\.\\./",
        day!(),
        ")$"
    );
    /// A date or an interval of two known ends: `published` may not be open-ended.
    const CLOSED_DATE: &str = concat!("^", day!(), "(/", day!(), ")?$");
    const SHA256: &str = "^[0-9a-fA-F]{64}$";

    /// A citeline events file: sources (articles saved beside it) and events, each with
    /// verbatim quotes from those sources. See docs/format.md.
    #[derive(JsonSchema)]
    #[schemars(title = "citeline events file")]
    #[serde(deny_unknown_fields)]
    pub struct EventsFile {
        /// The chart's title, subtitle and fallback fonts.
        #[serde(default)]
        pub timeline: TimelineTable,
        /// Other spellings of names in `actors` and `place`: each key is a name, its value
        /// the spellings that also count as a mention of it.
        #[serde(default)]
        pub aliases: BTreeMap<String, Vec<String>>,
        /// The sources, each `[sources.ID]` with its id as the key.
        #[serde(default)]
        #[schemars(extend("propertyNames" = { "pattern": ID }))]
        pub sources: BTreeMap<String, Source>,
        /// The events, in the order of the file; at least one.
        #[schemars(length(min = 1))]
        pub events: Vec<Event>,
    }

    /// `[timeline]`: how the chart is titled and drawn.
    #[derive(Default, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct TimelineTable {
        /// The chart's title; without one the chart is titled "Timeline".
        #[serde(default, skip_serializing_if = "String::is_empty")]
        #[schemars(length(min = 1, max = 500))]
        pub title: String,
        /// The line under the title; without one it says how many events, years and sources
        /// the chart shows.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        #[schemars(length(min = 1, max = 500))]
        pub subtitle: String,
        /// Fallback font files (.ttf, .otf, .ttc) for characters the built-in fonts lack,
        /// relative to the events file's folder and inside it.
        #[serde(default)]
        #[schemars(inner(length(min = 1, max = 200)))]
        pub fonts: Vec<String>,
    }

    /// `[sources.ID]`: one article as saved.
    #[derive(JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Source {
        /// The article as saved (text, HTML, PDF or web archive), relative to the events
        /// file's folder and inside it.
        #[schemars(length(min = 1, max = 500))]
        pub file: String,
        /// Who published it; `check` warns when the text does not name it.
        #[schemars(length(min = 1, max = 500))]
        pub publisher: String,
        /// The article's headline; `check` warns when it does not stand in the text.
        #[schemars(length(min = 1, max = 500))]
        pub title: String,
        /// When it was published: an EDTF date, not open-ended ("2003-12-03", "2012-07?/2013-11?").
        #[schemars(regex(pattern = CLOSED_DATE), length(max = 200))]
        pub published: String,
        /// Where `published` comes from, when nothing in the file attests it.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        #[schemars(length(min = 1, max = 2000))]
        pub published_note: String,
        /// Where the article was found; for a web archive, it picks the captured page.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        #[schemars(length(min = 1, max = 500))]
        pub url: String,
        /// A copy of the page in a web archive, for when `url` stops leading to the text.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        #[schemars(length(min = 1, max = 500))]
        pub archive_url: String,
        /// When that copy was made: an EDTF date.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        #[schemars(regex(pattern = DATE), length(max = 200))]
        pub archived: String,
        /// When you last read the page at `url`: an EDTF date.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        #[schemars(regex(pattern = DATE), length(max = 200))]
        pub accessed: String,
        /// A pin of the file's exact bytes: 64 hexadecimal digits, as `sha256sum` prints them.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        #[schemars(regex(pattern = SHA256))]
        pub sha256: String,
        /// How the text writes numeric dates: day-month-year, month-day-year or
        /// year-month-day.
        /// Absent, only numeric dates that cannot be misread are taken as dates.
        #[serde(default)]
        #[schemars(with = "DateOrder")]
        pub date_order: Option<DateOrder>,
    }

    /// How a source writes numeric dates.
    #[derive(JsonSchema)]
    #[serde(rename_all = "lowercase")]
    pub enum DateOrder {
        Dmy,
        Mdy,
        Ymd,
    }

    /// `[[events]]`: one event.
    #[derive(JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(extend(
        "if" = { "properties": { "dated_by": { "const": "inference" } }, "required": ["dated_by"] },
        "then" = { "required": ["date_note"] }
    ))]
    pub struct Event {
        /// A unique id: lowercase ASCII letters, digits and hyphens.
        #[schemars(regex(pattern = ID), length(max = 200))]
        pub id: String,
        /// The claimed date: an EDTF date ("2003-11-19", "2003-11", "2003", with `?`, `~`
        /// or `%`) or an interval ("2012-07?/2013-11?", "../2003-11", "2004/..").
        #[schemars(regex(pattern = DATE), length(max = 200))]
        pub date: String,
        /// The chart label: 1 to 80 characters.
        #[schemars(length(min = 1, max = 80))]
        pub title: String,
        /// A longer description; not drawn.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        #[schemars(length(min = 1, max = 2000))]
        pub summary: String,
        /// Where it happened; must be mentioned in a cited source.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        #[schemars(length(min = 1, max = 200))]
        pub place: String,
        /// Who took part; each must be mentioned in a cited source.
        #[serde(default)]
        #[schemars(inner(length(min = 1, max = 200)))]
        pub actors: Vec<String>,
        /// The first gives the event its colour and legend entry; each becomes a CSS class.
        #[serde(default)]
        #[schemars(inner(length(min = 1, max = 200)))]
        pub tags: Vec<String>,
        /// "planned": announced for a later date.
        #[serde(default)]
        pub status: Status,
        /// What attests the date: a date in a quote, the source's `published` date, or the
        /// curator's reasoning (then `date_note` is required).
        #[serde(default)]
        pub dated_by: DatedBy,
        /// How the date was inferred; required with `dated_by = "inference"`.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        #[schemars(length(min = 1, max = 2000))]
        pub date_note: String,
        /// The evidence: one or more quotes from declared sources.
        #[schemars(length(min = 1))]
        pub evidence: Vec<Evidence>,
        /// `true`: a chart too big to label every event labels this one first.
        #[serde(default)]
        pub key: bool,
    }

    /// Whether the event happened or was announced.
    #[derive(Default, JsonSchema, Serialize)]
    #[serde(rename_all = "lowercase")]
    pub enum Status {
        #[default]
        Happened,
        Planned,
    }

    /// What attests an event's date.
    #[derive(Default, JsonSchema, Serialize)]
    #[serde(rename_all = "lowercase")]
    pub enum DatedBy {
        #[default]
        Quote,
        Publication,
        Inference,
    }

    /// `[[events.evidence]]`: one quote from one source.
    #[derive(JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Evidence {
        /// The id of a declared source.
        #[schemars(regex(pattern = ID), length(max = 200))]
        pub source: String,
        /// Words copied from that source's text; `...` or `…` leaves words out.
        #[schemars(length(min = 1, max = 10000))]
        pub quote: String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{EVENT_KEYS, EVIDENCE_KEYS, ROOT_KEYS, SOURCE_KEYS, TIMELINE_KEYS};
    use std::collections::BTreeSet;

    fn keys(table: &serde_json::Value) -> BTreeSet<&str> {
        let properties = table["properties"]
            .as_object()
            .expect("a table with properties");
        properties.keys().map(String::as_str).collect()
    }

    #[test]
    fn descriptions_are_unwrapped_but_keep_their_paragraphs() {
        let mut value = serde_json::json!({
            "description": "one\ntwo\n\nthree",
            "properties": { "a": { "description": "x\n y" }, "pattern": "a\nb" },
        });
        unwrap_descriptions(&mut value);
        assert_eq!(value["description"], "one two\n\nthree");
        assert_eq!(value["properties"]["a"]["description"], "x y");
        assert_eq!(
            value["properties"]["pattern"], "a\nb",
            "only descriptions change"
        );
        let shipped = events_schema().to_string();
        assert!(!shipped.contains("`\\nor"), "a wrapped line break is left");
    }

    #[test]
    fn every_table_has_exactly_the_keys_the_loader_accepts() {
        let schema = events_schema();
        let tables = [
            (&schema, ROOT_KEYS),
            (&schema["definitions"]["TimelineTable"], TIMELINE_KEYS),
            (&schema["definitions"]["Source"], SOURCE_KEYS),
            (&schema["definitions"]["Event"], EVENT_KEYS),
            (&schema["definitions"]["Evidence"], EVIDENCE_KEYS),
        ];
        for (table, accepted) in tables {
            let accepted: BTreeSet<&str> = accepted.iter().copied().collect();
            assert_eq!(keys(table), accepted);
            assert_eq!(
                table["additionalProperties"], false,
                "unknown keys are refused"
            );
            assert!(
                table["properties"]
                    .as_object()
                    .unwrap()
                    .values()
                    .all(|p| p["description"].as_str().is_some_and(|d| !d.is_empty())),
                "every key is described"
            );
        }
    }
}
