//! Mention rules (SPEC §4.6): each actor and the place is named in a cited source.

use crate::articles::{Article, Articles};
use crate::diagnostic::Severity::Error;
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Event, Timeline};

pub const MENTION_NOT_FOUND: Rule = Rule {
    code: "mention-not-found",
    severity: Error,
    summary: "An actor or the place is not mentioned in any source the event cites.",
    explanation: "Names are matched case-insensitively on word boundaries, directly or through \
an `[aliases]` spelling. A name the sources never mention is a claim they do not support.\n\n\
Example: the article spells `Bardyuzha`; add `\"Nikolai Bordyuzha\" = [\"Bardyuzha\"]` to \
`[aliases]`.",
};

/// Each actor and the place is named in at least one source the event cites.
pub fn mentions_found(
    timeline: &Timeline,
    event: &Event,
    articles: &Articles,
    out: &mut Vec<Diagnostic>,
) {
    let cited: Vec<&Article> = event
        .evidence
        .iter()
        .filter_map(|e| articles.get(&e.source.value))
        .collect();
    if cited.len() < event.evidence.len() {
        return; // an unreadable source could hold the mention: its own finding comes first
    }
    for name in event.actors.iter().chain(&event.place) {
        let spellings = spellings(timeline, &name.value);
        if cited
            .iter()
            .any(|a| spellings.iter().any(|s| a.names().mentions(s)))
        {
            continue;
        }
        let kind = if event.place.as_ref() == Some(name) {
            "place"
        } else {
            "actor"
        };
        let tried = spellings
            .iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(
            Diagnostic::new(
                &MENTION_NOT_FOUND,
                name.span.clone(),
                format!(
                    "the {kind} `{}` is not mentioned in the cited sources",
                    name.value
                ),
            )
            .with_label("not found in any cited source")
            .with_event(event.id.value.clone())
            .with_note(format!("looked for {tried}, in any case, as whole words"))
            .with_help(format!(
                "if a source spells it differently, add that spelling under [aliases] \"{}\"",
                name.value
            )),
        );
    }
}

/// The name itself and its aliases (alias names compare case-insensitively).
fn spellings<'a>(timeline: &'a Timeline, name: &'a str) -> Vec<&'a str> {
    let mut all = vec![name];
    for alias in &timeline.aliases {
        if alias.name.value.to_lowercase() == name.to_lowercase() {
            all.extend(alias.spellings.iter().map(|s| s.value.as_str()));
        }
    }
    all
}
