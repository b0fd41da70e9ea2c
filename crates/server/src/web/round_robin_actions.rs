//! What an officer does with a case's round robin: link it by an external
//! reference (a national referral number, a WhatDoTheyKnow batch id),
//! confirm a suggested variant, or take it out with a reason; and whether
//! their authority shares its answers. Each is kept by the engine as an
//! event with who did it and when.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::api::LinkBy;
use foidesk_engine::{CaseView, EngineError};
use maud::html;
use serde::Deserialize;

use super::case_page::visible;
use super::page::{csrf_field, layout, problem, text_input, textarea, Problem, Viewer};
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, respond, PageForm};
use crate::error::internal;
use crate::AppState;

#[derive(Default, Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reference: String,
    /// A suggested variant's round robin, confirmed.
    #[serde(default)]
    round_robin: String,
    /// A suggested variant in no round robin yet, confirmed.
    #[serde(default)]
    with_case: String,
}

#[derive(Default, Deserialize)]
pub struct LeaveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
}

#[derive(Default, Deserialize)]
pub struct SharingForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    shares: String,
    /// The case page to go back to, if the form was on one.
    #[serde(default)]
    case: String,
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The page of one action on a case's round robin: a reference to type, or
/// a reason to give.
fn action_page(
    who: &WebUser,
    view: &CaseView,
    leave: bool,
    typed: &str,
    errors: &[Problem],
    status: StatusCode,
) -> Response {
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let id = view.summary.id;
    let title = if leave {
        "Leave the round robin"
    } else {
        "Link to a round robin by a reference"
    };
    let body = html! {
        a class="back-link" href={ "/cases/" (id) } { "Back to the case" }
        span class="caption" { "Case " (view.summary.reference) }
        h1 { (title) }
        @if leave {
            p { "The request will no longer be compared with the others in the round robin, and its answers will leave the grid. This is kept on the case's round-robin record and can be undone by linking it again." }
            form method="post" action={ "/cases/" (id) "/round-robin/leave" } novalidate {
                (csrf_field(&who.csrf))
                (textarea("reason", "Why is this request not part of the round robin?", Some("Required. Kept with the round robin's record, never shown to the requester."), typed, errors))
                button class="button" type="submit" { "Leave the round robin" }
            }
        } @else {
            p { "Requests with the same reference are one round robin, whatever their wording. A new reference starts one." }
            form method="post" action={ "/cases/" (id) "/round-robin/link" } novalidate {
                (csrf_field(&who.csrf))
                (text_input("reference", "Reference", Some("For example the national referral number, or a WhatDoTheyKnow batch number"), typed, "text", errors))
                button class="button" type="submit" { "Link" }
            }
        }
    };
    respond(status, layout(title, Some(&viewer), errors, body))
}

/// The engine's answer to an action, as the page to show next.
fn answered(
    who: &WebUser,
    view: &CaseView,
    leave: bool,
    typed: &str,
    field: &str,
    result: Result<(), EngineError>,
) -> Response {
    let id = view.summary.id;
    let done = if leave { "left" } else { "joined" };
    match result {
        Ok(()) => {
            Redirect::to(&format!("/cases/{id}?round-robin={done}#round-robin")).into_response()
        }
        Err(EngineError::Invalid { message, .. }) => {
            let p = problem(field, upper_first(&message));
            action_page(
                who,
                view,
                leave,
                typed,
                &[p],
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(EngineError::Forbidden { message }) => message_page(
            who,
            StatusCode::FORBIDDEN,
            "You cannot change this round robin",
            &message,
        ),
        Err(EngineError::NotFound { .. }) => message_page(
            who,
            StatusCode::NOT_FOUND,
            "Round robin not found",
            "There is no round robin like that for this case.",
        ),
        Err(e) => internal(&e).into_response(),
    }
}

pub async fn link_form(
    State(state): State<AppState>,
    who: WebUser,
    Path(id): Path<String>,
) -> Response {
    match visible(&state, &who, &id).await {
        Ok(view) => action_page(&who, &view, false, "", &[], StatusCode::OK),
        Err(r) => r,
    }
}

pub async fn leave_form(
    State(state): State<AppState>,
    who: WebUser,
    Path(id): Path<String>,
) -> Response {
    match visible(&state, &who, &id).await {
        Ok(view) => action_page(&who, &view, true, "", &[], StatusCode::OK),
        Err(r) => r,
    }
}

pub async fn link(
    State(state): State<AppState>,
    who: WebUser,
    Path(id): Path<String>,
    PageForm(form): PageForm<LinkForm>,
) -> Response {
    if !tokens_match(&form.csrf, &who.csrf) {
        return csrf_refused(&who);
    }
    let view = match visible(&state, &who, &id).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let by = if let Ok(rr) = form.round_robin.trim().parse::<i64>() {
        LinkBy::Confirm(rr)
    } else if let Ok(case) = form.with_case.trim().parse::<i64>() {
        LinkBy::Case(case)
    } else if form.reference.trim().is_empty() {
        let p = problem(
            "reference",
            "Enter the reference the round robin is known by",
        );
        return action_page(
            &who,
            &view,
            false,
            "",
            &[p],
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    } else {
        LinkBy::Reference(form.reference.trim().to_owned())
    };
    let result = state
        .service
        .as_user(&who.user)
        .link_round_robin(view.summary.id, by)
        .await
        .map(|_| ());
    answered(&who, &view, false, &form.reference, "reference", result)
}

pub async fn leave(
    State(state): State<AppState>,
    who: WebUser,
    Path(id): Path<String>,
    PageForm(form): PageForm<LeaveForm>,
) -> Response {
    if !tokens_match(&form.csrf, &who.csrf) {
        return csrf_refused(&who);
    }
    let view = match visible(&state, &who, &id).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    if form.reason.trim().is_empty() {
        let p = problem(
            "reason",
            "Enter why this request is not part of the round robin",
        );
        return action_page(
            &who,
            &view,
            true,
            "",
            &[p],
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let result = state
        .service
        .as_user(&who.user)
        .leave_round_robin(view.summary.id, form.reason.trim())
        .await;
    answered(&who, &view, true, &form.reason, "reason", result)
}

/// POST: an authority's sharing setting (administrators, or its officers).
pub async fn sharing(
    State(state): State<AppState>,
    who: WebUser,
    Path(slug): Path<String>,
    PageForm(form): PageForm<SharingForm>,
) -> Response {
    if !tokens_match(&form.csrf, &who.csrf) {
        return csrf_refused(&who);
    }
    let shares = match form.shares.as_str() {
        "yes" => true,
        "no" => false,
        _ => return message_page(
            &who,
            StatusCode::UNPROCESSABLE_ENTITY,
            "Choose whether to share",
            "The form did not say whether to share or stop sharing. Go back and use its button.",
        ),
    };
    match state
        .service
        .as_user(&who.user)
        .set_sharing(&slug, shares)
        .await
    {
        Ok(()) => {
            let done = if shares { "sharing-on" } else { "sharing-off" };
            match form.case.trim().parse::<i64>() {
                Ok(case) => Redirect::to(&format!("/cases/{case}?round-robin={done}#round-robin"))
                    .into_response(),
                Err(_) => Redirect::to(&format!("/admin/register?saved={done}#sharing-{slug}"))
                    .into_response(),
            }
        }
        Err(EngineError::Forbidden { message }) => message_page(
            &who,
            StatusCode::FORBIDDEN,
            "You cannot change this setting",
            &message,
        ),
        Err(EngineError::NotFound { .. }) => message_page(
            &who,
            StatusCode::NOT_FOUND,
            "Authority not found",
            "There is no such authority in the register.",
        ),
        Err(e) => internal(&e).into_response(),
    }
}
