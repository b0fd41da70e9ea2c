//! The Commissioner's queue (`/complaints`, and the caseworker's
//! dashboard): live complaints, oldest first, with their age in days and
//! weeks, authority, stage and caseworker; decided and declined ones in a
//! table below. Filtered by stage, authority and "assigned to me" (a GET
//! form), and downloaded as CSV with the same query string.

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use foidesk_engine::api::Status;
use foidesk_engine::{ComplaintFilter, ComplaintRow, ComplaintStage, EngineError, Role};
use maud::{html, Markup};

use super::case_list::{csv_of, get, query_with, QueryMap};
use super::page::{layout, Viewer};
use super::respond;
use super::session::WebUser;
use crate::error::internal;
use crate::AppState;

/// Rows each table shows, and the most a CSV holds.
const ROWS: i64 = 200;
const CSV_ROWS: i64 = 5_000;

const COLUMNS: [&str; 6] = [
    "Case",
    "Authority",
    "Complaint made",
    "Age",
    "Stage",
    "Assigned to",
];

fn filter_of(q: &QueryMap) -> ComplaintFilter {
    ComplaintFilter {
        stage: ComplaintStage::from_name(get(q, "stage")),
        authority_id: get(q, "authority").parse().ok(),
        mine: get(q, "mine") == "yes",
    }
}

fn stage_words(row: &ComplaintRow) -> &'static str {
    Status::from_name(&row.summary.projection.status).map_or("", ComplaintStage::words)
}

/// A row's cells in words, as the table and the CSV show them.
fn cells(row: &ComplaintRow) -> Vec<String> {
    vec![
        row.summary.reference.clone(),
        row.authority.clone(),
        row.complained.long_form(),
        row.age_words(),
        stage_words(row).to_owned(),
        row.summary
            .projection
            .assignee
            .clone()
            .unwrap_or_else(|| "nobody".into()),
    ]
}

/// One table of complaints; `id` names it for links and tests.
pub fn table(id: &str, caption: &str, rows: &[ComplaintRow]) -> Markup {
    html! {
        @if rows.is_empty() {
            p id=(id) { "None." }
        } @else {
            div class="table-wrap" {
                table class="table table--stack" id=(id) {
                    caption class="visually-hidden" { (caption) }
                    thead { tr { @for c in COLUMNS { th scope="col" { (c) } } } }
                    tbody {
                        @for row in rows {
                            tr {
                                @for (i, (cell, title)) in cells(row).iter().zip(COLUMNS).enumerate() {
                                    td data-label=(title) {
                                        @if i == 0 {
                                            a href={ "/cases/" (row.summary.id) } { (cell) }
                                        } @else {
                                            (cell)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The live complaints and the others, as this user may see them.
async fn both(
    state: &AppState,
    who: &WebUser,
    filter: &ComplaintFilter,
    limit: i64,
) -> Result<(Vec<ComplaintRow>, Vec<ComplaintRow>), EngineError> {
    let me = state.service.as_user(&who.user);
    Ok((
        me.complaints(filter, true, limit).await?,
        me.complaints(filter, false, limit).await?,
    ))
}

/// The caseworker dashboard's panel: the live complaints, oldest first.
pub async fn dashboard_panel(state: &AppState, who: &WebUser) -> Result<Markup, EngineError> {
    let live = state
        .service
        .as_user(&who.user)
        .complaints(&ComplaintFilter::default(), true, 50)
        .await?;
    Ok(html! {
        h2 { "Live complaints " span class="tag tag--grey" { (live.len()) } }
        (table("live-complaints", "Live complaints, oldest first", &live))
        p {
            a href="/complaints" { "All complaints, with filters and the decided ones" }
            " · "
            a href="/complaints/new" { "Open a complaint by hand" }
        }
    })
}

fn not_theirs(who: &WebUser) -> Response {
    super::message_page(
        who,
        StatusCode::NOT_FOUND,
        "Page not found",
        "The complaints queue is for the Commissioner's caseworkers.",
    )
}

fn may_see(who: &WebUser) -> bool {
    matches!(who.user.role, Role::Caseworker | Role::Administrator)
}

/// GET /complaints
pub async fn list(
    State(state): State<AppState>,
    who: WebUser,
    Query(q): Query<QueryMap>,
) -> Response {
    if !may_see(&who) {
        return not_theirs(&who);
    }
    let filter = filter_of(&q);
    let (live, done) = match both(&state, &who, &filter, ROWS).await {
        Ok(rows) => rows,
        Err(e) => return internal(&e).into_response(),
    };
    let authorities = match state.service.as_user(&who.user).authorities().await {
        Ok(a) => a,
        Err(e) => return internal(&e).into_response(),
    };
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let option = |value: &str, label: &str, chosen: &str| {
        html! { option value=(value) selected[value == chosen] { (label) } }
    };
    let body = html! {
        h1 { "Complaints" }
        p class="actions" {
            a class="button" href="/complaints/new" { "Open a complaint by hand" }
            " "
            a href={ "/complaints.csv" (query_with(&q, &[])) } download { "Download these complaints (CSV)" }
        }
        div class="filter-layout" {
            div class="filter-layout__filter" {
                form class="filter" method="get" action="/complaints" {
                    h2 class="filter__title" { "Filter" }
                    div class="form-group" {
                        label class="label" for="stage" { "Stage" }
                        select class="select" id="stage" name="stage" {
                            (option("", "Any stage", get(&q, "stage")))
                            @for s in ComplaintStage::ALL { (option(s.as_str(), s.label(), get(&q, "stage"))) }
                        }
                    }
                    div class="form-group" {
                        label class="label" for="authority" { "Authority" }
                        select class="select" id="authority" name="authority" {
                            (option("", "Any authority", get(&q, "authority")))
                            @for a in &authorities { (option(&a.id.to_string(), &a.name, get(&q, "authority"))) }
                        }
                    }
                    div class="form-group" {
                        div class="checkboxes__item" {
                            input class="checkboxes__input" type="checkbox" id="mine" name="mine" value="yes" checked[get(&q, "mine") == "yes"];
                            label class="label checkboxes__label" for="mine" { "Assigned to me" }
                        }
                    }
                    button class="button" type="submit" { "Apply filters" }
                    p { a href="/complaints" { "Clear filters" } }
                }
            }
            div class="filter-layout__content" {
                h2 { "Live complaints, oldest first" }
                (table("live-complaints", "Live complaints, oldest first", &live))
                h2 { "Decided and declined" }
                (table("closed-complaints", "Decided and declined complaints", &done))
            }
        }
    };
    respond(
        StatusCode::OK,
        layout("Complaints", Some(&viewer), &[], body),
    )
}

/// GET /complaints.csv: both tables' rows, live first, with a column
/// saying which.
pub async fn csv(
    State(state): State<AppState>,
    who: WebUser,
    Query(q): Query<QueryMap>,
) -> Response {
    if !may_see(&who) {
        return not_theirs(&who);
    }
    let (live, done) = match both(&state, &who, &filter_of(&q), CSV_ROWS).await {
        Ok(rows) => rows,
        Err(e) => return internal(&e).into_response(),
    };
    let mut header: Vec<&str> = COLUMNS.to_vec();
    header.push("Live");
    let rows: Vec<Vec<String>> = live
        .iter()
        .map(|r| (r, "yes"))
        .chain(done.iter().map(|r| (r, "no")))
        .map(|(r, live)| {
            let mut cells = cells(r);
            cells.push(live.to_owned());
            cells
        })
        .collect();
    match csv_of(&header, &rows) {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"complaints.csv\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => internal(&e).into_response(),
    }
}
