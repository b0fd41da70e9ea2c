//! The administration page's requesters section: invite a requester (the
//! link is shown once, to copy and send), the invitations so far, and
//! whether open sign-up is on.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::{time_in_words, EngineError, InvitationLine, INVITATION_DAYS};
use maud::{html, Markup};
use serde::Deserialize;

use super::admin::{page, Forms};
use super::page::{csrf_field, problem, radios, text_input, Problem};
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, PageForm};
use crate::auth::forwarded_https;
use crate::error::internal;
use crate::AppState;

#[derive(Default, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default, rename = "invite-email")]
    pub email: String,
    #[serde(default, rename = "invite-person")]
    pub person: String,
}

#[derive(Default, Deserialize)]
pub struct SignUpForm {
    #[serde(default)]
    csrf: String,
    #[serde(default, rename = "open-sign-up")]
    open: String,
}

fn state_of(line: &InvitationLine, now: &str) -> Markup {
    match &line.used_at {
        Some(_) => html! { strong class="tag tag--green" { "Joined" } },
        None if line.expires_at.as_str() <= now => {
            html! { strong class="tag tag--grey" { "Expired" } }
        }
        None => html! { strong class="tag" { "Waiting" } },
    }
}

/// The link of an invitation just made, shown once at the top of the page.
pub fn made(form: &InviteForm, link: &str) -> Markup {
    html! {
        div class="notification" role="region" aria-labelledby="invitation-title" {
            h2 id="invitation-title" { "Invitation made" }
            p { "Copy this link and send it to " (form.email.trim()) ". It works once, for " (INVITATION_DAYS) " days, and is not shown again." }
            p { code id="invitation-link" { (link) } }
        }
    }
}

/// The section; its form is emptied once an invitation is made (`link`).
pub async fn section(
    state: &AppState,
    who: &WebUser,
    form: &InviteForm,
    link: Option<&str>,
    errors: &[Problem],
) -> Result<Markup, EngineError> {
    let as_user = state.service.as_user(&who.user);
    let invitations = as_user.invitations().await?;
    let open = state.service.open_sign_up().await?;
    let now = state.service.engine().timestamp();
    Ok(html! {
        h2 id="requesters" { "Requesters" }
        h3 { "Invite a requester" }
        form method="post" action="/admin/invitations" novalidate {
            (csrf_field(&who.csrf))
            (text_input("invite-person", "Name", None, if link.is_some() { "" } else { &form.person }, "text", errors))
            (text_input("invite-email", "Email address", None, if link.is_some() { "" } else { &form.email }, "email", errors))
            button class="button" type="submit" { "Make an invitation link" }
        }
        @if !invitations.is_empty() {
            table class="table" {
                caption class="visually-hidden" { "Invitations" }
                thead { tr { th scope="col" { "Name" } th scope="col" { "Email" } th scope="col" { "Invited by" } th scope="col" { "When" } th scope="col" { "State" } } }
                tbody { @for i in &invitations { tr {
                    td { (i.name) } td { (i.email) } td { (i.invited_by) }
                    td { (time_in_words(&i.created_at).unwrap_or_default()) }
                    td { (state_of(i, &now)) }
                } } }
            }
        }
        h3 { "Open sign-up" }
        form method="post" action="/admin/sign-up" novalidate {
            (csrf_field(&who.csrf))
            (radios("open-sign-up", "May anyone make a requester's account?", Some("When off, requesters join only by invitation."), &[("on", "Yes, anyone may sign up"), ("off", "No, by invitation only")], if open { "on" } else { "off" }, errors))
            button class="button button--secondary" type="submit" { "Save" }
        }
    })
}

/// "https://foi.example.org/join/…", from the address the administrator used.
fn link_for(state: &AppState, headers: &HeaderMap, token: &str) -> String {
    let scheme = if state.secure_cookies || forwarded_https(headers) {
        "https"
    } else {
        "http"
    };
    match headers.get(header::HOST).and_then(|h| h.to_str().ok()) {
        Some(host) => format!("{scheme}://{host}/join/{token}"),
        None => format!("/join/{token}"),
    }
}

/// POST /admin/invitations
pub async fn invite(
    State(state): State<AppState>,
    headers: HeaderMap,
    who: WebUser,
    PageForm(form): PageForm<InviteForm>,
) -> Response {
    if !tokens_match(&form.csrf, &who.csrf) {
        return csrf_refused(&who);
    }
    let made = state
        .service
        .as_user(&who.user)
        .invite(&form.email, &form.person)
        .await;
    let (status, link, errors) = match made {
        Ok((token, _)) => (
            StatusCode::OK,
            Some(link_for(&state, &headers, &token)),
            vec![],
        ),
        Err(EngineError::Forbidden { message }) => {
            return message_page(&who, StatusCode::FORBIDDEN, "Administrators only", &message)
        }
        Err(EngineError::Invalid { field, message }) => {
            let (id, label) = if field == "email" {
                ("invite-email", "Email address")
            } else {
                ("invite-person", "Name")
            };
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                vec![problem(id, format!("{label}: {message}"))],
            )
        }
        Err(EngineError::Duplicate { key, .. }) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            vec![problem(
                "invite-email",
                format!("There is already an account for {key}"),
            )],
        ),
        Err(e) => return internal(&e).into_response(),
    };
    let forms = Forms {
        invite: form,
        invitation_link: link,
        ..Forms::default()
    };
    page(&state, &who, status, &forms, &errors).await
}

/// POST /admin/sign-up
pub async fn set_sign_up(
    State(state): State<AppState>,
    who: WebUser,
    PageForm(form): PageForm<SignUpForm>,
) -> Response {
    if !tokens_match(&form.csrf, &who.csrf) {
        return csrf_refused(&who);
    }
    let on = match form.open.as_str() {
        "on" => true,
        "off" => false,
        _ => {
            let p = problem("open-sign-up", "Choose whether anyone may sign up");
            return page(
                &state,
                &who,
                StatusCode::UNPROCESSABLE_ENTITY,
                &Forms::default(),
                &[p],
            )
            .await;
        }
    };
    match state.service.as_user(&who.user).set_open_sign_up(on).await {
        Ok(()) => Redirect::to("/admin#requesters").into_response(),
        Err(EngineError::Forbidden { message }) => {
            message_page(&who, StatusCode::FORBIDDEN, "Administrators only", &message)
        }
        Err(e) => internal(&e).into_response(),
    }
}
