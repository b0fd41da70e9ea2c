//! The web pages without a browser: sign-in, the dashboard and case page,
//! an event form that re-displays its errors and writes nothing, CSRF
//! refusals, and escaping of everything a user can type.

use crate::common;

use crate::common::{csrf_of, fresh_request, Reply, World};
use foidesk_engine::api::EventType;
use serde_json::json;

/// Post the sign-in form with the token and cookie its page gave.
async fn sign_in(world: &World, cookie: &str, token: &str, email: &str, password: &str) -> Reply {
    let fields = [("csrf", token), ("email", email), ("password", password)];
    world.form("/sign-in", cookie, &fields).await
}

#[tokio::test]
async fn signing_in_and_out_through_the_form() {
    for world in common::worlds().await {
        let reply = world.call("GET", "/", None, None, &[]).await;
        assert_eq!(reply.status, 303);
        assert_eq!(reply.headers["location"], "/sign-in");
        let form = world.call("GET", "/sign-in", None, None, &[]).await;
        assert_eq!(form.status, 200);
        let token = csrf_of(&form.text);
        let set = form.headers["set-cookie"].to_str().unwrap();
        let pre = set.split(';').next().unwrap().to_owned();
        assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"));
        let email = common::email("officer_a");
        // Without the token: refused, no session.
        let no_token = world
            .form(
                "/sign-in",
                &pre,
                &[("email", &email), ("password", common::PASSWORD)],
            )
            .await;
        assert_eq!(no_token.status, 403);
        assert!(no_token
            .headers
            .get("set-cookie")
            .is_none_or(|c| !c.to_str().unwrap().contains("foidesk_session=fds_")));
        // A wrong password: the form again, with an error summary.
        let wrong = sign_in(&world, &pre, &token, &email, "not it at all").await;
        assert_eq!(wrong.status, 401);
        assert!(wrong.text.contains("There is a problem"), "{}", wrong.text);
        assert!(wrong.text.contains(&format!("value=\"{email}\"")));
        let ok = sign_in(&world, &pre, &token, &email, common::PASSWORD).await;
        assert_eq!(ok.status, 303, "{}", ok.text);
        let session = ok
            .headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap())
            .find(|v| v.starts_with("foidesk_session="))
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let dashboard = world.page("/", &session).await;
        assert_eq!(dashboard.status, 200);
        assert!(dashboard.text.contains("Overdue"));
        let csrf = csrf_of(&dashboard.text);
        // Signing out needs the token too.
        assert_eq!(world.form("/sign-out", &session, &[]).await.status, 403);
        assert_eq!(world.page("/", &session).await.status, 200);
        let out = world.form("/sign-out", &session, &[("csrf", &csrf)]).await;
        assert_eq!(out.status, 303);
        assert_eq!(world.page("/", &session).await.status, 303);
        world.finish().await;
    }
}

#[tokio::test]
async fn a_bad_event_form_comes_back_with_its_errors_and_writes_nothing() {
    for world in common::worlds().await {
        let cookie = world.session("officer_a").await;
        let id = world.cases.a_mine;
        let page = world.page(&format!("/cases/{id}"), &cookie).await;
        assert_eq!(page.status, 200);
        assert!(
            page.text
                .contains(">Response <strong class=\"tag\">running"),
            "{}",
            page.text
        );
        assert!(page.text.contains(&format!("/cases/{id}/record/response")));
        // Another authority's case is not found, as if it did not exist.
        let other = world
            .page(&format!("/cases/{}", world.cases.b_open), &cookie)
            .await;
        assert_eq!(other.status, 404);
        let missing = world.page("/cases/999999", &cookie).await;
        assert_eq!(
            (other.status, other.text.len()),
            (missing.status, missing.text.len())
        );

        let path = format!("/cases/{id}/record/response");
        let form = world.page(&path, &cookie).await;
        assert_eq!(form.status, 200);
        let csrf = csrf_of(&form.text);
        let before = world.snapshot().await;
        let fields = [
            ("csrf", csrf.as_str()),
            ("version", "0"),
            ("date-day", "30"),
            ("date-month", "2"),
            ("date-year", "2019"),
            ("outcome-1", "ncnd"),
            ("provisions-1", "s.31(3)"),
            ("note", "kept as typed"),
        ];
        let bad = world.form(&path, &cookie, &fields).await;
        assert_eq!(bad.status, 422);
        assert!(bad.text.contains("There is a problem"));
        assert!(bad.text.contains("href=\"#date\""), "{}", bad.text);
        assert!(bad.text.contains("kept as typed"));
        assert_eq!(world.snapshot().await, before);
        // Without a CSRF token: refused.
        let no_csrf = world.form(&path, &cookie, &fields[1..]).await;
        assert_eq!(no_csrf.status, 403);
        assert_eq!(world.snapshot().await, before);
        // An unknown provision names its field.
        let mut unknown = fields;
        unknown[2] = ("date-day", "1");
        unknown[3] = ("date-month", "12");
        unknown[6] = ("provisions-1", "s.99");
        let reply = world.form(&path, &cookie, &unknown).await;
        assert_eq!(reply.status, 422);
        assert!(
            reply.text.contains("href=\"#provisions-1\""),
            "{}",
            reply.text
        );
        assert_eq!(world.snapshot().await, before);
        world.finish().await;
    }
}

/// Every kind of event has a form, titled with its label and showing each
/// field it declares; someone other than an administrator may record it, and
/// their case page offers it. A kind added without these fails here.
#[tokio::test]
async fn every_event_kind_has_a_form_and_someone_who_records_it() {
    let world = common::worlds().await.remove(0);
    let admin = world.session("admin").await;
    // Each desk's account, on a case that is theirs to write.
    let desks = [
        ("officer_a", world.cases.a_mine),
        ("caseworker", world.cases.b_complained),
    ];
    let mut sessions = Vec::new();
    for (who, id) in desks {
        let cookie = world.session(who).await;
        let page = world.page(&format!("/cases/{id}"), &cookie).await;
        assert_eq!(page.status, 200, "{who}");
        sessions.push((who, id, cookie, page.text));
    }
    // A correction has its own form, reached from the event it corrects
    // (the `corrections` tests).
    for kind in EventType::ALL
        .into_iter()
        .filter(|k| *k != EventType::Correction)
    {
        let name = kind.as_str();
        let path = format!("/cases/{}/record/{name}", world.cases.a_mine);
        let form = world.page(&path, &admin).await;
        assert_eq!(form.status, 200, "{name}: {}", form.text);
        assert!(
            form.text.contains(&format!("<h1>{}</h1>", kind.label())),
            "{name}"
        );
        for field in kind.fields() {
            let label = [">{}</label>", ">{}</legend>"].map(|t| t.replace("{}", field.label()));
            assert!(
                label.iter().any(|l| form.text.contains(l.as_str())),
                "the {name} form lacks {field:?}: {}",
                form.text
            );
        }
        let recorders: Vec<&str> = sessions
            .iter()
            .filter(|(_, id, _, case_page)| {
                case_page.contains(&format!("/cases/{id}/record/{name}\""))
            })
            .map(|(who, ..)| *who)
            .collect();
        assert!(
            !recorders.is_empty(),
            "no one but an administrator records {name}"
        );
        for (who, id, cookie, _) in &sessions {
            let form = world
                .page(&format!("/cases/{id}/record/{name}"), cookie)
                .await;
            let offered = recorders.contains(who);
            assert_eq!(
                form.status == 200,
                offered,
                "{who} and {name}: {}",
                form.status
            );
        }
    }
    world.finish().await;
}

const NASTY: &str = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";

fn escaped(text: &str) -> bool {
    !text.contains("<script>alert") && !text.contains("<img src=x") && !text.contains("'><img")
}

#[tokio::test]
async fn whatever_a_user_types_is_escaped_on_every_page() {
    for world in common::worlds().await {
        let nasty_slug_name = format!("Authority {NASTY}");
        let reply = world
            .json(
                "POST",
                "/api/v1/authorities",
                "admin",
                &json!({"slug": "x", "name": nasty_slug_name}),
            )
            .await;
        assert_eq!(reply.status, 201);
        let mut file = fresh_request(Some("requester"));
        file.request.authority = format!("A {NASTY}");
        file.request.requester = Some(format!("{NASTY}@example.org"));
        file.request.parts[0].text = NASTY.into();
        file.case = Some(foidesk_engine::api::CaseMeta {
            title: Some(NASTY.into()),
            ..Default::default()
        });
        let reference = format!("REF {NASTY}");
        let reply = world
            .json(
                "POST",
                "/api/v1/cases",
                "admin",
                &json!({"authority": "a", "reference": reference, "case": file}),
            )
            .await;
        assert_eq!(reply.status, 201, "{}", reply.text);
        let id = reply.json["id"].as_i64().unwrap();
        for event in [
            // An assignee is an account of the authority; the note carries the markup.
            json!({"kind": "assigned", "date": "2019-11-08", "assignee": common::email("officer_a"), "note": NASTY}),
            json!({"kind": "response", "date": "2019-11-20", "note": NASTY,
                   "outcomes": [{"part": "1", "outcome": "ncnd", "provisions": ["s.31(3)"]},
                                {"part": "2", "outcome": "disclosed"}, {"part": "3", "outcome": "disclosed"},
                                {"part": "4", "outcome": "disclosed"}]}),
            json!({"kind": "complaint", "date": "2019-12-01", "note": NASTY}),
            json!({"kind": "decision_notice", "date": "2020-03-01", "reference": NASTY,
                   "outcome": "authority_entitled", "steps": [NASTY], "note": NASTY}),
        ] {
            let v = world.version(id).await.unwrap().to_string();
            let bytes = serde_json::to_vec(&event).unwrap();
            let reply = world
                .call(
                    "POST",
                    &format!("/api/v1/cases/{id}/events"),
                    Some("admin"),
                    Some(("application/json", bytes)),
                    &[("if-match", &v)],
                )
                .await;
            assert_eq!(reply.status, 201, "{}", reply.text);
        }
        let admin = world.session("admin").await;
        let form = world.page("/admin", &admin).await;
        let csrf = csrf_of(&form.text);
        let added = world
            .form(
                "/admin/users",
                &admin,
                &[
                    ("csrf", &csrf),
                    ("email", "n@example.org"),
                    ("person", NASTY),
                    ("role", "requester"),
                    ("authority", ""),
                    ("password", "long enough password"),
                ],
            )
            .await;
        assert_eq!(added.status, 303, "{}", added.text);
        let record = format!("/cases/{id}/record/compliance");
        let redisplay = world
            .form(
                &record,
                &admin,
                &[
                    ("csrf", &csrf),
                    ("version", "4"),
                    ("date-day", "not a date"),
                    ("note", NASTY),
                ],
            )
            .await;
        assert_eq!(redisplay.status, 422);
        // The facts of a document: shown again on an error, and in the document itself.
        let path = format!("/cases/{id}/documents/decision");
        let facts = format!("request_summary = {NASTY:?}\n[decision]\ncomplaint = {NASTY:?}\n");
        let missing = world
            .form(
                &path,
                &admin,
                &[("csrf", &csrf), ("facts", &facts), ("format", "html")],
            )
            .await;
        assert_eq!(missing.status, 422, "{}", missing.text);
        assert!(escaped(&missing.text), "document form:\n{}", missing.text);
        assert!(missing.text.contains("Missing fact"));
        let requester = world.session("requester").await;
        let pages = [
            ("/", &admin),
            ("/cases", &admin),
            (&*format!("/cases/{id}"), &admin),
            ("/admin", &admin),
            ("/statistics", &admin),
            ("/", &requester),
        ];
        for (path, cookie) in pages {
            let page = world.page(path, cookie).await;
            assert_eq!(page.status, 200, "{path}");
            assert!(
                escaped(&page.text),
                "{path} shows raw markup:\n{}",
                page.text
            );
        }
        assert!(escaped(&redisplay.text));
        assert!(redisplay
            .text
            .contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        let case_page = world.page(&format!("/cases/{id}"), &admin).await;
        assert!(case_page
            .text
            .contains("&lt;img src=x onerror=alert(2)&gt;"));
        world.finish().await;
    }
}

/// Every state-changing form refuses a post without its CSRF token (or with
/// another session's), and nothing is written.
#[tokio::test]
async fn every_form_refuses_a_post_without_its_csrf_token() {
    for world in common::worlds().await {
        let admin = world.session("admin").await;
        let other = world.session("officer_a").await;
        let foreign = csrf_of(&world.page("/", &other).await.text);
        let id = world.cases.a_mine;
        let forms: [(&str, Vec<(&str, &str)>); 6] = [
            (
                "/admin/register",
                vec![("name", "New One"), ("kind", "other"), ("regimes", "both")],
            ),
            (
                "/admin/users",
                vec![
                    ("email", "new@example.org"),
                    ("person", "New"),
                    ("role", "requester"),
                    ("password", "long enough password"),
                ],
            ),
            (
                &*format!("/cases/{id}/record/assigned"),
                vec![
                    ("version", "0"),
                    ("date-day", "8"),
                    ("date-month", "11"),
                    ("date-year", "2019"),
                    ("assignee", "x"),
                ],
            ),
            (
                &*format!("/cases/{id}/record/clarification_sought"),
                vec![
                    ("version", "0"),
                    ("date-day", "8"),
                    ("date-month", "11"),
                    ("date-year", "2019"),
                ],
            ),
            (
                &*format!("/cases/{id}/documents/refusal"),
                vec![("facts", ""), ("format", "html")],
            ),
            ("/sign-out", vec![]),
        ];
        let before = world.snapshot().await;
        for (path, fields) in &forms {
            let bare = world.form(path, &admin, fields).await;
            assert_eq!(bare.status, 403, "{path} without a token");
            assert!(bare.text.contains("This form has expired"), "{path}");
            let mut with_foreign = fields.clone();
            with_foreign.push(("csrf", &foreign));
            let stolen = world.form(path, &admin, &with_foreign).await;
            assert_eq!(stolen.status, 403, "{path} with another session's token");
        }
        assert_eq!(world.snapshot().await, before);
        // The session survived: the sign-out was refused.
        assert_eq!(world.page("/", &admin).await.status, 200);
        world.finish().await;
    }
}

/// Control characters typed into a form are refused with the field named,
/// as the API refuses them; PostgreSQL could not store a NUL.
#[tokio::test]
async fn control_characters_in_forms_are_refused_and_write_nothing() {
    for world in common::worlds().await {
        let admin = world.session("admin").await;
        let csrf = csrf_of(&world.page("/admin", &admin).await.text);
        let before = world.snapshot().await;
        let id = world.cases.a_mine;
        let record = format!("/cases/{id}/record/assigned");
        let cases = [
            (
                record.as_str(),
                vec![
                    ("version", "0"),
                    ("date-day", "8"),
                    ("date-month", "11"),
                    ("date-year", "2019"),
                    ("assignee", "bob\0"),
                ],
                "assignee",
            ),
            (
                record.as_str(),
                vec![
                    ("version", "0"),
                    ("date-day", "8"),
                    ("date-month", "11"),
                    ("date-year", "2019"),
                    ("assignee", "bob"),
                    ("note", "hi\u{1}there"),
                ],
                "note",
            ),
            (
                "/admin/register",
                vec![
                    ("name", "Nul\0Council"),
                    ("kind", "other"),
                    ("regimes", "both"),
                ],
                "name",
            ),
            (
                "/admin/users",
                vec![
                    ("email", "n@example.org"),
                    ("person", "N\0"),
                    ("role", "requester"),
                    ("password", "long enough password"),
                ],
                "person",
            ),
        ];
        for (path, mut fields, field) in cases {
            fields.push(("csrf", &csrf));
            let reply = world.form(path, &admin, &fields).await;
            assert_eq!(reply.status, 422, "{path} {field}: {}", reply.text);
            assert!(
                reply.text.contains(&format!("href=\"#{field}\"")),
                "{path}: {}",
                reply.text
            );
            assert!(reply.text.contains("control character"), "{path}");
        }
        assert_eq!(world.snapshot().await, before, "{}", world.label);
        world.finish().await;
    }
}

/// A case's requester is matched to the account however its email was typed.
#[tokio::test]
async fn a_requester_sees_a_case_filed_under_their_email_in_any_case() {
    for world in common::worlds().await {
        let mut file = fresh_request(None);
        file.request.requester = Some("  Requester@EXAMPLE.org ".into());
        let body = json!({"authority": "a", "reference": "MIXED-CASE", "case": file});
        let reply = world.json("POST", "/api/v1/cases", "admin", &body).await;
        assert_eq!(reply.status, 201, "{}", reply.text);
        let mine = world
            .call("GET", "/api/v1/cases", Some("requester"), None, &[])
            .await;
        let refs: Vec<&str> = mine.json["cases"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["reference"].as_str())
            .collect();
        assert!(refs.contains(&"MIXED-CASE"), "{refs:?}");
        world.finish().await;
    }
}

/// Guessing is slow: after five wrong passwords the address is refused for
/// a while, on the sign-in page and the API alike.
#[tokio::test]
async fn repeated_wrong_passwords_are_refused_for_a_while() {
    for world in common::worlds().await {
        let email = common::email("officer_b");
        let body = |password: &str| {
            let json = json!({"email": email, "password": password});
            Some(("application/json", serde_json::to_vec(&json).unwrap()))
        };
        for _ in 0..5 {
            let reply = world
                .call(
                    "POST",
                    "/api/v1/session",
                    None,
                    body("not the password"),
                    &[],
                )
                .await;
            assert_eq!(reply.status, 401);
        }
        let reply = world
            .call("POST", "/api/v1/session", None, body(common::PASSWORD), &[])
            .await;
        assert_eq!(reply.status, 429, "{}", reply.text);
        assert_eq!(reply.json["error"]["code"], "too_many_attempts");
        let form = world.call("GET", "/sign-in", None, None, &[]).await;
        let token = csrf_of(&form.text);
        let pre = form.headers["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let page = sign_in(&world, &pre, &token, &email, common::PASSWORD).await;
        assert_eq!(page.status, 429);
        assert!(
            page.text.contains("Too many failed attempts"),
            "{}",
            page.text
        );
        // Another address is unaffected.
        assert!(!world.session("officer_a").await.is_empty());
        world.finish().await;
    }
}
