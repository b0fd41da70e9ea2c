//! The Commissioner's queue, as at a fixed date: complaint ages in days and
//! weeks, oldest first, live complaints apart from decided and declined
//! ones, the filters, and who may see it.

use crate::common::{store, system};
use foidesk_case::file::{CaseFile, EventFile, RequestFile};
use foidesk_engine::{ComplaintFilter, ComplaintStage, EngineError, Role, System, User};

const PW: &str = "long enough password";
const TODAY: &str = "2026-11-23";

fn event(kind: &str, date: &str) -> EventFile {
    EventFile {
        kind: kind.into(),
        date: date.into(),
        ..Default::default()
    }
}

/// A request received `received`, refused on cost, complained of on
/// `complained`, then `more` events.
fn file(received: &str, complained: &str, more: Vec<EventFile>) -> CaseFile {
    let mut response = event("response", received);
    response.outcomes = vec![foidesk_case::file::OutcomeFile {
        part: "all".into(),
        outcome: "cost_limit".into(),
        provisions: vec![],
    }];
    let mut events = vec![response, event("complaint", complained)];
    events.extend(more);
    CaseFile {
        case: None,
        request: RequestFile {
            authority: "Authority".into(),
            authority_type: None,
            regime: "FOIA".into(),
            received: received.into(),
            requester: None,
            channel: None,
            requester_name: None,
            contact: vec![],
            requester_type: None,
            parts: vec![],
            school_calendar: None,
        },
        events,
        expect: None,
    }
}

fn declined(date: &str) -> EventFile {
    let mut e = event("complaint_declined", date);
    e.ground = Some("not_exhausted".into());
    e.message = Some("Ask the authority for a review first.".into());
    e
}

fn assigned(date: &str, who: &str) -> EventFile {
    let mut e = event("assigned", date);
    e.assignee = Some(who.into());
    e
}

async fn setup(e: &System) -> (User, User) {
    e.add_authority("kent", "Kent Police").await.unwrap();
    e.add_authority("met", "Metropolitan Police Service")
        .await
        .unwrap();
    // (authority, reference, received, complained, later events)
    let cases = [
        ("kent", "K-1", "2026-09-01", "2026-10-31", vec![]),
        (
            "met",
            "M-1",
            "2026-08-03",
            "2026-09-14",
            vec![event("complaint_accepted", "2026-10-01")],
        ),
        ("kent", "K-2", "2026-10-01", "2026-11-23", vec![]),
        (
            "met",
            "M-2",
            "2026-07-01",
            "2026-08-03",
            vec![declined("2026-08-20")],
        ),
        (
            "kent",
            "K-3",
            "2026-10-01",
            "2026-11-16",
            vec![assigned("2026-11-17", "c@ico.example")],
        ),
        // Never complained of: not the Commissioner's.
        ("kent", "K-4", "2026-10-01", "", vec![]),
    ];
    for (authority, reference, received, complained, more) in cases {
        let mut f = file(received, complained, more);
        if complained.is_empty() {
            f.events.truncate(1);
        }
        e.open_case(authority, reference, f, "o@example.org")
            .await
            .unwrap();
    }
    let caseworker = e
        .add_user("c@ico.example", "Cas Worker", Role::Caseworker, None, PW)
        .await
        .unwrap();
    let officer = e
        .add_user(
            "o@kent.example",
            "Kim Kent",
            Role::Officer,
            Some("kent"),
            PW,
        )
        .await
        .unwrap();
    (caseworker, officer)
}

#[tokio::test]
async fn the_queue_shows_ages_oldest_first_and_keeps_decided_apart() {
    let (store, _dir) = store().await;
    let e = system(TODAY, &store);
    let (caseworker, officer) = setup(&e).await;
    let service = e.service();
    let me = service.as_user(&caseworker);
    let kent = me.authority("kent").await.unwrap().unwrap().id;
    let check = async |filter: ComplaintFilter, live: bool, want: &[(&str, &str, &str, &str)]| {
        let rows = me.complaints(&filter, live, 50).await.unwrap();
        let got: Vec<(String, String, String, String)> = rows
            .iter()
            .map(|r| {
                (
                    r.summary.reference.clone(),
                    r.age_words(),
                    r.authority.clone(),
                    ComplaintStage::words(
                        foidesk_engine::api::Status::from_name(&r.summary.projection.status)
                            .unwrap(),
                    )
                    .to_owned(),
                )
            })
            .collect();
        let want: Vec<(String, String, String, String)> = want
            .iter()
            .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
            .collect();
        assert_eq!(got, want, "{filter:?}, live {live}");
    };
    check(
        ComplaintFilter::default(),
        true,
        &[
            (
                "M-1",
                "70 days (10 weeks)",
                "Metropolitan Police Service",
                "investigation",
            ),
            ("K-1", "23 days (3 weeks)", "Kent Police", "eligibility"),
            ("K-3", "7 days (1 week)", "Kent Police", "eligibility"),
            ("K-2", "0 days (0 weeks)", "Kent Police", "eligibility"),
        ],
    )
    .await;
    check(
        ComplaintFilter::default(),
        false,
        &[(
            "M-2",
            "112 days (16 weeks)",
            "Metropolitan Police Service",
            "declined",
        )],
    )
    .await;
    check(
        ComplaintFilter {
            stage: Some(ComplaintStage::Investigation),
            ..Default::default()
        },
        true,
        &[(
            "M-1",
            "70 days (10 weeks)",
            "Metropolitan Police Service",
            "investigation",
        )],
    )
    .await;
    check(
        ComplaintFilter {
            authority_id: Some(kent),
            ..Default::default()
        },
        true,
        &[
            ("K-1", "23 days (3 weeks)", "Kent Police", "eligibility"),
            ("K-3", "7 days (1 week)", "Kent Police", "eligibility"),
            ("K-2", "0 days (0 weeks)", "Kent Police", "eligibility"),
        ],
    )
    .await;
    check(
        ComplaintFilter {
            mine: true,
            ..Default::default()
        },
        true,
        &[("K-3", "7 days (1 week)", "Kent Police", "eligibility")],
    )
    .await;
    // The queue is the Commissioner's.
    let err = service
        .as_user(&officer)
        .complaints(&ComplaintFilter::default(), true, 50)
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::Forbidden { .. }), "{err}");
}

fn by_hand(authority: foidesk_engine::ComplaintAuthority) -> foidesk_engine::OpenComplaint {
    use foidesk_calendar::Date;
    let d = |s: &str| Date::parse(s).unwrap();
    foidesk_engine::OpenComplaint {
        authority,
        regime: foidesk_law::Regime::Foia,
        parts: vec!["Minutes of the parish council's meetings in 2026.".into()],
        request_sent: d("2026-09-01"),
        response: Some((d("2026-09-25"), foidesk_case::Outcome::Withheld)),
        response_provisions: vec!["section 31(1)(a)".into()],
        review_requested: Some(d("2026-09-30")),
        review: Some((d("2026-10-20"), foidesk_case::ReviewResult::Upheld)),
        complained: d("2026-11-02"),
    }
}

#[tokio::test]
async fn a_complaint_opened_by_hand_is_checked_first_and_writes_nothing_when_wrong() {
    use foidesk_calendar::Date;
    use foidesk_engine::ComplaintAuthority::{New, Stored};
    let (store, _dir) = store().await;
    let e = system(TODAY, &store);
    let (caseworker, officer) = setup(&e).await;
    let service = e.service();
    let me = service.as_user(&caseworker);
    let count = async || {
        (
            me.authorities().await.unwrap().len(),
            me.complaints(&ComplaintFilter::default(), true, 100)
                .await
                .unwrap()
                .len(),
        )
    };
    let before = count().await;
    let d = |s: &str| Date::parse(s).unwrap();
    let new = || New("Ambridge Parish Council".into());
    // (what is wrong, the field named)
    let mut wrong: Vec<(foidesk_engine::OpenComplaint, &str)> = Vec::new();
    let mut c = by_hand(new());
    c.parts = vec!["  ".into()];
    wrong.push((c, "parts"));
    let mut c = by_hand(new());
    c.response = Some((d("2026-08-01"), foidesk_case::Outcome::Withheld));
    wrong.push((c, "response"));
    let mut c = by_hand(new());
    c.response = None;
    wrong.push((c, "review_requested"));
    let mut c = by_hand(new());
    c.complained = d("2026-10-01");
    wrong.push((c, "complained"));
    let mut c = by_hand(new());
    c.complained = d("2026-12-01");
    wrong.push((c, "complained"));
    wrong.push((by_hand(New(" !! ".into())), "authority_name"));
    let mut c = by_hand(new());
    c.response_provisions = vec!["s.99".into()];
    wrong.push((c, "provisions"));
    let mut c = by_hand(new());
    c.response = Some((d("2026-09-25"), foidesk_case::Outcome::Disclosed));
    wrong.push((c, "provisions"));
    wrong.push((by_hand(Stored("nowhere".into())), "authority"));
    for (c, field) in wrong {
        match me.open_complaint(c).await {
            Err(EngineError::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
        assert_eq!(count().await, before, "{field}: nothing is written");
    }
    let err = service
        .as_user(&officer)
        .open_complaint(by_hand(Stored("kent".into())))
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::Forbidden { .. }), "{err}");

    let view = me.open_complaint(by_hand(new())).await.unwrap();
    assert_eq!(view.summary.reference, "IC-2026-0001");
    assert_eq!(view.case.request.authority, "Ambridge Parish Council");
    assert_eq!(view.stage.status, foidesk_case::Status::WithCommissioner);
    // The exemption named, the refusal breaches nothing by leaving it out.
    assert!(
        view.assessment
            .findings
            .iter()
            .all(|f| f.kind != foidesk_case::FindingKind::Breach),
        "{:?}",
        view.assessment.findings
    );
    assert_eq!(count().await, (before.0 + 1, before.1 + 1));
    // The same name again is the same authority, under the next reference.
    let again = me.open_complaint(by_hand(new())).await.unwrap();
    assert_eq!(again.summary.reference, "IC-2026-0002");
    assert_eq!(again.summary.authority_id, view.summary.authority_id);
    let rows = me
        .complaints(&ComplaintFilter::default(), true, 100)
        .await
        .unwrap();
    let row = rows
        .iter()
        .find(|r| r.summary.id == view.summary.id)
        .unwrap();
    assert_eq!(row.age_words(), "21 days (3 weeks)");

    // A name the register knows as another name of an authority is that
    // authority; a new one is added to the register.
    e.add_alias("kent", "Chief Constable of Kent Police", "cli:test")
        .await
        .unwrap();
    let kent = me
        .open_complaint(by_hand(New("the chief constable of Kent Police".into())))
        .await
        .unwrap();
    let kent_id = e.authority("kent").await.unwrap().unwrap().id;
    assert_eq!(kent.summary.authority_id, kent_id);
    let register = e.register().await.unwrap();
    assert!(register.resolve("Ambridge Parish Council").is_some());
}
