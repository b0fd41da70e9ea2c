//! The example cases in examples/cases/: each file's `[expect]` table checked
//! against its assessment; every period a finding states checked against the
//! law's dated parameters; and a snapshot of each assessment.

use std::collections::BTreeSet;

use foidesk_calendar::{Date, WorkingDayCalendar};
use foidesk_case::file::CaseFile;
use foidesk_case::{assess, assess_with, parse_case, Assessment, Case, Context, FindingKind};
use foidesk_law::{Amount, Catalogue, Parameter, ProvisionId};
use foidesk_testkit::{periods, Unit, AS_AT};

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// Every example case file, (name without `.toml`, text), in name order.
fn examples() -> Vec<(String, String)> {
    let dir = foidesk_testkit::checkout().join("examples/cases");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, text)
        })
        .collect();
    out.sort();
    assert!(
        out.len() >= 15,
        "expected the corpus and synthetic examples, found {}",
        out.len()
    );
    out
}

fn case(name: &str, text: &str) -> Case {
    parse_case(text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The provisions of the findings of one kind, canonical.
fn provisions(a: &Assessment, kind: FindingKind) -> BTreeSet<String> {
    a.findings
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| f.provision.to_string())
        .collect()
}

/// Canonical ids for the provisions an `[expect]` list names; a bad id is a mismatch.
fn ids(name: &str, field: &str, list: &[String], errors: &mut Vec<String>) -> BTreeSet<String> {
    list.iter()
        .filter_map(|p| match ProvisionId::parse(p) {
            Ok(id) => Some(id.to_string()),
            Err(e) => {
                errors.push(format!("{name}: expect.{field}: {e}"));
                None
            }
        })
        .collect()
}

/// Every way the assessment of one file differs from its `[expect]` table.
fn mismatches(name: &str, text: &str) -> Vec<String> {
    let mut errors = Vec::new();
    let file: CaseFile = match toml::from_str(text) {
        Ok(file) => file,
        Err(e) => return vec![format!("{name}: {e}")],
    };
    let Some(expect) = file.expect else {
        return vec![format!("{name}: no [expect] table")];
    };
    let as_at = match Date::parse(&expect.as_at) {
        Ok(date) => date,
        Err(e) => return vec![format!("{name}: expect.as_at: {e}")],
    };
    let a = match assess(&case(name, text), as_at) {
        Ok(a) => a,
        Err(e) => return vec![format!("{name}: {e}")],
    };

    let all = a.deadlines.all();
    for unknown in expect
        .deadlines
        .keys()
        .filter(|k| !all.iter().any(|(n, _)| n == k))
    {
        errors.push(format!("{name}: expect.deadlines.{unknown} is no deadline"));
    }
    for (deadline, got) in all {
        let got = got.map(|d| d.to_string());
        let want = expect.deadlines.get(deadline);
        if got.as_ref() != want {
            errors.push(format!(
                "{name}: deadlines.{deadline}: expected {want:?}, got {got:?}"
            ));
        }
    }

    let breaches = provisions(&a, FindingKind::Breach);
    let want = ids(name, "breaches", &expect.breaches, &mut errors);
    if breaches != want {
        errors.push(format!(
            "{name}: breaches: expected {want:?}, got {breaches:?}"
        ));
    }
    for p in ids(name, "no_breaches", &expect.no_breaches, &mut errors) {
        if breaches.contains(&p) {
            errors.push(format!("{name}: expected no {p} breach"));
        }
    }
    let warnings = provisions(&a, FindingKind::Warning);
    let want = ids(name, "warnings", &expect.warnings, &mut errors);
    if warnings != want {
        errors.push(format!(
            "{name}: warnings: expected {want:?}, got {warnings:?}"
        ));
    }
    for phrase in &expect.summaries {
        if !a
            .findings
            .iter()
            .any(|f| f.summary.contains(phrase.as_str()))
        {
            errors.push(format!("{name}: no finding says {phrase:?}"));
        }
    }
    errors
}

#[test]
fn every_example_gives_what_its_expect_table_says() {
    let errors: Vec<String> = examples()
        .iter()
        .flat_map(|(name, text)| mismatches(name, text))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn a_file_without_expectations_is_a_mismatch() {
    let (name, text) = &examples()[0];
    let cut = &text[..text.find("\n[expect]").expect("an [expect] table")];
    assert_eq!(
        mismatches(name, cut),
        [format!("{name}: no [expect] table")]
    );
}

fn unit_of(amount: Amount) -> Option<(u32, Unit)> {
    match amount {
        Amount::WorkingDays(n) => Some((n, Unit::WorkingDays)),
        Amount::CalendarDays(n) => Some((n, Unit::CalendarDays)),
        Amount::Weeks(n) => Some((n, Unit::Weeks)),
        Amount::Months(n) => Some((n, Unit::Months)),
        Amount::Pence(_) => None,
    }
}

/// Every period parameter's value in force on any date of the case or on `as_at`.
fn in_force(law: &Catalogue, case: &Case, as_at: Date) -> BTreeSet<(u32, Unit)> {
    let dates: Vec<Date> = [case.request.received, as_at]
        .into_iter()
        .chain(case.events.iter().map(|e| e.date))
        .collect();
    Parameter::ALL
        .iter()
        .flat_map(|p| dates.iter().filter_map(|on| law.parameter(*p, *on).ok()))
        .filter_map(|v| unit_of(v.amount))
        .collect()
}

/// The working days measured between any two dates the text names, counted
/// from the day after the first (lateness) or including it (a pause).
fn measured(calendar: &WorkingDayCalendar, text: &str) -> BTreeSet<(u32, Unit)> {
    let dates: Vec<Date> = text
        .split(|c: char| !(c.is_ascii_digit() || c == '-'))
        .filter_map(|w| Date::parse(w).ok())
        .collect();
    let mut out = BTreeSet::new();
    for a in &dates {
        for b in &dates {
            let day_before = a.checked_add_days(-1).unwrap();
            for from in [*a, day_before] {
                if let Ok(n) = calendar.working_days_between(from, *b) {
                    out.insert((n, Unit::WorkingDays));
                }
            }
        }
    }
    out
}

/// Every period stated in every finding of every example, assessed under `law`,
/// must be the value of a parameter in force or a count measured between the
/// dates the same finding names. Returns (periods from parameters, measured).
fn sweep(law: &Catalogue) -> (usize, usize) {
    let calendar = WorkingDayCalendar::standard();
    let ctx = Context { calendar, law };
    let (mut from_parameters, mut from_dates) = (0, 0);
    let mut errors = Vec::new();
    for (name, text) in examples() {
        let case = case(&name, &text);
        let a = assess_with(&case, d(AS_AT), ctx).unwrap_or_else(|e| panic!("{name}: {e}"));
        let parameters = in_force(law, &case, d(AS_AT));
        for f in &a.findings {
            let counts = measured(calendar, &f.summary);
            for period in periods(&f.summary) {
                if parameters.contains(&period) {
                    from_parameters += 1;
                } else if counts.contains(&period) {
                    from_dates += 1;
                } else {
                    errors.push(format!(
                        "{name}: {} {period:?} is neither a parameter in force {parameters:?} nor measured between its dates: {}",
                        f.provision, f.summary
                    ));
                }
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    (from_parameters, from_dates)
}

#[test]
fn every_period_a_finding_states_is_a_parameter_in_force() {
    let (from_parameters, from_dates) = sweep(Catalogue::standard());
    assert!(from_parameters >= 5, "only {from_parameters} periods seen");
    assert!(from_dates >= 3, "only {from_dates} measured counts seen");
}

/// The same sweep with every period parameter one longer than the law's: a
/// period written into a finding's text, not read from the law, fails it.
#[test]
fn finding_periods_follow_the_parameters_when_they_change() {
    let law = Catalogue::standard();
    let mut toml = String::new();
    for p in Parameter::ALL {
        toml.push_str(&format!("[[parameter]]\nname = \"{p}\"\n"));
        for v in law.parameter_history(p) {
            let amount = match v.amount {
                Amount::WorkingDays(n) => format!("working_days = {}", n + 1),
                Amount::CalendarDays(n) => format!("calendar_days = {}", n + 1),
                Amount::Weeks(n) => format!("weeks = {}", n + 1),
                Amount::Months(n) => format!("months = {}", n + 1),
                Amount::Pence(n) => format!("pence = {n}"),
            };
            let until = v
                .until
                .map(|u| format!("until = \"{u}\"\n"))
                .unwrap_or_default();
            toml.push_str(&format!(
                "[[parameter.value]]\nfrom = \"{}\"\n{until}amount = {{ {amount} }}\nreferences = [{{ title = \"this test\", href = \"https://www.legislation.gov.uk/\" }}]\n",
                v.from
            ));
        }
    }
    let longer = law.with_parameters("longer periods", &toml).unwrap();
    assert_eq!(
        longer
            .parameter(Parameter::ResponseWorkingDays, d(AS_AT))
            .unwrap()
            .amount,
        Amount::WorkingDays(21)
    );
    let (from_parameters, _) = sweep(&longer);
    assert!(from_parameters >= 5, "only {from_parameters} periods seen");
}

#[test]
fn the_period_reader_finds_each_form() {
    assert_eq!(
        periods("the 20th working day, 20 extra working days, 40 working days, 1 working day, the 28-day appeal, 35 calendar days, 6 weeks, 3 months, a 40-working-day maximum; not 2024-01-22, 18 hours or £450"),
        [
            (20, Unit::WorkingDays),
            (20, Unit::WorkingDays),
            (40, Unit::WorkingDays),
            (1, Unit::WorkingDays),
            (28, Unit::CalendarDays),
            (35, Unit::CalendarDays),
            (6, Unit::Weeks),
            (3, Unit::Months),
            (40, Unit::WorkingDays),
        ]
    );
}

/// Every example, assessed as at 2026-11-22, as a snapshot: a change in any
/// deadline or finding shows up in review.
#[test]
fn snapshots() {
    for (name, text) in examples() {
        let a = assess(&case(&name, &text), d(AS_AT)).unwrap_or_else(|e| panic!("{name}: {e}"));
        insta::assert_json_snapshot!(name.as_str(), a);
    }
}
