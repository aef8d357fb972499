//! Findings as plain data: a [`Rule`] names a kind of finding, a [`Diagnostic`] is one
//! finding, a [`Report`] is all of them. Renderings live beside: [`human`] (rustc-style
//! text), [`json`] (which also holds what the machine formats share), [`json_lines`],
//! [`sarif`] and [`github`].
//!
//! A [`Diagnostic`] knows its rule, a byte span in the events file, the event or source it
//! concerns, other places that explain it ("first declared here"), and free-form notes. It
//! knows nothing about terminals or line numbers: the renderers turn spans into lines and
//! columns once per report and write into any `impl Write`, so tests render into a
//! `Vec<u8>`.
//!
//! This module depends on nothing but the span type: every stage (loading, reading
//! sources, checking) reports into it, so it must not reach back into any of them.

mod github;
mod human;
mod json;
mod json_lines;
mod report;
mod sarif;

pub use github::write_github;
pub use human::write_human;
pub use json::write_json;
pub use json_lines::write_json_lines;
pub use report::{Diagnostic, Fix, Related, Report, Rule, Severity};
pub(crate) use sarif::write_sarif_with_rules;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;
    use std::path::Path;

    const QUOTE_NOT_FOUND: Rule = Rule {
        code: "quote-not-found",
        severity: Severity::Error,
        summary: "",
        explanation: "",
    };

    fn render(text: &str, span: Span) -> String {
        let report = Report::new(vec![Diagnostic::new(
            &QUOTE_NOT_FOUND,
            span,
            "the quote does not stand in source `a`",
        )
        .with_label("not found")
        .with_event("e")
        .with_note("closest passage …")
        .with_help("copy it exactly")]);
        let mut out = Vec::new();
        write_human(&mut out, &report, Path::new("events.toml"), text, false).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn human_output_reads_like_a_compiler() {
        let text = "[[events]]\nid = \"e\"\nquote = \"on 19 Nov\"\n";
        let start = text.find("\"on").unwrap();
        let out = render(text, start..text.len() - 1);
        assert!(
            out.starts_with("error[quote-not-found]: the quote does not stand in source `a`\n"),
            "{out}"
        );
        assert!(out.contains("--> events.toml:3:9"), "{out}");
        assert!(out.contains("^^^^^^^^^^^ not found"), "{out}");
        assert!(out.contains("= note: closest passage …"), "{out}");
        assert!(out.contains("= help: copy it exactly"), "{out}");
        assert!(out.ends_with("events.toml: 1 error, 0 warnings\n"), "{out}");
    }

    #[test]
    fn a_span_inside_a_crlf_points_just_past_the_line() {
        let text = "title = \"x\r\n";
        for at in [10, 11] {
            let out = render(text, at..at);
            assert!(out.contains("--> events.toml:1:11"), "{at}: {out}");
        }
    }

    #[test]
    fn control_and_bidi_characters_never_reach_the_terminal() {
        let text = "title = \"a\u{85}b\u{202E}c\u{1b}[31m\"\nquote = \"x\"\n";
        let start = text.find("quote").unwrap();
        let out = render(text, start..text.len() - 1);
        for c in ['\u{85}', '\u{202E}', '\u{1b}'] {
            assert!(!out.contains(c), "{c:?} in {out:?}");
        }
        assert!(out.contains("--> events.toml:2:1"), "{out}");
        for sample in ["a\u{85}b", "\u{2066}x\u{2069}", "\u{7f}\u{0}", "plain"] {
            assert_eq!(human::visible(sample).len(), sample.len());
        }
        assert!(matches!(
            human::visible("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_huge_line_with_many_findings_is_shown_in_windows() {
        // One line of 2 MB with a finding every 2 KB: each shows a window, not the line.
        let text = format!("x = [{}]\n", "\"abcdefgh\", ".repeat(200_000));
        let report = Report::new(
            (0..1000)
                .map(|i| Diagnostic::new(&QUOTE_NOT_FOUND, 5 + i * 2_000..5 + i * 2_000 + 10, "m"))
                .collect(),
        );
        let mut out = Vec::new();
        write_human(&mut out, &report, Path::new("e.toml"), &text, false).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.len() < 1000 * 3_000, "{} bytes", out.len());
        assert!(
            out.contains("--> e.toml:1:1998006"),
            "the last finding's column"
        );
    }

    #[test]
    fn a_huge_line_is_not_printed_whole() {
        let text = format!("title = \"{}\"\n", "x".repeat(1 << 20));
        let out = render(&text, 8..text.len() - 1);
        assert!(out.len() < 10_000, "{} bytes", out.len());
    }

    #[test]
    fn json_has_the_spec_fields() {
        let text = "a = 1\n";
        let report = Report::new(vec![
            Diagnostic::new(&QUOTE_NOT_FOUND, 4..5, "m").with_source("s")
        ]);
        let mut out = Vec::new();
        write_json(&mut out, &report, Path::new("e.toml"), text).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let d = &v["diagnostics"][0];
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(1), Some(5))
        );
        assert_eq!(d["source"], "s");
        assert!(d["event"].is_null());
        assert_eq!(
            (v["errors"].as_u64(), v["warnings"].as_u64()),
            (Some(1), Some(0))
        );
    }
}
