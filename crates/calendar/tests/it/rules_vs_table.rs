//! The projection rules (used for 2036-2100) reproduce the confirmed table in ordinary years.

use foidesk_calendar::{holidays_by_rule, holidays_in_year, Date, Holiday, HolidayKind, Nation};

/// (date, name, kind) of each holiday of `nation`.
fn per_nation(rows: &[Holiday], nation: Nation) -> Vec<(Date, String, HolidayKind)> {
    rows.iter()
        .filter(|h| h.nations.contains(&nation))
        .map(|h| (h.date, h.name.clone(), h.kind))
        .collect()
}

fn check(year: i16, nation: Nation) {
    let table = holidays_in_year(year).unwrap();
    let rules = holidays_by_rule(year).unwrap();
    assert!(table.iter().all(|h| !h.projected));
    assert!(rules.iter().all(|h| h.projected));
    assert_eq!(
        per_nation(&table, nation),
        per_nation(&rules, nation),
        "{nation} {year}"
    );
}

/// Years with one-off or moved days (FACTS.md §6); 2026's is Scotland only, and so is 2010's
/// (no substitute was proclaimed for Saturday 2 January).
fn has_exception(year: i16, nation: Nation) -> bool {
    matches!(year, 2002 | 2011 | 2012 | 2020 | 2022 | 2023)
        || (matches!(year, 2010 | 2026) && nation == Nation::Scotland)
}

#[test]
fn rules_reproduce_every_ordinary_table_year() {
    let mut checked = 0;
    for year in 2000..=foidesk_calendar::TABLE_LAST_YEAR {
        for nation in Nation::ALL {
            if !has_exception(year, nation) {
                check(year, nation);
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 36 * 3 - 6 * 3 - 2);
}

#[test]
fn exception_years_differ_from_the_rules() {
    for year in [2002, 2011, 2012, 2020, 2022, 2023, 2026] {
        let table = holidays_in_year(year).unwrap();
        let rules = holidays_by_rule(year).unwrap();
        assert_ne!(
            per_nation(&table, Nation::Scotland),
            per_nation(&rules, Nation::Scotland),
            "{year}"
        );
    }
}

#[test]
fn st_andrews_day_from_2007_only() {
    let st_andrew = |year: i16| {
        holidays_in_year(year)
            .unwrap()
            .into_iter()
            .filter(|h| h.name == "St Andrew's Day")
            .map(|h| (h.date.to_string(), h.nations))
            .collect::<Vec<_>>()
    };
    assert_eq!(st_andrew(2006), vec![]);
    assert_eq!(
        st_andrew(2007),
        vec![("2007-11-30".to_string(), vec![Nation::Scotland])]
    );
    assert_eq!(
        st_andrew(2008),
        vec![("2008-12-01".to_string(), vec![Nation::Scotland])]
    );
}

#[test]
fn projected_years_and_sources() {
    for year in 2036..=2100 {
        let rows = holidays_in_year(year).unwrap();
        assert!(rows
            .iter()
            .all(|h| h.projected && h.proclaimed_on.is_none()));
        assert!(
            rows.windows(2).all(|w| w[0].date <= w[1].date),
            "{year} sorted"
        );
        for nation in Nation::ALL {
            let n = rows.iter().filter(|h| h.nations.contains(&nation)).count();
            let want = match nation {
                Nation::EnglandAndWales => 8,
                Nation::Scotland => 9,
                Nation::NorthernIreland => 10,
            };
            assert_eq!(n, want, "{nation} {year}");
        }
    }
    for year in 2029..=2035 {
        for h in holidays_in_year(year).unwrap() {
            assert!(h.source.contains("not yet confirmed by gov.uk"), "{h:?}");
        }
    }
    let funeral: Vec<Holiday> = holidays_in_year(2022)
        .unwrap()
        .into_iter()
        .filter(|h| h.proclaimed_on.is_some())
        .collect();
    assert_eq!(funeral.len(), 1);
    assert_eq!(funeral[0].date.to_string(), "2022-09-19");
    assert_eq!(
        funeral[0].proclaimed_on.map(|d| d.to_string()).as_deref(),
        Some("2022-09-10")
    );
    assert_eq!(funeral[0].kind, HolidayKind::Proclaimed);
}
