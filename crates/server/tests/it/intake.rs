//! Logging a request through the question pages, and the case list with its
//! CSV, without a browser.

use crate::common::{self, csrf_of, World};

/// The answers to every question, as the pages post them.
fn answers<'a>(csrf: &'a str, received: (&'a str, &'a str, &'a str)) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("channel", "email"),
        ("requester_name", "Siân Llŷr"),
        ("contact", "1 High Street\nCardiff CF10 1AA"),
        ("requester_type", "journalist"),
        ("received-day", received.0),
        ("received-month", received.1),
        ("received-year", received.2),
        ("part", "The force's policy on drones"),
        ("part", "Drone flights over Cardiff in 2025"),
        ("regime", "FOIA"),
    ]
}

fn with<'a>(
    mut fields: Vec<(&'a str, &'a str)>,
    more: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    fields.extend_from_slice(more);
    fields
}

/// The references linked from the list's table, in order.
fn listed_references(html: &str) -> Vec<String> {
    let Some(body) = html.split("<tbody>").nth(1) else {
        return Vec::new();
    };
    body.split("<a href=\"/cases/")
        .skip(1)
        .map(|s| {
            let from = s.find('>').unwrap() + 1;
            s[from..from + s[from..].find('<').unwrap()].to_owned()
        })
        .collect()
}

async fn log_one(world: &World, cookie: &str, csrf: &str) -> String {
    let fields = with(
        answers(csrf, ("20", "11", "2026")),
        &[("step", "regime"), ("action", "confirm")],
    );
    let done = world.form("/requests/new", cookie, &fields).await;
    assert_eq!(done.status, 303, "{}", done.text);
    done.headers["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_officer_logs_a_request_through_the_questions() {
    for world in common::worlds().await {
        let cookie = world.session("officer_a").await;
        let first = world.page("/requests/new", &cookie).await;
        assert_eq!(first.status, 200);
        assert!(
            first.text.contains("How did the request come in?"),
            "{}",
            first.text
        );
        let csrf = csrf_of(&first.text);
        // One question a page; each answer rides along hidden.
        let next = world
            .form(
                "/requests/new",
                &cookie,
                &[
                    ("csrf", &csrf),
                    ("step", "channel"),
                    ("channel", "post"),
                    ("action", "continue"),
                ],
            )
            .await;
        assert_eq!(next.status, 200);
        assert!(next.text.contains("Who made the request?"));
        assert!(
            next.text.contains("name=\"channel\" value=\"post\""),
            "{}",
            next.text
        );
        // No answer: the same question with its problem.
        let empty = world
            .form(
                "/requests/new",
                &cookie,
                &[("csrf", &csrf), ("step", "channel"), ("action", "continue")],
            )
            .await;
        assert_eq!(empty.status, 422);
        assert!(empty.text.contains("Choose how the request came in"));
        // A date after today is refused in plain words.
        let fields = with(
            answers(&csrf, ("23", "11", "2026")),
            &[("step", "received"), ("action", "continue")],
        );
        let future = world.form("/requests/new", &cookie, &fields).await;
        assert_eq!(future.status, 422);
        assert!(future
            .text
            .contains("The date received must be today or in the past"));
        // Parts are added and removed with buttons.
        let fields = with(
            answers(&csrf, ("20", "11", "2026")),
            &[("step", "parts"), ("action", "add-part")],
        );
        let added = world.form("/requests/new", &cookie, &fields).await;
        assert!(added.text.contains("id=\"part-3\""), "{}", added.text);
        let fields = with(
            answers(&csrf, ("20", "11", "2026")),
            &[("step", "parts"), ("action", "remove-part-1")],
        );
        let removed = world.form("/requests/new", &cookie, &fields).await;
        assert!(
            !removed.text.contains("id=\"part-2\"") && !removed.text.contains("policy on drones")
        );
        // The regime page hints at the EIR when the words suggest it.
        let fields = vec![
            ("csrf", csrf.as_str()),
            ("step", "parts"),
            ("part", "Air quality near the depot"),
            ("action", "continue"),
        ];
        let regime = world.form("/requests/new", &cookie, &fields).await;
        assert!(
            regime
                .text
                .contains("this may be environmental information"),
            "{}",
            regime.text
        );
        // Check answers, then log it.
        let fields = with(
            answers(&csrf, ("20", "11", "2026")),
            &[("step", "regime"), ("action", "continue")],
        );
        let check = world.form("/requests/new", &cookie, &fields).await;
        assert_eq!(check.status, 200);
        for shown in [
            "Check your answers",
            "Siân Llŷr",
            "Cardiff CF10 1AA",
            "Journalist",
            "20 November 2026",
            "Part 2",
        ] {
            assert!(check.text.contains(shown), "check answers shows {shown}");
        }
        // "Change" goes to the question and back to the check.
        let fields = with(
            answers(&csrf, ("20", "11", "2026")),
            &[("step", "check"), ("action", "change-requester")],
        );
        let change = world.form("/requests/new", &cookie, &fields).await;
        assert!(change.text.contains("Who made the request?"));
        assert!(
            change.text.contains("name=\"checking\" value=\"yes\""),
            "{}",
            change.text
        );
        let fields = with(
            answers(&csrf, ("20", "11", "2026")),
            &[
                ("checking", "yes"),
                ("step", "requester"),
                ("action", "continue"),
            ],
        );
        let back = world.form("/requests/new", &cookie, &fields).await;
        assert!(back.text.contains("Check your answers"), "{}", back.text);
        let before = world.snapshot().await;
        let location = log_one(&world, &cookie, &csrf).await;
        assert_ne!(world.snapshot().await, before);
        let confirmation = world.page(&location, &cookie).await;
        assert_eq!(confirmation.status, 200);
        assert!(
            confirmation.text.contains("A-2026-0001"),
            "{}",
            confirmation.text
        );
        assert!(
            confirmation
                .text
                .contains("Respond by Monday 21 December 2026"),
            "{}",
            confirmation.text
        );
        log_one(&world, &cookie, &csrf).await;
        let list = world
            .page("/cases?sort=reference&dir=asc&q=cardiff", &cookie)
            .await;
        assert_eq!(
            listed_references(&list.text),
            ["A-2026-0001", "A-2026-0002"]
        );
        assert!(list.text.contains("Journalist"));
        // Caseworkers log nothing; a requester is sent to make their own request.
        for (who, status) in [("requester", 303), ("caseworker", 403)] {
            let cookie = world.session(who).await;
            assert_eq!(
                world.page("/requests/new", &cookie).await.status,
                status,
                "{who}"
            );
        }
        world.finish().await;
    }
}

#[tokio::test]
async fn the_csv_rows_are_the_filtered_list() {
    for world in common::worlds().await {
        let cookie = world.session("officer_a").await;
        let csrf = csrf_of(&world.page("/requests/new", &cookie).await.text);
        log_one(&world, &cookie, &csrf).await;
        for query in [
            "",
            "?q=drones",
            "?overdue=yes&sort=deadline&dir=desc",
            "?status=awaiting_response&regime=FOIA",
            "?q=nothing-like-this",
        ] {
            let page = world.page(&format!("/cases{query}"), &cookie).await;
            assert_eq!(page.status, 200, "{query}");
            let csv = world.page(&format!("/cases.csv{query}"), &cookie).await;
            assert_eq!(csv.status, 200, "{query}");
            assert!(csv.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv"));
            let mut reader = csv::Reader::from_reader(csv.text.as_bytes());
            let header: Vec<String> = reader
                .headers()
                .unwrap()
                .iter()
                .map(str::to_owned)
                .collect();
            assert_eq!(header[..2], ["Reference", "Subject"], "{query}");
            let rows: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
            assert_eq!(rows, listed_references(&page.text), "{query}");
        }
        world.finish().await;
    }
}

#[tokio::test]
async fn an_administrator_chooses_the_authority_and_an_officer_cannot_choose_another() {
    for world in common::worlds().await {
        let admin = world.session("admin").await;
        let first = world.page("/requests/new", &admin).await;
        assert!(
            first.text.contains("Which authority received the request?"),
            "{}",
            first.text
        );
        assert!(first.text.contains("Authority B"));
        let csrf = csrf_of(&first.text);
        let mut fields = answers(&csrf, ("20", "11", "2026"));
        fields.retain(|(k, _)| *k != "authority");
        fields.extend([
            ("authority", "b"),
            ("step", "regime"),
            ("action", "confirm"),
        ]);
        let done = world.form("/requests/new", &admin, &fields).await;
        assert_eq!(done.status, 303, "{}", done.text);
        let page = world
            .page(done.headers["location"].to_str().unwrap(), &admin)
            .await;
        assert!(page.text.contains("B-2026-0001"), "{}", page.text);
        // An officer's authority is their own, whatever the form says.
        let officer = world.session("officer_a").await;
        let csrf = csrf_of(&world.page("/requests/new", &officer).await.text);
        let mut fields = answers(&csrf, ("20", "11", "2026"));
        fields.extend([
            ("authority", "b"),
            ("step", "regime"),
            ("action", "confirm"),
        ]);
        let done = world.form("/requests/new", &officer, &fields).await;
        let page = world
            .page(done.headers["location"].to_str().unwrap(), &officer)
            .await;
        assert!(page.text.contains("A-2026-0001"), "{}", page.text);
        world.finish().await;
    }
}

#[tokio::test]
async fn a_request_takes_the_prefix_of_the_authority_profile_when_one_is_saved() {
    use foidesk_engine::{AuthorityProfile, Signatory};
    for world in common::worlds().await {
        let a_id = world
            .store
            .authority_by_slug("a")
            .await
            .unwrap()
            .unwrap()
            .id;
        let profile = |prefix: &str| AuthorityProfile {
            address_lines: vec!["1 High Street".into(), "Cardiff CF10 1AA".into()],
            email: "foi@a.example".into(),
            foi_contact: "Information Rights Team".into(),
            review_procedure: "Write to us within 40 working days.".into(),
            signatories: vec![Signatory {
                name: "Siân Llŷr".into(),
                role: "Information Manager".into(),
            }],
            reference_prefix: prefix.into(),
            letterhead: "Authority A".into(),
        };
        let cookie = world.session("officer_a").await;
        let csrf = csrf_of(&world.page("/requests/new", &cookie).await.text);
        // No profile: the prefix made from the slug; a profile's prefix,
        // in capitals, from then on (the longest it may be, too).
        let mut references = Vec::new();
        for prefix in [None, Some("A-Foi"), Some("A-FREEDOM-OF-INFO-20")] {
            if let Some(p) = prefix {
                world
                    .system
                    .set_authority_profile(a_id, profile(p))
                    .await
                    .unwrap();
            }
            let location = log_one(&world, &cookie, &csrf).await;
            let page = world.page(&location, &cookie).await;
            let reference = page
                .text
                .split("<strong>")
                .nth(1)
                .and_then(|s| s.split('<').next())
                .unwrap_or_default()
                .to_owned();
            references.push(reference);
        }
        assert_eq!(
            references,
            [
                "A-2026-0001",
                "A-FOI-2026-0001",
                "A-FREEDOM-OF-INFO-20-2026-0001"
            ],
            "{}",
            world.label
        );
        world.finish().await;
    }
}
