//! The archive reader on real archives (tests/sources/archive/, ORIGIN.md says whose) and on
//! copies of them damaged or made hostile in memory: the right body comes back for an
//! address, a wrong address names the near ones, broken and oversized archives are findings,
//! and no input makes it panic.

use super::warc::Input;
use super::*;
use flate2::write::{DeflateEncoder, GzEncoder};
use flate2::Compression;
use proptest::prelude::*;
use std::io::Write;
use std::time::{Duration, Instant};

fn source(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/sources/archive/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn text(record: &Record) -> String {
    String::from_utf8_lossy(&record.body).into_owned()
}

fn failure(result: Result<Record, Failure>) -> Failure {
    match result {
        Ok(r) => panic!("expected a failure, got the record of {}", r.url),
        Err(f) => f,
    }
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = DeflateEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// The records of a plain WARC file, each from its `WARC/1.x` line to the next.
fn records(warc: &[u8]) -> Vec<Vec<u8>> {
    let mut starts: Vec<usize> = (0..warc.len())
        .filter(|&i| warc[i..].starts_with(b"WARC/1.") && (i == 0 || warc[i - 1] == b'\n'))
        .collect();
    starts.push(warc.len());
    starts
        .windows(2)
        .map(|w| warc[w[0]..w[1]].to_vec())
        .collect()
}

/// `record` with its header field `name` set to `value` (the block, and so its length, kept).
fn with_field(record: &[u8], name: &str, value: &str) -> Vec<u8> {
    let end = record.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8(record[..end].to_vec()).unwrap();
    let lines: Vec<String> = head
        .split("\r\n")
        .map(|l| match l.split_once(':') {
            Some((n, _)) if n.eq_ignore_ascii_case(name) => format!("{n}: {value}"),
            _ => l.to_owned(),
        })
        .collect();
    let mut out = lines.join("\r\n").into_bytes();
    out.extend_from_slice(&record[end..]);
    out
}

/// A WARC record of `kind` at `uri` around `block`.
fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-02T03:04:05Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// A zip of `entries` (name, data, deflate it), written by hand as APPNOTE.TXT says: the zip
/// crate is built here without its writer.
fn zip_of(entries: &[(&str, &[u8], bool)], encrypted: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data, deflated) in entries {
        let stored = if *deflated {
            deflate(data)
        } else {
            data.to_vec()
        };
        let mut crc = flate2::Crc::new();
        crc.update(data);
        let offset = out.len() as u32;
        let flags: u16 = u16::from(encrypted);
        let method: u16 = if *deflated { 8 } else { 0 };
        let common = |v: &mut Vec<u8>| {
            v.extend(20u16.to_le_bytes());
            v.extend(flags.to_le_bytes());
            v.extend(method.to_le_bytes());
            v.extend([0, 0, 0x21, 0]); // time, date
            v.extend(crc.sum().to_le_bytes());
            v.extend((stored.len() as u32).to_le_bytes());
            v.extend((data.len() as u32).to_le_bytes());
            v.extend((name.len() as u16).to_le_bytes());
            v.extend(0u16.to_le_bytes()); // extra
        };
        out.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend(name.as_bytes());
        out.extend(&stored);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes());
        common(&mut central);
        central.extend([0u8; 10]); // comment length, disk, attributes
        central.extend(offset.to_le_bytes());
        central.extend(name.as_bytes());
    }
    let at = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

#[test]
fn a_plain_warc_gives_the_decoded_page() {
    let r = warc_record(&source("example.warc"), "http://example.com/").unwrap();
    assert!(
        text(&r).contains("<title>Example Domain</title>"),
        "{}",
        text(&r)
    );
    assert_eq!(r.url, "http://example.com/");
    assert_eq!(r.date.as_deref(), Some("2017-03-06T04:02:06Z"));
    assert_eq!(r.content_type.as_deref(), Some("text/html"));
}

#[test]
fn a_gzipped_warc_gives_the_same_page() {
    let plain = warc_record(&source("example.warc"), "http://example.com/").unwrap();
    let gz = warc_record(&source("example.warc.gz"), "http://example.com/").unwrap();
    assert_eq!(gz.body, plain.body);
    assert_eq!(gz.date, plain.date);
    // Gzip members cut across records read the same.
    let odd = warc_record(
        &source("example-wrong-chunks.warc.gz"),
        "http://example.com/",
    )
    .unwrap();
    assert!(text(&odd).contains("<title>Example Domain</title>"));
    assert_eq!(
        odd.content_type.as_deref(),
        Some("text/html; charset=UTF-8")
    );
}

#[test]
fn chunks_are_joined() {
    let warc = source("example-iana.org-chunked.warc");
    let r = warc_record(&warc, "http://www.iana.org/").unwrap();
    let page = text(&r);
    assert!(page.contains("Internet Assigned Numbers Authority"));
    assert!(
        page.trim_end().ends_with("</html>"),
        "{}",
        &page[page.len() - 40..]
    );
    // No chunk size line is left inside the page.
    assert!(!page.contains("\r\n0\r\n"));
    assert_eq!(r.content_type.as_deref(), Some("text/html; charset=UTF-8"));
}

#[test]
fn chunks_and_gzip_together_are_undone() {
    // The real example.com page, sent gzipped and chunked.
    let page = warc_record(&source("example.warc"), "http://example.com/")
        .unwrap()
        .body;
    let gz = gzip(&page);
    let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\
                      Transfer-Encoding: chunked\r\n\r\n"
        .to_vec();
    for part in gz.chunks(64) {
        block.extend(format!("{:X}\r\n", part.len()).as_bytes());
        block.extend(part);
        block.extend(b"\r\n");
    }
    block.extend(b"0\r\n\r\n");
    let warc = record("response", "https://example.org/news", &block);
    let r = warc_record(&gzip(&warc), "https://example.org/news").unwrap();
    assert_eq!(r.body, page);
}

#[test]
fn draft_versions_and_field_case_are_read() {
    let block = b"HTTP/1.0 200 OK\r\ncontent-type: text/html\r\n\r\n<p>old</p>";
    let mut warc = format!(
        "WARC/0.17\r\nwarc-type: response\r\nwarc-target-uri: http://old.org/\r\n\
         warc-date: 2008-04-30T20:48:25Z\r\ncontent-length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    warc.extend(block);
    let r = warc_record(&warc, "http://old.org/").unwrap();
    assert_eq!(r.body, b"<p>old</p>");
    assert_eq!(r.date.as_deref(), Some("2008-04-30T20:48:25Z"));
    assert_eq!(r.content_type.as_deref(), Some("text/html"));
}

#[test]
fn a_resource_record_is_its_own_body() {
    let r = warc_record(
        &source("example-resource.warc.gz"),
        "http://some.example.com:8080/",
    )
    .unwrap();
    assert_eq!(r.body, b"sample resource");
    assert_eq!(r.content_type.as_deref(), Some("text/plain"));
}

#[test]
fn addresses_match_by_the_narrow_rule() {
    let warc = source("example.warc");
    for spelling in [
        "https://example.com/",
        "HTTP://Example.COM",
        "http://example.com/#top",
    ] {
        let r = warc_record(&warc, spelling).unwrap();
        assert_eq!(r.url, "http://example.com/", "{spelling}");
        assert!(text(&r).contains("Example Domain"));
    }
    // wget writes the target in angle brackets.
    let wget = warc_record(
        &source("example-wget-bad-target-uri.warc.gz"),
        "http://example.com/",
    );
    assert!(text(&wget.unwrap()).contains("Example Domain"));
    // A query or another path is another page.
    for other in [
        "http://example.com/?page=2",
        "http://example.com/index.html",
    ] {
        let f = failure(warc_record(&warc, other));
        assert_eq!(f.rule.code, "archive-record-missing", "{other}");
    }
}

#[test]
fn a_missing_page_names_what_the_archive_holds() {
    let f = failure(warc_record(
        &source("example.warc"),
        "http://example.com/about",
    ));
    assert_eq!(f.rule.code, "archive-record-missing");
    assert_eq!(
        f.reason,
        "the archive holds no capture of `http://example.com/about`; the nearest pages it \
         holds: `http://example.com/`"
    );
    // Nearest first, at most five, HTML before other captures.
    let mut warc = Vec::new();
    for path in ["/a", "/zzzzzz", "/about-us", "/abut", "/b", "/c", "/d"] {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\nx";
        warc.extend(record("response", &format!("http://news.org{path}"), block));
    }
    let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nx";
    warc.extend(record("response", "http://news.org/about.png", image));
    let f = failure(warc_record(&warc, "http://news.org/about"));
    assert!(
        f.reason.ends_with(
            "the nearest pages it holds: `http://news.org/abut`, `http://news.org/about-us`, \
             `http://news.org/a`, `http://news.org/b`, `http://news.org/c`"
        ),
        "{}",
        f.reason
    );
}

#[test]
fn an_error_response_is_not_a_page() {
    let block = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nnot here";
    let warc = record("response", "http://news.org/gone", block);
    let f = failure(warc_record(&warc, "http://news.org/gone"));
    assert_eq!(f.rule.code, "archive-record-missing");
    assert!(f.reason.contains("is an HTTP 404 response"), "{}", f.reason);
}

#[test]
fn a_revisit_is_served_by_its_original() {
    // A revisit of another address, found by its payload digest.
    let mut warc = source("example-wrong-chunks.warc.gz");
    warc.extend(source("example-url-agnostic-revisit.warc.gz"));
    let r = warc_record(&warc, "http://test@example.com/").unwrap();
    assert!(text(&r).contains("<title>Example Domain</title>"));
    assert_eq!(r.url, "http://test@example.com/");
    assert_eq!(r.date.as_deref(), Some("2013-07-29T19:51:51Z"));
    // Without the original, the finding says so.
    let f = failure(warc_record(
        &source("example-url-agnostic-revisit.warc.gz"),
        "http://test@example.com/",
    ));
    assert!(f
        .reason
        .contains("a revisit record whose original capture is not in the archive"));

    // A revisit found by WARC-Refers-To-Target-URI and -Date: the real revisit of
    // example.warc, moved to another address.
    let plain = source("example.warc");
    let mut moved = Vec::new();
    for r in records(&plain) {
        let revisit = r.windows(15).any(|w| w == b"WARC-Type: revi");
        moved.extend(if revisit {
            with_field(&r, "WARC-Target-URI", "http://example.com/copy")
        } else {
            r
        });
    }
    let r = warc_record(&moved, "http://example.com/copy").unwrap();
    assert!(text(&r).contains("<title>Example Domain</title>"));
    assert_eq!(r.date.as_deref(), Some("2017-03-06T04:03:48Z"));
}

#[test]
fn redirects_are_followed_inside_the_archive() {
    let redirect = source("redirect.warc");
    let f = failure(warc_record(
        &redirect,
        "https://www.iana.org/domains/example",
    ));
    assert_eq!(f.rule.code, "archive-record-missing");
    assert!(
        f.reason.starts_with(
            "the archive's capture of `https://www.iana.org/domains/example` redirects to \
             `https://www.iana.org/domains/reserved`"
        ),
        "{}",
        f.reason
    );
    // With the target captured too (the real iana.org capture, moved to that address).
    let iana = records(&source("example-iana.org-chunked.warc"))
        .into_iter()
        .find(|r| r.windows(18).any(|w| w == b"WARC-Type: respons"))
        .unwrap();
    let mut warc = redirect.clone();
    warc.extend(with_field(
        &iana,
        "WARC-Target-URI",
        "https://www.iana.org/domains/reserved",
    ));
    let r = warc_record(&warc, "https://www.iana.org/domains/example").unwrap();
    assert_eq!(r.url, "https://www.iana.org/domains/reserved");
    assert!(text(&r).contains("Internet Assigned Numbers Authority"));
}

#[test]
fn redirects_in_a_circle_or_too_many_stop() {
    let to = |location: &str| format!("HTTP/1.1 302 Found\r\nLocation: {location}\r\n\r\n");
    let mut circle = record("response", "http://a.org/1", to("/2").as_bytes());
    circle.extend(record(
        "response",
        "http://a.org/2",
        to("http://a.org/1").as_bytes(),
    ));
    let f = failure(warc_record(&circle, "http://a.org/1"));
    assert!(f.reason.contains("redirects in a circle"), "{}", f.reason);
    let mut long = Vec::new();
    for i in 0..8 {
        long.extend(record(
            "response",
            &format!("http://a.org/{i}"),
            to(&format!("{}", i + 1)).as_bytes(),
        ));
    }
    let f = failure(warc_record(&long, "http://a.org/0"));
    assert!(
        f.reason.contains("redirects more than 5 times"),
        "{}",
        f.reason
    );
}

#[test]
fn truncated_archives_are_malformed() {
    let plain = source("example.warc");
    let cut = &plain[..plain.len() - 700];
    let f = failure(warc_record(cut, "http://example.com/elsewhere"));
    assert_eq!(f.rule.code, "source-malformed");
    assert!(
        f.reason.starts_with("truncated WARC record"),
        "{}",
        f.reason
    );
    let gz = source("example.warc.gz");
    let f = failure(warc_record(
        &gz[..gz.len() - 300],
        "http://example.com/elsewhere",
    ));
    assert_eq!(f.rule.code, "source-malformed");
    // The real file whose Content-Length is two bytes short: its gzip body is cut.
    let f = failure(warc_record(
        &source("example-trunc.warc"),
        "http://example.com/",
    ));
    assert_eq!(f.rule.code, "source-malformed");
    assert!(f.reason.contains("cut short"), "{}", f.reason);
    let f = failure(warc_record(
        b"filedesc://IA-001102.arc 0 19960923142103",
        "http://a.org/",
    ));
    assert!(f.reason.starts_with("not a WARC file"), "{}", f.reason);
}

#[test]
fn a_gzip_bomb_in_the_body_stops_at_the_cap() {
    let member = gzip(&vec![0u8; 1 << 20]);
    let mut block = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    block.extend(member.repeat(40));
    let warc = gzip(&record("response", "http://bomb.org/", &block));
    let start = Instant::now();
    let f = failure(warc_record(&warc, "http://bomb.org/"));
    assert_eq!(f.rule.code, "source-too-large");
    assert_eq!(
        f.reason,
        "the capture of `http://bomb.org/`: the record's body inflates past 16 MiB"
    );
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn a_gzip_bomb_in_the_archive_stops_at_the_cap() {
    // A member that says its record is 8 GiB long is refused before it is inflated.
    let head = b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://b.org/\r\nContent-Length: 8589934592\r\n\r\n";
    let mut warc = head.to_vec();
    warc.extend(vec![0u8; 1 << 16]);
    let start = Instant::now();
    let f = failure(warc_record(&gzip(&warc), "http://elsewhere.org/"));
    assert_eq!(f.rule.code, "source-too-large");
    assert!(
        f.reason.starts_with("the archive inflates past the 1 GiB"),
        "{}",
        f.reason
    );
    // Records of 1 MiB of zeros each, 32 of them: the scan stops at its budget (4 MiB here).
    let one = gzip(&record(
        "resource",
        "http://b.org/zeros",
        &vec![0u8; 1 << 20],
    ));
    let bomb = one.repeat(32);
    let input = Input {
        name: None,
        bytes: &bomb,
        deflated: false,
    };
    let f = failure(find(&[input], "http://elsewhere.org/", &[], 4 << 20));
    assert_eq!(f.rule.code, "source-too-large");
    assert!(
        f.reason.starts_with("the archive inflates past the 4 MiB"),
        "{}",
        f.reason
    );
    assert!(start.elapsed() < Duration::from_secs(20));
    // A record's body past 16 MiB, declared or inflated, is refused too.
    let big = record("resource", "http://b.org/big", &vec![b'a'; (16 << 20) + 1]);
    let f = failure(warc_record(&gzip(&big), "http://b.org/big"));
    assert_eq!(f.reason, "the record's body is past 16 MiB");
}

#[test]
fn many_orphan_revisits_cost_little() {
    let one = record("revisit", "http://many.org/", b"HTTP/1.1 200 OK\r\n\r\n");
    let warc = one.repeat(20_000);
    let start = Instant::now();
    let f = failure(warc_record(&warc, "http://many.org/"));
    assert!(
        f.reason.contains("original capture is not in the archive"),
        "{}",
        f.reason
    );
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn a_wacz_gives_its_page() {
    let wacz = source("valid_example_1.wacz");
    let r = wacz_record(&wacz, "http://www.example.com/").unwrap();
    assert!(text(&r).contains("<title>Example Domain</title>"));
    assert_eq!(r.date.as_deref(), Some("2020-10-07T21:22:36Z"));
    let f = failure(wacz_record(&wacz, "http://www.example.com/news"));
    assert_eq!(f.rule.code, "archive-record-missing");
    assert!(
        f.reason
            .ends_with("the nearest pages it holds: `http://www.example.com/`"),
        "{}",
        f.reason
    );
}

#[test]
fn a_wacz_with_deflated_entries_is_read() {
    let warc = source("example.warc");
    let pages = b"{\"format\": \"json-pages-1.0\"}\n{\"url\": \"http://example.com/\"}\n";
    let wacz = zip_of(
        &[
            ("datapackage.json", b"{}", true),
            ("archive/data.warc", &warc, true),
            ("pages/pages.jsonl", pages, true),
        ],
        false,
    );
    let r = wacz_record(&wacz, "http://example.com/").unwrap();
    assert!(text(&r).contains("<title>Example Domain</title>"));
    let f = failure(wacz_record(&wacz, "http://example.com/x"));
    assert!(f.reason.ends_with("`http://example.com/`"), "{}", f.reason);
}

#[test]
fn zips_that_are_not_wacz_are_malformed() {
    let plain = zip_of(&[("notes.txt", b"hello", false)], false);
    let f = failure(wacz_record(&plain, "http://example.com/"));
    assert_eq!(f.rule.code, "source-malformed");
    assert_eq!(
        f.reason,
        "a zip that is not a WACZ: it has no datapackage.json"
    );
    let f = failure(wacz_record(
        &source("invalid_example_1.wacz"),
        "http://example.com/",
    ));
    assert_eq!(f.reason, "a WACZ with no WARC files under archive/");
    let f = failure(wacz_record(&source("example.warc"), "http://example.com/"));
    assert_eq!(f.reason, "not a WACZ: not a zip file");
    let locked = zip_of(&[("datapackage.json", b"{}", false)], true);
    let f = failure(wacz_record(&locked, "http://example.com/"));
    assert!(f.reason.contains("is encrypted"), "{}", f.reason);
    let wacz = source("valid_example_1.wacz");
    let f = failure(wacz_record(
        &wacz[..wacz.len() / 2],
        "http://www.example.com/",
    ));
    assert_eq!(f.rule.code, "source-malformed");
}

/// The real archives, to mutate.
fn originals() -> Vec<(Vec<u8>, bool)> {
    let warcs = [
        "example.warc",
        "example.warc.gz",
        "example-iana.org-chunked.warc",
        "redirect.warc",
        "example-wrong-chunks.warc.gz",
    ];
    let mut all: Vec<(Vec<u8>, bool)> = warcs.iter().map(|n| (source(n), false)).collect();
    all.push((source("valid_example_1.wacz"), true));
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), url in "[a-z:/.]{0,30}") {
        let _ = warc_record(&bytes, &url);
        let _ = wacz_record(&bytes, &url);
        let mut warc = b"WARC/1.0\r\n".to_vec();
        warc.extend(&bytes);
        let _ = warc_record(&warc, &url);
        let _ = warc_record(&gzip(&warc), &url);
    }

    #[test]
    fn mutated_archives_never_panic(
        which in 0usize..6,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        url in prop::sample::select(vec!["http://example.com/", "http://www.iana.org/", "https://www.iana.org/domains/example", "http://www.example.com/", "http://x.org/"]),
    ) {
        let (mut bytes, wacz) = originals().swap_remove(which);
        for (at, byte) in &edits {
            let i = at.index(bytes.len());
            bytes[i] = *byte;
        }
        for b in [&bytes[..], &bytes[..cut.index(bytes.len())]] {
            let _ = if wacz { wacz_record(b, url) } else { warc_record(b, url) };
        }
        // Mutate the inflated records too, so the parser sees damage behind the gzip layer.
        if !wacz {
            let mut inflated = Vec::new();
            if std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&bytes[..]), &mut inflated).is_ok() && !inflated.is_empty() {
                for (at, byte) in &edits {
                    let i = at.index(inflated.len());
                    inflated[i] = *byte;
                }
                let _ = warc_record(&gzip(&inflated), url);
            }
        }
    }
}
