//! The chart's header: its title in bold, and under it the file's subtitle or, when it has
//! none, one that counts the events, the years and the sources.

use super::build::{group, Builder};
use super::labels;
use super::prepare::Prepared;
use super::sizes::{MARGIN, SUBTITLE_SIZE, TITLE_SIZE};
use super::wording::{plural, MONTHS};
use crate::model::Timeline;
use crate::scene::Role;
use chrono::{Datelike, NaiveDate};

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
            "{n} event{}, {}, from {} source{}",
            plural(n),
            span(a, z),
            prepared.sources_cited(),
            plural(prepared.sources_cited())
        ),
        None => "No events yet".to_string(),
    }
}

/// The data's span in words, its ends as coarse as tells them apart and never said twice:
/// `2003 to 2013`, `2020`, `May 2020`, `19 May 2020`.
fn span(a: NaiveDate, z: NaiveDate) -> String {
    if a.year() != z.year() {
        format!("{} to {}", a.year(), z.year())
    } else if a.month() != z.month() {
        a.year().to_string()
    } else if a != z {
        format!("{} {}", MONTHS[a.month0() as usize], a.year())
    } else {
        format!("{} {} {}", a.day(), MONTHS[a.month0() as usize], a.year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn span_never_repeats_an_equal_end() {
        assert_eq!(span(d(2003, 11, 19), d(2013, 11, 30)), "2003 to 2013");
        assert_eq!(span(d(2020, 1, 1), d(2020, 12, 31)), "2020");
        assert_eq!(span(d(2020, 5, 1), d(2020, 5, 31)), "May 2020");
        assert_eq!(span(d(2020, 5, 19), d(2020, 5, 19)), "19 May 2020");
    }
}
