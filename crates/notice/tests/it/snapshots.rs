//! insta snapshots of whole parsed records, paragraphs included, for the corpus notices
//! (from ../shared, required) and the synthetic ones.

use crate::common::{corpus_dir, fixtures_dir};

fn snapshot_dir(dir: &std::path::Path, prefix: &str) {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixture dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| prefix == "synthetic" || p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| p.extension().is_some_and(|e| e != "json"))
        .collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_stem()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let mut rec = foidesk_notice::parse(&std::fs::read(&path).expect("read"), None).record;
        rec.file = path.file_name().and_then(|n| n.to_str()).map(String::from);
        insta::assert_json_snapshot!(format!("{prefix}__{name}"), rec);
    }
}

#[test]
fn corpus_records() {
    snapshot_dir(&corpus_dir(), "corpus");
}

#[test]
fn synthetic_records() {
    snapshot_dir(&fixtures_dir().join("synthetic"), "synthetic");
}

#[test]
fn as_str_spellings_match_the_json_contract() {
    use foidesk_notice::{Outcome, RegimeSet};
    for o in Outcome::ALL {
        assert_eq!(serde_json::to_value(o).unwrap(), o.as_str());
        assert_eq!(Outcome::from_name(o.as_str()), Some(o));
    }
    for r in [RegimeSet::Foia, RegimeSet::Eir, RegimeSet::Both] {
        assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
    }
    assert_eq!(Outcome::from_name("upheld"), None);
}
