//! Failed sign-ins, per address, so guessing a password is slow: after
//! `LIMIT` failures within `WINDOW_MINUTES`, the address is refused until the
//! oldest of them leaves the window. Kept in memory: a restart forgets it,
//! which costs an attacker a restart they cannot cause.

use std::collections::HashMap;
use std::sync::Mutex;

use jiff::{SignedDuration, Timestamp};

pub const LIMIT: usize = 5;
pub const WINDOW_MINUTES: i64 = 15;
/// Addresses remembered at most; beyond it, ones with no recent failure go.
const REMEMBERED: usize = 10_000;

#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, Vec<Timestamp>>>,
}

fn window() -> SignedDuration {
    SignedDuration::from_mins(WINDOW_MINUTES)
}

impl Throttle {
    /// Whole minutes until `key` may try again, if it is refused now.
    pub fn refused(&self, key: &str, now: Timestamp) -> Option<i64> {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let list = map.get_mut(key)?;
        list.retain(|t| now.duration_since(*t) < window());
        if list.len() < LIMIT {
            return None;
        }
        let oldest = list.iter().min().copied()?;
        let wait = window().checked_sub(now.duration_since(oldest))?;
        Some((wait.as_secs() + 59) / 60)
    }

    pub fn failed(&self, key: &str, now: Timestamp) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= REMEMBERED {
            map.retain(|_, list| list.iter().any(|t| now.duration_since(*t) < window()));
        }
        map.entry(key.to_owned()).or_default().push(now);
    }

    pub fn succeeded(&self, key: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(key);
    }
}
