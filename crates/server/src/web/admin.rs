//! Administration: authorities and accounts, for administrators only. The
//! account lifecycle forms post to `lifecycle.rs`; this file draws the page.

use super::PageForm;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::api::Date;
use foidesk_engine::{time_in_words, EngineError, Role, User};
use maud::html;
use serde::Deserialize;

use super::page::{csrf_field, layout, problem, select, text_input, Problem, Viewer};
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, respond};
use crate::error::internal;
use crate::AppState;

#[derive(Default, Deserialize)]
pub struct UserForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    person: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    authority: String,
    #[serde(default)]
    password: String,
}

/// A password reset: the account (by id) and its new password.
#[derive(Default, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub account: String,
    #[serde(default, rename = "new-password")]
    pub password: String,
}

/// What the page shows besides the lists: each form as last sent, and a
/// confirmation of the last change.
#[derive(Default)]
pub struct Forms {
    pub user: UserForm,
    pub password: PasswordForm,
    pub notice: Option<String>,
    pub invite: super::invite::InviteForm,
    /// The link of an invitation just made: shown once.
    pub invitation_link: Option<String>,
}

/// The confirmation after a lifecycle action (post, then redirect, then this).
#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
    account: Option<i64>,
}

/// The roles in the order the form offers them: the most common first.
const ROLES: [Role; 4] = [
    Role::Officer,
    Role::Caseworker,
    Role::Requester,
    Role::Administrator,
];

pub async fn show(
    State(state): State<AppState>,
    who: WebUser,
    done: Result<Query<Done>, QueryRejection>,
) -> Response {
    let notice = match done {
        Ok(Query(Done {
            done: Some(action),
            account: Some(id),
        })) => confirmation(&state, &who.user, &action, id).await,
        _ => None,
    };
    let forms = Forms {
        notice,
        ..Forms::default()
    };
    page(&state, &who, StatusCode::OK, &forms, &[]).await
}

/// The sentence confirming a change to an account, if the account is there.
async fn confirmation(state: &AppState, by: &User, action: &str, id: i64) -> Option<String> {
    let users = state.service.as_user(by).users().await.ok()?;
    let email = &users.iter().find(|u| u.id == id)?.email;
    let text = match action {
        "disabled" => "has been disabled: it cannot sign in, its sessions have ended and its tokens are revoked",
        "enabled" => "has been enabled: it can sign in again; its old sessions and tokens stay ended",
        "password" => "has a new password: its sessions have ended and its tokens are revoked",
        "sessions" => "has been signed out everywhere: its sessions have ended",
        _ => return None,
    };
    Some(format!("{email} {text}."))
}

/// "22 November 2026", from a stored RFC 3339 time.
fn day_written(at: &str) -> String {
    at.get(..10)
        .and_then(|d| Date::parse(d).ok())
        .map(|d| d.long_form())
        .unwrap_or_else(|| at.to_owned())
}

pub async fn page(
    state: &AppState,
    who: &WebUser,
    status: StatusCode,
    forms: &Forms,
    errors: &[Problem],
) -> Response {
    let (u, p) = (&forms.user, &forms.password);
    let (authorities, users, audit) = match (
        state.service.as_user(&who.user).authorities().await,
        state.service.as_user(&who.user).users().await,
        state.service.as_user(&who.user).account_audit().await,
    ) {
        (Ok(a), Ok(u), Ok(l)) => (a, u, l),
        (_, Err(EngineError::Forbidden { .. }), _) => {
            return message_page(
                who,
                StatusCode::FORBIDDEN,
                "Administrators only",
                "Only an administrator manages authorities and accounts.",
            )
        }
        (Err(e), _, _) => return internal(&e).into_response(),
        (_, Err(e), _) | (_, _, Err(e)) => return internal(&e).into_response(),
    };
    let requesters = match super::invite::section(
        state,
        who,
        &forms.invite,
        forms.invitation_link.as_deref(),
        errors,
    )
    .await
    {
        Ok(m) => m,
        Err(e) => return internal(&e).into_response(),
    };
    let library = super::library_admin::section(state, who).await;
    let mut account_options: Vec<(String, String)> =
        vec![(String::new(), "Choose an account".to_owned())];
    account_options.extend(users.iter().map(|x| (x.id.to_string(), x.email.clone())));
    let account_options: Vec<(&str, &str)> = account_options
        .iter()
        .map(|(v, t)| (v.as_str(), t.as_str()))
        .collect();
    let slug_of = |id: Option<i64>| {
        id.and_then(|id| authorities.iter().find(|a| a.id == id))
            .map(|a| a.slug.clone())
            .unwrap_or_default()
    };
    let mut authority_options: Vec<(&str, &str)> = vec![("", "None (not an officer)")];
    authority_options.extend(
        authorities
            .iter()
            .map(|a| (a.slug.as_str(), a.name.as_str())),
    );
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let body = html! {
        @if let Some(n) = &forms.notice {
            div class="notification" role="region" aria-labelledby="notification-title" {
                h2 id="notification-title" { "Success" }
                p { (n) }
            }
        }
        @if let Some(link) = &forms.invitation_link { (super::invite::made(&forms.invite, link)) }
        h1 { "Administration" }
        h2 id="authorities" { "Authorities" }
        p { (authorities.len()) " authorities are in the register. " a href="/admin/register" { "Open the register of authorities" } " to add one, give one another name, or set its letter profile." }
        h2 id="users" { "Accounts" }
        table class="table" {
            caption class="visually-hidden" { "Accounts" }
            thead { tr { th scope="col" { "Email" } th scope="col" { "Name" } th scope="col" { "Role" } th scope="col" { "Authority" } th scope="col" { "State" } th scope="col" { "Actions" } } }
            tbody { @for x in &users { tr {
                td { (x.email) } td { (x.name) } td { (x.role.as_str()) } td { (slug_of(x.authority_id)) }
                td { @match &x.disabled_at {
                    Some(at) => { strong class="tag tag--grey" { "Disabled" } " since " (day_written(at)) },
                    None => strong class="tag tag--green" { "Active" },
                } }
                td {
                    @let (verb, path) = if x.disabled_at.is_some() { ("Enable", "enable") } else { ("Disable", "disable") };
                    form method="post" action={ "/admin/users/" (x.id) "/" (path) } {
                        (csrf_field(&who.csrf))
                        button class="button button--secondary" type="submit" { (verb) span class="visually-hidden" { " " (x.email) } }
                    }
                    form method="post" action={ "/admin/users/" (x.id) "/sessions/end" } {
                        (csrf_field(&who.csrf))
                        button class="button button--secondary" type="submit" { "End sessions" span class="visually-hidden" { " of " (x.email) } }
                    }
                }
            } } }
        }
        h3 id="password-reset" { "Reset a password" }
        p { "The account's sessions end and its tokens are revoked. Give the new password to the person by a safe route." }
        form method="post" action="/admin/password" novalidate {
            (csrf_field(&who.csrf))
            (select("account", "Account", &account_options, &p.account, errors))
            (text_input("new-password", "New password", Some("At least 12 characters."), "", "password", errors))
            button class="button" type="submit" { "Reset password" }
        }
        h3 { "Add an account" }
        form method="post" action="/admin/users" novalidate {
            (csrf_field(&who.csrf))
            (text_input("email", "Email address", None, &u.email, "email", errors))
            (text_input("person", "Name", None, &u.person, "text", errors))
            (select("role", "Role", &ROLES.map(|r| (r.as_str(), r.label())), &u.role, errors))
            (select("authority", "Authority (officers only)", &authority_options, &u.authority, errors))
            (text_input("password", "Password", Some("At least 12 characters. Give it to the person by a safe route."), "", "password", errors))
            button class="button" type="submit" { "Add account" }
        }
        (requesters)
        (library)
        h2 id="audit" { "Audit record" }
        p { "Changes to accounts, newest first (the latest " (foidesk_engine::AUDIT_LINES) ")." }
        @if audit.is_empty() {
            p { "No account has been changed yet." }
        } @else {
            table class="table" {
                caption class="visually-hidden" { "Audit record" }
                thead { tr { th scope="col" { "When" } th scope="col" { "Who" } th scope="col" { "What" } th scope="col" { "Account" } th scope="col" { "Detail" } } }
                tbody { @for l in &audit { tr {
                    td { (time_in_words(&l.at).unwrap_or_else(|| day_written(&l.at))) } td { (l.actor) } td { (l.action) } td { (l.account_email) } td { (l.detail) }
                } } }
            }
        }
    };
    respond(
        status,
        layout("Administration", Some(&viewer), errors, body),
    )
}

/// An engine refusal as a form problem on the field it names.
fn refusal(err: &EngineError, fields: &[&str]) -> Option<Problem> {
    match err {
        EngineError::Invalid { field, message } => {
            let field = if fields.contains(&field.as_str()) {
                field.as_str()
            } else {
                fields[0]
            };
            Some(problem(field, format!("{field}: {message}")))
        }
        EngineError::Duplicate { what, key } => Some(problem(
            fields[0],
            format!("There is already an {what} {key}"),
        )),
        _ => None,
    }
}

pub async fn add_user(
    State(state): State<AppState>,
    who: WebUser,
    PageForm(form): PageForm<UserForm>,
) -> Response {
    if !tokens_match(&form.csrf, &who.csrf) {
        return csrf_refused(&who);
    }
    let Some(role) = Role::from_name(&form.role) else {
        let p = problem("role", "Choose a role");
        return page(
            &state,
            &who,
            StatusCode::UNPROCESSABLE_ENTITY,
            &Forms {
                user: form,
                ..Forms::default()
            },
            &[p],
        )
        .await;
    };
    let authority = Some(form.authority.trim()).filter(|a| !a.is_empty());
    let added = state
        .service
        .as_user(&who.user)
        .add_user(&form.email, &form.person, role, authority, &form.password)
        .await;
    match added {
        Ok(_) => Redirect::to("/admin#users").into_response(),
        Err(EngineError::Forbidden { message }) => {
            message_page(&who, StatusCode::FORBIDDEN, "Administrators only", &message)
        }
        Err(e) => match refusal(&e, &["email", "name", "password", "authority"]) {
            Some(mut p) => {
                if p.field == "name" {
                    p.field = "person".into();
                }
                page(
                    &state,
                    &who,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &Forms {
                        user: form,
                        ..Forms::default()
                    },
                    &[p],
                )
                .await
            }
            None => internal(&e).into_response(),
        },
    }
}
