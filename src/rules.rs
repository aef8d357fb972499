//! The rule catalogue: every code a finding can carry, its severity and its explanation.
//!
//! Each rule is defined beside the code that reports it (`load/rules.rs`, `articles/`,
//! `check/*.rs`, and `layout/prepare.rs` for warnings about the drawing); this module only gathers them, so `citeline explain`, the rules page and
//! the test that every code is documented all read one list. Nothing but the command line
//! and the docs depend on this list, so it may depend on every stage.

use crate::articles;
use crate::check::{dates, mentions, quotes, sources};
use crate::diagnostic::Rule;
use crate::glyphs;
use crate::layout;
use crate::load::rules as shape;

/// Every rule, grouped by family in the order the checks run.
///
/// ```
/// let codes: Vec<&str> = citeline::rules::all().iter().map(|r| r.code).collect();
/// assert!(codes.contains(&"date-too-precise"));
/// assert_eq!(citeline::rules::find("date-too-precise").unwrap().severity, citeline::Severity::Error);
/// ```
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
        &glyphs::FONT_UNREADABLE,
        &articles::SOURCE_UNREADABLE,
        &articles::SOURCE_OUTSIDE_FOLDER,
        &articles::SOURCE_TOO_LARGE,
        &articles::SOURCE_NOT_UTF8,
        &articles::SOURCE_BINARY,
        &articles::SOURCE_FORMAT_MISMATCH,
        &articles::SOURCE_MALFORMED,
        &articles::SOURCE_NO_TEXT,
        &articles::SOURCE_ENCRYPTED,
        &articles::ARCHIVE_RECORD_MISSING,
        &sources::SHA256_MISMATCH,
        &sources::PUBLISHED_UNATTESTED,
        &sources::SOURCE_TITLE_NOT_FOUND,
        &sources::SOURCE_PUBLISHER_NOT_FOUND,
        &sources::UNUSED_SOURCE,
        &quotes::QUOTE_NOT_FOUND,
        &quotes::QUOTE_CASE_MISMATCH,
        &quotes::QUOTE_REFUSED,
        &quotes::ELISION_DROPS_NEGATION,
        &dates::DATE_NOT_IN_QUOTE,
        &dates::DATE_TOO_PRECISE,
        &dates::DATE_CONTRADICTED,
        &dates::DATE_INFERRED,
        &dates::EVENT_AFTER_SOURCE,
        &mentions::MENTION_NOT_FOUND,
        &layout::TAGS_GROUPED,
        &glyphs::MISSING_GLYPHS,
    ]
}

/// The rule with this code, if any.
pub fn find(code: &str) -> Option<&'static Rule> {
    all().iter().copied().find(|r| r.code == code)
}

/// The rule with this code, or a message naming the nearest code and listing them all.
///
/// ```
/// assert_eq!(citeline::rules::lookup("quote-not-found").unwrap().code, "quote-not-found");
/// assert!(citeline::rules::lookup("quote-not-fund").unwrap_err().contains("did you mean"));
/// ```
pub fn lookup(code: &str) -> Result<&'static Rule, String> {
    find(code).ok_or_else(|| {
        let codes: Vec<&str> = all().iter().map(|r| r.code).collect();
        let near = crate::text::suggest::closest(code, codes.iter().copied())
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        format!(
            "no rule has the code `{}`{near}; run `citeline explain` for the list",
            crate::text::shorten::ellipsis(code, 40)
        )
    })
}

/// What `citeline explain CODE` prints: the code, severity, summary and explanation.
pub fn explanation(rule: &Rule) -> String {
    format!(
        "{} ({})\n\n{}\n\n{}\n",
        rule.code,
        rule.severity.as_str(),
        rule.summary,
        rule.explanation.trim()
    )
}

/// What `citeline explain` prints: one line a rule, code, severity and summary.
pub fn listing() -> String {
    all()
        .iter()
        .map(|r| format!("{:<28} {:<8} {}\n", r.code, r.severity.as_str(), r.summary))
        .collect()
}

/// The rules page: every rule with its explanation, as Markdown.
pub fn markdown_page() -> String {
    let mut page = String::from(
        "# citeline rules\n\nEvery finding of `citeline check`, and every warning `citeline \
         render` gives about the drawing, carries one of these codes. `citeline explain CODE` \
         prints the same text.\n",
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
    fn unknown_codes_get_the_near_one() {
        assert_eq!(lookup("quote-not-found").unwrap().code, "quote-not-found");
        let e = lookup("quote-not-fund").unwrap_err();
        assert!(e.contains("did you mean `quote-not-found`?"), "{e}");
        assert!(lookup("zzz").unwrap_err().contains("citeline explain"));
    }

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
