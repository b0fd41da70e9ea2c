//! The OpenAPI 3.1 document, built from the route table so it cannot drift
//! from the router. Schemas describe the JSON foidesk sends and accepts; the
//! case file's fields are documented in full in docs/case-file.md.

use axum::Json;
use foidesk_engine::api::{
    CellResult, Desk, EventType, ReturnCounts, Stance, Status, WarningPattern,
};
use foidesk_engine::{Role, MAX_EVENTS_PER_CASE};
use serde_json::{json, Map, Value};

use crate::routes::ROUTES;

pub async fn document() -> Json<Value> {
    Json(build())
}

pub fn build() -> Value {
    let mut paths = Map::new();
    for r in ROUTES {
        let mut op = Map::new();
        op.insert("summary".into(), json!(r.summary));
        let id = format!("{} {}", r.method, r.path);
        op.insert("operationId".into(), json!(id));
        if !r.signed_in {
            op.insert("security".into(), json!([]));
        }
        let params: Vec<Value> = r
            .path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{')?.strip_suffix('}'))
            .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
            .chain(
                (r.method == "POST" && r.path.ends_with("/events")).then(|| {
                    json!({"name": "If-Match", "in": "header", "required": true,
                           "description": "The case version the event follows (its ETag).",
                           "schema": {"type": "string"}})
                }),
            )
            .collect();
        if !params.is_empty() {
            op.insert("parameters".into(), Value::Array(params));
        }
        if let Some((media, schema)) = r.body {
            op.insert(
                "requestBody".into(),
                json!({"required": true, "content": {media: {"schema": schema_ref(schema)}}}),
            );
        }
        let (status, schema) = r.ok;
        let ok = if schema.is_empty() {
            json!({"description": "Done"})
        } else {
            let media = if schema == "CaseFileToml" {
                "application/toml"
            } else {
                "application/json"
            };
            json!({"description": "Done", "content": {media: {"schema": schema_ref(schema)}}})
        };
        let mut responses = Map::new();
        responses.insert(status.to_string(), ok);
        for (code, why) in errors(r.signed_in, r.body.is_some()) {
            responses.insert(
                code.to_string(),
                json!({"description": why, "content": {"application/json": {"schema": schema_ref("Error")}}}),
            );
        }
        op.insert("responses".into(), Value::Object(responses));
        let entry = paths
            .entry(r.path.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(methods) = entry {
            methods.insert(r.method.to_ascii_lowercase(), Value::Object(op));
        }
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "foidesk API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "FOI and EIR casework: authorities, cases as append-only event logs, assessments and queues.",
        },
        "paths": paths,
        "security": [{"bearer": []}, {"session": []}],
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "A token from `foidesk token create`."},
                "session": {"type": "apiKey", "in": "cookie", "name": crate::auth::SESSION_COOKIE},
            },
            "schemas": schemas(),
        },
    })
}

fn schema_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn errors(signed_in: bool, has_body: bool) -> Vec<(u16, &'static str)> {
    let mut out = vec![(404, "Not found, or not visible to the caller")];
    if signed_in {
        out.push((401, "Not signed in"));
        out.push((403, "Signed in, but the role may not do this"));
    }
    if has_body {
        out.extend([
            (400, "The body does not parse"),
            (409, "A version conflict or a duplicate"),
            (413, "The body is too large"),
            (415, "Wrong content type"),
            (422, "A field is invalid; `fields` gives each path"),
        ]);
    }
    out
}

fn schemas() -> Value {
    let text = json!({"type": "string"});
    let opt_text = json!({"type": ["string", "null"]});
    let int = json!({"type": "integer"});
    let status = json!({"enum": Status::NAMES});
    // No stance: a refusal on cost or as vexatious, or nothing shown.
    let stances: Vec<Value> = Stance::NAMES
        .iter()
        .map(|n| json!(n))
        .chain([Value::Null])
        .collect();
    let summary = json!({
        "type": "object",
        "properties": {
            "id": int, "authority_id": int, "reference": text, "desk": {"enum": Desk::NAMES},
            "requester": opt_text, "version": int, "status": status,
            "next_deadline": opt_text, "assignee": opt_text,
        },
    });
    let warning = json!({"type": "object", "properties": {"part": text, "pattern": {"enum": WarningPattern::NAMES}, "message": text, "peers": {"type": "array", "items": {"type": "object", "properties": {"authority": text, "case_id": {"type": ["integer", "null"]}, "outcome": text, "provisions": {"type": "array", "items": text}, "date": opt_text}}}}});
    let round_robin = json!({"type": "object", "description": "Never any requester field.", "properties": {"round_robin": {"type": "object", "properties": {
        "id": int,
        "references": {"type": "array", "items": text},
        "parts": {"type": "array", "items": {"type": "object", "properties": {"id": text, "text": text}}},
        "rows": {"type": "array", "items": {"type": "object", "properties": {
            "authority": text, "authority_slug": text, "regime": text, "own": {"type": "boolean"}, "shared": {"type": "boolean"}, "case_id": {"type": ["integer", "null"]},
            "cells": {"type": "array", "items": {"type": "object", "properties": {
                "part": text, "stance": {"enum": stances},
                "result": {"enum": CellResult::NAMES}, "provisions": {"type": "array", "items": text}, "date": opt_text,
                "decision_notice": opt_text, "appeal": opt_text,
            }}},
        }}},
        "advice": {"type": "array", "items": {"type": "object", "properties": {"part": text, "outcome": text, "provisions": {"type": "array", "items": text}, "note": opt_text, "date": opt_text}}},
    }}}});
    let mut all = json!({
        "Error": {
            "type": "object",
            "properties": {"error": {"type": "object", "properties": {
                "status": int, "code": text, "message": text,
                "fields": {"type": "array", "items": {"type": "object", "properties": {"path": text, "message": text}}},
                "current_version": int,
                "warnings": {"type": "array", "description": "With code reason_needed: the consistency warnings a response needs a reason for.", "items": schema_ref("ConsistencyWarning")},
            }}},
        },
        "Health": {"type": "object", "properties": {"status": text}},
        "SignIn": {"type": "object", "required": ["email", "password"], "properties": {"email": text, "password": text}},
        "User": {"type": "object", "properties": {"id": int, "email": text, "name": text, "role": {"enum": Role::NAMES}, "authority_id": {"type": ["integer", "null"]}, "disabled_at": {"type": ["string", "null"], "description": "When the account was disabled (RFC 3339); null while active."}}},
        "Users": {"type": "object", "properties": {"users": {"type": "array", "items": schema_ref("User")}}},
        "NewUser": {"type": "object", "required": ["email", "name", "role", "password"], "properties": {"email": text, "name": text, "role": {"enum": Role::NAMES}, "authority": text, "password": {"type": "string", "minLength": foidesk_engine::MIN_PASSWORD_CHARS}}},
        "NewPassword": {"type": "object", "required": ["password"], "properties": {"password": {"type": "string", "minLength": foidesk_engine::MIN_PASSWORD_CHARS}}},
        "AccountOutcome": {"type": "object", "description": "What a lifecycle action did; `changed` is false when the account already was as asked.", "properties": {"account": schema_ref("User"), "changed": {"type": "boolean"}, "sessions_ended": int, "tokens_revoked": int}},
        "Audit": {"type": "object", "properties": {"audit": {"type": "array", "items": {"type": "object", "properties": {"at": text, "actor": {"type": "string", "description": "An administrator's email, or \"command line\"."}, "action": text, "account_id": int, "account_email": text, "detail": text}}}}},
        "Authority": {"type": "object", "properties": {"id": int, "slug": text, "name": text}},
        "Authorities": {"type": "object", "properties": {"authorities": {"type": "array", "items": schema_ref("Authority")}}},
        "NewAuthority": {"type": "object", "required": ["slug", "name"], "properties": {"slug": {"type": "string", "pattern": "^[a-z0-9-]{1,64}$"}, "name": text}},
        "CaseSummary": summary,
        "CaseList": {"type": "object", "properties": {"cases": {"type": "array", "items": schema_ref("CaseSummary")}, "next_after": {"type": ["integer", "null"]}}},
        "CaseFile": {"type": "object", "description": "A case file as JSON: the same fields as the TOML of docs/case-file.md.", "required": ["request"], "properties": {"case": {"type": "object"}, "request": {"type": "object"}, "events": {"type": "array", "maxItems": MAX_EVENTS_PER_CASE, "description": format!("At most {MAX_EVENTS_PER_CASE} events: a file with more, or an event appended to a case that holds {MAX_EVENTS_PER_CASE}, is 422 too_many_events and nothing is written."), "items": schema_ref("Event")}}},
        "CaseFileToml": {"type": "string", "description": "A case file in TOML (docs/case-file.md)."},
        "NewCase": {"type": "object", "required": ["authority", "reference", "case"], "properties": {"authority": text, "reference": text, "case": schema_ref("CaseFile")}},
        "Event": {"type": "object", "description": format!("One event. A case holds at most {MAX_EVENTS_PER_CASE}: appending to a full case is 422 too_many_events."), "required": ["kind", "date"], "properties": {"kind": {"enum": EventType::NAMES}, "date": {"type": "string", "format": "date"}, "note": text, "consistency_reason": {"type": "string", "description": "On POST: why a response departs from a consistent answer, when it has warnings (else 422 reason_needed)."}}},
        "Events": {"type": "object", "properties": {"case_id": int, "version": int, "events": {"type": "array", "items": {"type": "object", "properties": {"version": int, "recorded_by": text, "recorded_at": text, "event": schema_ref("Event")}}}}},
        "Case": {"allOf": [schema_ref("CaseSummary"), {"type": "object", "properties": {"next_deadline_name": opt_text, "case": schema_ref("CaseFile")}}]},
        "Assessment": {"type": "object", "properties": {"case_id": int, "version": int, "as_at": text, "status": status, "next_deadline": {"type": ["object", "null"]}, "assessment": {"type": "object"}}},
        "Queue": {"type": "object", "properties": {"queue": text, "as_at": text, "cases": {"type": "array", "items": schema_ref("CaseSummary")}}},
    });
    if let Some(map) = all.as_object_mut() {
        map.insert("ConsistencyWarning".into(), warning);
        map.insert("RoundRobin".into(), round_robin);
        map.insert("OfficialReturn".into(), official_return());
    }
    all
}

/// The official return's schema, from the counts' own JSON (so a new
/// figure appears here by itself): groups of whole numbers, exemptions by
/// provision id.
fn official_return() -> Value {
    let int = json!({"type": "integer", "minimum": 0});
    let mut properties = Map::new();
    properties.insert("from".into(), json!({"type": "string", "format": "date"}));
    properties.insert("to".into(), json!({"type": "string", "format": "date"}));
    properties.insert(
        "authority".into(),
        json!({"type": ["string", "null"], "description": "The authority's slug; null for all the caller may see"}),
    );
    let counts = serde_json::to_value(ReturnCounts::default()).unwrap_or(Value::Null);
    for (key, value) in counts.as_object().into_iter().flatten() {
        let schema = match value {
            Value::Object(group) if key == "exemptions" || group.is_empty() => {
                json!({"type": "object", "additionalProperties": int, "description": "Requests relying on each exemption, by provision id (s.31(1)(a))"})
            }
            Value::Object(group) => {
                let figures: Map<String, Value> =
                    group.keys().map(|k| (k.clone(), int.clone())).collect();
                json!({"type": "object", "properties": figures})
            }
            _ => int.clone(),
        };
        properties.insert(key.clone(), schema);
    }
    json!({"type": "object", "description": "Definitions: docs/returns.md", "properties": properties})
}
