//! The tree builder's side of the tree: html5ever's `TreeSink` over our arena, placing
//! each text it is handed by matching it with the character tokens the driver queued.

use super::source::Source;
use super::tree::{Data, Element, Id, Node, Origin, Text};
use html5ever::interface::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{Attribute, LocalName, Namespace, QualName};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

/// A character token the tree builder may still hand to the sink, whole or in parts.
pub(super) struct Chars {
    pub(super) text: StrTendril,
    /// How much of `text` the sink has been handed.
    pub(super) used: usize,
    /// Byte offset in the source of its first raw character.
    pub(super) start: usize,
    pub(super) verbatim: bool,
}

/// The tree under construction.
pub struct Sink<'a> {
    pub source: Source<'a>,
    pub(super) nodes: RefCell<Vec<Node>>,
    /// Character tokens not yet (all) handed to the sink, oldest first.
    pub(super) tokens: RefCell<VecDeque<Chars>>,
    /// The line for elements created now (see [`Element::line`]).
    pub(super) tag_line: Cell<u32>,
    /// How many elements have been created.
    pub(super) created: Cell<usize>,
    /// The place of the last text placed, for text that matches no token (a U+FFFD the
    /// tree builder puts for a NUL).
    last: Cell<Origin>,
}

impl<'a> Sink<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let document = Node {
            parent: None,
            first: None,
            last: None,
            prev: None,
            next: None,
            data: Data::Document,
        };
        Self {
            source: Source::new(text),
            nodes: RefCell::new(vec![document]),
            tokens: RefCell::new(VecDeque::new()),
            tag_line: Cell::new(1),
            created: Cell::new(0),
            last: Cell::new(Origin {
                line: 1,
                column: 1,
                verbatim: false,
            }),
        }
    }

    fn add(&self, data: Data) -> Id {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node {
            parent: None,
            first: None,
            last: None,
            prev: None,
            next: None,
            data,
        });
        nodes.len() - 1
    }

    /// Where `text`, handed over by the tree builder, starts in the source.
    fn locate(&self, text: &str) -> Origin {
        let mut tokens = self.tokens.borrow_mut();
        let found = tokens.iter().enumerate().find_map(|(i, token)| {
            let rest = &token.text[token.used..];
            let offset = if rest.starts_with(text) {
                Some(0)
            } else if rest.ends_with(text) {
                Some(rest.len() - text.len())
            } else {
                rest.find(text)
            };
            offset.map(|o| (i, token.used + o))
        });
        let Some((index, offset)) = found else {
            let last = self.last.get();
            return Origin {
                verbatim: false,
                ..last
            };
        };
        tokens.drain(..index);
        let token = &mut tokens[0];
        let (start, verbatim) = if token.verbatim {
            (token.start + offset, true)
        } else {
            (token.start, false)
        };
        token.used = offset + text.len();
        if token.used >= token.text.len() {
            tokens.pop_front();
        }
        let (line, column) = self.source.place(start);
        let origin = Origin {
            line,
            column,
            verbatim,
        };
        self.last.set(origin);
        origin
    }

    fn append_text_to(&self, parent: Id, text: &str) {
        if self.never_shown(parent) {
            return;
        }
        let origin = self.locate(text);
        let mut nodes = self.nodes.borrow_mut();
        if let Some(last) = nodes[parent].last {
            if let Data::Text(t) = &mut nodes[last].data {
                t.push(text, origin);
                return;
            }
        }
        drop(nodes);
        let id = self.add(Data::Text(Text::new(text, origin)));
        self.append_child(parent, id);
    }

    /// Whether text inside `parent` is never read: a style sheet, or a script other than
    /// JSON-LD (where a page states its dates). A page's scripts are often half its bytes,
    /// and keeping their text would cost more than reading the rest; the queue of
    /// characters waiting to be placed is cleared at the element's end tag all the same.
    fn never_shown(&self, parent: Id) -> bool {
        let nodes = self.nodes.borrow();
        let Data::Element(e) = &nodes[parent].data else {
            return false;
        };
        e.is_html("style") || (e.is_html("script") && !e.is_json_ld())
    }

    fn append_child(&self, parent: Id, child: Id) {
        self.detach(child);
        let mut nodes = self.nodes.borrow_mut();
        let last = nodes[parent].last;
        nodes[child].parent = Some(parent);
        nodes[child].prev = last;
        match last {
            Some(l) => nodes[l].next = Some(child),
            None => nodes[parent].first = Some(child),
        }
        nodes[parent].last = Some(child);
    }

    fn insert_before(&self, sibling: Id, child: Id) {
        self.detach(child);
        let mut nodes = self.nodes.borrow_mut();
        let Some(parent) = nodes[sibling].parent else {
            return;
        };
        let prev = nodes[sibling].prev;
        nodes[child].parent = Some(parent);
        nodes[child].prev = prev;
        nodes[child].next = Some(sibling);
        nodes[sibling].prev = Some(child);
        match prev {
            Some(p) => nodes[p].next = Some(child),
            None => nodes[parent].first = Some(child),
        }
    }

    fn detach(&self, child: Id) {
        let mut nodes = self.nodes.borrow_mut();
        let Some(parent) = nodes[child].parent.take() else {
            return;
        };
        let (prev, next) = (nodes[child].prev.take(), nodes[child].next.take());
        match prev {
            Some(p) => nodes[p].next = next,
            None => nodes[parent].first = next,
        }
        match next {
            Some(n) => nodes[n].prev = prev,
            None => nodes[parent].last = prev,
        }
    }
}

/// An element's name as the tree builder asks for it.
#[derive(Debug)]
pub struct Name {
    ns: Namespace,
    local: LocalName,
}

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.ns
    }

    fn local_name(&self) -> &LocalName {
        &self.local
    }
}

impl TreeSink for Sink<'_> {
    type Handle = Id;
    type Output = ();
    type ElemName<'n>
        = Name
    where
        Self: 'n;

    fn finish(self) {}

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Id {
        0
    }

    fn elem_name<'n>(&'n self, target: &'n Id) -> Name {
        match &self.nodes.borrow()[*target].data {
            Data::Element(e) => Name {
                ns: e.name.ns.clone(),
                local: e.name.local.clone(),
            },
            _ => Name {
                ns: html5ever::ns!(),
                local: html5ever::local_name!(""),
            },
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Id {
        self.created.set(self.created.get() + 1);
        let template = flags.template.then(|| self.add(Data::Fragment));
        self.add(Data::Element(Element {
            name,
            attrs,
            line: self.tag_line.get(),
            template,
            integration_point: flags.mathml_annotation_xml_integration_point,
        }))
    }

    fn create_comment(&self, _text: StrTendril) -> Id {
        self.add(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Id {
        self.add(Data::Other)
    }

    fn append(&self, parent: &Id, child: NodeOrText<Id>) {
        match child {
            NodeOrText::AppendNode(node) => self.append_child(*parent, node),
            NodeOrText::AppendText(text) => self.append_text_to(*parent, &text),
        }
    }

    fn append_based_on_parent_node(&self, element: &Id, prev_element: &Id, child: NodeOrText<Id>) {
        if self.nodes.borrow()[*element].parent.is_some() {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Id) -> Id {
        match &self.nodes.borrow()[*target].data {
            Data::Element(Element {
                template: Some(contents),
                ..
            }) => *contents,
            _ => *target,
        }
    }

    fn same_node(&self, x: &Id, y: &Id) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Id, new_node: NodeOrText<Id>) {
        match new_node {
            NodeOrText::AppendNode(node) => self.insert_before(*sibling, node),
            NodeOrText::AppendText(text) => {
                let origin = self.locate(&text);
                let mut nodes = self.nodes.borrow_mut();
                if let Some(prev) = nodes[*sibling].prev {
                    if let Data::Text(t) = &mut nodes[prev].data {
                        t.push(&text, origin);
                        return;
                    }
                }
                drop(nodes);
                let id = self.add(Data::Text(Text::new(&text, origin)));
                self.insert_before(*sibling, id);
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &Id, attrs: Vec<Attribute>) {
        if let Data::Element(e) = &mut self.nodes.borrow_mut()[*target].data {
            for attr in attrs {
                if !e.attrs.iter().any(|a| a.name == attr.name) {
                    e.attrs.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Id) {
        self.detach(*target);
    }

    fn reparent_children(&self, node: &Id, new_parent: &Id) {
        loop {
            let Some(child) = self.nodes.borrow()[*node].first else {
                break;
            };
            self.append_child(*new_parent, child);
        }
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Id) -> bool {
        matches!(
            &self.nodes.borrow()[*handle].data,
            Data::Element(Element {
                integration_point: true,
                ..
            })
        )
    }
}
