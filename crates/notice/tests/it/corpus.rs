//! The corpus notices parse to the records in expected.jsonl, field by field.
//! Reads ../shared/corpus/notices (outside the repository), which it requires.

use crate::common::{check, corpus_dir, expected, record_json};

#[test]
fn corpus_matches_expected() {
    let dir = corpus_dir();
    let (mut matched, mut total, mut bad) = (0, 0, Vec::new());
    for (file, want) in expected() {
        let bytes = std::fs::read(dir.join(&file)).expect("corpus file");
        let mut got = record_json(&bytes, &file);
        if let Some(o) = got.as_object_mut() {
            o.remove("paragraphs");
        }
        let (m, t, b) = check(&file, &got, &want);
        matched += m;
        total += t;
        bad.extend(b);
    }
    println!(
        "corpus field accuracy: {matched}/{total} ({:.1}%)",
        100.0 * matched as f64 / total.max(1) as f64
    );
    assert!(bad.is_empty(), "mismatches:\n{}", bad.join("\n"));
    // The JSON contract: exactly these fields, in this order.
    let bytes = std::fs::read(dir.join(&expected()[0].0)).expect("corpus file");
    let rec = foidesk_notice::parse(&bytes, None).record;
    let json = serde_json::to_string(&rec).expect("serialises");
    let keys: Vec<String> =
        serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&json)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
    assert_eq!(keys.len(), 22, "{keys:?}");
}
