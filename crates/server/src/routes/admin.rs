//! Authorities and accounts. Anyone signed in may list authorities (they
//! are public bodies); only administrators add them or manage accounts:
//! add, disable, enable, reset a password, end sessions, read the audit.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use foidesk_engine::{AccountOutcome, Role, User};
use serde::Deserialize;

use crate::auth::Caller;
use crate::body::JsonBody;
use crate::error::{ApiError, PathScope};
use crate::AppState;

const ROOT: PathScope = PathScope::CaseFile("");

pub async fn authorities(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> Result<Json<serde_json::Value>, ApiError> {
    let list = state
        .service
        .as_user(&user)
        .authorities()
        .await
        .map_err(|e| ApiError::from_engine(e, &ROOT))?;
    let list: Vec<_> = list
        .into_iter()
        .map(|a| serde_json::json!({ "id": a.id, "slug": a.slug, "name": a.name }))
        .collect();
    Ok(Json(serde_json::json!({ "authorities": list })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAuthority {
    slug: String,
    name: String,
}

pub async fn add_authority(
    State(state): State<AppState>,
    Caller(user): Caller,
    JsonBody(body): JsonBody<NewAuthority>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    let a = state
        .service
        .as_user(&user)
        .add_authority(&body.slug, &body.name)
        .await
        .map_err(|e| ApiError::from_engine(e, &ROOT))?;
    let out = serde_json::json!({ "id": a.id, "slug": a.slug, "name": a.name });
    Ok((StatusCode::CREATED, Json(out)))
}

pub async fn users(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> Result<Json<serde_json::Value>, ApiError> {
    let list = state
        .service
        .as_user(&user)
        .users()
        .await
        .map_err(|e| ApiError::from_engine(e, &ROOT))?;
    Ok(Json(serde_json::json!({ "users": list })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    email: String,
    name: String,
    role: String,
    #[serde(default)]
    authority: Option<String>,
    password: String,
}

pub async fn add_user(
    State(state): State<AppState>,
    Caller(by): Caller,
    JsonBody(body): JsonBody<NewUser>,
) -> Result<(StatusCode, Json<User>), ApiError> {
    let role = Role::from_name(&body.role).ok_or_else(|| {
        let names: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        ApiError::invalid("role", format!("use one of {}", names.join(", ")))
    })?;
    let user = state
        .service
        .as_user(&by)
        .add_user(
            &body.email,
            &body.name,
            role,
            body.authority.as_deref(),
            &body.password,
        )
        .await
        .map_err(|e| ApiError::from_engine(e, &ROOT))?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// An account id from the path; anything else names no account.
fn account_id(text: &str) -> Result<i64, ApiError> {
    text.parse()
        .map_err(|_| ApiError::not_found(format!("no account {text}")))
}

type Outcome = Result<Json<AccountOutcome>, ApiError>;

pub async fn disable_user(
    State(state): State<AppState>,
    Caller(by): Caller,
    Path(id): Path<String>,
) -> Outcome {
    let id = account_id(&id)?;
    let done = state.service.as_user(&by).disable_account(id).await;
    Ok(Json(done.map_err(|e| ApiError::from_engine(e, &ROOT))?))
}

pub async fn enable_user(
    State(state): State<AppState>,
    Caller(by): Caller,
    Path(id): Path<String>,
) -> Outcome {
    let id = account_id(&id)?;
    let done = state.service.as_user(&by).enable_account(id).await;
    Ok(Json(done.map_err(|e| ApiError::from_engine(e, &ROOT))?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPassword {
    password: String,
}

pub async fn reset_password(
    State(state): State<AppState>,
    Caller(by): Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<NewPassword>,
) -> Outcome {
    let id = account_id(&id)?;
    let done = state
        .service
        .as_user(&by)
        .reset_password(id, &body.password)
        .await;
    Ok(Json(done.map_err(|e| ApiError::from_engine(e, &ROOT))?))
}

pub async fn end_sessions(
    State(state): State<AppState>,
    Caller(by): Caller,
    Path(id): Path<String>,
) -> Outcome {
    let id = account_id(&id)?;
    let done = state.service.as_user(&by).end_sessions(id).await;
    Ok(Json(done.map_err(|e| ApiError::from_engine(e, &ROOT))?))
}

pub async fn audit(
    State(state): State<AppState>,
    Caller(by): Caller,
) -> Result<Json<serde_json::Value>, ApiError> {
    let lines = state
        .service
        .as_user(&by)
        .account_audit()
        .await
        .map_err(|e| ApiError::from_engine(e, &ROOT))?;
    Ok(Json(serde_json::json!({ "audit": lines })))
}
