//! The round robin over the API (issue 15): the grid of the round robin a
//! case is in, as the caller may see it (404 when in none or hidden), with
//! no requester field; and a response that departs from the others is 422
//! `reason_needed` with the warnings, then goes through with a
//! `consistency_reason` beside the event, which lands on the timeline.
//!
//! The shared world's requests to authorities A and B are one text, so its
//! cases A-1, A-2 (authority A) and B-1, B-2 (authority B) are recognised as
//! one request; B-2 answered part 4 "neither confirm nor deny".

use serde_json::{json, Value};

use crate::common::{email, worlds, World};

/// Who asks for which case's grid, and the status they get.
const GRIDS: &[(&str, &str, u16)] = &[
    ("officer_a", "a_mine", 200),
    ("officer_b", "b_open", 200),
    ("admin", "b_complained", 200),
    ("requester", "a_mine", 200),
    ("officer_b", "a_mine", 404),
    ("other_requester", "a_mine", 404),
];

fn case(w: &World, name: &str) -> i64 {
    match name {
        "a_mine" => w.cases.a_mine,
        "a_other" => w.cases.a_other,
        "b_open" => w.cases.b_open,
        _ => w.cases.b_complained,
    }
}

#[tokio::test]
async fn the_grid_is_the_callers_view_of_the_round_robin_with_no_requester_field() {
    for w in worlds().await {
        for (who, name, status) in GRIDS {
            let path = format!("/api/v1/cases/{}/round-robin", case(&w, name));
            let reply = w.call("GET", &path, Some(who), None, &[]).await;
            assert_eq!(
                reply.status.as_u16(),
                *status,
                "{} {who} {name}: {}",
                w.label,
                reply.text
            );
            if *status != 200 {
                continue;
            }
            check_shape(&reply.json["round_robin"], &format!("{} {who}", w.label));
            for secret in [
                "requester",
                "contact",
                &email("requester"),
                &email("other_requester"),
            ] {
                assert!(!reply.text.contains(secret), "{} {who}: {secret}", w.label);
            }
        }
        w.finish().await;
    }
}

fn check_shape(grid: &Value, label: &str) {
    assert!(grid["id"].is_i64(), "{label}: {grid}");
    assert_eq!(grid["parts"].as_array().map(Vec::len), Some(4), "{label}");
    let rows = grid["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3, "{label}");
    for row in rows {
        assert!(
            row["authority"].is_string() && row["regime"] == "FOIA",
            "{label}: {row}"
        );
        for cell in row["cells"].as_array().unwrap() {
            for key in ["part", "stance", "result", "provisions", "date"] {
                assert!(cell.get(key).is_some(), "{label}: {key} in {cell}");
            }
        }
    }
}

#[tokio::test]
async fn a_case_in_no_round_robin_has_no_grid() {
    for w in worlds().await {
        let file = crate::common::example("synthetic-fee-pause");
        let id = w
            .system
            .open_case("a", "A-9", file, "setup")
            .await
            .unwrap()
            .summary
            .id;
        let path = format!("/api/v1/cases/{id}/round-robin");
        let reply = w.call("GET", &path, Some("officer_a"), None, &[]).await;
        assert_eq!(reply.status, 404, "{}: {}", w.label, reply.text);
        assert_eq!(reply.json["error"]["code"], "not_found", "{}", w.label);
        w.finish().await;
    }
}

#[tokio::test]
async fn a_departing_response_needs_a_reason_which_is_kept_on_the_timeline() {
    for w in worlds().await {
        let id = w.cases.b_open;
        let path = format!("/api/v1/cases/{id}/events");
        let v = w.version(id).await.unwrap();
        let event = json!({
            "kind": "response",
            "date": "2020-01-28",
            "outcomes": [
                {"part": "1", "outcome": "part_disclosed", "provisions": ["s.40(2)"]},
                {"part": "2", "outcome": "disclosed"},
                {"part": "3", "outcome": "disclosed"},
                {"part": "4", "outcome": "disclosed"},
            ],
        });
        let post = async |body: &Value| {
            let bytes = serde_json::to_vec(body).unwrap();
            let if_match = format!("\"{v}\"");
            w.call(
                "POST",
                &path,
                Some("officer_b"),
                Some(("application/json", bytes)),
                &[("if-match", &if_match)],
            )
            .await
        };
        let refused = post(&event).await;
        assert_eq!(refused.status, 422, "{}: {}", w.label, refused.text);
        let error = &refused.json["error"];
        assert_eq!(error["code"], "reason_needed", "{}", w.label);
        let warnings = error["warnings"].as_array().unwrap();
        assert!(
            warnings.iter().any(|x| x["part"] == "4"
                && x["pattern"] == "disclosure_where_peers_ncnd"
                && x["peers"].as_array().is_some_and(|p| !p.is_empty())),
            "{}: {warnings:?}",
            w.label
        );
        assert_eq!(w.version(id).await, Some(v), "{}: nothing written", w.label);

        let mut bad = event.clone();
        bad["consistency_reason"] = json!(42);
        assert_eq!(post(&bad).await.status, 422, "{}", w.label);

        let mut with_reason = event.clone();
        with_reason["consistency_reason"] =
            json!("The Commissioner's recent notice to us found no harm in naming the makers.");
        let done = post(&with_reason).await;
        assert_eq!(done.status, 201, "{}: {}", w.label, done.text);
        let events = done.json["case"]["events"].as_array().unwrap();
        let kinds: Vec<_> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
        assert_eq!(
            kinds[kinds.len() - 2..],
            ["consistency_reason", "response"],
            "{}",
            w.label
        );
        assert_eq!(w.version(id).await, Some(v + 2), "{}", w.label);
        w.finish().await;
    }
}
