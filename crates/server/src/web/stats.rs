//! Statistics over the cases the user may see: response outcomes by the
//! provision relied on, and timeliness by authority, each as a chart with
//! the same figures in a table.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use foidesk_engine::stats;
use maud::html;

use super::chart::{bars, Bar};
use super::dashboard::CHART_CASES;
use super::page::{layout, Viewer};
use super::respond;
use super::session::WebUser;
use crate::error::internal;
use crate::AppState;

pub async fn show(State(state): State<AppState>, who: WebUser) -> Response {
    let views = match state
        .service
        .as_user(&who.user)
        .case_views(CHART_CASES)
        .await
    {
        Ok(v) => v,
        Err(e) => return internal(&e).into_response(),
    };
    let figures = stats(&views);
    let authorities = match state.service.as_user(&who.user).authorities().await {
        Ok(list) => list,
        Err(e) => return internal(&e).into_response(),
    };
    let name = |id: &i64| {
        authorities
            .iter()
            .find(|a| a.id == *id)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| format!("authority {id}"))
    };
    let by_provision: Vec<Bar> = figures
        .outcomes_by_provision
        .iter()
        .map(|(p, outcomes)| Bar {
            label: p.clone(),
            value: outcomes.values().sum(),
        })
        .collect();
    let max_parts = by_provision.iter().map(|b| b.value).max().unwrap_or(1);
    let by_authority: Vec<Bar> = figures
        .by_authority
        .iter()
        .filter_map(|(a, t)| {
            t.percent().map(|p| Bar {
                label: name(a),
                value: p,
            })
        })
        .collect();
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let body = html! {
        h1 { "Statistics" }
        p class="body-s" { "From " (figures.cases) " cases you can see." }
        h2 { "Outcomes by provision relied on" }
        @if by_provision.is_empty() {
            p { "No response relies on a provision yet." }
        } @else {
            (bars("provision-chart", "Parts of requests answered under each provision", &by_provision, max_parts, ""))
            table class="table" {
                caption class="visually-hidden" { "Outcomes by provision" }
                thead { tr { th scope="col" { "Provision" } th scope="col" { "Outcome" } th scope="col" class="numeric" { "Parts" } } }
                tbody {
                    @for (p, outcomes) in &figures.outcomes_by_provision {
                        @for (outcome, n) in outcomes {
                            tr { td { (p) } td { (outcome.replace('_', " ")) } td class="numeric" { (n) } }
                        }
                    }
                }
            }
        }
        h2 { "Timeliness by authority" }
        @if by_authority.is_empty() {
            p { "No request you can see has been answered yet." }
        } @else {
            (bars("authority-chart", "Percentage answered by the due date, by authority", &by_authority, 100, "%"))
            table class="table" {
                caption class="visually-hidden" { "Timeliness by authority" }
                thead { tr { th scope="col" { "Authority" } th scope="col" class="numeric" { "Answered" } th scope="col" class="numeric" { "On time" } th scope="col" class="numeric" { "Per cent" } } }
                tbody {
                    @for (a, t) in &figures.by_authority {
                        tr { td { (name(a)) } td class="numeric" { (t.answered) } td class="numeric" { (t.on_time) } td class="numeric" { (t.percent().map(|p| format!("{p}%")).unwrap_or_default()) } }
                    }
                }
            }
        }
    };
    respond(
        StatusCode::OK,
        layout("Statistics", Some(&viewer), &[], body),
    )
}
