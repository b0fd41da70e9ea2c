//! The complaint stage: accepting, declining and investigating a complaint
//! validate only after it and in their own shape; each leaves the status it
//! names, and the authority's reply deadline runs until its submission.

use foidesk_calendar::{Date, WorkingDayCalendar};
use foidesk_case::{assess, parse_case, requester_status, stage, GroundState, Status};

const REQUEST: &str = r#"
[request]
authority = "Borsetshire Police"
regime = "FOIA"
received = "2024-01-15"

[[request.parts]]
id = "1"
text = "Numbers of speed cameras."

[[events]]
kind = "response"
date = "2024-02-09"
outcomes = [{ part = "1", outcome = "cost_limit" }]
"#;

const COMPLAINT: &str = "[[events]]\nkind = \"complaint\"\ndate = \"2024-02-20\"\n";

/// `events` after the request and its response: refused naming every
/// needle, or valid in `status` with the next deadline `next` and the
/// requester's status `words` as at 2024-06-03.
/// What a timeline must give: its status, next deadline and the
/// requester's words; or the phrases its refusal must name.
type Expected<'a> = Result<(Status, Option<(&'a str, &'a str)>, &'a str), &'a [&'a str]>;

fn check(events: &str, expect: Expected<'_>) {
    let text = format!("{REQUEST}\n{events}");
    let as_at = Date::parse("2024-06-03").unwrap();
    match (parse_case(&text), expect) {
        (Err(e), Err(needles)) => {
            let msg = e.to_string();
            for n in needles {
                assert!(msg.contains(n), "{msg:?} should mention {n:?}");
            }
        }
        (Ok(case), Ok((status, next, words))) => {
            let a = assess(&case, as_at).unwrap();
            let s = stage(&case, &a);
            assert_eq!(s.status, status, "{events}");
            let got = s.next_deadline.map(|n| (n.name, n.date.to_string()));
            assert_eq!(got, next.map(|(n, d)| (n, d.to_owned())), "{events}");
            let said = requester_status(&case, &a, as_at, WorkingDayCalendar::standard()).unwrap();
            assert_eq!(said, words, "{events}");
        }
        (got, want) => panic!("{events}: got {got:?}, wanted {want:?}"),
    }
}

const ACCEPTED: &str =
    "[[events]]\nkind = \"complaint_accepted\"\ndate = \"2024-03-01\"\nparts = [\"1\"]\n";
const LETTER: &str =
    "[[events]]\nkind = \"investigation_letter\"\ndate = \"2024-03-04\"\nreply_by = \"2024-04-01\"\n";

#[test]
fn accepting_and_declining_follow_a_complaint() {
    check(
        &format!("{COMPLAINT}{ACCEPTED}"),
        Ok((
            Status::UnderInvestigation,
            None,
            "the Commissioner is investigating",
        )),
    );
    check(
        &format!("{COMPLAINT}[[events]]\nkind = \"complaint_declined\"\ndate = \"2024-03-01\"\nground = \"not_exhausted\"\nmessage = \"Ask for an internal review first.\"\n"),
        Ok((
            Status::ComplaintDeclined,
            None,
            "the Commissioner will not investigate: see why",
        )),
    );
    check(
        ACCEPTED,
        Err(&["event 2 (complaint_accepted)", "complaint"]),
    );
    check(
        "[[events]]\nkind = \"complaint_declined\"\ndate = \"2024-03-01\"\nground = \"undue_delay\"\nmessage = \"Too late.\"\n",
        Err(&["event 2 (complaint_declined)", "needs an earlier complaint"]),
    );
}

#[test]
fn a_refusal_names_its_ground_and_gives_reasons() {
    let declined = |fields: &str| {
        format!(
            "{COMPLAINT}[[events]]\nkind = \"complaint_declined\"\ndate = \"2024-03-01\"\n{fields}"
        )
    };
    check(
        &declined("message = \"Why.\"\n"),
        Err(&["field `ground`", "not_exhausted"]),
    );
    check(
        &declined("ground = \"bored\"\nmessage = \"Why.\"\n"),
        Err(&["field `ground`", "'bored'"]),
    );
    check(
        &declined("ground = \"undue_delay\"\n"),
        Err(&["field `message`", "s.50(3)(a)"]),
    );
    check(
        &declined("ground = \"undue_delay\"\nmessage = \"  \"\n"),
        Err(&["field `message`"]),
    );
}

#[test]
fn the_scope_names_parts_of_the_request() {
    check(
        &format!("{COMPLAINT}[[events]]\nkind = \"complaint_accepted\"\ndate = \"2024-03-01\"\nparts = [\"7\"]\n"),
        Err(&["field `parts`", "'7'"]),
    );
    check(
        &format!("{COMPLAINT}[[events]]\nkind = \"complaint_accepted\"\ndate = \"2024-03-01\"\nprovisions = [\"s.99\"]\n"),
        Err(&["s.99", "unknown provision"]),
    );
}

#[test]
fn the_authority_reply_runs_from_the_letter_until_its_submission() {
    let open = format!("{COMPLAINT}{ACCEPTED}{LETTER}");
    check(
        &open,
        Ok((
            Status::UnderInvestigation,
            Some(("authority_reply_due", "2024-04-01")),
            "the Commissioner is investigating",
        )),
    );
    check(
        &format!("{open}[[events]]\nkind = \"authority_submission\"\ndate = \"2024-03-28\"\n"),
        Ok((
            Status::UnderInvestigation,
            None,
            "the Commissioner is investigating",
        )),
    );
    // A second letter asks again: its date runs until the next submission.
    check(
        &format!("{open}[[events]]\nkind = \"authority_submission\"\ndate = \"2024-03-28\"\n[[events]]\nkind = \"investigation_letter\"\ndate = \"2024-04-10\"\nreply_by = \"2024-05-08\"\n"),
        Ok((
            Status::UnderInvestigation,
            Some(("authority_reply_due", "2024-05-08")),
            "the Commissioner is investigating",
        )),
    );
    check(
        &format!("{COMPLAINT}{LETTER}"),
        Err(&["event 3 (investigation_letter)", "complaint_accepted"]),
    );
    check(
        &format!("{COMPLAINT}{ACCEPTED}[[events]]\nkind = \"investigation_letter\"\ndate = \"2024-03-04\"\n"),
        Err(&["field `reply_by`", "required"]),
    );
    check(
        &format!("{COMPLAINT}{ACCEPTED}[[events]]\nkind = \"investigation_letter\"\ndate = \"2024-03-04\"\nreply_by = \"2024-03-01\"\n"),
        Err(&["field `reply_by`", "before the letter's date"]),
    );
}

/// The s.50(2) grounds of an example: which give cause for concern, in
/// order (a) to (d), and a phrase each must say.
fn eligible(name: &str, concerns: [bool; 4], phrases: [&str; 4]) {
    let path = foidesk_testkit::example_case(name);
    let case = parse_case(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let as_at = Date::parse(foidesk_testkit::AS_AT).unwrap();
    let a = assess(&case, as_at).unwrap();
    let checks = foidesk_case::eligibility(&case, &a, Default::default()).unwrap();
    assert_eq!(checks.len(), 4, "{name}");
    for (i, c) in checks.iter().enumerate() {
        assert_eq!(
            c.state == GroundState::Concern,
            concerns[i],
            "{name}, ground {i}: {}",
            c.shows
        );
        // Frivolous or vexatious (c) is never the case's to say.
        assert_eq!(
            c.state == GroundState::Judgement,
            i == 2,
            "{name}, ground {i}"
        );
        assert!(
            c.shows.contains(phrases[i]),
            "{name}, ground {i}: {:?} should say {:?}",
            c.shows,
            phrases[i]
        );
        assert!(
            !c.shows.contains("-0"),
            "{name}: an ISO date in {:?}",
            c.shows
        );
    }
}

#[test]
fn each_ground_of_s50_2_is_explained_from_the_case() {
    eligible(
        "synthetic-complaint-before-review",
        [true, false, false, false],
        [
            "before any internal review was asked for",
            "6 weeks from the last contact, the response of 9 February 2024: it ended on 22 March 2024. The complaint came on 20 February 2024, within it",
            "the caseworker's judgement",
            "Nothing on the case",
        ],
    );
    eligible(
        "synthetic-complaint-investigation",
        [false, false, false, false],
        [
            "The internal review was completed on 8 March 2024",
            "the internal review of 8 March 2024: it ended on 19 April 2024",
            "the caseworker's judgement",
            "Nothing on the case",
        ],
    );
    let none = parse_case(REQUEST).unwrap();
    let a = assess(&none, Date::parse("2024-06-03").unwrap()).unwrap();
    assert!(foidesk_case::eligibility(&none, &a, Default::default())
        .unwrap()
        .is_empty());
}
