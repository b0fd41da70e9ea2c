//! Notices written for these tests (tests/fixtures/synthetic), one per layout or rule the
//! corpus lacks, each checked against the record in the JSON file beside it.

use crate::common::{check, fixtures_dir, record_json};

#[test]
fn synthetic_notices_match_expected() {
    let dir = fixtures_dir().join("synthetic");
    let mut n = 0;
    let (mut matched, mut total, mut bad) = (0, 0, Vec::new());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("synthetic fixtures")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e != "json"))
        .collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let want: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("json")).expect("expected record"),
        )
        .expect("valid JSON");
        let mut got = record_json(&std::fs::read(&path).expect("notice"), name);
        if let Some(o) = got.as_object_mut() {
            o.remove("paragraphs");
        }
        let (m, t, b) = check(name, &got, &want);
        matched += m;
        total += t;
        bad.extend(b);
        n += 1;
    }
    println!("synthetic field accuracy: {matched}/{total}");
    assert_eq!(n, 5);
    assert!(bad.is_empty(), "mismatches:\n{}", bad.join("\n"));
}

#[test]
fn non_notice_gives_empty_record_and_diagnostic() {
    let p = foidesk_notice::parse(b"Dear Sir,\nPlease find my invoice attached.\n", None);
    let empty = foidesk_notice::NoticeRecord::default();
    assert_eq!(p.record, empty);
    assert!(p
        .diagnostics
        .iter()
        .any(|d| d.message.contains("no decision-notice title found")));
}

#[test]
fn format_detection() {
    use foidesk_notice::{detect_format, Format};
    assert_eq!(detect_format(b"<p>1. Text</p>"), Format::Html);
    assert_eq!(detect_format(b"## **Decision notice**"), Format::Markdown);
    assert_eq!(detect_format(b"Decision notice\n\n1. Text"), Format::Text);
}
