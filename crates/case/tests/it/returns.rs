//! The official return over the case files in `tests/returns/cases/`: each
//! case's facts and the return over date ranges, checked against the counts
//! worked out by hand in `tests/returns/expected.toml`; and the return's
//! counts are additive over any split of the cases.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::path::PathBuf;
use std::sync::OnceLock;

use foidesk_calendar::Date;
use foidesk_case::returns::{
    return_facts, InitialOutcome, OutcomeCounts, ReturnCounts, ReturnFacts, ReviewCounts,
    ReviewOutcome, Timeliness, TimelinessCounts,
};
use foidesk_case::{assess_with, parse_case, Context};
use proptest::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    as_at: Date,
    case: Vec<CaseRow>,
    total: Vec<Total>,
}

/// One case file's facts, as worked out by hand.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseRow {
    file: String,
    timeliness: Timeliness,
    initial_outcome: InitialOutcome,
    #[serde(default)]
    reasons: Vec<String>,
    #[serde(default)]
    exemptions: Vec<String>,
    review: Option<ReviewOutcome>,
    complaint_received: Option<Date>,
    complaint_closed: Option<Date>,
    notice_outcome: Option<foidesk_case::NoticeOutcome>,
}

/// The return over the cases received from `from` to `to`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Total {
    name: String,
    from: Option<Date>,
    to: Option<Date>,
    received: u64,
    eir: u64,
    timeliness: TimelinessCounts,
    initial_outcomes: OutcomeCounts,
    exemptions: BTreeMap<String, u64>,
    internal_reviews: ReviewCounts,
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/returns")
}

fn data() -> Data {
    let path = dir().join("expected.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("expected.toml: {e}"))
}

/// Every case file's facts as at `as_at`, by file name.
fn facts(as_at: Date) -> BTreeMap<String, ReturnFacts> {
    let ctx = Context::default();
    std::fs::read_dir(dir().join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let case = parse_case(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let a = assess_with(&case, as_at, ctx).unwrap_or_else(|e| panic!("{name}: {e}"));
            let f = return_facts(&case, &a, as_at, ctx).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, f)
        })
        .collect()
}

/// Records a mismatch between what was computed and what the data says.
fn check<T: PartialEq + Debug>(errors: &mut Vec<String>, what: &str, got: T, want: T) {
    if got != want {
        errors.push(format!("{what}: got {got:?}, expected {want:?}"));
    }
}

#[test]
fn every_case_and_total_matches_the_counts_worked_by_hand() {
    let data = data();
    let facts = facts(data.as_at);
    let mut errors = Vec::new();
    assert!(data.case.len() >= 40, "at least 40 cases");
    check(
        &mut errors,
        "case files with a row",
        facts.keys().cloned().collect::<Vec<_>>(),
        data.case.iter().map(|c| c.file.clone()).collect(),
    );
    for row in &data.case {
        let Some(f) = facts.get(&row.file) else {
            continue;
        };
        let at = |field: &str| format!("{}: {field}", row.file);
        check(&mut errors, &at("timeliness"), f.timeliness, row.timeliness);
        check(
            &mut errors,
            &at("initial_outcome"),
            f.initial_outcome,
            row.initial_outcome,
        );
        let reasons: Vec<&str> = [
            ("cost_limit", f.cost_limit),
            ("vexatious_or_repeated", f.vexatious_or_repeated),
            ("ncnd", f.ncnd),
            ("section_21_only", f.section_21_only),
        ]
        .into_iter()
        .filter_map(|(name, on)| on.then_some(name))
        .collect();
        check(
            &mut errors,
            &at("reasons"),
            reasons,
            row.reasons.iter().map(String::as_str).collect(),
        );
        let exemptions: Vec<String> = f.exemptions.iter().map(ToString::to_string).collect();
        check(
            &mut errors,
            &at("exemptions"),
            exemptions,
            row.exemptions.clone(),
        );
        check(&mut errors, &at("review"), f.review, row.review);
        check(
            &mut errors,
            &at("complaint_received"),
            f.complaint_received,
            row.complaint_received,
        );
        check(
            &mut errors,
            &at("complaint_closed"),
            f.complaint_closed,
            row.complaint_closed,
        );
        check(
            &mut errors,
            &at("notice_outcome"),
            f.notice_outcome,
            row.notice_outcome,
        );
    }
    for total in &data.total {
        let want = ReturnCounts {
            received: total.received,
            timeliness: total.timeliness.clone(),
            initial_outcomes: total.initial_outcomes.clone(),
            exemptions: total.exemptions.clone(),
            internal_reviews: total.internal_reviews.clone(),
            eir: total.eir,
        };
        let got = ReturnCounts::over(facts.values(), total.from, total.to);
        check(&mut errors, &total.name, got, want);
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_cases_cover_every_category_of_the_return() {
    let data = data();
    let mut missing = Vec::new();
    for t in Timeliness::ALL {
        if !data.case.iter().any(|c| c.timeliness == t) {
            missing.push(t.as_str());
        }
    }
    for o in InitialOutcome::ALL {
        if !data.case.iter().any(|c| c.initial_outcome == o) {
            missing.push(o.as_str());
        }
    }
    for r in ReviewOutcome::ALL {
        if !data.case.iter().any(|c| c.review == Some(r)) {
            missing.push(r.as_str());
        }
    }
    for reason in [
        "cost_limit",
        "vexatious_or_repeated",
        "ncnd",
        "section_21_only",
    ] {
        if !data
            .case
            .iter()
            .any(|c| c.reasons.iter().any(|r| r == reason))
        {
            missing.push(reason);
        }
    }
    assert!(missing.is_empty(), "no case for {missing:?}");
}

/// The facts of every case file, computed once.
fn all_facts() -> &'static [ReturnFacts] {
    static FACTS: OnceLock<Vec<ReturnFacts>> = OnceLock::new();
    FACTS.get_or_init(|| facts(data().as_at).into_values().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The return over any cases, split in two anywhere, is the sum of the
    /// returns over the two halves.
    #[test]
    fn counts_are_additive(picks in prop::collection::vec(0usize..1000, 0..120), cut in 0usize..120) {
        let all = all_facts();
        let chosen: Vec<&ReturnFacts> = picks.iter().map(|i| &all[i % all.len()]).collect();
        let cut = cut.min(chosen.len());
        let whole = ReturnCounts::over(chosen.iter().copied(), None, None);
        let mut sum = ReturnCounts::over(chosen[..cut].iter().copied(), None, None);
        sum += &ReturnCounts::over(chosen[cut..].iter().copied(), None, None);
        prop_assert_eq!(sum, whole);
    }

    /// Two adjacent date ranges count what their union counts.
    #[test]
    fn date_ranges_are_additive(start in 0i64..400, len in 0i64..400, split in 0i64..400) {
        let all = all_facts();
        let day = |n: i64| Date::parse("2024-01-01").unwrap().checked_add_days(n).unwrap();
        let mid = start + split.min(len);
        let whole = ReturnCounts::over(all, Some(day(start)), Some(day(start + len)));
        let mut sum = ReturnCounts::over(all, Some(day(start)), Some(day(mid)));
        sum += &ReturnCounts::over(all, Some(day(mid + 1)), Some(day(start + len)));
        prop_assert_eq!(sum, whole);
    }
}

#[test]
fn the_counts_serialise_in_the_shape_of_foidesk_stats_json() {
    let counts = ReturnCounts::over(all_facts(), None, None);
    let json = serde_json::to_value(&counts).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut errors = Vec::new();
    check(
        &mut errors,
        "keys",
        keys,
        vec![
            "eir",
            "exemptions",
            "initial_outcomes",
            "internal_reviews",
            "received",
            "timeliness",
        ],
    );
    check(
        &mut errors,
        "s.43(2)",
        json["exemptions"]["s.43(2)"].as_u64(),
        Some(6),
    );
    check(
        &mut errors,
        "in time",
        json["timeliness"]["in_time"].as_u64(),
        Some(30),
    );
    let back: ReturnCounts = serde_json::from_value(json).unwrap();
    check(&mut errors, "round trip", back, counts);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// Facts stored while a fee was awaited read as lapsed once its window ends,
/// and as on hold up to its last day.
#[test]
fn a_fee_on_hold_lapses_after_its_window() {
    let data = data();
    let facts = facts(data.as_at);
    let awaited = &facts["18-fee-awaited.toml"];
    let mut errors = Vec::new();
    let day = |s: &str| Date::parse(s).unwrap();
    check(
        &mut errors,
        "last day",
        awaited.on_hold_until,
        Some(day("2024-10-22")),
    );
    check(
        &mut errors,
        "on its last day",
        awaited.timeliness_on(day("2024-10-22")),
        Timeliness::OnHold,
    );
    check(
        &mut errors,
        "the day after",
        awaited.timeliness_on(day("2024-10-23")),
        Timeliness::Lapsed,
    );
    let clarification = &facts["14-clarification-awaited.toml"];
    check(
        &mut errors,
        "clarification",
        clarification.timeliness_on(day("2030-01-01")),
        Timeliness::OnHold,
    );
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
