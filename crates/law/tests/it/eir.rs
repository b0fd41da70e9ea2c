//! EIR exceptions (FACTS.md §4): NCND only for reg.12(5)(a) (reg.12(6)) and reg.13; every
//! reg.12 exception qualified (reg.12(1)(b)).

use foidesk_calendar::Date;
use foidesk_law::{Catalogue, Effect, ProvisionId, TestType};

/// (id, expected NCND provision, expected test type, expected effect on 2006-01-01 and on
/// 2024-01-01; `None` where not an exemption or not in force)
type Case<'a> = (
    &'a str,
    Option<&'a str>,
    Option<TestType>,
    Option<Effect>,
    Option<Effect>,
);

fn id(s: &str) -> ProvisionId {
    ProvisionId::parse(s).unwrap()
}

fn check(cases: &[Case<'_>]) {
    let law = Catalogue::standard();
    let (early, late) = (
        Date::new(2006, 1, 1).unwrap(),
        Date::new(2024, 1, 1).unwrap(),
    );
    for (limb, ncnd, test, effect_early, effect_late) in cases {
        let limb_id = id(limb);
        assert!(law.is_known(&limb_id), "{limb} unknown");
        assert_eq!(law.ncnd_provision(&limb_id), ncnd.map(id), "NCND of {limb}");
        assert_eq!(law.test_type(&limb_id), *test, "test of {limb}");
        assert_eq!(
            law.effect_on(&limb_id, early),
            *effect_early,
            "{limb} on {early}"
        );
        assert_eq!(
            law.effect_on(&limb_id, late),
            *effect_late,
            "{limb} on {late}"
        );
    }
}

#[test]
fn ncnd_only_for_12_5_a() {
    use Effect::Qualified as Q;
    use TestType::*;
    check(&[
        (
            "reg.12(5)(a)",
            Some("reg.12(6)"),
            Some(Prejudice),
            Some(Q),
            Some(Q),
        ),
        (
            "reg.12(6)",
            Some("reg.12(6)"),
            Some(Prejudice),
            Some(Q),
            Some(Q),
        ),
        ("reg.12(5)(e)", None, Some(Prejudice), Some(Q), Some(Q)),
        ("reg.12(4)(b)", None, Some(Class), Some(Q), Some(Q)),
        ("reg.12(5)", None, Some(Prejudice), Some(Q), Some(Q)),
        ("reg.12", None, None, Some(Q), Some(Q)),
        // Not exceptions: the public interest test, the presumption, the emissions rule.
        ("reg.12(1)", None, None, None, None),
        ("reg.12(2)", None, None, None, None),
        ("reg.12(9)", None, None, None, None),
        ("reg.5(2)", None, None, None, None),
    ]);
}

#[test]
fn every_reg12_exception_is_qualified() {
    let law = Catalogue::standard();
    let on = Date::new(2024, 1, 1).unwrap();
    let limbs: Vec<String> = ["a", "b", "c", "d", "e"]
        .iter()
        .map(|l| format!("reg.12(4)({l})"))
        .chain(
            ["a", "b", "c", "d", "e", "f", "g"]
                .iter()
                .map(|l| format!("reg.12(5)({l})")),
        )
        .collect();
    let cases: Vec<Case<'_>> = limbs
        .iter()
        .map(|l| {
            let ncnd = (l == "reg.12(5)(a)").then_some("reg.12(6)");
            let test = law.test_type(&id(l));
            (
                l.as_str(),
                ncnd,
                test,
                Some(Effect::Qualified),
                Some(Effect::Qualified),
            )
        })
        .collect();
    assert!(cases.iter().all(|c| c.2.is_some()));
    check(&cases);
    assert!(law.is_exemption(&id("reg.12(4)(e)")) && law.in_force_on(&id("reg.12(4)(e)"), on));
}

#[test]
fn personal_data_reg13() {
    use TestType::Class;
    let first = || {
        Some(Effect::AbsoluteWhere(
        "the first condition is satisfied (disclosure would contravene the data protection principles)".into(),
    ))
    };
    check(&[
        ("reg.13", Some("reg.13(5A)"), Some(Class), first(), first()),
        (
            "reg.13(5A)(a)",
            Some("reg.13(5A)(a)"),
            Some(Class),
            None,
            Some(Effect::Absolute),
        ),
        (
            "reg.13(5B)",
            Some("reg.13(5B)"),
            Some(Class),
            None,
            Some(Effect::AbsoluteWhere(
                "the condition in reg.13(5B)(a) is satisfied".into(),
            )),
        ),
    ]);
    let law = Catalogue::standard();
    assert!(law.is_ncnd_provision(&id("reg.13(5A)")));
    assert!(law.is_ncnd_provision(&id("reg.13(5B)")));
    assert!(!law.is_ncnd_provision(&id("reg.12(5)(a)")));
}
