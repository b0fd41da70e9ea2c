//! Rendering with a fact missing names the fact and never returns a document. For every
//! document the tests render, each fact it was built from is removed in turn (from the
//! facts file, or from the case for `case.…` facts) and the result must be `Missing`
//! naming it; with no caller facts at all, every missing fact is listed at once.

use crate::common::{case, facts, render_with, specs, Spec};
use foidesk_case::{Case, EventKind};
use foidesk_docs::{DocumentKind, FactId, Facts, RenderError};
use toml::Value;

/// One step of a fact id's path: a key, or `[x]` picking the entry about provision `x`.
enum Step {
    Key(String),
    Pick(String),
}

fn path(id: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut rest = id;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('[') {
            let close = inner.find(']').unwrap();
            steps.push(Step::Pick(inner[..close].to_owned()));
            rest = inner[close + 1..].trim_start_matches('.');
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            steps.push(Step::Key(rest[..end].to_owned()));
            rest = rest[end..].trim_start_matches('.');
        }
    }
    steps
}

/// The array entry about `provision` (its `provision`, or first of its `provisions`).
fn is_about(entry: &Value, provision: &str) -> bool {
    entry.get("provision").and_then(Value::as_str) == Some(provision)
        || entry
            .get("provisions")
            .and_then(|p| p.get(0))
            .and_then(Value::as_str)
            == Some(provision)
}

/// Removes the value at `id` from the facts; panics if there is none (a fact the document
/// says it used must be there to remove).
fn without_fact(facts: &Facts, id: &str) -> Facts {
    let mut value = Value::try_from(facts).unwrap();
    let steps = path(id);
    let (last, parents) = steps.split_last().unwrap();
    let mut at = &mut value;
    for step in parents {
        at = match step {
            Step::Key(k) => at.get_mut(k.as_str()),
            Step::Pick(p) => match at {
                Value::Array(entries) => entries.iter_mut().find(|e| is_about(e, p)),
                Value::Table(t) => t.get_mut(p.as_str()),
                _ => None,
            },
        }
        .unwrap_or_else(|| panic!("{id}: no value to remove"));
    }
    let removed = match (last, at) {
        (Step::Key(k), Value::Table(t)) | (Step::Pick(k), Value::Table(t)) => t.remove(k).is_some(),
        (Step::Pick(p), Value::Array(entries)) => {
            let before = entries.len();
            entries.retain(|e| !is_about(e, p));
            entries.len() < before
        }
        _ => false,
    };
    assert!(removed, "{id}: no value to remove");
    value.try_into().unwrap()
}

/// Removes a `case.…` fact from the case.
fn without_case_fact(case: &Case, id: &str) -> Case {
    let mut case = case.clone();
    let events = &mut case.events;
    match id {
        "case.response" => events.retain(|e| !matches!(e.kind, EventKind::Response(_))),
        "case.pit_extension" => {
            events.retain(|e| !matches!(e.kind, EventKind::PitExtension { .. }));
        }
        "case.clarification_sought" => {
            events.retain(|e| !matches!(e.kind, EventKind::ClarificationSought));
        }
        "case.fee_notice" => events.retain(|e| !matches!(e.kind, EventKind::FeeNotice { .. })),
        "case.fee_notice.amount" => {
            for e in events.iter_mut() {
                if let EventKind::FeeNotice { amount_pence } = &mut e.kind {
                    *amount_pence = None;
                }
            }
        }
        // No deadline runs while the authority awaits clarification (s.1(3)).
        "case.response_due" => {
            let number = events.len() + 1;
            events.push(foidesk_case::Event {
                number,
                date: case.request.received,
                note: None,
                message: None,
                kind: EventKind::ClarificationSought,
            });
        }
        "case.internal_review" => {
            events.retain(|e| !matches!(e.kind, EventKind::InternalReview { .. }));
        }
        "case.complaint" => events.retain(|e| !matches!(e.kind, EventKind::Complaint)),
        "case.decision_notice" => {
            events.retain(|e| !matches!(e.kind, EventKind::DecisionNotice(_)));
        }
        "case.decision_notice.outcome" => {
            for e in events.iter_mut() {
                if let EventKind::DecisionNotice(n) = &mut e.kind {
                    n.outcome = None;
                }
            }
        }
        "case.pit_extension.estimate" => {
            for e in events.iter_mut() {
                if let EventKind::PitExtension { estimate, .. } = &mut e.kind {
                    *estimate = None;
                }
            }
        }
        other => panic!("no way to remove {other} from a case"),
    }
    case
}

fn missing(kind: DocumentKind, case: &Case, facts: &Facts) -> Vec<FactId> {
    match render_with(kind, case, facts) {
        Err(RenderError::Missing(m)) => m.facts,
        Err(other) => panic!("expected missing facts, got: {other}"),
        Ok(_) => panic!("rendered with a fact removed"),
    }
}

fn check(spec: &Spec) {
    let label = spec.label();
    let case = case(spec.case, spec.cut);
    let facts = facts(spec.case);
    let doc = render_with(spec.kind, &case, &facts).unwrap();
    assert!(doc.facts_used.len() > 5, "{label}: {:?}", doc.facts_used);
    for fact in &doc.facts_used {
        let (case_without, facts_without) = if fact.is_case_fact() {
            (without_case_fact(&case, fact.as_str()), facts.clone())
        } else {
            let mut c = case.clone();
            if fact.as_str() == "requester" {
                c.request.requester = None;
                if facts.requester.is_none() {
                    // The case file named the requester, and the facts do not.
                    (c, facts.clone())
                } else {
                    (c, without_fact(&facts, fact.as_str()))
                }
            } else {
                (c, without_fact(&facts, fact.as_str()))
            }
        };
        let got = missing(spec.kind, &case_without, &facts_without);
        assert!(
            got.contains(fact),
            "{label}: without {fact}, missing {got:?}"
        );
        for id in &got {
            assert!(spec.kind.declares(id), "{label}: undeclared {id}");
        }
    }
    // With none of the caller's facts, every one of them is listed at once. With no
    // analysis at all, `decision.analysis` stands for the facts its entries would hold.
    let all = missing(spec.kind, &case, &Facts::default());
    let no_analysis = all.contains(&FactId::new("decision.analysis"));
    for fact in doc.facts_used.iter().filter(|f| !f.is_case_fact()) {
        // The authority's usual signatory stands in for the letter's own, which is what
        // a letter with no facts at all asks for.
        let stand_in = fact
            .as_str()
            .strip_prefix("authority.")
            .filter(|f| f.starts_with("signatory."))
            .is_some_and(|f| all.iter().any(|m| m.as_str().ends_with(f)));
        let from_case = fact.as_str() == "requester" && case.request.requester.is_some();
        let covered = stand_in
            || from_case
            || (no_analysis && fact.as_str().starts_with("decision.analysis["));
        assert!(
            all.contains(fact) || covered,
            "{label}: {fact} not listed in {all:?}"
        );
    }
}

#[test]
fn each_fact_removed_in_turn_is_named_as_missing() {
    for spec in specs() {
        check(&spec);
    }
}

#[test]
fn a_case_without_the_event_a_document_is_about() {
    let empty = case("2024-11-18_kent-police", Some("2024-06-30"));
    let facts = facts("2024-11-18_kent-police");
    for (kind, fact) in [
        (DocumentKind::Refusal, "case.response"),
        (DocumentKind::PitExtension, "case.pit_extension"),
        (DocumentKind::Disclosure, "case.response"),
        (DocumentKind::Review, "case.internal_review"),
        (DocumentKind::Decision, "case.decision_notice"),
    ] {
        let got = missing(kind, &empty, &facts);
        assert!(got.contains(&FactId::new(fact)), "{kind:?}: {got:?}");
    }
}
