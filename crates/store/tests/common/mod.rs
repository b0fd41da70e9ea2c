//! The conformance harness: every store test runs on SQLite, and on PostgreSQL
//! when `FOIDESK_TEST_DATABASE_URL` names a server (each run in a fresh
//! database of its own, dropped afterwards). `.ci/run` sets
//! `FOIDESK_REQUIRE_POSTGRES=1`, which makes a missing server a failure.

use std::sync::atomic::{AtomicU32, Ordering};

use foidesk_store::Store;
use sqlx::{AssertSqlSafe, Connection};

pub struct TestDb {
    pub store: Store,
    pub label: &'static str,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A fresh, migrated store on each backend available.
pub async fn fresh_stores() -> Vec<TestDb> {
    let mut out = Vec::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("foidesk.db").display());
    out.push(TestDb {
        store: Store::open(&url).await.expect("open SQLite"),
        label: "SQLite",
        cleanup: Cleanup::Sqlite(dir),
    });
    match std::env::var("FOIDESK_TEST_DATABASE_URL") {
        Ok(admin_url) => {
            let name = format!(
                "foidesk_test_{}_{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::SeqCst)
            );
            sqlx::any::install_default_drivers();
            let mut admin = sqlx::AnyConnection::connect(&admin_url)
                .await
                .expect("connect to FOIDESK_TEST_DATABASE_URL");
            sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut admin)
                .await
                .expect("create test database");
            admin.close().await.ok();
            let url = with_database(&admin_url, &name);
            out.push(TestDb {
                store: Store::open(&url).await.expect("open PostgreSQL"),
                label: "PostgreSQL",
                cleanup: Cleanup::Postgres { admin_url, name },
            });
        }
        Err(_) => {
            assert!(
                std::env::var_os("FOIDESK_REQUIRE_POSTGRES").is_none(),
                "FOIDESK_REQUIRE_POSTGRES is set but FOIDESK_TEST_DATABASE_URL is not"
            );
            eprintln!("PostgreSQL: skipped (FOIDESK_TEST_DATABASE_URL is not set)");
        }
    }
    out
}

impl TestDb {
    pub async fn finish(self) {
        self.store.close().await;
        if let Cleanup::Postgres { admin_url, name } = self.cleanup {
            let mut admin = sqlx::AnyConnection::connect(&admin_url)
                .await
                .expect("reconnect to drop the test database");
            sqlx::query(AssertSqlSafe(format!("DROP DATABASE {name} WITH (FORCE)")))
                .execute(&mut admin)
                .await
                .expect("drop test database");
        }
    }
}

/// `postgres://host/admin_db?x` with the database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    format!("{host_part}/{name}{query}")
}

/// Run `body` once per backend, each on a fresh database, then check the
/// database is sound and drop it.
pub async fn check<F>(body: F)
where
    F: AsyncFn(&Store, &'static str),
{
    for db in fresh_stores().await {
        body(&db.store, db.label).await;
        assert!(db.store.integrity_ok().await.unwrap(), "{}", db.label);
        db.finish().await;
    }
}
