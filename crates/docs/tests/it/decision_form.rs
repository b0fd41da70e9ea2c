//! The decision notice's guided form: a page per provision the authority relied on, whose
//! questions follow the conclusion given (the public interest only once a qualified
//! provision is found engaged), then the breaches and the notice; the fixture's answers,
//! given page by page, complete the notice, and it is the notice rendered from the file.

use std::collections::BTreeMap;

use crate::common::{assessed, case, facts, render_with};
use foidesk_docs::{guided, Analysis, DocumentKind, Facts, Input, InputKind, QuestionPage};

/// What the guided form starts from: the profile, the Tribunal, and an empty analysis for
/// each provision the fixture analyses.
fn held(full: &Facts) -> Facts {
    let mut held = Facts {
        authority: full.authority.clone(),
        commissioner: full.commissioner.clone(),
        date: full.date,
        ..Facts::default()
    };
    held.decision.tribunal_contact = full.decision.tribunal_contact.clone();
    // Not asked: the form leaves it out unless someone writes it.
    held.decision.other_matters = full.decision.other_matters.clone();
    held.decision.analysis = full
        .decision
        .analysis
        .iter()
        .map(|a| Analysis::about(a.provisions[0].clone()))
        .collect();
    held
}

fn pages(name: &str, held: &Facts, answers: &BTreeMap<String, String>) -> Vec<QuestionPage> {
    let case = case(name, None);
    let assessment = assessed(&case);
    guided(
        DocumentKind::Decision,
        &Input::new(&case, &assessment, held),
        answers,
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Answers the fixture's facts give, page by page, until nothing is asked: the rounds
/// taken, and the questions of the first round (page key, fact ids).
fn check(name: &str, keys: &[&str], rounds: usize) {
    let full = facts(name);
    let all = full.answers();
    let held = held(&full);
    let mut answers = BTreeMap::new();
    let mut taken = 0;
    loop {
        let asked = pages(name, &held, &answers);
        if taken == 0 {
            let got: Vec<&str> = asked.iter().map(|p| p.key.as_str()).collect();
            assert_eq!(got, keys, "{name}");
        }
        let open: Vec<String> = asked
            .iter()
            .flat_map(|p| &p.questions)
            .filter(|q| q.required && !answers.contains_key(q.id.as_str()))
            .map(|q| q.id.to_string())
            .collect();
        if open.is_empty() {
            break;
        }
        for page in &asked {
            for q in &page.questions {
                let words = [&q.text, &q.hint, &page.title];
                assert!(
                    words
                        .iter()
                        .all(|w| !w.contains('_') && !w.contains("decision.")),
                    "{name}: {words:?}"
                );
                if let InputKind::Choice { options } = &q.input {
                    assert!(options.len() >= 2, "{name}: {}", q.id);
                }
            }
        }
        // A question the fixture leaves unanswered must go once the others are given.
        let given: Vec<String> = open.into_iter().filter(|id| all.contains_key(id)).collect();
        assert!(
            !given.is_empty(),
            "{name}: asks what the fixture does not answer"
        );
        for id in given {
            answers.insert(id.clone(), all[&id].clone());
        }
        taken += 1;
        assert!(taken <= 5, "{name}: still asking");
    }
    assert_eq!(taken, rounds, "{name}");
    let mut answered = held.clone();
    answered.apply_answers(&answers).unwrap();
    let case = case(name, None);
    let from_form = render_with(DocumentKind::Decision, &case, &answered).unwrap();
    let from_file = render_with(DocumentKind::Decision, &case, &full).unwrap();
    assert_eq!(from_form, from_file, "{name}");
}

#[test]
fn every_decision_is_asked_page_by_page_and_the_answers_complete_it() {
    // (case, the first round's pages, rounds of answers): the first asks each conclusion;
    // the second the tests it calls for (whether a provision not upheld was engaged); a
    // third the public interest for one found engaged.
    check(
        "2020-06-23_metropolitan-police-service",
        &["analysis[s.31(3)]", "notice"],
        2,
    );
    check(
        "2024-11-18_kent-police",
        &["analysis[s.24(2)]", "analysis[s.31(3)]", "notice"],
        2,
    );
    check(
        "2024-11-18_nottinghamshire-police",
        &["analysis[s.24(2)]", "analysis[s.31(3)]", "notice"],
        2,
    );
    check(
        "docs-eir-mixed",
        &["analysis[reg.12(6)]", "analysis[reg.12(5)(e)]", "notice"],
        3,
    );
}

/// A page as the snapshot keeps it: key, title, and each question's id and words.
type Shown = (String, String, Vec<(String, String)>);

#[test]
fn the_first_pages_of_a_decision() {
    let name = "2024-11-18_kent-police";
    let asked = pages(name, &held(&facts(name)), &BTreeMap::new());
    let shown: Vec<Shown> = asked
        .iter()
        .map(|p| {
            let qs = p
                .questions
                .iter()
                .map(|q| (q.id.to_string(), q.text.clone()))
                .collect();
            (p.key.clone(), p.title.clone(), qs)
        })
        .collect();
    insta::assert_yaml_snapshot!(shown);
}

#[test]
fn decision_answers_go_to_facts_and_back() {
    for name in [
        "2024-11-18_kent-police",
        "docs-eir-mixed",
        "2020-06-23_metropolitan-police-service",
    ] {
        let answers = facts(name).answers();
        assert!(
            answers.keys().any(|k| k.starts_with("decision.analysis[")),
            "{name}"
        );
        let mut back = Facts::default();
        back.apply_answers(&answers).unwrap();
        assert_eq!(back.answers(), answers, "{name}");
    }
    let bad = [
        (
            "decision.analysis[s.31(3)].conclusion",
            "perhaps",
            "entitled to rely on section 31(3)",
        ),
        (
            "decision.analysis[s.31(3)].engaged",
            "maybe",
            "whether section 31(3) was engaged",
        ),
        (
            "decision.analysis[s.31(3)].colour",
            "red",
            "not a question foidesk asks",
        ),
    ];
    for (key, value, says) in bad {
        let mut f = Facts::default();
        let errors = f
            .apply_answers(&[(key.to_owned(), value.to_owned())].into())
            .unwrap_err();
        assert!(errors[0].1.contains(says), "{key}: {}", errors[0].1);
    }
}
