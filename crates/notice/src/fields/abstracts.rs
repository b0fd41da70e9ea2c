//! Notice pages and abstracts: what the page states about itself (authority, date, sector,
//! labels, address), then its prose read like a notice's decision summary.

use std::ops::Range;

use super::{decision, front};
use crate::page::PageMeta;
use crate::record::NoticeRecord;
use crate::sections::Doc;

pub(super) fn extract(doc: &Doc, page: &PageMeta, rec: &mut NoticeRecord) {
    rec.source_kind = page.kind;
    rec.sector = page.sector.clone();
    rec.decisions = page.decisions.clone();
    rec.url = page.url.clone();
    rec.url_reference = page.url_reference.clone();
    rec.truncated = page.truncated;
    let prose = prose_ranges(doc, &page.furniture);
    decision::extract(doc, &prose, rec);
    if let Some((authority, r)) = &page.authority {
        rec.public_authority = Some(authority.clone());
        rec.spans.public_authority = Some(doc.span(r.clone()));
    }
    if rec.public_authority.is_none() {
        for run in &prose {
            if let Some(r) = super::authority::from_prose(&doc.text[run.clone()]) {
                let r = run.start + r.start..run.start + r.end;
                rec.public_authority = Some(doc.text[r.clone()].to_string());
                rec.spans.public_authority = Some(doc.span(r));
                break;
            }
        }
    }
    if let Some((date, r)) = &page.date {
        rec.date = Some(*date);
        rec.spans.date = Some(doc.span(r.clone()));
    }
    let scope: String = prose
        .iter()
        .map(|r| &doc.text[r.clone()])
        .collect::<Vec<_>>()
        .join("\n");
    front::regime(doc, &scope, rec);
    let labels_at = page
        .furniture
        .iter()
        .find(|r| {
            let line = &doc.text[(*r).clone()];
            line.contains("FOI ") || line.contains("EIR ")
        })
        .map_or(0..0, |r| doc.span(r.clone()));
    super::labels::fill(&page.decisions, labels_at, rec);
    rec.format_era = super::era(rec, None, page.url_year);
}

/// The kept text that is not furniture, as runs of adjacent lines. Furniture may cover
/// part of a line (a page whose labels and prose share one): the rest of it is kept.
fn prose_ranges(doc: &Doc, furniture: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for line in &doc.lines {
        let mut at = line.start;
        let mut pieces = Vec::new();
        for f in furniture
            .iter()
            .filter(|f| f.start < line.end && f.end > line.start)
        {
            if f.start > at {
                pieces.push(at..f.start);
            }
            at = at.max(f.end);
        }
        if at < line.end {
            pieces.push(at..line.end);
        }
        for p in pieces {
            let t = &doc.text[p.clone()];
            let p =
                p.start + (t.len() - t.trim_start().len())..p.end - (t.len() - t.trim_end().len());
            if p.is_empty() {
                continue;
            }
            match out.last_mut() {
                // Adjacent lines join, as the separator between them is all that parts them.
                Some(run) if doc.text[run.end..p.start].trim().is_empty() => run.end = p.end,
                _ => out.push(p),
            }
        }
    }
    out
}
