//! Re-wrapped, paged and converted copies of the corpus notices (tests/fixtures/corpus,
//! made by make_corpus_fixtures.py) parse to the same record as the originals in
//! ../shared/corpus/notices (required). Paragraph text is not compared (its
//! whitespace follows the wrapping); paragraph numbers and headings are.

use crate::common::{check, corpus_dir, fixtures_dir, record_json};

#[test]
fn variants_parse_like_their_originals() {
    let dir = corpus_dir();
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

/// Inputs on which the fuzz target once crashed (tests/fixtures/fuzz); each
/// must now parse, with every span inside the input, under every format hint.
#[test]
fn former_fuzz_crashes_parse() {
    let dir = fixtures_dir().join("fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz fixtures") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("fixture");
        for hint in [
            None,
            Some(foidesk_notice::Format::Text),
            Some(foidesk_notice::Format::Markdown),
            Some(foidesk_notice::Format::Html),
        ] {
            let parsed = foidesk_notice::parse(&bytes, hint);
            for span in parsed.record.spans.all() {
                assert!(span.start <= span.end && span.end <= bytes.len());
            }
        }
        n += 1;
    }
    assert!(n >= 1);
}

/// Wide spaces (U+2000 to U+200A, U+205F, U+3000; several bytes each) read as
/// spaces. One before a sentence's end once made the parser slice inside it.
#[test]
fn wide_spaces_read_as_spaces() {
    let notice = std::fs::read_to_string(fixtures_dir().join("synthetic/mixed_outcome.txt"))
        .expect("notice");
    let want = record_json(notice.as_bytes(), "n");
    for wide in ['\u{2000}', '\u{2001}', '\u{205F}', '\u{3000}'] {
        let widened = notice.replace(' ', &wide.to_string());
        let got = record_json(widened.as_bytes(), "n");
        assert_eq!(got, want, "spaces as {wide:?}");
    }
}
