//! Front matter: date, public authority, reference; and the regime.

use foidesk_law::Regime;

use super::{find_word, refs};
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
            "public authority" | "public authorities" | "authority" | "address"
                if rec.public_authority.is_none() && !value.is_empty() =>
            {
                // "Public Authority:" left empty puts the name first under "Address:";
                // a label alone on its line runs into the next one ("Public Authority: Address:").
                let value = value
                    .strip_prefix("Address:")
                    .map_or(value, str::trim_start);
                // `value` is a slice of `text`: its offset there, without unsafe code.
                let vstart = base + (value.as_ptr() as usize - text.as_ptr() as usize);
                let name = if label == "address" || value.len() > 80 {
                    name_before_address(doc, b, value)
                } else {
                    value
                };
                let v = name.trim_end_matches([',', '.', ';']).trim();
                if !v.is_empty() {
                    let at = vstart + value.find(v).unwrap_or(0);
                    rec.public_authority = Some(v.split_whitespace().collect::<Vec<_>>().join(" "));
                    rec.spans.public_authority = Some(doc.span(at..at + v.len()));
                }
            }
            _ => {}
        }
    }
}

/// Words that start the postal part of an address.
const ADDRESS_WORDS: &[&str] = &[
    "House",
    "Street",
    "Road",
    "Lane",
    "Drive",
    "Square",
    "Place",
    "Avenue",
    "Way",
    "Hall",
    "Building",
    "Buildings",
    "Centre",
    "Center",
    "Court",
    "Yard",
    "Embankment",
    "Park",
    "Office",
    "Offices",
    "Quay",
    "Walk",
    "Row",
    "Terrace",
    "Gardens",
    "Close",
    "Crescent",
    "Tower",
    "Plaza",
    "Parade",
    "Hill",
    "Green",
    "Gate",
    "Wharf",
    "Mews",
];

/// The authority's name at the head of an address: its first line when the address keeps
/// its lines, else the words before the first street, number or building.
fn name_before_address<'a>(doc: &Doc, b: &crate::sections::Block, value: &'a str) -> &'a str {
    let lines: Vec<&str> = doc
        .lines
        .iter()
        .filter(|l| l.start >= b.range.start && l.end <= b.range.end)
        .map(|l| doc.text[l.clone()].trim())
        .collect();
    if let Some(first) = lines
        .iter()
        .find(|l| !l.ends_with(':') && value.starts_with(**l))
    {
        if lines.len() > 1 && first.len() < value.len() {
            return &value[..first.len()];
        }
    }
    let words: Vec<(usize, &str)> = value
        .split(' ')
        .scan(0, |at, w| {
            let here = *at;
            *at += w.len() + 1;
            Some((here, w))
        })
        .collect();
    for (i, (at, w)) in words.iter().enumerate() {
        let numeric = w.starts_with(|c: char| c.is_ascii_digit()) || *w == "PO";
        let building = ADDRESS_WORDS.contains(w) && i >= 2;
        if i >= 2 && numeric {
            return &value[..*at];
        }
        if building {
            // The word before names the building ("Federation House"), or "New Scotland Yard".
            let mut cut = i - 1;
            if cut >= 2 && words[cut - 1].1 == "New" {
                cut -= 1;
            }
            return &value[..words[cut].0];
        }
    }
    value
}

/// FOIA, EIR or both: from the title lines, else the reference and provisions.
pub(super) fn regime(doc: &Doc, scope: &str, rec: &mut NoticeRecord) {
    let mut foia = None;
    let mut eir = None;
    let front_lines = doc
        .blocks
        .iter()
        .filter(|b| b.kind == Kind::Front)
        .flat_map(|b| {
            doc.lines
                .iter()
                .filter(move |l| l.start >= b.range.start && l.end <= b.range.end)
        });
    for line in front_lines {
        let lower = doc.text[line.clone()].to_ascii_lowercase();
        if lower.contains(':') {
            continue;
        }
        let b = crate::sections::Block {
            kind: Kind::Front,
            section: crate::sections::Section::Front,
            range: line.clone(),
            heading: None,
        };
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
        let lower = scope.to_ascii_lowercase();
        // A request moved to the EIR keeps its FOIA sections in the story, but is decided
        // under the EIR.
        let moved = lower.contains("environmental information")
            || lower.contains("under the eir")
            || lower.contains("under the regulations");
        let eir_named = lower.contains("environmental information regulations")
            || find_word(&lower, "eir").is_some();
        rec.regime = match (foia_ids, eir_ids || by_ref || eir_named) {
            (true, true) if !moved => Some(RegimeSet::Both),
            (_, true) => Some(RegimeSet::Eir),
            // An abstract that names no regulation is about the Act.
            (_, false) => Some(RegimeSet::Foia),
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
