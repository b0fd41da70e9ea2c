//! The route table: one list drives the router, the OpenAPI document and the
//! tests that walk every route.

mod admin;
mod cases;
mod params;
mod statistics;

use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};

use crate::auth;
use crate::error::ApiError;
use crate::AppState;

/// One route as documented.
#[derive(Clone, Copy, Debug)]
pub struct RouteInfo {
    pub method: &'static str,
    pub path: &'static str,
    pub summary: &'static str,
    /// Whether a caller must be signed in.
    pub signed_in: bool,
    /// Request body: (content type, schema name), if any.
    pub body: Option<(&'static str, &'static str)>,
    /// Success status and response schema name ("" for no body).
    pub ok: (u16, &'static str),
}

const fn route(
    method: &'static str,
    path: &'static str,
    summary: &'static str,
    body: Option<(&'static str, &'static str)>,
    ok: (u16, &'static str),
) -> RouteInfo {
    RouteInfo {
        method,
        path,
        summary,
        signed_in: true,
        body,
        ok,
    }
}

const fn public(route: RouteInfo) -> RouteInfo {
    RouteInfo {
        signed_in: false,
        ..route
    }
}

const JSON: &str = "application/json";

pub const ROUTES: &[RouteInfo] = &[
    public(route(
        "GET",
        "/healthz",
        "The server is up and its database migrated",
        None,
        (200, "Health"),
    )),
    public(route(
        "GET",
        "/api/v1/openapi.json",
        "This document",
        None,
        (200, ""),
    )),
    public(route(
        "POST",
        "/api/v1/session",
        "Sign in: sets a session cookie",
        Some((JSON, "SignIn")),
        (200, "User"),
    )),
    route(
        "DELETE",
        "/api/v1/session",
        "Sign out: ends the session",
        None,
        (204, ""),
    ),
    route(
        "GET",
        "/api/v1/me",
        "The signed-in account",
        None,
        (200, "User"),
    ),
    route(
        "GET",
        "/api/v1/authorities",
        "Public authorities",
        None,
        (200, "Authorities"),
    ),
    route(
        "POST",
        "/api/v1/authorities",
        "Add an authority (administrators)",
        Some((JSON, "NewAuthority")),
        (201, "Authority"),
    ),
    route(
        "GET",
        "/api/v1/users",
        "Accounts (administrators)",
        None,
        (200, "Users"),
    ),
    route(
        "POST",
        "/api/v1/users",
        "Add an account (administrators)",
        Some((JSON, "NewUser")),
        (201, "User"),
    ),
    route(
        "POST",
        "/api/v1/users/{id}/disable",
        "Disable an account: no sign-in, sessions ended, tokens revoked (administrators)",
        None,
        (200, "AccountOutcome"),
    ),
    route(
        "POST",
        "/api/v1/users/{id}/enable",
        "Enable a disabled account; old sessions and tokens stay ended (administrators)",
        None,
        (200, "AccountOutcome"),
    ),
    route(
        "POST",
        "/api/v1/users/{id}/password",
        "Reset a password: sessions ended, tokens revoked (administrators)",
        Some((JSON, "NewPassword")),
        (200, "AccountOutcome"),
    ),
    route(
        "POST",
        "/api/v1/users/{id}/sessions/end",
        "End every session of an account (administrators)",
        None,
        (200, "AccountOutcome"),
    ),
    route(
        "GET",
        "/api/v1/audit",
        "The audit record of account changes, newest first (administrators)",
        None,
        (200, "Audit"),
    ),
    route(
        "GET",
        "/api/v1/cases",
        "Cases the caller may see, in pages (?after=ID&limit=N)",
        None,
        (200, "CaseList"),
    ),
    route(
        "POST",
        "/api/v1/cases",
        "Open a case from a case file as JSON",
        Some((JSON, "NewCase")),
        (201, "Case"),
    ),
    route(
        "POST",
        "/api/v1/import",
        "Open a case from a TOML case file (?authority=SLUG&reference=REF)",
        Some(("application/toml", "CaseFileToml")),
        (201, "Case"),
    ),
    route(
        "GET",
        "/api/v1/cases/{id}",
        "A case: its file, version (also the ETag) and stage",
        None,
        (200, "Case"),
    ),
    route(
        "GET",
        "/api/v1/cases/{id}/assessment",
        "Deadlines and findings as at today",
        None,
        (200, "Assessment"),
    ),
    route(
        "GET",
        "/api/v1/cases/{id}/events",
        "The event log with who recorded each event and when",
        None,
        (200, "Events"),
    ),
    route(
        "POST",
        "/api/v1/cases/{id}/events",
        "Append an event; needs If-Match: <version>",
        Some((JSON, "Event")),
        (201, "Case"),
    ),
    route(
        "GET",
        "/api/v1/cases/{id}/round-robin",
        "The round robin the case is in: each authority's answer to each part, as the caller may see it; 404 when in none",
        None,
        (200, "RoundRobin"),
    ),
    route(
        "GET",
        "/api/v1/cases/{id}/export",
        "The case file as TOML",
        None,
        (200, "CaseFileToml"),
    ),
    route(
        "GET",
        "/api/v1/queues/{queue}",
        "due-today, due-soon (?days=N) or overdue (?authority=SLUG&assignee=&desk=&limit=)",
        None,
        (200, "Queue"),
    ),
    route(
        "GET",
        "/api/v1/statistics/return",
        "The official FOI return (?from=DATE&to=DATE&authority=SLUG): administrators any authority or all, officers their own, requesters their own requests",
        None,
        (200, "OfficialReturn"),
    ),
];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health))
        .route("/api/v1/openapi.json", get(crate::openapi::document))
        .route(
            "/api/v1/session",
            post(auth::sign_in).delete(auth::sign_out),
        )
        .route("/api/v1/me", get(auth::me))
        .route(
            "/api/v1/authorities",
            get(admin::authorities).post(admin::add_authority),
        )
        .route("/api/v1/users", get(admin::users).post(admin::add_user))
        .route("/api/v1/users/{id}/disable", post(admin::disable_user))
        .route("/api/v1/users/{id}/enable", post(admin::enable_user))
        .route("/api/v1/users/{id}/password", post(admin::reset_password))
        .route("/api/v1/users/{id}/sessions/end", post(admin::end_sessions))
        .route("/api/v1/audit", get(admin::audit))
        .route("/api/v1/cases", get(cases::list).post(cases::create))
        .route("/api/v1/import", post(cases::import))
        .route("/api/v1/cases/{id}", get(cases::show))
        .route("/api/v1/cases/{id}/assessment", get(cases::assessment))
        .route(
            "/api/v1/cases/{id}/events",
            get(cases::events).post(cases::append),
        )
        .route("/api/v1/cases/{id}/round-robin", get(cases::round_robin))
        .route("/api/v1/cases/{id}/export", get(cases::export))
        .route("/api/v1/queues/{queue}", get(cases::queue))
        .route(
            "/api/v1/statistics/return",
            get(statistics::official_return),
        )
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}

/// Asks the store a cheap question, so a store that stops answering is not
/// reported ok; why is logged, not sent.
async fn health(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> (StatusCode, Json<serde_json::Value>) {
    match state.service.ping(std::time::Duration::from_secs(3)).await {
        Ok(()) => (StatusCode::OK, Json(serde_json::json!({ "status": "ok" }))),
        Err(e) => {
            tracing::error!(error = %e, "health check: the store did not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "status": "unavailable" })),
            )
        }
    }
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such route; see /api/v1/openapi.json")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this route does not take that method; see /api/v1/openapi.json",
    )
}
