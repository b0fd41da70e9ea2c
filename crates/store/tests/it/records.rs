//! Conformance: authority profiles, letter drafts and attachments (issue 12)
//! are kept alike on every backend: only ever added, the latest profile or
//! draft wins, a file comes back byte for byte, and a letter's file is
//! written with its event or not at all.

use crate::common::check;

use foidesk_store::{
    NewCase, NewEvent, NewStoredAttachment, Projection, Store, StoreError, StoredDraft,
    StoredProfile,
};

const AT: &str = "2026-11-22T10:00:00Z";

fn event(kind: &str) -> NewEvent {
    NewEvent {
        kind: kind.into(),
        body_json: format!("{{\"kind\":\"{kind}\"}}"),
        recorded_by: "officer@a".into(),
        recorded_at: AT.into(),
    }
}

fn projection() -> Projection {
    Projection {
        status: "awaiting_response".into(),
        desk: "authority".into(),
        next_deadline: Some("2026-12-01".into()),
        assignee: None,
        complained: None,
        facts: None,
    }
}

/// An authority and a case with one event: (authority id, case id).
async fn a_case(store: &Store) -> (i64, i64) {
    let a = store
        .add_authority("kent", "Kent Police", AT)
        .await
        .unwrap();
    let id = store
        .create_case(&NewCase {
            authority_id: a.id,
            reference: "FOI-1".into(),
            requester: None,
            request_json: "{}".into(),
            events: vec![event("request")],
            projection: projection(),
            created_at: AT.into(),
            listing: Default::default(),
            print: None,
        })
        .await
        .unwrap();
    (a.id, id)
}

fn file(name: &str, content: Vec<u8>) -> NewStoredAttachment {
    NewStoredAttachment {
        name: name.into(),
        content_type: "application/pdf".into(),
        sha256: format!("hash of {name}"),
        content,
    }
}

#[tokio::test]
async fn the_latest_profile_wins_and_none_is_lost() {
    check(async |store, label| {
        let (authority, _) = a_case(store).await;
        assert_eq!(store.authority_profile(authority).await.unwrap(), None);
        for body in ["{\"v\":1}", "{\"v\":2}"] {
            store
                .add_authority_profile(&StoredProfile {
                    authority_id: authority,
                    body_json: body.into(),
                    saved_by: "admin@a".into(),
                    saved_at: AT.into(),
                })
                .await
                .unwrap();
        }
        let latest = store.authority_profile(authority).await.unwrap().unwrap();
        assert_eq!(latest.body_json, "{\"v\":2}", "{label}");
        let err = store
            .add_authority_profile(&StoredProfile {
                authority_id: authority + 100,
                body_json: "{}".into(),
                saved_by: "admin@a".into(),
                saved_at: AT.into(),
            })
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::NotFound {
                    what: "authority",
                    ..
                }
            ),
            "{label}: {err}"
        );
    })
    .await;
}

#[tokio::test]
async fn the_latest_draft_of_each_kind_wins() {
    check(async |store, label| {
        let (_, case) = a_case(store).await;
        let draft = |kind: &str, answers: &str| StoredDraft {
            case_id: case,
            kind: kind.into(),
            answers_json: answers.into(),
            saved_by: "officer@a".into(),
            saved_at: AT.into(),
        };
        assert_eq!(store.letter_draft(case, "refusal").await.unwrap(), None);
        for d in [
            draft("refusal", "{\"n\":1}"),
            draft("acknowledgement", "{\"a\":1}"),
            draft("refusal", "{\"n\":2}"),
        ] {
            store.add_letter_draft(&d).await.unwrap();
        }
        let got = store.letter_draft(case, "refusal").await.unwrap();
        assert_eq!(got, Some(draft("refusal", "{\"n\":2}")), "{label}");
        let got = store.letter_draft(case, "acknowledgement").await.unwrap();
        assert_eq!(got, Some(draft("acknowledgement", "{\"a\":1}")), "{label}");
        let mut elsewhere = draft("refusal", "{}");
        elsewhere.case_id = case + 100;
        let err = store.add_letter_draft(&elsewhere).await.unwrap_err();
        assert!(
            matches!(err, StoreError::NotFound { what: "case", .. }),
            "{label}: {err}"
        );
    })
    .await;
}

#[tokio::test]
async fn an_attachment_comes_back_byte_for_byte() {
    check(async |store, label| {
        let (_, case) = a_case(store).await;
        // Every byte value, NUL included, and a size past one page.
        let bytes: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
        let id = store
            .add_attachment(
                case,
                Some(1),
                &file("released.pdf", bytes.clone()),
                "officer@a",
                AT,
            )
            .await
            .unwrap();
        let second = store
            .add_attachment(case, None, &file("empty-ish.pdf", vec![0]), "officer@a", AT)
            .await
            .unwrap();
        let list = store.attachments(case).await.unwrap();
        let names: Vec<_> = list
            .iter()
            .map(|a| (a.id, a.name.as_str(), a.size, a.event_version))
            .collect();
        assert_eq!(
            names,
            vec![
                (id, "released.pdf", 3_000_000, Some(1)),
                (second, "empty-ish.pdf", 1, None)
            ],
            "{label}"
        );
        let (meta, content) = store.attachment(case, id).await.unwrap().unwrap();
        assert_eq!(meta, list[0], "{label}");
        assert!(content == bytes, "{label}: the bytes differ");
        // Only under its own case.
        assert_eq!(
            store.attachment(case + 100, id).await.unwrap(),
            None,
            "{label}"
        );
        let err = store
            .add_attachment(case + 100, None, &file("x.pdf", vec![1]), "officer@a", AT)
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::NotFound { what: "case", .. }),
            "{label}: {err}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_letter_is_written_with_its_event_or_not_at_all() {
    check(async |store, label| {
        let (_, case) = a_case(store).await;
        let letter = file("letter.pdf", b"%PDF-1.7 letter".to_vec());
        let version = store
            .append_with_attachments(
                case,
                1,
                &[event("response")],
                &projection(),
                "officer@a",
                AT,
                std::slice::from_ref(&letter),
            )
            .await
            .unwrap();
        assert_eq!(version, 2, "{label}");
        let list = store.attachments(case).await.unwrap();
        assert_eq!(list.len(), 1, "{label}");
        assert_eq!(list[0].event_version, Some(2), "{label}");
        // A stale version writes neither the event nor the file.
        let err = store
            .append_with_attachments(
                case,
                1,
                &[event("response")],
                &projection(),
                "officer@a",
                AT,
                &[letter],
            )
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Conflict { current: 2, .. }),
            "{label}: {err}"
        );
        assert_eq!(store.attachments(case).await.unwrap().len(), 1, "{label}");
        assert_eq!(
            store.case(case).await.unwrap().unwrap().events.len(),
            2,
            "{label}"
        );
    })
    .await;
}
