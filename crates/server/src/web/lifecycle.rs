//! The account lifecycle forms of the admin page: disable, enable, end
//! sessions (one button per account) and reset a password. Each posts,
//! then redirects to the admin page with a confirmation; a refusal shows
//! the page again with the problem in the error summary.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::{AccountOutcome, EngineError, Role};
use serde::Deserialize;

use super::admin::{page, Forms, PasswordForm};
use super::page::problem;
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, PageForm};
use crate::error::internal;
use crate::AppState;

#[derive(Default, Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

#[derive(Clone, Copy)]
enum Action {
    Disable,
    Enable,
    EndSessions,
}

pub async fn disable(
    state: State<AppState>,
    who: WebUser,
    id: Path<String>,
    form: PageForm<CsrfOnly>,
) -> Response {
    act(state, who, id, form, Action::Disable).await
}

pub async fn enable(
    state: State<AppState>,
    who: WebUser,
    id: Path<String>,
    form: PageForm<CsrfOnly>,
) -> Response {
    act(state, who, id, form, Action::Enable).await
}

pub async fn end_sessions(
    state: State<AppState>,
    who: WebUser,
    id: Path<String>,
    form: PageForm<CsrfOnly>,
) -> Response {
    act(state, who, id, form, Action::EndSessions).await
}

async fn act(
    State(state): State<AppState>,
    who: WebUser,
    Path(id): Path<String>,
    PageForm(form): PageForm<CsrfOnly>,
    action: Action,
) -> Response {
    if !tokens_match(&form.csrf, &who.csrf) {
        return csrf_refused(&who);
    }
    let Ok(id) = id.parse::<i64>() else {
        return no_account(&who);
    };
    let by = state.service.as_user(&who.user);
    let (done, word) = match action {
        Action::Disable => (by.disable_account(id).await, "disabled"),
        Action::Enable => (by.enable_account(id).await, "enabled"),
        Action::EndSessions => (by.end_sessions(id).await, "sessions"),
    };
    finish(&state, &who, done, word, Forms::default(), "users").await
}

pub async fn reset_password(
    State(state): State<AppState>,
    who: WebUser,
    PageForm(form): PageForm<PasswordForm>,
) -> Response {
    if !tokens_match(&form.csrf, &who.csrf) {
        return csrf_refused(&who);
    }
    let Ok(id) = form.account.parse::<i64>() else {
        let forms = Forms {
            password: form,
            ..Forms::default()
        };
        let p = problem("account", "Choose the account whose password to reset");
        return page(&state, &who, StatusCode::UNPROCESSABLE_ENTITY, &forms, &[p]).await;
    };
    let done = state
        .service
        .as_user(&who.user)
        .reset_password(id, &form.password)
        .await;
    let forms = Forms {
        password: form,
        ..Forms::default()
    };
    finish(&state, &who, done, "password", forms, "account").await
}

/// Redirect with a confirmation, or show why not. `field` is where a
/// refusal's message points in the error summary.
async fn finish(
    state: &AppState,
    who: &WebUser,
    done: Result<AccountOutcome, EngineError>,
    word: &str,
    forms: Forms,
    field: &str,
) -> Response {
    let err = match done {
        Ok(o) => {
            let to = format!("/admin?done={word}&account={}#users", o.account.id);
            return Redirect::to(&to).into_response();
        }
        Err(e) => e,
    };
    match err {
        EngineError::Forbidden { message } if who.user.role != Role::Administrator => {
            message_page(who, StatusCode::FORBIDDEN, "Administrators only", &message)
        }
        // The administrator asked for something that would lock people out.
        EngineError::Forbidden { message } => {
            let p = problem(field, capitalise(&message));
            page(state, who, StatusCode::FORBIDDEN, &forms, &[p]).await
        }
        EngineError::Invalid { message, .. } => {
            let p = problem("new-password", format!("Password: {message}"));
            page(state, who, StatusCode::UNPROCESSABLE_ENTITY, &forms, &[p]).await
        }
        EngineError::NotFound { .. } => no_account(who),
        other => internal(&other).into_response(),
    }
}

fn no_account(who: &WebUser) -> Response {
    message_page(
        who,
        StatusCode::NOT_FOUND,
        "No such account",
        "There is no account at that address. Go to the admin page and choose an account from the list.",
    )
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
