//! Conformance: round robins (issue 15) are kept alike on every backend:
//! prints and bands are written with their cases and found by band, joins
//! found or join round robins in the same write, membership is a log whose
//! latest row per case wins, and advice and sharing settings keep their
//! latest row.

use crate::common::check;

use foidesk_store::{
    Join, JoinTo, LinkEvent, NewCase, NewEvent, NewPrint, NewUser, Projection, StoreError,
    StoredAdvice,
};

const AT: &str = "2026-11-30T10:00:00Z";

fn case(
    authority_id: i64,
    reference: &str,
    key: &str,
    bands: &[(i64, i64)],
    join: Option<Join>,
) -> NewCase {
    NewCase {
        authority_id,
        reference: reference.into(),
        requester: None,
        request_json: "{}".into(),
        events: vec![NewEvent {
            kind: "acknowledged".into(),
            body_json: "{}".into(),
            recorded_by: "officer@a".into(),
            recorded_at: AT.into(),
        }],
        projection: Projection {
            status: "awaiting_response".into(),
            desk: "authority".into(),
            ..Default::default()
        },
        listing: Default::default(),
        created_at: AT.into(),
        print: Some(NewPrint {
            received: "2026-11-02".into(),
            normaliser_version: 1,
            exact_key: key.into(),
            normalised: format!("{{\"text\":\"{key}\"}}"),
            signature: "1,2,3".into(),
            bands: bands.to_vec(),
            join,
        }),
    }
}

fn join(to: JoinTo, source: &str) -> Option<Join> {
    Some(Join {
        to,
        source: source.into(),
        actor: "officer@a".into(),
    })
}

#[tokio::test]
async fn prints_are_found_by_band_and_joins_are_written_with_the_case() {
    check(async |store, label| {
        let kent = store
            .add_authority("kent", "Kent Police", AT)
            .await
            .unwrap();
        let surrey = store
            .add_authority("surrey", "Surrey Police", AT)
            .await
            .unwrap();
        // A batch: the second joins the first, founding the round robin.
        let ids = store
            .create_cases(&[
                case(kent.id, "K-1", "aaa", &[(0, -5), (1, 7)], None),
                case(
                    surrey.id,
                    "S-1",
                    "aaa",
                    &[(0, -5), (1, 7)],
                    join(JoinTo::Item(0), "batch"),
                ),
                case(surrey.id, "S-2", "bbb", &[(0, 9), (1, 7)], None),
            ])
            .await
            .unwrap();
        let rr = store
            .round_robin_of(ids[0])
            .await
            .unwrap()
            .expect("founded");
        assert_eq!(
            store.round_robin_of(ids[1]).await.unwrap(),
            Some(rr),
            "{label}"
        );
        assert_eq!(store.round_robin_of(ids[2]).await.unwrap(), None, "{label}");
        let members = store.round_robin_members(rr).await.unwrap();
        let sources: Vec<_> = members
            .iter()
            .map(|m| (m.case_id, m.source.as_str()))
            .collect();
        assert_eq!(sources, [(ids[0], "batch"), (ids[1], "batch")], "{label}");

        // Candidates: the exact key first, then by bands shared, most first.
        let found = store
            .candidates("aaa", &[(0, -5), (1, 7)], 10)
            .await
            .unwrap();
        let order: Vec<_> = found.iter().map(|p| (p.case_id, p.round_robin)).collect();
        assert_eq!(
            order,
            [(ids[0], Some(rr)), (ids[1], Some(rr)), (ids[2], None)],
            "{label}"
        );
        assert!(
            store
                .candidates("zzz", &[(3, 3)], 10)
                .await
                .unwrap()
                .is_empty(),
            "{label}"
        );

        // A new case joining a stored one that is in no round robin founds one.
        let id = store
            .create_case(&case(
                kent.id,
                "K-2",
                "bbb",
                &[(0, 9)],
                join(JoinTo::Case(ids[2]), "detected"),
            ))
            .await
            .unwrap();
        let second = store.round_robin_of(id).await.unwrap().expect("joined");
        assert_ne!(second, rr, "{label}");
        assert_eq!(
            store
                .round_robin(second)
                .await
                .unwrap()
                .unwrap()
                .founder_case_id,
            ids[2]
        );

        // Leaving is a row; the case is then in none, and the log keeps both.
        store
            .add_link(&LinkEvent {
                round_robin_id: rr,
                case_id: ids[1],
                action: "left".into(),
                source: "officer".into(),
                actor: "officer@s".into(),
                reason: Some("a different request".into()),
                at: AT.into(),
            })
            .await
            .unwrap();
        assert_eq!(store.round_robin_of(ids[1]).await.unwrap(), None, "{label}");
        assert_eq!(
            store.round_robin_members(rr).await.unwrap().len(),
            1,
            "{label}"
        );
        let cases = store.round_robin_cases(rr).await.unwrap();
        let got: Vec<_> = cases
            .iter()
            .map(|c| (c.summary.id, c.events.len()))
            .collect();
        assert_eq!(got, [(ids[0], 1)], "{label}");
        let log = store.round_robin_log(rr).await.unwrap();
        assert_eq!(log.len(), 3, "{label}");
        assert_eq!(
            log[2].reason.as_deref(),
            Some("a different request"),
            "{label}"
        );

        // An external reference founds a round robin, then others join it.
        let by_ref = store
            .link_by_reference(ids[1], "CRU-18-0042", "o@s", AT)
            .await
            .unwrap();
        assert_eq!(
            store
                .link_by_reference(ids[0], "CRU-18-0042", "o@k", AT)
                .await
                .unwrap(),
            by_ref
        );
        assert_eq!(
            store.round_robin(by_ref).await.unwrap().unwrap().references,
            ["CRU-18-0042"]
        );
        assert_eq!(
            store.round_robin_members(by_ref).await.unwrap().len(),
            2,
            "{label}"
        );
        assert_eq!(
            store
                .link_with_case(id, ids[0], "officer", "o@k", AT)
                .await
                .unwrap(),
            by_ref
        );
    })
    .await;
}

#[tokio::test]
async fn advice_sharing_and_coordinators_keep_their_latest_row() {
    check(async |store, label| {
        let kent = store
            .add_authority("kent", "Kent Police", AT)
            .await
            .unwrap();
        let ids = store
            .create_cases(&[case(kent.id, "K-1", "aaa", &[(0, 1)], None)])
            .await
            .unwrap();
        let rr = store
            .link_by_reference(ids[0], "R-1", "o@k", AT)
            .await
            .unwrap();
        for outcome in ["disclosed", "ncnd"] {
            store
                .add_advice(&StoredAdvice {
                    round_robin_id: rr,
                    part: "2".into(),
                    outcome: outcome.into(),
                    provisions: "s.23(5),s.24(2)".into(),
                    note: None,
                    advised_by: "unit@n".into(),
                    advised_at: AT.into(),
                })
                .await
                .unwrap();
        }
        let advice = store.advice(rr).await.unwrap();
        assert_eq!(advice.len(), 1, "{label}");
        assert_eq!(advice[0].outcome, "ncnd", "{label}");
        let missing = StoredAdvice {
            round_robin_id: rr + 100,
            ..advice[0].clone()
        };
        assert!(matches!(
            store.add_advice(&missing).await.unwrap_err(),
            StoreError::NotFound { .. }
        ));

        assert!(store.sharing().await.unwrap().is_empty(), "{label}");
        store.set_sharing(kent.id, false, "a@a", AT).await.unwrap();
        store.set_sharing(kent.id, true, "a@a", AT).await.unwrap();
        assert_eq!(store.sharing().await.unwrap(), [(kent.id, true)], "{label}");

        store
            .save_authority_details(
                &foidesk_store::StoredDetails {
                    authority_id: kent.id,
                    kind: "police".into(),
                    regimes: "FOIA".into(),
                },
                "a@a",
                AT,
            )
            .await
            .unwrap();
        assert_eq!(
            store.round_robins_of_kind("police").await.unwrap(),
            [rr],
            "{label}"
        );
        assert!(store
            .round_robins_of_kind("council")
            .await
            .unwrap()
            .is_empty());

        let new = NewUser {
            email: "unit@n.example".into(),
            name: "Unit".into(),
            role: "coordinator".into(),
            authority_id: None,
            password_hash: "x".into(),
            created_at: AT.into(),
        };
        let id = store.add_coordinator(&new, "police", "a@a").await.unwrap();
        assert_eq!(
            store.coordinator_kind(id).await.unwrap().as_deref(),
            Some("police")
        );
        assert!(matches!(
            store
                .add_coordinator(&new, "police", "a@a")
                .await
                .unwrap_err(),
            StoreError::Duplicate { .. }
        ));
    })
    .await;
}

/// Look-ups for many prints at once find, for each, what `candidates` finds
/// for it alone; links of a write go in together.
#[tokio::test]
async fn many_prints_are_looked_up_at_once_as_each_alone() {
    check(async |store, label| {
        let kent = store
            .add_authority("kent", "Kent Police", AT)
            .await
            .unwrap();
        let surrey = store
            .add_authority("surrey", "Surrey Police", AT)
            .await
            .unwrap();
        let ab = [(0, -5), (1, 7)];
        let ids = store
            .create_cases(&[
                case(kent.id, "K-1", "aaa", &ab, None),
                case(surrey.id, "S-1", "aaa", &ab, join(JoinTo::Item(0), "batch")),
                case(surrey.id, "S-2", "bbb", &[(0, 9), (1, 7)], None),
                case(kent.id, "K-2", "ccc", &[(2, 2)], None),
            ])
            .await
            .unwrap();
        let rr = store.round_robin_of(ids[0]).await.unwrap().unwrap();
        // Two links in one statement, to a stored round robin.
        let more = store
            .create_cases(&[
                case(
                    kent.id,
                    "K-3",
                    "ddd",
                    &[],
                    join(JoinTo::RoundRobin(rr), "detected"),
                ),
                case(
                    kent.id,
                    "K-4",
                    "ddd",
                    &[],
                    join(JoinTo::RoundRobin(rr), "detected"),
                ),
            ])
            .await
            .unwrap();
        let members = store.round_robin_members(rr).await.unwrap();
        let got: Vec<i64> = members.iter().map(|m| m.case_id).collect();
        assert_eq!(got, [ids[0], ids[1], more[0], more[1]], "{label}");

        let looks: [(&str, &[(i64, i64)]); 5] = [
            ("aaa", &ab),
            ("bbb", &[(0, 9)]),
            ("zzz", &[(3, 3)]),
            ("ccc", &[]),
            ("ddd", &[(1, 7), (2, 2)]),
        ];
        for limit in [1, 10] {
            let keys: Vec<&str> = looks.iter().map(|(k, _)| *k).collect();
            let by_keys = store.prints_by_keys(&keys, limit).await.unwrap();
            let bands: Vec<&[(i64, i64)]> = looks.iter().map(|(_, b)| *b).collect();
            let by_bands = store.band_candidates(&bands, limit).await.unwrap();
            for (i, (key, bands)) in looks.iter().enumerate() {
                let alone = store.candidates(key, &[], limit).await.unwrap();
                let many: Vec<_> = by_keys
                    .iter()
                    .filter(|p| p.exact_key == *key)
                    .cloned()
                    .collect();
                assert_eq!(many, alone, "{label}: key {key}, limit {limit}");
                let alone = store.candidates("none", bands, limit).await.unwrap();
                let many: Vec<_> = by_bands
                    .iter()
                    .filter(|(k, _)| *k == i)
                    .map(|(_, p)| p.clone())
                    .collect();
                assert_eq!(many, alone, "{label}: bands of {key}, limit {limit}");
            }
        }
    })
    .await;
}
