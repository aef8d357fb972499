//! Splitting an events file into its `[[events]]` entries, so that each entry is parsed and
//! walked on its own and the spanned tree of a 100,000-event file never exists whole (it
//! takes about 18 times the file's size).
//!
//! Table headers are found with toml's own lexer, so a `[` inside a string, a comment or a
//! multi-line array is never taken for one. An entry runs from its `[[events]]` header up to
//! the next header that is not one of its own sub-tables (`[[events.evidence]]`). Whatever
//! is not an entry (`[timeline]`, `[sources.*]`, top-level keys) is parsed as one document
//! in which each entry is one line break, with a map back to the file's offsets ([`Rest`]). A header the splitter does not read plainly (a quoted key, a table of `events`
//! before any entry) makes it give up, and the file is parsed whole as before: the split is
//! a saving, never a second reading of TOML.

use std::ops::Range;
use toml_parser::lexer::TokenKind;

/// The byte ranges of the `[[events]]` entries, in file order; `None` when the file should
/// be parsed whole.
pub(super) fn entries(text: &str) -> Option<Vec<Range<usize>>> {
    let headers = headers(text)?;
    let mut entries: Vec<Range<usize>> = Vec::new();
    let mut open: Option<usize> = None;
    for (at, key, array) in headers {
        let in_entry = key.starts_with("events.");
        if array && key == "events" {
            if let Some(start) = open.take() {
                entries.push(start..at);
            }
            open = Some(at);
        } else if in_entry {
            // A sub-table before any entry would make `events` a table: parse whole.
            open?;
        } else if let Some(start) = open.take() {
            entries.push(start..at);
        }
    }
    if let Some(start) = open {
        entries.push(start..text.len());
    }
    (!entries.is_empty()).then_some(entries)
}

/// Every table header: its start, its dotted key, and whether it is `[[…]]`. `None` when a
/// header is not plain (quoted or spaced keys) or the brackets do not balance.
fn headers(text: &str) -> Option<Vec<(usize, String, bool)>> {
    let tokens = toml_parser::Source::new(text).lex();
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut line_start = true;
    // Inside a header: its start, whether `[[`, its key so far, and the `]` still expected.
    let mut header: Option<(usize, bool, String, usize)> = None;
    let mut previous = TokenKind::Newline;
    for token in tokens {
        let kind = token.kind();
        let span = token.span();
        if let Some((start, array, key, closing)) = &mut header {
            match kind {
                TokenKind::LeftSquareBracket
                    if previous == TokenKind::LeftSquareBracket && key.is_empty() && !*array =>
                {
                    *array = true;
                    *closing = 2;
                }
                TokenKind::Atom => key.push_str(&text[span.start()..span.end()]),
                TokenKind::Dot => key.push('.'),
                TokenKind::RightSquareBracket => {
                    *closing -= 1;
                    if *closing == 0 {
                        found.push((*start, std::mem::take(key), *array));
                        header = None;
                    }
                }
                _ => return None,
            }
            previous = kind;
            continue;
        }
        match kind {
            TokenKind::Newline => line_start = true,
            TokenKind::Whitespace | TokenKind::Comment => {}
            TokenKind::LeftSquareBracket if depth == 0 && line_start => {
                header = Some((span.start(), false, String::new(), 1));
                line_start = false;
            }
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => {
                depth += 1;
                line_start = false;
            }
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                depth = depth.checked_sub(1)?;
                line_start = false;
            }
            TokenKind::Eof => {}
            _ => line_start = false,
        }
        previous = kind;
    }
    (header.is_none() && depth == 0).then_some(found)
}

/// The file without its entries, each replaced by one line break, with the way back to the
/// file's offsets: parsing a 30 MB file's 100 KB of sources must not lex 30 MB of blanks.
pub(super) struct Rest {
    pub(super) text: String,
    /// (offset in `text`, offset in the file) where each kept stretch starts, in order.
    starts: Vec<(usize, usize)>,
}

impl Rest {
    pub(super) fn new(text: &str, entries: &[Range<usize>]) -> Self {
        let mut rest = Rest {
            text: String::new(),
            starts: Vec::new(),
        };
        let mut from = 0;
        for entry in entries {
            rest.keep(text, from..entry.start);
            // The entry becomes one line break, placed at the entry's start.
            rest.starts.push((rest.text.len(), entry.start));
            rest.text.push('\n');
            rest.starts.push((rest.text.len(), entry.end));
            from = entry.end;
        }
        rest.keep(text, from..text.len());
        rest
    }

    fn keep(&mut self, text: &str, range: Range<usize>) {
        self.starts.push((self.text.len(), range.start));
        self.text.push_str(&text[range]);
    }

    /// The file offset of offset `at` in the rest.
    pub(super) fn original(&self, at: usize) -> usize {
        let k = self.starts.partition_point(|&(rest, _)| rest <= at);
        match k.checked_sub(1).map(|k| self.starts[k]) {
            Some((rest, file)) => file + (at - rest),
            None => at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_run_from_header_to_the_next_foreign_header() {
        let text = "[timeline]\ntitle = \"[[events]]\"\n\n[[events]]\nid = \"a\"\ntags = [\n[\"x\"],\n]\n[[events.evidence]]\nsource = \"s\"\n# [sources.x]\n[[events]]\nid = \"b\"\n[sources.s]\nfile = \"f\"\n";
        let entries = entries(text).unwrap();
        let pieces: Vec<&str> = entries.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(pieces.len(), 2, "{pieces:?}");
        assert!(
            pieces[0].starts_with("[[events]]\nid = \"a\"") && pieces[0].contains("source = \"s\"")
        );
        assert_eq!(pieces[1], "[[events]]\nid = \"b\"\n");
        let rest = Rest::new(text, &entries);
        assert!(
            rest.text.contains("[sources.s]") && !rest.text.contains("id = "),
            "{}",
            rest.text
        );
        // Every kept byte maps back to the same byte of the file.
        for (i, b) in rest.text.bytes().enumerate() {
            if b != b'\n' {
                assert_eq!(text.as_bytes()[rest.original(i)], b, "offset {i}");
            }
        }
        let at = rest.text.find("[sources.s]").unwrap();
        assert_eq!(&text[rest.original(at)..][..11], "[sources.s]");
    }

    #[test]
    fn unusual_headers_mean_a_whole_parse() {
        assert_eq!(entries("[[ \"events\" ]]\nid = 1\n"), None);
        assert_eq!(entries("[events.x]\n[[events]]\n"), None);
        assert_eq!(entries("[timeline]\ntitle = \"t\"\n"), None);
        assert_eq!(entries("[[events]]\nx = [1\n"), None);
        assert_eq!(
            entries("[[events]]\nid = \"\"\"\n[[events]]\n\"\"\"\n").map(|e| e.len()),
            Some(1)
        );
    }
}
