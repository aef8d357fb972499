//! From positioned glyphs to text: glyphs into printed lines, lines into paragraphs, pages
//! in order, with one piece of the map per printed line.
//!
//! Glyphs are taken in the order the page draws them (the content stream's order), which
//! is the reading order that producers write (column after column, a page's flow), and
//! never re-sorted by position: sorting would interleave the lines of two columns. A glyph
//! starts a new line when it leaves the previous glyph's baseline (by more than half the
//! font size) or jumps back; a gap along the baseline wider than [`SPACE`] of the font
//! size is a space, whatever the file's own spaces say (many files position every word,
//! or every glyph, and draw no space).

use crate::articles::extract::{Piece, Place};

/// A gap wider than this share of the font size separates words. Word spaces are a
/// quarter to a third of the size; kerning and tracking move glyphs by a few hundredths.
const SPACE: f64 = 0.15;

/// A baseline this far from the previous glyph's (in font sizes) is another line.
const OTHER_LINE: f64 = 0.5;

/// Baselines further apart than this (in font sizes) leave a gap: a new paragraph. Lines
/// are set 1.1 to 1.3 sizes apart; paragraphs and headings are spaced wider.
const PARAGRAPH_GAP: f64 = 1.6;

/// A glyph on a page: where its origin is, which way its baseline runs (a unit vector),
/// how far it advances along it and its size, all in page units; and its text.
#[derive(Clone, Debug)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    pub dx: f64,
    pub dy: f64,
    pub advance: f64,
    pub size: f64,
    pub text: String,
}

/// A printed line: its text, and where its baseline is.
#[derive(Debug)]
struct Line {
    text: String,
    /// The first glyph: origin, direction and size.
    first: (f64, f64, f64, f64),
    size: f64,
    /// Glyphs already on the line (origin and text), to drop a glyph drawn twice (a fake
    /// bold, a shadow) instead of printing it twice.
    drawn: Vec<(f64, f64, usize, usize)>,
}

impl Line {
    fn new(g: &Glyph) -> Self {
        Line {
            text: String::new(),
            first: (g.x, g.y, g.dx, g.dy),
            size: g.size,
            drawn: Vec::new(),
        }
    }

    fn has_drawn(&self, g: &Glyph, text: &str) -> bool {
        // A fake bold is offset by a few hundredths of the size; the next of two equal
        // letters ("ll") stands a whole advance away.
        let near = (0.1 * g.size).min(0.4 * g.advance).max(1e-6);
        self.drawn.iter().any(|&(x, y, from, to)| {
            (x - g.x).abs() < near && (y - g.y).abs() < near && &self.text[from..to] == text
        })
    }
}

/// The printed lines of one page, in drawing order.
fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    let mut space = false;
    for g in glyphs {
        let text = clean(&g.text);
        if text.is_empty() {
            continue;
        }
        let blank = text.chars().all(char::is_whitespace);
        let same_line = prev.is_some_and(|p| {
            let (ax, ay) = (g.x - p.x, g.y - p.y);
            let along = ax * p.dx + ay * p.dy;
            let across = ay * p.dx - ax * p.dy;
            let size = p.size.max(g.size);
            let turned = g.dx * p.dx + g.dy * p.dy < 0.95;
            let gap = along - p.advance;
            if !turned && across.abs() <= OTHER_LINE * size && gap >= -size {
                space |= gap > SPACE * size;
                true
            } else {
                false
            }
        });
        if blank {
            if same_line {
                space = true;
                prev = Some(g);
            }
            continue;
        }
        let line = match lines.last_mut() {
            Some(line) if same_line => line,
            _ => {
                // A glyph drawn again over the line it belongs to is not a new line.
                if lines.last().is_some_and(|l| l.has_drawn(g, &text)) {
                    continue;
                }
                lines.push(Line::new(g));
                space = false;
                lines.last_mut().expect("just pushed")
            }
        };
        if line.has_drawn(g, &text) {
            continue;
        }
        if space && !line.text.is_empty() {
            line.text.push(' ');
        }
        space = false;
        let from = line.text.len();
        line.text.push_str(&text);
        line.drawn.push((g.x, g.y, from, line.text.len()));
        line.size = line.size.max(g.size);
        prev = Some(g);
    }
    lines.retain(|l| !l.text.trim().is_empty());
    lines
}

/// A glyph's text as it goes into the output: ligatures spelled out, white space as a
/// plain space, control characters and unassigned-glyph markers dropped.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\u{fffd}' | '\u{feff}' | '\u{200b}' => {}
            c if c.is_whitespace() => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The text being built, and its map.
#[derive(Default)]
pub struct Writer {
    pub text: String,
    pub pieces: Vec<Piece>,
}

impl Writer {
    /// Add one page's glyphs as page `page` (1-based). Returns the number of lines.
    pub fn page(&mut self, page: u32, glyphs: &[Glyph]) -> u32 {
        let lines = lines(glyphs);
        let mut prev: Option<&Line> = None;
        for (i, line) in lines.iter().enumerate() {
            let place = Place::Page {
                page,
                line: i as u32 + 1,
            };
            let text = line.text.trim();
            let gap = match prev {
                None => true,
                Some(p) => paragraph_gap(p, line),
            };
            if !self.text.is_empty() && (prev.is_none() || gap) {
                trim_end(&mut self.text);
                self.text.push_str("\n\n");
            } else if prev.is_some() && !join_hyphenated(&mut self.text, text) {
                self.text.push('\n');
            }
            self.pieces.push(Piece {
                at: self.text.len(),
                place,
            });
            self.text.push_str(text);
            prev = Some(line);
        }
        lines.len() as u32
    }
}

fn trim_end(text: &mut String) {
    let keep = text.trim_end().len();
    text.truncate(keep);
}

/// Whether `next` starts a new paragraph after `prev`: a gap down the page clearly wider
/// than a line's. A line above the previous one (the top of the next column) continues the
/// flow; so does a line in another direction (a rotated caption starts one, since its
/// distance says nothing).
fn paragraph_gap(prev: &Line, next: &Line) -> bool {
    let (px, py, dx, dy) = prev.first;
    let (nx, ny, ndx, ndy) = next.first;
    if dx * ndx + dy * ndy < 0.95 {
        return true;
    }
    // Distance down the page, perpendicular to the baseline (y grows upwards in PDF).
    let down = -((nx - px) * -dy + (ny - py) * dx);
    down > PARAGRAPH_GAP * prev.size.max(next.size)
}

/// End-of-line hyphenation: `text` ends a line with a hyphen after a letter, and `next` is
/// the next line. A soft hyphen (or one followed by a hyphen glyph) is always dropped and
/// the word joined; a plain hyphen is dropped before a lower-case letter ("inter-" +
/// "national") and kept before anything else ("CSTO-" + "NATO" is "CSTO-NATO"). Either way
/// the line break goes; returns false, changing nothing, when the line does not end so.
fn join_hyphenated(text: &mut String, next: &str) -> bool {
    let trimmed = text.trim_end().len();
    let body = &text[..trimmed];
    const HYPHENS: [char; 4] = ['-', '\u{ad}', '\u{2010}', '\u{2011}'];
    // A soft hyphen or a hyphen proper (U+2010, never a dash) may stand apart from the
    // word: Chromium prints the soft hyphen as a glyph no font maps, then the hyphen.
    let loose = body.trim_end_matches(|c| HYPHENS.contains(&c) || c == ' ');
    let tail = &body[loose.len()..];
    let stripped = if tail.contains(['\u{ad}', '\u{2010}']) {
        loose
    } else {
        body.trim_end_matches(HYPHENS)
    };
    let hyphens = &body[stripped.len()..];
    let hyphens_n = hyphens.chars().count();
    if hyphens.is_empty()
        || hyphens_n > 3
        || !stripped.chars().last().is_some_and(char::is_alphabetic)
    {
        return false;
    }
    let Some(first) = next.chars().next() else {
        return false;
    };
    // Discretionary: a soft hyphen, or a hyphen set apart as above.
    let soft = hyphens.contains('\u{ad}') || hyphens.contains(' ');
    if !soft && !first.is_alphanumeric() {
        return false;
    }
    let keep = if soft || first.is_lowercase() {
        stripped.len()
    } else {
        // Keep one hyphen, the one printed.
        stripped.len() + hyphens.chars().next().map_or(0, char::len_utf8)
    };
    text.truncate(keep);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of text at baseline `y`, each character 5 units wide, size 10; words one
    /// space (5 units) apart, with no space glyph.
    fn line(y: f64, x: f64, words: &str) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut at = x;
        for c in words.chars() {
            if c == ' ' {
                at += 3.0;
                continue;
            }
            out.push(Glyph {
                x: at,
                y,
                dx: 1.0,
                dy: 0.0,
                advance: 5.0,
                size: 10.0,
                text: c.to_string(),
            });
            at += 5.0;
        }
        out
    }

    fn page(lines: &[Vec<Glyph>]) -> Writer {
        let mut w = Writer::default();
        w.page(1, &lines.concat());
        w
    }

    #[test]
    fn gaps_are_spaces_and_baselines_lines() {
        let w = page(&[
            line(700.0, 50.0, "two words"),
            line(688.0, 50.0, "next line"),
        ]);
        assert_eq!(w.text, "two words\nnext line");
        assert_eq!(
            w.pieces,
            vec![
                Piece {
                    at: 0,
                    place: Place::Page { page: 1, line: 1 }
                },
                Piece {
                    at: 10,
                    place: Place::Page { page: 1, line: 2 }
                },
            ]
        );
    }

    #[test]
    fn a_wide_gap_starts_a_paragraph_and_a_column_continues_the_flow() {
        let w = page(&[
            line(700.0, 50.0, "first"),
            line(670.0, 50.0, "second"),
            line(700.0, 300.0, "top of column two"),
        ]);
        assert_eq!(w.text, "first\n\nsecond\ntop of column two");
    }

    #[test]
    fn hyphenation_is_joined_as_the_next_letter_says() {
        let w = page(&[
            line(700.0, 50.0, "the inter-"),
            line(688.0, 50.0, "national CSTO-"),
            line(676.0, 50.0, "NATO talks"),
        ]);
        assert_eq!(w.text, "the international CSTO-NATO talks");
        // The continuation is its own piece, at the join.
        let at: Vec<usize> = w.pieces.iter().map(|p| p.at).collect();
        assert_eq!(at, vec![0, 9, 23]);
        let soft = page(&[line(700.0, 50.0, "guest\u{ad}"), line(688.0, 50.0, "House")]);
        assert_eq!(soft.text, "guestHouse");
        let apart = page(&[
            line(700.0, 50.0, "guest \u{2010}"),
            line(688.0, 50.0, "house"),
        ]);
        assert_eq!(apart.text, "guesthouse");
        let dash = page(&[line(700.0, 50.0, "wait -"), line(688.0, 50.0, "and see")]);
        assert_eq!(dash.text, "wait -\nand see");
    }

    #[test]
    fn ligatures_are_spelled_out_and_doubled_glyphs_dropped() {
        let mut glyphs = line(700.0, 50.0, "e\u{fb03}cient");
        let again = glyphs.clone();
        glyphs.extend(again.into_iter().map(|mut g| {
            g.x += 0.4;
            g
        }));
        let w = page(&[glyphs]);
        assert_eq!(w.text, "efficient");
        // Double letters, even in a large size whose glyphs are narrow, are letters.
        let mut tall = line(700.0, 50.0, "will");
        tall.iter_mut().for_each(|g| g.size = 30.0);
        assert_eq!(page(&[tall]).text, "will");
    }

    #[test]
    fn pages_are_paragraphs() {
        let mut w = Writer::default();
        w.page(1, &line(100.0, 50.0, "end of one"));
        w.page(2, &line(700.0, 50.0, "start of two"));
        assert_eq!(w.text, "end of one\n\nstart of two");
        assert_eq!(
            w.pieces[1],
            Piece {
                at: 12,
                place: Place::Page { page: 2, line: 1 }
            }
        );
    }
}
