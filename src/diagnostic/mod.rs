//! Findings as plain data: a [`Rule`] names a kind of finding, a [`Diagnostic`] is one
//! finding, a [`Report`] is all of them. Renderings live beside: [`human`] (rustc-style
//! text) and [`json`].
//!
//! A [`Diagnostic`] knows its rule, a byte span in the events file, the event or source it
//! concerns, other places that explain it ("first declared here"), and free-form notes. It
//! knows nothing about terminals or line numbers: the renderers turn spans into lines and
//! columns once per report and write into any `impl Write`, so tests render into a
//! `Vec<u8>`.
//!
//! This module depends on nothing but the span type: every stage (loading, reading
//! sources, checking) reports into it, so it must not reach back into any of them.

pub mod human;
pub mod json;

pub use human::{summary_line, write_human};
pub use json::write_json;

use crate::model::Span;
use serde::Serialize;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One kind of finding: a stable code, its severity, a one-line summary and an explanation
/// (what it checks, why, and an example of a fix). Each rule is defined beside the code that
/// reports it; `crate::rules` gathers them into the catalogue.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub explanation: &'static str,
}

/// Another place in the events file that explains a finding, such as where a duplicated id
/// was first declared.
#[derive(Clone, Debug, PartialEq)]
pub struct Related {
    pub span: Span,
    /// What the place is, shown under it: "first used here".
    pub label: String,
}

/// One finding about the events file or a source it names.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The rule's stable kebab-case code.
    pub code: &'static str,
    pub message: String,
    /// Where in the events file; `None` only for findings about the file as a whole.
    pub span: Option<Span>,
    /// The label under the caret.
    pub label: Option<String>,
    /// Other places that explain the finding.
    pub related: Vec<Related>,
    pub event: Option<String>,
    pub source: Option<String>,
    /// Extra lines shown as `= note: …`.
    pub notes: Vec<String>,
    /// What to do about it, shown as `= help: …`.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A finding of `rule` at `span`, with the rule's severity.
    pub fn new(rule: &Rule, span: Span, message: impl Into<String>) -> Self {
        Self {
            severity: rule.severity,
            code: rule.code,
            message: message.into(),
            span: Some(span),
            label: None,
            related: Vec::new(),
            event: None,
            source: None,
            notes: Vec::new(),
            help: None,
        }
    }

    /// A finding about the whole file, with no span to point at.
    pub fn whole_file(rule: &Rule, message: impl Into<String>) -> Self {
        Self {
            span: None,
            ..Self::new(rule, 0..0, message)
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Point also at `span`, labelled `label`.
    pub fn with_related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            label: label.into(),
        });
        self
    }

    pub fn with_event(mut self, id: impl Into<String>) -> Self {
        self.event = Some(id.into());
        self
    }

    pub fn with_source(mut self, id: impl Into<String>) -> Self {
        self.source = Some(id.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// All findings about one events file, in the order they should be shown.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// The findings with a given code, for tests and callers that assert on one rule.
    pub fn with_code<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.diagnostics.iter().filter(move |d| d.code == code)
    }

    /// Sort by position in the file, then severity; findings without a span come first.
    pub fn sort(&mut self) {
        self.diagnostics
            .sort_by_key(|d| (d.span.as_ref().map(|s| s.start), d.severity));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const QUOTE_NOT_FOUND: Rule = Rule {
        code: "quote-not-found",
        severity: Severity::Error,
        summary: "",
        explanation: "",
    };

    fn render(text: &str, span: Span) -> String {
        let report = Report {
            diagnostics: vec![Diagnostic::new(
                &QUOTE_NOT_FOUND,
                span,
                "the quote does not stand in source `a`",
            )
            .with_label("not found")
            .with_event("e")
            .with_note("closest passage …")
            .with_help("copy it exactly")],
        };
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
    fn a_huge_line_is_not_printed_whole() {
        let text = format!("title = \"{}\"\n", "x".repeat(1 << 20));
        let out = render(&text, 8..text.len() - 1);
        assert!(out.len() < 10_000, "{} bytes", out.len());
    }

    #[test]
    fn json_has_the_spec_fields() {
        let text = "a = 1\n";
        let report = Report {
            diagnostics: vec![Diagnostic::new(&QUOTE_NOT_FOUND, 4..5, "m").with_source("s")],
        };
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
