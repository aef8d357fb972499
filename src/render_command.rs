//! `citeline render`: check, then draw the chart to every output at once; and `--watch`,
//! which draws again whenever the events file, a source or a font file changes.

use crate::chart_args::ChartArgs;
use crate::{load_and_check, print_human, Outcome};
use anyhow::{anyhow, Context, Result};
use citeline::render::PngOptions;
use citeline::ChartFormat;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Outputs are checked, and their temporary files made, before any work; they replace the
/// old files all together or not at all. `make_folders` creates missing folders (for the
/// default `output/`, and only once the data has no errors); an explicit `-o` into a
/// missing folder is a mistake worth reporting instead.
pub fn render(
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

/// How often `--watch` looks at the files. Polling a few dozen files' modification times
/// costs nothing next to a redraw, and works the same on every platform and file system
/// (network drives and containers included), where change notifications do not.
const POLL: Duration = Duration::from_millis(300);

/// Draw, then draw again after every change, until interrupted. A run that fails (errors in
/// the data, a file that cannot be read for a moment) is reported and waited out: an
/// editor saving a file half-way must not end the watch.
pub fn watch(
    events: &Path,
    outputs: &[PathBuf],
    chart: &ChartArgs,
    color: bool,
) -> Result<Outcome> {
    // The first run's usage problems (no such events file, a bad output name) end it.
    let mut files = watched(events, chart)?;
    let mut seen = stamps(&files);
    render(events, outputs, chart, color, false)?;
    loop {
        eprintln!("watching {} files; Ctrl-C stops", files.len());
        loop {
            std::thread::sleep(POLL);
            let now = stamps(&files);
            if now != seen {
                let changed = now.iter().find(|f| !seen.contains(f)).or(now.first());
                if let Some((path, _)) = changed {
                    eprintln!("\n{} changed: drawing again", path.display());
                }
                break;
            }
        }
        // The events file may now cite other sources: list them once per change, not on
        // every look (that would parse the whole file three times a second).
        files = watched(events, chart).unwrap_or_else(|_| vec![events.to_path_buf()]);
        seen = stamps(&files);
        if let Err(e) = render(events, outputs, chart, color, false) {
            eprintln!("error: {e:#}");
        }
    }
}

/// The events file, every source file it names, and the font files: what a redraw reads.
fn watched(events: &Path, chart: &ChartArgs) -> Result<Vec<PathBuf>> {
    let loaded = citeline::load(events).map_err(|e| anyhow!("{e}"))?;
    let t = &loaded.timeline;
    let mut files = vec![events.to_path_buf()];
    files.extend(t.sources.iter().map(|s| t.user_path(&s.file.value)));
    files.extend(t.fonts.iter().map(|f| t.user_path(&f.value)));
    files.extend(chart.fonts.iter().cloned());
    files.sort();
    files.dedup();
    Ok(files)
}

type Stamps = Vec<(PathBuf, Option<(SystemTime, u64)>)>;

/// Each file's modification time and length; a missing file is `None`, so its return is a
/// change too.
fn stamps(files: &[PathBuf]) -> Stamps {
    files
        .iter()
        .map(|f| {
            let meta = std::fs::metadata(f).ok();
            let stamp = meta.and_then(|m| Some((m.modified().ok()?, m.len())));
            (f.clone(), stamp)
        })
        .collect()
}
