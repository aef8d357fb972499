//! Mention rules (docs/checks.md#mentions): each actor and the place is named in a cited source.

use super::citations::Citation;
use crate::articles::Article;
use crate::diagnostic::Severity::Error;
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Event, Spanned, Timeline};
use std::collections::HashSet;

pub const MENTION_NOT_FOUND: Rule = Rule {
    code: "mention-not-found",
    severity: Error,
    summary: "An actor or the place is not mentioned in any source the event cites.",
    explanation: "Names are matched case-insensitively on word boundaries, directly or through \
an `[aliases]` spelling. A name the sources never mention is a claim they do not support.\n\n\
Example: the article spells `Bardyuzha`; add `\"Nikolai Bordyuzha\" = [\"Bardyuzha\"]` to \
`[aliases]`.",
};

/// The actor and place names of the citing event that `article` mentions, recorded as
/// (event index, name index), names counted actors first, then the place.
pub fn names_in(
    timeline: &Timeline,
    citation: Citation<'_>,
    article: &Article,
    mentioned: &mut Vec<(usize, usize)>,
) {
    for (i, name) in names(citation.event).enumerate() {
        let spellings = spellings(timeline, &name.value);
        if spellings.iter().any(|s| article.names().mentions(s)) {
            mentioned.push((citation.index, i));
        }
    }
}

/// Each actor and the place is named in at least one source the event cites.
pub fn unmentioned(
    timeline: &Timeline,
    index: usize,
    event: &Event,
    mentioned: &HashSet<(usize, usize)>,
    unreadable: &HashSet<String>,
    out: &mut Vec<Diagnostic>,
) {
    let unknown = event.evidence.iter().any(|e| {
        unreadable.contains(&e.source.value) || timeline.source(&e.source.value).is_none()
    });
    if unknown {
        return; // an unreadable source could hold the mention: its own finding comes first
    }
    for (i, name) in names(event).enumerate() {
        if mentioned.contains(&(index, i)) {
            continue;
        }
        let spellings = spellings(timeline, &name.value);
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

fn names(event: &Event) -> impl Iterator<Item = &Spanned<String>> {
    event.actors.iter().chain(&event.place)
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
