//! Opening a store: what each kind of damaged or unreachable database gives,
//! and the cheap questions a running server asks of its store.

use std::time::{Duration, Instant};

use foidesk_store::testing::check;
use foidesk_store::{Store, StoreError};

#[tokio::test]
async fn finding_6_each_unsound_file_gives_its_own_error_and_is_not_touched() {
    type Damage = fn(&mut Vec<u8>);
    let cases: [(&str, Damage); 3] = [
        ("EmptyFile", |b| b.clear()),
        ("NotSqlite", |b| b[..6].copy_from_slice(b"MySQL!")),
        ("Damaged", |b| b.truncate(b.len() - 4096)),
    ];
    for (expected, damage) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("foidesk.db");
        let url = format!("sqlite://{}", path.display());
        let store = Store::open(&url).await.unwrap();
        store.close().await;
        let mut bytes = std::fs::read(&path).unwrap();
        damage(&mut bytes);
        std::fs::write(&path, &bytes).unwrap();

        let started = Instant::now();
        let err = Store::open(&url).await.unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5), "{expected}");
        let found = format!("{err:?}");
        assert!(found.starts_with(expected), "{expected}: {found}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{expected}");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "{expected}"
        );
    }
}

#[tokio::test]
async fn finding_9_an_unreachable_postgres_is_reported_at_once_without_its_password() {
    for url in [
        "postgres://u:SECRET@127.0.0.1:1/db",
        "postgres://u@127.0.0.1:1/db?password=SECRET",
    ] {
        let started = Instant::now();
        let err = Store::open(url).await.unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5));
        assert!(matches!(err, StoreError::Connect { .. }), "{err:?}");
        let said = err.to_string();
        assert!(
            !said.contains("SECRET") && said.contains("127.0.0.1:1"),
            "{said}"
        );
    }
    let err = Store::open("mysql://u:SECRET@h/db").await.unwrap_err();
    assert!(!err.to_string().contains("SECRET"), "{err}");
}

#[tokio::test]
async fn a_store_answers_pings_and_says_what_it_holds() {
    check(async |store: &Store, label| {
        store.ping(Duration::from_secs(3)).await.unwrap();
        let held = store.holdings().await.unwrap();
        assert!(held.is_empty(), "{label}: {held}");
        store
            .add_authority("kent", "Kent Police", "2024-05-01T09:00:00Z")
            .await
            .unwrap();
        let held = store.holdings().await.unwrap();
        assert_eq!(held.authorities, 1, "{label}");
        assert!(!held.is_empty(), "{label}");
    })
    .await;
}
