//! Reading article text: folding for comparison, finding quotes, finding names, and finding
//! date expressions. Position-free: every result is a byte range into the text it was
//! given; callers add the events-file span.

pub mod dates;
pub mod fold;
pub mod names;
pub mod quote;
