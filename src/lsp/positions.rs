//! Byte offsets of a text to LSP positions and back, in the position encoding negotiated
//! with the client (UTF-8 when it offers it, else the protocol's default UTF-16), and
//! `file:` URIs to paths and back.

use crate::lines::LineIndex;
use lsp_types::{Position, PositionEncodingKind, Range, Uri};
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

/// How a position's `character` counts: UTF-8 bytes or UTF-16 code units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 if the client lists it among the encodings it supports; else UTF-16, which
    /// every client must support.
    pub fn choose(offered: Option<&[PositionEncodingKind]>) -> Self {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// A text's lines (the line index every position shown in citeline uses: lines end at
/// `\n`, `\r\n` or a lone `\r`, as the protocol counts them too), measured in one encoding.
#[derive(Debug)]
pub struct Lines {
    index: LineIndex,
    encoding: Encoding,
}

impl Lines {
    pub fn new(text: &str, encoding: Encoding) -> Self {
        Self {
            index: LineIndex::new(text),
            encoding,
        }
    }

    /// The position of byte `offset` (clamped to the text, moved back to a character
    /// boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line(offset);
        let start = self.index.line_range(text, line).start;
        let character: usize = text[start..offset]
            .chars()
            .map(|c| self.encoding.width(c))
            .sum();
        Position::new(saturate(line - 1), saturate(character))
    }

    pub fn range(&self, text: &str, span: &std::ops::Range<usize>) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte offset of `position`: past the end of its line (or of the text) is the
    /// line's end; inside a character, that character's start.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let line = position.line as usize + 1;
        if line > self.index.count() {
            return text.len();
        }
        let line = self.index.line_range(text, line);
        let mut counted = 0;
        for (at, c) in text[line.clone()].char_indices() {
            counted += self.encoding.width(c);
            if counted > position.character as usize {
                return line.start + at;
            }
        }
        line.end
    }
}

/// The position of (1-based) `line` and `column` (in characters) of `text`, as a reader
/// of the source's file counts them.
pub fn line_column(text: &str, line: u32, column: u32, encoding: Encoding) -> Position {
    let lines = Lines::new(text, encoding);
    let line = (line as usize).max(1);
    if line > lines.index.count() {
        return lines.position(text, text.len());
    }
    let start = lines.index.line_range(text, line).start;
    let offset = text[start..]
        .char_indices()
        .nth(column.saturating_sub(1) as usize)
        .map_or(text.len(), |(at, _)| start + at);
    lines.position(text, offset)
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The path a `file:` URI names; `None` for any other scheme or a malformed escape.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/path`: only the local host (empty or `localhost`) is a path here.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let path = rest.split(['?', '#']).next()?;
    let decoded = percent_decode(path)?;
    // `/C:/dir` on Windows is `C:/dir`.
    let windows = decoded.len() > 2 && decoded.as_bytes()[2] == b':' && cfg!(windows);
    let decoded = if windows { &decoded[1..] } else { &decoded };
    Some(PathBuf::from(decoded))
}

/// The `file:` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let text = path.to_str()?.replace('\\', "/");
    let lead = if text.starts_with('/') { "" } else { "/" };
    let mut uri = format!("file://{lead}");
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(b as char)
            }
            b':' if cfg!(windows) => uri.push(':'),
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    Uri::from_str(&uri).ok()
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A path without `.` components and with `dir/..` folded, for comparing the paths a
/// client reports with those the events file names. Links are not resolved.
pub fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_in_the_chosen_encoding_and_back() {
        // `Д` is 2 bytes and 1 UTF-16 unit; `😀` 4 bytes and 2 units.
        let text = "a = 1\r\ntitle = \"Д😀x\"\rz\n";
        let x = text.find('x').unwrap();
        for (encoding, character) in [(Encoding::Utf8, 15), (Encoding::Utf16, 12)] {
            let lines = Lines::new(text, encoding);
            let at = lines.position(text, x);
            assert_eq!(at, Position::new(1, character), "{encoding:?}");
            assert_eq!(lines.offset(text, at), x);
            // After a lone `\r`, a new line.
            let z = text.find('z').unwrap();
            assert_eq!(lines.position(text, z), Position::new(2, 0));
            // Inside the emoji: its start; past the line's end: the end, before `\r`.
            let emoji = text.find('😀').unwrap();
            assert_eq!(lines.offset(text, Position::new(1, character - 1)), emoji);
            assert_eq!(
                lines.offset(text, Position::new(1, 99)),
                text.find("\"\r").unwrap() + 1
            );
            assert_eq!(lines.offset(text, Position::new(9, 0)), text.len());
        }
        // A byte inside a character counts as its start.
        let lines = Lines::new(text, Encoding::Utf16);
        assert_eq!(lines.position(text, x - 1), lines.position(text, x - 4));
        assert_eq!(lines.position(text, 10_000), Position::new(3, 0));
    }

    #[test]
    fn utf8_only_when_offered() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::choose(Some(&both)), Encoding::Utf8);
        assert_eq!(Encoding::choose(Some(&both[..1])), Encoding::Utf16);
        assert_eq!(Encoding::choose(None), Encoding::Utf16);
    }

    #[test]
    fn a_line_and_column_of_a_source_file() {
        let text = "first\nДа 😀 here\n";
        assert_eq!(
            line_column(text, 2, 6, Encoding::Utf16),
            Position::new(1, 6)
        );
        assert_eq!(
            line_column(text, 2, 6, Encoding::Utf8),
            Position::new(1, 10)
        );
        assert_eq!(line_column(text, 9, 1, Encoding::Utf8), Position::new(2, 0));
    }

    #[test]
    fn file_uris_and_paths() {
        let path = Path::new("/tmp/a dir/Данные/events.toml");
        let uri = uri_of(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///tmp/a%20dir/%D0%94%D0%B0%D0%BD%D0%BD%D1%8B%D0%B5/events.toml"
        );
        assert_eq!(path_of(&uri).unwrap(), path);
        let other = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(path_of(&other), None);
        assert_eq!(percent_decode("a%2"), None);
        assert_eq!(percent_decode("a%D0"), None, "not UTF-8");
        assert_eq!(percent_decode("a%20b").as_deref(), Some("a b"));
        assert_eq!(normal(Path::new("/a/./b/../c")), Path::new("/a/c"));
    }
}
