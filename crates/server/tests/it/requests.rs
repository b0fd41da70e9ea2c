//! The requester's desk through the real router: making a request to one or
//! several authorities (a bad answer writes nothing), "My requests",
//! invitations (a used or expired link is refused) and open sign-up (off
//! until an administrator turns it on).

use axum::Router;
use foidesk_engine::api::{CalendarSettings, Date};
use foidesk_engine::{Engine, FixedClock, System};
use foidesk_server::{app, AppState};

use crate::common::{self, csrf_of, World};

/// The answers of every question page, as they post them.
fn answers<'a>(
    csrf: &'a str,
    authorities: &[&'a str],
    parts: &[&'a str],
) -> Vec<(&'a str, &'a str)> {
    let mut out = vec![("csrf", csrf)];
    out.extend(authorities.iter().map(|a| ("authority", *a)));
    out.extend(parts.iter().map(|p| ("part", *p)));
    out.extend([
        ("environment", "unsure"),
        ("requester_type", "member_of_the_public"),
        ("step", "check"),
        ("action", "confirm"),
    ]);
    out
}

#[tokio::test]
async fn a_requester_sends_one_request_to_two_authorities() {
    for world in common::worlds().await {
        let cookie = world.session("requester").await;
        let first = world.page("/requests/make", &cookie).await;
        assert_eq!(first.status, 200);
        assert!(first.text.contains("Which authorities do you want to ask?"));
        let csrf = csrf_of(&first.text);
        let before = world.snapshot().await;
        // Each bad answer is named in an error summary and writes nothing.
        for (authorities, parts, said) in [
            (
                &[][..],
                &["Drone policy"][..],
                "Choose at least one authority",
            ),
            (
                &["a", "nowhere"][..],
                &["Drone policy"][..],
                "Choose at least one authority",
            ),
            (&["a", "b"][..], &["  "][..], "Enter what you want to know"),
            (
                &["a", "b"][..],
                &["bell \u{7} here"][..],
                "control character",
            ),
        ] {
            let reply = world
                .form(
                    "/requests/make",
                    &cookie,
                    &answers(&csrf, authorities, parts),
                )
                .await;
            assert_eq!(reply.status, 422, "{parts:?}: {}", reply.text);
            assert!(reply.text.contains("error-summary"), "{parts:?}");
            assert!(reply.text.contains(said), "{parts:?}: {}", reply.text);
            assert_eq!(world.snapshot().await, before, "{parts:?}");
        }
        // The check page lists both authorities and each part.
        let mut to_check = answers(&csrf, &["a", "b"], &["Drone policy", "Drone flights"]);
        to_check.retain(|(k, _)| *k != "action" && *k != "step");
        to_check.extend([("step", "about-you"), ("action", "continue")]);
        let check = world.form("/requests/make", &cookie, &to_check).await;
        assert_eq!(check.status, 200, "{}", check.text);
        for words in [
            "Check your request",
            "Authority A",
            "Authority B",
            "Drone flights",
        ] {
            assert!(check.text.contains(words), "{words}: {}", check.text);
        }
        let sent = world
            .form(
                "/requests/make",
                &cookie,
                &answers(&csrf, &["a", "b"], &["Drone policy", "Drone flights"]),
            )
            .await;
        assert_eq!(sent.status, 303, "{}", sent.text);
        let to = sent.headers["location"].to_str().unwrap().to_owned();
        let confirmation = world.page(&to, &cookie).await;
        assert_eq!(confirmation.status, 200);
        for words in [
            "Request sent",
            "Sent to 2 authorities",
            "Authority A",
            "Authority B",
            "The authority should answer by",
        ] {
            assert!(
                confirmation.text.contains(words),
                "{words}: {}",
                confirmation.text
            );
        }
        // Another requester is told it is not there.
        let other = world.session("other_requester").await;
        assert_eq!(world.page(&to, &other).await.status, 404);
        let mine = world.page("/cases", &cookie).await;
        assert_eq!(mine.status, 200);
        assert!(mine.text.contains("My requests"), "{}", mine.text);
        assert!(!mine.text.contains("Assigned to"));
        let table = mine.text.split("<tbody>").nth(1).unwrap();
        let a = table.find("Authority A").unwrap();
        let b = table.find("Authority B").unwrap();
        assert!(b < a, "newest first");
        assert!(table.contains("awaiting response, due"), "{table}");
        // The other officer's authority's case is not on officer A's list.
        let officer = world.session("officer_a").await;
        let list = world.page("/cases", &officer).await;
        assert_eq!(
            list.text.matches("Drone policy").count(),
            1,
            "{}",
            list.text
        );
        assert_eq!(world.page("/requests/make", &officer).await.status, 403);
        world.finish().await;
    }
}

/// The pre-session cookie and CSRF token of a form page.
fn form_cookie(reply: &common::Reply) -> (String, String) {
    let set = reply.headers["set-cookie"].to_str().unwrap();
    (
        set.split(';').next().unwrap().to_owned(),
        csrf_of(&reply.text),
    )
}

/// The router on the world's store with its clock at `day`.
fn later(world: &World, day: &str) -> Router {
    let engine = Engine::new(
        Box::new(FixedClock(Date::parse(day).unwrap())),
        CalendarSettings::default(),
    );
    app(AppState {
        service: System::new(engine, world.store.clone()).service(),
        secure_cookies: false,
    })
}

async fn invite(world: &World, admin: &str, email: &str) -> String {
    let csrf = csrf_of(&world.page("/admin", admin).await.text);
    let made = world
        .form(
            "/admin/invitations",
            admin,
            &[
                ("csrf", &csrf),
                ("invite-person", "Nia New"),
                ("invite-email", email),
            ],
        )
        .await;
    assert_eq!(made.status, 200, "{}", made.text);
    let at = made.text.find("/join/").expect("the link is shown");
    made.text[at + "/join/".len()..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

#[tokio::test]
async fn an_invitation_link_works_once_and_expires() {
    for world in common::worlds().await {
        let admin = world.session("admin").await;
        let token = invite(&world, &admin, "nia@example.org").await;
        let path = format!("/join/{token}");
        let page = world.call("GET", &path, None, None, &[]).await;
        assert_eq!(page.status, 200);
        assert!(page.text.contains("Nia New"));
        let (cookie, csrf) = form_cookie(&page);
        let before = world.snapshot().await;
        // No form cookie, or too short a password: refused, nothing written.
        let bare = world
            .form(
                &path,
                "",
                &[("csrf", &csrf), ("password", "long enough pw")],
            )
            .await;
        assert_eq!(bare.status, 403);
        let short = world
            .form(&path, &cookie, &[("csrf", &csrf), ("password", "short")])
            .await;
        assert_eq!(short.status, 422);
        assert!(short.text.contains("error-summary"));
        assert_eq!(world.snapshot().await, before);
        let joined = world
            .form(
                &path,
                &cookie,
                &[("csrf", &csrf), ("password", "long enough pw")],
            )
            .await;
        assert_eq!(joined.status, 303, "{}", joined.text);
        let session = joined.headers["set-cookie"].to_str().unwrap();
        let session = session.split(';').next().unwrap().to_owned();
        let home = world.page("/", &session).await;
        assert!(home.text.contains("Make a request"), "{}", home.text);
        assert!(home.text.contains("You have not made any requests yet"));
        // Used: the link is dead.
        assert_eq!(world.call("GET", &path, None, None, &[]).await.status, 404);
        let again = world
            .form(
                &path,
                &cookie,
                &[("csrf", &csrf), ("password", "long enough pw")],
            )
            .await;
        assert_eq!(again.status, 404);

        // Unused for seven days: expired.
        let token = invite(&world, &admin, "late@example.org").await;
        let path = format!("/join/{token}");
        let request = axum::http::Request::get(&path)
            .body(axum::body::Body::empty())
            .unwrap();
        use tower::ServiceExt;
        let reply = later(&world, "2026-12-31").oneshot(request).await.unwrap();
        assert_eq!(reply.status(), 404);
        world.finish().await;
    }
}

#[tokio::test]
async fn open_sign_up_is_off_by_default() {
    for world in common::worlds().await {
        let page = world.call("GET", "/sign-up", None, None, &[]).await;
        assert_eq!(page.status, 200);
        assert!(page.text.contains("Sign-up is by invitation"));
        let sign_in = world.call("GET", "/sign-in", None, None, &[]).await;
        assert!(!sign_in.text.contains("href=\"/sign-up\""));
        let before = world.snapshot().await;
        let tried = world
            .form(
                "/sign-up",
                "",
                &[
                    ("person", "Sam"),
                    ("email", "sam@example.org"),
                    ("password", "long enough pw"),
                ],
            )
            .await;
        assert_eq!(tried.status, 403);
        assert_eq!(world.snapshot().await, before);

        let admin = world.session("admin").await;
        let csrf = csrf_of(&world.page("/admin", &admin).await.text);
        let set = world
            .form(
                "/admin/sign-up",
                &admin,
                &[("csrf", &csrf), ("open-sign-up", "on")],
            )
            .await;
        assert_eq!(set.status, 303);
        let sign_in = world.call("GET", "/sign-in", None, None, &[]).await;
        assert!(sign_in.text.contains("href=\"/sign-up\""));
        let page = world.call("GET", "/sign-up", None, None, &[]).await;
        let (cookie, csrf) = form_cookie(&page);
        let made = world
            .form(
                "/sign-up",
                &cookie,
                &[
                    ("csrf", &csrf),
                    ("person", "Sam"),
                    ("email", "sam@example.org"),
                    ("password", "long enough pw"),
                ],
            )
            .await;
        assert_eq!(made.status, 303, "{}", made.text);
        assert!(world.snapshot().await.contains("sam@example.org requester"));
        world.finish().await;
    }
}
