//! Decisions like a request: MoreLikeThis within provision and kind filters,
//! ranked by the blend of similarity and recency.

use foidesk_calendar::Date;
use foidesk_law::ProvisionId;
use foidesk_search::{Derived, KindFilter, NoticeIndex, SimilarQuery};

use crate::search::{built, notices};

/// The corpus and synthetic notices, each authority's kind read from its
/// name as the engine would ("police" for a police force).
fn index() -> NoticeIndex {
    let index = NoticeIndex::in_memory().unwrap();
    let mut w = index.writer().unwrap();
    for (i, (stem, path)) in notices().iter().enumerate() {
        let mut parsed = foidesk_notice::parse(&std::fs::read(path).unwrap(), None);
        parsed.record.file = Some(stem.clone());
        let police = parsed
            .record
            .public_authority
            .as_deref()
            .is_some_and(|a| a.contains("Police") || a.contains("Constabulary"));
        let derived = Derived {
            authority_key: parsed
                .record
                .public_authority
                .as_deref()
                .map(str::to_lowercase),
            authority_kind: police.then(|| "police".to_owned()),
        };
        w.add_with(i as i64 + 1, &parsed.record, &derived).unwrap();
    }
    w.commit(&built(10)).unwrap();
    index
}

/// Run `q` and compare the files found, best first (only the first `top` if given).
fn check(index: &NoticeIndex, q: SimilarQuery, top: Option<usize>, expected: &[&str]) {
    let found = index
        .similar(&SimilarQuery {
            limit: 20,
            ..q.clone()
        })
        .unwrap();
    let mut got: Vec<&str> = found
        .iter()
        .map(|s| s.hit.file.as_deref().unwrap())
        .collect();
    if let Some(n) = top {
        got.truncate(n);
    }
    assert_eq!(got, expected, "query {q:?}");
    for s in &found {
        assert!((0.0..=1.0).contains(&s.similarity), "{s:?}");
        assert!(s.rank <= 1.0 + f32::EPSILON, "{s:?}");
    }
    assert!(
        found.windows(2).all(|w| w[0].rank >= w[1].rank),
        "best first"
    );
}

fn ids(list: &[&str]) -> Vec<ProvisionId> {
    list.iter()
        .map(|p| ProvisionId::parse(p).unwrap())
        .collect()
}

fn today() -> Option<Date> {
    Some("2025-01-01".parse().unwrap())
}

const FACIAL: &str = "Please provide details of any contracts with Amazon for its Rekognition \
    facial recognition technology, and whether the force has used it.";

#[test]
fn the_most_like_a_request_come_first_within_the_provisions() {
    let index = index();
    // Both facial-recognition notices, then the other s.31(3) notices.
    check(
        &index,
        SimilarQuery {
            text: FACIAL.into(),
            provisions: ids(&["s.31(3)"]),
            today: today(),
            ..Default::default()
        },
        None,
        &[
            "2024-11-18_kent-police",
            "2024-11-18_nottinghamshire-police",
            "2018-09-20_cambridgeshire-constabulary",
            "2020-06-23_metropolitan-police-service",
        ],
    );
    // Containment: s.31 finds s.31(3); any of several provisions will do.
    let wide = index
        .similar(&SimilarQuery {
            text: FACIAL.into(),
            provisions: ids(&["s.31", "s.43"]),
            today: today(),
            limit: 20,
            ..Default::default()
        })
        .unwrap();
    assert!(wide.len() >= 3);
    for s in &wide {
        assert!(
            s.hit
                .provisions_cited
                .iter()
                .any(|p| p.starts_with("s.31") || p.starts_with("s.43")),
            "{:?}",
            s.hit
        );
    }
}

#[test]
fn kind_filters_take_the_register_first_then_the_notice() {
    let index = index();
    let police = KindFilter {
        kind: "police".into(),
        ..KindFilter::default()
    };
    let q = |kind| SimilarQuery {
        text: FACIAL.into(),
        kind: Some(kind),
        today: today(),
        ..Default::default()
    };
    let found = index
        .similar(&SimilarQuery {
            limit: 20,
            ..q(police.clone())
        })
        .unwrap();
    assert!(!found.is_empty());
    assert!(found
        .iter()
        .all(|s| s.hit.authority_kind.as_deref() == Some("police")));
    // The register says Kent Police is another kind: it is left out.
    let kent = found
        .iter()
        .find(|s| s.hit.file.as_deref() == Some("2024-11-18_kent-police"))
        .and_then(|s| s.hit.public_authority.clone())
        .unwrap()
        .to_lowercase();
    let not_kent = KindFilter {
        other_keys: vec![kent.clone()],
        ..police.clone()
    };
    check(
        &index,
        q(not_kent),
        Some(1),
        &["2024-11-18_nottinghamshire-police"],
    );
    // And a name the register holds as this kind comes in whatever its notice says.
    let health = KindFilter {
        kind: "nhs".into(),
        keys: vec![kent],
        other_keys: Vec::new(),
    };
    check(&index, q(health), Some(1), &["2024-11-18_kent-police"]);
}

#[test]
fn recency_breaks_what_similarity_leaves_even() {
    let index = index();
    // No word worth matching: the newest notice on the provision first.
    check(
        &index,
        SimilarQuery {
            text: "the of and".into(),
            provisions: ids(&["s.31(3)"]),
            today: today(),
            ..Default::default()
        },
        Some(1),
        &["2024-11-18_kent-police"],
    );
}
