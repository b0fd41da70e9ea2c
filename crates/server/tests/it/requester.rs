//! The requester's pages: every page a requester can reach, for every
//! example case kept as an officer would keep it (a note on every event, a
//! colleague assigned, files on internal events), holds no internal note,
//! no staff address, no "Version" and no finding's wording; and each of
//! their action forms refuses a bad answer writing nothing.

use crate::common::{self, csrf_of, email, World};
use foidesk_engine::api::{CaseFile, EventFile};
use foidesk_engine::NewAttachment;

/// Every example case, by name, as the store keeps it.
fn examples() -> Vec<(String, CaseFile)> {
    let dir = foidesk_testkit::checkout().join("examples/cases");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".toml").map(str::to_owned))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "the example cases are there: {names:?}");
    names
        .into_iter()
        .map(|n| {
            let file = common::example(&n);
            (n, file)
        })
        .collect()
}

fn note(name: &str, i: usize) -> String {
    format!("INTERNAL NOTE {i} on {name}: do not tell the requester")
}

/// The example as an officer of authority A keeps it for the requester: a
/// note on every event and a colleague assigned on the day it came in.
fn as_kept(name: &str, mut file: CaseFile) -> CaseFile {
    file.request.requester = Some(email("requester"));
    file.request.authority = "Authority A".into();
    let assigned = EventFile {
        kind: "assigned".into(),
        date: file.request.received.clone(),
        assignee: Some(email("officer_b")),
        ..Default::default()
    };
    file.events.insert(0, assigned);
    for (i, e) in file.events.iter_mut().enumerate() {
        e.note = Some(note(name, i));
    }
    file
}

const STAFF: [&str; 4] = ["admin", "officer_a", "officer_b", "caseworker"];

/// What must not be on a requester's page of this case: its notes, the
/// staff's addresses, "Version", and each finding's words (whole, and up to
/// its first figure, which a page might write differently).
fn forbidden(name: &str, file: &CaseFile, findings: &[String]) -> Vec<String> {
    let mut out: Vec<String> = (0..file.events.len()).map(|i| note(name, i)).collect();
    out.extend(STAFF.iter().map(|s| email(s)));
    out.push("Version".into());
    for f in findings {
        out.push(f.clone());
        let head: String = f.chars().take_while(|c| !c.is_ascii_digit()).collect();
        if head.trim().len() >= 25 {
            out.push(head.trim().to_owned());
        }
    }
    out
}

fn check(page: &str, text: &str, forbidden: &[String]) {
    for f in forbidden {
        assert!(!text.contains(f.as_str()), "{page} shows {f:?}");
    }
}

/// The download links on a page, as paths.
fn attachment_links(html: &str, id: i64) -> Vec<String> {
    let prefix = format!("href=\"/cases/{id}/attachments/");
    html.match_indices(&prefix)
        .map(|(at, _)| {
            let rest = &html[at + 6..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

fn pdf(name: &str) -> NewAttachment {
    NewAttachment {
        name: name.into(),
        bytes: b"%PDF-1.7\n".to_vec(),
    }
}

/// Open every example for the requester, with a letter on its first event
/// the requester sees and a memo on the (internal) assignment.
async fn load(world: &World) -> Vec<(i64, String, CaseFile, Vec<String>, i64)> {
    let mut out = Vec::new();
    for (n, (name, file)) in examples().into_iter().enumerate() {
        let file = as_kept(&name, file);
        let view = world
            .system
            .open_case("a", &format!("EX-{n}"), file.clone(), &email("officer_a"))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let id = view.summary.id;
        let findings: Vec<String> = view
            .assessment
            .findings
            .iter()
            .map(|f| f.summary.clone())
            .collect();
        if file.events.len() > 1 {
            world
                .system
                .add_attachment(id, pdf("letter.pdf"), Some(2), &email("officer_a"))
                .await
                .unwrap();
        }
        let memo = world
            .system
            .add_attachment(id, pdf("memo.pdf"), Some(1), &email("officer_a"))
            .await
            .unwrap();
        out.push((id, name, file, findings, memo.id));
    }
    out
}

#[tokio::test]
async fn no_requester_page_shows_a_note_staff_version_or_finding() {
    for world in common::worlds().await {
        let cases = load(&world).await;
        let cookie = world.session("requester").await;
        let mut everything: Vec<String> = Vec::new();
        for (_, name, file, findings, _) in &cases {
            everything.extend(forbidden(name, file, findings));
        }
        for path in ["/", "/cases", "/statistics", "/cases.csv"] {
            let reply = world.page(path, &cookie).await;
            assert_eq!(reply.status, 200, "{path}");
            check(path, &reply.text, &everything);
        }
        // Their CSV is "My requests": one row per request, in their columns.
        let csv = world.page("/cases.csv", &cookie).await.text;
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("Authority,Request,Reference,Sent,Status")
        );
        assert!(lines.count() >= cases.len(), "{csv}");
        let mut letters = 0;
        for (id, name, file, findings, memo) in &cases {
            let forbidden = forbidden(name, file, findings);
            let page = format!("/cases/{id}");
            let reply = world.page(&page, &cookie).await;
            assert_eq!(reply.status, 200, "{name}");
            check(&format!("{name}: {page}"), &reply.text, &forbidden);
            assert!(reply.text.contains("id=\"thread\""), "{name}: the thread");
            for action in ["reply", "review", "complain", "withdraw"] {
                let path = format!("/cases/{id}/requester/{action}");
                let form = world.page(&path, &cookie).await;
                assert!(matches!(form.status.as_u16(), 200 | 409), "{path}");
                check(&format!("{name}: {path}"), &form.text, &forbidden);
            }
            // The recording forms of the requester's desk are theirs to reach too.
            for kind in [
                "clarification_received",
                "internal_review_requested",
                "complaint",
                "withdrawn",
            ] {
                let path = format!("/cases/{id}/record/{kind}");
                let form = world.page(&path, &cookie).await;
                assert_eq!(form.status, 200, "{path}");
                check(&format!("{name}: {path}"), &form.text, &forbidden);
            }
            // Through the API too: each event keeps its own version, as
            // the administrator's full list numbers it, and nothing hidden.
            let api = format!("/api/v1/cases/{id}/events");
            let mine = world.call("GET", &api, Some("requester"), None, &[]).await;
            assert_eq!(mine.status, 200, "{name}: {api}");
            check(&format!("{name}: {api}"), &mine.text, &forbidden);
            let all = world.call("GET", &api, Some("admin"), None, &[]).await;
            let kind_at = |v: &serde_json::Value| {
                all.json["events"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|e| e["version"] == v["version"])
                    .map(|e| e["event"]["kind"].clone())
            };
            for e in mine.json["events"].as_array().unwrap() {
                assert_eq!(kind_at(e), Some(e["event"]["kind"].clone()), "{name}: {e}");
            }
            let links = attachment_links(&reply.text, *id);
            for link in &links {
                let file = world.page(link, &cookie).await;
                assert_eq!(file.status, 200, "{name}: {link}");
                check(&format!("{name}: {link}"), &file.text, &forbidden);
            }
            letters += links.len();
            let memo = format!("/cases/{id}/attachments/{memo}");
            assert!(!links.contains(&memo), "{name}: the memo is listed");
            assert_eq!(
                world.page(&memo, &cookie).await.status,
                404,
                "{name}: {memo}"
            );
        }
        assert!(letters >= 10, "letters listed and downloaded: {letters}");
        world.finish().await;
    }
}

/// (action, message, status, words on the page): a refused form writes nothing.
#[tokio::test]
async fn each_action_form_refuses_a_bad_answer_and_writes_nothing() {
    let long = "x".repeat(10_001);
    let cases: [(&str, &str, u16, &str); 5] = [
        (
            "review",
            "",
            422,
            "Enter why you want the response reviewed",
        ),
        ("review", &long, 422, "10000 characters or fewer"),
        (
            "complain",
            "The exemption does not apply.",
            409,
            "Ask for an internal review first",
        ),
        (
            "reply",
            "Here is what I meant.",
            409,
            "has not asked you to clarify",
        ),
        ("withdraw", "No longer needed.", 409, "nothing to withdraw"),
    ];
    for world in common::worlds().await {
        let mut file = common::example("synthetic-ncnd-under-s21");
        file.request.requester = Some(email("requester"));
        let id = world
            .system
            .open_case("a", "A-9", file, "setup")
            .await
            .unwrap()
            .summary
            .id;
        let cookie = world.session("requester").await;
        let page = world.page(&format!("/cases/{id}"), &cookie).await;
        let csrf = csrf_of(&page.text);
        let version = world.version(id).await.unwrap().to_string();
        for (action, message, status, words) in &cases {
            let before = world.snapshot().await;
            let path = format!("/cases/{id}/requester/{action}");
            let fields = [
                ("csrf", csrf.as_str()),
                ("version", version.as_str()),
                ("message", message),
            ];
            let reply = world.form(&path, &cookie, &fields).await;
            let what = format!("{} {action} {:.20}", world.label, message);
            assert_eq!(reply.status.as_u16(), *status, "{what}: {}", reply.text);
            assert!(reply.text.contains(words), "{what}: {}", reply.text);
            if *status == 422 {
                assert!(reply.text.contains("There is a problem"), "{what}");
                assert!(reply.text.contains("href=\"#message\""), "{what}");
            }
            assert_eq!(world.snapshot().await, before, "{what}: nothing written");
        }
        // A wrong token writes nothing either; the right one sends.
        let path = format!("/cases/{id}/requester/review");
        let before = world.snapshot().await;
        let fields = [
            ("csrf", "wrong"),
            ("version", version.as_str()),
            ("message", "Look again."),
        ];
        assert_eq!(world.form(&path, &cookie, &fields).await.status, 403);
        assert_eq!(world.snapshot().await, before);
        let fields = [
            ("csrf", csrf.as_str()),
            ("version", version.as_str()),
            ("message", "Look again."),
        ];
        let reply = world.form(&path, &cookie, &fields).await;
        assert_eq!(reply.status, 303, "{}", reply.text);
        let sent = world.page(&format!("{path}/sent"), &cookie).await;
        assert!(
            sent.text
                .contains("Your request for an internal review has been sent"),
            "{}",
            sent.text
        );
        let thread = world.page(&format!("/cases/{id}"), &cookie).await;
        assert!(
            thread.text.contains("Look again."),
            "the message is in the thread"
        );
        assert!(thread.text.contains("under review"), "the status changed");
        world.finish().await;
    }
}

/// The officer's timeline says of each event whether the requester sees it,
/// and labels the note as internal.
#[tokio::test]
async fn the_officers_timeline_says_what_the_requester_sees() {
    for world in common::worlds().await {
        let file = as_kept("n", common::example("synthetic-ncnd-under-s21"));
        let id = world
            .system
            .open_case("a", "A-9", file, &email("officer_a"))
            .await
            .unwrap()
            .summary
            .id;
        let cookie = world.session("officer_a").await;
        let page = world.page(&format!("/cases/{id}"), &cookie).await.text;
        // (event, its tag): the assignment is internal, the response seen.
        for (n, tag) in [(1, "Internal"), (2, "Seen by the requester")] {
            let at = page.find(&format!("id=\"event-{n}\"")).unwrap();
            let rest = &page[at + 1..];
            let end = rest
                .find("id=\"event-")
                .unwrap_or_else(|| rest.find("</ol>").unwrap());
            let item = &rest[..end];
            assert!(item.contains(tag), "event {n}: {item}");
            assert!(
                item.contains("Internal note (never shown to the requester)"),
                "event {n}"
            );
        }
        world.finish().await;
    }
}
