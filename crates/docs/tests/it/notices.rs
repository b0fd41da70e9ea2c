//! The decision notice rendered from each corpus example states what the original notice
//! states: the same outcome, the same breaches, the same steps and their period (checked
//! against shared/corpus/notices/expected.jsonl), with the steps date 35 calendar days on.
//! Fails, naming it, when ../shared is absent; CI always has it.

use crate::common::{case, rendered, squash, Spec, CORPUS};
use foidesk_case::EventKind;
use foidesk_docs::{Block, Document, DocumentKind};
use foidesk_law::{Catalogue, ProvisionId};
use serde_json::Value;

fn expected() -> Vec<Value> {
    let path = foidesk_testkit::corpus_notices().join("expected.jsonl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The blocks of the first section: "Decision (including any steps ordered)".
fn decision_section(doc: &Document) -> Vec<&Block> {
    doc.blocks
        .iter()
        .skip_while(|b| !matches!(b, Block::Heading { level: 2, .. }))
        .skip(1)
        .take_while(|b| !matches!(b, Block::Heading { level: 2, .. }))
        .collect()
}

fn paragraphs<'a>(blocks: &[&'a Block]) -> Vec<&'a str> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

fn ids(value: &Value) -> Vec<ProvisionId> {
    let mut v: Vec<ProvisionId> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().parse().unwrap())
        .collect();
    v.sort();
    v
}

fn cited(text: &str) -> Vec<ProvisionId> {
    let mut v = Catalogue::standard().parse_citations(text).provisions();
    v.sort();
    v.dedup();
    v
}

/// `steps_due`: the date the steps paragraph must give, where the issue states it.
fn check(name: &'static str, want: &Value, steps_due: Option<&str>) {
    let spec = Spec {
        kind: DocumentKind::Decision,
        case: name,
        cut: None,
    };
    let doc = rendered(&spec);
    let section = decision_section(&doc);
    let paras = paragraphs(&section);
    let all = squash(&paras.join(" "));

    // Outcome: the sentence giving the decision, and the provisions it names.
    let decision = paras
        .iter()
        .find(|p| p.contains("decision is that"))
        .unwrap_or_else(|| panic!("{name}: no decision sentence in {all}"));
    let (relied, breach_sentences): (Vec<&str>, Vec<&str>) = decision
        .split_inclusive(". ")
        .partition(|s| !s.contains("breached"));
    let relied = relied.concat();
    let (yes, no) = (
        relied.contains("was entitled to rely on") || relied.contains("in accordance with"),
        relied.contains("not entitled to rely on") || relied.contains("not in accordance"),
    );
    let outcome = match (yes, no) {
        (true, false) => "authority_entitled",
        (false, true) => "authority_not_entitled",
        (true, true) => "mixed",
        (false, false) => panic!("{name}: no outcome in {decision}"),
    };
    assert_eq!(outcome, want["outcome"], "{name}: outcome\n{decision}");
    assert_eq!(
        cited(&relied),
        ids(&want["provisions_cited"]),
        "{name}: provisions"
    );
    assert_eq!(
        all.contains("neither confirm nor deny"),
        want["ncnd"],
        "{name}: ncnd"
    );

    // Breaches: every provision the section says was breached, and no other.
    let breached: Vec<&str> = paras
        .iter()
        .flat_map(|p| p.split_inclusive(". "))
        .filter(|s| s.contains("breached"))
        .collect();
    assert_eq!(
        breach_sentences.len(),
        breached.len(),
        "{name}: breaches outside the decision sentence"
    );
    assert_eq!(
        cited(&breached.concat()),
        ids(&want["breaches"]),
        "{name}: breaches"
    );

    // Steps: the case's steps as a list, their period and date; or none.
    let listed: Vec<&String> = section
        .iter()
        .flat_map(|b| match b {
            Block::List { items } => items.iter().collect(),
            _ => Vec::new(),
        })
        .collect();
    let case = case(name, None);
    let steps: Vec<&String> = case
        .events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::DecisionNotice(n) => Some(n.steps.iter().collect()),
            _ => None,
        })
        .unwrap();
    assert_eq!(listed, steps, "{name}: steps");
    let required = want["steps_required"].as_bool().unwrap();
    assert_eq!(!listed.is_empty(), required, "{name}: steps required");
    match want["steps_days"].as_u64() {
        Some(days) => {
            let period = format!("within {days} calendar days of the date of this notice");
            assert!(all.contains(&period), "{name}: no '{period}' in {all}");
        }
        None => assert!(all.contains("does not require"), "{name}: {all}"),
    }
    if let Some(date) = steps_due {
        assert!(
            all.contains(&format!("that is by {date}")),
            "{name}: steps date {date}\n{all}"
        );
    }
}

#[test]
fn corpus_decision_notices_state_the_original_outcome_breaches_and_steps() {
    let expected = expected();
    for name in CORPUS {
        let want = expected
            .iter()
            .find(|v| v["file"] == format!("{name}.txt"))
            .unwrap_or_else(|| panic!("{name} not in expected.jsonl"));
        let steps_due = match name {
            "2018-09-20_cambridgeshire-constabulary" => Some("25 October 2018"),
            "2020-06-23_metropolitan-police-service" => Some("28 July 2020"),
            _ => None,
        };
        check(name, want, steps_due);
    }
}
