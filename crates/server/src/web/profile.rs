//! An authority's letter profile, set by an administrator: its postal and
//! email address, FOI contact, internal review procedure, signatories,
//! reference prefix and letterhead line. Letters take these from here. Each
//! save is kept; the page shows the latest.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::api::Authority;
use foidesk_engine::{AuthorityProfile, EngineError, Role, Signatory, MAX_SIGNATORIES};
use maud::html;

use super::page::{
    csrf_field, layout, problem, success_banner, text_input, textarea, Problem, Viewer,
};
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, respond, PageForm};
use crate::error::internal;
use crate::AppState;

/// What was typed, by field id.
type Fields = Vec<(String, String)>;

/// Signatory rows shown beyond those saved, so one can be added without
/// JavaScript.
const SPARE_ROWS: usize = 1;
const MIN_ROWS: usize = 3;

fn field<'a>(f: &'a Fields, name: &str) -> &'a str {
    f.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// The profile's fields as the form names them.
fn fields_of(p: &AuthorityProfile) -> Fields {
    let mut f = vec![
        ("address".to_owned(), p.address_lines.join("\n")),
        ("email".to_owned(), p.email.clone()),
        ("foi_contact".to_owned(), p.foi_contact.clone()),
        ("review_procedure".to_owned(), p.review_procedure.clone()),
        ("reference_prefix".to_owned(), p.reference_prefix.clone()),
        ("letterhead".to_owned(), p.letterhead.clone()),
    ];
    for (n, s) in (1..).zip(&p.signatories) {
        f.push((format!("signatory-{n}-name"), s.name.clone()));
        f.push((format!("signatory-{n}-role"), s.role.clone()));
    }
    f
}

/// How many signatory rows the form has.
fn rows(f: &Fields) -> usize {
    let typed = (1..=MAX_SIGNATORIES)
        .filter(|n| f.iter().any(|(k, _)| k == &format!("signatory-{n}-name")))
        .max()
        .unwrap_or(0);
    (typed + SPARE_ROWS).clamp(MIN_ROWS, MAX_SIGNATORIES)
}

/// The profile typed, and the form row of each signatory the engine will
/// keep (rows left empty are dropped, as the engine drops them).
fn profile_of(f: &Fields) -> (AuthorityProfile, Vec<usize>) {
    let mut signatories = Vec::new();
    let mut kept = Vec::new();
    for n in 1..=MAX_SIGNATORIES {
        let name = field(f, &format!("signatory-{n}-name"));
        let role = field(f, &format!("signatory-{n}-role"));
        if !name.trim().is_empty() || !role.trim().is_empty() {
            signatories.push(Signatory {
                name: name.to_owned(),
                role: role.to_owned(),
            });
            kept.push(n);
        }
    }
    let profile = AuthorityProfile {
        address_lines: field(f, "address").lines().map(str::to_owned).collect(),
        email: field(f, "email").to_owned(),
        foi_contact: field(f, "foi_contact").to_owned(),
        review_procedure: field(f, "review_procedure").to_owned(),
        signatories,
        reference_prefix: field(f, "reference_prefix").to_owned(),
        letterhead: field(f, "letterhead").to_owned(),
    };
    (profile, kept)
}

/// The form field an engine error names: `signatories[1].role` is the
/// role box of the second signatory row that was filled in.
fn form_field(engine_field: &str, kept: &[usize]) -> String {
    if engine_field.starts_with("address_lines") {
        return "address".into();
    }
    if let Some(rest) = engine_field.strip_prefix("signatories") {
        let index: Option<usize> = rest
            .strip_prefix('[')
            .and_then(|r| r.split(']').next())
            .and_then(|i| i.parse().ok());
        let row = index.and_then(|i| kept.get(i).copied()).unwrap_or(1);
        let part = if rest.ends_with(".role") {
            "role"
        } else {
            "name"
        };
        return format!("signatory-{row}-{part}");
    }
    engine_field.to_owned()
}

fn render(
    status: StatusCode,
    who: &WebUser,
    authority: &Authority,
    f: &Fields,
    saved: bool,
    errors: &[Problem],
) -> Response {
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let title = format!("Letter profile for {}", authority.name);
    let body = html! {
        @if saved {
            (success_banner("The letter profile has been saved", Some("Letters written from now on use these details.")))
        }
        span class="caption" { "Administration" }
        h1 { (title) }
        p { "Letters from this authority take these details: the letterhead, the address block, who signs and how to ask for a review." }
        form method="post" action={ "/admin/authorities/" (authority.slug) "/profile" } novalidate {
            (csrf_field(&who.csrf))
            (text_input("letterhead", "Letterhead line", Some("The line at the top of every letter, for example Metropolitan Police Service"), field(f, "letterhead"), "text", errors))
            (textarea("address", "Postal address", Some("One line of the address on each line."), field(f, "address"), errors))
            (text_input("email", "Email address for requests", Some("For example, foi@police.example"), field(f, "email"), "email", errors))
            (text_input("foi_contact", "FOI contact", Some("A person or a team, for example Information Rights Unit"), field(f, "foi_contact"), "text", errors))
            (textarea("review_procedure", "How to ask for an internal review", Some("In the words letters should use."), field(f, "review_procedure"), errors))
            (text_input("reference_prefix", "Reference prefix", Some("Letters, numbers and hyphens, for example MPS-FOI"), field(f, "reference_prefix"), "text", errors))
            fieldset class="fieldset" {
                legend class="fieldset__legend" { "Who signs letters" }
                div class="hint" { "At least one person, with their role. The first is the usual signatory. Leave spare rows empty." }
                @for n in 1..=rows(f) {
                    @let (name, role) = (format!("signatory-{n}-name"), format!("signatory-{n}-role"));
                    (text_input(&name, &format!("Signatory {n}: name"), None, field(f, &name), "text", errors))
                    (text_input(&role, &format!("Signatory {n}: role"), None, field(f, &role), "text", errors))
                }
            }
            button class="button" type="submit" { "Save profile" }
            a class="button button--secondary" href="/admin#authorities" { "Back to administration" }
        }
    };
    respond(status, layout(&title, Some(&viewer), errors, body))
}

/// The authority, if the user is an administrator and it exists.
async fn checked(state: &AppState, who: &WebUser, slug: &str) -> Result<Authority, Response> {
    if who.user.role != Role::Administrator {
        return Err(message_page(
            who,
            StatusCode::FORBIDDEN,
            "Administrators only",
            "Only an administrator sets an authority's letter profile.",
        ));
    }
    match state.service.as_user(&who.user).authority(slug).await {
        Ok(Some(a)) => Ok(a),
        Ok(None) => Err(message_page(
            who,
            StatusCode::NOT_FOUND,
            "Authority not found",
            "There is no authority with that short name.",
        )),
        Err(e) => Err(internal(&e).into_response()),
    }
}

pub async fn form(
    State(state): State<AppState>,
    who: WebUser,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let authority = match checked(&state, &who, &slug).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let saved = query.contains_key("saved");
    match state
        .service
        .as_user(&who.user)
        .authority_profile(authority.id)
        .await
    {
        Ok(p) => {
            let f = p.as_ref().map(fields_of).unwrap_or_default();
            render(StatusCode::OK, &who, &authority, &f, saved, &[])
        }
        Err(e) => internal(&e).into_response(),
    }
}

pub async fn submit(
    State(state): State<AppState>,
    who: WebUser,
    Path(slug): Path<String>,
    PageForm(f): PageForm<Fields>,
) -> Response {
    if !tokens_match(field(&f, "csrf"), &who.csrf) {
        return csrf_refused(&who);
    }
    let authority = match checked(&state, &who, &slug).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let (profile, kept) = profile_of(&f);
    match state
        .service
        .as_user(&who.user)
        .set_authority_profile(authority.id, profile)
        .await
    {
        Ok(_) => Redirect::to(&format!(
            "/admin/authorities/{}/profile?saved=1",
            authority.slug
        ))
        .into_response(),
        Err(EngineError::Invalid { field, message }) => {
            let p = problem(form_field(&field, &kept), message);
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &who,
                &authority,
                &f,
                false,
                &[p],
            )
        }
        Err(EngineError::Forbidden { message }) => {
            message_page(&who, StatusCode::FORBIDDEN, "Administrators only", &message)
        }
        Err(e) => internal(&e).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::form_field;

    #[test]
    fn engine_fields_become_form_fields() {
        // Rows 2 and 3 were filled in; row 1 was left empty.
        let kept = [2, 3];
        for (engine, form) in [
            ("address_lines", "address"),
            ("address_lines[2]", "address"),
            ("signatories", "signatory-1-name"),
            ("signatories[0].name", "signatory-2-name"),
            ("signatories[1].role", "signatory-3-role"),
            ("email", "email"),
            ("reference_prefix", "reference_prefix"),
        ] {
            assert_eq!(form_field(engine, &kept), form, "{engine}");
        }
    }
}
