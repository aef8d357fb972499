//! Layout: from a loaded [`Timeline`] to a finished [`Scene`], as pure geometry.
//!
//! Everything a reader sees is decided here (where each mark, stem and label goes, which
//! ticks the axis gets, how long texts wrap, which colours apply) so that the renderers only
//! translate. No files, no drawing library, no error path: any timeline that loaded can be
//! laid out, the empty one included. Text is measured with the options' [`Fonts`], which
//! the scene carries to the PNG; characters no font has become `missing-glyphs` notes. Coordinates are rounded to 0.01 px so the SVG text is stable.
//!
//! Time is linear inside every axis segment; long empty stretches are cut out as breaks.
//! The chart runs one of two ways. Across the page (the classic look, `chart.rs`): dots
//! on the axis with stems rising to staggered labels, or lanes when data is dense; kept
//! when every label's reach (label to mark to axis, [`reach::reach`]) is at most 300 px.
//! Otherwise down the page, a chronology (`chronology.rs`): the axis in the middle (or at
//! the left of a narrow page), each label beside its date on either side within 200 px,
//! segments as long as their labels need, a height budget for big timelines with key
//! events labelled first, and an overview counting every event. Events on one day share a
//! label block that lists a few and counts the rest.
//!
//! The steps, in order, each in its own file: `prepare.rs` orders the events, numbers the
//! citations, colours the tags and chooses the axis's stretches; then, on a `Builder` that
//! collects the scene from top to bottom (`build.rs`), `header.rs` draws the title,
//! `legend.rs` the legend, `chart.rs` the chart and `sources.rs` the Sources block. For the
//! chart, `arrange.rs` wraps the labels, fits the axis to the page and decides how high each
//! block sits (stems or lanes); `axis.rs` draws the axis; `marks.rs` draws each event.
//! Down the page, `chronology.rs` plans and draws with `sweep.rs` (placing boxes along a
//! line near their wishes, in order).
//!
//! Imports point one way, from the steps to what they share, which imports no step:
//! `build.rs`, `prepare.rs`, `sizes.rs` (every fixed size), `style.rs` (the mark styles and the
//! break zigzag, read by the marks and the legend alike) and `wording.rs`
//! (dates and counts in words); under those, the public [`labels`], [`scale`] and [`theme`].
//! This file holds only the entry point, [`layout`], which calls the steps.

mod arrange;
mod axis;
mod build;
mod chart;
mod chronology;
mod header;
pub mod labels;
mod legend;
mod marks;
mod prepare;
pub mod reach;
pub mod scale;
mod sizes;
mod sources;
mod style;
mod sweep;
pub mod theme;
mod wording;

pub use self::prepare::TAGS_GROUPED;
pub use self::sizes::TALL;
pub use self::theme::{Palette, Theme};
pub use self::wording::human_date;

use self::build::Builder;
use self::prepare::Prepared;
use crate::font::Fonts;
use crate::model::Timeline;
use crate::scene::Scene;
use chrono::NaiveDate;

/// How the chart is laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutOptions {
    /// Canvas width in pixels (at least 320; the canvas grows if a label needs more).
    pub width: f64,
    pub theme: Theme,
    /// Compress long empty stretches of time into axis breaks.
    pub breaks: bool,
    /// Which way time runs; [`Orientation::Auto`] picks the horizontal chart when every
    /// label fits beside its date that way, and the vertical chronology otherwise.
    pub orientation: Orientation,
    /// Which events are drawn.
    pub filter: Filter,
    /// Label every event however tall the chart grows, instead of keeping to the height
    /// budget and labelling the events that matter first.
    pub all_labels: bool,
    /// The fonts every text is measured with, carried to the PNG in the scene: the
    /// built-in ones by default, with a project's fallback fonts after them.
    pub fonts: Fonts,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            width: 1200.0,
            theme: Theme::Light,
            breaks: true,
            orientation: Orientation::Auto,
            filter: Filter::default(),
            all_labels: false,
            fonts: Fonts::default(),
        }
    }
}

/// Which way time runs on the chart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Orientation {
    /// Horizontal where every label fits beside its date, vertical otherwise.
    #[default]
    Auto,
    /// Time runs left to right, labels above the axis.
    Horizontal,
    /// Time runs down the page, the axis on the left, each label beside its date.
    Vertical,
}

/// The events a chart draws: those whose interval meets `from..=to` and, when `tags` is not
/// empty, that carry one of `tags`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub tags: Vec<String>,
}

impl Filter {
    /// Whether the chart draws `event`.
    ///
    /// ```
    /// use citeline::layout::Filter;
    /// let checked = citeline::check_file(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/events.toml"))).unwrap();
    /// let plans = Filter { tags: vec!["plan".into()], ..Filter::default() };
    /// assert_eq!(checked.timeline.events.iter().filter(|e| plans.keeps(e)).count(), 1);
    /// ```
    pub fn keeps(&self, event: &crate::model::Event) -> bool {
        let days = event.date.value.days();
        self.from.is_none_or(|from| days.latest() >= from)
            && self.to.is_none_or(|to| days.earliest() <= to)
            && (self.tags.is_empty() || event.tags.iter().any(|t| self.tags.contains(&t.value)))
    }
}

/// Lays out `timeline` as a chart.
///
/// ```
/// use citeline::layout::{layout, LayoutOptions};
/// use citeline::model::Timeline;
/// let scene = layout(&Timeline::default(), &LayoutOptions::default());
/// assert!(scene.description.starts_with("0 events"));
/// ```
pub fn layout(timeline: &Timeline, options: &LayoutOptions) -> Scene {
    let width = if options.width.is_finite() {
        options.width.clamp(320.0, 100_000.0)
    } else {
        1200.0
    };
    let palette = Palette::of(options.theme);
    let filtered = filter(timeline, &options.filter);
    let timeline = filtered.as_ref().unwrap_or(timeline);
    let breaks =
        |max: usize, share: f64, cross: bool| (if options.breaks { max } else { 0 }, share, cross);
    let notes = crate::glyphs::missing_glyphs(timeline, timeline.events.iter(), &options.fonts);
    let across = match options.orientation {
        Orientation::Horizontal => true,
        Orientation::Vertical => false,
        Orientation::Auto => timeline.events.len() <= ACROSS_AT_MOST,
    };
    if across || timeline.events.is_empty() {
        let mut prepared = Prepared::new(timeline, &palette, breaks(6, 0.25, false));
        let mut notes = notes.clone();
        notes.append(&mut prepared.notes);
        if prepared.events.is_empty() {
            let mut b = Builder::new(width, &palette, &options.fonts);
            header::draw(&mut b, timeline, &prepared);
            chart::draw_empty(&mut b);
            b.notes = notes;
            return b.finish(prepared.title.clone(), prepared.description());
        }
        let page = Page {
            timeline,
            prepared: &prepared,
            width,
            palette: &palette,
            fonts: &options.fonts,
        };
        let scene = page.draw(notes, |b| chart::draw(b, &prepared));
        let fits = reach::reach(&scene).iter().all(|(_, r)| *r <= ACROSS_REACH);
        if fits || options.orientation == Orientation::Horizontal {
            return scene;
        }
    }
    // Down the page, segments take the length their labels need: more breaks pay.
    let mut prepared = Prepared::new(timeline, &palette, breaks(40, 0.01, true));
    let mut notes = notes;
    notes.append(&mut prepared.notes);
    let plan = chronology::plan::plan(&prepared, width, options.all_labels, &options.fonts);
    prepared.labelled = plan.labelled;
    if plan.labelled < prepared.events.len() {
        // Citation numbers and the Sources block follow the labels drawn.
        let labelled = plan.labelled_events(prepared.events.len());
        prepared.sources_left_out = prepared.renumber(&labelled);
    }
    let page = Page {
        timeline,
        prepared: &prepared,
        width,
        palette: &palette,
        fonts: &options.fonts,
    };
    page.draw(notes, |b| chronology::draw::draw(b, &prepared, &plan))
}

/// The automatic choice tries the horizontal chart only up to this many events…
const ACROSS_AT_MOST: usize = 40;
/// …and keeps it only when every label is this close to its date (see [`reach::reach`]).
const ACROSS_REACH: f64 = 300.0;

/// What every page of a chart is drawn from.
struct Page<'a> {
    timeline: &'a Timeline,
    prepared: &'a Prepared<'a>,
    width: f64,
    palette: &'a Palette,
    fonts: &'a crate::font::Fonts,
}

impl Page<'_> {
    /// The page from top to bottom: header, legend, the chart `chart` draws (across or
    /// down), the Sources block; with the drawing's `notes`.
    fn draw(
        &self,
        notes: Vec<crate::diagnostic::Diagnostic>,
        chart: impl FnOnce(&mut Builder),
    ) -> Scene {
        let mut b = Builder::new(self.width, self.palette, self.fonts);
        b.notes = notes;
        header::draw(&mut b, self.timeline, self.prepared);
        legend::draw(&mut b, self.prepared);
        chart(&mut b);
        sources::draw(&mut b, self.prepared);
        b.finish(self.prepared.title.clone(), self.prepared.description())
    }
}

/// The timeline with only the events `filter` keeps, or `None` when it keeps them all.
fn filter(timeline: &Timeline, filter: &Filter) -> Option<Timeline> {
    if filter == &Filter::default() {
        return None;
    }
    let mut kept = timeline.clone();
    kept.events.retain(|e| filter.keeps(e));
    Some(kept)
}

#[cfg(test)]
mod tests {
    use super::build::round;
    use super::*;
    use crate::date::parse;
    use crate::model::{DatedBy, Event, Evidence, Source, Spanned, Status};
    use crate::scene::{Group, Item, Role, Stroke};

    fn sp<T>(v: T) -> Spanned<T> {
        Spanned::new(v, 0..0)
    }

    fn source(id: &str, url: Option<&str>) -> Source {
        Source {
            id: sp(id.into()),
            file: sp(format!("articles/{id}.txt")),
            publisher: sp(format!("Publisher of {id}")),
            title: sp(format!("Title of {id}")),
            published: sp(parse("2013-11?").unwrap()),
            published_note: Some(sp("from the archive listing".into())),
            url: url.map(|u| sp(u.to_string())),
            archive_url: None,
            archived: None,
            accessed: None,
            sha256: None,
            date_order: None,
        }
    }

    fn event(id: &str, date: &str, tag: &str, sources: &[&str]) -> Event {
        Event {
            id: sp(id.into()),
            date: sp(parse(date).unwrap()),
            title: sp(format!("Title {id}")),
            summary: None,
            place: None,
            actors: Vec::new(),
            tags: vec![sp(tag.into())],
            status: Status::Happened,
            dated_by: sp(DatedBy::Quote),
            date_note: None,
            evidence: sources
                .iter()
                .map(|s| Evidence {
                    source: sp(s.to_string()),
                    quote: sp("q".into()),
                })
                .collect(),
            key: false,
            span: 0..0,
        }
    }

    fn sample() -> Timeline {
        let mut planned = event("planned", "2014~", "meeting", &["b", "a"]);
        planned.status = Status::Planned;
        let mut inferred = event("inferred", "2012-07?/2013-11?", "statement", &["b"]);
        inferred.dated_by = sp(DatedBy::Inference);
        inferred.date_note = Some(sp("reasoned from the interview".into()));
        Timeline {
            sources: vec![
                source("a", Some("https://example.org/a")),
                source("b", None),
            ],
            // File order differs from date order: numbering follows the chart.
            events: vec![
                planned,
                inferred,
                event("day", "2003-11-19", "meeting", &["a"]),
                event("open", "2013-01/..", "report", &[]),
            ],
            ..Timeline::default()
        }
    }

    fn texts(g: &Group) -> Vec<&str> {
        g.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    fn event_group<'s>(scene: &'s Scene, id: &str) -> &'s Group {
        scene
            .groups
            .iter()
            .find(|g| g.role == Role::Event(id.into()))
            .unwrap()
    }

    #[test]
    fn classes_marks_and_citations_follow_the_data() {
        let scene = layout(&sample(), &LayoutOptions::default());
        let day = event_group(&scene, "day");
        assert_eq!(day.classes, ["event", "day", "tag-meeting"]);
        assert!(day.items.iter().any(|i| matches!(i, Item::Circle { .. })));
        // The citation mark is a superscript of its own: `1` after the words.
        assert_eq!(texts(day), ["Title day", "1", "19 Nov 2003"]);

        let inferred = event_group(&scene, "inferred");
        // The class names the drawn style (inferred wins over uncertain, as in the
        // legend); `data-date` keeps the date as written, doubt included.
        assert_eq!(
            inferred.classes,
            ["event", "interval", "inferred", "tag-statement"]
        );
        assert!(inferred
            .data
            .contains(&("date".to_string(), "2012-07?/2013-11?".to_string())));
        assert!(inferred
            .data
            .contains(&("start".to_string(), "2012-07-01".to_string())));
        assert!(inferred
            .data
            .contains(&("end".to_string(), "2013-11-30".to_string())));
        // A bar, not a dot; source b is cited second on the chart, so it is [2].
        assert!(inferred
            .items
            .iter()
            .any(|i| matches!(i, Item::Rect { .. })));
        assert!(!inferred
            .items
            .iter()
            .any(|i| matches!(i, Item::Circle { .. })));
        assert_eq!(
            texts(inferred),
            ["Title inferred", "2", "Jul 2012? – Nov 2013? · inferred*"]
        );
        let tooltip = inferred.tooltip.as_deref().unwrap();
        assert!(
            tooltip.starts_with("2012-07?/2013-11?: Title inferred"),
            "{tooltip}"
        );
        assert!(
            tooltip.contains("[2] Publisher of b, “Title of b”"),
            "{tooltip}"
        );

        let planned = event_group(&scene, "planned");
        assert_eq!(
            planned.classes,
            ["event", "interval", "planned", "tag-meeting"]
        );
        assert_eq!(texts(planned)[..2], ["Title planned", "1,2"]);
        assert!(planned.items.iter().any(|i| matches!(
            i,
            Item::Rect {
                stroke: Some(Stroke { dash: Some(_), .. }),
                ..
            }
        )));

        let open = event_group(&scene, "open");
        assert!(open.classes.contains(&"open".to_string()));
        assert!(open.items.iter().any(|i| matches!(i, Item::Polygon { .. })));
    }

    #[test]
    fn sources_block_lists_cited_sources_with_links_and_notes() {
        let scene = layout(&sample(), &LayoutOptions::default());
        let sources: Vec<&Group> = scene
            .groups
            .iter()
            .filter(|g| g.role == Role::Sources)
            .collect();
        let all: Vec<String> = sources.iter().map(|g| texts(g).join(" ")).collect();
        assert_eq!(all[0], "Sources");
        assert!(all[1].starts_with("[1] Publisher of a, “Title of a”, published 2013-11?"));
        assert!(all[1].contains("from the archive listing"));
        let link = sources[1].link.as_ref().map(|l| l.href.as_str());
        assert_eq!(link, Some("https://example.org/a"));
        assert!(all[2].starts_with("[2] Publisher of b"));
        assert_eq!(sources[2].link, None);
        assert!(all
            .iter()
            .any(|t| t.contains("* Title inferred") && t.contains("reasoned from the interview")));
    }

    #[test]
    fn an_archived_source_links_to_its_copy_and_says_when_it_was_made() {
        let mut timeline = sample();
        let b = timeline
            .sources
            .iter_mut()
            .find(|s| s.id.value == "b")
            .unwrap();
        b.archive_url = Some(sp(
            "https://web.archive.org/web/20131201/https://example.org/b".into(),
        ));
        b.archived = Some(sp(parse("2013-12-01").unwrap()));
        b.accessed = Some(sp(parse("2026-11-30").unwrap()));
        let scene = layout(&timeline, &LayoutOptions::default());
        let entry = scene
            .groups
            .iter()
            .filter(|g| g.role == Role::Sources)
            .find(|g| texts(g).join(" ").starts_with("[2] Publisher of b"))
            .unwrap();
        let text = texts(entry).join(" ");
        assert!(
            text.ends_with(", archived 2013-12-01, accessed 2026-11-30"),
            "{text}"
        );
        let link = entry.link.as_ref().unwrap();
        // No `url`: the link leads to the copy, and says so.
        assert_eq!(
            link.href,
            "https://web.archive.org/web/20131201/https://example.org/b"
        );
        assert_eq!(link.original, None);
        assert_eq!(link.version.as_deref(), Some(link.href.as_str()));
        assert_eq!(link.version_date.as_deref(), Some("2013-12-01"));
    }

    fn legend(scene: &Scene) -> Vec<(Vec<String>, Vec<&str>)> {
        scene
            .groups
            .iter()
            .filter(|g| g.role == Role::Legend)
            .map(|g| (g.classes.clone(), texts(g)))
            .collect()
    }

    #[test]
    fn legend_explains_only_the_styles_in_use() {
        let scene = layout(&sample(), &LayoutOptions::default());
        let entries = legend(&scene);
        let classes: Vec<&str> = entries.iter().map(|(c, _)| c[1].as_str()).collect();
        // Tags by use (meeting twice), then the styles drawn, then what is on the axis. The
        // inferred event's date is also uncertain, but its mark is drawn inferred (the least
        // certain quality wins), so "uncertain" is not in the key.
        assert_eq!(
            classes,
            [
                "tag-meeting",
                "tag-statement",
                "tag-report",
                "day",
                "interval",
                "inferred",
                "planned",
                "open",
                "break"
            ]
        );
        assert!(entries.iter().all(|(c, _)| c[0] == "legend-item"));
        let t: Vec<&str> = entries.iter().flat_map(|(_, t)| t.clone()).collect();
        assert_eq!(t[..3], ["meeting", "statement", "report"]);
        assert!(t.iter().any(|s| s.contains("inferred")));
        // Only exact days of one tag: colour and shape need no key.
        let mut only_days = sample();
        only_days.events.retain(|e| e.id.value == "day");
        let scene = layout(&only_days, &LayoutOptions::default());
        assert!(legend(&scene).is_empty());
    }

    #[test]
    fn description_and_title_summarise() {
        let mut tl = sample();
        let scene = layout(&tl, &LayoutOptions::default());
        assert_eq!(scene.title, "Timeline");
        assert_eq!(
            scene.description,
            "4 events on a timeline from 2003-11-19 to 2014-12-31, citing 2 sources; 2 with \
             approximate or uncertain dates, 1 with inferred dates, 1 planned."
        );
        tl.title = Some(sp("CSTO and NATO".into()));
        assert_eq!(
            layout(&tl, &LayoutOptions::default()).title,
            "CSTO and NATO"
        );
    }

    #[test]
    fn breaks_can_be_turned_off() {
        let count = |breaks| {
            let scene = layout(
                &sample(),
                &LayoutOptions {
                    breaks,
                    ..LayoutOptions::default()
                },
            );
            scene
                .groups
                .iter()
                .filter(|g| g.role == Role::Axis)
                .flat_map(|g| &g.items)
                .filter(|i| matches!(i, Item::Polyline { .. }))
                .count()
        };
        assert_eq!(count(true), 1);
        assert_eq!(count(false), 0);
    }

    #[test]
    fn dark_theme_text_is_readable() {
        let scene = layout(
            &sample(),
            &LayoutOptions {
                theme: Theme::Dark,
                ..LayoutOptions::default()
            },
        );
        for item in scene.groups.iter().flat_map(|g| &g.items) {
            if let Item::Text { fill, .. } = item {
                assert!(theme::contrast(*fill, scene.background) >= 4.5);
            }
        }
    }

    #[test]
    fn coordinates_are_rounded() {
        let scene = layout(
            &sample(),
            &LayoutOptions {
                width: 1000.3,
                ..LayoutOptions::default()
            },
        );
        for item in scene.groups.iter().flat_map(|g| &g.items) {
            if let Item::Text { at, bounds, .. } = item {
                for v in [at.x, at.y, bounds.x, bounds.width] {
                    assert_eq!(v, round(v));
                }
            }
        }
    }
}
