//! Cross-check of our holiday table against gov.uk's published bank holidays.

use std::collections::{BTreeMap, BTreeSet};

use foidesk_calendar::{holidays_in_year, Nation};

/// For each nation and each year 2012-2028, the set of weekday holiday dates in our table equals
/// the set of weekday dates gov.uk lists for that division.
///
/// Reads `../shared/law/govuk-bank-holidays-2012-2028.json`, beside the checkout; the test
/// fails, naming it, if it is absent.
#[test]
fn table_matches_govuk_2012_to_2028() {
    let path = foidesk_testkit::shared("law/govuk-bank-holidays-2012-2028.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let mut govuk: BTreeMap<(String, i16), BTreeSet<String>> = BTreeMap::new();
    for r in &rows {
        let date: foidesk_calendar::Date = r["date"].as_str().unwrap().parse().unwrap();
        if date.weekday().is_weekend() {
            continue;
        }
        let division = r["division"].as_str().unwrap().to_string();
        govuk
            .entry((division, date.year()))
            .or_default()
            .insert(date.to_string());
    }
    for year in 2012..=2028 {
        let ours = holidays_in_year(year).unwrap();
        for nation in Nation::ALL {
            let mine: BTreeSet<String> = ours
                .iter()
                .filter(|h| h.nations.contains(&nation) && !h.date.weekday().is_weekend())
                .map(|h| h.date.to_string())
                .collect();
            let theirs = govuk
                .get(&(nation.slug().to_string(), year))
                .cloned()
                .unwrap_or_default();
            assert_eq!(mine, theirs, "{nation} {year}");
        }
    }
}
