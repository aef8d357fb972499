//! "Did you mean": the known word nearest to a misspelt one, for keys, ids, values and rule
//! codes alike.

/// The candidate nearest to `word` by edit distance, if it is near enough to be a typo:
/// at most a third of the candidate's length (and at least one) edits, ignoring case and
/// treating `-`, `_` and space alike.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let normal = |s: &str| s.to_lowercase().replace(['-', ' '], "_");
    // A word far longer than any key is no typo, and comparing it costs its length squared.
    if word.len() > MAX_WORD_BYTES {
        return None;
    }
    let target = normal(word);
    candidates
        // A length apart by more than the allowed edits cannot be near: skip it unmeasured.
        .filter(|c| c.len() <= MAX_WORD_BYTES && c.len().abs_diff(word.len()) <= c.len() / 3 + 1)
        .map(|c| (strsim::damerau_levenshtein(&target, &normal(c)), c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(1) + usize::from(*d == 0))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

const MAX_WORD_BYTES: usize = 200;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_near_words_are_suggested() {
        let keys = ["file", "publisher", "title", "published"];
        assert_eq!(closest("publishd", keys.iter().copied()), Some("published"));
        assert_eq!(
            closest("Dated-By", ["dated_by"].into_iter()),
            Some("dated_by")
        );
        assert_eq!(closest("colour", keys.iter().copied()), None);
        assert_eq!(closest(&"x".repeat(100_000), keys.iter().copied()), None);
    }
}
