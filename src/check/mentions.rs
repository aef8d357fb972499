//! Mention rules (SPEC §4.6): each actor and the place is named in a cited source.

use crate::diagnostic::Severity::Error;
use crate::rules::Rule;

pub const MENTION_NOT_FOUND: Rule = Rule {
    code: "mention-not-found",
    severity: Error,
    summary: "An actor or the place is not mentioned in any source the event cites.",
    explanation: "Names are matched case-insensitively on word boundaries, directly or through \
an `[aliases]` spelling. A name the sources never mention is a claim they do not support.\n\n\
Example: the article spells `Bardyuzha`; add `\"Nikolai Bordyuzha\" = [\"Bardyuzha\"]` to \
`[aliases]`.",
};
