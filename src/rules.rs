//! The rule catalogue: every code a finding can carry, its severity and its explanation.
//!
//! Each rule is defined beside the code that reports it (`check/*.rs`); this module only
//! gathers them, so `citeline explain`, the rules page and the test that every code is
//! documented all read one list.

use crate::check::{dates, mentions, quotes, shape, sources};
use crate::diagnostic::Severity;

/// One rule: a stable code, its severity, a one-line summary and an explanation (what it
/// checks, why, and an example of a fix).
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub explanation: &'static str,
}

/// Every rule, grouped by family in the order the checks run.
pub fn all() -> &'static [&'static Rule] {
    &[
        &shape::TOML_SYNTAX,
        &shape::INVALID_TYPE,
        &shape::MISSING_KEY,
        &shape::UNKNOWN_KEY,
        &shape::INVALID_VALUE,
        &shape::INVALID_ID,
        &shape::DUPLICATE_ID,
        &shape::INVALID_DATE,
        &shape::INVALID_TITLE,
        &shape::UNDECLARED_SOURCE,
        &shape::MISSING_DATE_NOTE,
        &sources::SOURCE_UNREADABLE,
        &sources::SOURCE_OUTSIDE_FOLDER,
        &sources::SOURCE_TOO_LARGE,
        &sources::SOURCE_NOT_UTF8,
        &sources::SOURCE_BINARY,
        &sources::SHA256_MISMATCH,
        &sources::PUBLISHED_UNATTESTED,
        &sources::SOURCE_TITLE_NOT_FOUND,
        &sources::SOURCE_PUBLISHER_NOT_FOUND,
        &sources::UNUSED_SOURCE,
        &quotes::QUOTE_NOT_FOUND,
        &quotes::QUOTE_CASE_MISMATCH,
        &dates::DATE_NOT_IN_QUOTE,
        &dates::DATE_TOO_PRECISE,
        &dates::DATE_CONTRADICTED,
        &dates::DATE_INFERRED,
        &dates::EVENT_AFTER_SOURCE,
        &mentions::MENTION_NOT_FOUND,
    ]
}

/// The rule with this code, if any.
pub fn find(code: &str) -> Option<&'static Rule> {
    all().iter().copied().find(|r| r.code == code)
}

/// The rules page: every rule with its explanation, as Markdown.
pub fn markdown_page() -> String {
    let mut page = String::from(
        "# citeline rules\n\nEvery finding of `citeline check` carries one of these codes. \
         `citeline explain CODE` prints the same text.\n",
    );
    for rule in all() {
        page.push_str(&format!(
            "\n## `{}` ({})\n\n{}\n\n{}\n",
            rule.code,
            rule.severity.as_str(),
            rule.summary,
            rule.explanation.trim()
        ));
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        let mut seen = HashSet::new();
        for rule in all() {
            assert!(seen.insert(rule.code), "duplicate code {}", rule.code);
            assert!(
                rule.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{} is not kebab-case",
                rule.code
            );
            assert!(!rule.summary.is_empty(), "{} has no summary", rule.code);
            assert!(
                rule.explanation.contains("Example"),
                "{} has no example in its explanation",
                rule.code
            );
        }
    }
}
