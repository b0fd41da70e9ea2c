//! Slow and half-open clients against the real `foidesk serve`, with short
//! limits: each is cut off within its timeout, the connection cap holds, each
//! limit is logged, and `/healthz` answers quickly throughout.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A `foidesk serve` on a free port, its standard error kept for reading.
struct Server {
    child: Child,
    addr: String,
    log: Arc<Mutex<String>>,
    _data: tempfile::TempDir,
}

impl Server {
    fn start(limits: &[&str]) -> Server {
        let data = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_foidesk"))
            .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data.path())
            .args(limits)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let kept = log.clone();
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                let mut log = kept.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let mut stdout = BufReader::new(child.stdout.take().unwrap()).lines();
        let addr = loop {
            let line = stdout.next().expect("serve printed its address").unwrap();
            if let Some(rest) = line.split("listening on http://").nth(1) {
                break rest.split_whitespace().next().unwrap().to_owned();
            }
        };
        Server {
            child,
            addr,
            log,
            _data: data,
        }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One `/healthz` on a new connection: its status line and how long it took.
async fn probe(addr: &str) -> (String, Duration) {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: foidesk\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let text = String::from_utf8_lossy(&answer);
    let status = text.lines().next().unwrap_or("").to_owned();
    (status, started.elapsed())
}

/// Probes every 50 ms until `stop`; returns each probe's status and time.
fn keep_probing(
    addr: String,
    stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<Vec<(String, Duration)>> {
    tokio::spawn(async move {
        let mut seen = Vec::new();
        while !*stop.borrow() {
            seen.push(probe(&addr).await);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        seen
    })
}

/// Reads until the server closes; returns what it sent and when it closed.
async fn until_closed(mut stream: TcpStream, since: Instant) -> (String, Duration) {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
    }
    (String::from_utf8_lossy(&got).into_owned(), since.elapsed())
}

/// Headers of a JSON POST promising `length` bytes of body.
fn post_head(length: usize) -> String {
    format!(
        "POST /api/v1/session HTTP/1.1\r\nHost: foidesk\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    )
}

fn assert_quick(probes: &[(String, Duration)]) {
    assert!(probes.len() >= 10, "too few probes: {}", probes.len());
    for (status, took) in probes {
        assert!(status.contains(" 200 "), "/healthz answered {status:?}");
        assert!(
            *took < Duration::from_millis(100),
            "/healthz took {took:?}; all: {:?}",
            probes.iter().map(|p| p.1).collect::<Vec<_>>()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finding_2_half_open_and_trickling_clients_are_cut_off_and_healthz_stays_quick() {
    const HALF_OPEN: usize = 1_000;
    let server = Server::start(&[
        "--header-timeout",
        "2",
        "--request-timeout",
        "2",
        "--max-connections",
        "1100",
    ]);
    let limit = Duration::from_secs(2);
    let slack = Duration::from_millis(1_500);
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let probes = keep_probing(server.addr.clone(), stopped);

    // A body of 100 bytes, sent a byte a second.
    let trickle = {
        let addr = server.addr.clone();
        tokio::spawn(async move {
            let mut stream = TcpStream::connect(&addr).await.unwrap();
            stream.write_all(post_head(100).as_bytes()).await.unwrap();
            let since = Instant::now();
            let (mut read, mut write) = stream.into_split();
            let sender = tokio::spawn(async move {
                for _ in 0..100 {
                    if write.write_all(b" ").await.is_err() {
                        break;
                    }
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            });
            let mut got = Vec::new();
            let _ = read.read_to_end(&mut got).await;
            sender.abort();
            (String::from_utf8_lossy(&got).into_owned(), since.elapsed())
        })
    };

    // Half a request line on each, then nothing.
    let mut waiting = Vec::new();
    for _ in 0..HALF_OPEN {
        let mut stream = TcpStream::connect(&server.addr).await.unwrap();
        stream.write_all(b"GET /heal").await.unwrap();
        waiting.push(tokio::spawn(until_closed(stream, Instant::now())));
    }
    let mut slowest = Duration::ZERO;
    for task in waiting {
        let (sent, open_for) = task.await.unwrap();
        assert!(
            sent.is_empty() || sent.starts_with("HTTP/1.1 408"),
            "{sent}"
        );
        slowest = slowest.max(open_for);
    }
    let (answer, open_for) = trickle.await.unwrap();
    stop.send(true).unwrap();
    let probes = probes.await.unwrap();

    assert!(
        slowest < limit + slack,
        "a half-open connection stayed {slowest:?}"
    );
    assert!(open_for < limit + slack, "the trickle stayed {open_for:?}");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("request_timeout"), "{answer}");
    assert!(answer.contains("content-security-policy:"), "{answer}");
    assert_quick(&probes);
    let log = server.log();
    assert!(log.contains("WARN"), "{log}");
    assert!(
        log.contains("header timeout: closed the connection"),
        "{log}"
    );
    assert!(
        log.contains("request timeout: POST /api/v1/session"),
        "{log}"
    );
    println!(
        "{HALF_OPEN} half-open connections closed after at most {slowest:?}, the trickle after {open_for:?}; {} probes of /healthz, the slowest {:?}",
        probes.len(),
        probes.iter().map(|p| p.1).max().unwrap()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finding_2_the_connection_cap_holds_and_a_stalled_body_is_closed_when_idle() {
    const CAP: usize = 20;
    let server = Server::start(&[
        "--header-timeout",
        "2",
        "--request-timeout",
        "30",
        "--idle-timeout",
        "2",
        "--max-connections",
        &CAP.to_string(),
    ]);
    let limit = Duration::from_secs(2);
    let slack = Duration::from_millis(1_500);
    // Headers, a byte of body, then silence: only the idle timeout ends it.
    let mut stalled = TcpStream::connect(&server.addr).await.unwrap();
    stalled
        .write_all(format!("{}{{", post_head(100)).as_bytes())
        .await
        .unwrap();
    let stalled = tokio::spawn(until_closed(stalled, Instant::now()));
    let mut holders = Vec::new();
    for _ in 1..CAP {
        let mut stream = TcpStream::connect(&server.addr).await.unwrap();
        stream.write_all(b"GET /heal").await.unwrap();
        holders.push(tokio::spawn(until_closed(stream, Instant::now())));
    }
    // Past the cap: queued, not served, until the holders time out.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (status, waited) = probe(&server.addr).await;
    assert!(status.contains(" 200 "), "{status}");
    assert!(
        waited > Duration::from_millis(500) && waited < limit + slack,
        "past the cap, /healthz waited {waited:?}"
    );
    // The body's reader sees the timeout and answers; then the connection closes.
    let (sent, open_for) = stalled.await.unwrap();
    assert!(sent.starts_with("HTTP/1.1 400"), "{sent}");
    assert!(
        open_for < limit + slack,
        "the stalled body stayed {open_for:?}"
    );
    for holder in holders {
        assert!(holder.await.unwrap().1 < limit + slack);
    }
    let mut after = Vec::new();
    for _ in 0..10 {
        after.push(probe(&server.addr).await);
    }
    assert_quick(&after);
    let log = server.log();
    assert!(
        log.contains("connection cap reached: 20 connections open"),
        "{log}"
    );
    assert!(log.contains("idle timeout: closed the connection"), "{log}");
    assert_eq!(log.matches("connection cap reached").count(), 1, "{log}");
}
