//! The page layouts: the Commissioner's page (a title, then "Date", "Sector" and
//! "Decision(s)" labels, then the abstract), BAILII's two layouts, and reposts. Each is
//! found in the text as a run of words, so a page whose line breaks were lost or moved
//! reads the same; furniture is every part of the text outside the abstract's prose.

use std::ops::Range;

use super::flat::{complement, head, trim, words_at, Flat};
use super::{address, labels, PageMeta};
use crate::dates::first_date;
use crate::record::SourceKind;

/// The page's metadata; `None` when no page layout fits.
pub(crate) fn read(text: &str, lines: &[Range<usize>]) -> Option<PageMeta> {
    let flat = Flat::new(text, lines);
    let mut meta = PageMeta::default();
    let mut body = 0;
    if let Some(src) = strip_label(flat.line(0), "source") {
        body = lines[0].end;
        let url = src.trim();
        if url.starts_with("http") && !url.contains(' ') {
            meta.url = Some(url.to_string());
        }
    }
    let prose = commissioners(&flat, body, &mut meta)
        .or_else(|| bailii_summary(&flat, body, &mut meta))
        .or_else(|| bailii_dated(&flat, body, &mut meta))
        .or_else(|| repost(&flat, body, &mut meta))?;
    meta.furniture = complement(&prose, text.len());
    Some(meta)
}

/// The longest sector seen ("Mid and South Essex NHS Foundation Trust, Health") has 8.
const MAX_SECTOR_WORDS: usize = 10;
const DATE: &[&str] = &["date", "dyddiad"];
const SECTOR: &[&str] = &["sector"];
const DECISIONS: &[&str] = &["decision(s)", "decisions", "penderfyniad(au)"];

/// "Date 16 December 2014", "Sector Local government", "Decision(s) EIR 5: Partly upheld"
/// (each label on its line, its value on the next, or all on one line), under the
/// authority's name. Returns the abstract's prose.
fn commissioners(flat: &Flat, body: usize, meta: &mut PageMeta) -> Option<Vec<Range<usize>>> {
    let lower = flat.text.to_ascii_lowercase();
    let mut starts: Vec<usize> = [DATE, SECTOR, DECISIONS]
        .iter()
        .flat_map(|names| names.iter().flat_map(|n| words_at(&lower, n)))
        .filter(|&p| p >= body)
        .collect();
    starts.sort_unstable();
    let (at, end, found) = starts
        .into_iter()
        .find_map(|p| label_run(flat, &lower, p).map(|(e, m)| (p, e, m)))?;
    let url = meta.url.take();
    *meta = found;
    meta.url = url;
    meta.kind = Some(SourceKind::NoticePage);
    meta.authority = title_before(flat, body, at);
    Some(flat.prose_from(end))
}

/// The labels from `at`: where they end and what they state, when at least two follow
/// one another.
fn label_run(flat: &Flat, lower: &str, at: usize) -> Option<(usize, PageMeta)> {
    let text = flat.text;
    let mut meta = PageMeta::default();
    let (mut pos, mut seen) = (at, 0);
    loop {
        let p = trim(text, pos..text.len()).start;
        let Some((kind, value)) = label_at(flat, lower, p) else {
            break;
        };
        let rest = &text[value..];
        pos = match kind {
            0 => {
                let Some((date, r)) = first_date(head(rest, 40)).filter(|(_, r)| r.start == 0)
                else {
                    break;
                };
                meta.date = Some((date, value..value + r.end));
                value + r.end
            }
            1 => {
                // To the next label, or the end of its line.
                let line_end = flat.lines[flat.line_at(value)].end.max(value);
                let next = DECISIONS
                    .iter()
                    .chain(DATE)
                    .filter_map(|n| words_at(&lower[value..line_end], n).next())
                    .min()
                    .map_or(line_end, |n| value + n);
                let r = trim(text, value..next);
                let len = sector_len(&text[r.clone()]);
                meta.sector = Some(text[r.start..r.start + len].trim().to_string());
                r.start + len
            }
            _ => {
                let run = labels::run(rest);
                (meta.decisions, meta.truncated) = (run.labels, run.truncated);
                value + run.len
            }
        };
        seen += 1;
    }
    (seen >= 2).then_some((pos, meta))
}

/// Which label stands at `p` (0 date, 1 sector, 2 decisions) and where its value starts.
fn label_at(flat: &Flat, lower: &str, p: usize) -> Option<(usize, usize)> {
    let at_line_start = flat.starts_line(p);
    for (kind, names) in [DATE, SECTOR, DECISIONS].iter().enumerate() {
        for n in *names {
            let word = lower.get(p..p + n.len()) == Some(n)
                && !lower[p + n.len()..].starts_with(|c: char| c.is_ascii_alphanumeric());
            // Mid-line, a label is capitalised ("Date", not "date").
            let capital = flat.text[p..].starts_with(|c: char| c.is_uppercase());
            if word && (capital || at_line_start) {
                let value = p + n.len();
                let v = &flat.text[value..];
                let skipped = v.len() - v.trim_start_matches([':', ' ', '\t', '\n']).len();
                return Some((kind, value + skipped));
            }
        }
    }
    None
}

/// "Local government (City council)" at the start of `text`: all of a short value; in a
/// long one (the abstract run on after it), up to where a sentence starts: a capitalised
/// word outside brackets and not after a comma.
fn sector_len(text: &str) -> usize {
    if text.split_whitespace().take(MAX_SECTOR_WORDS + 1).count() <= MAX_SECTOR_WORDS {
        return text.trim_end().len();
    }
    let mut depth = 0i32;
    let mut prev_comma = false;
    let mut end = 0;
    for (n, (at, word)) in words(text).enumerate() {
        if n > 0 && depth == 0 && !prev_comma && word.starts_with(char::is_uppercase) {
            break;
        }
        depth += word.matches('(').count() as i32 - word.matches(')').count() as i32;
        prev_comma = word.ends_with(',');
        end = at + word.len();
    }
    end
}

fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// The page's title just before `at`: the start of `at`'s line (when the labels follow it
/// on one line), else the line above, skipping running headers.
fn title_before(flat: &Flat, body: usize, at: usize) -> Option<(String, Range<usize>)> {
    let i = flat.line_at(at);
    let line = &flat.lines[i];
    let mut r = trim(flat.text, line.start.max(body)..at);
    if r.is_empty() {
        let above = (0..i).rev().find(|&j| !flat.is_running(j))?;
        r = flat.lines[above].clone();
        if r.start < body {
            return None;
        }
    }
    // A site's navigation link run onto the title ("Skip to main content").
    let t = &flat.text[r.clone()];
    if t.to_ascii_lowercase().starts_with("skip to main content") {
        r = trim(flat.text, r.start + "skip to main content".len()..r.end);
    }
    let t = &flat.text[r.clone()];
    is_title(t).then(|| (t.to_string(), r))
}

/// BAILII's older layout: "Summary: …" then "Section of Act/EIR & Finding: FOI 44 - …".
fn bailii_summary(flat: &Flat, body: usize, meta: &mut PageMeta) -> Option<Vec<Range<usize>>> {
    let text = flat.text;
    let lower = text.to_ascii_lowercase();
    // At a line's start, or run on mid-line in its printed form.
    let label = |p: usize, printed: &str| flat.starts_line(p) || text[p..].starts_with(printed);
    let summary = words_at(&lower, "summary")
        .find(|&p| p >= body && lower[p..].starts_with("summary:") && label(p, "Summary:"))?;
    let section = words_at(&lower[summary..], "section of act")
        .map(|p| summary + p)
        .find(|&p| label(p, "Section of Act/EIR & Finding:"))?;
    let colon = section + text[section..].find(':')?;
    if colon - section > 40 {
        return None;
    }
    let run = labels::run(&text[colon + 1..]);
    meta.kind = Some(SourceKind::Abstract);
    (meta.decisions, meta.truncated) = (run.labels, run.truncated);
    Some(vec![trim(text, summary + "Summary:".len()..section)])
}

/// BAILII's later layout: "25 July 2016, Local government (City council)" (under the
/// authority's name, or after it on one line), the abstract, then the labels.
fn bailii_dated(flat: &Flat, body: usize, meta: &mut PageMeta) -> Option<Vec<Range<usize>>> {
    let text = flat.text;
    let first = flat.line_at(body);
    let (date, dr, sector) = (first..flat.lines.len().min(first + 3)).find_map(|i| {
        let r = flat.lines[i].clone();
        let line = &text[r.start.max(body)..r.end];
        let off = r.end - line.len();
        let (date, dr, sector) = date_and_sector(line)?;
        Some((
            date,
            off + dr.start..off + dr.end,
            off + sector.start..off + sector.end,
        ))
    })?;
    let (tail, run) = labels::tail(&text[sector.end..])?;
    let tail = sector.end + tail;
    meta.kind = Some(SourceKind::Abstract);
    meta.date = Some((date, dr.clone()));
    meta.sector = Some(text[sector.clone()].to_string());
    (meta.decisions, meta.truncated) = (run.labels, run.truncated);
    meta.authority = title_before(flat, body, dr.start);
    let prose = flat
        .prose_from(sector.end)
        .into_iter()
        .filter_map(|r| {
            let r = trim(text, r.start..r.end.min(tail));
            (!r.is_empty()).then_some(r)
        })
        .collect();
    Some(prose)
}

/// "25 July 2016, Local government (City council)": a date (after the title, if any),
/// then the sector; the date's range and the sector's, in `line`.
fn date_and_sector(line: &str) -> Option<(foidesk_calendar::Date, Range<usize>, Range<usize>)> {
    // A title of up to 20 words comes first, if anything does.
    let (date, r) = first_date(head(line, 300))?;
    let before = line[..r.start].trim();
    if !before.is_empty() && !is_title(before) {
        return None;
    }
    let after = line[r.end..].strip_prefix(',')?;
    let start = r.end + 1 + (after.len() - after.trim_start().len());
    let len = sector_len(&line[start..]);
    let sector = line[start..start + len].trim_end();
    let words = sector.split_whitespace().count();
    ((1..=MAX_SECTOR_WORDS).contains(&words) && !sector.ends_with('.')).then_some((
        date,
        r,
        start..start + len,
    ))
}

/// A copy of the abstract on another site: its prose is the Commissioner's ("The
/// Commissioner's decision is that …"), with the site's own furniture around it.
fn repost(flat: &Flat, body: usize, meta: &mut PageMeta) -> Option<Vec<Range<usize>>> {
    let mut prose = flat.prose_from(body);
    cut_at_site_words(flat.text, &mut prose);
    let text: String = prose
        .iter()
        .map(|r| flat.text[r.clone()].to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    let commissioners = text.contains("the commissioner's decision is")
        || text.contains("the commissioner has decided");
    let short = text.len() <= 6000;
    let from_address = meta.url.as_deref().and_then(address::reference).is_some();
    let all = flat.text[body..].to_ascii_lowercase();
    let feed = FEED.iter().any(|s| all.contains(s));
    // Without an address or a feed's furniture, the page must be the abstract alone.
    let alone = text.len() * 4 >= all.trim().len() * 3;
    if !(commissioners && short && (from_address || feed || alone)) {
        return None;
    }
    meta.kind = Some(SourceKind::Abstract);
    Some(prose)
}

/// A feed's own words after the abstract it copies.
const FEED: &[&str] = &["powered by wpematico", "source link", "leave a reply"];

/// Ends `prose` where a feed's words start in it (the page's line breaks lost, they run on
/// from the abstract's last sentence).
fn cut_at_site_words(text: &str, prose: &mut Vec<Range<usize>>) {
    for r in prose.iter_mut() {
        let lower = text[r.clone()].to_ascii_lowercase();
        if let Some(p) = FEED.iter().filter_map(|w| words_at(&lower, w).next()).min() {
            *r = trim(text, r.start..r.start + p);
        }
    }
    prose.retain(|r| !r.is_empty());
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

/// The text after "label:" at the start of a line.
fn strip_label<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let head = text.get(..label.len())?;
    head.eq_ignore_ascii_case(label)
        .then(|| text[label.len()..].strip_prefix(':'))
        .flatten()
}
