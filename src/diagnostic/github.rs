//! Findings as GitHub Actions workflow commands (`::error file=…,line=…::message`), which
//! GitHub shows as annotations on the pull request's lines (docs/output.md#github).

use super::human::visible;
use super::json::{full_message, locate, Region};
use super::report::{Report, Severity};
use std::io::{self, Write};
use std::path::Path;

/// Write the report as one workflow command per finding and line
/// (docs/output.md#github).
///
/// ```
/// let checked = citeline::check_str("events.toml".as_ref(), "[[events]]\nid = 5\n".into());
/// let mut out = Vec::new();
/// let t = &checked.timeline;
/// citeline::write_github(&mut out, &checked.report, &t.path, &t.text).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains("::error file=events.toml,line=2,col=6,"), "{text}");
/// assert!(text.contains("title=invalid-type::"), "{text}");
/// ```
pub fn write_github(
    out: &mut impl Write,
    report: &Report,
    path: &Path,
    text: &str,
) -> io::Result<()> {
    let file = escape_property(&path.display().to_string().replace('\\', "/"));
    for located in locate(report, text) {
        let d = located.diagnostic;
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut message = full_message(d);
        for (r, at) in d.related.iter().zip(&located.related) {
            let (line, column) = at.start;
            message.push_str(&format!("\n{}: line {line}, column {column}", r.label));
        }
        writeln!(
            out,
            "::{command} file={file}{},title={}::{}",
            place(located.region),
            escape_property(d.code),
            escape_data(&visible(&message))
        )?;
    }
    Ok(())
}

/// The position properties, `,line=…,col=…,endLine=…,endColumn=…`; none for a finding
/// about the whole file, which GitHub then shows on the file.
fn place(region: Option<Region>) -> String {
    region.map_or_else(String::new, |r| {
        format!(
            ",line={},col={},endLine={},endColumn={}",
            r.start.0, r.start.1, r.end.0, r.end.1
        )
    })
}

/// A command's message: `%`, CR and LF escaped, so the command stays one line and a
/// message cannot start a command of its own.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property's value: as [`escape_data`], and also `:` and `,`, which end a property.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_a_command_on_one_line_and_its_properties_apart() {
        assert_eq!(escape_data("50% a\r\nb:c,d"), "50%25 a%0D%0Ab:c,d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(escape_data("plain words"), "plain words");
    }
}
