//! Conformance: the case list's filters, search and sort, on every backend.

use crate::common::check;

use foidesk_store::{
    CaseFilter, CaseScope, CaseSort, Listing, NewCase, NewEvent, Projection, Store,
};

const AT: &str = "2026-11-22T10:00:00Z";

struct Row {
    reference: &'static str,
    status: &'static str,
    deadline: Option<&'static str>,
    assignee: Option<&'static str>,
    regime: &'static str,
    received: &'static str,
    text: &'static str,
}

const ROWS: [Row; 4] = [
    Row {
        reference: "P-2026-0001",
        status: "awaiting_response",
        deadline: Some("2026-11-10"),
        assignee: Some("me@a"),
        regime: "FOIA",
        received: "2026-10-01",
        text: "Drone flights over the Carnival",
    },
    Row {
        reference: "P-2026-0002",
        status: "awaiting_response",
        deadline: Some("2026-12-20"),
        assignee: Some("me@a"),
        regime: "EIR",
        received: "2026-11-15",
        text: "Air quality near the depot; 100% of readings",
    },
    Row {
        reference: "P-2026-0003",
        status: "responded",
        deadline: None,
        assignee: None,
        regime: "FOIA",
        received: "2026-09-01",
        text: "Overtime spent on drones",
    },
    Row {
        reference: "P-2026-0004",
        status: "awaiting_response",
        deadline: Some("2026-11-01"),
        assignee: Some("other@a"),
        regime: "FOIA",
        received: "2026-10-20",
        text: "Staff numbers",
    },
];

async fn seed(store: &Store) -> i64 {
    let a = store.add_authority("a", "A", AT).await.unwrap();
    let b = store.add_authority("b", "B", AT).await.unwrap();
    for (authority, r) in ROWS.iter().map(|r| (a.id, r)).chain([(b.id, &ROWS[0])]) {
        store
            .create_case(&NewCase {
                authority_id: authority,
                reference: r.reference.into(),
                requester: None,
                request_json: "{}".into(),
                events: vec![NewEvent {
                    kind: "assigned".into(),
                    body_json: "{}".into(),
                    recorded_by: "o@a".into(),
                    recorded_at: AT.into(),
                }],
                projection: Projection {
                    status: r.status.into(),
                    desk: "authority".into(),
                    next_deadline: r.deadline.map(str::to_owned),
                    assignee: r.assignee.map(str::to_owned),
                    complained: None,
                    facts: None,
                },
                listing: Listing {
                    subject: Some(r.text.into()),
                    received: Some(r.received.into()),
                    regime: Some(r.regime.into()),
                    requester_type: Some("journalist".into()),
                    search_text: r.text.to_lowercase(),
                },
                created_at: AT.into(),
                print: None,
            })
            .await
            .unwrap();
    }
    a.id
}

fn all(authority: i64) -> CaseFilter {
    CaseFilter {
        scope: CaseScope::Authority(authority),
        status: None,
        deadline_before: None,
        assignee: None,
        regime: None,
        received_from: None,
        received_to: None,
        search: None,
        sort: CaseSort::Reference,
        descending: false,
        offset: 0,
        limit: 100,
    }
}

#[tokio::test]
async fn each_filter_search_and_sort_selects_the_right_cases() {
    check(async |store, label| {
        let a = seed(store).await;
        let cases: Vec<(&str, CaseFilter, &[&str])> = vec![
            (
                "everything of the authority",
                all(a),
                &["0001", "0002", "0003", "0004"],
            ),
            (
                "status",
                CaseFilter {
                    status: Some("responded".into()),
                    ..all(a)
                },
                &["0003"],
            ),
            (
                "overdue on 2026-11-20, assigned to me",
                CaseFilter {
                    deadline_before: Some("2026-11-20".into()),
                    assignee: Some("me@a".into()),
                    ..all(a)
                },
                &["0001"],
            ),
            (
                "regime",
                CaseFilter {
                    regime: Some("EIR".into()),
                    ..all(a)
                },
                &["0002"],
            ),
            (
                "received between, inclusive",
                CaseFilter {
                    received_from: Some("2026-10-01".into()),
                    received_to: Some("2026-10-20".into()),
                    ..all(a)
                },
                &["0001", "0004"],
            ),
            (
                "search, any case",
                CaseFilter {
                    search: Some("DRONE".into()),
                    ..all(a)
                },
                &["0001", "0003"],
            ),
            (
                "search, every word",
                CaseFilter {
                    search: Some("drone carnival".into()),
                    ..all(a)
                },
                &["0001"],
            ),
            (
                "a % is a percent sign",
                CaseFilter {
                    search: Some("100%".into()),
                    ..all(a)
                },
                &["0002"],
            ),
            (
                "a % matches no more",
                CaseFilter {
                    search: Some("%drone".into()),
                    ..all(a)
                },
                &[],
            ),
            (
                "received, newest first",
                CaseFilter {
                    sort: CaseSort::Received,
                    descending: true,
                    ..all(a)
                },
                &["0002", "0004", "0001", "0003"],
            ),
            (
                "deadline, none last either way",
                CaseFilter {
                    sort: CaseSort::NextDeadline,
                    ..all(a)
                },
                &["0004", "0001", "0002", "0003"],
            ),
            (
                "deadline descending, none still last",
                CaseFilter {
                    sort: CaseSort::NextDeadline,
                    descending: true,
                    ..all(a)
                },
                &["0002", "0001", "0004", "0003"],
            ),
            (
                "a page",
                CaseFilter {
                    offset: 1,
                    limit: 2,
                    ..all(a)
                },
                &["0002", "0003"],
            ),
        ];
        for (what, filter, want) in cases {
            let got: Vec<String> = store
                .filter_cases(&filter)
                .await
                .unwrap()
                .into_iter()
                .map(|c| c.summary.reference.trim_start_matches("P-2026-").to_owned())
                .collect();
            assert_eq!(got, want, "{label}: {what}");
        }
        let everyone = store
            .filter_cases(&CaseFilter {
                scope: CaseScope::All,
                ..all(a)
            })
            .await
            .unwrap();
        assert_eq!(everyone.len(), 5, "{label}: all authorities");
        let row = &store.filter_cases(&all(a)).await.unwrap()[1];
        assert_eq!(row.listing.regime.as_deref(), Some("EIR"), "{label}");
        assert_eq!(
            row.listing.received.as_deref(),
            Some("2026-11-15"),
            "{label}"
        );
        let mut refs = store.references_starting(a, "P-2026-").await.unwrap();
        refs.sort();
        assert_eq!(refs.len(), 4, "{label}");
        assert!(
            store
                .references_starting(a, "P-2025-")
                .await
                .unwrap()
                .is_empty(),
            "{label}"
        );
    })
    .await;
}
