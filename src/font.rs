//! The fonts citeline draws with, and text shaping that measures exactly what the PNG draws.
//!
//! A [`Fonts`] is an ordered list of faces: the built-in Noto Sans (regular, bold, italic)
//! first, DejaVu Sans (regular, bold) for the many characters Noto Sans lacks (Arabic,
//! Hebrew, Armenian, Georgian, symbols), then any fallback fonts a project adds
//! (`fonts = [...]` in `[timeline]`, `--font`). Layout measures with it, and the scene
//! carries it to the PNG renderer, which draws each text as the outlines of the very glyphs
//! measured here (`Fonts::place`): what layout measured is what the picture shows.
//!
//! Shaping: the text is split into bidi runs (a left-to-right paragraph), each shaped with
//! rustybuzz in the base face of its weight and style. While a glyph is missing, the next
//! face that has its character (one of the same weight and style first) shapes the text
//! again, and each cluster with a missing glyph takes that face's glyphs for the same
//! cluster if they are all there. A character still missing after that has no font: it
//! advances as wide as a real font would draw it (1 em for East Asian wide characters and
//! emoji, 0.6 em otherwise), draws as the face's empty box, and is reported by the
//! `missing-glyphs` rule, never left silent.
//!
//! resvg's own text layout is not used for the PNG: usvg 0.45 advances a cluster of several
//! glyphs by its widest glyph only, so Devanagari syllables (and runs of missing-glyph
//! boxes) print over the next letters, and its fallback gives up on a text when two faces
//! shape it to different numbers of glyphs.
//!
//! Each text is shaped and written inside an isolate of its own direction ([`isolate`]) when it holds
//! right-to-left characters or bidi controls: a right-to-left title reads right to left, and
//! bidi controls in one text cannot reorder anything outside it.
//!
//! Layout measures italic labels upright: Noto Sans Italic is narrower than the regular
//! face, so a box measured upright holds the slanted text.

use rustybuzz::ttf_parser;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::sync::{Arc, Mutex, OnceLock};
use unicode_bidi::{BidiInfo, Level};

/// The family of the default face, first in the SVG's `font-family`.
pub const FAMILY: &str = "Noto Sans";

/// The built-in fallback family, for characters [`FAMILY`] lacks.
pub const FALLBACK_FAMILY: &str = "DejaVu Sans";

static NOTO_REGULAR: &[u8] = include_bytes!("../assets/fonts/NotoSans-Regular.ttf");
static NOTO_BOLD: &[u8] = include_bytes!("../assets/fonts/NotoSans-Bold.ttf");
static NOTO_ITALIC: &[u8] = include_bytes!("../assets/fonts/NotoSans-Italic.ttf");

/// The largest font file a project may add (a full CJK collection is about 20 MiB).
pub const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// One face of a font file, parsed once.
struct Face {
    shaper: rustybuzz::Face<'static>,
    data: &'static [u8],
    index: u32,
    family: String,
    bold: bool,
    italic: bool,
}

struct Inner {
    faces: Vec<Face>,
    /// Where each added file came from, in order (for `Debug`).
    files: Vec<String>,
    /// Shape plans, made once per face, direction, script and language: making one costs
    /// far more than shaping a label with it.
    plans: Mutex<HashMap<PlanKey, Arc<rustybuzz::ShapePlan>>>,
    /// Which characters below [`COVERED_BELOW`] the regular and the bold base face map, as
    /// bits, filled on first use: checking every text for missing glyphs would otherwise
    /// look each character up in the face's tables.
    covered: [std::sync::OnceLock<Vec<u64>>; 2],
}

/// Characters below this have their coverage by the base faces cached (Latin, Greek,
/// Cyrillic, Armenian, Hebrew, Arabic and the general punctuation among them).
const COVERED_BELOW: u32 = 0x3000;

type PlanKey = (
    usize,
    rustybuzz::Direction,
    rustybuzz::Script,
    Option<rustybuzz::Language>,
);

impl Inner {
    fn new(faces: Vec<Face>, files: Vec<String>) -> Self {
        Inner {
            faces,
            files,
            plans: Mutex::new(HashMap::new()),
            covered: Default::default(),
        }
    }
}

/// An ordered set of font faces: the built-in ones, then fallback files. Cheap to clone.
///
/// ```
/// use citeline::font::Fonts;
/// let fonts = Fonts::default();
/// assert!(fonts.text_width("Bishkek", 12.0, false) > 30.0);
/// assert_eq!(fonts.missing("Bishkek 北京", false), vec!['北', '京']);
/// assert!(Fonts::default().with_font("notes.txt", b"not a font".to_vec()).is_err());
/// ```
#[derive(Clone)]
pub struct Fonts(Arc<Inner>);

/// Why a file cannot serve as a font.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FontError {
    /// The file as the user named it.
    pub name: String,
    /// What is wrong with it, as a clause: "it is not a font …", "No such file …".
    pub reason: String,
}

impl fmt::Display for FontError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot use `{}` as a font: {}", self.name, self.reason)
    }
}

impl std::error::Error for FontError {}

impl Default for Fonts {
    /// The built-in faces only.
    fn default() -> Self {
        static BUILT_IN: OnceLock<Fonts> = OnceLock::new();
        BUILT_IN
            .get_or_init(|| {
                let faces = [
                    NOTO_REGULAR,
                    NOTO_BOLD,
                    NOTO_ITALIC,
                    dejavu::sans::regular(),
                    dejavu::sans::bold(),
                ]
                .into_iter()
                // The bytes are compiled in: failing to parse them is a build defect.
                .map(|data| parse_face(data, 0).expect("built-in font parses"))
                .collect();
                Fonts(Arc::new(Inner::new(faces, Vec::new())))
            })
            .clone()
    }
}

impl fmt::Debug for Fonts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fonts")
            .field("families", &self.families())
            .field("files", &self.0.files)
            .finish()
    }
}

impl PartialEq for Fonts {
    /// The same faces from the same bytes, in the same order.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
            || (self.0.faces.len() == other.0.faces.len()
                && self
                    .0
                    .faces
                    .iter()
                    .zip(&other.0.faces)
                    .all(|(a, b)| std::ptr::eq(a.data, b.data) && a.index == b.index))
    }
}

fn parse_face(data: &'static [u8], index: u32) -> Option<Face> {
    let shaper = rustybuzz::Face::from_slice(data, index)?;
    let family = family_name(&shaper)?;
    let bold = shaper.is_bold() || shaper.weight().to_number() >= 600;
    let italic = shaper.is_italic() || shaper.is_oblique();
    Some(Face {
        shaper,
        data,
        index,
        family,
        bold,
        italic,
    })
}

/// The face's family as CSS names it: the typographic family if any, else the family.
fn family_name(face: &ttf_parser::Face) -> Option<String> {
    let names = face.names();
    let find = |id| {
        names
            .into_iter()
            .filter(|n| n.name_id == id && n.is_unicode())
            .find_map(|n| n.to_string())
    };
    find(ttf_parser::name_id::TYPOGRAPHIC_FAMILY)
        .or_else(|| find(ttf_parser::name_id::FAMILY))
        .map(|n| {
            n.chars()
                .filter(|c| !c.is_control() && !"\"'\\;<>&".contains(*c))
                .collect()
        })
        .filter(|n: &String| !n.trim().is_empty())
}

/// Font bytes kept for the life of the process, once per distinct content: faces borrow
/// them, and a run loads a handful of fonts at most.
fn keep(bytes: Vec<u8>) -> &'static [u8] {
    use sha2::{Digest, Sha256};
    static KEPT: OnceLock<Mutex<HashMap<[u8; 32], &'static [u8]>>> = OnceLock::new();
    let digest: [u8; 32] = Sha256::digest(&bytes).into();
    let mut kept = KEPT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    kept.entry(digest)
        .or_insert_with(|| Box::leak(bytes.into_boxed_slice()))
}

/// One shaped glyph.
#[derive(Clone, Copy)]
struct Glyph {
    /// Byte offset of its cluster in the shaped text.
    byte: usize,
    /// Index of its face.
    face: usize,
    id: u16,
    /// Advance and offsets in em (offsets y up, as fonts have them).
    advance: f64,
    dx: f64,
    dy: f64,
}

/// What shaping a text found: its glyphs in visual order, its advance in em and the
/// characters no face drew.
struct Shaped {
    glyphs: Vec<Glyph>,
    width: f64,
    missing: Vec<char>,
}

/// A glyph of a drawn text: its face, its id, and where its origin sits in pixels from the
/// start of the text on the baseline (y down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct PlacedGlyph {
    pub face: usize,
    pub id: u16,
    pub x: f64,
    pub y: f64,
}

impl Fonts {
    /// These fonts and, after them, every face of the font file `bytes` (`name` is how the
    /// user wrote the file, for messages). The bytes are kept for the life of the process,
    /// once per distinct content, since the faces borrow them.
    pub fn with_font(&self, name: &str, bytes: Vec<u8>) -> Result<Fonts, FontError> {
        let error = || FontError {
            name: name.to_owned(),
            reason: "it is not a TrueType or OpenType font (.ttf, .otf, .ttc)".to_owned(),
        };
        let count = ttf_parser::fonts_in_collection(&bytes).unwrap_or(1);
        if count == 0 || count > 64 {
            return Err(error());
        }
        // Parse before keeping, so that a file that is no font is not kept either.
        if (0..count).any(|i| ttf_parser::Face::parse(&bytes, i).is_err()) {
            return Err(error());
        }
        let data = keep(bytes);
        let mut faces = Vec::new();
        for index in 0..count {
            faces.push(parse_face(data, index).ok_or_else(error)?);
        }
        let mut all = Vec::with_capacity(self.0.faces.len() + faces.len());
        for f in &self.0.faces {
            all.push(parse_face(f.data, f.index).ok_or_else(error)?);
        }
        all.extend(faces);
        let mut files = self.0.files.clone();
        files.push(name.to_owned());
        Ok(Fonts(Arc::new(Inner::new(all, files))))
    }

    /// These fonts and, after them, the font file at `path`, read through the
    /// [`MAX_FONT_BYTES`] cap. For `--font`: a project's own fonts are listed in `[timeline]`.
    pub fn with_file(&self, path: &std::path::Path) -> Result<Fonts, FontError> {
        let name = path.display().to_string();
        let bytes = crate::bounded::read_capped(path, MAX_FONT_BYTES).map_err(|e| FontError {
            name: name.clone(),
            reason: e.to_string(),
        })?;
        self.with_font(&name, bytes)
    }

    /// The family names in order of preference, each once: what the SVG's `font-family`
    /// lists before the generic `sans-serif`.
    pub fn families(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for f in &self.0.faces {
            if !out.contains(&f.family.as_str()) {
                out.push(&f.family);
            }
        }
        out
    }

    /// Advance width in pixels of `text` drawn alone at `size` (CSS `font-size`), shaped as
    /// the PNG shapes it, inside a first-strong isolate. Characters no face has count as
    /// wide as a real font would draw them.
    pub fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        self.styled_width(text, size, bold, false)
    }

    /// [`Fonts::text_width`] in the italic face when `italic`: what a slanted text really
    /// takes, for placing what follows it (upright widths, a little wider, serve to wrap).
    pub fn styled_width(&self, text: &str, size: f64, bold: bool, italic: bool) -> f64 {
        if text.is_empty() {
            return 0.0;
        }
        (self.shape(text, bold, italic).width + self.emoji_room(text, bold, italic)) * size
    }

    /// What browsers add to `text`, in em: a character shown as an emoji by default (or
    /// asked to be, with U+FE0F) is drawn from a colour emoji face, about [`EMOJI_EM`] wide,
    /// even where one of our faces has a narrower text glyph for it.
    fn emoji_room(&self, text: &str, bold: bool, italic: bool) -> f64 {
        use unicode_properties::{EmojiStatus, UnicodeEmoji};
        let mut extra = 0.0;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_ascii() {
                continue;
            }
            let asked = chars.peek() == Some(&'\u{FE0F}');
            let shown = matches!(
                c.emoji_status(),
                EmojiStatus::EmojiPresentation
                    | EmojiStatus::EmojiPresentationAndModifierBase
                    | EmojiStatus::EmojiPresentationAndEmojiComponent
                    | EmojiStatus::EmojiPresentationAndModifierAndEmojiComponent
            );
            if asked || shown {
                let mut buf = [0u8; 4];
                let own = self.shape(c.encode_utf8(&mut buf), bold, italic).width;
                extra += (EMOJI_EM - own).max(0.0);
            }
        }
        extra
    }

    /// The characters of `text` that no face draws (each once, in order of appearance; a
    /// cluster is named by its first character).
    pub fn missing(&self, text: &str, bold: bool) -> Vec<char> {
        let base_index = self.base_index(bold, false);
        let base = &self.0.faces[base_index].shaper;
        let covered = self.0.covered[usize::from(bold)].get_or_init(|| {
            let mut bits = vec![0u64; (COVERED_BELOW / 64) as usize];
            for code in 0..COVERED_BELOW {
                if char::from_u32(code).is_some_and(|c| base.glyph_index(c).is_some()) {
                    bits[(code / 64) as usize] |= 1 << (code % 64);
                }
            }
            bits
        });
        let maps = |c: char| {
            let code = u32::from(c);
            if code < COVERED_BELOW {
                covered[(code / 64) as usize] & (1 << (code % 64)) != 0
            } else {
                base.glyph_index(c).is_some()
            }
        };
        // Shaping never loses a character the base face maps, so most texts need no shaping.
        if text.chars().all(|c| maps(c) || is_bidi_control(c)) {
            return Vec::new();
        }
        self.shape(text, bold, false).missing
    }

    /// Ascent and descent (positive, below the baseline) of the default face at `size`.
    pub fn vertical_metrics(&self, size: f64, bold: bool) -> (f64, f64) {
        let face = &self.0.faces[self.base_index(bold, false)].shaper;
        let upem = f64::from(face.units_per_em());
        (
            f64::from(face.ascender()) / upem * size,
            -f64::from(face.descender()) / upem * size,
        )
    }

    /// The face text of this weight and style starts in: the default family's closest face.
    fn base_index(&self, bold: bool, italic: bool) -> usize {
        let faces = &self.0.faces;
        let family = &faces[0].family;
        let score = |f: &Face| (f.italic == italic) as u8 * 2 + (f.bold == bold) as u8;
        (0..faces.len())
            .filter(|&i| &faces[i].family == family)
            .max_by_key(|&i| (score(&faces[i]), std::cmp::Reverse(i)))
            .unwrap_or(0)
    }

    /// The face to try for `c` after the faces `used` (the first is the base face) have
    /// left it missing: the first other face that has `c`, one of the base face's weight
    /// and style if any has it.
    fn fallback_index(&self, c: char, used: &[usize]) -> Option<usize> {
        let faces = &self.0.faces;
        let base = &faces[*used.first()?];
        let candidates = || {
            (0..faces.len())
                .filter(|i| !used.contains(i))
                .filter(|&i| faces[i].shaper.glyph_index(c).is_some())
        };
        candidates()
            .find(|&i| faces[i].bold == base.bold && faces[i].italic == base.italic)
            .or_else(|| candidates().next())
    }

    /// Shapes the isolated `text` in the base face of its weight and style, then fills
    /// each cluster with a missing glyph from the first fallback face that shapes the same
    /// cluster without one. Missing glyphs that remain advance as wide as a real font
    /// would draw their character.
    fn shape(&self, text: &str, bold: bool, italic: bool) -> Shaped {
        let text = isolate(text);
        // A text left as it was has no right-to-left character: one left-to-right run.
        let ltr = matches!(text, Cow::Borrowed(_));
        let base = self.base_index(bold, italic);
        let mut glyphs = self.shape_with(base, &text, ltr);
        let mut used = vec![base];
        loop {
            let next = glyphs
                .iter()
                .filter(|g| g.id == 0)
                .find_map(|g| self.fallback_index(char_at(&text, g.byte), &used));
            let Some(next) = next else {
                break;
            };
            used.push(next);
            let more = self.shape_with(next, &text, ltr);
            glyphs = merge(&glyphs, &more, text.len());
        }
        let mut width = 0.0;
        let mut missing = Vec::new();
        for g in &mut glyphs {
            if g.id == 0 {
                let c = char_at(&text, g.byte);
                g.advance = g.advance.max(stand_in_width(c));
                if !missing.contains(&c) {
                    missing.push(c);
                }
            }
            width += g.advance;
        }
        Shaped {
            glyphs,
            width,
            missing,
        }
    }

    /// Bidi runs of a left-to-right paragraph, in visual order, each shaped in its
    /// direction with kerning; `ltr` says the text is one left-to-right run.
    fn shape_with(&self, face_index: usize, text: &str, ltr: bool) -> Vec<Glyph> {
        let face = &self.0.faces[face_index].shaper;
        let upem = f64::from(face.units_per_em());
        // Each run with whether it reads left to right.
        let runs: Vec<(std::ops::Range<usize>, bool)> = if ltr {
            vec![(0..text.len(), true)]
        } else {
            let bidi = BidiInfo::new(text, Some(Level::ltr()));
            let Some(paragraph) = bidi.paragraphs.first() else {
                return Vec::new();
            };
            let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
            runs.into_iter()
                .map(|r| {
                    let ltr = levels[r.start].is_ltr();
                    (r, ltr)
                })
                .collect()
        };
        let mut glyphs = Vec::new();
        for (run, run_ltr) in runs {
            let sub = &text[run.clone()];
            if sub.is_empty() {
                continue;
            }
            let mut buffer = rustybuzz::UnicodeBuffer::new();
            buffer.push_str(sub);
            buffer.set_direction(if run_ltr {
                rustybuzz::Direction::LeftToRight
            } else {
                rustybuzz::Direction::RightToLeft
            });
            buffer.guess_segment_properties();
            let plan = self.plan(face_index, &buffer);
            let output = rustybuzz::shape_with_plan(face, &plan, buffer);
            for (info, pos) in output.glyph_infos().iter().zip(output.glyph_positions()) {
                glyphs.push(Glyph {
                    byte: run.start + info.cluster as usize,
                    face: face_index,
                    id: info.glyph_id as u16,
                    advance: f64::from(pos.x_advance) / upem,
                    dx: f64::from(pos.x_offset) / upem,
                    dy: f64::from(pos.y_offset) / upem,
                });
            }
        }
        glyphs
    }

    /// The shape plan for `buffer` (its properties guessed) in face `face_index`.
    fn plan(
        &self,
        face_index: usize,
        buffer: &rustybuzz::UnicodeBuffer,
    ) -> Arc<rustybuzz::ShapePlan> {
        let key = (
            face_index,
            buffer.direction(),
            buffer.script(),
            buffer.language(),
        );
        let mut plans = self.0.plans.lock().unwrap_or_else(|e| e.into_inner());
        plans
            .entry(key)
            .or_insert_with(|| {
                Arc::new(rustybuzz::ShapePlan::new(
                    &self.0.faces[face_index].shaper,
                    buffer.direction(),
                    Some(buffer.script()),
                    buffer.language().as_ref(),
                    &[],
                ))
            })
            .clone()
    }

    /// The glyphs of `text` drawn at `size` (italic from the italic face), placed from its
    /// start on the baseline, and its advance: what the PNG draws.
    pub(crate) fn place(
        &self,
        text: &str,
        size: f64,
        bold: bool,
        italic: bool,
    ) -> (Vec<PlacedGlyph>, f64) {
        let shaped = self.shape(text, bold, italic);
        let mut x = 0.0;
        let mut placed = Vec::with_capacity(shaped.glyphs.len());
        for g in &shaped.glyphs {
            placed.push(PlacedGlyph {
                face: g.face,
                id: g.id,
                x: (x + g.dx) * size,
                y: -g.dy * size,
            });
            x += g.advance;
        }
        (placed, shaped.width * size)
    }

    /// Units per em of face `face`.
    pub(crate) fn units_per_em(&self, face: usize) -> f64 {
        self.0
            .faces
            .get(face)
            .map_or(1000.0, |f| f64::from(f.shaper.units_per_em()))
    }

    /// The outline of glyph `id` of face `face` as SVG path data in font units, y up;
    /// `None` for a glyph with no outline (a space).
    pub(crate) fn glyph_path(&self, face: usize, id: u16) -> Option<String> {
        struct Path(String);
        impl ttf_parser::OutlineBuilder for Path {
            fn move_to(&mut self, x: f32, y: f32) {
                let _ = write!(self.0, "M{x} {y}");
            }
            fn line_to(&mut self, x: f32, y: f32) {
                let _ = write!(self.0, "L{x} {y}");
            }
            fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
                let _ = write!(self.0, "Q{x1} {y1} {x} {y}");
            }
            fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
                let _ = write!(self.0, "C{x1} {y1} {x2} {y2} {x} {y}");
            }
            fn close(&mut self) {
                self.0.push('Z');
            }
        }
        let face = &self.0.faces.get(face)?.shaper;
        let mut path = Path(String::new());
        face.outline_glyph(ttf_parser::GlyphId(id), &mut path)?;
        Some(path.0).filter(|p| !p.is_empty())
    }
}

/// `glyphs` with each stretch of text that has a missing glyph drawn from `more` instead,
/// if `more` has every glyph of it. A stretch lies between byte offsets where both
/// shapings start a cluster, so a syllable that one face shapes as one cluster and the
/// other as several is replaced whole or not at all.
fn merge(glyphs: &[Glyph], more: &[Glyph], text_len: usize) -> Vec<Glyph> {
    use std::collections::BTreeSet;
    let mine: BTreeSet<usize> = glyphs.iter().map(|g| g.byte).collect();
    let theirs: BTreeSet<usize> = more.iter().map(|g| g.byte).collect();
    let mut common: Vec<usize> = mine.intersection(&theirs).copied().collect();
    common.push(text_len);
    let stretch = |byte: usize| common.partition_point(|&b| b <= byte).saturating_sub(1);
    let mut missing = vec![false; common.len()];
    let mut complete = vec![true; common.len()];
    for g in glyphs {
        missing[stretch(g.byte)] |= g.id == 0;
    }
    for g in more {
        complete[stretch(g.byte)] &= g.id != 0;
    }
    let mut done = vec![false; common.len()];
    let mut out = Vec::with_capacity(glyphs.len());
    for g in glyphs {
        let at = stretch(g.byte);
        if done[at] {
            continue;
        }
        done[at] = true;
        let from = if missing[at] && complete[at] {
            more
        } else {
            glyphs
        };
        out.extend(from.iter().filter(|h| stretch(h.byte) == at));
    }
    out
}

fn char_at(text: &str, byte: usize) -> char {
    text.get(byte..)
        .and_then(|s| s.chars().next())
        .unwrap_or('\u{FFFD}')
}

/// How wide, in em, a colour emoji face draws an emoji (Noto Color Emoji: 1.245), with room.
const EMOJI_EM: f64 = 1.3;

/// How wide, in em, a real font draws a character none of ours has: East Asian wide
/// characters and emoji a full em (emoji get the rest of [`EMOJI_EM`] from
/// `Fonts::emoji_room`), others a little over half.
fn stand_in_width(c: char) -> f64 {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F000..=0x1FAFF
        | 0x2600..=0x27BF | 0x20000..=0x3FFFD);
    if wide {
        1.0
    } else {
        0.6
    }
}

/// Whether `c` is a bidi control: an embedding, override or isolate, their terminators, or
/// a directional mark.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` as one isolate, its own bidi controls balanced: a terminator without an opener is
/// dropped and openers left open are closed, so nothing in `text` can reorder what stands
/// beside it. The isolate is left-to-right (U+2066 … U+2069) or right-to-left (U+2067 …
/// U+2069) after the first strong character outside nested isolates (the rule of a
/// first-strong isolate, decided here because renderers differ on it), so a right-to-left
/// text reads right to left. The SVG writes every line so, and measuring shapes it so. A
/// text with no right-to-left character and no bidi control reads the same either way and
/// is left as it is.
///
/// ```
/// use citeline::font::isolate;
/// assert_eq!(isolate("NATO"), "NATO");
/// assert_eq!(isolate("الناتو NATO"), "\u{2067}الناتو NATO\u{2069}");
/// // An isolated title does not turn the marks after it right-to-left.
/// assert_eq!(isolate("\u{2067}الناتو\u{2069} [1]"), "\u{2066}\u{2067}الناتو\u{2069} [1]\u{2069}");
/// // An override left open is closed inside the isolate; a stray terminator is dropped.
/// assert_eq!(isolate("\u{202E}abc"), "\u{2066}\u{202E}abc\u{202C}\u{2069}");
/// assert_eq!(isolate("a\u{2069}b"), "\u{2066}ab\u{2069}");
/// ```
pub fn isolate(text: &str) -> Cow<'_, str> {
    use unicode_bidi::BidiClass::{AL, AN, L, R};
    let needed = text.chars().any(|c| {
        !c.is_ascii() && (is_bidi_control(c) || matches!(unicode_bidi::bidi_class(c), R | AL | AN))
    });
    if !needed {
        return Cow::Borrowed(text);
    }
    let mut body = String::with_capacity(text.len() + 8);
    // Open embeddings and isolates, innermost last; `true` for an isolate.
    let mut open: Vec<bool> = Vec::new();
    for c in text.chars() {
        match c {
            '\u{202A}'..='\u{202E}' if c != '\u{202C}' => open.push(false),
            '\u{2066}'..='\u{2068}' => open.push(true),
            '\u{202C}' => {
                // A PDF closes an embedding only inside the innermost isolate.
                if open.last() != Some(&false) {
                    continue;
                }
                open.pop();
            }
            '\u{2069}' => {
                // A PDI closes the innermost isolate and every embedding inside it.
                let Some(at) = open.iter().rposition(|&isolate| isolate) else {
                    continue;
                };
                for _ in at + 1..open.len() {
                    body.push('\u{202C}');
                }
                open.truncate(at);
            }
            _ => {}
        }
        body.push(c);
    }
    for isolate in open.into_iter().rev() {
        body.push(if isolate { '\u{2069}' } else { '\u{202C}' });
    }
    let mut depth = 0usize;
    let mut rtl = false;
    for c in body.chars() {
        match c {
            '\u{2066}'..='\u{2068}' => depth += 1,
            '\u{2069}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => match unicode_bidi::bidi_class(c) {
                L => break,
                R | AL => {
                    rtl = true;
                    break;
                }
                _ => {}
            },
            _ => {}
        }
    }
    let mut out = String::with_capacity(body.len() + 6);
    out.push(if rtl { '\u{2067}' } else { '\u{2066}' });
    out.push_str(&body);
    out.push('\u{2069}');
    Cow::Owned(out)
}

/// Whether `text` holds a bidi control character (which [`isolate`] balances).
pub fn has_bidi_controls(text: &str) -> bool {
    text.chars().any(is_bidi_control)
}

/// Advance width of `text` at `size` with the built-in fonts alone: exact for texts the
/// built-in fonts cover whatever fallback fonts a project adds, such as dates and numbers.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    Fonts::default().text_width(text, size, bold)
}

/// Ascent and descent of the default face at `size`; fallback fonts do not change them.
pub fn vertical_metrics(size: f64, bold: bool) -> (f64, f64) {
    Fonts::default().vertical_metrics(size, bold)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        let narrow = text_width("iiii", 12.0, false);
        let wide = text_width("WWWW", 12.0, false);
        assert!(wide > 2.0 * narrow, "{wide} vs {narrow}");
        let double = text_width("WWWW", 24.0, false);
        assert!((double - 2.0 * wide).abs() < 0.01);
        assert!(text_width("Bishkek", 12.0, true) > text_width("Bishkek", 12.0, false));
        assert_eq!(text_width("", 12.0, false), 0.0);
    }

    #[test]
    fn emoji_take_a_colour_emoji_faces_room_and_text_symbols_do_not() {
        let fonts = Fonts::default();
        // ✅ and ⏳ are shown as emoji by default; ❤ only with U+FE0F; © and ↔ stay text.
        for emoji in ["✅", "⏳", "🚀", "❤\u{FE0F}"] {
            let w = fonts.text_width(emoji, 20.0, false);
            assert!(w >= EMOJI_EM * 20.0 - 0.01, "{emoji}: {w}");
        }
        for text in ["©", "↔", "A"] {
            let plain = fonts.shape(text, false, false).width * 20.0;
            assert_eq!(fonts.text_width(text, 20.0, false), plain, "{text}");
        }
    }

    #[test]
    fn em_size_matches_css() {
        // Noto Sans "M" advances 907/1000 em; at 20 px that is 18.14 px.
        let m = text_width("M", 20.0, false);
        assert!((m - 18.14).abs() < 0.05, "{m}");
    }

    #[test]
    fn the_isolate_marks_take_no_room() {
        let fonts = Fonts::default();
        assert!(fonts.missing("NATO", false).is_empty());
        let m = fonts.text_width("M", 20.0, false);
        assert!((m - 18.14).abs() < 0.05, "{m}");
    }

    #[test]
    fn dejavu_covers_what_noto_sans_lacks() {
        let fonts = Fonts::default();
        // Arabic and arrows are in DejaVu Sans only.
        assert!(fonts.missing("الناتو ← NATO", false).is_empty());
        assert!(fonts.missing("Москва, Ελλάδα, Việt Nam", true).is_empty());
        // Chinese, Devanagari and emoji are in neither.
        // A cluster is named by its first character: स्ते is स and त.
        assert_eq!(
            fonts.missing("北京 नमस्ते 🙂", false),
            ['北', '京', 'न', 'म', 'स', 'त', '🙂']
        );
    }

    #[test]
    fn missing_characters_are_measured_as_a_real_font_draws_them() {
        let fonts = Fonts::default();
        let two = fonts.text_width("北京", 10.0, false);
        assert!(two >= 20.0, "{two}");
        let emoji = fonts.text_width("🙂", 10.0, false);
        assert!(emoji >= 10.0, "{emoji}");
    }

    #[test]
    fn isolates_balance_what_the_text_leaves_open() {
        assert_eq!(
            isolate("\u{2067}a\u{202B}b"),
            "\u{2066}\u{2067}a\u{202B}b\u{202C}\u{2069}\u{2069}"
        );
        // A PDI inside closes the embeddings opened after its isolate.
        assert_eq!(
            isolate("\u{2066}\u{202D}x\u{2069}y"),
            "\u{2066}\u{2066}\u{202D}x\u{202C}\u{2069}y\u{2069}"
        );
        // A PDF outside any embedding is dropped.
        assert_eq!(isolate("\u{202C}z"), "\u{2066}z\u{2069}");
        // Hebrew first: right to left; only neutrals outside an isolate: left to right.
        assert_eq!(isolate("שלום NATO"), "\u{2067}שלום NATO\u{2069}");
        assert_eq!(
            isolate("\u{2067}שלום\u{2069} [1]"),
            "\u{2066}\u{2067}שלום\u{2069} [1]\u{2069}"
        );
        assert_eq!(isolate("Ош, 東京"), "Ош, 東京");
        assert!(has_bidi_controls("a\u{200F}b"));
        assert!(!has_bidi_controls("abc"));
    }

    #[test]
    fn a_file_that_is_no_font_is_refused() {
        let e = Fonts::default()
            .with_font("x.ttf", b"\0\x01\0\0garbage".to_vec())
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot use `x.ttf` as a font: it is not a TrueType or OpenType font (.ttf, .otf, .ttc)"
        );
        let e = Fonts::default()
            .with_file(std::path::Path::new("/no/such/font.ttf"))
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("cannot use `/no/such/font.ttf` as a font: "),
            "{e}"
        );
        assert!(Fonts::default().with_font("e.ttf", Vec::new()).is_err());
    }

    #[test]
    fn fonts_cross_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Fonts>();
    }

    #[test]
    fn added_fonts_come_after_the_built_in_ones() {
        let fonts = Fonts::default()
            .with_font("dejavu.ttf", dejavu::sans::regular().to_vec())
            .unwrap();
        assert_eq!(fonts.families(), ["Noto Sans", "DejaVu Sans"]);
        assert_ne!(fonts, Fonts::default());
        assert_eq!(fonts.clone(), fonts);
        assert_eq!(Fonts::default(), Fonts::default());
    }
}
