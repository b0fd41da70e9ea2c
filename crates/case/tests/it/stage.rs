//! The stage of a case after each event of the example timelines, and the
//! deadline its queue shows.

use foidesk_calendar::Date;
use foidesk_case::{assess, parse_case, stage, Status};

/// The example `name` cut after its first `events` events.
fn check(name: &str, events: usize, status: Status, next: Option<(&str, &str)>) {
    let path = foidesk_testkit::example_case(name);
    let mut case = parse_case(&std::fs::read_to_string(&path).unwrap()).unwrap();
    case.events.truncate(events);
    let a = assess(&case, Date::parse(foidesk_testkit::AS_AT).unwrap()).unwrap();
    let s = stage(&case, &a);
    assert_eq!(s.status, status, "{name} after {events} events");
    let got = s.next_deadline.map(|n| (n.name, n.date.to_string()));
    let want = next.map(|(n, d)| (n, d.to_owned()));
    assert_eq!(got, want, "{name} after {events} events");
}

#[test]
fn the_2020_met_timeline_step_by_step() {
    let n = "2020-06-23_metropolitan-police-service";
    // Received 2019-11-07; FOIA s.10(1): 20 working days.
    check(
        n,
        0,
        Status::AwaitingResponse,
        Some(("response_due", "2019-12-06")),
    );
    check(n, 2, Status::Responded, None);
    // Review requested: answered within 20 working days (s.45 code).
    check(
        n,
        3,
        Status::AwaitingInternalReview,
        Some(("internal_review_due", "2020-03-09")),
    );
    check(n, 4, Status::Reviewed, None);
    check(n, 5, Status::WithCommissioner, None);
    // The notice ordered steps: 35 calendar days (FACTS.md), so 2020-07-28.
    check(
        n,
        6,
        Status::StepsOrdered,
        Some(("steps_due", "2020-07-28")),
    );
}

#[test]
fn a_public_interest_extension_moves_the_response_deadline() {
    let n = "synthetic-pit-extension-in-time";
    // Received 2024-03-04; day 20 is 2024-04-04 (St Patrick's Day substitute,
    // Good Friday and Easter Monday are not working days).
    check(
        n,
        0,
        Status::AwaitingResponse,
        Some(("response_due", "2024-04-04")),
    );
    // The s.17(2) estimate given with the extension is later: it is the duty now.
    check(
        n,
        1,
        Status::AwaitingResponse,
        Some(("public_interest_estimate", "2024-04-25")),
    );
    check(n, 2, Status::Responded, None);
}

#[test]
fn clarification_and_fees_stop_the_clock() {
    check(
        "synthetic-clarification-restarts-clock",
        1,
        Status::AwaitingClarification,
        None,
    );
    // Clarification received 2024-01-22 restarts the 20 working days (s.1(3)).
    check(
        "synthetic-clarification-restarts-clock",
        2,
        Status::AwaitingResponse,
        Some(("response_due", "2024-02-19")),
    );
    // Fees notice 2023-09-11: three months to pay (s.9(2)).
    check(
        "synthetic-fee-pause",
        1,
        Status::AwaitingFee,
        Some(("fee_payment_by", "2023-12-11")),
    );
}

#[test]
fn a_notice_without_steps_is_decided() {
    check("2024-11-18_kent-police", 4, Status::Decided, None);
}

#[test]
fn status_names_match_their_json_and_only_complaint_stages_are_with_the_regulator() {
    let mut with_regulator = Vec::new();
    for s in Status::ALL {
        assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        if s.is_with_regulator() {
            with_regulator.push(s.as_str());
        }
    }
    assert_eq!(
        with_regulator,
        [
            "with_commissioner",
            "under_investigation",
            "complaint_declined",
            "steps_ordered",
            "decided",
            "appealed"
        ]
    );
}

#[test]
fn each_status_is_on_one_of_the_three_desks() {
    let desks: Vec<(&str, &str)> = Status::ALL
        .iter()
        .map(|s| (s.as_str(), s.desk().as_str()))
        .collect();
    assert_eq!(
        desks,
        [
            ("awaiting_response", "authority"),
            ("awaiting_clarification", "requester"),
            ("awaiting_fee", "requester"),
            ("responded", "requester"),
            ("awaiting_internal_review", "authority"),
            ("reviewed", "requester"),
            ("with_commissioner", "regulator"),
            ("under_investigation", "regulator"),
            ("complaint_declined", "requester"),
            ("steps_ordered", "authority"),
            ("decided", "regulator"),
            ("appealed", "regulator"),
            ("withdrawn", "requester"),
            ("duplicate", "requester"),
            ("transferred", "requester"),
        ]
    );
}
