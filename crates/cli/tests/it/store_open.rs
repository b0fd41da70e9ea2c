//! Opening the store through the real binary: a damaged, empty or unusable
//! SQLite file is refused at once with what is wrong and what to do, and
//! left exactly as it was; ten processes can migrate one fresh file at once;
//! no command prints a database password; `serve --demo` keeps away from a
//! store holding real data; `/healthz` reports a store that stops answering.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use foidesk_engine::testing::fresh_stores;

const BIN: &str = env!("CARGO_BIN_EXE_foidesk");
/// A URL with a password, for a server that is not there.
const DOWN: &str = "postgres://u:SECRET@127.0.0.1:1/db";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Run the binary with `args` from the workspace root, with a data directory
/// of its own, and time it.
fn run(program: &[&str], args: &[&str], data: &Path) -> (Output, Duration) {
    let started = Instant::now();
    let mut child = Command::new(program[0])
        .args(&program[1..])
        .args(args)
        .current_dir(workspace())
        .env("FOIDESK_DATA_DIR", data)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start foidesk");
    // A password for commands that read one; others ignore it.
    use std::io::Write as _;
    let _ = child
        .stdin
        .take()
        .unwrap()
        .write_all(b"a-long-enough-password\n");
    let out = child.wait_with_output().unwrap();
    (out, started.elapsed())
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Every file in `dir` (not below), name to bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect()
}

/// A migrated store holding one authority, closed cleanly (so only the
/// database file is there).
fn sound_store(dir: &Path) -> PathBuf {
    let path = dir.join("foidesk.db");
    let url = format!("sqlite://{}", path.display());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = foidesk_engine::testing::Store::open(&url).await.unwrap();
        store
            .add_authority("kent", "Kent Police", "2024-05-01T09:00:00Z")
            .await
            .unwrap();
        store.close().await;
    });
    assert_eq!(snapshot(dir).len(), 1, "{:?}", snapshot(dir).keys());
    path
}

/// Opening `path` with `foidesk migrate` fails within 5 s, with a message
/// holding `expected`, and leaves `dir` byte for byte as it was.
fn refused(program: &[&str], path: &Path, dir: &Path, expected: &str) {
    let before = snapshot(dir);
    let url = format!("sqlite://{}", path.display());
    let (out, took) = run(program, &["migrate", "--database-url", &url], dir);
    let said = text(&out);
    assert!(!out.status.success(), "{expected}: {said}");
    assert!(took < Duration::from_secs(5), "{expected}: took {took:?}");
    assert!(said.contains(expected), "wanted '{expected}' in: {said}");
    assert_eq!(
        snapshot(dir).keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "{expected}: files beside the store changed"
    );
    assert!(snapshot(dir) == before, "{expected}: a file changed");
}

#[test]
fn finding_6_damaged_or_empty_files_are_refused_at_once_and_left_as_they_were() {
    type Damage = fn(&mut Vec<u8>);
    let cases: [(&str, Damage, &str); 4] = [
        (
            "a zero-length file",
            |b| b.clear(),
            "is an empty file (0 bytes)",
        ),
        (
            "a truncated file",
            |b| b.truncate(b.len() / 2),
            "is damaged: it is cut short",
        ),
        (
            "a bad header",
            |b| b[..16].copy_from_slice(b"not a database!!"),
            "is not an SQLite database",
        ),
        (
            "4 KiB of garbage in a page in the middle",
            |b| {
                let page = (b.len() / 4096 / 2) * 4096;
                for (i, byte) in b[page..page + 4096].iter_mut().enumerate() {
                    *byte = (i * 37 + 11) as u8;
                }
            },
            "is damaged",
        ),
    ];
    for (what, damage, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = sound_store(dir.path());
        let mut bytes = std::fs::read(&path).unwrap();
        damage(&mut bytes);
        std::fs::write(&path, &bytes).unwrap();
        eprintln!("{what}");
        refused(&[BIN], &path, dir.path(), expected);
        // What to do is said too.
        let (out, _) = run(
            &[BIN],
            &[
                "migrate",
                "--database-url",
                &format!("sqlite://{}", path.display()),
            ],
            dir.path(),
        );
        assert!(text(&out).contains("backup"), "{what}: {}", text(&out));
    }
}

/// Whether this process ignores directory permissions (root does).
fn ignores_permissions(dir: &Path) -> bool {
    let probe = dir.join("probe");
    let ignored = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(probe);
    ignored
}

#[test]
fn finding_6_a_store_in_a_read_only_directory_is_refused_at_once() {
    use std::os::unix::fs::PermissionsExt as _;
    let top = tempfile::tempdir().unwrap();
    std::fs::set_permissions(top.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = top.path().join("store");
    std::fs::create_dir(&dir).unwrap();
    let path = sound_store(&dir);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes anywhere, so run the binary as nobody, from a copy that
    // nobody can read.
    let (program, _copy): (Vec<String>, Option<tempfile::TempDir>) = if ignores_permissions(&dir) {
        let bin_dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(bin_dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let copy = bin_dir.path().join("foidesk");
        std::fs::copy(BIN, &copy).unwrap();
        let program = [
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([copy.display().to_string()])
        .collect();
        (program, Some(bin_dir))
    } else {
        (vec![BIN.to_owned()], None)
    };
    let program: Vec<&str> = program.iter().map(String::as_str).collect();
    refused(&program, &path, &dir, "check that both are writable");
    // A new store cannot be made there either, and nothing is left.
    refused(
        &program,
        &dir.join("new.db"),
        &dir,
        "unable to open database file",
    );
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn finding_6_a_store_on_a_read_only_mount_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = sound_store(dir.path());
    let before = snapshot(dir.path());
    let d = dir.path().display().to_string();
    let script = format!(
        "mount --bind {d} {d} && mount -o remount,bind,ro {d} {d} && exec {BIN} migrate --database-url sqlite://{}",
        path.display()
    );
    // A private mount namespace: as root (as CI runs), or as a user in a user
    // namespace. The test is required: where neither can be made, it fails.
    let mut tried = Vec::new();
    let mut attempt = None;
    for flags in ["-m", "-rm"] {
        let (out, took) = run(&["unshare", flags, "sh", "-c"], &[&script], dir.path());
        if text(&out).contains("could not open") {
            attempt = Some((out, took));
            break;
        }
        tried.push(format!("unshare {flags}: {}", text(&out)));
    }
    let Some((out, took)) = attempt else {
        panic!(
            "no read-only mount could be made: this test needs root (unshare -m) or user \
             namespaces (unshare -rm)\n{}",
            tried.join("\n")
        );
    };
    assert!(!out.status.success());
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert!(
        text(&out).contains("the disk is not read-only"),
        "{}",
        text(&out)
    );
    assert!(snapshot(dir.path()) == before, "a file changed");
}

#[test]
fn finding_6_ten_processes_migrate_one_fresh_file_at_once() {
    for round in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("foidesk.db").display());
        let children: Vec<_> = (0..10)
            .map(|_| {
                Command::new(BIN)
                    .args(["migrate", "--database-url", &url])
                    .env("FOIDESK_DATA_DIR", dir.path())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}: {}", text(&out));
        }
    }
}

/// Every command path whose help offers `--database-url`, found by walking
/// `foidesk help`, with its usage line.
fn commands_taking_a_database_url() -> Vec<(Vec<String>, String)> {
    let mut found = Vec::new();
    let mut todo = vec![Vec::<String>::new()];
    while let Some(path) = todo.pop() {
        let out = Command::new(BIN)
            .args(&path)
            .arg("--help")
            .output()
            .unwrap();
        let help = String::from_utf8_lossy(&out.stdout).into_owned();
        let subcommands: Vec<String> = help
            .split("Commands:\n")
            .nth(1)
            .map(|rest| {
                rest.lines()
                    .take_while(|l| l.starts_with("  "))
                    .filter_map(|l| l.split_whitespace().next())
                    .filter(|name| *name != "help")
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        if subcommands.is_empty() {
            if help.contains("--database-url") {
                let usage = help
                    .lines()
                    .find_map(|l| l.strip_prefix("Usage: "))
                    .unwrap()
                    .to_owned();
                found.push((path, usage));
            }
        } else {
            for name in subcommands {
                let mut next = path.clone();
                next.push(name);
                todo.push(next);
            }
        }
    }
    found.sort();
    found
}

/// Arguments that get each command as far as opening the store: a value for
/// each placeholder in its usage line, by the placeholder's name.
fn arguments(path: &[String], usage: &str, notice: &Path) -> Vec<String> {
    let case = workspace().join("examples/cases/synthetic-fee-pause.toml");
    let value = |placeholder: &str| match placeholder.trim_end_matches("...") {
        "<FILES>" | "<FILE>" => case.display().to_string(),
        "<REGISTER>" => workspace()
            .join("examples/register.toml")
            .display()
            .to_string(),
        "<PATH>" => notice.display().to_string(),
        "<ROLE>" => "administrator".to_owned(),
        "<ID>" => "1".to_owned(),
        "<EMAIL>" => "someone@example.org".to_owned(),
        "<STATE>" => "on".to_owned(),
        "<DATE>" => "2024-04-01".to_owned(),
        _ => "x".to_owned(),
    };
    let mut args: Vec<String> = path.to_vec();
    let words: Vec<&str> = usage.split_whitespace().skip(1 + path.len()).collect();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        if word.starts_with("--") {
            args.push(word.to_owned());
            if let Some(next) = words.get(i + 1).filter(|w| w.starts_with('<')) {
                args.push(value(next));
                i += 1;
            }
        } else if word.starts_with('<') {
            args.push(value(word));
        }
        i += 1;
    }
    // Options that keep a command from doing other work first: serve on a
    // free port, the library bench on one generated notice.
    match path.join(" ").as_str() {
        "serve" => args.extend(["--listen", "127.0.0.1:0"].map(String::from)),
        "bench library" => args.extend(["--notices", "1", "--searches", "1"].map(String::from)),
        _ => {}
    }
    args.extend(["--database-url".to_owned(), DOWN.to_owned()]);
    args
}

#[test]
fn finding_9_no_command_prints_a_database_password() {
    let commands = commands_taking_a_database_url();
    let names: Vec<String> = commands.iter().map(|(p, _)| p.join(" ")).collect();
    // The walk finds the store's commands (a check that it walks at all).
    for expected in ["migrate", "serve", "user add", "library search", "import"] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} not in {names:?}"
        );
    }
    let data = tempfile::tempdir().unwrap();
    let notice = data.path().join("notice.txt");
    std::fs::write(&notice, "Decision notice\nDate: 1 May 2024\n").unwrap();
    for (path, usage) in &commands {
        let args = arguments(path, usage, &notice);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (out, took) = run(&[BIN], &args, data.path());
        let said = text(&out);
        assert!(!out.status.success(), "{args:?}: {said}");
        assert!(took < Duration::from_secs(5), "{args:?} took {took:?}");
        assert!(
            !said.contains("SECRET"),
            "{args:?} printed the password: {said}"
        );
        // It got as far as the store, and named it without the password.
        assert!(
            said.contains("postgres://u:***@127.0.0.1:1/db"),
            "{args:?}: {said}"
        );
    }
}

#[test]
fn finding_5_serve_demo_refuses_a_store_with_real_data_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = sound_store(dir.path());
    let url = format!("sqlite://{}", path.display());
    let before = snapshot(dir.path());
    let args = [
        "serve",
        "--demo",
        "--listen",
        "127.0.0.1:0",
        "--database-url",
        &url,
    ];
    let (out, took) = run(&[BIN], &args, dir.path());
    let said = text(&out);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert!(
        said.contains("not a demo store: it holds 1 authorities, 0 accounts"),
        "{said}"
    );
    assert!(!said.contains("listening"), "{said}");
    assert!(snapshot(dir.path()) == before, "the store changed");
}

/// Start `serve`; the caller kills and waits for it.
fn serve(args: &[&str], data: &Path) -> std::process::Child {
    Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(args)
        .env("FOIDESK_DATA_DIR", data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The address `serve` listens on, once it says so.
fn address(child: &mut std::process::Child) -> String {
    use std::io::BufRead as _;
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut printed = String::new();
    loop {
        let mut line = String::new();
        assert!(
            out.read_line(&mut line).unwrap() > 0,
            "serve exited: {printed}"
        );
        if let Some(rest) = line.split("listening on http://").nth(1) {
            let addr = rest.split_whitespace().next().unwrap().to_owned();
            std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
            return format!("http://{addr}");
        }
        printed.push_str(&line);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finding_5_a_demo_store_takes_the_demo_again_unchanged() {
    let data = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", data.path().join("demo.db").display());
    for _ in 0..2 {
        let mut child = serve(&["--demo", "--database-url", &url], data.path());
        let base = address(&mut child);
        let health = reqwest::get(format!("{base}/healthz")).await.unwrap();
        assert_eq!(health.status().as_u16(), 200);
        child.kill().unwrap();
        child.wait().unwrap();
    }
    let store = foidesk_engine::testing::Store::open(&url).await.unwrap();
    assert!(store.meta("demo").await.unwrap().is_some());
    let holdings = store.holdings().await.unwrap();
    assert_eq!((holdings.cases, holdings.users), (106, 5), "{holdings}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finding_6_healthz_reports_a_store_that_stops_answering() {
    for db in fresh_stores().await {
        // SQLite answers as long as its file is there, open or not.
        if db.label != "PostgreSQL" {
            db.finish().await;
            continue;
        }
        let data = tempfile::tempdir().unwrap();
        let mut child = serve(&["--database-url", &db.url], data.path());
        let base = address(&mut child);
        let health = reqwest::get(format!("{base}/healthz")).await.unwrap();
        assert_eq!(health.status().as_u16(), 200);

        // The database stops taking connections and drops the ones it has.
        assert!(db.refuse_connections(true).await);
        let started = Instant::now();
        let health = reqwest::get(format!("{base}/healthz")).await.unwrap();
        assert_eq!(health.status().as_u16(), 503);
        assert!(started.elapsed() < Duration::from_secs(5));
        let body: serde_json::Value = health.json().await.unwrap();
        assert_eq!(body["status"], "unavailable");

        child.kill().unwrap();
        child.wait().unwrap();
        db.refuse_connections(false).await;
        db.finish().await;
    }
}
