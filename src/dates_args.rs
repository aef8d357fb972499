//! The flags of `citeline dates`: which text (a source of an events file, or any file with
//! its publication date), which way to read it, and in which format to list it.

use citeline::date::Edtf;
use citeline::{DateOrder, DatesFormat, DatesOptions, Direction};
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    override_usage = "citeline dates SOURCE_ID [EVENTS] [--past | --planned] [--format text|json]\n       \
citeline dates --file PATH --published DATE [--url URL] [--date-order dmy|mdy|ymd] [--past | --planned] [--format text|json]"
)]
pub struct DatesArgs {
    /// The source id, as in [sources.ID].
    #[arg(
        value_name = "SOURCE_ID",
        required_unless_present = "file",
        conflicts_with = "file"
    )]
    pub source: Option<String>,
    /// The events file [default: events.toml].
    #[arg(conflicts_with = "file")]
    pub events: Option<PathBuf>,
    /// Read this file (text, HTML, PDF or web archive) instead of a source of an events
    /// file; needs --published.
    #[arg(long, value_name = "PATH", requires = "published")]
    pub file: Option<PathBuf>,
    /// The captured page to read when the --file is a web archive (WARC or WACZ).
    #[arg(long, value_name = "URL", requires = "file", conflicts_with_all = ["source", "events"])]
    pub url: Option<String>,
    /// When the --file text was published, written as in the events file (2003-12-03,
    /// 2003-12, 2012-07?/2013-11?): relative expressions count from it.
    #[arg(long, value_name = "DATE", requires = "file", conflicts_with_all = ["source", "events"], value_parser = published)]
    pub published: Option<Edtf>,
    /// How the --file text orders numeric dates such as 03/12/2003 (a source says so with
    /// `date_order`); without it, only unambiguous ones are read.
    #[arg(long, value_enum, value_name = "ORDER", requires = "file", conflicts_with_all = ["source", "events"])]
    pub date_order: Option<OrderArg>,
    /// Read every expression forwards, as a planned event's quotes are read (the next
    /// such day, not the last).
    #[arg(long, conflicts_with = "past")]
    pub planned: bool,
    /// Read every expression backwards, as a happened event's quotes are read, whatever
    /// its words say.
    #[arg(long)]
    pub past: bool,
    /// Output format: text (tab-separated lines) or json (one object).
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OrderArg {
    /// Day, month, year: 03/12/2003 is 3 December.
    Dmy,
    /// Month, day, year: 12/03/2003 is 3 December.
    Mdy,
    /// Year, month, day: 2003/12/03.
    Ymd,
}

impl DatesArgs {
    /// The listing asked for: each expression read as its words say, unless `--past` or
    /// `--planned` says one direction for all.
    pub fn options(&self) -> DatesOptions {
        DatesOptions {
            direction: match (self.past, self.planned) {
                (true, _) => Some(Direction::Past),
                (_, true) => Some(Direction::Future),
                _ => None,
            },
            format: match self.format {
                ListFormat::Text => DatesFormat::Text,
                ListFormat::Json => DatesFormat::Json,
            },
        }
    }

    /// The numeric date order given for `--file`.
    pub fn date_order(&self) -> Option<DateOrder> {
        self.date_order.map(|o| match o {
            OrderArg::Dmy => DateOrder::Dmy,
            OrderArg::Mdy => DateOrder::Mdy,
            OrderArg::Ymd => DateOrder::Ymd,
        })
    }
}

/// A publication date as the events file writes one, with both ends known.
fn published(text: &str) -> Result<Edtf, String> {
    let date = citeline::date::parse(text).map_err(|e| {
        format!(
            "`{text}` is not a date like 2003-12-03, 2003-12 or 2012-07?/2013-11?: {}",
            e.message
        )
    })?;
    if matches!(
        date,
        Edtf::Interval { start: None, .. } | Edtf::Interval { end: None, .. }
    ) {
        return Err(format!(
            "`{text}` is open-ended; a publication date needs both ends, e.g. 2012-07?/2013-11?"
        ));
    }
    Ok(date)
}
