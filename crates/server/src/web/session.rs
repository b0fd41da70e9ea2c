//! Who is signed in to the web pages, and the CSRF token each form carries.
//!
//! The token for a session is a hash of the session's secret, so the server
//! keeps nothing extra and a page from another site, which cannot read the
//! HttpOnly cookie, cannot forge it. The sign-in form, before any session,
//! uses a random token held in a cookie of its own (double submit).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::User;
use sha2::{Digest, Sha256};

use crate::auth::session_cookie;
use crate::error::internal;
use crate::AppState;

pub const SIGN_IN_COOKIE: &str = "foidesk_sign_in";

/// A signed-in user of the web pages; anyone else is sent to sign in.
pub struct WebUser {
    pub user: User,
    pub csrf: String,
}

impl FromRequestParts<AppState> for WebUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Some(secret) = session_cookie(&parts.headers) else {
            return Err(Redirect::to("/sign-in").into_response());
        };
        match state.service.user_for_session(&secret).await {
            Ok(Some(user)) => Ok(WebUser {
                user,
                csrf: csrf_token(&secret),
            }),
            Ok(None) => Err(Redirect::to("/sign-in").into_response()),
            Err(e) => Err(internal(&e).into_response()),
        }
    }
}

pub fn csrf_token(secret: &str) -> String {
    hex(&Sha256::digest(format!("foidesk-csrf:{secret}").as_bytes()))
}

/// Equal tokens, compared in time that does not depend on where they differ.
pub fn tokens_match(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// A fresh random token for the sign-in form.
pub fn random_token() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No randomness: an empty token never matches, so sign-in is refused.
        return String::new();
    }
    hex(&bytes)
}

/// A cookie from the request's Cookie header.
pub fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_owned())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
