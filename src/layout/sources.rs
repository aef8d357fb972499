//! The Sources block under the chart: one numbered entry per cited source, in the order of
//! first citation on the chart (left to right), with its published date as the data states
//! it (EDTF, so `2013-11?` keeps its doubt), then the notes of inferred dates. Long entries
//! wrap to the page width with a hanging indent, measured with the chart's font.
//!
//! As at a newspaper's graphics desk, the block is a quiet footer: smaller than the labels,
//! in the muted colour (still 4.5:1 or more), with little room between entries, so that
//! it serves the reader who checks without competing with the chart.

use super::build::{group, Builder};
use super::labels;
use super::prepare::Prepared;
use super::sizes::{MARGIN, SOURCE_SIZE};
use super::wording::human_date;
use crate::font;
use crate::model::DatedBy;
use crate::scene::{Group, Role};

/// A bold heading of the block under the chart, as its own group.
fn heading(b: &mut Builder, text: &str, class: &str) {
    let fill = b.palette.muted;
    let items = b.paragraph(text, MARGIN, 0.0, SOURCE_SIZE, true, false, fill);
    b.groups
        .push(group(Role::Sources, vec![class.into()], items));
    b.y += 1.0;
}

/// The Sources block, then the notes of inferred dates; advances `y` past them.
pub(super) fn draw(b: &mut Builder, prepared: &Prepared) {
    let p = b.palette;
    if !prepared.cited.is_empty() {
        heading(b, "Sources", "sources-heading");
    }
    for (i, id) in prepared.cited.iter().enumerate() {
        let n = i + 1;
        let mark = format!("[{n}] ");
        let indent = font::text_width(&mark, SOURCE_SIZE, false);
        let (entry, link) = match prepared.sources.get(id) {
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
                (entry, s.url.as_ref().map(|u| u.value.clone()))
            }
            None => (format!("{mark}{}", labels::clean(id)), None),
        };
        let items = b.paragraph(&entry, MARGIN, indent, SOURCE_SIZE, false, false, p.muted);
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
