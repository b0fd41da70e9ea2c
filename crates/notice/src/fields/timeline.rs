//! The timeline from "Request and response" / "Scope of the case" (or the old format's
//! "The Request" / "Chronology"): each sentence with a date is classified by what it says.

use super::{blocks_in, find_word, sentences};
use crate::dates::first_date;
use crate::record::NoticeRecord;
use crate::sections::{Doc, Section};

#[derive(Clone, Copy)]
enum Step {
    Request = 0,
    Response = 1,
    ReviewRequested = 2,
    Review = 3,
    Complaint = 4,
}

/// The complainant as the one acting ("the complainant asked", "the complainant then wrote").
fn complainant_acts(lower: &str, verbs: &[&str]) -> bool {
    let Some(p) = find_word(lower, "complainant") else {
        return false;
    };
    let words: Vec<&str> = lower[p + 11..].split_whitespace().take(3).collect();
    words.iter().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_ascii_alphabetic());
        verbs.contains(&w)
    })
}

fn classify(lower: &str) -> Option<Step> {
    if lower.starts_with("prior to") || lower.contains("previous request") {
        return None;
    }
    const ASKING: &[&str] = &[
        "asked",
        "requested",
        "sought",
        "wrote",
        "applied",
        "made",
        "submitted",
        "then",
        "subsequently",
        "emailed",
    ];
    if find_word(lower, "review").is_some() || lower.contains("reconsider") {
        return Some(if complainant_acts(lower, ASKING) {
            Step::ReviewRequested
        } else {
            Step::Review
        });
    }
    let to_commissioner = ["contacted", "complained", "complaint", "wrote", "referred"]
        .iter()
        .any(|v| {
            lower.contains(&format!("{v} to the commissioner"))
                || lower.contains(&format!("{v} the commissioner"))
        });
    if to_commissioner {
        return Some(Step::Complaint);
    }
    if lower.contains("request") && complainant_acts(lower, ASKING) {
        return Some(Step::Request);
    }
    let responded = [
        "responded",
        "replied",
        "refusal notice",
        "its response",
        "a response",
    ]
    .iter()
    .any(|v| lower.contains(v));
    (responded && !lower.contains("complainant responded")).then_some(Step::Response)
}

pub(super) fn extract(doc: &Doc, rec: &mut NoticeRecord) {
    let mut found: [Vec<_>; 5] = Default::default();
    for b in blocks_in(doc, &[Section::Facts]) {
        let text = doc.block_text(b);
        for r in sentences(text) {
            // Quoted request text is not narrative ("my previous request", dates asked about).
            let s = text[r.clone()].split('"').next().unwrap_or("");
            let Some((date, dr)) = first_date(s) else {
                continue;
            };
            let lower = s.to_ascii_lowercase();
            let Some(step) = classify(&lower) else {
                continue;
            };
            let at = b.range.start + r.start;
            found[step as usize].push((date, doc.span(at + dr.start..at + dr.end)));
        }
    }
    // Every later step follows the request: an earlier date is about something else (a
    // previous request, a document's date), so the first date on or after it is taken.
    let request = found[0].first().cloned();
    let after_request = |v: &Vec<(foidesk_calendar::Date, std::ops::Range<usize>)>| {
        v.iter()
            .find(|(d, _)| request.as_ref().is_none_or(|(r, _)| d >= r))
            .cloned()
    };
    let [response, irr, ir, complaint] =
        [&found[1], &found[2], &found[3], &found[4]].map(after_request);
    let t = &mut rec.timeline;
    let spans = &mut rec.spans.timeline;
    for (i, (slot, v)) in [
        (&mut t.request, request),
        (&mut t.response, response),
        (&mut t.internal_review_requested, irr),
        (&mut t.internal_review, ir),
        (&mut t.complaint, complaint),
    ]
    .into_iter()
    .enumerate()
    {
        if let Some((d, sp)) = v {
            *slot = Some(d);
            spans[i] = Some(sp);
        }
    }
}
