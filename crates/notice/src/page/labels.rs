//! The Commissioner's decision labels: "FOI 36(2)(b)(ii): Not upheld", BAILII's older
//! "FOI 44 - Complaint Upheld", and runs of them on one line or wrapped across lines.

use foidesk_law::ProvisionId;

use crate::record::{DecisionLabel, Finding};

/// The labels in `text`, and whether one was cut off (a provision with no finding).
pub(crate) fn parse(text: &str) -> (Vec<DecisionLabel>, bool) {
    let starts = label_starts(text);
    let mut out: Vec<DecisionLabel> = Vec::new();
    let mut truncated = false;
    for (i, &(at, regime_len)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(text.len(), |n| n.0);
        let label = &text[at..end];
        let Some((provision, finding)) = split(label, regime_len) else {
            continue;
        };
        match (provision, finding) {
            (Some(p), Some(f)) if !out.iter().any(|d| d.provision == p && d.finding == f) => {
                out.push(DecisionLabel {
                    provision: p,
                    finding: f,
                });
            }
            (Some(_), None) if finding_text(label, regime_len).is_empty() => truncated = true,
            _ => {}
        }
    }
    (out, truncated)
}

/// Where each "FOI n" / "EIR n" starts, and the regime word's length.
fn label_starts(text: &str) -> Vec<(usize, usize)> {
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
                out.push((s, word.len()));
            }
            from = e;
        }
    }
    out.sort_unstable();
    out
}

/// The provision and finding of one label ("FOI 14: Upheld"); `None` when it is no label.
fn split(label: &str, regime_len: usize) -> Option<(Option<ProvisionId>, Option<Finding>)> {
    let body = &label[regime_len + 1..];
    let cut = body.find([':', ' ', '-', ',', '\n']).unwrap_or(body.len());
    let number = body[..cut].trim_end_matches('.');
    let prefix = if label.starts_with("FOI") {
        "s."
    } else {
        "reg."
    };
    let provision =
        canonical(number).and_then(|c| ProvisionId::parse(&format!("{prefix}{c}")).ok());
    Some((provision, finding(finding_text(label, regime_len))))
}

/// What follows the provision and its ":" or "-", trimmed.
fn finding_text(label: &str, regime_len: usize) -> &str {
    let body = &label[regime_len + 1..];
    let cut = body.find([':', ' ', '-', ',', '\n']).unwrap_or(body.len());
    body[cut..]
        .trim_start_matches([':', '-', ' ', '\n'])
        .trim_end_matches([',', ' ', '\n', '.', ';'])
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

fn finding(text: &str) -> Option<Finding> {
    let t = text.to_ascii_lowercase();
    let t = t.strip_prefix("complaint ").unwrap_or(&t).trim();
    match t {
        "upheld" => Some(Finding::Upheld),
        "not upheld" => Some(Finding::NotUpheld),
        "partly upheld" | "partially upheld" => Some(Finding::PartlyUpheld),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
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
        ];
        for (text, want, cut) in cases {
            assert_eq!(
                show(text),
                (want.iter().map(|s| s.to_string()).collect(), *cut),
                "{text}"
            );
        }
    }
}
