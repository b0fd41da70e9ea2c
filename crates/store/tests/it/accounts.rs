//! Conformance: accounts and tokens behave the same on every backend.

use crate::common::check;

use foidesk_store::{NewUser, StoreError};

const AT: &str = "2026-11-22T10:00:00Z";

fn new_user(email: &str, authority_id: Option<i64>) -> NewUser {
    NewUser {
        email: email.into(),
        name: "O'Brien <b>".into(),
        role: if authority_id.is_some() {
            "officer"
        } else {
            "requester"
        }
        .into(),
        authority_id,
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        created_at: AT.into(),
    }
}

#[tokio::test]
async fn accounts_and_tokens() {
    check(async |store, label| {
        let a = store
            .add_authority("kent", "Kent Police", AT)
            .await
            .unwrap();
        let id = store
            .add_user(&new_user("o@kent.example.org", Some(a.id)))
            .await
            .unwrap();
        let err = store
            .add_user(&new_user("o@kent.example.org", None))
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Duplicate { .. }),
            "{label}: {err}"
        );
        let err = store
            .add_user(&new_user("x@kent.example.org", Some(a.id + 50)))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{label}: {err}");
        let u = store
            .user_by_email("o@kent.example.org")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (u.id, u.authority_id, u.name.as_str()),
            (id, Some(a.id), "O'Brien <b>"),
            "{label}"
        );
        assert!(
            store.user_by_email("nobody@x.org").await.unwrap().is_none(),
            "{label}"
        );
        store.add_token(id, "h1", "laptop", AT).await.unwrap();
        assert_eq!(
            store.user_by_token_hash("h1").await.unwrap().map(|u| u.id),
            Some(id),
            "{label}"
        );
        assert!(
            store.user_by_token_hash("h2").await.unwrap().is_none(),
            "{label}"
        );
        assert!(
            store.add_token(id, "h1", "again", AT).await.is_err(),
            "{label}: token hashes are unique"
        );
        store.add_token(id, "h3", "phone", AT).await.unwrap();
        assert_eq!(
            store.revoke_tokens(id, "laptop", AT).await.unwrap(),
            1,
            "{label}"
        );
        assert_eq!(
            store.revoke_tokens(id, "laptop", AT).await.unwrap(),
            0,
            "{label}"
        );
        assert!(
            store.user_by_token_hash("h1").await.unwrap().is_none(),
            "{label}"
        );
        assert!(
            store.user_by_token_hash("h3").await.unwrap().is_some(),
            "{label}"
        );
    })
    .await;
}
