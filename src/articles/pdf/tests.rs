//! The PDF reader on real files (`tests/sources/pdf/`, made for these tests: ORIGIN.md) and
//! on hostile ones built here as bytes.

use super::*;
use crate::articles::extract::{Piece, Place};
use flate2::write::ZlibEncoder;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn source(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sources/pdf")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn text_of(name: &str) -> Extracted {
    match extract(&source(name)) {
        Ok(x) => x,
        Err(f) => panic!("{name}: {} {}", f.rule.code, f.reason),
    }
}

/// The place of the piece that holds byte `at` of the text.
fn place_at(x: &Extracted, at: usize) -> Place {
    x.pieces
        .iter()
        .rev()
        .find(|p| p.at <= at)
        .expect("a piece at 0")
        .place
}

/// The page and line where `needle` starts.
fn where_is(x: &Extracted, needle: &str) -> Place {
    let at = x
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in:\n{}", x.text));
    place_at(x, at)
}

fn page_of(x: &Extracted, needle: &str) -> u32 {
    match where_is(x, needle) {
        Place::Page { page, .. } => page,
        other => panic!("{other:?}"),
    }
}

/// The rule and reason a file gives, within a time bound.
fn failure(bytes: &[u8]) -> (&'static str, String) {
    let start = Instant::now();
    let result = extract(bytes);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "took {:?}",
        start.elapsed()
    );
    match result {
        Ok(x) => panic!("read as text: {:?}", &x.text[..x.text.len().min(200)]),
        Err(f) => (f.rule.code, f.reason),
    }
}

/// Every map is sorted, starts at 0, and each piece starts a line of the text (or a joined
/// continuation, right after a letter or hyphen).
fn check_map(x: &Extracted) {
    assert_eq!(x.pieces.first().map(|p| p.at), Some(0));
    for w in x.pieces.windows(2) {
        assert!(w[0].at < w[1].at, "{w:?}");
    }
    for p in &x.pieces {
        assert!(x.text.is_char_boundary(p.at));
    }
}

/// Print a file's text: `CITELINE_PDF=path cargo test --lib pdf::tests::dump -- --ignored
/// --nocapture`. With `CITELINE_PDF_CORPUS=dir` and `CITELINE_PDF_OUT=dir`, write the text
/// of every PDF of the folder to OUT/NAME.txt (for benches/pdf/run.py's `--texts`).
#[test]
#[ignore]
#[allow(clippy::print_stdout)]
fn dump() {
    if let (Ok(corpus), Ok(out)) = (
        std::env::var("CITELINE_PDF_CORPUS"),
        std::env::var("CITELINE_PDF_OUT"),
    ) {
        std::fs::create_dir_all(&out).unwrap();
        let mut names: Vec<_> = std::fs::read_dir(&corpus)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        let mut status = String::new();
        for path in names
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(path).unwrap();
            let start = Instant::now();
            let (text, line) = match extract(&bytes) {
                Ok(x) => (x.text, "ok".to_string()),
                Err(f) => (String::new(), format!("{} {}", f.rule.code, f.reason)),
            };
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            std::fs::write(format!("{out}/{stem}.txt"), text).unwrap();
            status.push_str(&format!("{stem}.pdf\t{ms:.2}\t{line}\n"));
        }
        std::fs::write(format!("{out}/status.tsv"), status).unwrap();
        return;
    }
    let path = std::env::var("CITELINE_PDF").expect("CITELINE_PDF=file.pdf");
    match extract(&std::fs::read(path).unwrap()) {
        Ok(x) => {
            for (i, p) in x.pieces.iter().enumerate() {
                let end = x.pieces.get(i + 1).map_or(x.text.len(), |n| n.at);
                println!("{:?}\t{:?}", p.place, &x.text[p.at..end]);
            }
        }
        Err(f) => println!("{} {}", f.rule.code, f.reason),
    }
}

/// A PDF of the given objects (numbered from 1, the first the catalog), with a correct
/// cross-reference table. An object given as `(dict, data)` is a stream.
fn build(objects: &[(String, Option<Vec<u8>>)]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, (dict, data)) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{dict}\n", i + 1).as_bytes());
        if let Some(data) = data {
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(data);
            out.extend_from_slice(b"\nendstream\n");
        }
        out.extend_from_slice(b"endobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn obj(dict: &str) -> (String, Option<Vec<u8>>) {
    (dict.to_string(), None)
}

fn stream(dict: &str, data: &[u8]) -> (String, Option<Vec<u8>>) {
    (
        format!("<< {dict} /Length {} >>", data.len()),
        Some(data.to_vec()),
    )
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut e = ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

const FONT: &str =
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

/// One page drawing `content` with Helvetica as /F1 and `extra` in its resources.
fn one_page(content: &[u8], extra: &str, more: &[(String, Option<Vec<u8>>)]) -> Vec<u8> {
    let mut objects = vec![
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(&format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R >> {extra} >> >>"
        )),
        stream("", content),
        obj(FONT),
    ];
    objects.extend_from_slice(more);
    build(&objects)
}

#[test]
fn a_hand_built_page_reads() {
    let x = extract(&one_page(
        b"BT /F1 12 Tf 20 250 Td (Hello, PDF) Tj 0 -14 Td (second line) Tj ET",
        "",
        &[],
    ))
    .unwrap_or_else(|f| panic!("{}", f.reason));
    assert_eq!(x.text, "Hello, PDF\nsecond line");
    assert_eq!(
        x.pieces[1],
        Piece {
            at: 11,
            place: Place::Page { page: 1, line: 2 }
        }
    );
}

#[test]
fn words_placed_one_by_one_are_one_line_with_single_spaces() {
    // Every word positioned by a TJ kerning jump instead of a space, and glyphs pulled
    // together by small kerns inside words.
    let content =
        b"BT /F1 12 Tf 20 250 Td [(Wo) 30 (rd) -400 (by) -300 (w) 15 (ord) -1200 (apart)] TJ ET";
    let x = extract(&one_page(content, "", &[])).unwrap_or_else(|f| panic!("{}", f.reason));
    assert_eq!(x.text, "Word by word apart");
}

#[test]
fn an_image_only_pdf_has_no_text() {
    let image = stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", &[128]);
    let bytes = one_page(
        b"q 200 0 0 200 50 50 cm /Im1 Do Q",
        "/XObject << /Im1 6 0 R >>",
        &[image],
    );
    let (rule, reason) = failure(&bytes);
    assert_eq!(rule, "source-no-text");
    assert_eq!(reason, "no text layer: run OCR first");
}

#[test]
fn an_encrypted_pdf_is_refused() {
    let (rule, reason) = failure(&source("encrypted.pdf"));
    assert_eq!(rule, "source-encrypted");
    assert_eq!(reason, "the PDF is encrypted");
}

#[test]
fn a_truncated_pdf_is_broken() {
    let whole = source("two-columns.pdf");
    for share in [10, 50, 90, 99] {
        let (rule, reason) = failure(&whole[..whole.len() * share / 100]);
        assert_eq!(rule, "source-malformed", "{share}%: {reason}");
        assert!(reason.contains("truncated"), "{reason}");
    }
    assert_eq!(failure(b"%PDF-1.7\n%%EOF\n").0, "source-malformed");
    assert_eq!(failure(b"").0, "source-malformed");
    assert_eq!(failure(b"<html>not a PDF</html>").0, "source-malformed");
}

#[test]
fn a_flate_bomb_is_refused_before_it_inflates() {
    // 17 MiB of spaces: past the one-stream cap, in about 17 KB of deflate.
    let bomb = zlib(&vec![b' '; MAX_TEXT_BYTES + 1024 * 1024]);
    assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
    // The page's content becomes the bomb, its /Length lying small.
    let page = build(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R >>"),
        (
            format!("<< /Filter /FlateDecode /Length {} >>", bomb.len()),
            Some(bomb.clone()),
        ),
    ]);
    let (rule, reason) = failure(&page);
    assert_eq!(rule, "source-malformed");
    assert!(reason.contains("compression bomb"), "{reason}");
    // Many streams under the cap one by one add up past the total.
    let piece = zlib(&vec![b' '; MAX_TEXT_BYTES - 1024]);
    let mut objects = vec![
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents [] >>"),
    ];
    for _ in 0..(MAX_INFLATED / MAX_TEXT_BYTES as u64 + 1) {
        objects.push(stream("/Filter /FlateDecode", &piece));
    }
    assert_eq!(failure(&build(&objects)).0, "source-too-large");
}

#[test]
fn a_cyclic_page_tree_is_broken() {
    let bytes = build(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj("<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 4 0 R] /Count 1 >>"),
        obj("<< /Type /Page /Parent 3 0 R /MediaBox [0 0 300 300] >>"),
    ]);
    let (rule, reason) = failure(&bytes);
    assert_eq!(rule, "source-malformed");
    assert_eq!(
        reason,
        "the PDF is broken: its page tree reaches object 2 twice (a cycle)"
    );
    // A page that is its own parent's kid twice: the same node reached twice.
    let twice = build(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 >>"),
        obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] >>"),
    ]);
    assert_eq!(failure(&twice).0, "source-malformed");
    // A reference to an object that does not exist is no page.
    let nowhere = build(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [9 0 R] /Count 1 >>"),
    ]);
    assert_eq!(failure(&nowhere).0, "source-malformed");
}

#[test]
fn deep_nesting_and_self_drawing_forms_end_in_time() {
    // Arrays nested 100,000 deep in the content, and in an object.
    let deep = [
        b"BT /F1 12 Tf 20 250 Td ".as_slice(),
        &b"[".repeat(100_000),
        &b"]".repeat(100_000),
        b" TJ (after) Tj ET",
    ]
    .concat();
    let start = Instant::now();
    let _ = extract(&one_page(&deep, "", &[]));
    let nested = format!("<< /Deep {}{} >>", "[".repeat(100_000), "]".repeat(100_000));
    let _ = extract(&one_page(b"BT /F1 12 Tf (x) Tj ET", "", &[obj(&nested)]));
    // A form that draws itself twice: 2^50 draws if nothing stopped it.
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 300 300] /Resources << /XObject << /X 6 0 R >> /Font << /F1 5 0 R >> >>",
        b"BT /F1 12 Tf 20 250 Td (loop) Tj ET /X Do /X Do",
    );
    let _ = extract(&one_page(b"/X Do", "/XObject << /X 6 0 R >>", &[form]));
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
}

/// The text with every run of white space one space: sentences across printed lines.
fn flat(x: &Extracted) -> String {
    x.text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_clean(x: &Extracted) {
    check_map(x);
    assert!(!x
        .text
        .contains(['\u{fb00}', '\u{fb01}', '\u{fb02}', '\u{fb03}', '\u{fb04}']));
    assert!(!x.text.contains("  ") && !x.text.contains(" \n") && !x.text.contains("\n "));
    assert!(!x.text.contains("\n\n\n"));
    assert_eq!(x.text.trim(), x.text);
}

/// pdfTeX, two columns, Type 1 fonts with ligatures, hyphenation, kerning in TJ arrays.
#[test]
fn two_columns_from_latex() {
    let x = text_of("two-columns.pdf");
    assert_clean(&x);
    let f = flat(&x);
    for sentence in [
        "Their first affirmation was brief: the ministers reaffirmed an efficient, fluid and flexible approach to the conflict in the region, and the final communiqué was drafted in five hours.",
        "Representatives of the international organisations participated as observers.",
        "The intergovernmental commission, whose responsibilities include peacekeeping, presented its recommendations on the reorganisation of the collective forces.",
        "The chairman said the talks were “difficult but fruitful”.",
        "The spokeswoman answered that the efficiency of the office did not depend on its size, and that the affiliated institutes would fill the gaps in the analysis.",
        "Its mandate covers customs, migration, counterterrorism and the unification of technical standards across the participating countries, subject to ratification by their parliaments.",
        "The affidavit of the auditors was filed with the office of the secretary general.",
    ] {
        assert!(f.contains(sentence), "{sentence:?} not in:\n{}", x.text);
    }
    // The title is a paragraph of its own; the columns come in their order.
    assert!(x
        .text
        .starts_with("Ministers Meet in Bishkek\n\nA Test Report for citeline\n\n"));
    let order = ["1 The meeting", "2 Reactions", "3 Next steps", "4 Annex"]
        .map(|h| x.text.find(h).unwrap());
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // Pages and lines.
    assert_eq!(
        where_is(&x, "The official delegations"),
        Place::Page { page: 1, line: 4 }
    );
    assert_eq!(
        where_is(&x, "This annex stands"),
        Place::Page { page: 2, line: 2 }
    );
    // A hyphenated word's second half is its own piece, on the next printed line.
    assert_eq!(
        where_is(&x, "tional organisations"),
        Place::Page { page: 1, line: 12 }
    );
    assert_eq!(
        where_is(&x, "international"),
        Place::Page { page: 1, line: 11 }
    );
    assert_eq!(page_of(&x, "The working group on transboundary"), 1);
}

/// Chromium (Skia), two CSS columns, soft hyphens, a paragraph across the column break.
#[test]
fn two_columns_from_chromium() {
    let x = text_of("article-en.pdf");
    assert_clean(&x);
    let f = flat(&x);
    for sentence in [
        "Negotiators from the two neighbouring republics met again on Monday in a guesthouse near the frontier, their first meeting since the incidents of last spring.",
        "The official agenda listed water sharing, the demarcation of disputed villages and the reopening of two markets.",
        "Residents of the border districts have long complained that the closures cut them off from relatives",
        "Observers noted that the two delegations shared a meal for the first time, a gesture that had been unthinkable a few months ago.",
    ] {
        assert!(f.contains(sentence), "{sentence:?} not in:\n{}", x.text);
    }
    assert!(
        x.text.contains("held.\n\nResidents of the border\n"),
        "{}",
        x.text
    );
    assert_eq!(
        where_is(&x, "Border talks resume"),
        Place::Page { page: 1, line: 1 }
    );
    assert_eq!(
        where_is(&x, "house near the frontier"),
        Place::Page { page: 1, line: 5 }
    );
}

/// Cyrillic in CID fonts (Identity-H with ToUnicode), justified lines whose words the
/// page places one by one, two pages.
#[test]
fn cyrillic_justified_over_two_pages() {
    let x = text_of("article-ru.pdf");
    assert_clean(&x);
    let f = flat(&x);
    for sentence in [
        "По словам председателя, переговоры были «трудными, но плодотворными», а итоговое заявление подготовили за пять часов.",
        "Межправительственная комиссия представила рекомендации о реорганизации коллективных сил быстрого развёртывания.",
        "The English summary: the ministers agreed to meet again in the autumn",
        "Пресс-секретарь ответила, что эффективность работы не зависит от размера аппарата",
    ] {
        assert!(f.contains(sentence), "{sentence:?} not in:\n{}", x.text);
    }
    // A justified line: its words one space apart, whatever the gaps on the page.
    assert!(
        x.text.contains("\nсловам председателя, переговоры были\n"),
        "{}",
        x.text
    );
    assert_eq!(
        where_is(&x, "Критики отметили"),
        Place::Page { page: 2, line: 1 }
    );
    assert_eq!(page_of(&x, "быстрого развёртывания"), 1);
    assert!(x.text.contains("стран.\n\nКритики"));
}

#[test]
fn a_panic_in_the_reader_is_caught_quietly() {
    assert_eq!(quietly(|| 7), Some(7));
    assert_eq!(quietly(|| -> u8 { panic!("inside the reader") }), None);
    assert!(!READING.with(Cell::get));
}

#[test]
fn more_pages_than_the_cap_are_too_large() {
    let n = MAX_PAGES + 1;
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", i + 3)).collect();
    let mut objects = vec![
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj(&format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            kids.join(" ")
        )),
    ];
    objects.extend((0..n).map(|_| obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>")));
    let (rule, reason) = failure(&build(&objects));
    assert_eq!(rule, "source-too-large");
    assert_eq!(
        reason,
        "the PDF has 10001 pages, more than the 10000 citeline reads"
    );
}
