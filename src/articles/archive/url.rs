//! The URL rules of the archive reader: which spellings of an address name the same capture,
//! and where a redirect's `Location` points.
//!
//! The comparison is deliberately narrow. Two addresses match when they are equal after:
//! dropping a `#fragment` (never sent to a server), lowercasing the scheme and the host,
//! treating `http` and `https` as one (sites moved, captures keep either), dropping the
//! default port (`:80`, `:443`), and writing an empty path as `/` (`http://x.org` is
//! `http://x.org/`). The path and the query are compared byte for byte: `/a` and `/a/`, `?p=1`
//! and `?p=2`, `%7E` and `~` can be different pages, and a quote checked against the wrong
//! page is worse than a finding that names the right address.

/// A target URI as written, without the space around it and the angle brackets some writers
/// put around it (wget: `<http://example.com/>`).
pub(super) fn bare(uri: &str) -> &str {
    let t = uri.trim();
    t.strip_prefix('<')
        .and_then(|s| s.strip_suffix('>'))
        .unwrap_or(t)
        .trim()
}

/// The scheme of `url` (`http` in `http://…`), when it starts with one.
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let s = &url[..colon];
    let mut chars = s.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then_some(s)
}

/// `url` split into scheme, authority and the rest (path and query), for a URL with an
/// authority (`scheme://authority/rest`); the fragment is dropped.
fn split(url: &str) -> Option<(&str, &str, &str)> {
    let url = url.split('#').next().unwrap_or(url);
    let scheme = scheme(url)?;
    let after = url[scheme.len() + 1..].strip_prefix("//")?;
    let end = after.find(['/', '?']).unwrap_or(after.len());
    Some((scheme, &after[..end], &after[end..]))
}

/// The key under which two spellings of one address are equal (see the module's rule).
pub(super) fn normalise(url: &str) -> String {
    let url = bare(url);
    let Some((scheme, authority, rest)) = split(url) else {
        return url.split('#').next().unwrap_or(url).to_owned();
    };
    let scheme = scheme.to_ascii_lowercase();
    let (userinfo, hostport) = match authority.rfind('@') {
        Some(at) => (&authority[..=at], &authority[at + 1..]),
        None => ("", authority),
    };
    // The port is what follows the last colon, unless that colon is inside an IPv6 literal.
    let (host, port) = match hostport.rfind(':') {
        Some(c) if !hostport[c..].contains(']') => (&hostport[..c], &hostport[c + 1..]),
        _ => (hostport, ""),
    };
    let default = matches!(
        (scheme.as_str(), port),
        (_, "") | ("http", "80") | ("https", "443")
    );
    let port = if default {
        String::new()
    } else {
        format!(":{port}")
    };
    let scheme = if scheme == "https" { "http" } else { &scheme };
    let slash = if rest.starts_with('/') { "" } else { "/" };
    format!(
        "{scheme}://{userinfo}{}{port}{slash}{rest}",
        host.to_ascii_lowercase()
    )
}

/// Where `reference` (a `Location` header) points from `base` (RFC 3986 §5.2, without the
/// cases a redirect does not use).
pub(super) fn join(base: &str, reference: &str) -> String {
    let reference = reference.trim();
    if scheme(reference).is_some() {
        return reference.to_owned();
    }
    let Some((scheme, authority, rest)) = split(base) else {
        return reference.to_owned();
    };
    if let Some(net) = reference.strip_prefix("//") {
        return format!("{scheme}://{net}");
    }
    let (path, _query) = rest.split_once('?').unwrap_or((rest, ""));
    let joined = if reference.is_empty() || reference.starts_with('#') {
        rest.to_owned()
    } else if reference.starts_with('?') {
        format!("{path}{reference}")
    } else if reference.starts_with('/') {
        reference.to_owned()
    } else {
        let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        let dir = if dir.is_empty() { "/" } else { dir };
        format!("{dir}{reference}")
    };
    let (path, query) = match joined.find(['?', '#']) {
        Some(i) => (&joined[..i], &joined[i..]),
        None => (joined.as_str(), ""),
    };
    format!("{scheme}://{authority}{}{query}", remove_dots(path))
}

/// A path without its `.` and `..` segments (RFC 3986 §5.2.4).
fn remove_dots(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *seg {
            "." | ".." => {
                if *seg == ".." {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_address_match() {
        let same = [
            ("http://example.com/", "https://example.com/"),
            ("http://example.com", "http://example.com/"),
            ("HTTP://Example.COM/a", "http://example.com/a"),
            ("http://example.com/a#top", "http://example.com/a"),
            ("http://example.com:80/a", "https://example.com:443/a"),
            ("<http://example.com/>", "http://example.com/"),
            ("http://example.com?q=1", "http://example.com/?q=1"),
        ];
        for (a, b) in same {
            assert_eq!(normalise(a), normalise(b), "{a} vs {b}");
        }
    }

    #[test]
    fn paths_and_queries_are_compared_as_written() {
        let different = [
            ("http://example.com/a", "http://example.com/a/"),
            ("http://example.com/A", "http://example.com/a"),
            ("http://example.com/?q=1", "http://example.com/?q=2"),
            ("http://example.com/?q=1", "http://example.com/"),
            ("http://example.com/%7E", "http://example.com/~"),
            ("http://www.example.com/", "http://example.com/"),
            ("http://example.com:8080/", "http://example.com/"),
        ];
        for (a, b) in different {
            assert_ne!(normalise(a), normalise(b), "{a} vs {b}");
        }
    }

    #[test]
    fn locations_resolve_against_the_capture() {
        let base = "https://www.iana.org/domains/example?x=1";
        let cases = [
            ("https://other.org/p", "https://other.org/p"),
            ("//cdn.org/p", "https://cdn.org/p"),
            ("/domains/reserved", "https://www.iana.org/domains/reserved"),
            ("reserved", "https://www.iana.org/domains/reserved"),
            ("../about", "https://www.iana.org/about"),
            ("./a/./b/../c?q", "https://www.iana.org/domains/a/c?q"),
            ("?y=2", "https://www.iana.org/domains/example?y=2"),
        ];
        for (location, want) in cases {
            assert_eq!(join(base, location), want, "{location}");
        }
        assert_eq!(join("http://x.org", "a"), "http://x.org/a");
    }
}
