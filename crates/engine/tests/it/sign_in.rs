//! Signing in under attack, on each backend: the failure count lives in the
//! store (shared by engines, hashed, purged, capped), an over-long address is
//! refused before any work, and password hashing leaves the async workers free.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use foidesk_calendar::{CalendarSettings, Date};
use foidesk_engine::{Clock, Engine, EngineError, Role, SignInSettings, System};
use foidesk_store::testing::fresh_stores;
use foidesk_store::Store;
use sha2::{Digest, Sha256};

const PASSWORD: &str = "correct horse battery";

/// A clock the test moves: `now` is RFC 3339 in UTC.
#[derive(Clone)]
struct MovableClock(Arc<Mutex<String>>);

impl MovableClock {
    fn at(now: &str) -> MovableClock {
        MovableClock(Arc::new(Mutex::new(now.to_owned())))
    }

    fn set(&self, now: &str) {
        *self.0.lock().unwrap() = now.to_owned();
    }
}

impl Clock for MovableClock {
    fn today(&self) -> Date {
        Date::parse(&self.0.lock().unwrap()[..10]).unwrap()
    }

    fn timestamp(&self) -> String {
        self.0.lock().unwrap().clone()
    }
}

fn engine(clock: &MovableClock, settings: SignInSettings, store: &Store) -> System {
    let engine =
        Engine::new(Box::new(clock.clone()), CalendarSettings::default()).with_sign_in(settings);
    System::new(engine, store.clone())
}

fn settings(failures_kept: u64, concurrent_hashes: usize) -> SignInSettings {
    SignInSettings {
        failures_kept,
        concurrent_hashes,
    }
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn add(engine: &System, email: &str) {
    engine
        .add_user(email, "A", Role::Requester, None, PASSWORD)
        .await
        .unwrap();
}

fn field_of(result: Result<Option<foidesk_engine::User>, EngineError>) -> String {
    match result {
        Err(EngineError::Invalid { field, .. }) => field,
        other => panic!("expected a refusal naming a field, got {other:?}"),
    }
}

/// An address over 254 characters, or a password over 1,024, is refused
/// with no store query and no hash: on a closed store, which fails any
/// query, nothing is hashed and the refusal names the field.
#[tokio::test]
async fn finding_1_an_over_long_address_is_refused_before_the_store_or_the_hasher() {
    for db in fresh_stores().await {
        let clock = MovableClock::at("2026-11-22T09:00:00Z");
        let e = engine(&clock, settings(100, 2), &db.store);
        let at_limit = format!("{}@example.org", "a".repeat(254 - 12));
        assert_eq!(at_limit.chars().count(), 254);
        let over = format!("b{at_limit}");
        let megabyte = format!("{}@example.org", "c".repeat(1_000_000));
        db.store.close().await;
        let cases: [(&str, &str, &str); 4] = [
            (&over, PASSWORD, "email"),
            (&megabyte, PASSWORD, "email"),
            ("a@example.org", &"p".repeat(1025), "password"),
            (&megabyte, &"p".repeat(1_000_000), "email"),
        ];
        for (email, password, field) in cases {
            let got = e.service().authenticate(email, password).await;
            assert_eq!(field_of(got), field, "{}", db.label);
        }
        assert_eq!(e.engine().passwords().started(), 0, "{}", db.label);
        // At the limit the address goes on to the store (closed: an error).
        let at = e.service().authenticate(&at_limit, PASSWORD).await;
        assert!(matches!(at, Err(EngineError::Store(_))), "{at:?}");
        assert_eq!(e.engine().passwords().started(), 0, "{}", db.label);
        db.finish().await;
    }
}

/// Two servers on one store count one address's failures together: three
/// on one and two on the other refuse it on both, even with the password.
#[tokio::test]
async fn finding_1_failures_count_across_engines_on_one_store() {
    for db in fresh_stores().await {
        let clock = MovableClock::at("2026-11-22T09:00:00Z");
        let (one, two) = (
            engine(&clock, settings(100, 2), &db.store),
            engine(&clock, settings(100, 2), &db.store),
        );
        add(&one, "a@example.org").await;
        add(&one, "b@example.org").await;
        for (i, e) in [&one, &one, &one, &two, &two].into_iter().enumerate() {
            clock.set(&format!("2026-11-22T09:0{i}:00Z"));
            let got = e.service().authenticate("A@example.org ", "wrong").await;
            assert_eq!(got.unwrap(), None, "{}", db.label);
        }
        // The first failure, at 09:00, leaves the window at 09:15.
        clock.set("2026-11-22T09:10:30Z");
        for e in [&one, &two] {
            let got = e.service().authenticate("a@example.org", PASSWORD).await;
            assert!(
                matches!(got, Err(EngineError::Throttled { minutes: 5 })),
                "{}: {got:?}",
                db.label
            );
        }
        let other = two.service().authenticate("b@example.org", PASSWORD).await;
        assert!(other.unwrap().is_some(), "{}", db.label);
        clock.set("2026-11-22T09:15:00Z");
        let again = two.service().authenticate("a@example.org", PASSWORD).await;
        assert!(again.unwrap().is_some(), "{}", db.label);
        // Signing in cleared the address's failures.
        assert!(db.store.sign_in_failures().await.unwrap().is_empty());
        db.finish().await;
    }
}

/// The store holds a SHA-256 of each normalised address, never the
/// address; at most the cap, the newest kept; nothing older than the window.
#[tokio::test]
async fn finding_1_failures_are_stored_hashed_purged_and_capped() {
    for db in fresh_stores().await {
        let clock = MovableClock::at("2026-11-22T09:00:00Z");
        let e = engine(&clock, settings(10, 2), &db.store);
        let addresses: Vec<String> = (0..25)
            .map(|i| format!("{}{i:02}@Example.org", "x".repeat(200)))
            .collect();
        for (i, address) in addresses.iter().enumerate() {
            clock.set(&format!("2026-11-22T09:00:{i:02}Z"));
            let got = e.service().authenticate(address, "wrong").await;
            assert_eq!(got.unwrap(), None, "{}", db.label);
        }
        let rows = db.store.sign_in_failures().await.unwrap();
        let expected: Vec<String> = addresses[15..]
            .iter()
            .map(|a| sha256_hex(&a.to_ascii_lowercase()))
            .collect();
        let hashes: Vec<String> = rows.iter().map(|(h, _)| h.clone()).collect();
        assert_eq!(hashes, expected, "{}: the newest ten, hashed", db.label);
        // A failure after the window purges everything before it.
        clock.set("2026-11-22T09:15:25Z");
        let got = e.service().authenticate("late@example.org", "wrong").await;
        assert_eq!(got.unwrap(), None);
        let rows = db.store.sign_in_failures().await.unwrap();
        assert_eq!(rows.len(), 1, "{}: {rows:?}", db.label);
        assert_eq!(rows[0].0, sha256_hex("late@example.org"));
        db.finish().await;
    }
}

/// On a current-thread runtime, hashing inline would stop every other task
/// until it finished, so none could see a hash running. Here a task watches
/// while sign-ins run, and sees hashes running: the one worker stays free.
/// No more run at once than the bound allows.
#[tokio::test]
async fn finding_10_hashing_leaves_the_async_workers_free() {
    for db in fresh_stores().await {
        let clock = MovableClock::at("2026-11-22T09:00:00Z");
        let e = Arc::new(engine(&clock, settings(100, 2), &db.store));
        add(&e, "known@example.org").await;
        let done = Arc::new(AtomicBool::new(false));
        let watcher = {
            let (e, done) = (e.clone(), done.clone());
            tokio::spawn(async move {
                let (mut seen_running, mut most) = (0u64, 0usize);
                while !done.load(Ordering::SeqCst) {
                    let running = e.engine().passwords().running();
                    seen_running += u64::from(running > 0);
                    most = most.max(running);
                    tokio::task::yield_now().await;
                }
                (seen_running, most)
            })
        };
        let sign_ins: Vec<_> = (0..6)
            .map(|i| {
                let e = e.clone();
                let email = match i % 2 {
                    0 => "known@example.org".to_owned(),
                    _ => format!("unknown{i}@example.org"),
                };
                tokio::spawn(async move { e.service().authenticate(&email, "wrong").await })
            })
            .collect();
        for sign_in in sign_ins {
            assert_eq!(sign_in.await.unwrap().unwrap(), None);
        }
        done.store(true, Ordering::SeqCst);
        let (seen_running, most) = watcher.await.unwrap();
        assert!(seen_running > 0, "{}: no task ran while hashing", db.label);
        assert!(most <= 2, "{}: {most} hashes ran at once", db.label);
        assert_eq!(e.engine().passwords().started(), 7, "{}", db.label);
        db.finish().await;
    }
}
