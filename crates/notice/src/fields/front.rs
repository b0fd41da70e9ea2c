//! Front matter: date, public authority, reference; and the regime.

use foidesk_law::Regime;

use super::refs;
use crate::dates::first_date;
use crate::record::{NoticeRecord, RegimeSet};
use crate::sections::{Doc, Kind};

pub(super) fn extract(doc: &Doc, rec: &mut NoticeRecord) {
    for b in doc.blocks.iter().filter(|b| b.kind == Kind::Front) {
        let text = doc.block_text(b);
        let base = b.range.start;
        if rec.reference.is_none() {
            if let Some((r, range)) = refs::find_all(text).into_iter().next() {
                rec.reference = Some(r);
                rec.spans.reference = Some(doc.span(base + range.start..base + range.end));
            }
        }
        let Some(colon) = text.find(':') else {
            continue;
        };
        let label = text[..colon].trim().to_ascii_lowercase();
        let value = &text[colon + 1..];
        let vstart = base + colon + 1 + (value.len() - value.trim_start().len());
        let value = value.trim();
        match label.as_str() {
            "date" | "date of notice" | "date of decision" if rec.date.is_none() => {
                if let Some((d, r)) = first_date(value) {
                    rec.date = Some(d);
                    rec.spans.date = Some(doc.span(vstart + r.start..vstart + r.end));
                }
            }
            "public authority" | "public authorities" | "authority"
                if rec.public_authority.is_none() && !value.is_empty() =>
            {
                let v = value.trim_end_matches([',', '.', ';']);
                rec.public_authority = Some(v.to_string());
                rec.spans.public_authority = Some(doc.span(vstart..vstart + v.len()));
            }
            _ => {}
        }
    }
}

/// FOIA, EIR or both: from the title lines, else the reference and provisions.
pub(super) fn regime(doc: &Doc, rec: &mut NoticeRecord) {
    let mut foia = None;
    let mut eir = None;
    for b in doc.blocks.iter().filter(|b| b.kind == Kind::Front) {
        let lower = doc.block_text(b).to_ascii_lowercase();
        if lower.contains(':') {
            continue;
        }
        if foia.is_none() && lower.contains("freedom of information act") {
            foia = Some(b.range.clone());
        }
        if eir.is_none() && lower.contains("environmental information regulations") {
            eir = Some(b.range.clone());
        }
    }
    if foia.is_none() && eir.is_none() {
        let by_ref = rec
            .reference
            .as_deref()
            .is_some_and(|r| r.starts_with("FER"));
        let ids = rec.provisions_cited.iter().chain(&rec.breaches);
        let eir_ids = ids.clone().any(|p| p.regime() == Regime::Eir);
        let foia_ids = ids.clone().any(|p| p.regime() == Regime::Foia);
        rec.regime = match (foia_ids, eir_ids || by_ref) {
            (true, true) => Some(RegimeSet::Both),
            (false, true) => Some(RegimeSet::Eir),
            (true, false) => Some(RegimeSet::Foia),
            (false, false) => None,
        };
        rec.spans.regime = rec.spans.provisions_cited.first().cloned();
        return;
    }
    rec.regime = Some(match (&foia, &eir) {
        (Some(_), Some(_)) => RegimeSet::Both,
        (None, Some(_)) => RegimeSet::Eir,
        _ => RegimeSet::Foia,
    });
    rec.spans.regime = foia.or(eir).map(|r| doc.span(r));
}
