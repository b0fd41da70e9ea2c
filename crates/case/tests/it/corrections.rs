//! Corrections build the effective timeline (the corrected event replaced or
//! struck out, the latest correction winning) while the file keeps every
//! raw event; closing events stop the clocks.

use foidesk_calendar::Date;
use foidesk_case::{assess, parse_case, Status};

const REQUEST: &str = r#"
[request]
authority = "Borsetshire Police"
regime = "FOIA"
received = "2024-01-15"

[[request.parts]]
id = "1"
text = "Numbers of speed cameras."
"#;

const LATE_RESPONSE: &str = "[[events]]\nkind = \"response\"\ndate = \"2024-03-20\"\n[[events.outcomes]]\npart = \"1\"\noutcome = \"disclosed\"\n";

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// `events` after REQUEST: Ok(the effective timeline as "kind date" and
/// whether s.10(1) is breached as at 2024-06-03) or Err(words the refusal
/// must contain).
fn check(events: &str, want: Result<(&[&str], bool), &[&str]>) {
    let got = parse_case(&format!("{REQUEST}{events}"));
    match (got, want) {
        (Ok(case), Ok((timeline, breach))) => {
            let got: Vec<String> = case
                .events
                .iter()
                .map(|e| format!("{} {}", e.kind.name(), e.date))
                .collect();
            assert_eq!(got, timeline, "{events}");
            let a = assess(&case, d("2024-06-03")).unwrap();
            assert_eq!(
                a.has_breach_of("s.10(1)"),
                breach,
                "{events}: {:?}",
                a.findings
            );
        }
        (Err(e), Err(needles)) => {
            for n in needles {
                assert!(e.to_string().contains(n), "{e} should mention {n:?}");
            }
        }
        (got, want) => panic!("{events}: want {want:?}, got {got:?}"),
    }
}

#[test]
fn a_correction_replaces_or_strikes_out_the_event_it_names() {
    // A mistyped response date, corrected: no longer late.
    let fixed = format!("{LATE_RESPONSE}[[events]]\nkind = \"correction\"\ndate = \"2024-03-21\"\ncorrects = 1\nreason = \"The date was mistyped\"\n[events.corrected]\nkind = \"response\"\ndate = \"2024-02-01\"\n[[events.corrected.outcomes]]\npart = \"1\"\noutcome = \"disclosed\"\n");
    check(LATE_RESPONSE, Ok((&["response 2024-03-20"], true)));
    check(&fixed, Ok((&["response 2024-02-01"], false)));
    // Corrected twice: the latest wins.
    let twice = format!("{fixed}[[events]]\nkind = \"correction\"\ndate = \"2024-03-22\"\ncorrects = 1\nreason = \"Still wrong\"\n[events.corrected]\nkind = \"response\"\ndate = \"2024-02-05\"\n[[events.corrected.outcomes]]\npart = \"1\"\noutcome = \"disclosed\"\n");
    check(&twice, Ok((&["response 2024-02-05"], false)));
    // Struck out: recorded in error, so nothing was sent and it is late.
    let struck = "[[events]]\nkind = \"complaint\"\ndate = \"2024-02-01\"\n[[events]]\nkind = \"correction\"\ndate = \"2024-02-02\"\ncorrects = 1\nreason = \"Recorded on the wrong case\"\n";
    check(struck, Ok((&[], true)));
}

#[test]
fn a_bad_correction_is_refused_saying_why() {
    let no_reason = format!(
        "{LATE_RESPONSE}[[events]]\nkind = \"correction\"\ndate = \"2024-03-21\"\ncorrects = 1\n"
    );
    check(
        &no_reason,
        Err(&["event 2 (correction), field `reason`", "required"]),
    );
    let nothing =
        "[[events]]\nkind = \"correction\"\ndate = \"2024-03-21\"\ncorrects = 4\nreason = \"x\"\n";
    check(nothing, Err(&["field `corrects`", "no earlier event 4"]));
    let other_kind = format!("{LATE_RESPONSE}[[events]]\nkind = \"correction\"\ndate = \"2024-03-21\"\ncorrects = 1\nreason = \"x\"\n[events.corrected]\nkind = \"complaint\"\ndate = \"2024-03-20\"\n");
    check(
        &other_kind,
        Err(&["field `corrected`", "keeps the kind", "response"]),
    );
    let of_correction = format!("{LATE_RESPONSE}[[events]]\nkind = \"correction\"\ndate = \"2024-03-21\"\ncorrects = 1\nreason = \"x\"\n[[events]]\nkind = \"correction\"\ndate = \"2024-03-21\"\ncorrects = 2\nreason = \"y\"\n");
    check(
        &of_correction,
        Err(&[
            "event 2 is itself a correction",
            "correct the original event instead",
        ]),
    );
}

#[test]
fn the_file_keeps_both_and_the_model_says_which_corrected_which() {
    let text = format!("{REQUEST}{LATE_RESPONSE}[[events]]\nkind = \"correction\"\ndate = \"2024-03-21\"\ncorrects = 1\nreason = \"The date was mistyped\"\n[events.corrected]\nkind = \"response\"\ndate = \"2024-02-01\"\n[[events.corrected.outcomes]]\npart = \"1\"\noutcome = \"disclosed\"\n");
    let case = parse_case(&text).unwrap();
    let c = case.correction_of(1).expect("event 1 is corrected");
    assert_eq!((c.number, c.reason.as_str()), (2, "The date was mistyped"));
    assert_eq!(
        c.replacement.as_ref().map(|e| (e.number, e.date)),
        Some((1, d("2024-02-01")))
    );
    assert!(case.correction_of(2).is_none());
}

#[test]
fn closing_a_request_stops_its_clocks() {
    for (kind, extra, status) in [
        ("withdrawn", "", Status::Withdrawn),
        (
            "duplicate",
            "duplicate_of = \"FOI-2024-001\"\n",
            Status::Duplicate,
        ),
        (
            "transferred",
            "transferred_to = \"Borsetshire County Council\"\n",
            Status::Transferred,
        ),
    ] {
        // Closed before the response fell due: never a breach for not answering.
        let events = format!("[[events]]\nkind = \"{kind}\"\ndate = \"2024-01-20\"\n{extra}");
        let case = parse_case(&format!("{REQUEST}{events}")).unwrap();
        let a = assess(&case, d("2024-06-03")).unwrap();
        assert!(!a.has_breach_of("s.10(1)"), "{kind}: {:?}", a.findings);
        assert_eq!(foidesk_case::stage(&case, &a).status, status);
        assert!(
            foidesk_case::stage(&case, &a).next_deadline.is_none(),
            "{kind}"
        );
        let words = foidesk_case::closing_words(&case.events[0].kind).unwrap();
        assert!(!words.is_empty());
    }
    check(
        "[[events]]\nkind = \"duplicate\"\ndate = \"2024-01-20\"\n",
        Err(&["field `duplicate_of`", "required"]),
    );
    check(
        "[[events]]\nkind = \"transferred\"\ndate = \"2024-01-20\"\ntransferred_to = \" \"\n",
        Err(&["field `transferred_to`", "required"]),
    );
}
