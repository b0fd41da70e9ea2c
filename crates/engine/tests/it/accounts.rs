//! Accounts over a real SQLite store: roles, Argon2 passwords, bearer tokens.

use foidesk_calendar::{CalendarSettings, Date};
use foidesk_engine::{Engine, EngineError, FixedClock, Role, System};
use foidesk_store::Store;

const PASSWORD: &str = "correct horse battery";

async fn setup() -> (System, Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let store = Store::open(&url).await.unwrap();
    let engine = System::new(
        Engine::new(
            Box::new(FixedClock(Date::parse("2026-11-22").unwrap())),
            CalendarSettings::default(),
        ),
        store.clone(),
    );
    engine.add_authority("kent", "Kent Police").await.unwrap();
    (engine, store, dir)
}

#[tokio::test]
async fn a_password_signs_in_and_is_never_stored() {
    let (e, store, _dir) = setup().await;
    let u = e
        .add_user(
            "Officer@Kent.Example.org",
            "Sam",
            Role::Officer,
            Some("kent"),
            PASSWORD,
        )
        .await
        .unwrap();
    assert_eq!(u.email, "officer@kent.example.org");
    assert!(u.authority_id.is_some());
    let signed_in = e
        .service()
        .authenticate("officer@kent.example.org", PASSWORD)
        .await
        .unwrap();
    assert_eq!(signed_in, Some(u));
    assert_eq!(
        e.service()
            .authenticate("officer@kent.example.org", "wrong password!!")
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        e.service()
            .authenticate("nobody@example.org", PASSWORD)
            .await
            .unwrap(),
        None
    );
    let stored = store
        .user_by_email("officer@kent.example.org")
        .await
        .unwrap()
        .unwrap();
    assert!(
        stored.password_hash.starts_with("$argon2id$"),
        "{}",
        stored.password_hash
    );
    assert!(!stored.password_hash.contains(PASSWORD));
}

#[tokio::test]
async fn accounts_are_checked_before_anything_is_written() {
    let (e, _, _dir) = setup().await;
    let cases: [(&str, Role, Option<&str>, &str, &str); 6] = [
        ("no-at-sign", Role::Requester, None, PASSWORD, "email"),
        ("a@example.org", Role::Requester, None, "short", "password"),
        ("a@example.org", Role::Officer, None, PASSWORD, "authority"),
        (
            "a@example.org",
            Role::Officer,
            Some("nowhere"),
            PASSWORD,
            "authority",
        ),
        (
            "a@example.org",
            Role::Caseworker,
            Some("kent"),
            PASSWORD,
            "authority",
        ),
        ("a@example.org", Role::Administrator, None, PASSWORD, "--"),
    ];
    for (email, role, authority, password, field) in cases {
        let r = e.add_user(email, "A", role, authority, password).await;
        match r {
            Err(EngineError::Invalid { field: f, .. }) => assert_eq!(f, field, "{email} {role:?}"),
            Ok(_) => assert_eq!(field, "--", "{email} {role:?} was accepted"),
            Err(other) => panic!("{email}: {other}"),
        }
    }
    // The one valid account exists once; a second with the same address is refused.
    let again = e
        .add_user("A@example.org", "A", Role::Requester, None, PASSWORD)
        .await;
    assert!(again.unwrap_err().to_string().contains("already exists"));
}

#[tokio::test]
async fn tokens_identify_their_account_and_are_stored_hashed() {
    let (e, store, _dir) = setup().await;
    let u = e
        .add_user(
            "cw@ico.example.org",
            "Kim",
            Role::Caseworker,
            None,
            PASSWORD,
        )
        .await
        .unwrap();
    let t1 = e
        .create_token("cw@ico.example.org", "laptop")
        .await
        .unwrap();
    let t2 = e
        .create_token("cw@ico.example.org", "script")
        .await
        .unwrap();
    assert_ne!(t1, t2);
    assert!(t1.starts_with("fdk_") && t1.len() == 4 + 64);
    assert_eq!(
        e.service().user_for_token(&t1).await.unwrap(),
        Some(u.clone())
    );
    assert_eq!(e.service().user_for_token(&t2).await.unwrap(), Some(u));
    assert_eq!(e.service().user_for_token("fdk_0000").await.unwrap(), None);
    assert!(
        store.user_by_token_hash(&t1).await.unwrap().is_none(),
        "the token itself is not a key"
    );
    assert!(e.create_token("nobody@example.org", "x").await.is_err());
}

#[test]
fn role_names_match_their_json() {
    for r in Role::ALL {
        assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        assert_eq!(Role::from_name(r.as_str()), Some(r));
    }
}

/// Five wrong passwords for one address within 15 minutes, and it is
/// refused for a while, even with the right password; others are not.
#[tokio::test]
async fn repeated_failures_throttle_one_address() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let store = foidesk_store::Store::open(&url).await.unwrap();
    let e = System::new(
        Engine::new(
            Box::new(FixedClock(
                foidesk_calendar::Date::parse("2026-11-22").unwrap(),
            )),
            foidesk_calendar::CalendarSettings::default(),
        ),
        store.clone(),
    );
    for who in ["a@example.org", "b@example.org"] {
        e.add_user(who, "A", Role::Requester, None, PASSWORD)
            .await
            .unwrap();
    }
    for _ in 0..5 {
        let got = e
            .service()
            .authenticate("a@example.org", "wrong password!")
            .await
            .unwrap();
        assert_eq!(got, None);
    }
    let err = e
        .service()
        .authenticate("A@Example.org", PASSWORD)
        .await
        .unwrap_err();
    assert!(
        matches!(err, EngineError::Throttled { minutes: 15 }),
        "{err}"
    );
    assert!(e
        .service()
        .authenticate("b@example.org", PASSWORD)
        .await
        .unwrap()
        .is_some());
    // Unknown addresses are throttled the same way, so they look alike.
    for _ in 0..5 {
        assert_eq!(
            e.service()
                .authenticate("nobody@example.org", "x")
                .await
                .unwrap(),
            None
        );
    }
    let err = e
        .service()
        .authenticate("nobody@example.org", "x")
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::Throttled { .. }));
}
