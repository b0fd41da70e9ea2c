//! `foidesk stats` on a store holding the case crate's return cases (the
//! 51 files of `crates/case/tests/returns/cases/`, split between two
//! authorities): the JSON has the shape, its figures add up to the
//! requests received in the period, the CSV has the same figures, and all
//! authorities' return is the sum of each one's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

const CASES: &str = "crates/case/tests/returns/cases";
const FROM: &str = "2024-04-01";
const TO: &str = "2024-06-30";

fn foidesk(dir: &Path, args: &[&str]) -> Output {
    foidesk_testkit::foidesk!()
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .in_checkout()
        .run()
        .output
}

fn stdout(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {err}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The case files, each with its date of receipt and whether it is under
/// the EIR, by name.
fn case_files() -> Vec<(String, String, bool)> {
    let mut files: Vec<(String, String, bool)> = std::fs::read_dir(root().join(CASES))
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let file: toml::Value =
                toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let received = file["request"]["received"].as_str().unwrap().to_owned();
            let eir = file["request"]["regime"].as_str() == Some("EIR");
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (format!("{CASES}/{name}"), received, eir)
        })
        .collect();
    files.sort();
    files
}

/// Every figure of a return's JSON, by "group.key".
fn figures(json: &Value) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for (group, value) in json.as_object().unwrap() {
        match value {
            Value::Number(n) => {
                out.insert(group.clone(), n.as_u64().unwrap());
            }
            Value::Object(map) => {
                for (key, n) in map {
                    out.insert(format!("{group}.{key}"), n.as_u64().unwrap());
                }
            }
            _ => {}
        }
    }
    out
}

fn stats_json(dir: &Path, authority: Option<&str>) -> Value {
    let mut args = vec!["stats", "--from", FROM, "--to", TO, "--json"];
    if let Some(a) = authority {
        args.extend(["--authority", a]);
    }
    serde_json::from_str(&stdout(&foidesk(dir, &args))).unwrap()
}

#[test]
fn stats_prints_the_return_as_json_csv_a_workbook_and_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    stdout(&foidesk(
        d,
        &["authority", "add", "kent", "Kent County Council"],
    ));
    stdout(&foidesk(
        d,
        &[
            "authority",
            "add",
            "bath",
            "Bath and North East Somerset Council",
        ],
    ));
    let files = case_files();
    assert!(files.len() >= 40, "{} case files", files.len());
    let (kent, bath): (Vec<_>, Vec<_>) = files.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    for (slug, share) in [("kent", &kent), ("bath", &bath)] {
        let mut args = vec!["import", "--authority", slug];
        args.extend(share.iter().map(|(_, (f, _, _))| f.as_str()));
        stdout(&foidesk(d, &args));
    }
    type Share<'a> = [(usize, &'a (String, String, bool))];
    let in_period = |share: &Share, eir_only: bool| {
        share
            .iter()
            .filter(|(_, (_, r, eir))| {
                r.as_str() >= FROM && r.as_str() <= TO && (*eir || !eir_only)
            })
            .count() as u64
    };

    let json = stats_json(d, Some("kent"));
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected_keys = vec![
        "from",
        "to",
        "authority",
        "received",
        "timeliness",
        "initial_outcomes",
        "exemptions",
        "internal_reviews",
        "eir",
        // Beside the return's categories: requests in a round robin.
        "round_robins",
    ];
    expected_keys.sort_unstable();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort_unstable();
    assert_eq!(keys_sorted, expected_keys);
    assert_eq!(
        (json["from"].as_str(), json["to"].as_str()),
        (Some(FROM), Some(TO))
    );
    assert_eq!(json["authority"], "kent");
    for key in [
        "in_time",
        "in_time_with_extension",
        "late",
        "not_yet_answered",
    ] {
        assert!(json["timeliness"][key].is_u64(), "timeliness.{key}");
    }
    for key in [
        "granted_in_full",
        "withheld_in_full",
        "partially_withheld",
        "not_yet_processed",
        "not_held",
        "cost_limit",
        "vexatious_or_repeated",
    ] {
        assert!(
            json["initial_outcomes"][key].is_u64(),
            "initial_outcomes.{key}"
        );
    }
    for (id, n) in json["exemptions"].as_object().unwrap() {
        assert!(id.starts_with("s.") || id.starts_with("reg."), "{id}");
        assert!(n.as_u64().is_some_and(|n| n > 0), "{id}");
    }
    // Every request is in exactly one timeliness and one initial outcome.
    let f = figures(&json);
    let sum =
        |group: &str, keys: &[&str]| keys.iter().map(|k| f[&format!("{group}.{k}")]).sum::<u64>();
    assert_eq!(f["received"], in_period(&kent, false));
    assert_eq!(f["eir"], in_period(&kent, true));
    assert!(f["received"] > 0);
    let timeliness = [
        "in_time",
        "in_time_with_extension",
        "late",
        "not_yet_answered",
        "on_hold",
        "lapsed",
        "closed",
    ];
    assert_eq!(sum("timeliness", &timeliness), f["received"]);
    let outcomes = [
        "granted_in_full",
        "withheld_in_full",
        "partially_withheld",
        "not_yet_processed",
        "not_held",
        "no_response_due",
    ];
    assert_eq!(sum("initial_outcomes", &outcomes), f["received"]);

    // The CSV has the same figures, one line each.
    let csv = stdout(&foidesk(
        d,
        &[
            "stats",
            "--from",
            FROM,
            "--to",
            TO,
            "--authority",
            "kent",
            "--csv",
        ],
    ));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let mut from_csv = BTreeMap::new();
    let groups: BTreeMap<&str, &str> = [
        ("Requests received", ""),
        ("Timeliness", "timeliness."),
        ("Initial outcomes", "initial_outcomes."),
        ("Exemptions and exceptions relied on", "exemptions."),
        ("Internal reviews", "internal_reviews."),
        ("Environmental Information Regulations", ""),
        ("Round robins", ""),
    ]
    .into();
    for r in reader.records() {
        let r = r.unwrap();
        assert_eq!(&r[col("Authority")], "Kent County Council");
        let prefix = groups[&r[col("Group")]];
        from_csv.insert(
            format!("{prefix}{}", &r[col("Key")]),
            r[col("Count")].parse::<u64>().unwrap(),
        );
    }
    assert_eq!(from_csv, f);

    // All authorities: the sum of the two.
    let all = figures(&stats_json(d, None));
    let bath_figures = figures(&stats_json(d, Some("bath")));
    assert_eq!(
        all["received"],
        in_period(&kent, false) + in_period(&bath, false)
    );
    assert_eq!(all["eir"], in_period(&kent, true) + in_period(&bath, true));
    assert!(all["eir"] > 0, "some of the cases are under the EIR");
    for (key, n) in &all {
        let parts = f.get(key).copied().unwrap_or(0) + bath_figures.get(key).copied().unwrap_or(0);
        assert_eq!(*n, parts, "{key}");
    }

    // The workbook, and the table for people.
    let book = d.join("return.xlsx");
    let out = foidesk(
        d,
        &[
            "stats",
            "--from",
            FROM,
            "--to",
            TO,
            "--xlsx",
            book.to_str().unwrap(),
        ],
    );
    stdout(&out);
    assert!(std::fs::read(&book).unwrap().starts_with(b"PK"));
    let table = stdout(&foidesk(
        d,
        &["stats", "--from", FROM, "--to", TO, "--authority", "kent"],
    ));
    assert!(
        table.contains("Kent County Council, 1 April 2024 to 30 June 2024"),
        "{table}"
    );
    assert!(
        table.contains("In time with a permitted extension"),
        "{table}"
    );
    assert!(!table.contains("in_time"), "{table}");
}

#[test]
fn stats_refuses_bad_arguments_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    stdout(&foidesk(
        d,
        &["authority", "add", "kent", "Kent County Council"],
    ));
    let check = |args: &[&str], needle: &str| {
        let out = foidesk(d, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {needle} not in {err}");
        assert!(out.stdout.is_empty());
    };
    check(&["stats", "--from", "2024-02-30", "--to", TO], "--from");
    check(&["stats", "--from", FROM, "--to", "2024-03-31"], "--to");
    check(
        &["stats", "--from", FROM, "--to", TO, "--authority", "nobody"],
        "nobody",
    );
    check(
        &["stats", "--from", FROM, "--to", TO, "--json", "--csv"],
        "--csv",
    );
}
