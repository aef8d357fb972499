//! `citeline text SOURCE_ID` (docs/output.md#the-text-view): exactly the text `check` reads
//! in a source, so curators copy quotes from it rather than from the page or PDF, whose
//! visible text may differ from what a copy-and-paste gives. Each paragraph is headed by a
//! marker line with its number and where it starts in the original; with `plain`, the text
//! alone, byte for byte.

use crate::articles::{Article, Place};
use std::io::{self, Write};
use std::ops::Range;

/// How `citeline text` shows a source's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// The text alone, byte for byte as `check` reads it, with no markers.
    pub plain: bool,
}

/// Write the text of `article` (its file shown as `shown`) as `options` ask.
pub(crate) fn write(
    out: &mut impl Write,
    shown: &str,
    article: &Article,
    options: &TextOptions,
) -> io::Result<()> {
    if options.plain {
        return out.write_all(article.text.as_bytes());
    }
    let paragraphs = paragraphs(article);
    let what = match &article.origin.capture {
        Some(capture) => format!(
            "{} captured from {}{}",
            article.origin.format,
            capture.url,
            capture
                .date
                .as_ref()
                .map(|d| format!(" on {d}"))
                .unwrap_or_default()
        ),
        None => article.origin.format.to_string(),
    };
    writeln!(
        out,
        "{shown}: {what}, {} paragraph{}, sha256 {}",
        paragraphs.len(),
        if paragraphs.len() == 1 { "" } else { "s" },
        article.sha256.as_deref().unwrap_or("not computed")
    )?;
    let mut page = None;
    for (n, range) in paragraphs.into_iter().enumerate() {
        let place = article.place(range.start);
        if let Place::Page { page: p, .. } = place {
            if page != Some(p) {
                writeln!(out, "\n=== page {p} ===")?;
                page = Some(p);
            }
        }
        let at = match place {
            Place::Line { line, column } => format!("{line}:{column}"),
            Place::Page { page, line } => format!("page {page}, line {line}"),
        };
        writeln!(out, "\n[¶{} at {at}]", n + 1)?;
        writeln!(out, "{}", &article.text[range])?;
    }
    Ok(())
}

/// The byte ranges of the paragraphs of `article`'s text, as the quote matcher divides
/// them (blocks between blank lines, or each line of a text with none; see
/// [`Folded`](crate::text::fold::Folded)), each from its first character to its last;
/// paragraphs with nothing to quote are skipped.
fn paragraphs(article: &Article) -> Vec<Range<usize>> {
    let folded = &article.haystack.folded;
    (0..folded.paragraph_count())
        .map(|i| folded.paragraph(i))
        .filter(|p| !p.is_empty())
        .map(|p| folded.original_range(p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        let article = Article::new(text.to_string(), String::new());
        let ranges = paragraphs(&article);
        ranges.into_iter().map(|r| text[r].to_string()).collect()
    }

    #[test]
    fn paragraphs_are_blocks_between_blank_lines() {
        assert_eq!(
            split("Head\n\nOne line\nand another\n \t\nLast"),
            ["Head", "One line\nand another", "Last"]
        );
    }

    #[test]
    fn without_a_blank_line_each_line_is_a_paragraph() {
        assert_eq!(split("One\r\nTwo\nThree"), ["One", "Two", "Three"]);
        assert!(split("").is_empty());
    }

    #[test]
    fn the_view_marks_each_paragraph_and_plain_is_the_text_itself() {
        let article = Article::new(
            "MOSCOW\n\nOn 3 December the\nministers met.\n".into(),
            "ab".into(),
        );
        let mut out = Vec::new();
        write(&mut out, "a.txt", &article, &TextOptions::default()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a.txt: plain text, 2 paragraphs, sha256 ab\n\n[¶1 at 1:1]\nMOSCOW\n\n[¶2 at 3:1]\nOn 3 December the\nministers met.\n"
        );
        let mut out = Vec::new();
        write(&mut out, "a.txt", &article, &TextOptions { plain: true }).unwrap();
        assert_eq!(out, article.text.as_bytes());
    }
}
