//! Conformance: the register's details and aliases (issue 13) are kept
//! alike on every backend: the latest details win, an alias's match key is
//! unique across the register, and a row for a missing authority is refused.

use crate::common::check;

use foidesk_store::{StoreError, StoredAlias, StoredDetails};

const AT: &str = "2026-11-30T10:00:00Z";

#[tokio::test]
async fn the_latest_details_win_and_an_alias_key_means_one_authority() {
    check(async |store, label| {
        let kent = store
            .add_authority("kent", "Kent Police", AT)
            .await
            .unwrap();
        let surrey = store
            .add_authority("surrey", "Surrey Police", AT)
            .await
            .unwrap();
        for (kind, regimes) in [("other", "FOIA"), ("police", "EIR,FOIA")] {
            let d = StoredDetails {
                authority_id: kent.id,
                kind: kind.into(),
                regimes: regimes.into(),
            };
            store
                .save_authority_details(&d, "admin@a", AT)
                .await
                .unwrap();
        }
        let details = store.authority_details().await.unwrap();
        assert_eq!(details.len(), 1, "{label}");
        assert_eq!(details[0].kind, "police", "{label}");

        let alias = |authority_id: i64, key: &str| StoredAlias {
            authority_id,
            alias: key.to_uppercase(),
            match_key: key.into(),
        };
        store
            .add_authority_alias(
                &alias(kent.id, "chief constable of kent police"),
                "admin@a",
                AT,
            )
            .await
            .unwrap();
        let err = store
            .add_authority_alias(
                &alias(surrey.id, "chief constable of kent police"),
                "admin@a",
                AT,
            )
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Duplicate { what: "alias", .. }),
            "{label}: {err}"
        );
        let err = store
            .add_authority_alias(&alias(kent.id + 100, "nobody"), "admin@a", AT)
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::NotFound {
                    what: "authority",
                    ..
                }
            ),
            "{label}: {err}"
        );
        let aliases = store.authority_aliases().await.unwrap();
        assert_eq!(
            aliases,
            vec![alias(kent.id, "chief constable of kent police")],
            "{label}"
        );
    })
    .await;
}
