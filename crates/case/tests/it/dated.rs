//! Nothing in a case may be dated after the latest date the caller allows.

use foidesk_calendar::Date;
use foidesk_case::{check_dates_not_after, check_event_date_not_after, parse_case, CaseError};

const REQUEST: &str = r#"
[request]
authority = "Borsetshire Police"
regime = "FOIA"
received = "2024-01-15"

[[request.parts]]
id = "1"
text = "Numbers of speed cameras."

[[events]]
kind = "clarification_sought"
date = "2024-01-20"

[[events]]
kind = "pit_extension"
date = "2024-02-12"
estimate = "2024-05-01"
provisions = ["s.31(1)"]
"#;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// (what follows the two events above, the latest date allowed, the field refused or None).
const CASES: [(&str, &str, Option<&str>); 7] = [
    ("", "2024-02-12", None),
    // The estimate is a forecast, so it may be ahead.
    ("", "2024-02-13", None),
    (
        "",
        "2024-02-11",
        Some("event 2 (pit_extension), field `date`"),
    ),
    (
        "[[events]]\nkind = \"clarification_received\"\ndate = \"2024-03-30\"\n",
        "2024-03-30",
        None,
    ),
    (
        "[[events]]\nkind = \"clarification_received\"\ndate = \"2024-03-31\"\n",
        "2024-03-30",
        Some("event 3 (clarification_received), field `date`"),
    ),
    (
        "[[events]]\nkind = \"complaint\"\ndate = \"2099-01-01\"\n",
        "2024-03-30",
        Some("event 3 (complaint), field `date`"),
    ),
    ("", "2024-01-14", Some("request.received")),
];

#[test]
fn finding_10_a_date_after_the_latest_allowed_is_refused_naming_its_field() {
    for (events, latest, refused) in CASES {
        let case = parse_case(&format!("{REQUEST}{events}")).unwrap();
        let got = check_dates_not_after(&case, date(latest));
        match (refused, got) {
            (None, Ok(())) => {}
            (Some(field), Err(CaseError::Field { location, message })) => {
                assert_eq!(location, field, "latest {latest}");
                // In plain words, with dates as people write them.
                assert!(message.contains(&date(latest).long_form()), "{message}");
                assert!(
                    message.starts_with("The date must be today or in the past"),
                    "{message}"
                );
                assert!(!message.contains(latest), "no ISO date: {message}");
            }
            (want, got) => panic!("latest {latest}, events {events:?}: want {want:?}, got {got:?}"),
        }
    }
}

#[test]
fn one_event_is_checked_alone_by_its_number_in_the_file() {
    let text = format!("{REQUEST}[[events]]\nkind = \"complaint\"\ndate = \"2024-01-16\"\n");
    let case = parse_case(&text).unwrap();
    let latest = date("2024-02-01");
    // Event 3 sorts before event 2 by date, but is found by its number.
    assert_eq!(check_event_date_not_after(&case, 3, latest), Ok(()));
    let err = check_event_date_not_after(&case, 2, latest).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("event 2 (pit_extension), field `date`: The date must be today or in the past: 12 February 2024"),
        "{err}"
    );
}
