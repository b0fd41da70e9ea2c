//! Conformance: the Commissioner's queue lists cases with a complaint date
//! in the statuses asked for, oldest complaint first, filtered by authority
//! and assignee; an append rewrites the date with the projection.

use crate::common::check;

use foidesk_store::{ComplaintQuery, NewCase, NewEvent, Projection};

const AT: &str = "2026-11-22T10:00:00Z";

fn event() -> NewEvent {
    NewEvent {
        kind: "complaint".into(),
        body_json: "{}".into(),
        recorded_by: "o@a".into(),
        recorded_at: AT.into(),
    }
}

fn projection(status: &str, complained: Option<&str>, assignee: Option<&str>) -> Projection {
    Projection {
        status: status.into(),
        desk: "regulator".into(),
        next_deadline: None,
        assignee: assignee.map(str::to_owned),
        complained: complained.map(str::to_owned),
        facts: None,
    }
}

#[tokio::test]
async fn complaints_come_oldest_first_by_status_authority_and_assignee() {
    check(async |store, label| {
        let a = store.add_authority("a", "A", AT).await.unwrap();
        let b = store.add_authority("b", "B", AT).await.unwrap();
        // (authority, reference, status, complained, assignee)
        let rows = [
            (a.id, "A1", "with_commissioner", Some("2026-10-01"), None),
            (
                a.id,
                "A2",
                "under_investigation",
                Some("2026-09-15"),
                Some("cw@ico"),
            ),
            (
                b.id,
                "B1",
                "with_commissioner",
                Some("2026-10-01"),
                Some("cw@ico"),
            ),
            (b.id, "B2", "decided", Some("2026-08-01"), None),
            // Never complained of: never listed, whatever its status says.
            (b.id, "B3", "with_commissioner", None, None),
        ];
        for (authority_id, reference, status, complained, assignee) in rows {
            store
                .create_case(&NewCase {
                    authority_id,
                    reference: reference.into(),
                    requester: None,
                    request_json: "{}".into(),
                    events: vec![event()],
                    projection: projection(status, complained, assignee),
                    listing: Default::default(),
                    created_at: AT.into(),
                    print: None,
                })
                .await
                .unwrap();
        }
        let live = ["with_commissioner", "under_investigation"];
        let list = async |statuses: &[&str],
                          authority_id: Option<i64>,
                          assignee: Option<&str>,
                          limit: i64| {
            let q = ComplaintQuery {
                statuses: statuses.iter().map(|s| (*s).to_owned()).collect(),
                authority_id,
                assignee: assignee.map(str::to_owned),
                limit,
            };
            let got = store.complaints(&q).await.unwrap();
            got.iter().map(|c| c.reference.clone()).collect::<Vec<_>>()
        };
        for (statuses, authority, assignee, limit, want) in [
            (&live[..], None, None, 10, &["A2", "A1", "B1"][..]),
            (&live[..], Some(a.id), None, 10, &["A2", "A1"][..]),
            (&live[..], None, Some("cw@ico"), 10, &["A2", "B1"][..]),
            (&live[..], Some(b.id), Some("cw@ico"), 10, &["B1"][..]),
            (&live[..], None, None, 1, &["A2"][..]),
            (&["decided"][..], None, None, 10, &["B2"][..]),
            (&[][..], None, None, 10, &[][..]),
        ] {
            assert_eq!(
                list(statuses, authority, assignee, limit).await,
                want,
                "{label}: {statuses:?} {authority:?} {assignee:?} {limit}"
            );
        }
        // The date is the projection's: an append writes it again.
        let b1 = store.case_summary(3).await.unwrap().unwrap();
        assert_eq!(
            b1.projection.complained.as_deref(),
            Some("2026-10-01"),
            "{label}"
        );
        store
            .append(
                b1.id,
                b1.version,
                &[event()],
                &projection("with_commissioner", Some("2026-09-01"), Some("cw@ico")),
                AT,
            )
            .await
            .unwrap();
        assert_eq!(
            list(&live, None, None, 10).await,
            ["B1", "A2", "A1"],
            "{label}"
        );
        let nine: Vec<&str> = ["with_commissioner"; 9].to_vec();
        let q = ComplaintQuery {
            statuses: nine.iter().map(|s| (*s).to_owned()).collect(),
            authority_id: None,
            assignee: None,
            limit: 10,
        };
        assert!(
            store.complaints(&q).await.is_err(),
            "{label}: nine statuses"
        );
    })
    .await;
}
