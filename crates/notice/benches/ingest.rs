//! Ingest figures, side by side, on one core (`cargo bench -p foidesk-notice --bench ingest`):
//! - PDF ingest (read, extract, parse) of the real PDFs in ../shared/corpus/real/pdf, in
//!   notices per second, against running `pdftotext` on each (a process per file);
//! - text parsing in MB/s of the corpus notices (../shared/corpus/notices) and of the real
//!   text files (../shared/corpus/real/*.txt, mostly abstracts);
//! - peak memory (VmHWM) of a process extracting a 200-page PDF that LibreOffice
//!   writes, at bench time, from the corpus notices repeated.
//!
//! The comparisons need pdftotext and soffice; without them those rows say so.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long each figure is measured for.
const MEASURE: Duration = Duration::from_secs(3);

/// Runs `f` repeatedly for [`MEASURE`]; returns the rounds per second.
fn rate(mut f: impl FnMut()) -> f64 {
    f();
    let start = Instant::now();
    let mut rounds = 0u32;
    while start.elapsed() < MEASURE {
        f();
        rounds += 1;
    }
    f64::from(rounds) / start.elapsed().as_secs_f64()
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    paths.sort();
    paths
}

fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// The peak resident memory of this process so far, in KiB (Linux).
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A PDF of at least `pages` pages written by LibreOffice from the corpus notices
/// repeated, in `dir`; `None` without soffice.
fn long_pdf(dir: &Path, pages: usize) -> Option<PathBuf> {
    let mut text = String::new();
    let notices = files(&foidesk_testkit::corpus_notices(), "txt");
    // About 50 lines of up to 80 characters a page; long lines wrap, so this overshoots.
    while text.lines().count() < pages * 50 {
        for n in &notices {
            text.push_str(&std::fs::read_to_string(n).ok()?);
            text.push_str("\n\u{c}\n");
        }
    }
    let source = dir.join("long.txt");
    std::fs::write(&source, text).ok()?;
    let status = foidesk_testkit::soffice_to_pdf("soffice", dir, [source])
        .status()
        .ok()?;
    status.success().then(|| dir.join("long.pdf"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // The child process of the memory figure: extract one file, report the peak.
    if let Some(i) = args.iter().position(|a| a == "--peak-of") {
        let before = peak_kib().unwrap_or(0);
        let bytes = std::fs::read(&args[i + 1]).expect("PDF");
        let text = foidesk_notice::extract_pdf_text(&bytes).expect("text");
        println!(
            "{before} {} {}",
            peak_kib().unwrap_or(0),
            text.chars().count()
        );
        return;
    }
    let real = foidesk_testkit::shared("corpus/real");
    let pdfs = files(&real.join("pdf"), "pdf");
    assert!(!pdfs.is_empty(), "no PDFs in {}", real.display());
    let n = pdfs.len() as f64;

    let ours = rate(|| {
        for p in &pdfs {
            let bytes = std::fs::read(p).expect("PDF");
            std::hint::black_box(foidesk_notice::parse_pdf(&bytes));
        }
    });
    println!(
        "PDF ingest, foidesk (extract + parse): {:>8.1} notices/s",
        ours * n
    );
    let only_text = rate(|| {
        for p in &pdfs {
            let bytes = std::fs::read(p).expect("PDF");
            std::hint::black_box(foidesk_notice::pdf_text(&bytes));
        }
    });
    println!(
        "PDF text only, foidesk:                {:>8.1} notices/s",
        only_text * n
    );
    if installed("pdftotext") {
        let theirs = rate(|| {
            for p in &pdfs {
                let out = Command::new("pdftotext")
                    .arg(p)
                    .arg("-")
                    .output()
                    .expect("pdftotext");
                std::hint::black_box(out.stdout);
            }
        });
        println!(
            "PDF text only, pdftotext (a process):  {:>8.1} notices/s",
            theirs * n
        );
    } else {
        println!("PDF text only, pdftotext: not installed");
    }

    // Text parsing, two ways: the whole notices of the corpus, and the real text files
    // (mostly the Commissioner's abstracts, read in full as decision prose).
    let notices = foidesk_testkit::corpus_notices();
    for (what, dir) in [
        ("corpus notices", notices.as_path()),
        ("real text files", real.as_path()),
    ] {
        let texts: Vec<Vec<u8>> = files(dir, "txt")
            .iter()
            .map(|p| std::fs::read(p).expect("text"))
            .collect();
        let bytes: usize = texts.iter().map(Vec::len).sum();
        let parses = rate(|| {
            for t in &texts {
                std::hint::black_box(foidesk_notice::parse(t, None));
            }
        });
        println!(
            "text parsing, {:>2} {what:<16}        {:>8.1} MB/s",
            texts.len(),
            parses * bytes as f64 / 1e6
        );
    }

    let dir = std::env::temp_dir().join(format!("foidesk-ingest-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    match long_pdf(&dir, 200) {
        Some(pdf) => {
            let doc = lopdf::Document::load(&pdf).expect("LibreOffice's PDF");
            let pages = doc.get_pages().len();
            drop(doc);
            let start = Instant::now();
            let out = Command::new(std::env::current_exe().expect("this bench"))
                .arg("--peak-of")
                .arg(&pdf)
                .output()
                .expect("child");
            let elapsed = start.elapsed();
            let report = String::from_utf8_lossy(&out.stdout);
            let v: Vec<u64> = report
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            if let [before, after, chars] = v[..] {
                let size = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
                println!(
                    "{pages}-page PDF ({} KiB, {chars} characters of text): peak RSS {} KiB \
                     ({} KiB before reading), {:.0} ms in a fresh process",
                    size / 1024,
                    after,
                    before,
                    elapsed.as_secs_f64() * 1e3
                );
            } else {
                println!("200-page PDF: the child failed: {report}");
            }
        }
        None => println!("200-page PDF: soffice not installed or failed"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}
