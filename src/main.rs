//! The `citeline` command line: arguments in, exit code out. Every decision about the data
//! and every output format lives in the library; this file parses flags, picks streams and
//! colour, and maps outcomes to exit codes 0 (no errors), 1 (the data has errors) and 2
//! (usage or environment).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use anyhow::{anyhow, Result};
use citeline::Checked;
use clap::{ColorChoice, Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod chart_args;
mod check_command;
mod dates_args;
mod export_commands;
mod render_command;
mod setup_commands;
mod source_commands;
use chart_args::ChartArgs;
use check_command::FindingsFormat;
use dates_args::DatesArgs;
use export_commands::{ExportArgs, ImportArgs};
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
        /// Output format: human (to stderr), or json, json-lines, sarif or github (to
        /// stdout). The environment variable CITELINE_FORMAT sets the default.
        #[arg(long, value_enum, env = "CITELINE_FORMAT", default_value_t = FindingsFormat::Human)]
        format: FindingsFormat,
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
        /// Keep running, and draw again whenever the events file or a source changes.
        #[arg(long)]
        watch: bool,
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
    /// Write the checked chronology as a table or data for other tools.
    Export(ExportArgs),
    /// Write an events file from a spreadsheet's CSV.
    Import(ImportArgs),
    /// Print the JSON Schema of the events file, for editors that validate TOML.
    Schema,
    /// Run the language server over standard input and output, for editors.
    Lsp,
    /// Print a shell's completion script.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man`; or write every page to a folder.
    Man(setup_commands::ManArgs),
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
            render_command::render(
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
        }) => check_command::check(&events, format, deny_warnings, color),
        Some(Command::Render {
            events,
            outputs,
            chart,
            watch,
        }) if watch => render_command::watch(&events, &outputs, &chart, color),
        Some(Command::Render {
            events,
            outputs,
            chart,
            ..
        }) => render_command::render(&events, &outputs, &chart, color, false),
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
        Some(Command::Export(args)) => export_commands::export(&args, color),
        Some(Command::Import(args)) => export_commands::import(&args),
        Some(Command::Schema) => setup_commands::schema(),
        Some(Command::Lsp) => setup_commands::lsp(),
        Some(Command::Completions { shell }) => setup_commands::completions::<Cli>(shell),
        Some(Command::Man(args)) => setup_commands::man::<Cli>(&args),
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
