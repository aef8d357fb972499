//! The JSON Schema of the events file, for editors that validate and complete TOML
//! (`citeline schema`).

/// The schema, as a JSON value.
pub fn events_schema() -> serde_json::Value {
    todo!("schema")
}
