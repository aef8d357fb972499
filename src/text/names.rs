//! Names in running text: case-insensitive, on word boundaries (docs/checks.md#mentions).
//!
//! Both sides are folded (so a curly apostrophe in "O’Brien" matches a straight one) and
//! lowercased; a hit counts only when the characters around it are not letters or digits,
//! so "Ivan" is not found inside "Ivanov".

use crate::text::fold::fold;
use memchr::memmem;

/// An article's text prepared for name look-ups: folded and lowercased once.
#[derive(Clone, Debug)]
pub struct NameIndex {
    lower: String,
}

impl NameIndex {
    pub fn new(text: &str) -> Self {
        Self {
            lower: fold(text).to_lowercase(),
        }
    }

    /// Whether `name` stands in the text as a whole word or phrase.
    pub fn mentions(&self, name: &str) -> bool {
        let needle = fold(name).trim().to_lowercase();
        if needle.is_empty() {
            return false;
        }
        memmem::find_iter(self.lower.as_bytes(), needle.as_bytes()).any(|at| {
            let before = self.lower[..at].chars().next_back();
            let after = self.lower[at + needle.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_any_case() {
        let index =
            NameIndex::new("Russian Defense Minister Igor Ivanov said; BISHKEK, on\n19 November.");
        assert!(index.mentions("Igor Ivanov"));
        assert!(index.mentions("bishkek"));
        assert!(index.mentions("igor  ivanov"));
        assert!(!index.mentions("Ivan"));
        assert!(!index.mentions("Russia"));
        assert!(!index.mentions(""));
    }
}
