//! The signature block: name and role on the lines above "Information Commissioner's Office".

use crate::record::NoticeRecord;
use crate::sections::Doc;

fn usable(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    !line.is_empty()
        && line.len() <= 60
        && !lower.starts_with("signed")
        && !line.contains('\u{2026}')
        && !line.contains("...")
        && !line.ends_with('.')
        && !line.ends_with(':')
        && !line.contains(':')
        && !line.contains('@')
        && !line.contains('/')
        && line.split_whitespace().count() <= 8
        && line.chars().next().is_some_and(char::is_alphabetic)
}

pub(super) fn extract(doc: &Doc, rec: &mut NoticeRecord) {
    let lines = &doc.lines;
    let text = |i: usize| doc.text[lines[i].clone()].trim();
    let anchor = (0..lines.len()).rev().find(|&i| {
        let l = text(i).to_ascii_lowercase();
        l.starts_with("information commissioner's office") || l == "information commissioner"
    });
    let found: Vec<usize> = if let Some(a) = anchor {
        (a.saturating_sub(4)..a)
            .rev()
            .filter(|&i| usable(text(i)))
            .take(2)
            .collect()
    } else if let Some(s) = (0..lines.len())
        .rev()
        .find(|&i| text(i).to_ascii_lowercase().starts_with("signed"))
    {
        let mut v: Vec<usize> = (s + 1..lines.len())
            .filter(|&i| usable(text(i)))
            .take(2)
            .collect();
        v.reverse();
        v
    } else {
        Vec::new()
    };
    // `found` is [role, name] when read upwards from the anchor.
    let (name, role) = match found.as_slice() {
        [role, name] => (Some(*name), Some(*role)),
        [name] => (Some(*name), None),
        _ => (None, None),
    };
    if let Some(n) = name {
        rec.signatory.name = Some(text(n).to_string());
        rec.spans.signatory_name = Some(doc.span(lines[n].clone()));
    }
    if let Some(r) = role {
        rec.signatory.role = Some(text(r).to_string());
        rec.spans.signatory_role = Some(doc.span(lines[r].clone()));
    }
}
