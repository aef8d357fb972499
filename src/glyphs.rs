//! The fonts a project adds and the characters no font draws: reading `fonts = [...]` from
//! `[timeline]` (inside the events file's folder, through a size cap, parsed) into a
//! [`Fonts`], with the `font-unreadable` rule; and the `missing-glyphs` rule over the texts a
//! chart draws from the data. Both `check` and the drawing report them, so CI learns of a
//! box before anyone looks at the PNG.

use crate::diagnostic::Severity::{Error, Warning};
use crate::diagnostic::{Diagnostic, Rule};
use crate::font::{Fonts, MAX_FONT_BYTES};
use crate::model::{Event, Span, Timeline};
use std::path::Path;

pub const MISSING_GLYPHS: Rule = Rule {
    code: "missing-glyphs",
    severity: Warning,
    summary: "A text the chart draws has characters that no font has.",
    explanation: "The chart draws with the built-in Noto Sans and DejaVu Sans and the fonts \
the project adds. A character none of them has would print as an empty box in the PNG, and \
layout can only guess how wide a viewer's own font draws it. The warning names the \
characters and the event; the chart is drawn regardless.\n\n\
Example: a title in Chinese. Copy an open-licence font that has the characters into the \
project and list it: `fonts = [\"fonts/NotoSansSC-Regular.otf\"]` in `[timeline]` (or pass \
`--font FILE` to one run).",
};

pub const FONT_UNREADABLE: Rule = Rule {
    code: "font-unreadable",
    severity: Error,
    summary:
        "A file in `fonts` cannot be used: missing, outside the folder, too large, or no font.",
    explanation: "Each entry of `fonts` in `[timeline]` is a TrueType or OpenType file \
(.ttf, .otf, .ttc) inside the events file's folder, so that every machine, CI included, \
draws the same chart. The message says which of these the file is not.\n\n\
Example: `fonts = [\"fonts/NotoSansDevanagari-Regular.ttf\"]`, the file copied into the \
project's `fonts/` folder.",
};

const HELP: &str = "add a font that has them: --font FILE, or fonts = [\"…\"] in [timeline]";

/// The built-in fonts and, after them, each file `fonts` lists, with a finding for each file
/// that cannot be used (left out; the rest still load).
pub(crate) fn load_fonts(timeline: &Timeline) -> (Fonts, Vec<Diagnostic>) {
    let mut fonts = Fonts::default();
    let mut found = Vec::new();
    if timeline.fonts.is_empty() {
        return (fonts, found);
    }
    let folder = timeline
        .path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let root = std::fs::canonicalize(if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &folder
    })
    .ok();
    for written in &timeline.fonts {
        match read_inside(root.as_deref(), &folder, &written.value).and_then(|bytes| {
            fonts
                .with_font(&written.value, bytes)
                .map_err(|e| e.to_string())
        }) {
            Ok(more) => fonts = more,
            Err(message) => found.push(
                Diagnostic::new(&FONT_UNREADABLE, written.span.clone(), message).with_help(
                    "copy the font file into the project (e.g. fonts/) and list its path \
                     relative to the events file",
                ),
            ),
        }
    }
    (fonts, found)
}

fn read_inside(root: Option<&Path>, folder: &Path, written: &str) -> Result<Vec<u8>, String> {
    let fail = |reason: String| format!("cannot use `{written}` as a font: {reason}");
    let resolved = std::fs::canonicalize(folder.join(written)).map_err(|e| fail(e.to_string()))?;
    if !root.is_some_and(|r| resolved.starts_with(r)) {
        return Err(fail("it resolves outside the events file's folder".into()));
    }
    crate::bounded::read_capped(&resolved, MAX_FONT_BYTES).map_err(|e| fail(e.to_string()))
}

/// A `missing-glyphs` warning for each text the chart draws from the data that has
/// characters no face of `fonts` draws: the title and subtitle, the sources' publishers,
/// titles and notes, and the title, date note and tags (each tag once) of each of
/// `events`, one warning per text.
pub(crate) fn missing_glyphs<'t>(
    timeline: &'t Timeline,
    events: impl Iterator<Item = &'t Event>,
    fonts: &Fonts,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    // Each text with its span, whether it is drawn bold, where it stands, and its owner.
    type Drawn<'a> = (
        &'a str,
        Span,
        bool,
        String,
        Option<&'a str>,
        Option<&'a str>,
    );
    let mut texts: Vec<Drawn> = Vec::new();
    if let Some(t) = &timeline.title {
        texts.push((
            &t.value,
            t.span.clone(),
            true,
            "the chart's title".into(),
            None,
            None,
        ));
    }
    if let Some(t) = &timeline.subtitle {
        let place = "the chart's subtitle".into();
        texts.push((&t.value, t.span.clone(), false, place, None, None));
    }
    for s in &timeline.sources {
        let note = s.published_note.as_ref().map(|n| (n, "published_note"));
        for (t, what) in [(&s.publisher, "publisher"), (&s.title, "title")]
            .into_iter()
            .chain(note)
        {
            let place = format!("the {what} of source `{}`", s.id.value);
            texts.push((
                &t.value,
                t.span.clone(),
                false,
                place,
                None,
                Some(&s.id.value),
            ));
        }
    }
    // Each tag once: the legend draws it once.
    let mut tags = std::collections::HashSet::new();
    for e in events {
        let id = Some(e.id.value.as_str());
        let place = format!("the title of event `{}`", e.id.value);
        let span = e.title.span.clone();
        texts.push((&e.title.value, span, false, place, id, None));
        if let Some(n) = &e.date_note {
            let place = format!("the date_note of event `{}`", e.id.value);
            texts.push((&n.value, n.span.clone(), false, place, id, None));
        }
        for t in e.tags.iter().filter(|t| tags.insert(t.value.as_str())) {
            let place = format!("the tag `{}`", t.value);
            texts.push((&t.value, t.span.clone(), false, place, id, None));
        }
    }
    for (text, span, bold, place, event, source) in texts {
        let missing = fonts.missing(&crate::layout::labels::clean(text), bold);
        if missing.is_empty() {
            continue;
        }
        let message = format!("{place}: {}", message(&missing));
        let mut d = Diagnostic::new(&MISSING_GLYPHS, span, message).with_help(HELP);
        if let Some(id) = event {
            d = d.with_event(id);
        }
        if let Some(id) = source {
            d = d.with_source(id);
        }
        found.push(d);
    }
    found
}

/// "no font has 北 (U+5317), 京 (U+4EAC)", the first five characters and a count of the rest.
fn message(missing: &[char]) -> String {
    const SHOWN: usize = 5;
    let listed: Vec<String> = missing
        .iter()
        .take(SHOWN)
        .map(|&c| {
            if c.is_control() || crate::font::has_bidi_controls(&c.to_string()) {
                format!("U+{:04X}", c as u32)
            } else {
                format!("{c} (U+{:04X})", c as u32)
            }
        })
        .collect();
    let more = match missing.len().saturating_sub(SHOWN) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    format!(
        "no font has {}{more}: they would print as boxes",
        listed.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_characters_and_count_the_rest() {
        assert_eq!(
            message(&['北', '京']),
            "no font has 北 (U+5317), 京 (U+4EAC): they would print as boxes"
        );
        let many: Vec<char> = "一二三四五六七".chars().collect();
        assert!(message(&many).ends_with("五 (U+4E94) and 2 more: they would print as boxes"));
    }
}
