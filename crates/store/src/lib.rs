//! # foidesk-store: where is everything kept, so that nothing is lost?
//!
//! The only crate that knows SQL. One `Store` runs on SQLite (the embedded
//! default, WAL mode, a single file) or PostgreSQL (deployments), chosen by
//! the database URL. Each backend has its own migrations folder; migrations
//! never change once landed. Queries are written once with `$n`
//! placeholders and run on both backends.
//!
//! Invariant: the store hands out plain data (strings, numbers, JSON text);
//! it does not parse notices or assess cases. Nothing is ever deleted or
//! updated in place except a case's projection row, rewritten with each append.

mod accounts;
mod audit;
mod bulk;
mod cases;
mod library;
mod listing;
mod meta;
mod sessions;
#[cfg(feature = "testing")]
pub mod testing;

use std::borrow::Cow;

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, AssertSqlSafe, SqlSafeStr, SqlStr};

pub use accounts::{NewUser, StoredUser};
pub use audit::{AccountChange, AccountState, AuditEntry, ChangeDone};
pub use cases::{
    Authority, CaseRecord, CaseSummary, Due, NewCase, NewEvent, Projection, QueueQuery, StoredEvent,
};
pub use library::{Inserted, LibraryStats, NewNotice, NoticeSummary, StoredNotice};
pub use listing::{CaseListQuery, CaseScope, REGULATOR_STATUSES};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Which backend a database URL names, if any.
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database URL '{url}' is not supported: use sqlite://PATH or postgres://…")]
    UnsupportedUrl { url: String },
    #[error("could not open the {backend} database: {source}")]
    Connect {
        backend: &'static str,
        source: sqlx::Error,
    },
    #[error("could not bring the database schema up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{what} {key} already exists")]
    Duplicate { what: &'static str, key: String },
    #[error("no {what} {key}")]
    NotFound { what: &'static str, key: String },
    #[error("case {case_id} is at version {current}, not {expected}: reload it and try again")]
    Conflict {
        case_id: i64,
        expected: i64,
        current: i64,
    },
    #[error("an append needs at least one event")]
    NothingToAppend,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// A connection pool to one database, migrated to the current schema.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

impl Store {
    /// Open (creating an SQLite file if needed) and migrate.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(url).ok_or_else(|| StoreError::UnsupportedUrl {
            url: url.to_owned(),
        })?;
        let url: Cow<str> = match backend {
            Backend::Sqlite if !url.contains('?') => format!("{url}?mode=rwc").into(),
            _ => url.into(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 4,
                Backend::Postgres => 16,
            })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the one writer; FULL sync
                        // makes every acknowledged commit survive a crash.
                        sqlx::query("PRAGMA journal_mode = WAL")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA synchronous = FULL")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA foreign_keys = ON")
                            .execute(&mut *conn)
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .map_err(|source| StoreError::Connect {
                backend: backend.name(),
                source,
            })?;
        match backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&pool).await?,
        }
        Ok(Store { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The backend's own consistency check: SQLite's `integrity_check`; for
    /// PostgreSQL, that the server answers (it checks pages itself).
    pub async fn integrity_ok(&self) -> Result<bool, StoreError> {
        match self.backend {
            Backend::Sqlite => {
                let row: (String,) = sqlx::query_as("PRAGMA integrity_check")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(row.0 == "ok")
            }
            Backend::Postgres => {
                let row: (i32,) = sqlx::query_as("SELECT 1").fetch_one(&self.pool).await?;
                Ok(row.0 == 1)
            }
        }
    }

    /// Queries are written with PostgreSQL's `$n`; SQLite spells it `?n`.
    /// Only static text comes in, so the rewritten text is as safe as it was.
    fn sql(&self, text: &'static str) -> SqlStr {
        match self.backend {
            Backend::Postgres => text.into_sql_str(),
            Backend::Sqlite => AssertSqlSafe(text.replace('$', "?")).into_sql_str(),
        }
    }
}
