//! Where the loader's findings go. A [`Sink`] appends to one shared list, shifts spans from
//! the piece of TOML being walked to the whole file, and carries the event or source the
//! walk is inside. That context is given by scope: [`Sink::within`] makes a sink for one
//! entry, and leaving the entry's function drops it, so no early return can leave a stale
//! owner on later findings.

use super::split::Rest;
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::Span;

/// Where a parsed piece lies in the events file.
#[derive(Clone, Copy)]
pub(super) enum Place<'a> {
    /// A stretch of the file starting at this offset.
    At(usize),
    /// The file without its entries.
    Rest(&'a Rest),
}

impl Place<'_> {
    /// A span of the piece as a span of the file.
    pub(super) fn span(self, span: Span) -> Span {
        match self {
            Place::At(offset) => span.start + offset..span.end + offset,
            Place::Rest(rest) => rest.original(span.start)..rest.original(span.end),
        }
    }
}

pub(super) struct Sink<'o> {
    out: &'o mut Vec<Diagnostic>,
    /// The whole events file.
    pub(super) text: &'o str,
    /// Where the walked piece lies in `text`: its spans are relative to it.
    place: Place<'o>,
    event: Option<String>,
    source: Option<String>,
}

impl<'o> Sink<'o> {
    pub(super) fn new(out: &'o mut Vec<Diagnostic>, text: &'o str, place: Place<'o>) -> Self {
        Self {
            out,
            text,
            place,
            event: None,
            source: None,
        }
    }

    /// A sink for the findings about one event (`None` while its id is unknown).
    pub(super) fn within_event(&mut self, id: Option<&str>) -> Sink<'_> {
        self.scoped(id.map(str::to_string), None)
    }

    /// A sink for the findings about one source.
    pub(super) fn within_source(&mut self, id: &str) -> Sink<'_> {
        self.scoped(None, Some(id.to_string()))
    }

    fn scoped(&mut self, event: Option<String>, source: Option<String>) -> Sink<'_> {
        Sink {
            out: self.out,
            text: self.text,
            place: self.place,
            event,
            source,
        }
    }

    /// A span of the walked piece as a span of the whole file.
    pub(super) fn at(&self, span: Span) -> Span {
        self.place.span(span)
    }

    pub(super) fn report(&mut self, mut d: Diagnostic) {
        if d.event.is_none() {
            d.event = self.event.clone();
        }
        if d.source.is_none() {
            d.source = self.source.clone();
        }
        self.out.push(d);
    }

    pub(super) fn error(&mut self, rule: &Rule, span: Span, message: impl Into<String>) {
        self.report(Diagnostic::new(rule, span, message));
    }

    /// How many findings there are so far; with [`Sink::clean_since`], whether an entry
    /// added any, which is how an entry with errors is kept out of the timeline.
    pub(super) fn mark(&self) -> usize {
        self.out.len()
    }

    pub(super) fn clean_since(&self, mark: usize) -> bool {
        self.out.len() == mark
    }
}
