//! `foidesk bench cases` end to end on a small load: the JSON figures are all
//! there, the counts are the ones asked for, and the scratch store is removed.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// `foidesk bench cases ARGS` with its temporary folder inside `tmp`.
fn bench_cases(tmp: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_foidesk"))
        .args(["bench", "cases"])
        .args(args)
        .env("TMPDIR", tmp)
        .output()
        .expect("run foidesk")
}

#[test]
fn a_small_run_reports_every_figure() {
    let tmp = tempfile::tempdir().unwrap();
    let args = [
        "--cases",
        "2000",
        "--authorities",
        "10",
        "--samples",
        "50",
        "--json",
    ];
    let run = bench_cases(tmp.path(), &args);
    let (out, err) = (
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr),
    );
    assert!(run.status.success(), "{err}");
    let figures: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let count = |k: &str| {
        figures[k]
            .as_u64()
            .unwrap_or_else(|| panic!("{k}: {figures}"))
    };
    assert_eq!(
        [
            count("cases"),
            count("authorities"),
            count("queue_samples"),
            count("case_samples")
        ],
        [2000, 10, 50, 50]
    );
    assert!(count("events") > 0);
    assert_eq!(figures["backend"], "SQLite");
    let ms = |k: &str| {
        figures[k]
            .as_f64()
            .unwrap_or_else(|| panic!("{k}: {figures}"))
    };
    for kind in ["queue", "case"] {
        let (p50, p99, max) = (
            ms(&format!("{kind}_p50_ms")),
            ms(&format!("{kind}_p99_ms")),
            ms(&format!("{kind}_max_ms")),
        );
        assert!(0.0 < p50 && p50 <= p99 && p99 <= max, "{kind}: {figures}");
        let met = figures[format!("{kind}_target_met")].as_bool().unwrap();
        assert_eq!(met, p99 < ms(&format!("{kind}_target_p99_ms")), "{kind}");
    }
    assert!(ms("load_seconds") > 0.0 && ms("load_cases_per_s") > 0.0);
    // Some authority has overdue cases among 2,000 spread over seven years.
    assert!(ms("queue_mean_rows") > 0.0, "{figures}");
    assert!(err.contains("loaded 2000 of 2000 cases"), "{err}");
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(
        left.is_empty(),
        "the scratch store was left behind: {left:?}"
    );
}

#[test]
fn a_zero_count_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let run = bench_cases(tmp.path(), &["--cases", "0"]);
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{err}");
    assert!(run.stdout.is_empty());
    assert!(err.contains("argument --cases"), "{err}");
}
