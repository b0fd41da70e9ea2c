//! The register of authorities: one authority whatever name a file uses.

use crate::common::{example, store, system};
use foidesk_engine::api::{Date, Regime};
use foidesk_engine::{AuthorityKind, EngineError, NewAuthority, Period, Role};

fn kent() -> NewAuthority {
    NewAuthority {
        slug: None,
        name: "Kent Police".into(),
        kind: AuthorityKind::Police,
        regimes: vec![Regime::Foia, Regime::Eir],
        aliases: vec!["Chief Constable of Kent Police".into()],
    }
}

/// The 2024 Kent example under another name for the same force.
fn kent_file(named: &str) -> foidesk_engine::api::CaseFile {
    let mut file = example("2024-11-18_kent-police");
    file.request.authority = named.into();
    file
}

#[tokio::test]
async fn cases_naming_a_force_two_ways_count_as_one_authority() {
    let (store, _dir) = store().await;
    let s = system("2026-11-22", &store);
    let entry = s.add_to_register(&kent(), "cli:test").await.unwrap();
    assert_eq!(entry.authority.slug, "kent-police");
    assert_eq!(entry.kind, AuthorityKind::Police);
    let items = vec![
        (
            "KP-1".to_owned(),
            kent_file("Chief Constable of Kent Police"),
        ),
        ("KP-2".to_owned(), kent_file("Kent Police")),
        (
            "KP-3".to_owned(),
            kent_file("the chief constable of KENT police."),
        ),
    ];
    let ids = s.import_by_name(&items, "cli:test").await.unwrap();
    assert_eq!(ids.len(), 3);

    let admin = s
        .add_user(
            "admin@example.org",
            "Admin",
            Role::Administrator,
            None,
            "long enough pw",
        )
        .await
        .unwrap();
    let period = Period::new(
        Date::parse("2024-01-01").unwrap(),
        Date::parse("2026-11-22").unwrap(),
    )
    .unwrap();
    let figures = s
        .service()
        .as_user(&admin)
        .figures(None, period)
        .await
        .unwrap();
    assert_eq!(figures.total.received, 3);
    assert_eq!(
        figures
            .authorities
            .iter()
            .map(|a| (a.authority.slug.as_str(), a.figures.received))
            .collect::<Vec<_>>(),
        vec![(entry.authority.slug.as_str(), 3)],
        "one authority in the statistics"
    );
}

#[tokio::test]
async fn an_unknown_name_imports_nothing_and_says_which_item() {
    let (store, _dir) = store().await;
    let s = system("2026-11-22", &store);
    s.add_to_register(&kent(), "cli:test").await.unwrap();
    let items = vec![
        ("KP-1".to_owned(), kent_file("Kent Police")),
        ("KP-2".to_owned(), kent_file("Kent Constabulary")),
    ];
    match s.import_by_name(&items, "cli:test").await {
        Err(EngineError::Invalid { field, message }) => {
            assert_eq!(field, "items[1], request.authority");
            assert!(message.contains("'Kent Constabulary'"), "{message}");
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert!(s.case_view(1).await.unwrap().is_none(), "nothing stored");
}

#[tokio::test]
async fn a_name_means_one_authority_only() {
    let (store, _dir) = store().await;
    let s = system("2026-11-22", &store);
    s.add_to_register(&kent(), "cli:test").await.unwrap();
    for (slug, alias, field_says) in [
        ("kent-police", "Kent Police", "already means Kent Police"),
        (
            "kent-police",
            "CHIEF CONSTABLE of Kent Police",
            "already means Kent Police",
        ),
        ("kent-police", "  ", "Enter the other name"),
    ] {
        match s.add_alias(slug, alias, "cli:test").await {
            Err(EngineError::Invalid { field, message }) => {
                assert_eq!(field, "alias");
                assert!(message.contains(field_says), "{alias}: {message}");
            }
            other => panic!("{alias}: expected Invalid, got {other:?}"),
        }
    }
    let mut surrey = kent();
    surrey.name = "Surrey Police".into();
    match s.add_to_register(&surrey, "cli:test").await {
        Err(EngineError::Invalid { field, message }) => {
            assert_eq!(field, "aliases");
            assert!(message.contains("already means Kent Police"), "{message}");
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert!(
        s.authority("surrey-police").await.unwrap().is_none(),
        "nothing stored"
    );
    s.add_alias("kent-police", "Kent Constabulary", "cli:test")
        .await
        .unwrap();
    let register = s.register().await.unwrap();
    assert_eq!(
        register
            .resolve("kent constabulary")
            .map(|e| e.authority.name.as_str()),
        Some("Kent Police")
    );
    assert_eq!(
        register.by_slug("kent-police").unwrap().aliases,
        vec!["Chief Constable of Kent Police", "Kent Constabulary"]
    );
}

#[tokio::test]
async fn only_administrators_change_the_register() {
    let (store, _dir) = store().await;
    let s = system("2026-11-22", &store);
    s.add_to_register(&kent(), "cli:test").await.unwrap();
    let requester = s
        .add_user(
            "r@example.org",
            "R",
            Role::Requester,
            None,
            "long enough pw",
        )
        .await
        .unwrap();
    let service = s.service();
    let as_requester = service.as_user(&requester);
    assert_eq!(as_requester.register().await.unwrap().entries.len(), 1);
    assert!(matches!(
        as_requester.add_alias("kent-police", "KP").await,
        Err(EngineError::Forbidden { .. })
    ));
    assert!(matches!(
        as_requester.add_to_register(&kent()).await,
        Err(EngineError::Forbidden { .. })
    ));
}
