//! `foidesk bench round-robins` end to end on a small load: the likeness
//! figures meet the targets, the counts are the ones asked for, the
//! generated round robins were recognised as they were loaded, and the
//! scratch store is removed.

use std::process::Command;

use serde_json::Value;

#[test]
fn a_small_run_reports_quality_and_both_latencies() {
    let tmp = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_foidesk"))
        .args(["bench", "round-robins"])
        .args(["--requests", "600", "--authorities", "60", "--pairs", "500"])
        .args(["--samples", "20", "--json"])
        .env("TMPDIR", tmp.path())
        .output()
        .expect("run foidesk");
    let (out, err) = (
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr),
    );
    assert!(run.status.success(), "{err}");
    let f: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let n = |k: &str| f[k].as_f64().unwrap_or_else(|| panic!("{k}: {f}"));
    assert_eq!(
        [
            n("requests"),
            n("authorities"),
            n("pairs"),
            n("link_samples"),
            n("grid_samples")
        ],
        [600.0, 60.0, 500.0, 20.0, 20.0]
    );
    assert!(n("recall_at_0_7") >= 0.96, "{f}");
    assert!(n("candidate_rate_at_0_3") <= 0.07, "{f}");
    assert!(
        n("round_robins") >= 1.0 && n("in_round_robins") >= 2.0,
        "{f}"
    );
    // Every grid drawn had the rows of a round robin: more than one.
    assert!(n("grid_mean_rows") > 1.0, "{f}");
    for kind in ["link", "grid"] {
        let (p50, p99, max) = (
            n(&format!("{kind}_p50_ms")),
            n(&format!("{kind}_p99_ms")),
            n(&format!("{kind}_max_ms")),
        );
        assert!(0.0 < p50 && p50 <= p99 && p99 <= max, "{kind}: {f}");
    }
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(
        left.is_empty(),
        "the scratch store was left behind: {left:?}"
    );
}
