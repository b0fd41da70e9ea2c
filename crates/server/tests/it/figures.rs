//! The dashboard and the statistics page count every case the viewer may
//! see (2,500 imported here, past the 2,000 the old pages charted), show
//! every month of the period (an empty one included), refuse bad dates
//! with an error on the field, and keep an officer to their own authority.

use foidesk_engine::api::CaseFile;

use crate::common::{self, Reply, World};

/// A month's cases as imported: (year, month, received, answered in
/// time, answered late); the rest of the month's cases are unanswered.
/// 2,500 in all, in month order, so November's cases have the highest ids;
/// March 2026 has none.
const MONTHS: [(i16, i8, u64, u64, u64); 12] = [
    (2025, 12, 300, 120, 60),
    (2026, 1, 250, 100, 50),
    (2026, 2, 200, 0, 0),
    (2026, 3, 0, 0, 0),
    (2026, 4, 150, 150, 0),
    (2026, 5, 150, 0, 150),
    (2026, 6, 150, 75, 75),
    (2026, 7, 150, 30, 0),
    (2026, 8, 150, 149, 1),
    (2026, 9, 150, 1, 2),
    (2026, 10, 150, 10, 10),
    (2026, 11, 700, 350, 0),
];

/// Authority B's cases in January 2026, which officer A must not count.
const B_JANUARY: u64 = 40;

fn month_name(year: i16, month: i8) -> String {
    foidesk_engine::api::Date::new(year, month, 1)
        .unwrap()
        .month_and_year()
}

/// A request received on `received`, answered on `answered` if given.
fn request(n: u64, received: &str, answered: Option<&str>) -> CaseFile {
    let mut text = format!(
        "[request]\nauthority = \"Authority\"\nregime = \"FOIA\"\nreceived = \"{received}\"\n\
         [[request.parts]]\nid = \"1\"\ntext = \"Request number {n}.\"\n"
    );
    if let Some(date) = answered {
        text.push_str(&format!(
            "[[events]]\nkind = \"response\"\ndate = \"{date}\"\n\
             outcomes = [{{ part = \"all\", outcome = \"disclosed\" }}]\n"
        ));
    }
    toml::from_str(&text).unwrap()
}

/// Import MONTHS into authority A (and B_JANUARY into B): received on the
/// 2nd to the 14th, answered in time three days later or late 35 days
/// later (at least 22 working days, before today for every month).
async fn load(world: &World) {
    let mut items = Vec::new();
    for (year, month, received, in_time, late) in MONTHS {
        for i in 0..received {
            let day = 2 + i % 13;
            let on = format!("{year:04}-{month:02}-{day:02}");
            let answered = if i < in_time {
                Some(format!("{year:04}-{month:02}-{:02}", day + 3))
            } else if i < in_time + late {
                let date = foidesk_engine::api::Date::parse(&on).unwrap();
                Some(date.checked_add_days(35).unwrap().to_string())
            } else {
                None
            };
            let n = items.len() as u64;
            let file = request(n, &on, answered.as_deref());
            items.push(("a".to_owned(), format!("IMPORTED-A-{n}"), file));
        }
    }
    for n in 0..B_JANUARY {
        let file = request(n, "2026-01-06", None);
        items.push(("b".to_owned(), format!("IMPORTED-B-{n}"), file));
    }
    world.system.import_cases(&items, "tests").await.unwrap();
}

/// The table row of `label` says `received`, `answered`, `in_time` and the
/// per cent (or why there is none).
fn check(page: &Reply, label: &str, received: u64, answered: u64, in_time: u64) {
    let percent = match (received, answered) {
        (0, _) => "no requests".to_owned(),
        (_, 0) => "none answered yet".to_owned(),
        // To the nearest whole per cent.
        _ => format!("{}%", (in_time * 200 + answered) / (answered * 2)),
    };
    let row = format!(
        "<th scope=\"row\">{label}</th>\
         <td class=\"numeric\" data-label=\"Received\">{received}</td>\
         <td class=\"numeric\" data-label=\"Answered\">{answered}</td>\
         <td class=\"numeric\" data-label=\"In time\">{in_time}</td>\
         <td class=\"numeric\" data-label=\"Per cent in time\">{percent}</td>"
    );
    assert!(
        page.text.contains(&row),
        "{label}: no row {row} in\n{}",
        page.text
    );
}

/// Every month of the twelve, in order, in the chart and the table.
fn every_month(page: &Reply) {
    let rows: Vec<&str> = page
        .text
        .split("<span class=\"bar-chart__label\">")
        .skip(1)
        .filter_map(|s| s.split('<').next())
        .collect();
    let expected: Vec<String> = MONTHS.iter().map(|m| month_name(m.0, m.1)).collect();
    assert_eq!(rows, expected, "the chart's rows");
}

fn query(from: [&str; 3], to: [&str; 3], authority: &str) -> String {
    format!(
        "/statistics?from-day={}&from-month={}&from-year={}&to-day={}&to-month={}&to-year={}&authority={authority}",
        from[0], from[1], from[2], to[0], to[1], to[2]
    )
}

#[tokio::test]
async fn the_dashboard_and_statistics_count_every_case_past_two_thousand() {
    for world in common::worlds().await {
        load(&world).await;
        let officer = world.session("officer_a").await;
        let admin = world.session("admin").await;
        for (who, cookie, path) in [
            ("officer", &officer, "/"),
            ("officer", &officer, "/statistics"),
            ("administrator", &admin, "/statistics?authority=a"),
        ] {
            let page = world.page(path, cookie).await;
            assert_eq!(page.status, 200, "{who} {path}");
            every_month(&page);
            for (year, month, received, in_time, late) in MONTHS {
                let label = month_name(year, month);
                check(&page, &label, received, in_time + late, in_time);
            }
            let sum = |f: fn(&(i16, i8, u64, u64, u64)) -> u64| MONTHS.iter().map(f).sum::<u64>();
            let (in_time, late) = (sum(|m| m.3), sum(|m| m.4));
            check(&page, "All months", sum(|m| m.2), in_time + late, in_time);
            assert!(
                page.text
                    .contains("<span class=\"bar-chart__value\">no requests</span>"),
                "{path}: March says so"
            );
            assert!(
                page.text.contains(
                    "figcaption class=\"bar-chart__caption\" id=\"timeliness-chart-caption\""
                ),
                "{path}: the chart is named"
            );
        }
        // Across authorities: January counts B's too, and each authority has its row.
        let all = world
            .page(&query(["1", "1", "2026"], ["31", "1", "2026"], ""), &admin)
            .await;
        assert_eq!(all.status, 200, "{}", all.text);
        check(&all, "January 2026", 250 + B_JANUARY, 150, 100);
        check(&all, "Authority A", 250, 150, 100);
        check(&all, "Authority B", B_JANUARY, 0, 0);
        assert!(all
            .text
            .contains("href=\"/statistics/return?from=2026-01-01&amp;to=2026-01-31\""));
        // One authority: no table by authority, and the return's link names it.
        let one = world
            .page(&query(["1", "1", "2026"], ["31", "1", "2026"], "a"), &admin)
            .await;
        check(&one, "January 2026", 250, 150, 100);
        assert!(!one.text.contains("id=\"by-authority\""));
        assert!(one.text.contains("to=2026-01-31&amp;authority=a\""));
        world.finish().await;
    }
}

#[tokio::test]
async fn bad_dates_come_back_with_an_error_on_the_field() {
    for world in common::worlds().await {
        let admin = world.session("admin").await;
        for (path, field, message) in [
            (
                query(["31", "2", "2026"], ["1", "3", "2026"], ""),
                "from",
                "The start date must be a real date",
            ),
            (
                query(["1", "7", "2026"], ["30", "6", "2026"], ""),
                "to",
                "The end date must be the same as or after the start date",
            ),
            (
                query(["1", "", "2026"], ["1", "3", "2026"], ""),
                "from",
                "The start date must include a month",
            ),
            (
                query(["", "", ""], ["1", "3", "2026"], ""),
                "from",
                "Enter the start date",
            ),
            (
                query(["1", "1", "2026"], ["1", "3", "twenty"], ""),
                "to",
                "The end date must be a real date, in numbers, like 27 3 2026",
            ),
            (
                query(["1", "1", "2026"], ["1", "3", "2026"], "nowhere"),
                "authority",
                "Choose an authority from the list: there is no authority 'nowhere'",
            ),
        ] {
            let page = world.page(&path, &admin).await;
            assert_eq!(page.status, 422, "{path}");
            let link = format!("<a href=\"#{field}\">{message}</a>");
            assert!(page.text.contains("There is a problem"), "{path}");
            assert!(
                page.text.contains(&link),
                "{path}: no {link} in\n{}",
                page.text
            );
            assert!(
                !page.text.contains("id=\"timeliness-chart\""),
                "{path}: no figures"
            );
        }
        world.finish().await;
    }
}

#[tokio::test]
async fn an_officer_sees_only_their_authority() {
    for world in common::worlds().await {
        load(&world).await;
        let january = |authority: &str| query(["1", "1", "2026"], ["31", "1", "2026"], authority);
        for (who, path, status) in [
            ("officer_a", january(""), 200),
            ("officer_a", january("a"), 200),
            ("officer_a", january("b"), 403),
            ("officer_b", january("a"), 403),
            ("requester", january("a"), 403),
            ("officer_a", "/statistics?authority=b".to_owned(), 403),
            ("officer_a", january("nowhere"), 404),
        ] {
            let cookie = world.session(who).await;
            let page = world.page(&path, &cookie).await;
            assert_eq!(page.status, status, "{who} {path}");
            if status == 200 {
                // Officer A's January: A's 250, none of B's.
                check(&page, "January 2026", 250, 150, 100);
                assert!(!page.text.contains("Authority B"), "{who} {path}");
                assert!(
                    !page.text.contains("id=\"authority\""),
                    "{who}: no choice of authority"
                );
            }
        }
        // Officer B's dashboard: B's forty, nothing answered.
        let b = world.session("officer_b").await;
        let dashboard = world.page("/", &b).await;
        check(&dashboard, "January 2026", B_JANUARY, 0, 0);
        check(&dashboard, "December 2025", 0, 0, 0);
        world.finish().await;
    }
}

/// What each desk's dashboard and statistics page show of the figures.
#[tokio::test]
async fn each_desk_sees_its_own_figures() {
    for world in common::worlds().await {
        world
            .system
            .add_authority("c", "Authority C")
            .await
            .unwrap();
        world
            .system
            .add_user(
                &common::email("officer_c"),
                "officer_c",
                foidesk_engine::Role::Officer,
                Some("c"),
                common::PASSWORD,
            )
            .await
            .unwrap();
        let c = world.session("officer_c").await;
        let empty = world.page("/", &c).await;
        assert!(
            empty.text.contains("id=\"first-steps\""),
            "an empty desk starts here"
        );
        assert!(empty
            .text
            .contains("No request was received in these twelve months."));
        let file = request(1, "2026-11-02", None);
        world
            .system
            .import_cases(&[("c".into(), "C-1".into(), file)], "tests")
            .await
            .unwrap();
        let one = world.page("/", &c).await;
        assert!(
            !one.text.contains("id=\"first-steps\""),
            "a desk with a case"
        );
        check(&one, "November 2026", 1, 0, 0);
        check(&one, "October 2026", 0, 0, 0);
        for (who, path, has) in [
            ("caseworker", "/", "Complaints this year"),
            ("caseworker", "/", "href=\"/statistics/commissioner\""),
            (
                "caseworker",
                "/statistics",
                "href=\"/statistics/commissioner\"",
            ),
            ("requester", "/", "Your requests received from"),
            ("requester", "/statistics", "Your requests"),
            ("admin", "/statistics", "id=\"by-authority\""),
            (
                "admin",
                "/statistics",
                "<option value=\"c\">Authority C</option>",
            ),
        ] {
            let cookie = world.session(who).await;
            let page = world.page(path, &cookie).await;
            assert_eq!(page.status, 200, "{who} {path}");
            assert!(
                page.text.contains(has),
                "{who} {path}: no {has} in\n{}",
                page.text
            );
        }
        let requester = world.session("requester").await;
        let theirs = world.page("/statistics", &requester).await;
        assert!(
            !theirs.text.contains("/statistics/commissioner"),
            "a requester has no Commissioner's figures"
        );
        world.finish().await;
    }
}
