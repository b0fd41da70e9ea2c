//! Accuracy of `foidesk notice parse --json` on real notices labelled by hand:
//! ../shared/corpus/real/labels.jsonl (or the folder `FOIDESK_LABELLED_DIR` names, holding
//! a labels.jsonl of the same shape, so a held-out set is scored the same way).
//! Every labelled field whose label is not null is scored; the test prints the accuracy
//! per field and overall, and holds the parser to 95% overall and 90% per field.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;

/// The fields scored, in the order printed.
const FIELDS: &[&str] = &[
    "regime",
    "reference",
    "date",
    "public_authority",
    "provisions_cited",
    "ncnd",
    "outcome",
    "breaches",
    "steps_required",
    "steps_days",
    "format_era",
    "truncated",
];
const OVERALL_MIN: f64 = 95.0;
const FIELD_MIN: f64 = 90.0;

fn labelled_dir() -> PathBuf {
    match std::env::var_os("FOIDESK_LABELLED_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => foidesk_testkit::corpus_notices()
            .parent()
            .expect("the corpus has a parent")
            .join("real"),
    }
}

/// Names compare without case, spacing, a leading "the" or trailing punctuation.
fn name_key(v: &Value) -> Option<String> {
    let s = v.as_str()?;
    let s = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let s = s.trim_end_matches(['.', ',', ';']);
    Some(s.strip_prefix("the ").unwrap_or(s).to_string())
}

/// Lists compare as sets: the order a notice names provisions in is not a fact about it.
fn set_key(v: &Value) -> Option<Vec<String>> {
    let mut items: Vec<String> = v.as_array()?.iter().map(|x| x.to_string()).collect();
    items.sort();
    items.dedup();
    Some(items)
}

fn same(field: &str, got: &Value, want: &Value) -> bool {
    match field {
        "public_authority" => name_key(got).is_some() && name_key(got) == name_key(want),
        "provisions_cited" | "breaches" => set_key(got).is_some() && set_key(got) == set_key(want),
        _ => got == want,
    }
}

/// Scores `notice parse --json` on `files` against `labels` (one each, in order) and
/// prints the table; returns the overall percentage and the lowest field's.
fn score(title: &str, files: &[String], labels: &[&Value]) -> (f64, f64) {
    let mut args = vec!["notice", "parse", "--json"];
    args.extend(files.iter().map(String::as_str));
    let out = foidesk_testkit::foidesk!().args(&args).run().text();
    assert_eq!(out.0, 0, "notice parse failed: {}", out.2);
    let records: Vec<Value> = out
        .1
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON record"))
        .collect();
    assert_eq!(records.len(), labels.len(), "one record per labelled file");
    let mut score: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    let mut misses = Vec::new();
    for ((label, got), file) in labels.iter().zip(&records).zip(files) {
        for &field in FIELDS {
            let want = &label[field];
            if want.is_null() {
                continue;
            }
            let entry = score.entry(field).or_default();
            entry.1 += 1;
            if same(field, &got[field], want) {
                entry.0 += 1;
            } else {
                misses.push(format!("{file} {field}: got {} want {want}", got[field]));
            }
        }
    }
    let pct = |(ok, all): (u32, u32)| 100.0 * f64::from(ok) / f64::from(all.max(1));
    println!("{title} ({} files):", files.len());
    for &field in FIELDS {
        if let Some(&s) = score.get(field) {
            println!("  {field:<17} {:>4}/{:<4} {:5.1}%", s.0, s.1, pct(s));
        }
    }
    let total = score.values().fold((0, 0), |a, s| (a.0 + s.0, a.1 + s.1));
    println!(
        "  {:<17} {:>4}/{:<4} {:5.1}%",
        "overall",
        total.0,
        total.1,
        pct(total)
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    let lowest = score.values().map(|s| pct(*s)).fold(100.0, f64::min);
    (pct(total), lowest)
}

fn read_labels(dir: &std::path::Path) -> Vec<Value> {
    let path = dir.join("labels.jsonl");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON label"))
        .collect()
}

#[test]
fn parse_json_scores_at_least_95_percent_on_real_labelled_notices() {
    let dir = labelled_dir();
    let labels = read_labels(&dir);
    let files: Vec<String> = labels
        .iter()
        .map(|l| {
            dir.join(l["file"].as_str().expect("file"))
                .display()
                .to_string()
        })
        .collect();
    let (overall, lowest) = score(
        &format!("accuracy on {}", dir.display()),
        &files,
        &labels.iter().collect::<Vec<_>>(),
    );
    assert!(
        overall >= OVERALL_MIN,
        "overall accuracy {overall:.1}% is below {OVERALL_MIN}%"
    );
    assert!(
        lowest >= FIELD_MIN,
        "a field's accuracy {lowest:.1}% is below {FIELD_MIN}%"
    );
}

/// The Commissioner's own PDFs (pdf/NNN.pdf) carry the labels of their text (NNN.txt), and
/// are read with no external program.
#[test]
fn the_commissioners_pdfs_score_as_their_text_does() {
    let dir = labelled_dir();
    let labels = read_labels(&dir);
    let mut files = Vec::new();
    let mut with_pdf = Vec::new();
    for label in &labels {
        let stem = label["file"]
            .as_str()
            .expect("file")
            .trim_end_matches(".txt");
        let pdf = dir.join("pdf").join(format!("{stem}.pdf"));
        if pdf.exists() {
            files.push(pdf.display().to_string());
            with_pdf.push(label);
        }
    }
    if files.is_empty() {
        println!("no pdf/ folder beside {}: nothing to score", dir.display());
        return;
    }
    let (overall, _) = score("the PDFs", &files, &with_pdf);
    assert!(
        overall >= OVERALL_MIN,
        "PDF accuracy {overall:.1}% is below {OVERALL_MIN}%"
    );
    // Four files are too few for a rate per field: each PDF must give what its text gives.
    let parse = |path: &str| -> Value {
        let out = foidesk_testkit::foidesk!()
            .args(["notice", "parse", "--json", path])
            .run()
            .text();
        serde_json::from_str(out.1.trim()).expect("a JSON record")
    };
    for (pdf, label) in files.iter().zip(&with_pdf) {
        let text = dir.join(label["file"].as_str().expect("file"));
        let (from_pdf, from_text) = (parse(pdf), parse(&text.display().to_string()));
        for &field in FIELDS {
            assert_eq!(from_pdf[field], from_text[field], "{pdf}: {field}");
        }
    }
}
