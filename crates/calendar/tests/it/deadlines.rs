//! Worked s.10 deadlines: the nth working day after the date of receipt.

use foidesk_calendar::{
    CalendarError, CalendarSettings, Date, LateProclamationPolicy, WorkingDayCalendar,
};

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

mod twentieth_working_day {
    use super::*;

    fn check(received: &str, n: u32, due: &str) {
        let cal = WorkingDayCalendar::standard();
        let got = cal.add_working_days(date(received), n).unwrap();
        assert_eq!(got, date(due), "{n} working days after {received}");
        // The deadline is exactly n working days on, and is itself a working day.
        assert_eq!(cal.working_days_between(date(received), got), Ok(n));
        assert_eq!(cal.is_working_day(got), Ok(true));
    }

    /// FACTS.md §6 worked deadlines (union rule).
    #[test]
    fn facts_vectors() {
        check("2019-11-07", 20, "2019-12-06"); // Scotland's St Andrew's substitute 2019-12-02
        check("2018-12-14", 20, "2019-01-17"); // Scotland's 2 January
        check("2020-12-11", 20, "2021-01-14"); // Scotland's 2 January substitute 2021-01-04
        check("2023-03-30", 20, "2023-05-02");
        check("2024-06-11", 20, "2024-07-09");
        check("2017-10-06", 20, "2017-11-03");
        // No substitute was proclaimed for Saturday 2 January 2010 or 2011: 4 January
        // was a working day everywhere in the UK both years.
        check("2009-12-07", 20, "2010-01-07");
        check("2010-12-06", 20, "2011-01-06");
    }

    /// Alaveteli's published vectors (weekend receipts, Easter 2009, St Patrick's Day 2009).
    #[test]
    fn alaveteli_vectors() {
        check("2008-10-01", 20, "2008-10-29");
        check("2007-02-01", 20, "2007-03-01");
        check("2008-02-01", 20, "2008-02-29");
        check("2009-03-12", 20, "2009-04-14");
        check("2009-03-13", 20, "2009-04-15");
        check("2009-03-14", 20, "2009-04-15");
        check("2009-03-15", 20, "2009-04-15");
        check("2009-03-16", 20, "2009-04-16");
    }

    #[test]
    fn small_n() {
        check("2019-12-06", 0, "2019-12-06"); // n = 0 is the date of receipt
        check("2019-12-07", 1, "2019-12-09"); // received Saturday: day 1 is Monday
        check("2021-12-24", 1, "2021-12-29"); // Christmas 2021 and both substitutes
        check("2100-12-30", 1, "2100-12-31");
    }
}

mod late_proclamation {
    use super::*;

    fn check(policy: LateProclamationPolicy, received: &str, due: &str) {
        let cal = WorkingDayCalendar::uk(CalendarSettings {
            late_proclamations: policy,
        });
        assert_eq!(cal.settings().late_proclamations, policy);
        let start = date(received);
        assert_eq!(
            cal.add_working_days(start, 20),
            Ok(date(due)),
            "{policy:?} {received}"
        );
        assert_eq!(cal.working_days_between(start, date(due)), Ok(20));
        assert_eq!(
            cal.add_working_days_where(start, 20, &|_| true),
            Ok(date(due))
        );
    }

    /// 2022-09-19 was proclaimed on 2022-09-10 (FACTS.md §6): only requests received before
    /// then differ between the policies.
    #[test]
    fn state_funeral_policies() {
        use LateProclamationPolicy::{CountsForAll, NotForRequestsAlreadyRunning};
        check(CountsForAll, "2022-09-01", "2022-09-30");
        check(NotForRequestsAlreadyRunning, "2022-09-01", "2022-09-29");
        check(CountsForAll, "2022-09-09", "2022-10-10");
        check(NotForRequestsAlreadyRunning, "2022-09-09", "2022-10-07");
        check(CountsForAll, "2022-09-10", "2022-10-10");
        check(NotForRequestsAlreadyRunning, "2022-09-10", "2022-10-10");
        check(CountsForAll, "2022-09-12", "2022-10-11");
        check(NotForRequestsAlreadyRunning, "2022-09-12", "2022-10-11");
    }

    #[test]
    fn default_is_counts_for_all_and_the_day_is_a_holiday() {
        assert_eq!(
            CalendarSettings::default().late_proclamations,
            LateProclamationPolicy::CountsForAll
        );
        let cal = WorkingDayCalendar::uk(CalendarSettings {
            late_proclamations: LateProclamationPolicy::NotForRequestsAlreadyRunning,
        });
        assert_eq!(cal.is_working_day(date("2022-09-19")), Ok(false));
    }
}

mod out_of_range {
    use super::*;

    fn check(result: Result<impl std::fmt::Debug, CalendarError>, named: &str) {
        match result {
            Err(e @ CalendarError::OutOfRange { .. }) => {
                let msg = e.to_string();
                assert!(msg.contains(named), "{msg:?} should name {named}");
                assert!(msg.contains("2000-01-01 to 2100-12-31"), "{msg}");
            }
            other => panic!("expected OutOfRange naming {named}, got {other:?}"),
        }
    }

    #[test]
    fn dates_outside_2000_to_2100() {
        let cal = WorkingDayCalendar::standard();
        check(cal.add_working_days(date("1999-12-31"), 20), "1999-12-31");
        check(cal.add_working_days(date("2101-01-01"), 0), "2101-01-01");
        check(cal.is_working_day(date("2101-01-01")), "2101-01-01");
        check(
            cal.working_days_between(date("2020-01-01"), date("2101-01-01")),
            "2101-01-01",
        );
        check(
            cal.explain(date("1999-12-31"), date("2000-01-05")),
            "1999-12-31",
        );
        check(cal.non_working_reasons(date("1999-12-31")), "1999-12-31");
        check(foidesk_calendar::holidays_in_year(2101), "2101");
        check(
            foidesk_calendar::add_calendar_days(date("1999-12-31"), 1),
            "1999-12-31",
        );
    }

    #[test]
    fn running_past_2100_12_31() {
        let cal = WorkingDayCalendar::standard();
        check(
            cal.add_working_days(date("2100-12-20"), 20),
            "20th working day after 2100-12-20",
        );
        check(
            cal.add_working_days_where(date("2100-12-20"), 20, &|_| true),
            "20th working day after 2100-12-20",
        );
        check(
            foidesk_calendar::add_calendar_days(date("2100-12-20"), 35),
            "2101-01-24",
        );
        check(
            foidesk_calendar::add_calendar_days(date("2100-12-20"), u32::MAX),
            "2100-12-20",
        );
    }
}

mod calendar_days {
    use super::*;

    fn check(from: &str, days: u32, to: &str) {
        assert_eq!(
            foidesk_calendar::add_calendar_days(date(from), days),
            Ok(date(to))
        );
    }

    #[test]
    fn twenty_eight_and_thirty_five_day_periods() {
        check("2024-02-01", 28, "2024-02-29");
        check("2023-02-01", 28, "2023-03-01");
        check("2022-12-20", 35, "2023-01-24");
        check("2100-12-31", 0, "2100-12-31");
    }
}

mod school_days {
    use super::*;

    fn check(received: &str, n: u32, due: &str, counts: &dyn Fn(Date) -> bool) {
        let cal = WorkingDayCalendar::standard();
        assert_eq!(
            cal.add_working_days_where(date(received), n, counts),
            Ok(date(due))
        );
    }

    #[test]
    fn filter_skips_non_school_days() {
        check("2019-11-07", 20, "2019-12-06", &|_| true);
        // A half-term week 2019-10-28..=2019-11-01 pushes day 20 a week later.
        let half_term = |d: Date| !(date("2019-10-28")..=date("2019-11-01")).contains(&d);
        check("2019-10-18", 20, "2019-11-22", &half_term);
        check("2019-10-18", 20, "2019-11-15", &|_| true);
    }
}
