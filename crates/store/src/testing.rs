//! The conformance harness, shared by every crate whose tests need a store:
//! each test runs on SQLite, and on PostgreSQL when `FOIDESK_TEST_DATABASE_URL`
//! names a server (each run in a fresh database of its own, dropped
//! afterwards). `FOIDESK_REQUIRE_POSTGRES=1` makes a missing server a failure;
//! `FOIDESK_TEST_BACKENDS=sqlite` or `postgres` runs one backend only, so
//! `.ci/run` can count the tests that pass on each.

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::{AssertSqlSafe, Connection};

use crate::Store;

pub struct TestDb {
    pub store: Store,
    pub label: &'static str,
    /// The URL the store was opened with, for tests that start a server on it.
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn wanted(backend: &str) -> bool {
    match std::env::var("FOIDESK_TEST_BACKENDS") {
        Ok(only) => only.split(',').any(|b| b.trim() == backend),
        Err(_) => true,
    }
}

/// A fresh, migrated store on each backend available.
pub async fn fresh_stores() -> Vec<TestDb> {
    let mut out = Vec::new();
    if wanted("sqlite") {
        out.push(fresh_sqlite().await);
    }
    if !wanted("postgres") {
        return out;
    }
    match std::env::var("FOIDESK_TEST_DATABASE_URL") {
        Ok(admin_url) => out.push(fresh_postgres(admin_url).await),
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

async fn fresh_sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("foidesk.db").display());
    TestDb {
        store: Store::open(&url).await.expect("open SQLite"),
        label: "SQLite",
        url,
        cleanup: Cleanup::Sqlite(dir),
    }
}

async fn fresh_postgres(admin_url: String) -> TestDb {
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
    TestDb {
        store: Store::open(&url).await.expect("open PostgreSQL"),
        label: "PostgreSQL",
        url,
        cleanup: Cleanup::Postgres { admin_url, name },
    }
}

impl TestDb {
    /// PostgreSQL only: make the database refuse new connections and drop
    /// the ones it has (`false` lets them in again), so a server on it
    /// finds its store no longer answering. False on SQLite.
    pub async fn refuse_connections(&self, refuse: bool) -> bool {
        let Cleanup::Postgres { admin_url, name } = &self.cleanup else {
            return false;
        };
        let mut admin = sqlx::AnyConnection::connect(admin_url)
            .await
            .expect("connect to the admin database");
        let allow = if refuse { "false" } else { "true" };
        sqlx::query(AssertSqlSafe(format!(
            "ALTER DATABASE {name} ALLOW_CONNECTIONS {allow}"
        )))
        .execute(&mut admin)
        .await
        .expect("change ALLOW_CONNECTIONS");
        if refuse {
            sqlx::query(AssertSqlSafe(format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = '{name}' AND pid <> pg_backend_pid()"
            )))
            .execute(&mut admin)
            .await
            .expect("end the database's connections");
        }
        admin.close().await.ok();
        true
    }

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

/// Forget every case's statistics facts, as a store written before they
/// were kept (migration 0014) holds none: for tests of the engine's fill.
pub async fn forget_facts(store: &Store) -> Result<(), crate::StoreError> {
    let columns = crate::facts::FACT_COLUMNS
        .iter()
        .map(|c| format!("{c} = NULL"))
        .collect::<Vec<_>>()
        .join(", ");
    sqlx::query(AssertSqlSafe(format!("UPDATE cases SET {columns}")))
        .execute(&store.pool)
        .await?;
    sqlx::query("DELETE FROM case_provisions")
        .execute(&store.pool)
        .await?;
    Ok(())
}
