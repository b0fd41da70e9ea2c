//! One library entry from a notice and its page (or abstract): the notice's own reading,
//! plus what only the page states (sector, decision labels, address), and every field on
//! which the two disagree.

use crate::record::{NoticeRecord, SourceKind};

/// Adds to `entry` what `page` states and `entry` lacks; returns each disagreement as
/// "public authority differs: notice 'A', page 'B'".
pub fn join_page(entry: &mut NoticeRecord, page: &NoticeRecord) -> Vec<String> {
    let (a, b) = (side(entry.source_kind), side(page.source_kind));
    let mut differs = Vec::new();
    let mut compare = |field: &str, mine: Option<String>, theirs: Option<String>| {
        if let (Some(x), Some(y)) = (mine, theirs) {
            if !same(&x, &y) {
                differs.push(format!("{field} differs: {a} '{x}', {b} '{y}'"));
            }
        }
    };
    compare(
        "date",
        entry.date.map(|d| d.to_string()),
        page.date.map(|d| d.to_string()),
    );
    compare(
        "public authority",
        entry.public_authority.clone(),
        page.public_authority.clone(),
    );
    compare(
        "regime",
        entry.regime.map(|r| r.as_str().to_string()),
        page.regime.map(|r| r.as_str().to_string()),
    );
    compare(
        "outcome",
        entry.outcome.map(|o| o.as_str().to_string()),
        page.outcome.map(|o| o.as_str().to_string()),
    );
    if let (Some(x), Some(y)) = (&entry.sector, &page.sector) {
        if !same(x, y) {
            differs.push(format!("sector differs: {a} '{x}', {b} '{y}'"));
        }
    }
    fill(&mut entry.date, page.date);
    fill(&mut entry.public_authority, page.public_authority.clone());
    fill(&mut entry.regime, page.regime);
    fill(&mut entry.sector, page.sector.clone());
    fill(&mut entry.url, page.url.clone());
    fill(&mut entry.url_reference, page.url_reference.clone());
    if entry.decisions.is_empty() {
        entry.decisions = page.decisions.clone();
    }
    differs
}

fn fill<T>(mine: &mut Option<T>, theirs: Option<T>) {
    if mine.is_none() {
        *mine = theirs;
    }
}

fn side(kind: Option<SourceKind>) -> &'static str {
    match kind {
        Some(SourceKind::NoticePage) => "page",
        Some(SourceKind::Abstract) => "abstract",
        _ => "notice",
    }
}

/// Equal but for case and spacing.
fn same(x: &str, y: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(x) == words(y)
}
