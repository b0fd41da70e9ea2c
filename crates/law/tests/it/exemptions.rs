//! FOIA Part II, ss.21 to 44: one case per section against FACTS.md §1A ("Part II exemptions,
//! ss.21 to 44: one row per section"). Each case names its FACTS row.

use foidesk_calendar::Date;
use foidesk_law::{Catalogue, Effect, ProvisionId, TestType};
use TestType::*;

/// A limb: (id, expected NCND subsection, expected test type).
type Limb = (&'static str, Option<&'static str>, Option<TestType>);
/// A status: (id, date, expected) where expected is "absolute", "qualified",
/// "absolute where <text contained in the condition>" or "-" (no effect: not in force / not
/// an exemption).
type Status = (&'static str, &'static str, &'static str);

const AFTER_2018: &str = "2024-01-01";

fn id(s: &str) -> ProvisionId {
    ProvisionId::parse(s).unwrap()
}

fn check(limbs: &[Limb], statuses: &[Status]) {
    let law = Catalogue::standard();
    for &(limb, ncnd, test) in limbs {
        let limb_id = id(limb);
        assert!(law.is_known(&limb_id), "{limb} unknown");
        assert!(law.is_exemption(&limb_id), "{limb} is not an exemption");
        assert_eq!(law.ncnd_provision(&limb_id), ncnd.map(id), "NCND of {limb}");
        assert_eq!(law.test_type(&limb_id), test, "test of {limb}");
    }
    for &(limb, date, want) in statuses {
        let got = law.effect_on(&id(limb), Date::parse(date).unwrap());
        let ok = match (&got, want) {
            (None, "-") => true,
            (Some(Effect::Absolute), "absolute") => true,
            (Some(Effect::Qualified), "qualified") => true,
            (Some(Effect::AbsoluteWhere(cond)), w) => w
                .strip_prefix("absolute where ")
                .is_some_and(|part| cond.contains(part)),
            _ => false,
        };
        assert!(ok, "status of {limb} on {date}: got {got:?}, want {want}");
    }
}

#[test]
fn s21_accessible_by_other_means() {
    // FACTS §1A row 21: no NCND limb; Class; Abs.
    check(
        &[("s.21", None, Some(Class)), ("s.21(1)", None, Some(Class))],
        &[
            ("s.21", AFTER_2018, "absolute"),
            ("s.21", "2006-01-01", "absolute"),
            ("s.21(2)", AFTER_2018, "-"),
        ],
    );
}

#[test]
fn s22_future_publication() {
    // FACTS §1A row 22: NCND 22(2); Class; Q.
    check(
        &[
            ("s.22", Some("s.22(2)"), Some(Class)),
            ("s.22(1)(a)", Some("s.22(2)"), Some(Class)),
        ],
        &[("s.22", AFTER_2018, "qualified")],
    );
}

#[test]
fn s22a_research() {
    // FACTS §1A row 22A: NCND 22A(2); Prej; Q. Inserted 2014 (not in force in 2010).
    check(
        &[
            ("s.22A", Some("s.22A(2)"), Some(Prejudice)),
            ("s.22A(1)(b)(ii)", Some("s.22A(2)"), Some(Prejudice)),
        ],
        &[
            ("s.22A", AFTER_2018, "qualified"),
            ("s.22A", "2010-01-01", "-"),
        ],
    );
}

#[test]
fn s23_security_bodies() {
    // FACTS §1A row 23: NCND 23(5); Class; Abs.
    check(
        &[
            ("s.23", Some("s.23(5)"), Some(Class)),
            ("s.23(1)", Some("s.23(5)"), Some(Class)),
        ],
        &[
            ("s.23(1)", AFTER_2018, "absolute"),
            ("s.23(5)", AFTER_2018, "absolute"),
        ],
    );
}

#[test]
fn s24_national_security() {
    // FACTS §1A row 24: NCND 24(2); "required for"; Q.
    check(
        &[
            ("s.24(1)", Some("s.24(2)"), Some(RequiredFor)),
            ("s.24(2)", Some("s.24(2)"), Some(RequiredFor)),
        ],
        &[
            ("s.24(1)", AFTER_2018, "qualified"),
            ("s.24(2)", AFTER_2018, "qualified"),
        ],
    );
}

#[test]
fn s25_is_supplementary() {
    // FACTS §1A note: s.25 (certificates for ss.23 and 24) is supplementary, not an exemption.
    let law = Catalogue::standard();
    let s25 = id("s.25");
    assert!(law.is_known(&s25));
    assert!(!law.is_exemption(&s25));
    assert_eq!(law.ncnd_provision(&s25), None);
    assert_eq!(law.test_type(&s25), None);
    check(&[], &[("s.25", AFTER_2018, "-")]);
}

#[test]
fn s26_defence() {
    // FACTS §1A row 26: NCND 26(3); Prej; Q.
    check(
        &[("s.26(1)(b)", Some("s.26(3)"), Some(Prejudice))],
        &[("s.26", AFTER_2018, "qualified")],
    );
}

#[test]
fn s27_international_relations() {
    // FACTS §1A row 27: NCND 27(4); (1) Prej, (2) Class; Q.
    check(
        &[
            ("s.27", Some("s.27(4)"), None),
            ("s.27(1)", Some("s.27(4)"), Some(Prejudice)),
            ("s.27(1)(a)", Some("s.27(4)"), Some(Prejudice)),
            ("s.27(2)", Some("s.27(4)"), Some(Class)),
            ("s.27(4)(b)", Some("s.27(4)(b)"), Some(Class)),
        ],
        &[
            ("s.27(1)(a)", AFTER_2018, "qualified"),
            ("s.27(2)", AFTER_2018, "qualified"),
        ],
    );
}

#[test]
fn s28_relations_within_uk() {
    // FACTS §1A row 28: NCND 28(3); Prej; Q.
    check(
        &[("s.28(1)", Some("s.28(3)"), Some(Prejudice))],
        &[("s.28", AFTER_2018, "qualified")],
    );
}

#[test]
fn s29_economy() {
    // FACTS §1A row 29: NCND 29(2); Prej; Q.
    check(
        &[("s.29(1)(a)", Some("s.29(2)"), Some(Prejudice))],
        &[("s.29", AFTER_2018, "qualified")],
    );
}

#[test]
fn s30_investigations() {
    // FACTS §1A row 30: NCND 30(3); Class; Q.
    check(
        &[
            ("s.30(1)(a)", Some("s.30(3)"), Some(Class)),
            ("s.30(2)", Some("s.30(3)"), Some(Class)),
        ],
        &[("s.30", AFTER_2018, "qualified")],
    );
}

#[test]
fn s31_law_enforcement() {
    // FACTS §1A row 31: NCND 31(3); Prej; Q.
    check(
        &[
            ("s.31", Some("s.31(3)"), Some(Prejudice)),
            ("s.31(1)(a)", Some("s.31(3)"), Some(Prejudice)),
            ("s.31(3)", Some("s.31(3)"), Some(Prejudice)),
        ],
        &[
            ("s.31(1)(a)", AFTER_2018, "qualified"),
            ("s.31(3)", "2010-01-01", "qualified"),
        ],
    );
}

#[test]
fn s32_court_records() {
    // FACTS §1A row 32: NCND 32(3); Class; Abs.
    check(
        &[("s.32(1)(a)", Some("s.32(3)"), Some(Class))],
        &[("s.32", AFTER_2018, "absolute")],
    );
}

#[test]
fn s33_audit() {
    // FACTS §1A row 33: NCND 33(3); Prej; Q.
    check(
        &[("s.33(2)", Some("s.33(3)"), Some(Prejudice))],
        &[("s.33(2)", AFTER_2018, "qualified")],
    );
}

#[test]
fn s34_parliamentary_privilege() {
    // FACTS §1A row 34: NCND 34(2); "required for"; Abs.
    check(
        &[("s.34(1)", Some("s.34(2)"), Some(RequiredFor))],
        &[("s.34", AFTER_2018, "absolute")],
    );
}

#[test]
fn s35_government_policy() {
    // FACTS §1A row 35: NCND 35(3); Class; Q.
    check(
        &[("s.35(1)(a)", Some("s.35(3)"), Some(Class))],
        &[("s.35(1)(b)", AFTER_2018, "qualified")],
    );
}

#[test]
fn s36_public_affairs() {
    // FACTS §1A row 36: NCND 36(3); QP opinion; Q, Abs for the Houses of Parliament (s.2(3)(e)).
    check(
        &[(
            "s.36(2)(b)(i)",
            Some("s.36(3)"),
            Some(QualifiedPersonOpinion),
        )],
        &[
            (
                "s.36",
                AFTER_2018,
                "absolute where House of Commons or the House of Lords",
            ),
            (
                "s.36(2)(c)",
                "2006-01-01",
                "absolute where House of Commons",
            ),
        ],
    );
}

#[test]
fn s37_royal_communications() {
    // FACTS §1A row 37: NCND 37(2); Class; Abs for (1)(a)-(ab) (s.2(3)(ea), CRaG 2010), Q for
    // (ac), (ad), (b). Before the amendment the whole section was qualified.
    check(
        &[
            ("s.37(1)(a)", Some("s.37(2)"), Some(Class)),
            ("s.37(1)(b)", Some("s.37(2)"), Some(Class)),
        ],
        &[
            ("s.37(1)(a)", "2010-06-01", "qualified"),
            ("s.37(1)(a)", AFTER_2018, "absolute"),
            ("s.37(1)(aa)", "2010-06-01", "-"),
            ("s.37(1)(aa)", AFTER_2018, "absolute"),
            ("s.37(1)(ab)", AFTER_2018, "absolute"),
            ("s.37(1)(ac)", AFTER_2018, "qualified"),
            ("s.37(1)(ad)", AFTER_2018, "qualified"),
            ("s.37(1)(b)", AFTER_2018, "qualified"),
            ("s.37(1)(b)", "2010-06-01", "qualified"),
            ("s.37(2)", "2010-06-01", "qualified"),
            ("s.37(2)", AFTER_2018, "absolute where s.37(1)(a) to (ab)"),
            ("s.37", "2010-06-01", "qualified"),
            ("s.37", AFTER_2018, "absolute where s.37(1)(a) to (ab)"),
        ],
    );
}

#[test]
fn s38_health_and_safety() {
    // FACTS §1A row 38: NCND 38(2); endangerment; Q.
    check(
        &[("s.38(1)(a)", Some("s.38(2)"), Some(Endangerment))],
        &[("s.38", AFTER_2018, "qualified")],
    );
}

#[test]
fn s39_environmental() {
    // FACTS §1A row 39: NCND 39(2); Class; Q.
    check(
        &[("s.39(1)(a)", Some("s.39(2)"), Some(Class))],
        &[("s.39", AFTER_2018, "qualified")],
    );
}

#[test]
fn s40_personal_information() {
    // FACTS §1A row 40: NCND 40(5A) own data, 40(5B) third party; Class; (1) Abs; (2) Abs only
    // under the first condition (s.2(3)(fa), DPA 2018); (5A)/(5B) treated as absolute (ICO).
    check(
        &[
            ("s.40", Some("s.40(5B)"), Some(Class)),
            ("s.40(1)", Some("s.40(5A)"), Some(Class)),
            ("s.40(2)", Some("s.40(5B)"), Some(Class)),
            ("s.40(5A)", Some("s.40(5A)"), Some(Class)),
            ("s.40(5B)", Some("s.40(5B)"), Some(Class)),
        ],
        &[
            ("s.40(1)", "2010-01-01", "absolute"),
            ("s.40(1)", AFTER_2018, "absolute"),
            (
                "s.40(2)",
                "2010-01-01",
                "absolute where s.40(3)(a)(i) or (b)",
            ),
            (
                "s.40(2)",
                AFTER_2018,
                "absolute where first condition (s.40(3A))",
            ),
            ("s.40(3A)", AFTER_2018, "absolute"),
            ("s.40(3A)", "2010-01-01", "-"),
            ("s.40(3B)", AFTER_2018, "qualified"),
            ("s.40(4A)", AFTER_2018, "qualified"),
            ("s.40(5A)", AFTER_2018, "absolute"),
            ("s.40(5B)", AFTER_2018, "absolute"),
            ("s.40(5)", "2010-01-01", "absolute where s.40(1)"),
            ("s.40(5)", AFTER_2018, "-"),
        ],
    );
}

#[test]
fn s41_confidence() {
    // FACTS §1A row 41: NCND 41(2); Class; Abs.
    check(
        &[("s.41(1)(b)", Some("s.41(2)"), Some(Class))],
        &[("s.41", AFTER_2018, "absolute")],
    );
}

#[test]
fn s42_legal_professional_privilege() {
    // FACTS §1A row 42: NCND 42(2); Class; Q.
    check(
        &[("s.42(1)", Some("s.42(2)"), Some(Class))],
        &[("s.42", AFTER_2018, "qualified")],
    );
}

#[test]
fn s43_commercial_interests() {
    // FACTS §1A row 43: NCND 43(3) for (2) only; (1) Class, (2) Prej; Q.
    check(
        &[
            ("s.43", Some("s.43(3)"), None),
            ("s.43(1)", None, Some(Class)),
            ("s.43(2)", Some("s.43(3)"), Some(Prejudice)),
            ("s.43(3)", Some("s.43(3)"), Some(Prejudice)),
        ],
        &[
            ("s.43(1)", AFTER_2018, "qualified"),
            ("s.43(2)", AFTER_2018, "qualified"),
        ],
    );
}

#[test]
fn s44_prohibitions() {
    // FACTS §1A row 44: NCND 44(2); Class; Abs.
    check(
        &[("s.44(1)(a)", Some("s.44(2)"), Some(Class))],
        &[("s.44", AFTER_2018, "absolute")],
    );
}

#[test]
fn before_foia_commencement_nothing_applies() {
    check(
        &[],
        &[("s.31", "2004-12-31", "-"), ("s.21", "2004-12-31", "-")],
    );
}

#[test]
fn non_exemptions_have_no_effect() {
    check(
        &[],
        &[
            ("s.10(1)", AFTER_2018, "-"),
            ("s.17", AFTER_2018, "-"),
            ("s.24(3)", AFTER_2018, "-"),
        ],
    );
}
