//! Conformance: the notice library behaves the same on every backend.

use crate::common::check;

use foidesk_store::{Inserted, NewNotice, NoticeSummary, Store};

fn notice(hash: &str, year: i64, provisions: &[&str], outcome: &str, ncnd: bool) -> NewNotice {
    NewNotice {
        content_hash: hash.into(),
        source_name: format!("{hash}.txt"),
        source_format: "text".into(),
        source: format!("body of {hash} with 'quotes'; DROP TABLE notices; --").into_bytes(),
        record_json: format!("{{\"reference\":\"{hash}\"}}"),
        diagnostics_json: if year < 2010 { "[\"old\"]" } else { "[]" }.into(),
        diagnostic_count: i64::from(year < 2010),
        ingested_at: "2026-11-22T12:00:00Z".into(),
        summary: NoticeSummary {
            reference: Some(hash.to_uppercase()),
            decided_on: Some(format!("{year}-06-01")),
            decided_year: Some(year),
            regime: Some("FOIA".into()),
            outcome: Some(outcome.into()),
            ncnd,
            public_authority: Some("Chief Constable of Testshire Police".into()),
            provisions: provisions.iter().map(|p| p.to_string()).collect(),
        },
        join_key: Some(hash.to_uppercase()),
        source_kind: Some("notice".into()),
    }
}

#[tokio::test]
async fn same_content_is_stored_once() {
    check(async |store, label| {
        let batch = [
            notice("a1", 2020, &["s.31(3)"], "authority_entitled", true),
            notice("b2", 2021, &["s.40(2)"], "mixed", false),
            notice("a1", 2020, &["s.31(3)"], "authority_entitled", true),
        ];
        let first = store.add_notices(&batch).await.unwrap();
        assert!(matches!(first[0], Inserted::Added(_)), "{label}");
        assert!(matches!(first[1], Inserted::Added(_)), "{label}");
        let Inserted::Added(a1) = first[0] else {
            unreachable!()
        };
        assert_eq!(first[2], Inserted::Unchanged(a1), "{label}");
        let again = store.add_notices(&batch[..2]).await.unwrap();
        assert!(
            again.iter().all(|i| matches!(i, Inserted::Unchanged(_))),
            "{label}"
        );
        assert_eq!(store.notice_count().await.unwrap(), 2, "{label}");
    })
    .await;
}

#[tokio::test]
async fn paging_returns_every_notice_once_in_id_order() {
    check(async |store, label| {
        let batch: Vec<NewNotice> = (0..25)
            .map(|i| {
                notice(
                    &format!("h{i:02}"),
                    2015 + i % 5,
                    &["s.43(2)"],
                    "mixed",
                    false,
                )
            })
            .collect();
        store.add_notices(&batch).await.unwrap();
        let mut seen = Vec::new();
        let mut after = 0;
        loop {
            let page = store.notices_after(after, 7).await.unwrap();
            let Some(last) = page.last() else { break };
            after = last.id;
            seen.extend(page.into_iter().map(|n| n.content_hash));
        }
        let expected: Vec<String> = (0..25).map(|i| format!("h{i:02}")).collect();
        assert_eq!(seen, expected, "{label}");
    })
    .await;
}

#[tokio::test]
async fn stats_count_by_year_regime_outcome_and_provision() {
    check(async |store, label| {
        store
            .add_notices(&[
                notice(
                    "x",
                    2008,
                    &["s.31(3)", "s.24(2)"],
                    "authority_entitled",
                    true,
                ),
                notice(
                    "y",
                    2020,
                    &["s.31(3)", "s.31(3)"],
                    "authority_not_entitled",
                    false,
                ),
                notice("z", 2020, &["reg.12(5)(e)"], "mixed", false),
            ])
            .await
            .unwrap();
        let stats = store.library_stats().await.unwrap();
        assert_eq!(stats.notices, 3, "{label}");
        assert_eq!(stats.with_diagnostics, 1, "{label}");
        assert_eq!(stats.ncnd, 1, "{label}");
        assert_eq!(
            stats.by_year,
            vec![(Some(2008), 1), (Some(2020), 2)],
            "{label}"
        );
        assert_eq!(stats.by_regime, vec![(Some("FOIA".into()), 3)], "{label}");
        assert_eq!(
            stats.by_provision,
            vec![
                ("s.31(3)".into(), 2),
                ("reg.12(5)(e)".into(), 1),
                ("s.24(2)".into(), 1)
            ],
            "{label}"
        );
        assert_eq!(stats.by_outcome.len(), 3, "{label}");
    })
    .await;
}

#[tokio::test]
async fn unsupported_url_is_named() {
    let err = Store::open("mysql://localhost/x").await.unwrap_err();
    assert!(err.to_string().contains("mysql://localhost/x"), "{err}");
}
