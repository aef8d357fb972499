//! Finding a quote in an article (SPEC §4.3): exact after folding, with elisions, the
//! case-only near miss, and on a miss the closest passage. Results are byte ranges into the
//! original article; turning them into lines and messages is the caller's business, for
//! which a [`Haystack`] keeps the article's line index once a finding needs it.
//!
//! An article is prepared once as a [`Haystack`] and then asked about all its quotes. Each
//! search costs time linear in the article's length plus the quote's, whatever either
//! holds, with these constants:
//!
//! - **What is searched.** A quote is looked for only when it is a quotation: some words,
//!   at most [`MAX_PARTS`] parts between elisions and at most [`MAX_QUOTE_WORDS`] words.
//!   Anything else is refused before any search ([`Miss::Refused`]) and counts as not found.
//! - **Exact and case-only.** One scan of the article for the first part, skipping to the
//!   next paragraph after each paragraph tried, and inside a paragraph each later part
//!   looked for from where the one before ended: about two scans of the article. The
//!   case-only search does the same over the article lowercased 64 KiB at a time (a longer
//!   paragraph whole), never copying all of it.
//! - **Closest passage of a missing part.** One pass over the article's words, each looked
//!   up in a table of the quote's words, which slides a window of the quote's length over
//!   the article counting shared words; then the quote is aligned word by word with the
//!   best four windows (at most 1,001 x 1,505 cells each), and character edits are counted
//!   inside the differing words only (at most 4 million cells in all). The words' keys are
//!   hashed for the miss, or once for a large article (see [`Haystack`]); scratch memory is
//!   2 bytes per article word, plus 4 for keys made for the miss. A quote of at most three
//!   words sharing none with the article is compared by characters with every run of as
//!   many words, bit-parallel: one pass.
//! - **Elided quote whose parts all occur, never together.** The paragraph that holds the
//!   most of it: each part's occurrences are scanned at most once, so at most one scan of
//!   the article per part (64 at most).
//!
//! On the benchmark machine, in a 15 MB article, a found quote costs under 3 ms and a miss
//! about 20 ms once the article's word keys are kept (a first miss hashes them, 60 ms), or
//! up to 100 ms for a quote of three words or fewer sharing none with the article.

use crate::lines::LineIndex;
use crate::text::fold::{fold, Folded};
use memchr::memmem::Finder;

use std::ops::Range;
use std::sync::OnceLock;

/// Below this similarity a passage is not worth showing: unrelated English sentences of
/// the same length already share about a third of their characters in edit distance terms.
pub const MIN_SIMILARITY: f64 = 0.4;

/// At most this many parts between elisions are compared. A quotation leaves out a few
/// stretches, not hundreds; and a miss costs up to one scan of the article per part.
pub const MAX_PARTS: usize = 64;

/// At most this many words (all parts together) are compared: a long paragraph has a few
/// hundred. It bounds the word alignment of a miss to 1,001 x 1,505 cells.
pub const MAX_QUOTE_WORDS: usize = 1_000;

/// An article prepared once for many quote searches.
#[derive(Debug)]
pub struct Haystack {
    /// The article folded, with the map back to its original offsets.
    pub folded: Folded,
    /// The original's line starts (8 bytes a line), built for the first finding shown so
    /// that an article with many findings indexes its lines once, and one without none.
    lines: OnceLock<LineIndex>,
    /// The words' keys, built for the first miss; see [`Haystack::words`].
    words: OnceLock<WordKeys>,
}

impl Haystack {
    /// Prepare `original` (the article's text) for searching.
    pub fn new(original: &str) -> Self {
        Self {
            folded: Folded::new(original),
            lines: OnceLock::new(),
            words: OnceLock::new(),
        }
    }

    /// The words' keys, built for the first miss and kept: an article is checked and then
    /// dropped (the check visits one article at a time per core), so keeping them costs 4
    /// bytes a word for as long as the article is in hand, and saves rebuilding them, about
    /// 4 ns a byte, for every further miss.
    fn words(&self) -> &WordKeys {
        self.words.get_or_init(|| WordKeys::new(&self.folded.text))
    }

    /// 1-based line and column of byte `offset` in `original`, which must be the text this
    /// haystack was made from.
    pub fn line_col(&self, original: &str, offset: usize) -> (usize, usize) {
        self.lines
            .get_or_init(|| LineIndex::new(original))
            .line_col(original, offset)
    }
}

/// The passage of the article nearest to a quote that was not found.
#[derive(Clone, Debug, PartialEq)]
pub struct Closest {
    /// Byte range in the original article.
    pub range: Range<usize>,
    /// 0.0 (nothing alike) to 1.0 (identical after folding).
    pub similarity: f64,
    /// Words of the quote that the passage lacks or has differently.
    pub quote_words: Vec<String>,
    /// The passage's words in their place.
    pub passage_words: Vec<String>,
}

/// The outcome of looking for one quote.
#[derive(Clone, Debug, PartialEq)]
pub enum QuoteMatch {
    /// Found; one original byte range per part (one part unless the quote has elisions).
    Found(Vec<Range<usize>>),
    /// Found only when case is ignored.
    CaseOnly(Vec<Range<usize>>),
    /// Not found, or not even looked for: either way the quote is not attested.
    NotFound(Miss),
}

/// Why a quote is not found. A refusal is a kind of miss so that a caller that only asks
/// "found or not?" can never take a refused quote for a found one.
#[derive(Clone, Debug, PartialEq)]
pub enum Miss {
    /// Looked for and absent; the closest passage, if any passage is at all alike.
    Searched(Option<Closest>),
    /// Not looked for: the quote is not a quotation.
    Refused(Refusal),
}

/// Why a quote is not looked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing but elisions and white space: no words to look for.
    NoWords,
    /// More than [`MAX_PARTS`] parts between elisions; how many it has.
    TooManyParts(usize),
    /// More than [`MAX_QUOTE_WORDS`] words; how many it has.
    TooManyWords(usize),
}

/// Look for `quote` in `haystack`.
///
/// The quote is folded like the article. An elision (`...`, `…`, or either in square or
/// round brackets) splits it into parts, which must appear in order, without overlapping,
/// inside one paragraph; empty parts (an elision at either end) are ignored. A quote with
/// no part at all (empty, or only elisions), with more than [`MAX_PARTS`] parts or more
/// than [`MAX_QUOTE_WORDS`] words is refused unsearched.
///
/// Case-insensitive matching lowercases character by character, and only where that keeps
/// the byte length (so offsets stay put): `İ` or `ẞ` thus only match themselves.
///
/// On a miss, similarity is `1 - edits / length`: the character edits (Levenshtein) that
/// turn the quote's differing words into the passage's, over the length in characters of
/// the longer of the two (folded). Below [`MIN_SIMILARITY`], or when a quote of more than
/// three words (or of more than 64 characters) shares no word with the article, there is no
/// closest passage. For an elided quote the closest passage is that of the first part found
/// nowhere; when every part occurs but never all in order within one paragraph, it is the
/// paragraph holding the most of them (similarity: the share of the quote's characters
/// placed there; `quote_words`: the parts missing from it).
pub fn find(haystack: &Haystack, quote: &str) -> QuoteMatch {
    let quote = fold(quote);
    let parts = match quote_parts(&quote) {
        Ok(parts) => parts,
        Err(refusal) => return QuoteMatch::NotFound(Miss::Refused(refusal)),
    };
    let folded = &haystack.folded;
    let to_original = |ranges: Vec<Range<usize>>| -> Vec<Range<usize>> {
        ranges
            .into_iter()
            .map(|r| folded.original_range(r))
            .collect()
    };
    let finders: Vec<Finder> = parts.iter().map(Finder::new).collect();
    if let Some(ranges) = locate(folded, folded.text.as_bytes(), 0, &finders) {
        return QuoteMatch::Found(to_original(ranges));
    }
    if let Some(ranges) = locate_ignoring_case(folded, &parts) {
        return QuoteMatch::CaseOnly(to_original(ranges));
    }
    QuoteMatch::NotFound(Miss::Searched(closest(haystack, &parts, &finders)))
}

/// The parts of a folded quote, or why it is not searched. Counting the parts of a quote
/// that has too many costs one pass over it and no memory.
fn quote_parts(quote: &str) -> Result<Vec<&str>, Refusal> {
    let mut all = elision_parts(quote);
    let parts: Vec<&str> = all.by_ref().take(MAX_PARTS).collect();
    let more = all.count();
    if parts.is_empty() {
        return Err(Refusal::NoWords);
    }
    if more > 0 {
        return Err(Refusal::TooManyParts(MAX_PARTS + more));
    }
    let words = parts
        .iter()
        .map(|p| memchr::memchr_iter(b' ', p.as_bytes()).count() + 1)
        .sum();
    if words > MAX_QUOTE_WORDS {
        return Err(Refusal::TooManyWords(words));
    }
    Ok(parts)
}

/// Where the elisions of `quote` stand, as byte ranges of `quote` as written (not folded):
/// one for each two consecutive parts, so one fewer than the ranges [`find`] gives for the
/// quote when it is found, each from the end of a part to the start of the next, white space
/// left out: `...`, `…`, `[...]`, or `... ...` when the parts between are empty.
pub fn elisions(quote: &str) -> Vec<Range<usize>> {
    let folded = Folded::new(quote);
    let parts: Vec<Range<usize>> = part_ranges(&folded.text).take(MAX_PARTS).collect();
    parts
        .windows(2)
        .map(|pair| folded.original_range(trim_spaces(&folded.text, pair[0].end..pair[1].start)))
        .collect()
}

/// `range` of `text` without the spaces at either end.
fn trim_spaces(text: &str, mut range: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    while range.start < range.end && bytes[range.start] == b' ' {
        range.start += 1;
    }
    while range.end > range.start && bytes[range.end - 1] == b' ' {
        range.end -= 1;
    }
    range
}

/// The non-empty parts of a folded quote between elisions, trimmed.
fn elision_parts(quote: &str) -> impl Iterator<Item = &str> {
    part_ranges(quote).map(move |r| &quote[r])
}

/// [`elision_parts`] as byte ranges of the folded quote.
fn part_ranges(quote: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = quote.as_bytes();
    let dots = Finder::new(b"...");
    let mut from = Some(0);
    std::iter::from_fn(move || {
        let start_of_part = from?;
        let Some(at) = dots.find(&bytes[start_of_part..]) else {
            from = None;
            return Some(start_of_part..quote.len());
        };
        let mut start = start_of_part + at;
        let mut end = start + 3;
        while bytes.get(end) == Some(&b'.') {
            end += 1;
        }
        // `[...]` and `(...)` are the same elision, marked as the editor's. The bracket
        // cannot belong to the elision before: that one ended on a dot or a closing bracket.
        if start > 0 {
            let close = match bytes[start - 1] {
                b'[' => Some(b']'),
                b'(' => Some(b')'),
                _ => None,
            };
            if close.is_some() && bytes.get(end).copied() == close {
                start -= 1;
                end += 1;
            }
        }
        from = Some(end);
        Some(start_of_part..start)
    })
    .map(|p| trim_spaces(quote, p))
    .filter(|p| !p.is_empty())
}

/// Where `parts` stand in `hay`, the folded text from offset `base` on (or its lowercase
/// twin), which holds whole paragraphs when there are several parts: one part anywhere, or
/// several in order inside one paragraph. Ranges are offsets into the folded text.
fn locate(folded: &Folded, hay: &[u8], base: usize, parts: &[Finder]) -> Option<Vec<Range<usize>>> {
    let (first, rest) = parts.split_first()?;
    let first_len = first.needle().len();
    if rest.is_empty() {
        let at = first.find(hay)?;
        return Some(std::iter::once(base + at..base + at + first_len).collect());
    }
    let mut from = 0;
    while from < hay.len() {
        let at = from + first.find(&hay[from..])?;
        // The paragraph's end, as an offset into `hay`.
        let end = folded.paragraph(folded.paragraph_at(base + at)).end - base;
        if at + first_len <= end {
            let mut ranges = Vec::with_capacity(parts.len());
            ranges.push(base + at..base + at + first_len);
            let mut pos = at + first_len;
            for part in rest {
                let Some(found) = part.find(&hay[pos..end]) else {
                    break;
                };
                let len = part.needle().len();
                ranges.push(base + pos + found..base + pos + found + len);
                pos += found + len;
            }
            if ranges.len() == parts.len() {
                return Some(ranges);
            }
        }
        // The leftmost occurrence of the first part in a paragraph leaves the most room
        // for the others, so each paragraph needs one try: go on from the next paragraph.
        from = end + 1;
    }
    None
}

/// How much of the article is lowercased at a time for the case-only search: large enough
/// that the per-window work vanishes, small enough to stay in cache.
const LOWER_WINDOW: usize = 64 * 1024;

/// [`locate`] ignoring case, over the article lowercased one window at a time rather than
/// copied whole. A single part is looked for in windows that overlap by its length; several
/// parts in windows of whole paragraphs, since they must stand in one.
fn locate_ignoring_case(folded: &Folded, parts: &[&str]) -> Option<Vec<Range<usize>>> {
    let lower: Vec<String> = parts.iter().map(|p| lowercase(p)).collect();
    let finders: Vec<Finder> = lower.iter().map(Finder::new).collect();
    let text = folded.text.as_str();
    let mut buf = String::new();
    let mut start = 0;
    while start < text.len() {
        let (end, next) = if let [part] = lower.as_slice() {
            // A match starting before `next` ends inside the window.
            let next = floor_boundary(text, start + LOWER_WINDOW.max(part.len()));
            (ceil_boundary(text, next + part.len() - 1), next)
        } else {
            let mut para = folded.paragraph_at(start);
            let mut end = folded.paragraph(para).end;
            while end - start < LOWER_WINDOW && para + 1 < folded.paragraph_count() {
                para += 1;
                end = folded.paragraph(para).end;
            }
            (end, end + 1)
        };
        buf.clear();
        lowercase_into(&text[start..end], &mut buf);
        if let Some(ranges) = locate(folded, buf.as_bytes(), start, &finders) {
            return Some(ranges);
        }
        start = next;
    }
    None
}

/// The char boundary at or before `i` (clamped to the text).
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The char boundary at or after `i` (clamped to the text).
fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Lowercase where it keeps each character's byte length, so offsets carry over.
fn lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    lowercase_into(text, &mut out);
    out
}

/// [`lowercase`], appended to `out`.
fn lowercase_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        let from = out.len();
        out.push_str(text);
        out[from..].make_ascii_lowercase();
        return;
    }
    out.extend(text.chars().map(|c| {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
            _ => c,
        }
    }));
}

/// The first occurrence of one part at or after a position that only moves forward, so
/// that the part's occurrences are scanned at most once however often it is asked.
struct NextOccurrence<'f> {
    finder: &'f Finder<'f>,
    /// The first occurrence at or after the last position asked about.
    at: Option<usize>,
}

impl<'f> NextOccurrence<'f> {
    fn new(finder: &'f Finder<'f>, hay: &[u8]) -> Self {
        Self {
            at: finder.find(hay),
            finder,
        }
    }

    /// The first occurrence at or after `pos`, which is never less than in the last call.
    fn at_or_after(&mut self, hay: &[u8], pos: usize) -> Option<usize> {
        if self.at.is_some_and(|at| at < pos) {
            self.at = self.finder.find(&hay[pos..]).map(|i| pos + i);
        }
        self.at
    }
}

/// The closest passage for the parts of a quote that was not found.
fn closest(haystack: &Haystack, parts: &[&str], finders: &[Finder]) -> Option<Closest> {
    let folded = &haystack.folded;
    if let [part] = parts {
        return closest_passage(haystack, part);
    }
    let hay = folded.text.as_bytes();
    // One pointer per distinct part: a part repeated in the quote is looked for once.
    let mut next: Vec<NextOccurrence> = Vec::with_capacity(parts.len());
    let mut pointer = Vec::with_capacity(parts.len());
    for (k, part) in parts.iter().enumerate() {
        match parts[..k].iter().position(|p| p == part) {
            Some(same) => pointer.push(pointer[same]),
            None => {
                pointer.push(next.len());
                next.push(NextOccurrence::new(&finders[k], hay));
            }
        }
    }
    if let Some(missing) = pointer.iter().position(|&p| next[p].at.is_none()) {
        return closest_passage(haystack, parts[missing]);
    }
    closest_paragraph(folded, parts, &mut next, &pointer)
}

/// Every part occurs somewhere, but never all in one paragraph in order: the paragraph
/// that holds the most of the quote in order (placing each part at its first occurrence
/// after the one before, and skipping a part that does not fit), the first of equals.
/// `pointer[k]` is part `k`'s entry in `next`.
///
/// Paragraphs are taken in order, so every look-up is at or after the one before. One no
/// longer than the best score so far cannot beat it and costs nothing; any other costs a
/// look-up per part, which is a comparison unless the part's next occurrence has been
/// passed: each part's occurrences are scanned once in all.
fn closest_paragraph(
    folded: &Folded,
    parts: &[&str],
    next: &mut [NextOccurrence],
    pointer: &[usize],
) -> Option<Closest> {
    let hay = folded.text.as_bytes();
    let total: usize = parts.iter().map(|p| p.len()).sum();
    let mut best: Option<(usize, Vec<Range<usize>>, Vec<usize>)> = None;
    for para in 0..folded.paragraph_count() {
        let bounds = folded.paragraph(para);
        if best.as_ref().is_some_and(|(s, _, _)| bounds.len() <= *s) {
            continue;
        }
        let mut at = bounds.start;
        let mut placed = Vec::new();
        let mut missing = Vec::new();
        let mut score = 0;
        for (k, part) in parts.iter().enumerate() {
            match next[pointer[k]].at_or_after(hay, at) {
                Some(found) if found + part.len() <= bounds.end => {
                    placed.push(found..found + part.len());
                    at = found + part.len();
                    score += part.len();
                }
                _ => missing.push(k),
            }
        }
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, placed, missing));
        }
    }
    let (score, placed, missing) = best?;
    let (first, last) = (placed.first()?, placed.last()?);
    let similarity = score as f64 / total as f64;
    if similarity < MIN_SIMILARITY {
        return None;
    }
    Some(Closest {
        range: folded.original_range(first.start..last.end),
        similarity,
        quote_words: missing
            .iter()
            .flat_map(|&k| parts[k].split(' '))
            .map(String::from)
            .collect(),
        passage_words: Vec::new(),
    })
}

/// The words (runs between spaces) of folded `text` from byte `from`, a word's start.
fn words_from(text: &str, from: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = from;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let end = memchr::memchr(b' ', &bytes[at..]).map_or(bytes.len(), |i| at + i);
            let word = at..end;
            at = end + 1;
            if !word.is_empty() {
                return Some(word);
            }
        }
        None
    })
}

/// Call `f` with the start and the key ([`word_key`]) of each word of folded `text`, in
/// one pass over every byte of the article, so an ASCII word is hashed as its bytes go by
/// rather than found first and hashed after.
fn each_word_key(text: &str, mut f: impl FnMut(usize, u64)) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut hash = FNV_BASIS;
    let (mut any, mut ascii) = (false, true);
    let mut finish = |start: usize, end: usize, hash: u64, any: bool, ascii: bool| {
        if end > start {
            // Rare words (punctuation only, or not ASCII) take the general way.
            let key = if ascii && any {
                hash
            } else {
                word_key(&text[start..end])
            };
            f(start, key);
        }
    };
    for (i, &b) in bytes.iter().enumerate() {
        if b == b' ' {
            finish(start, i, hash, any, ascii);
            start = i + 1;
            (hash, any, ascii) = (FNV_BASIS, false, true);
        } else if b.is_ascii_alphanumeric() {
            hash = fnv(hash, b.to_ascii_lowercase());
            any = true;
        } else if !b.is_ascii() {
            ascii = false;
        }
    }
    finish(start, bytes.len(), hash, any, ascii);
}

/// The article's words as the window search reads them: each word's key in 32 bits (a
/// collision only makes two words count as shared when windows are chosen), and where
/// every [`CHECKPOINT`]-th word starts, to find the chosen windows' words again.
#[derive(Clone, Debug)]
struct WordKeys {
    keys: Vec<u32>,
    checkpoints: Vec<usize>,
}

impl WordKeys {
    fn new(text: &str) -> Self {
        let mut keys = Vec::with_capacity(text.len() / 5);
        let mut checkpoints = Vec::with_capacity(text.len() / (5 * CHECKPOINT) + 1);
        each_word_key(text, |start, key| {
            if keys.len() % CHECKPOINT == 0 {
                checkpoints.push(start);
            }
            keys.push(key32(key));
        });
        keys.shrink_to_fit();
        WordKeys { keys, checkpoints }
    }
}

fn key32(key: u64) -> u32 {
    (key ^ (key >> 32)) as u32
}

const FNV_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(hash: u64, b: u8) -> u64 {
    (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

/// A hash of a word's letters and digits, lowercased, so that `Bishkek,` and `bishkek`
/// count as shared when choosing candidate windows. A word of punctuation only is hashed
/// as it is.
fn word_key(word: &str) -> u64 {
    let mut hash = FNV_BASIS;
    let mut any = false;
    let mut add = |b: u8| hash = fnv(hash, b);
    if word.is_ascii() {
        for b in word.bytes().filter(u8::is_ascii_alphanumeric) {
            add(b.to_ascii_lowercase());
            any = true;
        }
    } else {
        for c in word.chars() {
            if c.is_ascii_alphanumeric() {
                add(c.to_ascii_lowercase() as u8);
                any = true;
            } else if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    let mut buf = [0; 4];
                    l.encode_utf8(&mut buf).bytes().for_each(&mut add);
                }
                any = true;
            }
        }
    }
    if !any {
        word.bytes().for_each(&mut add);
        add(0xff);
    }
    hash
}

/// The distinct keys of a quote, each with its index, in a two-choice (cuckoo) table: a
/// key stands in one of two slots, so a look-up reads both and picks without a branch, which
/// matters because the window search looks up every word of the article.
struct KeyTable {
    /// (key, index); an empty slot has index [`KeyTable::none`].
    slots: Vec<(u32, u32)>,
    shift: u32,
    /// How many times each distinct key occurs in the quote; last, 0 for "not a quote word".
    need: Vec<u32>,
}

impl KeyTable {
    fn new(keys: &[u32]) -> Self {
        let mut distinct: Vec<u32> = keys.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        let mut need = vec![0u32; distinct.len() + 1];
        for key in keys {
            if let Ok(k) = distinct.binary_search(key) {
                need[k] += 1;
            }
        }
        // At most half full; a rare cycle of evictions doubles the table.
        let mut bits = (distinct.len() * 2)
            .next_power_of_two()
            .trailing_zeros()
            .max(2);
        loop {
            if let Some(slots) = Self::place(&distinct, bits) {
                return KeyTable {
                    slots,
                    shift: 32 - bits,
                    need,
                };
            }
            bits += 1;
        }
    }

    /// The slots for `distinct` keys in a table of `1 << bits`, or None after too many
    /// evictions.
    fn place(distinct: &[u32], bits: u32) -> Option<Vec<(u32, u32)>> {
        let none = distinct.len() as u32;
        let shift = 32 - bits;
        let mut slots = vec![(0, none); 1 << bits];
        for (index, &key) in distinct.iter().enumerate() {
            let mut entry = (key, index as u32);
            let mut slot = Self::first(entry.0, shift);
            for _ in 0..=distinct.len() {
                std::mem::swap(&mut slots[slot], &mut entry);
                if entry.1 == none {
                    break;
                }
                // The evicted key goes to its other slot.
                let (a, b) = (Self::first(entry.0, shift), Self::second(entry.0, shift));
                slot = if slot == a { b } else { a };
            }
            if entry.1 != none {
                return None;
            }
        }
        Some(slots)
    }

    fn first(key: u32, shift: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B9) >> shift) as usize
    }

    fn second(key: u32, shift: u32) -> usize {
        (key.wrapping_mul(0x85EB_CA77).rotate_left(16) >> shift) as usize
    }

    /// The index meaning "not a quote word"; `need` is 0 there.
    fn none(&self) -> u32 {
        (self.need.len() - 1) as u32
    }

    /// The key's index, or [`KeyTable::none`].
    fn get(&self, key: u32) -> u32 {
        let a = self.slots[Self::first(key, self.shift)];
        let b = self.slots[Self::second(key, self.shift)];
        let found = if a.0 == key { a.1 } else { self.none() };
        if b.0 == key {
            b.1
        } else {
            found
        }
    }
}

/// How many of the best windows get a word alignment.
const CANDIDATES: usize = 4;

/// Alignment costs, in halves: a word that differs only in case or punctuation is cheaper
/// than one that differs, which costs as much as a word missing on either side (so a typo
/// is a substitution, not a deletion plus an insertion).
const COST_NEAR: u32 = 1;
const COST_OTHER: u32 = 2;
const COST_GAP: u32 = 2;

/// The most character comparisons spent counting the edits of one closest passage. A
/// word-level diff of a quote within [`MAX_QUOTE_WORDS`] stays far below it unless the
/// article's "words" are huge runs without spaces; past it a hunk counts as wholly changed.
const EDIT_BUDGET: usize = 4_000_000;

/// Every this many words the pass over the article notes where a word starts, so that the
/// chosen windows can be found again without keeping every word's offset.
const CHECKPOINT: usize = 256;

/// Window scores are kept in 16 bits.
const _: () = assert!(MAX_QUOTE_WORDS < u16::MAX as usize);

/// A run of the article's words: indices `base..base + ranges.len()` and their folded
/// byte ranges and keys.
struct Region {
    base: usize,
    ranges: Vec<Range<usize>>,
    keys: Vec<u64>,
}

impl Region {
    /// The words `indices`, found again from the checkpoints of the pass that counted them.
    fn new(text: &str, checkpoints: &[usize], indices: Range<usize>) -> Self {
        let from = indices.start / CHECKPOINT;
        let ranges: Vec<Range<usize>> = words_from(text, checkpoints[from])
            .skip(indices.start - from * CHECKPOINT)
            .take(indices.len())
            .collect();
        Self::of(text, indices.start, ranges)
    }

    fn of(text: &str, base: usize, ranges: Vec<Range<usize>>) -> Self {
        let keys = ranges.iter().map(|r| word_key(&text[r.clone()])).collect();
        Region { base, ranges, keys }
    }

    /// Article word `j` (a global index inside the region).
    fn word<'t>(&self, text: &'t str, j: usize) -> &'t str {
        &text[self.ranges[j - self.base].clone()]
    }
}

/// The passage most like `part` (one folded quote part, known to be absent).
fn closest_passage(haystack: &Haystack, part: &str) -> Option<Closest> {
    let folded = &haystack.folded;
    let text = folded.text.as_str();
    let q_words: Vec<&str> = part.split(' ').collect();
    let q_keys: Vec<u64> = q_words.iter().map(|w| word_key(w)).collect();
    let m = q_words.len();
    let table = KeyTable::new(&q_keys.iter().map(|&k| key32(k)).collect::<Vec<_>>());
    let words = haystack.words();
    let n = words.keys.len();
    if n == 0 {
        return None;
    }

    // Multiset overlap of each window of `w` words with the quote, kept up to date as the
    // window slides; the last `w` words' indices in the quote's table are kept in a ring to
    // be taken out again. Without branches: a word not in the quote counts under one of
    // four indices past the quote's, whose `need` is 0 (four, so that the counts of
    // consecutive such words do not wait on each other), and the ring starts full of them.
    let w = m.min(n);
    let none = table.none();
    let mut ring: Vec<u32> = vec![none; w];
    let mut have = vec![0u32; table.need.len() + 3];
    have[none as usize] = w as u32;
    let mut need = table.need.clone();
    need.extend([0; 3]);
    let mut overlap = 0u32;
    let mut scores: Vec<u16> = Vec::with_capacity(n - w + 1);
    let mut slot = 0;
    for (t, &key) in words.keys.iter().enumerate() {
        let out = ring[slot] as usize;
        have[out] -= 1;
        overlap -= u32::from(have[out] < need[out]);
        let mut index = table.get(key);
        if index == none {
            index += (t & 3) as u32;
        }
        let into = index as usize;
        overlap += u32::from(have[into] < need[into]);
        have[into] += 1;
        ring[slot] = index;
        slot = if slot + 1 == w { 0 } else { slot + 1 };
        if t + 1 >= w {
            scores.push(overlap as u16);
        }
    }

    // The best windows, leftmost first among equals, none overlapping a better one.
    let slack = 2 + m / 4;
    let mut candidates = Vec::with_capacity(CANDIDATES);
    for _ in 0..CANDIDATES {
        let top = scores.iter().copied().max().unwrap_or(0);
        if top == 0 {
            break;
        }
        let start = scores.iter().position(|&s| s == top).unwrap_or(0);
        let windows = scores.len();
        scores[start.saturating_sub(w - 1)..(start + w).min(windows)].fill(0);
        candidates.push(start);
    }
    drop(scores);
    let mut best: Option<(Alignment, Region)> = None;
    for start in candidates {
        let region = Region::new(
            text,
            &words.checkpoints,
            start.saturating_sub(slack)..(start + w + slack).min(n),
        );
        let Some(alignment) = align(&q_words, &q_keys, text, &region) else {
            continue;
        };
        if best
            .as_ref()
            .is_none_or(|(b, _)| (alignment.cost, alignment.words.start) < (b.cost, b.words.start))
        {
            best = Some((alignment, region));
        }
    }

    if best.is_none() && m <= SHORT_QUOTE_WORDS {
        best = closest_short(part, w, text).and_then(|region| {
            let alignment = align(&q_words, &q_keys, text, &region)?;
            Some((alignment, region))
        });
    }
    let (best, region) = best?;
    let passage_range = region.ranges[best.words.start - region.base].start
        ..region.ranges[best.words.end - 1 - region.base].end;
    let passage = &text[passage_range.clone()];
    let word = |j: usize| region.word(text, j);

    // Edits are counted inside the differing stretches only: the equal words around them
    // cost nothing, and comparing only the stretches keeps this linear in the quote.
    let mut quote_words = Vec::new();
    let mut passage_words = Vec::new();
    let mut edits = 0;
    let mut budget = EDIT_BUDGET;
    let (mut hunk_q, mut hunk_p) = (Vec::new(), Vec::new());
    let mut flush = |hunk_q: &mut Vec<&str>, hunk_p: &mut Vec<&str>| {
        if !hunk_q.is_empty() || !hunk_p.is_empty() {
            // A word missing on one side takes its separating space with it.
            edits += edit_distance(&hunk_q.join(" "), &hunk_p.join(" "), &mut budget)
                + hunk_q.len().abs_diff(hunk_p.len());
            hunk_q.clear();
            hunk_p.clear();
        }
    };
    for op in &best.ops {
        match *op {
            Op::Same => flush(&mut hunk_q, &mut hunk_p),
            Op::Change(i, j) => {
                hunk_q.push(q_words[i]);
                hunk_p.push(word(j));
            }
            Op::Missing(i) => hunk_q.push(q_words[i]),
            Op::Extra(j) => hunk_p.push(word(j)),
        }
        match *op {
            Op::Same => {}
            Op::Change(i, j) => {
                quote_words.push(q_words[i].to_string());
                passage_words.push(word(j).to_string());
            }
            Op::Missing(i) => quote_words.push(q_words[i].to_string()),
            Op::Extra(j) => passage_words.push(word(j).to_string()),
        }
    }
    flush(&mut hunk_q, &mut hunk_p);
    let longest = part.chars().count().max(passage.chars().count()).max(1);
    let similarity = (1.0 - edits as f64 / longest as f64).max(0.0);
    if similarity < MIN_SIMILARITY {
        return None;
    }
    Some(Closest {
        range: folded.original_range(passage_range),
        similarity,
        quote_words,
        passage_words,
    })
}

/// A quote of a few words may share no word at all with its passage ("Bishkel" for
/// "Bishkek"), so windows scored by shared words find nothing; such a quote, if it fits a
/// machine word in characters, is compared by characters with every run of `w` words.
const SHORT_QUOTE_WORDS: usize = 3;
const SHORT_QUOTE_CHARS: usize = 64;

/// The run of `w` words with the fewest character edits from `part` (the first of equals),
/// among those of a length near enough to come near [`MIN_SIMILARITY`]. One pass: each
/// comparison is a bit-parallel step per character of the run.
fn closest_short(part: &str, w: usize, text: &str) -> Option<Region> {
    let pattern = Pattern::new(part)?;
    let len = part.len();
    let ascii = part.is_ascii();
    let part_bytes = byte_set(part);
    // The last `w` words (start, end, byte set), oldest first; the best run's distance,
    // first word index and words.
    type Window = [(usize, usize, u64); SHORT_QUOTE_WORDS];
    let mut window: Window = [(0, 0, 0); SHORT_QUOTE_WORDS];
    let mut best: Option<(usize, usize, Window)> = None;
    for (i, word) in words_from(text, 0).enumerate() {
        window.copy_within(1..w, 0);
        window[w - 1] = (word.start, word.end, byte_set(&text[word]));
        if i + 1 < w {
            continue;
        }
        let run = window[0].0..window[w - 1].1;
        if run.len() * 2 < len || run.len() > len * 2 {
            continue;
        }
        if let Some((best_distance, _, _)) = best {
            // Lower bounds of the distance, so that most runs need no comparison once a
            // close one is known: in ASCII, the difference in length; and each byte value
            // that only one side has needs an edit of its own on that side.
            let run_bytes = window[..w].iter().fold(0, |set, &(_, _, s)| set | s)
                | if w > 1 { byte_set(" ") } else { 0 };
            let bound = (part_bytes & !run_bytes)
                .count_ones()
                .max((run_bytes & !part_bytes).count_ones()) as usize;
            let bound = if ascii && text[run.clone()].is_ascii() {
                bound.max(run.len().abs_diff(len))
            } else {
                bound
            };
            if bound >= best_distance {
                continue;
            }
        }
        let distance = pattern.distance(&text[run]);
        if best.is_none_or(|b| distance < b.0) {
            best = Some((distance, i + 1 - w, window));
        }
    }
    let (_, start, window) = best?;
    let ranges = window[..w].iter().map(|&(from, to, _)| from..to).collect();
    Some(Region::of(text, start, ranges))
}

/// The byte values of `text`, each as bit `value % 64`: two different bytes may share a
/// bit, which only weakens the bounds drawn from it.
fn byte_set(text: &str) -> u64 {
    text.bytes().fold(0, |set, b| set | 1 << (b % 64))
}

/// A string of at most [`SHORT_QUOTE_CHARS`] characters prepared for bit-parallel edit
/// distance: for each character, the positions where it occurs, as bits.
struct Pattern {
    len: usize,
    ascii: [u64; 128],
    other: Vec<(char, u64)>,
}

impl Pattern {
    fn new(s: &str) -> Option<Self> {
        let mut pattern = Pattern {
            len: 0,
            ascii: [0; 128],
            other: Vec::new(),
        };
        for (i, c) in s.chars().enumerate() {
            if i == SHORT_QUOTE_CHARS {
                return None;
            }
            let bit = 1 << i;
            if c.is_ascii() {
                pattern.ascii[c as usize] |= bit;
            } else if let Some(entry) = pattern.other.iter_mut().find(|e| e.0 == c) {
                entry.1 |= bit;
            } else {
                pattern.other.push((c, bit));
            }
            pattern.len = i + 1;
        }
        (pattern.len > 0).then_some(pattern)
    }

    fn positions(&self, c: char) -> u64 {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.other.iter().find(|e| e.0 == c).map_or(0, |e| e.1)
        }
    }

    /// Levenshtein distance over characters between the pattern and `text`: Myers's
    /// bit-parallel algorithm as Hyyrö states it for whole strings. Bit `i` of the vertical
    /// deltas stands for the pattern's row `i + 1`; the score follows its last row.
    fn distance(&self, text: &str) -> usize {
        if text.is_ascii() {
            self.distance_of(text.bytes().map(|b| self.ascii[usize::from(b)]))
        } else {
            self.distance_of(text.chars().map(|c| self.positions(c)))
        }
    }

    /// [`Pattern::distance`], given the positions of each character of the text in turn.
    fn distance_of(&self, text: impl Iterator<Item = u64>) -> usize {
        let last = 1u64 << (self.len - 1);
        let (mut pv, mut mv) = (!0u64, 0u64);
        let mut score = self.len;
        for eq in text {
            let xv = eq | mv;
            let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
            let ph = mv | !(xh | pv);
            let mh = pv & xh;
            if ph & last != 0 {
                score += 1;
            } else if mh & last != 0 {
                score -= 1;
            }
            // The top row counts the text's characters: a horizontal step of +1 enters.
            let ph = (ph << 1) | 1;
            let mh = mh << 1;
            pv = mh | !(xv | ph);
            mv = ph & xv;
        }
        score
    }
}

/// The best word alignment of a quote with some run of the article's words.
struct Alignment {
    cost: u32,
    /// Indices into the article's words.
    words: Range<usize>,
    /// From the first quote word to the last.
    ops: Vec<Op>,
}

/// One step of an alignment: quote word indices, then article word indices.
#[derive(Clone, Copy, Debug)]
enum Op {
    Same,
    Change(usize, usize),
    Missing(usize),
    Extra(usize),
}

/// Align all of the quote's words with the best-matching run of words inside `region`
/// (the run may start and end anywhere in it for free). With at most [`MAX_QUOTE_WORDS`]
/// quote words and a region of the window plus a quarter on each side, the table has at
/// most 1,001 x 1,505 cells.
fn align(q_words: &[&str], q_keys: &[u64], text: &str, region: &Region) -> Option<Alignment> {
    let m = q_words.len();
    let base = region.base;
    let p_word = |j: usize| region.word(text, base + j);
    let p_keys = &region.keys;
    let l = p_keys.len();
    let cols = l + 1;
    let sub = |i: usize, j: usize| {
        if q_keys[i] != p_keys[j] {
            COST_OTHER
        } else if q_words[i] == p_word(j) {
            0
        } else {
            COST_NEAR
        }
    };
    // d[i * cols + j]: cost of aligning the first i quote words, ending after passage
    // word j; row 0 is free so the passage may start anywhere.
    let mut d = vec![0u32; (m + 1) * cols];
    for i in 1..=m {
        d[i * cols] = i as u32 * COST_GAP;
        for j in 1..=l {
            let diag = d[(i - 1) * cols + j - 1] + sub(i - 1, j - 1);
            let up = d[(i - 1) * cols + j] + COST_GAP;
            let left = d[i * cols + j - 1] + COST_GAP;
            d[i * cols + j] = diag.min(up).min(left);
        }
    }
    // The passage may end anywhere too; on a tie the longer passage keeps a final typo in.
    let (end, cost) = (0..=l)
        .map(|j| (j, d[m * cols + j]))
        .min_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;

    let (mut i, mut j) = (m, end);
    let mut ops = Vec::with_capacity(m + 4);
    while i > 0 {
        let here = d[i * cols + j];
        if j > 0 && here == d[(i - 1) * cols + j - 1] + sub(i - 1, j - 1) {
            let same = q_words[i - 1] == p_word(j - 1);
            ops.push(if same {
                Op::Same
            } else {
                Op::Change(i - 1, base + j - 1)
            });
            i -= 1;
            j -= 1;
        } else if here == d[(i - 1) * cols + j] + COST_GAP {
            ops.push(Op::Missing(i - 1));
            i -= 1;
        } else {
            ops.push(Op::Extra(base + j - 1));
            j -= 1;
        }
    }
    if j == end {
        return None;
    }
    ops.reverse();
    Some(Alignment {
        cost,
        words: base + j..base + end,
        ops,
    })
}

/// Levenshtein distance over characters, spending at most `budget` cells across calls;
/// past it, the length of the longer (the most it can be, so the passage only looks less
/// alike than it is).
fn edit_distance(a: &str, b: &str, budget: &mut usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let cells = a.len() * b.len();
    if a.is_empty() || b.is_empty() || cells > *budget {
        return a.len().max(b.len());
    }
    *budget -= cells;
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFERL: &str = include_str!("../../articles/rferl-2003-12-03.txt");
    const VESTNIK: &str = include_str!("../../articles/vestnik-kavkaza-bordyuzha-interview.txt");

    /// The original text of each range of a `Found` or `CaseOnly` result.
    #[track_caller]
    fn found<'a>(original: &'a str, quote: &str) -> Vec<&'a str> {
        match find(&Haystack::new(original), quote) {
            QuoteMatch::Found(ranges) => ranges.into_iter().map(|r| &original[r]).collect(),
            other => panic!("{quote:?}: expected Found, got {other:?}"),
        }
    }

    #[track_caller]
    fn not_found(original: &str, quote: &str) -> Option<Closest> {
        match find(&Haystack::new(original), quote) {
            QuoteMatch::NotFound(Miss::Searched(closest)) => closest,
            other => panic!("{quote:?}: expected NotFound, got {other:?}"),
        }
    }

    #[test]
    fn exact_in_real_article() {
        let quote = "At a meeting in the Kyrgyz capital, Bishkek, on 19 November, foreign \
                     ministers from the six nations pledged to develop further cooperation \
                     with the Western alliance.";
        assert_eq!(found(RFERL, quote), [quote]);
    }

    #[test]
    fn straight_quotes_match_curly_ones() {
        assert_eq!(
            found(
                VESTNIK,
                "\"know well the CSTO, except for Russia, unfortunately,\""
            ),
            ["\u{201C}know well the CSTO, except for Russia, unfortunately,\u{201D}"]
        );
    }

    #[test]
    fn typewriter_quotes_match_straight_and_curly_ones() {
        // Wire copy (the Penn Treebank and TimeBank corpora) writes ``this'' for "this".
        let wire = "Churchill spoke of an ``Iron Curtain'' in 1946.";
        assert_eq!(found(wire, "\"Iron Curtain\""), ["``Iron Curtain''"]);
        assert_eq!(
            found(wire, "\u{201C}Iron Curtain\u{201D} in 1946"),
            ["``Iron Curtain'' in 1946"]
        );
        // The converse: a curator typing the wire's form finds the straight or curly one.
        for article in [
            "Churchill spoke of an \"Iron Curtain\" in 1946.",
            "Churchill spoke of an \u{201C}Iron Curtain\u{201D} in 1946.",
            "Churchill spoke of an \u{AB}Iron Curtain\u{BB} in 1946.",
        ] {
            let at = article.find(" in").unwrap();
            assert_eq!(
                found(article, "an ``Iron Curtain''"),
                [&article[article.find("an").unwrap()..at]]
            );
        }
        // A single backtick opens a single quote.
        assert_eq!(
            found("He met his `friend' there.", "his \u{2018}friend\u{2019}"),
            ["his `friend'"]
        );
    }

    #[test]
    fn apostrophes_and_pairs_swallow_nothing() {
        for text in ["rock 'n' roll", "the 1990s' end", "NATO's ``plan''"] {
            let article = format!("He liked {text}, they said.");
            assert_eq!(found(&article, text), [text]);
        }
        assert_eq!(
            found("He liked rock \u{2019}n\u{2019} roll.", "rock 'n' roll"),
            ["rock \u{2019}n\u{2019} roll"]
        );
        // A part next to a pair ends where the pair starts, or takes all of it.
        let article = "He said ''no'' twice.";
        assert_eq!(found(article, "no"), ["no"]);
        assert_eq!(found(article, "said \"no"), ["said ''no"]);
        assert_eq!(found(article, "''no'' twice"), ["''no'' twice"]);
        assert_eq!(found(article, "\"no\""), ["''no''"]);
        // Half a pair is not a quote mark of its own.
        not_found(article, "said 'no");
    }

    #[test]
    fn closest_passage_points_at_the_typewriter_quotes() {
        let article = "Earlier news.\n\nMinisters called the deal ``a bridge too far'' on \
                       Monday.\n\nLater news.";
        let closest = not_found(article, "\"a bridge too near\" on Monday.").unwrap();
        let start = article.find("``").unwrap();
        assert_eq!(closest.range.start, start);
        assert_eq!(&article[closest.range], "``a bridge too far'' on Monday.");
        assert_eq!(closest.quote_words, ["near\""]);
        assert_eq!(closest.passage_words, ["far\""]);
    }

    #[test]
    fn found_across_a_line_break_and_dashes() {
        let article = "The minister said the talks were\r\nproductive \u{2014} and long.";
        assert_eq!(
            found(article, "  the talks were productive -- and long. "),
            ["the talks were\r\nproductive \u{2014} and long."]
        );
    }

    #[test]
    fn elision_in_order_within_one_paragraph() {
        let article = "First paragraph about NATO.\n\nThe ministers met in Bishkek on \
                       19 November and pledged closer cooperation with the alliance.\n\nEnd.";
        assert_eq!(
            found(
                article,
                "The ministers met \u{2026} and pledged ... with the alliance"
            ),
            ["The ministers met", "and pledged", "with the alliance"]
        );
        assert_eq!(
            found(article, "... met in Bishkek [...] cooperation ..."),
            ["met in Bishkek", "cooperation"]
        );
    }

    #[test]
    fn elisions_as_written() {
        let marks = |quote: &str| -> Vec<String> {
            elisions(quote)
                .into_iter()
                .map(|r| quote[r].to_string())
                .collect()
        };
        assert_eq!(
            marks("The ministers met \u{2026} and pledged ... with the alliance"),
            ["\u{2026}", "..."]
        );
        assert_eq!(marks("a [...] b (...) c....d"), ["[...]", "(...)", "...."]);
        // Only between parts: not at either end; marks with nothing between are one.
        assert_eq!(marks("... a ... \u{2026} b ..."), ["... \u{2026}"]);
        assert_eq!(marks("a\u{A0}...\u{A0}\u{201C}b\u{201D}"), ["..."]);
        assert!(marks("no elision").is_empty());
        assert!(marks("... a ...").is_empty());
        // One fewer than the parts that `find` places.
        let article = "The ministers met in Bishkek and pledged closer cooperation.";
        let quote = "The ministers \u{2026} in Bishkek ... closer cooperation.";
        assert_eq!(found(article, quote).len(), elisions(quote).len() + 1);
    }

    #[test]
    fn elision_in_a_real_article() {
        assert_eq!(
            found(
                RFERL,
                "At a meeting in the Kyrgyz capital \u{2026} pledged to develop further cooperation"
            ),
            ["At a meeting in the Kyrgyz capital", "pledged to develop further cooperation"]
        );
        // Both parts are in the article, but in different paragraphs: the closest is the
        // paragraph with the longer part, and the other part is what differs.
        let closest = not_found(RFERL, "NATO officials say ... That grouping comprises").unwrap();
        assert_eq!(&RFERL[closest.range.clone()], "That grouping comprises");
        assert_eq!(closest.quote_words, ["NATO", "officials", "say"]);
        assert!((closest.similarity - 23.0 / 41.0).abs() < 1e-9);
    }

    #[test]
    fn line_index_is_built_once_and_agrees() {
        let h = Haystack::new(VESTNIK);
        assert!(h.lines.get().is_none(), "no finding, no line index");
        let fresh = LineIndex::new(VESTNIK);
        for offset in (0..=VESTNIK.len()).step_by(97) {
            assert_eq!(h.line_col(VESTNIK, offset), fresh.line_col(VESTNIK, offset));
        }
        assert!(h.lines.get().is_some());
    }

    #[test]
    fn haystack_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Haystack>();
    }

    #[test]
    fn elision_tries_every_paragraph() {
        // The first "the ministers" is in a paragraph without the second part.
        let article = "Then the ministers left.\n\nLater the ministers met and agreed.";
        let h = Haystack::new(article);
        match find(&h, "the ministers ... agreed") {
            QuoteMatch::Found(ranges) => {
                assert_eq!(ranges[0].start, article.rfind("the ministers").unwrap());
                assert_eq!(&article[ranges[1].clone()], "agreed");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn elision_across_paragraphs_is_not_found() {
        let article = "The ministers met in Bishkek.\n\nThey pledged closer cooperation.";
        let closest = not_found(article, "The ministers met ... They pledged").unwrap();
        assert_eq!(&article[closest.range], "The ministers met");
        assert_eq!(closest.quote_words, ["They", "pledged"]);
        assert!(closest.similarity < 0.7, "{}", closest.similarity);
        // Without the elision the same words, read across the break, are found.
        assert_eq!(
            found(article, "met in Bishkek. They pledged"),
            ["met in Bishkek.\n\nThey pledged"]
        );
    }

    #[test]
    fn elision_without_blank_lines_stays_within_a_line() {
        let article = "One line about the ministers.\nAnother line about cooperation.";
        not_found(article, "about the ministers ... about cooperation");
        found(article, "One line ... ministers.");
    }

    #[test]
    fn elision_out_of_order_is_not_found() {
        let article = "The ministers met in Bishkek and pledged closer cooperation.";
        let closest =
            not_found(article, "pledged closer cooperation ... The ministers met").unwrap();
        assert_eq!(&article[closest.range], "pledged closer cooperation");
        assert_eq!(closest.quote_words, ["The", "ministers", "met"]);
    }

    #[test]
    fn case_only() {
        let h = Haystack::new(RFERL);
        let quote = "nato officials say they plan no specific response";
        match find(&h, quote) {
            QuoteMatch::CaseOnly(ranges) => {
                assert_eq!(ranges.len(), 1);
                assert_eq!(
                    &RFERL[ranges[0].clone()],
                    "NATO officials say they plan no specific response"
                );
            }
            other => panic!("{other:?}"),
        }
        // Case-only with an elision, and with non-ASCII letters.
        let article = "Ünal Said: Große Pläne ... und mehr.";
        match find(&Haystack::new(article), "ünal said: große ... MEHR") {
            QuoteMatch::CaseOnly(ranges) => assert_eq!(
                ranges
                    .iter()
                    .map(|r| &article[r.clone()])
                    .collect::<Vec<_>>(),
                ["Ünal Said: Große", "mehr"]
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn one_word_changed_in_a_real_sentence() {
        let sentence = "At a meeting in the Kyrgyz capital, Bishkek, on 19 November, foreign \
                        ministers from the six nations pledged to develop further cooperation \
                        with the Western alliance.";
        let closest = not_found(RFERL, &sentence.replace("further", "closer")).unwrap();
        assert_eq!(&RFERL[closest.range.clone()], sentence);
        assert_eq!(closest.quote_words, ["closer"]);
        assert_eq!(closest.passage_words, ["further"]);
        // "closer" becomes "further" in five edits.
        let longest = sentence.len() as f64;
        assert!(
            (closest.similarity - (1.0 - 5.0 / longest)).abs() < 1e-9,
            "{closest:?}"
        );
    }

    #[test]
    fn one_word_typo_gives_the_closest_passage() {
        let quote = "foreign ministers from the six nations pledged to develop closer \
                     cooperation with the Western alliance";
        let closest = not_found(RFERL, quote).expect("a closest passage");
        assert_eq!(
            &RFERL[closest.range.clone()],
            "foreign ministers from the six nations pledged to develop further cooperation \
             with the Western alliance."
        );
        assert!(closest.similarity > 0.8, "{}", closest.similarity);
        assert_eq!(closest.quote_words, ["closer", "alliance"]);
        assert_eq!(closest.passage_words, ["further", "alliance."]);
    }

    #[test]
    fn missing_word_and_typo_at_the_edges() {
        // SPEC's own example: the quote lacks "the".
        let closest =
            not_found(RFERL, "on 19 November, foreign ministers from six nations").unwrap();
        assert_eq!(
            &RFERL[closest.range.clone()],
            "on 19 November, foreign ministers from the six nations"
        );
        assert_eq!(closest.quote_words, Vec::<String>::new());
        assert_eq!(closest.passage_words, ["the"]);
        // Four characters ("the ") out of the passage's 54.
        assert_eq!(closest.range.len(), 54);
        assert!(
            (closest.similarity - (1.0 - 4.0 / 54.0)).abs() < 1e-9,
            "{closest:?}"
        );
        // A typo in the first word keeps it in the passage.
        let closest = not_found(RFERL, "Allience officials in Brussels, when asked").unwrap();
        assert_eq!(
            &RFERL[closest.range],
            "Alliance officials in Brussels, when asked"
        );
        assert_eq!(closest.quote_words, ["Allience"]);
        assert_eq!(closest.passage_words, ["Alliance"]);
    }

    #[test]
    fn elided_quote_with_a_typo_in_one_part() {
        let closest = not_found(
            RFERL,
            "NATO officials say ... from the Collective Security Treaty Organisation",
        )
        .unwrap();
        assert!(RFERL[closest.range.clone()].ends_with("Collective Security Treaty Organization"));
        assert_eq!(closest.quote_words, ["Organisation"]);
        assert_eq!(closest.passage_words, ["Organization"]);
    }

    #[test]
    fn short_quote_with_no_shared_word() {
        let closest = not_found(RFERL, "Bishkel").unwrap();
        assert_eq!(&RFERL[closest.range], "Bishkek,");
        assert_eq!(closest.quote_words, ["Bishkel"]);
        assert_eq!(closest.passage_words, ["Bishkek,"]);
        let closest = not_found(RFERL, "Kyrgiz kapital").unwrap();
        assert_eq!(&RFERL[closest.range], "Kyrgyz capital,");
        assert!(closest.similarity > 0.7, "{}", closest.similarity);
    }

    #[test]
    fn garbage_is_not_close_to_anything() {
        assert_eq!(not_found(RFERL, "zqxj vvkr plim wombat quux"), None);
        if let Some(c) = not_found(RFERL, "my cat likes to sleep on warm laundry all day") {
            assert!(c.similarity < 0.6, "{c:?}");
        }
        assert_eq!(not_found("", "anything"), None);
    }

    #[test]
    fn a_huge_quote_stays_bounded() {
        // At the word limit the quote still gets a full word alignment...
        let article = "word ".repeat(3000);
        let quote = format!("{}typo", "word ".repeat(MAX_QUOTE_WORDS - 1));
        let closest = not_found(&article, &quote).unwrap();
        assert_eq!(closest.quote_words, ["typo"]);
        assert!(closest.similarity > 0.99);
        // ...and past it the quote is refused, even where it stands in the article.
        let quote = format!("{}word", "word ".repeat(2500));
        assert_eq!(
            find(&Haystack::new(&article), &quote),
            QuoteMatch::NotFound(Miss::Refused(Refusal::TooManyWords(2501)))
        );
    }

    #[track_caller]
    fn refused(original: &str, quote: &str) -> Refusal {
        match find(&Haystack::new(original), quote) {
            QuoteMatch::NotFound(Miss::Refused(why)) => why,
            other => panic!("{quote:?}: expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_quote_of_elisions_only_has_no_words() {
        for quote in [
            "...",
            "\u{2026}",
            " [...] \u{2026} (...) ",
            "....",
            "   ",
            "",
        ] {
            assert_eq!(refused(RFERL, quote), Refusal::NoWords, "{quote:?}");
        }
        // Punctuation is something to look for, and an elision beside words is one.
        found(RFERL, "... Bishkek, ...");
        assert_eq!(not_found(RFERL, "... \u{A7} ..."), None);
    }

    #[test]
    fn a_million_elisions_are_refused_unsearched() {
        // The old search collected every occurrence of every part: for this 1.8 MB quote
        // some 100 million offsets. At a million elisions it took 20 s and 3 GB.
        let quote = format!("{}a", "a ... ".repeat(300_000));
        assert_eq!(refused(RFERL, &quote), Refusal::TooManyParts(300_001));
    }

    #[test]
    fn up_to_64_parts_are_compared() {
        // Sixty-four words of one paragraph, each its own part, are found in order...
        let sentence = "At a meeting in the Kyrgyz capital, Bishkek, on 19 November, foreign \
                        ministers from the six nations pledged to develop further cooperation \
                        with the Western alliance.";
        let words: Vec<&str> = sentence.split(' ').collect();
        let paragraph = [sentence; 3].join(" ");
        let article = format!("{}\n\n{paragraph}\n\nEnd.", "Preamble.\n\n".repeat(100));
        let quote = |n: usize| {
            words
                .iter()
                .cycle()
                .take(n)
                .copied()
                .collect::<Vec<_>>()
                .join(" ... ")
        };
        let ranges = found(&article, &quote(MAX_PARTS));
        assert_eq!(ranges.len(), MAX_PARTS);
        assert_eq!(ranges[..words.len()], words[..]);
        // ...with one more part the quote is refused, though every part is there.
        assert_eq!(
            refused(&article, &quote(MAX_PARTS + 1)),
            Refusal::TooManyParts(MAX_PARTS + 1)
        );
        // Out of order, within the limit, the 64 parts are not found.
        let mut reversed: Vec<&str> = words.iter().cycle().take(MAX_PARTS).copied().collect();
        reversed.reverse();
        not_found(&article, &reversed.join(" ... "));
    }

    /// 300 kB of short paragraphs, all alike, and a quote whose parts all occur in every
    /// paragraph but never all in one.
    fn short_paragraphs() -> String {
        let mut article = String::from("Leaders met in Bishkek on 19 November.\n\n");
        for day in 0..10_000 {
            article.push_str(&format!("Alpha met Beta on day {day}.\n\n"));
        }
        article
    }

    #[test]
    fn many_short_paragraphs_and_many_parts() {
        // The old closest-paragraph search collected every occurrence of every part and
        // searched every such paragraph for every part: 6.5 s and 780 MB for one quote of a
        // thousand parts in 300 kB of tiny paragraphs.
        let article = short_paragraphs();
        let parts = |n: usize| {
            ["Alpha", "met", "Beta", "day", "Bishkek"]
                .iter()
                .cycle()
                .take(n)
                .copied()
                .collect::<Vec<_>>()
                .join(" ... ")
        };
        assert_eq!(refused(&article, &parts(1000)), Refusal::TooManyParts(1000));
        // Within the limit it is searched: every part occurs, never all in one paragraph,
        // and no paragraph holds enough of them to be shown.
        assert_eq!(not_found(&article, &parts(MAX_PARTS)), None);
        // A quote that does stand in one of the ten thousand paragraphs is found there...
        let ranges = found(&article, "Alpha ... Beta ... day 9999");
        assert_eq!(ranges, ["Alpha", "Beta", "day 9999"]);
        let h = Haystack::new(&article);
        let QuoteMatch::Found(at) = find(&h, "Alpha ... Beta ... day 9999") else {
            unreachable!()
        };
        assert_eq!(
            at[0].start,
            article.rfind("Alpha met Beta on day 9999").unwrap()
        );
        // ...while one that spans two of them is not, and its closest paragraph is the one
        // holding the most of it.
        let closest = not_found(
            &article,
            "Alpha met Beta ... day 7. ... Alpha met Beta on day 8",
        )
        .expect("a closest paragraph");
        assert_eq!(&article[closest.range], "Alpha met Beta on day 7.");
        assert_eq!(
            closest.quote_words,
            ["Alpha", "met", "Beta", "on", "day", "8"]
        );
    }

    #[test]
    fn case_only_across_the_lowercase_windows() {
        // One part straddling the first 64 KiB window, and one after it.
        let filler = "x ".repeat(LOWER_WINDOW / 2 - 4);
        let article = format!("{filler}NATO Officials Say more. NATO OFFICIALS SAY\n\nEnd.");
        let h = Haystack::new(&article);
        let at = article.find("NATO Officials").unwrap();
        assert!(at < LOWER_WINDOW && at + 18 > LOWER_WINDOW);
        assert_eq!(
            find(&h, "nato officials say"),
            QuoteMatch::CaseOnly(std::iter::once(at..at + 18).collect())
        );
        let at = article.find("NATO OFFICIALS").unwrap();
        assert_eq!(
            find(&h, "nato officials say\n\nend."),
            QuoteMatch::CaseOnly(std::iter::once(at..article.len()).collect())
        );
        // Several parts: in a paragraph after a window of whole paragraphs.
        let article = format!(
            "{}\n\nNATO officials say they plan nothing.",
            "y ".repeat(40_000)
        );
        let h = Haystack::new(&article);
        let QuoteMatch::CaseOnly(ranges) = find(&h, "nato officials ... plan nothing.") else {
            panic!("not case-only")
        };
        assert_eq!(&article[ranges[0].clone()], "NATO officials");
        // And what differs by more than case is still not found.
        assert!(matches!(
            find(&h, "nato officials ... plan everything."),
            QuoteMatch::NotFound(Miss::Searched(_))
        ));
    }

    /// A large article of generated sentences (a fixed-seed generator, no clock) and some
    /// of its sentences, each with a word changed.
    fn large_article(bytes: usize) -> (String, Vec<String>) {
        const WORDS: &[&str] = &[
            "officials",
            "ministers",
            "security",
            "cooperation",
            "alliance",
            "treaty",
            "border",
            "council",
            "agreement",
            "talks",
            "capital",
            "region",
            "defense",
            "partners",
            "summit",
            "envoy",
            "pledged",
            "discussed",
            "signed",
            "rejected",
            "welcomed",
            "closer",
            "regional",
            "military",
            "joint",
            "new",
            "the",
            "a",
            "of",
            "and",
            "with",
            "for",
            "on",
            "in",
            "to",
            "by",
            "that",
        ];
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize % n
        };
        let mut article = String::with_capacity(bytes + 200);
        let mut sentences = Vec::new();
        while article.len() < bytes {
            for _ in 0..4 {
                let len = 8 + next(12);
                let mut sentence: Vec<&str> = (0..len).map(|_| WORDS[next(WORDS.len())]).collect();
                sentence[0] = "Then";
                let sentence = sentence.join(" ") + ".";
                if next(400) == 0 {
                    sentences.push(sentence.clone());
                }
                article.push_str(&sentence);
                article.push(' ');
            }
            article.push_str("\n\n");
        }
        article.push_str("At last the ministers met in Bishkek, on 19 November.\n");
        (article, sentences)
    }

    #[test]
    fn many_misses_in_a_large_article() {
        // 1.1 MB and eight misses: each miss used to lowercase the whole article and index
        // and hash all its words again, and the check built a line index of it per finding.
        let (article, sentences) = large_article(1_100_000);
        let h = Haystack::new(&article);
        let lines = LineIndex::new(&article);
        let step = sentences.len() / 8;
        for sentence in sentences.iter().skip(1).step_by(step).take(8) {
            let changed = sentence.split(' ').nth(3).unwrap();
            let quote = sentence.replacen(&format!(" {changed} "), " zebra ", 1);
            let closest = match find(&h, &quote) {
                QuoteMatch::NotFound(Miss::Searched(Some(closest))) => closest,
                other => panic!("{quote:?}: {other:?}"),
            };
            // Sentences may repeat in generated text, so the passage may be another copy.
            assert_eq!(fold(&article[closest.range.clone()]), *sentence);
            assert_eq!(closest.quote_words, ["zebra"]);
            assert_eq!(closest.passage_words, [changed]);
            // The haystack's line index, built once, agrees with a fresh one.
            let at = closest.range.start;
            assert_eq!(h.line_col(&article, at), lines.line_col(&article, at));
            // And the sentence itself is found, exactly.
            assert!(matches!(find(&h, sentence), QuoteMatch::Found(_)));
        }
        // The word keys were kept after the first miss, and are those a fresh pass gives.
        let kept = h.words.get().expect("kept after the first miss");
        assert_eq!(kept.keys, WordKeys::new(&h.folded.text).keys);
        // A short quote sharing no word with the article is compared by characters.
        let closest = match find(&h, "Bishkel") {
            QuoteMatch::NotFound(Miss::Searched(Some(closest))) => closest,
            other => panic!("{other:?}"),
        };
        assert_eq!(&article[closest.range], "Bishkek,");
        // A small article keeps its keys too, for as long as it is in hand.
        let small = Haystack::new(RFERL);
        let _ = find(&small, "NATO officials say they plan a specific response");
        assert!(small.words.get().is_some());
    }

    #[test]
    fn word_keys_agree_with_word_key() {
        let text =
            fold("Bishkek, bishkek \u{201C}CSTO\u{201D} -- \u{C9}t\u{E9} \u{416}\u{430}  ... 19 ,");
        let mut fused = Vec::new();
        each_word_key(&text, |start, key| fused.push((start, key)));
        let plain: Vec<(usize, u64)> = words_from(&text, 0)
            .map(|r| (r.start, word_key(&text[r])))
            .collect();
        assert_eq!(fused, plain);
        assert_eq!(fused[0].1, fused[1].1, "case and punctuation do not count");
        assert_ne!(
            fused[4].1, fused[5].1,
            "punctuation-only words keep their punctuation"
        );
    }

    #[test]
    fn key_table_finds_each_distinct_key() {
        // Enough keys to force evictions and, now and then, a larger table.
        let keys: Vec<u32> = (0..1000u32)
            .map(|k| k.wrapping_mul(2_654_435_761) % 5000)
            .collect();
        let table = KeyTable::new(&keys);
        let mut distinct = keys.clone();
        distinct.sort_unstable();
        distinct.dedup();
        for (index, &key) in distinct.iter().enumerate() {
            assert_eq!(table.get(key), index as u32);
            let count = keys.iter().filter(|&&k| k == key).count();
            assert_eq!(table.need[index] as usize, count);
        }
        for key in (0..20_000u32).filter(|k| distinct.binary_search(k).is_err()) {
            assert_eq!(table.get(key), table.none());
        }
        assert_eq!(table.need[table.none() as usize], 0);
    }

    /// Texts from pieces that folding treats specially; an ASCII space separates words.
    fn tricky_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        const PIECES: &[&str] = &[
            "a",
            "B",
            "\u{E9}",
            "e\u{301}",
            " ",
            " ",
            "\n",
            "\r\n",
            "\n\n",
            "\u{A0}",
            "\u{2014}",
            "-",
            "--",
            "\u{2019}",
            "\u{201C}",
            "'",
            "''",
            "`",
            "``",
            "\u{AB}",
            "\u{FB01}",
            "\u{1F600}",
            "\u{AD}",
            ",",
            "\u{130}",
            "\u{416}",
        ];
        proptest::collection::vec(proptest::sample::select(PIECES), 0..40)
            .prop_map(|pieces| pieces.concat())
    }

    #[test]
    fn a_match_inside_a_run_of_quote_marks_shows_the_whole_run() {
        // Three marks fold as one unit, `'"`; a quote of one mark matches inside it.
        let text = "''\u{2019}  \u{2019} ";
        match find(&Haystack::new(text), " \u{2019}") {
            QuoteMatch::Found(ranges) => assert_eq!(&text[ranges[0].clone()], "''\u{2019}"),
            other => panic!("{other:?}"),
        }
    }

    proptest::proptest! {
        /// Any run of whole words of an article, as written there, is found, and maps back
        /// to text that folds like it, or (where the match starts or ends inside a unit
        /// folded as a whole, such as a run of quote marks) to the whole unit, whose folding
        /// holds it.
        #[test]
        fn any_stretch_of_words_is_found(text in tricky_text(), a in 0usize..50, b in 0usize..50) {
            let spaces: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices(' ').map(|(i, _)| i + 1))
                .collect();
            let from = spaces[a % spaces.len()];
            let to = spaces[b % spaces.len()].saturating_sub(1).max(from);
            let quote = &text[from..to];
            if elision_parts(&fold(quote)).next().is_none() {
                return Ok(());
            }
            match find(&Haystack::new(&text), quote) {
                QuoteMatch::Found(ranges) => {
                    proptest::prop_assert_eq!(ranges.len(), 1);
                    let shown = fold(&text[ranges[0].clone()]);
                    proptest::prop_assert!(shown.contains(&fold(quote)), "{:?} shows {:?}", quote, shown);
                }
                other => proptest::prop_assert!(false, "{:?} in {:?}: {:?}", quote, text, other),
            }
        }

        /// The bit-parallel distance is Levenshtein's.
        #[test]
        fn bit_parallel_distance_is_levenshtein(a in "[abc\u{E9}\u{416} ]{1,64}", b in "[abc\u{E9}\u{416} ]{0,80}") {
            let pattern = Pattern::new(&a).unwrap();
            let mut budget = usize::MAX;
            proptest::prop_assert_eq!(pattern.distance(&b), edit_distance(&a, &b, &mut budget).max(usize::from(b.is_empty()) * a.chars().count()));
        }

        /// Folding is idempotent, and every folded range maps to a valid original range.
        #[test]
        fn fold_is_stable_and_maps_inside(text in tricky_text(), a in 0usize..200, b in 0usize..200) {
            let folded = Folded::new(&text);
            proptest::prop_assert_eq!(fold(&folded.text), folded.text.clone());
            let (a, b) = (a.min(b), a.max(b));
            let (a, b) = (a.min(folded.text.len()), b.min(folded.text.len()));
            let r = folded.original_range(a..b);
            proptest::prop_assert!(r.start <= r.end && r.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            // A quote from the article with a word changed is still never a panic.
            let _ = find(&Haystack::new(&text), &format!("{} x", folded.text.get(..a).unwrap_or("")));
        }
    }

    /// The parts between elisions, as a list.
    fn split_elisions(quote: &str) -> Vec<&str> {
        elision_parts(quote).collect()
    }

    #[test]
    fn split_elisions_cases() {
        assert_eq!(split_elisions("a ... b...c"), ["a", "b", "c"]);
        assert_eq!(split_elisions("... a ...."), ["a"]);
        assert_eq!(split_elisions("a (...) b [...] c"), ["a", "b", "c"]);
        assert_eq!(split_elisions("a [..."), ["a ["]);
        assert_eq!(split_elisions("no elision"), ["no elision"]);
        assert!(split_elisions("... ...").is_empty());
    }

    #[test]
    fn lowercase_keeps_offsets() {
        for s in [
            "ABC",
            "Ünal ÉTÉ",
            "\u{130}stanbul",
            "\u{1E9E}",
            "Ⱥ",
            "ΣΟΦΙΑ",
        ] {
            assert_eq!(lowercase(s).len(), s.len(), "{s}");
        }
        assert_eq!(lowercase("Ünal ÉTÉ"), "ünal été");
    }
}
