//! Logging a request, the case list and colleagues, over a real SQLite store.

use crate::common::{store, system};
use foidesk_calendar::Date;
use foidesk_case::{Channel, RequesterType};
use foidesk_engine::api::CaseSort;
use foidesk_engine::{CaseListFilter, EngineError, LogRequest, Role, System, User};
use foidesk_law::Regime;

const PW: &str = "long enough password";

fn request(received: &str, parts: &[&str]) -> LogRequest {
    LogRequest {
        authority_slug: "met".into(),
        reference_prefix: "MET".into(),
        channel: Channel::Email,
        requester_name: "Siân Llŷr".into(),
        contact: vec!["sian@example.org".into()],
        requester_type: RequesterType::Journalist,
        received: Date::parse(received).unwrap(),
        parts: parts.iter().map(|p| p.to_string()).collect(),
        regime: Regime::Foia,
    }
}

async fn people(e: &System) -> (User, User, User, User) {
    e.add_authority("met", "Metropolitan Police Service")
        .await
        .unwrap();
    e.add_authority("kent", "Kent Police").await.unwrap();
    let officer = e
        .add_user(
            "o@met.example",
            "Olu Officer",
            Role::Officer,
            Some("met"),
            PW,
        )
        .await
        .unwrap();
    let kent = e
        .add_user(
            "k@kent.example",
            "Kim Kent",
            Role::Officer,
            Some("kent"),
            PW,
        )
        .await
        .unwrap();
    let admin = e
        .add_user("a@example.org", "Ada Admin", Role::Administrator, None, PW)
        .await
        .unwrap();
    let caseworker = e
        .add_user("c@ico.example", "Cas Worker", Role::Caseworker, None, PW)
        .await
        .unwrap();
    (officer, kent, admin, caseworker)
}

#[tokio::test]
async fn logged_requests_take_the_next_reference_and_open_with_their_answers() {
    let (store, _dir) = store().await;
    let e = system("2026-11-23", &store);
    let (officer, _, admin, _) = people(&e).await;
    let service = e.service();
    let first = service
        .as_user(&officer)
        .log_request(request(
            "2026-11-20",
            &["Drone policy", "Drone flights in 2025"],
        ))
        .await
        .unwrap();
    assert_eq!(first.summary.reference, "MET-2026-0001");
    let r = &first.case.request;
    assert_eq!(r.parts.len(), 2);
    assert_eq!(
        (r.parts[1].id.as_str(), r.parts[1].text.as_str()),
        ("2", "Drone flights in 2025")
    );
    assert_eq!(r.channel, Some(Channel::Email));
    assert_eq!(r.requester_type, Some(RequesterType::Journalist));
    assert_eq!(r.requester_name.as_deref(), Some("Siân Llŷr"));
    assert_eq!(first.summary.projection.status, "awaiting_response");
    // 20 working days after Friday 20 November 2026, St Andrew's Day
    // (Monday 30 November, a bank holiday in Scotland) not counted.
    assert_eq!(
        first
            .stage
            .next_deadline
            .map(|n| n.date.to_string())
            .as_deref(),
        Some("2026-12-21")
    );
    let second = service
        .as_user(&admin)
        .log_request(request("2026-11-23", &["Overtime"]))
        .await
        .unwrap();
    assert_eq!(second.summary.reference, "MET-2026-0002");
}

#[tokio::test]
async fn a_bad_request_is_refused_naming_the_field_and_writes_nothing() {
    let (store, _dir) = store().await;
    let e = system("2026-11-23", &store);
    let (officer, kent, _, caseworker) = people(&e).await;
    let service = e.service();
    let cases: Vec<(&str, LogRequest, &str)> = vec![
        (
            "received tomorrow",
            request("2026-11-24", &["x"]),
            "received",
        ),
        ("no parts", request("2026-11-20", &["  ", ""]), "parts"),
        (
            "no name",
            LogRequest {
                requester_name: " ".into(),
                ..request("2026-11-20", &["x"])
            },
            "requester_name",
        ),
        (
            "no contact",
            LogRequest {
                contact: vec!["".into()],
                ..request("2026-11-20", &["x"])
            },
            "contact",
        ),
        (
            "bad prefix",
            LogRequest {
                reference_prefix: "met 1".into(),
                ..request("2026-11-20", &["x"])
            },
            "reference_prefix",
        ),
        (
            "no such authority",
            LogRequest {
                authority_slug: "nope".into(),
                ..request("2026-11-20", &["x"])
            },
            "authority",
        ),
    ];
    for (what, r, field) in cases {
        match service.as_user(&officer).log_request(r).await {
            Err(EngineError::Invalid { field: f, .. }) => assert_eq!(f, field, "{what}"),
            other => panic!("{what}: {other:?}"),
        }
    }
    for who in [&kent, &caseworker] {
        let err = service
            .as_user(who)
            .log_request(request("2026-11-20", &["x"]))
            .await
            .unwrap_err();
        assert!(
            matches!(err, EngineError::Forbidden { .. }),
            "{}: {err:?}",
            who.email
        );
    }
    assert_eq!(e.holdings().await.unwrap().cases, 0);
}

#[tokio::test]
async fn the_list_filters_and_hides_the_requester_type_outside_the_authority() {
    let (store, _dir) = store().await;
    let e = system("2026-11-23", &store);
    let (officer, kent, admin, caseworker) = people(&e).await;
    let service = e.service();
    let me = service.as_user(&officer);
    me.log_request(request("2026-10-01", &["Drone policy"]))
        .await
        .unwrap();
    let air = LogRequest {
        regime: Regime::Eir,
        ..request("2026-11-20", &["Air quality at the depot"])
    };
    me.log_request(air).await.unwrap();
    let refs = |rows: &[foidesk_engine::api::ListedCase]| {
        rows.iter()
            .map(|r| r.summary.reference.clone())
            .collect::<Vec<_>>()
    };
    let all = me.case_list(&CaseListFilter::default()).await.unwrap();
    assert_eq!(
        refs(&all),
        ["MET-2026-0002", "MET-2026-0001"],
        "newest received first"
    );
    assert_eq!(all[0].listing.requester_type.as_deref(), Some("journalist"));
    assert_eq!(
        all[0].listing.subject.as_deref(),
        Some("Air quality at the depot")
    );
    let overdue = CaseListFilter {
        overdue: true,
        ..CaseListFilter::default()
    };
    assert_eq!(
        refs(&me.case_list(&overdue).await.unwrap()),
        ["MET-2026-0001"]
    );
    let eir = CaseListFilter {
        regime: Some(Regime::Eir),
        ..CaseListFilter::default()
    };
    assert_eq!(refs(&me.case_list(&eir).await.unwrap()), ["MET-2026-0002"]);
    let search = CaseListFilter {
        search: Some("DRONE".into()),
        sort: CaseSort::Reference,
        ..CaseListFilter::default()
    };
    assert_eq!(
        refs(&me.case_list(&search).await.unwrap()),
        ["MET-2026-0001"]
    );
    assert!(service
        .as_user(&kent)
        .case_list(&CaseListFilter::default())
        .await
        .unwrap()
        .is_empty());
    let admin_rows = service
        .as_user(&admin)
        .case_list(&CaseListFilter::default())
        .await
        .unwrap();
    assert_eq!(admin_rows.len(), 2);
    // A caseworker sees no case until it is with the regulator; the view of
    // one hides the requester's contact and type.
    assert!(service
        .as_user(&caseworker)
        .case_list(&CaseListFilter::default())
        .await
        .unwrap()
        .is_empty());
    let id = all[0].summary.id;
    let officer_view = me.case(id).await.unwrap().unwrap();
    assert_eq!(officer_view.file.request.contact, ["sian@example.org"]);
    let admin_view = service.as_user(&admin).case(id).await.unwrap().unwrap();
    assert_eq!(
        admin_view.file.request.requester_type.as_deref(),
        Some("journalist")
    );
}

#[tokio::test]
async fn colleagues_are_the_authoritys_enabled_officers_or_the_regulators_caseworkers() {
    let (store, _dir) = store().await;
    let e = system("2026-11-23", &store);
    let (officer, kent, admin, caseworker) = people(&e).await;
    e.add_user("b@met.example", "Bea Brown", Role::Officer, Some("met"), PW)
        .await
        .unwrap();
    let met = e
        .store()
        .authority_by_slug("met")
        .await
        .unwrap()
        .unwrap()
        .id;
    let service = e.service();
    let names: Vec<String> = service
        .as_user(&officer)
        .colleagues(met)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.email)
        .collect();
    assert_eq!(names, ["b@met.example", "o@met.example"]);
    assert_eq!(
        service.as_user(&admin).colleagues(met).await.unwrap().len(),
        2
    );
    // A caseworker assigns within the regulator.
    let regulator = service.as_user(&caseworker).colleagues(met).await.unwrap();
    assert_eq!(regulator.len(), 1);
    assert_eq!(regulator[0].email, "c@ico.example");
    assert!(matches!(
        service.as_user(&kent).colleagues(met).await,
        Err(EngineError::Forbidden { .. })
    ));
}

#[tokio::test]
async fn a_case_is_assigned_only_to_a_colleague_or_to_nobody() {
    let (store, _dir) = store().await;
    let e = system("2026-11-23", &store);
    let (officer, _, admin, _) = people(&e).await;
    let service = e.service();
    let me = service.as_user(&officer);
    let view = me
        .log_request(request("2026-11-20", &["Drone policy"]))
        .await
        .unwrap();
    let id = view.summary.id;
    let assign = |to: &str| foidesk_case::file::EventFile {
        kind: "assigned".into(),
        date: "2026-11-23".into(),
        assignee: Some(to.into()),
        ..Default::default()
    };
    let cases: [(&User, &str, Option<&str>); 5] = [
        (&officer, "o@met.example", None),
        (&admin, "O@MET.example", None),
        (&officer, "", None),
        (&officer, "k@kent.example", Some("assignee")),
        (&admin, "Someone Else", Some("assignee")),
    ];
    for (who, to, refused) in cases {
        let version = e.store().case_summary(id).await.unwrap().unwrap().version;
        let got = service
            .as_user(who)
            .append_event(id, version, assign(to))
            .await;
        match (got, refused) {
            (Ok(_), None) => {}
            (Err(EngineError::Invalid { field, message }), Some(want)) => {
                assert_eq!(field, want, "{to}");
                assert!(
                    message.contains("choose someone from the list"),
                    "{message}"
                );
            }
            (got, want) => panic!("{to}: {got:?}, wanted {want:?}"),
        }
    }
}

#[tokio::test]
async fn the_requesters_contact_and_type_stay_within_the_authority() {
    let (store, _dir) = store().await;
    let e = system("2026-11-23", &store);
    let (officer, _, _, caseworker) = people(&e).await;
    let requester = e
        .add_user("r@example.org", "Rhys", Role::Requester, None, PW)
        .await
        .unwrap();
    let text = "[request]\nauthority = \"Metropolitan Police Service\"\nregime = \"FOIA\"\n\
                received = \"2019-01-07\"\nrequester = \"r@example.org\"\n\
                contact = [\"1 High Street\"]\nrequester_type = \"mp\"\n\
                [[events]]\nkind = \"response\"\ndate = \"2019-02-01\"\n\
                outcomes = [{ part = \"all\", outcome = \"disclosed\" }]\n\
                [[events]]\nkind = \"complaint\"\ndate = \"2019-03-01\"\n";
    let file: foidesk_case::file::CaseFile = toml::from_str(text).unwrap();
    let id = e
        .open_case("met", "MET-1", file, "setup")
        .await
        .unwrap()
        .summary
        .id;
    let service = e.service();
    let seen = service.as_user(&officer).case(id).await.unwrap().unwrap();
    assert_eq!(seen.file.request.requester_type.as_deref(), Some("mp"));
    for who in [&requester, &caseworker] {
        let view = service.as_user(who).case(id).await.unwrap().unwrap();
        let r = &view.file.request;
        assert!(
            r.contact.is_empty() && r.requester_type.is_none(),
            "{}",
            who.email
        );
        assert!(view.case.request.contact.is_empty() && view.case.request.requester_type.is_none());
        let listed = service
            .as_user(who)
            .case_list(&CaseListFilter::default())
            .await
            .unwrap();
        assert_eq!(listed.len(), 1, "{}", who.email);
        assert_eq!(listed[0].listing.requester_type, None, "{}", who.email);
    }
    // What an append answers with is the caseworker's view too.
    let version = e.store().case_summary(id).await.unwrap().unwrap().version;
    let event = foidesk_case::file::EventFile {
        kind: "assigned".into(),
        date: "2019-03-02".into(),
        assignee: Some("c@ico.example".into()),
        ..Default::default()
    };
    let after = service
        .as_user(&caseworker)
        .append_event(id, version, event)
        .await
        .unwrap();
    assert!(after.file.request.contact.is_empty() && after.file.request.requester_type.is_none());
    let seen = service.as_user(&requester).case(id).await.unwrap().unwrap();
    assert!(seen.file.request.contact.is_empty());
}

#[tokio::test]
async fn imported_cases_are_listed_and_searched_like_logged_ones() {
    let (store, _dir) = store().await;
    let e = system("2026-11-23", &store);
    let (officer, _, _, _) = people(&e).await;
    let text = "[request]\nauthority = \"Metropolitan Police Service\"\nregime = \"EIR\"\n\
                received = \"2026-11-02\"\n[[request.parts]]\nid = \"1\"\ntext = \"Noise complaints\"\n";
    let file: foidesk_case::file::CaseFile = toml::from_str(text).unwrap();
    e.import_cases(&[("met".into(), "IMP-1".into(), file)], "import")
        .await
        .unwrap();
    let search = CaseListFilter {
        search: Some("noise".into()),
        ..CaseListFilter::default()
    };
    let rows = e
        .service()
        .as_user(&officer)
        .case_list(&search)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    let l = &rows[0].listing;
    assert_eq!(
        (
            l.subject.as_deref(),
            l.received.as_deref(),
            l.regime.as_deref()
        ),
        (Some("Noise complaints"), Some("2026-11-02"), Some("EIR"))
    );
}
