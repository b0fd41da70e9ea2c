//! Conformance: each role's list of cases, and sessions, on every backend.

use crate::common::check;

use foidesk_store::{
    CaseListQuery, CaseScope, NewCase, NewEvent, NewUser, Projection, StoreError, STATUS_SLOTS,
};

const AT: &str = "2026-11-22T10:00:00Z";

fn new_case(authority_id: i64, reference: &str, requester: Option<&str>, status: &str) -> NewCase {
    NewCase {
        authority_id,
        reference: reference.into(),
        requester: requester.map(str::to_owned),
        request_json: "{}".into(),
        events: vec![NewEvent {
            kind: "response".into(),
            body_json: "{}".into(),
            recorded_by: "o@a".into(),
            recorded_at: AT.into(),
        }],
        projection: Projection {
            status: status.into(),
            desk: "authority".into(),
            next_deadline: None,
            assignee: None,
            complained: None,
            facts: None,
        },
        listing: Default::default(),
        created_at: AT.into(),
        print: None,
    }
}

fn refs(cases: &[foidesk_store::CaseSummary]) -> Vec<&str> {
    cases.iter().map(|c| c.reference.as_str()).collect()
}

#[tokio::test]
async fn each_scope_lists_only_its_cases_in_pages() {
    check(async |store, label| {
        let a = store.add_authority("a", "A", AT).await.unwrap();
        let b = store.add_authority("b", "B", AT).await.unwrap();
        for (auth, reference, requester, status) in [
            (a.id, "A1", Some("r@x.org"), "awaiting_response"),
            (a.id, "A2", None, "with_commissioner"),
            (b.id, "B1", Some("r@x.org"), "decided"),
            (b.id, "B2", Some("other@x.org"), "responded"),
        ] {
            store
                .create_case(&new_case(auth, reference, requester, status))
                .await
                .unwrap();
        }
        let list = async |scope: CaseScope, after_id: i64, limit: i64| {
            let q = CaseListQuery {
                scope,
                after_id,
                limit,
            };
            store.list_cases(&q).await.unwrap()
        };
        let all = list(CaseScope::All, 0, 10).await;
        assert_eq!(refs(&all), ["A1", "A2", "B1", "B2"], "{label}");
        let rows = list(CaseScope::Authority(b.id), 0, 10).await;
        assert_eq!(refs(&rows), ["B1", "B2"], "{label}");
        let rows = list(CaseScope::Requester("r@x.org".into()), 0, 10).await;
        assert_eq!(refs(&rows), ["A1", "B1"], "{label}");
        let with_regulator = ["with_commissioner", "steps_ordered", "decided", "appealed"];
        let statuses =
            |names: &[&str]| CaseScope::Statuses(names.iter().map(|s| s.to_string()).collect());
        let rows = list(statuses(&with_regulator), 0, 10).await;
        assert_eq!(refs(&rows), ["A2", "B1"], "{label}");
        let rows = list(statuses(&["decided"]), 0, 10).await;
        assert_eq!(refs(&rows), ["B1"], "{label}");
        let rows = list(statuses(&["responded", "awaiting_response"]), 0, 10).await;
        assert_eq!(refs(&rows), ["A1", "B2"], "{label}");
        assert!(list(statuses(&[]), 0, 10).await.is_empty(), "{label}");
        let rows = list(statuses(&with_regulator), 0, 1).await;
        let rest = list(statuses(&with_regulator), rows[0].id, 10).await;
        assert_eq!(
            (refs(&rows), refs(&rest)),
            (vec!["A2"], vec!["B1"]),
            "{label}"
        );
        let too_many = CaseListQuery {
            scope: statuses(&["decided"; STATUS_SLOTS + 1]),
            after_id: 0,
            limit: 10,
        };
        assert!(matches!(
            store.list_cases(&too_many).await,
            Err(StoreError::TooManyStatuses { .. })
        ));
        // Pages: two at a time, continuing after the last id seen.
        let first = list(CaseScope::All, 0, 2).await;
        let second = list(CaseScope::All, first[1].id, 2).await;
        assert_eq!(
            (refs(&first), refs(&second)),
            (vec!["A1", "A2"], vec!["B1", "B2"])
        );
        let one = store.case_summary(all[2].id).await.unwrap().unwrap();
        assert_eq!(one, all[2], "{label}");
        assert_eq!(store.case_summary(all[3].id + 1).await.unwrap(), None);
    })
    .await;
}

#[tokio::test]
async fn sessions_end_and_expire() {
    check(async |store, label| {
        let id = store
            .add_user(&NewUser {
                email: "c@ico.example.org".into(),
                name: "C".into(),
                role: "caseworker".into(),
                authority_id: None,
                password_hash: "h".into(),
                created_at: AT.into(),
            })
            .await
            .unwrap();
        store
            .add_session(id, "hash1", AT, "2026-11-22T18:00:00Z")
            .await
            .unwrap();
        let during = "2026-11-22T12:00:00Z";
        let who = store.user_by_session_hash("hash1", during).await.unwrap();
        assert_eq!(who.map(|u| u.id), Some(id), "{label}");
        let after = "2026-11-22T18:00:01Z";
        assert_eq!(
            store.user_by_session_hash("hash1", after).await.unwrap(),
            None
        );
        assert_eq!(
            store.user_by_session_hash("other", during).await.unwrap(),
            None
        );
        store.end_session("hash1", during).await.unwrap();
        assert_eq!(
            store.user_by_session_hash("hash1", during).await.unwrap(),
            None,
            "{label}"
        );
        assert_eq!(store.users().await.unwrap().len(), 1);
    })
    .await;
}
