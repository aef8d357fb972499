//! The visible text of a parsed page, laid out in paragraphs, with its pieces (the way back
//! to the source). What counts as visible is in the parent module's documentation; this
//! file is where it is decided, element by element, in [`kind`].

use super::source::chars;
use super::tree::{Data, Element, Id, Origin, Text, Tree};
use crate::articles::extract::{Piece, Place, MAX_TEXT_BYTES};

/// What an element does to the text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Nothing of it is read.
    Skip,
    /// Its text joins its neighbours' as it is.
    Inline,
    /// A paragraph of its own: a break before and after.
    Block,
    /// A block whose lines are kept (`<pre>`).
    Pre,
    /// `<br>`: a paragraph break, or a line break inside `<pre>`.
    Break,
}

/// Why the text could not be made.
pub enum Refused {
    /// Longer than [`MAX_TEXT_BYTES`].
    TooLarge,
    /// Nothing outside the title; whether there is a title.
    Empty { titled: bool },
}

/// The text and its pieces.
pub fn visible(tree: &Tree) -> Result<(String, Vec<Piece>), Refused> {
    let mut out = Out::default();
    if let Some(title) = title(tree) {
        let mut child = tree.nodes[title].first;
        while let Some(c) = child {
            if let Data::Text(t) = &tree.nodes[c].data {
                out.text(t)?;
            }
            child = tree.nodes[c].next;
        }
        out.block();
    }
    let title_end = out.text.len();
    enum Step {
        Enter(Id),
        Leave(Kind),
    }
    let mut stack = vec![Step::Enter(0)];
    while let Some(step) = stack.pop() {
        let id = match step {
            Step::Enter(id) => id,
            Step::Leave(kind) => {
                match kind {
                    Kind::Pre => {
                        out.pre -= 1;
                        out.block();
                    }
                    _ => out.block(),
                }
                continue;
            }
        };
        let node = &tree.nodes[id];
        match &node.data {
            Data::Text(t) => {
                out.text(t)?;
                continue;
            }
            Data::Element(e) => match kind(e) {
                Kind::Skip => continue,
                Kind::Inline => {}
                Kind::Break => {
                    out.line_break();
                    continue;
                }
                k @ (Kind::Block | Kind::Pre) => {
                    out.block();
                    if k == Kind::Pre {
                        out.pre += 1;
                    }
                    stack.push(Step::Leave(k));
                }
            },
            Data::Document => {}
            Data::Fragment | Data::Other => continue,
        }
        let mut child = node.last;
        while let Some(c) = child {
            stack.push(Step::Enter(c));
            child = tree.nodes[c].prev;
        }
    }
    if out.text.len() == title_end {
        return Err(Refused::Empty {
            titled: title_end > 0,
        });
    }
    Ok((out.text, out.pieces))
}

/// The document's title: the first `<title>` in the HTML namespace, in tree order.
fn title(tree: &Tree) -> Option<Id> {
    let mut stack = vec![0];
    while let Some(id) = stack.pop() {
        let node = &tree.nodes[id];
        if let Data::Element(e) = &node.data {
            if e.is_html("title") {
                return Some(id);
            }
        }
        let mut child = node.last;
        while let Some(c) = child {
            stack.push(c);
            child = tree.nodes[c].prev;
        }
    }
    None
}

fn kind(e: &Element) -> Kind {
    let local = &*e.name.local;
    if e.name.ns == html5ever::ns!(svg) {
        return Kind::Skip;
    }
    if e.name.ns == html5ever::ns!(mathml) {
        return match local {
            "annotation" | "annotation-xml" => Kind::Skip,
            _ => Kind::Inline,
        };
    }
    if e.name.ns != html5ever::ns!(html) {
        return Kind::Inline;
    }
    if hidden(e) {
        return Kind::Skip;
    }
    match local {
        // Not shown, or not part of the page's text: metadata, code, embedded content
        // and its fallback, form controls' values, ruby annotations.
        "head" | "title" | "script" | "style" | "template" | "noscript" | "noembed"
        | "noframes" | "iframe" | "object" | "embed" | "video" | "audio" | "canvas" | "select"
        | "datalist" | "textarea" | "input" | "rp" | "rt" | "frameset" | "frame" | "param"
        | "source" | "track" | "link" | "meta" | "base" => Kind::Skip,
        "dialog" if e.attr("open").is_none() => Kind::Skip,
        "br" => Kind::Break,
        "pre" | "listing" | "xmp" | "plaintext" => Kind::Pre,
        "address" | "article" | "aside" | "blockquote" | "body" | "caption" | "center" | "dd"
        | "details" | "dialog" | "dir" | "div" | "dl" | "dt" | "fieldset" | "figcaption"
        | "figure" | "footer" | "form" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "header"
        | "hgroup" | "hr" | "html" | "legend" | "li" | "main" | "menu" | "nav" | "ol" | "p"
        | "search" | "section" | "summary" | "table" | "tbody" | "td" | "tfoot" | "th"
        | "thead" | "tr" | "ul" => Kind::Block,
        _ => Kind::Inline,
    }
}

/// Hidden by its own attributes: `hidden` (but not `hidden="until-found"`, which
/// find-in-page reveals), or an inline style of `display: none` or `visibility: hidden`.
fn hidden(e: &Element) -> bool {
    if e.attr("hidden")
        .is_some_and(|v| !v.trim().eq_ignore_ascii_case("until-found"))
    {
        return true;
    }
    let Some(style) = e.attr("style") else {
        return false;
    };
    style.split(';').any(|declaration| {
        let Some((property, value)) = declaration.split_once(':') else {
            return false;
        };
        let value = value.trim();
        let value = value
            .strip_suffix("!important")
            .map_or(value, str::trim_end);
        let property = property.trim();
        (property.eq_ignore_ascii_case("display") && value.eq_ignore_ascii_case("none"))
            || (property.eq_ignore_ascii_case("visibility")
                && (value.eq_ignore_ascii_case("hidden") || value.eq_ignore_ascii_case("collapse")))
    })
}

/// The white space a browser collapses.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0C' | b'\r')
}

/// White space between two runs of text, not yet written.
#[derive(Default)]
enum Gap {
    #[default]
    None,
    /// One space; its place when it was a source space (so it can continue a piece).
    Space(Option<(u32, u32)>),
    /// Inside `<pre>`: line breaks, then the spaces before the next text on its line.
    Lines {
        breaks: usize,
        indent: String,
        place: Option<(u32, u32)>,
    },
}

/// The text being written.
#[derive(Default)]
struct Out {
    text: String,
    pieces: Vec<Piece>,
    /// The current paragraph has text.
    open: bool,
    /// A paragraph break is due before the next text.
    broken: bool,
    gap: Gap,
    /// The place the next character must have to continue the current piece.
    expect: Option<(u32, u32)>,
    /// How many `<pre>`s we are in.
    pre: usize,
}

impl Out {
    /// End the paragraph.
    fn block(&mut self) {
        if self.open {
            self.broken = true;
            self.open = false;
        }
        self.gap = Gap::None;
    }

    fn line_break(&mut self) {
        if self.pre == 0 {
            self.block();
        } else if self.open {
            self.add_line_break();
        }
    }

    fn add_line_break(&mut self) {
        match &mut self.gap {
            Gap::Lines {
                breaks,
                indent,
                place,
            } => {
                *breaks += 1;
                indent.clear();
                *place = None;
            }
            gap => {
                *gap = Gap::Lines {
                    breaks: 1,
                    indent: String::new(),
                    place: None,
                }
            }
        }
    }

    fn text(&mut self, text: &Text) -> Result<(), Refused> {
        for (run, origin) in text.runs() {
            self.run(run, origin)?;
        }
        Ok(())
    }

    /// A run of a text node, coming from `origin`.
    fn run(&mut self, run: &str, origin: Origin) -> Result<(), Refused> {
        let bytes = run.as_bytes();
        let (mut line, mut column) = (origin.line, origin.column);
        let mut i = 0;
        while i < bytes.len() {
            let space = is_space(bytes[i]);
            let j = i + bytes[i..]
                .iter()
                .position(|&b| is_space(b) != space)
                .unwrap_or(bytes.len() - i);
            let part = &run[i..j];
            if space {
                self.space(part, (line, column), origin.verbatim);
                if origin.verbatim {
                    for b in part.bytes() {
                        if b == b'\n' {
                            line += 1;
                            column = 1;
                        } else {
                            column += 1;
                        }
                    }
                }
            } else {
                self.word(part, (line, column), origin.verbatim)?;
                if origin.verbatim {
                    column += chars(part.as_bytes());
                }
            }
            i = j;
        }
        Ok(())
    }

    /// White space at `place`.
    fn space(&mut self, space: &str, place: (u32, u32), verbatim: bool) {
        if !self.open {
            return;
        }
        if self.pre == 0 {
            if matches!(self.gap, Gap::None) {
                let exact = verbatim && space.starts_with(' ');
                self.gap = Gap::Space(exact.then_some(place));
            }
            return;
        }
        let (line, mut column) = place;
        for c in space.chars() {
            if c == '\n' {
                self.add_line_break();
                continue;
            }
            if !matches!(self.gap, Gap::Lines { .. }) {
                self.gap = Gap::Lines {
                    breaks: 0,
                    indent: String::new(),
                    place: None,
                };
            }
            if let Gap::Lines { indent, place, .. } = &mut self.gap {
                if indent.is_empty() {
                    *place = verbatim.then_some((line, column));
                }
                indent.push(c);
            }
            if verbatim {
                column += 1;
            }
        }
    }

    /// Text without white space at `place`.
    fn word(&mut self, word: &str, place: (u32, u32), verbatim: bool) -> Result<(), Refused> {
        if self.broken {
            if !self.text.is_empty() {
                self.text.push_str("\n\n");
            }
            self.broken = false;
            self.gap = Gap::None;
            self.expect = None;
        }
        match std::mem::take(&mut self.gap) {
            Gap::None => {}
            Gap::Space(from) => self.push(" ", from),
            Gap::Lines {
                breaks,
                indent,
                place,
            } => {
                if breaks > 0 {
                    self.text.push_str(if breaks >= 2 { "\n\n" } else { "\n" });
                    self.expect = None;
                }
                // After a blank line a paragraph starts, and paragraphs are trimmed.
                if breaks < 2 && !indent.is_empty() {
                    self.push(&indent, place);
                }
            }
        }
        if verbatim {
            self.push(word, Some(place));
        } else {
            // Each character read from a reference is a piece of its own.
            for c in word.chars() {
                self.expect = None;
                self.push(c.encode_utf8(&mut [0; 4]), Some(place));
                self.expect = None;
            }
        }
        self.open = true;
        if self.text.len() > MAX_TEXT_BYTES {
            return Err(Refused::TooLarge);
        }
        Ok(())
    }

    /// Write `s`, whose characters stand in the source from `from` on (on one line), or
    /// nowhere in particular.
    fn push(&mut self, s: &str, from: Option<(u32, u32)>) {
        match from {
            Some(place) => {
                if self.expect != Some(place) {
                    self.pieces.push(Piece {
                        at: self.text.len(),
                        place: Place::Line {
                            line: place.0,
                            column: place.1,
                        },
                    });
                }
                self.expect = Some((place.0, place.1 + chars(s.as_bytes())));
            }
            None => self.expect = None,
        }
        self.text.push_str(s);
    }
}
