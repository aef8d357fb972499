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

impl Rule {
    /// The rule's section of the rules page (docs/rules.md) where citeline is published, for
    /// tools that link a finding to its explanation (SARIF's `helpUri`, the language
    /// server's `codeDescription`).
    pub fn help_uri(&self) -> Option<String> {
        help_uri(REPOSITORY, self)
    }
}

/// Where citeline's sources and docs are published: Cargo.toml's `repository`, the one
/// place it is written (crates.io reads it too). Without it, no link is written rather than
/// a made-up one.
pub(crate) const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The rule's section of docs/rules.md in `repository`, at its default branch: the heading
/// ``## `CODE` (SEVERITY)`` gets the anchor `CODE-SEVERITY` on GitHub.
pub(crate) fn help_uri(repository: &str, rule: &Rule) -> Option<String> {
    let base = repository.trim_end_matches('/');
    (!base.is_empty()).then(|| {
        format!(
            "{base}/blob/HEAD/docs/rules.md#{}-{}",
            rule.code,
            rule.severity.as_str()
        )
    })
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
    /// The help as an edit, when it is mechanical: offered as a code action by the
    /// language server and as a SARIF `fix`.
    pub fix: Option<Fix>,
}

/// A mechanical fix: replace `span` of the events file with `replacement`.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// What the edit does, as an editor offers it: "Replace the quote with the closest passage".
    pub title: String,
    pub span: Span,
    /// The new text, written as it stands in the file (a TOML string with its quotes).
    pub replacement: String,
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
            fix: None,
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

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// All findings about one events file, in the order they should be shown.
///
/// A report keeps at most [`Report::MAX_KEPT`] findings; the rest are only counted, in
/// `omitted`, so that a file of a million broken events costs a summary line, not gigabytes
/// of text nobody reads. Counts include the omitted findings.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// Findings left out past [`Report::MAX_KEPT`]: errors, warnings and notes.
    pub omitted: [usize; 3],
}

impl Report {
    /// How many findings a report keeps.
    pub const MAX_KEPT: usize = 10_000;

    /// A report of `diagnostics`, sorted, keeping the first [`Report::MAX_KEPT`].
    pub fn new(diagnostics: Vec<Diagnostic>) -> Self {
        Self::with_omitted(diagnostics, [0; 3])
    }

    /// [`Report::new`] for findings of which some were already counted out (by
    /// [`Report::keep_first`]).
    pub fn with_omitted(mut diagnostics: Vec<Diagnostic>, mut omitted: [usize; 3]) -> Self {
        Self::keep_first(&mut diagnostics, &mut omitted);
        Report {
            diagnostics,
            omitted,
        }
    }

    /// Sort `diagnostics` and keep the first [`Report::MAX_KEPT`], counting the rest into
    /// `omitted`. A stage that makes findings in bulk calls this on its own share as it goes:
    /// whatever is not among the first of a share cannot be among the first of all.
    pub fn keep_first(diagnostics: &mut Vec<Diagnostic>, omitted: &mut [usize; 3]) {
        diagnostics.sort_by_key(place);
        if diagnostics.len() > Self::MAX_KEPT {
            for d in diagnostics.drain(Self::MAX_KEPT..) {
                omitted[d.severity as usize] += 1;
            }
        }
    }

    /// How many findings of `severity` there are, omitted ones included.
    pub fn count(&self, severity: Severity) -> usize {
        self.omitted[severity as usize]
            + self
                .diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count()
    }

    /// How many findings were left out past [`Report::MAX_KEPT`].
    pub fn omitted(&self) -> usize {
        self.omitted.iter().sum()
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
        self.diagnostics.sort_by_key(place);
    }
}

/// Where a finding is shown: by position in the file, then severity; findings without a
/// span first.
fn place(d: &Diagnostic) -> (Option<usize>, Severity) {
    (d.span.as_ref().map(|s| s.start), d.severity)
}
