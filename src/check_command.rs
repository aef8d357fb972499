//! `citeline check`: the findings in the format a reader or a tool wants. Every format is
//! a rendering of the same report (docs/output.md); this file only picks the stream.

use crate::{load_and_check, print_human, Outcome};
use anyhow::Result;
use clap::ValueEnum;
use std::io::Write;
use std::path::Path;

/// How `check` writes its findings.
#[derive(Clone, Copy, ValueEnum)]
pub enum FindingsFormat {
    /// Like a compiler, to standard error.
    Human,
    /// One JSON object, to standard output.
    Json,
    /// One JSON object per finding and line, to standard output.
    JsonLines,
    /// SARIF 2.1.0, for GitHub code scanning and SARIF viewers, to standard output.
    Sarif,
    /// GitHub Actions workflow commands, annotating the pull request, to standard output.
    Github,
}

pub fn check(
    events: &Path,
    format: FindingsFormat,
    deny_warnings: bool,
    color: bool,
) -> Result<Outcome> {
    let checked = load_and_check(events)?;
    let t = &checked.timeline;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        FindingsFormat::Human => print_human(&checked, color)?,
        FindingsFormat::Json => citeline::write_json(&mut out, &checked.report, &t.path, &t.text)?,
        FindingsFormat::JsonLines => {
            citeline::write_json_lines(&mut out, &checked.report, &t.path, &t.text)?
        }
        FindingsFormat::Sarif => {
            citeline::write_sarif(&mut out, &checked.report, &t.path, &t.text)?
        }
        FindingsFormat::Github => {
            citeline::write_github(&mut out, &checked.report, &t.path, &t.text)?
        }
    }
    out.flush()?;
    drop(out);
    if checked.report.errors() == 0 && checked.fails(deny_warnings) {
        eprintln!("failing: --deny-warnings turns the warnings above into a failure");
    }
    let fails = checked.fails(deny_warnings);
    // The process ends here: freeing a large timeline piece by piece would only delay the
    // exit that returns all of it at once.
    std::mem::forget(checked);
    Ok([Outcome::Clean, Outcome::DataErrors][usize::from(fails)])
}
