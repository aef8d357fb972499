//! Reading an HTML page as a browser shows it: this module owns the page's visible text
//! (laid out in paragraphs for the quote matcher), the map from that text back to line and
//! column in the file, and the dates the page states about itself. It parses with html5ever
//! (the WHATWG algorithm browsers use, so broken markup reads as a browser reads it) into
//! a tree of its own ([`tree`]), and never runs scripts or applies style sheets.
//!
//! # The bytes
//!
//! The encoding is, in this order: a byte order mark (first, as in browsers: a mark is
//! the surest sign); the charset the HTTP response declared (the `charset` argument, from
//! an archived response); a `<meta charset>` or
//! `<meta http-equiv="content-type">` in the first 1024 bytes (unless the bytes are valid
//! UTF-8 and not all ASCII: a page saved again as UTF-8 often keeps its old declaration);
//! UTF-8 when the bytes are valid UTF-8; else windows-1252. Lines and columns are counted in
//! the decoded text (columns in Unicode scalar values), as an editor shows the file; a
//! line ends at `\n`, `\r\n` or a lone `\r`.
//!
//! # What counts as text
//!
//! The text of the page's elements in document order, except:
//!
//! - what is not shown: `<head>` (all but the title, below), `<script>`, `<style>`,
//!   `<template>`, `<noscript>` (a reader's browser runs scripts), comments, an element
//!   with the `hidden` attribute (but not `hidden="until-found"`, which find-in-page
//!   reveals) or with an inline `style` of `display: none` or `visibility: hidden` (or
//!   `collapse`), a `<dialog>` that is not `open`;
//! - embedded content and its fallback (`<iframe>`, `<object>`, `<embed>`, `<video>`,
//!   `<audio>`, `<canvas>`), and form controls' values (`<input>`, of any type,
//!   `<textarea>`, `<select>` and its options);
//! - inline SVG, whole: chart labels are drawings, and SVG carries text no one sees
//!   (`<title>`, `<desc>`, `<style>`); MathML is read (a formula is text in a sentence),
//!   without its `<annotation>`s;
//! - ruby annotations (`<rt>`, `<rp>`): the base text is what is quoted;
//! - image `alt` text: a reader sees the picture, not its description (often a file name
//!   or a credit). A `<figcaption>` is text like any other.
//!
//! `aria-hidden="true"` hides from screen readers only, so its text is read; a closed
//! `<details>` is read whole (one click shows it). Style sheets are not applied, so text
//! a stylesheet hides or generates is read or missed accordingly. Nothing is guessed to be
//! boilerplate: navigation, footers and comments sections are text too.
//!
//! The document's `<title>` (the first in the page) is the first paragraph: curators quote
//! headlines, and the title check compares a source's title with its text.
//!
//! # Layout
//!
//! Paragraphs are separated by exactly one blank line (`"\n\n"`). A paragraph ends at the
//! start and end of each block element (`p`, `div`, headings, list items, `blockquote`,
//! `section`, `article`, `header`, `footer`, `nav`, `aside`, `main`, `figure`,
//! `figcaption`, `form`, `address`, `dl`/`dt`/`dd`, `hr`, tables, each table row and each
//! cell, and the like) and at each `<br>`: the quote matcher keeps an elided quote inside
//! one paragraph, and a line break or a table cell ends a run of prose as surely as a new
//! paragraph does. Inline elements (`a`, `span`, `em`, `b`, `q`, `sup`, unknown ones)
//! join their neighbours without adding anything: `in<b>side</b>` is `inside`. White space
//! (space, tab, line feed, form feed, carriage return) collapses to one space inside a
//! paragraph and is trimmed at its edges; a no-break space is kept. Inside `<pre>` (and
//! `listing`, `xmp`, `plaintext`) lines are kept, separated by `"\n"`, with their
//! indentation; trailing white space is trimmed, blank lines become one blank line (a
//! paragraph break, so the line after it loses its indentation like any paragraph's
//! start).
//! Character references (`&amp;`, `&#8212;`) are read as the characters they stand for.
//!
//! # The way back
//!
//! [`Extracted::pieces`] start wherever the text stops following the source character by
//! character: after a tag, a comment or anything else left out, after white space made one
//! space, at a new source line, and at and after each character reference (a character
//! read from a reference is a piece of its own, placed at its `&`). A space that was a
//! source space continues its piece; the separators the reader adds (a paragraph break, a
//! space standing for a line break or a tab) belong to the piece before them and point
//! just past its last character.
//!
//! # Limits
//!
//! The parse stops, and the page is refused as malformed, when elements nest deeper than
//! [`parse::MAX_DEPTH`] (512, the depth Blink's parser allows): the tree builder checks
//! scope through every open element for most tags, so 100,000 nested `<div>`s would take
//! minutes. The text may not pass [`MAX_TEXT_BYTES`]. A page with no text besides its
//! title is refused as having none.

mod charset;
mod meta;
mod parse;
mod sink;
mod source;
mod text;
mod tree;

pub use charset::label_in_content_type;

use super::extract::{Extracted, Failure, MAX_TEXT_BYTES};
use super::findings::{SOURCE_MALFORMED, SOURCE_NO_TEXT, SOURCE_TOO_LARGE};

/// The visible text of the page in `bytes`, with its pieces and the page's dates.
/// `charset` is a charset declared outside the bytes (an archived HTTP response's
/// `Content-Type`); it wins over the page's own declaration, but not over a byte order
/// mark.
// Until the reader of source files dispatches on the format, only tests call this.
pub fn extract(bytes: &[u8], charset: Option<&str>) -> Result<Extracted, Failure> {
    let (source, _encoding) = charset::decode(bytes, charset);
    let tree = parse::parse(&source).map_err(|deep| {
        Failure::new(
            &SOURCE_MALFORMED,
            format!(
                "HTML nested deeper than {} elements (at line {}): no page a person reads \
                 nests so deep, so it is broken or built to stall a parser",
                parse::MAX_DEPTH,
                deep.line
            ),
            "save the page again from a browser, or cite a .txt copy of its text",
        )
    })?;
    let (text, pieces) = text::visible(&tree).map_err(|refused| match refused {
        text::Refused::TooLarge => Failure::new(
            &SOURCE_TOO_LARGE,
            format!(
                "the page's visible text is larger than the {} MiB a source may hold",
                MAX_TEXT_BYTES / (1024 * 1024)
            ),
            "cite the article's own page, not a larger one that contains it",
        ),
        text::Refused::Empty { titled } => Failure::new(
            &SOURCE_NO_TEXT,
            format!(
                "the page shows no text{} (its text may be built by scripts, or all of it \
                 hidden)",
                if titled { " besides its title" } else { "" }
            ),
            "save the page after a browser has shown it (or an archive of it), or cite a \
             .txt copy of its text",
        ),
    })?;
    let stated = meta::stated(&tree);
    Ok(Extracted {
        text,
        pieces,
        dates: stated.dates,
        publishers: stated.publishers,
    })
}

#[cfg(test)]
mod tests;
