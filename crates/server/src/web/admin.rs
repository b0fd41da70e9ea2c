//! Administration: authorities and accounts, for administrators only.

use super::PageForm;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::{EngineError, Role};
use foidesk_store::StoreError;
use maud::html;
use serde::Deserialize;

use super::page::{csrf_field, layout, problem, select, text_input, Problem, Viewer};
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, respond};
use crate::error::internal;
use crate::AppState;

#[derive(Default, Deserialize)]
pub struct AuthorityForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    name: String,
}

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

const ROLES: [(&str, &str); 4] = [
    ("officer", "Officer of an authority"),
    ("caseworker", "Caseworker (the Commissioner)"),
    ("requester", "Requester"),
    ("administrator", "Administrator"),
];

pub async fn show(State(state): State<AppState>, who: WebUser) -> Response {
    page(
        &state,
        &who,
        StatusCode::OK,
        &AuthorityForm::default(),
        &UserForm::default(),
        &[],
    )
    .await
}

async fn page(
    state: &AppState,
    who: &WebUser,
    status: StatusCode,
    a: &AuthorityForm,
    u: &UserForm,
    errors: &[Problem],
) -> Response {
    let (authorities, users) = match (
        state.store.authorities().await,
        state.engine.users_as(&state.store, &who.user).await,
    ) {
        (Ok(a), Ok(u)) => (a, u),
        (_, Err(EngineError::Forbidden { .. })) => {
            return message_page(
                who,
                StatusCode::FORBIDDEN,
                "Administrators only",
                "Only an administrator manages authorities and accounts.",
            )
        }
        (Err(e), _) => return internal(&e).into_response(),
        (_, Err(e)) => return internal(&e).into_response(),
    };
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
        h1 { "Administration" }
        h2 id="authorities" { "Authorities" }
        table class="table" {
            caption class="visually-hidden" { "Authorities" }
            thead { tr { th scope="col" { "Short name" } th scope="col" { "Name" } } }
            tbody { @for x in &authorities { tr { td { (x.slug) } td { (x.name) } } } }
        }
        h3 { "Add an authority" }
        form method="post" action="/admin/authorities" novalidate {
            (csrf_field(&who.csrf))
            (text_input("slug", "Short name", Some("Lower-case letters, digits and hyphens, for example kent-police"), &a.slug, "text", errors))
            (text_input("name", "Full name", Some("For example, Chief Constable of Kent Police"), &a.name, "text", errors))
            button class="button" type="submit" { "Add authority" }
        }
        h2 id="users" { "Accounts" }
        table class="table" {
            caption class="visually-hidden" { "Accounts" }
            thead { tr { th scope="col" { "Email" } th scope="col" { "Name" } th scope="col" { "Role" } th scope="col" { "Authority" } } }
            tbody { @for x in &users { tr { td { (x.email) } td { (x.name) } td { (x.role.as_str()) } td { (slug_of(x.authority_id)) } } } }
        }
        h3 { "Add an account" }
        form method="post" action="/admin/users" novalidate {
            (csrf_field(&who.csrf))
            (text_input("email", "Email address", None, &u.email, "email", errors))
            (text_input("person", "Name", None, &u.person, "text", errors))
            (select("role", "Role", &ROLES, &u.role, errors))
            (select("authority", "Authority (officers only)", &authority_options, &u.authority, errors))
            (text_input("password", "Password", Some("At least 12 characters. Give it to the person by a safe route."), "", "password", errors))
            button class="button" type="submit" { "Add account" }
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
        EngineError::Store(StoreError::Duplicate { what, key }) => Some(problem(
            fields[0],
            format!("There is already an {what} {key}"),
        )),
        _ => None,
    }
}

pub async fn add_authority(
    State(state): State<AppState>,
    who: WebUser,
    PageForm(form): PageForm<AuthorityForm>,
) -> Response {
    if !tokens_match(&form.csrf, &who.csrf) {
        return csrf_refused(&who);
    }
    match state
        .engine
        .add_authority_as(&state.store, &who.user, form.slug.trim(), &form.name)
        .await
    {
        Ok(_) => Redirect::to("/admin#authorities").into_response(),
        Err(EngineError::Forbidden { message }) => {
            message_page(&who, StatusCode::FORBIDDEN, "Administrators only", &message)
        }
        Err(e) => match refusal(&e, &["slug", "name"]) {
            Some(p) => {
                page(
                    &state,
                    &who,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &form,
                    &UserForm::default(),
                    &[p],
                )
                .await
            }
            None => internal(&e).into_response(),
        },
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
            &AuthorityForm::default(),
            &form,
            &[p],
        )
        .await;
    };
    let authority = Some(form.authority.trim()).filter(|a| !a.is_empty());
    let added = state
        .engine
        .add_user_as(
            &state.store,
            &who.user,
            &form.email,
            &form.person,
            role,
            authority,
            &form.password,
        )
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
                    &AuthorityForm::default(),
                    &form,
                    &[p],
                )
                .await
            }
            None => internal(&e).into_response(),
        },
    }
}
