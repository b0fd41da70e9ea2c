//! Bulk import over a real SQLite store: all items or none, each checked as
//! `open_case` checks one, and a bad item named by its index.

use crate::common::{example, store, system};
use foidesk_case::file::{CaseFile, PartFile};
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

/// A request sent to many forces, long enough that a word changed at its
/// end leaves it the same request; the same in other words; two others.
const SENSORS: &str = "Please tell me whether the force has bought or used any \
    internet-connected sensors to watch public places since 2015, how many were bought in \
    each year, what each one cost, which company supplied them, where they are placed now, \
    and who decides where they go";
const CAMERAS: &str = "Please send me every contract, invoice or policy that names the makers \
    of the body-worn cameras your officers wear, with the number of cameras bought in each year \
    since 2018, what each one cost, how long the footage is kept and who may watch it later";
const CAMERAS_REWORDED: &str = "Please send me every contract, invoice or policy that names the \
    makers of the body-worn cameras your officers wear, with the number of cameras bought in \
    each year since 2018, what each one cost, how long the footage is kept and who may watch \
    it afterwards";
const DRONES: &str = "How many drones does the force own, and how often were they flown over \
    protests last year?";

/// One case of a test import: the write it is in, its authority, its request,
/// and the round robin it ends in (cases with one letter share one; '-' none).
struct Imported {
    write: usize,
    slug: &'static str,
    text: &'static str,
    group: char,
}

const IMPORTED: &[Imported] = &[
    // Joins an earlier case of its write with the same request.
    imported(0, "met", SENSORS, 'a'),
    imported(0, "kent", SENSORS, 'a'),
    imported(0, "met", CAMERAS, 'b'),
    // The same request twice at one authority is not a round robin.
    imported(0, "kent", DRONES, 'c'),
    imported(0, "kent", DRONES, '-'),
    // A stored round robin, by exact key.
    imported(1, "essex", SENSORS, 'a'),
    // A stored case, founding a round robin with it: by exact key, and by
    // bands for the request in other words.
    imported(1, "essex", CAMERAS, 'b'),
    imported(1, "kent", CAMERAS_REWORDED, 'b'),
    // The earliest same request of another authority.
    imported(1, "met", DRONES, 'c'),
];

const fn imported(write: usize, slug: &'static str, text: &'static str, group: char) -> Imported {
    Imported {
        write,
        slug,
        text,
        group,
    }
}

/// Import `IMPORTED` write by write (or open each case alone), then check
/// each case's round robin against its letter.
async fn check(at_once: bool) {
    let (engine, store, _dir) = setup().await;
    engine.add_authority("essex", "Essex Police").await.unwrap();
    let mut ids = Vec::new();
    for write in 0..2 {
        let items: Vec<Item> = IMPORTED
            .iter()
            .enumerate()
            .filter(|(_, c)| c.write == write)
            .map(|(n, c)| {
                let mut file = example("synthetic-fee-pause");
                file.request.parts = vec![PartFile {
                    id: "1".into(),
                    text: c.text.into(),
                }];
                (c.slug.to_owned(), format!("RR-{n}"), file)
            })
            .collect();
        if at_once {
            ids.extend(engine.import_cases(&items, "importer").await.unwrap());
        } else {
            for (slug, reference, file) in items {
                let view = engine.open_case(&slug, &reference, file, "x").await;
                ids.push(view.unwrap().summary.id);
            }
        }
    }
    let mut groups: std::collections::HashMap<char, i64> = Default::default();
    for (n, (c, id)) in IMPORTED.iter().zip(&ids).enumerate() {
        let rr = store.round_robin_of(*id).await.unwrap();
        let want = (c.group != '-').then(|| *groups.entry(c.group).or_insert(rr.unwrap_or(-1)));
        assert_eq!(rr, want, "case {n} ({}, at once: {at_once})", c.slug);
    }
    let mut distinct: Vec<i64> = groups.values().copied().collect();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), 3, "one round robin a letter: {groups:?}");
}

#[tokio::test]
async fn an_import_links_the_same_request_as_opening_each_case_alone_does() {
    check(true).await;
    check(false).await;
}
