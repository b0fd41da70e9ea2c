//! Conformance: batches of cases, invitations and settings behave the same on
//! every backend (migration 0008).

use crate::common::check;

use foidesk_store::{
    AccountAudit, NewCase, NewInvitation, NewUser, SettingChange, Store, StoreError,
};

const AT: &str = "2026-11-22T10:00:00Z";

fn case(authority_id: i64, reference: &str) -> NewCase {
    NewCase {
        authority_id,
        reference: reference.into(),
        requester: Some("r@example.org".into()),
        request_json: "{}".into(),
        events: Vec::new(),
        projection: Default::default(),
        listing: Default::default(),
        created_at: AT.into(),
        print: None,
    }
}

async fn authorities(store: &Store) -> (i64, i64, i64) {
    let mut ids = Vec::new();
    for slug in ["kent", "essex", "surrey"] {
        ids.push(store.add_authority(slug, slug, AT).await.unwrap().id);
    }
    (ids[0], ids[1], ids[2])
}

async fn cases_of(store: &Store, authority_id: i64) -> usize {
    store
        .references_starting(authority_id, "")
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_batch_is_all_its_cases_linked_or_nothing() {
    check(async |store, label| {
        let (k, e, s) = authorities(store).await;
        let batch = store
            .create_batch(
                &[case(k, "K-1"), case(e, "E-1"), case(s, "S-1")],
                "r@example.org",
                AT,
            )
            .await
            .unwrap();
        assert_eq!(batch.case_ids.len(), 3, "{label}");
        for id in &batch.case_ids {
            assert_eq!(
                store.batch_of(*id).await.unwrap(),
                Some(batch.clone()),
                "{label}"
            );
        }
        let lone = store.create_case(&case(k, "K-2")).await.unwrap();
        assert_eq!(store.batch_of(lone).await.unwrap(), None, "{label}");

        // A reference in use at the second authority: no case, no batch.
        let err = store
            .create_batch(&[case(k, "K-3"), case(e, "E-1")], "r@example.org", AT)
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Duplicate { .. }),
            "{label}: {err}"
        );
        assert_eq!(cases_of(store, k).await, 2, "{label}");
        // Nothing was kept, so K-3 goes in cleanly now.
        store.create_case(&case(k, "K-3")).await.unwrap();
    })
    .await;
}

fn requester(email: &str) -> NewUser {
    NewUser {
        email: email.into(),
        name: "Ada".into(),
        role: "requester".into(),
        authority_id: None,
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        created_at: AT.into(),
    }
}

fn audit(action: &str) -> AccountAudit {
    AccountAudit {
        actor: "admin@example.org".into(),
        action: action.into(),
        detail: String::new(),
    }
}

#[tokio::test]
async fn an_invitation_is_used_once() {
    check(async |store, label| {
        let id = store
            .add_invitation(&NewInvitation {
                token_hash: "h1".into(),
                email: "ada@example.org".into(),
                name: "Ada".into(),
                invited_by: "admin@example.org".into(),
                created_at: AT.into(),
                expires_at: "2026-11-29T10:00:00Z".into(),
            })
            .await
            .unwrap();
        let found = store.invitation_by_token_hash("h1").await.unwrap().unwrap();
        assert_eq!((found.id, found.used_at.as_deref()), (id, None), "{label}");
        assert!(store
            .invitation_by_token_hash("h2")
            .await
            .unwrap()
            .is_none());

        let account = store
            .add_user_audited(&requester("ada@example.org"), Some(id), &audit("joined"))
            .await
            .unwrap();
        let used = store.invitation_by_token_hash("h1").await.unwrap().unwrap();
        assert_eq!(used.used_at.as_deref(), Some(AT), "{label}");

        // A second use is refused and writes no account.
        let err = store
            .add_user_audited(&requester("bob@example.org"), Some(id), &audit("joined"))
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Duplicate {
                    what: "invitation use",
                    ..
                }
            ),
            "{label}: {err}"
        );
        assert!(store
            .user_by_email("bob@example.org")
            .await
            .unwrap()
            .is_none());

        // A used address is refused, whatever the invitation.
        let err = store
            .add_user_audited(&requester("ada@example.org"), None, &audit("signed up"))
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Duplicate {
                    what: "account",
                    ..
                }
            ),
            "{label}: {err}"
        );
        let lines = store.account_audit(10).await.unwrap();
        assert_eq!(
            lines.len(),
            1,
            "{label}: one audit row, for the one account"
        );
        assert_eq!(
            (lines[0].account_id, lines[0].action.as_str()),
            (account, "joined"),
            "{label}"
        );
        assert_eq!(store.invitations(10).await.unwrap().len(), 1, "{label}");
    })
    .await;
}

#[tokio::test]
async fn the_latest_setting_wins() {
    check(async |store, label| {
        assert_eq!(
            store.setting("open_sign_up").await.unwrap(),
            None,
            "{label}"
        );
        for (value, at) in [
            ("on", "2026-11-22T10:00:00Z"),
            ("off", "2026-11-22T11:00:00Z"),
        ] {
            let change = SettingChange {
                value: value.into(),
                set_by: "admin@example.org".into(),
                set_at: at.into(),
            };
            store.set_setting("open_sign_up", &change).await.unwrap();
            assert_eq!(
                store.setting("open_sign_up").await.unwrap(),
                Some(change),
                "{label}"
            );
        }
    })
    .await;
}
