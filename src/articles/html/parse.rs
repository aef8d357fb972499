//! The parse: html5ever's tokenizer and tree builder, fed in chunks, building our own tree
//! ([`Tree`]) in which every text keeps where each of its runs stands in the source, and
//! stopped as soon as the nesting passes [`MAX_DEPTH`].
//!
//! Where text comes from: html5ever hands the tree builder character tokens and the tree
//! builder hands the tree parts of them (whole, a white-space prefix split off, the first
//! line feed of a `<pre>` dropped), in the order they appear in the source, sometimes later
//! (text in a table waits for the next tag). [`Driver`] stands between tokenizer and tree
//! builder: for each character token it finds where the token's raw characters end (the
//! input the tokenizer has consumed, read off the input queue) and so where they start,
//! and queues the token with its place; the sink matches each text it is given against
//! that queue. A token whose raw characters are not its text (a character reference such
//! as `&amp;`, a carriage return made a line feed) is placed at its first raw character
//! and marked as not verbatim.

use super::sink::{Chars, Sink};
use super::source::{chars, Source};
use super::tree::{is_json_ld, Id, Tree};
use html5ever::interface::Tracer;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::TokenizerResult;
use std::cell::Cell;
use std::rc::Rc;

/// The deepest a page may nest: the open elements (with the formatting elements the parser
/// keeps to reopen) may number at most this many. It is Blink's limit on its parser's tree
/// depth (`kMaximumHTMLParserDOMTreeDepth`; Blink makes what goes deeper a sibling, we
/// refuse the page); pages people read nest a few dozen deep. The tree builder checks
/// scope through all open elements for most tags, so 100,000 nested `<div>`s would cost
/// 10^10 steps: past the limit the parse stops.
pub const MAX_DEPTH: usize = 512;

/// How much of the source the tokenizer is given at a time.
const CHUNK_BYTES: usize = 16 * 1024;

/// How far back from what the tokenizer has consumed a character token is looked for.
const LOOK_BACK: usize = 256;

/// Why a parse stopped: the page nests deeper than [`MAX_DEPTH`]; `line` is where.
#[derive(Debug)]
pub struct TooDeep {
    pub line: u32,
}

/// Parse `source` (the decoded page) into a tree.
pub fn parse(source: &str) -> Result<Tree, TooDeep> {
    let sink = Sink::new(source);
    let opts = TreeBuilderOpts {
        drop_doctype: true,
        ..Default::default()
    };
    let queue = Rc::new(BufferQueue::default());
    let driver = Driver {
        tb: TreeBuilder::new(sink, opts),
        queue: Rc::clone(&queue),
        chunk: Cell::new((0, 0, 0)),
        fed: Cell::new(0),
        cursor: Cell::new(0),
        deep: Cell::new(None),
        checked: Cell::new((0, 0)),
        unread: Cell::new(false),
    };
    let tokenizer = Tokenizer::new(
        driver,
        TokenizerOpts {
            // The decoder took off the byte order mark; a second U+FEFF is text.
            discard_bom: false,
            ..Default::default()
        },
    );
    let mut at = 0;
    while at < source.len() {
        let mut end = (at + CHUNK_BYTES).min(source.len());
        while !source.is_char_boundary(end) {
            end -= 1;
        }
        let chunk = StrTendril::from_slice(&source[at..end]);
        // A chunk of a few bytes is stored inline, so its address says nothing.
        let base = if chunk.len() > 8 {
            chunk.as_ptr() as usize
        } else {
            0
        };
        tokenizer.sink.chunk.set((base, at, end - at));
        tokenizer.sink.fed.set(end);
        queue.push_back(chunk);
        loop {
            if let Some(line) = tokenizer.sink.deep.get() {
                return Err(TooDeep { line });
            }
            match tokenizer.feed(&queue) {
                TokenizerResult::Done => break,
                TokenizerResult::Script(_) | TokenizerResult::EncodingIndicator(_) => {}
            }
        }
        at = end;
    }
    tokenizer.end();
    let driver = tokenizer.sink;
    if let Some(line) = driver.deep.get() {
        return Err(TooDeep { line });
    }
    Ok(Tree {
        nodes: driver.tb.sink.nodes.into_inner(),
    })
}

/// Counts the handles the tree builder holds: its open elements and formatting elements.
struct Counter(Cell<usize>);

impl Tracer for Counter {
    type Handle = Id;

    fn trace_handle(&self, _node: &Id) {
        self.0.set(self.0.get() + 1);
    }
}

/// Between tokenizer and tree builder: places character tokens, gives tags their line and
/// watches the depth.
struct Driver<'a> {
    tb: TreeBuilder<Id, Sink<'a>>,
    /// The tokenizer's input.
    queue: Rc<BufferQueue>,
    /// The chunk last fed: its buffer's address, its offset in the source, its length.
    chunk: Cell<(usize, usize, usize)>,
    /// The source offset where the input fed so far ends.
    fed: Cell<usize>,
    /// Where the raw characters of the last character token placed end: the next starts
    /// at or after it.
    cursor: Cell<usize>,
    /// Set, with the line, once the page nests deeper than the limit.
    deep: Cell<Option<u32>>,
    /// The depth at the last count, and how many elements had been created then.
    checked: Cell<(usize, usize)>,
    /// Inside a script or style sheet, as the tokenizer reads it (raw text up to its end
    /// tag): characters that are never shown, so never placed.
    unread: Cell<bool>,
}

impl Driver<'_> {
    fn source(&self) -> &Source<'_> {
        &self.tb.sink.source
    }

    /// The source offset up to which the tokenizer has consumed its input.
    fn consumed(&self) -> usize {
        let (base, start, len) = self.chunk.get();
        match self.queue.peek_front_chunk_mut() {
            None => return self.fed.get(),
            Some(front) => {
                // The rest of the chunk we fed is a slice of its buffer.
                let at = front.as_ptr() as usize;
                if base != 0 && at >= base && at < base + len {
                    return start + (at - base);
                }
            }
        }
        // Something else is in front (characters the tokenizer put back): count it all.
        let mut held = Vec::new();
        let mut queued = 0;
        while let Some(t) = self.queue.pop_front() {
            queued += t.len();
            held.push(t);
        }
        while let Some(t) = held.pop() {
            self.queue.push_front(t);
        }
        self.fed.get().saturating_sub(queued)
    }

    /// Where the character token `text` starts in the source, and whether its raw
    /// characters are its text.
    fn locate(&self, text: &str) -> (usize, bool) {
        let src = self.source().text.as_bytes();
        let s = text.as_bytes();
        let end = self.consumed().min(src.len());
        let from = self.cursor.get().min(end);
        // A `<` or `/` given as text was followed by what made it no tag, which the
        // tokenizer has consumed too (`<<`, `< 3`): it stands one character back.
        if s.first().is_some_and(|&b| b == b'<' || b == b'/') {
            let mut ahead = end.saturating_sub(1);
            while ahead > 0 && (src[ahead] & 0xC0) == 0x80 {
                ahead -= 1;
            }
            if ahead >= from + s.len() && &src[ahead - s.len()..ahead] == s {
                self.cursor.set(ahead);
                return (ahead - s.len(), true);
            }
        }
        // Nearly always: the characters just consumed.
        if end - from >= s.len() && &src[end - s.len()..end] == s {
            self.cursor.set(end);
            return (end - s.len(), true);
        }
        if s == b"\n" && end > from && src[end - 1] == b'\r' {
            self.cursor.set(end);
            return (end - 1, false);
        }
        if let Some(at) = reference_start(src, end).filter(|&at| at >= from) {
            self.cursor.set(at + 1);
            return (at, false);
        }
        // The tokenizer read ahead before it gave the token (`</x` inside a `<title>`,
        // which might have ended it): the token is the last of its kind before that.
        let low = from.max(end.saturating_sub(LOOK_BACK));
        if let Some(i) = memchr::memmem::rfind(&src[low..end], s) {
            self.cursor.set(low + i + s.len());
            return (low + i, true);
        }
        // Characters the tokenizer gathered one by one (in CDATA), a carriage return
        // made a line feed and a NUL U+FFFD on the way: each still one character of the
        // source, or one line break.
        for ahead in [end, end.saturating_sub(1)] {
            if let Some(start) = raw_start(self.source().text, from, ahead, text) {
                self.cursor.set(ahead);
                return (start, true);
            }
        }
        // A character the tokenizer made: about here.
        let mut at = end.saturating_sub(s.len()).max(from);
        while !self.source().text.is_char_boundary(at) {
            at -= 1;
        }
        (at, false)
    }

    /// The line of the `<` that starts the tag `name` just read.
    fn tag_start_line(&self, name: &str) -> u32 {
        let src = self.source().text.as_bytes();
        let end = self.consumed().min(src.len());
        let low = end.saturating_sub(64 * 1024);
        let mut to = end;
        while let Some(i) = memchr::memrchr(b'<', &src[low..to]) {
            let at = low + i;
            let name_end = at + 1 + name.len();
            if name_end <= src.len() && src[at + 1..name_end].eq_ignore_ascii_case(name.as_bytes())
            {
                return self.source().line(at);
            }
            to = at;
        }
        self.source().line(end)
    }

    /// Count the open elements when they may have passed the limit.
    fn check_depth(&self) {
        let created = self.tb.sink.created.get();
        let (depth, then) = self.checked.get();
        // Each element created adds at most one open and one formatting element.
        if depth + 2 * (created - then) <= MAX_DEPTH {
            return;
        }
        let counter = Counter(Cell::new(0));
        self.tb.trace_handles(&counter);
        // The document and the head are held too.
        let depth = counter.0.get().saturating_sub(2);
        self.checked.set((depth, created));
        if depth > MAX_DEPTH && self.deep.get().is_none() {
            let line = self.source().line(self.consumed());
            self.deep.set(Some(line));
        }
    }
}

/// Where the character reference that ends at `end` (give or take one character read
/// ahead) starts: `&amp;`, `&#8212;`, `&#x2014`, `&copy`.
fn reference_start(src: &[u8], end: usize) -> Option<usize> {
    let low = end.saturating_sub(48);
    let at = low + memchr::memrchr(b'&', &src[low..end])?;
    let raw = &src[at + 1..end];
    let name = raw
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'#'))
        .unwrap_or(raw.len());
    let after = &raw[name..];
    let one_more = after.is_empty() || (after.len() <= 4 && chars(after) == 1);
    (name > 0 && one_more).then_some(at)
}

/// Where `text` starts if it is what the source holds before `end` (and from `from` on),
/// reading a line feed of the text as any line break and U+FFFD as a NUL.
fn raw_start(src: &str, from: usize, end: usize, text: &str) -> Option<usize> {
    // A character of the text is at most two of the source (`\r\n`).
    let mut low = from.max(end.saturating_sub(2 * text.len()));
    while !src.is_char_boundary(low) {
        low += 1;
    }
    let mut raw = src.get(low..end)?.chars();
    for c in text.chars().rev() {
        let r = raw.next_back()?;
        let same = match c {
            '\n' => {
                if r == '\n' && raw.as_str().ends_with('\r') {
                    raw.next_back();
                }
                r == '\n' || r == '\r'
            }
            '\u{fffd}' => r == '\0' || r == c,
            _ => r == c,
        };
        if !same {
            return None;
        }
    }
    Some(low + raw.as_str().len())
}

impl TokenSink for Driver<'_> {
    type Handle = Id;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<Id> {
        let sink = &self.tb.sink;
        // Text waiting for a tag (in a table) is placed when a tag, comment, doctype or
        // the end comes; an error or a NUL leaves it waiting.
        let flushes = matches!(
            token,
            Token::TagToken(_) | Token::CommentToken(_) | Token::DoctypeToken(_) | Token::EOFToken
        );
        let tag = matches!(token, Token::TagToken(_));
        let mut hides = false;
        match &token {
            Token::CharacterTokens(_) if self.unread.get() => {
                // A page's scripts are often half its bytes: skip placing them.
                self.cursor.set(self.consumed());
            }
            Token::CharacterTokens(text) => {
                let (start, verbatim) = self.locate(text);
                sink.tokens.borrow_mut().push_back(Chars {
                    text: text.clone(),
                    used: 0,
                    start,
                    verbatim,
                });
            }
            Token::TagToken(tag) => {
                let dated = matches!(&*tag.name, "meta" | "time" | "script")
                    || tag.attrs.iter().any(|a| &*a.name.local == "itemprop");
                let line = if dated && tag.kind == TagKind::StartTag {
                    self.tag_start_line(&tag.name)
                } else {
                    u32::try_from(line).unwrap_or(u32::MAX)
                };
                sink.tag_line.set(line);
                self.unread.set(false);
                // JSON-LD is read, for the lines of the dates it states.
                hides = tag.kind == TagKind::StartTag
                    && matches!(&*tag.name, "script" | "style")
                    && !is_json_ld(&tag.attrs);
            }
            _ => {}
        }
        let result = self.tb.process_token(token, line);
        // Only where the tree builder switched the tokenizer to raw text: a `<script>` in
        // MathML, say, is an element like any other, its text shown.
        if hides && matches!(result, TokenSinkResult::RawData(_)) {
            self.unread.set(true);
        }
        if flushes {
            sink.tokens.borrow_mut().clear();
        }
        self.check_depth();
        if tag && self.deep.get().is_some() {
            // Ask the tokenizer to pause, as for a script; the driver then stops.
            return TokenSinkResult::Script(0);
        }
        result
    }

    fn end(&self) {
        self.tb.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.tb
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}
