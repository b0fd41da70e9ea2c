//! Holiday types and the embedded 2000-2035 table (`data/holidays.csv`).

use std::fmt;
use std::sync::OnceLock;

use crate::date::{Date, MAX_YEAR, MIN_YEAR};
use crate::error::CalendarError;
use crate::rules;

/// Last year covered by the table; later years come from [`rules::holidays_by_rule`].
pub const TABLE_LAST_YEAR: i16 = 2035;

const TABLE_TEXT: &str = include_str!("../data/holidays.csv");
const HEADER: &str = "date,nations,kind,name,source,proclaimed_on";

/// A part of the UK with its own bank holidays.
#[derive(
    Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Nation {
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

impl Nation {
    pub const ALL: [Nation; 3] = [
        Nation::EnglandAndWales,
        Nation::Scotland,
        Nation::NorthernIreland,
    ];

    /// The one-letter code used in the table (FACTS.md: E, S, N).
    pub fn code(self) -> char {
        match self {
            Nation::EnglandAndWales => 'E',
            Nation::Scotland => 'S',
            Nation::NorthernIreland => 'N',
        }
    }

    /// Short name used inside merged sources ("E&W", "Scotland", "NI").
    pub(crate) fn code_name(self) -> &'static str {
        match self {
            Nation::EnglandAndWales => "E&W",
            Nation::Scotland => "Scotland",
            Nation::NorthernIreland => "NI",
        }
    }

    /// gov.uk's division key, also our serde name ("england-and-wales", ...).
    pub fn slug(self) -> &'static str {
        match self {
            Nation::EnglandAndWales => "england-and-wales",
            Nation::Scotland => "scotland",
            Nation::NorthernIreland => "northern-ireland",
        }
    }

    fn from_code(c: &str) -> Option<Nation> {
        Nation::ALL
            .into_iter()
            .find(|n| c.len() == 1 && c.starts_with(n.code()))
    }
}

impl fmt::Display for Nation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Nation::EnglandAndWales => "England and Wales",
            Nation::Scotland => "Scotland",
            Nation::NorthernIreland => "Northern Ireland",
        })
    }
}

/// "England and Wales, Scotland and Northern Ireland".
pub(crate) fn join_nations(nations: &[Nation]) -> String {
    let names: Vec<String> = nations.iter().map(ToString::to_string).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Why a holiday falls on its date.
#[derive(
    Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum HolidayKind {
    /// On its usual date under statute or the usual annual proclamation.
    Statutory,
    /// Replaces a usual date that fell at a weekend.
    Substitute,
    /// A usual holiday moved by proclamation (e.g. Spring 2022 to 2 June).
    Moved,
    /// A one-off day appointed by royal proclamation (jubilees, state funeral, coronation).
    Proclaimed,
}

impl HolidayKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HolidayKind::Statutory => "statutory",
            HolidayKind::Substitute => "substitute",
            HolidayKind::Moved => "moved",
            HolidayKind::Proclaimed => "proclaimed",
        }
    }

    fn parse(s: &str) -> Option<HolidayKind> {
        [
            HolidayKind::Statutory,
            HolidayKind::Substitute,
            HolidayKind::Moved,
            HolidayKind::Proclaimed,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

impl fmt::Display for HolidayKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One bank holiday on one date, shared by the listed nations.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Holiday {
    pub date: Date,
    /// English name without qualifiers, e.g. "St Andrew's Day" (see [`Holiday::label`]).
    pub name: String,
    /// Sorted, non-empty.
    pub nations: Vec<Nation>,
    pub kind: HolidayKind,
    /// Short legal/data reference.
    pub source: String,
    /// True for years after the table (2036-2100), computed from the statutory pattern.
    pub projected: bool,
    /// For late proclamations: the day the holiday was proclaimed (only 2022-09-19).
    pub proclaimed_on: Option<Date>,
}

impl Holiday {
    /// Name with "(substitute day)" appended for substitutes.
    pub fn label(&self) -> String {
        match self.kind {
            HolidayKind::Substitute => format!("{} (substitute day)", self.name),
            _ => self.name.clone(),
        }
    }
}

fn table_error(line_no: usize, line: &str, reason: impl fmt::Display) -> CalendarError {
    CalendarError::InvalidDate {
        text: line.to_string(),
        reason: format!("holiday table line {line_no}: {reason}"),
    }
}

/// Parses the table text. Pure; the embedded table is parsed once by [`table`].
pub(crate) fn parse_table(text: &str) -> Result<Vec<Holiday>, CalendarError> {
    let mut rows: Vec<Holiday> = Vec::new();
    let mut seen_header = false;
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !seen_header {
            if line != HEADER {
                return Err(table_error(
                    line_no,
                    line,
                    format!("expected header {HEADER}"),
                ));
            }
            seen_header = true;
            continue;
        }
        let fields: Vec<&str> = line.split(',').collect();
        let [date, nations, kind, name, source, proclaimed_on] = fields[..] else {
            return Err(table_error(
                line_no,
                line,
                "expected 6 comma-separated fields",
            ));
        };
        let date = Date::parse(date).map_err(|e| table_error(line_no, line, e))?;
        if !(MIN_YEAR..=TABLE_LAST_YEAR).contains(&date.year()) {
            return Err(table_error(line_no, line, "date outside 2000-2035"));
        }
        let mut ns = nations
            .split('+')
            .map(|c| Nation::from_code(c).ok_or_else(|| table_error(line_no, line, "bad nation")))
            .collect::<Result<Vec<Nation>, _>>()?;
        ns.sort();
        ns.dedup();
        let kind =
            HolidayKind::parse(kind).ok_or_else(|| table_error(line_no, line, "bad kind"))?;
        if name.is_empty() || source.is_empty() {
            return Err(table_error(line_no, line, "empty name or source"));
        }
        let proclaimed_on = match proclaimed_on {
            "" => None,
            t => Some(Date::parse(t).map_err(|e| table_error(line_no, line, e))?),
        };
        if rows.last().is_some_and(|prev| prev.date > date) {
            return Err(table_error(line_no, line, "rows out of date order"));
        }
        rows.push(Holiday {
            date,
            name: name.to_string(),
            nations: ns,
            kind,
            source: source.to_string(),
            projected: false,
            proclaimed_on,
        });
    }
    if !seen_header {
        return Err(table_error(0, "", "missing header"));
    }
    Ok(rows)
}

/// The embedded table, parsed once.
pub(crate) fn table() -> Result<&'static [Holiday], CalendarError> {
    static TABLE: OnceLock<Result<Vec<Holiday>, CalendarError>> = OnceLock::new();
    match TABLE.get_or_init(|| parse_table(TABLE_TEXT)) {
        Ok(rows) => Ok(rows),
        Err(e) => Err(e.clone()),
    }
}

/// All bank holidays of `year` in any UK nation, sorted by date: the confirmed table for
/// 2000-2035, the statutory pattern (`projected: true`) for 2036-2100, `OutOfRange` otherwise.
pub fn holidays_in_year(year: i16) -> Result<Vec<Holiday>, CalendarError> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(CalendarError::out_of_range(format!("year {year}")));
    }
    if year > TABLE_LAST_YEAR {
        return rules::holidays_by_rule(year);
    }
    let rows = table()?;
    let start = rows.partition_point(|h| h.date.year() < year);
    let end = rows.partition_point(|h| h.date.year() <= year);
    Ok(rows[start..end].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_parses_and_covers_every_year_and_nation() {
        let rows = table().unwrap();
        for year in MIN_YEAR..=TABLE_LAST_YEAR {
            for n in Nation::ALL {
                let count = rows
                    .iter()
                    .filter(|h| h.date.year() == year && h.nations.contains(&n))
                    .count();
                assert!(count >= 8, "{year} {n}: only {count} holidays");
            }
        }
    }

    #[test]
    fn parse_errors_name_the_line() {
        let text = format!("{HEADER}\n2020-01-01,E,statutory,New Year's Day,x\n");
        let e = parse_table(&text).unwrap_err().to_string();
        assert!(e.contains("line 2"), "{e}");
        let text = format!("{HEADER}\n2020-01-01,X,statutory,New Year's Day,x,\n");
        assert!(parse_table(&text).is_err());
    }

    #[test]
    fn join_nations_reads_as_english() {
        assert_eq!(
            join_nations(&Nation::ALL),
            "England and Wales, Scotland and Northern Ireland"
        );
        assert_eq!(join_nations(&[Nation::Scotland]), "Scotland");
    }
}
