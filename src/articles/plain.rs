//! Reading a plain text file: UTF-8, and no control characters but line breaks, tabs and
//! form feeds. The text is the file's own, so positions in it are its lines and columns.

use super::extract::Failure;
use super::findings::{SOURCE_BINARY, SOURCE_NOT_UTF8};

/// The text of `bytes`, or why they are not plain text.
pub fn decode(bytes: Vec<u8>) -> Result<String, Failure> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Failure::new(
            &SOURCE_NOT_UTF8,
            format!(
                "it is not UTF-8: invalid byte 0x{:02X} at offset {at}",
                e.as_bytes()[at]
            ),
            "convert it to UTF-8 (e.g. with iconv), keeping the original beside it",
        )
    })?;
    let control = text.find(|c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'));
    if let Some(at) = control {
        return Err(Failure::new(
            &SOURCE_BINARY,
            format!(
                "it holds the control byte 0x{:02X} at offset {at}, so it is not plain text",
                text.as_bytes()[at]
            ),
            "extract the article's text into a .txt file and cite that",
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_text_with_line_breaks_and_tabs() {
        let text = decode(b"MOSCOW\r\n\tOn 3 December\x0c".to_vec()).unwrap();
        assert_eq!(text, "MOSCOW\r\n\tOn 3 December\u{c}");
    }

    #[test]
    fn names_the_first_bad_byte() {
        let e = decode(b"abc\xFFdef".to_vec()).unwrap_err();
        assert_eq!(e.rule.code, "source-not-utf8");
        assert!(e.reason.contains("0xFF at offset 3"), "{}", e.reason);
        let e = decode(b"ab\0cd".to_vec()).unwrap_err();
        assert_eq!(e.rule.code, "source-binary");
        assert!(e.reason.contains("0x00 at offset 2"), "{}", e.reason);
    }
}
