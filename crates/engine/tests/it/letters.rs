//! The guided letter through the engine (issue 12), on every backend: a
//! letter is started from its event without writing anything, refused while
//! questions are unanswered, refused at a stale version, and once sent its
//! event and its PDF are on the case together and the next draft is fresh.

use std::collections::BTreeMap;

use foidesk_case::EventType;
use foidesk_engine::{DocumentKind, EngineError, InputKind};
use foidesk_store::testing::check;

use crate::records::{profile, world};

/// The answer the test gave to "what was the request about", if asked.
fn letter_summary(letter: &foidesk_engine::Letter) -> Option<String> {
    letter
        .pages
        .iter()
        .flat_map(|p| &p.questions)
        .find(|q| q.id.as_str() == "request_summary")
        .map(|q| format!("An answer to: {}", q.text))
}

#[tokio::test]
async fn a_letter_is_sent_with_its_event_and_its_pdf() {
    check(async |store, label| {
        let w = world(store).await;
        w.system
            .set_authority_profile(w.met, profile())
            .await
            .unwrap();
        let service = w.system.service();
        let officer = service.as_user(&w.officer);
        let kind = EventType::PitExtension;
        let (_, none) = officer.letter(w.case_id, kind).await.unwrap();
        assert!(none.is_none(), "{label}: no letter before its event");

        let letter = officer
            .start_letter(w.case_id, w.events[0].clone())
            .await
            .unwrap();
        assert_eq!(letter.kind, DocumentKind::PitExtension, "{label}");
        assert!(!letter.pages.is_empty(), "{label}: questions to answer");
        let asked: Vec<&str> = letter
            .pages
            .iter()
            .flat_map(|p| &p.questions)
            .map(|q| q.id.as_str())
            .collect();
        for held in [
            "authority.email",
            "authority.address",
            "authority.review_procedure",
        ] {
            assert!(!asked.contains(&held), "{label}: the profile holds {held}");
        }
        let unchanged = |version: i64| {
            let officer = &officer;
            async move {
                let view = officer.case(w.case_id).await.unwrap().unwrap();
                assert_eq!(view.summary.version, version, "{label}");
                assert_eq!(
                    officer.attachments(w.case_id).await.unwrap().len() as i64,
                    version,
                    "{label}"
                );
            }
        };
        unchanged(0).await;

        let err = officer.send_letter(w.case_id, kind, 0).await.unwrap_err();
        assert!(matches!(err, EngineError::Invalid { .. }), "{label}: {err}");
        unchanged(0).await;

        let mut answers = BTreeMap::new();
        for q in letter.pages.iter().flat_map(|p| &p.questions) {
            let answer = match &q.input {
                InputKind::Choice { options } => options[0].value.to_owned(),
                _ => format!("An answer to: {}", q.text),
            };
            answers.insert(q.id.as_str().to_owned(), answer);
        }
        let (_, problems) = officer
            .answer_letter(w.case_id, kind, answers)
            .await
            .unwrap();
        assert!(problems.is_empty(), "{label}: {problems:?}");

        let stale = officer.send_letter(w.case_id, kind, 1).await.unwrap_err();
        assert!(
            matches!(stale, EngineError::Conflict { .. }),
            "{label}: {stale}"
        );
        unchanged(0).await;

        let sent = officer.send_letter(w.case_id, kind, 0).await.unwrap();
        assert_eq!(sent.summary.version, 1, "{label}");
        assert_eq!(sent.file.events[0].kind, "pit_extension", "{label}");
        let files = officer.attachments(w.case_id).await.unwrap();
        assert_eq!(files.len(), 1, "{label}");
        assert_eq!(files[0].event_version, Some(1), "{label}");
        assert!(
            files[0].name.contains("2019-0001"),
            "{label}: {}",
            files[0].name
        );
        let file = officer
            .attachment(w.case_id, files[0].id)
            .await
            .unwrap()
            .unwrap();
        assert!(file.bytes.starts_with(b"%PDF-"), "{label}");

        let (_, fresh) = officer.letter(w.case_id, kind).await.unwrap();
        assert!(fresh.is_none(), "{label}: the next letter starts afresh");
        // What the request was about carries over to the case's next letter.
        let summary = letter_summary(&letter);
        assert!(
            summary.is_some(),
            "{label}: the extension letter asked what the request was about"
        );
        let response = officer
            .start_letter(w.case_id, w.events[1].clone())
            .await
            .unwrap();
        assert_eq!(
            response.answers.get("request_summary"),
            summary.as_ref(),
            "{label}"
        );
        let stranger = service.as_user(&w.stranger);
        let hidden = stranger.letter(w.case_id, kind).await.unwrap_err();
        assert!(
            matches!(hidden, EngineError::NotFound { .. }),
            "{label}: {hidden}"
        );
    })
    .await;
}
