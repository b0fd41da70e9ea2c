//! The page's text as one run of words: labels, titles and prose are found whether the
//! page keeps its line breaks, lost them (one long line), or was re-wrapped; line breaks
//! are used only where they are the one boundary a page has (a title above its labels).

use std::collections::HashMap;
use std::ops::Range;

/// The document's text and its kept lines (ranges of `text`, in order, one separator
/// char apart).
pub(crate) struct Flat<'a> {
    pub text: &'a str,
    pub lines: &'a [Range<usize>],
    /// Lines that are running page furniture (a header or footer repeated on every page).
    running: Vec<bool>,
}

impl<'a> Flat<'a> {
    pub(crate) fn new(text: &'a str, lines: &'a [Range<usize>]) -> Self {
        let masked: Vec<Option<String>> = lines
            .iter()
            .map(|r| {
                let t = &text[r.clone()];
                let short = t.split_whitespace().count() <= 12;
                (short && t.contains(|c: char| c.is_ascii_digit())).then(|| {
                    t.split_whitespace()
                        .map(|w| w.replace(|c: char| c.is_ascii_digit(), "#"))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
            })
            .collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for m in masked.iter().flatten() {
            *seen.entry(m).or_default() += 1;
        }
        let running = masked
            .iter()
            .map(|m| m.as_deref().is_some_and(|m| seen[m] >= 2))
            .collect();
        Flat {
            text,
            lines,
            running,
        }
    }

    pub(crate) fn line(&self, i: usize) -> &'a str {
        self.lines.get(i).map_or("", |r| &self.text[r.clone()])
    }

    /// The index of the line holding byte `pos` (or the next line, between lines).
    pub(crate) fn line_at(&self, pos: usize) -> usize {
        self.lines.partition_point(|r| r.end < pos)
    }

    pub(crate) fn starts_line(&self, pos: usize) -> bool {
        self.lines.binary_search_by_key(&pos, |r| r.start).is_ok()
    }

    pub(crate) fn is_running(&self, i: usize) -> bool {
        self.running.get(i).copied().unwrap_or(false)
    }

    /// The prose that starts at or after `from`: furniture before it skipped, then
    /// sentences up to the first line that neither reads as prose nor continues an
    /// unfinished sentence. Running headers inside it are left out. Ranges of `text`.
    pub(crate) fn prose_from(&self, from: usize) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        let first = self.line_at(from);
        let mut open = false;
        for i in first..self.lines.len() {
            let r = &self.lines[i];
            let start = from.max(r.start);
            let seg = start..r.end;
            if seg.is_empty() || self.is_running(i) {
                continue;
            }
            let t = &self.text[seg.clone()];
            // A line that opens with a decision label ends the prose.
            let label = super::labels::run(t).len > 0;
            let reads = is_prose(t) || (open && !out.is_empty()) || self.opens_prose(t, i);
            if label || !reads {
                if out.is_empty() {
                    continue;
                }
                break;
            }
            open = !ends_sentence(t);
            match out.last_mut() {
                Some(last) if self.text[last.end..seg.start].trim().is_empty() => {
                    last.end = seg.end;
                }
                _ => out.push(seg),
            }
        }
        out
    }

    /// A first line cut short by wrapping: a sentence's start that reads as prose with
    /// the line after it.
    fn opens_prose(&self, t: &str, i: usize) -> bool {
        let next = self.line(i + 1);
        t.split_whitespace().count() >= 5
            && !ends_sentence(t)
            && !next.is_empty()
            && !self.is_running(i + 1)
            && is_prose(&format!("{t} {next}"))
    }
}

/// A sentence or more, not a menu item or a label.
pub(crate) fn is_prose(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words >= 8 || (words >= 4 && ends_sentence(text))
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', ':', ';'])
}

/// The first `n` bytes of `text`, or fewer, ending on a char boundary.
pub(crate) fn head(text: &str, n: usize) -> &str {
    let mut n = n.min(text.len());
    while !text.is_char_boundary(n) {
        n -= 1;
    }
    &text[..n]
}

/// Everything in `0..len` outside `keep` (sorted, disjoint).
pub(crate) fn complement(keep: &[Range<usize>], len: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in keep {
        if r.start > at {
            out.push(at..r.start);
        }
        at = at.max(r.end);
    }
    if at < len {
        out.push(at..len);
    }
    out
}

/// `r` without the whitespace and list bullets at its ends.
pub(crate) fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let t = &text[r.clone()];
    let seps = |c: char| c.is_whitespace() || matches!(c, '\u{2022}' | '\u{b7}' | '*' | '-' | '|');
    let start = r.start + (t.len() - t.trim_start_matches(seps).len());
    let end = r.end - (t.len() - t.trim_end_matches(seps).len());
    start..end.max(start)
}

/// Byte positions where `name` (ASCII, any case) stands as a whole word in `lower`
/// (the text lower-cased, so offsets agree).
pub(crate) fn words_at<'t>(lower: &'t str, name: &'t str) -> impl Iterator<Item = usize> + 't {
    let b = lower.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let p = from + lower.get(from..)?.find(name)?;
        from = p + name.len();
        let before = p == 0 || !b[p - 1].is_ascii_alphanumeric();
        let after = !b.get(p + name.len()).is_some_and(u8::is_ascii_alphanumeric);
        if before && after {
            return Some(p);
        }
    })
}
