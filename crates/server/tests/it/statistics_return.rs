//! The official return's page, its downloads and the API agree, on both
//! backends: the case crate's return cases are stored under authorities A
//! and B, and an officer's page, the JSON and the CSV for the same period
//! hold the same figures. Who may see which return, the Commissioner's
//! figures, and what the page says about dates it cannot use.

use std::collections::BTreeMap;

use crate::common::{self, World};
use foidesk_engine::api::CaseFile;
use foidesk_engine::Period;
use serde_json::Value;

const CASES: &str = "crates/case/tests/returns/cases";
const Q2: &str = "from-day=1&from-month=4&from-year=2024&to-day=30&to-month=6&to-year=2024";

/// The return cases, alternately under A and B.
async fn store_return_cases(world: &World) -> usize {
    let dir = foidesk_testkit::checkout().join(CASES);
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let items: Vec<(String, String, CaseFile)> = names
        .iter()
        .enumerate()
        .map(|(i, path)| {
            let file: CaseFile = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            let slug = if i % 2 == 0 { "a" } else { "b" };
            (slug.to_owned(), format!("R-{i}"), file)
        })
        .collect();
    world.system.import_cases(&items, "tests").await.unwrap();
    items.len()
}

/// A total worked out by hand in the case crate's return tests, as the
/// JSON's figures. Q2 2024's requests stand as they did when it was worked
/// out (30 September 2024): nothing on hold then has moved since.
fn hand_worked(name: &str) -> BTreeMap<String, u64> {
    let path = foidesk_testkit::checkout().join("crates/case/tests/returns/expected.toml");
    let file: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut total = file["total"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"].as_str() == Some(name))
        .unwrap()
        .as_table()
        .unwrap()
        .clone();
    for key in ["name", "from", "to"] {
        total.remove(key);
    }
    let counts: foidesk_engine::api::ReturnCounts = toml::Value::Table(total).try_into().unwrap();
    json_figures(&serde_json::to_value(counts).unwrap())
}

/// The figures of a return's JSON, by "group.key".
fn json_figures(json: &Value) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for (group, value) in json.as_object().unwrap() {
        match value {
            Value::Number(n) => {
                out.insert(group.clone(), n.as_u64().unwrap());
            }
            Value::Object(map) => {
                for (key, n) in map {
                    out.insert(format!("{group}.{key}"), n.as_u64().unwrap());
                }
            }
            _ => {}
        }
    }
    out
}

/// The figures the page shows, by the JSON key each cell names.
fn page_figures(html: &str) -> BTreeMap<String, u64> {
    html.split("data-figure=\"")
        .skip(1)
        .map(|cell| {
            let key = &cell[..cell.find('"').unwrap()];
            let value = &cell[cell.find('>').unwrap() + 1..cell.find('<').unwrap()];
            (key.to_owned(), value.trim().parse().unwrap())
        })
        .collect()
}

/// The figures of the CSV download, by "group.key" as the JSON names them.
fn csv_figures(text: &str) -> BTreeMap<String, u64> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let group = |label: &str| match label {
        "Requests received" | "Environmental Information Regulations" | "Round robins" => "",
        "Timeliness" => "timeliness.",
        "Initial outcomes" => "initial_outcomes.",
        "Exemptions and exceptions relied on" => "exemptions.",
        "Internal reviews" => "internal_reviews.",
        other => panic!("no group {other}"),
    };
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                format!("{}{}", group(&r[col("Group")]), &r[col("Key")]),
                r[col("Count")].parse().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_page_the_api_and_the_downloads_hold_the_same_figures() {
    for world in common::worlds().await {
        let stored = store_return_cases(&world).await;
        assert!(stored >= 40);
        let officer = world.session("officer_a").await;
        let page = world
            .page(&format!("/statistics/return?{Q2}"), &officer)
            .await;
        assert_eq!(page.status, 200, "{}: {}", world.label, page.text);
        assert!(page
            .text
            .contains("Authority A, 1 April 2024 to 30 June 2024"));
        let shown = page_figures(&page.text);
        let api = world
            .call(
                "GET",
                "/api/v1/statistics/return?from=2024-04-01&to=2024-06-30",
                Some("officer_a"),
                None,
                &[],
            )
            .await;
        assert_eq!(api.status, 200, "{}", api.text);
        assert_eq!(api.json["authority"], "a");
        let from_api = json_figures(&api.json);
        assert!(from_api["received"] > 0, "{}", api.text);
        assert_eq!(shown, from_api, "{}: the page and the API", world.label);
        // The page links its downloads with the period shown.
        assert!(page.text.contains("href=\"/statistics/return.csv?"));
        let csv = world
            .page(&format!("/statistics/return.csv?{Q2}"), &officer)
            .await;
        assert_eq!(csv.status, 200);
        assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
        assert_eq!(
            csv.headers["content-disposition"],
            "attachment; filename=\"return-a-2024-04-01-to-2024-06-30.csv\""
        );
        assert_eq!(csv_figures(&csv.text), from_api, "{}: the CSV", world.label);
        let xlsx = world
            .page(&format!("/statistics/return.xlsx?{Q2}"), &officer)
            .await;
        assert_eq!(xlsx.status, 200);
        assert_eq!(
            xlsx.headers["content-type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        assert!(xlsx.headers["content-disposition"]
            .to_str()
            .unwrap()
            .ends_with(".xlsx\""));
        // An administrator choosing A sees the officer's figures; all
        // authorities' are A's and B's together.
        let admin = world.session("admin").await;
        let chosen = world
            .page(&format!("/statistics/return?{Q2}&authority=a"), &admin)
            .await;
        assert_eq!(page_figures(&chosen.text), from_api);
        let all = page_figures(
            &world
                .page(&format!("/statistics/return?{Q2}"), &admin)
                .await
                .text,
        );
        let b = world
            .call(
                "GET",
                "/api/v1/statistics/return?from=2024-04-01&to=2024-06-30&authority=b",
                Some("admin"),
                None,
                &[],
            )
            .await;
        let b = json_figures(&b.json);
        for (key, n) in &all {
            let parts = from_api.get(key).unwrap_or(&0) + b.get(key).unwrap_or(&0);
            assert_eq!(*n, parts, "{}: {key}", world.label);
        }
        // Summed in SQL, all authorities' return is the one worked out by
        // hand (the round robins beside it are not a category of the return).
        let mut categories = all.clone();
        categories.remove("round_robins");
        assert_eq!(categories, hand_worked("Q2 2024"), "{}", world.label);
        world.finish().await;
    }
}

#[tokio::test]
async fn who_may_see_which_figures() {
    for world in common::worlds().await {
        let mut cookies = BTreeMap::new();
        for who in ["admin", "officer_a", "caseworker", "requester"] {
            cookies.insert(who, world.session(who).await);
        }
        let check = |who: &'static str, path: &'static str, status: u16| {
            let (world, cookie) = (&world, cookies[who].clone());
            async move {
                let reply = world.page(path, &cookie).await;
                assert_eq!(
                    reply.status.as_u16(),
                    status,
                    "{}: {who} {path}: {}",
                    world.label,
                    reply.text
                );
            }
        };
        check("officer_a", "/statistics/return", 200).await;
        check("officer_a", "/statistics/return?authority=b", 403).await;
        check("officer_a", "/statistics/return.csv?authority=b", 403).await;
        check("officer_a", "/statistics/return.xlsx?authority=b", 403).await;
        check("officer_a", "/statistics/commissioner", 200).await;
        check("officer_a", "/statistics/commissioner?authority=b", 403).await;
        check("caseworker", "/statistics/return", 404).await;
        check("caseworker", "/statistics/return.csv", 404).await;
        check("caseworker", "/statistics/commissioner", 200).await;
        check("caseworker", "/statistics/commissioner?authority=b", 200).await;
        check("requester", "/statistics/return", 404).await;
        check("requester", "/statistics/commissioner", 404).await;
        check("admin", "/statistics/return?authority=b", 200).await;
        check("admin", "/statistics/return?authority=nobody", 400).await;
        check("admin", "/statistics/commissioner", 200).await;
        world.finish().await;
    }
}

#[tokio::test]
async fn the_commissioner_figures_are_those_of_the_engine() {
    for world in common::worlds().await {
        store_return_cases(&world).await;
        let caseworker = world.session("caseworker").await;
        let page = world
            .page("/statistics/commissioner?from-day=1&from-month=1&from-year=2019&to-day=22&to-month=11&to-year=2026", &caseworker)
            .await;
        assert_eq!(page.status, 200, "{}", page.text);
        let period = Period::new(
            foidesk_engine::api::Date::parse("2019-01-01").unwrap(),
            foidesk_engine::api::Date::parse("2026-11-22").unwrap(),
        )
        .unwrap();
        let f = world.system.complaint_figures(None, period).await.unwrap();
        assert!(f.received > 0, "{}: the world has complaints", world.label);
        let table = &page.text[page.text.find("id=\"complaints\"").unwrap()..];
        let figures: Vec<u64> = table
            .split("data-label=\"Figure\">")
            .skip(1)
            .take(2)
            .map(|c| c[..c.find('<').unwrap()].parse().unwrap())
            .collect();
        assert_eq!(figures, vec![f.received, f.closed], "{}", world.label);
        world.finish().await;
    }
}

#[tokio::test]
async fn dates_the_page_cannot_use_are_named() {
    for world in common::worlds().await {
        let officer = world.session("officer_a").await;
        // Nothing typed: the last whole quarter before today (22 November 2026).
        let page = world.page("/statistics/return", &officer).await;
        assert!(
            page.text.contains("1 July 2026 to 30 September 2026"),
            "{}",
            page.text
        );
        for quarter in [
            "April to June 2026",
            "January to March 2026",
            "October to December 2025",
        ] {
            assert!(page.text.contains(quarter), "{quarter}");
        }
        let check = |query: &'static str, field: &'static str, message: &'static str| {
            let (world, officer) = (&world, officer.clone());
            async move {
                for path in [
                    "/statistics/return",
                    "/statistics/commissioner",
                    "/statistics/return.csv",
                ] {
                    let reply = world.page(&format!("{path}?{query}"), &officer).await;
                    assert_eq!(reply.status, 400, "{path}?{query}: {}", reply.text);
                    assert!(
                        reply.text.contains(message),
                        "{path}?{query}: {message} not in {}",
                        reply.text
                    );
                    if path != "/statistics/return.csv" {
                        assert!(
                            reply.text.contains(&format!("href=\"#{field}\"")),
                            "{path}?{query}"
                        );
                    }
                }
            }
        };
        check(
            "from-day=30&from-month=2&from-year=2024&to-day=30&to-month=6&to-year=2024",
            "from",
            "The start of the period must be a real date",
        )
        .await;
        check(
            "from-day=1&from-month=4&from-year=2024",
            "to",
            "Enter the end of the period",
        )
        .await;
        check(
            "from-day=1&from-month=4&from-year=2024&to-day=31&to-month=3&to-year=2024",
            "to",
            "must be on or after its start, 1 April 2024",
        )
        .await;
        check(
            "from-day=1&from-month=4&from-year=24&to-day=30&to-month=6&to-year=2024",
            "from",
            "a year with 4 numbers",
        )
        .await;
        // The API names its parameters.
        for (query, needle) in [
            ("to=2024-06-30", "'from' is required"),
            ("from=2024-02-30&to=2024-06-30", "'from' must be a date"),
            (
                "from=2024-04-01&to=2024-06-30&quarter=2",
                "unknown query parameter 'quarter'",
            ),
        ] {
            let reply = world
                .call(
                    "GET",
                    &format!("/api/v1/statistics/return?{query}"),
                    Some("officer_a"),
                    None,
                    &[],
                )
                .await;
            assert_eq!(reply.status, 400, "{query}: {}", reply.text);
            assert!(reply.text.contains(needle), "{query}: {}", reply.text);
        }
        let late = world
            .call(
                "GET",
                "/api/v1/statistics/return?from=2024-06-30&to=2024-04-01",
                Some("officer_a"),
                None,
                &[],
            )
            .await;
        assert_eq!(late.status, 422, "{}", late.text);
        world.finish().await;
    }
}
