use super::*;
use crate::articles::extract::{MetaDate, Place};
use proptest::prelude::*;
use std::time::Instant;

fn read(html: &str) -> Extracted {
    read_bytes(html.as_bytes(), None)
}

fn read_bytes(bytes: &[u8], charset: Option<&str>) -> Extracted {
    match extract(bytes, charset) {
        Ok(e) => {
            assert_places(bytes, charset, &e);
            e
        }
        Err(f) => panic!("{}: {}", f.rule.code, f.reason),
    }
}

fn text(html: &str) -> String {
    read(html).text
}

fn refused(html: &[u8]) -> Failure {
    match extract(html, None) {
        Ok(e) => panic!("read as {:?}", e.text),
        Err(f) => f,
    }
}

/// The decoded source's lines, split as [`source::Source`] splits them.
fn lines(source: &str) -> Vec<Vec<char>> {
    let mut lines = vec![Vec::new()];
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => lines.push(Vec::new()),
            c => lines.last_mut().unwrap().push(c),
        }
    }
    lines
}

/// The way back holds: pieces start at 0, in order, on character boundaries, and every
/// character of the text that is not white space stands, counted from its piece, on the
/// same character of the decoded source, or on the `&` of the reference it was read from.
fn assert_places(bytes: &[u8], charset: Option<&str>, e: &Extracted) {
    let (source, _) = charset::decode(bytes, charset);
    let lines = lines(&source);
    let pieces = &e.pieces;
    assert_eq!(
        pieces.first().map(|p| p.at),
        Some(0),
        "the first piece is at 0"
    );
    for pair in pieces.windows(2) {
        assert!(pair[0].at <= pair[1].at, "pieces in order: {pair:?}");
    }
    let mut p = 0;
    let mut k = 0;
    for (o, c) in e.text.char_indices() {
        while p + 1 < pieces.len() && pieces[p + 1].at <= o {
            assert_eq!(pieces[p + 1].at, o, "a piece inside a character");
            p += 1;
            k = 0;
        }
        // U+FFFD stands for a NUL or a byte the encoding does not have.
        if !c.is_whitespace() && c != '\u{fffd}' {
            let Place::Line { line, column } = pieces[p].place else {
                panic!("an HTML page's place is a line and column");
            };
            let found = lines
                .get(line as usize - 1)
                .and_then(|l| l.get(column as usize - 1 + k))
                .copied();
            assert!(
                found == Some(c) || found == Some('&'),
                "{c:?} at {o} of {:?} maps to {found:?} at {line}:{}",
                &e.text[o.saturating_sub(20)..(o + 20).min(e.text.len())],
                column as usize + k,
            );
        }
        k += 1;
    }
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n").collect()
}

// What counts as text, rule by rule, both ways.

#[test]
fn inline_elements_join_without_adding_space() {
    assert_eq!(
        text("<p>in<b>side</b>, <a href=x>link</a>s and <em>em</em><sup>2</sup></p>"),
        "inside, links and em2"
    );
}

#[test]
fn block_elements_and_br_break_paragraphs() {
    assert_eq!(
        text("<h1>Head</h1><p>One</p><div>Two<p>Three</p>Four</div><ul><li>a<li>b</ul>x<br>y"),
        "Head\n\nOne\n\nTwo\n\nThree\n\nFour\n\na\n\nb\n\nx\n\ny"
    );
    // Several breaks in a row are one blank line; none at the edges.
    assert_eq!(
        text("<br><p></p><div><p>a</p></div><br><br><br>b<hr><p>"),
        "a\n\nb"
    );
    assert_eq!(
        text(
            "<blockquote>q</blockquote><section>s</section><nav>n</nav><footer>f</footer>\
             <dl><dt>t<dd>d</dl><address>a</address><figure>i<figcaption>c</figcaption></figure>"
        ),
        "q\n\ns\n\nn\n\nf\n\nt\n\nd\n\na\n\ni\n\nc"
    );
}

#[test]
fn table_cells_are_paragraphs() {
    assert_eq!(
        text(
            "<table><caption>Cap</caption><tr><th>h1<th>h2<tr><td>a</td><td>b c</td></tr></table>"
        ),
        "Cap\n\nh1\n\nh2\n\na\n\nb c"
    );
}

#[test]
fn white_space_collapses_inside_a_paragraph_and_is_trimmed_at_its_edges() {
    assert_eq!(text("<p>  a \n\t b  </p>"), "a b");
    assert_eq!(text("<p>a <b> b </b> c</p>"), "a b c");
    assert_eq!(text("<p>a<b> </b>b</p>"), "a b");
    // A no-break space is no white space to collapse.
    assert_eq!(text("<p>a&nbsp;&nbsp;b\u{a0}</p>"), "a\u{a0}\u{a0}b\u{a0}");
}

#[test]
fn pre_keeps_its_lines() {
    assert_eq!(
        text("<p>before</p><pre>\nline one\n  indented <b>bold</b>\n\n\nafter a blank   \n</pre>after"),
        "before\n\nline one\n  indented bold\n\nafter a blank\n\nafter"
    );
    assert_eq!(text("<pre>a<br>b</pre>"), "a\nb");
    assert_eq!(text("<xmp><b>raw</b>\nline</xmp>"), "<b>raw</b>\nline");
}

#[test]
fn references_are_read_as_characters() {
    assert_eq!(
        text("<p>AT&amp;T &lt;tag&gt; &#8212; &#x2014; &eacute; &notit; &copy 2015 &bogus;</p>"),
        "AT&T <tag> \u{2014} \u{2014} é ¬it; © 2015 &bogus;"
    );
}

#[test]
fn what_is_not_shown_is_not_read() {
    let html = "<html><head><title>T</title><meta name=description content=META>\
        <style>p { color: red }</style><script>var hidden = 1;</script></head><body>\
        <p>shown<script>alert('x')</script></p><style>.a{}</style><!-- a comment -->\
        <template><p>template</p></template><noscript>enable javascript</noscript>\
        <p hidden>attr-hidden</p><p hidden=until-found>until-found</p>\
        <div style=\"color: red; DISPLAY : none !important\">display-none</div>\
        <span style='visibility:hidden'>visibility-hidden</span>\
        <span style='display:inline'>display-inline</span>\
        <input type=hidden value=input-hidden><input value=input-text>\
        <textarea>textarea</textarea><select><option>option</select>\
        <iframe>iframe</iframe><object>object</object><video>video</video>\
        <canvas>canvas</canvas><dialog>dialog-closed</dialog><dialog open>dialog-open</dialog>\
        <details><summary>summary</summary>details-body</details>\
        <p aria-hidden=true>aria-hidden</p><img alt=alt-text src=x>\
        <ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby></body></html>";
    assert_eq!(
        paragraphs(&text(html)),
        [
            "T",
            "shown",
            "until-found",
            "display-inline",
            "dialog-open",
            "summary",
            "details-body",
            "aria-hidden",
            "漢"
        ]
    );
}

#[test]
fn svg_is_not_read_and_mathml_is() {
    assert_eq!(
        text(
            "<p>chart:<svg><title>svg title</title><style>x{}</style><text>label</text></svg> \
             x<math><mi>x</mi><mo>=</mo><mn>2</mn><annotation>x=2 tex</annotation></math> end</p>"
        ),
        "chart: xx=2 end"
    );
}

#[test]
fn the_title_is_the_first_paragraph() {
    let e = read("<p>body</p><title>The\n headline &amp; more</title><svg><title>no</title></svg>");
    assert_eq!(e.text, "The headline & more\n\nbody");
    // A second title is not shown.
    assert_eq!(text("<title>one</title><title>two</title><p>b"), "one\n\nb");
    // A title alone is no text to check quotes against.
    let f = refused(b"<title>Loading...</title><script>render()</script>");
    assert_eq!(f.rule.code, "source-no-text");
    assert!(
        f.reason.contains("no text besides its title"),
        "{}",
        f.reason
    );
}

#[test]
fn a_page_without_visible_text_is_refused() {
    for html in [
        &b""[..],
        b"<html><head><script>document.write('x')</script></head><body>  </body></html>",
        b"<div hidden><p>all hidden</p></div>",
        b"\xff\xfe",
    ] {
        let f = refused(html);
        assert_eq!(f.rule.code, "source-no-text");
        assert!(
            f.reason.starts_with("the page shows no text ("),
            "{}",
            f.reason
        );
    }
}

#[test]
fn misnested_markup_reads_as_a_browser_shows_it() {
    // Text in a table before any cell is shown before the table.
    assert_eq!(
        text("<p>foo<table>bar<tr><td>cell</td></tr></table>"),
        "foobar\n\ncell"
    );
    // Formatting elements reopen across a paragraph.
    assert_eq!(
        text("<p><b>bold<p>still bold</b> plain"),
        "bold\n\nstill bold plain"
    );
    assert_eq!(text("<p>a<div>b</p>c</div>"), "a\n\nb\n\nc");
}

// Charsets.

#[test]
fn a_declared_legacy_charset_is_decoded() {
    let cp1251 =
        b"<html><head><meta charset=windows-1251><title>\xcd\xee\xe2\xee\xf1\xf2\xe8</title>\
        </head><body><p>\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0!</p>";
    assert_eq!(read_bytes(cp1251, None).text, "Новости\n\nПривет, мир!");
    let koi8 = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">\n\
        <p>\xf0\xd2\xc9\xd7\xc5\xd4</p>";
    let e = read_bytes(koi8, None);
    assert_eq!(e.text, "Привет");
    assert_eq!(e.pieces[0].place, Place::Line { line: 2, column: 4 });
    // The HTTP header wins over the meta.
    assert_eq!(read_bytes(koi8, Some("windows-1251")).text, "рТЙЧЕФ");
}

#[test]
fn a_byte_order_mark_wins_and_is_not_counted() {
    let bytes = "\u{feff}<meta charset=windows-1252><p>naïve “quote”</p>".as_bytes();
    let e = read_bytes(bytes, Some("windows-1252"));
    assert_eq!(e.text, "naïve “quote”");
    assert_eq!(
        e.pieces[0].place,
        Place::Line {
            line: 1,
            column: 31
        }
    );
}

#[test]
fn undeclared_bytes_are_utf8_when_valid_and_windows_1252_when_not() {
    assert_eq!(read_bytes("<p>naïve</p>".as_bytes(), None).text, "naïve");
    assert_eq!(
        read_bytes(b"<p>na\xefve \x93quoted\x94 \x80</p>", None).text,
        "naïve \u{201c}quoted\u{201d} \u{20ac}"
    );
}

// The way back.

#[test]
fn pieces_point_into_the_source() {
    let html = "<title>Head &amp; line</title>\r\n<p>First   line\r\n  goes on &mdash; here</p>\r\
        <table>loose<tr><td>cell</td></tr></table>\n<pre>\n  kept\n\n  lines</pre>\
        <p>in<b>side</b> and ünïcödé — 中文 &#128512; x</p>";
    let e = read(html);
    assert_eq!(
        e.text,
        "Head & line\n\nFirst line goes on \u{2014} here\n\nloose\n\ncell\n\nkept\n\nlines\n\n\
         inside and ünïcödé — 中文 \u{1f600} x"
    );
    let place = |at: usize| e.pieces.iter().rev().find(|p| p.at <= at).unwrap();
    // "goes" starts a piece on line 3 after collapsed white space.
    let goes = e.text.find("goes").unwrap();
    assert_eq!(place(goes).at, goes);
    assert_eq!(place(goes).place, Place::Line { line: 3, column: 3 });
    // A reference is a piece of its own, at its `&`, and the text after it another.
    let dash = e.text.find('\u{2014}').unwrap();
    assert_eq!(
        place(dash).place,
        Place::Line {
            line: 3,
            column: 11
        }
    );
    assert_eq!(place(dash + 3).at, dash + 3);
    // Three spaces made one: the word after them starts a piece.
    let line = e.text.find("line goes").unwrap();
    assert_eq!(place(line).at, line);
    assert_eq!(
        place(line).place,
        Place::Line {
            line: 2,
            column: 12
        }
    );
    // One space between words in the source is no break in a piece.
    assert_eq!(place(goes + "goes ".len()).at, goes);
}

#[test]
fn a_long_line_costs_linear_time() {
    // Minified pages are one line: each place is counted from the one before.
    let mut html = String::from("<p>");
    for i in 0..100_000 {
        html.push_str(&format!("<b>w{i}</b> &amp; "));
    }
    let start = Instant::now();
    let e = read(&html);
    assert!(e.pieces.len() > 350_000, "{}", e.pieces.len());
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

// Limits.

#[test]
fn deep_nesting_is_refused_quickly() {
    let html = "<div>".repeat(100_000) + "text";
    let start = Instant::now();
    let f = refused(html.as_bytes());
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    assert_eq!(f.rule.code, "source-malformed");
    assert!(
        f.reason
            .starts_with("HTML nested deeper than 512 elements (at line 1)"),
        "{}",
        f.reason
    );
    // Formatting elements the parser would reopen count too.
    let html = "<p>".to_owned() + &"<b id=x>".repeat(5_000) + "</p>x<p>y";
    assert_eq!(refused(html.as_bytes()).rule.code, "source-malformed");
    let html = "<table><tr><td>".repeat(2_000);
    assert_eq!(refused(html.as_bytes()).rule.code, "source-malformed");
    // A page well inside the limit reads.
    let html = "<div>\n".repeat(500) + "deep";
    let e = read(&html);
    assert_eq!(e.text, "deep");
    assert_eq!(
        e.pieces[0].place,
        Place::Line {
            line: 501,
            column: 1
        }
    );
}

#[test]
fn a_16_mib_text_node_reads_and_more_is_too_large() {
    let word = "lorem ";
    let n = MAX_TEXT_BYTES / word.len();
    let body = word.repeat(n) + &"x".repeat(MAX_TEXT_BYTES - n * word.len());
    let html = format!("<p>{body}</p>");
    let start = Instant::now();
    let e = extract(html.as_bytes(), None).unwrap_or_else(|f| panic!("{}", f.reason));
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
    assert_eq!(e.text.len(), MAX_TEXT_BYTES);
    assert_eq!(
        e.pieces.len(),
        1,
        "one line of the source, followed character by character"
    );
    let html = format!("<title>t</title><p>{body}</p>");
    let f = refused(html.as_bytes());
    assert_eq!(f.rule.code, "source-too-large");
}

// Dates.

fn date(name: &str, value: &str, publication: bool, line: u32) -> MetaDate {
    MetaDate {
        name: name.into(),
        value: value.into(),
        publication,
        line,
    }
}

#[test]
fn dates_in_meta_time_microdata_and_json_ld() {
    let html = r#"<html><head>
<meta property="article:published_time" content="2003-12-03T09:15:00+03:00">
<meta name="DC.date.issued" content="2003-12-03">
<meta
  property="article:modified_time"
  content="2003-12-04T10:00:00Z">
<meta name="sailthru.date" content="Wed, 03 Dec 2003">
<meta name="description" content="2003-01-01">
<meta name="date" content="">
<script type="application/ld+json">
{"@context": "https://schema.org",
 "@graph": [
   {"@type": "WebPage", "dateModified": "2003-12-05"},
   {"@type": "NewsArticle",
    "datePublished": "2003-12-03T09:00:00+03:00"}]}
</script>
<script type="application/ld+json"><!--
[{"datePublished": "2003-12-02"}, {"datePublished": 5}]
--></script>
<script type="application/ld+json">{"datePublished": "broken",}</script>
</head><body>
<p>Updated <time datetime="2003-12-06">Saturday</time>,
published <time pubdate datetime="2003-12-03">Wednesday</time>.
<span itemprop="datePublished" content="2003-12-03">3 Dec</span></p>
</body></html>"#;
    let e = read(html);
    assert_eq!(
        e.dates,
        [
            date(
                "meta article:published_time",
                "2003-12-03T09:15:00+03:00",
                true,
                2
            ),
            date("meta DC.date.issued", "2003-12-03", true, 3),
            date(
                "meta article:modified_time",
                "2003-12-04T10:00:00Z",
                false,
                4
            ),
            date("meta sailthru.date", "Wed, 03 Dec 2003", true, 7),
            date("JSON-LD dateModified", "2003-12-05", false, 13),
            date(
                "JSON-LD datePublished",
                "2003-12-03T09:00:00+03:00",
                true,
                15
            ),
            date("JSON-LD datePublished", "2003-12-02", true, 18),
            date("time datetime", "2003-12-06", false, 22),
            date("time pubdate", "2003-12-03", false, 23),
            date("span datePublished", "2003-12-03", true, 24),
        ]
    );
    assert_eq!(e.text, "Updated Saturday, published Wednesday. 3 Dec");
}

// Real pages, from mozilla/readability's test pages (tests/sources/html/ORIGIN.md).

fn page(name: &str) -> Extracted {
    let path = format!(
        "{}/tests/sources/html/readability-{name}.html",
        env!("CARGO_MANIFEST_DIR")
    );
    read_bytes(&std::fs::read(&path).unwrap(), None)
}

/// Each of `shown` is a whole paragraph of the text, and none of `hidden` is anywhere in it.
fn assert_reads(e: &Extracted, shown: &[&str], hidden: &[&str]) {
    let paragraphs = paragraphs(&e.text);
    for s in shown {
        assert!(paragraphs.contains(s), "no paragraph {s:?}");
    }
    for h in hidden {
        assert!(!e.text.contains(h), "{h:?} is read");
    }
}

#[test]
fn bbc_news_page() {
    let e = page("bbc-1");
    assert_eq!(
        paragraphs(&e.text)[0],
        "Obama admits US gun laws are his 'biggest frustration' - BBC News"
    );
    assert_reads(
        &e,
        &[
            "Obama admits US gun laws are his 'biggest frustration'",
            "President Barack Obama has admitted that his failure to pass \"common sense gun \
             safety laws\" in the US is the greatest frustration of his presidency.",
            // A figcaption.
            "The president said he would continue fighting for greater gun control laws",
            // A list item, and navigation (no boilerplate is guessed away).
            "He is confident the Iran nuclear deal will be passed by Congress",
            "Sport",
        ],
        &[
            "_sf_startpt",
            ".bbccom_display_none",
            "orb.ws.require.lib",
            "BBCDOTCOM head",
            "datePublished",
        ],
    );
    assert_eq!(
        e.dates,
        [date(
            "JSON-LD datePublished",
            "2015-07-24T05:36:09+01:00",
            true,
            81
        )]
    );
}

#[test]
fn heise_page_in_german() {
    let e = page("heise");
    assert_reads(
        &e,
        &[
            "1Password für Mac generiert Einmal-Passwörter | Mac & i",
            "1Password scannt auch QR-Codes.",
            "(Bild: Hersteller)",
            "1Password kostet aktuell knapp 50 Euro im Mac App Store und setzt in seiner \
             aktuellen Version mindestens OS X 10.10 voraus. (bsc)",
        ],
        &[
            "googleoff",
            "jQuery(document)",
            "heisetopnavi_button",
            "search_hidden",
        ],
    );
    assert_eq!(
        e.dates,
        [date("meta date", "2015-04-08T12:46:00", true, 16)]
    );
}

#[test]
fn aktualne_page_in_czech() {
    let e = page("aktualne");
    assert_reads(
        &e,
        &[
            "West Ham hrozí gigantům, okouzlil i Linekera. Součkovu práci je snadné přehlédnout \
             - Aktuálně.cz",
            "Tomáš Souček zůstává nepostradatelným členem základní sestavy, navzdory tomu, že \
             jeho poslední výkony působí nenápadně.",
        ],
        &[
            "Google Tag Manager",
            "googletagmanager",
            "createZapasHtml",
            "obal-widget",
        ],
    );
    assert_eq!(
        e.dates,
        [
            date(
                "meta article:published_time",
                "2021-11-01T10:52:50+01:00",
                true,
                15
            ),
            date(
                "meta article:modified_time",
                "2021-11-01T12:34:23+01:00",
                false,
                16
            ),
            // In a JSON-LD object written on one line, in the order written.
            date(
                "JSON-LD datePublished",
                "2021-11-01T10:52:50+0100",
                true,
                42
            ),
            date(
                "JSON-LD dateModified",
                "2021-11-01T10:52:50+0100",
                false,
                42
            ),
        ]
    );
}

#[test]
fn herald_sun_page() {
    let e = page("herald-sun-1");
    assert_reads(
        &e,
        &[
            "“These legitimate concerns cannot be addressed effectively short of exempting \
             journalists and media organisations,” says president David Weisbrot.",
            "A new Bill would require telecommunications service providers to store so-called \
             ‘metadata’ for two years. Source: Supplied",
        ],
        &["thisPage::", "breachflag", "talogin-error"],
    );
    assert_eq!(
        e.dates,
        [date(
            "meta article:publicationdate",
            "Fri Mar 13 21:30:09 EST 2015",
            true,
            71
        )]
    );
}

#[test]
fn hukumusume_page_in_japanese() {
    let e = page("hukumusume");
    assert_reads(
        &e,
        &[
            "欲張りなイヌ　＜福娘童話集　きょうのイソップ童話＞",
            "欲張りなイヌ",
            "おしまい",
        ],
        &["<rt>", "bgcolor"],
    );
    assert!(e.text.contains(
        "　肉をくわえたイヌが、橋を渡っていました。 　ふと下を見ると、川の中にも肉をくわえたイヌがいます。"
    ));
}

#[test]
fn qq_page_in_chinese_saved_again_as_utf8() {
    // The page declares gb2312 but its bytes are UTF-8.
    let e = page("qq");
    assert_reads(
        &e,
        &["DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶_科技_腾讯网"],
        &["jackiejiang", "indexOf(\"/a/\")", "visibility: hidden"],
    );
}

#[test]
fn hidden_nodes_page() {
    let e = page("hidden-nodes");
    // The same paragraph three times: shown, `display: none`, `hidden`.
    assert_eq!(e.text.matches("Stet clita kasd gubergren").count(), 3);
    assert_reads(&e, &["Secondary header", "Third header"], &[]);
}

#[test]
fn parsely_metadata_page() {
    let e = page("parsely-metadata");
    assert_eq!(paragraphs(&e.text)[0], "Test document title");
    assert_eq!(
        e.dates,
        [date(
            "meta parsely-pub-date",
            "2024-04-20T04:20:00.000Z",
            true,
            6
        )]
    );
}

// Never a panic.

/// Markup fragments that exercise the tree builder's odd corners.
fn soup() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        Just("<p>"),
        Just("</p>"),
        Just("<b>"),
        Just("</b>"),
        Just("<i>"),
        Just("<div>"),
        Just("</div>"),
        Just("<table>"),
        Just("<tr>"),
        Just("<td>"),
        Just("</table>"),
        Just("<pre>"),
        Just("</pre>"),
        Just("<br>"),
        Just("<title>"),
        Just("</title>"),
        Just("<script>"),
        Just("</script>"),
        Just("<style>"),
        Just("<textarea>"),
        Just("<svg>"),
        Just("<math>"),
        Just("<template>"),
        Just("</template>"),
        Just("<select>"),
        Just("<frameset>"),
        Just("<!--"),
        Just("-->"),
        Just("<![CDATA["),
        Just("&amp;"),
        Just("&notit;"),
        Just("&#128512;"),
        Just("&#x0;"),
        Just("&"),
        Just("<"),
        Just("\r\n"),
        Just("\r"),
        Just("\n"),
        Just(" "),
        Just("\0"),
        Just("word"),
        Just("ünï"),
        Just("中文"),
        Just("<meta charset=koi8-r>"),
        Just("<p hidden>"),
        Just("<a href='x'>"),
    ];
    proptest::collection::vec(part, 0..60).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes_read_or_refused_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(e) = extract(&bytes, None) {
            assert_places(&bytes, None, &e);
        }
    }

    #[test]
    fn tag_soup_reads_with_places_that_hold(html in soup()) {
        if let Ok(e) = extract(html.as_bytes(), None) {
            assert_places(html.as_bytes(), None, &e);
        }
    }
}

/// `cargo test --release --lib articles::html::tests::speed -- --ignored --nocapture`
#[test]
#[ignore]
#[allow(clippy::print_stderr)]
fn speed() {
    let dir = format!("{}/tests/sources/html", env!("CARGO_MANIFEST_DIR"));
    let pages: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let rounds = 50;
    let start = Instant::now();
    for _ in 0..rounds {
        for page in &pages {
            std::hint::black_box(extract(page, None).ok());
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    let mut times = [0f64; 5];
    for _ in 0..rounds {
        for page in &pages {
            let t = Instant::now();
            let (source, _) = charset::decode(page, None);
            times[0] += t.elapsed().as_secs_f64();
            let t = Instant::now();
            struct Nothing;
            impl html5ever::tokenizer::TokenSink for Nothing {
                type Handle = ();
                fn process_token(
                    &self,
                    _: html5ever::tokenizer::Token,
                    _: u64,
                ) -> html5ever::tokenizer::TokenSinkResult<()> {
                    html5ever::tokenizer::TokenSinkResult::Continue
                }
            }
            let tok = html5ever::tokenizer::Tokenizer::new(Nothing, Default::default());
            let q = html5ever::tokenizer::BufferQueue::default();
            q.push_back(html5ever::tendril::StrTendril::from_slice(&source));
            let _ = tok.feed(&q);
            tok.end();
            times[4] += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let tree = parse::parse(&source).ok().unwrap();
            times[1] += t.elapsed().as_secs_f64();
            let t = Instant::now();
            std::hint::black_box(text::visible(&tree).ok());
            times[2] += t.elapsed().as_secs_f64();
            let t = Instant::now();
            std::hint::black_box(meta::stated(&tree));
            times[3] += t.elapsed().as_secs_f64();
        }
    }
    eprintln!(
        "decode {:.1} ms, parse {:.1} ms (tokenizer alone {:.1} ms), text {:.1} ms, dates {:.1} ms",
        times[0] * 1000.0,
        times[1] * 1000.0,
        times[4] * 1000.0,
        times[2] * 1000.0,
        times[3] * 1000.0
    );
    let per_100k = elapsed / (rounds * bytes) as f64 * 100_000.0 * 1000.0;
    eprintln!(
        "{} pages, {} KB, {rounds} rounds: {:.1} ms; {per_100k:.3} ms per 100 KB on one core",
        pages.len(),
        bytes / 1000,
        elapsed * 1000.0
    );
}

/// The way back holds on every page of a folder (Readability's 130 test pages did):
/// `HTML_PAGES=DIR cargo test --lib articles::html::tests::every_page_in_a_folder -- --ignored`
#[test]
#[ignore]
fn every_page_in_a_folder() {
    let dir = std::env::var("HTML_PAGES").expect("HTML_PAGES names a folder of .html pages");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        if let Ok(e) = extract(&bytes, None) {
            assert_places(&bytes, None, &e);
        }
    }
}

// Publisher names.

#[test]
fn the_page_names_its_publisher_in_site_metadata_and_json_ld() {
    let e = read(
        r#"<html><head>
<meta property="og:site_name" content=" Sample Wire ">
<meta name="application-name" content="Wire App">
<meta name="description" content="Not a publisher">
<meta property="og:title" content="Not one either">
<script type="application/ld+json">
{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Sample Wire Ltd"},
 "author": {"name": "Not A Publisher"}}
</script>
</head><body><p>Text.</p></body></html>"#,
    );
    assert_eq!(e.publishers, ["Sample Wire", "Wire App", "Sample Wire Ltd"]);
}

#[test]
fn real_pages_name_their_publisher_in_metadata_once_each() {
    let e = page("aktualne");
    assert!(
        e.publishers.iter().any(|p| p == "Aktuálně.cz"),
        "{:?}",
        e.publishers
    );
    let e = page("bbc-1");
    assert_eq!(e.publishers, ["BBC News"]);
}

#[test]
fn json_ld_with_a_charset_parameter_is_read() {
    let e = read(
        r#"<html><head><script type="application/ld+json; charset=utf-8">
{"datePublished": "2003-12-03"}
</script></head><body><p>Text.</p></body></html>"#,
    );
    assert_eq!(
        e.dates,
        [date("JSON-LD datePublished", "2003-12-03", true, 2)]
    );
}
