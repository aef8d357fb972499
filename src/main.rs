//! The `citeline` command line: arguments in, exit code out. Every decision about the data
//! and every output format lives in the library; this file parses flags, picks streams and
//! colour, and maps outcomes to exit codes 0 (no errors), 1 (the data has errors) and 2
//! (usage or environment).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use anyhow::{anyhow, Context, Result};
use citeline::render::PngOptions;
use citeline::{ChartFormat, Checked};
use clap::{ColorChoice, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod chart_args;
mod dates_args;
mod source_commands;
use chart_args::ChartArgs;
use dates_args::DatesArgs;
use source_commands::TextArgs;

const DEFAULT_EVENTS: &str = "events.toml";
const DEFAULT_OUTPUTS: [&str; 2] = ["output/timeline.svg", "output/timeline.png"];

/// Check timeline events against the articles they cite, then draw them.
#[derive(Parser)]
#[command(
    name = "citeline",
    version,
    about,
    after_help = "With no command, citeline checks events.toml in the current folder and, if it \
has no errors, draws output/timeline.svg and output/timeline.png (the folder is created).\n\n\
Findings are written to standard error, like a compiler's; `check --format json` writes them \
to standard output. Exit codes: 0 no errors, 1 the data has errors, 2 a usage or file problem."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// When to colour findings.
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
        /// Output format: human (to stderr) or json (to stdout).
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
        /// Output file (.svg or .png); repeat for several. All are written, or none.
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
    /// List every date expression in a source's text (or any file's), read both ways.
    Dates(DatesArgs),
    /// Print a source's text exactly as check reads it, to copy quotes from.
    Text(TextArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

/// How a run ended, before it becomes an exit code.
#[derive(Clone, Copy)]
pub(crate) enum Outcome {
    Clean,
    DataErrors,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal()
        }
    };
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
            let outputs: Vec<PathBuf> = DEFAULT_OUTPUTS.iter().map(PathBuf::from).collect();
            render(
                Path::new(DEFAULT_EVENTS),
                &outputs,
                &ChartArgs::default(),
                color,
                true,
            )
        }
        Some(Command::Check {
            events,
            format,
            deny_warnings,
        }) => check(&events, format, deny_warnings, color),
        Some(Command::Render {
            events,
            outputs,
            chart,
        }) => render(&events, &outputs, &chart, color, false),
        Some(Command::Explain { code }) => {
            let text = match code {
                None => citeline::rules::listing(),
                Some(code) => citeline::rules::explanation(
                    citeline::rules::lookup(&code).map_err(|e| anyhow!(e))?,
                ),
            };
            std::io::stdout().lock().write_all(text.as_bytes())?;
            Ok(Outcome::Clean)
        }
        Some(Command::Dates(args)) => source_commands::dates(&args, color),
        Some(Command::Text(args)) => source_commands::text(&args, color),
    }
}

pub(crate) fn load_and_check(events: &Path) -> Result<Checked> {
    citeline::check_file(events).map_err(|e| {
        let hint = if e.is_not_found() {
            "\nhelp: run citeline in the folder that holds events.toml, or name the file: citeline check path/to/events.toml"
        } else {
            ""
        };
        anyhow!("{e}{hint}")
    })
}

pub(crate) fn print_human(checked: &Checked, color: bool) -> Result<()> {
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    let t = &checked.timeline;
    citeline::write_human(&mut err, &checked.report, &t.path, &t.text, color)?;
    err.flush()?;
    Ok(())
}

fn check(events: &Path, format: Format, deny_warnings: bool, color: bool) -> Result<Outcome> {
    let checked = load_and_check(events)?;
    match format {
        Format::Human => print_human(&checked, color)?,
        Format::Json => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let t = &checked.timeline;
            citeline::write_json(&mut out, &checked.report, &t.path, &t.text)?;
            out.flush()?;
        }
    }
    if checked.report.errors() == 0 && checked.fails(deny_warnings) {
        eprintln!("failing: --deny-warnings turns the warnings above into a failure");
    }
    let fails = checked.fails(deny_warnings);
    // The process ends here: freeing a large timeline piece by piece would only delay the
    // exit that returns all of it at once.
    std::mem::forget(checked);
    Ok([Outcome::Clean, Outcome::DataErrors][usize::from(fails)])
}

/// Outputs are checked, and their temporary files made, before any work; they replace the
/// old files all together or not at all. `make_folders` creates missing folders (for the
/// default `output/`, and only once the data has no errors); an explicit `-o` into a
/// missing folder is a mistake worth reporting instead.
fn render(
    events: &Path,
    outputs: &[PathBuf],
    chart: &ChartArgs,
    color: bool,
    make_folders: bool,
) -> Result<Outcome> {
    let formats = outputs
        .iter()
        .map(|p| {
            ChartFormat::of(p).with_context(|| {
                format!(
                    "cannot tell the format of {}: name it .svg or .png",
                    p.display()
                )
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let early = (!make_folders)
        .then(|| citeline::output::prepare(outputs, false))
        .transpose()?;
    let mut checked = load_and_check(events)?;
    let layout = chart.layout(&checked.fonts)?;
    // Characters no font has, found again with the `--font` files too.
    if layout.fonts != checked.fonts {
        checked.use_fonts(layout.fonts.clone());
    }
    print_human(&checked, color)?;
    if checked.report.errors() > 0 {
        eprintln!("nothing drawn: fix the errors above first");
        return Ok(Outcome::DataErrors);
    }
    chart
        .check_filter(&checked.timeline)
        .map_err(|e| anyhow!(e))?;
    let staged = match early {
        Some(staged) => staged,
        None => citeline::output::prepare(outputs, true)?,
    };
    let png = PngOptions { scale: chart.scale };
    let mut drawn = citeline::draw(&checked.timeline, &layout, &png, &formats)
        .context("cannot draw the chart")?;
    // Reported with the check above, for every event.
    drawn.notes.retain(|d| d.code != "missing-glyphs");
    if !drawn.notes.is_empty() {
        let t = &checked.timeline;
        let notes = citeline::Report::new(drawn.notes);
        let mut err = std::io::BufWriter::new(std::io::stderr().lock());
        citeline::write_human(&mut err, &notes, &t.path, &t.text, color)?;
        err.flush()?;
    }
    staged.commit(&drawn.files)?;
    for path in outputs {
        eprintln!("wrote {}", path.display());
    }
    Ok(Outcome::Clean)
}
