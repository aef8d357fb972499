//! `citeline-synth`: writes a synthetic project (events.toml and articles/) for benchmarks.
//!
//! `citeline-synth DIR EVENTS ARTICLES [BROKEN_PERCENT] [txt|html]` writes ARTICLES articles
//! of about 10 kB and EVENTS events whose quotes are sentences drawn from them, each holding
//! a day-and-month date that the event claims; BROKEN_PERCENT of the quotes (default 10) get
//! one word changed, so `check` must find their closest passage. With `html`, each article is
//! a saved news page of about 100 kB instead: the same text in markup, between a head of
//! metadata, scripts and styles, a navigation menu and a footer, as a browser saves one.
//! The output is the same for the same arguments: a fixed-seed generator, no clock.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::path::Path;

const WORDS: &[&str] = &[
    "officials",
    "ministers",
    "delegates",
    "security",
    "cooperation",
    "alliance",
    "treaty",
    "border",
    "council",
    "agreement",
    "talks",
    "capital",
    "region",
    "defense",
    "programme",
    "partners",
    "summit",
    "envoy",
    "pledged",
    "discussed",
    "signed",
    "rejected",
    "welcomed",
    "proposed",
    "closer",
    "regional",
    "military",
    "political",
    "economic",
    "joint",
    "new",
    "several",
    "the",
    "a",
    "of",
    "and",
    "with",
    "for",
    "on",
    "in",
    "to",
    "by",
    "that",
];
const CITIES: &[&str] = &[
    "Bishkek", "Almaty", "Yerevan", "Minsk", "Dushanbe", "Moscow", "Astana",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// xorshift64*: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

/// One sentence that dates something: the quote material.
struct Dated {
    sentence: String,
    day: (u32, u32), // month, day: published in the same year, later month
}

struct Article {
    text: String,
    year: i32,
    dated: Vec<Dated>,
}

fn filler(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(WORDS));
    }
    s
}

fn article(rng: &mut Rng, index: usize) -> Article {
    let year = 1990 + (index % 30) as i32;
    let mut text = format!("Synthetic Wire\n\nReport number {index} on regional security\n\n");
    let _ = writeln!(
        text,
        "{}, 28 December {year} (Synthetic Wire) -- {}.\n",
        rng.pick(CITIES),
        filler(rng, 20)
    );
    let mut dated = Vec::new();
    while text.len() < 10_000 {
        let month = 1 + rng.below(11) as u32;
        let day = 1 + rng.below(28) as u32;
        let sentence = format!(
            "At a meeting in {} on {day} {}, {} {index}-{}.",
            rng.pick(CITIES),
            MONTHS[month as usize - 1],
            filler(rng, 14),
            dated.len()
        );
        let _ = writeln!(text, "{sentence} {}.\n", filler(rng, 30));
        dated.push(Dated {
            sentence,
            day: (month, day),
        });
    }
    Article { text, year, dated }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: citeline-synth DIR EVENTS ARTICLES [BROKEN_PERCENT] [txt|html]");
        std::process::exit(2);
    }
    let dir = Path::new(&args[1]);
    let (events, articles): (usize, usize) = match (args[2].parse(), args[3].parse()) {
        (Ok(e), Ok(a)) if a > 0 => (e, a),
        _ => {
            eprintln!("EVENTS and ARTICLES must be whole numbers, ARTICLES at least 1");
            std::process::exit(2);
        }
    };
    let broken: u64 = args.get(4).and_then(|b| b.parse().ok()).unwrap_or(10);
    let html = args.get(5).is_some_and(|f| f == "html");
    if let Err(e) = write(dir, events, articles, broken, html) {
        eprintln!("cannot write {}: {e}", dir.display());
        std::process::exit(2);
    }
}

fn write(
    dir: &Path,
    events: usize,
    articles: usize,
    broken: u64,
    html: bool,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("articles"))?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut toml = String::from("[timeline]\ntitle = \"Synthetic benchmark\"\n\n");
    let mut made = Vec::with_capacity(articles);
    for i in 0..articles {
        let a = article(&mut rng, i);
        let (name, bytes) = if html {
            (format!("a{i:05}.html"), page(&mut rng, &a))
        } else {
            (format!("a{i:05}.txt"), a.text.clone())
        };
        std::fs::write(dir.join("articles").join(&name), bytes)?;
        let _ = writeln!(
            toml,
            "[sources.a{i:05}]\nfile = \"articles/{name}\"\npublisher = \"Synthetic Wire\"\n\
             title = \"Report number {i} on regional security\"\npublished = \"{}-12-28\"\n",
            a.year
        );
        made.push(a);
    }
    let mut broken_count = 0;
    for e in 0..events {
        let a = &made[e % articles];
        let d = &a.dated[(e / articles) % a.dated.len()];
        let mut quote = d.sentence.clone();
        if rng.next() % 100 < broken {
            quote = quote.replacen(" in ", " near ", 1);
            broken_count += 1;
        }
        let _ = writeln!(
            toml,
            "[[events]]\nid = \"e{e}\"\ndate = \"{}-{:02}-{:02}\"\ntitle = \"Synthetic event {e}\"\n\
             tags = [\"t{}\"]\n\n[[events.evidence]]\nsource = \"a{:05}\"\nquote = \"{quote}\"\n",
            a.year,
            d.day.0,
            d.day.1,
            e % 5,
            e % articles
        );
    }
    std::fs::write(dir.join("events.toml"), toml)?;
    println!(
        "wrote {events} events ({broken_count} with a broken quote) over {articles} articles to {}",
        dir.display()
    );
    Ok(())
}

/// The article as a saved news page of about 100 kB: its paragraphs in `<p>` with some
/// inline markup and entities, inside what a real page carries around them.
fn page(rng: &mut Rng, a: &Article) -> String {
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Synthetic Wire</title>\n\
         <meta property=\"article:published_time\" content=\"{}-12-28T09:00:00+00:00\">\n\
         <style>\n",
        a.year
    );
    while html.len() < 12_000 {
        let _ = writeln!(
            html,
            ".c{} {{ margin: 0 {}px; color: #333; }}",
            rng.below(1000),
            rng.below(40)
        );
    }
    html.push_str("</style>\n<script>\nvar config = {\n");
    while html.len() < 50_000 {
        let _ = writeln!(
            html,
            "  \"k{}\": \"{}\",",
            rng.below(100_000),
            filler(rng, 6)
        );
    }
    html.push_str("};\n</script>\n</head>\n<body>\n<nav><ul>\n");
    while html.len() < 62_000 {
        let _ = writeln!(
            html,
            "<li><a href=\"/section/{}\">{}</a></li>",
            rng.below(1000),
            rng.pick(WORDS)
        );
    }
    html.push_str("</ul></nav>\n<article>\n");
    for paragraph in a.text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        // Inline markup that joins without spaces, and an entity, in every paragraph.
        let marked = paragraph
            .trim()
            .replacen(" security", " <em>security</em>", 1)
            .replacen(" the ", " th&#101; ", 1);
        let _ = writeln!(html, "<p class=\"c{}\">{marked}</p>", rng.below(1000));
    }
    html.push_str("</article>\n<aside><h2>Related</h2><ul>\n");
    while html.len() < 100_000 {
        let _ = writeln!(
            html,
            "<li><a href=\"/story/{}\">{}</a> <!-- tracking {} --></li>",
            rng.below(100_000),
            filler(rng, 8),
            rng.below(1000)
        );
    }
    html.push_str("</ul></aside>\n<footer>&copy; Synthetic Wire</footer>\n</body>\n</html>\n");
    html
}
