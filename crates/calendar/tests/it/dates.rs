//! The `Date` type: strict parsing, arithmetic, formatting and serde.

use foidesk_calendar::{CalendarError, Date, Weekday};

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

mod parse_rejects {
    use super::*;

    fn check(text: &str, why: &str) {
        match Date::parse(text) {
            Err(e @ CalendarError::InvalidDate { .. }) => {
                let msg = e.to_string();
                assert!(
                    msg.contains(&format!("{text:?}")),
                    "{msg} should quote {text:?}"
                );
                assert!(msg.contains(why), "{msg} should say {why:?}");
            }
            other => panic!("{text:?}: expected InvalidDate, got {other:?}"),
        }
    }

    #[test]
    fn bad_texts() {
        check("2023-02-30", "February 2023 has 28 days");
        check("2023-2-3", "YYYY-MM-DD");
        check("", "empty");
        check("abc", "YYYY-MM-DD");
        check("2023-13-01", "month 13");
        check("2023-00-10", "month 0");
        check("2024-02-30", "February 2024 has 29 days");
        check(" 2023-01-01", "YYYY-MM-DD");
        check("2023/01/01", "YYYY-MM-DD");
        check("+023-01-01", "YYYY-MM-DD");
        check("２０２３-01-01", "YYYY-MM-DD");
    }
}

mod arithmetic {
    use super::*;

    fn check(from: &str, months: i32, to: &str) {
        assert_eq!(
            date(from).checked_add_months(months),
            Ok(date(to)),
            "{from} + {months}"
        );
    }

    #[test]
    fn months_clamp_to_month_end() {
        check("2023-01-31", 1, "2023-02-28");
        check("2024-01-31", 1, "2024-02-29");
        check("2024-03-31", -1, "2024-02-29");
        check("2023-10-31", 2, "2023-12-31");
        check("2023-11-15", 3, "2024-02-15");
        check("2023-01-15", -13, "2021-12-15");
        check("2023-01-15", 0, "2023-01-15");
    }

    #[test]
    fn days_weekdays_and_overflow() {
        let d = date("2019-12-06");
        assert_eq!(d.weekday(), Weekday::Friday);
        assert_eq!(d.checked_add_days(-6), Ok(date("2019-11-30")));
        assert_eq!(d.days_until(date("2020-12-06")), 366);
        assert_eq!(date("2020-12-06").days_until(d), -366);
        assert!(matches!(
            d.checked_add_days(i64::MAX),
            Err(CalendarError::Overflow { .. })
        ));
        assert!(matches!(
            d.checked_add_months(i32::MAX),
            Err(CalendarError::Overflow { .. })
        ));
        assert!(matches!(
            date("0000-01-01").checked_add_days(-1),
            Err(CalendarError::Overflow { .. })
        ));
        assert_eq!((d.year(), d.month(), d.day()), (2019, 12, 6));
        assert!(Date::new(2023, 2, 29).is_err());
        assert!(Date::new(-1, 1, 1).is_err());
        assert_eq!(Date::min_supported(), date("2000-01-01"));
        assert_eq!(Date::max_supported(), date("2100-12-31"));
    }

    #[test]
    fn display_fromstr_serde() {
        let d: Date = "0099-01-02".parse().unwrap();
        assert_eq!(d.to_string(), "0099-01-02");
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"0099-01-02\"");
        assert_eq!(
            serde_json::from_str::<Date>("\"2019-12-06\"").unwrap(),
            date("2019-12-06")
        );
        assert!(serde_json::from_str::<Date>("\"2019-12-32\"").is_err());
    }
}

#[test]
fn long_form_is_how_notices_write_dates() {
    for (iso, long) in [
        ("2020-06-23", "23 June 2020"),
        ("2018-01-01", "1 January 2018"),
        ("2024-12-31", "31 December 2024"),
    ] {
        assert_eq!(Date::parse(iso).unwrap().long_form(), long);
    }
}
