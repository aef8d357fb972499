//! The checker's findings as LSP diagnostics: the rule's code, the span as a range, the
//! severity, the message with its label, notes and help, and the related places.

use super::positions::Lines;
use crate::diagnostic::{Diagnostic, Severity};
use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri};

/// One finding about the events file `text` (at `uri`) as the protocol has it. A finding
/// about the whole file stands at its start.
pub fn to_lsp(d: &Diagnostic, uri: &Uri, text: &str, lines: &Lines) -> lsp_types::Diagnostic {
    let span = d.span.clone().unwrap_or(0..0);
    let related = d
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), lines.range(text, &r.span)),
            message: r.label.clone(),
        })
        .collect::<Vec<_>>();
    lsp_types::Diagnostic {
        range: lines.range(text, &span),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: crate::rules::find(d.code)
            .and_then(|r| r.help_uri())
            .and_then(|href| href.parse().ok())
            .map(|href| lsp_types::CodeDescription { href }),
        source: Some("citeline".into()),
        message: message(d),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Note => DiagnosticSeverity::INFORMATION,
    }
}

/// The message, then what the terminal shows under it: the label, each note, the help.
fn message(d: &Diagnostic) -> String {
    let mut out = d.message.clone();
    if let Some(label) = &d.label {
        out.push_str(&format!(" ({label})"));
    }
    for note in &d.notes {
        out.push_str(&format!("\nnote: {note}"));
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("\nhelp: {help}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::positions::Encoding;
    use lsp_types::Position;
    use std::str::FromStr;

    #[test]
    fn a_finding_keeps_its_code_place_and_words() {
        let text = "[sources.a]\ntitle = \"Д😀\"\nid = \"x\"\n";
        let x = text.find("\"x\"").unwrap();
        let title = text.find("title").unwrap();
        let rule = crate::rules::all()
            .iter()
            .find(|r| r.code == "duplicate-id")
            .unwrap();
        let d = Diagnostic::new(rule, x..x + 3, "id `x` is used twice")
            .with_label("again")
            .with_related(title..title + 5, "first here")
            .with_note("ids are unique")
            .with_help("rename one");
        let uri = Uri::from_str("file:///e/events.toml").unwrap();
        let lines = Lines::new(text, Encoding::Utf16);
        let lsp = to_lsp(&d, &uri, text, &lines);
        assert_eq!(
            lsp.code,
            Some(NumberOrString::String("duplicate-id".into()))
        );
        assert_eq!(lsp.range.start, Position::new(2, 5));
        assert_eq!(lsp.range.end, Position::new(2, 8));
        assert_eq!(lsp.severity, Some(DiagnosticSeverity::ERROR));
        let href = lsp.code_description.unwrap().href;
        assert!(
            href.as_str().ends_with("docs/rules.md#duplicate-id-error"),
            "{}",
            href.as_str()
        );
        assert_eq!(
            lsp.message,
            "id `x` is used twice (again)\nnote: ids are unique\nhelp: rename one"
        );
        let related = lsp.related_information.unwrap();
        assert_eq!(related[0].location.range.start, Position::new(1, 0));
        assert_eq!(related[0].message, "first here");
        let whole = Diagnostic::whole_file(rule, "m");
        let lsp = to_lsp(&whole, &uri, text, &lines);
        assert_eq!(
            (lsp.range.start, lsp.range.end),
            (Position::new(0, 0), Position::new(0, 0))
        );
        assert_eq!(lsp.related_information, None);
    }
}
