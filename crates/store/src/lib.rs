//! # foidesk-store: where is everything kept, so that nothing is lost?
//!
//! The only crate that knows SQL. One `Store` runs on SQLite (the embedded
//! default, WAL mode, a single file) or PostgreSQL (deployments), chosen by
//! the database URL. Each backend has its own migrations folder; migrations
//! never change once landed. Queries are written once with `$n`
//! placeholders and run on both backends.
//!
//! Invariant: the store hands out plain data (strings, numbers, JSON text);
//! it does not parse notices or assess cases. No case, event, notice or
//! account is ever deleted. Updated in place: a case's projection row
//! (rewritten with each append, with its statistics facts), the time a
//! session ended or a token was revoked, an account's disabled time and
//! password hash (each change with an audit row). Deleted: only failed
//! sign-ins older than the throttle's window, which are counters, not
//! records, and a case's rows in `case_provisions`, a projection of its log
//! rewritten with its facts. Authority profiles, letter
//! drafts, attachments, batch links, invitations (and their uses),
//! settings and the round robins' prints, links, advice, sharing settings
//! and coordinator scopes are only ever added: the latest profile, draft,
//! setting, link or advice wins.

mod accounts;
mod attachments;
mod audit;
mod batches;
mod bulk;
mod cases;
mod complaints;
mod drafts;
mod facts;
mod invitations;
mod library;
mod listing;
mod meta;
mod open;
mod plain_counts;
mod profiles;
mod register;
mod round_robins;
mod sessions;
mod settings;
mod statistics;
mod tallies;
#[cfg(feature = "testing")]
pub mod testing;
mod throttle;

use std::path::PathBuf;

use sqlx::migrate::Migrator;
use sqlx::{AnyPool, AssertSqlSafe, SqlSafeStr, SqlStr};

pub use accounts::{NewUser, StoredUser};
pub use attachments::{AttachmentMeta, NewStoredAttachment};
pub use audit::{AccountChange, AccountState, AuditEntry, ChangeDone};
pub use batches::Batch;
pub use cases::{
    Authority, CaseRecord, CaseSummary, Due, NewCase, NewEvent, Projection, QueueQuery, StoredEvent,
};
pub use complaints::ComplaintQuery;
pub use drafts::StoredDraft;
pub use facts::{Facts, ProvisionSource, StaleFacts};
pub use invitations::{AccountAudit, Invitation, NewInvitation};
pub use library::{Inserted, JoinRow, LibraryStats, NewNotice, NoticeSummary, StoredNotice};
pub use listing::{
    CaseFilter, CaseListQuery, CaseScope, CaseSort, ListedCase, Listing, STATUS_SLOTS,
};
pub use open::{redact_url, Holdings, OpenSettings};
pub use profiles::StoredProfile;
pub use register::{StoredAlias, StoredDetails};
pub use round_robins::{
    Join, JoinTo, LinkEvent, Member, NewPrint, StoredAdvice, StoredPrint, StoredRoundRobin,
};
pub use settings::SettingChange;
pub use statistics::{ClosedComplaint, DateRange, StatsScope, StepsCounts};
pub use tallies::{Condition, FactColumn, Tally, TallyBy};

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

/// Every message names a database by its URL with any password replaced by
/// `***` (see `redact_url`), so no error prints a secret.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database URL '{url}' is not supported: use sqlite://PATH or postgres://…")]
    UnsupportedUrl { url: String },
    #[error("could not open the {backend} database {place}: {reason}")]
    Connect {
        backend: &'static str,
        /// The URL, redacted, or the SQLite file's path.
        place: String,
        reason: String,
    },
    #[error(
        "{} is an empty file (0 bytes), not a foidesk store: if you meant to start a new \
         store, remove it and run again; if it held your data, restore it from a backup",
        path.display()
    )]
    EmptyFile { path: PathBuf },
    #[error(
        "{} is not an SQLite database (it does not start with SQLite's header): check that \
         the database URL names your store; if it does, the file is damaged: restore it from a backup",
        path.display()
    )]
    NotSqlite { path: PathBuf },
    #[error(
        "{} is damaged: {problem}. Restore it from a backup; or, to start a new store, move it \
         (and any -wal and -shm files beside it) aside",
        path.display()
    )]
    Damaged { path: PathBuf, problem: String },
    #[error(
        "another foidesk process has been opening a store in {} for {waited_secs} s: \
         let it finish, then try again",
        dir.display()
    )]
    Busy { dir: PathBuf, waited_secs: u64 },
    #[error("the {backend} database did not answer within {waited_ms} ms")]
    NoAnswer {
        backend: &'static str,
        waited_ms: u128,
    },
    #[error("could not bring the database schema up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{what} {key} already exists")]
    Duplicate { what: &'static str, key: String },
    #[error("no {what} {key}")]
    NotFound { what: &'static str, key: String },
    /// Disabling account `id` would leave no enabled administrator.
    #[error("account {id} is the last enabled administrator")]
    LastAdministrator { id: i64 },
    #[error("case {case_id} is at version {current}, not {expected}: reload it and try again")]
    Conflict {
        case_id: i64,
        expected: i64,
        current: i64,
    },
    #[error("an append needs at least one event")]
    NothingToAppend,
    #[error("a list of cases by status takes at most {most} statuses, not {given}")]
    TooManyStatuses { given: usize, most: usize },
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
