//! The Commissioner's caseworker on a complaint: the queue with its age,
//! the s.50(2) grounds explained, a refusal with reasons that reach the
//! requester (a bad one writes nothing), acceptance and the investigation
//! log; the queue is the caseworker's alone.

use crate::common::{self, csrf_of, email, example, World};

/// The complaint made before any review, made by `requester`, opened
/// under authority A: its id.
async fn complaint_before_review(world: &World, reference: &str) -> i64 {
    let mut file = example("synthetic-complaint-before-review");
    file.request.requester = Some(email("requester"));
    world
        .system
        .open_case("a", reference, file, "setup")
        .await
        .unwrap()
        .summary
        .id
}

#[tokio::test]
async fn a_complaint_is_queued_by_age_explained_and_declined_with_reasons() {
    for world in common::worlds().await {
        let id = complaint_before_review(&world, "A-9").await;
        let cookie = world.session("caseworker").await;

        // Complained of on 20 February 2024; today is the tests' fixed day.
        let queue = world.page("/complaints", &cookie).await;
        assert_eq!(queue.status, 200, "{}", world.label);
        let live = &queue.text[queue.text.find("id=\"live-complaints\"").unwrap()..];
        let live = &live[..live.find("</table>").unwrap()];
        assert!(live.contains("A-9"), "{live}");
        assert!(live.contains("1006 days (143 weeks)"), "{live}");
        assert!(
            live.contains("Authority A") && live.contains("eligibility"),
            "{live}"
        );
        let dashboard = world.page("/", &cookie).await;
        assert!(
            dashboard.text.contains("1006 days (143 weeks)"),
            "{}",
            world.label
        );

        let page = world.page(&format!("/cases/{id}"), &cookie).await;
        assert!(page
            .text
            .contains("Can the Commissioner decide this complaint?"));
        assert!(page.text.contains("check this"));
        assert!(page
            .text
            .contains("came before any internal review was asked for"));
        assert!(page.text.contains("it ended on 22 March 2024"));
        // The decline form chooses no ground for the caseworker.
        let form = &page.text[page.text.find("id=\"decline-complaint\"").unwrap()..];
        let form = &form[..form.find("</form>").unwrap()];
        assert!(!form.contains("checked"), "{form}");

        let csrf = csrf_of(&page.text);
        let path = format!("/cases/{id}/record/complaint_declined");
        let version = world.version(id).await.unwrap().to_string();
        let fields = |ground: &'static str, message: &'static str| {
            vec![
                ("csrf", csrf.clone()),
                ("version", version.clone()),
                ("date-day", "22".into()),
                ("date-month", "11".into()),
                ("date-year", "2026".into()),
                ("ground", ground.into()),
                ("message", message.into()),
                ("action", "record".into()),
            ]
        };
        let post = async |f: Vec<(&str, String)>| {
            let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            world.form(&path, &cookie, &f).await
        };
        let before = world.snapshot().await;
        for (ground, message, field) in [
            ("", "Ask for a review first.", "ground"),
            ("not_exhausted", "", "message"),
        ] {
            let reply = post(fields(ground, message)).await;
            assert_eq!(reply.status, 422, "{}: {}", world.label, reply.text);
            assert!(
                reply.text.contains(&format!("href=\"#{field}\"")),
                "{field}: {}",
                reply.text
            );
            assert_eq!(world.snapshot().await, before, "nothing is written");
        }
        let reason = "You have not asked Borsetshire Police for an internal review yet.";
        let saved = post(fields("not_exhausted", reason)).await;
        assert_eq!(saved.status, 303, "{}", saved.text);

        let queue = world.page("/complaints", &cookie).await;
        let closed = &queue.text[queue.text.find("id=\"closed-complaints\"").unwrap()..];
        assert!(
            closed.contains("A-9") && closed.contains("declined"),
            "{closed}"
        );
        let csv = world.page("/complaints.csv", &cookie).await;
        assert!(
            csv.text.contains(
                "A-9,Authority A,20 February 2024,1006 days (143 weeks),declined,nobody,no"
            ),
            "{}",
            csv.text
        );

        let requester = world.session("requester").await;
        let theirs = world.page(&format!("/cases/{id}"), &requester).await;
        assert_eq!(theirs.status, 200);
        assert!(theirs.text.contains(reason), "{}", theirs.text);
        assert!(!theirs.text.contains("Can the Commissioner decide"));
        world.finish().await;
    }
}

#[tokio::test]
async fn an_accepted_complaint_keeps_an_investigation_log() {
    for world in common::worlds().await {
        let id = complaint_before_review(&world, "A-8").await;
        let cookie = world.session("caseworker").await;
        let page = world.page(&format!("/cases/{id}"), &cookie).await;
        let csrf = csrf_of(&page.text);
        let record = async |kind: &str, extra: &[(&str, &str)]| {
            let version = world.version(id).await.unwrap().to_string();
            let mut f: Vec<(&str, &str)> = vec![
                ("csrf", &csrf),
                ("version", &version),
                ("date-day", "2"),
                ("date-month", "11"),
                ("date-year", "2026"),
                ("action", "record"),
            ];
            f.extend_from_slice(extra);
            world
                .form(&format!("/cases/{id}/record/{kind}"), &cookie, &f)
                .await
        };
        let r = record("complaint_accepted", &[("parts", "1"), ("provisions", "")]).await;
        assert_eq!(r.status, 303, "{}", r.text);
        let r = record(
            "investigation_letter",
            &[
                ("reply_by-day", "30"),
                ("reply_by-month", "11"),
                ("reply_by-year", "2026"),
            ],
        )
        .await;
        assert_eq!(r.status, 303, "{}", r.text);
        let page = world.page(&format!("/cases/{id}"), &cookie).await;
        let log = &page.text[page.text.find("id=\"investigation\"").unwrap()..];
        assert!(
            log.contains("Part 1: Costs of the new headquarters."),
            "{log}"
        );
        assert!(log.contains("Asked for by 30 November 2026"), "{log}");
        assert!(log.contains("reply asked for by 30 November 2026"), "{log}");
        assert!(!page.text.contains("Can the Commissioner decide"));
        world.finish().await;
    }
}

#[tokio::test]
async fn the_queue_is_the_caseworkers() {
    for world in common::worlds().await {
        for who in ["officer_a", "requester"] {
            let cookie = world.session(who).await;
            for path in ["/complaints", "/complaints.csv"] {
                let reply = world.page(path, &cookie).await;
                assert_eq!(reply.status, 404, "{who} {path}");
            }
        }
        world.finish().await;
    }
}

#[tokio::test]
async fn a_complaint_is_opened_by_hand_through_question_pages() {
    for world in common::worlds().await {
        let cookie = world.session("caseworker").await;
        let first = world.page("/complaints/new", &cookie).await;
        assert_eq!(first.status, 200, "{}", world.label);
        assert!(first.text.contains("Authority A") && first.text.contains("It is not listed"));
        let csrf = csrf_of(&first.text);
        let mut answers: Vec<(&str, &str)> = vec![
            ("csrf", &csrf),
            ("authority", "new"),
            ("authority_name", "Ambridge Parish Council"),
            (
                "request",
                "Minutes of its meetings in 2026.\nIts budget for 2026.",
            ),
            ("regime", "FOIA"),
            ("sent-day", "1"),
            ("sent-month", "9"),
            ("sent-year", "2026"),
            ("complained-day", "2"),
            ("complained-month", "10"),
            ("complained-year", "2026"),
        ];
        let post = async |step: &str, action: &str, answers: &[(&str, &str)]| {
            let mut f = answers.to_vec();
            f.push(("step", step));
            f.push(("action", action));
            world.form("/complaints/new", &cookie, &f).await
        };
        let before = world.snapshot().await;
        // A new authority needs its name.
        let mut nameless = answers.clone();
        nameless.retain(|(k, _)| *k != "authority_name");
        let reply = post("authority", "continue", &nameless).await;
        assert_eq!(reply.status, 422);
        assert!(
            reply.text.contains("href=\"#authority_name\""),
            "{}",
            reply.text
        );
        // A response without what it said is refused on its page.
        let mut unsaid = answers.clone();
        unsaid.extend([
            ("response-day", "20"),
            ("response-month", "9"),
            ("response-year", "2026"),
        ]);
        let reply = post("dates", "continue", &unsaid).await;
        assert_eq!(reply.status, 422);
        assert!(reply.text.contains("href=\"#outcome\""), "{}", reply.text);
        // The engine's check: the complaint before the response.
        let mut early = unsaid.clone();
        early.push(("outcome", "withheld"));
        // An exemption foidesk does not know is named on its page.
        let mut unknown = early.clone();
        unknown.push(("provisions", "section 99"));
        let reply = post("check", "confirm", &unknown).await;
        assert_eq!(reply.status, 422, "{}", reply.text);
        assert!(
            reply.text.contains("href=\"#provisions\""),
            "{}",
            reply.text
        );
        for (k, v) in early.iter_mut() {
            if *k == "complained-month" {
                *v = "8";
            }
        }
        let reply = post("check", "confirm", &early).await;
        assert_eq!(reply.status, 422, "{}", reply.text);
        assert!(
            reply.text.contains("href=\"#complained\""),
            "{}",
            reply.text
        );
        assert!(reply.text.contains("on or after every other date"));
        assert_eq!(world.snapshot().await, before, "nothing is written");

        let check = post("dates", "continue", &answers).await;
        assert_eq!(check.status, 200);
        assert!(check.text.contains("Ambridge Parish Council (to be added)"));
        assert!(check.text.contains("2 October 2026"));
        answers.push(("response-day", ""));
        let opened = post("check", "confirm", &answers).await;
        assert_eq!(opened.status, 303, "{}", opened.text);
        let to = opened.headers["location"].to_str().unwrap().to_owned();
        let panel = world.page(&to, &cookie).await;
        assert!(panel.text.contains("Complaint opened"));
        assert!(panel.text.contains("IC-2026-0001"), "{}", panel.text);
        let queue = world.page("/complaints", &cookie).await;
        assert!(queue.text.contains("Ambridge Parish Council"));
        assert!(queue.text.contains("51 days (7 weeks)"), "{}", queue.text);
        world.finish().await;
    }
}
