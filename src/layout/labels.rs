//! Label placement and text wrapping.
//!
//! Each event is a *block*: its label (and its bar, if it has one) in a box whose left edge
//! is the event's stem. Blocks rise above the axis; a stem runs from the axis (or from a dot
//! piled on it) up to its block. [`stack`] decides how high each block sits so that no two
//! blocks overlap and no stem crosses another block, in O(n log n); [`stack_above`] does
//! the same over a floor of each block's own, and [`RangeMax`] finds that floor (the highest
//! pile of dots under a block). [`lanes`] packs boxes into rows, for dense data and for
//! piling dots. Text is measured only with `font.rs`.

use crate::font::Fonts;
use std::collections::HashMap;

/// What [`stack`] needs to know of an event's block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Block {
    /// Where the stem stands.
    pub stem_x: f64,
    /// The box's right edge (label or bar, whichever reaches further).
    pub right: f64,
    /// The box's height.
    pub height: f64,
}

/// The height above the axis of each block's bottom, in the order of `blocks`.
///
/// Every block's box spans `[stem_x - margin, right]`. Blocks are taken from right to left;
/// a block sits `gap` above the highest top among the blocks already placed whose stem lies
/// under it (within its box widened by `gap` and `margin`), and at least `floor` above the
/// axis. So a block never covers a stem that rises higher (that block lies below it), and
/// two boxes that share any x are stacked apart. Blocks placed later stand left of the
/// current one, so their own stems never pass under its label.
///
/// The "highest top among stems under my box" query runs on a stack that keeps, from the
/// right, only the blocks not dominated by a block further left and at least as high: any
/// later query that reaches a dominated block also reaches the block that dominates it.
pub fn stack(blocks: &[Block], margin: f64, gap: f64, floor: f64) -> Vec<f64> {
    stack_above(blocks, &vec![floor; blocks.len()], margin, gap)
}

/// [`stack`] with a floor of its own for each block (`floors[i]` for `blocks[i]`), such as
/// room for marks piled up under it. Raising a block never lets it overlap a block placed
/// before it, so the guarantees of [`stack`] hold.
pub fn stack_above(blocks: &[Block], floors: &[f64], margin: f64, gap: f64) -> Vec<f64> {
    debug_assert_eq!(blocks.len(), floors.len());
    let mut order: Vec<usize> = (0..blocks.len()).collect();
    // Right to left; among equal stems the later index first, so the earlier one ends up
    // on top: deterministic whatever the sort does with ties.
    order.sort_by(|&a, &b| {
        blocks[b]
            .stem_x
            .total_cmp(&blocks[a].stem_x)
            .then(b.cmp(&a))
    });
    let mut bottoms = floors.to_vec();
    // (stem_x, top): stem_x decreasing and top strictly decreasing along the vector.
    let mut frontier: Vec<(f64, f64)> = Vec::new();
    for i in order {
        let b = &blocks[i];
        let reach = b.right + gap + margin;
        // The first entry whose stem lies under the box: it has the highest top of those.
        let k = frontier.partition_point(|&(x, _)| x >= reach);
        let floor = floors[i];
        let bottom = match frontier.get(k) {
            Some(&(_, top)) => (top + gap).max(floor),
            None => floor,
        };
        bottoms[i] = bottom;
        let top = bottom + b.height;
        while frontier.last().is_some_and(|&(_, t)| t <= top) {
            frontier.pop();
        }
        frontier.push((b.stem_x, top));
    }
    bottoms
}

/// Row of each box `[left, right]` when boxes are packed into rows, lowest row first, with
/// at least `gap` between neighbours in a row. Taken left to right, first fit uses exactly
/// as many rows as boxes pile up over the worst x, which no packing can beat. A segment tree
/// over the rows' right ends finds the lowest free row in O(log n).
pub fn lanes(boxes: &[(f64, f64)], gap: f64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by(|&a, &b| boxes[a].0.total_cmp(&boxes[b].0).then(a.cmp(&b)));
    let size = boxes.len().max(1).next_power_of_two();
    // tree[1] is the root; leaves at size..2*size hold each row's right end (-inf: empty).
    let mut tree = vec![f64::NEG_INFINITY; 2 * size];
    let mut rows = vec![0; boxes.len()];
    for i in order {
        let (left, right) = boxes[i];
        // Descend to the leftmost leaf whose end leaves room; one always exists, since there
        // are as many rows as boxes.
        let mut node = 1;
        while node < size {
            node = if tree[2 * node] + gap <= left {
                2 * node
            } else {
                2 * node + 1
            };
        }
        let row = node - size;
        rows[i] = row;
        tree[node] = right;
        while node > 1 {
            node /= 2;
            tree[node] = tree[2 * node].min(tree[2 * node + 1]);
        }
    }
    rows
}

/// The largest of some values over any range of their indices, each query in O(1) after
/// O(n log n) set-up (a sparse table).
pub struct RangeMax {
    /// `table[k][i]` is the largest of the `2^k` values from `i`.
    table: Vec<Vec<u32>>,
}

impl RangeMax {
    pub fn new(values: &[u32]) -> Self {
        let mut table = vec![values.to_vec()];
        let mut span = 1;
        while 2 * span <= values.len() {
            let prev = &table[table.len() - 1];
            let next = (0..=values.len() - 2 * span)
                .map(|i| prev[i].max(prev[i + span]))
                .collect();
            table.push(next);
            span *= 2;
        }
        Self { table }
    }

    /// The largest value in `range`, or `None` for an empty range.
    pub fn get(&self, range: std::ops::Range<usize>) -> Option<u32> {
        if range.start >= range.end {
            return None;
        }
        let len = range.end - range.start;
        let k = (usize::BITS - 1 - len.leading_zeros()) as usize;
        let row = &self.table[k];
        Some(row[range.start].max(row[range.end - (1 << k)]))
    }
}

/// Characters that attach to the one before and must not start a line.
fn is_attached(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C | 0x200D | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

/// `text` with control characters dropped and every run of white space made one space,
/// trimmed: what a renderer can draw and what is measured are then the same string. A text
/// with right-to-left characters or bidi controls comes back as one balanced isolate
/// ([`crate::font::isolate`]), so that what layout writes after it (citation marks, a
/// date) keeps its place and direction.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if !c.is_control() {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    match crate::font::isolate(&out) {
        std::borrow::Cow::Borrowed(_) => out,
        std::borrow::Cow::Owned(isolated) => isolated,
    }
}

/// Greedy word wrap of cleaned `text` into lines about `max_width` wide at `size`; a word
/// wider than a line is cut between characters (never before a combining mark). Each word
/// is measured once; callers measure each finished line again for its true box. Empty text
/// gives no line.
pub fn wrap(fonts: &Fonts, text: &str, size: f64, bold: bool, max_width: f64) -> Vec<String> {
    if fonts.text_width(text, size, bold) <= max_width {
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![text.to_string()]
        };
    }
    let mut buf = [0u8; 4];
    let lines = wrap_words(
        text,
        max_width,
        &mut |w| fonts.text_width(w, size, bold),
        &mut |c| fonts.text_width(c.encode_utf8(&mut buf), size, bold),
    );
    fit_measured(lines, &mut |l| fonts.text_width(l, size, bold), max_width)
        .into_iter()
        .map(|(l, _)| l)
        .collect()
}

/// Advance widths of single characters at one size, each measured once: summed, they
/// estimate a word's width (kerning aside, which only tightens a line) cheaply enough
/// to wrap a hundred thousand labels. Only wrapping decisions use the estimate; every
/// finished line is measured whole.
pub struct Advances {
    fonts: Fonts,
    size: f64,
    bold: bool,
    /// Advances of ASCII characters (NaN until measured), then of any other.
    ascii: [f64; 128],
    map: HashMap<char, f64>,
}

impl Advances {
    pub fn new(fonts: &Fonts, size: f64, bold: bool) -> Self {
        Self {
            fonts: fonts.clone(),
            size,
            bold,
            ascii: [f64::NAN; 128],
            map: HashMap::new(),
        }
    }

    fn char(&mut self, c: char) -> f64 {
        let (size, bold) = (self.size, self.bold);
        let fonts = &self.fonts;
        if c.is_ascii() {
            let slot = &mut self.ascii[c as usize];
            if slot.is_nan() {
                let mut buf = [0u8; 4];
                *slot = fonts.text_width(c.encode_utf8(&mut buf), size, bold);
            }
            return *slot;
        }
        *self.map.entry(c).or_insert_with(|| {
            let mut buf = [0u8; 4];
            fonts.text_width(c.encode_utf8(&mut buf), size, bold)
        })
    }

    fn estimate(&mut self, text: &str) -> f64 {
        text.chars().map(|c| self.char(c)).sum()
    }
}

/// [`wrap_measured`] without shaping, for planning many labels of which few are drawn: the
/// lines of `text` wrapped on the sum of its characters' advances, 3% narrower than
/// `max_width` so that the shaped line (kerning aside, the same glyphs) still fits, each
/// with that estimate as its width. `None` when `text` holds anything but letters of the
/// primary face's simple scripts (Latin, Greek, Cyrillic, ASCII punctuation), whose width
/// shaping could change; measure those with [`wrap_measured`].
pub fn wrap_estimated(
    text: &str,
    advances: &mut Advances,
    max_width: f64,
) -> Option<Vec<(String, f64)>> {
    let simple = |c: char| {
        matches!(c, ' '..='~' | '\u{a0}'..='\u{24f}' | '\u{370}'..='\u{3ff}'
            | '\u{400}'..='\u{4ff}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}')
    };
    if !text.chars().all(simple) {
        return None;
    }
    let narrower = max_width / 1.03;
    let cell = std::cell::RefCell::new(&mut *advances);
    let lines = wrap_words(
        text,
        narrower,
        &mut |w| cell.borrow_mut().estimate(w),
        &mut |c| cell.borrow_mut().char(c),
    );
    Some(
        lines
            .into_iter()
            .map(|l| {
                let w = advances.estimate(&l);
                (l, w)
            })
            .collect(),
    )
}

/// [`wrap`] at the size of `advances`, each line with its measured width. Measuring is most
/// of the cost of a large layout: a text that fits is measured once, whole; one that does
/// not is wrapped on estimates and then each line is measured once.
pub fn wrap_measured(text: &str, advances: &mut Advances, max_width: f64) -> Vec<(String, f64)> {
    let (size, bold) = (advances.size, advances.bold);
    let fonts = advances.fonts.clone();
    if advances.estimate(text) <= max_width {
        let whole = fonts.text_width(text, size, bold);
        if whole <= max_width {
            return if text.is_empty() {
                Vec::new()
            } else {
                vec![(text.to_string(), whole)]
            };
        }
    }
    let cell = std::cell::RefCell::new(advances);
    let lines = wrap_words(
        text,
        max_width,
        &mut |w| cell.borrow_mut().estimate(w),
        &mut |c| cell.borrow_mut().char(c),
    );
    fit_measured(lines, &mut |l| fonts.text_width(l, size, bold), max_width)
}

/// Each line measured whole, and a line wider than `max_width` made to fit by moving its
/// last words to the next line. The estimate of a line (the sum of its characters) can fall
/// short of the line: a line that needs a fallback face for one character is drawn in that
/// face throughout, if it has every character (resvg's rule, which measuring follows).
fn fit_measured(
    lines: Vec<String>,
    measure: &mut dyn FnMut(&str) -> f64,
    max_width: f64,
) -> Vec<(String, f64)> {
    let mut queue: std::collections::VecDeque<String> = lines.into();
    let mut out = Vec::with_capacity(queue.len());
    while let Some(line) = queue.pop_front() {
        let width = measure(&line);
        // The last word or bracketed group; only whole words follow a space, since a cut
        // word starts its own line.
        let last = units(&line)
            .last()
            .map(|u| u.as_ptr() as usize - line.as_ptr() as usize);
        match last {
            Some(at) if at > 0 && width > max_width => {
                let (head, tail) = (line[..at].trim_end(), &line[at..]);
                match queue.front_mut() {
                    Some(next) => *next = format!("{tail} {next}"),
                    None => queue.push_back(tail.to_owned()),
                }
                queue.push_front(head.to_owned());
            }
            _ => out.push((line, width)),
        }
    }
    out
}

/// The words of `text` with each bracketed group (`(…)`, `[…]`, `{…}`, `«…»`, `“…”`)
/// joined into one unit, so that a line breaks inside brackets only when the group is
/// wider than a line. Unbalanced brackets group nothing.
fn units(text: &str) -> Vec<&str> {
    let words: Vec<(usize, &str)> = text
        .split(' ')
        .scan(0usize, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let (start, word) = words[i];
        let mut depth = bracket_depth(word);
        let mut j = i;
        while depth > 0 && j + 1 < words.len() {
            j += 1;
            depth += bracket_depth(words[j].1);
        }
        if j > i && depth <= 0 {
            let (end_start, end_word) = words[j];
            out.push(&text[start..end_start + end_word.len()]);
            i = j + 1;
        } else {
            out.push(word);
            i += 1;
        }
    }
    out
}

/// Openers minus closers in `word`.
fn bracket_depth(word: &str) -> i32 {
    word.chars()
        .map(|c| match c {
            '(' | '[' | '{' | '«' | '“' => 1,
            ')' | ']' | '}' | '»' | '”' => -1,
            _ => 0,
        })
        .sum()
}

fn wrap_words(
    text: &str,
    max_width: f64,
    word_width: &mut dyn FnMut(&str) -> f64,
    char_width: &mut dyn FnMut(char) -> f64,
) -> Vec<String> {
    let space = word_width(" ");
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut width = 0.0;
    let mut pending: Vec<&str> = units(text);
    pending.reverse();
    while let Some(word) = pending.pop() {
        let w = word_width(word);
        if w > max_width && word.contains(' ') {
            // A bracketed group wider than a line breaks between its words after all.
            pending.extend(word.split(' ').filter(|w| !w.is_empty()).rev());
            continue;
        }
        if !line.is_empty() && width + space + w <= max_width {
            line.push(' ');
            line.push_str(word);
            width += space + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if w <= max_width {
            line.push_str(word);
            width = w;
            continue;
        }
        // Cut the long word into pieces that fit, one character cluster at a time.
        width = 0.0;
        for c in word.chars() {
            let cw = char_width(c);
            if !line.is_empty() && !is_attached(c) && width + cw > max_width {
                lines.push(std::mem::take(&mut line));
                width = 0.0;
            }
            line.push(c);
            width += cw;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    carry_bidi(lines)
}

/// Lines that break inside a bidi isolate or embedding (a right-to-left title that
/// [`clean`] isolated) reopen it, so each line reads in the direction its text began with;
/// drawing closes what a line leaves open ([`crate::font::isolate`]).
fn carry_bidi(lines: Vec<String>) -> Vec<String> {
    if !lines.iter().any(|l| crate::font::has_bidi_controls(l)) {
        return lines;
    }
    let mut open: Vec<char> = Vec::new();
    lines
        .into_iter()
        .map(|line| {
            let carried: String = open.iter().collect();
            for c in line.chars() {
                match c {
                    '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' | '\u{2066}'..='\u{2068}' => {
                        open.push(c)
                    }
                    '\u{202C}' if open.last().is_some_and(|o| !is_isolate(*o)) => {
                        open.pop();
                    }
                    '\u{2069}' => {
                        if let Some(at) = open.iter().rposition(|o| is_isolate(*o)) {
                            open.truncate(at);
                        }
                    }
                    _ => {}
                }
            }
            carried + &line
        })
        .collect()
}

fn is_isolate(c: char) -> bool {
    matches!(c, '\u{2066}'..='\u{2068}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimated_lines_fit_when_shaped_and_complex_scripts_are_measured() {
        let fonts = Fonts::default();
        let mut adv = Advances::new(&fonts, 12.0, false);
        let text = "Ministers of the Collective Security Treaty Organization meet NATO's \
                    envoys in Brussels: \"AV Wa To\" — Ελλάδα, Москва [1,2]";
        for max in [120.0, 200.0, 333.0, 460.0] {
            let lines = wrap_estimated(text, &mut adv, max).expect("simple scripts");
            assert!(lines.len() > 1);
            for (line, _) in &lines {
                let shaped = fonts.text_width(line, 12.0, false);
                assert!(shaped <= max, "{line:?} is {shaped} px at {max}");
            }
        }
        // Arabic joins and Devanagari forms conjuncts: shaping changes widths, so no guess.
        for text in ["اجتماع وزراء الخارجية", "विदेश मंत्रियों की बैठक", "会议"]
        {
            assert_eq!(wrap_estimated(text, &mut adv, 200.0), None, "{text}");
        }
    }

    #[test]
    fn brackets_hold_together_when_they_fit() {
        assert_eq!(
            units("NATO (North Atlantic Treaty) and [1,2]"),
            ["NATO", "(North Atlantic Treaty)", "and", "[1,2]"]
        );
        assert_eq!(units("an (unclosed group"), ["an", "(unclosed", "group"]);
        let fonts = Fonts::default();
        let text = "قمة الناتو (حلف شمال الأطلسي) في براغ";
        let group = "(حلف شمال الأطلسي)";
        // Room for the title up to the group's second word, and for the group alone.
        let room = fonts.text_width("قمة الناتو (حلف شمال الأطلسي)", 12.0, false) - 1.0;
        assert!(room > fonts.text_width(group, 12.0, false));
        let lines = wrap(&fonts, text, 12.0, false, room);
        assert!(lines.iter().any(|l| l.contains(group)), "{lines:?}");
        // A group wider than a line still breaks.
        let narrow = wrap(&fonts, text, 12.0, false, 40.0);
        assert!(narrow.iter().all(|l| !l.contains(group)), "{narrow:?}");
    }

    #[test]
    fn a_line_inside_an_isolate_reopens_it() {
        let fonts = Fonts::default();
        let text = clean("قمة الناتو في براغ تبحث التعاون مع منظمة معاهدة الأمن الجماعي");
        let lines = wrap(&fonts, &format!("{text} [1]"), 12.0, false, 120.0);
        assert!(lines.len() > 2, "{lines:?}");
        let arabic = |l: &&String| l.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        assert!(
            lines
                .iter()
                .filter(arabic)
                .all(|l| l.starts_with('\u{2067}')),
            "{lines:?}"
        );
        assert!(
            lines.concat().ends_with("\u{2069}[1]") || lines.concat().ends_with("\u{2069} [1]")
        );
    }

    #[test]
    fn a_line_that_switches_face_is_refitted() {
        // Hebrew is in DejaVu Sans only: a line's whole width may differ from the sum of
        // its characters' advances; every line must fit all the same.
        let fonts = Fonts::default();
        let text = "ministers שלום עולם foreign reversed and more words here";
        for room in [120.0, 160.0, 200.0, 260.0] {
            let mut advances = Advances::new(&fonts, 12.0, false);
            for (line, width) in wrap_measured(text, &mut advances, room) {
                assert!(
                    width <= room || !line.contains(' '),
                    "{line}: {width} > {room}"
                );
            }
        }
    }

    fn overlaps(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
        a.0 < b.1 && b.0 < a.1 && a.2 < b.3 && b.2 < a.3
    }

    #[test]
    fn stacked_blocks_neither_overlap_nor_cover_higher_stems() {
        // A dense cluster, a long block over everything, and some loners.
        let mut blocks = Vec::new();
        for i in 0..30 {
            blocks.push(Block {
                stem_x: 100.0 + f64::from(i % 7) * 13.0 + f64::from(i) * 2.0,
                right: 100.0 + f64::from(i) * 2.0 + 90.0 + f64::from(i % 5) * 30.0,
                height: 14.0 + f64::from(i % 3) * 12.0,
            });
        }
        blocks.push(Block {
            stem_x: 90.0,
            right: 600.0,
            height: 20.0,
        });
        blocks.push(Block {
            stem_x: 700.0,
            right: 800.0,
            height: 20.0,
        });
        let margin = 5.0;
        let bottoms = stack(&blocks, margin, 3.0, 10.0);
        let boxes: Vec<_> = blocks
            .iter()
            .zip(&bottoms)
            .map(|(b, &y)| (b.stem_x - margin, b.right, y, y + b.height))
            .collect();
        for i in 0..boxes.len() {
            assert!(boxes[i].2 >= 10.0);
            for j in 0..boxes.len() {
                if i == j {
                    continue;
                }
                assert!(!overlaps(boxes[i], boxes[j]), "{i} and {j}");
                // Stem of j: from 0 to its bottom at stem_x.
                let x = blocks[j].stem_x;
                let stem = (x - 0.5, x + 0.5, 0.0, bottoms[j]);
                let label = (
                    blocks[i].stem_x + 4.0,
                    blocks[i].right,
                    boxes[i].2,
                    boxes[i].3,
                );
                assert!(!overlaps(stem, label), "stem {j} crosses {i}");
            }
        }
        // The lone block far right stays on the floor.
        assert_eq!(bottoms[31], 10.0);
    }

    #[test]
    fn spread_blocks_stay_on_the_floor() {
        let blocks: Vec<_> = (0..100)
            .map(|i| Block {
                stem_x: f64::from(i) * 100.0,
                right: f64::from(i) * 100.0 + 80.0,
                height: 12.0,
            })
            .collect();
        assert!(stack(&blocks, 4.0, 4.0, 8.0).iter().all(|&b| b == 8.0));
    }

    #[test]
    fn lanes_pack_without_overlap_and_reuse_rows() {
        let boxes: Vec<(f64, f64)> = (0..200)
            .map(|i| {
                let x = f64::from((i * 37) % 500);
                (x, x + 40.0 + f64::from(i % 7) * 10.0)
            })
            .collect();
        let rows = lanes(&boxes, 4.0);
        for i in 0..boxes.len() {
            for j in 0..i {
                if rows[i] == rows[j] {
                    let (a, b) = (boxes[i], boxes[j]);
                    assert!(a.1 + 4.0 <= b.0 || b.1 + 4.0 <= a.0, "{i} {j}");
                }
            }
        }
        // 200 boxes of at most 100 px over 600 px pile up about 40 deep, far from 200.
        assert!(*rows.iter().max().unwrap() < 60);
        assert_eq!(lanes(&[(0.0, 10.0), (20.0, 30.0)], 4.0), vec![0, 0]);
    }

    #[test]
    fn range_max_agrees_with_a_scan() {
        let values: Vec<u32> = (0..37u32).map(|i| (i * 17 + 5) % 11).collect();
        let rm = RangeMax::new(&values);
        for a in 0..=values.len() {
            for b in a..=values.len() {
                assert_eq!(rm.get(a..b), values[a..b].iter().copied().max(), "{a}..{b}");
            }
        }
        assert_eq!(RangeMax::new(&[]).get(0..0), None);
    }

    #[test]
    fn own_floors_raise_blocks_without_overlap() {
        let blocks: Vec<Block> = (0..20)
            .map(|i| Block {
                stem_x: f64::from(i) * 30.0,
                right: f64::from(i) * 30.0 + 70.0,
                height: 12.0,
            })
            .collect();
        let floors: Vec<f64> = (0..20).map(|i| 10.0 + f64::from(i % 4) * 10.0).collect();
        let bottoms = stack_above(&blocks, &floors, 2.0, 4.0);
        for i in 0..blocks.len() {
            assert!(bottoms[i] >= floors[i]);
            for j in 0..i {
                let (a, b) = (&blocks[i], &blocks[j]);
                let x_apart = a.right <= b.stem_x - 2.0 || b.right <= a.stem_x - 2.0;
                let y_apart =
                    bottoms[i] + a.height <= bottoms[j] || bottoms[j] + b.height <= bottoms[i];
                assert!(x_apart || y_apart, "{i} and {j}");
            }
        }
    }

    #[test]
    fn clean_drops_controls_and_collapses_space() {
        assert_eq!(
            clean("  a\u{7}b \t\n c\u{202e} "),
            "\u{2066}ab c\u{202e}\u{202c}\u{2069}"
        );
        assert_eq!(clean(" NATO  summit "), "NATO summit");
        assert_eq!(clean("\u{1}\u{2} \n"), "");
    }

    #[test]
    fn wrap_fits_and_keeps_every_character() {
        let text = "Supercalifragilisticexpialidocious-and-more words 集体安全条约组织外长会议在比什凯克举行 e\u{301}te\u{301}";
        for max in [40.0, 90.0, 200.0] {
            let lines = wrap(&Fonts::default(), text, 12.0, false, max);
            for l in &lines {
                // A single character wider than the line is the only excuse.
                assert!(
                    crate::font::text_width(l, 12.0, false) <= max + 1.0 || l.chars().count() == 1,
                    "{l}"
                );
                assert!(!l.starts_with('\u{301}'));
            }
            let joined: String = lines.concat().split(' ').collect();
            let original: String = text.split(' ').collect();
            assert_eq!(joined, original);
        }
    }
}
