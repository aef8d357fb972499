//! Byte offset to line and column, computed only when a position is shown to a person.
//!
//! Everything else in citeline carries byte ranges. Lines end at `\n`, `\r\n` or a lone
//! `\r`; columns count Unicode scalar values from 1, which is what editors jump to.

use std::ops::Range;

/// The starts of the lines of one text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // `\r\n` ends one line, at its `\n`.
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        Self { starts }
    }

    /// 1-based line and column of byte `offset` in `text` (the text the index was built
    /// from). An offset inside a multi-byte character counts as that character.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        // An offset inside a line break (the LF of a CRLF) is just past the line's end.
        let offset = offset.min(self.line_range(text, line + 1).end);
        (line + 1, chars_between(text, start, offset) + 1)
    }

    /// How many lines the text has (an empty text, or one ending in a line break, has an
    /// empty last line).
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// 1-based line of byte `offset`, without counting columns.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// The byte range of line `line` (1-based), without its terminator.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[(line - 1).min(self.starts.len() - 1)];
        let end = self.starts.get(line).copied().unwrap_or(text.len());
        let trimmed = text[start..end].trim_end_matches(['\n', '\r']).len();
        start..start + trimmed
    }
}

/// How many characters start at or after byte `from` and before byte `to`: an offset inside a
/// character counts that character.
fn chars_between(text: &str, from: usize, to: usize) -> usize {
    text.get(from..).map_or(0, |rest| {
        rest.char_indices()
            .take_while(|(i, _)| from + i < to)
            .count()
    })
}

/// Line and column look-ups for offsets that mostly come in increasing order, as sorted
/// findings do: within one line, counting resumes from the previous offset, so a thousand
/// findings on one 2 MB line cost one pass over it, not a thousand.
pub struct Positions<'t> {
    text: &'t str,
    index: LineIndex,
    /// The last answer: offset, line and column.
    last: (usize, usize, usize),
}

impl<'t> Positions<'t> {
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            index: LineIndex::new(text),
            last: (0, 1, 1),
        }
    }

    pub fn index(&self) -> &LineIndex {
        &self.index
    }

    /// 1-based line and column of byte `offset`, as [`LineIndex::line_col`].
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.index.line(offset);
        let offset = offset.min(self.index.line_range(self.text, line).end);
        let (last_offset, last_line, last_col) = self.last;
        let answer = if line == last_line && offset >= last_offset {
            (
                line,
                last_col + chars_between(self.text, last_offset, offset),
            )
        } else {
            self.index.line_col(self.text, offset)
        };
        // Resume only from a character boundary, where counting is exact.
        if self.text.is_char_boundary(offset) {
            self.last = (offset, answer.0, answer.1);
        }
        answer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_line_ends_and_wide_characters() {
        let text = "a\tb\r\nümlaut 🦀x\rlone\nend";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_col(text, 2), (1, 3)); // 'b' after a tab
        assert_eq!(index.line_col(text, 5), (2, 1)); // 'ü'
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), (2, 9)); // after a 4-byte crab
        assert_eq!(index.line_col(text, text.find("lone").unwrap()), (3, 1));
        // The LF of a CRLF is no column of its own: it is just past the line's end.
        assert_eq!(index.line_col(text, 4), (1, 4));
        assert_eq!(index.line_col(text, 3), (1, 4));
        assert_eq!(index.line_col(text, text.len()), (4, 4));
        assert_eq!(&text[index.line_range(text, 1)], "a\tb");
        assert_eq!(&text[index.line_range(text, 2)], "ümlaut 🦀x");
        assert_eq!(&text[index.line_range(text, 4)], "end");
    }

    #[test]
    fn positions_agree_with_the_index_in_any_order() {
        let text = "a\tb\r\nümlaut 🦀x\rlone\nend";
        let index = LineIndex::new(text);
        let mut positions = Positions::new(text);
        let offsets: Vec<usize> = (0..=text.len()).chain((0..=text.len()).rev()).collect();
        for offset in offsets {
            assert_eq!(
                positions.line_col(offset),
                index.line_col(text, offset),
                "offset {offset}"
            );
        }
    }
}
