//! The corpus notices printed to PDF by Chromium and by LibreOffice parse to
//! expected.jsonl, as the text files do. The printers are external programs: when one is
//! missing the test says it skipped, unless FOIDESK_REQUIRE_PDF_PRINTERS=1 (CI).
#![cfg(feature = "pdf")]

use crate::common::{check, corpus_dir, expected};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Fields the corpus file does not label (expected.jsonl predates them).
const UNLABELLED: [&str; 9] = [
    "paragraphs",
    "file",
    "source_kind",
    "format_era",
    "truncated",
    "sector",
    "decisions",
    "url",
    "url_reference",
];

/// The program's path if it is on PATH (or is a path that exists).
fn program(name: &str) -> Option<PathBuf> {
    let direct = PathBuf::from(name);
    if direct.is_absolute() {
        return direct.is_file().then_some(direct);
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The printer, or `None` (after saying so) when it is absent and not required.
fn printer(name: &str) -> Option<PathBuf> {
    let found = program(name);
    if found.is_none() {
        let required = std::env::var("FOIDESK_REQUIRE_PDF_PRINTERS").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "{name} is not installed and FOIDESK_REQUIRE_PDF_PRINTERS=1"
        );
        println!("skipped: {name} is not installed");
    }
    found
}

/// A fresh directory for this test's files.
fn work_dir(label: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("printed-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Waits for a printer, killing it if it hangs.
fn finish(mut child: Child, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        match child.try_wait().expect("wait") {
            Some(status) => {
                assert!(status.success(), "{what}: {status}");
                return;
            }
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{what}: no result after 180 s");
            }
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

fn html_page(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            c => escaped.push(c),
        }
    }
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><style>body {{ \
         white-space: pre-wrap; font: 11pt serif }}</style></head><body>{escaped}</body></html>"
    )
}

/// Parses each printed PDF and compares it with expected.jsonl field by field.
fn check_printed(printer: &str, pdf_of: impl Fn(&str) -> PathBuf) {
    let mut bad = Vec::new();
    let (mut matched, mut total) = (0, 0);
    for (file, want) in expected() {
        let pdf = std::fs::read(pdf_of(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let parsed = foidesk_notice::parse_pdf(&pdf);
        let mut got = serde_json::to_value(&parsed.record).expect("serialises");
        let mut want = want;
        for v in [&mut got, &mut want] {
            if let Some(o) = v.as_object_mut() {
                for k in UNLABELLED {
                    o.remove(k);
                }
            }
        }
        let (m, t, b) = check(&format!("{printer}: {file}"), &got, &want);
        matched += m;
        total += t;
        bad.extend(b);
    }
    println!("{printer}: {matched}/{total} fields as expected");
    assert!(bad.is_empty(), "mismatches:\n{}", bad.join("\n"));
}

#[test]
fn chromium_prints_parse_to_expected() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let Some(chromium) = printer(&chromium) else {
        return;
    };
    let dir = work_dir("chromium");
    let notices = corpus_dir();
    let children: Vec<(String, Child)> = expected()
        .into_iter()
        .map(|(file, _)| {
            let text = std::fs::read_to_string(notices.join(&file)).expect("notice");
            let html = dir.join(format!("{file}.html"));
            std::fs::write(&html, html_page(&text)).expect("write HTML");
            let child = Command::new(&chromium)
                .args([
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-pdf-header-footer",
                ])
                .arg(format!(
                    "--user-data-dir={}",
                    dir.join("profile").join(&file).display()
                ))
                .arg(format!(
                    "--print-to-pdf={}",
                    dir.join(format!("{file}.pdf")).display()
                ))
                .arg(format!("file://{}", html.display()))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("chromium starts");
            (file, child)
        })
        .collect();
    for (file, child) in children {
        finish(child, &format!("chromium printing {file}"));
    }
    check_printed("chromium", |file| dir.join(format!("{file}.pdf")));
}

#[test]
fn libreoffice_prints_parse_to_expected() {
    let Some(soffice) = printer("soffice") else {
        return;
    };
    let dir = work_dir("libreoffice");
    let notices = corpus_dir();
    let files: Vec<String> = expected().into_iter().map(|(f, _)| f).collect();
    let child =
        foidesk_testkit::soffice_to_pdf(soffice, &dir, files.iter().map(|f| notices.join(f)))
            .spawn()
            .expect("soffice starts");
    finish(child, "soffice converting the notices");
    check_printed("libreoffice", |file| {
        dir.join(Path::new(file).with_extension("pdf"))
    });
}
