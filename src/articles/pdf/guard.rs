//! A look at a PDF's raw bytes before any PDF reader touches them: every stream is decoded
//! through a cap, so that a few kilobytes of deflate cannot become gigabytes inside the
//! reader (which inflates without limits), and the objects are counted.
//!
//! Streams are found by their `stream` keyword, not through the cross-reference table, so
//! a broken or lying table hides none of them. A stream's data is decoded from its start to
//! wherever its filters stop (not to `/Length`, which may lie): that bounds what any reader
//! could get out of it, since decoding a prefix yields a prefix. Streams whose dictionary
//! says `/Subtype /Image` are left alone: text extraction never decodes an image (and a
//! scanned page's image may rightly be larger than the cap); `mod.rs` refuses a page whose
//! content stream claims to be an image.

use flate2::read::{DeflateDecoder, ZlibDecoder};
use memchr::memmem;
use std::io::Read;

/// What the bytes may hold: the caps, and why they are what they are in `mod.rs`.
pub struct Limits {
    /// The most one stream may decode to.
    pub stream: u64,
    /// The most all streams together may decode to.
    pub total: u64,
    /// The most objects (`N G obj`, plus those packed in object streams).
    pub objects: u64,
}

/// Why the bytes are refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A stream decodes past `Limits::stream`: the byte offset of its data.
    Bomb { offset: usize },
    /// All streams together decode past `Limits::total`.
    TooMuch,
    /// More objects than `Limits::objects`.
    TooManyObjects { found: u64 },
}

/// Check every stream of `bytes` against `limits`, and count the objects.
pub fn check(bytes: &[u8], limits: &Limits) -> Result<(), Refusal> {
    let mut objects = count_objects(bytes);
    let mut total = 0u64;
    for (dict, data_start) in streams(bytes) {
        if has_name(dict, b"/Subtype", b"/Image") {
            continue;
        }
        if has_name(dict, b"/Type", b"/ObjStm") {
            objects += number_after(dict, b"/N").unwrap_or(0);
        }
        let size = decoded_size(&bytes[data_start..], &filters(dict), limits.stream);
        if size > limits.stream {
            return Err(Refusal::Bomb { offset: data_start });
        }
        total += size;
        if total > limits.total {
            return Err(Refusal::TooMuch);
        }
    }
    if objects > limits.objects {
        return Err(Refusal::TooManyObjects { found: objects });
    }
    Ok(())
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    is_white(b) || b"()<>[]{}/%".contains(&b)
}

/// `obj` keywords that follow `N G`: the objects stored directly in the file.
fn count_objects(bytes: &[u8]) -> u64 {
    memmem::find_iter(bytes, b"obj")
        .filter(|&at| {
            let after = bytes.get(at + 3).copied();
            at > 0 && is_white(bytes[at - 1]) && after.is_none_or(is_delimiter)
        })
        .filter(|&at| {
            // The generation number, right before the white space.
            let mut i = at - 1;
            while i > 0 && is_white(bytes[i]) {
                i -= 1;
            }
            bytes[i].is_ascii_digit()
        })
        .count() as u64
}

/// Each stream's dictionary text (from the `obj` before it, at most 64 KiB back) and the
/// offset where its data starts.
fn streams(bytes: &[u8]) -> impl Iterator<Item = (&[u8], usize)> {
    memmem::find_iter(bytes, b"stream").filter_map(move |at| {
        if at >= 3 && &bytes[at - 3..at] == b"end" {
            return None;
        }
        let mut start = at + 6;
        match bytes.get(start..start + 2) {
            Some(b"\r\n") => start += 2,
            Some([b'\n' | b'\r', _]) => start += 1,
            _ => return None,
        }
        let from = at.saturating_sub(64 * 1024);
        let window = &bytes[from..at];
        let dict_from = memmem::rfind(window, b"obj").map_or(0, |i| i + 3);
        let dict = &window[dict_from..];
        dict.contains(&b'<').then_some((dict, start))
    })
}

/// Whether `dict` has `key` followed by the name `value`.
fn has_name(dict: &[u8], key: &[u8], value: &[u8]) -> bool {
    memmem::find_iter(dict, key).any(|at| {
        let rest = skip_white(&dict[at + key.len()..]);
        rest.starts_with(value) && rest.get(value.len()).is_none_or(|&b| is_delimiter(b))
    })
}

fn skip_white(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|&&b| is_white(b)).count();
    &s[n..]
}

fn number_after(dict: &[u8], key: &[u8]) -> Option<u64> {
    let at = memmem::find(dict, key)?;
    let rest = skip_white(&dict[at + key.len()..]);
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Filter {
    Flate,
    Lzw,
    RunLength,
    AsciiHex,
    Ascii85,
    /// An image codec or one citeline does not know: decoding stops before it.
    Other,
}

/// The filters the dictionary names, in order. No `/Filter` (or one given by reference)
/// counts as Flate when the data looks like it, so nothing escapes by hiding its filter.
fn filters(dict: &[u8]) -> Vec<Filter> {
    let Some(at) = memmem::find(dict, b"/Filter") else {
        return vec![Filter::Flate];
    };
    let rest = skip_white(&dict[at + 7..]);
    let names: &[u8] = match rest.first() {
        Some(b'[') => {
            let end = rest.iter().position(|&b| b == b']').unwrap_or(rest.len());
            &rest[1..end]
        }
        Some(b'/') => {
            let end = 1 + rest[1..]
                .iter()
                .position(|&b| is_delimiter(b))
                .unwrap_or(rest.len() - 1);
            &rest[..end]
        }
        _ => return vec![Filter::Flate],
    };
    names
        .split(|&b| b == b'/')
        .map(|n| n.trim_ascii())
        .filter(|n| !n.is_empty())
        .map(|n| match n {
            b"FlateDecode" | b"Fl" => Filter::Flate,
            b"LZWDecode" | b"LZW" => Filter::Lzw,
            b"RunLengthDecode" | b"RL" => Filter::RunLength,
            b"ASCIIHexDecode" | b"AHx" => Filter::AsciiHex,
            b"ASCII85Decode" | b"A85" => Filter::Ascii85,
            _ => Filter::Other,
        })
        .collect()
}

/// How many bytes `data` decodes to through `filters`, counting no further than `cap + 1`.
fn decoded_size(data: &[u8], filters: &[Filter], cap: u64) -> u64 {
    let mut decoded: Option<Vec<u8>> = None;
    for filter in filters {
        let input = decoded.as_deref().unwrap_or(data);
        let out = match filter {
            Filter::Flate => inflate(input, cap),
            Filter::Lzw => lzw(input, cap),
            Filter::RunLength => run_length(input, cap),
            Filter::AsciiHex => ascii_hex(input),
            Filter::Ascii85 => ascii85(input),
            Filter::Other => break,
        };
        let over = out.len() as u64 > cap;
        decoded = Some(out);
        if over {
            break;
        }
    }
    decoded.map_or(0, |d| d.len() as u64)
}

/// Inflate as zlib, else as raw deflate (as readers do), up to `cap + 1` bytes. Data that is
/// not deflate at all gives what was decoded before the error, usually nothing.
fn inflate(data: &[u8], cap: u64) -> Vec<u8> {
    let mut out = Vec::new();
    let zlib = ZlibDecoder::new(data).take(cap + 1).read_to_end(&mut out);
    if zlib.is_err() && out.is_empty() {
        let _ = DeflateDecoder::new(data)
            .take(cap + 1)
            .read_to_end(&mut out);
    }
    out
}

/// LZW with the early change PDF uses by default, up to `cap + 1` bytes.
fn lzw(data: &[u8], cap: u64) -> Vec<u8> {
    let mut decoder = weezl::decode::Decoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut input = data;
    loop {
        let r = decoder.decode_bytes(input, &mut buf);
        out.extend_from_slice(&buf[..r.consumed_out]);
        input = &input[r.consumed_in..];
        if out.len() as u64 > cap || r.status.is_err() {
            return out;
        }
        if matches!(r.status, Ok(weezl::LzwStatus::Done))
            || (r.consumed_in == 0 && r.consumed_out == 0)
        {
            return out;
        }
    }
}

fn run_length(data: &[u8], cap: u64) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() && out.len() as u64 <= cap {
        let n = data[i] as usize;
        match n {
            128 => break,
            0..=127 => {
                let end = (i + 2 + n).min(data.len());
                out.extend_from_slice(&data[i + 1..end]);
                i = end;
            }
            _ => {
                if let Some(&b) = data.get(i + 1) {
                    out.resize(out.len() + 257 - n, b);
                }
                i += 2;
            }
        }
    }
    out
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let end = memchr::memchr(b'>', data).unwrap_or(data.len());
    let digits: Vec<u8> = data[..end]
        .iter()
        .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0))
        .collect()
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let end = memmem::find(data, b"~>").unwrap_or(data.len());
    let mut out = Vec::new();
    let mut group = [0u32; 5];
    let mut n = 0;
    for &b in &data[..end] {
        match b {
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = u32::from(b - b'!');
                n += 1;
                if n == 5 {
                    let v = group
                        .iter()
                        .fold(0u32, |a, &d| a.wrapping_mul(85).wrapping_add(d));
                    out.extend_from_slice(&v.to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for d in group.iter_mut().skip(n) {
            *d = 84;
        }
        let v = group
            .iter()
            .fold(0u32, |a, &d| a.wrapping_mul(85).wrapping_add(d));
        out.extend_from_slice(&v.to_be_bytes()[..n - 1]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::ZlibEncoder;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    const LIMITS: Limits = Limits {
        stream: 1000,
        total: 2500,
        objects: 10,
    };

    fn pdf_with(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n".to_vec();
        for (i, (dict, data)) in streams.iter().enumerate() {
            out.extend_from_slice(format!("{} 0 obj\n{dict}\nstream\n", i + 1).as_bytes());
            out.extend_from_slice(data);
            out.extend_from_slice(b"\nendstream\nendobj\n");
        }
        out
    }

    #[test]
    fn a_stream_that_inflates_past_the_cap_is_a_bomb() {
        let bytes = pdf_with(&[("<< /Filter /FlateDecode >>", zlib(&[b'a'; 5000]))]);
        assert!(matches!(check(&bytes, &LIMITS), Err(Refusal::Bomb { .. })));
    }

    #[test]
    fn a_lying_length_or_a_hidden_filter_does_not_hide_a_bomb() {
        let bytes = pdf_with(&[("<< /Length 3 /Filter 7 0 R >>", zlib(&[b'a'; 5000]))]);
        assert!(matches!(check(&bytes, &LIMITS), Err(Refusal::Bomb { .. })));
    }

    #[test]
    fn chained_filters_are_followed() {
        let twice = zlib(&zlib(&[b'a'; 5000]));
        let bytes = pdf_with(&[("<< /Filter [/FlateDecode /FlateDecode] >>", twice)]);
        assert!(matches!(check(&bytes, &LIMITS), Err(Refusal::Bomb { .. })));
        let hex: Vec<u8> = zlib(&[b'a'; 5000])
            .iter()
            .flat_map(|b| format!("{b:02x}").into_bytes())
            .chain(*b">")
            .collect();
        let bytes = pdf_with(&[("<< /Filter [/AHx /Fl] >>", hex)]);
        assert!(matches!(check(&bytes, &LIMITS), Err(Refusal::Bomb { .. })));
        let rle = [129u8, b'a'].repeat(40);
        let bytes = pdf_with(&[("<< /Filter /RunLengthDecode >>", rle)]);
        assert!(matches!(check(&bytes, &LIMITS), Err(Refusal::Bomb { .. })));
    }

    #[test]
    fn lzw_is_decoded_through_the_cap() {
        let data = vec![b'a'; 5000];
        let mut enc = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
        let packed = enc.encode(&data).unwrap();
        assert_eq!(lzw(&packed, 10_000), data);
        let bytes = pdf_with(&[("<< /Filter /LZWDecode >>", packed)]);
        assert!(matches!(check(&bytes, &LIMITS), Err(Refusal::Bomb { .. })));
    }

    #[test]
    fn streams_add_up_to_the_total_cap() {
        let s = || ("<< /Filter /FlateDecode >>", zlib(&[b'a'; 900]));
        assert_eq!(check(&pdf_with(&[s(), s()]), &LIMITS), Ok(()));
        assert_eq!(
            check(&pdf_with(&[s(), s(), s()]), &LIMITS),
            Err(Refusal::TooMuch)
        );
    }

    #[test]
    fn images_are_left_alone_and_objects_counted() {
        let image = (
            "<< /Subtype /Image /Filter /FlateDecode >>",
            zlib(&[0; 5000]),
        );
        assert_eq!(check(&pdf_with(&[image]), &LIMITS), Ok(()));
        let objstm = ("<< /Type /ObjStm /N 20 /First 0 >>", b"1 0".to_vec());
        assert_eq!(
            check(&pdf_with(&[objstm]), &LIMITS),
            Err(Refusal::TooManyObjects { found: 21 })
        );
    }

    #[test]
    fn ascii_filters_decode() {
        assert_eq!(ascii_hex(b"48 65 6C6c 6>"), b"Hel\x6c\x60");
        assert_eq!(ascii85(b"87cURD]i,\"Ebo80~>"), b"Hello World!");
        assert_eq!(
            run_length(&[2, b'a', b'b', b'c', 254, b'x', 128], 100),
            b"abcxxx"
        );
    }
}
