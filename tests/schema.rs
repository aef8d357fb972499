//! `citeline schema`: the JSON Schema of the events file accepts the shipped data and every
//! `good/` fixture, refuses unknown keys and wrong types in every table, lets through every
//! date the loader accepts, and is committed as `events.schema.json` exactly as generated.

use crate::util::{citeline, stdout};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&citeline::schema::events_schema())
        .expect("the schema is a valid draft-07 schema")
}

fn as_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[track_caller]
fn assert_valid(validator: &jsonschema::Validator, document: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(document)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

/// Every events file under tests/fixtures/*/`kind`*/.
fn fixtures(good: bool) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for rule in std::fs::read_dir(root().join("tests/fixtures")).unwrap() {
        for case in std::fs::read_dir(rule.unwrap().path()).unwrap() {
            let case = case.unwrap().path();
            let name = case.file_name().unwrap().to_string_lossy().into_owned();
            let events = case.join("events.toml");
            if name.starts_with("good") == good && events.is_file() {
                found.push(events);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn the_shipped_data_and_every_good_fixture_validate() {
    let validator = validator();
    assert_valid(
        &validator,
        &as_json(&root().join("events.toml")),
        "events.toml",
    );
    let good = fixtures(true);
    assert!(good.len() >= 30, "{good:?}");
    for path in good {
        assert_valid(&validator, &as_json(&path), &path.display().to_string());
    }
}

#[test]
fn an_unknown_key_in_any_table_is_refused() {
    let validator = validator();
    let shipped = as_json(&root().join("events.toml"));
    let first_source = shipped["sources"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap();
    let tables = [
        String::new(),
        "/timeline".into(),
        format!("/sources/{first_source}"),
        "/events/0".into(),
        "/events/0/evidence/0".into(),
    ];
    for table in tables {
        let mut document = shipped.clone();
        let object = document
            .pointer_mut(&table)
            .unwrap()
            .as_object_mut()
            .unwrap();
        object.insert("dated-by".into(), json!("quote"));
        assert!(
            !validator.is_valid(&document),
            "`dated-by` accepted in {table:?}"
        );
    }
}

/// The smallest valid file, for changing one value at a time.
fn minimal() -> Value {
    json!({
        "timeline": {},
        "aliases": {},
        "sources": { "wire": {
            "file": "a.txt", "publisher": "P", "title": "T", "published": "2003-12-03"
        } },
        "events": [{
            "id": "e", "date": "2003-11-19", "title": "T",
            "evidence": [{ "source": "wire", "quote": "q" }]
        }]
    })
}

fn with(pointer: &str, value: Value) -> Value {
    let mut document = minimal();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = document.pointer_mut(parent).unwrap();
    match parent {
        Value::Object(map) => {
            map.insert(key.to_string(), value);
        }
        _ => panic!("{pointer}"),
    }
    document
}

#[test]
fn wrong_types_and_values_are_refused_and_right_ones_accepted() {
    let validator = validator();
    assert_valid(&validator, &minimal(), "minimal");
    let event = "/events/0";
    let source = "/sources/wire";
    let refused = [
        (format!("{event}/id"), json!(5)),
        (format!("{event}/id"), json!("Bishkek Meeting")),
        (format!("{event}/actors"), json!("Askar Aitmatov")),
        (format!("{event}/tags"), json!([1])),
        (format!("{event}/key"), json!("yes")),
        (format!("{event}/status"), json!("announced")),
        (format!("{event}/dated_by"), json!("quotes")),
        (format!("{event}/title"), json!("x".repeat(81))),
        (format!("{event}/summary"), json!("")),
        (format!("{event}/evidence"), json!([])),
        (format!("{source}/sha256"), json!("abc")),
        (format!("{source}/date_order"), json!("dym")),
        (format!("{source}/published"), json!("2003/..")),
        ("/aliases/Bordyuzha".into(), json!("Bardyuzha")),
        ("/timeline/fonts".into(), json!("a.ttf")),
    ];
    for (pointer, value) in refused {
        let document = with(&pointer, value.clone());
        assert!(
            !validator.is_valid(&document),
            "{pointer} = {value} accepted"
        );
    }
    let accepted = [
        (format!("{event}/status"), json!("planned")),
        (format!("{event}/key"), json!(true)),
        (format!("{event}/actors"), json!(["Askar Aitmatov"])),
        (format!("{event}/title"), json!("x".repeat(80))),
        (format!("{source}/sha256"), json!("B73dd43f".repeat(8))),
        (format!("{source}/date_order"), json!("mdy")),
        ("/aliases/Bordyuzha".into(), json!(["Bardyuzha"])),
    ];
    for (pointer, value) in accepted {
        assert_valid(&validator, &with(&pointer, value.clone()), &pointer);
    }
    let mut bad_id = minimal();
    let wire = bad_id["sources"]
        .as_object_mut()
        .unwrap()
        .remove("wire")
        .unwrap();
    bad_id["sources"]["Wire Service"] = wire;
    assert!(!validator.is_valid(&bad_id), "a source id of another form");
    let mut no_events = minimal();
    no_events.as_object_mut().unwrap().remove("events");
    assert!(!validator.is_valid(&no_events), "a file without events");
    let inferred = with(&format!("{event}/dated_by"), json!("inference"));
    assert!(
        !validator.is_valid(&inferred),
        "inference without date_note"
    );
    let mut noted = inferred.clone();
    noted["events"][0]["date_note"] = json!("n");
    assert_valid(&validator, &noted, "inference with a note");
}

/// Every date-valued string in a file: events' `date`, sources' `published`, `archived`
/// and `accessed`, each with whether it is `published` (which may not be open).
fn dates(document: &Value) -> Vec<(String, bool)> {
    let mut found = Vec::new();
    let text = |v: &Value| v.as_str().map(str::to_string);
    for event in document["events"].as_array().into_iter().flatten() {
        found.extend(text(&event["date"]).map(|d| (d, false)));
    }
    for source in document["sources"]
        .as_object()
        .into_iter()
        .flat_map(|s| s.values())
    {
        found.extend(text(&source["published"]).map(|d| (d, true)));
        for key in ["archived", "accessed"] {
            found.extend(text(&source[key]).map(|d| (d, false)));
        }
    }
    found
}

fn date_passes(validator: &jsonschema::Validator, date: &str, published: bool) -> bool {
    let pointer = if published {
        "/sources/wire/published"
    } else {
        "/events/0/date"
    };
    validator.is_valid(&with(pointer, json!(date)))
}

#[test]
fn every_date_the_loader_accepts_passes_and_malformed_ones_do_not() {
    let validator = validator();
    let mut files = vec![root().join("events.toml")];
    files.extend(fixtures(true));
    files.extend(fixtures(false));
    let mut seen = 0;
    for path in files {
        let Ok(document) = toml::from_str::<Value>(&std::fs::read_to_string(&path).unwrap()) else {
            continue;
        };
        for (date, published) in dates(&document) {
            let Ok(parsed) = citeline::date::parse(&date) else {
                continue;
            };
            let open = date.starts_with("..") || date.ends_with("..");
            if published && open {
                continue;
            }
            seen += 1;
            assert!(
                date_passes(&validator, &date, published),
                "{date} ({parsed}) in {}",
                path.display()
            );
        }
    }
    assert!(seen > 50, "only {seen} dates");
    let documented = [
        "2003-11-19",
        "2003-11",
        "2003",
        "2003-11-19?",
        "2003-11~",
        "2003%",
        "2012-07?/2013-11?",
        "../2003-11",
        "2004/..",
        "2003-11/2003-11-05",
    ];
    for date in documented {
        assert!(citeline::date::parse(date).is_ok(), "{date}");
        assert!(date_passes(&validator, date, false), "{date}");
    }
    let malformed = [
        "2003-1-19",
        "03-11-19",
        "-2003",
        "19 November 2003",
        "2003-13",
        "2003?-11",
        "2003-11-19 ",
        "2003-11-19T10:00",
        "2003-XX",
        "../..",
        "2003/",
        "2003/2004/2005",
        "",
    ];
    for date in malformed {
        assert!(citeline::date::parse(date).is_err(), "{date}");
        assert!(!date_passes(&validator, date, false), "{date}");
    }
    assert!(
        !date_passes(&validator, "../2003", true),
        "published is never open"
    );
    assert!(date_passes(&validator, "2012-07?/2013-11?", true));
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let out = citeline(root(), &["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let generated = stdout(&out);
    let parsed: Value = serde_json::from_str(&generated).unwrap();
    assert_eq!(parsed, citeline::schema::events_schema());
    assert_eq!(parsed["$schema"], "http://json-schema.org/draft-07/schema#");
    let committed = std::fs::read_to_string(root().join("events.schema.json")).unwrap();
    assert!(
        committed == generated,
        "events.schema.json is not what `citeline schema` prints; regenerate it with \
         `cargo run -q -- schema > events.schema.json`"
    );
}
