//! Which evidence cites each source, built once per check: a rule about one source (a
//! wrong pin lists the quotes that still stand) must not scan every event.

use crate::model::{Event, Evidence, Timeline};
use std::collections::HashMap;

/// One quote citing a source: the event (and its index in the timeline) and the evidence.
#[derive(Clone, Copy)]
pub struct Citation<'t> {
    pub index: usize,
    pub event: &'t Event,
    pub evidence: &'t Evidence,
}

/// The evidence citing each source.
pub struct Citations<'t> {
    by_source: HashMap<&'t str, Vec<Citation<'t>>>,
}

impl<'t> Citations<'t> {
    pub fn new(timeline: &'t Timeline) -> Self {
        let mut by_source: HashMap<&str, Vec<_>> = HashMap::new();
        for (index, event) in timeline.events.iter().enumerate() {
            for evidence in &event.evidence {
                by_source
                    .entry(evidence.source.value.as_str())
                    .or_default()
                    .push(Citation {
                        index,
                        event,
                        evidence,
                    });
            }
        }
        Self { by_source }
    }

    /// The evidence that cites `source_id`, in file order.
    pub fn of(&self, source_id: &str) -> impl Iterator<Item = Citation<'t>> + '_ {
        self.by_source.get(source_id).into_iter().flatten().copied()
    }
}
