//! Folding: the normalisation under which quotes are compared with articles (SPEC §4.3),
//! with a map from the folded text back to byte offsets of the original, and the original's
//! paragraphs. Everything a user sees points into the original text, never the folded one,
//! so the map is the point of this module; searching is `quote.rs`'s business.
//!
//! Folding is, in this order: Unicode NFKC; curly and low-9 double quotes (U+201C..U+201F)
//! and the guillemets `«` `»` to `"`; the single quotes, apostrophes and their stand-ins
//! (`'`, the backtick, U+2018..U+201B, `‹` `›`) to `'`, then two of those in a row to `"`,
//! because wire copy types ``` ``this'' ``` for "this" (see [`quote_run`] for longer runs);
//! hyphen, figure, en and em dashes, horizontal bar and minus (U+2010..U+2015, U+2212) to
//! `-`, then any run of `-` (so `--`) to one; the invisible soft hyphen, zero-width space,
//! word joiner and byte order mark dropped; every run of white space (line breaks, NBSP and
//! the other Unicode spaces included) to one space, with leading and trailing white space
//! trimmed, so a quote's own padding never matters. Nothing but white space separates two
//! quote marks of a run: the invisibles dropped between them do not.
//!
//! The map is run-length, because articles total 100 MB in the benchmark: text copied
//! unchanged is one run that maps byte for byte, and each changed unit (a character, or a
//! character with its combining marks, a white space run, a run of dashes or of quote marks)
//! is a run that maps as a whole. A folded range that starts or ends inside a changed unit
//! widens to all of it: the `"` folded from ``` `` ``` maps back to both backticks, never one.
//!
//! Paragraphs are recorded as they go by: a paragraph is a block between blank lines (a
//! line holding only white space counts as blank). Many plain-text articles have no blank
//! line at all and break paragraphs with single line breaks, so in a text without any
//! blank line each line is a paragraph.

use std::ops::Range;
use unicode_normalization::char::{canonical_combining_class, decompose_compatible};
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// A text after folding, with the way back to the original's byte offsets.
#[derive(Clone, Debug)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// The map back, ordered by `folded`; each run ends where the next begins.
    runs: Vec<Run>,
    /// Folded offsets where paragraphs start; the first is 0.
    paragraphs: Vec<usize>,
}

/// Folded bytes from `folded` up to the next run's start came from `orig..orig_end`.
#[derive(Clone, Copy, Debug)]
struct Run {
    folded: usize,
    orig: usize,
    orig_end: usize,
    /// Copied unchanged, so offsets inside the run map one to one.
    verbatim: bool,
}

impl Folded {
    /// Fold `original`.
    pub fn new(original: &str) -> Self {
        Self::build(original, plain_ascii_run)
    }

    /// Fold with `scan` finding the runs of plain ASCII (tests compare the fast scan with a
    /// byte-at-a-time one).
    fn build(original: &str, scan: fn(&[u8]) -> usize) -> Self {
        let mut b = Builder {
            scan,
            src: original,
            text: String::with_capacity(original.len()),
            runs: Vec::new(),
            ws: None,
            quotes: None,
            breaks: 0,
            line_starts: Vec::new(),
            blank_starts: Vec::new(),
        };
        b.run();
        let mut paragraphs = vec![0];
        paragraphs.extend(if b.blank_starts.is_empty() {
            b.line_starts
        } else {
            b.blank_starts
        });
        Folded {
            text: b.text,
            runs: b.runs,
            paragraphs,
        }
    }

    /// The range of the original text that folded range `folded` came from: from the start
    /// of the first contributing character to the end of the last. Out-of-range offsets are
    /// clamped to the text, and offsets inside a character widen to all of it, so the
    /// result can always slice the original.
    pub fn original_range(&self, folded: Range<usize>) -> Range<usize> {
        let mut end = folded.end.min(self.text.len());
        let mut start = folded.start.min(end);
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        let Some(last) = self.runs.last() else {
            return 0..0;
        };
        let orig_start = if start == self.text.len() {
            last.orig_end
        } else {
            let r = self.run_at(start);
            if r.verbatim {
                r.orig + (start - r.folded)
            } else {
                r.orig
            }
        };
        if start == end {
            return orig_start..orig_start;
        }
        let r = self.run_at(end - 1);
        let orig_end = if r.verbatim {
            r.orig + (end - r.folded)
        } else {
            r.orig_end
        };
        orig_start..orig_end
    }

    fn run_at(&self, folded: usize) -> &Run {
        let k = self.runs.partition_point(|r| r.folded <= folded);
        &self.runs[k.saturating_sub(1)]
    }

    /// How many paragraphs the text has (at least one, even when empty).
    pub fn paragraph_count(&self) -> usize {
        self.paragraphs.len()
    }

    /// The index of the paragraph that folded offset `folded` belongs to. The space that
    /// separates two paragraphs belongs to the first.
    pub fn paragraph_at(&self, folded: usize) -> usize {
        self.paragraphs
            .partition_point(|&p| p <= folded)
            .saturating_sub(1)
    }

    /// The folded range of paragraph `index`, without the separating space. Panics when
    /// `index >= self.paragraph_count()`.
    pub fn paragraph(&self, index: usize) -> Range<usize> {
        let start = self.paragraphs[index];
        let end = self
            .paragraphs
            .get(index + 1)
            .map_or(self.text.len(), |&next| next - 1);
        start..end
    }
}

/// Fold a short string (a quote) where no map back is needed.
pub fn fold(text: &str) -> String {
    Folded::new(text).text
}

/// What one character becomes after NFKC.
enum Mapped {
    Char(char),
    /// A single quote mark, which folds to `'` alone and joins its neighbours in a run
    /// ([`quote_run`]). `opens` for the forms that open a quotation.
    Single {
        opens: bool,
    },
    Space,
    Drop,
}

fn map_char(c: char) -> Option<Mapped> {
    Some(match c {
        // Backtick, left single quote, low-9 and high-reversed-9 single quotes, and the
        // single guillemet that opens in French use.
        '`' | '\u{2018}' | '\u{201A}' | '\u{201B}' | '\u{2039}' => Mapped::Single { opens: true },
        '\'' | '\u{2019}' | '\u{203A}' => Mapped::Single { opens: false },
        '\u{201C}'..='\u{201F}' | '\u{AB}' | '\u{BB}' => Mapped::Char('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Mapped::Char('-'),
        '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => Mapped::Drop,
        c if c.is_whitespace() => Mapped::Space,
        _ => return None,
    })
}

/// What a run of `count` single quote marks (see [`Mapped::Single`]) folds to: a pair is
/// the typewriter's double quote, ``` `` ``` or `''`, so two fold to `"`. In an odd run
/// the lone single goes where nesting puts it: last after opening marks (three backticks
/// are `"'`, as in “‘), first after closing ones (`'''` is `'"`, as in ’”). `opens` is
/// whether the run's first mark is an opening form. A run maps back as one unit, so the
/// marks of a run of three or more are not told apart in the map.
fn quote_run(count: usize, opens: bool) -> String {
    let pairs = "\"".repeat(count / 2);
    match (count % 2 == 1, opens) {
        (false, _) => pairs,
        (true, true) => pairs + "'",
        (true, false) => format!("'{pairs}"),
    }
}

/// ASCII bytes copied as they are: everything printable but `-` (which may merge with
/// the next dash), the quote marks `'` and `` ` `` (which may pair) and white space (which
/// may collapse).
fn is_plain_ascii(b: u8) -> bool {
    b.is_ascii_graphic() && !matches!(b, b'-' | b'\'' | b'`')
}

/// The length of the leading run of `bytes` that folding copies as it is and that holds
/// only ASCII: plain bytes, apostrophes between them, and single spaces. Eight bytes are
/// tested at a time, because this scan is most of the work of folding English text.
fn plain_ascii_run(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    // Whether some byte of `w` is `b`: exact as to whether, if not as to where.
    let has = |w: u64, b: u8| {
        let x = w ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGH
    };
    // Per byte: below ' ', above '~' (DEL and non-ASCII included), a '-', '\'' or '`'.
    let stops = |w: u64| {
        let below = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        // Adding 1 lifts 0x7F to 0x80; bytes from 0x80 up have the high bit already.
        let above = (w.wrapping_add(ONES) | w) & HIGH;
        below | above | has(w, b'-') | has(w, b'\'') | has(w, b'`') != 0
    };
    if bytes.first() == Some(&b' ') {
        return 0;
    }
    let plain_or_space = |b: u8| is_plain_ascii(b) || b == b' ';
    let mut k = 0;
    loop {
        while let Some(chunk) = bytes.get(k..k + 8) {
            if stops(u64::from_le_bytes(chunk.try_into().unwrap_or_default())) {
                break;
            }
            k += 8;
        }
        while k < bytes.len() && plain_or_space(bytes[k]) {
            k += 1;
        }
        // An apostrophe between plain bytes (as in "it's") has no mark to pair with: copy
        // it and scan on, since English has one every hundred bytes or so.
        let lone_apostrophe = k > 0
            && bytes.get(k) == Some(&b'\'')
            && bytes.get(k + 1).is_none_or(|&b| plain_or_space(b));
        if !lone_apostrophe {
            break;
        }
        k += 1;
    }
    // Two spaces collapse, and a space at the end may join a line break: stop before them.
    if let Some(double) = memchr::memmem::find(&bytes[..k], b"  ") {
        k = double;
    }
    while k > 0 && bytes[k - 1] == b' ' {
        k -= 1;
    }
    k
}

/// Whether folding leaves non-ASCII `c` as it is and nothing before it can join it.
fn is_stable(c: char) -> bool {
    canonical_combining_class(c) == 0
        && is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes
        && map_char(c).is_none()
}

/// A shortcut for [`is_stable`] over the letters of the commonest scripts, because the
/// table look-ups cost more than the rest of folding (a test checks it agrees).
fn known_stable(c: char) -> bool {
    matches!(c,
        '\u{C0}'..='\u{FF}'
        | '\u{391}'..='\u{3C9}'
        | '\u{400}'..='\u{482}'
        | '\u{48A}'..='\u{52F}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7A3}')
}

/// Whether NFKC can never join `c` with what precedes it, so that the text can be cut
/// before `c` and each piece normalised alone.
fn starts_unit(c: char) -> bool {
    if c.is_ascii() {
        return true;
    }
    if canonical_combining_class(c) != 0 {
        return false;
    }
    match is_nfkc_quick(std::iter::once(c)) {
        IsNormalized::Yes => true,
        IsNormalized::Maybe => false,
        IsNormalized::No => {
            // It changes; what matters is whether its decomposition starts with something
            // that may compose backwards.
            let mut first = None;
            decompose_compatible(c, |d| {
                first.get_or_insert(d);
            });
            first.is_some_and(|d| {
                d.is_ascii()
                    || (canonical_combining_class(d) == 0
                        && is_nfkc_quick(std::iter::once(d)) == IsNormalized::Yes)
            })
        }
    }
}

/// A run of single quote marks waiting to be written (see [`quote_run`]): kept as counts,
/// so a text of nothing but apostrophes costs no memory.
struct QuoteRun {
    /// The original range from the first mark to the last, invisibles between included.
    orig: Range<usize>,
    count: usize,
    /// Whether the first mark opens a quotation.
    opens: bool,
    /// Whether the run is one ASCII `'` alone, which is copied as it is.
    verbatim: bool,
}

struct Builder<'a> {
    src: &'a str,
    /// How long the run of plain ASCII at the start of some bytes is.
    scan: fn(&[u8]) -> usize,
    text: String,
    runs: Vec<Run>,
    /// White space seen but not yet written: its original range.
    ws: Option<Range<usize>>,
    /// Quote marks seen but not yet written. Never pending together with `ws`: white
    /// space ends a run of quote marks, and a quote mark writes the white space before it.
    quotes: Option<QuoteRun>,
    /// Line breaks inside `ws`.
    breaks: u32,
    line_starts: Vec<usize>,
    blank_starts: Vec<usize>,
}

impl Builder<'_> {
    fn run(&mut self) {
        let n = self.src.len();
        let mut i = 0;
        while i < n {
            // The longest run copied as it is, starting at `i`; `last` is where its last
            // character starts.
            let bytes = self.src.as_bytes();
            let (mut j, mut last) = (i, i);
            loop {
                let ascii_from = j;
                j += (self.scan)(&bytes[j..]);
                if j > ascii_from {
                    last = j - 1;
                }
                // A single space between words needs no collapsing: keep the run going.
                let from = if j > i && bytes.get(j) == Some(&b' ') {
                    j + 1
                } else {
                    j
                };
                let len = self.plain_len(from);
                if len == 0 {
                    break;
                }
                last = from;
                j = from + len;
            }
            // A combining mark after the run belongs with its last character.
            if j > i && j < n && !bytes[j].is_ascii() && !starts_unit(self.char_at(j)) {
                j = last;
            }
            if j > i {
                self.flush_ws();
                self.push(&self.src[i..j], i..j, true);
                i = j;
            } else {
                i = self.unit(i);
            }
        }
        self.flush_quotes();
    }

    /// The length of the character at `i` if folding leaves it as it is whatever its
    /// neighbours, else 0.
    fn plain_len(&self, i: usize) -> usize {
        let Some(&b) = self.src.as_bytes().get(i) else {
            return 0;
        };
        if b.is_ascii() {
            return usize::from(is_plain_ascii(b));
        }
        let c = self.char_at(i);
        if known_stable(c) || is_stable(c) {
            c.len_utf8()
        } else {
            0
        }
    }

    fn char_at(&self, i: usize) -> char {
        self.src[i..].chars().next().unwrap_or('\0')
    }

    /// Fold the normalisation unit starting at `i`; return where the next one starts.
    fn unit(&mut self, i: usize) -> usize {
        let bytes = self.src.as_bytes();
        let c = self.char_at(i);
        let mut j = i + c.len_utf8();
        while j < bytes.len() && !bytes[j].is_ascii() {
            let d = self.char_at(j);
            if starts_unit(d) {
                break;
            }
            j += d.len_utf8();
        }
        let single = j == i + c.len_utf8();
        if single && (c.is_ascii() || is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes) {
            match map_char(c) {
                None => self.emit(c, i..j, true),
                Some(Mapped::Char(m)) => self.emit(m, i..j, false),
                Some(Mapped::Single { opens }) => self.single(i..j, opens, c == '\''),
                Some(Mapped::Space) => self.space(c, i..j),
                Some(Mapped::Drop) => {}
            }
            return j;
        }
        let unit = &self.src[i..j];
        let unchanged = is_nfkc_quick(unit.chars()) == IsNormalized::Yes
            && unit.chars().all(|c| map_char(c).is_none());
        if unchanged {
            self.flush_ws();
            self.push(unit, i..j, true);
            return j;
        }
        for c in unit.nfkc() {
            match map_char(c) {
                None => self.emit(c, i..j, false),
                Some(Mapped::Char(m)) => self.emit(m, i..j, false),
                Some(Mapped::Single { opens }) => self.single(i..j, opens, false),
                Some(Mapped::Space) => self.space(c, i..j),
                Some(Mapped::Drop) => {}
            }
        }
        j
    }

    /// A single quote mark from `orig`: it joins the run of them being read, or starts
    /// one. `ascii` when it is one `'` that may be copied as it is.
    fn single(&mut self, orig: Range<usize>, opens: bool, ascii: bool) {
        if let Some(run) = &mut self.quotes {
            run.orig.end = orig.end;
            run.count += 1;
            run.verbatim = false;
            return;
        }
        self.flush_ws();
        self.quotes = Some(QuoteRun {
            verbatim: ascii && orig.len() == 1,
            orig,
            count: 1,
            opens,
        });
    }

    /// Write the pending run of quote marks: one unit that maps as a whole, unless it is
    /// one `'` copied as it is.
    fn flush_quotes(&mut self) {
        let Some(run) = self.quotes.take() else {
            return;
        };
        let folded = quote_run(run.count, run.opens);
        self.push(&folded, run.orig, run.verbatim);
    }

    /// White space `c` from `orig`: remember it, counting line breaks for paragraphs.
    fn space(&mut self, c: char, orig: Range<usize>) {
        self.flush_quotes();
        let next = self.src.as_bytes().get(orig.end).copied();
        self.breaks += match c {
            '\r' if next == Some(b'\n') => 0,
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' => 1,
            '\u{2029}' => 2,
            _ => 0,
        };
        self.ws = Some(match self.ws.take() {
            Some(ws) => ws.start..orig.end,
            None => orig,
        });
    }

    /// Write what is pending: quote marks, or white space as one space unless it leads
    /// the text.
    fn flush_ws(&mut self) {
        self.flush_quotes();
        let Some(ws) = self.ws.take() else {
            return;
        };
        if !self.text.is_empty() {
            let lone_space = ws.len() == 1 && self.src.as_bytes()[ws.start] == b' ';
            self.push(" ", ws, lone_space);
            let at = self.text.len();
            if self.breaks >= 2 {
                self.blank_starts.push(at);
            }
            if self.breaks >= 1 {
                self.line_starts.push(at);
            }
        }
        self.breaks = 0;
    }

    fn emit(&mut self, c: char, orig: Range<usize>, verbatim: bool) {
        self.flush_quotes();
        if c == '-' && self.ws.is_none() && self.text.ends_with('-') {
            self.absorb_into_last(orig.end);
            return;
        }
        self.flush_ws();
        let mut buf = [0; 4];
        self.push(c.encode_utf8(&mut buf), orig, verbatim);
    }

    fn push(&mut self, s: &str, orig: Range<usize>, verbatim: bool) {
        if let Some(last) = self.runs.last_mut() {
            let merges = if verbatim {
                last.verbatim && last.orig_end == orig.start
            } else {
                !last.verbatim && last.orig == orig.start && last.orig_end == orig.end
            };
            if merges {
                last.orig_end = orig.end;
                self.text.push_str(s);
                return;
            }
        }
        self.runs.push(Run {
            folded: self.text.len(),
            orig: orig.start,
            orig_end: orig.end,
            verbatim,
        });
        self.text.push_str(s);
    }

    /// Let the last folded byte (a `-`) also stand for the original up to `orig_end`.
    fn absorb_into_last(&mut self, orig_end: usize) {
        let len = self.text.len();
        let Some(last) = self.runs.last_mut() else {
            return;
        };
        if last.verbatim && len - last.folded > 1 {
            last.orig_end -= 1;
            let orig = last.orig_end;
            self.runs.push(Run {
                folded: len - 1,
                orig,
                orig_end,
                verbatim: false,
            });
        } else {
            last.orig_end = orig_end;
            last.verbatim = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain run found a byte at a time, with no single spaces: the scan the fast one
    /// replaced, which the outer loop extends over single spaces itself.
    fn plain_bytewise(bytes: &[u8]) -> usize {
        bytes
            .iter()
            .position(|&b| !is_plain_ascii(b))
            .unwrap_or(bytes.len())
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2048))]
        /// The eight-bytes-at-a-time scan folds exactly as the byte-at-a-time one: the same
        /// text, the same paragraphs, the same way back to every original offset.
        #[test]
        fn the_fast_scan_folds_as_the_byte_scan(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "word", "a", "ab cd", " ", "  ", "-", "--", "\n", "\r\n", "\n\n", "\t", "é",
                "e\u{301}", "\u{201C}", "\u{AD}", "\u{FB01}", "\u{A0}", "~", "\u{7F}", "x y z",
                "abcdefgh", "abcdefghijklmnop", "\u{300}", "\u{2014}", "'", "`", "''", "``",
                "it's", "\u{2019}", "\u{AB}",
            ]), 0..40),
        ) {
            let text: String = parts.concat();
            let (fast, slow) = (Folded::new(&text), Folded::build(&text, plain_bytewise));
            proptest::prop_assert_eq!(&fast.text, &slow.text);
            proptest::prop_assert_eq!(&fast.paragraphs, &slow.paragraphs);
            for start in 0..=fast.text.len() {
                for end in start..=fast.text.len().min(start + 3) {
                    proptest::prop_assert_eq!(
                        fast.original_range(start..end),
                        slow.original_range(start..end),
                        "{:?} at {}..{}", text, start, end
                    );
                }
            }
        }
    }

    /// Folds `original`, checks the text, then checks that each folded substring `part`
    /// (its first occurrence) maps back to original text `from`.
    #[track_caller]
    fn check(original: &str, folded: &str, maps: &[(&str, &str)]) {
        let f = Folded::new(original);
        assert_eq!(f.text, folded, "folding {original:?}");
        for &(part, from) in maps {
            let at = f
                .text
                .find(part)
                .unwrap_or_else(|| panic!("{part:?} not in {folded:?}"));
            let r = f.original_range(at..at + part.len());
            assert_eq!(&original[r.clone()], from, "{part:?} maps to {r:?}");
        }
    }

    #[test]
    fn known_stable_is_stable() {
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            if known_stable(c) {
                assert!(is_stable(c), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn plain_text_is_one_verbatim_run() {
        let f = Folded::new("Plain words, one space each.");
        assert_eq!(f.text, "Plain words, one space each.");
        assert_eq!(f.runs.len(), 1);
        assert_eq!(f.original_range(6..11), 6..11);
    }

    #[test]
    fn curly_quotes() {
        check(
            "He said \u{201C}it\u{2019}s \u{2018}fine\u{2019}\u{201D} \u{201E}ok\u{201F}",
            "He said \"it's 'fine'\" \"ok\"",
            &[
                ("\"it", "\u{201C}it"),
                ("'s", "\u{2019}s"),
                ("'fine'\"", "\u{2018}fine\u{2019}\u{201D}"),
                ("ok\"", "ok\u{201F}"),
            ],
        );
    }

    /// Texts from pieces that folding treats specially, quote marks of every kind among
    /// them; an ASCII space separates words.
    fn quote_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        const PIECES: &[&str] = &[
            "a",
            "Bc",
            " ",
            "\n",
            "\n\n",
            "'",
            "''",
            "'''",
            "`",
            "``",
            "\u{2018}",
            "\u{2019}",
            "\u{201A}",
            "\u{201B}",
            "\u{201C}",
            "\u{201D}",
            "\u{201E}",
            "\u{AB}",
            "\u{BB}",
            "\u{2039}",
            "\u{203A}",
            "\u{FF07}",
            "\u{FF40}",
            "\u{1FEF}",
            "\u{AD}",
            "\u{200B}",
            "'\u{301}",
            "e\u{301}",
            "\u{E9}",
            "-",
            "\u{2014}",
            "\u{FB01}",
            "\u{1F600}",
            "\"",
        ];
        proptest::collection::vec(proptest::sample::select(PIECES), 0..30)
            .prop_map(|pieces| pieces.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2048))]
        /// Mapping back never lands inside a UTF-8 character, and covers whole units: each
        /// folded character maps to original text whose fold holds it (the `"` of ``` `` ```
        /// to both backticks), each folded word to text that folds to exactly that word.
        /// And folding twice is folding once: no `''` or backtick is left to pair.
        #[test]
        fn mapping_back_covers_whole_units(text in quote_text()) {
            let f = Folded::new(&text);
            proptest::prop_assert_eq!(fold(&f.text), f.text.clone(), "{:?}", text);
            proptest::prop_assert!(!f.text.contains("''") && !f.text.contains('`'));
            for a in 0..=f.text.len() {
                for b in a..=f.text.len() {
                    let r = f.original_range(a..b);
                    proptest::prop_assert!(r.start <= r.end && r.end <= text.len());
                    proptest::prop_assert!(
                        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                        "{:?} {}..{} maps to {:?}", text, a, b, r
                    );
                }
            }
            for (at, c) in f.text.char_indices().filter(|&(_, c)| c != ' ') {
                let r = f.original_range(at..at + c.len_utf8());
                proptest::prop_assert!(
                    fold(&text[r.clone()]).contains(c),
                    "{:?}: {:?} at {} maps to {:?}", text, c, at, &text[r]
                );
            }
            let mut at = 0;
            for word in f.text.split(' ') {
                let r = f.original_range(at..at + word.len());
                proptest::prop_assert_eq!(fold(&text[r]), word, "{:?}", text);
                at += word.len() + 1;
            }
        }
    }

    #[test]
    fn typewriter_quotes() {
        // Two backticks and two apostrophes are the wire's double quotes; each pair maps
        // back to both of its characters.
        check(
            "the ``Iron Curtain'' fell",
            "the \"Iron Curtain\" fell",
            &[
                ("\"Iron", "``Iron"),
                ("Curtain\"", "Curtain''"),
                ("\"", "``"),
                ("\" fell", "'' fell"),
            ],
        );
        let f = Folded::new("the ``Iron Curtain'' fell");
        assert_eq!(f.original_range(4..5), 4..6);
        assert_eq!(
            f.original_range(5..6),
            6..7,
            "the I after the pair is itself"
        );
        assert_eq!(f.original_range(17..18), 18..20);
        // Straight, curly and typewriter double quotes all fold alike.
        for text in [
            "\"Iron Curtain\"",
            "\u{201C}Iron Curtain\u{201D}",
            "``Iron Curtain''",
            "\u{2018}\u{2018}Iron Curtain\u{2019}\u{2019}",
            "\u{201E}Iron Curtain\u{201C}",
            "\u{AB}Iron Curtain\u{BB}",
        ] {
            assert_eq!(fold(text), "\"Iron Curtain\"", "{text:?}");
        }
        // A single backtick opens a single quote.
        check(
            "his `friend' left",
            "his 'friend' left",
            &[("'friend'", "`friend'"), ("'f", "`f")],
        );
        assert_eq!(fold("\u{201A}ja\u{2018} \u{2039}oui\u{203A}"), "'ja' 'oui'");
    }

    #[test]
    fn lone_apostrophes_stay_as_they_are() {
        for text in [
            "rock 'n' roll",
            "the 1990s' end",
            "it's NATO's",
            "'tis",
            "a ' b",
        ] {
            let f = Folded::new(text);
            assert_eq!(f.text, text);
            assert_eq!(f.runs.len(), 1, "{text:?} is one verbatim run");
        }
        // White space parts marks: these are two quotes, not a pair.
        assert_eq!(fold("' '"), "' '");
        assert_eq!(fold("'\n'"), "' '");
        // But nothing else does: invisibles dropped between two marks leave a pair.
        check(
            "x'\u{AD}'y",
            "x\"y",
            &[("\"", "'\u{AD}'"), ("x", "x"), ("y", "y")],
        );
        check("x'\u{200B}'", "x\"", &[("\"", "'\u{200B}'")]);
    }

    #[test]
    fn a_pair_swallows_nothing_beside_it() {
        check(
            "a''b c''-d",
            "a\"b c\"-d",
            &[
                ("a", "a"),
                ("b", "b"),
                ("\"b", "''b"),
                ("c\"-d", "c''-d"),
                ("-d", "-d"),
            ],
        );
        let f = Folded::new("a''b");
        assert_eq!(f.original_range(0..1), 0..1);
        assert_eq!(f.original_range(1..2), 1..3);
        assert_eq!(f.original_range(2..3), 3..4);
        assert_eq!(f.original_range(0..2), 0..3);
        assert_eq!(f.original_range(2..2), 3..3);
    }

    #[test]
    fn odd_runs_nest() {
        // Three backticks open a double then a single quote; three apostrophes close a
        // single then a double one: as the curly forms do.
        assert_eq!(fold("```Tis"), "\"'Tis");
        assert_eq!(fold("\u{201C}\u{2018}Tis"), "\"'Tis");
        assert_eq!(fold("``I heard `no.'''"), "\"I heard 'no.'\"");
        assert_eq!(
            fold("\u{201C}I heard \u{2018}no.\u{2019}\u{201D}"),
            "\"I heard 'no.'\""
        );
        assert_eq!(fold("''''"), "\"\"");
        assert_eq!(fold("`````"), "\"\"'");
        // A run maps back as one unit.
        let f = Folded::new("no.''' x");
        assert_eq!(f.text, "no.'\" x");
        assert_eq!(f.original_range(3..4), 3..6);
        assert_eq!(f.original_range(4..5), 3..6);
        assert_eq!(f.original_range(6..7), 7..8);
    }

    #[test]
    fn quote_marks_from_nfkc_pair_too() {
        // Full-width apostrophes and backticks, and the Greek varia (a backtick in NFC).
        check("\u{FF07}\u{FF07}x", "\"x", &[("\"", "\u{FF07}\u{FF07}")]);
        check("\u{FF40}\u{FF40}x", "\"x", &[("\"", "\u{FF40}\u{FF40}")]);
        assert_eq!(fold("\u{1FEF}\u{1FEF}x\u{1FEF}"), "\"x'");
        // An apostrophe carrying a combining mark is a unit of its own, in the run still.
        let f = Folded::new("''\u{301}");
        assert_eq!(f.text, "\"\u{301}");
        assert_eq!(fold(&f.text), f.text);
        assert_eq!(f.original_range(0..1), 0..4);
    }

    #[test]
    fn dashes() {
        check(
            "a\u{2013}b \u{2014} c \u{2212}5 d--e f---g h\u{2012}i\u{2015}j",
            "a-b - c -5 d-e f-g h-i-j",
            &[
                ("a-b", "a\u{2013}b"),
                ("- c", "\u{2014} c"),
                ("-5", "\u{2212}5"),
                ("d-e", "d--e"),
                ("f-g", "f---g"),
                ("-i-", "\u{2012}i\u{2015}"),
            ],
        );
        // A dash merging into a longer verbatim run splits it, keeping the rest exact.
        let f = Folded::new("well-\u{2014}known");
        assert_eq!(f.text, "well-known");
        assert_eq!(f.original_range(0..4), 0..4);
        assert_eq!(f.original_range(4..5), 4..8);
        assert_eq!(f.original_range(5..10), 8..13);
    }

    #[test]
    fn white_space_runs() {
        check(
            "  one\u{A0}two \t three\r\nfour\n\n  five\u{2003}six  ",
            "one two three four five six",
            &[
                ("one two", "one\u{A0}two"),
                ("two three", "two \t three"),
                ("three four", "three\r\nfour"),
                ("four five", "four\n\n  five"),
                ("five six", "five\u{2003}six"),
                ("six", "six"),
            ],
        );
        let f = Folded::new("  one  ");
        assert_eq!(f.original_range(0..3), 2..5);
        assert_eq!(f.original_range(3..3), 5..5);
    }

    #[test]
    fn nfkc_ligature_and_ellipsis() {
        check(
            "the \u{FB01}rst\u{2026} end",
            "the first... end",
            &[
                ("fi", "\u{FB01}"),
                ("first", "\u{FB01}rst"),
                ("...", "\u{2026}"),
                ("rst", "rst"),
            ],
        );
        // Inside a ligature the range widens to the whole character.
        let f = Folded::new("\u{FB01}");
        assert_eq!(f.original_range(1..2), 0..3);
    }

    #[test]
    fn combining_marks_compose() {
        // e + combining acute becomes é; the unit maps back as a whole.
        check(
            "Cafe\u{301} au lait",
            "Caf\u{E9} au lait",
            &[
                ("Caf\u{E9}", "Cafe\u{301}"),
                ("\u{E9}", "e\u{301}"),
                ("au", "au"),
            ],
        );
        // Already composed text stays verbatim.
        check("Caf\u{E9}", "Caf\u{E9}", &[("\u{E9}", "\u{E9}")]);
        assert_eq!(fold("\u{212B}ngstr\u{F6}m"), "\u{C5}ngstr\u{F6}m");
    }

    #[test]
    fn emoji_and_invisibles() {
        check(
            "hi \u{1F600} there co\u{AD}operate\u{FEFF}",
            "hi \u{1F600} there cooperate",
            &[
                ("\u{1F600}", "\u{1F600}"),
                ("there", "there"),
                ("cooperate", "co\u{AD}operate"),
            ],
        );
    }

    #[test]
    fn fold_of_a_quote_trims_and_collapses() {
        assert_eq!(
            fold("\n  \u{201C}know  well\u{201D} \u{2014}\t"),
            "\"know well\" -"
        );
        assert_eq!(fold(""), "");
        assert_eq!(fold(" \n "), "");
        let f = Folded::new("");
        assert_eq!(f.original_range(0..0), 0..0);
        assert_eq!(f.paragraph_count(), 1);
    }

    #[test]
    fn paragraphs_between_blank_lines() {
        let f = Folded::new("one\ntwo\n\nthree\n \nfour\r\n\r\nfive");
        assert_eq!(f.text, "one two three four five");
        assert_eq!(f.paragraph_count(), 4);
        let para = |i| &f.text[f.paragraph(i)];
        assert_eq!(para(0), "one two");
        assert_eq!(para(1), "three");
        assert_eq!(para(2), "four");
        assert_eq!(para(3), "five");
        assert_eq!(f.paragraph_at(0), 0);
        assert_eq!(f.paragraph_at(4), 0);
        assert_eq!(
            f.paragraph_at(7),
            0,
            "the separating space goes with the first"
        );
        assert_eq!(f.paragraph_at(8), 1);
        assert_eq!(f.paragraph_at(f.text.len() - 1), 3);
    }

    #[test]
    fn without_blank_lines_each_line_is_a_paragraph() {
        let f = Folded::new("one\ntwo three\r\nfour\u{2028}five");
        assert_eq!(f.paragraph_count(), 4);
        assert_eq!(&f.text[f.paragraph(1)], "two three");
        assert_eq!(f.paragraph_at(f.text.find("four").unwrap()), 2);
        // U+2029 is a paragraph separator by itself, so it counts as a blank line: with one
        // blank line in the text, single line breaks no longer split paragraphs.
        let f = Folded::new("a\nb\u{2029}c");
        assert_eq!(f.paragraph_count(), 2);
        assert_eq!(&f.text[f.paragraph(0)], "a b");
    }

    #[test]
    fn real_article_maps_back_exactly() {
        let original = include_str!("../../articles/vestnik-kavkaza-bordyuzha-interview.txt");
        let f = Folded::new(original);
        let quote = "\"know well the CSTO, except for Russia, unfortunately,\"";
        let at = f.text.find(quote).expect("quote in folded article");
        let r = f.original_range(at..at + quote.len());
        assert_eq!(
            &original[r],
            "\u{201C}know well the CSTO, except for Russia, unfortunately,\u{201D}"
        );
        // Every word of the folded text maps to original text that folds to that word.
        let mut at = 0;
        for word in f.text.split(' ') {
            let r = f.original_range(at..at + word.len());
            assert_eq!(fold(&original[r]), word);
            at += word.len() + 1;
        }
    }
}
