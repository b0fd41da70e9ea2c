//! The cap on events per case over the API: a case file of exactly
//! `MAX_EVENTS_PER_CASE` events opens; one more, as JSON or as a TOML
//! import, or an append to a full case, is a 422 naming the limit, and
//! nothing is written.

use crate::common;
use foidesk_engine::MAX_EVENTS_PER_CASE;
use serde_json::{json, Value};

/// A fresh request to authority A with `n` acknowledgements on the day it arrived.
fn with_events(n: usize) -> foidesk_engine::api::CaseFile {
    let mut file = common::fresh_request(None);
    let day = file.request.received.clone();
    let ack: foidesk_engine::api::EventFile =
        serde_json::from_value(json!({"kind": "acknowledged", "date": day})).unwrap();
    file.events = vec![ack; n];
    file
}

/// 422 with the cap's code and words.
fn check_refused(reply: &common::Reply, what: &str, label: &str) {
    assert_eq!(reply.status, 422, "{label} {what}: {}", reply.text);
    assert_eq!(
        reply.json["error"]["code"], "too_many_events",
        "{label} {what}"
    );
    let message = reply.json["error"]["message"].as_str().unwrap_or("");
    // The limit as people write it, with its thousands separated.
    assert_eq!(MAX_EVENTS_PER_CASE, 2_000);
    let (limit, over) = ("at most 2,000 events", "would hold 2,001");
    assert!(
        message.contains(limit) && message.contains(over),
        "{label} {what}: {message}"
    );
}

#[tokio::test]
async fn a_case_holds_the_limit_and_one_more_event_is_refused() {
    for world in common::worlds().await {
        let label = world.label;
        let open = async |reference: &str, n: usize| {
            let body = json!({"authority": "a", "reference": reference, "case": with_events(n)});
            world
                .json("POST", "/api/v1/cases", "officer_a", &body)
                .await
        };
        let full = open("A-full", MAX_EVENTS_PER_CASE).await;
        assert_eq!(full.status, 201, "{label}: {}", full.text);
        let id = full.json["id"].as_i64().unwrap();
        let version = full.json["version"].as_i64().unwrap();

        let before = world.snapshot().await;
        check_refused(
            &open("A-over", MAX_EVENTS_PER_CASE + 1).await,
            "open",
            label,
        );
        let toml = toml::to_string(&with_events(MAX_EVENTS_PER_CASE + 1)).unwrap();
        let import = world
            .call(
                "POST",
                "/api/v1/import?authority=a&reference=A-over",
                Some("officer_a"),
                Some(("application/toml", toml.into_bytes())),
                &[],
            )
            .await;
        check_refused(&import, "import", label);
        let event: Value = json!({"kind": "acknowledged", "date": common::TODAY});
        let append = world
            .call(
                "POST",
                &format!("/api/v1/cases/{id}/events"),
                Some("officer_a"),
                Some(("application/json", serde_json::to_vec(&event).unwrap())),
                &[("if-match", &format!("\"{version}\""))],
            )
            .await;
        check_refused(&append, "append", label);
        assert_eq!(world.snapshot().await, before, "{label}: nothing written");
        world.finish().await;
    }
}
