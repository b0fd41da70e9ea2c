//! What a page's HTML says about itself outside its visible text: its own address
//! (`og:url`, or the canonical link) and the link to the notice's PDF.

/// Addresses from a page's markup.
#[derive(Clone, Debug, Default)]
pub(crate) struct Head {
    pub url: Option<String>,
    /// The first link to a PDF whose name is a notice reference.
    pub pdf: Option<String>,
}

impl Head {
    pub(crate) fn read(html: &str) -> Head {
        let mut head = Head::default();
        for tag in tags(html, "<meta").chain(tags(html, "<link")) {
            let names = [attr(tag, "property"), attr(tag, "name"), attr(tag, "rel")];
            let is_url = names
                .iter()
                .flatten()
                .any(|n| n.eq_ignore_ascii_case("og:url") || n.eq_ignore_ascii_case("canonical"));
            let value = attr(tag, "content").or_else(|| attr(tag, "href"));
            if is_url && head.url.is_none() {
                head.url = value.filter(|v| v.starts_with("http")).map(str::to_string);
            }
        }
        head.pdf = pdf_links(html)
            .find(|l| super::address::reference(l).is_some())
            .map(str::to_string);
        head
    }
}

/// Each tag opening with `open` (lower-case), up to its '>'.
fn tags<'a>(html: &'a str, open: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let rest = html.get(from..)?;
        let at = find_ci(rest, open)?;
        let tag = &rest[at..];
        let end = tag.find('>').unwrap_or(tag.len());
        from += at + end.max(1);
        Some(&tag[..end])
    })
}

/// The quoted value of `name="..."` in a tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(p) = tag.get(from..).and_then(|t| find_ci(t, name)) {
        let at = from + p;
        from = at + name.len();
        let before = tag[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = tag[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let body = &rest[1..];
        return body.find(quote).map(|e| body[..e].trim());
    }
    None
}

/// Quoted values ending in ".pdf".
fn pdf_links(html: &str) -> impl Iterator<Item = &str> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let rest = html.get(from..)?;
        let at = find_ci(rest, ".pdf\"")?;
        let end = from + at + 4;
        from = end + 1;
        let start = html[..end].rfind(['"', '\n']).map_or(0, |s| s + 1);
        let link = &html[start..end];
        if !link.contains(char::is_whitespace) {
            return Some(link);
        }
    })
}

/// ASCII case-insensitive find of a lower-case needle.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::Head;

    #[test]
    fn addresses_in_markup() {
        let html = r#"<head><meta
            property="og:url"
            content="https://ico.org.uk/action-weve-taken/decision-notices/2031/02/ic-100200-a1b2/" />
            </head><body><further-reading x-href="/media/files/ic-100200-a1b2.pdf" x-title="x">"#;
        let head = Head::read(html);
        assert_eq!(
            head.url.as_deref(),
            Some("https://ico.org.uk/action-weve-taken/decision-notices/2031/02/ic-100200-a1b2/")
        );
        assert_eq!(head.pdf.as_deref(), Some("/media/files/ic-100200-a1b2.pdf"));
        assert!(Head::read("<meta content=\"x\"><a href='a.pdf\"")
            .url
            .is_none());
    }
}
