//! A case records what has happened: an event dated after today is refused
//! with 422 and the field's path (the API) or an error summary (the web
//! form), and nothing is written. A tolerance setting allows a few days.

use crate::common;

use foidesk_engine::System;

use axum::body::Body;
use axum::http::{header, Request};
use foidesk_server::{app, AppState};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

/// TODAY (2026-11-22) plus `days`.
fn ahead(days: i64) -> String {
    foidesk_engine::api::Date::parse(common::TODAY)
        .unwrap()
        .checked_add_days(days)
        .unwrap()
        .to_string()
}

fn response(date: &str) -> Value {
    json!({"kind": "response", "date": date,
           "outcomes": [{"part": "1", "outcome": "disclosed"}]})
}

fn clarification(date: &str) -> Value {
    json!({"kind": "clarification_sought", "date": date})
}

/// The refused field's path and message from a 422.
fn refused(reply: &common::Reply) -> (String, String) {
    assert_eq!(reply.status, 422, "{}", reply.text);
    let field = &reply.json["error"]["fields"][0];
    (
        field["path"].as_str().unwrap_or("").to_owned(),
        field["message"].as_str().unwrap_or("").to_owned(),
    )
}

#[tokio::test]
async fn finding_10_an_event_dated_after_today_is_refused_with_its_path() {
    for world in common::worlds().await {
        let id = world.cases.a_mine;
        let events = format!("/api/v1/cases/{id}/events");
        let append = async |body: &Value| {
            let bytes = serde_json::to_vec(body).unwrap();
            world
                .call(
                    "POST",
                    &events,
                    Some("officer_a"),
                    Some(("application/json", bytes)),
                    &[("if-match", "\"0\"")],
                )
                .await
        };
        let before = world.snapshot().await;
        for body in [
            response(&ahead(1)),
            response("2099-01-01"),
            clarification(&ahead(49)),
        ] {
            let (path, message) = refused(&append(&body).await);
            assert_eq!(path, "date", "{}: {body}", world.label);
            assert!(
                message.starts_with("The date must be today or in the past"),
                "{message}"
            );
            let today = foidesk_engine::api::Date::parse(common::TODAY).unwrap();
            assert!(message.contains(&today.long_form()), "{message}");
        }
        // Opening a case, as JSON or as a TOML file, is held to the same rule.
        let mut file = common::fresh_request(None);
        file.events = vec![serde_json::from_value(clarification(&ahead(1))).unwrap()];
        let body = json!({"authority": "a", "reference": "A-9", "case": file});
        let reply = world
            .json("POST", "/api/v1/cases", "officer_a", &body)
            .await;
        assert_eq!(refused(&reply).0, "case.events[0].date", "{}", world.label);
        let toml = toml::to_string(&file).unwrap();
        let reply = world
            .call(
                "POST",
                "/api/v1/import?authority=a&reference=A-9",
                Some("officer_a"),
                Some(("application/toml", toml.into_bytes())),
                &[],
            )
            .await;
        assert_eq!(refused(&reply).0, "events[0].date", "{}", world.label);
        assert_eq!(world.snapshot().await, before, "{}", world.label);
        // At tolerance 0, today itself is accepted.
        let reply = append(&clarification(common::TODAY)).await;
        assert_eq!(reply.status, 201, "{}: {}", world.label, reply.text);
        world.finish().await;
    }
}

#[tokio::test]
async fn finding_10_a_web_form_dated_after_today_comes_back_with_its_error() {
    for world in common::worlds().await {
        let cookie = world.session("officer_a").await;
        let path = format!("/cases/{}/record/clarification_sought", world.cases.a_mine);
        let form = world.page(&path, &cookie).await;
        assert_eq!(form.status, 200);
        let csrf = common::csrf_of(&form.text);
        let before = world.snapshot().await;
        let date = ahead(49);
        let (year, rest) = date.split_once('-').unwrap();
        let (month, day) = rest.split_once('-').unwrap();
        let fields = [
            ("csrf", csrf.as_str()),
            ("version", "0"),
            ("date-day", day),
            ("date-month", month),
            ("date-year", year),
        ];
        let reply = world.form(&path, &cookie, &fields).await;
        assert_eq!(reply.status, 422, "{}", world.label);
        assert!(reply.text.contains("There is a problem"));
        assert!(reply.text.contains("href=\"#date\""), "{}", reply.text);
        assert!(
            reply.text.contains("The date must be today or in the past"),
            "{}",
            reply.text
        );
        assert_eq!(world.snapshot().await, before, "{}", world.label);
        world.finish().await;
    }
}

/// (tolerance in days, days after today, accepted).
const TOLERANCES: [(u32, i64, bool); 4] =
    [(3, 3, true), (3, 4, false), (1, 1, true), (0, 1, false)];

#[tokio::test]
async fn finding_10_a_tolerance_setting_accepts_a_date_within_it() {
    for world in common::worlds().await {
        for (tolerance, days, accepted) in TOLERANCES {
            let state = AppState {
                service: System::new(
                    common::engine().with_future_date_tolerance_days(tolerance),
                    world.store.clone(),
                )
                .service(),
                secure_cookies: false,
            };
            let id = world.cases.b_open;
            let version = world.version(id).await.unwrap();
            let request = Request::post(format!("/api/v1/cases/{id}/events"))
                .header(
                    header::AUTHORIZATION,
                    format!("Bearer {}", world.token("admin")),
                )
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::IF_MATCH, format!("\"{version}\""))
                .body(Body::from(
                    serde_json::to_vec(&clarification(&ahead(days))).unwrap(),
                ))
                .unwrap();
            let reply = app(state).oneshot(request).await.unwrap();
            let status = reply.status().as_u16();
            let text = reply.into_body().collect().await.unwrap().to_bytes();
            let want = if accepted { 201 } else { 422 };
            assert_eq!(
                status,
                want,
                "{}: tolerance {tolerance}, {days} days ahead: {}",
                world.label,
                String::from_utf8_lossy(&text)
            );
        }
        world.finish().await;
    }
}
