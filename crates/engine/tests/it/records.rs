//! Authority profiles, attachments and letter drafts through the engine
//! (issue 12), on every backend: who may read and write them, that every
//! profile error names its field, and that a letter's files are written
//! with its event or not at all.

use foidesk_case::file::{CaseFile, EventFile};
use foidesk_engine::{
    sha256_hex, AuthorityProfile, EngineError, NewAttachment, Role, Signatory, System, User,
};
use foidesk_store::testing::check;
use foidesk_store::Store;

use crate::common::{example, system};

const PASSWORD: &str = "a long enough password";

pub(crate) fn profile() -> AuthorityProfile {
    AuthorityProfile {
        address_lines: vec![
            "New Scotland Yard".into(),
            "Victoria Embankment".into(),
            "London SW1A 2JL".into(),
        ],
        email: "foi@met.police.example".into(),
        foi_contact: "Information Rights Unit".into(),
        review_procedure: "Write to us within 40 working days asking for an internal review."
            .into(),
        signatories: vec![Signatory {
            name: "Siân Llŷr".into(),
            role: "Information Manager".into(),
        }],
        reference_prefix: "MPS-FOI".into(),
        letterhead: "Metropolitan Police Service".into(),
    }
}

/// The 2020 Met request with no events, and its events.
fn met_request() -> (CaseFile, Vec<EventFile>) {
    let mut file = example("2020-06-23_metropolitan-police-service");
    let events = std::mem::take(&mut file.events);
    (file, events)
}

pub(crate) struct World {
    pub(crate) system: System,
    pub(crate) case_id: i64,
    pub(crate) met: i64,
    pub(crate) events: Vec<EventFile>,
    pub(crate) admin: User,
    pub(crate) officer: User,
    pub(crate) stranger: User,
}

pub(crate) async fn world(store: &Store) -> World {
    let system = system("2020-02-10", store);
    let met = system
        .add_authority("met", "Metropolitan Police Service")
        .await
        .unwrap();
    system.add_authority("kent", "Kent Police").await.unwrap();
    let (file, events) = met_request();
    let case_id = system
        .open_case("met", "2019-0001", file, "o")
        .await
        .unwrap()
        .summary
        .id;
    let user = |email: &'static str, role: Role, authority: Option<&'static str>| {
        let system = &system;
        async move {
            system
                .add_user(email, "A", role, authority, PASSWORD)
                .await
                .unwrap()
        }
    };
    World {
        admin: user("admin@example.org", Role::Administrator, None).await,
        officer: user("officer@met.example", Role::Officer, Some("met")).await,
        stranger: user("officer@kent.example", Role::Officer, Some("kent")).await,
        system,
        case_id,
        met: met.id,
        events,
    }
}

fn pdf(name: &str, len: usize) -> NewAttachment {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..len).map(|i| (i % 256) as u8));
    NewAttachment {
        name: name.into(),
        bytes,
    }
}

#[tokio::test]
async fn every_profile_error_names_its_field() {
    type Spoil = fn(&mut AuthorityProfile);
    let cases: &[(&str, Spoil)] = &[
        ("address_lines", |p| p.address_lines.clear()),
        ("address_lines", |p| p.address_lines = vec!["  ".into()]),
        ("address_lines", |p| p.address_lines = vec!["x".into(); 9]),
        ("address_lines[1]", |p| p.address_lines[1] = "a".repeat(101)),
        ("email", |p| p.email.clear()),
        ("email", |p| p.email = "foi.met.example".into()),
        ("email", |p| p.email = "foi@met".into()),
        ("email", |p| p.email = "f oi@met.example".into()),
        ("foi_contact", |p| p.foi_contact = " ".into()),
        ("review_procedure", |p| p.review_procedure.clear()),
        ("review_procedure", |p| {
            p.review_procedure = "x\u{0}y".into()
        }),
        ("signatories", |p| p.signatories.clear()),
        ("signatories[0].role", |p| p.signatories[0].role.clear()),
        ("signatories[1].name", |p| {
            p.signatories.push(Signatory {
                name: "".into(),
                role: "Deputy".into(),
            })
        }),
        ("reference_prefix", |p| {
            p.reference_prefix = "MPS FOI".into()
        }),
        ("reference_prefix", |p| p.reference_prefix = "-MPS".into()),
        ("reference_prefix", |p| p.reference_prefix = "M".repeat(21)),
        ("letterhead", |p| p.letterhead.clear()),
        ("letterhead", |p| p.letterhead = "two\nlines".into()),
    ];
    check(async |store, label| {
        let w = world(store).await;
        for (field, spoil) in cases {
            let mut p = profile();
            spoil(&mut p);
            let err = w.system.set_authority_profile(w.met, p).await.unwrap_err();
            match err {
                EngineError::Invalid { field: got, .. } => assert_eq!(&got, field, "{label}"),
                other => panic!("{label}: {field}: {other}"),
            }
        }
        assert_eq!(
            w.system.authority_profile(w.met).await.unwrap(),
            None,
            "{label}: nothing written"
        );
    })
    .await;
}

#[tokio::test]
async fn administrators_set_profiles_and_the_authority_reads_the_latest() {
    check(async |store, label| {
        let w = world(store).await;
        let service = w.system.service();
        let first = service
            .as_user(&w.admin)
            .set_authority_profile(w.met, profile())
            .await
            .unwrap();
        assert_eq!(first, profile(), "{label}");
        let mut second = profile();
        // Spare form rows are dropped; text is trimmed.
        second.address_lines.push("   ".into());
        second.signatories.push(Signatory::default());
        second.letterhead = "  MPS  ".into();
        service
            .as_user(&w.admin)
            .set_authority_profile(w.met, second)
            .await
            .unwrap();
        let read = service
            .as_user(&w.officer)
            .authority_profile(w.met)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(read.letterhead, "MPS", "{label}");
        assert_eq!(
            (read.address_lines.len(), read.signatories.len()),
            (3, 1),
            "{label}"
        );
        for err in [
            service
                .as_user(&w.stranger)
                .authority_profile(w.met)
                .await
                .unwrap_err(),
            service
                .as_user(&w.officer)
                .set_authority_profile(w.met, profile())
                .await
                .unwrap_err(),
        ] {
            assert!(
                matches!(err, EngineError::Forbidden { .. }),
                "{label}: {err}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn attachments_are_kept_and_hidden_like_their_case() {
    check(async |store, label| {
        let w = world(store).await;
        let service = w.system.service();
        let officer = service.as_user(&w.officer);
        let file = pdf("released.pdf", 100_000);
        let hash = sha256_hex(&file.bytes);
        let kept = officer
            .add_attachment(w.case_id, file.clone(), None)
            .await
            .unwrap();
        assert_eq!(
            (kept.sha256.as_str(), kept.size),
            (hash.as_str(), 100_009),
            "{label}"
        );
        let got = officer
            .attachment(w.case_id, kept.id)
            .await
            .unwrap()
            .unwrap();
        assert!(got.bytes == file.bytes, "{label}: bytes differ");
        assert_eq!(
            officer.attachments(w.case_id).await.unwrap(),
            vec![kept.clone()],
            "{label}"
        );
        // Someone who may not see the case learns nothing of it.
        let stranger = service.as_user(&w.stranger);
        assert_eq!(
            stranger.attachment(w.case_id, kept.id).await.unwrap(),
            None,
            "{label}"
        );
        for err in [
            stranger.attachments(w.case_id).await.unwrap_err(),
            stranger
                .add_attachment(w.case_id, pdf("x.pdf", 1), None)
                .await
                .unwrap_err(),
        ] {
            assert!(
                matches!(err, EngineError::NotFound { what: "case", .. }),
                "{label}: {err}"
            );
        }
        // A refused file names itself and writes nothing.
        let wrong = NewAttachment {
            name: "notes.txt".into(),
            bytes: b"hello".to_vec(),
        };
        let err = officer
            .add_attachment(w.case_id, wrong, None)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("notes.txt"), "{label}: {err}");
        let err = officer
            .add_attachment(w.case_id, pdf("r.pdf", 1), Some(9))
            .await
            .unwrap_err();
        assert!(matches!(err, EngineError::Invalid { .. }), "{label}: {err}");
        assert_eq!(
            officer.attachments(w.case_id).await.unwrap().len(),
            1,
            "{label}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_letter_is_filed_with_its_event_or_not_at_all() {
    check(async |store, label| {
        let w = world(store).await;
        let service = w.system.service();
        let officer = service.as_user(&w.officer);
        let event = w.events[0].clone();
        // One bad file: neither the event nor any file is written.
        let files = vec![
            pdf("letter.pdf", 10),
            NewAttachment {
                name: "x.exe".into(),
                bytes: b"MZ".to_vec(),
            },
        ];
        let err = officer
            .append_event_with_attachments(w.case_id, 0, event.clone(), files)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("x.exe"), "{label}: {err}");
        assert_eq!(
            officer
                .case(w.case_id)
                .await
                .unwrap()
                .unwrap()
                .summary
                .version,
            0,
            "{label}"
        );
        assert!(
            officer.attachments(w.case_id).await.unwrap().is_empty(),
            "{label}"
        );
        let view = officer
            .append_event_with_attachments(w.case_id, 0, event.clone(), vec![pdf("letter.pdf", 10)])
            .await
            .unwrap();
        assert_eq!(view.summary.version, 1, "{label}");
        let list = officer.attachments(w.case_id).await.unwrap();
        assert_eq!(
            list.iter().map(|a| a.event_version).collect::<Vec<_>>(),
            vec![Some(1)],
            "{label}"
        );
        // A stale version: nothing more is written.
        let err = officer
            .append_event_with_attachments(w.case_id, 0, event, vec![pdf("again.pdf", 10)])
            .await
            .unwrap_err();
        assert!(
            matches!(err, EngineError::Conflict { .. }),
            "{label}: {err}"
        );
        assert_eq!(
            officer.attachments(w.case_id).await.unwrap().len(),
            1,
            "{label}"
        );
        // And the caller must be allowed to record the event.
        let err = service
            .as_user(&w.stranger)
            .append_event_with_attachments(w.case_id, 1, w.events[1].clone(), vec![])
            .await
            .unwrap_err();
        assert!(
            matches!(err, EngineError::NotFound { .. }),
            "{label}: {err}"
        );
    })
    .await;
}

#[tokio::test]
async fn the_latest_letter_draft_is_the_draft() {
    check(async |store, label| {
        let w = world(store).await;
        let service = w.system.service();
        let officer = service.as_user(&w.officer);
        assert_eq!(
            officer.letter_draft(w.case_id, "refusal").await.unwrap(),
            None,
            "{label}"
        );
        officer
            .save_letter_draft(w.case_id, "refusal", r#"{"why":"first"}"#)
            .await
            .unwrap();
        officer
            .save_letter_draft(w.case_id, "refusal", r#"{"why":"second"}"#)
            .await
            .unwrap();
        let draft = officer
            .letter_draft(w.case_id, "refusal")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (draft.answers_json.as_str(), draft.saved_by.as_str()),
            (r#"{"why":"second"}"#, "officer@met.example"),
            "{label}"
        );
        for (kind, answers, field) in [
            ("refusal", "not json", "answers"),
            ("refusal", "[1]", "answers"),
            ("Refusal!", "{}", "kind"),
        ] {
            match officer.save_letter_draft(w.case_id, kind, answers).await {
                Err(EngineError::Invalid { field: got, .. }) => assert_eq!(got, field, "{label}"),
                other => panic!("{label}: {kind} {answers}: {other:?}"),
            }
        }
        let stranger = service.as_user(&w.stranger);
        let err = stranger
            .letter_draft(w.case_id, "refusal")
            .await
            .unwrap_err();
        assert!(
            matches!(err, EngineError::NotFound { .. }),
            "{label}: {err}"
        );
        let err = stranger
            .save_letter_draft(w.case_id, "refusal", "{}")
            .await
            .unwrap_err();
        assert!(
            matches!(err, EngineError::NotFound { .. }),
            "{label}: {err}"
        );
    })
    .await;
}
