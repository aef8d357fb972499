//! The parsed page: an arena of nodes, in which every text keeps where each of its runs
//! stands in the source.

use html5ever::{Attribute, QualName};

/// A node's index in [`Tree::nodes`]; the document is 0.
pub type Id = usize;

/// The parsed page.
pub struct Tree {
    pub nodes: Vec<Node>,
}

pub struct Node {
    pub parent: Option<Id>,
    pub first: Option<Id>,
    pub last: Option<Id>,
    pub prev: Option<Id>,
    pub next: Option<Id>,
    pub data: Data,
}

pub enum Data {
    Document,
    /// A template's contents: kept out of the document, as the standard keeps them.
    Fragment,
    Element(Element),
    Text(Text),
    /// A comment, processing instruction or doctype.
    Other,
}

pub struct Element {
    pub name: QualName,
    pub attrs: Vec<Attribute>,
    /// The line of its start tag's `<` for `meta`, `time`, `script` and elements with an
    /// `itemprop` (where a date may be); the line of the tag's end for the others.
    pub line: u32,
    /// A template's contents (a [`Data::Fragment`]).
    pub(super) template: Option<Id>,
    /// A MathML `annotation-xml` that holds HTML.
    pub(super) integration_point: bool,
}

impl Element {
    /// The value of the attribute `name` (in no namespace), if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name.ns.is_empty() && &*a.name.local == name)
            .map(|a| &*a.value)
    }

    /// Whether the element is a JSON-LD script's: read for the dates it states, though
    /// never shown.
    pub fn is_json_ld(&self) -> bool {
        is_json_ld(&self.attrs)
    }

    pub fn is_html(&self, local: &str) -> bool {
        self.name.ns == html5ever::ns!(html) && &*self.name.local == local
    }
}

/// A text node: adjacent texts are merged, each part keeping its origin.
pub struct Text {
    pub text: String,
    /// Sorted by `at`, the first at 0: from byte `at` of `text` on, the characters come
    /// from `origin`.
    pub segs: Vec<Seg>,
}

#[derive(Clone, Copy, Debug)]
pub struct Seg {
    pub at: usize,
    pub origin: Origin,
}

/// Where a run of text starts in the decoded source. A verbatim run is the source's own
/// characters from that place on (line feeds included); any other stands as a whole for
/// the raw characters at that place (`&amp;` for `&`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    pub line: u32,
    pub column: u32,
    pub verbatim: bool,
}

impl Text {
    pub(super) fn new(text: &str, origin: Origin) -> Self {
        Self {
            text: text.to_owned(),
            segs: vec![Seg { at: 0, origin }],
        }
    }

    pub(super) fn push(&mut self, text: &str, origin: Origin) {
        self.segs.push(Seg {
            at: self.text.len(),
            origin,
        });
        self.text.push_str(text);
    }

    /// Each run of the text with its origin.
    pub fn runs(&self) -> impl Iterator<Item = (&str, Origin)> + '_ {
        self.segs.iter().enumerate().map(|(i, seg)| {
            let end = self.segs.get(i + 1).map_or(self.text.len(), |s| s.at);
            (&self.text[seg.at..end], seg.origin)
        })
    }
}

/// Whether a tag with `attrs` declares JSON-LD: `type="application/ld+json"`, parameters
/// (`; charset=utf-8`) and case aside.
pub fn is_json_ld(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.name.ns.is_empty()
            && &*a.name.local == "type"
            && a.value
                .split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
    })
}
