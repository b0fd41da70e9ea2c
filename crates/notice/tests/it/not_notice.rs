//! Documents that are not the Commissioner's decision notices give no record, and a
//! diagnostic naming what they look like.

use crate::common::fixtures_dir;

#[test]
fn not_notices_are_named() {
    let table = std::fs::read_to_string(fixtures_dir().join("pages/not_notices.tsv")).unwrap();
    let cases: Vec<(&str, &str)> = table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .collect();
    assert_eq!(cases.len(), 5);
    for (file, looks) in cases {
        let bytes = std::fs::read(fixtures_dir().join("pages").join(file)).unwrap();
        let parsed = foidesk_notice::parse(&bytes, None);
        assert_eq!(parsed.record.source_kind, None, "{file}");
        assert_eq!(
            parsed.record,
            foidesk_notice::NoticeRecord::default(),
            "{file}"
        );
        let want = format!("not a decision notice: this looks like {looks}");
        assert!(
            parsed.diagnostics.iter().any(|d| d.message == want),
            "{file}: {:?}",
            parsed.diagnostics
        );
    }
}

/// The real notices and pages are never taken for something else.
#[test]
fn real_documents_are_not_foreign() {
    let dir = foidesk_testkit::shared("corpus/real");
    for n in 1..=70 {
        let file = format!("{n:03}.txt");
        let parsed = foidesk_notice::parse(&std::fs::read(dir.join(&file)).unwrap(), None);
        assert!(
            parsed.record.source_kind.is_some(),
            "{file}: {:?}",
            parsed.diagnostics
        );
    }
}
