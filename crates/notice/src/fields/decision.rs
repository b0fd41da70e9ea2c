//! The decision summary: what the authority relied on, NCND, outcome, breaches, steps.

use std::ops::Range;

use foidesk_law::{Catalogue, ProvisionId};

use super::{blocks_in, find_word, sentences};
use crate::record::{NoticeRecord, Outcome};
use crate::sections::{Doc, Section};

/// Words that mark a sentence as saying what the authority relied on.
const RELIANCE: &[&str] = &[
    "citing",
    "cited",
    "cites",
    "rely",
    "relied",
    "relying",
    "reliance",
    "refused",
    "withheld",
    "withhold",
    "withholding",
    "applied",
    "applying",
    "invoked",
    "exempt",
];
const BREACH: &[&str] = &["breach", "breached", "breaches", "breaching"];
const POSITIVE: &[&str] = &[
    "entitled to",
    "is engaged",
    "was engaged",
    "are engaged",
    "were engaged",
    "be engaged",
    "correctly",
    "properly",
    "in accordance with",
    "complied with",
];
const NEGATIVE: &[&str] = &[
    "not entitled",
    "not engaged",
    "incorrectly",
    "wrongly",
    "not correctly",
    "not properly",
    "not in accordance",
];
const STEPS_YES: &[&str] = &[
    "must take",
    "following steps",
    "requires the",
    "require the",
];
const STEPS_NO: &[&str] = &["no steps", "not require", "not required", "any steps"];

struct Sentence<'a> {
    text: &'a str,
    lower: String,
    /// Offset of `text` in `doc.text`.
    base: usize,
}

/// Whether any of `words` (each all letters) is a whole word of `lower`:
/// one pass over the sentence instead of a search per word.
fn has_word(lower: &str, words: &[&str]) -> bool {
    lower
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|token| !token.is_empty() && words.contains(&token))
}

/// `phrase` occurs and is not negated just before ("was not entitled to").
fn affirmed(lower: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(p) = lower.get(from..).and_then(|h| h.find(phrase)) {
        let s = from + p;
        let word_ok = s == 0 || !lower.as_bytes()[s - 1].is_ascii_alphabetic();
        let before = lower.get(s.saturating_sub(8)..s).unwrap_or("");
        if word_ok && !before.contains("not ") && !before.contains("n't ") {
            return true;
        }
        from = s + phrase.len();
    }
    false
}

pub(super) fn extract(doc: &Doc, rec: &mut NoticeRecord) {
    let cat = Catalogue::standard();
    let mut all = Vec::new();
    for b in blocks_in(doc, &[Section::Decision]) {
        let text = doc.block_text(b);
        for r in sentences(text) {
            let t = &text[r.clone()];
            all.push(Sentence {
                text: t,
                lower: t.to_ascii_lowercase(),
                base: b.range.start + r.start,
            });
        }
    }
    let span = |s: &Sentence, r: Range<usize>| doc.span(s.base + r.start..s.base + r.end);
    let whole = |s: &Sentence| span(s, 0..s.text.len());
    let mut pos = None;
    let mut neg = None;
    for s in &all {
        let l = &s.lower;
        let steps = l.contains("steps") || l.contains("contempt") || l.contains("section 54");
        let breach = has_word(l, BREACH) || l.contains("failed to comply");
        if breach || (!steps && has_word(l, RELIANCE)) {
            let (ids, spans) = if breach {
                (&mut rec.breaches, &mut rec.spans.breaches)
            } else {
                (&mut rec.provisions_cited, &mut rec.spans.provisions_cited)
            };
            for c in cat.parse_citations(s.text).citations {
                push_unique(ids, spans, c.id, span(s, c.span));
            }
        }
        if !rec.ncnd
            && (l.contains("neither confirm nor deny")
                || l.contains("confirm or deny")
                || find_word(l, "ncnd").is_some())
        {
            rec.ncnd = true;
            rec.spans.ncnd = Some(whole(s));
        }
        if !steps {
            if pos.is_none() && POSITIVE.iter().any(|p| affirmed(l, p)) {
                pos = Some(whole(s));
            }
            if neg.is_none() && NEGATIVE.iter().any(|p| l.contains(p)) {
                neg = Some(whole(s));
            }
        }
        let yes = STEPS_YES.iter().any(|p| l.contains(p)) && l.contains("step");
        if yes && !STEPS_NO.iter().any(|p| l.contains(p)) && !rec.steps_required {
            rec.steps_required = true;
            rec.spans.steps_required = Some(whole(s));
        }
        if rec.steps_days.is_none() {
            if let Some((n, r)) = days(l) {
                rec.steps_days = Some(n);
                rec.spans.steps_days = Some(span(s, r));
            }
        }
    }
    if !rec.steps_required {
        rec.steps_days = None;
        rec.spans.steps_days = None;
    }
    // Breaches are findings, not something the authority relied on.
    let breaches = rec.breaches.clone();
    let keep: Vec<bool> = rec
        .provisions_cited
        .iter()
        .map(|p| !breaches.contains(p))
        .collect();
    retain_by(&mut rec.provisions_cited, &keep);
    retain_by(&mut rec.spans.provisions_cited, &keep);
    (rec.outcome, rec.spans.outcome) = match (pos, neg) {
        (Some(p), Some(_)) => (Some(Outcome::Mixed), Some(p)),
        (Some(p), None) => (Some(Outcome::AuthorityEntitled), Some(p)),
        (None, Some(n)) => (Some(Outcome::AuthorityNotEntitled), Some(n)),
        (None, None) if rec.steps_required => (
            Some(Outcome::AuthorityNotEntitled),
            rec.spans.steps_required.clone(),
        ),
        (None, None) => (None, None),
    };
}

fn retain_by<T>(v: &mut Vec<T>, keep: &[bool]) {
    let mut i = 0;
    v.retain(|_| {
        i += 1;
        keep.get(i - 1).copied().unwrap_or(true)
    });
}

fn push_unique(
    ids: &mut Vec<ProvisionId>,
    spans: &mut Vec<Range<usize>>,
    id: ProvisionId,
    span: Range<usize>,
) {
    if !ids.contains(&id) {
        ids.push(id);
        spans.push(span);
    }
}

/// "within 35 calendar days" -> 35.
fn days(lower: &str) -> Option<(u32, Range<usize>)> {
    let p = lower.find("within ")?;
    let rest = &lower[p + 7..];
    let n = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest[n..].trim_start();
    if n == 0 || n > 3 || !(after.starts_with("calendar days") || after.starts_with("days")) {
        return None;
    }
    let v = rest[..n].parse().ok()?;
    Some((v, p + 7..p + 7 + n))
}
