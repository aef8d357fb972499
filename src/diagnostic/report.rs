//! The diagnostic model as plain data: [`Rule`], [`Severity`], [`Diagnostic`] with its
//! [`Related`] places, and the [`Report`] of them all.

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
