//! citeline checks hand-curated timeline events against the articles they cite, then draws
//! them as a chart.

pub mod check;
pub mod date;
pub mod diagnostic;
pub mod font;
pub mod layout;
pub mod lines;
pub mod model;
pub mod rules;
pub mod scene;
pub mod text;
