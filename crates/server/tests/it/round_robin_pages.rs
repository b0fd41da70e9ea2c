//! The round robin's web pages for an officer: the grid on the case page,
//! the warnings and the reason on the response's check page and the
//! letter's send page, the link and leave forms and confirming a variant;
//! a refused form writes nothing.

use std::collections::BTreeMap;

use foidesk_engine::api::{EventFile, EventType};
use foidesk_engine::InputKind;

use crate::common::{self, csrf_of, email};
use crate::round_robin_setup::{
    check_refused, check_warned, copy, departing, panel, round_robin, PEERS,
};

#[tokio::test]
async fn the_case_page_shows_the_grid_and_the_officer_its_actions() {
    for world in common::worlds().await {
        let label = world.label;
        let rr = round_robin(&world).await;
        let cookie = world.session("officer_a").await;
        let page = world.page(&format!("/cases/{}", rr.case), &cookie).await;
        assert_eq!(page.status, 200, "{label}");
        let text = &page.text;
        assert!(text.contains("id=\"round-robin-grid\""), "{label}: {text}");
        assert!(
            text.contains("<caption>How each authority answered, part by part</caption>"),
            "{label}"
        );
        for (_, name) in PEERS {
            assert!(text.contains(name), "{label}: the grid lists {name}");
        }
        assert!(
            text.contains("section 23(5), section 31(3)"),
            "{label}: provisions in words"
        );
        assert!(
            text.contains("3 neither confirm nor deny, 1 pending"),
            "{label}: the tally"
        );
        assert!(text.contains("2 November 2026"), "{label}: dates in words");
        assert!(
            text.contains(">yours</strong>"),
            "{label}: A's own row is marked"
        );
        for action in [
            "round-robin/link",
            "round-robin/leave",
            "/authorities/a/sharing",
        ] {
            assert!(text.contains(action), "{label}: the officer may {action}");
        }
        // Another authority's officer cannot see the case at all.
        let other = world.session("officer_b").await;
        let hidden = world.page(&format!("/cases/{}", rr.case), &other).await;
        assert_eq!(hidden.status, 404, "{label}");
        world.finish().await;
    }
}

#[tokio::test]
async fn a_response_that_departs_needs_a_reason_and_writes_nothing_without_one() {
    for world in common::worlds().await {
        let label = world.label;
        let rr = round_robin(&world).await;
        let cookie = world.session("officer_a").await;
        let path = format!("/cases/{}/record/response", rr.case);
        let csrf = csrf_of(&world.page(&path, &cookie).await.text);
        let check = world.form(&path, &cookie, &departing(&csrf, "check")).await;
        assert_eq!(check.status, 200, "{label}: {}", check.text);
        check_warned(label, &check.text);

        let before = world.snapshot().await;
        let refused = world
            .form(&path, &cookie, &departing(&csrf, "record"))
            .await;
        assert_eq!(refused.status, 422, "{label}: {}", refused.text);
        check_refused(label, &refused.text);
        check_warned(label, &refused.text);
        assert_eq!(
            world.snapshot().await,
            before,
            "{label}: a refused response wrote something"
        );

        let reason = "We published this training plan in our annual report.";
        let mut fields = departing(&csrf, "record");
        fields.push(("consistency_reason", reason));
        let sent = world.form(&path, &cookie, &fields).await;
        assert_eq!(sent.status, 303, "{label}: {}", sent.text);
        let page = world.page(&format!("/cases/{}", rr.case), &cookie).await;
        assert!(
            page.text
                .contains("Reason for departing from a consistent answer"),
            "{label}"
        );
        assert!(
            page.text.contains(reason),
            "{label}: the reason is on the timeline"
        );
        world.finish().await;
    }
}

#[tokio::test]
async fn the_letters_send_page_warns_and_sends_only_with_a_reason() {
    for world in common::worlds().await {
        let label = world.label;
        let rr = round_robin(&world).await;
        let officer = world
            .system
            .account_by_email(&email("officer_a"))
            .await
            .unwrap();
        let service = world.system.service();
        let me = service.as_user(&officer);
        let event: EventFile = toml::from_str(
            r#"kind = "response"
date = "2026-11-20"
outcomes = [{ part = "1", outcome = "disclosed" }, { part = "2", outcome = "disclosed" }]"#,
        )
        .unwrap();
        let mut letter = me.start_letter(rr.case, event).await.unwrap();
        for _ in 0..6 {
            let mut answers = BTreeMap::new();
            for q in letter.pages.iter().flat_map(|p| &p.questions) {
                let answer = match &q.input {
                    InputKind::Choice { options } => options[0].value.to_owned(),
                    _ => format!("An answer to {}", q.text),
                };
                answers.insert(q.id.as_str().to_owned(), answer);
            }
            letter = me
                .answer_letter(rr.case, EventType::Response, answers)
                .await
                .unwrap()
                .0;
        }
        let cookie = world.session("officer_a").await;
        let root = format!("/cases/{}/letters/response", rr.case);
        let page = world.page(&root, &cookie).await;
        assert_eq!(page.status, 200, "{label}");
        assert!(
            page.text.contains("Send the letter"),
            "{label}: {}",
            page.text
        );
        check_warned(label, &page.text);
        let csrf = csrf_of(&page.text);

        let before = world.snapshot().await;
        let send = format!("{root}/send");
        let refused = world
            .form(&send, &cookie, &[("csrf", &csrf), ("version", "0")])
            .await;
        assert_eq!(refused.status, 422, "{label}: {}", refused.text);
        check_refused(label, &refused.text);
        assert_eq!(
            world.snapshot().await,
            before,
            "{label}: a refused letter wrote something"
        );

        let reason = "Our training syllabus is already on our website.";
        let fields = [
            ("csrf", csrf.as_str()),
            ("version", "0"),
            ("consistency_reason", reason),
        ];
        let sent = world.form(&send, &cookie, &fields).await;
        assert_eq!(sent.status, 303, "{label}: {}", sent.text);
        let case = world.page(&format!("/cases/{}", rr.case), &cookie).await;
        assert!(
            case.text.contains(reason),
            "{label}: the reason is on the timeline"
        );
        world.finish().await;
    }
}

#[tokio::test]
async fn leaving_needs_a_reason_and_a_reference_links_again() {
    for world in common::worlds().await {
        let label = world.label;
        let rr = round_robin(&world).await;
        let cookie = world.session("officer_a").await;
        let leave = format!("/cases/{}/round-robin/leave", rr.case);
        let form = world.page(&leave, &cookie).await;
        assert_eq!(form.status, 200, "{label}");
        let csrf = csrf_of(&form.text);
        let refused = world
            .form(&leave, &cookie, &[("csrf", &csrf), ("reason", " ")])
            .await;
        assert_eq!(refused.status, 422, "{label}");
        assert!(
            refused.text.contains("href=\"#reason\""),
            "{label}: {}",
            refused.text
        );
        assert_eq!(
            world.store.round_robin_of(rr.case).await.unwrap(),
            Some(rr.id),
            "{label}"
        );

        let reason = "Ours asked about a different device.";
        let left = world
            .form(&leave, &cookie, &[("csrf", &csrf), ("reason", reason)])
            .await;
        assert_eq!(left.status, 303, "{label}: {}", left.text);
        assert_eq!(
            world.store.round_robin_of(rr.case).await.unwrap(),
            None,
            "{label}"
        );
        let page = world
            .page(&format!("/cases/{}?round-robin=left", rr.case), &cookie)
            .await;
        assert!(
            page.text.contains("no longer in the round robin"),
            "{label}"
        );
        assert!(page.text.contains("not linked to a round robin"), "{label}");

        let link = format!("/cases/{}/round-robin/link", rr.case);
        let empty = world
            .form(&link, &cookie, &[("csrf", &csrf), ("reference", "")])
            .await;
        assert_eq!(empty.status, 422, "{label}");
        assert!(empty.text.contains("href=\"#reference\""), "{label}");
        let linked = world
            .form(
                &link,
                &cookie,
                &[("csrf", &csrf), ("reference", "NPCC-2026-0042")],
            )
            .await;
        assert_eq!(linked.status, 303, "{label}: {}", linked.text);
        assert!(
            world.store.round_robin_of(rr.case).await.unwrap().is_some(),
            "{label}"
        );
        // Another authority's officer may not.
        let other = world.session("officer_b").await;
        let csrf_b = csrf_of(&world.page("/", &other).await.text);
        let foreign = world
            .form(&leave, &other, &[("csrf", &csrf_b), ("reason", reason)])
            .await;
        assert_eq!(foreign.status, 404, "{label}");
        world.finish().await;
    }
}

#[tokio::test]
async fn an_officer_confirms_a_variant_the_engine_only_suggested() {
    for world in common::worlds().await {
        let label = world.label;
        let rr = round_robin(&world).await;
        // Authority B's copy asks only the second part: a variant, not joined.
        let mut file = copy("Authority B", false);
        file.request.parts.remove(0);
        file.request.parts[0].id = "1".into();
        let case = world
            .system
            .open_case("b", "B-RR", file, "setup")
            .await
            .unwrap()
            .summary
            .id;
        assert_eq!(
            world.store.round_robin_of(case).await.unwrap(),
            None,
            "{label}"
        );
        let cookie = world.session("officer_b").await;
        let page = world.page(&format!("/cases/{case}"), &cookie).await;
        assert!(page.text.contains("not linked to a round robin"), "{label}");
        assert!(
            page.text.contains("a variant of this request"),
            "{label}: {}",
            panel(&page.text)
        );
        let confirm = format!("name=\"round_robin\" value=\"{}\"", rr.id);
        assert!(
            page.text.contains(&confirm),
            "{label}: {}",
            panel(&page.text)
        );
        let csrf = csrf_of(&page.text);
        let id = rr.id.to_string();
        let link = format!("/cases/{case}/round-robin/link");
        let linked = world
            .form(&link, &cookie, &[("csrf", &csrf), ("round_robin", &id)])
            .await;
        assert_eq!(linked.status, 303, "{label}: {}", linked.text);
        assert_eq!(
            world.store.round_robin_of(case).await.unwrap(),
            Some(rr.id),
            "{label}"
        );
        let page = world
            .page(&format!("/cases/{case}?round-robin=joined"), &cookie)
            .await;
        assert!(page.text.contains("linked to the round robin"), "{label}");
        assert!(page.text.contains("id=\"round-robin-grid\""), "{label}");
        world.finish().await;
    }
}
