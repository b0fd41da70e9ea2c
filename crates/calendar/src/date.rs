//! `Date`: a civil date (no time zone), our own type around `jiff::civil::Date`.

use std::fmt;
use std::str::FromStr;

use crate::error::CalendarError;

/// First and last supported years of the working-day calendar.
pub(crate) const MIN_YEAR: i16 = 2000;
pub(crate) const MAX_YEAR: i16 = 2100;
/// Number of days from 2000-01-01 to 2100-12-31 inclusive (101 years, 25 of them leap).
pub(crate) const SUPPORTED_DAYS: usize = 101 * 365 + 25;

/// Days before the first of each month in a common year.
const DAYS_BEFORE_MONTH: [u16; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A calendar date in years 0000 to 9999 (so it always prints as `YYYY-MM-DD`).
///
/// Dates outside 2000-01-01..=2100-12-31 can be built and compared, but every calendar
/// operation (holidays, working days, [`crate::add_calendar_days`]) rejects them.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

/// Day of the week.
#[derive(
    Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    /// Saturday or Sunday.
    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Saturday | Weekday::Sunday)
    }

    /// English name, e.g. "Monday".
    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }
}

impl fmt::Display for Weekday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

pub(crate) fn is_leap(year: i16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub(crate) fn days_in_month(year: i16, month: i8) -> i8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Leap years in [0, year), for year >= 0.
fn leaps_before(year: i64) -> i64 {
    (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400
}

/// Days since 0000-01-01 (proleptic Gregorian); exact for years >= 0, which `Date` guarantees.
fn days_since_year_zero(year: i16, month: i8, day: i8) -> i64 {
    let y = i64::from(year);
    let m = usize::try_from(month - 1).unwrap_or(0).min(11);
    let before = i64::from(DAYS_BEFORE_MONTH[m]) + i64::from(month > 2 && is_leap(year));
    365 * y + leaps_before(y) + before + i64::from(day) - 1
}

const DAYS_TO_2000: i64 = 365 * 2000 + 485; // days_since_year_zero(2000, 1, 1)

fn invalid(text: impl Into<String>, reason: impl Into<String>) -> CalendarError {
    CalendarError::InvalidDate {
        text: text.into(),
        reason: reason.into(),
    }
}

impl Date {
    /// A date from its parts; `InvalidDate` for impossible dates (2023-02-30, month 13)
    /// and for years outside 0000-9999.
    pub fn new(year: i16, month: i8, day: i8) -> Result<Date, CalendarError> {
        let text = || format!("{year:04}-{month:02}-{day:02}");
        if !(0..=9999).contains(&year) {
            return Err(invalid(text(), "the year must be between 0000 and 9999"));
        }
        if !(1..=12).contains(&month) {
            return Err(invalid(
                text(),
                format!("month {month} is not between 1 and 12"),
            ));
        }
        let dim = days_in_month(year, month);
        if !(1..=dim).contains(&day) {
            let name = MONTH_NAMES[usize::try_from(month - 1).unwrap_or(0)];
            return Err(invalid(
                text(),
                format!("day {day} does not exist: {name} {year} has {dim} days"),
            ));
        }
        jiff::civil::Date::new(year, month, day)
            .map(Date)
            .map_err(|e| invalid(text(), e.to_string()))
    }

    /// Strict ISO 8601 calendar date `YYYY-MM-DD` (exactly 10 characters, zero-padded).
    pub fn parse(text: &str) -> Result<Date, CalendarError> {
        const FORMAT: &str = "expected an ISO date YYYY-MM-DD, e.g. 2019-12-06";
        let b = text.as_bytes();
        if b.is_empty() {
            return Err(invalid(text, format!("empty text; {FORMAT}")));
        }
        let digits_ok = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(invalid(text, FORMAT));
        }
        if !digits_ok(0..4) || !digits_ok(5..7) || !digits_ok(8..10) {
            return Err(invalid(text, FORMAT));
        }
        let num = |r: std::ops::Range<usize>| {
            b[r].iter()
                .fold(0i16, |acc, &c| acc * 10 + i16::from(c - b'0'))
        };
        let (year, month, day) = (num(0..4), num(5..7), num(8..10));
        // month and day are at most 99, so they fit in i8.
        let month = i8::try_from(month).map_err(|_| invalid(text, FORMAT))?;
        let day = i8::try_from(day).map_err(|_| invalid(text, FORMAT))?;
        Date::new(year, month, day).map_err(|e| match e {
            CalendarError::InvalidDate { reason, .. } => invalid(text, reason),
            other => other,
        })
    }

    pub fn year(self) -> i16 {
        self.0.year()
    }

    pub fn month(self) -> i8 {
        self.0.month()
    }

    pub fn day(self) -> i8 {
        self.0.day()
    }

    /// The date as UK letters and notices write it: "23 June 2020".
    pub fn long_form(self) -> String {
        format!("{} {}", self.day(), self.month_and_year())
    }

    /// Its month as people write it: "June 2020".
    pub fn month_and_year(self) -> String {
        let name = MONTH_NAMES[usize::try_from(self.month() - 1).unwrap_or(0)];
        format!("{name} {}", self.year())
    }

    pub fn weekday(self) -> Weekday {
        use jiff::civil::Weekday as J;
        match self.0.weekday() {
            J::Monday => Weekday::Monday,
            J::Tuesday => Weekday::Tuesday,
            J::Wednesday => Weekday::Wednesday,
            J::Thursday => Weekday::Thursday,
            J::Friday => Weekday::Friday,
            J::Saturday => Weekday::Saturday,
            J::Sunday => Weekday::Sunday,
        }
    }

    /// Calendar days, either sign. `Overflow` if the result leaves years 0000-9999.
    pub fn checked_add_days(self, days: i64) -> Result<Date, CalendarError> {
        let overflow = || CalendarError::Overflow {
            what: format!("{self} plus {days} days"),
        };
        let span = jiff::Span::new().try_days(days).map_err(|_| overflow())?;
        let d = self.0.checked_add(span).map_err(|_| overflow())?;
        if d.year() < 0 {
            return Err(overflow());
        }
        Ok(Date(d))
    }

    /// Calendar months, either sign, clamping the day to the month's end
    /// (2023-01-31 + 1 month = 2023-02-28).
    pub fn checked_add_months(self, months: i32) -> Result<Date, CalendarError> {
        let overflow = || CalendarError::Overflow {
            what: format!("{self} plus {months} months"),
        };
        let total = i32::from(self.year())
            .checked_mul(12)
            .and_then(|t| t.checked_add(i32::from(self.month()) - 1))
            .and_then(|t| t.checked_add(months))
            .ok_or_else(overflow)?;
        let year = i16::try_from(total.div_euclid(12)).map_err(|_| overflow())?;
        let month = i8::try_from(total.rem_euclid(12) + 1).map_err(|_| overflow())?;
        if !(0..=9999).contains(&year) {
            return Err(overflow());
        }
        let day = self.day().min(days_in_month(year, month));
        Date::new(year, month, day).map_err(|_| overflow())
    }

    /// Signed number of calendar days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_year_zero() - self.days_since_year_zero()
    }

    /// 2000-01-01, the first date the working-day calendar supports.
    pub fn min_supported() -> Date {
        Date(jiff::civil::date(MIN_YEAR, 1, 1))
    }

    /// 2100-12-31, the last date the working-day calendar supports.
    pub fn max_supported() -> Date {
        Date(jiff::civil::date(MAX_YEAR, 12, 31))
    }

    /// Whether the date is in 2000-01-01..=2100-12-31.
    pub fn is_supported(self) -> bool {
        (MIN_YEAR..=MAX_YEAR).contains(&self.year())
    }

    fn days_since_year_zero(self) -> i64 {
        days_since_year_zero(self.year(), self.month(), self.day())
    }

    /// Position in the supported range (0 = 2000-01-01), or None outside it. Hot path: no jiff.
    #[inline]
    pub(crate) fn supported_index(self) -> Option<usize> {
        if !self.is_supported() {
            return None;
        }
        usize::try_from(self.days_since_year_zero() - DAYS_TO_2000).ok()
    }

    /// Like `supported_index`, but `OutOfRange` naming the date.
    pub(crate) fn index_or_err(self) -> Result<usize, CalendarError> {
        self.supported_index()
            .ok_or_else(|| CalendarError::out_of_range(self.to_string()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

impl FromStr for Date {
    type Err = CalendarError;
    fn from_str(s: &str) -> Result<Date, CalendarError> {
        Date::parse(s)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ISO date string YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

/// "1st", "2nd", "3rd", "4th", "11th", "21st", ...
pub(crate) fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_constants_agree() {
        assert_eq!(
            days_since_year_zero(2000, 1, 1),
            DAYS_TO_2000,
            "DAYS_TO_2000"
        );
        assert_eq!(Date::min_supported().supported_index(), Some(0));
        assert_eq!(
            Date::max_supported().supported_index(),
            Some(SUPPORTED_DAYS - 1)
        );
    }

    #[test]
    fn days_until_matches_jiff_over_the_range() {
        let mut d = Date::new(1999, 12, 1).unwrap();
        let start = d;
        for i in 0..40_000i64 {
            assert_eq!(start.days_until(d), i, "{d}");
            d = d.checked_add_days(1).unwrap();
        }
    }

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
                "111th"
            ]
        );
    }
}
