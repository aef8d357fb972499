//! The library's public surface, pinned: each item a project's own tests may use, with the
//! signature it has. A change here is a change for every user of the crate, so it must be
//! deliberate: this file fails to compile when an item is renamed, moved or changes shape.
//! (Items not named here are private or may change: see docs/library.md.)

use citeline::date::{DayInterval, Edtf};
use citeline::export::ExportFormat;
use citeline::font::{FontError, Fonts};
use citeline::import::{CsvKind, ImportError, Imported};
use citeline::layout::{Filter, LayoutOptions, Orientation, Theme};
use citeline::model::{Event, Source, Spanned, Timeline};
use citeline::render::{PngOptions, RenderError};
use citeline::scene::{Link, Scene};
use citeline::{
    ChartFormat, ChartSetting, Checked, DateOrder, DatesFormat, DatesOptions, Diagnostic,
    Direction, Fix, ListingError, LoadError, Loaded, Related, Report, Rule, Severity, TextOptions,
};
use std::io;
use std::path::Path;

// Spelling out whole signatures is the point of this file.
#[allow(clippy::type_complexity)]
#[test]
fn the_surface_has_the_shape_users_rely_on() {
    // Checking.
    let _: fn(&Path) -> Result<Checked, LoadError> = citeline::check_file;
    let _: fn(&Path, String) -> Checked = citeline::check_str;
    let _: fn(&Path) -> Result<Loaded, LoadError> = citeline::load;
    let _: fn(&Path, String) -> Loaded = citeline::load_str;
    let _ = |c: Checked| -> (Timeline, Report, bool) {
        let fails = c.fails(true);
        (c.timeline, c.report, fails)
    };
    let _ = |l: Loaded| -> (Timeline, Vec<Diagnostic>) { (l.timeline, l.diagnostics) };
    let _: fn(&LoadError) -> bool = LoadError::is_not_found;
    let _: (u64, u64, u64, usize) = (
        citeline::MAX_EVENTS_FILE_BYTES,
        citeline::MAX_SOURCE_BYTES,
        citeline::MAX_ARCHIVE_BYTES,
        citeline::MAX_TITLE_CHARS,
    );

    // Findings as data.
    let _ = |d: Diagnostic| -> (
        Severity,
        &'static str,
        String,
        Option<std::ops::Range<usize>>,
    ) { (d.severity, d.code, d.message, d.span) };
    fn parts(
        d: &Diagnostic,
    ) -> (
        &Option<String>,
        &Option<String>,
        &[String],
        &Option<String>,
        &[Related],
    ) {
        (&d.event, &d.source, &d.notes, &d.help, &d.related)
    }
    let _ = parts;
    let _ = |r: &Report| -> (usize, usize, usize, usize) {
        (
            r.errors(),
            r.warnings(),
            r.count(Severity::Note),
            r.with_code("x").count(),
        )
    };
    let _ = |r: &Rule| -> (&str, Severity, &str, &str, Option<String>) {
        (r.code, r.severity, r.summary, r.explanation, r.help_uri())
    };
    let _ = |d: Diagnostic| -> Option<Fix> { d.fix };
    let _ =
        |f: Fix| -> (String, std::ops::Range<usize>, String) { (f.title, f.span, f.replacement) };
    let _: fn(Diagnostic, Fix) -> Diagnostic = Diagnostic::with_fix;
    let _: fn() -> &'static [&'static Rule] = citeline::rules::all;
    let _: fn(&str) -> Option<&'static Rule> = citeline::rules::find;
    let _: fn(&str) -> Result<&'static Rule, String> = citeline::rules::lookup;
    let _ = |out: &mut Vec<u8>, r: &Report, text: &str| -> io::Result<()> {
        citeline::write_human(out, r, Path::new("e.toml"), text, false)?;
        citeline::write_json(out, r, Path::new("e.toml"), text)?;
        citeline::write_json_lines(out, r, Path::new("e.toml"), text)?;
        citeline::write_sarif(out, r, Path::new("e.toml"), text)?;
        citeline::write_github(out, r, Path::new("e.toml"), text)
    };
    let _: fn() -> serde_json::Value = citeline::schema::events_schema;

    // The data.
    fn timeline(t: &Timeline) -> (&[Event], &[Source], Option<&Source>) {
        (&t.events, &t.sources, t.source("id"))
    }
    fn spanned(s: &Spanned<String>) -> (&String, std::ops::Range<usize>) {
        (&s.value, s.span.clone())
    }
    let _ = (timeline, spanned);

    // Drawing and writing.
    let _: fn(
        &Timeline,
        &LayoutOptions,
        &PngOptions,
        &[ChartFormat],
    ) -> Result<citeline::Drawn, RenderError> = citeline::draw;
    let _: fn(&Timeline, &LayoutOptions) -> Scene = citeline::layout::layout;
    let _: fn(&Scene) -> Result<String, RenderError> = citeline::render::svg;
    let _: fn(&Scene, &PngOptions) -> Result<Vec<u8>, RenderError> = citeline::render::png;
    let _: fn(&Path) -> Option<ChartFormat> = ChartFormat::of;
    let _: fn(&str, ChartSetting) -> Result<f64, String> = citeline::parse_chart_number;
    let _ = LayoutOptions {
        width: 1200.0,
        theme: Theme::Dark,
        breaks: true,
        orientation: Orientation::Auto,
        filter: Filter {
            from: None,
            to: None,
            tags: vec!["meeting".to_owned()],
        },
        all_labels: false,
        fonts: Fonts::default(),
    };
    // Fonts: the built-in set, fallback files after it, measuring as the PNG draws.
    let _: fn(&Fonts, &str, Vec<u8>) -> Result<Fonts, FontError> = Fonts::with_font;
    let _: fn(&Fonts, &Path) -> Result<Fonts, FontError> = Fonts::with_file;
    let _: fn(&Fonts, &str, f64, bool) -> f64 = Fonts::text_width;
    let _: fn(&Fonts, &str, bool) -> Vec<char> = Fonts::missing;
    let _: fn(&Fonts, f64, bool) -> (f64, f64) = Fonts::vertical_metrics;
    let _: fn(&Fonts) -> Vec<&str> = Fonts::families;
    let _: fn(&str) -> std::borrow::Cow<'_, str> = citeline::font::isolate;
    let _ = |e: FontError| -> (String, String) { (e.name, e.reason) };
    let _: u64 = citeline::font::MAX_FONT_BYTES;
    let _ = |s: Scene| -> Fonts { s.fonts };
    let _ = |c: Checked| -> Fonts { c.fonts };
    let _: fn(&mut Checked, Fonts) = Checked::use_fonts;
    let _ = |t: Timeline| -> Vec<Spanned<String>> { t.fonts };
    let _ =
        |d: citeline::Drawn| -> (Vec<Vec<u8>>, Vec<citeline::Diagnostic>) { (d.files, d.notes) };
    let _ = |paths: &[&Path], files: &[Vec<u8>]| -> Result<(), citeline::output::OutputError> {
        citeline::output::prepare(paths, false)?.commit(files)
    };

    // Listing a text's dates: a source's, or any file's.
    let options = DatesOptions {
        direction: Some(Direction::Past),
        format: DatesFormat::Json,
    };
    let _ = DatesOptions {
        direction: None,
        format: DatesFormat::Text,
    } == DatesOptions::default();
    let _ = |out: &mut Vec<u8>, c: &Checked| -> Result<(), ListingError> {
        citeline::write_dates(out, c, "id", &options)
    };
    let _ = |out: &mut Vec<u8>, c: &Checked| -> Result<(), ListingError> {
        citeline::write_text(out, c, "id", &TextOptions { plain: true })
    };
    let _: TextOptions = TextOptions::default();
    let _ = |l: Link| -> (String, Option<String>, Option<String>, Option<String>) {
        (l.href, l.original, l.version, l.version_date)
    };
    let _: fn(String) -> Link = Link::to;
    let _ = |out: &mut Vec<u8>, published: &Edtf| -> Result<(), ListingError> {
        citeline::write_file_dates(
            out,
            Path::new("a.txt"),
            Some("https://example.org/"),
            published,
            Some(DateOrder::Dmy),
            &options,
        )
    };
    let _: fn(&str) -> Option<DateOrder> = DateOrder::parse;
    let _ = |s: &Source| -> Option<DateOrder> { s.date_order };
    let _ = |s: Source| -> (
        Option<Spanned<String>>,
        Option<Spanned<Edtf>>,
        Option<Spanned<Edtf>>,
    ) { (s.archive_url, s.archived, s.accessed) };
    let _: fn(&DayInterval) -> String = DayInterval::brief;

    // Export and import.
    let _: fn(&mut dyn io::Write, &Timeline, ExportFormat) -> io::Result<()> =
        citeline::export::write_export;
    let _: [ExportFormat; 5] = ExportFormat::ALL;
    let _ = [
        ExportFormat::Csv,
        ExportFormat::Json,
        ExportFormat::Markdown,
        ExportFormat::Html,
        ExportFormat::TimelineJs,
    ];
    let _: fn(ExportFormat) -> &'static str = ExportFormat::name;
    let _: fn(&str) -> Option<ExportFormat> = ExportFormat::parse;
    let _: fn(&[u8]) -> Result<Imported, ImportError> = citeline::import::import_csv;
    let _: fn(&Path) -> Result<Imported, ImportError> = citeline::import::read_csv;
    let _ = |i: Imported| -> (String, CsvKind, usize, Vec<String>) {
        (i.toml, i.kind, i.events, i.notes)
    };
    let _ = [CsvKind::Citeline, CsvKind::TimelineJs];
    let _: fn(CsvKind) -> &'static str = CsvKind::describe;
    let _: fn(&ImportError) -> bool = ImportError::is_unreadable;
    let _: u64 = citeline::import::MAX_CSV_BYTES;
}

/// The surface works end to end on the shipped data, as a project's own test would use it.
#[test]
fn the_surface_checks_and_draws_the_shipped_data() {
    let checked = citeline::check_file(Path::new("events.toml")).unwrap();
    assert!(!checked.fails(true), "{:?}", checked.report.diagnostics);
    let files = citeline::draw(
        &checked.timeline,
        &LayoutOptions::default(),
        &PngOptions::default(),
        &[ChartFormat::Svg],
    )
    .unwrap()
    .files;
    assert!(String::from_utf8_lossy(&files[0]).contains("bishkek-ministers-meeting"));
}
