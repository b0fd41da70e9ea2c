//! Conformance: account lifecycle and its audit record, on every backend.

use crate::common;

use crate::common::check;

use foidesk_store::{AccountChange, AccountState, NewUser, StoreError};

const AT: &str = "2026-11-22T10:00:00Z";
const LATER: &str = "2026-11-22T11:00:00Z";
const EXPIRES: &str = "2026-11-22T22:00:00Z";

fn new_user(email: &str) -> NewUser {
    NewUser {
        email: email.into(),
        name: "Sam".into(),
        role: "requester".into(),
        authority_id: None,
        password_hash: "old-hash".into(),
        created_at: AT.into(),
    }
}

fn change(account_id: i64, action: &str, state: AccountState, revoke: bool) -> AccountChange {
    AccountChange {
        account_id,
        at: LATER.into(),
        actor: "admin@example.org".into(),
        action: action.into(),
        state,
        end_sessions: true,
        revoke_tokens: revoke,
    }
}

#[tokio::test]
async fn finding_4_a_disabled_account_has_no_live_session_or_token_and_each_change_is_audited() {
    check(async |store, label| {
        let id = store.add_user(&new_user("sam@example.org")).await.unwrap();
        let other = store.add_user(&new_user("kim@example.org")).await.unwrap();
        store.add_token(id, "t1", "laptop", AT).await.unwrap();
        store.add_token(other, "t2", "laptop", AT).await.unwrap();
        store.add_session(id, "s1", AT, EXPIRES).await.unwrap();
        store.add_session(id, "s2", AT, EXPIRES).await.unwrap();
        store.add_session(other, "s3", AT, EXPIRES).await.unwrap();

        let done = store
            .change_account(&change(id, "disabled", AccountState::Disable, true))
            .await
            .unwrap();
        assert!(done.changed, "{label}");
        assert_eq!(
            (done.sessions_ended, done.tokens_revoked),
            (2, 1),
            "{label}"
        );
        let stored = store.user_by_id(id).await.unwrap().unwrap();
        assert_eq!(stored.disabled_at.as_deref(), Some(LATER), "{label}");
        assert!(
            store.user_by_token_hash("t1").await.unwrap().is_none(),
            "{label}"
        );
        for s in ["s1", "s2"] {
            assert!(
                store.user_by_session_hash(s, AT).await.unwrap().is_none(),
                "{label}: {s}"
            );
        }
        // The other account is untouched.
        assert!(
            store.user_by_token_hash("t2").await.unwrap().is_some(),
            "{label}"
        );
        assert!(
            store
                .user_by_session_hash("s3", AT)
                .await
                .unwrap()
                .is_some(),
            "{label}"
        );

        // Disabling again changes nothing and records nothing.
        let again = store
            .change_account(&change(id, "disabled", AccountState::Disable, true))
            .await
            .unwrap();
        assert!(!again.changed, "{label}");

        // A new session or token for a disabled account is not honoured either.
        store.add_token(id, "t4", "new", LATER).await.unwrap();
        store.add_session(id, "s4", LATER, EXPIRES).await.unwrap();
        assert!(
            store.user_by_token_hash("t4").await.unwrap().is_none(),
            "{label}"
        );
        assert!(
            store
                .user_by_session_hash("s4", LATER)
                .await
                .unwrap()
                .is_none(),
            "{label}"
        );

        // Enabling brings back nothing that ended with the disabling.
        let enabled = store
            .change_account(&AccountChange {
                end_sessions: false,
                ..change(id, "enabled", AccountState::Enable, false)
            })
            .await
            .unwrap();
        assert!(enabled.changed, "{label}");
        assert!(
            store
                .user_by_id(id)
                .await
                .unwrap()
                .unwrap()
                .disabled_at
                .is_none(),
            "{label}"
        );
        assert!(
            store.user_by_token_hash("t1").await.unwrap().is_none(),
            "{label}"
        );
        assert!(
            store
                .user_by_session_hash("s1", LATER)
                .await
                .unwrap()
                .is_none(),
            "{label}"
        );

        // A password reset ends the sessions and tokens of the moment.
        let reset = store
            .change_account(&change(
                id,
                "password reset",
                AccountState::Password("new-hash".into()),
                true,
            ))
            .await
            .unwrap();
        assert_eq!(
            (reset.sessions_ended, reset.tokens_revoked),
            (1, 1),
            "{label}"
        );
        let stored = store
            .user_by_email("sam@example.org")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.password_hash, "new-hash", "{label}");
        assert!(
            store
                .user_by_session_hash("s4", LATER)
                .await
                .unwrap()
                .is_none(),
            "{label}"
        );

        // An unknown account: nothing stored.
        let err = store
            .change_account(&change(id + 100, "disabled", AccountState::Disable, true))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{label}: {err}");

        let audit = store.account_audit(10).await.unwrap();
        let seen: Vec<(&str, &str, &str)> = audit
            .iter()
            .map(|e| {
                (
                    e.action.as_str(),
                    e.account_email.as_str(),
                    e.detail.as_str(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (
                    "password reset",
                    "sam@example.org",
                    "sessions ended: 1; tokens revoked: 1"
                ),
                (
                    "enabled",
                    "sam@example.org",
                    "sessions ended: 0; tokens revoked: 0"
                ),
                (
                    "disabled",
                    "sam@example.org",
                    "sessions ended: 2; tokens revoked: 1"
                ),
            ],
            "{label}"
        );
        assert!(
            audit
                .iter()
                .all(|e| e.actor == "admin@example.org" && e.at == LATER && e.account_id == id),
            "{label}"
        );
        assert_eq!(store.account_audit(1).await.unwrap().len(), 1, "{label}");
    })
    .await;
}

#[tokio::test]
async fn finding_4_enabled_administrators_are_counted() {
    check(async |store, label| {
        let admin = |email: &str| NewUser {
            role: "administrator".into(),
            ..new_user(email)
        };
        assert_eq!(store.enabled_administrators().await.unwrap(), 0, "{label}");
        let a = store.add_user(&admin("a@example.org")).await.unwrap();
        store.add_user(&admin("b@example.org")).await.unwrap();
        store.add_user(&new_user("r@example.org")).await.unwrap();
        assert_eq!(store.enabled_administrators().await.unwrap(), 2, "{label}");
        store
            .change_account(&change(a, "disabled", AccountState::Disable, true))
            .await
            .unwrap();
        assert_eq!(store.enabled_administrators().await.unwrap(), 1, "{label}");
    })
    .await;
}

/// Two administrators disable each other at the same moment, many times
/// over: every round leaves exactly one of them enabled, never none.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_administrators_disabling_each_other_leave_one_enabled() {
    for db in common::fresh_stores().await {
        let store = db.store.clone();
        let admin = |email: String| NewUser {
            role: "administrator".into(),
            ..new_user(&email)
        };
        // Each round starts with one enabled administrator and adds another.
        let mut survivor = store
            .add_user(&admin("first@example.org".into()))
            .await
            .unwrap();
        for round in 0..20 {
            let added = store
                .add_user(&admin(format!("admin{round}@example.org")))
                .await
                .unwrap();
            let race = |id: i64| {
                let store = store.clone();
                tokio::spawn(async move {
                    store
                        .change_account(&change(id, "disabled", AccountState::Disable, false))
                        .await
                })
            };
            let (first, second) = (race(survivor), race(added));
            let results = [first.await.unwrap(), second.await.unwrap()];
            let refused = results
                .iter()
                .filter(|r| matches!(r, Err(StoreError::LastAdministrator { .. })))
                .count();
            let done = results.iter().filter(|r| r.is_ok()).count();
            let label = &db.label;
            assert_eq!(
                (done, refused),
                (1, 1),
                "{label}: round {round}: {results:?}"
            );
            assert_eq!(store.enabled_administrators().await.unwrap(), 1, "{label}");
            if results[0].is_ok() {
                survivor = added;
            }
        }
        println!(
            "{}: 20 rounds of two administrators disabling each other: one left each time",
            db.label
        );
        db.finish().await;
    }
}
