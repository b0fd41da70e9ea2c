//! What a requester sends on their request, one GOV.UK question page each:
//! a reply to a request for clarification, an internal review request, a
//! complaint to the Commissioner, a withdrawal. Each page gives the time
//! limits in words with their dates (from the engine), takes a message,
//! records the event dated today, and ends on a confirmation panel. A bad
//! form comes back with an error summary and writes nothing.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::api::requester_status;
use foidesk_engine::api::EventFile;
use foidesk_engine::{Availability, CaseView, EngineError, RequesterAction, Role};
use maud::html;
use serde::Deserialize;

use super::case_page::visible;
use super::page::{csrf_field, layout, problem, textarea, Problem, Viewer};
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, respond, PageForm};
use crate::error::internal;
use crate::AppState;

/// The longest message kept, in characters.
const MAX_MESSAGE_CHARS: usize = 10_000;

/// What the page asks, by action: the message's label, its hint, and the
/// words for an empty message (None: it may be left empty).
fn question(action: RequesterAction) -> (&'static str, &'static str, Option<&'static str>) {
    match action {
        RequesterAction::Reply => (
            "Your reply",
            "Answer what the authority asked, so it can find the information you want.",
            Some("Enter your reply to the authority"),
        ),
        RequesterAction::Review => (
            "Why you want the response reviewed",
            "Say which parts of the response you disagree with and why: for example, that an exemption does not apply, or that more information is held.",
            Some("Enter why you want the response reviewed"),
        ),
        RequesterAction::Complain => (
            "What your complaint is about",
            "Say what you think the authority got wrong. The Commissioner will see your request and the messages on this page.",
            Some("Enter what your complaint is about"),
        ),
        RequesterAction::Withdraw => (
            "Anything you want to tell the authority (optional)",
            "For example, that you found the information elsewhere.",
            None,
        ),
    }
}

/// The confirmation panel's title, by action.
fn sent_title(action: RequesterAction) -> &'static str {
    match action {
        RequesterAction::Reply => "Your reply has been sent",
        RequesterAction::Review => "Your request for an internal review has been sent",
        RequesterAction::Complain => "Your complaint has been sent to the Information Commissioner",
        RequesterAction::Withdraw => "Your request has been withdrawn",
    }
}

/// The requester's own case and the action named in the path; anyone else
/// gets the case's 404 or a page saying there is no such page.
async fn requested(
    state: &AppState,
    who: &WebUser,
    id: &str,
    action: &str,
) -> Result<(CaseView, RequesterAction), Response> {
    let view = visible(state, who, id).await?;
    match RequesterAction::from_name(action) {
        Some(a) if who.user.role == Role::Requester => Ok((view, a)),
        _ => Err(message_page(
            who,
            StatusCode::NOT_FOUND,
            "Page not found",
            "There is no such page for this request.",
        )),
    }
}

fn not_now(who: &WebUser, view: &CaseView, why: &str) -> Response {
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let body = html! {
        h1 { "You cannot do this now" }
        p { (why) }
        p { a href={ "/cases/" (view.summary.id) } { "Back to your request" } }
    };
    respond(
        StatusCode::CONFLICT,
        layout("You cannot do this now", Some(&viewer), &[], body),
    )
}

fn render(
    status: StatusCode,
    who: &WebUser,
    view: &CaseView,
    action: RequesterAction,
    guidance: &[String],
    message: &str,
    errors: &[Problem],
) -> Response {
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let (label, hint, _) = question(action);
    let id = view.summary.id;
    let body = html! {
        span class="caption" { "Your request " (view.summary.reference) " to " (view.case.request.authority) }
        h1 { (action.label()) }
        @if !guidance.is_empty() {
            div class="inset-text" id="guidance" {
                @for g in guidance { p { (g) } }
            }
        }
        form method="post" action={ "/cases/" (id) "/requester/" (action.as_str()) } novalidate {
            (csrf_field(&who.csrf))
            input type="hidden" name="version" value=(view.summary.version);
            (textarea("message", label, Some(hint), message, errors))
            button class={ "button" @if action == RequesterAction::Withdraw { " button--warning" } } type="submit" {
                @if action == RequesterAction::Withdraw { "Withdraw the request" } @else { "Send" }
            }
        }
        p { a href={ "/cases/" (id) } { "Back to your request" } }
    };
    respond(status, layout(action.label(), Some(&viewer), errors, body))
}

pub async fn form(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, action)): Path<(String, String)>,
) -> Response {
    let (view, action) = match requested(&state, &who, &id, &action).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    match state.service.engine().requester_action(&view, action) {
        Availability::Open { guidance } => {
            render(StatusCode::OK, &who, &view, action, &guidance, "", &[])
        }
        Availability::Closed { why } => not_now(&who, &view, &why),
    }
}

#[derive(Deserialize)]
pub struct Sent {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    message: String,
}

pub async fn submit(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, action)): Path<(String, String)>,
    PageForm(f): PageForm<Sent>,
) -> Response {
    if !tokens_match(&f.csrf, &who.csrf) {
        return csrf_refused(&who);
    }
    let (view, action) = match requested(&state, &who, &id, &action).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let guidance = match state.service.engine().requester_action(&view, action) {
        Availability::Open { guidance } => guidance,
        Availability::Closed { why } => return not_now(&who, &view, &why),
    };
    let again = |status, errors: &[Problem]| {
        render(status, &who, &view, action, &guidance, &f.message, errors)
    };
    let message = f.message.trim();
    let (_, _, needed) = question(action);
    if let (Some(words), true) = (needed, message.is_empty()) {
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            &[problem("message", words)],
        );
    }
    if message.chars().count() > MAX_MESSAGE_CHARS {
        let words = format!("Your message must be {MAX_MESSAGE_CHARS} characters or fewer");
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            &[problem("message", words)],
        );
    }
    let Ok(expected) = f.version.parse::<i64>() else {
        let words =
            "The form is missing the request's version: go back to your request and try again";
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            &[problem("message", words)],
        );
    };
    let event = EventFile {
        kind: action.event_type().as_str().to_owned(),
        date: state.service.engine().today().to_string(),
        message: (!message.is_empty()).then(|| message.to_owned()),
        ..Default::default()
    };
    let case_id = view.summary.id;
    match state
        .service
        .as_user(&who.user)
        .append_event(case_id, expected, event)
        .await
    {
        Ok(_) => Redirect::to(&format!(
            "/cases/{case_id}/requester/{}/sent",
            action.as_str()
        ))
        .into_response(),
        Err(EngineError::Conflict { .. }) => again(
            StatusCode::CONFLICT,
            &[problem(
                "message",
                "Your request changed after you opened this page. Go back to your request to see what is new, then send this again if you still need to.",
            )],
        ),
        // The engine's own words on why it is not open, or what is wrong
        // with the text (a character it does not keep).
        Err(EngineError::Invalid { message, .. }) => {
            again(StatusCode::UNPROCESSABLE_ENTITY, &[problem("message", message)])
        }
        Err(EngineError::Forbidden { message }) => message_page(
            &who,
            StatusCode::FORBIDDEN,
            "You cannot send this",
            &message,
        ),
        Err(e) => internal(&e).into_response(),
    }
}

/// The confirmation after a send: shown while the request's latest message
/// is the one sent; otherwise back to the request.
pub async fn sent(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, action)): Path<(String, String)>,
) -> Response {
    let (view, action) = match requested(&state, &who, &id, &action).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let case_id = view.summary.id;
    let latest = view.case.events.iter().max_by_key(|e| e.number);
    if latest.is_none_or(|e| e.kind.event_type() != action.event_type()) {
        return Redirect::to(&format!("/cases/{case_id}")).into_response();
    }
    let engine = state.service.engine();
    let status = requester_status(
        &view.case,
        &view.assessment,
        engine.today(),
        engine.calendar(),
    )
    .unwrap_or_else(|_| view.stage.status.label().to_owned());
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let title = sent_title(action);
    let body = html! {
        div class="panel panel--confirmation" {
            h1 class="panel__title" { (title) }
            div class="panel__body" { "Your request " br; strong { (view.summary.reference) } }
        }
        h2 { "What happens next" }
        p { "Your request now reads: " strong { (status) } "." }
        @match action {
            RequesterAction::Reply => p { "The authority's time to answer runs again from today." },
            RequesterAction::Review => p { "Someone at the authority who was not involved in the response should look at it again and write to you." },
            RequesterAction::Complain => p { "The Commissioner first checks that the complaint can be taken on, then may ask the authority to explain its response." },
            RequesterAction::Withdraw => p { "The authority stops work on your request." },
        }
        p { a href={ "/cases/" (case_id) } { "Back to your request" } }
    };
    respond(StatusCode::OK, layout(title, Some(&viewer), &[], body))
}
