//! The Sources block under the chart: one numbered entry per cited source, in the order of
//! first citation on the chart (left to right), with its published date as the data states
//! it (EDTF, so `2013-11?` keeps its doubt), then the notes of inferred dates. Long entries
//! wrap to the page width with a hanging indent, measured with the chart's font.
//!
//! As at a newspaper's graphics desk, the block is a quiet footer: smaller than the labels,
//! in the muted colour (still 4.5:1 or more), with little room between entries, so that
//! it serves the reader who checks without competing with the chart.

use super::build::{group, text_item_measured, Builder};
use super::labels;
use super::prepare::Prepared;
use super::sizes::{MARGIN, SOURCE_SIZE};
use super::wording::human_date;
use crate::font;
use crate::model::{DatedBy, Source};
use crate::scene::{Group, Link, Role};

/// A bold heading of the block under the chart, as its own group.
fn heading(b: &mut Builder, text: &str, class: &str) {
    let fill = b.palette.muted;
    let items = b.paragraph(text, MARGIN, 0.0, SOURCE_SIZE, true, false, fill);
    b.groups
        .push(group(Role::Sources, vec![class.into()], items));
    b.y += 1.0;
}

/// More sources than this are listed compactly, in columns, one line each.
const COMPACT_FROM: usize = 12;

/// Source `n`'s entry, `[n] Publisher, “Title”, published 2013-11? (note), archived
/// 2013-12-02, accessed 2026-11-30`, and its link.
fn entry(prepared: &Prepared, n: usize, id: &str) -> (String, Option<Link>) {
    let mark = format!("[{n}] ");
    match prepared.sources.get(id) {
        Some(s) => {
            let mut entry = format!(
                "{mark}{}, “{}”, published {}",
                labels::clean(&s.publisher.value),
                labels::clean(&s.title.value),
                s.published.value,
            );
            if let Some(note) = &s.published_note {
                entry.push_str(&format!(" ({})", labels::clean(&note.value)));
            }
            if let Some(archived) = &s.archived {
                entry.push_str(&format!(", archived {}", archived.value));
            }
            if let Some(accessed) = &s.accessed {
                entry.push_str(&format!(", accessed {}", accessed.value));
            }
            (entry, link(s))
        }
        None => (format!("{mark}{}", labels::clean(id)), None),
    }
}

/// The link of a source's entry: to its `url`, or to its archived copy when it has none,
/// with the Robust Links facts of the copy.
fn link(source: &Source) -> Option<Link> {
    let original = source.url.as_ref().map(|u| u.value.clone());
    let version = source.archive_url.as_ref().map(|u| u.value.clone());
    let href = original.clone().or_else(|| version.clone())?;
    Some(Link {
        href,
        original,
        version,
        version_date: source.archived.as_ref().map(|d| d.value.to_string()),
    })
}

/// Many sources in columns down the page, one line each: an entry too long for its
/// column ends in "…", and its whole text is its tooltip. Keeps a big chart's footer a
/// fraction of the chart rather than a second chart's height.
fn compact(b: &mut Builder, entries: Vec<(String, Option<Link>)>) {
    const COLUMN: f64 = 370.0;
    const COLUMN_GAP: f64 = 18.0;
    let columns = (((b.text_width() + COLUMN_GAP) / (COLUMN + COLUMN_GAP)).floor() as usize).max(1);
    let width = (b.text_width() - (columns - 1) as f64 * COLUMN_GAP) / columns as f64;
    let rows = entries.len().div_ceil(columns);
    let (ascent, descent) = font::vertical_metrics(SOURCE_SIZE, false);
    let line = ascent + descent + 2.0;
    let top = b.y;
    let fill = b.palette.muted;
    for (i, (text, link)) in entries.into_iter().enumerate() {
        let (column, row) = (i / rows, i % rows);
        let x = MARGIN + column as f64 * (width + COLUMN_GAP);
        let shown = fit(b, &text, width);
        let w = b.fonts.text_width(&shown, SOURCE_SIZE, false);
        let baseline = top + row as f64 * line + ascent;
        let item = text_item_measured(
            w,
            shown.clone(),
            x,
            baseline,
            SOURCE_SIZE,
            false,
            false,
            fill,
        );
        b.groups.push(Group {
            role: Role::Sources,
            classes: vec!["source".into()],
            tooltip: (shown != text).then_some(text),
            link,
            data: Vec::new(),
            items: vec![item],
        });
    }
    b.y = top + rows as f64 * line + 2.0;
}

/// `text`, or as much of it as fits `width` followed by "…".
fn fit(b: &Builder, text: &str, width: f64) -> String {
    if b.fonts.text_width(text, SOURCE_SIZE, false) <= width {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    // The longest prefix that fits with its ellipsis, by bisection over characters.
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if b.fonts.text_width(&candidate, SOURCE_SIZE, false) <= width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo].iter().collect::<String>().trim_end().to_owned() + "…"
}

/// The Sources block, then the notes of inferred dates; advances `y` past them.
pub(super) fn draw(b: &mut Builder, prepared: &Prepared) {
    let p = b.palette;
    if !prepared.cited.is_empty() {
        heading(b, "Sources", "sources-heading");
    }
    let entries: Vec<(String, Option<Link>)> = prepared
        .cited
        .iter()
        .enumerate()
        .map(|(i, id)| entry(prepared, i + 1, id))
        .collect();
    if entries.len() > COMPACT_FROM {
        compact(b, entries);
    } else {
        for (text, link) in entries {
            let mark_end = text.find("] ").map_or(0, |k| k + 2);
            let indent = font::text_width(&text[..mark_end], SOURCE_SIZE, false);
            let items = b.paragraph(&text, MARGIN, indent, SOURCE_SIZE, false, false, p.muted);
            b.groups.push(Group {
                role: Role::Sources,
                classes: vec!["source".into()],
                tooltip: None,
                link,
                data: Vec::new(),
                items,
            });
            b.y += 1.0;
        }
    }
    if prepared.sources_left_out > 0 {
        let n = prepared.sources_left_out;
        let text = format!(
            "… and {} more source{}, cited only by events without a label: each is named in \
             its event's tooltip.",
            super::wording::thousands(n),
            super::wording::plural(n)
        );
        let items = b.paragraph(&text, MARGIN, 0.0, SOURCE_SIZE, false, true, p.muted);
        b.groups
            .push(group(Role::Sources, vec!["sources-more".into()], items));
        b.y += 1.0;
    }

    let inferred: Vec<_> = prepared
        .events
        .iter()
        .filter(|e| e.event.dated_by.value == DatedBy::Inference)
        .collect();
    if inferred.is_empty() {
        return;
    }
    b.y += 6.0;
    heading(b, "* Inferred dates", "inferred-heading");
    let indent = font::text_width("* ", SOURCE_SIZE, false);
    // A chart that keeps to a height budget lists a few notes and counts the rest: each
    // stays in its event's `date_note` and tooltip.
    let shown = if prepared.labelled < prepared.events.len() {
        MAX_NOTES_WHEN_BUDGETED
    } else {
        inferred.len()
    };
    let more = inferred.len().saturating_sub(shown);
    for ev in inferred.into_iter().take(shown) {
        let e = ev.event;
        let mut title = labels::clean(&e.title.value);
        if title.is_empty() {
            title = labels::clean(&e.id.value);
        }
        let note = e
            .date_note
            .as_ref()
            .map(|n| labels::clean(&n.value))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "no note given".to_string());
        let entry = format!("* {title} ({}): {note}", human_date(&e.date.value));
        let items = b.paragraph(&entry, MARGIN, indent, SOURCE_SIZE, false, true, p.muted);
        b.groups
            .push(group(Role::Sources, vec!["inferred-note".into()], items));
        b.y += 1.0;
    }
    if more > 0 {
        let text = format!(
            "… and {} more inferred dates: each event's `date_note` in the events file, and its \
             tooltip, says how its date was inferred.",
            super::wording::thousands(more)
        );
        let items = b.paragraph(&text, MARGIN, indent, SOURCE_SIZE, false, true, p.muted);
        b.groups
            .push(group(Role::Sources, vec!["inferred-more".into()], items));
    }
}

/// Notes of inferred dates listed under a chart that does not label every event.
const MAX_NOTES_WHEN_BUDGETED: usize = 8;
