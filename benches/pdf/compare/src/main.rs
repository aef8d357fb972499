//! One PDF, one reader: `pdf-compare MODE FILE.pdf OUT.txt` writes the text MODE extracts
//! (pages separated by a form feed) and prints `STATUS<TAB>MILLISECONDS<TAB>MESSAGE`, STATUS
//! being `ok`, `err` or `panic`. A crash (stack overflow, abort) or a hang is seen by the
//! driver (`run.py`), which runs each file in its own process under a timeout.
//!
//! Modes, each a crate's own text API or its positioned glyphs put into lines by one shared
//! assembler (`lines`), so that the crates' glyph layers are compared on equal terms:
//!
//! - `pdf-extract`: `pdf_extract::extract_text_from_mem_by_pages`;
//! - `pdf-extract-glyphs`: its `OutputDev` characters, through `lines`;
//! - `lopdf`: `lopdf::Document::extract_text`, page by page;
//! - `oxide`: `pdf_oxide::PdfDocument::extract_text`, page by page;
//! - `oxide-glyphs`: `PdfDocument::extract_chars`, through `lines`;
//! - `hayro-glyphs`: `hayro_interpret` glyph runs and `Glyph::as_unicode`, through `lines`;
//! - `pdf-rs`: the `pdf` crate has no text extractor: its content operators walked with the
//!   font's `ToUnicode` map (else Latin-1), a line break at each text move down.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

type Pages = Vec<String>;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, mode, input, output] = args.as_slice() else {
        eprintln!("usage: pdf-compare MODE FILE.pdf OUT.txt");
        std::process::exit(2);
    };
    let bytes = std::fs::read(input).expect("readable input");
    std::panic::set_hook(Box::new(|_| {}));
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| run(mode, &bytes)));
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let (status, message, text) = match result {
        Ok(Ok(pages)) => ("ok", String::new(), pages.join("\u{c}")),
        Ok(Err(e)) => ("err", e, String::new()),
        Err(p) => {
            let m = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            ("panic", m, String::new())
        }
    };
    std::fs::write(output, text).expect("writable output");
    let message: String = message.replace(['\n', '\t'], " ").chars().take(200).collect();
    println!("{status}\t{ms:.2}\t{message}");
}

fn run(mode: &str, bytes: &[u8]) -> Result<Pages, String> {
    match mode {
        "pdf-extract" => pdf_extract::extract_text_from_mem_by_pages(bytes).map_err(|e| e.to_string()),
        "pdf-extract-glyphs" => pdf_extract_glyphs(bytes),
        "lopdf" => lopdf_text(bytes),
        "oxide" => oxide_text(bytes),
        "oxide-glyphs" => oxide_glyphs(bytes),
        "hayro-glyphs" => hayro_glyphs(bytes),
        "pdf-rs" => pdf_rs_text(bytes),
        _ => Err(format!("unknown mode {mode}")),
    }
}

/// A glyph on a page: its origin, its advance along the baseline and its size, in page
/// units, and its text.
struct Glyph {
    x: f64,
    y: f64,
    advance: f64,
    size: f64,
    text: String,
}

/// The shared assembler: glyphs in content-stream order; a new line where the baseline
/// moves by more than half the font size or the text jumps back left; a space where the
/// gap from the previous glyph's end exceeds 0.15 of the font size. No reordering.
fn lines(glyphs: &[Glyph]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in glyphs {
        if g.text.chars().all(char::is_whitespace) {
            if !out.ends_with([' ', '\n']) && !out.is_empty() {
                out.push(' ');
            }
            prev = Some(g);
            continue;
        }
        if let Some(p) = prev {
            let size = p.size.max(g.size).max(1e-3);
            let end = p.x + p.advance;
            if (g.y - p.y).abs() > size * 0.5 || g.x < p.x - size {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push('\n');
            } else if g.x - end > size * 0.15 && !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
        }
        out.push_str(&g.text);
        prev = Some(g);
    }
    out
}

struct ExtractDev {
    pages: Pages,
    glyphs: Vec<Glyph>,
}

impl pdf_extract::OutputDev for ExtractDev {
    fn begin_page(
        &mut self,
        _: u32,
        _: &pdf_extract::MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.glyphs.clear();
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.pages.push(lines(&self.glyphs));
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        self.glyphs.push(Glyph {
            x: trm.m31,
            y: trm.m32,
            advance: width * font_size * scale,
            size: font_size * scale,
            text: text.to_string(),
        });
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

fn pdf_extract_glyphs(bytes: &[u8]) -> Result<Pages, String> {
    let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    let mut dev = ExtractDev { pages: Vec::new(), glyphs: Vec::new() };
    pdf_extract::output_doc(&doc, &mut dev).map_err(|e| e.to_string())?;
    Ok(dev.pages)
}

fn lopdf_text(bytes: &[u8]) -> Result<Pages, String> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut pages = Vec::new();
    for n in numbers {
        pages.push(doc.extract_text(&[n]).map_err(|e| e.to_string())?);
    }
    Ok(pages)
}

fn oxide_text(bytes: &[u8]) -> Result<Pages, String> {
    let doc = pdf_oxide::PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| e.to_string())?;
    let n = doc.page_count().map_err(|e| e.to_string())?;
    (0..n).map(|i| doc.extract_text(i).map_err(|e| e.to_string())).collect()
}

fn oxide_glyphs(bytes: &[u8]) -> Result<Pages, String> {
    let doc = pdf_oxide::PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| e.to_string())?;
    let n = doc.page_count().map_err(|e| e.to_string())?;
    let mut pages = Vec::new();
    for i in 0..n {
        let chars = doc.extract_chars(i).map_err(|e| e.to_string())?;
        let glyphs: Vec<Glyph> = chars
            .iter()
            .map(|c| Glyph {
                x: c.origin_x as f64,
                y: c.origin_y as f64,
                advance: c.advance_width as f64,
                size: c.font_size as f64,
                text: c.char.to_string(),
            })
            .collect();
        pages.push(lines(&glyphs));
    }
    Ok(pages)
}

struct HayroDev {
    glyphs: Vec<Glyph>,
}

impl<'a> hayro_interpret::Device<'a> for HayroDev {
    fn draw_path(&mut self, _: &kurbo::BezPath, _: hayro_interpret::DrawProps<'a>, _: &hayro_interpret::DrawMode) {}
    fn push_clip_path(&mut self, _: &hayro_interpret::ClipPath) {}
    fn push_transparency_group(
        &mut self,
        _: f32,
        _: Option<hayro_interpret::SoftMask<'a>>,
        _: hayro_interpret::BlendMode,
    ) {
    }
    fn draw_glyph_run(
        &mut self,
        run: &hayro_interpret::font::GlyphRun<'_, 'a>,
        props: hayro_interpret::DrawProps<'a>,
        _: &hayro_interpret::DrawMode,
    ) {
        use hayro_interpret::font::Glyph as G;
        for g in run.glyphs() {
            let t = props.transform * g.transform();
            let origin = t * kurbo::Point::ZERO;
            let adv = match &**g {
                G::Outline(o) => o.advance_width().unwrap_or(0.0),
                G::Type3(t3) => t3.advance_width().unwrap_or(0.0),
            } as f64;
            let advance = (t * kurbo::Point::new(adv, 0.0) - origin).hypot();
            let size = (t * kurbo::Point::new(0.0, 1000.0) - origin).hypot();
            let text = match g.as_unicode() {
                Some(hayro_cmap::BfString::Char(c)) => c.to_string(),
                Some(hayro_cmap::BfString::String(s)) => s,
                None => "\u{fffd}".to_string(),
            };
            self.glyphs.push(Glyph { x: origin.x, y: origin.y, advance, size, text });
        }
    }
    fn draw_image(&mut self, _: hayro_interpret::Image<'a, '_>, _: hayro_interpret::ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

fn hayro_glyphs(bytes: &[u8]) -> Result<Pages, String> {
    use hayro_interpret::{interpret_page, Context, InterpreterCache, InterpreterSettings};
    let pdf = hayro_syntax::Pdf::new(bytes.to_vec()).map_err(|e| format!("{e:?}"))?;
    let cache = InterpreterCache::new();
    let mut pages = Vec::new();
    for page in pdf.pages().iter() {
        let mut ctx = Context::new(
            kurbo::Affine::IDENTITY,
            kurbo::Rect::new(0.0, 0.0, 1.0, 1.0),
            &cache,
            pdf.xref(),
            InterpreterSettings::default(),
        );
        let mut dev = HayroDev { glyphs: Vec::new() };
        interpret_page(page, &mut ctx, &mut dev);
        pages.push(lines(&dev.glyphs));
    }
    Ok(pages)
}

fn pdf_rs_text(bytes: &[u8]) -> Result<Pages, String> {
    use pdf::content::{Op, TextDrawAdjusted};
    use pdf::file::FileOptions;
    let file = FileOptions::cached().load(bytes.to_vec()).map_err(|e| e.to_string())?;
    let resolver = file.resolver();
    let mut pages = Vec::new();
    for page in file.pages() {
        let page = page.map_err(|e| e.to_string())?;
        let mut text = String::new();
        let Some(content) = &page.contents else {
            pages.push(text);
            continue;
        };
        let ops = content.operations(&resolver).map_err(|e| e.to_string())?;
        let resources = page.resources().map_err(|e| e.to_string())?;
        let mut map: Option<pdf::font::ToUnicodeMap> = None;
        let mut two_byte = false;
        let decode = |s: &[u8], map: &Option<pdf::font::ToUnicodeMap>, two: bool, out: &mut String| {
            if two {
                for c in s.chunks(2) {
                    let code = c.iter().fold(0u16, |a, &b| a << 8 | b as u16);
                    match map.as_ref().and_then(|m| m.get(code)) {
                        Some(u) => out.push_str(u),
                        None => out.push('\u{fffd}'),
                    }
                }
            } else {
                for &b in s {
                    match map.as_ref().and_then(|m| m.get(b as u16)) {
                        Some(u) => out.push_str(u),
                        None => out.push(b as char),
                    }
                }
            }
        };
        for op in ops {
            match op {
                Op::TextFont { name, .. } => {
                    map = None;
                    two_byte = false;
                    if let Some(font) = resources.fonts.get(&name) {
                        if let Ok(font) = font.load(&resolver) {
                            two_byte = font.is_cid();
                            map = font.to_unicode(&resolver).and_then(|r| r.ok());
                        }
                    }
                }
                Op::TextDraw { text: s } => decode(s.as_bytes(), &map, two_byte, &mut text),
                Op::TextDrawAdjusted { array } => {
                    for part in array {
                        match part {
                            TextDrawAdjusted::Text(s) => decode(s.as_bytes(), &map, two_byte, &mut text),
                            TextDrawAdjusted::Spacing(n) if n < -200.0 => text.push(' '),
                            TextDrawAdjusted::Spacing(_) => {}
                        }
                    }
                }
                Op::MoveTextPosition { translation } if translation.y != 0.0 => text.push('\n'),
                Op::TextNewline | Op::SetTextMatrix { .. } | Op::EndText => text.push('\n'),
                _ => {}
            }
        }
        pages.push(text);
    }
    Ok(pages)
}
