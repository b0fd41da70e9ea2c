//! Spans to text like pdftotext's default mode: one line per visual line, top to bottom
//! and left to right, a blank line at a paragraph gap, running headers and footers of
//! later pages dropped.

use super::content::Span;
use std::collections::HashMap;

/// A visual line: its baseline, font size and text.
struct Line {
    y: f32,
    size: f32,
    text: String,
}

/// Lines at each end of a page that may be a running header or footer.
const MARGIN_LINES: usize = 3;

pub(super) fn document_text(pages: &[Vec<Span>]) -> String {
    let mut pages: Vec<Vec<Line>> = pages.iter().map(|p| lines(p)).collect();
    drop_running_lines(&mut pages);
    let mut out = String::new();
    for lines in &pages {
        if lines.is_empty() {
            continue;
        }
        // A page break ends a paragraph unless the sentence runs on.
        if let Some(last) = out.trim_end().chars().last() {
            out.truncate(out.trim_end().len());
            out.push_str(if ".:;?!)”\"".contains(last) {
                "\n\n"
            } else {
                "\n"
            });
        }
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                let prev = &lines[i - 1];
                let gap = prev.y - line.y;
                out.push_str(if gap > 1.5 * prev.size.max(line.size) {
                    "\n\n"
                } else {
                    "\n"
                });
            }
            out.push_str(&line.text);
        }
    }
    out.push('\n');
    out
}

/// The page's spans grouped into lines by baseline, each line read left to right.
fn lines(spans: &[Span]) -> Vec<Line> {
    let mut spans: Vec<&Span> = spans
        .iter()
        .filter(|s| !s.text.trim().is_empty() || s.x1 > s.x0)
        .collect();
    spans.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<Vec<&Span>> = Vec::new();
    for span in spans {
        match groups.last_mut() {
            // A raised or lowered mark (a footnote number) stays on its line.
            Some(g) if (g[0].y - span.y).abs() <= 0.5 * g[0].size.max(span.size) => g.push(span),
            _ => groups.push(vec![span]),
        }
    }
    groups
        .into_iter()
        .filter_map(|mut g| {
            g.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let size = g.iter().map(|s| s.size).fold(0.0, f32::max);
            let text = join(&g);
            let text = clean(text.trim());
            (!text.is_empty()).then(|| Line {
                y: g[0].y,
                size,
                text,
            })
        })
        .collect()
}

/// The spans of one line as text, with a space where there is a gap between them.
fn join(spans: &[&Span]) -> String {
    let mut text = String::new();
    let mut prev: Option<&Span> = None;
    for s in spans {
        if let Some(p) = prev {
            // Text drawn twice a little offset (a fake bold) is read once.
            if p.text == s.text && (s.x0 - p.x0).abs() < 0.2 * s.size {
                continue;
            }
            let gap = s.x0 - p.x1;
            let spaced =
                text.ends_with(char::is_whitespace) || s.text.starts_with(char::is_whitespace);
            if gap > 0.15 * p.size.max(s.size) && !spaced {
                text.push(' ');
            }
        }
        text.push_str(&s.text);
        prev = Some(s);
    }
    text
}

/// Ligatures spelt out, private-use bullets made "•", spaces made plain and single,
/// and control characters dropped.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            _ if c.is_whitespace() && out.ends_with(' ') => {}
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            '\u{E000}'..='\u{F8FF}' => out.push('•'),
            '\u{A0}' | '\u{2000}'..='\u{200A}' | '\t' => out.push(' '),
            c if c.is_control() || c == '\u{FEFF}' || c == '\u{FFFD}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A line as compared across pages: digits (page numbers) and case do not count.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if c.is_ascii_digit() {
                '#'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// Whether the line is only a page number ("3", "Page 3 of 9", "- 3 -").
fn page_number(key: &str) -> bool {
    let rest = key.replace("page", "").replace("of", "");
    rest.contains('#') && rest.chars().all(|c| c == '#' || c == '-' || c == '/')
}

/// Drops lines repeated at the top or bottom of pages: from every page but the first,
/// where the header is the notice's front matter; page numbers go from every page.
fn drop_running_lines(pages: &mut [Vec<Line>]) {
    let margin = |lines: &[Line]| -> Vec<usize> {
        let n = lines.len();
        (0..n)
            .filter(|&i| i < MARGIN_LINES || i + MARGIN_LINES >= n)
            .collect()
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for lines in pages.iter() {
        let mut keys: Vec<String> = margin(lines)
            .into_iter()
            .map(|i| key(&lines[i].text))
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let with_text = pages.iter().filter(|p| !p.is_empty()).count();
    let repeated = |k: &str| {
        let n = seen.get(k).copied().unwrap_or(0);
        n >= 2 && 2 * n >= with_text
    };
    for (p, lines) in pages.iter_mut().enumerate() {
        let drop: Vec<usize> = margin(lines)
            .into_iter()
            .filter(|&i| {
                let k = key(&lines[i].text);
                page_number(&k) || (p > 0 && repeated(&k))
            })
            .collect();
        for i in drop.into_iter().rev() {
            lines.remove(i);
        }
    }
}
