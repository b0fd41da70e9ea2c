//! The coordinator's pages (a national FOI unit): the round robins it
//! coordinates, and each one's grid with a form per part to record the
//! answer it advises. A coordinator never opens a case and never sees who
//! asked: the engine gives it the grid and nothing else.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::api::{Advice, Outcome, RoundRobinGrid, RoundRobinSummary};
use foidesk_engine::{EngineError, Role};
use maud::{html, Markup};

use super::page::{
    csrf_field, layout, problem, radios, success_banner, text_input, textarea, Problem, Viewer,
};
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, respond, PageForm};
use crate::error::internal;
use crate::AppState;

type Fields = Vec<(String, String)>;

fn field<'a>(f: &'a Fields, name: &str) -> &'a str {
    f.iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// Who may use these pages: coordinators, and administrators who see all.
fn refused(who: &WebUser) -> Option<Response> {
    (!matches!(who.user.role, Role::Coordinator | Role::Administrator)).then(|| {
        message_page(
            who,
            StatusCode::FORBIDDEN,
            "Coordinators only",
            "Round robins are listed for the national FOI unit that coordinates them. Your own round robins are on each case's page.",
        )
    })
}

fn not_found(who: &WebUser) -> Response {
    message_page(
        who,
        StatusCode::NOT_FOUND,
        "Round robin not found",
        "There is no round robin with that number that you coordinate.",
    )
}

/// The table of round robins, for the list page and the dashboard.
pub(super) fn table(list: &[RoundRobinSummary]) -> Markup {
    html! {
        @if list.is_empty() {
            p { "No round robins yet." }
        } @else {
            div class="table-wrap" {
                table class="table table--stack" id="round-robins" {
                    caption class="visually-hidden" { "Round robins you coordinate" }
                    thead { tr {
                        th scope="col" { "Request" }
                        th scope="col" { "Reference" }
                        th scope="col" class="numeric" { "Authorities" }
                        th scope="col" class="numeric" { "Answered" }
                    } }
                    tbody {
                        @for r in list {
                            tr {
                                td data-label="Request" { a href={ "/round-robins/" (r.id) } { (r.subject) } }
                                td data-label="Reference" { @if r.references.is_empty() { "none" } @else { (r.references.join(", ")) } }
                                td data-label="Authorities" class="numeric" { (r.authorities) }
                                td data-label="Answered" class="numeric" { (r.answered) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// GET /round-robins
pub async fn list(State(state): State<AppState>, who: WebUser) -> Response {
    if let Some(r) = refused(&who) {
        return r;
    }
    let list = match state
        .service
        .as_user(&who.user)
        .coordinated_round_robins()
        .await
    {
        Ok(l) => l,
        Err(e) => return internal(&e).into_response(),
    };
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let body = html! {
        h1 { "Round robins" }
        p { "Requests sent to many authorities, recognised from their words alone. Open one to see how each authority answered each part, and to record the answer you advise." }
        (table(&list))
    };
    respond(
        StatusCode::OK,
        layout("Round robins", Some(&viewer), &[], body),
    )
}

/// The outcomes offered as advice, by wire name and label.
fn outcomes() -> Vec<(&'static str, &'static str)> {
    Outcome::ALL
        .iter()
        .map(|o| (o.as_str(), o.label()))
        .collect()
}

fn advice_form(
    who: &WebUser,
    grid: &RoundRobinGrid,
    part: &str,
    f: &Fields,
    errors: &[Problem],
) -> Markup {
    let id = |name: &str| format!("{name}-{part}");
    let current = grid.advice.iter().find(|a| a.part == part);
    let chosen = if f.is_empty() {
        current.map_or("", |a| a.outcome.as_str())
    } else {
        field(f, &id("outcome"))
    };
    let provisions = if f.is_empty() {
        current.map(|a| a.provisions.join(", ")).unwrap_or_default()
    } else {
        field(f, &id("provisions")).to_owned()
    };
    let options = outcomes();
    html! {
        form method="post" action={ "/round-robins/" (grid.id) "/advice" } novalidate class="advice-form" {
            (csrf_field(&who.csrf))
            input type="hidden" name="part" value=(part);
            (radios(&id("outcome"), &format!("The answer you advise on part {part}"), None, &options, chosen, errors))
            (text_input(&id("provisions"), "Provisions", Some("Those to rely on, for example section 23(5), section 24(2), section 31(3)"), &provisions, "text", errors))
            (textarea(&id("note"), "Note to the authorities", Some("Optional."), field(f, &id("note")), errors))
            button class="button" type="submit" { "Record advice on part " (part) }
        }
    }
}

async fn grid_page(
    state: &AppState,
    who: &WebUser,
    id: &str,
    typed: &Fields,
    errors: &[Problem],
    status: StatusCode,
    saved: bool,
) -> Response {
    if let Some(r) = refused(who) {
        return r;
    }
    let Ok(id) = id.parse::<i64>() else {
        return not_found(who);
    };
    let grid = match state.service.as_user(&who.user).round_robin_by_id(id).await {
        Ok(g) => g,
        Err(EngineError::NotFound { .. } | EngineError::Forbidden { .. }) => return not_found(who),
        Err(e) => return internal(&e).into_response(),
    };
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let title = format!("Round robin {id}");
    let typed_part = field(typed, "part");
    let body = html! {
        a class="back-link" href="/round-robins" { "All round robins" }
        @if saved { (success_banner("Advice recorded", Some("The authorities in the round robin see it when they plan their answers."))) }
        h1 { (title) }
        p {
            "The same request went to " (grid.rows.len()) " authorities."
            @if !grid.references.is_empty() { " Known as " (grid.references.join(", ")) "." }
        }
        h2 { "The request and its answers" }
        (super::round_robin::grid(&grid, "How each authority answered, part by part"))
        h2 { "Advise the authorities" }
        @for p in &grid.parts {
            @let (f, e): (&[(String, String)], &[Problem]) = if p.id == typed_part { (typed, errors) } else { (&[], &[]) };
            h3 { "Part " (p.id) }
            (advice_form(who, &grid, &p.id, &f.to_vec(), e))
        }
    };
    respond(
        status,
        layout(&format!("Round robin {id}"), Some(&viewer), errors, body),
    )
}

/// GET /round-robins/{id}
pub async fn show(
    State(state): State<AppState>,
    who: WebUser,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<Vec<(String, String)>>,
) -> Response {
    let saved = q.iter().any(|(k, v)| k == "saved" && v == "advice");
    grid_page(&state, &who, &id, &Vec::new(), &[], StatusCode::OK, saved).await
}

/// The advice a form describes, or the problems with it.
fn advice_of(state: &AppState, f: &Fields) -> Result<Advice, Vec<Problem>> {
    let part = field(f, "part").to_owned();
    let name = |n: &str| format!("{n}-{part}");
    let mut errors = Vec::new();
    let outcome = Outcome::from_name(field(f, &name("outcome")));
    if outcome.is_none() {
        errors.push(problem(
            name("outcome"),
            format!("Choose the answer you advise on part {part}"),
        ));
    }
    let typed = field(f, &name("provisions")).trim();
    let mut provisions = Vec::new();
    if !typed.is_empty() {
        match state.service.engine().parse_citations(typed) {
            Ok(ids) => provisions = ids.iter().map(ToString::to_string).collect(),
            Err(_) => errors.push(problem(
                name("provisions"),
                "Enter provisions as the Act numbers them, for example section 31(3)",
            )),
        }
    }
    match outcome {
        Some(outcome) if errors.is_empty() => Ok(Advice {
            outcome,
            provisions,
            note: Some(field(f, &name("note")).to_owned()).filter(|n| !n.trim().is_empty()),
            part,
        }),
        _ => Err(errors),
    }
}

/// POST /round-robins/{id}/advice
pub async fn advise(
    State(state): State<AppState>,
    who: WebUser,
    Path(id): Path<String>,
    PageForm(f): PageForm<Fields>,
) -> Response {
    if !tokens_match(field(&f, "csrf"), &who.csrf) {
        return csrf_refused(&who);
    }
    if let Some(r) = refused(&who) {
        return r;
    }
    let Ok(rr) = id.parse::<i64>() else {
        return not_found(&who);
    };
    let errors = match advice_of(&state, &f) {
        Err(errors) => errors,
        Ok(advice) => {
            let at = |n: &str| format!("{n}-{}", advice.part);
            let on_outcome = at("outcome");
            let on_provisions = at("provisions");
            match state
                .service
                .as_user(&who.user)
                .record_advice(rr, advice)
                .await
            {
                Ok(()) => {
                    return Redirect::to(&format!("/round-robins/{rr}?saved=advice"))
                        .into_response()
                }
                Err(EngineError::Invalid {
                    field: which,
                    message,
                }) => {
                    let on = if which == "provisions" {
                        on_provisions
                    } else {
                        on_outcome
                    };
                    let mut chars = message.chars();
                    let message: String = chars
                        .next()
                        .map(|c| c.to_uppercase().chain(chars).collect())
                        .unwrap_or_default();
                    vec![problem(on, message)]
                }
                Err(EngineError::NotFound { .. } | EngineError::Forbidden { .. }) => {
                    return not_found(&who)
                }
                Err(e) => return internal(&e).into_response(),
            }
        }
    };
    grid_page(
        &state,
        &who,
        &id,
        &f,
        &errors,
        StatusCode::UNPROCESSABLE_ENTITY,
        false,
    )
    .await
}
