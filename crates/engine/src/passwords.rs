//! Argon2id hashing and checking, off the async workers. Each hash takes tens
//! of milliseconds of CPU and 19 MiB, so it runs on tokio's blocking pool,
//! and a semaphore bounds how many run at once: a flood of sign-ins waits
//! its turn instead of stalling every other request or exhausting memory.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use tokio::sync::Semaphore;

use crate::EngineError;

pub struct Passwords {
    permits: Arc<Semaphore>,
    running: Arc<AtomicUsize>,
    started: AtomicU64,
}

/// Counts a hash as running for as long as it lives, even if it panics.
struct Running(Arc<AtomicUsize>);

impl Running {
    fn start(count: &Arc<AtomicUsize>) -> Running {
        count.fetch_add(1, Ordering::SeqCst);
        Running(count.clone())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn failed(what: &str, detail: impl std::fmt::Display) -> EngineError {
    EngineError::Serialise {
        message: format!("could not {what} the password: {detail}"),
    }
}

impl Passwords {
    /// At most `concurrent` hashes at once (at least one).
    pub fn new(concurrent: usize) -> Passwords {
        Passwords {
            permits: Arc::new(Semaphore::new(concurrent.max(1))),
            running: Arc::new(AtomicUsize::new(0)),
            started: AtomicU64::new(0),
        }
    }

    /// Hashes running now on the blocking pool.
    pub fn running(&self) -> usize {
        self.running.load(Ordering::SeqCst)
    }

    /// Hashes and checks started since this engine was made.
    pub fn started(&self) -> u64 {
        self.started.load(Ordering::SeqCst)
    }

    /// A PHC string (`$argon2id$…`) with a fresh salt.
    pub async fn hash(&self, password: &str) -> Result<String, EngineError> {
        let password = password.to_owned();
        self.run(move || {
            let hash: PasswordHash = Argon2::default()
                .hash_password(password.as_bytes())
                .map_err(|e| failed("hash", e))?;
            Ok(hash.to_string())
        })
        .await
    }

    /// Whether `password` matches `stored`. With no stored hash (an unknown
    /// address) the password is hashed anyway, so both cost the same work.
    pub async fn verify(&self, password: &str, stored: Option<&str>) -> Result<bool, EngineError> {
        let password = password.to_owned();
        let stored = stored.map(str::to_owned);
        self.run(move || {
            let Some(stored) = stored else {
                Argon2::default()
                    .hash_password(password.as_bytes())
                    .map_err(|e| failed("hash", e))?;
                return Ok(false);
            };
            // A hash that does not parse matches nothing.
            Ok(PasswordHash::new(&stored).is_ok_and(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            }))
        })
        .await
    }

    /// Wait for a permit, then run `work` on the blocking pool holding it,
    /// so the bound holds even if the caller gives up waiting.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, EngineError> + Send + 'static,
    ) -> Result<T, EngineError> {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| failed("queue", e))?;
        self.started.fetch_add(1, Ordering::SeqCst);
        let running = self.running.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let _running = Running::start(&running);
            work()
        })
        .await
        .map_err(|e| failed("finish hashing", e))?
    }
}
