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
        "--report-samples",
        "5",
        "--json",
    ];
    let run = bench_cases(tmp.path(), &args);
    let (out, err) = (
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr),
    );
    assert!(run.status.success(), "{err}");
    let figures: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let count = |v: &Value, k: &str| v[k].as_u64().unwrap_or_else(|| panic!("{k}: {figures}"));
    assert_eq!(
        [count(&figures, "cases"), count(&figures, "authorities")],
        [2000, 10]
    );
    let load = &figures["load"];
    assert!(
        count(load, "events") > 0 && count(load, "assigned") > 0,
        "{load}"
    );
    assert!(load["cases_per_s"].as_f64().unwrap() > 0.0, "{load}");
    assert_eq!(figures["backend"], "SQLite");
    let timings = figures["timings"].as_array().unwrap();
    // 3 queue kinds x 4 filters, the case view, 3 figures, 2 returns.
    assert_eq!(timings.len(), 18, "{figures}");
    let ms = |t: &Value, k: &str| t[k].as_f64().unwrap_or_else(|| panic!("{k}: {t}"));
    for t in timings {
        let reports = t["what"].as_str().unwrap().starts_with("figures")
            || t["what"].as_str().unwrap().contains("return")
            || t["what"].as_str().unwrap().starts_with("Commissioner");
        assert_eq!(count(t, "samples"), if reports { 5 } else { 50 }, "{t}");
        let (p50, p99, max) = (ms(t, "p50_ms"), ms(t, "p99_ms"), ms(t, "max_ms"));
        assert!(0.0 < p50 && p50 <= p99 && p99 <= max, "{t}");
        let met = t["target_met"].as_bool().unwrap();
        assert_eq!(met, p99 < ms(t, "target_p99_ms"), "{t}");
    }
    // Some authority has overdue cases among 2,000 spread over seven years.
    let overdue = timings
        .iter()
        .find(|t| t["what"] == "queue: overdue, one authority")
        .unwrap();
    assert!(ms(overdue, "mean_rows") > 0.0, "{overdue}");
    // Every month of the administrator's and one officer's figures, four figures each.
    let checks = figures["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 2 * 12 * 4, "{figures}");
    assert!(
        checks.iter().all(|c| c["figures"] == c["counted"]),
        "{figures}"
    );
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
