//! Field extraction from the laid-out document.

mod abstracts;
mod authority;
mod decision;
mod front;
mod labels;
mod polarity;
mod refs;
mod signatory;
mod timeline;

use std::ops::Range;

use crate::page::{self, PageMeta};
use crate::record::{Diagnostic, FormatEra, NoticeRecord, Paragraph, SourceKind};
use crate::sections::{Doc, Kind, Section};

/// Fills a record from `doc` (and from `page`, when it is a notice page or an abstract);
/// `diags` gets what could not be found.
pub(crate) fn extract(
    doc: &Doc,
    page: Option<&PageMeta>,
    diags: &mut Vec<Diagnostic>,
) -> NoticeRecord {
    let mut rec = NoticeRecord::default();
    if page.is_none() && doc.title.is_none() {
        let message = match page::not_a_notice(doc) {
            Some(looks) => format!("not a decision notice: this looks like {looks}"),
            None => "not a decision notice: no decision-notice title found".into(),
        };
        diags.push(Diagnostic {
            span: None,
            message,
        });
        return rec;
    }
    if let Some(page) = page {
        abstracts::extract(doc, page, &mut rec);
        return rec;
    }
    rec.source_kind = Some(SourceKind::Notice);
    front::extract(doc, &mut rec);
    decision::extract(doc, &decision::summary_ranges(doc), &mut rec);
    decision::finer_breaches(doc, &mut rec);
    front::regime(doc, &doc.text, &mut rec);
    refs::related(doc, &mut rec);
    timeline::extract(doc, &mut rec);
    signatory::extract(doc, &mut rec);
    paragraphs(doc, &mut rec);
    rec.format_era = era(&rec, doc.title.as_ref().map(|t| &doc.text[t.clone()]), None);
    // A notice ends with the right of appeal and the signature; a text with neither, that
    // stops inside the numbered paragraphs, was cut short.
    let appeal = doc.blocks.iter().any(|b| b.section == Section::Appeal);
    let lower = doc.text.to_ascii_lowercase();
    let ends = [
        "right of appeal",
        "appeal against this decision notice",
        "signed",
    ];
    rec.truncated = !appeal
        && rec.signatory.name.is_none()
        && !rec.paragraphs.is_empty()
        && !ends.iter().any(|e| lower.contains(e));
    let missing = [
        ("date", rec.date.is_none()),
        ("public authority", rec.public_authority.is_none()),
        ("decision outcome", rec.outcome.is_none()),
        ("signatory", rec.signatory.name.is_none()),
    ];
    for (what, absent) in missing {
        if absent {
            diags.push(Diagnostic {
                span: None,
                message: format!("no {what} found"),
            });
        }
    }
    rec
}

/// The layout era: "Section 50" notices came before 2012 (the title says so; else the year
/// of the notice's date, or of its address), the modern layout from 2012.
pub(crate) fn era(
    rec: &NoticeRecord,
    title: Option<&str>,
    url_year: Option<i16>,
) -> Option<FormatEra> {
    if title.is_some_and(|t| t.to_ascii_lowercase().contains("section 50")) {
        return Some(FormatEra::OldSection50);
    }
    let year = rec.date.map(|d| d.year()).or(url_year);
    Some(match year {
        Some(y) if y < 2012 => FormatEra::OldSection50,
        _ => FormatEra::Modern,
    })
}

fn paragraphs(doc: &Doc, rec: &mut NoticeRecord) {
    for b in &doc.blocks {
        if let Kind::Para(Some(number)) = b.kind {
            let text = doc.block_text(b);
            let digits = text.bytes().take_while(u8::is_ascii_digit).count();
            let body = text.get(digits + 1..).unwrap_or("").trim();
            rec.paragraphs.push(Paragraph {
                number,
                heading: b
                    .heading
                    .map(|h| doc.block_text(&doc.blocks[h]).to_string()),
                text: body.to_string(),
            });
            rec.spans.paragraphs.push(doc.span(b.range.clone()));
        }
    }
}

/// Sentence ranges within `text`, split after ". " before a capital, quote or digit,
/// except after abbreviations such as "s." and "reg.".
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    const ABBREV: &[&str] = &[
        "s", "ss", "reg", "regs", "eg", "ie", "e.g", "i.e", "no", "para", "paras", "mr", "mrs",
        "ms", "dr", "st", "cf", "art", "sch",
    ];
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..b.len() {
        if !matches!(b[i], b'.' | b'?' | b'!') || b.get(i + 1) != Some(&b' ') {
            continue;
        }
        // Collapsed text keeps the two spaces some writers put after a full stop.
        let gap = b[i + 1..].iter().take_while(|c| **c == b' ').count();
        let next = b.get(i + 1 + gap).copied().unwrap_or(b' ');
        if !(next.is_ascii_uppercase() || next.is_ascii_digit() || next == b'"') {
            continue;
        }
        let word_start = text[..i]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace() || *c == '(')
            // Past the separator, which may be wider than a byte (U+2000 and kin).
            .map_or(0, |(p, c)| p + c.len_utf8());
        let word = text[word_start..i].to_ascii_lowercase();
        if b[i] == b'.' && ABBREV.contains(&word.as_str()) {
            continue;
        }
        out.push(start..i + 1);
        start = i + 1 + gap;
    }
    if start < b.len() {
        out.push(start..b.len());
    }
    out
}

/// Blocks of the given sections, in order.
pub(crate) fn blocks_in<'a>(
    doc: &'a Doc,
    sections: &'a [Section],
) -> impl Iterator<Item = &'a crate::sections::Block> + 'a {
    doc.blocks
        .iter()
        .filter(move |b| sections.contains(&b.section) && b.kind != Kind::Heading)
}

/// Byte offset of the first whole-word `needle` (lower-case ASCII) in `hay` (lower-cased).
pub(crate) fn find_word(hay: &str, needle: &str) -> Option<usize> {
    let b = hay.as_bytes();
    let mut from = 0;
    while let Some(p) = hay.get(from..).and_then(|h| h.find(needle)) {
        let s = from + p;
        let e = s + needle.len();
        let before = s == 0 || !b[s - 1].is_ascii_alphabetic();
        let after = e >= b.len() || !b[e].is_ascii_alphabetic();
        if before && after {
            return Some(s);
        }
        from = s + 1;
        while from < hay.len() && !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}
