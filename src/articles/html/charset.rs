//! Which character encoding a page's bytes are in, and their text: the WHATWG encoding
//! sniffing algorithm (a byte order mark, the charset the HTTP response declared, a
//! `<meta>` in the first 1024 bytes), then UTF-8 when the bytes are valid UTF-8, else
//! windows-1252, as browsers fall back for Western pages.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};
use std::borrow::Cow;

/// How far the `<meta>` prescan looks, as the standard says.
const PRESCAN_BYTES: usize = 1024;

/// The page's text and the encoding it was decoded from. The byte order mark is not part
/// of the text; bytes that are invalid in the encoding become U+FFFD, as a browser shows
/// them.
pub fn decode<'b>(bytes: &'b [u8], declared: Option<&str>) -> (Cow<'b, str>, &'static Encoding) {
    let (encoding, rest) = match sniff(bytes, declared) {
        Sniffed::Bom(encoding, length) => (encoding, &bytes[length..]),
        Sniffed::Label(encoding) => (encoding, bytes),
    };
    let (text, _had_errors) = encoding.decode_without_bom_handling(rest);
    (text, encoding)
}

enum Sniffed {
    /// A byte order mark of this many bytes.
    Bom(&'static Encoding, usize),
    Label(&'static Encoding),
}

fn sniff(bytes: &[u8], declared: Option<&str>) -> Sniffed {
    // The byte order mark comes first, before even the HTTP header: so browsers do, since
    // a mark is the surest sign of what the bytes are.
    if let Some((encoding, length)) = Encoding::for_bom(bytes) {
        return Sniffed::Bom(encoding, length);
    }
    if let Some(encoding) = declared.and_then(|label| Encoding::for_label(label.trim().as_bytes()))
    {
        return Sniffed::Label(encoding);
    }
    let valid_utf8 = || std::str::from_utf8(bytes).is_ok();
    if let Some(encoding) = prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
        // A page re-saved as UTF-8 often keeps its old declaration (readability's copy of a
        // qq.com page says gb2312). Bytes that are valid UTF-8 and not all ASCII are UTF-8:
        // legacy text is practically never valid UTF-8 by chance.
        if encoding != UTF_8 && !bytes.is_ascii() && valid_utf8() {
            return Sniffed::Label(UTF_8);
        }
        return Sniffed::Label(encoding);
    }
    Sniffed::Label(if valid_utf8() { UTF_8 } else { WINDOWS_1252 })
}

/// The encoding a `<meta charset>` or `<meta http-equiv="content-type">` in `head`
/// declares: the standard's "prescan a byte stream to determine its encoding".
pub fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let mut at = 0;
    while at < head.len() {
        let rest = &head[at..];
        if rest.starts_with(b"<!--") {
            // The first `>` preceded by `--`, the dashes of `<!--` counting.
            let close = rest[2..].windows(3).position(|w| w == b"-->")?;
            at += 2 + close + 3;
        } else if starts_with_ignore_case(rest, b"<meta")
            && rest.get(5).is_some_and(|&b| is_space(b) || b == b'/')
        {
            at += 6;
            if let Some(encoding) = meta(head, &mut at)? {
                return Some(encoding);
            }
        } else if rest.len() >= 2
            && rest[0] == b'<'
            && (rest[1].is_ascii_alphabetic()
                || (rest[1] == b'/' && rest.get(2).is_some_and(u8::is_ascii_alphabetic)))
        {
            // A tag: skip its name, then its attributes (a `>` inside a quoted value does
            // not end it).
            at += rest
                .iter()
                .position(|&b| is_space(b) || b == b'>')
                .unwrap_or(rest.len());
            while attribute(head, &mut at)?.is_some() {}
            at += 1;
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            at += rest.iter().position(|&b| b == b'>')? + 1;
        } else {
            at += 1;
        }
    }
    None
}

/// The attributes of a `<meta>` from `at` on: `Some(Some(encoding))` when they declare
/// one, `Some(None)` when they do not, `None` when the bytes end first.
fn meta(head: &[u8], at: &mut usize) -> Option<Option<&'static Encoding>> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut got_pragma = false;
    let mut need_pragma = None;
    let mut charset = None;
    while let Some((name, value)) = attribute(head, at)? {
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" => got_pragma |= value == b"content-type",
            b"content" if charset.is_none() => {
                if let Some(encoding) = charset_in_content(&value).and_then(Encoding::for_label) {
                    charset = Some(Some(encoding));
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = Some(Encoding::for_label(&value));
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    let declared = match need_pragma {
        None => None,
        Some(true) if !got_pragma => None,
        _ => charset.flatten(),
    };
    Some(declared.map(|e| {
        if e == UTF_16BE || e == UTF_16LE {
            UTF_8
        } else if e == X_USER_DEFINED {
            WINDOWS_1252
        } else {
            e
        }
    }))
}

/// The standard's "get an attribute": the next attribute's lowercased name and value, or
/// `Some(None)` at the tag's end, or `None` when the bytes end first.
#[allow(clippy::type_complexity)]
fn attribute(head: &[u8], at: &mut usize) -> Option<Option<(Vec<u8>, Vec<u8>)>> {
    let byte = |i: usize| head.get(i).copied();
    while byte(*at).is_some_and(|b| is_space(b) || b == b'/') {
        *at += 1;
    }
    if byte(*at)? == b'>' {
        return Some(None);
    }
    let mut name = Vec::new();
    let mut value = Vec::new();
    // The name.
    loop {
        let b = byte(*at)?;
        if b == b'=' && !name.is_empty() {
            *at += 1;
            break;
        }
        if is_space(b) {
            while byte(*at).is_some_and(is_space) {
                *at += 1;
            }
            if byte(*at)? != b'=' {
                return Some(Some((name, value)));
            }
            *at += 1;
            break;
        }
        if b == b'/' || b == b'>' {
            return Some(Some((name, value)));
        }
        name.push(b.to_ascii_lowercase());
        *at += 1;
    }
    // The value.
    while byte(*at).is_some_and(is_space) {
        *at += 1;
    }
    let b = byte(*at)?;
    if b == b'"' || b == b'\'' {
        *at += 1;
        loop {
            let c = byte(*at)?;
            *at += 1;
            if c == b {
                return Some(Some((name, value)));
            }
            value.push(c.to_ascii_lowercase());
        }
    }
    if b == b'>' {
        return Some(Some((name, value)));
    }
    loop {
        let c = byte(*at)?;
        if is_space(c) || c == b'>' {
            return Some(Some((name, value)));
        }
        value.push(c.to_ascii_lowercase());
        *at += 1;
    }
}

/// The charset label of a `Content-Type` (an archived response's header), as a browser
/// reads one from `<meta http-equiv>`: `text/html; charset="windows-1251"` gives
/// `windows-1251`.
pub fn label_in_content_type(content_type: &str) -> Option<String> {
    let label = charset_in_content(content_type.as_bytes())?;
    Some(String::from_utf8_lossy(label).into_owned())
}

/// The label in a `content="text/html; charset=…"`: the standard's "extract a character
/// encoding from a meta element".
fn charset_in_content(content: &[u8]) -> Option<&[u8]> {
    let mut at = 0;
    loop {
        let found = content[at..]
            .windows(7)
            .position(|w| w.eq_ignore_ascii_case(b"charset"))?;
        at += found + 7;
        while content.get(at).is_some_and(|&b| is_space(b)) {
            at += 1;
        }
        if content.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        while content.get(at).is_some_and(|&b| is_space(b)) {
            at += 1;
        }
        let rest = &content[at..];
        return match rest.first()? {
            &q @ (b'"' | b'\'') => {
                let end = rest[1..].iter().position(|&b| b == q)?;
                Some(&rest[1..1 + end])
            }
            _ => {
                let end = rest
                    .iter()
                    .position(|&b| is_space(b) || b == b';')
                    .unwrap_or(rest.len());
                Some(&rest[..end])
            }
        };
    }
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(bytes: &[u8], declared: Option<&str>) -> &'static str {
        decode(bytes, declared).1.name()
    }

    #[test]
    fn meta_charset_and_http_equiv() {
        assert_eq!(
            prescan(b"<meta charset=windows-1251>"),
            Some(encoding_rs::WINDOWS_1251)
        );
        assert_eq!(
            prescan(b"<META CHARSET='KOI8-R'/>"),
            Some(encoding_rs::KOI8_R)
        );
        assert_eq!(
            prescan(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\" />"),
            Some(encoding_rs::GBK)
        );
        // Attributes in either order; content without the pragma declares nothing.
        assert_eq!(
            prescan(b"<meta content='text/html;charset=\"shift_jis\"' http-equiv=content-type>"),
            Some(encoding_rs::SHIFT_JIS)
        );
        assert_eq!(prescan(b"<meta content='text/html; charset=koi8-r'>"), None);
        // UTF-16 in a meta means UTF-8: the bytes could not have been read as ASCII.
        assert_eq!(prescan(b"<meta charset=utf-16le>"), Some(UTF_8));
    }

    #[test]
    fn prescan_skips_comments_and_attribute_values() {
        assert_eq!(prescan(b"<!-- <meta charset=koi8-r> --><p>"), None);
        assert_eq!(prescan(b"<div title='<meta charset=koi8-r>'></div>"), None);
        assert_eq!(
            prescan(b"<!doctype html><html lang=ru><head><meta charset=koi8-r>"),
            Some(encoding_rs::KOI8_R)
        );
        // Past the first 1024 bytes nothing counts.
        let mut late = vec![b' '; 1100];
        late.extend_from_slice(b"<meta charset=koi8-r>");
        assert_eq!(label(&late, None), "UTF-8");
    }

    #[test]
    fn order_of_evidence() {
        let cp1251 = b"<meta charset=windows-1251><p>\xcf\xf0\xe8\xe2\xe5\xf2";
        assert_eq!(
            decode(cp1251, None).0,
            "<meta charset=windows-1251><p>Привет"
        );
        // The HTTP header wins over the meta.
        assert_eq!(label(cp1251, Some("koi8-r")), "KOI8-R");
        // An unknown header label is no evidence.
        assert_eq!(label(cp1251, Some("no-such-charset")), "windows-1251");
        // The byte order mark wins over everything, and is not text.
        let bom = b"\xef\xbb\xbf<meta charset=windows-1251><p>\xd0\x9f";
        assert_eq!(label(bom, Some("koi8-r")), "UTF-8");
        assert_eq!(decode(bom, None).0, "<meta charset=windows-1251><p>П");
        let utf16 = b"\xff\xfe<\x00p\x00>\x00\x1f\x04";
        assert_eq!(decode(utf16, None).0, "<p>П");
        // No declaration: UTF-8 when valid, windows-1252 when not.
        assert_eq!(decode("<p>café".as_bytes(), None).0, "<p>café");
        assert_eq!(
            decode(b"<p>caf\xe9 \x93ok\x94", None).0,
            "<p>café \u{201c}ok\u{201d}"
        );
        // A legacy declaration over bytes that are valid UTF-8 (a page saved again as
        // UTF-8) is not believed; over plain ASCII it is harmless either way.
        assert_eq!(
            label("<meta charset=gb2312><p>腾讯".as_bytes(), None),
            "UTF-8"
        );
        assert_eq!(label(b"<meta charset=gb2312><p>ascii", None), "GBK");
    }
}
