//! Durability: `foidesk serve` is killed with SIGKILL in the middle of a burst
//! of 1,000 appends, then started again on the same database. Every append
//! it acknowledged is there, no case holds a part of an append, and the
//! database passes its integrity check. Runs on SQLite, and on PostgreSQL
//! when the conformance harness has a server.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use foidesk_engine::api::{CalendarSettings, CaseFile, Date};
use foidesk_engine::testing::{fresh_stores, Store};
use foidesk_engine::{Engine, FixedClock, Role, System};
use serde_json::{json, Value};

const CASES: usize = 250;
/// Each case takes these four events in turn: 1,000 appends in all.
fn event(n: usize) -> Value {
    match n {
        0 => json!({"kind": "clarification_sought", "date": "2019-11-08"}),
        1 => json!({"kind": "clarification_received", "date": "2019-11-11"}),
        2 => json!({"kind": "response", "date": "2019-12-02",
                    "outcomes": [{"part": "all", "outcome": "disclosed"}]}),
        _ => json!({"kind": "internal_review_requested", "date": "2019-12-10"}),
    }
}
const KILL_AFTER: usize = 300;

fn start(url: &str, data_dir: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_foidesk"))
        .args(["serve", "--listen", "127.0.0.1:0", "--database-url", url])
        .arg("--data-dir")
        .arg(data_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start foidesk serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    (child, format!("http://{addr}"))
}

async fn setup(store: &Store) -> (String, Vec<i64>) {
    let engine = Engine::new(
        Box::new(FixedClock(Date::parse(foidesk_testkit::AS_AT).unwrap())),
        CalendarSettings::default(),
    );
    let engine = System::new(engine, store.clone());
    engine.add_authority("a", "Authority A").await.unwrap();
    engine
        .add_user(
            "admin@example.org",
            "Admin",
            Role::Administrator,
            None,
            "correct horse battery",
        )
        .await
        .unwrap();
    let token = engine
        .create_token("admin@example.org", "durability")
        .await
        .unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/cases/2020-06-23_metropolitan-police-service.toml"
    ))
    .unwrap();
    let mut file: CaseFile = toml::from_str(&text).unwrap();
    file.events.clear();
    let mut ids = Vec::new();
    for n in 0..CASES {
        let view = engine
            .open_case("a", &format!("D-{n}"), file.clone(), "setup")
            .await
            .unwrap();
        ids.push(view.summary.id);
    }
    (token, ids)
}

/// Append the events each case still lacks; returns (case, version) acknowledged.
async fn burst(
    base: &str,
    token: &str,
    cases: &[(i64, usize)],
    acked: Arc<AtomicUsize>,
) -> Vec<(i64, usize)> {
    let client = reqwest::Client::new();
    let mut out = Vec::new();
    for step in 0..4 {
        for &(id, from) in cases {
            if step < from {
                continue;
            }
            let sent = client
                .post(format!("{base}/api/v1/cases/{id}/events"))
                .bearer_auth(token)
                .header("If-Match", format!("\"{step}\""))
                .json(&event(step))
                .send()
                .await;
            match sent {
                Ok(r) if r.status().as_u16() == 201 => {
                    out.push((id, step + 1));
                    acked.fetch_add(1, Ordering::SeqCst);
                }
                Ok(r) => panic!("case {id} step {step}: {}", r.status()),
                // The server is gone: this append was never acknowledged.
                Err(_) => return out,
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_appends_survive_sigkill() {
    for db in fresh_stores().await {
        let data_dir = tempfile::tempdir().unwrap();
        let (token, ids) = setup(&db.store).await;
        let (mut server, base) = start(&db.url, data_dir.path());
        let acked = Arc::new(AtomicUsize::new(0));
        // Eight clients, each with its own cases, append in parallel.
        let workers: Vec<_> = ids
            .chunks(CASES / 8 + 1)
            .map(|chunk| {
                let cases: Vec<(i64, usize)> = chunk.iter().map(|&id| (id, 0)).collect();
                let (base, token, acked) = (base.clone(), token.clone(), acked.clone());
                tokio::spawn(async move { burst(&base, &token, &cases, acked).await })
            })
            .collect();
        while acked.load(Ordering::SeqCst) < KILL_AFTER {
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
        server.kill().unwrap(); // SIGKILL on Unix: no chance to flush or shut down.
        server.wait().unwrap();
        let mut confirmed = Vec::new();
        for w in workers {
            confirmed.extend(w.await.unwrap());
        }
        assert!(confirmed.len() >= KILL_AFTER && confirmed.len() < 4 * CASES);

        // Restart on the same database and check every case against what was acknowledged.
        let (mut server, base) = start(&db.url, data_dir.path());
        let client = reqwest::Client::new();
        let mut versions = Vec::new();
        for &id in &ids {
            let body: Value = client
                .get(format!("{base}/api/v1/cases/{id}/events"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            let events = body["events"].as_array().unwrap();
            assert_eq!(body["version"].as_u64(), Some(events.len() as u64));
            for (n, e) in events.iter().enumerate() {
                assert_eq!(e["event"], event(n), "{}: case {id} event {n}", db.label);
            }
            versions.push((id, events.len()));
        }
        for (id, version) in &confirmed {
            let stored = versions.iter().find(|(c, _)| c == id).unwrap().1;
            assert!(
                stored >= *version,
                "{}: case {id} lost version {version}",
                db.label
            );
        }
        // The restarted server takes the rest of the burst: 1,000 events in all.
        let rest = burst(&base, &token, &versions, Arc::new(AtomicUsize::new(0))).await;
        let stored_before: usize = versions.iter().map(|(_, v)| v).sum();
        assert_eq!(stored_before + rest.len(), 4 * CASES, "{}", db.label);
        server.kill().unwrap();
        server.wait().unwrap();
        let reopened = Store::open(&db.url).await.unwrap();
        assert!(reopened.integrity_ok().await.unwrap(), "{}", db.label);
        reopened.close().await;
        println!(
            "durability: killed after {} acknowledged appends ({} stored); all present, \
             none partial, integrity ok; 1,000 after restart ({})",
            confirmed.len(),
            stored_before,
            db.label
        );
        db.finish().await;
    }
}
