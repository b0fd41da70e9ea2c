//! Fifty clients, each with its own HTTP connection to a real server, append
//! to one case at the same version. Exactly one wins; every other gets 409
//! with the current version, and loses nothing: reloading and appending
//! again succeeds. Then fifty clients race to append several events each,
//! retrying on 409, through one server or two on one database: every 201
//! carries the version its own append wrote.

use crate::common;

use foidesk_engine::testing::fresh_stores;
use foidesk_engine::Role;
use foidesk_engine::System;
use foidesk_server::{serve, AppState};
use serde_json::{json, Value};
use tokio::sync::oneshot;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_fifty_clients_appending_at_one_version_exactly_one_wins() {
    for world in common::worlds().await {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = AppState {
            service: world.system.service(),
            secure_cookies: false,
        };
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(serve(listener, state, async {
            let _ = stopped.await;
        }));
        let url = format!("{base}/api/v1/cases/{}/events", world.cases.a_mine);
        let token = world.token("officer_a").to_owned();
        let event = |n: usize| json!({"kind": "clarification_sought", "date": "2019-11-08", "note": format!("client {n}")});
        let clients: Vec<_> = (0..50)
            .map(|n| {
                let (url, token, body) = (url.clone(), token.clone(), event(n));
                tokio::spawn(async move {
                    let client = reqwest::Client::new();
                    let reply = client
                        .post(&url)
                        .bearer_auth(&token)
                        .header("If-Match", "\"0\"")
                        .json(&body)
                        .send()
                        .await
                        .unwrap();
                    let status = reply.status().as_u16();
                    (n, status, reply.json::<serde_json::Value>().await.unwrap())
                })
            })
            .collect();
        let mut winners = Vec::new();
        let mut losers = Vec::new();
        for c in clients {
            let (n, status, body) = c.await.unwrap();
            match status {
                201 => winners.push(n),
                409 => {
                    assert_eq!(body["error"]["current_version"], 1, "{}", world.label);
                    losers.push(n);
                }
                other => panic!("{}: client {n} got {other}: {body}", world.label),
            }
        }
        assert_eq!(winners.len(), 1, "{}: {winners:?}", world.label);
        assert_eq!(losers.len(), 49, "{}", world.label);
        let record = world.store.case(world.cases.a_mine).await.unwrap().unwrap();
        assert_eq!(record.events.len(), 1, "{}", world.label);
        assert!(
            record.events[0]
                .body_json
                .contains(&format!("client {}", winners[0])),
            "{}: the log holds the winner's event",
            world.label
        );
        // A loser reloads (the version is in the 409) and appends its event after the winner's.
        let reply = reqwest::Client::new()
            .post(&url)
            .bearer_auth(&token)
            .header("If-Match", "\"1\"")
            .json(&json!({"kind": "clarification_received", "date": "2019-11-09", "note": format!("client {}", losers[0])}))
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status().as_u16(), 201, "{}", world.label);
        assert_eq!(reply.headers()["etag"], "\"2\"");
        println!(
            "concurrency: 50 clients, 1 append accepted, 49 conflicts, retry accepted ({})",
            world.label
        );
        let _ = stop.send(());
        server.await.unwrap().unwrap();
        world.finish().await;
    }
}

/// A server on a free port; send on the sender to stop it.
async fn start(
    state: AppState,
) -> (
    String,
    oneshot::Sender<()>,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, state, async {
        let _ = stopped.await;
    }));
    (base, stop, server)
}

/// One 201 as its client saw it.
struct Accepted {
    note: String,
    version: i64,
    etag: String,
    last_note: Value,
}

const CLIENTS: usize = 50;
const EACH: usize = 2;

/// Client `n` appends `EACH` events through `url`, each retried at the
/// version its 409 names until it is accepted.
async fn client(n: usize, url: String, token: String) -> Vec<Accepted> {
    let http = reqwest::Client::new();
    let mut version = 0_i64;
    let mut accepted = Vec::new();
    while accepted.len() < EACH {
        let note = format!("client {n} event {}", accepted.len());
        let body = json!({"kind": "assigned", "date": "2019-11-08",
                          "assignee": "", "note": note});
        let reply = http
            .post(&url)
            .bearer_auth(&token)
            .header("If-Match", format!("\"{version}\""))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = reply.status().as_u16();
        let etag = reply.headers()["etag"].to_str().unwrap_or("").to_owned();
        let json: Value = reply.json().await.unwrap();
        match status {
            201 => {
                version = json["version"].as_i64().unwrap();
                accepted.push(Accepted {
                    note,
                    version,
                    etag,
                    last_note: json["case"]["events"]
                        .as_array()
                        .and_then(|e| e.last())
                        .map(|e| e["note"].clone())
                        .unwrap_or(Value::Null),
                });
            }
            409 => version = json["error"]["current_version"].as_i64().unwrap(),
            other => panic!("client {n} got {other}: {json}"),
        }
    }
    accepted
}

/// Under contention, a 201 once carried a re-read of the case, which could
/// hold another client's later event: its version and ETag were not its own,
/// and sending that ETag as If-Match bypassed the 409 it was owed.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn finding_3_every_201_carries_the_version_its_append_wrote() {
    for db in fresh_stores().await {
        let engine = System::new(common::engine(), db.store.clone());
        engine.add_authority("a", "Authority A").await.unwrap();
        let officer = common::email("officer_a");
        engine
            .add_user(
                &officer,
                "officer_a",
                Role::Officer,
                Some("a"),
                common::PASSWORD,
            )
            .await
            .unwrap();
        let token = engine.create_token(&officer, "race").await.unwrap();
        for servers in [1, 2] {
            let id = engine
                .open_case(
                    "a",
                    &format!("RACE-{servers}"),
                    common::fresh_request(None),
                    "setup",
                )
                .await
                .unwrap()
                .summary
                .id;
            // The second server has its own engine and its own pool on the same database.
            let mut states = vec![AppState {
                service: engine.service(),
                secure_cookies: false,
            }];
            if servers == 2 {
                let other = System::open(common::engine(), &db.url).await.unwrap();
                states.push(AppState {
                    service: other.service(),
                    secure_cookies: false,
                });
            }
            let mut running = Vec::new();
            for state in states {
                running.push(start(state).await);
            }
            let urls: Vec<String> = running
                .iter()
                .map(|(base, _, _)| format!("{base}/api/v1/cases/{id}/events"))
                .collect();
            let started = std::time::Instant::now();
            let clients: Vec<_> = (0..CLIENTS)
                .map(|n| {
                    // Four in five on the first server: its pool queues, so an
                    // answer re-read after writing there would wait while the
                    // second server's clients append.
                    let url = &urls[usize::from(n % 5 == 4) % urls.len()];
                    tokio::spawn(client(n, url.clone(), token.clone()))
                })
                .collect();
            let mut accepted = Vec::new();
            for c in clients {
                accepted.extend(c.await.unwrap());
            }
            let took = started.elapsed();
            for (_, stop, server) in running {
                let _ = stop.send(());
                server.await.unwrap().unwrap();
            }
            let record = db.store.case(id).await.unwrap().unwrap();
            let label = format!("{}, {servers} server(s)", db.label);
            assert_eq!(
                record.events.len(),
                CLIENTS * EACH,
                "{label}: no event lost"
            );
            let mut not_own = 0;
            for a in &accepted {
                let stored = &record.events[usize::try_from(a.version).unwrap() - 1];
                assert_eq!(stored.version, a.version);
                let own = a.etag == format!("\"{}\"", a.version)
                    && stored.body_json.contains(&format!("\"{}\"", a.note))
                    && a.last_note == a.note.as_str();
                if !own {
                    not_own += 1;
                    eprintln!(
                        "{label}: '{}' got version {} (ETag {}), last event {}",
                        a.note, a.version, a.etag, a.last_note
                    );
                }
            }
            assert_eq!(not_own, 0, "{label}: 201s carrying another's version");
            println!(
                "concurrency: {CLIENTS} clients x {EACH} appends, every 201 its own version, in {took:?} ({label})"
            );
        }
        assert!(db.store.integrity_ok().await.unwrap(), "{}", db.label);
        db.finish().await;
    }
}
