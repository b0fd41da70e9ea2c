//! Failed sign-ins, per address, so guessing a password is slow: after
//! `LIMIT` failures within `WINDOW_MINUTES`, the address is refused until
//! the oldest of them leaves the window. Kept in the store, so every server
//! on it counts alike, and only as a SHA-256 of the address, so a long
//! address costs no more than a short one. The store drops rows older than
//! the window and keeps at most `kept` rows, the oldest going first.

use foidesk_store::Store;
use jiff::{SignedDuration, Timestamp};
use sha2::{Digest, Sha256};

use crate::EngineError;

pub const LIMIT: usize = 5;
pub const WINDOW_MINUTES: i64 = 15;
/// Failure rows kept at most, by default: about 10 MB of store.
pub const DEFAULT_FAILURES_KEPT: u64 = 100_000;

pub struct Throttle {
    kept: u64,
}

fn window() -> SignedDuration {
    SignedDuration::from_mins(WINDOW_MINUTES)
}

/// Whole seconds in UTC, one fixed width, so stored times compare as text.
fn seconds(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The start of the window ending at `now`: failures at or before it no longer count.
fn window_start(now: Timestamp) -> Result<String, EngineError> {
    now.checked_sub(window())
        .map(seconds)
        .map_err(|e| EngineError::Invalid {
            field: "clock".into(),
            message: format!("no time {WINDOW_MINUTES} minutes before now: {e}"),
        })
}

/// The key a normalised address is counted under.
pub fn address_hash(normalised: &str) -> String {
    Sha256::digest(normalised.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Throttle {
    pub fn new(kept: u64) -> Throttle {
        Throttle { kept: kept.max(1) }
    }

    /// Whole minutes until the address may try again, if it is refused now.
    pub async fn refused(
        &self,
        store: &Store,
        key: &str,
        now: Timestamp,
    ) -> Result<Option<i64>, EngineError> {
        let recent = store
            .recent_sign_in_failures(key, &window_start(now)?, LIMIT as i64)
            .await?;
        // Refused until the fifth newest failure leaves the window.
        let Some(oldest) = recent.get(LIMIT - 1) else {
            return Ok(None);
        };
        let Ok(oldest) = oldest.parse::<Timestamp>() else {
            // An unreadable time counts as now: refused for the whole window.
            return Ok(Some(WINDOW_MINUTES));
        };
        let wait = window()
            .checked_sub(now.duration_since(oldest))
            .unwrap_or(window());
        Ok(Some((wait.as_secs().max(1) + 59) / 60))
    }

    pub async fn failed(
        &self,
        store: &Store,
        key: &str,
        now: Timestamp,
    ) -> Result<(), EngineError> {
        let kept = i64::try_from(self.kept).unwrap_or(i64::MAX);
        Ok(store
            .add_sign_in_failure(key, &seconds(now), &window_start(now)?, kept)
            .await?)
    }

    pub async fn succeeded(&self, store: &Store, key: &str) -> Result<(), EngineError> {
        Ok(store.clear_sign_in_failures(key).await?)
    }
}

/// How sign-in guards its resources; `Engine::with_sign_in` sets them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignInSettings {
    /// Failure rows the store keeps at most, across all addresses.
    pub failures_kept: u64,
    /// Password hashes run at once, at most (each takes a core and 19 MiB).
    pub concurrent_hashes: usize,
}

impl Default for SignInSettings {
    /// One hash per core.
    fn default() -> SignInSettings {
        SignInSettings {
            failures_kept: DEFAULT_FAILURES_KEPT,
            concurrent_hashes: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}
