//! Re-wrapped, paged and converted copies of the corpus notices (tests/fixtures/corpus,
//! made by make_corpus_fixtures.py) parse to the same record as the originals in
//! ../shared/corpus/notices (skipped if absent). Paragraph text is not compared (its
//! whitespace follows the wrapping); paragraph numbers and headings are.

mod common;

use common::{check, corpus_dir, fixtures_dir, record_json};

#[test]
fn variants_parse_like_their_originals() {
    let Some(dir) = corpus_dir() else { return };
    let mut paths: Vec<_> = std::fs::read_dir(fixtures_dir().join("corpus"))
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 15, "three variants of each of five notices");
    let (mut matched, mut total, mut bad) = (0, 0, Vec::new());
    for path in paths {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let stem = name.split('.').next().unwrap_or_default();
        let original = std::fs::read(dir.join(format!("{stem}.txt"))).expect("original");
        let want = record_json(&original, stem);
        let got = record_json(&std::fs::read(&path).expect("fixture"), stem);
        let (m, t, b) = check(name, &got, &want);
        matched += m;
        total += t;
        bad.extend(b);
    }
    println!("variant field agreement: {matched}/{total}");
    assert!(bad.is_empty(), "mismatches:\n{}", bad.join("\n"));
}
