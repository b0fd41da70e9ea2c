//! # foidesk-calendar: when is the twentieth working day?
//!
//! Answers the date question in FOIA s.10: given the date a request was received, which day is
//! the nth *working day* after it, and why is any day in between not a working day?
//!
//! ## The rule (FACTS.md §1 "s.10 Time for compliance", §6)
//! * s.10(6): a working day is any day other than a Saturday, a Sunday, Christmas Day, Good
//!   Friday, or a bank holiday under the Banking and Financial Dealings Act 1971 in **any**
//!   part of the UK: the union of England and Wales, Scotland and Northern Ireland.
//! * Day 1 is the first working day after the date of receipt; the date of receipt itself
//!   need not be a working day.
//! * Proclaimed one-off days count. Whether the 2022-09-19 state funeral (proclaimed
//!   2022-09-10) counts for requests already running is open: see [`LateProclamationPolicy`].
//!
//! ## Invariants
//! * Supported dates: 2000-01-01 to 2100-12-31. Every calendar operation on a date outside it
//!   returns [`CalendarError::OutOfRange`] naming the date; nothing panics.
//! * Pure: no I/O, no clock, no async. The holiday table is compiled in.
//! * [`WorkingDayCalendar::add_working_days`] is O(1): a per-day rank table and a rank-to-day
//!   index, built once per calendar.
//!
//! ## Data sources
//! * 2000-2035: `data/holidays.csv`, one row per (date, nation set), generated from the rules in
//!   `rules.rs` plus the one-off and moved days of FACTS.md §6, and checked by a test against
//!   gov.uk's bank-holidays.json for 2012-2028 (`shared/law/govuk-bank-holidays-2012-2028.json`,
//!   beside the repository; FACTS.md §6).
//!   Rows for 2029-2035 are computed and say they are not yet confirmed by gov.uk.
//! * 2036-2100: projected from the same statutory patterns (`projected: true`), no one-offs.

mod calendar;
mod date;
mod error;
mod holidays;
mod rules;
#[cfg(test)]
mod table_gen;

pub use calendar::{
    add_calendar_days, CalendarSettings, LateProclamationPolicy, NonWorkingDay, NonWorkingReason,
    WorkingDayCalendar,
};
pub use date::{Date, Weekday};
pub use error::CalendarError;
pub use holidays::{holidays_in_year, Holiday, HolidayKind, Nation, TABLE_LAST_YEAR};
pub use rules::{easter_sunday, good_friday, holidays_by_rule};
