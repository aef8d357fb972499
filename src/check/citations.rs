//! Which evidence cites each source, built once per check: a rule about one source (a
//! wrong pin lists the quotes that still stand) must not scan every event.

use crate::model::{Event, Evidence, Timeline};
use std::collections::HashMap;

/// The evidence citing each source, with its event.
pub struct Citations<'t> {
    by_source: HashMap<&'t str, Vec<(&'t Event, &'t Evidence)>>,
}

impl<'t> Citations<'t> {
    pub fn new(timeline: &'t Timeline) -> Self {
        let mut by_source: HashMap<&str, Vec<_>> = HashMap::new();
        for event in &timeline.events {
            for evidence in &event.evidence {
                by_source
                    .entry(evidence.source.value.as_str())
                    .or_default()
                    .push((event, evidence));
            }
        }
        Self { by_source }
    }

    /// The evidence that cites `source_id`, with its event, in file order.
    pub fn of(&self, source_id: &str) -> impl Iterator<Item = (&'t Event, &'t Evidence)> + '_ {
        self.by_source.get(source_id).into_iter().flatten().copied()
    }
}
