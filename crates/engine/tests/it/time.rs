//! Times people read: a stored instant in UK local time, to the minute; a
//! running deadline in working days.

use foidesk_engine::api::{Date, DeadlineStatus};
use foidesk_engine::time_in_words;

use crate::common::engine;

fn check(instant: &str, words: Option<&str>) {
    assert_eq!(time_in_words(instant).as_deref(), words, "{instant}");
}

#[test]
fn recorded_times_read_in_uk_local_time_to_the_minute() {
    // Winter: Greenwich Mean Time.
    check(
        "2026-11-30T14:05:09.050614718Z",
        Some("14:05 on 30 November 2026"),
    );
    // Summer: British Summer Time, an hour ahead; past midnight is the next day.
    check("2026-07-01T13:05:00Z", Some("14:05 on 1 July 2026"));
    check("2026-06-30T23:30:00Z", Some("00:30 on 1 July 2026"));
    check(
        "2026-11-29T21:26:05.050614718Z",
        Some("21:26 on 29 November 2026"),
    );
    check("2026-07-01T11:05:00Z", Some("12:05 on 1 July 2026"));
    check("not a time", None);
    check("", None);
}

#[test]
fn a_running_deadline_counts_working_days_from_today() {
    let e = engine("2026-11-25");
    let d = |s: &str| Date::parse(s).unwrap();
    assert_eq!(
        e.running_status(d("2026-11-25")),
        Some(DeadlineStatus::Running {
            working_days_left: 0
        })
    );
    assert_eq!(
        e.running_status(d("2026-11-27")),
        Some(DeadlineStatus::Running {
            working_days_left: 2
        })
    );
    assert_eq!(
        e.running_status(d("2026-11-23")),
        Some(DeadlineStatus::Overdue { by_working_days: 2 })
    );
}
