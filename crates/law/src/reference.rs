//! Where a fact of law comes from: a title for people and a web address.

use serde::{Deserialize, Serialize};

/// One source. In `references` it is the legislation (legislation.gov.uk) or official guidance;
/// in `secondary` any other page where the fact was read.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// "FOIA 2000 s.10", "ICO guidance: complaints and internal reviews".
    pub title: String,
    /// An absolute web address: https for references, http allowed for archived secondary pages.
    pub href: String,
}

impl Reference {
    /// Where the legislation itself is published.
    pub const LEGISLATION: &'static str = "https://www.legislation.gov.uk/";

    /// True if this points at the legislation on legislation.gov.uk.
    pub fn is_legislation(&self) -> bool {
        self.href.starts_with(Self::LEGISLATION)
    }

    /// The titles joined with "; ", for one-line displays ("FOIA s.2(3): not listed").
    pub fn titles(list: &[Reference]) -> String {
        list.iter()
            .map(|r| r.title.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Why `href` is not a usable address, if it is not: an http(s) scheme (https only when
/// `secure`), a dotted host name, and no spaces, quotes or angle brackets.
pub(crate) fn href_problem(href: &str, secure: bool) -> Option<&'static str> {
    let rest = match (href.strip_prefix("https://"), href.strip_prefix("http://")) {
        (Some(rest), _) => rest,
        (None, Some(rest)) if !secure => rest,
        _ if secure => return Some("is not an https address"),
        _ => return Some("is not an http(s) address"),
    };
    let host = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host_ok = host.contains('.')
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-'])
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    if !host_ok {
        return Some("has no valid host name");
    }
    if href
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
    {
        return Some("contains a space, quote or bracket");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        for (href, secure, want) in [
            (
                "https://www.legislation.gov.uk/ukpga/2000/36/section/10",
                true,
                None,
            ),
            ("https://ico.org.uk/a?b=c#d", true, None),
            ("http://www.foi.gov.uk/guidance/", false, None),
            (
                "http://www.foi.gov.uk/guidance/",
                true,
                Some("is not an https address"),
            ),
            (
                "ftp://example.org/",
                false,
                Some("is not an http(s) address"),
            ),
            (
                "https://ico.org.uk./x",
                true,
                Some("has no valid host name"),
            ),
            ("https://localhost/x", true, Some("has no valid host name")),
            ("https:///x", true, Some("has no valid host name")),
            (
                "https://ico.org.uk/a b",
                true,
                Some("contains a space, quote or bracket"),
            ),
            ("FOIA s.10", true, Some("is not an https address")),
        ] {
            assert_eq!(href_problem(href, secure), want, "{href}");
        }
    }

    #[test]
    fn titles_join() {
        let r = |t: &str| Reference {
            title: t.into(),
            href: "https://www.legislation.gov.uk/ukpga/2000/36/section/2".into(),
        };
        assert_eq!(Reference::titles(&[r("a"), r("b")]), "a; b");
        assert!(r("a").is_legislation());
    }
}
