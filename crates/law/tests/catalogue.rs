//! The catalogue as a whole: coverage, provenance, NCND pointers, dates and `law show`.

use foidesk_calendar::Date;
use foidesk_law::{Catalogue, LawError, ProvisionId, ProvisionKind};

fn id(s: &str) -> ProvisionId {
    ProvisionId::parse(s).unwrap()
}

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// (id, expected: known, (date, in force on it), the entry that contains it)
type Case<'a> = (&'a str, bool, Option<(&'a str, bool)>, Option<&'a str>);

fn check(cases: &[Case<'_>]) {
    let law = Catalogue::standard();
    for &(text, known, in_force, entry) in cases {
        let pid = id(text);
        assert_eq!(law.is_known(&pid), known, "known {text}");
        if let Some((on, want)) = in_force {
            assert_eq!(
                law.in_force_on(&pid, date(on)),
                want,
                "{text} in force on {on}"
            );
        }
        assert_eq!(
            law.provision(&pid).map(|p| p.id.clone()),
            entry.map(id),
            "entry of {text}"
        );
    }
}

#[test]
fn covers_every_provision_casework_uses() {
    let mut required: Vec<String> = [
        "1", "2", "9", "10", "11", "11A", "12", "13", "14", "16", "17", "22A", "45", "50", "51",
        "52", "53", "54", "57", "77",
    ]
    .iter()
    .map(|s| format!("s.{s}"))
    .collect();
    required.extend((21..=44).map(|s| format!("s.{s}")));
    required.extend(
        ["5", "7", "9", "11", "12", "13", "14", "18", "19"]
            .iter()
            .map(|r| format!("reg.{r}")),
    );
    required.extend(
        ["12(1)", "12(2)", "12(6)", "12(9)"]
            .iter()
            .map(|r| format!("reg.{r}")),
    );
    required.extend(
        ["a", "b", "c", "d", "e"]
            .iter()
            .map(|l| format!("reg.12(4)({l})")),
    );
    required.extend(
        ["a", "b", "c", "d", "e", "f", "g"]
            .iter()
            .map(|l| format!("reg.12(5)({l})")),
    );
    let tops: Vec<String> = required.iter().map(|r| id(r).top().to_string()).collect();
    let cases: Vec<Case<'_>> = required
        .iter()
        .zip(&tops)
        .map(|(r, top)| {
            (
                r.as_str(),
                true,
                Some(("2024-01-01", true)),
                Some(top.as_str()),
            )
        })
        .collect();
    check(&cases);
}

#[test]
fn lookup_and_dates() {
    check(&[
        ("s.31(1)(a)", true, Some(("2024-01-01", true)), Some("s.31")),
        ("s.31(1)", true, None, Some("s.31")),
        ("s.31(9)", false, None, None),
        ("s.99", false, None, None),
        ("s.99(1)", false, None, None),
        ("s.31(1)(a)(i)", false, None, None),
        ("reg.12(5)(e)", true, None, Some("reg.12")),
        (
            "s.40(5B)(a)(i)",
            true,
            Some(("2018-05-24", false)),
            Some("s.40"),
        ),
        (
            "s.40(5)(b)",
            true,
            Some(("2018-05-25", false)),
            Some("s.40"),
        ),
        ("s.40(5)(b)", true, Some(("2018-05-24", true)), Some("s.40")),
        ("s.22A", true, Some(("2014-09-30", false)), Some("s.22A")),
        ("s.22A(2)", true, Some(("2014-10-01", true)), Some("s.22A")),
        (
            "s.37(1)(aa)",
            true,
            Some(("2011-01-18", false)),
            Some("s.37"),
        ),
        (
            "s.37(1)(aa)",
            true,
            Some(("2011-01-19", true)),
            Some("s.37"),
        ),
        ("s.2(3)(fa)", true, Some(("2018-05-24", false)), Some("s.2")),
        ("s.10", true, Some(("2004-12-31", false)), Some("s.10")),
    ]);
}

#[test]
fn every_entry_has_provenance() {
    let law = Catalogue::standard();
    for p in law.provisions() {
        assert!(!p.reference.trim().is_empty(), "{} has no reference", p.id);
        assert!(!p.title.trim().is_empty(), "{} has no title", p.id);
        assert!(p.in_force_from.is_some(), "{} has no start date", p.id);
        for part in &p.parts {
            assert!(!part.title.trim().is_empty(), "{} has no title", part.id);
        }
        for rule in &p.rules {
            for status in &rule.status {
                assert!(!status.reference.trim().is_empty(), "{} status", rule.at);
            }
        }
    }
}

#[test]
fn every_ncnd_pointer_names_a_known_ncnd_subsection() {
    let law = Catalogue::standard();
    let mut pointers = 0;
    for p in law.provisions() {
        let is_exempting = matches!(p.kind, ProvisionKind::Exemption | ProvisionKind::Exception);
        assert_eq!(
            is_exempting,
            p.rules.iter().any(|r| !r.status.is_empty()),
            "{}",
            p.id
        );
        for target in p.parts.iter().map(|part| &part.id).chain([&p.id]) {
            if let Some(n) = law.ncnd_provision(target) {
                pointers += 1;
                assert!(law.is_known(&n), "{target} -> unknown {n}");
                assert!(
                    law.is_ncnd_provision(&n),
                    "{target} -> {n}, not an NCND subsection"
                );
                assert!(p.id.covers(&n), "{target} -> {n}, outside {}", p.id);
            }
        }
        for n in &p.ncnd_subsections {
            assert!(law.part(n).is_some(), "{n} is not a listed part");
        }
    }
    assert!(pointers > 60, "only {pointers} NCND pointers");
}

#[test]
fn unknown_provisions_are_errors_for_describe() {
    let law = Catalogue::standard();
    match law.describe(&id("s.99"), None) {
        Err(LawError::UnknownProvision { id }) => assert_eq!(id, "s.99"),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn law_show_snapshots() {
    let law = Catalogue::standard();
    let on = Some(date("2024-01-01"));
    insta::assert_snapshot!("show_s31_2024", law.describe(&id("s.31"), on).unwrap());
    insta::assert_snapshot!("show_s31_3_limb", law.describe(&id("s.31(3)"), on).unwrap());
    insta::assert_snapshot!(
        "show_s37_history",
        law.describe(&id("s.37(1)(a)"), None).unwrap()
    );
    insta::assert_snapshot!(
        "show_reg12_5_a",
        law.describe(&id("reg.12(5)(a)"), on).unwrap()
    );
}
