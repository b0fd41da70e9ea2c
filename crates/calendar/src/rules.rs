//! The statutory patterns: which days are bank holidays in each nation in an ordinary year
//! (no one-off or moved days), and Easter. Used to project 2036-2100 and, by a test-only
//! generator, to write the 2000-2035 table in `data/holidays.csv`.

use std::collections::BTreeMap;

use crate::date::{days_in_month, Date, MAX_YEAR, MIN_YEAR};
use crate::error::CalendarError;
use crate::holidays::{Holiday, HolidayKind, Nation};

const SCH1_EW: &str = "Banking and Financial Dealings Act 1971 Sch.1 para 1";
const SCH1_S: &str = "Banking and Financial Dealings Act 1971 Sch.1 para 2";
// [unverified] the NI paragraph number; FACTS.md only gives the E&W list.
const SCH1_NI: &str = "Banking and Financial Dealings Act 1971 Sch.1 para 3";
const PROCLAIMED_ANNUALLY: &str =
    "annual royal proclamation under Banking and Financial Dealings Act 1971 s.1(3)";
const COMMON_LAW: &str = "common-law holiday named in FOIA s.10(6)";
// legislation.gov.uk asp/2007/2 s.1: "30th November ... or, if it is a Saturday or Sunday,
// the first Monday following that day".
const ST_ANDREW_ACT: &str = "St Andrew's Day Bank Holiday (Scotland) Act 2007 s.1";

/// One recurring holiday.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Rule {
    NewYear,
    SecondJanuary,
    StPatrick,
    GoodFriday,
    EasterMonday,
    EarlyMay,
    Spring,
    Summer,
    Boyne,
    StAndrew,
    Christmas,
    Boxing,
}

impl Rule {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Rule::NewYear => "New Year's Day",
            Rule::SecondJanuary => "2nd January",
            Rule::StPatrick => "St Patrick's Day",
            Rule::GoodFriday => "Good Friday",
            Rule::EasterMonday => "Easter Monday",
            Rule::EarlyMay => "Early May bank holiday",
            Rule::Spring => "Spring bank holiday",
            Rule::Summer => "Summer bank holiday",
            Rule::Boyne => "Battle of the Boyne (Orangemen's Day)",
            Rule::StAndrew => "St Andrew's Day",
            Rule::Christmas => "Christmas Day",
            Rule::Boxing => "Boxing Day",
        }
    }

    /// Legal basis in one nation. FACTS.md §1 sources: the E&W Sch.1 list (Easter Monday, Spring,
    /// Summer, Boxing Day), Christmas Day and Good Friday (common law in E&W and NI, Sch.1 in
    /// Scotland), NI's 12 July by proclamation, and St Andrew's Day. The rest is [unverified]:
    /// New Year's Day and early May by annual proclamation in E&W and NI, Scotland's Spring and
    /// Boxing Day by proclamation, and the NI paragraph.
    pub(crate) fn source(self, nation: Nation) -> &'static str {
        use Nation::{EnglandAndWales as E, NorthernIreland as N, Scotland as S};
        match (self, nation) {
            (Rule::GoodFriday | Rule::Christmas, E | N) => COMMON_LAW,
            (Rule::NewYear | Rule::EarlyMay | Rule::Boyne, E | N) => PROCLAIMED_ANNUALLY,
            (Rule::Spring | Rule::Boxing, S) => PROCLAIMED_ANNUALLY,
            (Rule::StAndrew, _) => ST_ANDREW_ACT,
            (_, E) => SCH1_EW,
            (_, S) => SCH1_S,
            (_, N) => SCH1_NI,
        }
    }
}

/// One holiday in one nation, before nations sharing it are merged into a [`Holiday`] row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NationDay {
    pub date: Date,
    pub nation: Nation,
    pub rule: Option<Rule>,
    pub name: String,
    pub kind: HolidayKind,
    pub source: String,
    pub proclaimed_on: Option<Date>,
}

/// Easter Sunday (Gregorian), by the anonymous Gregorian computus.
pub fn easter_sunday(year: i16) -> Result<Date, CalendarError> {
    let y = i32::from(year);
    let a = y % 19;
    let (b, c) = (y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    let month = i8::try_from(n / 31).unwrap_or(0);
    let day = i8::try_from(n % 31 + 1).unwrap_or(0);
    Date::new(year, month, day)
}

/// Good Friday: two days before Easter Sunday.
pub fn good_friday(year: i16) -> Result<Date, CalendarError> {
    easter_sunday(year)?.checked_add_days(-2)
}

fn weekday_offset(d: Date) -> i64 {
    d.weekday() as i64 // Monday = 0
}

fn first_monday(year: i16, month: i8) -> Result<Date, CalendarError> {
    let first = Date::new(year, month, 1)?;
    first.checked_add_days((7 - weekday_offset(first)) % 7)
}

fn last_monday(year: i16, month: i8) -> Result<Date, CalendarError> {
    let last = Date::new(year, month, days_in_month(year, month))?;
    last.checked_add_days(-weekday_offset(last))
}

/// The ordinary-year holidays of one nation, in date order, with weekend substitutes.
///
/// Substitution: a fixed-date holiday on a Saturday or Sunday moves to the next weekday that
/// is not already a holiday, taking fixed days in date order. This reproduces gov.uk 2012-2028
/// (e.g. Scotland, 1 Jan on a Saturday: 3 and 4 Jan; Christmas on a Sunday: 27 Dec, because
/// Boxing Day keeps 26 Dec). Statute states it only for St Andrew's Day and part of Sch.1
/// para 1; for St Patrick's Day and the Boyne it is [unverified], pattern only.
pub(crate) fn nation_days(year: i16, nation: Nation) -> Result<Vec<NationDay>, CalendarError> {
    use Nation::{EnglandAndWales as E, NorthernIreland as N, Scotland as S};
    let easter = easter_sunday(year)?;
    let mut moveable = vec![(easter.checked_add_days(-2)?, Rule::GoodFriday)];
    if nation != S {
        moveable.push((easter.checked_add_days(1)?, Rule::EasterMonday));
    }
    moveable.push((first_monday(year, 5)?, Rule::EarlyMay));
    moveable.push((last_monday(year, 5)?, Rule::Spring));
    let summer = match nation {
        S => first_monday(year, 8)?,
        E | N => last_monday(year, 8)?,
    };
    moveable.push((summer, Rule::Summer));

    let mut fixed = vec![(1, 1, Rule::NewYear)];
    match nation {
        S => fixed.push((1, 2, Rule::SecondJanuary)),
        N => fixed.extend([(3, 17, Rule::StPatrick), (7, 12, Rule::Boyne)]),
        E => {}
    }
    // St Andrew's Day: from the 2007 Act only (FACTS.md §6: not 2006).
    if nation == S && year >= 2007 {
        fixed.push((11, 30, Rule::StAndrew));
    }
    fixed.extend([(12, 25, Rule::Christmas), (12, 26, Rule::Boxing)]);

    let mut out = Vec::new();
    let mut push = |date: Date, rule: Rule, kind: HolidayKind, source: String| {
        out.push(NationDay {
            date,
            nation,
            rule: Some(rule),
            name: rule.name().to_string(),
            kind,
            source,
            proclaimed_on: None,
        });
    };
    let mut taken: Vec<Date> = moveable.iter().map(|&(d, _)| d).collect();
    for &(d, rule) in &moveable {
        push(
            d,
            rule,
            HolidayKind::Statutory,
            rule.source(nation).to_string(),
        );
    }
    let fixed_dates = fixed
        .iter()
        .map(|&(m, d, rule)| Ok((Date::new(year, m, d)?, rule)))
        .collect::<Result<Vec<_>, CalendarError>>()?;
    taken.extend(
        fixed_dates
            .iter()
            .filter(|(d, _)| !d.weekday().is_weekend())
            .map(|&(d, _)| d),
    );
    for (d, rule) in fixed_dates {
        if !d.weekday().is_weekend() {
            push(
                d,
                rule,
                HolidayKind::Statutory,
                rule.source(nation).to_string(),
            );
            continue;
        }
        let mut sub = d.checked_add_days(1)?;
        while sub.weekday().is_weekend() || taken.contains(&sub) {
            sub = sub.checked_add_days(1)?;
        }
        taken.push(sub);
        let source = format!("{} (substitute for {d})", rule.source(nation));
        push(sub, rule, HolidayKind::Substitute, source);
    }
    out.sort_by_key(|x| x.date);
    Ok(out)
}

/// Merges per-nation days into table rows: one row per (date, name, kind, proclaimed_on),
/// sorted by date then by first nation. Sources that differ by nation are labelled.
pub(crate) fn merge(days: Vec<NationDay>, projected: bool) -> Vec<Holiday> {
    type Key = (Date, String, HolidayKind, Option<Date>);
    let mut groups: BTreeMap<Key, Vec<(Nation, String)>> = BTreeMap::new();
    for d in days {
        groups
            .entry((d.date, d.name, d.kind, d.proclaimed_on))
            .or_default()
            .push((d.nation, d.source));
    }
    let mut rows: Vec<Holiday> = groups
        .into_iter()
        .map(|((date, name, kind, proclaimed_on), mut per_nation)| {
            per_nation.sort();
            per_nation.dedup_by_key(|(n, _)| *n);
            let nations: Vec<Nation> = per_nation.iter().map(|(n, _)| *n).collect();
            Holiday {
                date,
                name,
                nations,
                kind,
                source: merge_sources(&per_nation),
                projected,
                proclaimed_on,
            }
        })
        .collect();
    rows.sort_by(|a, b| (a.date, a.nations.first()).cmp(&(b.date, b.nations.first())));
    rows
}

fn merge_sources(per_nation: &[(Nation, String)]) -> String {
    let mut distinct: Vec<&str> = Vec::new();
    for (_, s) in per_nation {
        if !distinct.contains(&s.as_str()) {
            distinct.push(s);
        }
    }
    if distinct.len() == 1 {
        return distinct[0].to_string();
    }
    distinct
        .iter()
        .map(|s| {
            let who: Vec<&str> = per_nation
                .iter()
                .filter(|(_, x)| x == s)
                .map(|(n, _)| n.code_name())
                .collect();
            format!("{}: {s}", who.join("+"))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The holidays the statutory patterns give for `year` (2000-2100), all nations, marked
/// `projected: true`. No one-off, moved or proclaimed days: for 2000-2035 use
/// [`crate::holidays_in_year`], which reads the confirmed table.
pub fn holidays_by_rule(year: i16) -> Result<Vec<Holiday>, CalendarError> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(CalendarError::out_of_range(format!("year {year}")));
    }
    let mut days = Vec::new();
    for nation in Nation::ALL {
        days.extend(nation_days(year, nation)?);
    }
    let mut rows = merge(days, true);
    for r in &mut rows {
        r.source = format!(
            "{}; projected from the statutory pattern - not confirmed by gov.uk",
            r.source
        );
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(year: i16, easter: &str) {
        assert_eq!(
            easter_sunday(year).map(|d| d.to_string()),
            Ok(easter.to_string()),
            "Easter {year}"
        );
    }

    #[test]
    fn easter_known_dates() {
        check(2000, "2000-04-23");
        check(2008, "2008-03-23");
        check(2011, "2011-04-24");
        check(2019, "2019-04-21");
        check(2024, "2024-03-31");
        check(2038, "2038-04-25");
        check(2100, "2100-03-28");
    }
}
