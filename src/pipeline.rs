//! The whole run, as the command line does it and as a project's own tests want it: load
//! the events file, read the articles it cites, check; show a source's text or list its date
//! expressions;
//! draw the checked timeline in each requested format.
//!
//! The stages never call each other: loading knows nothing of articles, reading articles
//! nothing of rules about them, checking nothing of TOML. This module is where they meet.

use crate::articles::{self, Article};
use crate::check::{self, Citations};
use crate::date::Edtf;
use crate::diagnostic::{Diagnostic, Report};
use crate::font::Fonts;
use crate::glyphs;
use crate::layout::{layout, LayoutOptions};
use crate::listing::{self, DatesOptions, Listed};
use crate::load::{self, LoadError, Loaded};
use crate::model::{Source, Timeline};
use crate::render::{self, PngOptions, RenderError};
use crate::text::dates::DateOrder;
use crate::text_view::{self, TextOptions};
use std::io::{self, Write};
use std::path::Path;

/// A checked events file: the timeline and every finding. The articles were read, checked
/// and let go one at a time.
#[derive(Debug)]
pub struct Checked {
    pub timeline: Timeline,
    pub report: Report,
    /// The built-in fonts and the fallback fonts the events file lists (those that loaded):
    /// what a chart of this timeline is measured and drawn with.
    pub fonts: Fonts,
}

impl Checked {
    /// Whether the run should fail: errors, or with `deny_warnings` warnings too.
    ///
    /// ```
    /// let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("events.toml");
    /// let checked = citeline::check_file(&path).unwrap();
    /// assert!(!checked.fails(true), "the shipped data has no errors and no warnings");
    /// ```
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.report.errors() > 0 || (deny_warnings && self.report.warnings() > 0)
    }

    /// Measure with `fonts` from now on (the events file's and `--font` files): the
    /// `missing-glyphs` findings are found again with them.
    ///
    /// ```
    /// let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
    ///     .join("tests/fixtures/missing-glyphs/bad/events.toml");
    /// let mut checked = citeline::check_file(&path).unwrap();
    /// assert_eq!(checked.report.with_code("missing-glyphs").count(), 1);
    /// let font = path.with_file_name("../good/fonts/NotoSansDevanagari-Regular.ttf");
    /// let fonts = checked.fonts.with_file(&font).unwrap();
    /// checked.use_fonts(fonts);
    /// assert_eq!(checked.report.with_code("missing-glyphs").count(), 0);
    /// ```
    pub fn use_fonts(&mut self, fonts: Fonts) {
        let mut diagnostics = std::mem::take(&mut self.report.diagnostics);
        diagnostics.retain(|d| d.code != glyphs::MISSING_GLYPHS.code);
        diagnostics.extend(glyphs::missing_glyphs(
            &self.timeline,
            self.timeline.events.iter(),
            &fonts,
        ));
        self.report = Report::with_omitted(diagnostics, self.report.omitted);
        self.fonts = fonts;
    }
}

/// Load and check the events file at `path`; sources are read relative to its folder.
///
/// ```
/// let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("events.toml");
/// let checked = citeline::check_file(&path).expect("events.toml is readable");
/// assert_eq!(checked.report.errors(), 0, "{:?}", checked.report.diagnostics);
/// ```
pub fn check_file(path: &Path) -> Result<Checked, LoadError> {
    load::load(path).map(check_loaded)
}

/// Check `text` as if it were the events file at `path` (which places the sources).
///
/// ```
/// let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("events.toml");
/// let text = std::fs::read_to_string(&path).unwrap()
///     .replace("on 19 November, foreign", "on 18 November, foreign");
/// let checked = citeline::check_str(&path, text);
/// let miss = checked.report.with_code("quote-not-found").next().unwrap();
/// assert_eq!(miss.event.as_deref(), Some("bishkek-ministers-meeting"));
/// assert!(miss.notes[1].contains("`18` where the source has `19`"), "{:?}", miss.notes);
/// ```
pub fn check_str(path: &Path, text: String) -> Checked {
    check_loaded(load::load_str(path, text))
}

/// Write the report as a SARIF 2.1.0 log (docs/output.md#sarif), its rules described from
/// the catalogue ([`crate::rules`]): the renderer sits below the stages that define rules,
/// so the two meet here.
///
/// ```
/// let checked = citeline::check_str("events.toml".as_ref(), "[[events]]\nid = 5\n".into());
/// let mut out = Vec::new();
/// let t = &checked.timeline;
/// citeline::write_sarif(&mut out, &checked.report, &t.path, &t.text).unwrap();
/// let log: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// let results = log["runs"][0]["results"].as_array().unwrap();
/// let wrong_type = results.iter().find(|r| r["ruleId"] == "invalid-type").unwrap();
/// assert_eq!(wrong_type["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
/// ```
pub fn write_sarif(
    out: &mut impl Write,
    report: &Report,
    path: &Path,
    text: &str,
) -> io::Result<()> {
    crate::diagnostic::write_sarif_with_rules(out, report, path, text, crate::rules::all())
}

/// Check a loaded timeline: each article is read, checked and dropped in turn. Findings
/// come sorted by their place in the events file.
fn check_loaded(loaded: Loaded) -> Checked {
    let Loaded {
        timeline,
        mut diagnostics,
    } = loaded;
    let citations = Citations::new(&timeline);
    let visited = articles::visit(&timeline, |sources, article| {
        check::article(&timeline, &citations, sources, article)
    });
    diagnostics.extend(visited.unreadable);
    let (found, omitted) = check::finish(&timeline, visited.results, &visited.unreadable_ids);
    diagnostics.extend(found);
    let (fonts, font_findings) = glyphs::load_fonts(&timeline);
    diagnostics.extend(font_findings);
    diagnostics.extend(glyphs::missing_glyphs(
        &timeline,
        timeline.events.iter(),
        &fonts,
    ));
    Checked {
        timeline,
        report: Report::with_omitted(diagnostics, omitted),
        fonts,
    }
}

/// Why `citeline dates` or `citeline text` cannot show a source.
#[derive(Debug)]
pub enum ListingError {
    /// The events file has syntax errors, so no source can be trusted to be declared.
    Syntax,
    /// No source has this id; the message lists those declared.
    UnknownSource(String),
    /// The text's file could not be read; the message (and for a source, the report) says
    /// why.
    Unreadable(String),
    Io(io::Error),
}

impl std::fmt::Display for ListingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ListingError::Syntax => {
                f.write_str("the events file does not parse (see above); fix it first")
            }
            ListingError::UnknownSource(m) | ListingError::Unreadable(m) => f.write_str(m),
            ListingError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<io::Error> for ListingError {
    fn from(e: io::Error) -> Self {
        ListingError::Io(e)
    }
}

/// Write every date expression in the text of source `source_id`, read against its
/// `published` and `date_order` as `check` reads quotes: by default a heading line, then
/// `path:line:col<TAB>kind<TAB>"text"<TAB>-> days` a line, each expression in the direction
/// its words give unless `options.direction` says one for all; with
/// [`DatesFormat::Json`](crate::DatesFormat::Json), one JSON object (docs/output.md#the-dates-listing). Paths are as
/// the user can open them from where they stand.
///
/// ```
/// use citeline::{DatesFormat, DatesOptions, Direction};
/// let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("events.toml");
/// let checked = citeline::check_file(&path).unwrap();
/// let mut out = Vec::new();
/// citeline::write_dates(&mut out, &checked, "rferl-2003-12-03", &DatesOptions::default()).unwrap();
/// let listing = String::from_utf8(out).unwrap();
/// assert!(listing.contains("\"19 November\"\t-> 2003-11-19 (read as past; as future: 2004-11-19)"), "{listing}");
///
/// let planned = DatesOptions { direction: Some(Direction::Future), format: DatesFormat::Json };
/// let mut out = Vec::new();
/// citeline::write_dates(&mut out, &checked, "rferl-2003-12-03", &planned).unwrap();
/// let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(json["expressions"][1]["days"]["first"], "2004-11-19");
/// ```
pub fn write_dates(
    out: &mut impl Write,
    checked: &Checked,
    source_id: &str,
    options: &DatesOptions,
) -> Result<(), ListingError> {
    let (source, article, shown) = read_source(checked, source_id)?;
    let listed = Listed {
        shown,
        article: &article,
        published: &source.published.value,
        date_order: source.date_order,
    };
    listing::write(out, &listed, options)?;
    Ok(())
}

/// Write the text of source `source_id` exactly as `check` reads it (the visible text of
/// a page, the text layer of a PDF, the captured page of an archive): by default each
/// paragraph under a marker line with its number and its place in the original; with
/// [`TextOptions::plain`], the text alone (docs/output.md#the-text-view).
///
/// ```
/// let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("events.toml");
/// let checked = citeline::check_file(&path).unwrap();
/// let mut out = Vec::new();
/// let plain = citeline::TextOptions { plain: true };
/// citeline::write_text(&mut out, &checked, "rferl-2003-12-03", &plain).unwrap();
/// let file = std::fs::read(path.with_file_name("articles/rferl-2003-12-03.txt")).unwrap();
/// assert_eq!(out, file);
/// ```
pub fn write_text(
    out: &mut impl Write,
    checked: &Checked,
    source_id: &str,
    options: &TextOptions,
) -> Result<(), ListingError> {
    let (_, article, shown) = read_source(checked, source_id)?;
    text_view::write(out, &shown, &article, options)?;
    Ok(())
}

/// Source `source_id` of a checked events file, its article, and its file as the user can
/// open it from where they stand; or why there is none.
fn read_source<'c>(
    checked: &'c Checked,
    source_id: &str,
) -> Result<(&'c Source, Article, String), ListingError> {
    let timeline = &checked.timeline;
    if checked
        .report
        .with_code(load::rules::TOML_SYNTAX.code)
        .next()
        .is_some()
    {
        return Err(ListingError::Syntax);
    }
    let Some(source) = timeline.source(source_id) else {
        let ids: Vec<&str> = timeline
            .sources
            .iter()
            .map(|s| s.id.value.as_str())
            .collect();
        let known = if ids.is_empty() {
            "it declares no valid source".to_string()
        } else {
            format!("it declares: {}", ids.join(", "))
        };
        let near = crate::text::suggest::closest(source_id, ids.iter().copied())
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        return Err(ListingError::UnknownSource(format!(
            "{} has no valid source `{}`{near}; {known}",
            timeline.path.display(),
            crate::text::shorten::ellipsis(source_id, 40)
        )));
    };
    let article = articles::read(timeline, source).map_err(|d| {
        ListingError::Unreadable(format!(
            "the text of source `{source_id}` cannot be read: {}",
            d.message
        ))
    })?;
    let shown = timeline.user_path(&source.file.value).display().to_string();
    Ok((source, article, shown))
}

/// [`write_dates`] for any source file, outside an events file (`citeline dates --file`):
/// the file at `path` (shown as given; for a web archive, the capture of `url`) published
/// in `published`, its numeric dates in `date_order`. It is read as a source's file is (a
/// regular file through the size cap, in any format a source may have), but from anywhere;
/// otherwise it fails with [`ListingError::Unreadable`].
///
/// ```
/// let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("articles/rferl-2003-12-03.txt");
/// let published = citeline::date::parse("2003-12-03").unwrap();
/// let mut out = Vec::new();
/// citeline::write_file_dates(&mut out, &path, None, &published, None, &Default::default()).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("\"this week\"\t-> 2003-12-01 to 2003-12-07"));
/// ```
pub fn write_file_dates(
    out: &mut impl Write,
    path: &Path,
    url: Option<&str>,
    published: &Edtf,
    date_order: Option<DateOrder>,
    options: &DatesOptions,
) -> Result<(), ListingError> {
    let article = articles::read_path(path, url).map_err(ListingError::Unreadable)?;
    let listed = Listed {
        shown: path.display().to_string(),
        article: &article,
        published,
        date_order,
    };
    listing::write(out, &listed, options)?;
    Ok(())
}

/// A chart format, from an output file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartFormat {
    Svg,
    Png,
}

impl ChartFormat {
    /// The format an output path asks for by its extension (`.svg`, `.png`, any case).
    ///
    /// ```
    /// use citeline::ChartFormat;
    /// assert_eq!(ChartFormat::of("out/chart.PNG".as_ref()), Some(ChartFormat::Png));
    /// assert_eq!(ChartFormat::of("chart.pdf".as_ref()), None);
    /// ```
    pub fn of(path: &Path) -> Option<Self> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("svg") => Some(ChartFormat::Svg),
            Some("png") => Some(ChartFormat::Png),
            _ => None,
        }
    }
}

/// Draw a checked timeline once in each of `formats`, in that order. Lays out once; the
/// PNG rasterises the same SVG.
///
/// ```
/// use citeline::{layout::LayoutOptions, render::PngOptions, ChartFormat};
/// let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("events.toml");
/// let checked = citeline::check_file(&path).unwrap();
/// let formats = [ChartFormat::Svg, ChartFormat::Png];
/// let drawn = citeline::draw(&checked.timeline, &LayoutOptions::default(), &PngOptions::default(), &formats).unwrap();
/// assert!(String::from_utf8_lossy(&drawn.files[0]).contains("<svg"));
/// assert_eq!(&drawn.files[1][1..4], b"PNG");
/// assert!(drawn.notes.is_empty(), "the shipped data draws without warnings");
/// ```
pub fn draw(
    timeline: &Timeline,
    options: &LayoutOptions,
    png: &PngOptions,
    formats: &[ChartFormat],
) -> Result<Drawn, RenderError> {
    let mut scene = layout(timeline, options);
    let svg = render::svg(&scene)?;
    let files = formats
        .iter()
        .map(|format| match format {
            ChartFormat::Svg => Ok(svg.clone().into_bytes()),
            ChartFormat::Png => render::png(&scene, png),
        })
        .collect::<Result<_, _>>()?;
    Ok(Drawn {
        files,
        notes: std::mem::take(&mut scene.notes),
    })
}

/// A drawn chart: one file per format asked for, in that order, and the warnings the
/// drawing raised (characters no font has, tags grouped as "other").
#[derive(Debug)]
pub struct Drawn {
    pub files: Vec<Vec<u8>>,
    pub notes: Vec<Diagnostic>,
}

/// A number given on the command line for a chart setting, within its range: the width in
/// pixels (400 to 20,000) or the PNG scale (0.25 to 8).
///
/// ```
/// use citeline::{parse_chart_number, ChartSetting};
/// assert_eq!(parse_chart_number("800", ChartSetting::Width), Ok(800.0));
/// assert!(parse_chart_number("9", ChartSetting::Scale).unwrap_err().contains("between 0.25 and 8"));
/// ```
pub fn parse_chart_number(text: &str, setting: ChartSetting) -> Result<f64, String> {
    let (range, what) = match setting {
        ChartSetting::Width => (400.0..=20_000.0, "width in pixels"),
        ChartSetting::Scale => (0.25..=8.0, "scale"),
    };
    let n: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    if range.contains(&n) {
        Ok(n)
    } else {
        Err(format!(
            "the {what} must be between {} and {}",
            range.start(),
            range.end()
        ))
    }
}

/// The chart settings [`parse_chart_number`] reads.
#[derive(Clone, Copy, Debug)]
pub enum ChartSetting {
    Width,
    Scale,
}
