//! A request's status in its requester's words, over the example timelines
//! cut after some of their events and read as at chosen days.

use foidesk_calendar::{Date, WorkingDayCalendar};
use foidesk_case::{assess, day_and_month, parse_case, requester_status};

/// The example `name` cut after its first `events` events, as at `as_at`.
fn check(name: &str, events: usize, as_at: &str, want: &str) {
    let path = foidesk_testkit::example_case(name);
    let mut case = parse_case(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(events <= case.events.len(), "{name} has fewer events");
    case.events.truncate(events);
    let as_at = Date::parse(as_at).unwrap();
    let assessment = assess(&case, as_at).unwrap();
    let got = requester_status(&case, &assessment, as_at, WorkingDayCalendar::standard()).unwrap();
    assert_eq!(got, want, "{name} after {events} events, as at {as_at}");
}

#[test]
fn each_stage_in_the_requesters_words() {
    let met = "2020-06-23_metropolitan-police-service";
    // (example, events kept, as at, the words)
    for (name, events, as_at, want) in [
        // Received 7 November 2019; day 20 is 6 December.
        (met, 0, "2019-11-07", "awaiting response, due 6 December"),
        (met, 0, "2019-12-06", "awaiting response, due 6 December"),
        // Saturday after the due Friday: late, but no working day has passed.
        (met, 0, "2019-12-07", "response overdue"),
        (met, 0, "2019-12-09", "response overdue by 1 working day"),
        (met, 0, "2019-12-11", "response overdue by 3 working days"),
        // The part disclosed, part withheld response.
        (met, 2, "2020-01-28", "refused in part"),
        (met, 3, "2020-02-10", "under review"),
        // Review requested 10 February: 20 working days is 9 March.
        (
            met,
            3,
            "2020-03-11",
            "internal review overdue by 2 working days",
        ),
        (met, 4, "2020-02-19", "review upheld the response"),
        (met, 5, "2020-02-19", "with the Commissioner"),
        (met, 6, "2020-06-23", "the Commissioner ordered steps"),
        ("2024-11-18_kent-police", 1, "2024-07-02", "refused"),
        (
            "2024-11-18_kent-police",
            4,
            "2024-11-18",
            "decided by the Commissioner",
        ),
        (
            "synthetic-fee-pause",
            1,
            "2023-09-11",
            "a fee is asked for before the authority answers",
        ),
        // Paid on 25 September: the clock runs again, to 17 October.
        (
            "synthetic-fee-pause",
            2,
            "2023-09-25",
            "awaiting response, due 17 October",
        ),
        ("synthetic-fee-pause", 3, "2023-10-13", "answered"),
        (
            "synthetic-clarification-restarts-clock",
            1,
            "2024-01-10",
            "the authority asked you to clarify",
        ),
        (
            "synthetic-clarification-restarts-clock",
            2,
            "2024-01-22",
            "awaiting response, due 19 February",
        ),
        (
            "synthetic-internal-review-too-late",
            3,
            "2024-05-22",
            "the authority declined to review",
        ),
        // EIR reg.7: extended to 40 working days, so due 28 October.
        (
            "synthetic-eir-reg7-extension",
            1,
            "2024-10-20",
            "awaiting response, due 28 October",
        ),
        (
            "synthetic-complaint-before-review",
            2,
            "2024-02-20",
            "with the Commissioner",
        ),
    ] {
        check(name, events, as_at, want);
    }
}

#[test]
fn the_year_is_said_only_when_it_is_not_this_year() {
    for (date, as_at, want) in [
        ("2026-12-04", "2026-11-23", "4 December"),
        ("2027-01-04", "2026-12-20", "4 January 2027"),
        ("2026-12-31", "2027-01-02", "31 December 2026"),
    ] {
        let got = day_and_month(Date::parse(date).unwrap(), Date::parse(as_at).unwrap());
        assert_eq!(got, want, "{date} as at {as_at}");
    }
}
