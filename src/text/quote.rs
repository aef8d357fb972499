//! Finding a quote in an article: exact after folding, with elisions, the case-only near
//! miss, and on a miss the closest passage.

use crate::text::fold::Folded;
use std::ops::Range;

/// An article prepared once for many quote searches.
#[derive(Debug)]
pub struct Haystack {
    pub folded: Folded,
}

impl Haystack {
    pub fn new(original: &str) -> Self {
        Self {
            folded: Folded::new(original),
        }
    }
}

/// The passage of the article nearest to a quote that was not found.
#[derive(Clone, Debug, PartialEq)]
pub struct Closest {
    /// Byte range in the original article.
    pub range: Range<usize>,
    /// 0.0 (nothing alike) to 1.0 (identical after folding).
    pub similarity: f64,
    /// Words of the quote that the passage lacks or has differently.
    pub quote_words: Vec<String>,
    /// The passage's words in their place.
    pub passage_words: Vec<String>,
}

/// The outcome of looking for one quote.
#[derive(Clone, Debug, PartialEq)]
pub enum QuoteMatch {
    /// Found; one original byte range per part (one part unless the quote has elisions).
    Found(Vec<Range<usize>>),
    /// Found only when case is ignored.
    CaseOnly(Vec<Range<usize>>),
    /// Not found; the closest passage, if any passage is at all alike.
    NotFound(Option<Closest>),
}

/// Look for `quote` in `haystack`.
pub fn find(haystack: &Haystack, quote: &str) -> QuoteMatch {
    let _ = (haystack, quote);
    todo!("helper")
}
