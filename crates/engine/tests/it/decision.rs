//! The Commissioner's decision notice through the guided form (issue 13), on every
//! backend: the caseworker starts it from the notice's own event, is asked the analysis of
//! each provision the authority relied on (and more once a conclusion calls for it), cannot
//! issue it while anything is unanswered or the analysis contradicts the outcome, and once
//! issued the event and the notice's PDF are on the case together.

use std::collections::BTreeMap;

use foidesk_case::EventType;
use foidesk_engine::{DocumentKind, EngineError, InputKind, Letter, Role};
use foidesk_store::testing::check;

use crate::common::{example, system};

/// The answer the test gives: the choice that fits a notice upholding the complaint on
/// s.31(3) (the authority was not entitled) and leaving s.40(2) aside, or words.
fn answer(id: &str, input: &InputKind, text: &str) -> String {
    let choice = match id {
        "decision.analysis[s.40(2)].conclusion" => "not_considered",
        _ if id.ends_with(".conclusion") => "not_upheld",
        _ if id.ends_with(".engaged") => "yes",
        _ => "would_be_likely",
    };
    match input {
        InputKind::Choice { options } => {
            assert!(options.iter().any(|o| o.value == choice), "{id}");
            choice.to_owned()
        }
        _ => format!("An answer to: {text}"),
    }
}

/// The questions still open on the letter's pages.
fn open(letter: &Letter) -> BTreeMap<String, String> {
    letter
        .pages
        .iter()
        .flat_map(|p| &p.questions)
        .filter(|q| q.required && !letter.answers.contains_key(q.id.as_str()))
        .map(|q| (q.id.to_string(), answer(q.id.as_str(), &q.input, &q.text)))
        .collect()
}

#[tokio::test]
async fn a_decision_notice_is_issued_with_its_event_and_its_pdf() {
    check(async |store, label| {
        let system = system("2020-07-01", store);
        system
            .add_authority("met", "Metropolitan Police Service")
            .await
            .unwrap();
        let mut file = example("2020-06-23_metropolitan-police-service");
        let notice = file.events.pop().unwrap();
        assert_eq!(notice.kind, "decision_notice");
        let before = file.events.len() as i64;
        let id = system
            .open_case("met", "2019-0001", file, "o")
            .await
            .unwrap()
            .summary
            .id;
        let caseworker = system
            .add_user(
                "c@ico.example",
                "Cas Worker",
                Role::Caseworker,
                None,
                "a long enough password",
            )
            .await
            .unwrap();
        let service = system.service();
        let cw = service.as_user(&caseworker);
        let kind = EventType::DecisionNotice;

        let letter = cw.start_letter(id, notice.clone()).await.unwrap();
        assert_eq!(letter.kind, DocumentKind::Decision, "{label}");
        // The caseworker signs unless they say otherwise.
        let signs = letter.answers.get("decision.signatory.name");
        assert_eq!(signs.map(String::as_str), Some("Cas Worker"), "{label}");
        let keys: Vec<&str> = letter.pages.iter().map(|p| p.key.as_str()).collect();
        // The provisions the response relied on, then the notice; the late response
        // (s.10(1)) is explained by the assessment, so no breach is asked about.
        assert_eq!(
            keys,
            ["analysis[s.40(2)]", "analysis[s.31(3)]", "notice"],
            "{label}"
        );
        let s31: Vec<String> = letter.pages[1]
            .questions
            .iter()
            .map(|q| q.id.to_string())
            .collect();
        assert_eq!(
            s31,
            [
                "decision.analysis[s.31(3)].conclusion",
                "decision.analysis[s.31(3)].reasons"
            ],
            "{label}: the tests wait for the conclusion"
        );

        let unchanged = async || {
            let view = cw.case(id).await.unwrap().unwrap();
            assert_eq!(view.summary.version, before, "{label}");
            assert!(cw.attachments(id).await.unwrap().is_empty(), "{label}");
        };
        let err = cw.send_letter(id, kind, before).await.unwrap_err();
        let EngineError::Invalid { message, .. } = &err else {
            panic!("{label}: {err}")
        };
        assert!(
            message.contains("Was the authority entitled to rely on section 31(3)?"),
            "{label}: {message}"
        );
        assert!(!message.contains("decision."), "{label}: {message}");
        unchanged().await;

        // Answering what is open raises what the conclusions call for, until nothing is.
        let mut letter = letter;
        let mut rounds = 0;
        loop {
            let answers = open(&letter);
            if answers.is_empty() {
                break;
            }
            rounds += 1;
            assert!(rounds < 5, "{label}: still asking {answers:?}");
            let (next, problems) = cw.answer_letter(id, kind, answers).await.unwrap();
            assert!(problems.is_empty(), "{label}: {problems:?}");
            letter = next;
        }
        assert_eq!(
            rounds, 3,
            "{label}: conclusion, then the tests, then the public interest"
        );
        let s31: Vec<String> = letter.pages[1]
            .questions
            .iter()
            .map(|q| q.id.to_string())
            .collect();
        for part in [
            "engaged",
            "ncnd",
            "prejudice.interests",
            "prejudice.causal_link",
            "prejudice.likelihood",
            "public_interest.for",
            "public_interest.balance",
        ] {
            assert!(
                s31.contains(&format!("decision.analysis[s.31(3)].{part}")),
                "{label}: {s31:?}"
            );
        }
        // s.40(2) was not considered: only the reasons are asked.
        assert_eq!(letter.pages[0].questions.len(), 2, "{label}");

        // An analysis that contradicts the outcome refuses, in words.
        let upheld = BTreeMap::from([(
            "decision.analysis[s.31(3)].conclusion".to_owned(),
            "upheld".to_owned(),
        )]);
        let (contradicts, _) = cw.answer_letter(id, kind, upheld).await.unwrap();
        let words = contradicts
            .document(service.engine())
            .unwrap_err()
            .join(" ");
        assert!(
            words.contains("The outcome chosen is \u{201c}Upheld\u{201d}"),
            "{label}: {words}"
        );
        assert!(cw.send_letter(id, kind, before).await.is_err(), "{label}");
        unchanged().await;
        let back = BTreeMap::from([(
            "decision.analysis[s.31(3)].conclusion".to_owned(),
            "not_upheld".to_owned(),
        )]);
        let (letter, _) = cw.answer_letter(id, kind, back).await.unwrap();
        let document = letter.document(service.engine()).unwrap();
        assert_eq!(document.kind, DocumentKind::Decision, "{label}");

        let sent = cw.send_letter(id, kind, before).await.unwrap();
        assert_eq!(sent.summary.version, before + 1, "{label}");
        assert_eq!(
            sent.file.events.last().unwrap().kind,
            "decision_notice",
            "{label}"
        );
        let files = cw.attachments(id).await.unwrap();
        assert_eq!(files.len(), 1, "{label}");
        assert_eq!(files[0].event_version, Some(before + 1), "{label}");
        assert!(
            files[0].name.contains("decision notice"),
            "{label}: {}",
            files[0].name
        );
        let pdf = cw.attachment(id, files[0].id).await.unwrap().unwrap();
        assert!(pdf.bytes.starts_with(b"%PDF-"), "{label}");
        let (_, fresh) = cw.letter(id, kind).await.unwrap();
        assert!(fresh.is_none(), "{label}: the next notice starts afresh");
    })
    .await;
}

/// The decision's facts outline (the TOML route, kept for facts kept in files) holds every
/// text the notice may ask for: with its blanks filled in, only each conclusion, a choice
/// the outline cannot guess, is left to give.
#[tokio::test]
async fn the_outline_holds_every_text_a_decision_needs() {
    check(async |store, label| {
        let system = system("2020-07-01", store);
        system
            .add_authority("met", "Metropolitan Police Service")
            .await
            .unwrap();
        let file = example("2020-06-23_metropolitan-police-service");
        let view = system
            .open_case("met", "2019-0001", file, "o")
            .await
            .unwrap();
        let outline = foidesk_engine::facts_outline(&view, DocumentKind::Decision, "Cas Worker");
        let text = toml::to_string(&outline).unwrap();
        let filled = text.replace("\"\"", "\"Some words.\"");
        let facts = foidesk_engine::Facts::from_toml(&filled).unwrap();
        let err = system
            .engine()
            .render_document(&view, DocumentKind::Decision, &facts)
            .unwrap_err();
        let missing: Vec<String> = err
            .missing()
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(!missing.is_empty(), "{label}");
        for id in &missing {
            assert!(
                id.ends_with(".conclusion"),
                "{label}: the outline lacks {id}: {text}"
            );
        }
    })
    .await;
}
