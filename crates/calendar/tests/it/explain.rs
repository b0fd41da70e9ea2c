//! Why days are not working days: `explain` and `non_working_reasons`.

use foidesk_calendar::{Date, Nation, NonWorkingReason, WorkingDayCalendar};

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// Checks the reasons `explain` gives over a range, rendered with Display.
fn check(from: &str, to: &str, expected: &[(&str, &[&str])]) {
    let cal = WorkingDayCalendar::standard();
    let got: Vec<(String, Vec<String>)> = cal
        .explain(date(from), date(to))
        .unwrap()
        .into_iter()
        .map(|d| {
            let reasons = d.reasons.iter().map(ToString::to_string).collect();
            (d.date.to_string(), reasons)
        })
        .collect();
    let want: Vec<(String, Vec<String>)> = expected
        .iter()
        .map(|(d, rs)| (d.to_string(), rs.iter().map(|r| r.to_string()).collect()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn st_andrews_day_substitute_2019() {
    check(
        "2019-11-29",
        "2019-12-03",
        &[
            ("2019-11-30", &["Saturday"]),
            ("2019-12-01", &["Sunday"]),
            (
                "2019-12-02",
                &["bank holiday in Scotland: St Andrew's Day (substitute day)"],
            ),
        ],
    );
}

#[test]
fn christmas_2021_weekend_substitutes() {
    const ALL: &str = "England and Wales, Scotland and Northern Ireland";
    let sub_christmas = format!("bank holiday in {ALL}: Christmas Day (substitute day)");
    let sub_boxing = format!("bank holiday in {ALL}: Boxing Day (substitute day)");
    check(
        "2021-12-24",
        "2021-12-29",
        &[
            ("2021-12-25", &["Saturday", "Christmas Day (FOIA s.10(6))"]),
            ("2021-12-26", &["Sunday"]),
            ("2021-12-27", &[&sub_christmas]),
            ("2021-12-28", &[&sub_boxing]),
        ],
    );
}

#[test]
fn several_reasons_and_projection() {
    check(
        "2019-04-19",
        "2019-04-19",
        &[(
            "2019-04-19",
            &[
                "Good Friday (FOIA s.10(6))",
                "bank holiday in England and Wales, Scotland and Northern Ireland: Good Friday",
            ],
        )],
    );
    check(
        "2040-11-30",
        "2040-11-30",
        &[(
            "2040-11-30",
            &["bank holiday in Scotland: St Andrew's Day (projected)"],
        )],
    );
    // 2012-01-02: E&W and NI's New Year substitute and Scotland's 2 January on one day.
    let cal = WorkingDayCalendar::standard();
    let reasons = cal.non_working_reasons(date("2012-01-02")).unwrap();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert_eq!(cal.non_working_reasons(date("2019-12-03")), Ok(vec![]));
    assert!(reasons.contains(&NonWorkingReason::BankHoliday {
        name: "2nd January".into(),
        nations: vec![Nation::Scotland],
        projected: false,
    }));
    // serde: tagged by reason.
    let json = serde_json::to_string(&cal.explain(date("2019-12-02"), date("2019-12-02")).unwrap())
        .unwrap();
    assert_eq!(
        json,
        r#"[{"date":"2019-12-02","reasons":[{"reason":"bank-holiday","name":"St Andrew's Day (substitute day)","nations":["scotland"],"projected":false}]}]"#
    );
}
