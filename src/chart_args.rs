//! The chart flags shared by `render` and the default command, and the layout they ask for.

use citeline::font::{FontError, Fonts};
use citeline::layout::{Filter, LayoutOptions, Orientation, Theme};
use citeline::ChartSetting;
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct ChartArgs {
    /// Chart width in pixels.
    #[arg(long, default_value_t = 1200.0, value_parser = |t: &str| citeline::parse_chart_number(t, ChartSetting::Width))]
    pub width: f64,
    /// Colour theme: light or dark.
    #[arg(long, default_value = "light", value_parser = str::parse::<Theme>)]
    pub theme: Theme,
    /// PNG resolution multiplier; 2 is sharp on high-density screens and in print.
    #[arg(long, default_value_t = 2.0, value_parser = |t: &str| citeline::parse_chart_number(t, ChartSetting::Scale))]
    pub scale: f64,
    /// Draw the date axis as one linear stretch, without cutting out long empty ones.
    #[arg(long)]
    pub no_breaks: bool,
    /// Which way time runs; auto draws across the page when every label fits, down it
    /// otherwise.
    #[arg(long, value_enum, default_value_t = OrientationArg::Auto)]
    pub orientation: OrientationArg,
    /// Draw only events that end on or after this date (e.g. 2019, 2019-06, 2019-06-01).
    #[arg(long, value_name = "DATE", value_parser = |t: &str| day_bound(t, true))]
    pub from: Option<chrono::NaiveDate>,
    /// Draw only events that begin on or before this date.
    #[arg(long, value_name = "DATE", value_parser = |t: &str| day_bound(t, false))]
    pub to: Option<chrono::NaiveDate>,
    /// Draw only events with this tag; repeat for several.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Label every event, however tall the chart grows (by default a big timeline keeps
    /// to a few screens and labels the events that matter first).
    #[arg(long)]
    pub all_labels: bool,
    /// A fallback font file (.ttf, .otf, .ttc) for characters the built-in fonts lack,
    /// after those the events file lists; repeat for several.
    #[arg(long = "font", value_name = "FILE")]
    pub fonts: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OrientationArg {
    Auto,
    Horizontal,
    Vertical,
}

impl Default for ChartArgs {
    fn default() -> Self {
        Self {
            width: 1200.0,
            theme: Theme::Light,
            scale: 2.0,
            no_breaks: false,
            orientation: OrientationArg::Auto,
            from: None,
            to: None,
            tags: Vec::new(),
            all_labels: false,
            fonts: Vec::new(),
        }
    }
}

impl ChartArgs {
    /// The layout asked for, measuring with `fonts` (the events file's) and then each
    /// `--font` file.
    pub fn layout(&self, fonts: &Fonts) -> Result<LayoutOptions, FontError> {
        let fonts = self
            .fonts
            .iter()
            .try_fold(fonts.clone(), |fonts, path| fonts.with_file(path))?;
        Ok(LayoutOptions {
            width: self.width,
            theme: self.theme,
            breaks: !self.no_breaks,
            orientation: match self.orientation {
                OrientationArg::Auto => Orientation::Auto,
                OrientationArg::Horizontal => Orientation::Horizontal,
                OrientationArg::Vertical => Orientation::Vertical,
            },
            filter: self.layout_filter(),
            all_labels: self.all_labels,
            fonts,
        })
    }
}

/// The first (`earliest`) or last day of a date as the events file writes them.
fn day_bound(text: &str, earliest: bool) -> Result<chrono::NaiveDate, String> {
    let days = citeline::date::parse(text)
        .map_err(|e| {
            format!(
                "`{text}` is not a date like 2019, 2019-06 or 2019-06-01: {}",
                e.message
            )
        })?
        .days();
    Ok(if earliest {
        days.earliest()
    } else {
        days.latest()
    })
}

impl ChartArgs {
    /// Refuses a filter that can draw nothing: `--from` after `--to`, a tag no event has, or
    /// a range and tags that together keep no event. Each message says what the data has.
    pub fn check_filter(&self, timeline: &citeline::model::Timeline) -> Result<(), String> {
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if from > to {
                return Err(format!("--from {from} is after --to {to}: nothing to draw"));
            }
        }
        let mut tags: Vec<&str> = timeline
            .events
            .iter()
            .flat_map(|e| e.tags.iter().map(|t| t.value.as_str()))
            .collect();
        tags.sort_unstable();
        tags.dedup();
        for tag in &self.tags {
            if !tags.contains(&tag.as_str()) {
                let known = if tags.is_empty() {
                    "no event has tags".to_string()
                } else {
                    format!("the tags are: {}", tags.join(", "))
                };
                return Err(format!("no event is tagged `{tag}`; {known}"));
            }
        }
        let filter = self.layout_filter();
        if !timeline.events.is_empty() && !timeline.events.iter().any(|e| filter.keeps(e)) {
            return Err("no event matches --from, --to and --tag together: nothing to draw".into());
        }
        Ok(())
    }

    fn layout_filter(&self) -> Filter {
        Filter {
            from: self.from,
            to: self.to,
            tags: self.tags.clone(),
        }
    }
}
