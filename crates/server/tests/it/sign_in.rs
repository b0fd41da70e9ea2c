//! Signing in, on each backend: an over-long address or password is a 422
//! naming the field (API) or an error on the form, and nothing is counted;
//! signing in again ends the session the browser held before.

use crate::common;

use crate::common::{csrf_of, Reply, World};
use serde_json::json;

async fn api_sign_in(world: &World, cookie: Option<&str>, email: &str, password: &str) -> Reply {
    let body = serde_json::to_vec(&json!({"email": email, "password": password})).unwrap();
    let extra: Vec<(&str, &str)> = cookie.map(|c| ("cookie", c)).into_iter().collect();
    world
        .call(
            "POST",
            "/api/v1/session",
            None,
            Some(("application/json", body)),
            &extra,
        )
        .await
}

/// The `name=value` of a cookie a reply sets.
fn set_cookie(reply: &Reply, name: &str) -> String {
    reply
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} cookie set: {:?}", reply.headers))
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// Post the sign-in form as a browser holding `cookies` (besides the form's own).
async fn form_sign_in(world: &World, cookies: &str, email: &str, password: &str) -> Reply {
    let form = world.call("GET", "/sign-in", None, None, &[]).await;
    let token = csrf_of(&form.text);
    let pre = set_cookie(&form, "foidesk_sign_in");
    let cookie = match cookies {
        "" => pre,
        more => format!("{pre}; {more}"),
    };
    let fields = [("csrf", &*token), ("email", email), ("password", password)];
    world.form("/sign-in", &cookie, &fields).await
}

#[tokio::test]
async fn finding_1_an_over_long_address_or_password_is_refused_and_not_counted() {
    let long_address = format!("{}@example.org", "a".repeat(243));
    let megabyte = format!("{}@example.org", "m".repeat(1_000_000));
    let long_password = "p".repeat(1025);
    let officer = common::email("officer_a");
    let cases: [(&str, &str, &str); 3] = [
        (&long_address, common::PASSWORD, "email"),
        (&megabyte, common::PASSWORD, "email"),
        (&officer, &long_password, "password"),
    ];
    for world in common::worlds().await {
        for (email, password, field) in cases {
            let api = api_sign_in(&world, None, email, password).await;
            assert_eq!(api.status, 422, "{}: {}", world.label, api.text);
            assert_eq!(
                api.json["error"]["fields"][0]["path"], field,
                "{}",
                api.text
            );
            let page = form_sign_in(&world, "", email, password).await;
            assert_eq!(page.status, 422, "{}", world.label);
            let message = match field {
                "email" => "at most 254 characters",
                _ => "at most 1024 characters",
            };
            assert!(page.text.contains(message), "{}", page.text);
            assert!(page.text.len() < 100_000, "the address is not sent back");
        }
        assert!(world.store.sign_in_failures().await.unwrap().is_empty());
        // 254 characters is an address like any other: a plain failure.
        let at_limit = format!("{}@example.org", "a".repeat(242));
        let reply = api_sign_in(&world, None, &at_limit, common::PASSWORD).await;
        assert_eq!(reply.status, 401, "{}", reply.text);
        world.finish().await;
    }
}

#[tokio::test]
async fn finding_4_signing_in_again_through_the_api_ends_the_earlier_session() {
    for world in common::worlds().await {
        let earlier = world.session("officer_a").await;
        let me = world.page("/api/v1/me", &earlier).await;
        assert_eq!(me.status, 200, "{}", world.label);
        // A wrong password leaves the earlier session alone.
        let wrong = api_sign_in(&world, Some(&earlier), &common::email("admin"), "wrong").await;
        assert_eq!(wrong.status, 401);
        assert_eq!(world.page("/api/v1/me", &earlier).await.status, 200);
        let again = api_sign_in(
            &world,
            Some(&earlier),
            &common::email("admin"),
            common::PASSWORD,
        )
        .await;
        assert_eq!(again.status, 200, "{}", again.text);
        let later = set_cookie(&again, "foidesk_session");
        assert_eq!(world.page("/api/v1/me", &earlier).await.status, 401);
        let me = world.page("/api/v1/me", &later).await;
        assert_eq!(me.json["email"], common::email("admin"), "{}", me.text);
        world.finish().await;
    }
}

#[tokio::test]
async fn finding_4_signing_in_again_through_the_form_ends_the_earlier_session() {
    for world in common::worlds().await {
        let earlier = world.session("officer_a").await;
        assert_eq!(world.page("/", &earlier).await.status, 200);
        let email = common::email("officer_a");
        let again = form_sign_in(&world, &earlier, &email, common::PASSWORD).await;
        assert_eq!(again.status, 303, "{}", again.text);
        let later = set_cookie(&again, "foidesk_session");
        let old = world.page("/", &earlier).await;
        assert_eq!(old.status, 303, "{}", world.label);
        assert_eq!(old.headers["location"], "/sign-in");
        assert_eq!(world.page("/", &later).await.status, 200);
        world.finish().await;
    }
}

/// A disabled account's own password is told why it cannot sign in, on the
/// API and the form; a wrong password is answered as for any account.
#[tokio::test]
async fn finding_4_a_disabled_account_is_told_so_only_with_its_right_password() {
    for world in common::worlds().await {
        let label = world.label;
        let email = common::email("requester");
        let users = world
            .call("GET", "/api/v1/users", Some("admin"), None, &[])
            .await;
        let id = users.json["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["email"] == json!(email))
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let path = format!("/api/v1/users/{id}/disable");
        let disabled = world.call("POST", &path, Some("admin"), None, &[]).await;
        assert_eq!(disabled.status, 200, "{label}: {}", disabled.text);

        let api = api_sign_in(&world, None, &email, common::PASSWORD).await;
        assert_eq!(api.status, 403, "{label}: {}", api.text);
        assert_eq!(api.json["error"]["code"], "account_disabled", "{label}");
        let wrong = api_sign_in(&world, None, &email, "a wrong password, long").await;
        assert_eq!(wrong.status, 401, "{label}: {}", wrong.text);

        let page = form_sign_in(&world, "", &email, common::PASSWORD).await;
        assert_eq!(page.status, 403, "{label}");
        assert!(
            page.text.contains("This account has been disabled"),
            "{label}"
        );
        assert!(page
            .headers
            .get_all("set-cookie")
            .iter()
            .all(|c| !c.to_str().unwrap().starts_with("foidesk_session=fds_")));
        let page = form_sign_in(&world, "", &email, "a wrong password, long").await;
        assert_eq!(page.status, 401, "{label}");
        assert!(!page.text.contains("disabled"), "{label}");
        world.finish().await;
    }
}
