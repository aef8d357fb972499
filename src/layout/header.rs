//! The chart's header: its title in bold, and under it the file's subtitle or, when it has
//! none, one that counts the events, the years and the sources.

use super::build::{group, Builder};
use super::labels;
use super::prepare::Prepared;
use super::sizes::{MARGIN, SUBTITLE_SIZE, TITLE_SIZE};
use super::wording::plural;
use crate::model::Timeline;
use crate::scene::Role;
use chrono::Datelike;

/// The title and subtitle at the top of the page; advances `y` past them.
pub(super) fn draw(b: &mut Builder, timeline: &Timeline, prepared: &Prepared) {
    let title = prepared.title.clone();
    let mut items = b.paragraph(&title, MARGIN, 0.0, TITLE_SIZE, true, false, b.palette.text);
    let subtitle = timeline
        .subtitle
        .as_ref()
        .map(|s| labels::clean(&s.value))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| default_subtitle(prepared));
    let subtitle = match prepared.labelled_note() {
        Some(note) => format!("{subtitle} · {note}"),
        None => subtitle,
    };
    b.y += 2.0;
    let sub = b.paragraph(
        &subtitle,
        MARGIN,
        0.0,
        SUBTITLE_SIZE,
        false,
        false,
        b.palette.muted,
    );
    items.extend(sub);
    b.y += 10.0;
    b.groups.push(group(Role::Title, Vec::new(), items));
}

fn default_subtitle(prepared: &Prepared) -> String {
    let n = prepared.events.len();
    match prepared.range {
        Some((a, z)) => format!(
            "{n} event{}, {} to {}, from {} source{}",
            plural(n),
            a.year(),
            z.year(),
            prepared.cited.len(),
            plural(prepared.cited.len())
        ),
        None => "No events yet".to_string(),
    }
}
