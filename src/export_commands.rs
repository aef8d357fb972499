//! `citeline export` (the checked chronology as CSV, JSON, Markdown, HTML or TimelineJS
//! data) and `citeline import` (an events file from a spreadsheet's CSV).

use crate::{load_and_check, print_human, Outcome};
use anyhow::{bail, Context, Result};
use citeline::export::ExportFormat;
use clap::ValueEnum;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The events file [default: events.toml].
    pub events: Option<PathBuf>,
    /// What to write.
    #[arg(long, value_enum)]
    pub format: Format,
    /// Write to this file (whole, or not at all) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// `--format`'s values, one for each of the library's export formats.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// One row per record, for spreadsheets; `citeline import` reads it back.
    Csv,
    /// The events with their days, and the sources.
    Json,
    /// A GitHub-flavoured table with the quotes as footnotes.
    Markdown,
    /// A self-contained, script-free page: the table and its footnotes.
    Html,
    /// TimelineJS3's JSON, for an interactive timeline.
    Timelinejs,
}

impl Format {
    fn library(self) -> ExportFormat {
        match self {
            Format::Csv => ExportFormat::Csv,
            Format::Json => ExportFormat::Json,
            Format::Markdown => ExportFormat::Markdown,
            Format::Html => ExportFormat::Html,
            Format::Timelinejs => ExportFormat::TimelineJs,
        }
    }
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The CSV file: citeline's own export, or TimelineJS's sheet saved as CSV.
    pub csv: PathBuf,
    /// Write the events file here instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Replace the `--output` file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// Like `render`: the data must check without errors; findings are printed as `check`
/// prints them; the output is replaced whole or not at all.
pub fn export(args: &ExportArgs, color: bool) -> Result<Outcome> {
    let events = args
        .events
        .clone()
        .unwrap_or_else(|| PathBuf::from(crate::DEFAULT_EVENTS));
    if let Some(output) = &args.output {
        if same_file(output, &events) {
            bail!(
                "-o {} is the events file itself; write the export to another file",
                output.display()
            );
        }
    }
    let staged = args
        .output
        .as_ref()
        .map(|o| citeline::output::prepare(&[o], false))
        .transpose()?;
    let checked = load_and_check(&events)?;
    print_human(&checked, color)?;
    if checked.report.errors() > 0 {
        eprintln!("nothing exported: fix the errors above first");
        return Ok(Outcome::DataErrors);
    }
    let mut bytes = Vec::new();
    citeline::export::write_export(&mut bytes, &checked.timeline, args.format.library())?;
    match (staged, &args.output) {
        (Some(staged), Some(path)) => {
            staged.commit(&[bytes])?;
            eprintln!("wrote {}", path.display());
        }
        _ => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(Outcome::Clean)
}

/// Whether both paths name one existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Reads the CSV whole (within its cap), writes TOML; `check` then judges the data.
pub fn import(args: &ImportArgs) -> Result<Outcome> {
    let staged = match &args.output {
        Some(path) => Some(stage_new(path, args.force)?),
        None => None,
    };
    let imported = match citeline::import::read_csv(&args.csv) {
        Ok(imported) => imported,
        Err(e) if e.is_unreadable() => bail!("{e}"),
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(Outcome::DataErrors);
        }
    };
    for note in &imported.notes {
        eprintln!("note: {note}");
    }
    let (what, from, kind) = (
        imported.events,
        args.csv.display(),
        imported.kind.describe(),
    );
    match (staged, &args.output) {
        (Some(staged), Some(path)) => {
            staged.commit(&[imported.toml.into_bytes()])?;
            eprintln!(
                "imported {what} events from {from} ({kind}) into {0}; now run: citeline check {0}",
                path.display()
            );
        }
        _ => {
            std::io::stdout()
                .lock()
                .write_all(imported.toml.as_bytes())?;
            eprintln!(
                "imported {what} events from {from} ({kind}); save them with -o events.toml, \
                 then run: citeline check events.toml"
            );
        }
    }
    Ok(Outcome::Clean)
}

/// An events file is hand-curated work: never replaced without `--force`.
fn stage_new(path: &Path, force: bool) -> Result<citeline::output::Staged> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        bail!(
            "{} exists; name another file, or add --force to replace it",
            path.display()
        );
    }
    citeline::output::prepare(&[path], false)
        .with_context(|| format!("cannot write {}", path.display()))
}
