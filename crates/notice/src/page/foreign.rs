//! Documents that are not the Commissioner's decision notices but look like one: the
//! tribunals' decisions and the Scottish Commissioner's (titled "Decision Notice" too),
//! case summaries, request pages and press releases.
//!
//! Runs before a document is read as a notice, so each sign is one no notice of the
//! Commissioner's carries: those in the opening lines, where a notice has its title and
//! front matter; the weaker ones anywhere only when the document has no notice title.

use crate::sections::Doc;

/// How many opening lines count as the head.
const HEAD_LINES: usize = 15;

pub(crate) fn not_a_notice(doc: &Doc) -> Option<&'static str> {
    let head = lower_lines(doc, HEAD_LINES);
    let all = || lower_lines(doc, usize::MAX);
    let untitled = doc.title.is_none();
    let has = |text: &str, any: &[&str]| any.iter().any(|s| text.contains(s));
    if has(
        &head,
        &[
            "scottish information commissioner",
            "(scotland) act 2002",
            "foisa",
        ],
    ) {
        return Some("a Scottish Information Commissioner decision");
    }
    let court = has(
        &head,
        &[
            "first-tier tribunal",
            "first tier tribunal",
            "upper tribunal",
            "information tribunal",
        ],
    );
    let parties = has(
        &head,
        &[
            "appellant",
            "respondent",
            "appeal reference",
            "appeal number",
        ],
    );
    if court && parties {
        return Some("a tribunal decision");
    }
    let line_starts = |p: &str| {
        doc.lines.iter().any(|r| {
            doc.text
                .get(r.clone())
                .and_then(|t| t.get(..p.len()))
                .is_some_and(|t| t.eq_ignore_ascii_case(p))
        })
    };
    let line_is = |p: &str| {
        doc.lines.iter().any(|r| {
            doc.text
                .get(r.clone())
                .is_some_and(|t| t.trim().eq_ignore_ascii_case(p))
        })
    };
    let summary_site = ["swarb.co.uk", "foiwiki"];
    if has(&head, &summary_site)
        || (untitled && (line_starts("ratio:") || has(&all(), &summary_site)))
    {
        return Some("a third-party case summary");
    }
    if has(&head, &["whatdotheyknow"]) || (untitled && has(&all(), &["whatdotheyknow"])) {
        return Some("a WhatDoTheyKnow request page");
    }
    let press = ["press release", "news release", "media release"];
    if has(&head, &press) || (untitled && (line_starts("notes to editors") || line_is("ends"))) {
        return Some("a press release");
    }
    None
}

/// The first `n` kept lines, lower-case, one per line.
fn lower_lines(doc: &Doc, n: usize) -> String {
    let mut out = String::new();
    for r in doc.lines.iter().take(n) {
        out.push_str(&doc.text.get(r.clone()).unwrap_or("").to_lowercase());
        out.push('\n');
    }
    out
}
