//! The round robin's sharing setting and the coordinator's pages, and the
//! test that no grid or coordinator page or JSON names the requester.

use crate::common::{self, csrf_of, email};
use crate::round_robin_setup::{
    departing, main_of, panel, round_robin, PARTS, REQUESTER_CONTACT, REQUESTER_NAME,
    REQUESTER_TYPE, REQUESTER_TYPE_WORDS,
};

#[tokio::test]
async fn sharing_is_set_by_the_authoritys_officer_or_an_administrator() {
    for world in common::worlds().await {
        let label = world.label;
        let rr = round_robin(&world).await;
        let officer = world.session("officer_a").await;
        let csrf = csrf_of(&world.page("/", &officer).await.text);
        let case = rr.case.to_string();
        let fields = [
            ("csrf", csrf.as_str()),
            ("shares", "yes"),
            ("case", case.as_str()),
        ];
        let set = world
            .form("/authorities/a/sharing", &officer, &fields)
            .await;
        assert_eq!(set.status, 303, "{label}: {}", set.text);
        let page = world
            .page(
                &format!("/cases/{}?round-robin=sharing-on", rr.case),
                &officer,
            )
            .await;
        assert!(page.text.contains("now shares its answers"), "{label}");
        assert!(page.text.contains("Stop sharing"), "{label}");

        let other = world.session("officer_b").await;
        let csrf_b = csrf_of(&world.page("/", &other).await.text);
        let foreign = world
            .form(
                "/authorities/a/sharing",
                &other,
                &[("csrf", &csrf_b), ("shares", "no")],
            )
            .await;
        assert_eq!(foreign.status, 403, "{label}");
        let nonsense = world
            .form(
                "/authorities/a/sharing",
                &officer,
                &[("csrf", &csrf), ("shares", "maybe")],
            )
            .await;
        assert_eq!(nonsense.status, 422, "{label}");

        let admin = world.session("admin").await;
        let register = world.page("/admin/register", &admin).await;
        assert!(
            register.text.contains("id=\"sharing-ambridge-police\""),
            "{label}"
        );
        assert!(
            register.text.contains("Shares its answers"),
            "{label}: police share by default"
        );
        world.finish().await;
    }
}

#[tokio::test]
async fn the_coordinator_lists_its_round_robins_and_records_advice() {
    for world in common::worlds().await {
        let label = world.label;
        let rr = round_robin(&world).await;
        let cookie = world.session("coordinator").await;
        let dashboard = world.page("/", &cookie).await;
        assert!(
            dashboard.text.contains("Round robins you coordinate"),
            "{label}"
        );
        assert!(
            dashboard.text.contains("href=\"/round-robins\""),
            "{label}: in the header"
        );
        let list = world.page("/round-robins", &cookie).await;
        assert_eq!(list.status, 200, "{label}");
        assert!(
            list.text
                .contains(&format!("href=\"/round-robins/{}\"", rr.id)),
            "{label}"
        );
        assert!(list.text.contains(PARTS[0]), "{label}");

        let path = format!("/round-robins/{}", rr.id);
        let page = world.page(&path, &cookie).await;
        assert_eq!(page.status, 200, "{label}");
        assert!(page.text.contains("id=\"round-robin-grid\""), "{label}");
        assert!(
            !page.text.contains("href=\"/cases/"),
            "{label}: a coordinator opens no case"
        );
        let csrf = csrf_of(&page.text);
        let advice = format!("{path}/advice");
        let none = world
            .form(
                &advice,
                &cookie,
                &[
                    ("csrf", &csrf),
                    ("part", "2"),
                    ("provisions-2", "section 99"),
                ],
            )
            .await;
        assert_eq!(none.status, 422, "{label}");
        assert!(
            none.text.contains("href=\"#outcome-2\""),
            "{label}: {}",
            none.text
        );
        assert!(none.text.contains("href=\"#provisions-2\""), "{label}");
        assert!(
            world.store.advice(rr.id).await.unwrap().is_empty(),
            "{label}: nothing written"
        );

        let fields = [
            ("csrf", csrf.as_str()),
            ("part", "2"),
            ("outcome-2", "ncnd"),
            ("provisions-2", "section 23(5), section 31(3)"),
            ("note-2", "Answer as the other forces did."),
        ];
        let saved = world.form(&advice, &cookie, &fields).await;
        assert_eq!(saved.status, 303, "{label}: {}", saved.text);
        let page = world.page(&format!("{path}?saved=advice"), &cookie).await;
        assert!(page.text.contains("Advice recorded"), "{label}");
        assert!(page.text.contains("National advice"), "{label}");
        assert!(
            page.text.contains("Answer as the other forces did."),
            "{label}"
        );

        // Not for officers, nor another number.
        let officer = world.session("officer_a").await;
        assert_eq!(
            world.page("/round-robins", &officer).await.status,
            403,
            "{label}"
        );
        assert_eq!(
            world.page("/round-robins/999999", &cookie).await.status,
            404,
            "{label}"
        );
        world.finish().await;
    }
}

#[tokio::test]
async fn no_grid_or_coordinator_page_or_json_names_the_requester() {
    for world in common::worlds().await {
        let label = world.label;
        let rr = round_robin(&world).await;
        let forbidden = [
            REQUESTER_NAME,
            REQUESTER_CONTACT,
            REQUESTER_TYPE,
            REQUESTER_TYPE_WORDS,
            &email("requester"),
        ];
        let check = |what: &str, text: &str| {
            for word in forbidden {
                assert!(
                    !text.contains(word),
                    "{label}: {what} names the requester ({word})"
                );
            }
        };
        let mut seen = 0;
        for who in [
            "admin",
            "officer_a",
            "officer_b",
            "caseworker",
            "requester",
            "coordinator",
        ] {
            let cookie = world.session(who).await;
            let case = world.page(&format!("/cases/{}", rr.case), &cookie).await;
            if case.status == 200 && case.text.contains("id=\"round-robin\"") {
                // The authority's own page names the requester: the panel must not.
                if who == "officer_a" {
                    assert!(case.text.contains(REQUESTER_NAME), "{label}");
                }
                check(&format!("{who}'s case page"), panel(&case.text));
                seen += 1;
            }
            for path in [
                "/round-robins".to_owned(),
                format!("/round-robins/{}", rr.id),
                "/".to_owned(),
            ] {
                let page = world.page(&path, &cookie).await;
                if page.status == 200 && path != "/" {
                    seen += 1;
                }
                if path != "/" || who == "coordinator" {
                    check(&format!("{who}'s {path}"), main_of(&page.text));
                }
            }
            let json = world
                .call(
                    "GET",
                    &format!("/api/v1/cases/{}/round-robin", rr.case),
                    None,
                    None,
                    &[("cookie", &cookie)],
                )
                .await;
            if json.status == 200 {
                seen += 1;
            }
            check(&format!("{who}'s round-robin JSON"), &json.text);
        }
        // The check page's warnings, as the officer who plans the answer.
        let cookie = world.session("officer_a").await;
        let path = format!("/cases/{}/record/response", rr.case);
        let csrf = csrf_of(&world.page(&path, &cookie).await.text);
        let warned = world.form(&path, &cookie, &departing(&csrf, "check")).await;
        let start = warned
            .text
            .find("id=\"consistency-warnings\"")
            .expect("warnings shown");
        check("the warnings", &warned.text[start..]);
        // Panels for admin and officer_a; both coordinator pages for admin
        // and the coordinator; the JSON for admin, officer_a and the coordinator at least.
        assert!(
            seen >= 7,
            "{label}: only {seen} pages and answers were checked"
        );
        world.finish().await;
    }
}
