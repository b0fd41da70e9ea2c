//! Sign in and sign out. The sign-in form's CSRF token is a random value in
//! a cookie of its own, since there is no session yet.

use super::PageForm;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::{Role, DEMO_PASSWORD, MAX_EMAIL_CHARS, MAX_PASSWORD_CHARS};
use maud::html;
use serde::Deserialize;

use super::page::{csrf_field, layout, problem, text_input, Problem};
use super::session::{cookie, random_token, tokens_match, WebUser, SIGN_IN_COOKIE};
use super::{csrf_refused, respond};
use crate::auth::{session_clear_cookie, session_cookie, session_set_cookie, set_cookie};
use crate::AppState;

/// What each demo account can do, for the sign-in page of a demo.
fn can_do(role: Role) -> &'static str {
    match role {
        Role::Administrator => "Manages accounts and authorities, and can do anything an officer can.",
        Role::Officer => "An FOI officer of a police force: logs requests, records what happens and sends letters.",
        Role::Caseworker => "A caseworker at the Information Commissioner's Office: sees cases complained about.",
        Role::Requester => "A member of the public: follows the requests they made.",
        Role::Coordinator => "A national FOI unit: sees the round robins among police forces and records advice, never who asked.",
    }
}

async fn page(state: &AppState, status: StatusCode, email: &str, errors: &[Problem]) -> Response {
    let token = random_token();
    // Only a store the demo loaded lists its accounts; a failure to read
    // them leaves the page as it always is.
    let demo = state.service.demo_accounts().await.unwrap_or_default();
    // Off (or unreadable) means no link: sign-up is by invitation.
    let open_sign_up = state.service.open_sign_up().await.unwrap_or(false);
    let body = html! {
        h1 { "Sign in to foidesk" }
        @if !demo.is_empty() {
            div class="inset" id="demo-accounts" {
                h2 { "This is a demonstration" }
                p { "Sign in as one of these accounts. Each has the password " code { (DEMO_PASSWORD) } "." }
                dl class="summary-list" {
                    @for (address, role) in &demo {
                        div class="summary-list__row" {
                            dt class="summary-list__key" { (address) }
                            dd class="summary-list__value" { (can_do(*role)) }
                        }
                    }
                }
            }
        }
        form method="post" action="/sign-in" novalidate {
            (csrf_field(&token))
            (text_input("email", "Email address", None, email, "email", errors))
            (text_input("password", "Password", None, "", "password", errors))
            button class="button" type="submit" { "Sign in" }
        }
        @if open_sign_up {
            p { "No account? " a href="/sign-up" { "Create an account" } " to make requests for information." }
        }
    };
    let mut response = respond(status, layout("Sign in", None, errors, body));
    let cookie = format!("{SIGN_IN_COOKIE}={token}; Path=/sign-in; HttpOnly; SameSite=Strict");
    if set_cookie(&mut response, &cookie).is_err() {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    response
}

/// GET /sign-in; someone already signed in goes to the dashboard.
pub async fn form(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(secret) = session_cookie(&headers) {
        if let Ok(Some(_)) = state.service.user_for_session(&secret).await {
            return Redirect::to("/").into_response();
        }
    }
    page(&state, StatusCode::OK, "", &[]).await
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    PageForm(form): PageForm<SignInForm>,
) -> Response {
    let expected = cookie(&headers, SIGN_IN_COOKIE).unwrap_or_default();
    if expected.is_empty() || !tokens_match(&form.csrf, &expected) {
        let errors = [problem("email", "The form expired. Sign in again.")];
        return page(&state, StatusCode::FORBIDDEN, &form.email, &errors).await;
    }
    let mut errors = Vec::new();
    if form.email.trim().is_empty() {
        errors.push(problem("email", "Enter your email address"));
    }
    if form.password.is_empty() {
        errors.push(problem("password", "Enter your password"));
    }
    if !errors.is_empty() {
        return page(
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form.email,
            &errors,
        )
        .await;
    }
    let service = &state.service;
    let user = match service.authenticate(&form.email, &form.password).await {
        Ok(Some(user)) => user,
        Ok(None) => {
            let errors = [problem(
                "email",
                "The email address or password is not right",
            )];
            return page(&state, StatusCode::UNAUTHORIZED, &form.email, &errors).await;
        }
        Err(foidesk_engine::EngineError::Disabled) => {
            let errors = [problem(
                "email",
                "This account has been disabled. Ask your administrator to enable it.",
            )];
            return page(&state, StatusCode::FORBIDDEN, &form.email, &errors).await;
        }
        Err(foidesk_engine::EngineError::Throttled { minutes }) => {
            let message = format!(
                "Too many failed attempts for this address. Try again in {minutes} minutes."
            );
            let errors = [problem("email", message)];
            return page(&state, StatusCode::TOO_MANY_REQUESTS, &form.email, &errors).await;
        }
        // Too long an address or password: said before any work is done,
        // and a huge address is not sent back.
        Err(foidesk_engine::EngineError::Invalid { field, .. })
            if field == "email" || field == "password" =>
        {
            let (email, message) = if field == "email" {
                (
                    "",
                    format!("Enter an email address of at most {MAX_EMAIL_CHARS} characters"),
                )
            } else {
                (
                    form.email.as_str(),
                    format!("Enter a password of at most {MAX_PASSWORD_CHARS} characters"),
                )
            };
            let errors = [problem(&field, message)];
            return page(&state, StatusCode::UNPROCESSABLE_ENTITY, email, &errors).await;
        }
        Err(e) => return crate::error::internal(&e).into_response(),
    };
    // A browser signing in again leaves no earlier session behind.
    if let Some(earlier) = session_cookie(&headers) {
        if let Err(e) = service.end_session(&earlier).await {
            return crate::error::internal(&e).into_response();
        }
    }
    let secret = match service.start_session(&user).await {
        Ok((secret, _)) => secret,
        Err(e) => return crate::error::internal(&e).into_response(),
    };
    let mut response = Redirect::to("/").into_response();
    let cleared = format!("{SIGN_IN_COOKIE}=; Path=/sign-in; HttpOnly; SameSite=Strict; Max-Age=0");
    let cookie = session_set_cookie(&state, &headers, &secret);
    if set_cookie(&mut response, &cookie).is_err() || set_cookie(&mut response, &cleared).is_err() {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    response
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    who: WebUser,
    PageForm(form): PageForm<CsrfOnly>,
) -> Response {
    if !tokens_match(&form.csrf, &who.csrf) {
        return csrf_refused(&who);
    }
    if let Some(secret) = session_cookie(&headers) {
        if let Err(e) = state.service.end_session(&secret).await {
            return crate::error::internal(&e).into_response();
        }
    }
    let mut response = Redirect::to("/sign-in").into_response();
    if set_cookie(&mut response, &session_clear_cookie()).is_err() {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    response
}
