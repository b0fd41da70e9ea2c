//! Joining by invitation (`/join/{token}`: set a password, then signed in)
//! and open sign-up (`/sign-up`, when an administrator has turned it on).
//! Neither has a session yet, so, like the sign-in form, each form's CSRF
//! token is a random value in a cookie of its own (double submit).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::{EngineError, User, MIN_PASSWORD_CHARS};
use maud::{html, Markup};
use serde::Deserialize;

use super::page::{csrf_field, layout, problem, text_input, Problem};
use super::session::{cookie, random_token, tokens_match};
use super::{respond, PageForm};
use crate::auth::{session_cookie, session_set_cookie, set_cookie};
use crate::error::internal;
use crate::AppState;

const JOIN_COOKIE: &str = "foidesk_join";
const SIGN_UP_COOKIE: &str = "foidesk_sign_up";

#[derive(Default, Deserialize)]
pub struct AccountForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    person: String,
    #[serde(default)]
    password: String,
}

/// A page of a form with its fresh CSRF cookie, scoped to the form's path.
fn with_token(
    status: StatusCode,
    title: &str,
    errors: &[Problem],
    name: &str,
    path: &str,
    body: impl FnOnce(&str) -> Markup,
) -> Response {
    let token = random_token();
    let mut response = respond(status, layout(title, None, errors, body(&token)));
    let cookie = format!("{name}={token}; Path={path}; HttpOnly; SameSite=Strict");
    if set_cookie(&mut response, &cookie).is_err() {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    response
}

fn plain_page(status: StatusCode, title: &str, text: &str) -> Response {
    let body = html! {
        h1 { (title) }
        p { (text) }
        p { a href="/sign-in" { "Go to sign in" } }
    };
    respond(status, layout(title, None, &[], body))
}

fn password_hint() -> String {
    format!("At least {MIN_PASSWORD_CHARS} characters. A few unrelated words make a good one.")
}

/// Sign the new account in, clearing the form's cookie, and go to the dashboard.
async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
    user: &User,
    form_cookie: &str,
    path: &str,
) -> Response {
    if let Some(earlier) = session_cookie(headers) {
        if let Err(e) = state.service.end_session(&earlier).await {
            return internal(&e).into_response();
        }
    }
    let secret = match state.service.start_session(user).await {
        Ok((secret, _)) => secret,
        Err(e) => return internal(&e).into_response(),
    };
    let mut response = Redirect::to("/").into_response();
    let cleared = format!("{form_cookie}=; Path={path}; HttpOnly; SameSite=Strict; Max-Age=0");
    let cookie = session_set_cookie(state, headers, &secret);
    if set_cookie(&mut response, &cookie).is_err() || set_cookie(&mut response, &cleared).is_err() {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    response
}

fn invitation_gone() -> Response {
    plain_page(
        StatusCode::NOT_FOUND,
        "This invitation cannot be used",
        "The link has expired, has been used already, or was not copied in full. Ask the administrator who invited you for a new one.",
    )
}

async fn join_page(
    state: &AppState,
    status: StatusCode,
    token: &str,
    errors: &[Problem],
) -> Response {
    let invited = match state.service.invited(token).await {
        Ok(Some(i)) => i,
        Ok(None) => return invitation_gone(),
        Err(e) => return internal(&e).into_response(),
    };
    let path = format!("/join/{token}");
    with_token(
        status,
        "Set your password",
        errors,
        JOIN_COOKIE,
        &path,
        |csrf| {
            html! {
                span class="caption" { "Join foidesk" }
                h1 { "Set your password" }
                p { "You were invited to make and follow requests for information as " strong { (invited.name) } ", " (invited.email) "." }
                form method="post" action=(path) novalidate {
                    (csrf_field(csrf))
                    (text_input("password", "Password", Some(&password_hint()), "", "password", errors))
                    button class="button" type="submit" { "Set password and sign in" }
                }
            }
        },
    )
}

/// GET /join/{token}
pub async fn form(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    join_page(&state, StatusCode::OK, &token, &[]).await
}

/// POST /join/{token}: the account is made, the invitation used, and the
/// person signed in.
pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    PageForm(form): PageForm<AccountForm>,
) -> Response {
    let expected = cookie(&headers, JOIN_COOKIE).unwrap_or_default();
    if expected.is_empty() || !tokens_match(&form.csrf, &expected) {
        let errors = [problem(
            "password",
            "The form expired. Enter your password again.",
        )];
        return join_page(&state, StatusCode::FORBIDDEN, &token, &errors).await;
    }
    match state.service.join(&token, &form.password).await {
        Ok(user) => {
            signed_in(
                &state,
                &headers,
                &user,
                JOIN_COOKIE,
                &format!("/join/{token}"),
            )
            .await
        }
        Err(EngineError::NotFound { .. }) => invitation_gone(),
        Err(EngineError::Invalid { message, .. }) => {
            let errors = [problem("password", format!("Password: {message}"))];
            join_page(&state, StatusCode::UNPROCESSABLE_ENTITY, &token, &errors).await
        }
        Err(EngineError::Duplicate { .. }) => plain_page(
            StatusCode::CONFLICT,
            "You already have an account",
            "An account with this email address already exists. Sign in with it instead.",
        ),
        Err(e) => internal(&e).into_response(),
    }
}

async fn sign_up_page(
    state: &AppState,
    status: StatusCode,
    form: &AccountForm,
    errors: &[Problem],
) -> Response {
    match state.service.open_sign_up().await {
        Ok(true) => {}
        Ok(false) => return plain_page(
            status_when_closed(status),
            "Sign-up is by invitation",
            "Accounts on this foidesk are made by invitation. Ask its administrator to invite you.",
        ),
        Err(e) => return internal(&e).into_response(),
    }
    with_token(
        status,
        "Create an account",
        errors,
        SIGN_UP_COOKIE,
        "/sign-up",
        |csrf| {
            html! {
                h1 { "Create an account" }
                p { "With an account you can ask public authorities for information and follow their answers." }
                form method="post" action="/sign-up" novalidate {
                    (csrf_field(csrf))
                    (text_input("person", "Your name", Some("Authorities need a real name to answer a request for information."), &form.person, "text", errors))
                    (text_input("email", "Email address", None, &form.email, "email", errors))
                    (text_input("password", "Password", Some(&password_hint()), "", "password", errors))
                    button class="button" type="submit" { "Create account" }
                }
                p { "Already have an account? " a href="/sign-in" { "Sign in" } "." }
            }
        },
    )
}

/// A closed sign-up answers a form post with 403; a visit is just told.
fn status_when_closed(status: StatusCode) -> StatusCode {
    if status == StatusCode::OK {
        StatusCode::OK
    } else {
        StatusCode::FORBIDDEN
    }
}

/// GET /sign-up
pub async fn sign_up_form(State(state): State<AppState>) -> Response {
    sign_up_page(&state, StatusCode::OK, &AccountForm::default(), &[]).await
}

/// POST /sign-up
pub async fn sign_up(
    State(state): State<AppState>,
    headers: HeaderMap,
    PageForm(form): PageForm<AccountForm>,
) -> Response {
    let expected = cookie(&headers, SIGN_UP_COOKIE).unwrap_or_default();
    if expected.is_empty() || !tokens_match(&form.csrf, &expected) {
        let errors = [problem("person", "The form expired. Try again.")];
        return sign_up_page(&state, StatusCode::FORBIDDEN, &form, &errors).await;
    }
    let mut errors = Vec::new();
    if form.person.trim().is_empty() {
        errors.push(problem("person", "Enter your name"));
    }
    if form.email.trim().is_empty() {
        errors.push(problem("email", "Enter your email address"));
    }
    if form.password.is_empty() {
        errors.push(problem("password", "Enter a password"));
    }
    if !errors.is_empty() {
        return sign_up_page(&state, StatusCode::UNPROCESSABLE_ENTITY, &form, &errors).await;
    }
    let made = state
        .service
        .sign_up(&form.email, &form.person, &form.password)
        .await;
    let (status, p) = match made {
        Ok(user) => return signed_in(&state, &headers, &user, SIGN_UP_COOKIE, "/sign-up").await,
        Err(EngineError::Forbidden { .. }) => {
            return sign_up_page(&state, StatusCode::FORBIDDEN, &form, &[]).await
        }
        Err(EngineError::Invalid { field, message }) => {
            let (id, label) = match field.as_str() {
                "email" => ("email", "Email address"),
                "password" => ("password", "Password"),
                _ => ("person", "Name"),
            };
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                problem(id, format!("{label}: {message}")),
            )
        }
        Err(EngineError::Duplicate { .. }) => (
            StatusCode::CONFLICT,
            problem(
                "email",
                "There is already an account with this email address: sign in instead",
            ),
        ),
        Err(EngineError::Throttled { minutes }) => (
            StatusCode::TOO_MANY_REQUESTS,
            problem(
                "email",
                format!("Too many attempts for this address. Try again in {minutes} minutes."),
            ),
        ),
        Err(e) => return internal(&e).into_response(),
    };
    sign_up_page(&state, status, &form, &[p]).await
}
