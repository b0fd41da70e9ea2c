//! What cannot be rendered, and why: a refusal notice for a full disclosure, a
//! neither-confirm-nor-deny refusal under a provision with no such limb, a decision whose
//! analysis contradicts the case's outcome, steps due before the appeal period ends
//! (s.50(6)), a provision foidesk does not know, and a facts file with a misspelt field.

use crate::common::{case, facts, render_with};
use foidesk_case::{Case, EventKind, NoticeOutcome};
use foidesk_docs::{DocumentKind, Facts, RenderError};

/// What the error must be: its kind and, for `Invalid`, the fact it names.
enum Want {
    NotApplicable(&'static str),
    Invalid(&'static str, &'static str),
}

fn check(what: &str, kind: DocumentKind, case: &Case, facts: &Facts, want: Want) {
    let got = render_with(kind, case, facts);
    match (got, want) {
        (Err(RenderError::NotApplicable(m)), Want::NotApplicable(needle)) => {
            assert!(m.contains(needle), "{what}: {m}");
        }
        (Err(RenderError::Invalid { fact, message }), Want::Invalid(id, needle)) => {
            assert_eq!(fact.as_str(), id, "{what}: {message}");
            assert!(message.contains(needle), "{what}: {message}");
        }
        (other, _) => panic!("{what}: unexpected {other:?}"),
    }
}

fn with_notice(name: &'static str, change: impl Fn(&mut foidesk_case::DecisionNotice)) -> Case {
    let mut c = case(name, None);
    for e in &mut c.events {
        if let EventKind::DecisionNotice(n) = &mut e.kind {
            change(n);
        }
    }
    c
}

#[test]
fn documents_that_cannot_be_rendered() {
    check(
        "everything disclosed",
        DocumentKind::Refusal,
        &case("synthetic-clarification-restarts-clock", None),
        &Facts::default(),
        Want::NotApplicable("refuses nothing"),
    );
    check(
        "NCND under an EIR exception that has no NCND limb",
        DocumentKind::Refusal,
        &case("synthetic-eir-ncnd-wrong-exception", None),
        &facts("synthetic-eir-reg7-extension"),
        Want::Invalid(
            "case.response",
            "reg.12(5)(e) has no provision excluding the duty",
        ),
    );
    let kent = "2024-11-18_kent-police";
    check(
        "outcome contradicts the analysis",
        DocumentKind::Decision,
        &with_notice(kent, |n| {
            n.outcome = Some(NoticeOutcome::AuthorityNotEntitled)
        }),
        &facts(kent),
        Want::Invalid(
            "case.decision_notice.outcome",
            "entitled to rely on section 24(2) and not",
        ),
    );
    let met = "2020-06-23_metropolitan-police-service";
    check(
        "steps due before the appeal period ends",
        DocumentKind::Decision,
        &with_notice(met, |n| n.steps_days = Some(21)),
        &facts(met),
        Want::Invalid("case.decision_notice.steps_days", "(s.50(6))"),
    );
    let mut unknown = facts(met);
    unknown.decision.analysis[0].provisions = vec!["s.99".parse().unwrap()];
    check(
        "a provision the catalogue does not know",
        DocumentKind::Decision,
        &case(met, None),
        &unknown,
        Want::Invalid(
            "decision.analysis[s.99].provisions",
            "not in foidesk's statute catalogue",
        ),
    );
}

#[test]
fn a_facts_file_with_an_unknown_field_is_refused_by_name() {
    let err = Facts::from_toml("[review]\nreason = [\"x\"]\n").unwrap_err();
    assert!(err.to_string().contains("reason"), "{err}");
    let err = Facts::from_toml("[[refusal.exemption]]\nprovision = \"section 31\"\n").unwrap_err();
    assert!(err.to_string().contains("section 31"), "{err}");
}
