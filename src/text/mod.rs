//! Reading article text: folding for comparison, finding quotes, finding names, finding
//! date expressions, and the negations an elided quote may leave out. Position-free: every result is a byte range into the text it was
//! given; callers add the events-file span. `shorten` and `suggest` serve messages: cut
//! text to a readable length, and find the known word a typo meant.

pub mod dates;
pub mod fold;
pub mod names;
pub mod negation;
pub mod quote;
pub mod shorten;
pub mod suggest;
