//! What a position in the events file is on: an event's `date`, a source id (in evidence
//! or in a `[sources.id]` header), or a quote.

use crate::model::{Event, Evidence, Source, Span, Timeline};

pub enum Target<'t> {
    Date(&'t Event),
    Source(&'t Source),
    Quote(&'t Evidence),
}

/// The target at byte `offset`, with the span it covers. An id in evidence that names no
/// declared source is no target.
pub fn at(timeline: &Timeline, offset: usize) -> Option<(Target<'_>, Span)> {
    let on = |span: &Span| span.start <= offset && offset < span.end;
    for source in &timeline.sources {
        if on(&source.id.span) {
            return Some((Target::Source(source), source.id.span.clone()));
        }
    }
    for event in &timeline.events {
        if on(&event.date.span) {
            return Some((Target::Date(event), event.date.span.clone()));
        }
        for evidence in &event.evidence {
            if on(&evidence.source.span) {
                let source = timeline.source(&evidence.source.value)?;
                return Some((Target::Source(source), evidence.source.span.clone()));
            }
            if on(&evidence.quote.span) {
                return Some((Target::Quote(evidence), evidence.quote.span.clone()));
            }
        }
    }
    None
}
