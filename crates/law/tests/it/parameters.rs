//! Dated parameters (FACTS.md §1-4): values, provenance and the replaceable complaint window.

use foidesk_calendar::Date;
use foidesk_law::{Amount, Catalogue, LawError, Parameter};

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// (parameter, date, expected amount or `None` for "no value in force")
fn check(catalogue: &Catalogue, cases: &[(Parameter, &str, Option<Amount>)]) {
    for &(name, on, want) in cases {
        match (catalogue.parameter(name, date(on)), want) {
            (Ok(value), Some(want)) => {
                assert_eq!(value.amount, want, "{name} on {on}");
                assert!(!value.references.is_empty(), "{name} on {on}: no reference");
            }
            (Err(LawError::NotInForce { what, date: d }), None) => {
                assert!(what.contains(name.name()), "{what}");
                assert_eq!(d, date(on));
            }
            (got, want) => panic!("{name} on {on}: got {got:?}, want {want:?}"),
        }
    }
}

#[test]
fn statutory_and_guidance_values() {
    use Amount::*;
    use Parameter::*;
    check(
        Catalogue::standard(),
        &[
            (ResponseWorkingDays, "2024-01-01", Some(WorkingDays(20))),
            (ResponseWorkingDays, "2004-12-31", None),
            (SchoolDays, "2024-01-01", Some(WorkingDays(20))),
            (SchoolCapWorkingDays, "2024-01-01", Some(WorkingDays(60))),
            (ArchivesWorkingDays, "2024-01-01", Some(WorkingDays(30))),
            (
                IcSpecifiedCapWorkingDays,
                "2024-01-01",
                Some(WorkingDays(60)),
            ),
            (EirExtendedWorkingDays, "2024-01-01", Some(WorkingDays(40))),
            (CostLimitCentralPence, "2024-01-01", Some(Pence(60_000))),
            (CostLimitOtherPence, "2024-01-01", Some(Pence(45_000))),
            (StaffHourlyRatePence, "2024-01-01", Some(Pence(2_500))),
            (FeePaymentMonths, "2024-01-01", Some(Months(3))),
            (PitExtraWorkingDays, "2024-01-01", Some(WorkingDays(20))),
            (
                InternalReviewRequestWorkingDays,
                "2024-01-01",
                Some(WorkingDays(40)),
            ),
            (
                InternalReviewWorkingDays,
                "2024-01-01",
                Some(WorkingDays(20)),
            ),
            (
                InternalReviewMaxWorkingDays,
                "2024-01-01",
                Some(WorkingDays(40)),
            ),
            (
                EirReconsiderationRequestWorkingDays,
                "2024-01-01",
                Some(WorkingDays(40)),
            ),
            (
                EirReconsiderationWorkingDays,
                "2024-01-01",
                Some(WorkingDays(40)),
            ),
            (ComplaintWindow, "2018-09-20", Some(Months(3))),
            (ComplaintWindow, "2024-01-01", Some(Weeks(6))),
            (StepsCalendarDays, "2024-01-01", Some(CalendarDays(35))),
            (AppealCalendarDays, "2009-01-01", Some(CalendarDays(28))),
            (AppealCalendarDays, "2024-01-01", Some(CalendarDays(28))),
        ],
    );
}

#[test]
fn every_parameter_has_a_referenced_value_in_2024() {
    let law = Catalogue::standard();
    for name in Parameter::ALL {
        let value = law.parameter(name, date("2024-01-01")).unwrap();
        assert!(!value.references.is_empty(), "{name}");
        assert!(value.applies_on(date("2024-01-01")));
    }
}

#[test]
fn cost_limits_give_24_and_18_hours() {
    let law = Catalogue::standard();
    let on = date("2024-01-01");
    let pence = |p| match law.parameter(p, on).unwrap().amount {
        Amount::Pence(v) => v,
        other => panic!("{other:?}"),
    };
    let rate = pence(Parameter::StaffHourlyRatePence);
    assert_eq!(pence(Parameter::CostLimitCentralPence) / rate, 24);
    assert_eq!(pence(Parameter::CostLimitOtherPence) / rate, 18);
}

#[test]
fn complaint_window_changed_and_is_marked_unverified() {
    let law = Catalogue::standard();
    let then = law
        .parameter(Parameter::ComplaintWindow, date("2018-06-01"))
        .unwrap();
    let now = law
        .parameter(Parameter::ComplaintWindow, date("2025-06-01"))
        .unwrap();
    assert_ne!(then.amount, now.amount);
    assert!(then.unverified.is_some() && now.unverified.is_some());
}

#[test]
fn complaint_window_can_be_replaced() {
    let policy = r#"
[[parameter]]
name = "complaint_window"
[[parameter.value]]
from = "2005-01-01"
until = "2019-04-01"
amount = { months = 3 }
references = [{ title = "Local FOI complaints policy", href = "https://example.org/foi-policy" }]
[[parameter.value]]
from = "2019-04-01"
amount = { weeks = 6 }
references = [{ title = "Local FOI complaints policy", href = "https://example.org/foi-policy" }]
"#;
    let law = Catalogue::standard()
        .with_parameters("policy.toml", policy)
        .unwrap();
    check(
        &law,
        &[
            (
                Parameter::ComplaintWindow,
                "2019-03-31",
                Some(Amount::Months(3)),
            ),
            (
                Parameter::ComplaintWindow,
                "2019-04-01",
                Some(Amount::Weeks(6)),
            ),
            (
                Parameter::ResponseWorkingDays,
                "2019-04-01",
                Some(Amount::WorkingDays(20)),
            ),
        ],
    );
    let overlapping = policy.replace("until = \"2019-04-01\"", "until = \"2020-01-01\"");
    assert!(matches!(
        Catalogue::standard().with_parameters("policy.toml", &overlapping),
        Err(LawError::Data {
            file: "policy.toml",
            ..
        })
    ));
}

#[test]
fn a_dated_value_without_a_reference_is_refused() {
    let value = |sources: &str| {
        format!(
            "[[parameter]]\nname = \"complaint_window\"\n[[parameter.value]]\n\
             from = \"2005-01-01\"\namount = {{ weeks = 6 }}\n{sources}\n"
        )
    };
    let law = Catalogue::standard();
    for missing in [
        "",
        "references = []",
        "secondary = [{ title = \"a blog\", href = \"https://example.org/\" }]",
    ] {
        match law.with_parameters("policy.toml", &value(missing)) {
            Err(LawError::MissingReference { file, what }) => {
                assert_eq!(file, "policy.toml");
                assert_eq!(what, "complaint_window from 2005-01-01");
            }
            other => panic!("{missing:?}: {other:?}"),
        }
    }
    for bad in [
        "reference = \"local policy\"",
        "references = [{ title = \"policy\", href = \"http://example.org/\" }]",
        "references = [{ title = \"\", href = \"https://example.org/\" }]",
        "references = [{ title = \"policy\" }]",
    ] {
        assert!(
            matches!(
                law.with_parameters("policy.toml", &value(bad)),
                Err(LawError::Data { .. })
            ),
            "{bad}"
        );
    }
    let good = value("references = [{ title = \"policy\", href = \"https://example.org/\" }]");
    assert!(law.with_parameters("policy.toml", &good).is_ok());
}
