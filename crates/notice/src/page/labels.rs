//! The Commissioner's decision labels: "FOI 36(2)(b)(ii): Not upheld", BAILII's older
//! "FOI 44 - Complaint Upheld", and runs of them on one line or wrapped across lines.

use foidesk_law::ProvisionId;

use crate::record::{DecisionLabel, Finding};

/// The labels at the start of `text`, and whether one was cut off (a provision with no
/// finding).
#[cfg(test)]
pub(crate) fn parse(text: &str) -> (Vec<DecisionLabel>, bool) {
    let run = run(text);
    (run.labels, run.truncated)
}

/// A run of labels and where it ends.
#[derive(Debug, Default)]
pub(crate) struct Run {
    pub labels: Vec<DecisionLabel>,
    pub truncated: bool,
    /// Bytes of `text` the run takes (0 when it holds no label).
    pub len: usize,
}

/// The labels that open `text`, one after another (separated by spaces, line breaks or
/// commas), up to the first thing that is not a label; what follows may be prose.
pub(crate) fn run(text: &str) -> Run {
    let mut out = Run::default();
    let mut pos = 0;
    loop {
        let at = skip(text, pos, |c| c.is_whitespace() || c == ',');
        let Some((provision, after)) = head(&text[at..]) else {
            break;
        };
        let sep = skip(text, at + after, char::is_whitespace);
        let sep = match text[sep..].chars().next() {
            Some(':' | '-') => sep + 1,
            _ => sep,
        };
        let body = skip(text, sep, char::is_whitespace);
        if body == text.len() {
            // "FOI 17:" as the text's last words: the page stops mid-label.
            out.truncated |= provision.is_some() && sep > at + after;
            out.len = text.len();
            break;
        }
        let Some((finding, len)) = finding(&text[body..]) else {
            break;
        };
        if let Some(p) = provision {
            if !out
                .labels
                .iter()
                .any(|d| d.provision == p && d.finding == finding)
            {
                out.labels.push(DecisionLabel {
                    provision: p,
                    finding,
                });
            }
        }
        pos = body + len;
        out.len = pos;
    }
    out
}

/// Where the last run of labels in `text` starts, when it runs to the end of `text`.
pub(crate) fn tail(text: &str) -> Option<(usize, Run)> {
    let end = text.trim_end().len();
    label_starts(text).into_iter().find_map(|s| {
        let r = run(&text[s..]);
        (r.len > 0 && s + r.len >= end && (!r.labels.is_empty() || r.truncated)).then_some((s, r))
    })
}

fn skip(text: &str, from: usize, pred: impl Fn(char) -> bool) -> usize {
    text[from..]
        .char_indices()
        .find(|(_, c)| !pred(*c))
        .map_or(text.len(), |(i, _)| from + i)
}

/// "FOI 36(2)(b)(ii)" or "EIR 5.2" at the start of `text`: the provision (`None` when its
/// number is not one), and the bytes the label's head takes.
fn head(text: &str) -> Option<(Option<ProvisionId>, usize)> {
    let prefix = if text.starts_with("FOI ") {
        "s."
    } else if text.starts_with("EIR ") {
        "reg."
    } else {
        return None;
    };
    let body = &text[4..];
    if !body.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let cut = body
        .find(|c: char| c == ':' || c == '-' || c == ',' || c.is_whitespace())
        .unwrap_or(body.len());
    let number = body[..cut].trim_end_matches('.');
    let provision =
        canonical(number).and_then(|c| ProvisionId::parse(&format!("{prefix}{c}")).ok());
    Some((provision, 4 + cut))
}

/// Where each "FOI n" / "EIR n" starts.
fn label_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for word in ["FOI", "EIR"] {
        let mut from = 0;
        while let Some(p) = text.get(from..).and_then(|t| t.find(word)) {
            let s = from + p;
            let e = s + word.len();
            let before = s == 0 || !b[s - 1].is_ascii_alphanumeric();
            let after = b.get(e) == Some(&b' ') && b.get(e + 1).is_some_and(u8::is_ascii_digit);
            if before && after {
                out.push(s);
            }
            from = e;
        }
    }
    out.sort_unstable();
    out
}

/// "36(2)(b)(ii)" stays; the dotted forms "5.2" and "12.5.b" become "5(2)" and "12(5)(b)".
fn canonical(number: &str) -> Option<String> {
    let n = number.trim();
    if n.is_empty() || !n.starts_with(|c: char| c.is_ascii_digit()) || n.len() > 40 {
        return None;
    }
    if n.contains('(') {
        return Some(n.to_string());
    }
    let mut parts = n.split('.');
    let mut out = parts.next()?.to_string();
    for p in parts {
        if p.is_empty() || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        out.push('(');
        out.push_str(p);
        out.push(')');
    }
    Some(out)
}

/// The finding that opens `text` ("Not upheld", "Complaint Partly Upheld"), and its length.
fn finding(text: &str) -> Option<(Finding, usize)> {
    let mut words = Vec::new();
    let mut pos = 0;
    while words.len() < 3 {
        let start = skip(text, pos, char::is_whitespace);
        let end = skip(text, start, char::is_alphabetic);
        if end == start {
            break;
        }
        words.push((text[start..end].to_ascii_lowercase(), end));
        pos = end;
    }
    let w: Vec<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
    let from = usize::from(w.first() == Some(&"complaint"));
    let (finding, n) = match w.get(from..).unwrap_or(&[]) {
        ["upheld", ..] => (Finding::Upheld, 1),
        ["not", "upheld", ..] => (Finding::NotUpheld, 2),
        ["partly" | "partially", "upheld", ..] => (Finding::PartlyUpheld, 2),
        _ => return None,
    };
    let end = words[from + n - 1].1;
    // A finding is a whole word: "Upheld2" is not one.
    let next = text[end..].chars().next();
    (!next.is_some_and(char::is_alphanumeric)).then_some((finding, end))
}

#[cfg(test)]
mod tests {
    use super::{parse, tail};
    use crate::record::Finding;

    fn show(text: &str) -> (Vec<String>, bool) {
        let (labels, cut) = parse(text);
        let shown = labels
            .iter()
            .map(|d| {
                let f = match d.finding {
                    Finding::Upheld => "U",
                    Finding::NotUpheld => "N",
                    Finding::PartlyUpheld => "P",
                };
                format!("{} {f}", d.provision)
            })
            .collect();
        (shown, cut)
    }

    #[test]
    fn labels_in_every_published_wording() {
        let cases: &[(&str, &[&str], bool)] = &[
            ("EIR 5: Partly upheld", &["reg.5 P"], false),
            (
                "FOI 23: Not upheld, FOI 24: Not upheld",
                &["s.23 N", "s.24 N"],
                false,
            ),
            (
                "FOI 44 - Complaint Upheld, FOI 10 - Complaint Partly Upheld",
                &["s.44 U", "s.10 P"],
                false,
            ),
            ("EIR 5.2: Upheld", &["reg.5(2) U"], false),
            ("EIR 12.5.b: Not upheld", &["reg.12(5)(b) N"], false),
            ("FOI 36(2)(b)(ii): Not upheld", &["s.36(2)(b)(ii) N"], false),
            (
                "EIR 12(4)(b): Upheld EIR 12(5)(b): Not upheld",
                &["reg.12(4)(b) U", "reg.12(5)(b) N"],
                false,
            ),
            ("FOI 1:\nNot upheld FOI 17:", &["s.1 N"], true),
            (
                "FOI 1 - Complaint Not upheld, FOI 1 - Complaint Not upheld",
                &["s.1 N"],
                false,
            ),
            ("FOIA 12 and EIRs", &[], false),
            // Prose on the same line after the labels (line breaks lost).
            (
                "EIR 5: Partly upheld The complainant asked",
                &["reg.5 P"],
                false,
            ),
            ("FOI 44 -\nComplaint\nUpheld. The", &["s.44 U"], false),
        ];
        for (text, want, cut) in cases {
            assert_eq!(
                show(text),
                (want.iter().map(|s| s.to_string()).collect(), *cut),
                "{text}"
            );
        }
    }

    #[test]
    fn the_labels_ending_a_text() {
        let text = "The Commissioner decided. EIR 5: Upheld EIR 12(4)(b): Not upheld\n";
        let (at, run) = tail(text).expect("a tail");
        assert_eq!(&text[at..at + 6], "EIR 5:");
        assert_eq!(run.labels.len(), 2);
        let cut = "matter. FOI 1: Not upheld FOI 17:";
        assert!(tail(cut).is_some_and(|(_, r)| r.truncated && r.labels.len() == 1));
        assert!(tail("FOI 1: Not upheld and more prose.").is_none());
    }
}
