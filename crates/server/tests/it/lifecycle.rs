//! Account lifecycle through the API and the admin page, on every backend:
//! disable, enable, reset a password, end sessions, and the audit record.
//! Who may call each route is in access.rs; here is what each one does.

use crate::common;

use crate::common::{csrf_of, email, Reply, World, PASSWORD};
use foidesk_engine::EngineError;
use serde_json::{json, Value};

const NEW_PASSWORD: &str = "a brand new passphrase";

async fn account_id(world: &World, who: &str) -> i64 {
    let users = world
        .call("GET", "/api/v1/users", Some("admin"), None, &[])
        .await;
    users.json["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == json!(email(who)))
        .unwrap_or_else(|| panic!("no account {who}"))["id"]
        .as_i64()
        .unwrap()
}

async fn post(world: &World, path: String, body: Option<Value>) -> Reply {
    let body = body.map(|b| ("application/json", serde_json::to_vec(&b).unwrap()));
    world.call("POST", &path, Some("admin"), body, &[]).await
}

async fn sign_in(world: &World, who: &str, password: &str) -> Reply {
    let body = serde_json::to_vec(&json!({"email": email(who), "password": password})).unwrap();
    world
        .call(
            "POST",
            "/api/v1/session",
            None,
            Some(("application/json", body)),
            &[],
        )
        .await
}

/// `/api/v1/me` status with `who`'s token, and with a session cookie.
async fn me(world: &World, who: &str, cookie: &str) -> (u16, u16) {
    let token = world.call("GET", "/api/v1/me", Some(who), None, &[]).await;
    let session = world
        .call("GET", "/api/v1/me", None, None, &[("cookie", cookie)])
        .await;
    (token.status.as_u16(), session.status.as_u16())
}

/// The audit record as (action, account email, actor), newest first.
async fn audit(world: &World) -> Vec<(String, String, String)> {
    let reply = world
        .call("GET", "/api/v1/audit", Some("admin"), None, &[])
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    reply.json["audit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let s = |k: &str| l[k].as_str().unwrap().to_owned();
            (s("action"), s("account_email"), s("actor"))
        })
        .collect()
}

fn line(action: &str, who: &str) -> (String, String, String) {
    (action.into(), email(who), email("admin"))
}

#[tokio::test]
async fn finding_4_a_disabled_account_cannot_sign_in_and_its_sessions_and_tokens_get_401() {
    for world in common::worlds().await {
        let label = world.label;
        let id = account_id(&world, "requester").await;
        let cookie = world.session("requester").await;
        assert_eq!(
            me(&world, "requester", &cookie).await,
            (200, 200),
            "{label}"
        );

        let reply = post(&world, format!("/api/v1/users/{id}/disable"), None).await;
        assert_eq!(reply.status, 200, "{label}: {}", reply.text);
        assert_eq!(reply.json["changed"], json!(true), "{label}");
        assert_eq!(reply.json["sessions_ended"], json!(1), "{label}");
        assert_eq!(reply.json["tokens_revoked"], json!(1), "{label}");
        assert!(reply.json["account"]["disabled_at"].is_string(), "{label}");
        assert_eq!(
            me(&world, "requester", &cookie).await,
            (401, 401),
            "{label}"
        );
        // The right password is told the account is disabled; a wrong one
        // learns nothing more than for any account.
        let refused = sign_in(&world, "requester", PASSWORD).await;
        assert_eq!(refused.status, 403, "{label}: {}", refused.text);
        assert_eq!(refused.json["error"]["code"], "account_disabled", "{label}");
        assert!(refused.headers.get("set-cookie").is_none(), "{label}");
        let wrong = sign_in(&world, "requester", "not the password at all").await;
        assert_eq!(wrong.status, 401, "{label}: {}", wrong.text);
        // Shown to administrators as disabled.
        let users = world
            .call("GET", "/api/v1/users", Some("admin"), None, &[])
            .await;
        assert!(
            users.text.contains("\"disabled_at\":\"2026-11-22"),
            "{label}"
        );

        // Disabling twice changes nothing and adds nothing to the record.
        let again = post(&world, format!("/api/v1/users/{id}/disable"), None).await;
        assert_eq!(
            again.json["changed"],
            json!(false),
            "{label}: {}",
            again.text
        );

        // Enabling lets the account sign in, but brings nothing old back.
        let reply = post(&world, format!("/api/v1/users/{id}/enable"), None).await;
        assert_eq!(reply.status, 200, "{label}: {}", reply.text);
        assert!(reply.json["account"]["disabled_at"].is_null(), "{label}");
        assert_eq!(
            me(&world, "requester", &cookie).await,
            (401, 401),
            "{label}"
        );
        let cookie = world.session("requester").await;
        let fresh = world
            .call("GET", "/api/v1/me", None, None, &[("cookie", &cookie)])
            .await;
        assert_eq!(fresh.status, 200, "{label}");

        assert_eq!(
            audit(&world).await,
            [line("enabled", "requester"), line("disabled", "requester")],
            "{label}"
        );
        world.finish().await;
    }
}

#[tokio::test]
async fn finding_4_a_password_reset_ends_sessions_and_tokens() {
    for world in common::worlds().await {
        let label = world.label;
        let id = account_id(&world, "officer_a").await;
        let cookie = world.session("officer_a").await;
        let path = format!("/api/v1/users/{id}/password");

        let short = post(&world, path.clone(), Some(json!({"password": "short"}))).await;
        assert_eq!(short.status, 422, "{label}: {}", short.text);
        assert_eq!(
            short.json["error"]["fields"][0]["path"], "password",
            "{label}"
        );
        assert_eq!(
            me(&world, "officer_a", &cookie).await,
            (200, 200),
            "{label}"
        );

        let reply = post(&world, path, Some(json!({"password": NEW_PASSWORD}))).await;
        assert_eq!(reply.status, 200, "{label}: {}", reply.text);
        assert_eq!(
            me(&world, "officer_a", &cookie).await,
            (401, 401),
            "{label}"
        );
        assert_eq!(
            sign_in(&world, "officer_a", PASSWORD).await.status,
            401,
            "{label}"
        );
        assert_eq!(
            sign_in(&world, "officer_a", NEW_PASSWORD).await.status,
            200,
            "{label}"
        );
        assert!(!reply.text.contains("argon2"), "{label}: {}", reply.text);
        assert_eq!(
            audit(&world).await,
            [line("password reset", "officer_a")],
            "{label}"
        );
        world.finish().await;
    }
}

#[tokio::test]
async fn finding_4_ending_sessions_signs_out_everywhere_but_keeps_tokens() {
    for world in common::worlds().await {
        let label = world.label;
        let id = account_id(&world, "caseworker").await;
        let first = world.session("caseworker").await;
        let second = world.session("caseworker").await;
        let reply = post(&world, format!("/api/v1/users/{id}/sessions/end"), None).await;
        assert_eq!(reply.status, 200, "{label}: {}", reply.text);
        assert_eq!(reply.json["sessions_ended"], json!(2), "{label}");
        assert_eq!(
            me(&world, "caseworker", &first).await,
            (200, 401),
            "{label}"
        );
        assert_eq!(
            me(&world, "caseworker", &second).await,
            (200, 401),
            "{label}"
        );
        assert_eq!(
            audit(&world).await,
            [line("sessions ended", "caseworker")],
            "{label}"
        );

        for path in ["/api/v1/users/999999/disable", "/api/v1/users/abc/enable"] {
            let reply = post(&world, path.to_owned(), None).await;
            assert_eq!(reply.status, 404, "{label}: {path}: {}", reply.text);
        }
        world.finish().await;
    }
}

#[tokio::test]
async fn finding_4_nobody_locks_everyone_out() {
    for world in common::worlds().await {
        let label = world.label;
        let admin = account_id(&world, "admin").await;
        let own = post(&world, format!("/api/v1/users/{admin}/disable"), None).await;
        assert_eq!(own.status, 403, "{label}: {}", own.text);
        assert!(
            own.text.contains("your own account"),
            "{label}: {}",
            own.text
        );

        // With a second administrator, one may disable the other; then the
        // one left is the last, and the command line may not disable it.
        let body = json!({"email": "second@example.org", "name": "Second", "role": "administrator", "password": PASSWORD});
        let added = post(&world, "/api/v1/users".into(), Some(body)).await;
        assert_eq!(added.status, 201, "{label}: {}", added.text);
        let second = added.json["id"].as_i64().unwrap();
        let reply = post(&world, format!("/api/v1/users/{second}/disable"), None).await;
        assert_eq!(reply.status, 200, "{label}: {}", reply.text);
        let last = world.system.disable_account(admin).await.unwrap_err();
        assert!(
            matches!(&last, EngineError::Forbidden { message } if message.contains("last administrator")),
            "{label}: {last}"
        );
        assert_eq!(
            me(&world, "admin", "foidesk_session=none").await.0,
            200,
            "{label}"
        );
        assert_eq!(
            audit(&world).await.len(),
            1,
            "{label}: refusals record nothing"
        );
        world.finish().await;
    }
}

/// The admin page's form posting to `path`, as the administrator.
async fn admin_form(world: &World, cookie: &str, path: &str, extra: &[(&str, &str)]) -> Reply {
    let page = world.page("/admin", cookie).await;
    let csrf = csrf_of(&page.text);
    let mut fields = vec![("csrf", csrf.as_str())];
    fields.extend_from_slice(extra);
    world.form(path, cookie, &fields).await
}

/// Follow a redirect back to the admin page and return its text.
async fn confirmed(world: &World, cookie: &str, reply: &Reply, label: &str) -> String {
    assert_eq!(reply.status, 303, "{label}: {}", reply.text);
    let to = reply.headers["location"].to_str().unwrap().to_owned();
    assert!(to.starts_with("/admin?done="), "{label}: {to}");
    world.page(&to, cookie).await.text
}

#[tokio::test]
async fn finding_4_the_admin_page_shows_each_account_and_runs_each_action() {
    for world in common::worlds().await {
        let label = world.label;
        let cookie = world.session("admin").await;
        let id = account_id(&world, "other_requester").await;
        let page = world.page("/admin", &cookie).await;
        assert_eq!(page.status, 200, "{label}");
        for wanted in [
            "Active",
            "Reset a password",
            "Audit record",
            "No account has been changed yet.",
        ] {
            assert!(page.text.contains(wanted), "{label}: no {wanted}");
        }

        // Without the CSRF token nothing happens.
        let forged = world
            .form(&format!("/admin/users/{id}/disable"), &cookie, &[])
            .await;
        assert_eq!(forged.status, 403, "{label}");
        assert!(audit(&world).await.is_empty(), "{label}");

        let reply = admin_form(&world, &cookie, &format!("/admin/users/{id}/disable"), &[]).await;
        let text = confirmed(&world, &cookie, &reply, label).await;
        assert!(
            text.contains("other.requester@example.org has been disabled"),
            "{label}"
        );
        assert!(
            text.contains("Disabled</strong> since 22 November 2026"),
            "{label}"
        );
        assert!(
            text.contains("00:00 on 22 November 2026"),
            "{label}: audit time"
        );
        assert_eq!(
            world
                .call("GET", "/api/v1/me", Some("other_requester"), None, &[])
                .await
                .status,
            401
        );

        let reply = admin_form(&world, &cookie, &format!("/admin/users/{id}/enable"), &[]).await;
        let text = confirmed(&world, &cookie, &reply, label).await;
        assert!(text.contains("has been enabled"), "{label}");

        let reply = admin_form(
            &world,
            &cookie,
            &format!("/admin/users/{id}/sessions/end"),
            &[],
        )
        .await;
        let text = confirmed(&world, &cookie, &reply, label).await;
        assert!(text.contains("has been signed out everywhere"), "{label}");

        let id_text = id.to_string();
        let short = [("account", id_text.as_str()), ("new-password", "short")];
        let reply = admin_form(&world, &cookie, "/admin/password", &short).await;
        assert_eq!(reply.status, 422, "{label}");
        assert!(reply.text.contains("There is a problem"), "{label}");
        assert!(reply.text.contains("href=\"#new-password\""), "{label}");
        let none = [("account", ""), ("new-password", NEW_PASSWORD)];
        let reply = admin_form(&world, &cookie, "/admin/password", &none).await;
        assert_eq!(reply.status, 422, "{label}");
        assert!(reply.text.contains("href=\"#account\""), "{label}");
        let good = [
            ("account", id_text.as_str()),
            ("new-password", NEW_PASSWORD),
        ];
        let reply = admin_form(&world, &cookie, "/admin/password", &good).await;
        let text = confirmed(&world, &cookie, &reply, label).await;
        assert!(text.contains("has a new password"), "{label}");
        assert_eq!(
            sign_in(&world, "other_requester", NEW_PASSWORD)
                .await
                .status,
            200,
            "{label}"
        );

        // Refused: the administrator's own account, shown in the error summary.
        let admin = account_id(&world, "admin").await;
        let own = admin_form(
            &world,
            &cookie,
            &format!("/admin/users/{admin}/disable"),
            &[],
        )
        .await;
        assert_eq!(own.status, 403, "{label}");
        assert!(own.text.contains("There is a problem"), "{label}");
        assert!(
            own.text.contains("You cannot disable your own account"),
            "{label}"
        );

        let actions: Vec<String> = audit(&world).await.into_iter().map(|l| l.0).collect();
        assert_eq!(
            actions,
            ["password reset", "sessions ended", "enabled", "disabled"],
            "{label}"
        );
        // Other roles are refused the page and its forms.
        let officer = world.session("officer_a").await;
        assert_eq!(world.page("/admin", &officer).await.status, 403, "{label}");
        let page = world.page("/", &officer).await;
        let csrf = csrf_of(&page.text);
        let reply = world
            .form(
                &format!("/admin/users/{id}/disable"),
                &officer,
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(reply.status, 403, "{label}");
        assert_eq!(audit(&world).await.len(), 4, "{label}");
        world.finish().await;
    }
}
