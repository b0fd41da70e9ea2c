//! Who is calling: a bearer token (API clients) or a session cookie
//! (browsers). Sign-in and sign-out make and end sessions.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use foidesk_engine::User;
use serde::Deserialize;

use crate::body::JsonBody;
use crate::error::{ApiError, PathScope};
use crate::AppState;

pub const SESSION_COOKIE: &str = "foidesk_session";

/// The signed-in user; a handler that takes it answers 401 to anyone else.
pub struct Caller(pub User);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let service = &state.service;
        let found = if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
            let token = value
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .ok_or_else(ApiError::unauthenticated)?;
            service.user_for_token(token).await
        } else if let Some(secret) = session_cookie(&parts.headers) {
            service.user_for_session(&secret).await
        } else {
            return Err(ApiError::unauthenticated());
        };
        match found {
            Ok(Some(user)) => Ok(Caller(user)),
            Ok(None) => Err(ApiError::unauthenticated()),
            Err(e) => Err(ApiError::from_engine(e, &PathScope::CaseFile(""))),
        }
    }
}

/// The session secret from the Cookie header, if one is sent.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    crate::web::session::cookie(headers, SESSION_COOKIE)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    email: String,
    password: String,
}

/// POST /api/v1/session: a session cookie for a right email and password,
/// ending the session the browser held before, if any.
pub async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    JsonBody(form): JsonBody<SignIn>,
) -> Result<Response, ApiError> {
    let scope = PathScope::CaseFile("");
    let service = &state.service;
    let user = service
        .authenticate(&form.email, &form.password)
        .await
        .map_err(|e| ApiError::from_engine(e, &scope))?
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "that email and password do not match an account",
            )
        })?;
    // A browser signing in again leaves no earlier session behind.
    if let Some(earlier) = session_cookie(&headers) {
        service
            .end_session(&earlier)
            .await
            .map_err(|e| ApiError::from_engine(e, &scope))?;
    }
    let (secret, _expires) = service
        .start_session(&user)
        .await
        .map_err(|e| ApiError::from_engine(e, &scope))?;
    let mut response = Json(user).into_response();
    let cookie = session_set_cookie(&state, &headers, &secret);
    set_cookie(&mut response, &cookie)?;
    Ok(response)
}

/// DELETE /api/v1/session: end the session and clear the cookie.
pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    _caller: Caller,
) -> Result<Response, ApiError> {
    if let Some(secret) = session_cookie(&headers) {
        state
            .service
            .end_session(&secret)
            .await
            .map_err(|e| ApiError::from_engine(e, &PathScope::CaseFile("")))?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    set_cookie(&mut response, &session_clear_cookie())?;
    Ok(response)
}

/// GET /api/v1/me
pub async fn me(Caller(user): Caller) -> Json<User> {
    Json(user)
}

/// The session cookie: HttpOnly (no script reads it), SameSite=Lax (no
/// cross-site post carries it), Secure when served over TLS.
pub fn session_set_cookie(state: &AppState, headers: &HeaderMap, secret: &str) -> String {
    let secure = state.secure_cookies || forwarded_https(headers);
    format!(
        "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        12 * 60 * 60,
        if secure { "; Secure" } else { "" }
    )
}

pub fn session_clear_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// Add a Set-Cookie header (a response may set several).
pub fn set_cookie(response: &mut Response, cookie: &str) -> Result<(), ApiError> {
    let value = HeaderValue::from_str(cookie).map_err(|e| crate::error::internal(&e))?;
    response.headers_mut().append(header::SET_COOKIE, value);
    Ok(())
}

/// A TLS-terminating proxy in front says the client used HTTPS.
pub fn forwarded_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}
