//! The `citeline` command line: arguments in, exit code out. Every decision about the data
//! lives in the library; this file parses flags, picks output streams and colour, and maps
//! outcomes to exit codes 0 (no errors), 1 (the data has errors) and 2 (usage or
//! environment).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use anyhow::{bail, Context, Result};
use citeline::check::{check_file, Checked};
use citeline::diagnostic::{self, Report};
use citeline::layout::{layout, LayoutOptions, Theme};
use citeline::render::{self, PngOptions};
use citeline::text::dates::{self, Direction};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const DEFAULT_EVENTS: &str = "events.toml";
const DEFAULT_WIDTH: f64 = 1200.0;
/// Twice the SVG's size: sharp on high-density screens and in print.
const DEFAULT_SCALE: f64 = 2.0;

/// Check timeline events against the articles they cite, then draw them.
///
/// With no subcommand, checks events.toml and writes output/timeline.svg and
/// output/timeline.png.
#[derive(Parser)]
#[command(name = "citeline", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// When to colour diagnostics.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
}

#[derive(Subcommand)]
enum Command {
    /// Check every event against its sources and report like a compiler.
    Check {
        /// The events file.
        #[arg(default_value = DEFAULT_EVENTS)]
        events: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Check, then draw the timeline; the format follows each output's extension.
    Render {
        /// The events file.
        #[arg(default_value = DEFAULT_EVENTS)]
        events: PathBuf,
        /// Output file (.svg or .png); repeat for several.
        #[arg(short, long = "output", required = true)]
        outputs: Vec<PathBuf>,
        #[command(flatten)]
        chart: ChartArgs,
    },
    /// Explain a finding's code (or list all codes).
    Explain {
        /// The code, e.g. quote-not-found; omit to list every code.
        code: Option<String>,
    },
    /// List every date expression in a source's text, as `check` resolves it.
    Dates {
        /// The source id, as in [sources.ID].
        source: String,
        /// The events file.
        #[arg(default_value = DEFAULT_EVENTS)]
        events: PathBuf,
        /// Resolve as for a planned event (the next such day, not the last).
        #[arg(long)]
        planned: bool,
    },
}

#[derive(clap::Args)]
struct ChartArgs {
    /// Chart width in pixels (the chart grows taller to fit every label).
    #[arg(long, default_value_t = DEFAULT_WIDTH, value_parser = parse_width)]
    width: f64,
    /// Colour theme.
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    theme: ThemeArg,
    /// PNG resolution multiplier.
    #[arg(long, default_value_t = DEFAULT_SCALE, value_parser = parse_scale)]
    scale: f64,
    /// Draw the date axis without compressing long empty stretches.
    #[arg(long)]
    no_breaks: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ThemeArg {
    Light,
    Dark,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_width(text: &str) -> Result<f64, String> {
    let w: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    if (400.0..=20000.0).contains(&w) {
        Ok(w)
    } else {
        Err("the width must be between 400 and 20000 pixels".into())
    }
}

fn parse_scale(text: &str) -> Result<f64, String> {
    let s: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    if (0.25..=8.0).contains(&s) {
        Ok(s)
    } else {
        Err("the scale must be between 0.25 and 8".into())
    }
}

/// How a run ended, before it becomes an exit code.
enum Outcome {
    Clean,
    DataErrors,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = wants_color(cli.color);
    match run(cli.command, color) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::DataErrors) => ExitCode::from(1),
        Err(e) => {
            // A closed pipe (`citeline dates … | head`) is not a failure worth reporting.
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Option<Command>, color: bool) -> Result<Outcome> {
    match command {
        None => {
            let outputs = vec![
                PathBuf::from("output/timeline.svg"),
                PathBuf::from("output/timeline.png"),
            ];
            let chart = ChartArgs {
                width: DEFAULT_WIDTH,
                theme: ThemeArg::Light,
                scale: DEFAULT_SCALE,
                no_breaks: false,
            };
            render_command(Path::new(DEFAULT_EVENTS), &outputs, &chart, color, true)
        }
        Some(Command::Check {
            events,
            format,
            deny_warnings,
        }) => check_command(&events, format, deny_warnings, color),
        Some(Command::Render {
            events,
            outputs,
            chart,
        }) => render_command(&events, &outputs, &chart, color, false),
        Some(Command::Explain { code }) => explain_command(code.as_deref()),
        Some(Command::Dates {
            source,
            events,
            planned,
        }) => dates_command(&source, &events, planned),
    }
}

fn wants_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal()
        }
    }
}

fn load_and_check(events: &Path) -> Result<Checked> {
    check_file(events).map_err(|e| {
        let missing = matches!(&e, citeline::LoadError::Io { error, .. } if error.kind() == std::io::ErrorKind::NotFound);
        let hint = if missing {
            "\nhelp: run citeline in the folder that holds events.toml, or name the file: citeline check path/to/events.toml"
        } else {
            ""
        };
        anyhow::anyhow!("{e}{hint}")
    })
}

fn print_human(checked: &Checked, color: bool) -> Result<()> {
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    let t = &checked.timeline;
    diagnostic::write_human(&mut err, &checked.report, &t.path, &t.text, color)?;
    err.flush()?;
    Ok(())
}

fn check_command(
    events: &Path,
    format: Format,
    deny_warnings: bool,
    color: bool,
) -> Result<Outcome> {
    let checked = load_and_check(events)?;
    match format {
        Format::Human => print_human(&checked, color)?,
        Format::Json => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            diagnostic::write_json(
                &mut out,
                &checked.report,
                &checked.timeline.path,
                &checked.timeline.text,
            )?;
            out.flush()?;
        }
    }
    Ok(outcome(&checked.report, deny_warnings))
}

fn outcome(report: &Report, deny_warnings: bool) -> Outcome {
    if report.errors() > 0 || (deny_warnings && report.warnings() > 0) {
        Outcome::DataErrors
    } else {
        Outcome::Clean
    }
}

/// The kinds of file `render` writes, from the output's extension.
#[derive(Clone, Copy, PartialEq)]
enum OutputKind {
    Svg,
    Png,
}

fn output_kind(path: &Path) -> Result<OutputKind> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("svg") => Ok(OutputKind::Svg),
        Some("png") => Ok(OutputKind::Png),
        _ => bail!(
            "cannot tell the format of {}: name it .svg or .png",
            path.display()
        ),
    }
}

/// `make_folders`: create the outputs' folders (for the default `output/`); an explicit `-o`
/// into a missing folder is a mistake worth reporting instead.
fn render_command(
    events: &Path,
    outputs: &[PathBuf],
    chart: &ChartArgs,
    color: bool,
    make_folders: bool,
) -> Result<Outcome> {
    let kinds = outputs
        .iter()
        .map(|p| output_kind(p))
        .collect::<Result<Vec<_>>>()?;
    let checked = load_and_check(events)?;
    print_human(&checked, color)?;
    if checked.report.errors() > 0 {
        eprintln!("nothing drawn: fix the errors above first");
        return Ok(Outcome::DataErrors);
    }
    let options = LayoutOptions {
        width: chart.width,
        theme: match chart.theme {
            ThemeArg::Light => Theme::Light,
            ThemeArg::Dark => Theme::Dark,
        },
        breaks: !chart.no_breaks,
    };
    let scene = layout(&checked.timeline, &options);
    let svg = render::svg(&scene);
    // Render everything before writing anything, so a failure leaves all outputs as they were.
    let mut files = Vec::new();
    for (path, kind) in outputs.iter().zip(kinds) {
        let bytes = match kind {
            OutputKind::Svg => svg.clone().into_bytes(),
            OutputKind::Png => render::png(&scene, &PngOptions { scale: chart.scale })
                .with_context(|| format!("cannot draw {}", path.display()))?,
        };
        files.push((path, bytes));
    }
    for (path, bytes) in files {
        if make_folders {
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder)
                    .with_context(|| format!("cannot create {}", folder.display()))?;
            }
        }
        citeline::output::write_atomic(path, &bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(Outcome::Clean)
}

fn explain_command(code: Option<&str>) -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    let Some(code) = code else {
        for rule in citeline::rules::all() {
            writeln!(
                out,
                "{:<28} {:<8} {}",
                rule.code,
                rule.severity.as_str(),
                rule.summary
            )?;
        }
        return Ok(Outcome::Clean);
    };
    let Some(rule) = citeline::rules::find(code) else {
        let codes: Vec<&str> = citeline::rules::all().iter().map(|r| r.code).collect();
        let near = citeline::rules::all()
            .iter()
            .map(|r| (strsim::levenshtein(code, r.code), r.code))
            .min()
            .filter(|(d, _)| *d <= 4)
            .map(|(_, c)| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        bail!(
            "no rule has the code `{code}`{near}; codes: {}",
            codes.join(", ")
        );
    };
    writeln!(
        out,
        "{} ({})\n\n{}\n\n{}",
        rule.code,
        rule.severity.as_str(),
        rule.summary,
        rule.explanation.trim()
    )?;
    Ok(Outcome::Clean)
}

fn dates_command(source_id: &str, events: &Path, planned: bool) -> Result<Outcome> {
    let checked = load_and_check(events)?;
    let timeline = &checked.timeline;
    let Some(source) = timeline.source(source_id) else {
        let ids: Vec<&str> = timeline
            .sources
            .iter()
            .map(|s| s.id.value.as_str())
            .collect();
        bail!(
            "{} declares no source `{source_id}`; it declares: {}",
            events.display(),
            ids.join(", ")
        );
    };
    let Some(article) = checked.articles.get(source_id) else {
        print_human(&checked, false)?;
        bail!("the text of source `{source_id}` could not be read (see above)");
    };
    let direction = if planned {
        Direction::Future
    } else {
        Direction::Past
    };
    let published = source.published.value.days();
    let text = &article.text;
    let index = citeline::lines::LineIndex::new(text);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}: published {}, resolving as for a {} event",
        source.file.value,
        source.published.value,
        if planned { "planned" } else { "past" }
    )?;
    for e in dates::find(text, published, direction) {
        let (line, col) = index.line_col(text, e.range.start);
        writeln!(
            out,
            "{}:{line}:{col}\t{}\t\"{}\"\t-> {}",
            source.file.value,
            e.kind,
            &text[e.range.clone()],
            e.days
        )?;
    }
    Ok(Outcome::Clean)
}
