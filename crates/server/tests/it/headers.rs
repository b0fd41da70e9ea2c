//! Security headers on every answer: each route of the API table and each web
//! page, signed in and not, successes, refusals, errors and not-found alike.

use crate::common;

use crate::common::{Reply, World};
use axum::body::Body;
use axum::http::{HeaderMap, Request};
use foidesk_server::{app, AppState, CONTENT_SECURITY_POLICY, ROUTES};
use tower::ServiceExt;

/// Every path of the web router (crates/server/src/web/mod.rs), with the
/// methods it answers; `{id}` is a case, `{kind}` a form or document.
const PAGES: &[(&str, &str)] = &[
    ("GET", "/"),
    ("GET", "/sign-in"),
    ("POST", "/sign-in"),
    ("POST", "/sign-out"),
    ("GET", "/cases"),
    ("GET", "/cases.csv"),
    ("GET", "/requests/new"),
    ("POST", "/requests/new"),
    ("GET", "/requests/{id}/confirmation"),
    ("GET", "/cases/{id}"),
    ("GET", "/cases/{id}/record/{kind}"),
    ("POST", "/cases/{id}/record/{kind}"),
    ("GET", "/cases/{id}/documents/{kind}"),
    ("POST", "/cases/{id}/documents/{kind}"),
    ("GET", "/admin"),
    ("GET", "/admin/register"),
    ("POST", "/admin/register"),
    ("GET", "/admin/register/{slug}/aliases"),
    ("POST", "/admin/register/{slug}/aliases"),
    ("POST", "/admin/users"),
    ("POST", "/admin/users/{id}/disable"),
    ("POST", "/admin/users/{id}/enable"),
    ("POST", "/admin/users/{id}/sessions/end"),
    ("POST", "/admin/password"),
    ("GET", "/statistics"),
    ("GET", "/statistics/return"),
    ("GET", "/statistics/return.csv"),
    ("GET", "/statistics/return.xlsx"),
    ("GET", "/statistics/commissioner"),
    ("GET", "/assets/app.css"),
    ("GET", "/cases/{id}/attachments/new"),
    ("POST", "/cases/{id}/attachments/new"),
    ("GET", "/cases/{id}/attachments/{n}"),
    ("GET", "/admin/authorities/{slug}/profile"),
    ("POST", "/admin/authorities/{slug}/profile"),
    ("GET", "/cases/{id}/letters/{kind}/event"),
    ("POST", "/cases/{id}/letters/{kind}/event"),
    ("GET", "/cases/{id}/letters/{kind}"),
    ("GET", "/cases/{id}/letters/{kind}/questions/{n}"),
    ("POST", "/cases/{id}/letters/{kind}/questions/{n}"),
    ("POST", "/cases/{id}/letters/{kind}/send"),
    ("GET", "/cases/{id}/requester/{kind}"),
    ("POST", "/cases/{id}/requester/{kind}"),
    ("GET", "/cases/{id}/requester/{kind}/sent"),
    ("GET", "/requests/make"),
    ("POST", "/requests/make"),
    ("GET", "/requests/sent/{id}"),
    ("GET", "/join/{token}"),
    ("POST", "/join/{token}"),
    ("GET", "/sign-up"),
    ("POST", "/sign-up"),
    ("POST", "/admin/invitations"),
    ("POST", "/admin/sign-up"),
    ("GET", "/complaints"),
    ("GET", "/complaints.csv"),
    ("GET", "/complaints/new"),
    ("POST", "/complaints/new"),
    ("GET", "/complaints/{id}/opened"),
    ("GET", "/library"),
    ("GET", "/library/outcomes"),
    ("GET", "/library/{id}"),
    ("GET", "/law/{provision}"),
    ("POST", "/admin/library"),
    ("GET", "/cases/{id}/round-robin/link"),
    ("POST", "/cases/{id}/round-robin/link"),
    ("GET", "/cases/{id}/round-robin/leave"),
    ("POST", "/cases/{id}/round-robin/leave"),
    ("POST", "/authorities/{slug}/sharing"),
    ("GET", "/round-robins"),
    ("GET", "/round-robins/{id}"),
    ("POST", "/round-robins/{id}/advice"),
];

/// Answers that are not a route's success: unknown paths, a case that does
/// not exist, a method a route does not take, a kind that does not exist.
const ODDITIES: &[(&str, &str)] = &[
    ("GET", "/no-such-page"),
    ("GET", "/api/v1/no-such-thing"),
    ("GET", "/cases/999999"),
    ("GET", "/cases/{id}/record/no-such-event"),
    ("PUT", "/api/v1/me"),
    ("DELETE", "/statistics"),
];

fn check(headers: &HeaderMap, what: &str) {
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("{what}: no {name}"))
            .to_owned()
    };
    assert_eq!(
        get("content-security-policy"),
        CONTENT_SECURITY_POLICY,
        "{what}"
    );
    assert!(get("content-security-policy").contains("frame-ancestors 'none'"));
    assert_eq!(get("x-frame-options"), "DENY", "{what}");
    assert_eq!(get("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(get("referrer-policy"), "no-referrer", "{what}");
    let cache = get("cache-control");
    if what.contains("/assets/app.css") {
        assert!(cache.starts_with("public"), "{what}: {cache}");
    } else {
        assert_eq!(cache, "no-store", "{what}");
    }
    assert!(
        headers.get("strict-transport-security").is_none(),
        "{what}: HSTS over plain HTTP"
    );
}

fn fill(world: &World, path: &str) -> String {
    path.replace("{id}", &world.cases.a_mine.to_string())
        .replace("{queue}", "overdue")
        .replace("{kind}", "decision")
        .replace("/record/decision", "/record/assigned")
        .replace("{n}", "1")
        .replace("{slug}", "a")
        .replace("{provision}", "s.31(3)")
}

/// `path` as `who` (a token name), or with a session `cookie`, or neither.
async fn send(
    world: &World,
    method: &str,
    path: &str,
    who: Option<&str>,
    cookie: Option<&str>,
) -> Reply {
    let body = (method == "POST").then(|| {
        if path.starts_with("/api/") {
            ("application/json", b"{}".to_vec())
        } else {
            ("application/x-www-form-urlencoded", b"csrf=wrong".to_vec())
        }
    });
    let extra: Vec<(&str, &str)> = cookie.map(|c| ("cookie", c)).into_iter().collect();
    world.call(method, path, who, body, &extra).await
}

#[tokio::test]
async fn finding_8_every_route_and_page_carries_the_security_headers() {
    for world in common::worlds().await {
        let cookie = world.session("admin").await;
        let officer_b = world.session("officer_b").await;
        let api = ROUTES.iter().map(|r| (r.method, r.path));
        let mut seen = 0;
        for (method, path) in api
            .chain(PAGES.iter().copied())
            .chain(ODDITIES.iter().copied())
        {
            let path = fill(&world, path);
            for (who, cookie) in [
                (None, None),
                (Some("admin"), None),
                (None, Some(cookie.as_str())),
                (None, Some(officer_b.as_str())),
            ] {
                let reply = send(&world, method, &path, who, cookie).await;
                let what = format!(
                    "{} {method} {path} (token {who:?}, cookie {}): {}",
                    world.label,
                    cookie.is_some(),
                    reply.status
                );
                check(&reply.headers, &what);
                seen += 1;
            }
        }
        assert!(seen >= 4 * (ROUTES.len() + PAGES.len()));
        world.finish().await;
    }
}

#[tokio::test]
async fn finding_8_hsts_only_over_tls() {
    for world in common::worlds().await {
        let proxied = world
            .call(
                "GET",
                "/healthz",
                None,
                None,
                &[("x-forwarded-proto", "https")],
            )
            .await;
        assert_eq!(
            proxied.headers["strict-transport-security"],
            foidesk_server::STRICT_TRANSPORT_SECURITY
        );
        let plain = world
            .call(
                "GET",
                "/sign-in",
                None,
                None,
                &[("x-forwarded-proto", "http")],
            )
            .await;
        assert!(plain.headers.get("strict-transport-security").is_none());
        // Served with --secure-cookies: every answer, 404s too.
        let tls = app(AppState {
            service: world.system.service(),
            secure_cookies: true,
        });
        for path in ["/sign-in", "/healthz", "/no-such-page", "/assets/app.css"] {
            let request = Request::get(path).body(Body::empty()).unwrap();
            let response = tls.clone().oneshot(request).await.unwrap();
            assert_eq!(
                response.headers()["strict-transport-security"],
                foidesk_server::STRICT_TRANSPORT_SECURITY,
                "{path}"
            );
        }
        world.finish().await;
    }
}

/// The table above must name every path the web router has.
#[test]
fn finding_8_the_page_table_covers_the_web_router() {
    let source = include_str!("../../src/web/mod.rs");
    let routed: Vec<&str> = source
        .split(".route(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(routed.len() >= 10, "{routed:?}");
    for path in routed {
        assert!(
            PAGES.iter().any(|(_, p)| *p == path),
            "{path} is routed but not in PAGES"
        );
    }
}

/// The pages themselves satisfy the policy: no inline script, style or
/// event handler, and everything they load is ours.
#[tokio::test]
async fn finding_8_the_pages_need_nothing_the_policy_forbids() {
    for world in common::worlds().await {
        let cookie = world.session("admin").await;
        let mut pages = 0;
        let gets = PAGES.iter().chain(ODDITIES).filter(|(m, _)| *m == "GET");
        for ((method, path), cookie) in gets.flat_map(|p| [(p, Some(&*cookie)), (p, None)]) {
            let path = fill(&world, path);
            let reply = send(&world, method, &path, None, cookie).await;
            let html_page = reply
                .headers
                .get("content-type")
                .is_some_and(|t| t.to_str().unwrap().starts_with("text/html"));
            if !html_page {
                continue;
            }
            pages += 1;
            let html = reply.text.to_lowercase();
            for forbidden in [
                "<script",
                "<style",
                " style=",
                "javascript:",
                " onclick=",
                " onload=",
                " onsubmit=",
                "<iframe",
            ] {
                assert!(!html.contains(forbidden), "{path} has {forbidden}");
            }
            // What a page loads (scripts, images, stylesheets) and where its
            // forms post: ours only. Links elsewhere are allowed.
            let quoted = |marker: &str| -> Vec<String> {
                html.split(marker)
                    .skip(1)
                    .filter_map(|rest| rest.split('"').next())
                    .map(str::to_owned)
                    .collect()
            };
            let mut loaded = quoted(" src=\"");
            loaded.extend(quoted(" action=\""));
            loaded.extend(quoted("<link rel=\"stylesheet\" href=\""));
            assert!(loaded.iter().any(|l| l == "/assets/app.css"), "{path}");
            for link in &loaded {
                assert!(link.starts_with('/'), "{path} loads or posts to {link}");
            }
        }
        assert!(pages >= 10, "only {pages} pages checked");
        world.finish().await;
    }
}
