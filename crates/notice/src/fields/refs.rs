//! ICO case references: FS50nnnnnn, FER0nnnnnn, IC-nnnnnn-XXXX.

use std::ops::Range;

use crate::record::NoticeRecord;
use crate::sections::{Doc, Kind};

/// Every reference in `text`, in order. Trailing digits after FS50/FER0's six are footnote
/// markers glued on by the converter ("FS507398281" is FS50739828 and note 1).
pub(crate) fn find_all(text: &str) -> Vec<(String, Range<usize>)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut next_free = 0;
    // Every reference starts with F or I; a vectorised search finds those
    // few bytes, so the rest of the text is never looked at one by one.
    for i in memchr::memchr2_iter(b'F', b'I', b) {
        let boundary = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if i < next_free || !boundary {
            continue;
        }
        if let Some(len) = match_at(b, i) {
            out.push((text[i..i + len].to_string(), i..i + len));
            next_free = i + len;
        }
    }
    out
}

fn digits(b: &[u8], from: usize) -> usize {
    b.get(from..)
        .map_or(0, |s| s.iter().take_while(|c| c.is_ascii_digit()).count())
}

fn match_at(b: &[u8], i: usize) -> Option<usize> {
    let rest = &b[i..];
    if rest.starts_with(b"FS50") || rest.starts_with(b"FER0") {
        return (digits(b, i + 4) >= 6).then_some(10);
    }
    if rest.starts_with(b"IC-") {
        let n = digits(b, i + 3);
        if !(4..=7).contains(&n) || b.get(i + 3 + n) != Some(&b'-') {
            return None;
        }
        let tail_at = i + 4 + n;
        let tail = b.get(tail_at..)?;
        let t = tail
            .iter()
            .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            .count();
        let after_ok = tail.get(t).is_none_or(|c| !c.is_ascii_alphanumeric());
        return (t == 4 && after_ok).then_some(4 + n + t);
    }
    None
}

/// References in the body other than the notice's own, in order of first appearance.
pub(super) fn related(doc: &Doc, rec: &mut NoticeRecord) {
    for b in doc.blocks.iter().filter(|b| b.kind != Kind::Front) {
        let base = b.range.start;
        for (r, range) in find_all(doc.block_text(b)) {
            if rec.reference.as_ref() == Some(&r) || rec.related_references.contains(&r) {
                continue;
            }
            rec.related_references.push(r);
            rec.spans
                .related_references
                .push(doc.span(base + range.start..base + range.end));
        }
    }
}
