//! The FOIA s.10(6) working-day calendar: precomputed rank tables for O(1) deadline sums.

use std::fmt;
use std::sync::OnceLock;

use crate::date::{ordinal, Date, MAX_YEAR, MIN_YEAR, SUPPORTED_DAYS};
use crate::error::CalendarError;
use crate::holidays::{holidays_in_year, join_nations, Holiday, Nation};
use crate::rules;

/// Why a day is not a FOIA working day. A day can have several reasons.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum NonWorkingReason {
    Saturday,
    Sunday,
    /// Named in s.10(6) whether or not it is a bank holiday.
    ChristmasDay,
    /// Named in s.10(6) whether or not it is a bank holiday.
    GoodFriday,
    /// A bank holiday under the 1971 Act in the listed nations. `name` is the holiday's
    /// [`Holiday::label`] (e.g. "St Andrew's Day (substitute day)").
    BankHoliday {
        name: String,
        nations: Vec<Nation>,
        projected: bool,
    },
}

impl fmt::Display for NonWorkingReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NonWorkingReason::Saturday => f.write_str("Saturday"),
            NonWorkingReason::Sunday => f.write_str("Sunday"),
            NonWorkingReason::ChristmasDay => f.write_str("Christmas Day (FOIA s.10(6))"),
            NonWorkingReason::GoodFriday => f.write_str("Good Friday (FOIA s.10(6))"),
            NonWorkingReason::BankHoliday {
                name,
                nations,
                projected,
            } => {
                write!(f, "bank holiday in {}: {name}", join_nations(nations))?;
                if *projected {
                    f.write_str(" (projected)")?;
                }
                Ok(())
            }
        }
    }
}

/// A non-working day and every reason for it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NonWorkingDay {
    pub date: Date,
    pub reasons: Vec<NonWorkingReason>,
}

/// How to treat a bank holiday proclaimed after a request was received.
///
/// FACTS.md §6 leaves open whether the 2022-09-19 state funeral bank holiday, proclaimed on
/// 2022-09-10, counts for requests already running when it was proclaimed ("the jury is out",
/// informationrightsandwrongs.com, 2022-09-23). The default, [`CountsForAll`], treats it as a
/// non-working day for every request, as FACTS.md §6 directs ("default 'counts'").
///
/// [`CountsForAll`]: LateProclamationPolicy::CountsForAll
#[derive(
    Copy, Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum LateProclamationPolicy {
    /// A proclaimed holiday is a non-working day for every request (default).
    #[default]
    CountsForAll,
    /// A holiday whose `proclaimed_on` is after the date of receipt is a working day for that
    /// request (only 2022-09-19 has `proclaimed_on`).
    NotForRequestsAlreadyRunning,
}

/// Options for [`WorkingDayCalendar::uk`]. The default is [`LateProclamationPolicy::CountsForAll`].
#[derive(
    Default, Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct CalendarSettings {
    /// See [`LateProclamationPolicy`] (FACTS.md §6 open question; default counts for all).
    pub late_proclamations: LateProclamationPolicy,
}

/// Working days seen from a set of start dates: `rank[i]` = working days in days 0..=i,
/// `working[r]` = the (r+1)th working day.
struct View {
    rank: Vec<u32>,
    working: Vec<Date>,
}

impl View {
    fn build(is_working: impl Iterator<Item = (Date, bool)>) -> View {
        let mut rank = Vec::with_capacity(SUPPORTED_DAYS);
        let mut working = Vec::new();
        let mut count = 0u32;
        for (d, w) in is_working {
            if w {
                count = count.saturating_add(1);
                working.push(d);
            }
            rank.push(count);
        }
        View { rank, working }
    }

    fn is_working(&self, i: usize) -> bool {
        let before = if i == 0 { 0 } else { self.rank[i - 1] };
        self.rank[i] > before
    }
}

struct Tables {
    /// Every supported day, by index.
    days: Vec<Date>,
    /// Holidays 2000-2100, sorted by date.
    holidays: Vec<Holiday>,
    /// Sorted distinct `proclaimed_on` dates that the policy makes start-dependent.
    late: Vec<Date>,
    /// `views[k]` serves starts with exactly k of `late` on or before them;
    /// the last view is the default (every holiday counts).
    views: Vec<View>,
}

/// The FOIA s.10(6) calendar: a working day is any day other than a Saturday, a Sunday,
/// Christmas Day, Good Friday or a bank holiday in any part of the UK (FACTS.md §1, §6).
pub struct WorkingDayCalendar {
    settings: CalendarSettings,
    // Err only if the embedded table is broken, which unit tests rule out; kept as a value
    // so that construction never panics.
    tables: Result<Tables, CalendarError>,
}

impl fmt::Debug for WorkingDayCalendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WorkingDayCalendar")
            .field("settings", &self.settings)
            .field("ok", &self.tables.is_ok())
            .finish()
    }
}

impl WorkingDayCalendar {
    /// The UK union calendar for FOIA s.10(6), 2000-01-01 to 2100-12-31.
    pub fn uk(settings: CalendarSettings) -> WorkingDayCalendar {
        WorkingDayCalendar {
            settings,
            tables: build_tables(settings),
        }
    }

    /// The calendar with default settings, built once.
    pub fn standard() -> &'static WorkingDayCalendar {
        static STANDARD: OnceLock<WorkingDayCalendar> = OnceLock::new();
        STANDARD.get_or_init(|| WorkingDayCalendar::uk(CalendarSettings::default()))
    }

    pub fn settings(&self) -> CalendarSettings {
        self.settings
    }

    fn tables(&self) -> Result<&Tables, CalendarError> {
        self.tables.as_ref().map_err(Clone::clone)
    }

    /// Whether `d` is a working day (default view: every proclaimed holiday counts).
    pub fn is_working_day(&self, d: Date) -> Result<bool, CalendarError> {
        let t = self.tables()?;
        let i = d.index_or_err()?;
        Ok(t.default_view().is_working(i))
    }

    /// The nth working day after `start` (start = date of receipt, which need not be a working
    /// day; day 1 is the first working day after it). n = 0 returns start.
    #[inline]
    pub fn add_working_days(&self, start: Date, n: u32) -> Result<Date, CalendarError> {
        let t = self.tables()?;
        let i = start.index_or_err()?;
        if n == 0 {
            return Ok(start);
        }
        let view = t.view_for(start);
        let target = u64::from(view.rank[i]) + u64::from(n);
        usize::try_from(target - 1)
            .ok()
            .and_then(|r| view.working.get(r))
            .copied()
            .ok_or_else(|| past_end(start, n))
    }

    /// Number of working days d with start < d <= end (0 when end <= start).
    pub fn working_days_between(&self, start: Date, end: Date) -> Result<u32, CalendarError> {
        let t = self.tables()?;
        let (i, j) = (start.index_or_err()?, end.index_or_err()?);
        if j <= i {
            return Ok(0);
        }
        let view = t.view_for(start);
        Ok(view.rank[j].saturating_sub(view.rank[i]))
    }

    /// Like [`add_working_days`](Self::add_working_days), but only working days for which
    /// `counts` returns true are counted (school-day calendars). `OutOfRange` if the supported
    /// range runs out first.
    pub fn add_working_days_where(
        &self,
        start: Date,
        n: u32,
        counts: &dyn Fn(Date) -> bool,
    ) -> Result<Date, CalendarError> {
        let t = self.tables()?;
        let i = start.index_or_err()?;
        if n == 0 {
            return Ok(start);
        }
        let view = t.view_for(start);
        let mut left = n;
        for k in i + 1..SUPPORTED_DAYS {
            if view.is_working(k) && counts(t.days[k]) {
                left -= 1;
                if left == 0 {
                    return Ok(t.days[k]);
                }
            }
        }
        Err(past_end(start, n))
    }

    /// Every non-working day d with from <= d <= to, with all its reasons (default view).
    pub fn explain(&self, from: Date, to: Date) -> Result<Vec<NonWorkingDay>, CalendarError> {
        let t = self.tables()?;
        let (i, j) = (from.index_or_err()?, to.index_or_err()?);
        let mut out = Vec::new();
        for k in i..=j {
            if !t.default_view().is_working(k) {
                let date = t.days[k];
                out.push(NonWorkingDay {
                    date,
                    reasons: t.reasons(date)?,
                });
            }
        }
        Ok(out)
    }

    /// All reasons `d` is not a working day; empty if it is one.
    pub fn non_working_reasons(&self, d: Date) -> Result<Vec<NonWorkingReason>, CalendarError> {
        let t = self.tables()?;
        d.index_or_err()?;
        t.reasons(d)
    }

    /// The holidays this calendar uses, 2000-2100 (all nations), sorted by date.
    pub fn holidays(&self) -> Result<&[Holiday], CalendarError> {
        Ok(&self.tables()?.holidays)
    }
}

fn past_end(start: Date, n: u32) -> CalendarError {
    CalendarError::out_of_range(format!("the {} working day after {start}", ordinal(n)))
}

impl Tables {
    #[inline]
    fn view_for(&self, start: Date) -> &View {
        let k = self.late.partition_point(|&p| p <= start);
        &self.views[k.min(self.views.len() - 1)]
    }

    fn default_view(&self) -> &View {
        &self.views[self.views.len() - 1]
    }

    fn reasons(&self, d: Date) -> Result<Vec<NonWorkingReason>, CalendarError> {
        let mut out = Vec::new();
        match d.weekday() {
            crate::Weekday::Saturday => out.push(NonWorkingReason::Saturday),
            crate::Weekday::Sunday => out.push(NonWorkingReason::Sunday),
            _ => {}
        }
        if d.month() == 12 && d.day() == 25 {
            out.push(NonWorkingReason::ChristmasDay);
        }
        if rules::good_friday(d.year())? == d {
            out.push(NonWorkingReason::GoodFriday);
        }
        let from = self.holidays.partition_point(|h| h.date < d);
        for h in self.holidays[from..].iter().take_while(|h| h.date == d) {
            out.push(NonWorkingReason::BankHoliday {
                name: h.label(),
                nations: h.nations.clone(),
                projected: h.projected,
            });
        }
        Ok(out)
    }
}

fn build_tables(settings: CalendarSettings) -> Result<Tables, CalendarError> {
    let mut holidays = Vec::new();
    for year in MIN_YEAR..=MAX_YEAR {
        holidays.extend(holidays_in_year(year)?);
    }
    let mut days = Vec::with_capacity(SUPPORTED_DAYS);
    let mut d = Date::min_supported();
    for k in 0..SUPPORTED_DAYS {
        days.push(d);
        if k + 1 < SUPPORTED_DAYS {
            d = d.checked_add_days(1)?;
        }
    }
    // Fixed non-working days: weekends, Christmas Day, Good Friday.
    let mut fixed = vec![false; SUPPORTED_DAYS];
    for (k, d) in days.iter().enumerate() {
        fixed[k] = d.weekday().is_weekend() || (d.month() == 12 && d.day() == 25);
    }
    for year in MIN_YEAR..=MAX_YEAR {
        fixed[rules::good_friday(year)?.index_or_err()?] = true;
    }
    let mut late: Vec<Date> = match settings.late_proclamations {
        LateProclamationPolicy::CountsForAll => Vec::new(),
        LateProclamationPolicy::NotForRequestsAlreadyRunning => {
            holidays.iter().filter_map(|h| h.proclaimed_on).collect()
        }
    };
    late.sort();
    late.dedup();
    let mut views = Vec::with_capacity(late.len() + 1);
    for k in 0..=late.len() {
        // View k ignores holidays proclaimed on or after late[k] (i.e. after the start).
        let mut off = fixed.clone();
        for h in &holidays {
            let ignored = match (h.proclaimed_on, late.get(k)) {
                (Some(p), Some(&cut)) => p >= cut,
                _ => false,
            };
            if !ignored {
                off[h.date.index_or_err()?] = true;
            }
        }
        views.push(View::build(days.iter().zip(&off).map(|(&d, &o)| (d, !o))));
    }
    Ok(Tables {
        days,
        holidays,
        late,
        views,
    })
}

/// `d` plus `days` calendar days (for 28- and 35-day periods). Both `d` and the result must be
/// in 2000-01-01..=2100-12-31.
pub fn add_calendar_days(d: Date, days: u32) -> Result<Date, CalendarError> {
    d.index_or_err()?;
    let beyond = || CalendarError::out_of_range(format!("{days} calendar days after {d}"));
    let result = d.checked_add_days(i64::from(days)).map_err(|_| beyond())?;
    if result.is_supported() {
        Ok(result)
    } else {
        Err(CalendarError::out_of_range(format!(
            "{result} ({days} calendar days after {d})"
        )))
    }
}
