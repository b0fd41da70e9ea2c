//! The response form stores only catalogue provisions, after a check-answers
//! page; a recorded event is corrected with a reason, the assessment follows
//! the correction, and the original stays on the page marked as corrected.

use crate::common::{self, csrf_of};

/// The response form's fields for case A-1's four parts, dated `day`
/// December 2019, with part 4's provisions as typed.
fn response<'a>(csrf: &'a str, day: &'a str, provisions: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("version", "0"),
        ("date-day", day),
        ("date-month", "12"),
        ("date-year", "2019"),
        ("outcome-1", "disclosed"),
        ("outcome-2", "disclosed"),
        ("outcome-3", "not_held"),
        ("outcome-4", "withheld"),
        ("provisions-4", provisions),
    ]
}

/// A post of `fields` with `action` added.
fn with<'a>(fields: &[(&'a str, &'a str)], action: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut out = fields.to_vec();
    out.push(("action", action));
    out
}

#[tokio::test]
async fn section_31_is_stored_as_s31_and_section_99_is_refused_naming_its_field() {
    for world in common::worlds().await {
        let cookie = world.session("officer_a").await;
        let id = world.cases.a_mine;
        let path = format!("/cases/{id}/record/response");
        let form = world.page(&path, &cookie).await;
        assert_eq!(form.status, 200);
        // Radios with nothing chosen, and the catalogue to pick from.
        assert!(
            form.text.contains(
                "type=\"radio\" id=\"outcome-1\" name=\"outcome-1\" value=\"disclosed\">"
            ),
            "{}",
            form.text
        );
        assert!(
            !form.text.contains("checked"),
            "no outcome is chosen for the user"
        );
        assert!(form.text.contains("<option value=\"s.31(3)\">"));
        let csrf = csrf_of(&form.text);
        let before = world.snapshot().await;

        // No outcome chosen for a part: that part's radios are named.
        let mut unchosen = response(&csrf, "2", "section 31");
        unchosen.retain(|(k, _)| *k != "outcome-2");
        let reply = world.form(&path, &cookie, &with(&unchosen, "check")).await;
        assert_eq!(reply.status, 422);
        assert!(reply.text.contains("href=\"#outcome-2\""), "{}", reply.text);
        assert!(reply
            .text
            .contains("Choose what the response said about part 2"));

        let reply = world
            .form(
                &path,
                &cookie,
                &with(&response(&csrf, "2", "section 99"), "check"),
            )
            .await;
        assert_eq!(reply.status, 422, "{}", world.label);
        assert!(
            reply.text.contains("href=\"#provisions-4\""),
            "{}",
            reply.text
        );
        assert!(
            reply.text.contains("is not a provision foidesk knows"),
            "{}",
            reply.text
        );
        assert_eq!(world.snapshot().await, before, "nothing is written");

        // Check answers: in words, nothing written yet, then recorded.
        let good = response(&csrf, "2", "section 31");
        let check = world.form(&path, &cookie, &with(&good, "check")).await;
        assert_eq!(check.status, 200, "{}", check.text);
        assert!(check.text.contains("Check your answers before recording"));
        assert!(
            check.text.contains("withheld, under section 31"),
            "{}",
            check.text
        );
        assert!(
            check.text.contains("value=\"change\""),
            "a way back to change it"
        );
        assert_eq!(world.snapshot().await, before, "checking writes nothing");
        let change = world.form(&path, &cookie, &with(&good, "change")).await;
        assert_eq!(change.status, 200);
        assert!(
            change.text.contains("value=\"section 31\""),
            "the form keeps what was typed"
        );
        let saved = world.form(&path, &cookie, &with(&good, "record")).await;
        assert_eq!(saved.status, 303, "{}", saved.text);
        let stored = world
            .call(
                "GET",
                &format!("/api/v1/cases/{id}"),
                Some("admin"),
                None,
                &[],
            )
            .await;
        assert!(
            stored.text.contains("\"provisions\":[\"s.31\"]"),
            "{}",
            stored.text
        );
        assert!(!stored.text.contains("section 31"), "{}", stored.text);
        world.finish().await;
    }
}

#[tokio::test]
async fn a_mistyped_response_date_is_corrected_and_the_original_shows_as_corrected() {
    for world in common::worlds().await {
        let cookie = world.session("officer_a").await;
        let id = world.cases.a_mine;
        let path = format!("/cases/{id}/record/response");
        let csrf = csrf_of(&world.page(&path, &cookie).await.text);
        // Typed as 20 December 2019: after the 6 December deadline.
        let late = response(&csrf, "20", "s.31(1)(a)");
        assert_eq!(
            world
                .form(&path, &cookie, &with(&late, "record"))
                .await
                .status,
            303
        );
        let page = world
            .page(&format!("/cases/{id}?saved=response"), &cookie)
            .await;
        assert!(page.text.contains("Recorded: Response sent"));
        assert!(
            page.text.contains("Missed by 10 working days"),
            "{}",
            page.text
        );
        assert!(page.text.contains("section 10(1)"), "a breach of s.10(1)");
        let correct = format!("/cases/{id}/correct/1");
        assert!(page.text.contains(&format!("href=\"{correct}\"")));

        // The correction form opens with the event's data.
        let form = world.page(&correct, &cookie).await;
        assert_eq!(form.status, 200);
        assert!(
            form.text
                .contains("name=\"date-day\" type=\"text\" inputmode=\"numeric\" value=\"20\""),
            "{}",
            form.text
        );
        assert!(
            form.text.contains("value=\"withheld\" checked"),
            "{}",
            form.text
        );
        let csrf = csrf_of(&form.text);
        let mut fields = response(&csrf, "2", "s.31(1)(a)");
        fields[1] = ("version", "1");
        fields.push(("what", "change"));
        let before = world.snapshot().await;
        // A reason is required.
        let reply = world.form(&correct, &cookie, &with(&fields, "check")).await;
        assert_eq!(reply.status, 422);
        assert!(reply.text.contains("href=\"#reason\""), "{}", reply.text);
        fields.push(("reason", "The date was mistyped: it was sent on 2 December"));
        let check = world.form(&correct, &cookie, &with(&fields, "check")).await;
        assert_eq!(check.status, 200, "{}", check.text);
        assert!(check.text.contains("2 December 2019"));
        assert_eq!(world.snapshot().await, before);
        let saved = world
            .form(&correct, &cookie, &with(&fields, "record"))
            .await;
        assert_eq!(saved.status, 303, "{}", saved.text);

        let page = world
            .page(&format!("/cases/{id}?saved=correction"), &cookie)
            .await;
        assert!(page.text.contains("Recorded: Correction"));
        assert!(
            page.text
                .contains("Met on 2 December 2019 (4 working days early)"),
            "{}",
            page.text
        );
        assert!(!page.text.contains("Missed by"), "{}", page.text);
        assert!(page.text.contains("timeline__item--corrected"));
        assert!(page.text.contains(">Corrected</strong>"));
        assert!(page
            .text
            .contains("The date was mistyped: it was sent on 2 December"));
        assert!(page.text.contains("Correction of event 1"));
        world.finish().await;
    }
}

/// The page's text between two markers (the first after `from`).
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let rest = text.split_once(from).map_or("", |(_, r)| r);
    rest.split_once(to).map_or(rest, |(r, _)| r)
}

#[tokio::test]
async fn the_authority_sees_the_requester_in_words_and_each_file_beside_its_event() {
    use foidesk_engine::NewAttachment;
    for world in common::worlds().await {
        let mut file = common::example("2020-06-23_metropolitan-police-service");
        file.request.requester = Some(common::email("requester"));
        file.request.channel = Some("whatdotheyknow".into());
        file.request.requester_name = Some("Siân Llŷr".into());
        file.request.contact = vec!["1 High Street".into(), "Cardiff CF10 1AA".into()];
        file.request.requester_type = Some("journalist".into());
        let id = world
            .system
            .open_case("a", "A-3", file, "setup")
            .await
            .unwrap()
            .summary
            .id;
        let pdf = NewAttachment {
            name: "released.pdf".into(),
            bytes: b"%PDF-1.7\nreleased".to_vec(),
        };
        let kept = world
            .system
            .add_attachment(id, pdf, Some(2), "setup")
            .await
            .unwrap();
        let link = format!("href=\"/cases/{id}/attachments/{}\"", kept.id);

        let officer = world.session("officer_a").await;
        let page = world.page(&format!("/cases/{id}"), &officer).await;
        assert_eq!(page.status, 200, "{}", world.label);
        let card = between(&page.text, "Summary</h2>", "</dl>");
        for shown in [
            "How it came in",
            "WhatDoTheyKnow",
            "Siân Llŷr",
            "1 High Street<br>Cardiff CF10 1AA",
            "Journalist",
        ] {
            assert!(card.contains(shown), "{}: {shown}: {card}", world.label);
        }
        // The file stands beside the second event, not the first, and in
        // the Attachments section too.
        let first = between(&page.text, "id=\"event-1\"", "id=\"event-2\"");
        let second = between(&page.text, "id=\"event-2\"", "id=\"event-3\"");
        assert!(!first.contains(&link), "{}: {first}", world.label);
        assert!(second.contains(&link), "{}: {second}", world.label);
        let section = between(&page.text, "id=\"attachments\"", "</table>");
        assert!(section.contains(&link), "{}", world.label);

        // The requester sees neither their contact address nor their type.
        let requester = world.session("requester").await;
        let page = world.page(&format!("/cases/{id}"), &requester).await;
        assert_eq!(page.status, 200, "{}", world.label);
        for hidden in ["How it came in", "Cardiff CF10 1AA", "Journalist"] {
            assert!(!page.text.contains(hidden), "{}: {hidden}", world.label);
        }
        world.finish().await;
    }
}
