//! Test-only generator for `data/holidays.csv`: the rules of `rules.rs`, the one-off and moved
//! days of FACTS.md §6, and (for 2012-2028) the gov.uk commit that lists each date.
//! Regenerate with:
//! `FOIDESK_REGENERATE_HOLIDAYS=1 cargo test -p foidesk-calendar committed_table_matches_generator`

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::date::Date;
use crate::holidays::{table, Holiday, HolidayKind, Nation, TABLE_LAST_YEAR};
use crate::rules::{merge, nation_days, NationDay, Rule};

const PROCLAIMED: &str = "royal proclamation under Banking and Financial Dealings Act 1971 s.1(3)";
const MOVED: &str = "royal proclamation under Banking and Financial Dealings Act 1971 s.1(2)";
const NOT_CONFIRMED: &str = "computed from the statutory rules - not yet confirmed by gov.uk";

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// (rule, new date, new name): usual holidays moved by proclamation (FACTS.md §6), all nations.
fn moves() -> Vec<(Rule, Date, Option<&'static str>)> {
    vec![
        (Rule::Spring, date("2002-06-04"), None),
        (Rule::Spring, date("2012-06-04"), None),
        (
            Rule::EarlyMay,
            date("2020-05-08"),
            Some("Early May bank holiday (VE Day)"),
        ),
        (Rule::Spring, date("2022-06-02"), None),
    ]
}

/// One-off proclaimed days (FACTS.md §6). Names are ours. [unverified] nation sets for 2002 and
/// 2011 (and the 2002 move): FACTS.md gives none and gov.uk data starts in 2012; we use all three.
fn one_offs() -> Vec<(Date, &'static [Nation], &'static str, Option<Date>)> {
    const ALL: &[Nation] = &Nation::ALL;
    vec![
        (date("2002-06-03"), ALL, "Golden Jubilee bank holiday", None),
        (date("2011-04-29"), ALL, "Royal wedding bank holiday", None),
        (
            date("2012-06-05"),
            ALL,
            "Diamond Jubilee bank holiday",
            None,
        ),
        (
            date("2022-06-03"),
            ALL,
            "Platinum Jubilee bank holiday",
            None,
        ),
        (
            date("2022-09-19"),
            ALL,
            "Bank holiday for the State Funeral of Queen Elizabeth II",
            Some(date("2022-09-10")),
        ),
        (
            date("2023-05-08"),
            ALL,
            "Bank holiday for the coronation of King Charles III",
            None,
        ),
        (
            date("2026-06-15"),
            &[Nation::Scotland],
            "World Cup bank holiday",
            None,
        ),
    ]
}

/// Substitute days the rules compute that were never made bank holidays. In Scotland a
/// substitute needs a proclamation unless the 1971 Act gives it (Sch.1 para 2 only for a
/// Sunday); none was proclaimed for Saturday 2 January 2010 or 2011 (FACTS.md §6, the
/// Scottish Government's answer of 21 January 2014).
fn never_proclaimed() -> Vec<(Date, Nation)> {
    vec![
        (date("2010-01-04"), Nation::Scotland),
        (date("2011-01-04"), Nation::Scotland),
    ]
}

/// Table rows for one year with base sources (no gov.uk suffix).
fn year_rows(year: i16) -> Vec<Holiday> {
    let mut days: Vec<NationDay> = Vec::new();
    for nation in Nation::ALL {
        days.extend(nation_days(year, nation).unwrap());
    }
    let dropped = never_proclaimed();
    days.retain(|d| !(d.kind == HolidayKind::Substitute && dropped.contains(&(d.date, d.nation))));
    for (rule, to, name) in moves().into_iter().filter(|m| m.1.year() == year) {
        for d in days.iter_mut().filter(|d| d.rule == Some(rule)) {
            d.source = format!("{MOVED} (moved from {})", d.date);
            d.date = to;
            d.kind = HolidayKind::Moved;
            if let Some(name) = name {
                d.name = name.to_string();
            }
        }
    }
    for (when, nations, name, proclaimed_on) in one_offs() {
        if when.year() != year {
            continue;
        }
        for &nation in nations {
            days.push(NationDay {
                date: when,
                nation,
                rule: None,
                name: name.to_string(),
                kind: HolidayKind::Proclaimed,
                source: PROCLAIMED.to_string(),
                proclaimed_on,
            });
        }
    }
    merge(days, false)
}

pub(crate) fn generated_rows() -> Vec<Holiday> {
    (2000..=TABLE_LAST_YEAR).flat_map(year_rows).collect()
}

fn govuk_path() -> PathBuf {
    foidesk_testkit::shared("law/govuk-bank-holidays-2012-2028.json")
}

/// (date, division) -> gov.uk source, from the shared cross-check file.
fn govuk_sources() -> BTreeMap<(String, String), String> {
    let text = std::fs::read_to_string(govuk_path()).unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    rows.iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_string();
            ((s("date"), s("division")), s("source"))
        })
        .collect()
}

fn render(rows: &[Holiday]) -> String {
    let govuk = govuk_sources();
    let mut out = String::from(include_str!("table_gen_header.txt"));
    out.push_str("date,nations,kind,name,source,proclaimed_on\n");
    for h in rows {
        let mut source = h.source.clone();
        let year = h.date.year();
        if (2012..=2028).contains(&year) {
            let mut found: Vec<&str> = h
                .nations
                .iter()
                .filter_map(|n| govuk.get(&(h.date.to_string(), n.slug().to_string())))
                .map(String::as_str)
                .collect();
            found.dedup();
            assert!(!found.is_empty(), "gov.uk does not list {h:?}");
            source = format!("{source}; gov.uk bank-holidays.json {}", found.join(" / "));
        } else if year > 2028 {
            source = format!("{source}; {NOT_CONFIRMED}");
        }
        let nations: Vec<String> = h.nations.iter().map(|n| n.code().to_string()).collect();
        let proclaimed = h.proclaimed_on.map(|d| d.to_string()).unwrap_or_default();
        let fields = [&h.name, &source];
        assert!(fields.iter().all(|f| !f.contains(',')), "comma in {h:?}");
        out.push_str(&format!(
            "{},{},{},{},{},{}\n",
            h.date,
            nations.join("+"),
            h.kind,
            h.name,
            source,
            proclaimed
        ));
    }
    out
}

/// The committed table is exactly the generator's output (dates, nations, names, kinds,
/// proclamation dates), and each source starts with the generator's source.
#[test]
fn committed_table_matches_generator() {
    // Regenerate instead of checking:
    // FOIDESK_REGENERATE_HOLIDAYS=1 cargo test -p foidesk-calendar committed_table
    if std::env::var_os("FOIDESK_REGENERATE_HOLIDAYS").is_some() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/holidays.csv");
        std::fs::write(path, render(&generated_rows())).unwrap();
        return;
    }
    let committed = table().unwrap();
    let generated = generated_rows();
    assert_eq!(committed.len(), generated.len());
    for (c, g) in committed.iter().zip(&generated) {
        let key = |h: &Holiday| {
            (
                h.date,
                h.nations.clone(),
                h.name.clone(),
                h.kind,
                h.proclaimed_on,
            )
        };
        assert_eq!(key(c), key(g));
        assert!(c.source.starts_with(&g.source), "{c:?} vs {g:?}");
    }
}

/// Every row of the committed file names its legal source (read from the raw text, so a row
/// the parser would reject still fails here by name), and the rows FACTS.md §6 rules out
/// stay out.
#[test]
fn every_committed_row_has_a_source() {
    let text = include_str!("../data/holidays.csv");
    let mut rows = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields.len(), 6, "{line}");
        assert!(!fields[4].trim().is_empty(), "no source: {line}");
        for (day, _) in never_proclaimed() {
            assert_ne!(fields[0], day.to_string(), "never a bank holiday: {line}");
        }
        rows += 1;
    }
    assert_eq!(rows, generated_rows().len());
}
