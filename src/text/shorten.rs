//! Shortening text for messages: a finding quotes what the curator wrote or what the source
//! says, but never a 10 MB value whole.

/// At most `max` characters of `text`, with `…` when cut.
pub fn ellipsis(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// A passage squeezed onto one line and cut to a readable length (160 characters).
pub fn excerpt(text: &str) -> String {
    // Cut before joining: the passage may be a whole article.
    let head = match text.char_indices().nth(4 * EXCERPT_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let one_line = head.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut = ellipsis(&one_line, EXCERPT_CHARS);
    if head.len() < text.len() && !cut.ends_with('…') {
        format!("{cut}…")
    } else {
        cut
    }
}

const EXCERPT_CHARS: usize = 160;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_long_text_and_keeps_short_text() {
        assert_eq!(ellipsis("abcdef", 3), "abc…");
        assert_eq!(ellipsis("abc", 3), "abc");
        assert_eq!(excerpt("a\n  b\tc"), "a b c");
        let long = "word ".repeat(1_000_000);
        let cut = excerpt(&long);
        assert!(cut.ends_with('…') && cut.chars().count() == 161, "{cut}");
        let spaced = format!("a{}b", " ".repeat(10_000));
        assert_eq!(excerpt(&spaced), "a…");
    }
}
