//! Layout independence: text whose line breaks were lost (transcriptions, copied web text,
//! collapsed PDF text) gets line breaks back before the structures the parser reads by line.
//!
//! A break is inserted only before a front-matter label, a notice title, a known heading
//! that opens a numbered paragraph, or the next paragraph number in sequence, each found
//! mid-line after a space. Inserted breaks stand for no input bytes.

use crate::normalise::Ch;
use crate::sections::known_heading_prefix;

/// Labels of the front matter, as printed (the case matters: body text rarely capitalises).
const FRONT_LABELS: &[&str] = &[
    "Reference:",
    "Ref:",
    "Date:",
    "Public Authority:",
    "Public authority:",
    "Public Authorities:",
    "Address:",
    "Complainant:",
];
const TITLES: &[&str] = &[
    "Freedom of Information Act 2000",
    "Environmental Information Regulations 2004",
    "The Environmental Information Regulations 2004",
];
/// A line this long or shorter holds one structure at most (a line of a page, not a
/// paragraph's worth of collapsed text).
const SHORT_LINE: usize = 200;
/// How far into the text front matter can be.
const FRONT_CHARS: usize = 3000;

pub(crate) fn relayout(chars: Vec<Ch>) -> Vec<Ch> {
    // Pages and abstracts are read as prose: only a notice's structure is rebuilt.
    let head: String = chars.iter().take(FRONT_CHARS).map(|c| c.c).collect();
    if !FRONT_LABELS.iter().chain(TITLES).any(|l| head.contains(l)) {
        return chars;
    }
    // Text with its line breaks has short lines, or paragraphs on lines of their own.
    let longest = chars
        .split(|c| c.c == '\n')
        .map(<[Ch]>::len)
        .max()
        .unwrap_or(0);
    let intact = longest <= SHORT_LINE || numbered_lines(&chars) >= 5;
    if intact && !labels_run_together(&head) {
        return chars;
    }
    let text: Vec<char> = chars.iter().map(|c| c.c).collect();
    let mut breaks = Vec::new();
    let mut last_no = 0u32;
    let mut line_start = 0;
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        if c == '\n' {
            line_start = i + 1;
            i += 1;
            continue;
        }
        if i == line_start {
            if let Some((n, _)) = para_number_at(&text, i) {
                if n == last_no + 1 {
                    last_no = n;
                }
            }
            // A short line past the front matter has nothing run onto it.
            let end = text[i..]
                .iter()
                .position(|c| *c == '\n')
                .map_or(text.len(), |p| i + p);
            if i >= FRONT_CHARS && end - i <= SHORT_LINE {
                i = end;
                continue;
            }
        }
        let mid_line = i > line_start && text[i - 1] == ' ';
        if !mid_line {
            i += 1;
            continue;
        }
        // Markdown emphasis, heading marks and list dashes before a structure belong to it:
        // the structure is read past them, the break goes before them.
        let at = past_markup(&text, i);
        if at != i {
            if let Some(found) = structure_at(&text, at, last_no) {
                breaks.push(i);
                line_start = i;
                if let Some(end) = running_header_end(&text, at) {
                    breaks.push(end);
                }
                i = at + 1;
                match found {
                    Structure::Para(n) => last_no = n,
                    Structure::Heading(len) => {
                        // "#### **Request and response** --- 4. On…": the number opens a line.
                        let next = skip_marks(&text, at + len);
                        if let Some((n, _)) = para_number_at(&text, next) {
                            if n == last_no + 1 {
                                last_no = n;
                                breaks.push(next);
                                line_start = next;
                                i = next + 1;
                            }
                        }
                    }
                    Structure::Label => {}
                }
                continue;
            }
        }
        if i < FRONT_CHARS || c == 'R' {
            let label = FRONT_LABELS.iter().any(|l| starts_with(&text, i, l));
            let limit = if i < FRONT_CHARS { usize::MAX } else { 0 };
            // Past the front matter only the running "Reference:" header is split off.
            if label && (limit == usize::MAX || starts_with(&text, i, "Reference:")) {
                breaks.push(i);
                line_start = i;
                if let Some(end) = running_header_end(&text, i) {
                    // The line after it is still read for a heading run onto its text.
                    breaks.push(end);
                }
                i += 1;
                continue;
            }
        }
        if i < FRONT_CHARS && TITLES.iter().any(|t| starts_with(&text, i, t)) {
            let window: String = text[i..text.len().min(i + 90)].iter().collect();
            if let Some(p) = window.to_ascii_lowercase().find("decision notice") {
                breaks.push(i);
                let end = i + window[..p].chars().count() + "decision notice".len();
                if text.get(end) == Some(&' ') {
                    breaks.push(end + 1);
                }
                line_start = i;
                i = end;
                continue;
            }
        }
        if c.is_ascii_digit() {
            if let Some((n, body)) = para_number_at(&text, i) {
                // The 2025 short form numbers its headings: "2. Commissioner's Decision: A…".
                let heading = known_heading_prefix(&text[body..text.len().min(body + 50)])
                    .filter(|len| text.get(body + len) == Some(&':'));
                if heading.is_some() || (n == last_no + 1 && closes_sentence(&text, i)) {
                    last_no = n;
                    breaks.push(i);
                    line_start = i;
                    if let Some(len) = heading {
                        breaks.push(skip_spaces(&text, body + len + 1));
                    }
                    i += 1;
                    continue;
                }
            }
        }
        if c.is_uppercase() && heading_initial(&text, i) {
            if let Some(len) = known_heading_prefix(&text[i..text.len().min(i + 50)]) {
                let after = i + len;
                let next = skip_marks(&text, after);
                let opens = para_number_at(&text, next).is_some_and(|(n, _)| n == last_no + 1);
                if opens && next > after {
                    breaks.push(i);
                    // Before any marks that lead into the number ("- 1.", "** 1.").
                    breaks.push(skip_spaces(&text, after));
                    line_start = next;
                    i = next;
                    continue;
                }
            }
        }
        i += 1;
    }
    if breaks.is_empty() {
        return chars;
    }
    breaks.sort_unstable();
    breaks.dedup();
    let mut out = Vec::with_capacity(chars.len() + breaks.len());
    let mut next = breaks.iter().peekable();
    for (idx, ch) in chars.into_iter().enumerate() {
        while next.next_if(|&&b| b == idx).is_some() {
            // The space before the break stays; lines are trimmed later.
            out.push(Ch {
                c: '\n',
                s: ch.s,
                e: ch.s,
            });
        }
        out.push(ch);
    }
    out
}

/// A cheap test before the heading search: the first two letters start some heading.
fn heading_initial(text: &[char], at: usize) -> bool {
    let mut two = [0u8; 2];
    for (k, slot) in two.iter_mut().enumerate() {
        match text.get(at + k) {
            Some(c) if c.is_ascii_alphabetic() => *slot = c.to_ascii_lowercase() as u8,
            _ => return false,
        }
    }
    std::str::from_utf8(&two).is_ok_and(crate::sections::heading_starts_with)
}

/// How many lines open with a paragraph number ("12. ", "- 12. "): a text that keeps its
/// paragraphs on lines of their own has kept its structure.
fn numbered_lines(chars: &[Ch]) -> usize {
    chars
        .split(|c| c.c == '\n')
        .filter(|line| {
            let mut k = 0;
            while line.get(k).is_some_and(|c| c.c == ' ' || is_mark(c.c)) {
                k += 1;
            }
            let digits = line[k..]
                .iter()
                .take_while(|c| c.c.is_ascii_digit())
                .count();
            (1..=3).contains(&digits)
                && line.get(k + digits).is_some_and(|c| c.c == '.')
                && line.get(k + digits + 1).is_none_or(|c| c.c == ' ')
        })
        .count()
}

/// Whether a front-matter line holds a label after its start ("Public Authority: Address:").
fn labels_run_together(head: &str) -> bool {
    head.lines().any(|line| {
        let rest = line.trim_start().get(1..).unwrap_or("");
        FRONT_LABELS
            .iter()
            .any(|l| rest.match_indices(l).any(|(p, _)| rest[..p].ends_with(' ')))
    })
}

/// Bullets, emphasis, heading marks and rules: they stand for no words.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '*' | '#' | '_' | '-' | '\u{2022}' | '\u{F0B7}' | '\u{B7}' | '\u{25AA}' | '\u{25CF}'
    )
}

fn skip_marks(text: &[char], mut at: usize) -> usize {
    while text
        .get(at)
        .is_some_and(|c| c.is_whitespace() || is_mark(*c))
    {
        at += 1;
    }
    at
}

/// What a marked-up run opens, when it opens a structure.
enum Structure {
    Label,
    /// A known heading, this many chars long.
    Heading(usize),
    Para(u32),
}

fn structure_at(text: &[char], at: usize, last_no: u32) -> Option<Structure> {
    // Past the front matter only the running "Reference:" header is split off.
    let label = FRONT_LABELS.iter().any(|l| starts_with(text, at, l));
    if label && (at < FRONT_CHARS || starts_with(text, at, "Reference:")) {
        return Some(Structure::Label);
    }
    if at < FRONT_CHARS && TITLES.iter().any(|t| starts_with(text, at, t)) {
        return Some(Structure::Label);
    }
    if let Some(len) = known_heading_prefix(&text[at..text.len().min(at + 50)]) {
        return Some(Structure::Heading(len));
    }
    let (n, _) = para_number_at(text, at)?;
    (n == last_no + 1).then_some(Structure::Para(n))
}

/// Past emphasis marks, heading marks and a list dash ("**", "## ", "- ").
fn past_markup(text: &[char], at: usize) -> usize {
    let mut j = at;
    loop {
        match text.get(j) {
            Some('*' | '#' | '_') => j += 1,
            Some('-') if text.get(j + 1) == Some(&' ') => j += 1,
            Some(' ') if j > at => j += 1,
            _ => return j,
        }
    }
}

/// Past the front matter, "Reference: IC-123-A4B5" is a running header: it ends after
/// its one token, and the page's text goes on after it.
fn running_header_end(text: &[char], at: usize) -> Option<usize> {
    if at < FRONT_CHARS || !starts_with(text, at, "Reference:") {
        return None;
    }
    let token = skip_marks(text, at + "Reference:".len());
    let end = token
        + text[token..]
            .iter()
            .take_while(|c| !c.is_whitespace())
            .count();
    (end > token && end < text.len()).then(|| skip_spaces(text, end))
}

fn starts_with(text: &[char], at: usize, pat: &str) -> bool {
    let mut k = at;
    pat.chars().all(|p| {
        let same = text.get(k) == Some(&p);
        k += 1;
        same
    })
}

fn skip_spaces(text: &[char], mut at: usize) -> usize {
    while text.get(at).is_some_and(|c| *c == ' ' || *c == '\t') {
        at += 1;
    }
    at
}

/// The text before `at` (past one space) ends a sentence or a label.
fn closes_sentence(text: &[char], at: usize) -> bool {
    text[..at]
        .iter()
        .rev()
        // A bullet before a numbered step stands for nothing.
        .find(|c| !c.is_whitespace() && !is_mark(**c))
        .is_some_and(|c| matches!(c, '.' | ':' | ';' | ')' | '"' | '\'' | '?' | '!'))
}

/// "12. Text" at `at`: the number and where its text starts.
fn para_number_at(text: &[char], at: usize) -> Option<(u32, usize)> {
    let digits = text[at..]
        .iter()
        .take(4)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 || digits > 3 || text.get(at + digits) != Some(&'.') {
        return None;
    }
    let after = at + digits + 1;
    let body = skip_spaces(text, after);
    let first = text.get(body)?;
    if body == after || !(first.is_uppercase() || matches!(first, '"' | '\'' | '(')) {
        return None;
    }
    let n: String = text[at..at + digits].iter().collect();
    Some((n.parse().ok()?, body))
}

#[cfg(test)]
mod tests {
    use super::relayout;
    use crate::normalise::decode;

    /// Each case: text with its breaks lost, and the lines it should get back.
    fn check(input: &str, want: &[&str]) {
        let out: String = relayout(decode(input.as_bytes()))
            .iter()
            .map(|c| c.c)
            .collect();
        let got: Vec<&str> = out.split('\n').map(str::trim).collect();
        assert_eq!(got, want, "{input}");
    }

    #[test]
    fn breaks_come_back_before_structure() {
        check(
            "Reference: IC-1-A Freedom of Information Act 2000 (FOIA) Decision notice Date: 5 December 2025 Public Authority: Address: Police Federation Federation House Decision (including any steps ordered) 1.  The complainant asked. 2. The Commissioner decided.",
            &[
                "Reference: IC-1-A",
                "Freedom of Information Act 2000 (FOIA) Decision notice",
                "Date: 5 December 2025",
                "Public Authority:",
                "Address: Police Federation Federation House",
                "Decision (including any steps ordered)",
                "1.  The complainant asked.",
                "2. The Commissioner decided.",
            ],
        );
        check(
            "Reference: IC-2-B Date: 5 December 2025 1. Request: The complainant asked on 6 September 2025. 2. Commissioner's Decision: A breach of section 10. 3. Steps: Respond.",
            &[
                "Reference: IC-2-B",
                "Date: 5 December 2025",
                "1. Request:",
                "The complainant asked on 6 September 2025.",
                "2. Commissioner's Decision:",
                "A breach of section 10.",
                "3. Steps:",
                "Respond.",
            ],
        );
    }
}
