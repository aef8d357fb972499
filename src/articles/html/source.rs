//! The decoded source, with a way from byte offsets to lines and columns as an editor
//! counts them.

use std::cell::Cell;

/// The decoded source with a way from byte offsets to lines and columns.
pub struct Source<'a> {
    pub text: &'a str,
    /// Byte offsets where lines start (after `\n`, `\r\n` or a lone `\r`); the first is 0.
    line_starts: Vec<usize>,
    /// The last offset placed, with the index of its line in `line_starts` and its
    /// column: places are asked for in source order, so each is a short count from the one
    /// before.
    cache: Cell<(usize, usize, u32)>,
}

impl<'a> Source<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                continue;
            }
            line_starts.push(at + 1);
        }
        Self {
            text,
            line_starts,
            cache: Cell::new((0, 0, 1)),
        }
    }

    /// The 1-based line of byte `at`.
    pub fn line(&self, at: usize) -> u32 {
        self.line_starts.partition_point(|&s| s <= at) as u32
    }

    /// The 1-based line and column (in Unicode scalar values) of byte `at`, which is on a
    /// character boundary.
    pub fn place(&self, at: usize) -> (u32, u32) {
        let bytes = self.text.as_bytes();
        let (from, mut index, column) = self.cache.get();
        let column = if at >= from {
            let next = self.line_starts.get(index + 1).copied();
            if next.is_none_or(|n| n > at) {
                column.saturating_add(chars(&bytes[from..at]))
            } else {
                // Lines are passed in order, each once.
                while self.line_starts.get(index + 1).is_some_and(|&n| n <= at) {
                    index += 1;
                }
                chars(&bytes[self.line_starts[index]..at]).saturating_add(1)
            }
        } else if self.line_starts[index] <= at {
            column.saturating_sub(chars(&bytes[at..from]))
        } else {
            index = self.line_starts.partition_point(|&s| s <= at) - 1;
            chars(&bytes[self.line_starts[index]..at]).saturating_add(1)
        };
        self.cache.set((at, index, column));
        (index as u32 + 1, column)
    }
}

/// How many characters the UTF-8 `bytes` hold.
pub fn chars(bytes: &[u8]) -> u32 {
    // Counted in blocks into a byte, which the compiler makes wide vector operations:
    // every byte of a page is counted once.
    let mut n = 0u32;
    for block in bytes.chunks(128) {
        let mut c = 0u8;
        for &b in block {
            // Not a continuation byte (0x80..=0xBF are -128..=-65).
            c += u8::from(b as i8 >= -64);
        }
        n = n.wrapping_add(u32::from(c));
    }
    n
}
