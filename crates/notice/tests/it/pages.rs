//! Notice pages and abstracts: the real ones in ../shared/corpus/real (checked against the
//! hand labels there and the expectations in fixtures/pages/real_pages.jsonl) and
//! synthetic ones in fixtures/pages. Only the pages' metadata is checked here.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::common::fixtures_dir;

fn real_dir() -> PathBuf {
    foidesk_testkit::shared("corpus/real")
}

fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// The record's page fields, decisions as "provision finding".
fn page_fields(bytes: &[u8]) -> Value {
    let rec = serde_json::to_value(foidesk_notice::parse(bytes, None).record).unwrap();
    let decisions: Vec<String> = rec["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d["provision"].as_str().unwrap(),
                d["finding"].as_str().unwrap()
            )
        })
        .collect();
    let mut out = json!({ "decisions": decisions });
    for k in [
        "source_kind",
        "public_authority",
        "date",
        "sector",
        "url_reference",
        "truncated",
    ] {
        out[k] = rec[k].clone();
    }
    out
}

/// Every expected key of `want` (but `file`) against `got`.
fn compare(name: &str, got: &Value, want: &Value, bad: &mut Vec<String>) -> usize {
    let mut checked = 0;
    for (k, w) in want.as_object().unwrap() {
        if k == "file" {
            continue;
        }
        checked += 1;
        if &got[k] != w {
            bad.push(format!("{name}: {k}: got {}, want {w}", got[k]));
        }
    }
    checked
}

#[test]
fn real_pages_give_their_metadata() {
    let dir = real_dir();
    let labels: Vec<Value> = lines(&dir.join("labels.jsonl"));
    let expected = lines(&fixtures_dir().join("pages/real_pages.jsonl"));
    let (mut bad, mut checked) = (Vec::new(), 0);
    for want in &expected {
        let file = want["file"].as_str().unwrap();
        let got = page_fields(&std::fs::read(dir.join(file)).unwrap());
        checked += compare(file, &got, want, &mut bad);
        // The hand labels: the date printed on the page and whether it is cut off; the
        // authority where the page has a title (reading it from the prose is not ours).
        let label = labels.iter().find(|l| l["file"] == file).expect("labelled");
        let mut from_label = json!({ "date": label["date"], "truncated": label["truncated"] });
        let text = String::from_utf8_lossy(&std::fs::read(dir.join(file)).unwrap()).into_owned();
        let titled = got["public_authority"]
            .as_str()
            .is_some_and(|a| text.lines().any(|l| l.trim() == a));
        if titled {
            from_label["public_authority"] = label["public_authority"].clone();
        }
        checked += compare(file, &got, &from_label, &mut bad);
    }
    assert_eq!(expected.len(), 65);
    // The whole notices (001-005) are notices, not pages.
    for n in 1..=5 {
        let bytes = std::fs::read(dir.join(format!("{n:03}.txt"))).unwrap();
        checked += compare(
            &format!("{n:03}"),
            &page_fields(&bytes),
            &json!({"source_kind": "notice"}),
            &mut bad,
        );
    }
    println!(
        "real pages: {} of {checked} fields as expected",
        checked - bad.len()
    );
    assert!(bad.is_empty(), "mismatches:\n{}", bad.join("\n"));
}

#[test]
fn synthetic_pages_give_their_metadata() {
    let dir = fixtures_dir().join("pages");
    let mut bad = Vec::new();
    for want in lines(&dir.join("expected.jsonl")) {
        let file = want["file"].as_str().unwrap();
        let got = page_fields(&std::fs::read(dir.join(file)).unwrap());
        compare(file, &got, &want, &mut bad);
    }
    assert!(bad.is_empty(), "mismatches:\n{}", bad.join("\n"));
}

/// A notice's own reading wins; a page only fills what is missing, and its address is
/// its own: the raw HTML page's og:url.
#[test]
fn html_page_address_is_its_own() {
    let bytes = std::fs::read(real_dir().join("070.txt")).unwrap();
    let rec = foidesk_notice::parse(&bytes, None).record;
    assert_eq!(
        rec.url.as_deref(),
        Some("https://ico.org.uk/action-weve-taken/decision-notices/2025/12/ic-385525-q2r7/")
    );
    for span in rec.spans.all() {
        assert!(span.end <= bytes.len() && span.start <= span.end);
    }
    let at = rec.spans.date.expect("date span");
    assert_eq!(&bytes[at], b"3 December 2025");
}
