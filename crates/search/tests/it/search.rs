//! Search over the repository's own notices: five corpus variants and five
//! synthetic notices, parsed by the real parser and indexed in memory.

use std::path::PathBuf;

use foidesk_calendar::Date;
use foidesk_law::ProvisionId;
use foidesk_notice::Outcome;
use foidesk_search::{BuiltFrom, NoticeIndex, Opened, SearchQuery, Sort};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../notice/tests/fixtures")
}

/// (file stem, path) of every notice indexed.
pub(crate) fn notices() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for (dir, keep) in [("corpus", ".wrap60.txt"), ("synthetic", "")] {
        for e in std::fs::read_dir(fixtures().join(dir)).unwrap() {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(keep) && !name.ends_with(".json") {
                let stem = name.split('.').next().unwrap().to_owned();
                out.push((stem, path));
            }
        }
    }
    out.sort();
    out
}

pub(crate) fn built(notices: u64) -> BuiltFrom {
    BuiltFrom {
        store_id: "test-store".into(),
        notices,
        last: Some((notices as i64, "hash".into())),
    }
}

fn index() -> NoticeIndex {
    let index = NoticeIndex::in_memory().unwrap();
    let mut w = index.writer().unwrap();
    for (i, (stem, path)) in notices().iter().enumerate() {
        let mut parsed = foidesk_notice::parse(&std::fs::read(path).unwrap(), None);
        parsed.record.file = Some(stem.clone());
        w.add(i as i64 + 1, &parsed.record).unwrap();
    }
    w.commit(&built(10)).unwrap();
    index
}

/// Run `q` and compare the files of the hits, in rank order.
fn check(index: &NoticeIndex, q: SearchQuery, expected: &[&str]) {
    let q = SearchQuery { limit: 20, ..q };
    let results = index.search(&q).unwrap();
    let got: Vec<&str> = results
        .hits
        .iter()
        .map(|h| h.file.as_deref().unwrap())
        .collect();
    assert_eq!(got, expected, "query {q:?}");
    assert_eq!(results.total, expected.len(), "query {q:?}");
}

fn provision(p: &str) -> SearchQuery {
    SearchQuery {
        provision: Some(ProvisionId::parse(p).unwrap()),
        sort: Sort::Newest,
        ..Default::default()
    }
}

#[test]
fn provision_search_respects_containment() {
    let index = index();
    assert_eq!(index.doc_count(), 10);
    let s31_3 = [
        "2024-11-18_kent-police",
        "2024-11-18_nottinghamshire-police",
        "2020-06-23_metropolitan-police-service",
        "2018-09-20_cambridgeshire-constabulary",
    ];
    check(&index, provision("s.31(3)"), &s31_3);
    // s.31 contains s.31(3) and s.31(1)(a); newest first.
    check(
        &index,
        provision("s.31"),
        &[
            "2024-11-18_kent-police",
            "2024-11-18_nottinghamshire-police",
            "2023-09-04_metropolitan-police-service",
            "2020-06-23_metropolitan-police-service",
            "2018-09-20_cambridgeshire-constabulary",
        ],
    );
    check(
        &index,
        provision("s.31(1)"),
        &["2023-09-04_metropolitan-police-service"],
    );
    check(&index, provision("reg.12(5)"), &["eir_exceptions"]);
    check(&index, provision("reg.12"), &["eir_exceptions"]);
    check(
        &index,
        provision("s.40"),
        &["ic_reference", "mixed_outcome"],
    );
    check(&index, provision("s.44"), &[]);
}

#[test]
fn facets_combine() {
    let index = index();
    let police_ncnd_lost = SearchQuery {
        provision: Some(ProvisionId::parse("s.31(3)").unwrap()),
        ncnd: Some(true),
        outcome: Some(Outcome::AuthorityNotEntitled),
        authority: Some("police".into()),
        sort: Sort::Newest,
        ..Default::default()
    };
    check(
        &index,
        police_ncnd_lost,
        &["2020-06-23_metropolitan-police-service"],
    );
    let dated = SearchQuery {
        from: Some(Date::parse("2020-01-01").unwrap()),
        to: Some(Date::parse("2023-09-04").unwrap()),
        sort: Sort::Newest,
        ..Default::default()
    };
    check(
        &index,
        dated,
        &[
            "2023-09-04_metropolitan-police-service",
            "eir_exceptions",
            "mixed_outcome",
            "2020-06-23_metropolitan-police-service",
        ],
    );
    let kent = SearchQuery {
        authority: Some("Kent".into()),
        ..Default::default()
    };
    check(&index, kent, &["2024-11-18_kent-police"]);
}

#[test]
fn full_text_is_ranked_and_shows_the_matching_paragraph() {
    let index = index();
    let q = SearchQuery {
        text: "commercial interests".into(),
        limit: 5,
        ..Default::default()
    };
    let results = index.search(&q).unwrap();
    assert!(results.total >= 1, "{results:?}");
    let top = &results.hits[0];
    assert!(top.score.unwrap() > 0.0);
    let p = top.paragraph.as_ref().expect("a matching paragraph");
    assert!(p.number > 0);
    assert!(!p.highlights.is_empty());
    for [a, b] in &p.highlights {
        let word = p.text[*a..*b].to_lowercase();
        assert!(
            word.starts_with("commerci") || word.starts_with("interest"),
            "{word}"
        );
    }
    // Scores never increase down the list.
    for pair in results.hits.windows(2) {
        assert!(pair[0].score >= pair[1].score);
    }
}

#[test]
fn a_reference_finds_its_notice() {
    let index = index();
    for (reference, file) in [
        ("FER0912345", "eir_exceptions"),
        ("IC-287654-Q3M8", "ic_reference"),
        ("FS50212345", "old_format_s50"),
    ] {
        let q = SearchQuery {
            text: format!("\"{reference}\""),
            ..Default::default()
        };
        let results = index.search(&q).unwrap();
        assert_eq!(
            results.hits.first().and_then(|h| h.file.as_deref()),
            Some(file),
            "{reference}"
        );
    }
}

#[test]
fn bad_query_syntax_is_a_warning_not_an_error() {
    let index = index();
    let q = SearchQuery {
        text: "interests AND (".into(),
        ..Default::default()
    };
    let results = index.search(&q).unwrap();
    assert!(results.total <= 10);
}

#[test]
fn reindexing_one_notice_replaces_it() {
    let index = index();
    let (_, path) = &notices()[0];
    let parsed = foidesk_notice::parse(&std::fs::read(path).unwrap(), None);
    let mut w = index.writer().unwrap();
    w.add(1, &parsed.record).unwrap();
    w.commit(&built(10)).unwrap();
    assert_eq!(index.doc_count(), 10);
}

#[test]
fn the_index_directory_is_stamped_and_rebuilt_on_another_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    let (_, opened) = NoticeIndex::open(&path).unwrap();
    assert!(matches!(opened, Opened::Created { .. }));
    {
        let (index, opened) = NoticeIndex::open(&path).unwrap();
        assert_eq!(opened, Opened::Existing);
        let mut w = index.writer().unwrap();
        let parsed = foidesk_notice::parse(&std::fs::read(&notices()[0].1).unwrap(), None);
        w.add(1, &parsed.record).unwrap();
        w.commit(&built(1)).unwrap();
        assert_eq!(index.doc_count(), 1);
    }
    std::fs::write(path.join("foidesk-index-version"), "0\n").unwrap();
    let (index, opened) = NoticeIndex::open(&path).unwrap();
    match opened {
        Opened::Created { reason } => assert!(reason.contains("version 0"), "{reason}"),
        other => panic!("expected a rebuild, got {other:?}"),
    }
    assert_eq!(index.doc_count(), 0);
}

#[test]
fn a_directory_of_other_files_is_never_wiped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("thesis.docx"), "precious").unwrap();
    let err = NoticeIndex::open(dir.path()).err().expect("refused");
    assert!(
        err.to_string().contains("not part of a search index"),
        "{err}"
    );
    assert!(dir.path().join("thesis.docx").exists());
}

#[test]
fn a_second_writer_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let (index, _) = NoticeIndex::open(dir.path()).unwrap();
    let _first = index.writer().unwrap();
    let (again, _) = NoticeIndex::open(dir.path()).unwrap();
    let err = again.writer().err().expect("refused");
    assert!(err.to_string().contains("another foidesk process"), "{err}");
}

#[test]
fn finding_7_each_commit_records_the_store_it_was_built_from() {
    let dir = tempfile::tempdir().unwrap();
    let (index, _) = NoticeIndex::open(dir.path()).unwrap();
    assert_eq!(index.built_from().unwrap(), None);
    let parsed = foidesk_notice::parse(&std::fs::read(&notices()[0].1).unwrap(), None);
    let mut w = index.writer().unwrap();
    w.add(7, &parsed.record).unwrap();
    w.commit(&built(1)).unwrap();
    drop(index);
    let (again, opened) = NoticeIndex::open(dir.path()).unwrap();
    assert_eq!(opened, Opened::Existing);
    assert_eq!(again.built_from().unwrap(), Some(built(1)));
}

/// A folder is cleared only when everything in it is the index's own; any
/// other file, even beside a stray `meta.json` or stamp, stops it untouched.
#[test]
fn finding_7_clear_never_deletes_a_folder_holding_a_file_it_does_not_own() {
    let layouts: &[&[(&str, &str)]] = &[
        &[("meta.json", "{}"), ("notes.txt", "mine")],
        &[("foidesk-index-version", "0\n"), ("thesis.docx", "mine")],
        &[
            ("foidesk-index-version", "0\n"),
            ("meta.json", "{}"),
            (".managed.json", "[]"),
            ("0123456789abcdef0123456789abcdef.idx", ""),
            (
                "0123456789abcdef0123456789abcdef.json",
                "mine: not a segment part",
            ),
        ],
        &[("foidesk-index-version", "0\n"), ("photo.jpg.tmp", "")],
    ];
    for layout in layouts {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in *layout {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let err = NoticeIndex::open(dir.path()).err().expect("refused");
        let message = err.to_string();
        assert!(message.contains("not part of a search index"), "{message}");
        assert!(
            message.contains(&dir.path().display().to_string()),
            "{message}"
        );
        for (name, text) in *layout {
            let kept = std::fs::read_to_string(dir.path().join(name)).unwrap();
            assert_eq!(&kept, text, "{name} in {layout:?}");
        }
    }
    // A subfolder is not the index's either.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("meta.json"), "{}").unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    assert!(NoticeIndex::open(dir.path()).is_err());
    assert!(dir.path().join("drafts").is_dir());
}

/// A real index of another schema version, with every file tantivy makes,
/// is cleared and rebuilt.
#[test]
fn finding_7_an_index_of_its_own_files_only_is_cleared() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (index, _) = NoticeIndex::open(dir.path()).unwrap();
        let parsed = foidesk_notice::parse(&std::fs::read(&notices()[0].1).unwrap(), None);
        let mut w = index.writer().unwrap();
        w.add(1, &parsed.record).unwrap();
        w.commit(&built(1)).unwrap();
    }
    std::fs::write(dir.path().join("foidesk-index-version"), "0\n").unwrap();
    let (index, opened) = NoticeIndex::open(dir.path()).unwrap();
    assert!(matches!(opened, Opened::Created { .. }), "{opened:?}");
    assert_eq!(index.doc_count(), 0);
    assert_eq!(index.built_from().unwrap(), None);
}
