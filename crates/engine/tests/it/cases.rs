//! Engine use cases over a real SQLite store: open, append, read, queues.

use crate::common::{engine, example, store, system};
use foidesk_case::file::{CaseFile, EventFile};
use foidesk_engine::{EngineError, QueueFilter, QueueKind, System};

/// The 2020 Met request as received, with no events yet.
fn met_request() -> (CaseFile, Vec<EventFile>) {
    let mut file = example("2020-06-23_metropolitan-police-service");
    let events = std::mem::take(&mut file.events);
    (file, events)
}

#[tokio::test]
async fn a_stored_case_is_assessed_like_its_file() {
    let (store, _dir) = store().await;
    let e = system("2026-11-22", &store);
    e.add_authority("met", "Metropolitan Police Service")
        .await
        .unwrap();
    let file = example("2020-06-23_metropolitan-police-service");
    let view = e
        .open_case("met", "2019-0001", file, "officer@met")
        .await
        .unwrap();
    assert_eq!(view.summary.version, 6);
    assert_eq!(view.summary.projection.status, "steps_ordered");
    assert_eq!(
        view.summary.projection.next_deadline.as_deref(),
        Some("2020-07-28")
    );
    assert!(view.assessment.has_breach_of("s.10(1)"));
    assert_eq!(view.recorded.len(), 6);
    assert!(view.recorded.iter().all(|(by, _)| by == "officer@met"));
}

#[tokio::test]
async fn appends_follow_the_timeline_and_stale_ones_conflict() {
    let (store, _dir) = store().await;
    // On the day of the last event appended: no event is dated after today.
    let e = system("2020-02-10", &store);
    e.add_authority("met", "Metropolitan Police Service")
        .await
        .unwrap();
    let (file, events) = met_request();
    let view = e
        .open_case("met", "2019-0001", file, "officer@met")
        .await
        .unwrap();
    assert_eq!(
        (
            view.summary.version,
            view.summary.projection.status.as_str()
        ),
        (0, "awaiting_response")
    );
    assert_eq!(
        view.summary.projection.next_deadline.as_deref(),
        Some("2019-12-06")
    );
    let id = view.summary.id;
    let after = e
        .append_event(id, 0, events[0].clone(), "officer@met")
        .await
        .unwrap();
    assert_eq!(after.summary.version, 1);
    let after = e
        .append_event(id, 1, events[1].clone(), "officer@met")
        .await
        .unwrap();
    assert_eq!(
        (
            after.summary.version,
            after.summary.projection.status.as_str()
        ),
        (2, "responded")
    );
    // A second client still at version 1 is refused, and nothing changes.
    let err = e
        .append_event(id, 1, events[2].clone(), "other@met")
        .await
        .unwrap_err();
    assert!(
        matches!(err, EngineError::Conflict { current: 2, .. }),
        "{err}"
    );
    assert_eq!(e.case_view(id).await.unwrap().unwrap().summary.version, 2);
}

#[tokio::test]
async fn an_event_that_breaks_the_timeline_writes_nothing() {
    let (store, _dir) = store().await;
    let e = system("2020-02-10", &store);
    e.add_authority("met", "Metropolitan Police Service")
        .await
        .unwrap();
    let (file, events) = met_request();
    let id = e
        .open_case("met", "2019-0001", file, "o")
        .await
        .unwrap()
        .summary
        .id;
    let mut early = events[1].clone();
    early.date = "2019-01-01".into(); // before the request was received
    let err = e.append_event(id, 0, early, "o").await.unwrap_err();
    assert!(matches!(err, EngineError::Case(_)), "{err}");
    let mut unknown = events[1].clone();
    unknown.kind = "telepathy".into();
    assert!(e.append_event(id, 0, unknown, "o").await.is_err());
    let view = e.case_view(id).await.unwrap().unwrap();
    assert_eq!(view.summary.version, 0);
    assert!(view.file.events.is_empty());
}

#[tokio::test]
async fn queues_list_what_is_due_and_overdue() {
    let (store, _dir) = store().await;
    let setup = system("2019-11-08", &store);
    let met = setup
        .add_authority("met", "Metropolitan Police Service")
        .await
        .unwrap();
    setup.add_authority("kent", "Kent Police").await.unwrap();
    let (file, _) = met_request();
    setup
        .open_case("met", "2019-0001", file.clone(), "o")
        .await
        .unwrap();
    let refs =
        |v: Vec<foidesk_store::CaseSummary>| v.into_iter().map(|c| c.reference).collect::<Vec<_>>();
    let all = QueueFilter::default();
    let met_only = QueueFilter {
        authority_id: Some(met.id),
        ..Default::default()
    };
    // Response due 2019-12-06 (FOIA s.10(1)).
    let on = system("2019-12-06", &store);
    assert_eq!(
        refs(on.queue(QueueKind::DueToday, &all, 50).await.unwrap()),
        ["2019-0001"]
    );
    let before = system("2019-12-02", &store);
    assert_eq!(
        refs(
            before
                .queue(QueueKind::DueWithinWorkingDays(4), &met_only, 50)
                .await
                .unwrap()
        ),
        ["2019-0001"]
    );
    assert!(before
        .queue(QueueKind::DueWithinWorkingDays(3), &met_only, 50)
        .await
        .unwrap()
        .is_empty());
    let late = system("2019-12-09", &store);
    assert_eq!(
        refs(late.queue(QueueKind::Overdue, &met_only, 50).await.unwrap()),
        ["2019-0001"]
    );
    let kent_only = QueueFilter {
        authority_id: Some(met.id + 1),
        ..Default::default()
    };
    assert!(late
        .queue(QueueKind::Overdue, &kent_only, 50)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn bad_authorities_and_references_are_refused() {
    let (store, _dir) = store().await;
    let e = system("2019-11-20", &store);
    for (slug, name) in [("", "X"), ("Has Space", "X"), ("ok", "  ")] {
        assert!(
            matches!(
                e.add_authority(slug, name).await,
                Err(EngineError::Invalid { .. })
            ),
            "{slug:?}"
        );
    }
    let (file, _) = met_request();
    let err = e.open_case("nobody", "R1", file, "o").await.unwrap_err();
    assert!(err.to_string().contains("no authority 'nobody'"), "{err}");
    assert!(store.authorities().await.unwrap().is_empty());
}

/// An assigned event sets who holds the case; the desk follows whose move
/// it is. Queues filter by both.
#[tokio::test]
async fn queues_filter_by_assignee_and_desk() {
    let (store, _dir) = store().await;
    let e = system("2019-12-09", &store);
    e.add_authority("met", "Metropolitan Police Service")
        .await
        .unwrap();
    let (file, _) = met_request();
    let view = e.open_case("met", "2019-0001", file, "o").await.unwrap();
    assert_eq!(view.summary.projection.desk, "authority");
    assert_eq!(view.summary.projection.assignee, None);
    let assign = |who: &str| EventFile {
        kind: "assigned".into(),
        date: "2019-11-08".into(),
        assignee: Some(who.into()),
        ..Default::default()
    };
    let id = view.summary.id;
    e.append_event(id, 0, assign("sam@met.example.org"), "lead")
        .await
        .unwrap();
    let overdue = async |desk: Option<&str>, assignee: Option<&str>| {
        let filter = QueueFilter {
            desk: desk.map(str::to_owned),
            assignee: assignee.map(str::to_owned),
            ..Default::default()
        };
        e.queue(QueueKind::Overdue, &filter, 50)
            .await
            .unwrap()
            .len()
    };
    assert_eq!(
        overdue(Some("authority"), Some("sam@met.example.org")).await,
        1
    );
    assert_eq!(overdue(None, Some("kim@met.example.org")).await, 0);
    assert_eq!(overdue(Some("regulator"), None).await, 0);
    // Clarification sought: the requester's move; the clock waits (s.1(3)).
    let sought = EventFile {
        kind: "clarification_sought".into(),
        date: "2019-11-11".into(),
        ..Default::default()
    };
    let after = e.append_event(id, 1, sought, "sam").await.unwrap();
    assert_eq!(after.summary.projection.desk, "requester");
    assert_eq!(
        after.summary.projection.assignee.as_deref(),
        Some("sam@met.example.org")
    );
    // "" hands the case back to nobody.
    let after = e.append_event(id, 2, assign(""), "lead").await.unwrap();
    assert_eq!(after.summary.projection.assignee, None);
    let bad = EventFile {
        kind: "assigned".into(),
        date: "2019-11-12".into(),
        ..Default::default()
    };
    let err = e.append_event(id, 3, bad, "lead").await.unwrap_err();
    assert!(err.to_string().contains("field `assignee`"), "{err}");
}

/// An engine at `today` with `met` and a case for the 2019 Met request as
/// received (no events yet); returns its id.
async fn met_case(e: &System, reference: &str) -> i64 {
    if e.store().authority_by_slug("met").await.unwrap().is_none() {
        e.add_authority("met", "Metropolitan Police Service")
            .await
            .unwrap();
    }
    let (file, _) = met_request();
    e.open_case("met", reference, file, "o")
        .await
        .unwrap()
        .summary
        .id
}

/// An append answers with the state it wrote: its version, its timeline
/// with its own event last, and its own audit entry, all as stored.
#[tokio::test]
async fn finding_3_an_append_answers_with_the_state_it_wrote() {
    let (store, _dir) = store().await;
    let e = system("2020-07-01", &store);
    let id = met_case(&e, "2019-0001").await;
    let (_, events) = met_request();
    for (n, event) in (0_i64..).zip(events) {
        let by = format!("officer{n}@met");
        let answer = e.append_event(id, n, event.clone(), &by).await.unwrap();
        let stored = e.case_view(id).await.unwrap().unwrap();
        assert_eq!(answer.summary, stored.summary, "event {n}");
        assert_eq!(answer.summary.version, n + 1);
        assert_eq!(answer.file, stored.file);
        assert_eq!(answer.file.events.last(), Some(&event));
        assert_eq!(answer.recorded, stored.recorded);
        assert_eq!(answer.recorded.last().map(|r| r.0.as_str()), Some(&*by));
        assert_eq!(answer.case, stored.case);
        assert_eq!(answer.assessment, stored.assessment);
        assert_eq!(answer.stage, stored.stage);
    }
}

fn event(kind: &str, date: &str) -> EventFile {
    EventFile {
        kind: kind.into(),
        date: date.into(),
        ..Default::default()
    }
}

fn refused_field(err: EngineError) -> String {
    match err {
        EngineError::Case(foidesk_case::CaseError::Field { location, .. }) => location,
        EngineError::Invalid { field, .. } => field,
        other => panic!("not a refused field: {other}"),
    }
}

/// A clarification dated seven weeks ahead once stopped the clock on an
/// overdue case and cleared its breach. It is refused; the case stays overdue.
#[tokio::test]
async fn finding_10_a_clarification_dated_ahead_cannot_clear_a_breach() {
    let (store, _dir) = store().await;
    // The response was due on 2019-12-06.
    let e = system("2019-12-09", &store);
    let id = met_case(&e, "2019-0001").await;
    let overdue = async || {
        e.queue(QueueKind::Overdue, &QueueFilter::default(), 50)
            .await
            .unwrap()
            .len()
    };
    assert_eq!(overdue().await, 1);
    for (kind, date) in [
        ("clarification_sought", "2020-01-27"),
        ("response", "2099-01-01"),
        ("complaint", "2019-12-10"),
    ] {
        let mut ahead = event(kind, date);
        if kind == "response" {
            ahead.outcomes = vec![foidesk_case::file::OutcomeFile {
                part: "all".into(),
                outcome: "disclosed".into(),
                provisions: Vec::new(),
            }];
        }
        let err = e.append_event(id, 0, ahead, "o").await.unwrap_err();
        assert!(
            err.to_string()
                .contains("The date must be today or in the past"),
            "{err}"
        );
        assert_eq!(
            refused_field(err),
            format!("event 1 ({kind}), field `date`")
        );
    }
    let view = e.case_view(id).await.unwrap().unwrap();
    assert_eq!(view.summary.version, 0);
    assert!(view.assessment.has_breach_of("s.10(1)"));
    assert_eq!(overdue().await, 1);
}

/// (tolerance in days, days after today the event is dated, accepted).
const TOLERANCES: [(u32, i64, bool); 6] = [
    (0, 0, true),
    (0, 1, false),
    (2, 1, true),
    (2, 2, true),
    (2, 3, false),
    (0, -1, true),
];

#[tokio::test]
async fn finding_10_a_tolerance_setting_allows_so_many_days_ahead() {
    let (store, _dir) = store().await;
    let today = foidesk_calendar::Date::parse("2019-11-20").unwrap();
    for (n, (tolerance, ahead, accepted)) in TOLERANCES.into_iter().enumerate() {
        let e = System::new(
            engine("2019-11-20").with_future_date_tolerance_days(tolerance),
            store.clone(),
        );
        let id = met_case(&e, &format!("2019-{n}")).await;
        let date = today.checked_add_days(ahead).unwrap().to_string();
        let got = e
            .append_event(id, 0, event("clarification_sought", &date), "o")
            .await;
        assert_eq!(
            got.is_ok(),
            accepted,
            "tolerance {tolerance}, {date}: {got:?}"
        );
    }
}

#[tokio::test]
async fn finding_10_opening_or_importing_a_case_dated_ahead_is_refused() {
    let (store, _dir) = store().await;
    // Before the response of 2020-01-28 (event 2 of the example).
    let e = system("2020-01-27", &store);
    e.add_authority("met", "Metropolitan Police Service")
        .await
        .unwrap();
    let whole = example("2020-06-23_metropolitan-police-service");
    let err = e
        .open_case("met", "2019-0001", whole.clone(), "o")
        .await
        .unwrap_err();
    assert_eq!(refused_field(err), "event 2 (response), field `date`");
    let (mut ahead, _) = met_request();
    ahead.request.received = "2020-01-28".into();
    let err = e
        .open_case("met", "2019-0002", ahead, "o")
        .await
        .unwrap_err();
    assert_eq!(refused_field(err), "request.received");
    let (fine, _) = met_request();
    let items = vec![
        ("met".to_owned(), "2019-0003".to_owned(), fine),
        ("met".to_owned(), "2019-0004".to_owned(), whole),
    ];
    let err = e.import_cases(&items, "o").await.unwrap_err();
    assert_eq!(
        refused_field(err),
        "items[1], event 2 (response), field `date`"
    );
    assert!(
        store.case(1).await.unwrap().is_none(),
        "nothing was written"
    );
}
