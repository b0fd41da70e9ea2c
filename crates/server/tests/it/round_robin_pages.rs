//! The round robin's web pages: the grid on the case page, the warnings and the
//! reason on the response's check page and the letter's send page, the
//! officer's link and leave forms, the sharing setting, the coordinator's
//! pages; a refused form writes nothing; and no page or JSON of the grid
//! names the requester.

use std::collections::BTreeMap;

use foidesk_engine::api::{CaseFile, EventFile, EventType, Regime};
use foidesk_engine::{AuthorityKind, AuthorityProfile, InputKind, NewAuthority, Role, Signatory};

use crate::common::{self, csrf_of, email, World, PASSWORD};

/// The requester's fields on every copy: none may show beside the grid.
const REQUESTER_NAME: &str = "Ffion Requester-Name";
const REQUESTER_CONTACT: &str = "ffion.contact@example.org";
const REQUESTER_TYPE: &str = "journalist";
const REQUESTER_TYPE_WORDS: &str = "Journalist";

/// Fictional police forces that answered before authority A.
const PEERS: [(&str, &str); 3] = [
    ("ambridge-police", "Ambridge Police"),
    ("felpersham-police", "Felpersham Police"),
    ("loxley-police", "Loxley Police"),
];

const PARTS: [&str; 2] = [
    "Any policy on using data from connected household devices in investigations.",
    "Any training given to staff on recovering data from smart speakers and fitness trackers.",
];

/// One copy of the request, with the requester's fields and, for a peer,
/// its answer: NCND on both parts.
fn copy(authority: &str, answered: bool) -> CaseFile {
    let response = if answered {
        r#"
[[events]]
kind = "response"
date = "2026-11-02"
outcomes = [
    { part = "1", outcome = "ncnd", provisions = ["s.31(3)"] },
    { part = "2", outcome = "ncnd", provisions = ["s.23(5)", "s.31(3)"] },
]
public_interest_reasons = true
states_review_procedure = true
states_complaint_right = true
"#
    } else {
        ""
    };
    let text = format!(
        r#"[request]
authority = "{authority}"
regime = "FOIA"
received = "2026-10-12"
requester = "{requester}"
requester_name = "{REQUESTER_NAME}"
contact = ["{REQUESTER_CONTACT}"]
requester_type = "{REQUESTER_TYPE}"
[[request.parts]]
id = "1"
text = "{}"
[[request.parts]]
id = "2"
text = "{}"
{response}"#,
        PARTS[0],
        PARTS[1],
        requester = email("requester"),
    );
    toml::from_str(&text).unwrap()
}

struct RoundRobin {
    /// Authority A's copy, unanswered: officer_a's to answer.
    case: i64,
    id: i64,
}

/// Three police forces' answered copies and A's, one round robin; a
/// coordinator of police round robins; a letter profile for A.
async fn round_robin(world: &World) -> RoundRobin {
    for (slug, name) in PEERS {
        let new = NewAuthority {
            slug: Some(slug.into()),
            name: name.into(),
            kind: AuthorityKind::Police,
            regimes: vec![Regime::Foia, Regime::Eir],
            aliases: vec![],
        };
        world.system.add_to_register(&new, "setup").await.unwrap();
        world
            .system
            .open_case(slug, "RR-1", copy(name, true), "setup")
            .await
            .unwrap();
    }
    let case = world
        .system
        .open_case("a", "A-RR", copy("Authority A", false), "setup")
        .await
        .unwrap()
        .summary
        .id;
    world
        .system
        .add_user(
            &email("coordinator"),
            "coordinator",
            Role::Coordinator,
            Some("police"),
            PASSWORD,
        )
        .await
        .unwrap();
    let a = world.store.authority_by_slug("a").await.unwrap().unwrap();
    let profile = AuthorityProfile {
        address_lines: vec!["1 High Street".into(), "Cardiff CF10 1AA".into()],
        email: "foi@a.example".into(),
        foi_contact: "Information Rights Team".into(),
        review_procedure: "Write to us within 40 working days.".into(),
        signatories: vec![Signatory {
            name: "Officer A".into(),
            role: "Information Manager".into(),
        }],
        reference_prefix: "A-FOI".into(),
        letterhead: "Authority A".into(),
    };
    world
        .system
        .set_authority_profile(a.id, profile)
        .await
        .unwrap();
    let id = world
        .store
        .round_robin_of(case)
        .await
        .unwrap()
        .expect("A's copy joins the peers' round robin");
    RoundRobin { case, id }
}

/// The response form's fields: part 1 as the peers answered, part 2
/// disclosed, which they neither confirmed nor denied.
fn departing<'a>(csrf: &'a str, action: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("version", "0"),
        ("date-day", "20"),
        ("date-month", "11"),
        ("date-year", "2026"),
        ("outcome-1", "ncnd"),
        ("provisions-1", "section 31(3)"),
        ("outcome-2", "disclosed"),
        ("public_interest_reasons", "yes"),
        ("states_review_procedure", "yes"),
        ("states_complaint_right", "yes"),
        ("action", action),
    ]
}

fn check_warned(label: &str, text: &str) {
    assert!(
        text.contains("id=\"consistency-warnings\""),
        "{label}: {text}"
    );
    assert!(
        text.contains("Part 2: Disclosure where others neither confirm nor deny"),
        "{label}: {text}"
    );
    for (_, name) in PEERS {
        assert!(text.contains(name), "{label}: the warning names {name}");
    }
    assert!(
        text.contains("Why are you departing from this answer?"),
        "{label}"
    );
}

fn check_refused(label: &str, text: &str) {
    assert!(text.contains("There is a problem"), "{label}: {text}");
    assert!(
        text.contains("href=\"#consistency_reason\""),
        "{label}: {text}"
    );
    assert!(text.contains("Enter why you are departing"), "{label}");
}

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

/// A page's main content: the header names the one signed in.
fn main_of(text: &str) -> &str {
    let start = text.find("<main").unwrap_or(0);
    let end = text[start..]
        .find("</main>")
        .map_or(text.len(), |e| start + e);
    &text[start..end]
}

/// The round-robin panel of a case page: from its heading to its end.
fn panel(text: &str) -> &str {
    let start = text.find("id=\"round-robin\"").unwrap_or(text.len());
    let end = text[start..]
        .find("</section>")
        .map_or(text.len(), |e| start + e);
    &text[start..end]
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
