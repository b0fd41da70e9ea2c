//! Bulk import over a real SQLite store: all items or none, each checked as
//! `open_case` checks one, and a bad item named by its index.

use crate::common::{example, store, system};
use foidesk_case::file::CaseFile;
use foidesk_engine::{EngineError, System};
use foidesk_store::Store;

/// One item of an import: authority slug, reference, case file.
type Item = (String, String, CaseFile);

const EXAMPLES: [&str; 4] = [
    "2020-06-23_metropolitan-police-service",
    "synthetic-pit-extension-in-time",
    "synthetic-eir-reg7-extension",
    "synthetic-fee-pause",
];

async fn setup() -> (System, Store, tempfile::TempDir) {
    let (store, dir) = store().await;
    let engine = system("2026-11-22", &store);
    for (slug, name) in [("met", "Metropolitan Police"), ("kent", "Kent Police")] {
        engine.add_authority(slug, name).await.unwrap();
    }
    (engine, store, dir)
}

/// Each example under both authorities, with references that say which.
fn items() -> Vec<Item> {
    let mut out = Vec::new();
    for slug in ["met", "kent"] {
        for (n, name) in EXAMPLES.iter().enumerate() {
            out.push((slug.to_owned(), format!("{slug}-{n}"), example(name)));
        }
    }
    out
}

#[tokio::test]
async fn an_import_reads_back_like_cases_opened_one_by_one() {
    let (engine, _, _dir) = setup().await;
    let items = items();
    let ids = engine.import_cases(&items, "importer").await.unwrap();
    assert_eq!(ids.len(), items.len());
    for (id, (slug, reference, file)) in ids.iter().zip(&items) {
        let view = engine.case_view(*id).await.unwrap().unwrap();
        assert_eq!(&view.summary.reference, reference);
        assert_eq!(&view.file, file);
        assert!(view.recorded.iter().all(|(by, _)| by == "importer"));
        // The projection is the one open_case would store.
        let single = engine
            .open_case(slug, &format!("{reference}-again"), file.clone(), "x")
            .await
            .unwrap();
        assert_eq!(view.summary.projection, single.summary.projection);
        assert_eq!(view.summary.version, single.summary.version);
    }
}

#[tokio::test]
async fn a_bad_item_is_named_and_nothing_is_written() {
    let (engine, store, _dir) = setup().await;
    let refuse = |i: usize, change: &dyn Fn(&mut Item)| {
        let mut items = items();
        change(&mut items[i]);
        items
    };
    let cases: Vec<(Vec<Item>, &str)> = vec![
        (
            refuse(5, &|it| it.2.request.regime = "DPA".into()),
            "items[5], request.regime",
        ),
        (
            refuse(2, &|it| it.2.events[0].date = "2001-01-01".into()),
            "items[2]",
        ),
        (
            refuse(7, &|it| it.0 = "nowhere".into()),
            "items[7], authority",
        ),
        (refuse(0, &|it| it.1 = " ".into()), "items[0], reference"),
    ];
    for (items, want) in cases {
        match engine.import_cases(&items, "importer").await {
            Err(EngineError::Invalid { field, .. }) => assert_eq!(field, want),
            other => panic!("{want}: {other:?}"),
        }
    }
    // A reference used twice fails in the store, after every item passed.
    let mut items = items();
    items[6].1 = items[1].1.clone();
    items[6].0 = items[1].0.clone();
    let err = engine.import_cases(&items, "importer").await.unwrap_err();
    assert!(matches!(err, EngineError::Duplicate { .. }), "{err}");
    assert!(
        store.case(1).await.unwrap().is_none(),
        "nothing was written"
    );
    let ids = engine
        .import_cases(&self::items(), "importer")
        .await
        .unwrap();
    assert_eq!(ids.first(), Some(&1));
}
