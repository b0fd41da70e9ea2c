//! `foidesk notice parse` and `notice to-case` against the shared corpus.
//! These tests read ../shared/corpus/notices and fail, naming it, when it is
//! absent; CI always has it.

use std::path::PathBuf;

/// The corpus beside the checkout (../shared), as in CI; without it these tests fail.
fn corpus() -> PathBuf {
    foidesk_testkit::corpus_notices()
}

fn foidesk(args: &[&str]) -> (i32, String, String) {
    foidesk_testkit::foidesk!().args(args).run().text()
}

/// `notice parse --json` gives one line per file, in order, with `file` as given,
/// and every field of expected.jsonl.
#[test]
fn parse_json_matches_expected() {
    let dir = corpus();
    let expected = std::fs::read_to_string(dir.join("expected.jsonl")).unwrap();
    let expected: Vec<serde_json::Value> = expected
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let files: Vec<String> = expected
        .iter()
        .map(|e| {
            dir.join(e["file"].as_str().unwrap())
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let mut args = vec!["notice", "parse", "--json"];
    args.extend(files.iter().map(String::as_str));
    let (code, out, err) = foidesk(&args);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), expected.len());
    let (mut matched, mut total) = (0, 0);
    for ((got, want), file) in lines.iter().zip(&expected).zip(&files) {
        assert_eq!(got["file"], file.as_str());
        for (field, value) in want.as_object().unwrap() {
            if field == "file" {
                continue;
            }
            total += 1;
            if &got[field] == value {
                matched += 1;
            } else {
                println!("{file}: {field}: got {} want {value}", got[field]);
            }
        }
    }
    println!("notice parse --json: {matched}/{total} fields match expected.jsonl");
    assert_eq!(matched, total);
}

fn assess_notice(name: &str) -> serde_json::Value {
    let dir = corpus();
    let (code, toml, err) = foidesk(&["notice", "to-case", dir.join(name).to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let path = std::env::temp_dir().join(format!(
        "foidesk-to-case-{}-{name}.toml",
        std::process::id()
    ));
    std::fs::write(&path, toml).unwrap();
    let (code, out, err) = foidesk(&[
        "assess",
        "--json",
        "--as-at",
        foidesk_testkit::AS_AT,
        path.to_str().unwrap(),
    ]);
    std::fs::remove_file(&path).ok();
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(out.trim()).unwrap()
}

fn breaches(v: &serde_json::Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "breach")
        .map(|f| f["provision"].as_str().unwrap().to_owned())
        .collect()
}

/// A notice that finds s.10(1) breached yields a s.10(1) breach on assessment;
/// the 2024 notices, which find none, yield none.
#[test]
fn to_case_round_trip_agrees_with_the_notice() {
    corpus();
    let met = assess_notice("2020-06-23_metropolitan-police-service.txt");
    assert!(breaches(&met).contains(&"s.10(1)".to_owned()), "{met:#}");
    for name in [
        "2024-11-18_kent-police.txt",
        "2024-11-18_nottinghamshire-police.txt",
    ] {
        let v = assess_notice(name);
        assert!(breaches(&v).is_empty(), "{name}: {v:#}");
        assert_eq!(v["deadlines"]["response_due"], "2024-07-09");
    }
}

#[test]
fn missing_notice_file_exits_2() {
    let (code, out, err) = foidesk(&["notice", "parse", "--json", "no/such/notice.txt"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("no/such/notice.txt"), "{err}");
}

/// A file of the website's JSON records gives one record per entry, named "file#n",
/// each a notice page with its title, date, sector and labels.
#[test]
fn parse_reads_json_records_one_per_entry() {
    let file = foidesk_testkit::shared("corpus/real/ico_api_metadata.jsonl");
    let name = file.to_string_lossy().into_owned();
    let (code, out, err) = foidesk(&["notice", "parse", "--json", &name]);
    assert_eq!(code, 0, "{err}");
    let raw: Vec<serde_json::Value> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(got.len(), raw.len());
    for (n, (g, r)) in got.iter().zip(&raw).enumerate() {
        assert_eq!(g["file"], format!("{name}#{}", n + 1));
        assert_eq!(g["source_kind"], "notice_page");
        assert_eq!(g["public_authority"], r["title"]);
        assert_eq!(g["date"], r["date"]);
        assert_eq!(g["sector"], r["sector"]);
        assert_eq!(g["url_reference"], r["reference_from_url"]);
        let labels = g["decisions"].as_array().unwrap();
        assert_eq!(
            labels.len(),
            r["filterItemDecisions"].as_array().unwrap().len()
        );
    }
    // Without --json: each record's line says where its reference came from.
    let (code, out, _) = foidesk(&["notice", "parse", &name]);
    assert_eq!(code, 0);
    assert!(out.contains(&format!(
        "{name}#4: 2025-12-05 IC-387659-H4V0 (from its address) — Police Federation of England and Wales"
    )), "{out}");
    assert!(out.contains(&format!("{name}#4: sector Police and criminal justice, Other — decisions s.10: upheld, s.22: upheld")), "{out}");
}
