//! The steps a decision notice orders, each with its due date and where it stands (s.50(4),
//! s.54), and the Tribunal's part after it (s.57, s.58): examples with events added.

use foidesk_calendar::Date;
use foidesk_case::{
    assess, decision_steps, default_steps_days, parse_case, AppealResult, Case, EventKind,
    StepState,
};
use foidesk_law::Catalogue;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// An example case with `more` events after its own (its `[expect]` table left off).
fn case_with(name: &str, more: &str) -> Result<Case, String> {
    let text = std::fs::read_to_string(foidesk_testkit::example_case(name)).unwrap();
    let events = text.split("\n[expect]").next().unwrap_or_default();
    let events = events.trim_end_matches(|c| c != '\n');
    parse_case(&format!("{events}\n{more}")).map_err(|e| e.to_string())
}

/// The steps of `name` with `more` events, as at `as_at`: (count, due, state).
fn check(name: &str, more: &str, as_at: &str, want: Option<(usize, &str, StepState)>) {
    let case = case_with(name, more).unwrap();
    let assessment = assess(&case, d(as_at)).unwrap();
    let steps = decision_steps(&case, &assessment, d(as_at));
    let label = format!("{name} + {more:?} as at {as_at}");
    match want {
        None => assert!(steps.is_empty(), "{label}: {steps:?}"),
        Some((count, due, state)) => {
            assert_eq!(steps.len(), count, "{label}");
            for s in &steps {
                assert_eq!(s.due, d(due), "{label}");
                assert_eq!(s.state, state, "{label}");
                assert!(!s.step.is_empty(), "{label}");
            }
        }
    }
}

const MET: &str = "2020-06-23_metropolitan-police-service";
const COMPLIED: &str = "[[events]]\nkind = \"compliance\"\ndate = \"2020-07-20\"\n";
const COMPLIED_LATE: &str = "[[events]]\nkind = \"compliance\"\ndate = \"2020-08-03\"\n";

#[test]
fn each_step_with_its_due_date_and_compliance() {
    // The notice of 23 June 2020 gives 35 days: due 28 July 2020.
    check(
        MET,
        "",
        "2020-07-01",
        Some((2, "2020-07-28", StepState::Due { in_days: 27 })),
    );
    check(
        MET,
        "",
        "2020-07-28",
        Some((2, "2020-07-28", StepState::Due { in_days: 0 })),
    );
    check(
        MET,
        "",
        "2020-08-04",
        Some((2, "2020-07-28", StepState::Overdue { by_days: 7 })),
    );
    let on = |s: &str| StepState::CompliedWith { on: d(s) };
    check(
        MET,
        COMPLIED,
        "2020-08-04",
        Some((2, "2020-07-28", on("2020-07-20"))),
    );
    check(
        MET,
        COMPLIED_LATE,
        "2020-08-04",
        Some((2, "2020-07-28", on("2020-08-03"))),
    );
    // A notice with no steps orders none.
    check("2024-11-18_kent-police", "", "2024-12-01", None);
}

#[test]
fn the_default_steps_period_is_the_dated_parameter() {
    assert_eq!(
        default_steps_days(Catalogue::standard(), d("2026-11-30")),
        Some(35)
    );
}

#[test]
fn an_appeal_has_a_tribunal_reference_and_the_tribunal_decides_it() {
    let appeal = "[[events]]\nkind = \"appeal\"\ndate = \"2020-07-10\"\nby = \"authority\"\ntribunal_reference = \"EA/2020/0123\"\n";
    let cases: [(&str, Result<AppealResult, &str>); 4] = [
        ("allowed_in_part", Ok(AppealResult::AllowedInPart)),
        ("struck_out", Ok(AppealResult::StruckOut)),
        ("won", Err("'won' is not a Tribunal decision")),
        ("", Err("appeal_result")),
    ];
    for (result, want) in cases {
        let decided = format!("[[events]]\nkind = \"appeal_decided\"\ndate = \"2020-11-02\"\nappeal_result = \"{result}\"\n");
        let got = case_with(MET, &format!("{appeal}{decided}"));
        match (got, want) {
            (Ok(case), Ok(want)) => {
                let kinds: Vec<&EventKind> = case.events.iter().map(|e| &e.kind).collect();
                assert!(kinds.iter().any(|k| matches!(k, EventKind::Appeal { tribunal_reference: Some(r), .. } if r == "EA/2020/0123")));
                assert!(kinds
                    .iter()
                    .any(|k| matches!(k, EventKind::AppealDecided { result } if *result == want)));
            }
            (Err(e), Err(says)) => assert!(e.contains(says), "{result}: {e}"),
            (got, want) => panic!("{result}: got {got:?}, want {want:?}"),
        }
    }
    // The Tribunal decides only an appeal that was made.
    let alone = "[[events]]\nkind = \"appeal_decided\"\ndate = \"2020-11-02\"\nappeal_result = \"dismissed\"\n";
    let e = case_with(MET, alone).unwrap_err();
    assert!(e.contains("needs an earlier appeal event"), "{e}");
}
