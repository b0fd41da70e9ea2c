//! Conformance: a bulk import is one transaction on every backend — all the
//! cases and their events, with ids in the order given, or nothing.

use crate::common::check;

use foidesk_store::{Due, NewCase, NewEvent, Projection, QueueQuery, Store, StoreError};

const AT: &str = "2026-11-22T10:00:00Z";

/// Case `n`, with `n % 4` events and a deadline (so queues list it).
fn numbered(authority_id: i64, n: usize) -> NewCase {
    NewCase {
        authority_id,
        reference: format!("FOI-{n:05}"),
        requester: n.is_multiple_of(3).then(|| format!("requester{n}")),
        request_json: format!("{{\"n\":{n}}}"),
        events: (0..n % 4)
            .map(|e| NewEvent {
                kind: format!("kind{e}"),
                body_json: format!("{{\"case\":{n},\"event\":{e}}}"),
                recorded_by: "importer".into(),
                recorded_at: AT.into(),
            })
            .collect(),
        projection: Projection {
            status: "awaiting_response".into(),
            desk: "authority".into(),
            next_deadline: Some(format!("2026-{:02}-{:02}", 1 + n % 12, 1 + n % 28)),
            assignee: None,
            complained: None,
            facts: None,
        },
        listing: Default::default(),
        created_at: AT.into(),
        print: None,
    }
}

/// Every case of an authority that has a deadline (all of them, here).
async fn count(store: &Store, authority_id: i64) -> usize {
    let q = QueueQuery {
        due: Due::Between("2000-01-01".into(), "2100-01-01".into()),
        authority_id: Some(authority_id),
        desk: None,
        assignee: None,
        limit: 1_000_000,
    };
    store.queue(&q).await.unwrap().len()
}

async fn kent(store: &Store) -> i64 {
    store
        .add_authority("kent", "Kent Police", AT)
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn a_batch_keeps_its_order_and_every_event() {
    check(async |store, label| {
        let a = kent(store).await;
        // Enough rows that cases and events each take several statements.
        let batch: Vec<NewCase> = (0..7_000).map(|n| numbered(a, n)).collect();
        let ids = store.create_cases(&batch).await.unwrap();
        assert_eq!(ids.len(), batch.len(), "{label}");
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "{label}: ids in order");
        for n in [0, 1, 2, 3, 2_977, 2_978, 5_461, 6_999] {
            let got = store.case(ids[n]).await.unwrap().unwrap();
            let want = &batch[n];
            assert_eq!(got.summary.reference, want.reference, "{label}: case {n}");
            assert_eq!(got.summary.requester, want.requester, "{label}: case {n}");
            assert_eq!(got.summary.projection, want.projection, "{label}: case {n}");
            assert_eq!(got.request_json, want.request_json, "{label}: case {n}");
            assert_eq!(got.summary.version, (n % 4) as i64, "{label}: case {n}");
            let bodies: Vec<(i64, &str)> = got
                .events
                .iter()
                .map(|e| (e.version, e.body_json.as_str()))
                .collect();
            let expected: Vec<(i64, &str)> = (1..)
                .zip(&want.events)
                .map(|(v, e)| (v, e.body_json.as_str()))
                .collect();
            assert_eq!(bodies, expected, "{label}: case {n}");
        }
        assert_eq!(count(store, a).await, batch.len(), "{label}");
        assert!(store.create_cases(&[]).await.unwrap().is_empty(), "{label}");
    })
    .await;
}

#[tokio::test]
async fn a_duplicate_anywhere_writes_nothing() {
    check(async |store, label| {
        let a = kent(store).await;
        store.create_case(&numbered(a, 4_000)).await.unwrap();
        let mut fresh: Vec<NewCase> = (0..3_500).map(|n| numbered(a, n)).collect();

        // Against the store, in the second statement of the batch.
        let mut batch = fresh.clone();
        batch.push(numbered(a, 4_000));
        // Within the batch itself.
        let mut twice = fresh.clone();
        twice.push(numbered(a, 17));
        for (what, batch, named) in [
            ("stored", batch, "FOI-04000"),
            ("repeated", twice, "FOI-00017"),
        ] {
            let err = store.create_cases(&batch).await.unwrap_err();
            match err {
                StoreError::Duplicate { key, .. } => assert_eq!(key, named, "{label}, {what}"),
                other => panic!("{label}, {what}: {other}"),
            }
            assert_eq!(count(store, a).await, 1, "{label}, {what}");
        }

        // An unknown authority fails the batch too, naming it.
        fresh.push(numbered(a + 99, 1));
        let err = store.create_cases(&fresh).await.unwrap_err();
        match err {
            StoreError::NotFound { what, key } => {
                assert_eq!((what, key), ("authority", (a + 99).to_string()), "{label}")
            }
            other => panic!("{label}: {other}"),
        }
        assert_eq!(count(store, a).await, 1, "{label}");

        // Nothing was kept, so the same references go in cleanly now.
        fresh.pop();
        assert_eq!(
            store.create_cases(&fresh).await.unwrap().len(),
            3_500,
            "{label}"
        );
        assert_eq!(count(store, a).await, 3_501, "{label}");
    })
    .await;
}
