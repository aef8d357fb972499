//! Code actions: each finding's mechanical fix (see `Diagnostic::fix`) as a quick fix that
//! replaces its span of the events file.

use super::diagnostics;
use super::documents::Document;
use crate::pipeline::Checked;
use lsp_types::{CodeAction, CodeActionKind, Range, TextEdit, WorkspaceEdit};
use std::collections::HashMap;

/// The quick fixes of the findings whose range touches `range`.
pub fn quick_fixes(document: &Document, checked: &Checked, range: Range) -> Vec<CodeAction> {
    let (text, lines) = (&document.text, &document.lines);
    checked
        .report
        .diagnostics
        .iter()
        .filter_map(|d| {
            let fix = d.fix.as_ref()?;
            let shown = diagnostics::to_lsp(d, &document.uri, text, lines);
            if !touches(shown.range, range) {
                return None;
            }
            let edit = TextEdit::new(lines.range(text, &fix.span), fix.replacement.clone());
            Some(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![shown]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(document.uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(true),
                ..CodeAction::default()
            })
        })
        .collect()
}

/// Whether two ranges share a position (ends included: a cursor just past a finding is on
/// it).
fn touches(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}
