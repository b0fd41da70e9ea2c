//! The register of authorities, for administrators: each authority's name,
//! kind, regimes and the other names it goes by; adding an authority and
//! adding another name. Requests, imports and statistics all go through
//! the register, so a name added here is how one body stays one.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::api::Regime;
use foidesk_engine::{AuthorityKind, EngineError, NewAuthority, RegisterEntry};
use maud::{html, Markup};
use serde::Deserialize;

use super::page::{csrf_field, layout, problem, radios, text_input, textarea, Problem, Viewer};
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, respond, PageForm};
use crate::error::internal;
use crate::AppState;

/// The regimes an authority may answer under, as the form offers them.
const REGIMES: [(&str, &str, &[Regime]); 3] = [
    (
        "both",
        "Both FOIA and the EIR",
        &[Regime::Foia, Regime::Eir],
    ),
    ("foia", "FOIA only", &[Regime::Foia]),
    ("eir", "The EIR only", &[Regime::Eir]),
];

#[derive(Default, Deserialize)]
pub struct AddForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    regimes: String,
    #[serde(default)]
    aliases: String,
}

#[derive(Default, Deserialize)]
pub struct AliasForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    alias: String,
}

/// "FOIA and the EIR", "FOIA", "the EIR".
pub fn regimes_in_words(regimes: &[Regime]) -> &'static str {
    match (
        regimes.contains(&Regime::Foia),
        regimes.contains(&Regime::Eir),
    ) {
        (true, true) => "FOIA and the EIR",
        (true, false) => "FOIA",
        _ => "The EIR",
    }
}

pub async fn show(State(state): State<AppState>, who: WebUser) -> Response {
    page(&state, &who, StatusCode::OK, &AddForm::default(), &[]).await
}

/// Whether each authority shares its answers with its round robins.
async fn sharing(state: &AppState, who: &WebUser, entries: &[RegisterEntry]) -> Vec<bool> {
    let me = state.service.as_user(&who.user);
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        out.push(me.sharing(&e.authority.slug).await.unwrap_or(false));
    }
    out
}

async fn page(
    state: &AppState,
    who: &WebUser,
    status: StatusCode,
    form: &AddForm,
    errors: &[Problem],
) -> Response {
    if let Some(refused) = not_an_administrator(who) {
        return refused;
    }
    let register = match state.service.as_user(&who.user).register().await {
        Ok(r) => r,
        Err(e) => return internal(&e).into_response(),
    };
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let kinds = AuthorityKind::ALL.map(|k| (k.as_str(), k.label()));
    let regimes = REGIMES.map(|(value, label, _)| (value, label));
    let shares = sharing(state, who, &register.entries).await;
    let body = html! {
        h1 { "Register of authorities" }
        p { "Requests, imports and statistics find an authority here by its name or by any other name it goes by, so that one body is never counted as two." }
        table class="table table--stacking" {
            caption class="visually-hidden" { "Authorities" }
            thead { tr { th scope="col" { "Authority" } th scope="col" { "Kind" } th scope="col" { "Answers under" } th scope="col" { "Also called" } th scope="col" { "Round robins" } th scope="col" { "Actions" } } }
            tbody {
                @for (e, shares) in register.entries.iter().zip(&shares) { (row(e, *shares, &who.csrf)) }
            }
        }
        h2 id="add" { "Add an authority" }
        form method="post" action="/admin/register" novalidate {
            (csrf_field(&who.csrf))
            (text_input("name", "Name", Some("As the authority names itself, for example Kent Police"), &form.name, "text", errors))
            (radios("kind", "Kind of authority", None, &kinds, &form.kind, errors))
            (radios("regimes", "Which regimes does it answer under?", None, &regimes, &form.regimes, errors))
            (textarea("aliases", "Other names (optional)", Some("One per line, for example the legal name: Chief Constable of Kent Police"), &form.aliases, errors))
            button class="button" type="submit" { "Add authority" }
        }
    };
    respond(
        status,
        layout("Register of authorities", Some(&viewer), errors, body),
    )
}

fn row(e: &RegisterEntry, shares: bool, csrf: &str) -> Markup {
    let a = &e.authority;
    html! {
        tr {
            td data-label="Authority" { (a.name) }
            td data-label="Kind" { (e.kind.label()) }
            td data-label="Answers under" { (regimes_in_words(&e.regimes)) }
            td data-label="Also called" {
                @if e.aliases.is_empty() { "—" } @else { (e.aliases.join("; ")) }
            }
            td data-label="Round robins" id={ "sharing-" (a.slug) } {
                form method="post" action={ "/authorities/" (a.slug) "/sharing" } class="sharing-form" {
                    (csrf_field(csrf))
                    input type="hidden" name="shares" value=(if shares { "no" } else { "yes" });
                    @if shares { "Shares its answers" } @else { "Does not share its answers" }
                    br;
                    button class="link-button" type="submit" {
                        @if shares { "Stop sharing" } @else { "Share" }
                        span class="visually-hidden" { " the answers of " (a.name) }
                    }
                }
            }
            td data-label="Actions" {
                div { a href={ "/admin/register/" (a.slug) "/aliases" } { "Add another name" span class="visually-hidden" { " for " (a.name) } } }
                div { a href={ "/admin/authorities/" (a.slug) "/profile" } { "Letter profile" span class="visually-hidden" { " for " (a.name) } } }
            }
        }
    }
}

fn not_an_administrator(who: &WebUser) -> Option<Response> {
    (who.user.role != foidesk_engine::Role::Administrator).then(|| {
        message_page(
            who,
            StatusCode::FORBIDDEN,
            "Administrators only",
            "Only an administrator changes the register of authorities.",
        )
    })
}

pub async fn add(
    State(state): State<AppState>,
    who: WebUser,
    PageForm(form): PageForm<AddForm>,
) -> Response {
    if !tokens_match(&form.csrf, &who.csrf) {
        return csrf_refused(&who);
    }
    let mut problems = Vec::new();
    let kind = AuthorityKind::from_name(&form.kind);
    if kind.is_none() {
        problems.push(problem("kind", "Choose the kind of authority"));
    }
    let regimes = REGIMES.iter().find(|(v, ..)| *v == form.regimes);
    if regimes.is_none() {
        problems.push(problem("regimes", "Choose which regimes it answers under"));
    }
    if form.name.trim().is_empty() {
        problems.insert(0, problem("name", "Enter the authority's name"));
    }
    let (Some(kind), Some((_, _, regimes)), true) = (kind, regimes, problems.is_empty()) else {
        return page(
            &state,
            &who,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form,
            &problems,
        )
        .await;
    };
    let new = NewAuthority {
        slug: None,
        name: form.name.clone(),
        kind,
        regimes: regimes.to_vec(),
        aliases: form
            .aliases
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
    };
    match state.service.as_user(&who.user).add_to_register(&new).await {
        Ok(_) => Redirect::to("/admin/register").into_response(),
        Err(EngineError::Invalid { field, message }) => {
            let at = if field == "aliases" {
                "aliases"
            } else {
                "name"
            };
            let p = problem(at, sentence(&message));
            page(&state, &who, StatusCode::UNPROCESSABLE_ENTITY, &form, &[p]).await
        }
        Err(EngineError::Duplicate { .. }) => {
            let p = problem(
                "name",
                "An authority with a name like this is already in the register",
            );
            page(&state, &who, StatusCode::UNPROCESSABLE_ENTITY, &form, &[p]).await
        }
        Err(EngineError::Forbidden { message }) => {
            message_page(&who, StatusCode::FORBIDDEN, "Administrators only", &message)
        }
        Err(e) => internal(&e).into_response(),
    }
}

/// An engine message as a sentence for the error summary.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

pub async fn alias_form(
    State(state): State<AppState>,
    who: WebUser,
    Path(slug): Path<String>,
) -> Response {
    alias_page(&state, &who, &slug, StatusCode::OK, "", &[]).await
}

async fn alias_page(
    state: &AppState,
    who: &WebUser,
    slug: &str,
    status: StatusCode,
    alias: &str,
    errors: &[Problem],
) -> Response {
    if let Some(refused) = not_an_administrator(who) {
        return refused;
    }
    let register = match state.service.as_user(&who.user).register().await {
        Ok(r) => r,
        Err(e) => return internal(&e).into_response(),
    };
    let Some(entry) = register.by_slug(slug) else {
        return message_page(
            who,
            StatusCode::NOT_FOUND,
            "Authority not found",
            "There is no such authority in the register.",
        );
    };
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let title = format!("Another name for {}", entry.authority.name);
    let body = html! {
        a class="back-link" href="/admin/register" { "Back to the register" }
        h1 { (title) }
        @if !entry.aliases.is_empty() {
            p { "Already also called: " (entry.aliases.join("; ")) "." }
        }
        form method="post" action={ "/admin/register/" (slug) "/aliases" } novalidate {
            (csrf_field(&who.csrf))
            (text_input("alias", "Other name", Some("A name requests or case files use for it, for example its legal name"), alias, "text", errors))
            button class="button" type="submit" { "Add name" }
        }
    };
    respond(status, layout(&title, Some(&viewer), errors, body))
}

pub async fn add_alias(
    State(state): State<AppState>,
    who: WebUser,
    Path(slug): Path<String>,
    PageForm(form): PageForm<AliasForm>,
) -> Response {
    if !tokens_match(&form.csrf, &who.csrf) {
        return csrf_refused(&who);
    }
    match state
        .service
        .as_user(&who.user)
        .add_alias(&slug, &form.alias)
        .await
    {
        Ok(()) => Redirect::to("/admin/register").into_response(),
        Err(EngineError::Invalid { message, .. }) => {
            let p = problem("alias", sentence(&message));
            alias_page(
                &state,
                &who,
                &slug,
                StatusCode::UNPROCESSABLE_ENTITY,
                &form.alias,
                &[p],
            )
            .await
        }
        Err(EngineError::NotFound { .. }) => {
            alias_page(&state, &who, &slug, StatusCode::NOT_FOUND, "", &[]).await
        }
        Err(EngineError::Forbidden { message }) => {
            message_page(&who, StatusCode::FORBIDDEN, "Administrators only", &message)
        }
        Err(e) => internal(&e).into_response(),
    }
}
