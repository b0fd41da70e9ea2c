//! The public authority named in an abstract's prose, for pages with no title: the body a
//! request was made to, or the one that responded ("made a request to the Cabinet Office",
//! "The OFT responded"). A bare "the council" names no one.

use std::ops::Range;

/// Words before a name that make it the authority asked (strong) or name it in passing
/// (weak: "owned by", "decision is that").
const BEFORE: &[(&str, u8)] = &[
    ("request to the ", 3),
    ("requests to the ", 3),
    ("request to ", 3),
    ("requests for information to ", 3),
    ("request for information to ", 3),
    ("information from the ", 3),
    ("information from ", 3),
    ("requested from the ", 3),
    ("requested from ", 3),
    ("asked the ", 3),
    ("wrote to the ", 3),
    ("wrote to ", 3),
    (" from the ", 1),
    (" by ", 1),
    (" by the ", 1),
    ("owned by ", 1),
    ("decision is that the ", 1),
    ("decision is that ", 1),
];
/// Words after a name that make it the authority acting.
const AFTER: &[&str] = &[
    " responded",
    " refused",
    " stated",
    " said",
    " replied",
    " withheld",
    " explained",
    " confirmed",
    " (the",
    " (\"the",
    " ('the",
    " has failed",
    " disclosed",
    " provided",
    " released",
    " relied",
    " cited",
    " applied",
    " failed",
    " breached",
];
/// Names that are only a kind of body, or not an authority at all.
const GENERIC: &[&str] = &[
    "council",
    "trust",
    "department",
    "university",
    "authority",
    "board",
    "commissioner",
    "complainant",
    "public authority",
    "school",
    "college",
    "force",
    "police",
    "service",
    "ministry",
    "office",
    "government",
    "information commissioner",
    "tribunal",
];
const NOT_AUTHORITY: &[&str] = &[
    "Act",
    "Regulations",
    "Tribunal",
    "Commissioner",
    "Freedom",
    "Information Rights",
    "FOIA",
    "EIR",
    "Section",
    "Regulation",
    "Summary",
    "Court",
];
const CONNECTORS: &[&str] = &["of", "for", "and", "the", "on", "in", "&"];

/// The first name in `text` that a request went to or that acted as the authority.
pub(super) fn from_prose(text: &str) -> Option<Range<usize>> {
    let head = &text[..floor(text, text.len().min(2500))];
    let mut best: Option<(u8, Range<usize>)> = None;
    for run in capitalised_runs(head) {
        let name = &head[run.clone()];
        if GENERIC.contains(&name.to_ascii_lowercase().as_str())
            || NOT_AUTHORITY
                .iter()
                .any(|w| name.split(' ').any(|n| n == *w))
        {
            continue;
        }
        let before = &head[floor(head, run.start.saturating_sub(40))..run.start];
        let mut after = &head[run.end..floor(head, (run.end + 40).min(head.len()))];
        after = after.strip_prefix("'s").unwrap_or(after);
        // "The Police Service of Northern Ireland (PSNI) said": past a short name in brackets.
        if let Some(rest) = after.strip_prefix(" (").and_then(|r| r.split_once(')')) {
            if !rest.0.contains(' ') {
                after = rest.1;
            }
        }
        let asked = BEFORE
            .iter()
            .filter(|(b, _)| before.ends_with(b))
            .map(|(_, w)| *w)
            .max()
            .unwrap_or(0);
        let acting = if AFTER.iter().any(|a| after.starts_with(a)) {
            2
        } else {
            0
        };
        let weight = asked.max(acting);
        if weight > best.as_ref().map_or(0, |(w, _)| *w) {
            best = Some((weight, run));
        }
    }
    let run = best.map(|(_, run)| run)?;
    let name = &head[run.clone()];
    let single = !name.contains(' ');
    let capitals = name.chars().filter(|c| c.is_uppercase()).count();
    if single && capitals < 2 {
        // One capitalised word ("It", "Ofsted" aside) is more often a sentence's first word.
        return None;
    }
    Some(defined_as(head, name).unwrap_or(run))
}

/// The full name a short one was defined for: "the Department for Transport (\"DfT\")".
fn defined_as(head: &str, short: &str) -> Option<Range<usize>> {
    if short.contains(' ') {
        return None;
    }
    let at = [
        format!("({short})"),
        format!("(\"{short}\")"),
        format!("(\"the {short}\")"),
    ]
    .iter()
    .filter_map(|d| head.find(d.as_str()))
    .min()?;
    let before = head[..at].trim_end();
    capitalised_runs(before)
        .into_iter()
        .last()
        .filter(|r| r.end == before.len() && head[r.clone()].contains(' '))
}

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Runs of capitalised words, joined by "of", "for", "and", "the" between them; a leading
/// "The" is left out.
fn capitalised_runs(text: &str) -> Vec<Range<usize>> {
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let part = c.is_alphanumeric() || c == '-';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    let cap = |r: &Range<usize>| text[r.clone()].starts_with(|c: char| c.is_uppercase());
    let joined = |a: &Range<usize>, b: &Range<usize>| text[a.end..b.start] == *" ";
    let mut runs = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !cap(&words[i]) {
            i += 1;
            continue;
        }
        let mut first = i;
        if &text[words[i].clone()] == "The"
            && i + 1 < words.len()
            && joined(&words[i], &words[i + 1])
        {
            first = i + 1;
            if !cap(&words[first]) {
                i += 1;
                continue;
            }
        }
        let mut last = first;
        let mut j = first + 1;
        while j < words.len() && joined(&words[j - 1], &words[j]) {
            let w = &text[words[j].clone()];
            if cap(&words[j]) {
                last = j;
                j += 1;
            } else if CONNECTORS.contains(&w) && j + 1 < words.len() {
                j += 1;
            } else {
                break;
            }
        }
        runs.push(words[first].start..words[last].end);
        i = last + 1;
    }
    runs
}
