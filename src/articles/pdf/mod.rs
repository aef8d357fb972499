//! Reading a PDF's text layer: pages in order, each printed line a line of text, with a map
//! back to page and line. This module owns the PDF limits, the mapping of a PDF's failures
//! to findings, and the glyphs a page draws; `guard.rs` looks at the raw bytes before any
//! reader does, `layout.rs` makes lines and paragraphs of the glyphs.
//!
//! # What counts as text
//!
//! The characters of the glyphs a page's content draws (and its annotations' appearances,
//! such as filled form fields), as the file's fonts map them to Unicode (`ToUnicode`, the
//! encoding's glyph names, predefined CMaps), whether painted or invisible: an OCR layer
//! is invisible text over a scan, and is the text. Page images are not text: a scan
//! without OCR has none ([`SOURCE_NO_TEXT`]). A glyph no font maps to a character is
//! skipped. Reading is done by the `hayro` crates (pure Rust, from the authors of resvg
//! and typst), chosen over pdf-extract, lopdf, pdf_oxide and pdf-rs on pdf.js's test
//! corpus (BENCHMARKS.md, "PDF text extraction: crate comparison").
//!
//! # Limits, and why
//!
//! A source is at most 16 MiB of bytes, but a PDF's streams are compressed, and the reader
//! inflates them without a limit; so before it sees the file, every stream is decoded here
//! through a cap ([`MAX_TEXT_BYTES`] for one stream, [`MAX_INFLATED`] for all of them: a
//! real article's streams are a few megabytes), and the objects are counted
//! ([`MAX_OBJECTS`]). A page tree is walked once, refusing cycles and more than
//! [`MAX_PAGES`] pages (a book is a thousand). The text is capped at [`MAX_TEXT_BYTES`],
//! like a plain text source. Nesting (arrays in arrays, forms in forms) is bounded by the
//! reader itself (512 and 50 levels). A panic in the reader is caught and reported as a
//! broken file, so one hostile PDF costs one finding, bounded time and bounded memory.
//!
//! An encrypted PDF is refused ([`SOURCE_ENCRYPTED`]), even one that opens without a
//! password: its streams cannot be checked through the cap before they are decrypted.

// Until `articles/mod.rs` sends PDFs here, nothing outside the tests calls `extract`.

mod guard;
mod layout;

use super::extract::{Extracted, Failure, MAX_TEXT_BYTES};
use super::findings::{SOURCE_ENCRYPTED, SOURCE_MALFORMED, SOURCE_NO_TEXT, SOURCE_TOO_LARGE};
use hayro_interpret::font::Glyph as HayroGlyph;
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::object::{Array, Dict, MaybeRef, ObjRef, Stream};
use hayro_interpret::hayro_syntax::page::Page;
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask,
};
use layout::Glyph;
use std::cell::Cell;
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

/// The most all of a PDF's streams may inflate to.
pub const MAX_INFLATED: u64 = 256 * 1024 * 1024;
/// The most objects a PDF may hold: a thousand-page book has some tens of thousands.
pub const MAX_OBJECTS: u64 = 1_000_000;
/// The most pages.
pub const MAX_PAGES: usize = 10_000;

const HELP_BROKEN: &str = "save the PDF again from its source, or cite a .txt copy of its text";

/// The text of the PDF in `bytes`.
pub fn extract(bytes: &[u8]) -> Result<Extracted, Failure> {
    let limits = guard::Limits {
        stream: MAX_TEXT_BYTES as u64,
        total: MAX_INFLATED,
        objects: MAX_OBJECTS,
    };
    guard::check(bytes, &limits).map_err(|refusal| match refusal {
        guard::Refusal::Bomb { offset } => Failure::new(
            &SOURCE_MALFORMED,
            format!(
                "the stream at byte {offset} inflates past {}: a compression bomb?",
                crate::bounded::size(limits.stream)
            ),
            HELP_BROKEN,
        ),
        guard::Refusal::TooMuch => Failure::new(
            &SOURCE_TOO_LARGE,
            format!(
                "the PDF's streams inflate to more than {} in all",
                crate::bounded::size(limits.total)
            ),
            "cite the article's pages (or a .txt copy), not the whole volume",
        ),
        guard::Refusal::TooManyObjects { found } => Failure::new(
            &SOURCE_TOO_LARGE,
            format!("the PDF holds {found} objects, more than the {MAX_OBJECTS} citeline reads"),
            "cite the article's pages (or a .txt copy), not the whole volume",
        ),
    })?;
    quietly(|| read(bytes)).unwrap_or_else(|| {
        Err(Failure::new(
            &SOURCE_MALFORMED,
            "the PDF reader failed on this file",
            HELP_BROKEN,
        ))
    })
}

thread_local! {
    /// Whether this thread is inside the PDF reader, whose panics are findings, not bugs.
    static READING: Cell<bool> = const { Cell::new(false) };
}

/// Run `f`, catching a panic: `None` if it panicked. The panic hook is wrapped once so
/// that a panic inside the reader prints nothing; any other panic prints as before.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !READING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let outer = READING.with(|r| r.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f)).ok();
    READING.with(|r| r.set(outer));
    result
}

/// A password no real file has: with it, an encrypted file fails to open, whether or not
/// it has a user password, and an unencrypted one opens as usual.
const NOT_A_PASSWORD: &str = "\u{1}citeline does not decrypt\u{1}";

fn read(bytes: &[u8]) -> Result<Extracted, Failure> {
    if !bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        return Err(malformed("it does not start with %PDF-"));
    }
    if !bytes[bytes.len().saturating_sub(1024)..]
        .windows(5)
        .any(|w| w == b"%%EOF")
    {
        return Err(malformed("it is truncated: no %%EOF at its end"));
    }
    let pdf = Pdf::new_with_password(bytes.to_vec(), NOT_A_PASSWORD).map_err(|e| match e {
        LoadPdfError::Decryption(_) => Failure::new(
            &SOURCE_ENCRYPTED,
            "the PDF is encrypted",
            "save a decrypted copy (e.g. `qpdf --decrypt in.pdf out.pdf`) and cite that",
        ),
        LoadPdfError::Invalid => {
            malformed("it has no readable cross-reference table or page tree (truncated?)")
        }
    })?;
    check_page_tree(&pdf)?;
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err(malformed("it has no pages"));
    }
    if pages.len() > MAX_PAGES {
        return Err(Failure::new(
            &SOURCE_TOO_LARGE,
            format!(
                "the PDF has {} pages, more than the {MAX_PAGES} citeline reads",
                pages.len()
            ),
            "cite the article's pages, not the whole volume",
        ));
    }
    let cache = InterpreterCache::new();
    let mut writer = layout::Writer::default();
    let mut unmapped = 0usize;
    for (i, page) in pages.iter().enumerate() {
        check_contents(page, i + 1)?;
        let mut context = Context::new(
            Affine::IDENTITY,
            Rect::new(0.0, 0.0, 1.0, 1.0),
            &cache,
            pdf.xref(),
            InterpreterSettings::default(),
        );
        let mut glyphs = Glyphs::default();
        hayro_interpret::interpret_page(page, &mut context, &mut glyphs);
        unmapped += glyphs.unmapped;
        writer.page(i as u32 + 1, &glyphs.glyphs);
        if writer.text.len() > MAX_TEXT_BYTES {
            return Err(Failure::new(
                &SOURCE_TOO_LARGE,
                format!(
                    "the PDF's text is longer than the {} a source may have",
                    crate::bounded::size(MAX_TEXT_BYTES as u64)
                ),
                "cite the article's pages, not the whole volume",
            ));
        }
    }
    if writer.text.is_empty() {
        let reason = if unmapped > 0 {
            "its fonts map no glyph to a character: run OCR first"
        } else {
            "no text layer: run OCR first"
        };
        return Err(Failure::new(
            &SOURCE_NO_TEXT,
            reason,
            "run OCR (e.g. `ocrmypdf scan.pdf scan-ocr.pdf`) and cite the result",
        ));
    }
    Ok(Extracted {
        text: writer.text,
        pieces: writer.pieces,
        ..Extracted::default()
    })
}

fn malformed(reason: impl std::fmt::Display) -> Failure {
    Failure::new(
        &SOURCE_MALFORMED,
        format!("the PDF is broken: {reason}"),
        HELP_BROKEN,
    )
}

/// Walk the page tree from the catalog, refusing a node reached twice (a cycle through
/// `/Kids`, or a node shared by two parents) and a tree deeper than any real one. The
/// reader would quietly skip such nodes; a file built so is broken or hostile.
fn check_page_tree(pdf: &Pdf) -> Result<(), Failure> {
    const MAX_DEPTH: usize = 64;
    let xref = pdf.xref();
    let Some(catalog) = xref.get::<Dict<'_>>(xref.root_id()) else {
        // No catalog: the reader found the pages by searching the file; nothing to walk.
        return Ok(());
    };
    let Some(MaybeRef::Ref(root)) = catalog.get_raw::<Dict<'_>>(b"Pages".as_slice()) else {
        return Ok(());
    };
    let mut seen: HashSet<ObjRef> = HashSet::new();
    let mut stack: Vec<(ObjRef, usize)> = vec![(root, 0)];
    while let Some((id, depth)) = stack.pop() {
        if !seen.insert(id) {
            return Err(malformed(format!(
                "its page tree reaches object {} twice (a cycle)",
                id.obj_number
            )));
        }
        if depth > MAX_DEPTH {
            return Err(malformed(format!(
                "its page tree is deeper than {MAX_DEPTH} levels"
            )));
        }
        if seen.len() > MAX_PAGES * 2 {
            break;
        }
        let Some(node) = xref.get::<Dict<'_>>(id.into()) else {
            continue;
        };
        let Some(kids) = node.get::<Array<'_>>(b"Kids".as_slice()) else {
            continue;
        };
        for kid in kids.raw_iter() {
            if let MaybeRef::Ref(r) = kid {
                stack.push((r, depth + 1));
            }
        }
    }
    Ok(())
}

/// Refuse a page whose content stream says it is an image: `guard.rs` leaves images
/// undecoded, and the reader would inflate such a stream as content.
fn check_contents(page: &Page<'_>, number: usize) -> Result<(), Failure> {
    let raw = page.raw();
    let streams: Vec<Stream<'_>> = match raw.get::<Stream<'_>>(b"Contents".as_slice()) {
        Some(s) => vec![s],
        None => raw
            .get::<Array<'_>>(b"Contents".as_slice())
            .map(|a| a.iter::<Stream<'_>>().collect())
            .unwrap_or_default(),
    };
    for s in streams {
        let image = s
            .dict()
            .get::<hayro_interpret::hayro_syntax::object::Name<'_>>(b"Subtype".as_slice())
            .is_some_and(|n| n.as_ref() == b"Image");
        if image {
            return Err(malformed(format!(
                "page {number}'s content stream is marked as an image"
            )));
        }
    }
    Ok(())
}

/// A device that keeps the glyphs a page draws, in drawing order, and nothing else.
#[derive(Default)]
struct Glyphs {
    glyphs: Vec<Glyph>,
    /// Glyphs no font maps to a character.
    unmapped: usize,
}

impl<'a> Device<'a> for Glyphs {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_glyph_run(
        &mut self,
        run: &hayro_interpret::font::GlyphRun<'_, 'a>,
        props: DrawProps<'a>,
        _: &DrawMode,
    ) {
        let vertical = matches!(
            run.writing_mode(),
            hayro_interpret::hayro_cmap::WritingMode::Vertical
        );
        for g in run.glyphs() {
            let t = props.transform * g.transform();
            let origin = t * Point::ZERO;
            // Glyph space is 1000 units to the font size.
            let size = (t * Point::new(0.0, 1000.0) - origin).hypot();
            let along = if vertical {
                t * Point::new(0.0, -1000.0) - origin
            } else {
                t * Point::new(1000.0, 0.0) - origin
            };
            let len = along.hypot();
            if !(len.is_finite() && size.is_finite() && len > 0.0) {
                continue;
            }
            let width = match &**g {
                HayroGlyph::Outline(o) => o.advance_width(),
                HayroGlyph::Type3(t3) => t3.advance_width(),
            };
            // An unknown width: half the size, as a typical glyph's.
            let advance = width.map_or(0.5 * size, |w| f64::from(w) / 1000.0 * len);
            let text = match g.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                None => {
                    self.unmapped += 1;
                    continue;
                }
            };
            self.glyphs.push(Glyph {
                x: origin.x,
                y: origin.y,
                dx: along.x / len,
                dy: along.y / len,
                advance,
                size,
                text,
            });
        }
    }
}

#[cfg(test)]
mod tests;
