//! Shared test helpers. The corpus lives outside the repository, in ../shared (next to the
//! workspace); tests that need it fail, naming it, when it is absent.
#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::{Map, Value};

pub fn corpus_dir() -> PathBuf {
    foidesk_testkit::corpus_notices()
}

pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// (file name, expected record) pairs from expected.jsonl.
pub fn expected() -> Vec<(String, Value)> {
    let dir = corpus_dir();
    let text = std::fs::read_to_string(dir.join("expected.jsonl")).expect("expected.jsonl");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("valid JSON line");
            let file = v["file"].as_str().expect("file").to_string();
            (file, v)
        })
        .collect()
}

/// The record's JSON, `file` set, paragraphs reduced to number and heading (their text
/// depends on line wrapping).
pub fn record_json(bytes: &[u8], file: &str) -> Value {
    let mut rec = foidesk_notice::parse(bytes, None).record;
    rec.file = Some(file.to_string());
    let mut v = serde_json::to_value(&rec).expect("record serialises");
    if let Some(paras) = v.get_mut("paragraphs").and_then(Value::as_array_mut) {
        for p in paras {
            if let Some(o) = p.as_object_mut() {
                o.remove("text");
            }
        }
    }
    v
}

/// Compares every field of `expected` with `actual`; returns (matched, total, mismatches).
pub fn check(name: &str, actual: &Value, expected: &Value) -> (usize, usize, Vec<String>) {
    let empty = Map::new();
    let exp = expected.as_object().unwrap_or(&empty);
    let mut matched = 0;
    let mut bad = Vec::new();
    for (k, want) in exp {
        let got = actual.get(k).unwrap_or(&Value::Null);
        if got == want {
            matched += 1;
        } else {
            bad.push(format!("{name}: {k}: got {got}, want {want}"));
        }
    }
    (matched, exp.len(), bad)
}
