//! The checks of SPEC §4, one family a file. Each rule is a function that appends findings
//! and never stops early, so one bad event never hides the findings about the others.

pub mod dates;
pub mod mentions;
pub mod quotes;
pub mod shape;
pub mod sources;
