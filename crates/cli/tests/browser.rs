//! The browser test (tests/browser/run.mjs) against `foidesk serve --demo`:
//! headless Chromium through playwright-core, axe-core on every page, and a
//! run with JavaScript disabled. It needs Node.js, Chromium and
//! `npm ci --prefix tests/browser`; `.ci/run` installs them and sets
//! FOIDESK_REQUIRE_BROWSER=1, which makes their absence a failure. The
//! screenshots are kept in target/tmp/browser (CARGO_TARGET_TMPDIR). With
//! FOIDESK_UPDATE_SCREENSHOTS=1 the officer's dashboard is also copied to
//! docs/screenshots/dashboard.png, the one the README shows.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

fn chromium() -> Option<String> {
    let path = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    Path::new(&path).exists().then_some(path)
}

#[test]
fn every_journey_in_headless_chromium_with_axe_core_and_at_375_px() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let script = root.join("tests/browser/run.mjs");
    let ready = root
        .join("tests/browser/node_modules/playwright-core")
        .exists()
        && Command::new("node").arg("--version").output().is_ok();
    let Some(chromium) = chromium().filter(|_| ready) else {
        assert!(
            std::env::var_os("FOIDESK_REQUIRE_BROWSER").is_none(),
            "FOIDESK_REQUIRE_BROWSER is set but Node.js, Chromium or tests/browser/node_modules is missing"
        );
        eprintln!("browser test skipped: run `npm ci --prefix tests/browser` and install chromium");
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_foidesk"))
        .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let base = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.split("listening on ").nth(1) {
            break rest.split_whitespace().next().unwrap().to_owned();
        }
    };
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    let out = Command::new("node")
        .arg(&script)
        .arg(&base)
        .arg(&shots)
        .env("CHROMIUM", chromium)
        .output()
        .unwrap();
    server.kill().ok();
    server.wait().ok();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(out.status.success(), "{stdout}\n{stderr}");
    letters_say_what_they_must(&shots);
    for name in [
        "dashboard",
        "case-after",
        "refusal-notice",
        "no-javascript-case",
    ] {
        let png = shots.join(format!("{name}.png"));
        assert!(
            std::fs::metadata(&png)
                .map(|m| m.len() > 10_000)
                .unwrap_or(false),
            "{png:?}"
        );
    }
    if std::env::var("FOIDESK_UPDATE_SCREENSHOTS").as_deref() == Ok("1") {
        let readme_shot = root.join("docs/screenshots/dashboard.png");
        std::fs::copy(shots.join("dashboard.png"), &readme_shot)
            .unwrap_or_else(|e| panic!("copying the dashboard to {readme_shot:?}: {e}"));
    }
}

/// The letters the journeys sent, read back from their PDFs with pdftotext
/// (poppler-utils; `.ci/browser.sh` installs it): the response names the
/// requester, the reference, section 31(3) and says nothing can be
/// inferred; the review outcome names the requester and the reference.
fn letters_say_what_they_must(shots: &Path) {
    let said = std::fs::read_to_string(shots.join("letters.json"))
        .expect("the review journey wrote letters.json");
    let reference = said
        .split('"')
        .nth(3)
        .expect("letters.json names the reference")
        .to_owned();
    let text = |name: &str| {
        let out = Command::new("pdftotext")
            .arg(shots.join(name))
            .arg("-")
            .output()
            .expect("pdftotext runs (install poppler-utils)");
        assert!(out.status.success(), "pdftotext {name}");
        // pdftotext may break a line anywhere: compare with single spaces.
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let response = text("response-letter.pdf");
    for needed in [
        "Siân Llŷr",
        reference.as_str(),
        "section 31(3)",
        "Nothing can be inferred",
    ] {
        assert!(
            response.contains(needed),
            "the response letter's PDF lacks {needed:?}: {response}"
        );
    }
    let review = text("review-letter.pdf");
    for needed in ["Siân Llŷr", reference.as_str()] {
        assert!(
            review.contains(needed),
            "the review letter's PDF lacks {needed:?}: {review}"
        );
    }
}
