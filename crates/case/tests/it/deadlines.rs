//! Deadline wording over every example case and the demo's live requests:
//! a deadline the case met is never shown as late or as time left, and a
//! deadline still running is never shown as met, however long after the
//! case it is read.

use foidesk_calendar::{Date, WorkingDayCalendar};
use foidesk_case::file::CaseFile;
use foidesk_case::{assess, deadline_states, parse_case, validate, Case, DeadlineState};
use foidesk_law::Catalogue;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn calendar() -> &'static WorkingDayCalendar {
    WorkingDayCalendar::standard()
}

/// The kind of event that meets each deadline, by its name: written out
/// here again so the test does not trust the module's own table.
fn meeting_kind(name: &str) -> &'static str {
    match name {
        "response_due" | "public_interest_estimate" | "public_interest_guidance_limit" => {
            "response"
        }
        "fee_payment_by" => "fee_paid",
        "internal_review_request_by" => "internal_review_requested",
        "internal_review_due" | "internal_review_latest" => "internal_review",
        "complaint_by" => "complaint",
        "authority_reply_due" => "authority_submission",
        "steps_due" => "compliance",
        "appeal_by" => "appeal",
        other => panic!("a deadline the test does not know: {other}"),
    }
}

/// Every deadline of `case` as at `as_at`, checked against the timeline:
/// the problems found, each naming the case, the date and the deadline.
fn check(label: &str, case: &Case, as_at: Date) -> Vec<String> {
    let assessment = assess(case, as_at).unwrap_or_else(|e| panic!("{label}: {e}"));
    let states = deadline_states(case, &assessment, as_at, calendar())
        .unwrap_or_else(|e| panic!("{label}: {e}"));
    let closed = case.closed().map(|e| e.date);
    let mut problems = Vec::new();
    for DeadlineState {
        name, due, status, ..
    } in &states
    {
        let words = status.words();
        let mut bad =
            |why: &str| problems.push(format!("{label} as at {as_at}: {name}: {why}: \"{words}\""));
        if words.contains("late:") || words.contains("fell on the last working day") {
            bad("the old confusing wording");
        }
        let meeting = case
            .events
            .iter()
            .find(|e| e.kind.name() == meeting_kind(name))
            .filter(|e| closed.is_none_or(|c| e.date <= c));
        match (meeting, due) {
            (Some(e), Some(due)) if e.date <= *due => {
                if !words.starts_with("Met on ") {
                    bad("met, but not shown as met");
                }
                if words.contains("left")
                    || words.contains("Due today")
                    || words.contains("Overdue")
                    || words.contains("Missed")
                {
                    bad("met, but shown as late or with time left");
                }
                if !words.contains(&e.date.long_form()) {
                    bad("met, but not on the day of the event that met it");
                }
            }
            (Some(_), Some(_)) => {
                if !words.starts_with("Missed") {
                    bad("done after the deadline, but not shown as missed");
                }
            }
            (Some(_), None) => bad("met, but shown without a date"),
            (None, _) => {
                if words.contains("Met") {
                    bad("not met, but shown as met");
                }
                if closed.is_none()
                    && due.is_some_and(|due| due >= as_at)
                    && !(words.ends_with("left") || words == "Due today")
                {
                    bad("running, but not shown with the time left");
                }
            }
        }
    }
    problems
}

fn examples() -> Vec<(String, CaseFile)> {
    let dir = foidesk_testkit::checkout().join("examples/cases");
    let mut out: Vec<(String, CaseFile)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap();
            (name, toml::from_str(&text).unwrap())
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 15, "found only {} example cases", out.len());
    out
}

/// Each example as at its own date, a year on and years on (where the old
/// table said an internal review done on time was "1664 working days late"),
/// and at each of its events' dates.
#[test]
fn no_met_deadline_is_shown_as_late_and_no_running_one_as_met() {
    let mut problems = Vec::new();
    let mut seen = 0;
    for (name, file) in examples() {
        let case = validate(&file, Catalogue::standard()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let as_at = d(&file
            .expect
            .as_ref()
            .expect("every example has [expect]")
            .as_at);
        let mut dates = vec![as_at, as_at.checked_add_days(365).unwrap(), d("2031-06-02")];
        dates.extend(case.events.iter().map(|e| e.date));
        for date in dates {
            problems.extend(check(&name, &case, date));
            seen += 1;
        }
    }
    assert!(seen > 60, "only {seen} assessments were checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The demo's live requests (received 18, 20 and 24 working days ago, as
/// `foidesk serve --demo` opens them), open and then answered today.
#[test]
fn the_demo_requests_read_right_open_and_answered() {
    let today = d("2026-11-25");
    let mut problems = Vec::new();
    for (days, open_words) in [
        (18, "2 working days left"),
        (20, "Due today"),
        (24, "Overdue: missed by 4 working days so far"),
    ] {
        let mut received = today;
        while calendar().working_days_between(received, today).unwrap() < days {
            received = received.checked_add_days(-1).unwrap();
        }
        let open = format!(
            "[request]\nauthority = \"A police force\"\nregime = \"FOIA\"\nreceived = \"{received}\"\n\
             [[request.parts]]\nid = \"1\"\ntext = \"Drones.\"\n"
        );
        let answered = format!("{open}[[events]]\nkind = \"response\"\ndate = \"{today}\"\n[[events.outcomes]]\npart = \"1\"\noutcome = \"disclosed\"\n");
        let label = format!("received {days} working days ago");
        let case = parse_case(&open).unwrap();
        problems.extend(check(&label, &case, today));
        let words = response_words(&case, today);
        assert_eq!(words, open_words, "{label}");
        let case = parse_case(&answered).unwrap();
        problems.extend(check(&format!("{label}, answered"), &case, today));
        problems.extend(check(
            &format!("{label}, answered, a year on"),
            &case,
            d("2027-11-25"),
        ));
        let words = response_words(&case, d("2027-11-25"));
        assert!(
            words.starts_with(if days <= 20 {
                "Met on 25 November 2026"
            } else {
                "Missed by 4 working days"
            }),
            "{label}: {words}"
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn response_words(case: &Case, as_at: Date) -> String {
    let assessment = assess(case, as_at).unwrap();
    deadline_states(case, &assessment, as_at, calendar())
        .unwrap()
        .into_iter()
        .find(|s| s.name == "response_due")
        .map(|s| s.status.words())
        .unwrap_or_default()
}
