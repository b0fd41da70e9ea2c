//! Conformance: authorities, case logs, optimistic concurrency and queues
//! behave the same on every backend.

use crate::common;

use crate::common::check;

use foidesk_store::{Due, NewCase, NewEvent, Projection, QueueQuery, StoreError};

const AT: &str = "2026-11-22T10:00:00Z";

fn event(kind: &str, note: &str) -> NewEvent {
    NewEvent {
        kind: kind.into(),
        body_json: format!("{{\"kind\":\"{kind}\",\"note\":{note:?}}}"),
        recorded_by: "officer@a".into(),
        recorded_at: AT.into(),
    }
}

fn projection(status: &str, next: Option<&str>, assignee: Option<&str>) -> Projection {
    Projection {
        status: status.into(),
        desk: "authority".into(),
        next_deadline: next.map(str::to_owned),
        assignee: assignee.map(str::to_owned),
        complained: None,
        facts: None,
    }
}

fn new_case(
    authority_id: i64,
    reference: &str,
    next: Option<&str>,
    assignee: Option<&str>,
) -> NewCase {
    NewCase {
        authority_id,
        reference: reference.into(),
        requester: None,
        request_json: "{\"received\":\"2026-11-02\"}".into(),
        events: vec![event("request", "first")],
        projection: projection("awaiting_response", next, assignee),
        listing: Default::default(),
        created_at: AT.into(),
        print: None,
    }
}

#[tokio::test]
async fn authorities_are_unique_by_slug() {
    check(async |store, label| {
        let a = store
            .add_authority("kent", "Kent Police", AT)
            .await
            .unwrap();
        let err = store.add_authority("kent", "Other", AT).await.unwrap_err();
        assert!(
            matches!(err, StoreError::Duplicate { .. }),
            "{label}: {err}"
        );
        assert_eq!(store.authorities().await.unwrap(), vec![a], "{label}");
    })
    .await;
}

#[tokio::test]
async fn a_case_keeps_every_event_in_order() {
    check(async |store, label| {
        let a = store
            .add_authority("kent", "Kent Police", AT)
            .await
            .unwrap();
        let id = store
            .create_case(&new_case(a.id, "FOI-1", Some("2026-12-01"), None))
            .await
            .unwrap();
        let v = store
            .append(
                id,
                1,
                &[
                    event("clarification", "which years?"),
                    event("response", "done"),
                ],
                &projection("answered", None, Some("sam")),
                AT,
            )
            .await
            .unwrap();
        assert_eq!(v, 3, "{label}");
        let case = store.case(id).await.unwrap().unwrap();
        assert_eq!(case.summary.version, 3, "{label}");
        assert_eq!(
            case.summary.projection,
            projection("answered", None, Some("sam")),
            "{label}"
        );
        let kinds: Vec<(i64, &str)> = case
            .events
            .iter()
            .map(|e| (e.version, e.kind.as_str()))
            .collect();
        assert_eq!(
            kinds,
            vec![(1, "request"), (2, "clarification"), (3, "response")],
            "{label}"
        );
        assert!(store.case(id + 1000).await.unwrap().is_none(), "{label}");
    })
    .await;
}

#[tokio::test]
async fn a_stale_append_conflicts_and_writes_nothing() {
    check(async |store, label| {
        let a = store
            .add_authority("kent", "Kent Police", AT)
            .await
            .unwrap();
        let id = store
            .create_case(&new_case(a.id, "FOI-1", Some("2026-12-01"), None))
            .await
            .unwrap();
        store
            .append(
                id,
                1,
                &[event("response", "a")],
                &projection("answered", None, None),
                AT,
            )
            .await
            .unwrap();
        let before = store.case(id).await.unwrap();
        for stale in [0, 1, 5] {
            let err = store
                .append(
                    id,
                    stale,
                    &[event("response", "b")],
                    &projection("lost", None, None),
                    AT,
                )
                .await
                .unwrap_err();
            match err {
                StoreError::Conflict {
                    expected, current, ..
                } => {
                    assert_eq!((expected, current), (stale, 2), "{label}")
                }
                other => panic!("{label}: {other}"),
            }
        }
        assert_eq!(store.case(id).await.unwrap(), before, "{label}");
        let err = store
            .append(id, 2, &[], &projection("x", None, None), AT)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NothingToAppend), "{label}");
        let err = store
            .append(
                id + 99,
                0,
                &[event("response", "c")],
                &projection("x", None, None),
                AT,
            )
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{label}: {err}");
    })
    .await;
}

#[tokio::test]
async fn case_references_are_unique_per_authority_and_need_an_authority() {
    check(async |store, label| {
        let a = store
            .add_authority("kent", "Kent Police", AT)
            .await
            .unwrap();
        let b = store
            .add_authority("notts", "Nottinghamshire Police", AT)
            .await
            .unwrap();
        store
            .create_case(&new_case(a.id, "FOI-1", None, None))
            .await
            .unwrap();
        store
            .create_case(&new_case(b.id, "FOI-1", None, None))
            .await
            .unwrap();
        let err = store
            .create_case(&new_case(a.id, "FOI-1", None, None))
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Duplicate { .. }),
            "{label}: {err}"
        );
        let err = store
            .create_case(&new_case(a.id + b.id + 7, "FOI-9", None, None))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{label}: {err}");
    })
    .await;
}

#[tokio::test]
async fn text_is_stored_exactly_whatever_it_holds() {
    check(async |store, label| {
        let a = store
            .add_authority("o'brien", "O'Brien; DROP TABLE cases; -- <script>", AT)
            .await
            .unwrap();
        let mut c = new_case(a.id, "'); DELETE FROM case_events; --", None, None);
        c.events = vec![event(
            "request",
            "<img src=x onerror=alert(1)> \"quoted\" \\ ' $1 ?1",
        )];
        let id = store.create_case(&c).await.unwrap();
        let got = store.case(id).await.unwrap().unwrap();
        assert_eq!(got.summary.reference, c.reference, "{label}");
        assert_eq!(got.events[0].body_json, c.events[0].body_json, "{label}");
        assert_eq!(
            store.authorities().await.unwrap()[0].name,
            a.name,
            "{label}"
        );
    })
    .await;
}

#[tokio::test]
async fn queues_filter_by_due_date_authority_and_assignee() {
    check(async |store, label| {
        let a = store.add_authority("a", "A", AT).await.unwrap();
        let b = store.add_authority("b", "B", AT).await.unwrap();
        for (auth, r, due, who) in [
            (a.id, "A1", Some("2026-11-20"), Some("sam")),
            (a.id, "A2", Some("2026-11-22"), Some("sam")),
            (a.id, "A3", Some("2026-11-27"), None),
            (a.id, "A4", None, None),
            (b.id, "B1", Some("2026-11-22"), Some("kim")),
        ] {
            store
                .create_case(&new_case(auth, r, due, who))
                .await
                .unwrap();
        }
        let refs =
            async |due: Due, authority_id: Option<i64>, assignee: Option<&str>| -> Vec<String> {
                let q = QueueQuery {
                    due,
                    authority_id,
                    desk: None,
                    assignee: assignee.map(str::to_owned),
                    limit: 50,
                };
                store
                    .queue(&q)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|c| c.reference)
                    .collect()
            };
        let today = || "2026-11-22".to_owned();
        assert_eq!(
            refs(Due::On(today()), None, None).await,
            ["A2", "B1"],
            "{label}"
        );
        assert_eq!(
            refs(Due::On(today()), Some(a.id), None).await,
            ["A2"],
            "{label}"
        );
        assert_eq!(
            refs(Due::Before(today()), Some(a.id), None).await,
            ["A1"],
            "{label}"
        );
        assert_eq!(
            refs(Due::Before("2026-11-23".into()), None, None).await,
            ["A1", "A2", "B1"],
            "{label}"
        );
        assert_eq!(
            refs(Due::Between(today(), "2026-11-27".into()), Some(a.id), None).await,
            ["A2", "A3"],
            "{label}"
        );
        assert_eq!(
            refs(
                Due::Between("2026-01-01".into(), "2026-12-31".into()),
                None,
                Some("sam")
            )
            .await,
            ["A1", "A2"],
            "{label}"
        );
    })
    .await;
}

/// Authority, assignee, desk, and the references the queue lists.
type QueueLine<'a> = (Option<i64>, Option<&'a str>, Option<&'a str>, &'a [&'a str]);

/// Each queue form (led by no filter, an authority, an assignee or a desk)
/// with each other filter beside it selects the same cases.
#[tokio::test]
async fn every_queue_form_keeps_every_filter() {
    check(async |store, label| {
        let a = store.add_authority("a", "A", AT).await.unwrap().id;
        let b = store.add_authority("b", "B", AT).await.unwrap().id;
        for (auth, r, due, who, desk) in [
            (a, "A1", "2026-11-20", Some("sam"), "authority"),
            (a, "A2", "2026-11-21", Some("sam"), "requester"),
            (a, "A3", "2026-11-21", None, "authority"),
            (b, "B1", "2026-11-19", Some("sam"), "authority"),
            (b, "B2", "2026-11-20", Some("kim"), "regulator"),
        ] {
            let mut case = new_case(auth, r, Some(due), who);
            case.projection.desk = desk.into();
            store.create_case(&case).await.unwrap();
        }
        let lines: [QueueLine; 9] = [
            (None, None, None, &["B1", "A1", "B2", "A2", "A3"]),
            (Some(a), None, None, &["A1", "A2", "A3"]),
            (None, Some("sam"), None, &["B1", "A1", "A2"]),
            (None, None, Some("authority"), &["B1", "A1", "A3"]),
            (Some(a), Some("sam"), None, &["A1", "A2"]),
            (Some(b), None, Some("regulator"), &["B2"]),
            (None, Some("sam"), Some("requester"), &["A2"]),
            (Some(a), Some("sam"), Some("authority"), &["A1"]),
            (None, Some("nobody"), None, &[]),
        ];
        for (authority_id, assignee, desk, want) in lines {
            let q = QueueQuery {
                due: Due::Before("2026-11-22".into()),
                authority_id,
                desk: desk.map(str::to_owned),
                assignee: assignee.map(str::to_owned),
                limit: 50,
            };
            let got: Vec<String> = store
                .queue(&q)
                .await
                .unwrap()
                .into_iter()
                .map(|c| c.reference)
                .collect();
            assert_eq!(got, want, "{label}: {authority_id:?} {assignee:?} {desk:?}");
        }
    })
    .await;
}

/// 50 clients append to one case at the same version: exactly one wins, the
/// rest get Conflict, and the log holds exactly the winner's event.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_fifty_concurrent_appends_at_one_version_exactly_one_succeeds() {
    for db in common::fresh_stores().await {
        let store = db.store.clone();
        let a = store.add_authority("a", "A", AT).await.unwrap();
        let id = store
            .create_case(&new_case(a.id, "C", None, None))
            .await
            .unwrap();
        let tasks: Vec<_> = (0..50)
            .map(|n| {
                let store = store.clone();
                tokio::spawn(async move {
                    store
                        .append(
                            id,
                            1,
                            &[event("response", &format!("client {n}"))],
                            &projection("answered", None, None),
                            AT,
                        )
                        .await
                })
            })
            .collect();
        let mut ok = Vec::new();
        let mut conflicts = 0;
        for (n, t) in tasks.into_iter().enumerate() {
            match t.await.unwrap() {
                Ok(v) => ok.push((n, v)),
                Err(StoreError::Conflict { current: 2, .. }) => conflicts += 1,
                Err(e) => panic!("{}: client {n}: {e}", db.label),
            }
        }
        assert_eq!(ok.len(), 1, "{}: {ok:?}", db.label);
        assert_eq!(conflicts, 49, "{}", db.label);
        let case = store.case(id).await.unwrap().unwrap();
        assert_eq!(case.events.len(), 2, "{}", db.label);
        assert!(
            case.events[1]
                .body_json
                .contains(&format!("client {}", ok[0].0)),
            "{}",
            db.label
        );
        println!(
            "{}: 50 concurrent appends at version 1: 1 succeeded, 49 conflicted",
            db.label
        );
        db.finish().await;
    }
}

/// A case read while appends commit is one version: its events are exactly
/// the timeline its version counts, never a newer event with an older row.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_case_read_during_appends_holds_exactly_its_versions_events() {
    for db in common::fresh_stores().await {
        let store = db.store.clone();
        let a = store.add_authority("a", "A", AT).await.unwrap();
        let id = store
            .create_case(&new_case(a.id, "C", None, None))
            .await
            .unwrap();
        let writer = {
            let store = store.clone();
            tokio::spawn(async move {
                for version in 1..=60 {
                    store
                        .append(
                            id,
                            version,
                            &[event("assigned", &format!("step {version}"))],
                            &projection("awaiting_response", None, None),
                            AT,
                        )
                        .await
                        .unwrap();
                }
            })
        };
        let mut reads = 0;
        while !writer.is_finished() {
            let case = store.case(id).await.unwrap().unwrap();
            let version = usize::try_from(case.summary.version).unwrap();
            assert_eq!(case.events.len(), version, "{}", db.label);
            reads += 1;
        }
        writer.await.unwrap();
        let last = store.case(id).await.unwrap().unwrap();
        assert_eq!(last.events.len(), 61, "{}", db.label);
        println!(
            "{}: {reads} reads during 60 appends, each consistent",
            db.label
        );
        db.finish().await;
    }
}
