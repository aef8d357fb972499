//! The captures of an archive, in file order, and the choice among them of the one that
//! serves an address: exact address before the normalised one, a page before a revisit
//! before a redirect, redirects followed, revisits resolved to their original; or the
//! finding that names the address and the nearest pages the archive holds (mod.rs has the
//! rules in full).

use super::fail::too_large;
use super::url;
use super::warc::Header;
use crate::articles::extract::Failure;
use crate::articles::findings::ARCHIVE_RECORD_MISSING;
use std::collections::HashSet;

/// The most captures indexed, and the most bytes of their addresses and fields.
const MAX_CAPTURES: usize = 200_000;
const MAX_INDEX_BYTES: usize = 64 << 20;
/// The most redirects followed from the address asked for.
const MAX_HOPS: usize = 5;
/// The most revisits of one address whose original is looked for: each look is a walk over
/// the index, and an archive of many revisits of one page is a hostile one.
const MAX_REVISITS_TRIED: usize = 16;
/// The most addresses a missing capture's finding lists.
const MAX_NEAR: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Response,
    Resource,
    Revisit,
}

/// What the first pass keeps of a capture: enough to choose, and where to find it again.
#[derive(Debug)]
pub(super) struct Entry {
    /// Which of the inputs, and where the record starts in its inflated stream.
    pub(super) input: usize,
    pub(super) start: u64,
    pub(super) kind: Kind,
    pub(super) uri: String,
    pub(super) date: Option<String>,
    pub(super) id: Option<String>,
    pub(super) digest: Option<String>,
    pub(super) refers_to: Option<String>,
    pub(super) refers_uri: Option<String>,
    pub(super) refers_date: Option<String>,
    /// The HTTP status; 200 for a resource; 0 when the block is no HTTP response.
    pub(super) status: u16,
    pub(super) location: Option<String>,
    /// The HTTP `Content-Type`, or a resource's WARC `Content-Type`.
    pub(super) mime: Option<String>,
    pub(super) segmented: bool,
}

impl Entry {
    pub(super) fn new(input: usize, h: &Header, kind: Kind, uri: String) -> Self {
        let field = |name: &str| h.get(name).map(str::to_owned);
        Entry {
            input,
            start: h.start,
            kind,
            uri,
            date: field("WARC-Date"),
            id: field("WARC-Record-ID"),
            digest: field("WARC-Payload-Digest"),
            refers_to: field("WARC-Refers-To"),
            refers_uri: field("WARC-Refers-To-Target-URI").map(|u| url::bare(&u).to_owned()),
            refers_date: field("WARC-Refers-To-Date"),
            status: 0,
            location: None,
            mime: None,
            segmented: h.get("WARC-Segment-Number").is_some(),
        }
    }

    /// A capture of a page: a 2xx response or a resource, whole.
    pub(super) fn page(&self) -> bool {
        self.kind != Kind::Revisit && ok(self.status) && !self.segmented
    }

    /// A revisit of a page (whose original may or may not be in the archive): its HTTP
    /// head, when it has one, says 2xx or 304.
    pub(super) fn revisit(&self) -> bool {
        self.kind == Kind::Revisit && (ok(self.status) || matches!(self.status, 0 | 304))
    }

    fn redirect(&self) -> Option<&str> {
        let redirect = (300..400).contains(&self.status) && self.status != 304;
        self.location.as_deref().filter(|_| redirect)
    }

    fn bytes(&self) -> usize {
        let opt = |s: &Option<String>| s.as_ref().map_or(0, String::len);
        std::mem::size_of::<Self>()
            + self.uri.len()
            + [&self.date, &self.id, &self.digest, &self.refers_to]
                .into_iter()
                .chain([
                    &self.refers_uri,
                    &self.refers_date,
                    &self.location,
                    &self.mime,
                ])
                .map(opt)
                .sum::<usize>()
    }

    /// Why this capture cannot serve, as a user reads it.
    fn why_not(&self) -> String {
        if self.segmented {
            "split into segments (WARC-Segment-Number), which citeline does not join".into()
        } else if self.revisit() {
            "a revisit record whose original capture is not in the archive".into()
        } else if self.status == 0 {
            "not an HTTP response citeline can read".into()
        } else if (300..400).contains(&self.status) {
            format!("an HTTP {} redirect without a Location", self.status)
        } else {
            format!("an HTTP {} response", self.status)
        }
    }
}

/// A status whose body is the page: 2xx but no content, reset content or a partial body.
pub(super) fn ok(status: u16) -> bool {
    (200..300).contains(&status) && !(204..=206).contains(&status)
}
/// The captures of an archive, in file order.
#[derive(Default)]
pub(super) struct Index {
    entries: Vec<Entry>,
    bytes: usize,
}

pub(super) enum Choice<'i> {
    Page(&'i Entry),
    Revisit(&'i Entry, &'i Entry),
}

impl Index {
    pub(super) fn push(&mut self, e: Entry) -> Result<(), Failure> {
        self.bytes += e.bytes();
        if self.entries.len() == MAX_CAPTURES || self.bytes > MAX_INDEX_BYTES {
            return Err(too_large(format!(
                "the archive holds more than {MAX_CAPTURES} captures (or 64 MiB of their \
                 addresses): citeline reads archives of a page or a small crawl"
            )));
        }
        self.entries.push(e);
        Ok(())
    }

    /// The capture that serves `want` (see the module's rules).
    pub(super) fn choose(&self, want: &str, pages: &[String]) -> Result<Choice<'_>, Failure> {
        let mut target = want.to_owned();
        let mut chain = vec![target.clone()];
        loop {
            let key = url::normalise(&target);
            let exact: Vec<&Entry> = self.entries.iter().filter(|e| e.uri == target).collect();
            let close: Vec<&Entry> = self
                .entries
                .iter()
                .filter(|e| e.uri != target && url::normalise(&e.uri) == key)
                .collect();
            let mut redirect = None;
            for tier in [&exact, &close] {
                if let Some(e) = tier.iter().find(|e| e.page()) {
                    return Ok(Choice::Page(e));
                }
                let revisit = tier
                    .iter()
                    .filter(|e| e.revisit())
                    .take(MAX_REVISITS_TRIED)
                    .find_map(|r| self.original(r).map(|o| (*r, o)));
                if let Some((r, o)) = revisit {
                    return Ok(Choice::Revisit(r, o));
                }
                redirect = tier.iter().find_map(|e| Some((*e, e.redirect()?)));
                if redirect.is_some() {
                    break;
                }
            }
            let Some((from, location)) = redirect else {
                let seen = exact.first().or(close.first());
                return Err(self.missing(&chain, seen.map(|e| (&e.uri, e.why_not())), pages));
            };
            let to = url::join(&from.uri, location);
            if chain.contains(&to) || chain.len() > MAX_HOPS {
                let why = if chain.contains(&to) {
                    "redirects in a circle".into()
                } else {
                    format!("redirects more than {MAX_HOPS} times")
                };
                chain.push(to);
                return Err(Failure::new(
                    &ARCHIVE_RECORD_MISSING,
                    format!(
                        "the archive's capture of `{want}` {why}: {}",
                        arrows(&chain)
                    ),
                    "set `url` to the address of the page itself, as the archive records it",
                ));
            }
            chain.push(to.clone());
            target = to;
        }
    }

    /// The capture a revisit repeats: by record id, then by address (and date), then by
    /// payload digest; always a whole page, whose digest agrees when both have one.
    fn original(&self, r: &Entry) -> Option<&Entry> {
        let pages = || self.entries.iter().filter(|e| e.page());
        let same = |e: &Entry| match (&r.digest, &e.digest) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => true,
        };
        if let Some(id) = &r.refers_to {
            if let Some(e) = pages().find(|e| e.id.as_ref() == Some(id)) {
                return Some(e);
            }
        }
        if let Some(uri) = &r.refers_uri {
            let mut at_uri = pages().filter(|e| &e.uri == uri && same(e));
            let first = at_uri.next();
            let dated = first
                .into_iter()
                .chain(at_uri)
                .find(|e| r.refers_date.is_some() && e.date == r.refers_date);
            if let Some(e) = dated.or(first) {
                return Some(e);
            }
        }
        let digest = r.digest.as_ref()?;
        pages().find(|e| {
            e.digest
                .as_ref()
                .is_some_and(|d| d.eq_ignore_ascii_case(digest))
        })
    }

    /// The finding for a chain of addresses whose last has no capture that serves; `seen` is
    /// a capture of it that cannot serve, and why.
    fn missing(
        &self,
        chain: &[String],
        seen: Option<(&String, String)>,
        pages: &[String],
    ) -> Failure {
        let (want, last) = (&chain[0], &chain[chain.len() - 1]);
        let as_recorded = |uri: &String| {
            if uri == last {
                String::new()
            } else {
                format!(" (recorded as `{uri}`)")
            }
        };
        let mut reason = match (chain.len(), seen) {
            (1, None) => format!("the archive holds no capture of `{want}`"),
            (1, Some((uri, why))) => {
                format!(
                    "the archive's capture of `{want}`{} is {why}",
                    as_recorded(uri)
                )
            }
            (hops, seen) => {
                let path = if hops > 2 {
                    format!(" ({})", arrows(chain))
                } else {
                    String::new()
                };
                let end = match seen {
                    None => "which it does not hold".to_owned(),
                    Some((uri, why)) => format!("whose capture{} is {why}", as_recorded(uri)),
                };
                format!("the archive's capture of `{want}` redirects to `{last}`{path}, {end}")
            }
        };
        // The addresses already tried are not worth suggesting.
        let tried: HashSet<String> = chain.iter().map(|u| url::normalise(u)).collect();
        let near = self.near(last, pages, &tried);
        if near.is_empty() {
            reason.push_str("; it holds no other pages");
        } else {
            let list: Vec<String> = near.iter().map(|u| format!("`{u}`")).collect();
            reason = format!("{reason}; the nearest pages it holds: {}", list.join(", "));
        }
        Failure::new(
            &ARCHIVE_RECORD_MISSING,
            reason,
            "set `url` to the page's address exactly as the archive records it (a #fragment, \
             http or https, and a trailing / after the host do not matter; the path and the \
             query do)",
        )
    }

    /// Up to five addresses of pages in the archive nearest to `target`: a WACZ's listed
    /// pages and the HTML and PDF captures (any web capture when there are none of those),
    /// by edit distance between their normalised forms.
    fn near<'s>(
        &'s self,
        target: &str,
        pages: &'s [String],
        tried: &HashSet<String>,
    ) -> Vec<String> {
        // A web address, not one already tried, not listed yet.
        let mut seen: HashSet<&'s str> = HashSet::new();
        let mut fresh = |u: &&'s str| {
            let lower = u.to_ascii_lowercase();
            let web = lower.starts_with("http://") || lower.starts_with("https://");
            web && !tried.contains(&url::normalise(u)) && seen.insert(*u)
        };
        let served = |e: &&Entry| e.page() || e.revisit() || e.redirect().is_some();
        let doc = |e: &&Entry| {
            e.mime.as_deref().is_some_and(|m| {
                let m = m.to_ascii_lowercase();
                ["text/html", "application/xhtml+xml", "application/pdf"]
                    .iter()
                    .any(|d| m.starts_with(d))
            })
        };
        let captures = self.entries.iter().filter(served);
        let mut candidates: Vec<&str> = pages
            .iter()
            .map(String::as_str)
            .chain(captures.clone().filter(doc).map(|e| e.uri.as_str()))
            .filter(&mut fresh)
            .collect();
        if candidates.is_empty() {
            candidates = captures
                .map(|e| e.uri.as_str())
                .filter(&mut fresh)
                .collect();
        }
        rank(target, candidates)
    }
}

/// `candidates` nearest to `target` first, at most [`MAX_NEAR`]. Distances are taken on the
/// first 200 characters; past 1,000 candidates only those sharing the longest prefix with the
/// target are measured, so a crawl of many pages costs milliseconds.
fn rank(target: &str, candidates: Vec<&str>) -> Vec<String> {
    const CHARS: usize = 200;
    const MEASURED: usize = 1000;
    let head = |u: &str| url::normalise(u).chars().take(CHARS).collect::<String>();
    let target = head(target);
    let mut keyed: Vec<(String, &str)> = candidates.into_iter().map(|u| (head(u), u)).collect();
    if keyed.len() > MEASURED {
        let common = |k: &str| {
            k.chars()
                .zip(target.chars())
                .take_while(|(a, b)| a == b)
                .count()
        };
        keyed.sort_by_cached_key(|(k, _)| std::cmp::Reverse(common(k)));
        keyed.truncate(MEASURED);
    }
    let mut scored: Vec<(f64, &str)> = keyed
        .iter()
        .map(|(k, u)| (strsim::normalized_levenshtein(&target, k), *u))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(MAX_NEAR)
        .map(|(_, u)| u.to_owned())
        .collect()
}

fn arrows(chain: &[String]) -> String {
    chain
        .iter()
        .map(|u| format!("`{u}`"))
        .collect::<Vec<_>>()
        .join(" → ")
}
