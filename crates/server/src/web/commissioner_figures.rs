//! The Commissioner's figures (`/statistics/commissioner`): complaints
//! received and closed in a period, their age at closing, decision notices
//! by outcome and by provision, and steps complied with on time.
//! Caseworkers and administrators see all authorities (or choose one);
//! officers see the complaints about their own authority.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use foidesk_engine::api::exemption_label;
use foidesk_engine::{ComplaintFigures, EngineError, Role};
use maud::{html, Markup};

use super::case_list::{get, QueryMap};
use super::page::{layout, problem, select, Problem, Viewer};
use super::period;
use super::respond;
use super::session::WebUser;
use crate::error::internal;
use crate::AppState;

const PATH: &str = "/statistics/commissioner";
const TITLE: &str = "The Commissioner's figures";

/// A table of (label, figure, what it counts) rows; `id` names it for tests.
fn table(id: &str, caption: &str, rows: &[(String, String, &str)]) -> Markup {
    html! {
        div class="table-wrap" {
            table class="table table--stack" id=(id) {
                caption class="visually-hidden" { (caption) }
                thead { tr { th scope="col" { "Category" } th scope="col" class="numeric" { "Figure" } th scope="col" { "What it counts" } } }
                tbody {
                    @for (label, figure, counts) in rows {
                        tr {
                            th scope="row" data-label="Category" { (label) }
                            td class="numeric" data-label="Figure" { (figure) }
                            td data-label="What it counts" { (counts) }
                        }
                    }
                }
            }
        }
    }
}

fn row(label: &str, n: u64, counts: &'static str) -> (String, String, &'static str) {
    (label.to_owned(), n.to_string(), counts)
}

fn figures(f: &ComplaintFigures) -> Markup {
    let age = &f.age_at_closing;
    let median = age
        .median_days
        .map_or_else(|| "none closed".to_owned(), |d| format!("{d} days"));
    let complaints = [
        row("Complaints received", f.received, "complaints made to the Commissioner (s.50) in the period"),
        row("Complaints closed", f.closed, "complaints closed in the period: declined under s.50(2) or decided by a decision notice"),
    ];
    let ages = [
        (
            "Median age at closing".to_owned(),
            median,
            "calendar days from the complaint to its closing, the middle one of those closed",
        ),
        row(
            "Closed within 30 days",
            age.within_30_days,
            "closed 30 calendar days or fewer after the complaint",
        ),
        row(
            "Closed in 31 to 90 days",
            age.within_90_days,
            "closed 31 to 90 days after the complaint",
        ),
        row(
            "Closed in 91 to 180 days",
            age.within_180_days,
            "closed 91 to 180 days after the complaint",
        ),
        row(
            "Closed after more than 180 days",
            age.longer,
            "closed more than 180 days after the complaint",
        ),
    ];
    let mut outcomes: Vec<(String, String, &str)> = f
        .notices_by_outcome
        .iter()
        .map(|(o, n)| {
            (
                o.commissioner_words().to_owned(),
                n.to_string(),
                o.choice_words(),
            )
        })
        .collect();
    outcomes.push(row(
        "No outcome recorded",
        f.notices_without_outcome,
        "decision notices whose outcome was not recorded",
    ));
    let provisions: Vec<(String, String, &str)> = f
        .notices_by_provision
        .iter()
        .map(|(p, n)| {
            (
                exemption_label(p),
                n.to_string(),
                "decision notices issued in the period that found this provision breached",
            )
        })
        .collect();
    let s = &f.steps;
    let steps = [
        row(
            "Steps due",
            s.due,
            "decision notices whose ordered steps fell due in the period (s.54)",
        ),
        row(
            "Complied with on time",
            s.complied_on_time,
            "the authority complied by the day the steps were due",
        ),
        row(
            "Complied with late",
            s.complied_late,
            "the authority complied after the day the steps were due",
        ),
        row(
            "Not complied with",
            s.not_complied,
            "no compliance recorded yet",
        ),
    ];
    html! {
        h2 { "Complaints" }
        (table("complaints", "Complaints", &complaints))
        h2 { "Age at closing" }
        (table("age-at-closing", "Age at closing", &ages))
        h2 { "Decision notices by outcome" }
        (table("notices-by-outcome", "Decision notices by outcome", &outcomes))
        h2 { "Decision notices by provision" }
        @if provisions.is_empty() {
            p id="notices-by-provision" { "No decision notice in the period found a provision breached." }
        } @else {
            (table("notices-by-provision", "Decision notices by provision", &provisions))
        }
        h2 { "Steps ordered by decision notices" }
        (table("steps", "Steps ordered", &steps))
    }
}

fn may_see(who: &WebUser) -> bool {
    matches!(
        who.user.role,
        Role::Caseworker | Role::Administrator | Role::Officer
    )
}

/// GET /statistics/commissioner
pub async fn show(
    State(state): State<AppState>,
    who: WebUser,
    Query(q): Query<QueryMap>,
) -> Response {
    if !may_see(&who) {
        return super::message_page(
            &who,
            StatusCode::NOT_FOUND,
            "Page not found",
            "The Commissioner's figures are for caseworkers, administrators and officers.",
        );
    }
    let today = state.service.engine().today();
    let mut problems: Vec<Problem> = Vec::new();
    let mut shown = None;
    match period::asked(&q, today) {
        Err(p) => problems = p,
        Ok(p) => {
            let authority = Some(get(&q, "authority")).filter(|a| !a.is_empty());
            match state
                .service
                .as_user(&who.user)
                .complaint_figures(authority, p)
                .await
            {
                Ok(f) => shown = Some(f),
                Err(EngineError::Forbidden { .. }) => {
                    return super::message_page(
                        &who,
                        StatusCode::FORBIDDEN,
                        "You cannot see these figures",
                        "An officer sees the figures of complaints about their own authority only.",
                    )
                }
                Err(EngineError::Invalid { field, message }) if field == "authority" => {
                    problems.push(problem("authority", message));
                }
                Err(e) => return internal(&e).into_response(),
            }
        }
    }
    let chooses = matches!(who.user.role, Role::Caseworker | Role::Administrator);
    let authorities = if chooses {
        match state.service.as_user(&who.user).authorities().await {
            Ok(list) => list,
            Err(e) => return internal(&e).into_response(),
        }
    } else {
        Vec::new()
    };
    let options: Vec<(&str, &str)> = std::iter::once(("", "All authorities"))
        .chain(
            authorities
                .iter()
                .map(|a| (a.slug.as_str(), a.name.as_str())),
        )
        .collect();
    let body = html! {
        h1 { (TITLE) }
        @if let Some(f) = &shown {
            p class="lead" id="figures-of" {
                (f.authority.as_ref().map_or("All authorities", |a| a.name.as_str()))
                ", " (f.period.from.long_form()) " to " (f.period.to.long_form())
            }
        }
        p { "Complaints to the Information Commissioner under s.50 and what became of them, counted by the day each thing happened in the period." }
        form method="get" action=(PATH) novalidate {
            @if chooses {
                (select("authority", "Authority", &options, get(&q, "authority"), &problems))
            }
            (period::inputs(&q, shown.as_ref().map(|f| &f.period), &problems))
            button class="button" type="submit" { "Show the figures" }
        }
        (period::quarter_links(PATH, &q, today))
        @if let Some(f) = &shown { (figures(f)) }
    };
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    respond(status, layout(TITLE, Some(&viewer), &problems, body))
}
