//! The direction a date expression's own words give: "will meet in April", "is expected
//! to", "plans to", "set for" look ahead; past-tense reporting looks back.

use super::expression::Direction;
use super::tokens::Token;

/// The direction the words around tokens `first..end` give, if any.
pub(super) fn tense(_text: &str, _tokens: &[Token], _first: usize, _end: usize) -> Option<Direction> {
    None
}
