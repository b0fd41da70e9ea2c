//! The OpenAPI document names every route of the router with its method,
//! every schema it refers to exists, and the router answers each route
//! (never the JSON 404 for an unknown route or a 405).

use crate::common;

use foidesk_server::ROUTES;
use serde_json::Value;

fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                out.push(r.clone());
            }
            map.values().for_each(|v| refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[tokio::test]
async fn the_document_describes_every_route_and_the_router_has_each() {
    let world = common::worlds().await.remove(0);
    let reply = world
        .call("GET", "/api/v1/openapi.json", None, None, &[])
        .await;
    assert_eq!(reply.status, 200);
    let doc = reply.json;
    assert_eq!(doc["openapi"], "3.1.0");
    for r in ROUTES {
        let op = &doc["paths"][r.path][r.method.to_ascii_lowercase()];
        assert!(op.is_object(), "{} {} is not documented", r.method, r.path);
        assert!(op["responses"][r.ok.0.to_string()].is_object());
        let path = r.path.replace("{id}", "1").replace("{queue}", "overdue");
        let answer = world.call(r.method, &path, Some("admin"), None, &[]).await;
        let code = answer.json["error"]["code"].as_str().unwrap_or("");
        assert!(
            answer.status != 405
                && !(answer.status == 404 && answer.text.contains("no such route")),
            "{} {}: {} {code}",
            r.method,
            r.path,
            answer.status
        );
    }
    let mut found = Vec::new();
    refs(&doc, &mut found);
    assert!(!found.is_empty());
    for r in found {
        let name = r.trim_start_matches("#/components/schemas/");
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "{r} is not defined"
        );
    }
    world.finish().await;
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_in_json() {
    let world = common::worlds().await.remove(0);
    let reply = world
        .call("GET", "/api/v1/nothing", Some("admin"), None, &[])
        .await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.json["error"]["code"], "not_found");
    let reply = world
        .call("PUT", "/api/v1/cases", Some("admin"), None, &[])
        .await;
    assert_eq!(reply.status, 405);
    assert_eq!(reply.json["error"]["code"], "method_not_allowed");
}
