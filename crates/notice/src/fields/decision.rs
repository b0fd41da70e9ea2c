//! The decision summary: what the authority relied on, NCND, outcome, breaches, steps.

use std::ops::Range;
use std::sync::LazyLock;

use foidesk_law::{Catalogue, ProvisionId};

use super::polarity::{
    opens_as_finding, public_interest, role, Role, Vocabulary, AGAINST_AUTHORITY, FINDING, NCND,
    PARTIAL, STRONG, WEAK,
};
use super::{blocks_in, find_word, sentences};
use crate::record::{NoticeRecord, Outcome};
use crate::sections::{Doc, Section};

/// The Commissioner doubting the authority's case.
const DOUBT: &[&str] = &[
    "not satisfied",
    "not persuaded",
    "not convinced",
    "does not accept",
    "not been persuaded",
];

/// Words that mark a sentence as a procedural finding.
const BREACH: &[&str] = &[
    "breach",
    "breached",
    "breaches",
    "breaching",
    "contravened",
    "contravention",
];
const BREACH_PHRASES: &[&str] = &[
    "failed to",
    "failing to",
    "not met its obligations",
    "as required by",
    "did not provide",
    "did not issue",
    "failed to comply",
    "did not comply",
    "didn't comply",
    "not comply with",
    "failure to comply with section",
    "failure to comply with regulation",
];
const STEPS_YES: &[&str] = &[
    "commissioner requires",
    "commissioner therefore requires",
    "commissioner now requires",
    "to issue a fresh response",
    "must provide",
    "must issue",
    "must disclose",
    "must take",
    "following steps",
    "requires the",
    "require the",
    "requires that",
    "now requires",
    "to take the following",
    "ordered that",
    "orders the",
];
const STEPS_NO: &[&str] = &[
    "no steps",
    "not require",
    "not required",
    "any steps",
    "no remedial",
    "no further steps",
    "no further action",
    "take no further",
    "requires no",
    "no action",
];
/// Every list, searched in one pass; the constants below index them.
static CUES: LazyLock<Vocabulary> = LazyLock::new(|| {
    Vocabulary::new(&[
        STEPS_YES,
        STEPS_NO,
        BREACH_PHRASES,
        DOUBT,
        AGAINST_AUTHORITY,
        PARTIAL,
        STRONG,
        WEAK,
        FINDING,
        NCND,
    ])
});
const STEPS_ORDERED: usize = 0;
const STEPS_NONE: usize = 1;
const BREACH_WORDING: usize = 2;
const DOUBTED: usize = 3;
const AGAINST: usize = 4;
const PARTLY: usize = 5;
const STRONG_FOR: usize = 6;
const WEAK_FOR: usize = 7;
const FINDS: usize = 8;
const REFUSED_TO_CONFIRM: usize = 9;

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

/// The decision summary's text: the blocks of the Decision section.
pub(super) fn summary_ranges(doc: &Doc) -> Vec<Range<usize>> {
    blocks_in(doc, &[Section::Decision])
        .map(|b| b.range.clone())
        .collect()
}

/// Reads the decision from `ranges` of `doc.text` (the summary, or an abstract's prose).
pub(super) fn extract(doc: &Doc, ranges: &[Range<usize>], rec: &mut NoticeRecord) {
    let cat = Catalogue::standard();
    let mut all = Vec::new();
    for range in ranges {
        let text = &doc.text[range.clone()];
        for r in sentences(text) {
            let t = &text[r.clone()];
            all.push(Sentence {
                text: t,
                // Same length as `t`, so offsets carry over; line breaks read as spaces.
                lower: t.to_ascii_lowercase().replace('\n', " "),
                base: range.start + r.start,
            });
        }
    }
    let span = |s: &Sentence, r: Range<usize>| doc.span(s.base + r.start..s.base + r.end);
    let whole = |s: &Sentence| span(s, 0..s.text.len());
    let (mut pos, mut neg, mut partial) = (None, None, false);
    for s in &all {
        let l = &s.lower;
        let cues = CUES.scan(l);
        let steps = l.contains("steps")
            || l.contains("contempt")
            || l.contains("section 54")
            || cues.any(STEPS_ORDERED);
        let breach = has_word(l, BREACH) || cues.any(BREACH_WORDING);
        // A citation needs a number: most sentences have none and skip the parser.
        let cites = if l.bytes().any(|b| b.is_ascii_digit()) {
            cat.parse_citations(&mask_asides(s.text)).citations
        } else {
            Vec::new()
        };
        for c in cites {
            let (ids, spans) = match role(&c.id) {
                Role::Procedural if breach => (&mut rec.breaches, &mut rec.spans.breaches),
                Role::Exemption if !steps || !breach => {
                    (&mut rec.provisions_cited, &mut rec.spans.provisions_cited)
                }
                _ => continue,
            };
            push_unique(ids, spans, c.id, span(s, c.span));
        }
        if !rec.ncnd && (cues.any(REFUSED_TO_CONFIRM) || find_word(l, "ncnd").is_some()) {
            rec.ncnd = true;
            rec.spans.ncnd = Some(whole(s));
        }
        let order = (cues.any(STEPS_ORDERED) && !cues.any(STEPS_NONE))
            || l.contains("contempt")
            || l.contains("section 54");
        if (cues.any(FINDS) || opens_as_finding(l)) && !order {
            let balance = public_interest(l);
            let against = cues.any(AGAINST) || balance == Some(false);
            let strong_for = cues.affirmed(STRONG_FOR);
            let weak_for = cues.affirmed(WEAK_FOR);
            // "The Commissioner is not satisfied that … would exceed the limit": the doubt
            // turns what follows against the authority.
            let doubted = cues.any(DOUBTED);
            let against = against || doubted;
            let for_authority =
                !doubted && (balance == Some(true) || strong_for || (weak_for && !against));
            if for_authority && pos.is_none() {
                pos = Some(whole(s));
            }
            if against && neg.is_none() {
                neg = Some(whole(s));
            }
            if against && cues.any(PARTLY) {
                partial = true;
            }
        }
        let ordered = ["require", "request", "must", "order"]
            .iter()
            .any(|w| l.contains(w));
        let yes = cues.any(STEPS_ORDERED) || (ordered && days(l).is_some());
        if yes && !cues.any(STEPS_NONE) && !rec.steps_required {
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
    keep_finest(&mut rec.provisions_cited, &mut rec.spans.provisions_cited);
    if !rec.steps_required {
        rec.steps_days = None;
        rec.spans.steps_days = None;
    }
    let _ = partial;
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

/// Breaches the facts or reasons state more finely than the summary ("section 10" in the
/// summary, "section 10(1)" in the reasons). Exemptions stay as the summary names them:
/// one relied on for a part outside the complaint's scope is not part of the decision.
pub(super) fn finer_breaches(doc: &Doc, rec: &mut NoticeRecord) {
    // Only a breach named by its section alone can be refined.
    if !rec.breaches.iter().any(|b| b.depth() == 1) {
        return;
    }
    let cat = Catalogue::standard();
    for b in blocks_in(doc, &[Section::Facts, Section::Reasons, Section::Other]) {
        let text = doc.block_text(b);
        for r in sentences(text) {
            let sentence = &text[r.clone()];
            let lower = sentence.to_ascii_lowercase();
            // Even pieces lie outside quotation marks.
            let outside: String = sentence
                .split('"')
                .enumerate()
                .map(|(i, piece)| {
                    if i % 2 == 0 {
                        piece.to_string()
                    } else {
                        " ".repeat(piece.len() + 2)
                    }
                })
                .collect::<Vec<_>>()
                .join("")
                .chars()
                .take(sentence.len())
                .collect();
            let breach = has_word(&lower, BREACH) || CUES.scan(&lower).any(BREACH_WORDING);
            if !breach {
                continue;
            }
            for c in cat.parse_citations(&mask_asides(&outside)).citations {
                let at = doc.span(
                    b.range.start + r.start + c.span.start..b.range.start + r.start + c.span.end,
                );
                match role(&c.id) {
                    Role::Procedural if breach => {
                        if let Some(i) = rec
                            .breaches
                            .iter()
                            .position(|b| b.depth() == 1 && b.covers(&c.id) && *b != c.id)
                        {
                            rec.breaches[i] = c.id;
                            rec.spans.breaches[i] = at;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// `text` with asides in brackets ("(national security)", "(in failing to reply)") blanked
/// to spaces, so that a list of provisions reads as one list; offsets are unchanged.
fn mask_asides(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        out.push_str(&rest[..open]);
        let inner_end = rest[open + 1..].find([')', '(']).map(|e| open + 1 + e);
        match inner_end {
            Some(close) if rest.as_bytes()[close] == b')' && rest[open..close].contains(' ') => {
                out.extend(std::iter::repeat_n(' ', close + 1 - open));
                rest = &rest[close + 1..];
            }
            _ => {
                out.push('(');
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Drops a provision when a finer one under it is also cited ("s.43" beside "s.43(2)").
pub(super) fn keep_finest(ids: &mut Vec<ProvisionId>, spans: &mut Vec<Range<usize>>) {
    let keep: Vec<bool> = ids
        .iter()
        .map(|a| !ids.iter().any(|b| a != b && a.covers(b)))
        .collect();
    retain_by(ids, &keep);
    retain_by(spans, &keep);
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
    let mut words = rest[n..].split_whitespace();
    let unit = match words.next() {
        Some("calendar") => words.next(),
        other => other,
    };
    if n == 0 || n > 3 || !unit.is_some_and(|u| u.starts_with("days")) {
        return None;
    }
    let v = rest[..n].parse().ok()?;
    Some((v, p + 7..p + 7 + n))
}

#[cfg(test)]
mod tests {
    use crate::record::Outcome;

    /// Each case: an abstract's prose, then the outcome, provisions relied on and breaches
    /// it should give.
    fn check(prose: &str, outcome: Option<Outcome>, cited: &[&str], breaches: &[&str]) {
        let input = format!("The complainant asked for information. {prose}");
        let rec = crate::parse(input.as_bytes(), None).record;
        let ids =
            |v: &[foidesk_law::ProvisionId]| v.iter().map(|p| p.to_string()).collect::<Vec<_>>();
        assert_eq!(rec.outcome, outcome, "{prose}");
        assert_eq!(ids(&rec.provisions_cited), cited, "{prose}");
        assert_eq!(ids(&rec.breaches), breaches, "{prose}");
    }

    #[test]
    fn the_commissioners_wording_decides() {
        use Outcome::*;
        check(
            "The MOD withheld the file under sections 24 (national security), 26 (defence) and 27 (international relations). The Commissioner's decision is that the MOD was entitled to rely on section 24.",
            Some(AuthorityEntitled),
            &["s.24", "s.26", "s.27"],
            &[],
        );
        check(
            "The council refused the request under section 43(2). The Commissioner's decision is that the council was entitled to rely on section 43(2) for the majority of the information, however it was not entitled to withhold the remainder.",
            Some(Mixed),
            &["s.43(2)"],
            &[],
        );
        check(
            "The council cited regulation 12(4)(b). The Commissioner's decision is that the public interest in favour of disclosure is outweighed by the public interest in maintaining the exception.",
            Some(AuthorityEntitled),
            &["reg.12(4)(b)"],
            &[],
        );
        check(
            "The Trust relied on section 36(2)(c). The Commissioner's decision is that section 36(2)(c) is engaged but that the public interest in maintaining the exemption does not outweigh the public interest in disclosure.",
            Some(AuthorityNotEntitled),
            &["s.36(2)(c)"],
            &[],
        );
        check(
            "The force said that confirming whether it held the information would exceed the appropriate limit. The Commissioner's decision is that she is not satisfied that the force has shown that it would exceed the appropriate limit.",
            Some(AuthorityNotEntitled),
            &[],
            &[],
        );
        check(
            "The Commissioner's decision is that the council breached section 10(1) and section 17(1) by failing to respond within 20 working days, and that it has since responded. He requires no steps.",
            None,
            &[],
            &["s.10(1)", "s.17(1)"],
        );
    }
}
