//! The page layouts: the Commissioner's page (a title, then "Date", "Sector" and
//! "Decision(s)" lines, then the abstract), BAILII's two layouts, and reposts.

use std::ops::Range;

use super::{address, labels, PageMeta};
use crate::dates::first_date;
use crate::record::SourceKind;

type Lines<'a> = [(Range<usize>, &'a str)];

/// The page's metadata from its lines; `None` when no page layout fits.
pub(crate) fn read(lines: &Lines) -> Option<PageMeta> {
    let mut meta = PageMeta::default();
    let mut from = 0;
    if let Some((r, first)) = lines.first() {
        if let Some(src) = strip_label(first, "source") {
            from = 1;
            meta.furniture.push(r.clone());
            let url = src.trim();
            if url.starts_with("http") && !url.contains(' ') {
                meta.url = Some(url.to_string());
            }
        }
    }
    let body = &lines[from..];
    let found = commissioners(body, &mut meta)
        || bailii_summary(body, &mut meta)
        || bailii_dated(body, &mut meta)
        || repost(body, &mut meta);
    found.then_some(meta)
}

/// "Date 16 December 2014", "Sector Local government", "Decision(s) EIR 5: Partly upheld"
/// (or each label alone on its line, its value on the next), under the authority's name.
fn commissioners(lines: &Lines, meta: &mut PageMeta) -> bool {
    const DATE: &[&str] = &["date", "dyddiad"];
    const SECTOR: &[&str] = &["sector"];
    const DECISIONS: &[&str] = &["decision(s)", "decisions", "penderfyniad(au)"];
    // The block starts at its first label; a dated label must hold a date.
    let Some(at) = lines.iter().position(|(_, t)| {
        labelled(t, DATE).is_some_and(|v| v.is_empty() || first_date(v).is_some())
            || labelled(t, SECTOR).is_some()
            || labelled(t, DECISIONS).is_some()
    }) else {
        return false;
    };
    let mut end = at;
    let mut seen = 0;
    let mut i = at;
    while i < lines.len().min(at + 8) {
        let (r, text) = &lines[i];
        let mut value = |names: &[&str]| -> Option<(Range<usize>, String)> {
            let v = labelled(text, names)?;
            if !v.is_empty() {
                let start = r.end - v.len();
                return Some((start..r.end, v.to_string()));
            }
            // The value on the next line (HTML puts each in its own element).
            let (nr, next) = lines.get(i + 1)?;
            i += 1;
            Some((nr.clone(), next.to_string()))
        };
        if let Some((vr, v)) = value(DATE) {
            if let Some((date, dr)) = first_date(&v) {
                meta.date = Some((date, vr.start + dr.start..vr.start + dr.end));
            }
        } else if let Some((_, v)) = value(SECTOR) {
            meta.sector = Some(v.trim().to_string());
        } else if let Some((_, v)) = value(DECISIONS) {
            (meta.decisions, meta.truncated) = labels::parse(&v);
        } else {
            break;
        }
        seen += 1;
        i += 1;
        end = i;
    }
    if seen < 2 {
        *meta = PageMeta {
            url: meta.url.take(),
            furniture: std::mem::take(&mut meta.furniture),
            ..PageMeta::default()
        };
        return false;
    }
    meta.kind = Some(SourceKind::NoticePage);
    if let Some(t) = at
        .checked_sub(1)
        .map(|p| &lines[p])
        .filter(|(_, t)| is_title(t))
    {
        meta.authority = Some((t.1.to_string(), t.0.clone()));
    }
    let prose = prose_run(lines, end);
    furnish(lines, prose, meta);
    true
}

/// BAILII's older layout: "Summary: …" then "Section of Act/EIR & Finding: FOI 44 - …".
fn bailii_summary(lines: &Lines, meta: &mut PageMeta) -> bool {
    let summary = lines
        .iter()
        .position(|(_, t)| strip_label(t, "summary").is_some());
    let finding = lines
        .iter()
        .position(|(_, t)| t.to_ascii_lowercase().starts_with("section of act"));
    let (Some(s), Some(f)) = (summary, finding) else {
        return false;
    };
    if f <= s {
        return false;
    }
    meta.kind = Some(SourceKind::Abstract);
    let text: Vec<&str> = lines[f..].iter().map(|(_, t)| *t).collect();
    let joined = text.join("\n");
    let after = joined.find(':').map_or("", |p| &joined[p + 1..]);
    (meta.decisions, meta.truncated) = labels::parse(after);
    // The "Summary:" label itself is furniture; its line is prose.
    let (r, t) = &lines[s];
    let label = t.len() - t["summary:".len()..].trim_start().len();
    meta.furniture.push(r.start..r.start + label);
    furnish(lines, s..f, meta);
    true
}

/// BAILII's later layout: "25 July 2016, Local government (City council)" (under the
/// authority's name, when given), the abstract, then the labels.
fn bailii_dated(lines: &Lines, meta: &mut PageMeta) -> bool {
    let Some(at) = lines
        .iter()
        .take(3)
        .position(|(_, t)| date_and_sector(t).is_some())
    else {
        return false;
    };
    let (r, text) = &lines[at];
    let Some((date, dr, sector)) = date_and_sector(text) else {
        return false;
    };
    let prose = prose_run(lines, at + 1);
    let label_text: Vec<&str> = lines[prose.end..].iter().map(|(_, t)| *t).collect();
    let (decisions, truncated) = labels::parse(&label_text.join("\n"));
    if decisions.is_empty() && !truncated {
        return false;
    }
    meta.kind = Some(SourceKind::Abstract);
    meta.date = Some((date, r.start + dr.start..r.start + dr.end));
    meta.sector = Some(sector.to_string());
    (meta.decisions, meta.truncated) = (decisions, truncated);
    if let Some(t) = at
        .checked_sub(1)
        .map(|p| &lines[p])
        .filter(|(_, t)| is_title(t))
    {
        meta.authority = Some((t.1.to_string(), t.0.clone()));
    }
    furnish(lines, prose, meta);
    true
}

/// A copy of the abstract on another site: its prose is the Commissioner's ("The
/// Commissioner's decision is that …"), with the site's own furniture around it.
fn repost(lines: &Lines, meta: &mut PageMeta) -> bool {
    let start = lines
        .iter()
        .position(|(_, t)| is_prose(t))
        .unwrap_or(lines.len());
    let prose = prose_run(lines, start);
    let text: String = lines[prose.clone()]
        .iter()
        .map(|(_, t)| t.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    let commissioners = text.contains("the commissioner's decision is")
        || text.contains("the commissioner has decided");
    let short = prose.len() <= 12 && text.len() <= 6000;
    let from_address = meta.url.as_deref().and_then(address::reference).is_some();
    let feed = lines.iter().any(|(_, t)| {
        let l = t.to_ascii_lowercase();
        l.contains("powered by wpematico") || l == "source link" || l == "leave a reply"
    });
    if !(commissioners && short && (from_address || feed || prose.len() <= 4)) {
        return false;
    }
    meta.kind = Some(SourceKind::Abstract);
    furnish(lines, prose, meta);
    true
}

/// Every line outside `prose` is furniture.
fn furnish(lines: &Lines, prose: Range<usize>, meta: &mut PageMeta) {
    for (i, (r, _)) in lines.iter().enumerate() {
        if !prose.contains(&i) && !meta.furniture.contains(r) {
            meta.furniture.push(r.clone());
        }
    }
    meta.furniture.sort_by_key(|r| (r.start, r.end));
}

/// The run of prose lines from `from` (skipping furniture before it), ending at the first
/// line that is not prose.
fn prose_run(lines: &Lines, from: usize) -> Range<usize> {
    let start = (from..lines.len())
        .find(|&i| is_prose(lines[i].1))
        .unwrap_or(lines.len());
    let end = (start..lines.len())
        .find(|&i| !is_prose(lines[i].1) || !labels::parse(lines[i].1).0.is_empty())
        .unwrap_or(lines.len());
    start..end
}

/// A sentence or more, not a menu item or a label.
fn is_prose(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words >= 8 || (words >= 4 && text.trim_end().ends_with(['.', ':', ';']))
}

/// A page title: a name, not a sentence or a navigation link.
fn is_title(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let lower = text.to_ascii_lowercase();
    (1..=20).contains(&words)
        && !text.trim_end().ends_with(['.', ':'])
        && !lower.starts_with("skip to")
        && !lower.starts_with("source:")
        && first_date(text).is_none()
}

/// "25 July 2016, Local government (City council)": a date first, then the sector alone.
fn date_and_sector(text: &str) -> Option<(foidesk_calendar::Date, Range<usize>, &str)> {
    let (date, r) = first_date(text)?;
    if r.start != 0 {
        return None;
    }
    let sector = text[r.end..].strip_prefix(',')?.trim();
    let words = sector.split_whitespace().count();
    ((1..=8).contains(&words) && !sector.ends_with('.')).then_some((date, r, sector))
}

/// The value after a label such as "Date" in "Date 16 December 2014" or "Date: …"
/// (empty when the label stands alone).
fn labelled<'a>(text: &'a str, names: &[&str]) -> Option<&'a str> {
    let t = text.trim_start_matches(['•', '*', '-', ' ', '\u{b7}']);
    names.iter().find_map(|n| {
        let head = t.get(..n.len())?;
        if !head.eq_ignore_ascii_case(n) {
            return None;
        }
        let rest = &t[n.len()..];
        if rest.is_empty() {
            return Some(rest);
        }
        rest.starts_with([' ', ':', '\t'])
            .then(|| rest.trim_start_matches([':', ' ', '\t']).trim_end())
    })
}

/// The text after "label:" at the start of a line.
fn strip_label<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let head = text.get(..label.len())?;
    head.eq_ignore_ascii_case(label)
        .then(|| text[label.len()..].strip_prefix(':'))
        .flatten()
}
