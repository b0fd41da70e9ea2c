//! The requester's desk over a real SQLite store: a request to several
//! authorities is one case each in one write, linked as a batch; "My
//! requests"; invitations and open sign-up.

use crate::common::{store, system};
use foidesk_case::RequesterType;
use foidesk_engine::{EngineError, MakeRequest, Role, System, User};
use foidesk_law::Regime;

const PW: &str = "long enough password";
const AUTHORITIES: [(&str, &str); 3] = [
    ("kent", "Kent Police"),
    ("essex", "Essex Police"),
    ("surrey", "Surrey Police"),
];

/// The requester and one officer of each authority.
async fn people(e: &System) -> (User, Vec<User>) {
    let mut officers = Vec::new();
    for (slug, name) in AUTHORITIES {
        e.add_authority(slug, name).await.unwrap();
        officers.push(
            e.add_user(
                &format!("o@{slug}.example"),
                "Officer",
                Role::Officer,
                Some(slug),
                PW,
            )
            .await
            .unwrap(),
        );
    }
    let requester = e
        .add_user("Ray@Example.org", "Ray Quester", Role::Requester, None, PW)
        .await
        .unwrap();
    (requester, officers)
}

fn request(slugs: &[&str], parts: &[&str]) -> MakeRequest {
    MakeRequest {
        authority_slugs: slugs.iter().map(|s| s.to_string()).collect(),
        parts: parts.iter().map(|p| p.to_string()).collect(),
        regime: Regime::Foia,
        requester_type: RequesterType::MemberOfThePublic,
    }
}

#[tokio::test]
async fn a_request_to_three_authorities_is_three_cases_in_one_batch() {
    let (store, _dir) = store().await;
    let e = system("2026-11-23", &store);
    let (requester, officers) = people(&e).await;
    let service = e.service();
    let sent = service
        .as_user(&requester)
        .make_request(request(
            &["kent", "essex", "surrey", "kent"],
            &["Drone policy", "", "Drone flights in 2025"],
        ))
        .await
        .unwrap();
    assert!(sent.batch.is_some());
    let got: Vec<(&str, &str)> = sent
        .cases
        .iter()
        .map(|v| {
            (
                v.summary.reference.as_str(),
                v.case.request.authority.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("KENT-2026-0001", "Kent Police"),
            ("ESSEX-2026-0001", "Essex Police"),
            ("SURREY-2026-0001", "Surrey Police"),
        ]
    );
    for view in &sent.cases {
        let r = &view.file.request;
        assert_eq!(r.requester.as_deref(), Some("ray@example.org"));
        assert_eq!(r.requester_name.as_deref(), Some("Ray Quester"));
        assert_eq!(r.channel.as_deref(), Some("web_form"));
        assert_eq!(r.received, "2026-11-23");
        let parts: Vec<&str> = r.parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(parts, ["Drone policy", "Drone flights in 2025"]);
        // The requester sees the whole batch from any of its cases.
        let others = service
            .as_user(&requester)
            .batch_of(view.summary.id)
            .await
            .unwrap();
        assert_eq!(others.len(), 2, "{}", view.summary.reference);
        assert!(others.iter().all(|o| o.id != view.summary.id));
    }
    // Each officer sees their own authority's case, and none of the others.
    for (officer, own) in officers.iter().zip(&sent.cases) {
        for view in &sent.cases {
            let seen = service
                .as_user(officer)
                .case(view.summary.id)
                .await
                .unwrap();
            assert_eq!(seen.is_some(), view.summary.id == own.summary.id);
        }
        let others = service
            .as_user(officer)
            .batch_of(own.summary.id)
            .await
            .unwrap();
        assert!(
            others.is_empty(),
            "an officer sees no other authority's case"
        );
    }
    let mine = service.as_user(&requester).my_requests(10).await.unwrap();
    assert_eq!(mine.total, 3);
    let rows: Vec<(&str, &str, &str)> = mine
        .rows
        .iter()
        .map(|r| (r.authority.as_str(), r.subject.as_str(), r.status.as_str()))
        .collect();
    // Newest first: the same day, so the last written first. Due on the
    // 20th working day after 23 November, St Andrew's Day (30 November) not counted.
    assert_eq!(
        rows,
        [
            (
                "Surrey Police",
                "Drone policy",
                "awaiting response, due 22 December"
            ),
            (
                "Essex Police",
                "Drone policy",
                "awaiting response, due 22 December"
            ),
            (
                "Kent Police",
                "Drone policy",
                "awaiting response, due 22 December"
            ),
        ]
    );
}

#[tokio::test]
async fn a_bad_part_or_authority_refuses_the_whole_request() {
    let (store, _dir) = store().await;
    let e = system("2026-11-23", &store);
    let (requester, officers) = people(&e).await;
    let service = e.service();
    for (slugs, parts, field) in [
        (
            &["kent", "essex"][..],
            &["Fine", "bell \u{7} here"][..],
            "parts",
        ),
        (&["kent", "essex"][..], &["", "  "][..], "parts"),
        (&["kent", "nowhere"][..], &["Fine"][..], "authority"),
        (&[][..], &["Fine"][..], "authority"),
    ] {
        let err = service
            .as_user(&requester)
            .make_request(request(slugs, parts))
            .await
            .unwrap_err();
        match err {
            EngineError::Invalid { field: f, .. } => assert!(f.contains(field), "{f}: {parts:?}"),
            other => panic!("{parts:?}: {other}"),
        }
    }
    assert_eq!(
        service
            .as_user(&requester)
            .my_requests(10)
            .await
            .unwrap()
            .total,
        0,
        "nothing was written"
    );
    // An officer logs requests; they do not make them.
    let err = service
        .as_user(&officers[0])
        .make_request(request(&["kent"], &["Fine"]))
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::Forbidden { .. }), "{err}");
}

#[tokio::test]
async fn an_invitation_makes_one_account_before_it_expires() {
    let (store, _dir) = store().await;
    let e = system("2026-11-23", &store);
    let admin = e
        .add_user("a@example.org", "Ada", Role::Administrator, None, PW)
        .await
        .unwrap();
    let (requester, _) = people(&e).await;
    let service = e.service();
    let err = service
        .as_user(&requester)
        .invite("new@example.org", "New")
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::Forbidden { .. }), "{err}");
    let err = service
        .as_user(&admin)
        .invite("ray@example.org", "Ray")
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::Duplicate { .. }), "{err}");

    let (token, expires) = service
        .as_user(&admin)
        .invite("New@Example.org", " Nia New ")
        .await
        .unwrap();
    assert_eq!(expires, "2026-11-30T00:00:00Z");
    let invited = service.invited(&token).await.unwrap().unwrap();
    assert_eq!(
        (invited.email.as_str(), invited.name.as_str()),
        ("new@example.org", "Nia New")
    );
    let err = service.join(&token, "short").await.unwrap_err();
    assert!(matches!(err, EngineError::Invalid { .. }), "{err}");
    let user = service.join(&token, PW).await.unwrap();
    assert_eq!(
        (user.email.as_str(), user.role),
        ("new@example.org", Role::Requester)
    );
    assert!(service
        .authenticate("new@example.org", PW)
        .await
        .unwrap()
        .is_some());
    // Used: refused, and nothing more is made.
    assert!(service.invited(&token).await.unwrap().is_none());
    let err = service.join(&token, PW).await.unwrap_err();
    assert!(matches!(err, EngineError::NotFound { .. }), "{err}");
    let audit = e.account_audit().await.unwrap();
    assert_eq!(
        (audit[0].action.as_str(), audit[0].actor.as_str()),
        ("joined by invitation", "a@example.org")
    );

    // Seven days on, an unused invitation has expired.
    let (late, _) = service
        .as_user(&admin)
        .invite("late@example.org", "Late")
        .await
        .unwrap();
    let later = system("2026-11-30", &store).service();
    assert!(later.invited(&late).await.unwrap().is_none());
    let err = later.join(&late, PW).await.unwrap_err();
    assert!(matches!(err, EngineError::NotFound { .. }), "{err}");
    assert!(later.invited("no such token").await.unwrap().is_none());
}

#[tokio::test]
async fn open_sign_up_is_off_until_an_administrator_turns_it_on() {
    let (store, _dir) = store().await;
    let e = system("2026-11-23", &store);
    let service = e.service();
    assert!(!service.open_sign_up().await.unwrap());
    let err = service
        .sign_up("s@example.org", "Sam", PW)
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::Forbidden { .. }), "{err}");
    assert!(service
        .authenticate("s@example.org", PW)
        .await
        .unwrap()
        .is_none());

    e.set_open_sign_up(true).await.unwrap();
    assert!(service.open_sign_up().await.unwrap());
    let user = service.sign_up("S@example.org", "Sam", PW).await.unwrap();
    assert_eq!(
        (user.email.as_str(), user.role),
        ("s@example.org", Role::Requester)
    );
    let audit = e.account_audit().await.unwrap();
    assert_eq!(audit[0].action, "signed up");

    // Attempts on one address are throttled as sign-ins are.
    let mut refused = None;
    for _ in 0..6 {
        match service.sign_up("t@example.org", "Tom", "short").await {
            Err(EngineError::Throttled { minutes }) => refused = Some(minutes),
            Err(EngineError::Invalid { .. }) => {}
            other => panic!("{other:?}"),
        }
    }
    assert!(refused.is_some(), "the sixth attempt is refused");

    e.set_open_sign_up(false).await.unwrap();
    let err = service
        .sign_up("u@example.org", "Uma", PW)
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::Forbidden { .. }), "{err}");
}
