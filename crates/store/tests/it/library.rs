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

/// A page joined to its notice leaves one entry: counted once, paged once, and read with
/// the record the join wrote; the page's own row is kept.
#[tokio::test]
async fn a_joined_page_is_one_entry_with_the_join_record() {
    check(async |store, label| {
        let notice = notice("ic1", 2025, &["s.22"], "mixed", false);
        let mut page = notice.clone();
        page.content_hash = "page-of-ic1".into();
        page.source_kind = Some("notice_page".into());
        page.summary.provisions = Vec::new();
        let ids = store.add_notices(&[notice, page]).await.unwrap();
        let (Inserted::Added(n), Inserted::Added(p)) = (ids[0], ids[1]) else {
            panic!("{label}: {ids:?}");
        };
        assert_eq!(
            store.entries_by_join_key("IC1").await.unwrap().len(),
            2,
            "{label}"
        );
        store
            .join_entries(
                n,
                &[p],
                "{\"reference\":\"IC1\",\"sector\":\"Other\"}",
                "2026-11-30T12:00:00Z",
            )
            .await
            .unwrap();
        let entries = store.entries_by_join_key("IC1").await.unwrap();
        assert_eq!(entries.len(), 1, "{label}");
        assert_eq!(entries[0].id, n, "{label}");
        assert!(entries[0].record_json.contains("Other"), "{label}");
        assert_eq!(store.notice_count().await.unwrap(), 1, "{label}");
        let paged = store.notices_after(0, 10).await.unwrap();
        assert_eq!(paged.len(), 1, "{label}");
        assert!(paged[0].record_json.contains("Other"), "{label}");
        let stats = store.library_stats().await.unwrap();
        assert_eq!(stats.notices, 1, "{label}");
        assert_eq!(stats.by_provision, vec![("s.22".to_owned(), 1)], "{label}");
        // Joining the same row again is refused: a row joins once.
        assert!(
            store.join_entries(n, &[p], "{}", "x").await.is_err(),
            "{label}"
        );
    })
    .await;
}
