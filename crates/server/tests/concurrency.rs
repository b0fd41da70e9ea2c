//! Fifty clients, each with its own HTTP connection to a real server, append
//! to one case at the same version. Exactly one wins; every other gets 409
//! with the current version, and loses nothing: reloading and appending
//! again succeeds.

mod common;

use foidesk_server::{serve, AppState};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_fifty_clients_appending_at_one_version_exactly_one_wins() {
    for world in common::worlds().await {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = AppState {
            engine: world.engine.clone(),
            store: world.store.clone(),
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
