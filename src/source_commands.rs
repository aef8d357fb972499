//! The commands that show one source: `citeline dates` (its date expressions) and
//! `citeline text` (its text as `check` reads it). Both name a source of an events file;
//! both report a broken events file as `check` does, with exit code 1.

use crate::dates_args::DatesArgs;
use crate::{load_and_check, print_human, Outcome, DEFAULT_EVENTS};
use anyhow::{bail, Result};
use citeline::{Checked, ListingError, TextOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct TextArgs {
    /// The source id, as in [sources.ID].
    #[arg(value_name = "SOURCE_ID")]
    pub source: String,
    /// The events file [default: events.toml].
    pub events: Option<PathBuf>,
    /// The text alone, byte for byte, without paragraph markers.
    #[arg(long)]
    pub plain: bool,
}

pub fn text(args: &TextArgs, color: bool) -> Result<Outcome> {
    let options = TextOptions { plain: args.plain };
    let checked = load_events(args.events.as_deref())?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = citeline::write_text(&mut out, &checked, &args.source, &options);
    finish(written, out, &checked, color)
}

fn load_events(events: Option<&Path>) -> Result<Checked> {
    load_and_check(events.unwrap_or(Path::new(DEFAULT_EVENTS)))
}

/// The outcome of showing a source: findings about the events file exit 1, as for
/// `check`; an unknown source is a usage error.
fn finish(
    written: Result<(), ListingError>,
    mut out: impl Write,
    checked: &Checked,
    color: bool,
) -> Result<Outcome> {
    match written {
        Ok(()) => {
            out.flush()?;
            Ok(Outcome::Clean)
        }
        Err(e @ (ListingError::Syntax | ListingError::Unreadable(_))) => {
            drop(out);
            print_human(checked, color)?;
            eprintln!("error: {e}");
            Ok(Outcome::DataErrors)
        }
        Err(ListingError::Io(e)) => Err(e.into()),
        Err(e) => bail!("{e}"),
    }
}

pub fn dates(args: &DatesArgs, color: bool) -> Result<Outcome> {
    let options = args.options();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if let (Some(file), Some(published)) = (&args.file, &args.published) {
        let (url, order) = (args.url.as_deref(), args.date_order());
        return match citeline::write_file_dates(&mut out, file, url, published, order, &options) {
            Ok(()) => {
                out.flush()?;
                Ok(Outcome::Clean)
            }
            Err(ListingError::Io(e)) => Err(e.into()),
            // A --file that cannot be read: usage or environment.
            Err(e) => bail!("{e}"),
        };
    }
    let Some(source) = &args.source else {
        bail!("name a source, or a --file with its --published date")
    };
    let checked = load_events(args.events.as_deref())?;
    let written = citeline::write_dates(&mut out, &checked, source, &options);
    finish(written, out, &checked, color)
}
