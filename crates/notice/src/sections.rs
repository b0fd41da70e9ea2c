//! Layout: front matter, headings and numbered paragraphs, with broken lines joined.
//!
//! PDF converters break lines mid-sentence and put blank lines anywhere, so blank lines
//! mean nothing here: a block ends only where a heading or the next paragraph number starts.

use std::ops::Range;

use crate::normalise::{Ch, Line};

/// Which part of the notice a block belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Section {
    Front,
    Decision,
    Facts,
    Reasons,
    Other,
    Appeal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A front-matter line, or a "Label: value" run of lines.
    Front,
    Heading,
    Para(Option<u32>),
}

#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub kind: Kind,
    pub section: Section,
    pub range: Range<usize>,
    /// Index of the heading block this block follows.
    pub heading: Option<usize>,
}

/// Normalised text (blocks separated by '\n') with the input span of every byte.
pub(crate) struct Doc {
    pub text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
    pub blocks: Vec<Block>,
    /// Each kept line's range in `text`, in order (for the signature block).
    pub lines: Vec<Range<usize>>,
    pub title: Option<Range<usize>>,
}

impl Doc {
    /// The input bytes behind `text[r]`.
    pub fn span(&self, r: Range<usize>) -> Range<usize> {
        let end = r.end.min(self.starts.len());
        if r.start >= end {
            let at = self
                .starts
                .get(r.start)
                .copied()
                .unwrap_or_else(|| self.ends.last().copied().unwrap_or(0))
                as usize;
            return at..at;
        }
        self.starts[r.start] as usize..self.ends[end - 1] as usize
    }

    pub fn block_text(&self, b: &Block) -> &str {
        &self.text[b.range.clone()]
    }

    fn push(&mut self, ch: Ch) {
        let n = ch.c.len_utf8();
        self.text.push(ch.c);
        for _ in 0..n {
            self.starts.push(ch.s);
            self.ends.push(ch.e);
        }
    }

    /// A whole line: the common all-ASCII line is three straight copies.
    fn push_line(&mut self, line: &Line) {
        if line.text.len() == line.chars.len() {
            self.text.push_str(&line.text);
            self.starts.extend(line.chars.iter().map(|c| c.s));
            self.ends.extend(line.chars.iter().map(|c| c.e));
        } else {
            for &ch in &line.chars {
                self.push(ch);
            }
        }
    }

    fn push_sep(&mut self, c: char, at: u32) {
        self.push(Ch { c, s: at, e: at });
    }
}

/// Headings that open a main section, lower-case.
const HEADINGS: &[(&str, Section)] = &[
    ("decision (including any steps ordered)", Section::Decision),
    ("decision", Section::Decision),
    ("summary", Section::Decision),
    ("the decision", Section::Decision),
    ("steps required", Section::Decision),
    ("commissioner's decision", Section::Decision),
    ("steps", Section::Decision),
    ("request", Section::Facts),
    ("request and response", Section::Facts),
    ("the request", Section::Facts),
    ("background", Section::Facts),
    ("background to the case", Section::Facts),
    ("scope of the case", Section::Facts),
    ("the complaint", Section::Facts),
    ("the investigation", Section::Facts),
    ("chronology", Section::Facts),
    ("reasons for decision", Section::Reasons),
    ("analysis", Section::Reasons),
    ("findings of fact", Section::Reasons),
    ("procedural requirements", Section::Reasons),
    ("other matters", Section::Other),
    ("failure to comply", Section::Other),
    ("right of appeal", Section::Appeal),
    ("legal annex", Section::Other),
];

pub(crate) fn known_heading(text: &str) -> Option<Section> {
    if text.len() > 45 {
        return None;
    }
    // Called for most lines: compare without building a lower-case copy.
    // A rule run onto the heading's line ("Decision ---") is not part of it.
    let t = text.trim().trim_end_matches(['-', '_', '*', '=', ' ']);
    let t = t.trim_end_matches([':', '.']).trim();
    // The 2025 short form numbers its headings: "2. Commissioner's Decision:".
    let t = match para_number(t) {
        Some(_) if text.trim_end().ends_with(':') => {
            t.split_once(". ").map_or(t, |(_, h)| h.trim())
        }
        _ => t,
    };
    HEADINGS
        .iter()
        .find(|(h, _)| h.eq_ignore_ascii_case(t))
        .map(|(_, s)| *s)
}

/// Whether some known heading starts with `prefix` (lower case): a cheap first test.
pub(crate) fn heading_starts_with(prefix: &str) -> bool {
    HEADINGS.iter().any(|(h, _)| h.starts_with(prefix))
}

/// The length in chars of a known heading that `text` starts with, followed by a space.
pub(crate) fn known_heading_prefix(text: &[char]) -> Option<usize> {
    // Compared char by char: this runs for many capitalised words of collapsed text.
    let matches = |h: &str| {
        h.len() < text.len()
            && h.chars()
                .zip(text)
                .all(|(a, b)| a == b.to_ascii_lowercase())
            && matches!(text[h.len()], ' ' | ':' | '*' | '_')
    };
    HEADINGS
        .iter()
        .filter(|(h, _)| matches(h))
        .map(|(h, _)| h.chars().count())
        .max()
}

/// "12. Text" -> 12 (also "12.", "12.\tText").
pub(crate) fn para_number(text: &str) -> Option<u32> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 || text.as_bytes().get(digits) != Some(&b'.') {
        return None;
    }
    match text.as_bytes().get(digits + 1) {
        None | Some(b' ') => text[..digits].parse().ok(),
        _ => None,
    }
}

/// Page furniture: running headers with a reference, page numbers, "Page 3 of 12",
/// footnotes that are only a link.
fn is_furniture(text: &str, in_front: bool) -> bool {
    let b = text.as_bytes();
    if b.is_empty() {
        return true;
    }
    if b.len() <= 3 && b.iter().all(u8::is_ascii_digit) {
        return true;
    }
    let prefix = |p: &str| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    // A footnote that is only a link ("2 https://...") interrupts the paragraph it sits in.
    let link = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '<');
    if (link.starts_with("http://") || link.starts_with("https://")) && !link.contains(' ') {
        return true;
    }
    if prefix("page ")
        && b[5..]
            .iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b' ' | b'o' | b'f' | b'O' | b'F'))
    {
        return true;
    }
    // "Reference: FS50123456" repeated on every page; the front matter's copy is the real one.
    if in_front || !prefix("reference") {
        return false;
    }
    let rest = text[9..].trim_start_matches([':', ' ', '.']);
    let rest = rest
        .strip_prefix("no.")
        .or(rest.strip_prefix("No."))
        .unwrap_or(rest);
    !rest.trim().contains(' ')
}

/// A notice's title line ("Decision notice", "Freedom of Information Act 2000 (Section 50)
/// Decision Notice"), not a sentence that mentions "this decision notice".
fn is_title(lower: &str) -> bool {
    let Some(p) = lower.find("decision notice") else {
        return false;
    };
    let before = lower[..p].trim_end();
    lower.len() <= 120
        && !["this", "the", "a", "of", "that", "its", "which"]
            .iter()
            .any(|w| {
                before.ends_with(w) && before[..before.len() - w.len()].ends_with([' ', '('])
                    || before == *w
            })
}

/// Whether a paragraph number continues the numbering (PDFs of notices sometimes skip or
/// repeat a number, so a small jump is allowed after a finished sentence).
fn accepts(n: u32, last: u32, prev_done: bool) -> bool {
    if last == 0 {
        return n <= 3;
    }
    n == last + 1 || (prev_done && n != last && n + 2 >= last && n <= last + 3)
}

fn ends_sentence(text: &str) -> bool {
    // A page number run onto the end of the text ("contempt of court. 1") is furniture.
    let t = text.trim_end();
    let t = match t.rsplit_once(' ') {
        Some((body, n)) if n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()) => body,
        _ => t,
    };
    t.trim_end()
        .chars()
        .last()
        .is_none_or(|c| matches!(c, '.' | ':' | '?' | '!' | '"' | '\'' | ';' | ')'))
}

/// A short line standing alone between finished text and a numbered paragraph.
fn looks_like_heading(text: &str) -> bool {
    let first = text.chars().next();
    let last = text.chars().last();
    text.len() <= 100
        && first.is_some_and(char::is_uppercase)
        && last.is_some_and(|c| !matches!(c, '.' | ',' | ';' | ':' | '"'))
        && text.split_whitespace().count() <= 14
        && !text.contains(": ")
        && !text.contains(", ")
        && !text.contains('@')
        && !text.contains("://")
}

pub(crate) fn build(lines: Vec<Line>) -> Doc {
    let total: usize = lines.iter().map(|l| l.text.len() + 1).sum();
    let mut doc = Doc {
        text: String::with_capacity(total),
        starts: Vec::with_capacity(total),
        ends: Vec::with_capacity(total),
        blocks: Vec::new(),
        lines: Vec::new(),
        title: None,
    };
    let mut in_front = true;
    let mut section = Section::Front;
    let mut last_no = 0u32;
    let mut heading: Option<usize> = None;
    let mut front_label_open = false;
    let mut front_lines = 0;
    // A heading wrapped onto a second line continues on the next line.
    let mut heading_continues = false;
    let body_furniture: Vec<bool> = lines.iter().map(|l| is_furniture(&l.text, false)).collect();
    for (idx, line) in lines.iter().enumerate() {
        let text = line.text.as_str();
        let furniture = if in_front {
            is_furniture(text, true)
        } else {
            body_furniture[idx]
        };
        if furniture {
            continue;
        }
        let at = line.chars.first().map_or(0, |c| c.s);
        let mut upcoming = lines[idx + 1..]
            .iter()
            .zip(&body_furniture[idx + 1..])
            .filter(|(_, f)| !**f)
            .map(|(l, _)| l.text.as_str());
        let (next1, next2) = (upcoming.next(), upcoming.next());
        let opens_para = |t: Option<&str>| {
            t.is_some_and(|t| {
                known_heading(t).is_some()
                    || para_number(t).is_some_and(|n| accepts(n, last_no, true))
            })
        };
        let continues_heading = |t: &str| {
            t.len() <= 60
                && para_number(t).is_none()
                && known_heading(t).is_none()
                && !ends_sentence(t)
                && t.split_whitespace().count() <= 8
        };
        let prev_done = doc
            .blocks
            .last()
            .is_none_or(|b| b.kind == Kind::Heading || ends_sentence(doc.block_text(b)));
        let was_continuing = std::mem::take(&mut heading_continues);
        let new_kind = if was_continuing {
            None
        } else if let Some(sec) = known_heading(text).filter(|_| {
            // A wrapped line that happens to read "the request." is not a heading.
            text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                && (in_front || prev_done)
        }) {
            in_front = false;
            section = sec;
            Some(Kind::Heading)
        } else if in_front {
            front_lines += 1;
            let lower = text.to_ascii_lowercase();
            if doc.title.is_none() && front_lines <= 20 && is_title(&lower) {
                let s = doc.text.len() + usize::from(!doc.text.is_empty());
                doc.title = Some(s..s + text.len());
            }
            let label = text.find(':').is_some_and(|p| {
                p > 0 && p <= 30 && text[..p].chars().all(|c| c.is_alphabetic() || c == ' ')
            });
            if label || !front_label_open {
                front_label_open = label;
                Some(Kind::Front)
            } else {
                None
            }
        } else if let Some(n) = para_number(text).filter(|&n| accepts(n, last_no, prev_done)) {
            last_no = n;
            Some(Kind::Para(Some(n)))
        } else if prev_done && looks_like_heading(text) && opens_para(next1) {
            Some(Kind::Heading)
        } else if prev_done
            && looks_like_heading(text)
            && next1.is_some_and(continues_heading)
            && opens_para(next2)
        {
            heading_continues = true;
            Some(Kind::Heading)
        } else if doc.blocks.last().is_none_or(|b| b.kind == Kind::Heading) {
            Some(Kind::Para(None))
        } else {
            None
        };
        match new_kind {
            Some(kind) => {
                if !doc.text.is_empty() {
                    doc.push_sep('\n', at);
                }
                if kind == Kind::Heading {
                    heading = Some(doc.blocks.len());
                }
                let start = doc.text.len();
                doc.blocks.push(Block {
                    kind,
                    section,
                    range: start..start,
                    heading: if kind == Kind::Heading { None } else { heading },
                });
            }
            None => doc.push_sep(' ', at),
        }
        let start = doc.text.len();
        doc.push_line(line);
        let end = doc.text.len();
        doc.lines.push(start..end);
        if let Some(b) = doc.blocks.last_mut() {
            b.range.end = end;
        }
    }
    doc
}
