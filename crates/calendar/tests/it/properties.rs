//! Properties of working-day arithmetic over random dates in 2000-2099.
//! Starts stop at 2099-08-31 so that 300 working days (about 440 calendar days) stay inside
//! the supported range; running past 2100-12-31 is tested in deadlines.rs.

use foidesk_calendar::{Date, WorkingDayCalendar};
use proptest::prelude::*;

/// Days from 2000-01-01 to 2099-08-31.
const SPAN_2000_2099: i64 = 36524 - 122;

fn any_date() -> impl Strategy<Value = Date> {
    (0..=SPAN_2000_2099).prop_map(|k| Date::min_supported().checked_add_days(k).unwrap())
}

fn cal() -> &'static WorkingDayCalendar {
    WorkingDayCalendar::standard()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn deadline_is_a_working_day(d in any_date(), n in 1u32..=300) {
        let due = cal().add_working_days(d, n).unwrap();
        prop_assert!(cal().is_working_day(due).unwrap());
        prop_assert!(due > d);
    }

    #[test]
    fn between_inverts_add(d in any_date(), n in 0u32..=300) {
        let due = cal().add_working_days(d, n).unwrap();
        prop_assert_eq!(cal().working_days_between(d, due).unwrap(), n);
    }

    #[test]
    fn monotone_in_start(d1 in any_date(), d2 in any_date(), n in 0u32..=300) {
        let (a, b) = if d1 <= d2 { (d1, d2) } else { (d2, d1) };
        prop_assert!(cal().add_working_days(a, n).unwrap() <= cal().add_working_days(b, n).unwrap());
    }

    #[test]
    fn monotone_in_n(d in any_date(), n1 in 0u32..=300, n2 in 0u32..=300) {
        let (a, b) = if n1 <= n2 { (n1, n2) } else { (n2, n1) };
        prop_assert!(cal().add_working_days(d, a).unwrap() <= cal().add_working_days(d, b).unwrap());
    }

    #[test]
    fn an_extra_holiday_never_brings_a_deadline_forward(
        d in any_date(), n in 0u32..=300, offset in 0i64..=420,
    ) {
        let mut extra = d.checked_add_days(offset).unwrap();
        while extra.weekday().is_weekend() {
            extra = extra.checked_add_days(1).unwrap();
        }
        let plain = cal().add_working_days(d, n).unwrap();
        let with_extra = cal().add_working_days_where(d, n, &|x| x != extra).unwrap();
        prop_assert!(with_extra >= plain);
        prop_assert_eq!(cal().add_working_days_where(d, n, &|_| true).unwrap(), plain);
    }

    #[test]
    fn date_round_trip(d in any_date()) {
        prop_assert_eq!(Date::parse(&d.to_string()).unwrap(), d);
    }
}
