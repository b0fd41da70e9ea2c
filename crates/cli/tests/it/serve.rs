//! `foidesk serve --demo` as the README gives it: it starts, /healthz answers,
//! and every demo account signs in and sees what its role allows.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::{json, Value};

const PASSWORD: &str = "demo-password-not-for-real-use";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_starts_and_each_account_sees_its_cases() {
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_foidesk"))
        .args(["serve", "--demo", "--listen", "127.0.0.1:0"])
        .env("FOIDESK_DATA_DIR", data.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut printed = String::new();
    let mut base = None;
    while base.is_none() {
        let mut line = String::new();
        assert!(
            out.read_line(&mut line).unwrap() > 0,
            "serve exited: {printed}"
        );
        if let Some(rest) = line.split("listening on http://").nth(1) {
            base = rest
                .split_whitespace()
                .next()
                .map(|a| format!("http://{a}"));
        }
        printed.push_str(&line);
    }
    let base = base.unwrap();
    assert!(
        printed.contains(
            "106 cases opened (18 examples, 5 live requests, 36 answered in the last year and 47 in the round robin"
        ),
        "{printed}"
    );
    // The demo keeps to its own folder, apart from real work.
    assert!(data.path().join("demo/foidesk.db").exists());

    let health = reqwest::get(format!("{base}/healthz")).await.unwrap();
    assert_eq!(health.status().as_u16(), 200);
    // (account, cases it lists): the officer has the Met's two examples (the
    // register knows both names they use for the force), five live requests,
    // the 36 answered in the last year and its copy of the round robin, the requester the thirteen synthetic
    // requests, the five live ones and the round robin's batch of six, the
    // caseworker the nine complained of, the coordinator none (it sees
    // round robins, never cases).
    for (email, expected) in [
        ("admin@demo.foidesk.test", 106),
        ("officer@demo.foidesk.test", 44),
        ("requester@demo.foidesk.test", 24),
        ("caseworker@demo.foidesk.test", 9),
        ("coordinator@demo.foidesk.test", 0),
    ] {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let signed_in = client
            .post(format!("{base}/api/v1/session"))
            .json(&json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(signed_in.status().as_u16(), 200, "{email}");
        // Page by page, as the API hands them out.
        let (mut n, mut after) = (0, 0);
        loop {
            let cases: Value = client
                .get(format!("{base}/api/v1/cases?after={after}"))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            n += cases["cases"].as_array().map_or(0, Vec::len);
            match cases["next_after"].as_i64() {
                Some(next) => after = next,
                None => break,
            }
        }
        assert_eq!(n, expected, "{email}");
    }
    // Every demo authority has a letter profile, so its letters can be written.
    let admin = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let signed_in = admin
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"email": "admin@demo.foidesk.test", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status().as_u16(), 200);
    let page = admin
        .get(format!("{base}/admin/register"))
        .send()
        .await
        .unwrap();
    let page = page.text().await.unwrap();
    let links: Vec<&str> = page
        .split("href=\"/admin/authorities/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(links.len(), 53, "{page}");
    for link in links {
        let profile = admin
            .get(format!("{base}/admin/authorities/{link}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            profile.contains("value=\"Information Rights Manager\""),
            "{link}: {profile}"
        );
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn every_example_case_is_in_the_demo() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/cases");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".toml").map(str::to_owned))
        .collect();
    on_disk.sort();
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/demo.rs")).unwrap();
    for name in &on_disk {
        let include = format!("include_str!(\"../../../examples/cases/{name}.toml\")");
        assert!(src.contains(&include), "{name} is not in demo.rs");
    }
}

#[test]
fn a_bad_listen_address_exits_2_and_writes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let place = data.path().join("never");
    let out = Command::new(env!("CARGO_BIN_EXE_foidesk"))
        .args(["serve", "--listen", "localhost:eighty", "--data-dir"])
        .arg(&place)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--listen"));
    assert!(!place.exists());
}

#[test]
fn a_port_in_use_exits_2_before_anything_is_written() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let data = tempfile::tempdir().unwrap();
    let place = data.path().join("never");
    let out = Command::new(env!("CARGO_BIN_EXE_foidesk"))
        .args(["serve", "--demo", "--listen", &addr, "--data-dir"])
        .arg(&place)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("in use"));
    assert!(!place.exists());
}
