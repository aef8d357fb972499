//! The vertical chronology: time runs down the page on an axis at the left, each label
//! stands to the right beside its date, with a short leader from its mark, and the chart
//! grows in the direction of time.
//!
//! Planning comes first and is translation-free ([`plan`]), so the header can say how many
//! events are labelled before anything is drawn. Events on one day are one block: their
//! date once, a few titles, and "+N more on …" for the rest. Each segment of the axis gets
//! the shortest length at which its blocks can all sit within [`MAX_SHIFT`] of their dates
//! (time stays linear inside it); a big timeline keeps to a height budget instead, and then
//! labels the key events first and the rest spread evenly over time, as many as fit near
//! their dates (`sweep.rs`). A label that cannot sit near its date is left out and counted,
//! never drawn far away; its mark stays, and an overview left of the axis counts every
//! event per stretch of time, coloured by tag. `plan.rs` plans; `draw.rs` draws the plan.

pub(super) mod draw;
pub(super) mod plan;
