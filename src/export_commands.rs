//! `citeline export` (the checked chronology as CSV, JSON, Markdown, HTML or TimelineJS
//! data) and `citeline import` (an events file from a spreadsheet's CSV).

use crate::Outcome;
use anyhow::Result;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The events file [default: events.toml].
    pub events: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The CSV file.
    pub csv: PathBuf,
}

pub fn export(_args: &ExportArgs, _color: bool) -> Result<Outcome> {
    todo!("export")
}

pub fn import(_args: &ImportArgs) -> Result<Outcome> {
    todo!("import")
}
