//! Opening a store. A file that is not a sound SQLite store is refused, with
//! what is wrong and what to do, before anything is written to it or beside
//! it. A store that cannot be opened fails at once with the real cause (one
//! connection first, not the pool, which retries until its timeout). SQLite
//! stores are opened and migrated one process at a time, under a lock on
//! their directory; sqlx takes an advisory lock itself on PostgreSQL.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, Instant};

use sqlx::any::AnyPoolOptions;
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{AnyPool, Connection};

use crate::{Backend, Store, StoreError, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};

/// How long opening may wait, so tests can use short waits.
#[derive(Clone, Debug)]
pub struct OpenSettings {
    /// For a database server to accept a connection.
    pub connect_timeout: Duration,
    /// For another process opening an SQLite store in the same directory.
    pub lock_timeout: Duration,
}

impl Default for OpenSettings {
    fn default() -> Self {
        OpenSettings {
            connect_timeout: Duration::from_secs(10),
            lock_timeout: Duration::from_secs(120),
        }
    }
}

/// What a store holds, to tell an empty store from one in use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Holdings {
    pub authorities: i64,
    pub users: i64,
    pub cases: i64,
    pub notices: i64,
}

impl Holdings {
    pub fn is_empty(&self) -> bool {
        *self == Holdings::default()
    }
}

impl std::fmt::Display for Holdings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} authorities, {} accounts, {} cases and {} decision notices",
            self.authorities, self.users, self.cases, self.notices
        )
    }
}

/// Run on every SQLite connection. WAL lets readers run beside the one
/// writer; FULL sync makes every acknowledged commit survive a crash.
const SQLITE_SETUP: [&str; 3] = [
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
];

impl Store {
    /// Open (creating a new SQLite file if none is there) and migrate.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        Store::open_with(url, &OpenSettings::default()).await
    }

    pub async fn open_with(url: &str, settings: &OpenSettings) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        match Backend::of_url(url) {
            Some(Backend::Sqlite) => open_sqlite(url, settings).await,
            Some(Backend::Postgres) => open_postgres(url, settings).await,
            None => Err(StoreError::UnsupportedUrl {
                url: redact_url(url),
            }),
        }
    }

    /// Whether the store answers a query that reads it, within `within`.
    pub async fn ping(&self, within: Duration) -> Result<(), StoreError> {
        let query = sqlx::query_as::<_, (i64,)>(self.sql("SELECT COUNT(*) FROM store_meta"))
            .fetch_one(&self.pool);
        match tokio::time::timeout(within, query).await {
            Ok(answer) => answer.map(|_| ()).map_err(StoreError::from),
            Err(_) => Err(StoreError::NoAnswer {
                backend: self.backend.name(),
                waited_ms: within.as_millis(),
            }),
        }
    }

    pub async fn holdings(&self) -> Result<Holdings, StoreError> {
        let row: (i64, i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM authorities), (SELECT COUNT(*) FROM users), \
             (SELECT COUNT(*) FROM cases), (SELECT COUNT(*) FROM notices)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(Holdings {
            authorities: row.0,
            users: row.1,
            cases: row.2,
            notices: row.3,
        })
    }
}

async fn open_postgres(url: &str, settings: &OpenSettings) -> Result<Store, StoreError> {
    let fail = |reason: String| StoreError::Connect {
        backend: Backend::Postgres.name(),
        place: redact_url(url),
        reason: scrub(&reason, url),
    };
    let options = PgConnectOptions::from_str(url).map_err(|e| fail(e.to_string()))?;
    match tokio::time::timeout(
        settings.connect_timeout,
        PgConnection::connect_with(&options),
    )
    .await
    {
        Ok(Ok(conn)) => {
            let _ = conn.close().await;
        }
        Ok(Err(e)) => return Err(fail(e.to_string())),
        Err(_) => {
            return Err(fail(format!(
                "the server did not answer within {} s",
                settings.connect_timeout.as_secs()
            )))
        }
    }
    let pool = pool_options(Backend::Postgres)
        .connect(url)
        .await
        .map_err(|e| fail(e.to_string()))?;
    POSTGRES_MIGRATIONS.run(&pool).await?;
    Ok(Store {
        pool,
        backend: Backend::Postgres,
    })
}

async fn open_sqlite(url: &str, settings: &OpenSettings) -> Result<Store, StoreError> {
    let options = SqliteConnectOptions::from_str(url).map_err(|e| StoreError::Connect {
        backend: Backend::Sqlite.name(),
        place: url.to_owned(),
        reason: e.to_string(),
    })?;
    if url.contains(":memory:") || url.contains("mode=memory") {
        return sqlite_pool(url).await;
    }
    let path = options.get_filename().to_path_buf();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let cannot = |reason: String| StoreError::Connect {
        backend: Backend::Sqlite.name(),
        place: path.display().to_string(),
        reason,
    };
    if !dir.is_dir() {
        return Err(cannot(format!(
            "the directory {} does not exist: create it, or name another file",
            dir.display()
        )));
    }
    // Held until the schema is up to date: a second process sees either no
    // file or a migrated one, never a half-made one.
    let _lock = lock_directory(&dir, settings.lock_timeout).await?;
    let fresh = !path
        .try_exists()
        .map_err(|e| cannot(format!("cannot look at the file: {e}")))?;
    if !fresh {
        check_header(&path)?;
        check_pages(&options, &path).await?;
    }
    check_writable(&options, fresh, &path, &dir).await?;
    let pool_url = if url.contains('?') {
        url.to_owned()
    } else {
        format!("{url}?mode=rw")
    };
    sqlite_pool(&pool_url).await
}

async fn sqlite_pool(url: &str) -> Result<Store, StoreError> {
    let pool: AnyPool = pool_options(Backend::Sqlite)
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                for pragma in SQLITE_SETUP {
                    sqlx::query(pragma).execute(&mut *conn).await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await
        .map_err(|e| StoreError::Connect {
            backend: Backend::Sqlite.name(),
            place: url.to_owned(),
            reason: e.to_string(),
        })?;
    SQLITE_MIGRATIONS.run(&pool).await?;
    Ok(Store {
        pool,
        backend: Backend::Sqlite,
    })
}

fn pool_options(backend: Backend) -> AnyPoolOptions {
    AnyPoolOptions::new().max_connections(match backend {
        Backend::Sqlite => 4,
        Backend::Postgres => 16,
    })
}

/// An exclusive lock on the directory itself (flock; SQLite's own locks are
/// fcntl locks on the files, which it does not disturb). Locking the
/// directory, not a lock file, leaves nothing behind in a place we refuse.
async fn lock_directory(dir: &Path, wait: Duration) -> Result<File, StoreError> {
    let cannot = |e: std::io::Error| StoreError::Connect {
        backend: Backend::Sqlite.name(),
        place: dir.display().to_string(),
        reason: format!("cannot lock the directory: {e}"),
    };
    let handle = File::open(dir).map_err(cannot)?;
    let started = Instant::now();
    loop {
        match handle.try_lock() {
            Ok(()) => return Ok(handle),
            Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Busy {
                    dir: dir.to_path_buf(),
                    waited_secs: wait.as_secs(),
                })
            }
            Err(TryLockError::Error(e)) => return Err(cannot(e)),
        }
    }
}

/// The 100-byte header (sqlite.org/fileformat.html): the magic string, the
/// page size and, when valid, the page count, against the file's length.
fn check_header(path: &Path) -> Result<(), StoreError> {
    use std::io::Read as _;
    let cannot = |e: std::io::Error| StoreError::Connect {
        backend: Backend::Sqlite.name(),
        place: path.display().to_string(),
        reason: format!("cannot read the file: {e}"),
    };
    let mut file = File::open(path).map_err(cannot)?;
    let length = file.metadata().map_err(cannot)?.len();
    if length == 0 {
        return Err(StoreError::EmptyFile {
            path: path.to_path_buf(),
        });
    }
    let mut header = [0u8; 100];
    let read = file.read(&mut header).map_err(cannot)?;
    if !header.starts_with(b"SQLite format 3\0") {
        return Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
        });
    }
    let damaged = |problem: String| StoreError::Damaged {
        path: path.to_path_buf(),
        problem,
    };
    if read < header.len() {
        return Err(damaged(format!(
            "it is cut short ({length} bytes, less than SQLite's header)"
        )));
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        n => {
            return Err(damaged(format!(
                "its header gives an impossible page size, {n}"
            )))
        }
    };
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let pages = u64::from(be32(28));
    // The page count is valid only when the two counters agree; while a WAL
    // file is there, the file may lag behind it until a checkpoint.
    let count_valid = pages > 0 && be32(24) == be32(92);
    let expected = pages * page_size;
    if count_valid && length < expected && !beside(path, "-wal").exists() {
        return Err(damaged(format!(
            "it is cut short ({length} bytes; its header says {expected})"
        )));
    }
    Ok(())
}

/// SQLite's quick check of every page, without writing. With no -wal or
/// -shm beside the file no process has it open, so it is read as immutable
/// (nothing created beside it); otherwise read-only, sharing those files.
async fn check_pages(options: &SqliteConnectOptions, path: &Path) -> Result<(), StoreError> {
    let in_use = ["-wal", "-shm", "-journal"]
        .iter()
        .any(|suffix| beside(path, suffix).exists());
    let options = options
        .clone()
        .read_only(true)
        .create_if_missing(false)
        .immutable(!in_use);
    let damaged = |problem: String| StoreError::Damaged {
        path: path.to_path_buf(),
        problem,
    };
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .map_err(|e| sqlite_failure(e, path))?;
    let found = sqlx::query_as::<_, (String,)>("PRAGMA quick_check")
        .fetch_all(&mut conn)
        .await;
    let _ = conn.close().await;
    match found {
        Ok(rows) if rows.len() == 1 && rows[0].0 == "ok" => Ok(()),
        Ok(rows) => Err(damaged(format!(
            "SQLite's check found {} problem(s), the first: {}",
            rows.len(),
            rows.first().map(|r| r.0.as_str()).unwrap_or("none named")
        ))),
        Err(e) => Err(sqlite_failure(e, path)),
    }
}

/// One connection set up as the pool's will be, and a write transaction
/// begun and rolled back: a read-only file, directory or disk fails here,
/// at once, with the reason. Busy means another process is writing, so the
/// store is writable.
async fn check_writable(
    options: &SqliteConnectOptions,
    fresh: bool,
    path: &Path,
    dir: &Path,
) -> Result<(), StoreError> {
    let options = options.clone().create_if_missing(fresh);
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .map_err(|e| cannot_write(e, path, dir))?;
    let mut result = Ok(());
    for statement in SQLITE_SETUP.iter().chain(&["BEGIN IMMEDIATE", "ROLLBACK"]) {
        match sqlx::query(*statement).execute(&mut conn).await {
            Ok(_) => {}
            Err(e) if sqlite_code(&e) == Some(SQLITE_BUSY) => break,
            Err(e) => {
                result = Err(cannot_write(e, path, dir));
                break;
            }
        }
    }
    let _ = conn.close().await;
    result
}

fn cannot_write(e: sqlx::Error, path: &Path, dir: &Path) -> StoreError {
    match sqlite_failure(e, path) {
        StoreError::Connect {
            backend,
            place,
            reason,
        } => StoreError::Connect {
            backend,
            place,
            reason: format!(
                "{reason} (foidesk writes the file and, beside it in {}, its -wal and -shm \
                 files: check that both are writable by this user and the disk is not read-only)",
                dir.display()
            ),
        },
        other => other,
    }
}

/// SQLite's corruption codes mean a damaged file; anything else is a
/// failure to open, with SQLite's words.
fn sqlite_failure(e: sqlx::Error, path: &Path) -> StoreError {
    if let (Some(SQLITE_CORRUPT | SQLITE_NOTADB), sqlx::Error::Database(db)) = (sqlite_code(&e), &e)
    {
        return StoreError::Damaged {
            path: path.to_path_buf(),
            problem: format!("SQLite cannot read it ({})", db.message()),
        };
    }
    StoreError::Connect {
        backend: Backend::Sqlite.name(),
        place: path.display().to_string(),
        reason: e.to_string(),
    }
}

const SQLITE_BUSY: i64 = 5;
const SQLITE_CORRUPT: i64 = 11;
const SQLITE_NOTADB: i64 = 26;

/// SQLite's primary result code (the low byte of an extended code).
fn sqlite_code(e: &sqlx::Error) -> Option<i64> {
    match e {
        sqlx::Error::Database(db) => db.code()?.parse::<i64>().ok().map(|c| c & 0xff),
        _ => None,
    }
}

fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The URL with any password (in the user part or a `password=` parameter)
/// replaced by `***`. SQLite URLs hold none and are returned as they are.
pub fn redact_url(url: &str) -> String {
    if url.starts_with("sqlite:") {
        return url.to_owned();
    }
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let (scheme, rest) = url.split_at(scheme_end);
    let mut out = scheme.to_owned();
    // The last '@' ends the user part, so a password holding '@', '/' or '?'
    // is covered whole; at worst a little more than the password is hidden.
    let tail = match rest.rfind('@') {
        Some(at) => {
            let user_part = &rest[..at];
            match user_part.split_once(':') {
                Some((user, _)) => {
                    out.push_str(user);
                    out.push_str(":***");
                }
                None => out.push_str(user_part),
            }
            &rest[at..]
        }
        None => rest,
    };
    match tail.split_once('?') {
        Some((before, query)) => {
            out.push_str(before);
            out.push('?');
            let params: Vec<String> = query
                .split('&')
                .map(|param| match param.split_once('=') {
                    Some((key, _)) if key.to_ascii_lowercase().contains("password") => {
                        format!("{key}=***")
                    }
                    _ => param.to_owned(),
                })
                .collect();
            out.push_str(&params.join("&"));
        }
        None => out.push_str(tail),
    }
    out
}

/// A driver's message with any password from `url` taken out, in case the
/// driver ever quotes it.
fn scrub(text: &str, url: &str) -> String {
    let mut secrets: Vec<String> = Vec::new();
    if let Some(rest) = url.split_once("://").map(|(_, r)| r) {
        if let Some((user_part, _)) = rest.rsplit_once('@') {
            if let Some((_, password)) = user_part.split_once(':') {
                secrets.push(password.to_owned());
            }
        }
        if let Some((_, query)) = rest.split_once('?') {
            for (key, value) in query.split('&').filter_map(|p| p.split_once('=')) {
                if key.to_ascii_lowercase().contains("password") {
                    secrets.push(value.to_owned());
                }
            }
        }
    }
    let decoded: Vec<String> = secrets
        .iter()
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect();
    let mut out = text.to_owned();
    for secret in secrets.iter().chain(&decoded).filter(|s| !s.is_empty()) {
        out = out.replace(secret.as_str(), "***");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{redact_url, scrub};

    #[test]
    fn finding_9_passwords_are_redacted_from_urls() {
        for (url, shown) in [
            (
                "postgres://u:SECRET@127.0.0.1:1/db",
                "postgres://u:***@127.0.0.1:1/db",
            ),
            ("postgresql://u:S@C/R?ET@h/db", "postgresql://u:***@h/db"),
            (
                "postgres://h/db?sslmode=disable&password=SECRET",
                "postgres://h/db?sslmode=disable&password=***",
            ),
            ("postgres://u@h/db", "postgres://u@h/db"),
            ("mysql://u:SECRET@h/db", "mysql://u:***@h/db"),
            ("sqlite://data/foidesk.db", "sqlite://data/foidesk.db"),
        ] {
            assert_eq!(redact_url(url), shown, "{url}");
        }
        assert_eq!(
            scrub(
                "bad password S3 cr%t and S3%20cr%25t",
                "postgres://u:S3%20cr%25t@h/db"
            ),
            "bad password *** and ***"
        );
    }
}
