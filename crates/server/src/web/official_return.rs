//! The official return (`/statistics/return`): an authority's figures for a
//! period in the return's groups, each figure with its definition and its
//! source beside it, and the same figures to download as CSV or XLSX.
//! Officers see their own authority's; administrators choose one or all.

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use foidesk_engine::api::{ReturnRow, ReturnSection, RETURN_SOURCES};
use foidesk_engine::{EngineError, OfficialReturn, Period, Role};
use maud::{html, Markup};

use super::case_list::{get, QueryMap};
use super::page::{layout, problem, select, Problem, Viewer};
use super::period;
use super::respond;
use super::session::WebUser;
use crate::error::internal;
use crate::AppState;

const PATH: &str = "/statistics/return";
const TITLE: &str = "Official FOI return";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn viewer(who: &WebUser) -> Viewer<'_> {
    Viewer {
        user: &who.user,
        csrf: &who.csrf,
    }
}

fn may_see(who: &WebUser) -> bool {
    matches!(who.user.role, Role::Officer | Role::Administrator)
}

fn not_theirs(who: &WebUser) -> Response {
    super::message_page(
        who,
        StatusCode::NOT_FOUND,
        "Page not found",
        "The official return is for an authority's officers and for administrators.",
    )
}

/// The authority asked for: an administrator's choice, else the officer's own.
fn authority(q: &QueryMap) -> Option<&str> {
    Some(get(q, "authority")).filter(|a| !a.is_empty())
}

/// The return asked for, or the page (or status) saying why not.
enum Outcome {
    Shown(Period, OfficialReturn),
    Problems(Vec<Problem>),
    Refused(Response),
}

async fn fetch(state: &AppState, who: &WebUser, q: &QueryMap) -> Outcome {
    let today = state.service.engine().today();
    let period = match period::asked(q, today) {
        Ok(p) => p,
        Err(problems) => return Outcome::Problems(problems),
    };
    let me = state.service.as_user(&who.user);
    match me.official_return(authority(q), period).await {
        Ok(ret) => Outcome::Shown(period, ret),
        Err(EngineError::Forbidden { .. }) => Outcome::Refused(super::message_page(
            who,
            StatusCode::FORBIDDEN,
            "You cannot see this return",
            "An officer sees the return of their own authority only.",
        )),
        Err(EngineError::Invalid { field, message }) if field == "authority" => {
            Outcome::Problems(vec![problem("authority", message)])
        }
        Err(e) => Outcome::Refused(internal(&e).into_response()),
    }
}

/// GET /statistics/return
pub async fn show(
    State(state): State<AppState>,
    who: WebUser,
    Query(q): Query<QueryMap>,
) -> Response {
    if !may_see(&who) {
        return not_theirs(&who);
    }
    let (period, ret, problems) = match fetch(&state, &who, &q).await {
        Outcome::Shown(p, r) => (Some(p), Some(r), Vec::new()),
        Outcome::Problems(p) => (None, None, p),
        Outcome::Refused(r) => return r,
    };
    let authorities = if who.user.role == Role::Administrator {
        match state.service.as_user(&who.user).authorities().await {
            Ok(list) => list,
            Err(e) => return internal(&e).into_response(),
        }
    } else {
        Vec::new()
    };
    let rows = match ret.as_ref().map(OfficialReturn::rows).transpose() {
        Ok(rows) => rows.unwrap_or_default(),
        Err(e) => return internal(&e).into_response(),
    };
    let today = state.service.engine().today();
    let options: Vec<(&str, &str)> = std::iter::once(("", "All authorities"))
        .chain(
            authorities
                .iter()
                .map(|a| (a.slug.as_str(), a.name.as_str())),
        )
        .collect();
    let body = html! {
        h1 { (TITLE) }
        @if let Some(r) = &ret {
            p class="lead" id="return-of" {
                (r.authority.as_ref().map_or("All authorities", |a| a.name.as_str()))
                ", " (r.period.from.long_form()) " to " (r.period.to.long_form())
            }
        }
        p { "The figures central government publishes each quarter, and the s.45 code of practice (paragraphs 8.5 and 8.6) asks authorities with more than 100 staff to publish: the requests received in the period, counted as each definition below says." }
        form method="get" action=(PATH) novalidate {
            @if who.user.role == Role::Administrator {
                (select("authority", "Authority", &options, get(&q, "authority"), &problems))
            }
            (period::inputs(&q, period.as_ref(), &problems))
            button class="button" type="submit" { "Show the return" }
        }
        (period::quarter_links(PATH, &q, today))
        @if let (Some(r), Some(p)) = (&ret, &period) {
            (downloads(&q, p))
            @if r.pending > 0 {
                div class="inset-text" { (r.pending) " requests are still being worked out and are not counted yet. Reload the page in a minute." }
            }
            (headline(r))
            (tables(&rows))
            (sources())
        }
    };
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    respond(status, layout(TITLE, Some(&viewer(&who)), &problems, body))
}

fn downloads(q: &QueryMap, p: &Period) -> Markup {
    let query = period::link(q, p);
    html! {
        h2 { "Download the return" }
        ul class="list" {
            li { a id="download-csv" href={ (PATH) ".csv" (query) } download { "Download as CSV" } }
            li { a id="download-xlsx" href={ (PATH) ".xlsx" (query) } download { "Download as a spreadsheet (XLSX)" } }
        }
        p class="hint" { "Both hold the same figures as this page, each with its definition and source." }
    }
}

/// The headline measure: answered in time, with or without an extension.
fn headline(r: &OfficialReturn) -> Markup {
    let t = &r.counts.timeliness;
    let in_time = t.in_time + t.in_time_with_extension;
    let answered = in_time + t.late;
    html! {
        div class="inset-text" id="headline" {
            @if answered == 0 {
                "No request received in this period has been answered yet."
            } @else {
                "Responded to in time: " strong { (in_time) " of " (answered) } " answered requests ("
                (in_time * 100 / answered) "%), counting those within a permitted extension."
            }
        }
    }
}

fn tables(rows: &[ReturnRow]) -> Markup {
    let columns = ["Category", "Requests", "What it counts", "Source"];
    html! {
        @for section in ReturnSection::ALL {
            @let mine: Vec<&ReturnRow> = rows.iter().filter(|r| r.section == section).collect();
            h2 id={ "section-" (section.as_str()) } { (section.label()) }
            @if mine.is_empty() {
                p { "No exemption or exception was relied on." }
            } @else {
                div class="table-wrap" {
                    table class="table table--stack" {
                        caption class="visually-hidden" { (section.label()) }
                        thead { tr { @for c in columns { th scope="col" class=[(c == "Requests").then_some("numeric")] { (c) } } } }
                        tbody {
                            @for r in mine {
                                tr {
                                    th scope="row" data-label=(columns[0]) { (r.label) }
                                    td class="numeric" data-label=(columns[1]) data-figure={ (figure_key(r)) } { (r.count) }
                                    td data-label=(columns[2]) { (r.definition.counts) }
                                    td data-label=(columns[3]) { (r.definition.source) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// "timeliness.in_time", "received": where the figure is in the JSON.
fn figure_key(r: &ReturnRow) -> String {
    match r.section {
        ReturnSection::Received | ReturnSection::Eir | ReturnSection::RoundRobins => r.key.clone(),
        s => format!("{}.{}", s.as_str(), r.key),
    }
}

fn sources() -> Markup {
    html! {
        h2 id="sources" { "Sources" }
        p { "Definitions marked [unverified] are foidesk's reading where no source says how the return counts it." }
        ul class="list" {
            @for s in RETURN_SOURCES {
                li { strong { (s.tag) } ": " a href=(s.url) { (s.title) } }
            }
        }
    }
}

/// GET /statistics/return.csv and .xlsx: the same return as a file.
async fn download(state: AppState, who: WebUser, q: QueryMap, xlsx: bool) -> Response {
    if !may_see(&who) {
        return not_theirs(&who);
    }
    let ret = match fetch(&state, &who, &q).await {
        Outcome::Shown(_, r) => r,
        Outcome::Refused(r) => return r,
        Outcome::Problems(problems) => {
            let text: Vec<String> = problems.into_iter().map(|p| p.message).collect();
            return super::message_page(
                &who,
                StatusCode::BAD_REQUEST,
                "The return could not be made",
                &text.join(". "),
            );
        }
    };
    let (bytes, kind, ext) = if xlsx {
        (ret.xlsx(state.service.engine().today()), XLSX, "xlsx")
    } else {
        (ret.csv(), "text/csv; charset=utf-8", "csv")
    };
    match bytes {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, kind.to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}.{ext}\"", ret.file_stem()),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => internal(&e).into_response(),
    }
}

pub async fn csv(
    State(state): State<AppState>,
    who: WebUser,
    Query(q): Query<QueryMap>,
) -> Response {
    download(state, who, q, false).await
}

pub async fn xlsx(
    State(state): State<AppState>,
    who: WebUser,
    Query(q): Query<QueryMap>,
) -> Response {
    download(state, who, q, true).await
}
