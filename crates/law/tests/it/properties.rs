//! Property tests: canonical round trip, a parser that never panics, containment laws.

use foidesk_law::{parse_citations, ProvisionId};
use proptest::prelude::*;

/// Canonical id text: a regime, a section number with optional suffix, up to 4 segments.
fn canonical() -> impl Strategy<Value = String> {
    let regime = prop_oneof![Just("s."), Just("reg.")];
    let suffix = prop_oneof![Just(""), Just(""), Just("A"), Just("B"), Just("ZA")];
    let number = (1u32..=9999, suffix).prop_map(|(n, s)| format!("{n}{s}"));
    let alpha = prop_oneof![
        "[a-z]",
        Just("aa".to_string()),
        Just("ab".to_string()),
        Just("ii".to_string()),
        Just("iii".to_string()),
        Just("iv".to_string()),
        Just("xviii".to_string()),
        "[a-z]{1,6}",
    ];
    let seg = prop_oneof![number.clone(), alpha];
    (regime, number, prop::collection::vec(seg, 0..5)).prop_map(|(r, top, segs)| {
        let mut text = format!("{r}{top}");
        for s in segs {
            text.push_str(&format!("({s})"));
        }
        text
    })
}

/// Text mixing citation fragments with arbitrary (often non-ASCII) characters.
fn noisy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("section ".to_string()),
        Just("sections ".to_string()),
        Just("s.".to_string()),
        Just("reg ".to_string()),
        Just("regulations ".to_string()),
        Just(" and ".to_string()),
        Just(", ".to_string()),
        Just(" to ".to_string()),
        Just("–".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("**".to_string()),
        Just(" of the Data Protection Act".to_string()),
        Just("\u{a0}".to_string()),
        "[0-9]{1,6}",
        "[a-zA-Z]{1,3}",
        "\\PC{1,4}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check_spans(text: &str) {
    let (citations, diagnostics) = parse_citations(text);
    let spans = citations
        .iter()
        .map(|c| &c.span)
        .chain(diagnostics.iter().map(|d| &d.span));
    for span in spans {
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "{span:?} in {text:?}"
        );
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
}

proptest! {
    #[test]
    fn canonical_round_trip(text in canonical()) {
        let id = ProvisionId::parse(&text).unwrap();
        prop_assert_eq!(id.to_string(), text.clone());
        prop_assert_eq!(ProvisionId::parse(&id.to_string()).unwrap(), id.clone());
        let (found, _) = parse_citations(&text);
        let ids: Vec<ProvisionId> = found.into_iter().map(|c| c.id).collect();
        prop_assert_eq!(ids, vec![id]);
    }

    #[test]
    fn parser_never_panics_on_arbitrary_strings(text in any::<String>()) {
        check_spans(&text);
    }

    #[test]
    fn parser_never_panics_on_citation_like_noise(text in noisy_text()) {
        check_spans(&text);
    }

    #[test]
    fn containment_laws(text in canonical(), cut_b in 0usize..5, cut_a in 0usize..5, other in canonical()) {
        let c = ProvisionId::parse(&text).unwrap();
        let chain: Vec<ProvisionId> = c.ancestors().collect();
        // b is an ancestor of c, a an ancestor of b.
        let b = chain[cut_b.min(chain.len() - 1)].clone();
        let b_chain: Vec<ProvisionId> = b.ancestors().collect();
        let a = b_chain[cut_a.min(b_chain.len() - 1)].clone();
        prop_assert!(c.covers(&c));
        prop_assert!(a.covers(&b) && b.covers(&c) && a.covers(&c));
        prop_assert!(c.top().covers(&c));
        if let Some(parent) = c.parent() {
            prop_assert!(parent.covers(&c) && !c.covers(&parent));
        }
        let d = ProvisionId::parse(&other).unwrap();
        if c.covers(&d) && d.covers(&c) {
            prop_assert_eq!(&c, &d);
        }
        if c.regime() != d.regime() {
            prop_assert!(!c.covers(&d) && !d.covers(&c));
        }
    }
}
