//! A real `foidesk serve` under hostile sign-ins: distinct megabyte-long
//! addresses, which once each stayed in memory for a quarter of an hour,
//! are refused with a 422 and leave the server's memory where it was.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

const SIGN_INS: usize = 500;
const CLIENTS: usize = 4;
const ADDRESS_BYTES: usize = 1_000_000;
const MAX_GROWTH_KIB: u64 = 50 * 1024;

/// Stops the server however the test ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Resident memory of a process, in KiB.
fn resident_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

fn start(data: &std::path::Path) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_foidesk"))
        .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let server = Server(child);
    let mut printed = String::new();
    loop {
        let mut line = String::new();
        assert!(
            out.read_line(&mut line).unwrap() > 0,
            "serve exited: {printed}"
        );
        if let Some(rest) = line.split("listening on http://").nth(1) {
            let address = rest.split_whitespace().next().unwrap();
            // Keep reading so the server never blocks on a full pipe.
            std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
            return (server, format!("http://{address}"));
        }
        printed.push_str(&line);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finding_1_distinct_megabyte_addresses_leave_the_servers_memory_flat() {
    let data = tempfile::tempdir().unwrap();
    let (server, base) = start(data.path());
    let client = reqwest::Client::new();
    let health = client.get(format!("{base}/healthz")).send().await.unwrap();
    assert_eq!(health.status().as_u16(), 200);
    let before = resident_kib(server.0.id());

    let filler = "x".repeat(ADDRESS_BYTES);
    let workers: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (client, base, filler) = (client.clone(), base.clone(), filler.clone());
            tokio::spawn(async move {
                for i in (c..SIGN_INS).step_by(CLIENTS) {
                    let body =
                        format!(r#"{{"email":"{i:06}{filler}@example.org","password":"guess"}}"#);
                    let reply = client
                        .post(format!("{base}/api/v1/session"))
                        .header("content-type", "application/json")
                        .body(body)
                        .send()
                        .await
                        .unwrap();
                    let status = reply.status().as_u16();
                    let text = reply.text().await.unwrap();
                    assert_eq!(status, 422, "{text}");
                    assert!(text.contains("at most 254 characters"), "{text}");
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.unwrap();
    }
    let after = resident_kib(server.0.id());
    let grew = after.saturating_sub(before);
    eprintln!("resident memory: {before} KiB before, {after} KiB after {SIGN_INS} sign-ins");
    assert!(
        grew < MAX_GROWTH_KIB,
        "grew by {grew} KiB ({before} KiB to {after} KiB)"
    );
    // An ordinary wrong password is still answered, and counted.
    let wrong = client
        .post(format!("{base}/api/v1/session"))
        .json(&serde_json::json!({"email": "nobody@example.org", "password": "guess"}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
    drop(server);

    // Nothing of the long addresses reached the store: one failure, hashed.
    let url = format!("sqlite://{}", data.path().join("foidesk.db").display());
    let store = foidesk_engine::testing::Store::open(&url).await.unwrap();
    let failures = store.sign_in_failures().await.unwrap();
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert_eq!(failures[0].0.len(), 64);
    store.close().await;
}
