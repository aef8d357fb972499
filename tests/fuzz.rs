//! A structured fuzzer for the real `citeline` binary, on stable Rust.
//!
//! Every case starts from a real input (the shipped data or a `tests/fixtures/*/{good,bad}`
//! folder), applies a few mutations drawn from a PRNG seeded by `(seed, case number)`, writes
//! the result to a fresh temporary folder and runs the built binary on it: `check --format
//! json`, `render -o out.svg` (sometimes a PNG too) and sometimes `dates SOURCE_ID`. The
//! properties asserted and the environment variables for longer runs are in
//! docs/fuzzing.md. A failing case is copied to `target/fuzz-failures/<seed>-<case>/` with a
//! REPRO.txt, and the assertion message names that folder and the seed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Cases in a default `cargo test` run: 12 to 18 s alone in a debug build on 2 cores, 5 to
/// 30 s added to the whole suite (docs/fuzzing.md has the measurements).
const DEFAULT_CASES: u64 = 300;
/// The seed of the default run, so CI is deterministic.
const DEFAULT_SEED: u64 = 0xc17e_11e0;
/// A run of the binary that takes longer than this is killed and counts as a failure.
const TIME_LIMIT: Duration = Duration::from_secs(20);
/// What `out.svg` holds before `render` in some cases, to check a failed render keeps it.
const PREVIOUS_SVG: &[u8] = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- previous --></svg>\n";

// ---------------------------------------------------------------------------------------
// The PRNG: splitmix64, enough for choosing mutations and reproducible from one number.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The generator for case `n` of a run: independent of every other case, so one case
    /// can be replayed alone.
    fn for_case(seed: u64, n: u64) -> Self {
        let mut mix = Rng(seed ^ n.wrapping_mul(0xa076_1d64_78bd_642f));
        Rng::new(mix.next() ^ n)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must be positive.
    fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "below(0)");
        (self.next() % n as u64) as usize
    }

    /// True with probability `num / den`.
    fn chance(&mut self, num: u64, den: u64) -> bool {
        self.next() % den < num
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % ((hi - lo) as u64 + 1)) as i64
    }
}

#[test]
fn rng_is_deterministic_and_cases_differ() {
    let a: Vec<u64> = (0..4).map(|_| Rng::for_case(7, 3).next()).collect();
    assert!(a.windows(2).all(|w| w[0] == w[1]));
    assert_ne!(Rng::for_case(7, 3).next(), Rng::for_case(7, 4).next());
    assert_ne!(Rng::for_case(7, 3).next(), Rng::for_case(8, 3).next());
    let mut r = Rng::new(1);
    let mut seen = [false; 5];
    for _ in 0..200 {
        seen[r.below(5)] = true;
    }
    assert!(
        seen.iter().all(|&s| s),
        "below() reaches every value: {seen:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Inputs: a folder's files as relative path -> bytes, with events.toml at the top.

#[derive(Clone)]
struct Input {
    name: String,
    files: BTreeMap<String, Vec<u8>>,
}

const EVENTS: &str = "events.toml";

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read_folder(root: &Path, prefix: &str, files: &mut BTreeMap<String, Vec<u8>>) {
    let mut entries: Vec<_> = fs::read_dir(root.join(prefix))
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.join(prefix).display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let rel = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}/{name}")
        };
        if path.is_dir() {
            read_folder(root, &rel, files);
        } else if name != "expected.txt" {
            files.insert(rel, fs::read(&path).unwrap());
        }
    }
}

/// The seed corpus: the shipped data and every fixture folder.
fn corpus() -> Vec<Input> {
    let root = manifest_dir();
    let mut shipped = BTreeMap::new();
    shipped.insert(EVENTS.to_string(), fs::read(root.join(EVENTS)).unwrap());
    read_folder(root, "articles", &mut shipped);
    let mut inputs = vec![Input {
        name: "shipped".into(),
        files: shipped,
    }];
    let fixtures = root.join("tests/fixtures");
    let mut codes: Vec<_> = fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    codes.sort();
    for code in codes {
        for kind in ["good", "bad"] {
            let dir = fixtures.join(&code).join(kind);
            if dir.join(EVENTS).is_file() {
                let mut files = BTreeMap::new();
                read_folder(&dir, "", &mut files);
                inputs.push(Input {
                    name: format!("tests/fixtures/{code}/{kind}"),
                    files,
                });
            }
        }
    }
    inputs
}

#[test]
fn corpus_holds_the_shipped_data_and_every_fixture() {
    let inputs = corpus();
    assert_eq!(inputs[0].name, "shipped");
    assert!(inputs[0].files.keys().any(|k| k.starts_with("articles/")));
    let fixtures = fs::read_dir(manifest_dir().join("tests/fixtures"))
        .unwrap()
        .count();
    assert_eq!(inputs.len(), 1 + 2 * fixtures);
    assert!(inputs.iter().all(|i| i.files.contains_key(EVENTS)));
}

// ---------------------------------------------------------------------------------------
// Looking at an events file as text: lines, string values, event blocks.

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Split into lines, each keeping its `\n`.
fn lines_of(text: &str) -> Vec<String> {
    text.split_inclusive('\n').map(str::to_string).collect()
}

/// A basic (double-quoted, one-line) string on a `key = ...` line: the key and the byte
/// range of its contents, between the quotes.
struct StringValue {
    key: String,
    start: usize,
    end: usize,
}

/// A light TOML scanner: every one-line basic string that is a value (or an element of an
/// array or inline table on its key's line), and for each line whether it begins inside a
/// multi-line string. Literal, multi-line and commented-out text is stepped over, not read.
struct Scan {
    values: Vec<StringValue>,
    line_inside_string: Vec<bool>,
}

fn scan_toml(text: &str) -> Scan {
    let b = text.as_bytes();
    let len = b.len();
    let mut values = Vec::new();
    let mut line_inside_string = vec![false];
    let mut line_start = 0;
    let mut key: Option<String> = None;
    // Step over a multi-line string opened at `i` by `delim`, noting the lines it covers.
    let skip_multiline = |i: usize, delim: &[u8], escapes: bool, inside: &mut Vec<bool>| {
        let mut j = i + 3;
        while j < len && !b[j..].starts_with(delim) {
            if b[j] == b'\n' {
                inside.push(true);
            }
            j += if escapes && b[j] == b'\\' && j + 1 < len && b[j + 1] != b'\n' {
                2
            } else {
                1
            };
        }
        // Up to two quotes may stand just before the closing delimiter.
        let mut end = (j + 3).min(len);
        while end < len && b[end] == delim[0] && end < j + 5 {
            end += 1;
        }
        end
    };
    let mut i = 0;
    while i < len {
        match b[i] {
            b'\n' => {
                i += 1;
                line_start = i;
                key = None;
                line_inside_string.push(false);
            }
            b'#' => {
                while i < len && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'=' if key.is_none() => {
                key = Some(text[line_start..i].trim().trim_matches('"').to_string());
                i += 1;
            }
            b'"' if b[i..].starts_with(b"\"\"\"") => {
                i = skip_multiline(i, b"\"\"\"", true, &mut line_inside_string);
            }
            b'\'' if b[i..].starts_with(b"'''") => {
                i = skip_multiline(i, b"'''", false, &mut line_inside_string);
            }
            b'\'' => {
                i += 1;
                while i < len && b[i] != b'\'' && b[i] != b'\n' {
                    i += 1;
                }
                if i < len && b[i] == b'\'' {
                    i += 1;
                }
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < len && b[j] != b'"' && b[j] != b'\n' {
                    j += if b[j] == b'\\' && j + 1 < len && b[j + 1] != b'\n' {
                        2
                    } else {
                        1
                    };
                }
                if j < len && b[j] == b'"' {
                    if let Some(key) = &key {
                        values.push(StringValue {
                            key: key.clone(),
                            start,
                            end: j,
                        });
                    }
                    i = j + 1;
                } else {
                    i = j;
                }
            }
            _ => i += 1,
        }
    }
    Scan {
        values,
        line_inside_string,
    }
}

/// Every one-line basic string that is a value (or an element of an array value).
fn string_values(text: &str) -> Vec<StringValue> {
    scan_toml(text).values
}

fn values_with_key<'a>(values: &'a [StringValue], keys: &[&str]) -> Vec<&'a StringValue> {
    values
        .iter()
        .filter(|v| keys.contains(&v.key.as_str()))
        .collect()
}

/// Line ranges `[start, end)` of each `[[events]]` block, evidence included.
fn event_blocks(lines: &[String]) -> Vec<(usize, usize)> {
    let mut blocks = Vec::new();
    let mut open: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        let header = t.starts_with('[') && !t.starts_with("[[events.evidence]]");
        if header {
            if let Some(start) = open.take() {
                blocks.push((start, i));
            }
            if t.starts_with("[[events]]") {
                open = Some(i);
            }
        }
    }
    if let Some(start) = open {
        blocks.push((start, lines.len()));
    }
    blocks
}

/// The source ids an events file declares, by its `[sources.ID]` headers.
fn declared_sources(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("[sources."))
        .filter_map(|rest| rest.strip_suffix(']'))
        .map(|id| id.trim_matches('"').to_string())
        .collect()
}

#[test]
fn text_helpers_find_values_blocks_and_sources() {
    let text = "[sources.wire]\nfile = \"a.txt\" # c\n[[events]]\nid = \"x\"\nactors = [\"A \\\"B\\\"\", \"C\"]\n[[events.evidence]]\nquote = \"q\"\n[[events]]\nid = \"y\"\n";
    let values = string_values(text);
    let got: Vec<(&str, &str)> = values
        .iter()
        .map(|v| (v.key.as_str(), &text[v.start..v.end]))
        .collect();
    assert_eq!(
        got,
        [
            ("file", "a.txt"),
            ("id", "x"),
            ("actors", "A \\\"B\\\""),
            ("actors", "C"),
            ("quote", "q"),
            ("id", "y")
        ]
    );
    assert_eq!(event_blocks(&lines_of(text)), [(2, 7), (7, 9)]);
    assert_eq!(declared_sources(text), ["wire"]);
    // Multi-line strings, literal strings and comments hold no values.
    let tricky = "a = \"\"\"x\ny = \"no\"\n\"\"\"\nb = 'q\"' # \"c\"\nc = \"yes\"\n";
    let values = string_values(tricky);
    let got: Vec<(&str, &str)> = values
        .iter()
        .map(|v| (v.key.as_str(), &tricky[v.start..v.end]))
        .collect();
    assert_eq!(got, [("c", "yes")]);
    assert_eq!(
        scan_toml(tricky).line_inside_string,
        [false, true, true, false, false, false]
    );
}

// ---------------------------------------------------------------------------------------
// Mutations. Each takes the case and the PRNG and says what it did, for REPRO.txt.

struct Case {
    files: BTreeMap<String, Vec<u8>>,
    log: Vec<String>,
}

impl Case {
    fn events(&self) -> String {
        lossy(&self.files[EVENTS])
    }

    fn set_events(&mut self, text: String) {
        self.files.insert(EVENTS.into(), text.into_bytes());
    }

    fn articles(&self) -> Vec<String> {
        self.files
            .keys()
            .filter(|k| *k != EVENTS)
            .cloned()
            .collect()
    }

    /// Replace the contents of one string value, chosen among those with `keys` (any key
    /// when empty). Returns false when there is none.
    fn replace_value(
        &mut self,
        rng: &mut Rng,
        keys: &[&str],
        f: impl FnOnce(&mut Rng, &str) -> String,
    ) -> Option<String> {
        let text = self.events();
        let values = string_values(&text);
        let candidates: Vec<&StringValue> = if keys.is_empty() {
            values.iter().collect()
        } else {
            values_with_key(&values, keys)
        };
        if candidates.is_empty() {
            return None;
        }
        let v = *rng.pick(&candidates);
        let old = &text[v.start..v.end];
        let new = f(rng, old);
        let what = format!("{} = \"{}\" -> \"{}\"", v.key, clip(old), clip(&new));
        let mut out = String::with_capacity(text.len() + new.len());
        out.push_str(&text[..v.start]);
        out.push_str(&new);
        out.push_str(&text[v.end..]);
        self.set_events(out);
        Some(what)
    }
}

/// A short, printable form of a value for the log.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(60).flat_map(char::escape_debug).collect();
    if s.chars().count() > 60 {
        write!(out, "…({} bytes)", s.len()).unwrap();
    }
    out
}

const INTERESTING_BYTES: &[u8] = b"\"'[]={},.#\\\n\r\t \x00\x7f\xff\xc3\xe2\x80";

fn mutate_bytes(case: &mut Case, rng: &mut Rng) -> Option<String> {
    let mut bytes = case.files[EVENTS].clone();
    let len = bytes.len();
    let what = match rng.below(3) {
        0 if len > 0 => {
            let at = rng.below(len);
            let bit = rng.below(8);
            bytes[at] ^= 1 << bit;
            format!("flip bit {bit} of byte {at}")
        }
        1 if len > 0 => {
            let at = rng.below(len);
            let n = 1 + rng.below(32).min(len - at - 1);
            bytes.drain(at..at + n);
            format!("delete bytes {at}..{}", at + n)
        }
        _ => {
            let at = rng.below(len + 1);
            let n = 1 + rng.below(6);
            let new: Vec<u8> = (0..n)
                .map(|_| {
                    if rng.chance(3, 4) {
                        *rng.pick(INTERESTING_BYTES)
                    } else {
                        rng.next() as u8
                    }
                })
                .collect();
            bytes.splice(at..at, new.iter().copied());
            format!("insert {new:?} at byte {at}")
        }
    };
    case.files.insert(EVENTS.into(), bytes);
    Some(what)
}

fn mutate_lines(case: &mut Case, rng: &mut Rng) -> Option<String> {
    let mut lines = lines_of(&case.events());
    if lines.is_empty() {
        return None;
    }
    let n = lines.len();
    let a = rng.below(n);
    let b = rng.below(n);
    let what = match rng.below(4) {
        0 => {
            let line = lines[a].clone();
            lines.insert(b, line);
            format!("duplicate line {} before line {}", a + 1, b + 1)
        }
        1 => {
            let count = 1 + rng.below(3).min(n - a - 1);
            lines.drain(a..a + count);
            format!("delete lines {}..{}", a + 1, a + count)
        }
        2 => {
            lines.swap(a, b);
            format!("swap lines {} and {}", a + 1, b + 1)
        }
        _ => {
            let line = lines.remove(a);
            lines.insert(b.min(lines.len()), line);
            format!("move line {} to {}", a + 1, b + 1)
        }
    };
    case.set_events(lines.concat());
    Some(what)
}

/// TOML-level changes: a string becomes another type, a quote breaks, headers repeat.
fn mutate_toml(case: &mut Case, rng: &mut Rng) -> Option<String> {
    const OTHER_VALUES: &[&str] = &[
        "42",
        "-0.0",
        "1e400",
        "inf",
        "nan",
        "true",
        "[]",
        "[\"x\", 1]",
        "[[], [[]]]",
        "{}",
        "{ a = 1, b = \"c\" }",
        "2003-11-19",
        "1979-05-27T07:32:00Z",
        "07:32:00",
        "\"\"",
        "''",
        "'literal \\ string'",
        "\"\"\"multi\nline\"\"\"",
        "'''\nraw\n'''",
        "0x7fffffffffffffff",
        "-9223372036854775808",
    ];
    const HEADERS: &[&str] = &[
        "[[events]]",
        "[[events.evidence]]",
        "[events]",
        "[timeline]",
        "[aliases]",
        "[sources]",
        "[[sources]]",
        "[sources.wire]",
        "[sources.\"\"]",
        "[events.evidence]",
        "[[timeline]]",
        "[[events.evidence.x]]",
    ];
    let text = case.events();
    let mut lines = lines_of(&text);
    match rng.below(6) {
        0 => {
            let values = string_values(&text);
            if values.is_empty() {
                return None;
            }
            let v = rng.pick(&values);
            let new = *rng.pick(OTHER_VALUES);
            let what = format!("{} = \"{}\" -> {}", v.key, clip(&text[v.start..v.end]), new);
            let out = format!("{}{}{}", &text[..v.start - 1], new, &text[v.end + 1..]);
            case.set_events(out);
            Some(what)
        }
        1 => {
            let values = string_values(&text);
            if values.is_empty() {
                return None;
            }
            let v = rng.pick(&values);
            let (cut, what) = match rng.below(3) {
                0 => (v.end..v.end + 1, "drop its closing quote"),
                1 => (v.start - 1..v.start, "drop its opening quote"),
                _ => (v.end..v.end, "add a quote inside"),
            };
            let insert = if cut.is_empty() { "\"" } else { "" };
            let out = format!("{}{}{}", &text[..cut.start], insert, &text[cut.end..]);
            case.set_events(out);
            Some(format!(
                "{} = \"{}\": {what}",
                v.key,
                clip(&text[v.start..v.end])
            ))
        }
        2 => {
            let headers: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].trim_start().starts_with('['))
                .collect();
            if headers.is_empty() {
                return None;
            }
            let h = *rng.pick(&headers);
            let at = rng.below(lines.len() + 1);
            let line = lines[h].clone();
            lines.insert(at, line.clone());
            case.set_events(lines.concat());
            Some(format!("repeat header {} at line {}", line.trim(), at + 1))
        }
        3 => {
            let header = *rng.pick(HEADERS);
            let at = rng.below(lines.len() + 1);
            lines.insert(at, format!("{header}\n"));
            case.set_events(lines.concat());
            Some(format!("insert {header} at line {}", at + 1))
        }
        4 => huge_value(case, rng),
        _ => {
            // A key the loader does not know, or a known one in the wrong table.
            let key = *rng.pick(&[
                "dated-by = \"quote\"",
                "url = \"https://example.org\"",
                "sha256 = \"00\"",
                "evidence = []",
                "evidence = [{ source = \"wire\", quote = \"x\" }]",
                "actors = []",
                "tags = [\"\"]",
                "status = \"planned\"",
                "\"\" = 1",
                "a.b.c = 1",
                "\"\\u0000\" = \"nul key\"",
            ]);
            let at = rng.below(lines.len() + 1);
            lines.insert(at, format!("{key}\n"));
            case.set_events(lines.concat());
            Some(format!("insert `{key}` at line {}", at + 1))
        }
    }
}

/// Big or deep values: long strings, deep arrays and tables, many keys or events.
fn huge_value(case: &mut Case, rng: &mut Rng) -> Option<String> {
    let text = case.events();
    let depth = *rng.pick(&[64usize, 500, 5_000, 50_000]);
    let (snippet, what) = match rng.below(6) {
        0 => {
            let word = *rng.pick(&["x", "word ", "... ", "…", "é", "\\u202e", "\\\""]);
            let n = *rng.pick(&[200usize, 5_000, 100_000]);
            let s = word.repeat(n);
            return case
                .replace_value(rng, &[], |_, _| s)
                .map(|w| format!("huge string: {w}"));
        }
        1 => (
            format!("deep = {}1{}\n", "[".repeat(depth), "]".repeat(depth)),
            format!("array nested {depth} deep"),
        ),
        2 => (
            format!("deep = {}1{}\n", "{ a = ".repeat(depth), " }".repeat(depth)),
            format!("inline table nested {depth} deep"),
        ),
        3 => {
            let key: String = "k".repeat(depth);
            (format!("{key} = 1\n"), format!("a key {depth} long"))
        }
        4 => {
            let n = depth.min(5_000);
            let s: String = (0..n).map(|i| format!("k{i} = {i}\n")).collect();
            (s, format!("{n} keys"))
        }
        _ => {
            let dotted = vec!["a"; depth.min(5_000)].join(".");
            (format!("{dotted} = 1\n"), "a long dotted key".to_string())
        }
    };
    let mut lines = lines_of(&text);
    let at = rng.below(lines.len() + 1);
    lines.insert(at, snippet);
    case.set_events(lines.concat());
    Some(format!("{what} at line {}", at + 1))
}

/// An EDTF-ish date: mostly well-formed, often at the edges of the calendar.
fn random_date(rng: &mut Rng) -> String {
    const ODD: &[&str] = &[
        "",
        " ",
        "/",
        "..",
        "../..",
        "2003-02-30",
        "2003-02-29",
        "2004-02-29",
        "1900-02-29",
        "2000-02-29",
        "2003-04-31",
        "0000",
        "0000-01-01",
        "-0005",
        "-5",
        "0",
        "9999-12-31",
        "10000",
        "+2003",
        "2003-13",
        "2003-00",
        "2003-11-00",
        "2003-1-1",
        "2003-21",
        "2003-11-19T10:00",
        "2003?~",
        "2003-11-19%",
        "2003?-11",
        "２００３",
        "2003/2003/2003",
        "2003-11-19/2003-11-18",
        "2003-11-19/..",
        "../2003-11-19",
        "2003-11-19 ",
        "2003-11-19\u{202e}",
        "2147483647",
        "-2147483648",
        "262143-12-31",
        "-262144-01-01",
        "262144",
        "99999999999999999999",
        "Y170000002",
        "2003-11-19/2003-11-19",
        "-0001-12-31/0001-01-01",
        "2003-XX",
        "20031119",
    ];
    match rng.below(10) {
        0..=5 => one_date(rng),
        6 | 7 => {
            let a = if rng.chance(1, 6) {
                "..".to_string()
            } else {
                one_date(rng)
            };
            let b = if rng.chance(1, 6) {
                "..".to_string()
            } else {
                one_date(rng)
            };
            format!("{a}/{b}")
        }
        8 => rng.pick(ODD).to_string(),
        _ => {
            let n = rng.below(20);
            (0..n)
                .map(|_| *rng.pick(b"0123456789-/.?~%X "))
                .map(char::from)
                .collect()
        }
    }
}

fn one_date(rng: &mut Rng) -> String {
    let year: i64 = match rng.below(8) {
        0 => *rng.pick(&[0, 1, -5, -1, 9999, 1970, 1582, 262_143, -262_143]),
        1..=4 => rng.between(1990, 2015),
        5 => rng.between(1000, 3000),
        6 => rng.between(-9999, 9999),
        _ => rng.between(2003, 2004),
    };
    let mut s = if year < 0 {
        format!("-{:04}", -year)
    } else {
        format!("{year:04}")
    };
    if rng.chance(2, 3) {
        let month = if rng.chance(9, 10) {
            rng.between(1, 12)
        } else {
            *rng.pick(&[0, 13, 21, 99])
        };
        write!(s, "-{month:02}").unwrap();
        if rng.chance(2, 3) {
            let day = if rng.chance(9, 10) {
                rng.between(1, 28)
            } else {
                *rng.pick(&[0, 29, 30, 31, 32])
            };
            write!(s, "-{day:02}").unwrap();
        }
    }
    if rng.chance(1, 4) {
        let q = rng.pick::<&str>(&["?", "~", "%"]);
        s.push_str(q);
    }
    s
}

fn mutate_date(case: &mut Case, rng: &mut Rng) -> Option<String> {
    case.replace_value(rng, &["date", "published"], |rng, _| random_date(rng))
}

/// Move an event to a random date and say it is inferred, so that the date itself gets
/// past the evidence rules and reaches the layout.
fn infer_date(case: &mut Case, rng: &mut Rng) -> Option<String> {
    let mut lines = lines_of(&case.events());
    let blocks = event_blocks(&lines);
    if blocks.is_empty() {
        return None;
    }
    let (start, end) = *rng.pick(&blocks);
    let date = random_date(rng);
    let planned = rng.chance(1, 2);
    let what = set_inferred(&mut lines, start, end, &date, planned);
    case.set_events(lines.concat());
    Some(what)
}

/// In the event at lines `[start, end)`, set the date and `dated_by = "inference"` with a
/// note, and with `planned` also `status = "planned"` (so a date after the sources is no
/// error); returns what it did.
fn set_inferred(
    lines: &mut Vec<String>,
    start: usize,
    end: usize,
    date: &str,
    planned: bool,
) -> String {
    let own_end = (start + 1..end)
        .find(|&i| lines[i].trim_start().starts_with('['))
        .unwrap_or(end);
    let mut has_note = false;
    let mut has_date = false;
    for line in lines.iter_mut().take(own_end).skip(start) {
        let t = line.trim_start();
        if t.starts_with("dated_by") {
            *line = "dated_by = \"inference\"\n".into();
        } else if t.starts_with("date_note") {
            has_note = true;
        } else if planned && t.starts_with("status") {
            *line = "status = \"planned\"\n".into();
        } else if t.starts_with("date ") || t.starts_with("date=") {
            *line = format!("date = \"{date}\"\n");
            has_date = true;
        }
    }
    let mut extra = String::new();
    if !has_date {
        writeln!(extra, "date = \"{date}\"").unwrap();
    }
    if !lines[start..own_end]
        .iter()
        .any(|l| l.trim_start().starts_with("dated_by"))
    {
        extra.push_str("dated_by = \"inference\"\n");
    }
    if !has_note {
        extra.push_str("date_note = \"Fuzzed: the date is inferred.\"\n");
    }
    if planned
        && !lines[start..own_end]
            .iter()
            .any(|l| l.trim_start().starts_with("status"))
    {
        extra.push_str("status = \"planned\"\n");
    }
    lines.insert(start + 1, extra);
    format!(
        "event at line {} inferred as {}{}",
        start + 1,
        clip(date),
        if planned { ", planned" } else { "" }
    )
}

const ODD_TEXT: &[&str] = &[
    "\u{202e}",
    "\u{2066}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{0085}",
    "\u{009b}",
    "\\u0000",
    "\\u0085",
    "\\u202E",
    "\\U0001F600",
    "\\t",
    "\\r\\n",
    "\\b",
    "\u{301}",
    "e\u{301}",
    "\u{fdfa}",
    "\u{fb01}",
    "\u{2163}",
    "\u{ff12}\u{ff10}\u{ff10}\u{ff13}",
    "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
    "\u{10ffff}",
    "\u{fffd}",
    "\u{2028}",
    "\u{0130}",
    "\u{df}",
    "ǅ",
    "ﬀ",
    "日本語",
    "العربية",
    "עברית",
    "\u{a0}",
    "\u{3000}",
    "—",
    "–",
    "’",
    "“",
    "<",
    "&amp;",
    "]]>",
    "<!--",
    "</text><script>alert(1)</script>",
    "\\\"",
    "'",
];

const WORDS: &[&str] = &[
    "the",
    "NATO",
    "CSTO",
    "on",
    "19",
    "November",
    "2003",
    "next",
    "year",
    "week",
    "said",
    "Bishkek",
    "Geneva",
    "March",
    "2010",
    "ministers",
    "yesterday",
    "today",
    "ago",
];

/// Edit the words of a quote: elisions, case, dropped and replaced words, odd characters.
fn mutate_quote(case: &mut Case, rng: &mut Rng) -> Option<String> {
    case.replace_value(rng, &["quote"], |rng, old| {
        if rng.chance(1, 8) {
            // Nothing but elisions, folding fodder or one letter.
            rng.pick(&[
                "...",
                "…",
                " ... ",
                ". . .",
                "... ...",
                "...…...",
                "a ... ... b",
                "\\u2026",
                "\u{fdfa}",
                "\u{fb01}",
                "\u{301}",
                "e",
                " ",
                "\\\\",
            ])
            .to_string()
        } else {
            edit_words(rng, old)
        }
    })
}

fn edit_words(rng: &mut Rng, old: &str) -> String {
    let mut words: Vec<String> = old.split(' ').map(str::to_string).collect();
    let n = words.len();
    let i = rng.below(n);
    match rng.below(7) {
        0 => {
            let elision = *rng.pick(&["...", "…", "....", ". . .", "...,", "[...]"]);
            if rng.chance(1, 2) && n > 2 {
                let j = (i + 1 + rng.below(4)).min(n);
                words.splice(i..j, [elision.to_string()]);
            } else {
                words.insert(rng.below(n + 1), elision.to_string());
            }
        }
        1 => {
            words[i] = match rng.below(3) {
                0 => words[i].to_uppercase(),
                1 => words[i].to_lowercase(),
                _ => {
                    let mut c = words[i].chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                }
            }
        }
        2 if n > 1 => {
            words.remove(i);
        }
        3 => words[i] = rng.pick(WORDS).to_string(),
        4 => {
            let odd = *rng.pick(ODD_TEXT);
            let w = &mut words[i];
            let at = char_boundary(w, rng.below(w.len() + 1));
            w.insert_str(at, odd);
        }
        5 => {
            let j = rng.below(n);
            words.swap(i, j);
        }
        _ => return String::new(),
    }
    words.join(" ")
}

fn char_boundary(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Labels, names and metadata: markup, odd characters, long and empty text.
fn mutate_label(case: &mut Case, rng: &mut Rng) -> Option<String> {
    const KEYS: &[&str] = &[
        "title",
        "subtitle",
        "summary",
        "place",
        "actors",
        "tags",
        "publisher",
        "published_note",
        "date_note",
        "id",
        "source",
        "file",
        "Nikolai Bordyuzha",
    ];
    case.replace_value(rng, KEYS, |rng, old| match rng.below(5) {
        0 => rng.pick(ODD_TEXT).to_string(),
        1 => {
            let odd = *rng.pick(ODD_TEXT);
            let at = char_boundary(old, rng.below(old.len() + 1));
            format!("{}{odd}{}", &old[..at], &old[at..])
        }
        2 => {
            let n = *rng.pick(&[79usize, 80, 81, 200, 2_000]);
            let unit = *rng.pick(&["W", "i", "\u{fdfa}", "m ", "漢"]);
            unit.repeat(n).chars().take(n).collect()
        }
        3 => rng
            .pick(&["", " ", "\\t", "-", "a", "0", "x-", "--"])
            .to_string(),
        _ => edit_words(rng, old),
    })
}

/// The same event pasted again and again, id and all: a big file of duplicate ids.
fn repeat_event(case: &mut Case, rng: &mut Rng) -> Option<String> {
    let mut lines = lines_of(&case.events());
    let blocks = event_blocks(&lines);
    if blocks.is_empty() {
        return None;
    }
    let (start, end) = *rng.pick(&blocks);
    // 5,000 copies take seconds a run in a debug build: only in a huge run.
    let copies = if huge() {
        *rng.pick(&[2usize, 20, 200, 5_000])
    } else {
        *rng.pick(&[2usize, 20, 200, 200])
    };
    let block: Vec<String> = lines[start..end].to_vec();
    let added: Vec<String> = (0..copies).flat_map(|_| block.iter().cloned()).collect();
    lines.splice(end..end, added);
    case.set_events(lines.concat());
    Some(format!(
        "repeat the event at line {} {copies} times, id and all",
        start + 1
    ))
}

/// Many events: copy an event block under new ids, sometimes each on its own date.
fn clone_events(case: &mut Case, rng: &mut Rng) -> Option<String> {
    let mut lines = lines_of(&case.events());
    let blocks = event_blocks(&lines);
    if blocks.is_empty() {
        return None;
    }
    let (start, end) = *rng.pick(&blocks);
    let copies = *rng.pick(&[2usize, 5, 20, 60, 150]);
    let spread = rng.chance(1, 2);
    let mut added = Vec::new();
    for k in 0..copies {
        let mut block: Vec<String> = lines[start..end]
            .iter()
            .map(|l| {
                if l.trim_start().starts_with("id ") || l.trim_start().starts_with("id=") {
                    l.replacen("\"\n", &format!("-f{k}\"\n"), 1)
                } else {
                    l.clone()
                }
            })
            .collect();
        if spread {
            let len = block.len();
            let date = random_date(rng);
            set_inferred(&mut block, 0, len, &date, rng.chance(1, 2));
        }
        added.extend(block);
    }
    lines.splice(end..end, added);
    case.set_events(lines.concat());
    Some(format!(
        "clone the event at line {} {copies} times{}",
        start + 1,
        if spread { " on random dates" } else { "" }
    ))
}

/// Enumerations, URLs, source paths, aliases.
fn mutate_misc(case: &mut Case, rng: &mut Rng) -> Option<String> {
    match rng.below(5) {
        0 => case.replace_value(rng, &["status", "dated_by"], |rng, _| {
            rng.pick(&[
                "happened",
                "planned",
                "quote",
                "publication",
                "inference",
                "Planned",
                "",
            ])
            .to_string()
        }),
        1 => add_url(case, rng),
        2 => case.replace_value(rng, &["file"], |rng, _| {
            rng.pick(&[
                "",
                ".",
                "..",
                "/",
                "/etc/passwd",
                "/dev/zero",
                "/dev/urandom",
                "/proc/self/mem",
                "../article.txt",
                "articles",
                "articles/",
                "events.toml",
                "./article.txt",
                "article.txt/",
                "ARTICLE.TXT",
                "nul\\u0000.txt",
                "article.txt\\u0000",
                "\\u202eartcile.txt",
            ])
            .to_string()
        }),
        3 => {
            let mut lines = lines_of(&case.events());
            let alias = *rng.pick(&[
                "\"Geneva\" = [\"Geneva\"]",
                "\"\" = [\"\"]",
                "\"x\" = []",
                "\"the\" = [\"a\", \"an\", \"of\"]",
                "\"Bishkek\" = [\"e\"]",
                "\"Jana Novak\" = [\"Novak\", \"Jana\", \"JANA\"]",
                "\"\u{202e}\" = [\"\u{301}\"]",
            ]);
            let at = lines
                .iter()
                .position(|l| l.trim() == "[aliases]")
                .map(|i| i + 1);
            let what = match at {
                Some(i) => {
                    lines.insert(i, format!("{alias}\n"));
                    format!("alias {alias}")
                }
                None => {
                    lines.insert(0, format!("[aliases]\n{alias}\n"));
                    format!("[aliases] {alias}")
                }
            };
            case.set_events(lines.concat());
            Some(what)
        }
        _ => {
            // Another source's id, or one that does not exist, in some evidence.
            let sources = declared_sources(&case.events());
            case.replace_value(rng, &["source"], |rng, _| {
                if sources.is_empty() || rng.chance(1, 3) {
                    "nowhere".into()
                } else {
                    rng.pick(&sources).clone()
                }
            })
        }
    }
}

/// An article's bytes: truncated, broken, huge, empty, with other line ends or dates.
fn mutate_article(case: &mut Case, rng: &mut Rng) -> Option<String> {
    let names = case.articles();
    if names.is_empty() {
        return None;
    }
    let name = rng.pick(&names).clone();
    let mut bytes = case.files[&name].clone();
    let len = bytes.len();
    let at = rng.below(len + 1);
    let what = match rng.below(10) {
        0 => {
            bytes.truncate(at);
            format!("truncate at byte {at}")
        }
        1 => {
            let bad = *rng.pick(&[
                &b"\xff"[..],
                b"\xc0\x80",
                b"\x80",
                b"\xe2\x80",
                b"\xed\xa0\x80",
                b"\xf4\x90\x80\x80",
                b"\xfe\xff",
            ]);
            bytes.splice(at..at, bad.iter().copied());
            format!("insert invalid UTF-8 {bad:?} at byte {at}")
        }
        2 => {
            let n = 1 + rng.below(4);
            bytes.splice(at..at, std::iter::repeat_n(0u8, n));
            format!("insert {n} NUL bytes at byte {at}")
        }
        3 => {
            // `dates` on a long line of date phrases is slow (see docs/fuzzing.md):
            // the longest lines only in a huge run.
            let n = if huge() {
                *rng.pick(&[10_000usize, 100_000, 400_000])
            } else {
                *rng.pick(&[10_000usize, 30_000, 50_000])
            };
            let unit = *rng.pick(&[
                &b"x"[..],
                b"word ",
                b"2003 ",
                b"on 19 November ",
                b"\xc3\xa9",
            ]);
            let huge: Vec<u8> = unit.iter().copied().cycle().take(n).collect();
            bytes.splice(at..at, huge);
            format!("insert a {n}-byte line at byte {at}")
        }
        4 => {
            bytes.clear();
            "empty it".to_string()
        }
        5 => {
            let (from, to): (&[u8], &[u8]) = *rng.pick(&[
                (&b"\n"[..], &b"\r\n"[..]),
                (b"\n", b"\r"),
                (b"\n\n", b"\n"),
                (b" ", b"\t"),
                (b" ", b"\xc2\xa0"),
                (b"-", b"\xe2\x80\x94"),
                (b"'", b"\xe2\x80\x99"),
                (b"fi", b"\xef\xac\x81"),
                (b"...", b"\xe2\x80\xa6"),
                (b"2", b"\xef\xbc\x92"),
            ]);
            bytes = replace_all(&bytes, from, to);
            format!("replace {from:?} with {to:?} throughout")
        }
        6 => {
            let bom = b"\xef\xbb\xbf";
            bytes.splice(0..0, bom.iter().copied());
            "prepend a byte-order mark".to_string()
        }
        7 => {
            let phrase = *rng.pick(&[
                "on 30 February",
                "on 31 April 2003",
                "on 29 February 1900",
                "in 9999",
                "in the year 0",
                "in 10000 BC",
                "next year",
                "last week",
                "this week",
                "yesterday",
                "3 December 2003",
                "December 3, 2003",
                "on 0 January",
                "on 99 March",
                "in 262143",
                "in -5",
                "2003-11-19",
                "between 1 and 3 March",
                "on 1 January 1",
                "in the third quarter of 9999",
                "a year earlier",
                "the year-ago quarter",
                "between 1994 and 9999",
                "last fall",
                "on Christmas Eve",
                "Easter Sunday 1582",
                "will open in 99 to 100 years",
                "the 1996 law",
                "nineteen ninety-six",
                "31/12/9999",
                "Saturday, February 29",
            ]);
            let at = char_boundary_bytes(&bytes, at);
            let ins = format!(" {phrase} ");
            bytes.splice(at..at, ins.bytes());
            format!("insert \"{phrase}\" at byte {at}")
        }
        8 => {
            let n = *rng.pick(&[256usize, 4096]);
            bytes = (0..n).map(|_| rng.next() as u8).collect();
            format!("replace with {n} random bytes")
        }
        _ => {
            let times = *rng.pick(&[10usize, 50, 200]);
            bytes = bytes.repeat(times);
            format!("repeat the text {times} times")
        }
    };
    case.files.insert(name.clone(), bytes);
    Some(format!("{name}: {what}"))
}

fn char_boundary_bytes(bytes: &[u8], mut at: usize) -> usize {
    while at > 0 && at < bytes.len() && (bytes[at] & 0xc0) == 0x80 {
        at -= 1;
    }
    at
}

fn replace_all(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// Drop `sha256` pins, so that a changed article is read rather than refused.
fn drop_pins(case: &mut Case) {
    let text = case.events();
    if text.contains("sha256") {
        let kept: String = lines_of(&text)
            .into_iter()
            .filter(|l| !l.trim_start().starts_with("sha256"))
            .collect();
        case.set_events(kept);
    }
}

/// Characters and markup that a label may hold: no control characters, so the data stays
/// valid and the text reaches the chart.
const SAFE_ODD_TEXT: &[&str] = &[
    "\u{202e}",
    "\u{2066}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\\u202E",
    "\\U0001F600",
    "\\t",
    "\\r",
    "\\n",
    "\\r\\n",
    "e\u{301}",
    "\u{301}",
    "\u{fdfa}",
    "\u{fb01}",
    "\u{2163}",
    "日本語",
    "العربية",
    "עברית",
    "\u{a0}",
    "\u{3000}",
    "\u{2028}",
    "<",
    ">",
    "&",
    "&amp;",
    "&#x3c;",
    "]]>",
    "<!--",
    "-->",
    "</text><script>alert(1)</script>",
    "<tspan onload=\\\"alert(1)\\\">",
    "\\\"",
    "'",
    "{0}",
    "%s",
    "\u{10ffff}",
    "\u{fffd}",
    "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
    "  ",
    "W",
];

/// Labels the checks do not compare with the sources, changed in ways that keep them valid.
fn gentle_label(case: &mut Case, rng: &mut Rng) -> Option<String> {
    const KEYS: &[&str] = &[
        "title",
        "subtitle",
        "summary",
        "tags",
        "date_note",
        "published_note",
    ];
    case.replace_value(rng, KEYS, |rng, old| match rng.below(4) {
        0 | 1 => {
            let mut s = old.to_string();
            for _ in 0..1 + rng.below(3) {
                let at = char_boundary(&s, rng.below(s.len() + 1));
                s.insert_str(at, rng.pick::<&str>(SAFE_ODD_TEXT));
            }
            s
        }
        2 => {
            let n = 1 + rng.below(80);
            let unit = *rng.pick(&["W", "i", "\u{fdfa}", "m ", "漢", "Wi", "\u{202e}a"]);
            unit.repeat(n).chars().take(n).collect()
        }
        _ => rng.pick(SAFE_ODD_TEXT).to_string(),
    })
}

/// Long notes and subtitles, with or without places to break the line.
fn gentle_long_text(case: &mut Case, rng: &mut Rng) -> Option<String> {
    const KEYS: &[&str] = &["subtitle", "summary", "date_note", "published_note"];
    case.replace_value(rng, KEYS, |rng, _| {
        let n = *rng.pick(&[200usize, 1_000, 5_000]);
        let unit = *rng.pick(&["word ", "W", "\u{fdfa}", "漢字", "a-b-", "\u{202e}ab "]);
        unit.repeat(n).chars().take(n).collect()
    })
}

/// An event with many tags (the legend), some long or odd.
fn gentle_tags(case: &mut Case, rng: &mut Rng) -> Option<String> {
    let mut lines = lines_of(&case.events());
    let blocks = event_blocks(&lines);
    if blocks.is_empty() {
        return None;
    }
    let (start, end) = *rng.pick(&blocks);
    let n = *rng.pick(&[1usize, 8, 30, 120]);
    let tags: Vec<String> = (0..n)
        .map(|i| match rng.below(4) {
            0 => format!("\"{}{i}\"", rng.pick::<&str>(SAFE_ODD_TEXT)),
            1 => format!("\"{}\"", "long tag name ".repeat(1 + rng.below(6))),
            _ => format!("\"tag-{i}\""),
        })
        .collect();
    let own_end = (start + 1..end)
        .find(|&i| lines[i].trim_start().starts_with('['))
        .unwrap_or(end);
    if let Some(i) = (start + 1..own_end).find(|&i| lines[i].trim_start().starts_with("tags")) {
        lines.remove(i);
    }
    lines.insert(start + 1, format!("tags = [{}]\n", tags.join(", ")));
    case.set_events(lines.concat());
    Some(format!("{n} tags on the event at line {}", start + 1))
}

/// Many sources: copy a source under new ids, each cited by a copy of an event that cites
/// the original, so the chart's Sources block and citation marks grow.
fn clone_sources(case: &mut Case, rng: &mut Rng) -> Option<String> {
    let text = case.events();
    let mut lines = lines_of(&text);
    let sources = declared_sources(&text);
    if sources.is_empty() {
        return None;
    }
    let id = rng.pick(&sources).clone();
    let header = lines
        .iter()
        .position(|l| l.trim() == format!("[sources.{id}]"))?;
    let source_end = (header + 1..lines.len())
        .find(|&i| lines[i].trim_start().starts_with('['))
        .unwrap_or(lines.len());
    let cites = format!("source = \"{id}\"");
    let citing = event_blocks(&lines)
        .into_iter()
        .find(|&(s, e)| lines[s..e].iter().any(|l| l.trim() == cites));
    let copies = *rng.pick(&[2usize, 10, 40]);
    let mut new_sources = Vec::new();
    let mut new_events = Vec::new();
    for k in 0..copies {
        let copy = format!("{id}-c{k}");
        new_sources.push(format!("[sources.{copy}]\n"));
        new_sources.extend(lines[header + 1..source_end].iter().cloned());
        if let Some((s, e)) = citing {
            for l in &lines[s..e] {
                let t = l.trim_start();
                new_events.push(if t.starts_with("id ") || t.starts_with("id=") {
                    l.replacen("\"\n", &format!("-c{k}\"\n"), 1)
                } else if l.trim() == cites {
                    format!("source = \"{copy}\"\n")
                } else {
                    l.clone()
                });
            }
        }
    }
    if lines.last().is_some_and(|l| !l.ends_with('\n')) {
        lines.push("\n".into());
    }
    lines.extend(new_events);
    lines.splice(source_end..source_end, new_sources);
    case.set_events(lines.concat());
    Some(format!(
        "copy source {id} {copies} times{}",
        if citing.is_some() {
            " with citing events"
        } else {
            ""
        }
    ))
}

/// Leave words out of a quote with an elision, which still matches within a paragraph.
fn gentle_quote(case: &mut Case, rng: &mut Rng) -> Option<String> {
    case.replace_value(rng, &["quote"], |rng, old| {
        let mut words: Vec<&str> = old.split(' ').collect();
        if words.len() < 4 {
            return old.to_string();
        }
        let i = 1 + rng.below(words.len() - 2);
        let j = (i + 1 + rng.below(3)).min(words.len() - 1);
        words.splice(i..j, [*rng.pick(&["...", "…", "...", "\\u2026"])]);
        words.join(" ")
    })
}

/// Article changes that folding undoes, or text added after everything quoted.
fn gentle_article(case: &mut Case, rng: &mut Rng) -> Option<String> {
    let names = case.articles();
    if names.is_empty() {
        return None;
    }
    let name = rng.pick(&names).clone();
    let mut bytes = case.files[&name].clone();
    let what = if rng.chance(1, 2) {
        let (from, to): (&[u8], &[u8]) = *rng.pick(&[
            (&b"\n"[..], &b"\r\n"[..]),
            (b" ", b"  "),
            (b" ", b"\xc2\xa0"),
            (b" ", b"\xe2\x80\x83"),
            (b"-", b"\xe2\x80\x94"),
            (b"-", b"\xe2\x80\x90"),
            (b"'", b"\xe2\x80\x99"),
            (b"\"", b"\xe2\x80\x9c"),
            (b"fi", b"\xef\xac\x81"),
            (b"ff", b"\xef\xac\x80"),
            (b"...", b"\xe2\x80\xa6"),
            (b"1", b"\xef\xbc\x91"),
            (b"e", b"e\xcc\x81"),
            (b"A", b"\xef\xbc\xa1"),
        ]);
        bytes = replace_all(&bytes, from, to);
        format!("replace {from:?} with {to:?} throughout")
    } else {
        let tail: Vec<u8> = match rng.below(4) {
            0 => b"x".repeat(*rng.pick(&[1_000usize, 50_000, 300_000])),
            1 => b"on 19 November 2003, next year, last week, in 2003. ".repeat(1 + rng.below(200)),
            2 => "\u{202e}\u{fdfa}\u{301}日本語 "
                .repeat(1 + rng.below(500))
                .into_bytes(),
            _ => b"\n".repeat(1 + rng.below(10_000)),
        };
        let n = tail.len();
        bytes.extend_from_slice(b"\n\n");
        bytes.extend(tail);
        format!("append {n} bytes")
    };
    case.files.insert(name.clone(), bytes);
    Some(format!("{name}: {what}"))
}

fn add_url(case: &mut Case, rng: &mut Rng) -> Option<String> {
    let url = *rng.pick(&[
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://example.org/?a=<b>&c=\\\"d\\\"",
        "https://",
        "https:///etc/passwd",
        "http://\u{202e}evil",
        "HTTPS://EXAMPLE.ORG",
        "file:///etc/passwd",
        "//example.org",
        "https://example.org/\u{0085}",
        "https://example.org/ a b",
        "https://ex\u{200b}ample.org",
        "\u{feff}https://example.org",
        "https://example.org/\\\" onclick=\\\"alert(1)",
        "https://example.org/'><script>alert(1)</script>",
    ]);
    let mut lines = lines_of(&case.events());
    let headers: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].trim_start().starts_with("[sources."))
        .collect();
    if headers.is_empty() {
        return None;
    }
    let h = *rng.pick(&headers);
    lines.insert(h + 1, format!("url = \"{url}\"\n"));
    case.set_events(lines.concat());
    Some(format!("url = \"{}\" at line {}", clip(url), h + 2))
}

/// The same TOML spelt another way: some strings become literal, multi-line or escaped
/// strings, some keys and table names are quoted. The data it denotes does not change.
fn respell(text: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut last = 0;
    for v in string_values(text) {
        if rng.chance(1, 2) {
            out.push_str(&text[last..v.start - 1]);
            out.push_str(&respell_string(&text[v.start..v.end], rng));
            last = v.end + 1;
        }
    }
    out.push_str(&text[last..]);
    let bare = |k: &str| {
        !k.is_empty()
            && k.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    let inside = scan_toml(&out).line_inside_string;
    lines_of(&out)
        .into_iter()
        .zip(inside)
        .map(|(line, inside)| {
            if inside {
                return line;
            }
            if let Some(name) = line.trim_end().strip_prefix("[sources.") {
                let name = name.strip_suffix(']').unwrap_or("");
                if bare(name) && rng.chance(1, 2) {
                    return format!("[ sources . \"{name}\" ]\n");
                }
            }
            match line.split_once(" = ") {
                Some((key, rest)) if bare(key) && rng.chance(1, 3) => {
                    let quote = if rng.chance(1, 2) { '"' } else { '\'' };
                    format!("{quote}{key}{quote}\t=  {rest}")
                }
                _ => line,
            }
        })
        .collect()
}

/// A one-line basic string's contents, respelt with its delimiters.
fn respell_string(content: &str, rng: &mut Rng) -> String {
    let plain = !content.contains('\\');
    match rng.below(4) {
        0 if plain && !content.contains('\'') => format!("'{content}'"),
        1 if plain && !content.contains('\'') => format!("'''{content}'''"),
        2 => {
            // Break the line after some spaces: a backslash at the end of a line in a
            // multi-line string swallows the line end and the indent that follows.
            let mut s = String::from("\"\"\"");
            for (i, part) in content.split(' ').enumerate() {
                // The break swallows all the white space after it, so only before a word.
                let word = part.starts_with(|c: char| !c.is_whitespace());
                if i > 0 {
                    s.push_str(if word && rng.chance(1, 3) {
                        " \\\n    "
                    } else {
                        " "
                    });
                }
                s.push_str(part);
            }
            s.push_str("\"\"\"");
            s
        }
        _ => {
            let mut s = String::from("\"");
            let mut chars = content.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    // Copy an escape whole: \uXXXX, \UXXXXXXXX or a one-letter one.
                    let next = chars.next();
                    let len = match next {
                        Some('u') => 4,
                        Some('U') => 8,
                        _ => 0,
                    };
                    s.push(c);
                    s.extend(next);
                    s.extend(chars.by_ref().take(len));
                } else if rng.chance(1, 3) {
                    if (c as u32) < 0x10000 {
                        write!(s, "\\u{:04X}", c as u32).unwrap();
                    } else {
                        write!(s, "\\U{:08X}", c as u32).unwrap();
                    }
                } else {
                    s.push(c);
                }
            }
            s.push('"');
            s
        }
    }
}

#[test]
fn respelt_toml_denotes_the_same_data() {
    let mut text = fs::read_to_string(manifest_dir().join(EVENTS)).unwrap();
    text.insert_str(
        0,
        concat!(
            "odd = \"two  spaces, \\u00e9 \\\"quoted\\\" \\t tab\\U0001F600 \"\n",
            "multi = [\"\"\"a \\\n  x = \"y\" \\\"\"\"\"\", 'lit \"q\"', \"b = c\"]\n",
            "lit = '''\nkey = \"not a value\"\n'''\n",
        ),
    );
    let original: toml::Table = text.parse().unwrap();
    for seed in 0..50 {
        let respelt = respell(&text, &mut Rng::new(seed));
        assert_ne!(respelt, text);
        let parsed: toml::Table = respelt
            .parse()
            .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{respelt}"));
        assert_eq!(parsed, original, "seed {seed}:\n{respelt}");
        // The fuzzer may respell what it has respelt already.
        let twice = respell(&respelt, &mut Rng::new(seed + 100));
        let parsed: toml::Table = twice
            .parse()
            .unwrap_or_else(|e| panic!("seed {seed}, twice: {e}\n{twice}"));
        assert_eq!(parsed, original, "seed {seed}, twice:\n{twice}");
    }
}

fn mutate_spelling(case: &mut Case, rng: &mut Rng) -> Option<String> {
    let text = case.events();
    case.set_events(respell(&text, rng));
    Some("respell strings and keys".into())
}

/// The events file's line ends and first bytes: CRLF, lone CR, a byte-order mark, tabs.
fn mutate_line_ends(case: &mut Case, rng: &mut Rng) -> Option<String> {
    let bytes = case.files[EVENTS].clone();
    let (new, what) = match rng.below(5) {
        0 => (replace_all(&bytes, b"\n", b"\r\n"), "CRLF line ends"),
        1 => (replace_all(&bytes, b"\n", b"\r"), "CR line ends"),
        2 => {
            let mut b = b"\xef\xbb\xbf".to_vec();
            b.extend(bytes);
            (b, "a byte-order mark")
        }
        3 => (replace_all(&bytes, b"\n", b"\n\t "), "indented lines"),
        _ => {
            let mut b = bytes;
            while b.last().is_some_and(|c| c.is_ascii_whitespace()) {
                b.pop();
            }
            (b, "no line end at the end")
        }
    };
    case.files.insert(EVENTS.into(), new);
    Some(what.to_string())
}

type Mutator = fn(&mut Case, &mut Rng) -> Option<String>;

/// The mutators with their weights, for the rough half of the cases: anything goes.
const MUTATORS: &[(Mutator, u64)] = &[
    (mutate_bytes, 6),
    (mutate_lines, 6),
    (mutate_toml, 10),
    (mutate_date, 10),
    (infer_date, 10),
    (mutate_quote, 14),
    (mutate_label, 12),
    (clone_events, 5),
    (mutate_misc, 7),
    (add_url, 2),
    (mutate_article, 14),
    (mutate_spelling, 3),
    (mutate_line_ends, 3),
    (clone_sources, 2),
    (gentle_tags, 2),
    (repeat_event, 2),
];

/// The gentle half: changes that mostly keep a good input valid, so the chart gets drawn.
const GENTLE: &[(Mutator, u64)] = &[
    (infer_date, 12),
    (clone_events, 6),
    (gentle_label, 12),
    (gentle_quote, 6),
    (gentle_article, 6),
    (add_url, 4),
    (mutate_spelling, 4),
    (gentle_long_text, 4),
    (gentle_tags, 4),
    (clone_sources, 4),
];

fn pick_mutator(rng: &mut Rng, table: &[(Mutator, u64)]) -> Mutator {
    let total: u64 = table.iter().map(|(_, w)| w).sum();
    let mut roll = rng.next() % total;
    for &(m, weight) in table {
        if roll < weight {
            return m;
        }
        roll -= weight;
    }
    unreachable!("the roll is below the total")
}

fn make_case(corpus: &[Input], rng: &mut Rng) -> (String, Case) {
    let gentle = rng.chance(1, 2);
    let input = if gentle {
        let good: Vec<&Input> = corpus
            .iter()
            .filter(|i| i.name == "shipped" || i.name.ends_with("/good"))
            .collect();
        *rng.pick(&good)
    } else {
        rng.pick(corpus)
    };
    let mut case = Case {
        files: input.files.clone(),
        log: Vec::new(),
    };
    if gentle || rng.chance(3, 4) {
        drop_pins(&mut case);
        case.log.push("drop sha256 pins".into());
    }
    let table = if gentle { GENTLE } else { MUTATORS };
    let count = 1 + rng.below(4);
    let mut done = 0;
    for _ in 0..20 {
        if done == count {
            break;
        }
        if let Some(what) = pick_mutator(rng, table)(&mut case, rng) {
            case.log.push(what);
            done += 1;
        }
    }
    (input.name.clone(), case)
}

#[test]
fn mutations_change_the_input_and_repeat_from_the_seed() {
    let corpus = corpus();
    let (_, a) = make_case(&corpus, &mut Rng::for_case(1, 2));
    let (_, b) = make_case(&corpus, &mut Rng::for_case(1, 2));
    assert_eq!(a.files, b.files);
    assert_eq!(a.log, b.log);
    let changed = (0..50)
        .filter(|&n| {
            let mut rng = Rng::for_case(1, n);
            let (name, case) = make_case(&corpus, &mut rng);
            let input = corpus.iter().find(|i| i.name == name).unwrap();
            case.files != input.files
        })
        .count();
    assert!(
        changed >= 45,
        "only {changed} of 50 cases differ from their input"
    );
}

// ---------------------------------------------------------------------------------------
// Running the binary and the properties.

struct Run {
    /// The exit code, or why there is none.
    code: Result<i32, String>,
    stdout: Vec<u8>,
    stderr: String,
}

/// Run the binary in `dir` with stdout and stderr going to files in `logs` (so a chatty
/// run cannot block on a full pipe), killing it after [`TIME_LIMIT`].
#[allow(clippy::print_stderr)]
fn run(dir: &Path, logs: &Path, args: &[String]) -> Run {
    let out_path = logs.join("stdout");
    let err_path = logs.join("stderr");
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_citeline"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("the citeline binary starts");
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break match status.code() {
                Some(code) => Ok(code),
                None => Err(describe_signal(&status)),
            };
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break Err(format!("still running after {TIME_LIMIT:?}, killed"));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    if verbose() {
        eprintln!(
            "  {} -> {code:?} in {:.1?}",
            command_line(args),
            started.elapsed()
        );
    }
    Run {
        code,
        stdout: fs::read(&out_path).unwrap_or_default(),
        stderr: lossy(&fs::read(&err_path).unwrap_or_default()),
    }
}

#[cfg(unix)]
fn describe_signal(status: &std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    format!("killed by signal {:?}", status.signal())
}

#[cfg(not(unix))]
fn describe_signal(status: &std::process::ExitStatus) -> String {
    format!("no exit code: {status:?}")
}

/// Every file under `dir`, relative.
fn listing(dir: &Path) -> BTreeSet<PathBuf> {
    let mut found = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path.clone());
            }
            found.insert(path.strip_prefix(dir).unwrap().to_path_buf());
        }
    }
    found
}

/// What a case's runs broke, one line each, and what was run, for REPRO.txt.
#[derive(Default)]
struct Problems {
    found: Vec<String>,
    runs: Vec<String>,
    /// A run had to be killed.
    timed_out: bool,
}

impl Problems {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.found.push(what());
        }
    }
}

fn command_line(args: &[String]) -> String {
    let mut s = "citeline".to_string();
    for a in args {
        s.push(' ');
        s.push_str(a);
    }
    s
}

/// The properties every run shares: an exit code of 0, 1 or 2, no panic.
fn common(p: &mut Problems, args: &[String], r: &Run) {
    let cmd = command_line(args);
    p.runs.push(format!("{cmd}  # exit {:?}", r.code));
    match &r.code {
        Ok(0..=2) => {}
        Ok(code) => p
            .found
            .push(format!("`{cmd}` exited {code}: {}", tail(&r.stderr))),
        Err(why) => {
            p.timed_out |= why.starts_with("still running");
            p.found.push(format!("`{cmd}` {why}: {}", tail(&r.stderr)));
        }
    }
    p.check(!r.stderr.contains("panicked"), || {
        format!("`{cmd}` panicked: {}", tail(&r.stderr))
    });
}

/// The last lines of some output, for a message.
fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let from = lines.len().saturating_sub(6);
    clip_long(&lines[from..].join("\n"))
}

fn clip_long(s: &str) -> String {
    if s.len() <= 1500 {
        s.to_string()
    } else {
        let end = char_boundary(s, 1500);
        format!("{}…", &s[..end])
    }
}

/// What `check --format json` said, when it said it.
struct Verdict {
    errors: u64,
    warnings: u64,
    /// Each finding as `severity code event source: message`, sorted.
    findings: Vec<String>,
    /// Each finding as `severity code event source line:column`, sorted.
    positions: Vec<String>,
}

/// The length in characters of each line of `text`, lines ending at `\n`, `\r\n` or a
/// lone `\r`, as src/lines.rs counts them for positions.
fn line_lengths(text: &str) -> Vec<u64> {
    let mut lengths = Vec::new();
    let mut rest = text;
    loop {
        match rest.find(['\n', '\r']) {
            Some(i) => {
                lengths.push(rest[..i].chars().count() as u64);
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
            }
            None => {
                lengths.push(rest.chars().count() as u64);
                return lengths;
            }
        }
    }
}

/// Whether 1-based `line` and `column` lie in a text of these line lengths.
fn position_in(lengths: &[u64], line: u64, column: u64) -> bool {
    usize::try_from(line - 1)
        .ok()
        .and_then(|i| lengths.get(i))
        .is_some_and(|&len| column <= len + 1)
}

#[test]
fn positions_follow_the_line_ends_citeline_counts() {
    let lengths = line_lengths("ab\r\nü\rx\n");
    assert_eq!(lengths, [2, 1, 1, 0]);
    assert!(position_in(&lengths, 1, 3));
    assert!(!position_in(&lengths, 1, 4));
    assert!(position_in(&lengths, 2, 2));
    assert!(!position_in(&lengths, 2, 3));
    assert!(position_in(&lengths, 4, 1));
    assert!(!position_in(&lengths, 5, 1));
}

/// How `check` names the events file: not at all (in its folder), or a path from elsewhere.
enum EventsArg<'a> {
    Default,
    From { cwd: &'a Path, path: String },
}

fn check_json(
    p: &mut Problems,
    dir: &Path,
    logs: &Path,
    deny: bool,
    how: &EventsArg,
) -> Option<Verdict> {
    let mut args: Vec<String> = ["check", "--format", "json"].map(String::from).to_vec();
    if deny {
        args.push("--deny-warnings".into());
    }
    let (cwd, events_name) = match how {
        EventsArg::Default => (dir, EVENTS.to_string()),
        EventsArg::From { cwd, path } => {
            args.push(path.clone());
            (*cwd, path.clone())
        }
    };
    let before = listing(dir);
    let r = run(cwd, logs, &args);
    common(p, &args, &r);
    let cmd = command_line(&args);
    p.check(listing(dir) == before, || {
        format!("`{cmd}` changed the folder")
    });
    match r.code {
        Ok(2) => {
            p.check(r.stdout.is_empty(), || {
                format!("`{cmd}` exited 2 but wrote to stdout")
            });
            p.check(r.stderr.starts_with("error: "), || {
                format!(
                    "`{cmd}` exited 2 without an `error:` line: {}",
                    tail(&r.stderr)
                )
            });
            None
        }
        Ok(code @ (0 | 1)) => {
            let json: serde_json::Value = match serde_json::from_slice(&r.stdout) {
                Ok(v) => v,
                Err(e) => {
                    p.found.push(format!(
                        "`{cmd}` stdout is not JSON ({e}): {}",
                        clip_long(&lossy(&r.stdout))
                    ));
                    return None;
                }
            };
            let Some(diagnostics) = json["diagnostics"].as_array() else {
                p.found.push(format!("`{cmd}`: no `diagnostics` array"));
                return None;
            };
            let (Some(errors), Some(warnings)) =
                (json["errors"].as_u64(), json["warnings"].as_u64())
            else {
                p.found
                    .push(format!("`{cmd}`: `errors` and `warnings` are not numbers"));
                return None;
            };
            let count = |severity: &str| {
                diagnostics
                    .iter()
                    .filter(|d| d["severity"] == severity)
                    .count() as u64
            };
            p.check(count("error") == errors && count("warning") == warnings, || {
                format!(
                    "`{cmd}`: counts say {errors} errors and {warnings} warnings, the list has {} and {}",
                    count("error"),
                    count("warning")
                )
            });
            let failing = errors > 0 || (deny && warnings > 0);
            p.check((code == 1) == failing, || {
                format!("`{cmd}` exited {code} with {errors} errors and {warnings} warnings")
            });
            let events = fs::read(dir.join(EVENTS)).unwrap_or_default();
            let events = std::str::from_utf8(&events).ok().map(line_lengths);
            let mut findings = Vec::new();
            let mut positions = Vec::new();
            for d in diagnostics {
                let text = |key: &str| d[key].as_str().unwrap_or("-").to_string();
                findings.push(format!(
                    "{} {} {} {}: {}",
                    text("severity"),
                    text("code"),
                    text("event"),
                    text("source"),
                    text("message")
                ));
                positions.push(format!(
                    "{} {} {} {} {}:{}",
                    text("severity"),
                    text("code"),
                    text("event"),
                    text("source"),
                    d["line"],
                    d["column"]
                ));
                if let (Some(events), true, Some(line), Some(column)) = (
                    &events,
                    d["file"].as_str() == Some(&events_name),
                    d["line"].as_u64(),
                    d["column"].as_u64(),
                ) {
                    p.check(line == 0 || position_in(events, line, column), || {
                        format!(
                            "`{cmd}`: a diagnostic points past the end of its line or file: {d}"
                        )
                    });
                }
                let code = d["code"].as_str().unwrap_or("");
                p.check(citeline::rules::find(code).is_some(), || {
                    format!("`{cmd}`: a diagnostic has the undocumented code `{code}`: {d}")
                });
                for key in ["line", "column"] {
                    p.check(
                        d[key].is_null() || d[key].as_u64().is_some_and(|n| n > 0),
                        || format!("`{cmd}`: a diagnostic's {key} is not a positive number: {d}"),
                    );
                }
            }
            findings.sort();
            positions.sort();
            Some(Verdict {
                errors,
                warnings,
                findings,
                positions,
            })
        }
        _ => None,
    }
}

/// Chart options for a render: usually the defaults, sometimes the edges.
fn chart_args(rng: &mut Rng) -> Vec<String> {
    let mut args = Vec::new();
    if rng.chance(1, 4) {
        let width = *rng.pick(&["400", "401.5", "800", "2000", "20000"]);
        args.extend(["--width".to_string(), width.to_string()]);
    }
    if rng.chance(1, 4) {
        args.extend(["--theme".to_string(), "dark".to_string()]);
    }
    if rng.chance(1, 4) {
        args.push("--no-breaks".into());
    }
    args
}

/// Returns whether it drew, and whether a PNG was asked for.
fn render(
    p: &mut Problems,
    rng: &mut Rng,
    dir: &Path,
    logs: &Path,
    verdict: Option<&Verdict>,
) -> (bool, bool) {
    let svg = dir.join("out.svg");
    let png = dir.join("out.png");
    let with_previous = rng.chance(1, 2);
    if with_previous {
        fs::write(&svg, PREVIOUS_SVG).unwrap();
        p.runs.push("echo '<svg …previous…/>' > out.svg".into());
    }
    // A PNG of a tall chart takes seconds in a debug build: only for small timelines.
    let events = fs::read(dir.join(EVENTS)).unwrap_or_default();
    let small = lossy(&events).matches("[[events]]").count() <= 30;
    let want_png = rng.chance(1, 12) && small;
    let mut args: Vec<String> = ["render", "-o", "out.svg"].map(String::from).to_vec();
    let mut chart = chart_args(rng);
    let coloured = rng.chance(1, 8);
    if coloured {
        chart.extend(["--color".into(), "always".into()]);
    }
    if want_png {
        args.extend(["-o".into(), "out.png".into(), "--scale".into()]);
        args.push(rng.pick(&["0.25", "0.5", "1"]).to_string());
        // A PNG 20000 pixels wide is slow in a debug build; keep the width modest.
        if let Some(i) = chart.iter().position(|a| a == "--width") {
            chart.drain(i..i + 2);
        }
    }
    args.extend(chart);
    // Sometimes one more output that cannot be written or has no known format, before or
    // after out.svg: then nothing at all may change.
    let extra = if rng.chance(1, 10) {
        let (path, unwritable) = *rng.pick(&[
            ("missing/extra.svg", true),
            ("taken.svg", true),
            ("missing/extra.png", true),
            ("extra.pdf", false),
            ("extra", false),
        ]);
        // The PNG is drawn before anything is written: keep it to small timelines too.
        let path = if path.ends_with(".png") && !small {
            "missing/extra.svg"
        } else {
            path
        };
        if path == "taken.svg" {
            fs::create_dir_all(dir.join(path)).unwrap();
            p.runs.push("mkdir taken.svg".into());
        }
        let at = if rng.chance(1, 2) { 1 } else { 3 };
        args.splice(at..at, ["-o".to_string(), path.to_string()]);
        Some((unwritable, at == 3))
    } else {
        None
    };
    let before = listing(dir);
    let r = run(dir, logs, &args);
    common(p, &args, &r);
    let cmd = command_line(&args);
    let after = listing(dir);
    let outputs: BTreeSet<PathBuf> = [PathBuf::from("out.svg"), PathBuf::from("out.png")].into();
    p.check(
        after
            .iter()
            .all(|f| before.contains(f) || outputs.contains(f)),
        || {
            format!(
                "`{cmd}` left files behind: {:?}",
                after.difference(&before).collect::<Vec<_>>()
            )
        },
    );
    if let (Some(v), Ok(code)) = (verdict, &r.code) {
        let cannot_draw = want_png && *code == 2 && r.stderr.contains("error: cannot draw out.png");
        // Outputs are checked before any work: an unusable one is refused first, whatever
        // the data holds.
        let expected = match extra {
            Some(_) => 2,
            _ if v.errors > 0 => 1,
            _ => 0,
        };
        if let Some((true, _)) = extra {
            p.check(!r.stderr.contains("error["), || {
                format!("`{cmd}` checked the data before refusing an output it cannot write")
            });
        }
        p.check(*code == expected || cannot_draw, || {
            format!(
                "`{cmd}` exited {code}, but check found {} errors: {}",
                v.errors,
                tail(&r.stderr)
            )
        });
        if expected == 1 {
            p.check(r.stderr.contains("nothing drawn"), || {
                format!("`{cmd}` with errors did not say `nothing drawn`")
            });
        }
        // The report for people counts the same findings as the one for machines.
        if !coloured && *code != 2 {
            // Warnings about the drawing itself (`Scene::notes`) come from `render` alone;
            // `check` cannot know them.
            const DRAWING_NOTES: &[&str] = &["warning[tags-grouped]"];
            let count = |kind: &str| {
                r.stderr
                    .lines()
                    .filter(|l| l.starts_with(kind))
                    .filter(|l| !DRAWING_NOTES.iter().any(|n| l.starts_with(n)))
                    .count() as u64
            };
            let (errors, warnings) = (count("error["), count("warning["));
            p.check(errors == v.errors && warnings == v.warnings, || {
                format!(
                    "`{cmd}` printed {errors} errors and {warnings} warnings, the JSON has {} and {}",
                    v.errors, v.warnings
                )
            });
        }
    }
    if r.code == Ok(0) {
        match fs::read(&svg) {
            Ok(bytes) => svg_properties(p, &cmd, &bytes, &dir.join(EVENTS)),
            Err(e) => p
                .found
                .push(format!("`{cmd}` exited 0 but out.svg cannot be read: {e}")),
        }
        if want_png {
            png_properties(p, &cmd, &png);
        }
        // The same input draws the same bytes.
        if rng.chance(1, 8) {
            let first = fs::read(&svg).ok();
            let again = run(dir, logs, &args);
            common(p, &args, &again);
            p.check(again.code == Ok(0) && fs::read(&svg).ok() == first, || {
                format!("`{cmd}` run twice did not draw the same SVG twice")
            });
        }
    } else {
        let previous = with_previous.then_some(PREVIOUS_SVG);
        let now = fs::read(&svg).ok();
        let message = || {
            format!(
                "`{cmd}` failed but out.svg changed: was {}, now {}",
                if with_previous {
                    "the previous chart"
                } else {
                    "absent"
                },
                now.as_ref()
                    .map_or("absent".to_string(), |b| format!("{} bytes", b.len()))
            )
        };
        let unchanged = now.as_deref() == previous;
        p.check(unchanged, message);
        p.check(!png.exists(), || {
            format!("`{cmd}` failed but wrote out.png")
        });
    }
    (r.code == Ok(0), want_png)
}

fn svg_properties(p: &mut Problems, cmd: &str, bytes: &[u8], events_file: &Path) {
    if bytes == PREVIOUS_SVG {
        p.found
            .push(format!("`{cmd}` exited 0 but left out.svg as it was"));
        return;
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        p.found.push(format!("`{cmd}`: out.svg is not UTF-8"));
        return;
    };
    p.check(!text.to_ascii_lowercase().contains("<script"), || {
        format!("`{cmd}`: out.svg holds `<script`")
    });
    let doc = match roxmltree::Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            p.found
                .push(format!("`{cmd}`: out.svg is not well-formed XML: {e}"));
            return;
        }
    };
    p.check(doc.root_element().tag_name().name() == "svg", || {
        format!("`{cmd}`: out.svg's root is not <svg>")
    });
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        p.check(!name.eq_ignore_ascii_case("script"), || {
            format!("`{cmd}`: out.svg has a <{name}> element")
        });
        for attr in node.attributes() {
            let key = attr.name();
            p.check(!key.to_ascii_lowercase().starts_with("on"), || {
                format!("`{cmd}`: out.svg has an event handler attribute {key}")
            });
            if key == "href" {
                let v = attr.value().to_ascii_lowercase();
                p.check(
                    v.starts_with("https://") || v.starts_with("http://") || v.starts_with('#'),
                    || format!("`{cmd}`: out.svg links to `{}`", clip(attr.value())),
                );
            }
        }
    }
    let mut ids = BTreeSet::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        if let Some(id) = node.attribute("id") {
            p.check(ids.insert(id), || {
                format!("`{cmd}`: out.svg has two elements with id=\"{}\"", clip(id))
            });
        }
        for attr in node.attributes() {
            let geometric = [
                "x",
                "y",
                "x1",
                "x2",
                "y1",
                "y2",
                "cx",
                "cy",
                "r",
                "rx",
                "ry",
                "width",
                "height",
                "d",
                "points",
                "transform",
                "viewBox",
                "font-size",
                "stroke-width",
            ];
            if geometric.contains(&attr.name()) {
                let v = attr.value();
                p.check(!v.contains("NaN") && !v.contains("inf"), || {
                    format!("`{cmd}`: out.svg has {}=\"{}\"", attr.name(), clip(v))
                });
            }
        }
    }
    // One group per event, whose tooltip starts with the date as the data gives it.
    let events: Option<toml::Table> = fs::read_to_string(events_file)
        .ok()
        .and_then(|t| t.parse().ok());
    let events = events
        .as_ref()
        .and_then(|t| t.get("events"))
        .and_then(|e| e.as_array());
    for event in events.into_iter().flatten() {
        let field = |key: &str| event.get(key).and_then(|v| v.as_str()).unwrap_or("");
        let id = format!("event-{}", field("id"));
        let groups: Vec<_> = doc
            .descendants()
            .filter(|n| n.attribute("id") == Some(id.as_str()))
            .collect();
        p.check(groups.len() == 1, || {
            format!("`{cmd}`: out.svg has {} elements for {id}", groups.len())
        });
        let Some(group) = groups.first() else {
            continue;
        };
        let tooltip: String = group
            .children()
            .find(|n| n.has_tag_name("title"))
            .map(|t| t.descendants().filter_map(|n| n.text()).collect())
            .unwrap_or_default();
        // The tooltip may fold, drop or add white space, drop control characters and
        // balance or add bidi controls (a title is isolated); the date and every other
        // character of the title must be there, in order.
        let words = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_control() && !c.is_whitespace())
                .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
                .collect()
        };
        let expected = words(&format!("{}: {}", field("date"), field("title")));
        p.check(words(&tooltip).starts_with(&expected), || {
            format!(
                "`{cmd}`: the tooltip of {id} is \"{}\", not \"{}…\"",
                clip(&tooltip),
                clip(&expected)
            )
        });
    }
}

fn png_properties(p: &mut Problems, cmd: &str, path: &Path) {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            p.found
                .push(format!("`{cmd}` exited 0 but out.png cannot be read: {e}"));
            return;
        }
    };
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
    match decoder.read_info() {
        Ok(reader) => {
            let info = reader.info();
            p.check(info.width > 0 && info.height > 0, || {
                format!("`{cmd}`: out.png is {}x{}", info.width, info.height)
            });
        }
        Err(e) => p
            .found
            .push(format!("`{cmd}`: out.png does not decode: {e}")),
    }
}

fn dates(p: &mut Problems, rng: &mut Rng, dir: &Path, logs: &Path, case: &Case) {
    let sources = declared_sources(&case.events());
    let source = if sources.is_empty() || rng.chance(1, 10) {
        "no-such-source".to_string()
    } else {
        rng.pick(&sources).clone()
    };
    let mut args = vec!["dates".to_string(), source];
    match rng.below(4) {
        0 => args.push("--planned".into()),
        1 => args.push("--past".into()),
        _ => {}
    }
    let json = rng.chance(1, 3);
    if json {
        args.extend(["--format".into(), "json".into()]);
    }
    let r = run(dir, logs, &args);
    common(p, &args, &r);
    if r.code == Ok(0) {
        p.check(std::str::from_utf8(&r.stdout).is_ok(), || {
            format!("`{}` wrote stdout that is not UTF-8", command_line(&args))
        });
        if json {
            p.check(
                serde_json::from_slice::<serde_json::Value>(&r.stdout)
                    .is_ok_and(|v| v["expressions"].is_array()),
                || format!("`{}` wrote no JSON listing", command_line(&args)),
            );
        }
    }
}

/// The events file named by a relative or absolute path from another folder gets the same
/// findings at the same positions as when `check` runs beside it.
fn same_findings_from_elsewhere(
    p: &mut Problems,
    rng: &mut Rng,
    root: &Path,
    dir: &Path,
    logs: &Path,
    v: &Verdict,
) {
    let path = match rng.below(3) {
        0 => "case/events.toml".to_string(),
        1 => "./case/../case/events.toml".to_string(),
        _ => dir.join(EVENTS).to_string_lossy().into_owned(),
    };
    let how = EventsArg::From { cwd: root, path };
    let Some(other) = check_json(p, dir, logs, false, &how) else {
        return;
    };
    let EventsArg::From { path, .. } = how else {
        unreachable!()
    };
    p.check(other.positions == v.positions, || {
        format!(
            "`citeline check --format json {path}` from the parent folder finds otherwise than in the folder:\n    in the folder: {:?}\n    from outside:  {:?}",
            v.positions, other.positions
        )
    });
}

/// The same data spelt differently in TOML gets the same findings.
fn same_findings_respelt(p: &mut Problems, rng: &mut Rng, root: &Path, case: &Case, v: &Verdict) {
    let Ok(text) = std::str::from_utf8(&case.files[EVENTS]) else {
        return;
    };
    // A source whose file is a TOML file (the events file itself, say) would change too.
    let reads_toml = text.parse::<toml::Table>().map_or(true, |t| {
        let files = t
            .get("sources")
            .and_then(|s| s.as_table())
            .into_iter()
            .flat_map(|s| s.values())
            .filter_map(|source| source.get("file").and_then(|f| f.as_str()));
        files
            .into_iter()
            .any(|f| f.to_ascii_lowercase().contains(".toml"))
    });
    if reads_toml {
        return;
    }
    let respelt = respell(text, rng);
    let dir = root.join("respelt");
    let logs = root.join("respelt-logs");
    fs::create_dir_all(&logs).unwrap();
    let mut variant = Case {
        files: case.files.clone(),
        log: Vec::new(),
    };
    variant.set_events(respelt.clone());
    write_case(&dir, &variant);
    let mut inner = Problems::default();
    let other = check_json(&mut inner, &dir, &logs, false, &EventsArg::Default);
    p.timed_out |= inner.timed_out;
    p.found
        .extend(inner.found.into_iter().map(|m| format!("respelt: {m}")));
    p.runs
        .push("(check --format json again on a respelt events.toml)".into());
    if let Some(other) = other {
        p.check(other.findings == v.findings, || {
            let only = |a: &[String], b: &[String]| -> Vec<String> {
                a.iter().filter(|f| !b.contains(f)).cloned().collect()
            };
            format!(
                "the same data spelt differently gets other findings:\n    only as given: {:?}\n    only respelt:  {:?}\n    respelt events.toml:\n{}",
                only(&v.findings, &other.findings),
                only(&other.findings, &v.findings),
                clip_long(&respelt)
            )
        });
    }
}

/// Write a case's files under `dir`.
fn write_case(dir: &Path, case: &Case) {
    for (rel, bytes) in &case.files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(path, bytes).unwrap();
    }
}

/// Run case `n`; on failure save it and return the message.
/// How far the cases got, for the summary line: a run that never draws tests little.
#[derive(Default)]
struct Tally {
    check_exits: [u64; 3],
    drawn: u64,
    png: u64,
    dates: u64,
}

#[allow(clippy::print_stderr)]
fn run_case(corpus: &[Input], seed: u64, n: u64, tally: &mut Tally) -> Result<Duration, String> {
    let started = Instant::now();
    let mut rng = Rng::for_case(seed, n);
    let (input, case) = make_case(corpus, &mut rng);
    if verbose() {
        eprintln!("case {n}: {input}");
        for m in &case.log {
            eprintln!("  - {m}");
        }
    }
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("case");
    let logs = root.path().join("logs");
    fs::create_dir_all(&logs).unwrap();
    write_case(&dir, &case);
    let mut p = Problems::default();
    // A case stops at its first run that has to be killed: the others would hang too.
    'runs: {
        let verdict = check_json(&mut p, &dir, &logs, rng.chance(1, 5), &EventsArg::Default);
        if let Some(v) = &verdict {
            tally.check_exits[usize::from(v.errors > 0)] += 1;
        } else {
            tally.check_exits[2] += 1;
        }
        if p.timed_out {
            break 'runs;
        }
        if let Some(v) = &verdict {
            if rng.chance(1, 3) && !v.findings.iter().any(|f| f.contains(" toml-syntax ")) {
                same_findings_respelt(&mut p, &mut rng, root.path(), &case, v);
            }
            if rng.chance(1, 6) {
                same_findings_from_elsewhere(&mut p, &mut rng, root.path(), &dir, &logs, v);
            }
        }
        if p.timed_out {
            break 'runs;
        }
        let (drawn, png) = render(&mut p, &mut rng, &dir, &logs, verdict.as_ref());
        tally.drawn += u64::from(drawn);
        tally.png += u64::from(drawn && png);
        if rng.chance(1, 4) && !p.timed_out {
            dates(&mut p, &mut rng, &dir, &logs, &case);
            tally.dates += 1;
        }
    }
    if p.found.is_empty() {
        return Ok(started.elapsed());
    }
    let saved = save_failure(seed, n, &input, &case, &p);
    Err(format!(
        "fuzz case {n} of seed {seed:#x} failed; input saved in {} \
         (rerun: {}CITELINE_FUZZ_SEED={seed:#x} CITELINE_FUZZ_ONLY={n} cargo test --test main fuzz_the_binary -- --nocapture)\n  - {}",
        saved.display(),
        huge_prefix(),
        p.found.join("\n  - ")
    ))
}

fn failures_dir() -> PathBuf {
    // The binary lives in target/<profile>/, so this follows CARGO_TARGET_DIR too.
    let bin = Path::new(env!("CARGO_BIN_EXE_citeline"));
    bin.parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("target"))
        .join("fuzz-failures")
}

fn save_failure(seed: u64, n: u64, input: &str, case: &Case, p: &Problems) -> PathBuf {
    let dir = failures_dir().join(format!("{seed:#x}-{n}"));
    let _ = fs::remove_dir_all(&dir);
    write_case(&dir, case);
    let mut repro = format!(
        "citeline fuzz failure\nseed: {seed:#x}\ncase: {n}\ninput: {input}\n\nmutations:\n"
    );
    for m in &case.log {
        writeln!(repro, "  - {m}").unwrap();
    }
    repro.push_str("\nproblems:\n");
    for problem in &p.found {
        writeln!(repro, "  - {problem}").unwrap();
    }
    write!(
        repro,
        "\nrerun the case: {}CITELINE_FUZZ_SEED={seed:#x} CITELINE_FUZZ_ONLY={n} \
         cargo test --test main fuzz_the_binary -- --nocapture\n\
         \nor by hand in a copy of this folder without REPRO.txt, as the fuzzer ran it:\n",
        huge_prefix()
    )
    .unwrap();
    for run in &p.runs {
        writeln!(repro, "  {run}").unwrap();
    }
    fs::write(dir.join("REPRO.txt"), repro).unwrap();
    dir
}

/// `CITELINE_FUZZ_HUGE=1` lets mutations reach sizes that take seconds a run in a debug
/// build, for long runs; the default run stays within its time budget without them.
fn huge() -> bool {
    std::env::var_os("CITELINE_FUZZ_HUGE").is_some_and(|v| !v.is_empty() && v != "0")
}

fn huge_prefix() -> &'static str {
    if huge() {
        "CITELINE_FUZZ_HUGE=1 "
    } else {
        ""
    }
}

/// Replaying one case (`CITELINE_FUZZ_ONLY`) prints its mutations and runs.
fn verbose() -> bool {
    std::env::var_os("CITELINE_FUZZ_ONLY").is_some()
}

fn env_number(name: &str) -> Option<u64> {
    let text = std::env::var(name).ok()?;
    let text = text.trim();
    let parsed = match text.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => text.parse(),
    };
    Some(parsed.unwrap_or_else(|_| panic!("{name}={text} is not a number")))
}

#[test]
#[allow(clippy::print_stderr)]
fn fuzz_the_binary_with_mutated_real_inputs() {
    let seed = env_number("CITELINE_FUZZ_SEED").unwrap_or(DEFAULT_SEED);
    let cases: Vec<u64> = match env_number("CITELINE_FUZZ_ONLY") {
        Some(n) => vec![n],
        None => (0..env_number("CITELINE_FUZZ_CASES").unwrap_or(DEFAULT_CASES)).collect(),
    };
    let corpus = corpus();
    let started = Instant::now();
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, 0);
    let mut tally = Tally::default();
    for &n in &cases {
        match run_case(&corpus, seed, n, &mut tally) {
            Ok(took) => slowest = slowest.max((took, n)),
            Err(message) => {
                eprintln!("{message}");
                failures.push(message);
            }
        }
        // A long run says how far it has got.
        if (n + 1) % 1000 == 0 {
            eprintln!(
                "fuzz: {} cases done in {:.1?}, {} failed",
                n + 1,
                started.elapsed(),
                failures.len()
            );
        }
    }
    eprintln!(
        "fuzz: {} cases of seed {seed:#x} in {:.1?}, {} failed; slowest case {} took {:.1?}\n\
         fuzz: check found no errors in {}, errors in {}, gave no verdict in {}; \
         render drew {} charts ({} with a PNG); dates ran {} times",
        cases.len(),
        started.elapsed(),
        failures.len(),
        slowest.1,
        slowest.0,
        tally.check_exits[0],
        tally.check_exits[1],
        tally.check_exits[2],
        tally.drawn,
        tally.png,
        tally.dates
    );
    assert!(
        failures.is_empty(),
        "{} of {} fuzz cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
