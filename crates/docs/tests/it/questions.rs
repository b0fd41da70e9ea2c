//! The guided form's questions: only what the case and the authority's profile do not hold,
//! in plain words, one page per exemption; and answers go to facts and back, so that a
//! letter written from the form's answers is the letter written from the facts file.

use std::collections::BTreeMap;

use crate::common::{assessed, case, facts, render_with, specs, Spec};
use foidesk_docs::{questions, DocumentKind, Facts, Input, InputKind, QuestionPage};

/// What an authority's profile holds: its details and the Commissioner's.
fn profile(full: &Facts) -> Facts {
    Facts {
        authority: full.authority.clone(),
        commissioner: full.commissioner.clone(),
        date: full.date,
        ..Facts::default()
    }
}

fn pages(spec: &Spec, facts: &Facts) -> Vec<QuestionPage> {
    let case = case(spec.case, spec.cut);
    let assessment = assessed(&case);
    questions(spec.kind, &Input::new(&case, &assessment, facts))
        .unwrap_or_else(|e| panic!("{}: {e}", spec.label()))
}

fn check(spec: &Spec) {
    let label = spec.label();
    let full = facts(spec.case);
    let held = profile(&full);
    let asked = pages(spec, &held);
    assert!(!asked.is_empty(), "{label}: nothing asked");
    let mut answers = BTreeMap::new();
    let all = full.answers();
    for page in &asked {
        assert!(
            !page.questions.is_empty(),
            "{label}: empty page {}",
            page.key
        );
        for q in &page.questions {
            assert!(spec.kind.declares(&q.id), "{label}: undeclared {}", q.id);
            assert!(!q.id.is_case_fact(), "{label}: asks for {}", q.id);
            // Plain words: no fact id, no wire name, no path.
            for words in [&q.text, &q.hint, &page.title] {
                assert!(
                    !words.contains("exemption[") && !words.contains('_') && !words.contains("s.3"),
                    "{label}: {words}"
                );
            }
            if let InputKind::Choice { options } = &q.input {
                assert!(options.len() >= 2, "{label}: {}", q.id);
            }
            // The profile's facts are never asked again.
            assert!(
                !held.answers().contains_key(q.id.as_str()),
                "{label}: asks for {} the profile holds",
                q.id
            );
            if let Some(a) = all.get(q.id.as_str()) {
                answers.insert(q.id.to_string(), a.clone());
            }
        }
    }
    // The fixture's own answers to those questions complete the letter, and it is the
    // same letter as the one rendered from the facts file.
    let mut answered = held.clone();
    answered.apply_answers(&answers).unwrap();
    let left = pages(spec, &answered);
    assert!(left.is_empty(), "{label}: still asks {left:?}");
    let case = case(spec.case, spec.cut);
    let from_form = render_with(spec.kind, &case, &answered).unwrap();
    let from_file = render_with(spec.kind, &case, &full).unwrap();
    assert_eq!(from_form, from_file, "{label}");
}

#[test]
fn every_letter_asks_only_what_it_lacks_and_the_answers_complete_it() {
    let letters: Vec<Spec> = specs().into_iter().filter(|s| s.kind.is_letter()).collect();
    assert!(letters.len() > 20);
    for spec in &letters {
        check(spec);
    }
}

#[test]
fn one_page_per_exemption_with_the_tests_it_needs() {
    let spec = Spec {
        kind: DocumentKind::Refusal,
        case: "2024-11-18_kent-police",
        cut: None,
    };
    let asked = pages(&spec, &profile(&facts(spec.case)));
    let keys: Vec<&str> = asked.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(keys, ["exemption[s.24(2)]", "exemption[s.31(3)]", "letter"]);
    let ids = |key: &str| -> Vec<String> {
        let page = asked.iter().find(|p| p.key == key).unwrap();
        page.questions.iter().map(|q| q.id.to_string()).collect()
    };
    // s.31(3) is prejudice-based: the likelihood is asked; s.24(2) is not.
    let s31 = ids("exemption[s.31(3)]");
    assert!(s31.contains(&"refusal.exemption[s.31(3)].likelihood".to_owned()));
    assert!(!ids("exemption[s.24(2)]")
        .iter()
        .any(|i| i.ends_with("likelihood")));
    // Both are qualified: the public interest each way and the balance.
    for part in ["for", "against", "balance"] {
        let id = format!("refusal.exemption[s.31(3)].public_interest.{part}");
        assert!(s31.contains(&id), "{s31:?}");
    }
    let page = asked
        .iter()
        .find(|p| p.key == "exemption[s.31(3)]")
        .unwrap();
    assert_eq!(page.title, "Section 31(3): law enforcement");
    // The case file names no requester and the profile does not: asked on the letter page.
    assert!(ids("letter").contains(&"requester".to_owned()));
}

#[test]
fn a_letter_the_case_does_not_call_for_says_why_in_words() {
    let spec = Spec {
        kind: DocumentKind::FeesNotice,
        case: "synthetic-clarification-restarts-clock",
        cut: None,
    };
    let case = case(spec.case, spec.cut);
    let assessment = assessed(&case);
    let held = profile(&facts(spec.case));
    let err = questions(spec.kind, &Input::new(&case, &assessment, &held)).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("records no fees notice"), "{text}");
    assert!(!text.contains("case."), "{text}");
}

#[test]
fn answers_go_to_facts_and_back() {
    for spec in specs().iter().filter(|s| s.kind.is_letter()) {
        let full = facts(spec.case);
        let answers = full.answers();
        let mut back = Facts::default();
        back.apply_answers(&answers).unwrap();
        assert_eq!(back.answers(), answers, "{}", spec.label());
    }
    // Blank answers clear what they answer.
    let mut f = facts("2024-11-18_kent-police");
    let blank: BTreeMap<String, String> = [
        ("requester".to_owned(), " ".to_owned()),
        (
            "refusal.exemption[s.31(3)].likelihood".to_owned(),
            String::new(),
        ),
    ]
    .into();
    f.apply_answers(&blank).unwrap();
    assert!(!f.answers().contains_key("requester"));
    assert!(!f
        .answers()
        .contains_key("refusal.exemption[s.31(3)].likelihood"));
}

#[test]
fn wrong_answers_are_named_in_plain_words() {
    let cases = [
        (
            "refusal.exemption[s.31(3)].likelihood",
            "maybe",
            "how likely the harm that section 31(3)",
        ),
        (
            "vexatious.ground",
            "rude",
            "vexatious or a repeated request",
        ),
        (
            "refusal.exemption[section 99].reasons",
            "x",
            "is not a provision foidesk knows",
        ),
        (
            "refusal.exemption[s.31(3)].colour",
            "x",
            "not a question foidesk asks",
        ),
        ("favourite.colour", "x", "not a question foidesk asks"),
    ];
    for (key, value, says) in cases {
        let mut f = Facts::default();
        let answers: BTreeMap<String, String> = [(key.to_owned(), value.to_owned())].into();
        let errors = f.apply_answers(&answers).unwrap_err();
        assert_eq!(errors.len(), 1, "{key}");
        let (id, message) = &errors[0];
        assert_eq!(id, key);
        assert!(message.contains(says), "{key}: {message}");
        assert!(
            !message.contains("refusal.") && !message.contains('_'),
            "{message}"
        );
    }
    // Good answers beside a bad one are still applied.
    let mut f = Facts::default();
    let answers: BTreeMap<String, String> = [
        ("vexatious.ground".to_owned(), "rude".to_owned()),
        ("requester".to_owned(), "Siân Llŷr".to_owned()),
    ]
    .into();
    assert!(f.apply_answers(&answers).is_err());
    assert_eq!(f.requester.as_deref(), Some("Siân Llŷr"));
}

#[test]
fn the_documents_each_case_calls_for() {
    use DocumentKind::*;
    let cases: [(&str, Option<&str>, &[DocumentKind]); 7] = [
        (
            "synthetic-clarification-restarts-clock",
            Some("2024-01-08"),
            &[Acknowledgement],
        ),
        // Likewise while clarification is awaited (s.1(3)).
        (
            "synthetic-clarification-restarts-clock",
            Some("2024-01-10"),
            &[Clarification],
        ),
        (
            "synthetic-clarification-restarts-clock",
            None,
            &[Acknowledgement, Clarification, Disclosure],
        ),
        // While a fee is awaited no deadline runs, so an acknowledgement has no date to give.
        ("synthetic-fee-pause", Some("2023-09-11"), &[FeesNotice]),
        (
            "synthetic-complaint-before-review",
            None,
            &[Acknowledgement, CostRefusal, Refusal],
        ),
        (
            "docs-vexatious",
            None,
            &[Acknowledgement, VexatiousRefusal, Refusal],
        ),
        (
            "2024-11-18_kent-police",
            None,
            &[Acknowledgement, Refusal, Review, Decision],
        ),
    ];
    for (name, cut, want) in cases {
        let case = case(name, cut);
        let assessment = assessed(&case);
        let none = Facts::default();
        let got = foidesk_docs::applicable(&Input::new(&case, &assessment, &none));
        assert_eq!(got, want, "{name} {cut:?}");
    }
}

#[test]
fn missing_facts_read_as_questions() {
    let case = case("2024-11-18_kent-police", None);
    let err = render_with(DocumentKind::Refusal, &case, &Facts::default()).unwrap_err();
    let foidesk_docs::RenderError::Missing(missing) = err else {
        panic!("expected missing facts");
    };
    let words = missing.in_words(foidesk_law::Catalogue::standard());
    assert_eq!(words.len(), missing.facts.len());
    assert!(words.contains(&"Why does section 31(3) apply to this request?".to_owned()));
    assert!(words.contains(&"How should letters name your authority in a sentence?".to_owned()));
    for w in &words {
        assert!(
            !w.contains("refusal.") && !w.contains('_') && !w.contains('['),
            "{w}"
        );
    }
}
