//! Quote rules (SPEC §4.3): each quote stands in its source, after folding.

use crate::diagnostic::Severity::Error;
use crate::rules::Rule;

pub const QUOTE_NOT_FOUND: Rule = Rule {
    code: "quote-not-found",
    severity: Error,
    summary: "A quote does not stand in its source.",
    explanation: "Quotes are compared after folding: Unicode NFKC, curly quotes to straight, \
dashes and `--` to `-`, every run of white space to one space. `...` or `…` is an elision: the \
parts must appear in order within one paragraph. The notes show the closest passage of the \
source, where it stands, how similar it is and which words differ.\n\n\
Example: the quote `on 19 November, foreign ministers from six nations` misses the article's \
`the six nations`; copy the passage exactly.",
};

pub const QUOTE_CASE_MISMATCH: Rule = Rule {
    code: "quote-case-mismatch",
    severity: Error,
    summary: "A quote matches its source only when case is ignored.",
    explanation: "Case is significant in a verbatim quote, but a case-only difference is \
almost always a copying slip, so this gets its own code and points at the passage.\n\n\
Example: `nato officials say` should be `NATO officials say`.",
};
