//! Properties of assessment over generated timelines.

use foidesk_calendar::Date;
use foidesk_case::{assess, parse_case, FindingKind};
use proptest::prelude::*;

fn case(received: Date, response_after: u32, outcome: &str, provision: &str) -> String {
    let response = received
        .checked_add_days(i64::from(response_after))
        .unwrap();
    let provisions = if provision.is_empty() {
        String::new()
    } else {
        format!(", provisions = [\"{provision}\"]")
    };
    format!(
        "[request]\nauthority = \"A\"\nregime = \"FOIA\"\nreceived = \"{received}\"\n[[request.parts]]\nid = \"1\"\ntext = \"t\"\n[[events]]\nkind = \"response\"\ndate = \"{response}\"\noutcomes = [{{ part = \"1\", outcome = \"{outcome}\"{provisions} }}]\n"
    )
}

fn any_date() -> impl Strategy<Value = Date> {
    (2005i16..2090, 0i64..365)
        .prop_map(|(y, d)| Date::new(y, 1, 1).unwrap().checked_add_days(d).unwrap())
}

proptest! {
    /// s.10(1) is breached exactly when the response comes after the
    /// 20th working day, whatever the dates.
    #[test]
    fn late_response_iff_after_twentieth_working_day(received in any_date(), after in 0u32..80) {
        let text = case(received, after, "disclosed", "");
        let case = parse_case(&text).unwrap();
        let a = assess(&case, Date::new(2099, 1, 1).unwrap()).unwrap();
        let due = a.deadlines.response_due.unwrap();
        let response = received.checked_add_days(i64::from(after)).unwrap();
        prop_assert_eq!(a.has_breach_of("s.10(1)"), response > due);
    }

    /// Every finding names a provision the catalogue knows.
    #[test]
    fn findings_name_known_provisions(
        received in any_date(),
        after in 0u32..80,
        (outcome, provision) in prop::sample::select(vec![
            ("ncnd", "s.21"), ("ncnd", "s.31(1)(a)"), ("withheld", "s.31(3)"), ("withheld", "s.40(2)"),
            ("ncnd", "s.43(1)"), ("withheld", "reg.12(5)(e)"), ("cost_limit", ""), ("withheld", ""),
        ]),
    ) {
        let text = case(received, after, outcome, provision);
        let case = parse_case(&text).unwrap();
        let a = assess(&case, Date::new(2099, 1, 1).unwrap()).unwrap();
        let law = foidesk_law::Catalogue::standard();
        for f in &a.findings {
            prop_assert!(law.is_known(&f.provision), "{} unknown", f.provision);
            prop_assert!(!f.summary.is_empty());
        }
        if outcome == "ncnd" && (provision == "s.21" || provision == "s.43(1)") {
            prop_assert!(a.findings.iter().any(|f| f.kind == FindingKind::Breach && f.names("s.1(1)(a)")));
        }
    }
}
