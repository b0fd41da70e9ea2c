//! The Commissioner's notice pages and published abstracts (ico.org.uk pages as HTML or
//! text, BAILII's UKICO copies, reposts), and documents that are not notices at all.
//!
//! [`read`] says what a page states about itself beside its prose: the authority in its
//! title, the date, the sector, the decision labels and the address. The prose itself (the
//! abstract) is read by `fields`, like a notice's own decision summary.

mod address;
mod flat;
mod foreign;
mod html;
pub(crate) mod join;
mod labels;
mod layout;

use std::ops::Range;

use foidesk_calendar::Date;

use crate::record::{DecisionLabel, SourceKind};
use crate::sections::{Doc, Kind};

pub(crate) use foreign::not_a_notice;

/// What a notice page or an abstract says about itself. Ranges index `doc.text`.
#[derive(Clone, Debug, Default)]
pub(crate) struct PageMeta {
    /// `NoticePage` or `Abstract`; `None` only in `Default`.
    pub kind: Option<SourceKind>,
    pub authority: Option<(String, Range<usize>)>,
    pub date: Option<(Date, Range<usize>)>,
    pub sector: Option<String>,
    pub decisions: Vec<DecisionLabel>,
    pub url: Option<String>,
    pub url_reference: Option<String>,
    /// The year in the address (ICO and BAILII addresses carry one), for undated pages.
    pub url_year: Option<i16>,
    /// The text outside the abstract's prose (metadata, site furniture): sorted, disjoint,
    /// and parts of lines where a page's labels and prose share one.
    pub furniture: Vec<Range<usize>>,
    /// The page stops mid-label (a provision with no finding).
    pub truncated: bool,
}

/// The page's metadata, or `None` when `doc` is not a notice page or an abstract
/// (a notice itself, or something else). `raw_html` is the input before HTML was
/// turned into text, when it was HTML.
pub(crate) fn read(doc: &Doc, raw_html: Option<&str>) -> Option<PageMeta> {
    if is_full_notice(doc) {
        return None;
    }
    let mut meta = layout::read(&doc.text, &doc.lines)?;
    let head = raw_html.map(html::Head::read).unwrap_or_default();
    if let Some(url) = head.url {
        meta.url = Some(url);
    }
    let url_ref = meta.url.as_deref().and_then(address::reference);
    meta.url_reference = url_ref.or_else(|| head.pdf.as_deref().and_then(address::reference));
    if meta.url.is_none() {
        meta.url = head.pdf;
    }
    meta.url_year = meta.url.as_deref().and_then(address::year);
    if meta.url.as_deref().is_some_and(address::is_commissioners) {
        meta.kind = Some(SourceKind::NoticePage);
    }
    Some(meta)
}

/// A decision notice itself: its title and front matter ("Public Authority:") or numbered
/// paragraphs, which pages and abstracts never have.
fn is_full_notice(doc: &Doc) -> bool {
    let numbered = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, Kind::Para(Some(_))))
        .count();
    let front = doc.lines.iter().take(40).any(|r| {
        let t = doc.text.get(r.clone()).unwrap_or("");
        let lower = t.get(..17).unwrap_or(t).to_ascii_lowercase();
        lower.starts_with("public authority:")
            || lower.starts_with("public authority") && t.len() <= 17
    });
    doc.title.is_some() && (front || numbered >= 3)
}

#[cfg(test)]
mod tests {
    use crate::{normalise, sections};

    /// The kept lines that are not furniture: what the main reading sees as prose.
    fn prose(input: &str, html: bool) -> Vec<String> {
        let mut chars = normalise::decode(input.as_bytes());
        if html {
            chars = normalise::html_to_text(&chars);
        }
        let doc = sections::build(normalise::clean_lines(&crate::layout::relayout(chars)));
        let meta = super::read(&doc, html.then_some(input)).expect("a page");
        let mut text = doc.text.clone();
        // Blank out furniture, from the end so earlier ranges stay valid.
        for r in meta.furniture.iter().rev() {
            text.replace_range(r.clone(), &" ".repeat(r.len()));
        }
        doc.lines
            .iter()
            .map(|r| text[r.clone()].trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    }

    #[test]
    fn furniture_leaves_only_the_abstract() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pages/");
        let cases = [
            (
                "ico_page.txt",
                "The complainant asked Northwold Borough Council",
                "No steps are required.",
            ),
            (
                "ico_page.html",
                "The complainant asked Riverside NHS Trust",
                "must issue a fresh response.",
            ),
            (
                "bailii_summary.txt",
                "The complainant asked the public authority",
                "responded late.",
            ),
            (
                "bailii_dated.txt",
                "The complainant asked Marsh End Parish Council",
                "No steps are required.",
            ),
            (
                "repost.txt",
                "The complainant asked Northwold Borough Council",
                "any steps.",
            ),
        ];
        for (file, starts, ends) in cases {
            let input = std::fs::read_to_string(format!("{dir}{file}")).unwrap();
            // The page as it is, and with its line breaks lost (but the "Source:" line).
            let (source, body) = input.split_at(input.find('\n').map_or(0, |p| p + 1));
            let collapsed = format!("{source}{}", body.replace('\n', " "));
            for input in [&input, &collapsed] {
                let lines = prose(input, file.ends_with(".html"));
                assert_eq!(lines.len(), 1, "{file}: {lines:?}");
                assert!(
                    lines[0].starts_with(starts) && lines[0].ends_with(ends),
                    "{file}: {lines:?}"
                );
            }
        }
    }

    /// Every real page's prose is its abstract alone: the Commissioner's words, none of
    /// the site's (its title, labels, menus, "Powered by" lines).
    #[test]
    fn real_pages_leave_only_the_abstract() {
        let dir = foidesk_testkit::shared("corpus/real");
        for n in 6..=70 {
            let input = std::fs::read_to_string(dir.join(format!("{n:03}.txt"))).unwrap();
            let lines = prose(&input, n == 70);
            let all = lines.join(" ");
            assert!(all.contains("Commissioner"), "{n:03}: {lines:?}");
            for site in [
                "Powered by",
                "Skip to",
                "Source",
                "Decision(s)",
                "Sector ",
                "Leave a",
            ] {
                assert!(!all.contains(site), "{n:03}: {site}: {lines:?}");
            }
            assert!(
                lines.iter().all(|l| l.split_whitespace().count() >= 4),
                "{n:03}: {lines:?}"
            );
        }
    }

    /// The page with its line breaks lost, or re-wrapped at 60 columns (the corpus's
    /// "Source:" line kept): its prose is the same words as the page's own.
    #[test]
    fn real_pages_leave_the_same_abstract_whatever_the_line_breaks() {
        let dir = foidesk_testkit::shared("corpus/real");
        for n in 6..=70 {
            let input = std::fs::read_to_string(dir.join(format!("{n:03}.txt"))).unwrap();
            let (head, body) = input.split_at(input.find('\n').map_or(0, |p| p + 1));
            // Words, not list bullets (a line's own bullet is dropped, one run on is not).
            let words = |s: String| -> Vec<String> {
                s.split_whitespace()
                    .filter(|w| *w != "\u{2022}")
                    .map(str::to_string)
                    .collect()
            };
            let want = words(prose(&input, n == 70).join(" "));
            let collapsed = body.replace(['\n', '\u{c}'], " ");
            let wrapped: Vec<String> = body
                .lines()
                .map(|l| {
                    let mut out = String::new();
                    let mut width = 0;
                    for w in l.split_whitespace() {
                        if width > 0 && width + 1 + w.chars().count() > 60 {
                            out.push('\n');
                            width = 0;
                        } else if width > 0 {
                            out.push(' ');
                            width += 1;
                        }
                        out.push_str(w);
                        width += w.chars().count();
                    }
                    out
                })
                .collect();
            for (how, text) in [("collapsed", collapsed), ("wrapped", wrapped.join("\n"))] {
                let got = words(prose(&format!("{head}\n{text}"), n == 70).join(" "));
                assert_eq!(got, want, "{n:03} {how}");
            }
        }
    }
}
