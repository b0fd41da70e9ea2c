//! The library in the browser answers as the command line does: on one
//! store, each `/library` search lists the notices `foidesk library search`
//! prints with the same filters, in the same order, and each notice's page
//! opens. The server keeps its index in the data directory, beside the one
//! the command line used, and agrees with it through the store.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};

const PASSWORD: &str = "a long enough password";

fn foidesk(data: &Path, args: &[&str], stdin: &str) -> (i32, String, String) {
    foidesk_testkit::foidesk!()
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .stdin(stdin)
        .run()
        .text()
}

/// The made-up demo notices and the 60-column corpus variants.
fn sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = vec![root.join("examples/notices")];
    for e in std::fs::read_dir(root.join("crates/notice/tests/fixtures/corpus")).unwrap() {
        let p = e.unwrap().path();
        if p.to_string_lossy().ends_with(".wrap60.txt") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Stops the server however the test ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `foidesk serve` on the data directory, and its address.
fn serve(data: &Path) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_foidesk"))
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let server = Server(child);
    loop {
        let mut line = String::new();
        assert!(out.read_line(&mut line).unwrap() > 0, "serve exited");
        if let Some(rest) = line.split("listening on http://").nth(1) {
            let addr = rest.split_whitespace().next().unwrap();
            let addr = format!("http://{addr}");
            // Keep reading so the server never blocks on a full pipe.
            std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
            return (server, addr);
        }
    }
}

/// The notice ids a results page links to, in order.
fn listed(html: &str) -> Vec<i64> {
    let Some(start) = html.find("<ol class=\"library-results\">") else {
        return Vec::new();
    };
    let list = &html[start
        ..html[start..]
            .find("</ol>")
            .map_or(html.len(), |e| start + e)];
    list.split("href=\"/library/")
        .skip(1)
        .filter_map(|s| s.split('"').next()?.parse().ok())
        .collect()
}

/// The browser's query and the command line's arguments, which must find
/// the same notices (and some, so that the comparison says something).
fn check(data: &Path, page: &str, cli: &[&str], at_least: usize) -> (String, Vec<i64>) {
    let mut args = vec!["library", "search", "--json", "--limit", "50"];
    args.extend_from_slice(cli);
    let (code, out, err) = foidesk(data, &args, "");
    assert_eq!(code, 0, "{args:?}: {err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<i64> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_i64().unwrap())
        .collect();
    assert!(ids.len() >= at_least, "{cli:?} found {ids:?}");
    (page.to_owned(), ids)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_browser_finds_what_the_command_line_finds() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let mut ingest = vec!["library", "ingest", "--json"];
    let paths = sources();
    ingest.extend(paths.iter().map(|p| p.to_str().unwrap()));
    let (code, _, err) = foidesk(d, &ingest, "");
    assert_eq!(code, 0, "{err}");
    let add = [
        "user",
        "add",
        "--email",
        "a@example.org",
        "--name",
        "A",
        "--role",
        "officer",
    ];
    let (code, _, err) = foidesk(d, &add, &format!("{PASSWORD}\n"));
    assert!(code != 0, "an officer needs an authority: {err}");
    let add = [
        "user",
        "add",
        "--email",
        "a@example.org",
        "--name",
        "A",
        "--role",
        "caseworker",
    ];
    let (code, _, err) = foidesk(d, &add, &format!("{PASSWORD}\n"));
    assert_eq!(code, 0, "{err}");
    let cases = [
        check(d, "provision=s.31&ncnd=yes", &["*", "--provision", "s.31", "--ncnd"], 6),
        check(d, "q=smart+devices&provision=s.24", &["smart devices", "--provision", "s.24"], 1),
        check(d, "outcome=authority_not_entitled&sort=newest", &["*", "--outcome", "authority_not_entitled", "--newest"], 2),
        check(d, "authority=northmoor&from-day=1&from-month=1&from-year=2024&to-day=31&to-month=12&to-year=2025", &["*", "--authority", "northmoor", "--from", "2024-01-01", "--to", "2025-12-31"], 2),
        check(d, "q=recognition", &["recognition"], 2),
    ];

    let (server, base) = serve(d);
    let anonymous = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = anonymous
        .get(format!("{base}/library"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303, "closed to people not signed in");
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let signed = client
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"email": "a@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert!(signed.status().is_success());
    for (query, expected) in &cases {
        let page = client
            .get(format!("{base}/library?{query}"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status().as_u16(), 200, "{query}");
        assert_eq!(&listed(&page.text().await.unwrap()), expected, "{query}");
    }
    for id in &cases[0].1 {
        let page = client
            .get(format!("{base}/library/{id}"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status().as_u16(), 200);
        assert!(page
            .text()
            .await
            .unwrap()
            .contains("class=\"library-notice\""));
    }
    let bad = client
        .get(format!(
            "{base}/library?provision=nonsense&from-day=31&from-month=2&from-year=2024"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status().as_u16(), 422);
    let text = bad.text().await.unwrap();
    assert!(
        text.contains("href=\"#provision\"") && text.contains("href=\"#from\""),
        "{text}"
    );
    drop(server);
}
