//! The case list and the case page: the request and its parts, each
//! deadline with the working days left, the findings with their provisions,
//! the timeline with who recorded each event, and what may be recorded next.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use foidesk_engine::api::{EventKind, EventType, FindingKind};
use foidesk_engine::{Access, CaseView, DocumentKind};

use super::documents::may_write as may_write_document;
use maud::{html, Markup};

use super::dashboard::days_left_text;
use super::page::{layout, status_tag, success_banner, summary_row, Viewer};
use super::session::WebUser;
use super::{message_page, respond};
use crate::error::internal;
use crate::AppState;

const PAGE: i64 = 50;

pub async fn list(
    State(state): State<AppState>,
    who: WebUser,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let after = query
        .get("after")
        .and_then(|a| a.parse::<i64>().ok())
        .unwrap_or(0)
        .max(0);
    let rows = match state.service.as_user(&who.user).cases(after, PAGE).await {
        Ok(rows) => rows,
        Err(e) => return internal(&e).into_response(),
    };
    let next = (i64::try_from(rows.len()).ok() == Some(PAGE))
        .then(|| rows.last().map(|c| c.id))
        .flatten();
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let body = html! {
        h1 { "Cases" }
        @if rows.is_empty() {
            p { "There are no cases you can see." }
        } @else {
            table class="table" {
                caption class="visually-hidden" { "Cases you can see" }
                thead { tr { th scope="col" { "Reference" } th scope="col" { "Status" } th scope="col" { "With" } th scope="col" { "Next deadline" } } }
                tbody {
                    @for c in &rows {
                        tr {
                            td { a href={ "/cases/" (c.id) } { (c.reference) } }
                            td { (status_tag(&c.projection.status)) }
                            td { (c.projection.desk) }
                            td { (c.projection.next_deadline.as_deref().unwrap_or("none running")) }
                        }
                    }
                }
            }
            @if let Some(n) = next { a class="button button--secondary" href={ "/cases?after=" (n) } { "Next page" } }
        }
    };
    respond(StatusCode::OK, layout("Cases", Some(&viewer), &[], body))
}

/// The case if this user may see it; otherwise a 404 page, the same as for
/// a case that does not exist.
pub async fn visible(state: &AppState, who: &WebUser, id: &str) -> Result<CaseView, Response> {
    let not_found = || {
        message_page(
            who,
            StatusCode::NOT_FOUND,
            "Case not found",
            "There is no case with that number that you can see.",
        )
    };
    let Ok(id) = id.parse::<i64>() else {
        return Err(not_found());
    };
    match state.service.as_user(&who.user).case(id).await {
        Ok(Some(view)) => Ok(view),
        Ok(None) => Err(not_found()),
        Err(e) => Err(internal(&e).into_response()),
    }
}

pub async fn show(
    State(state): State<AppState>,
    who: WebUser,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let view = match visible(&state, &who, &id).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let title = format!("Case {}", view.summary.reference);
    // After a save the form redirects here naming what it recorded.
    let saved = query.get("saved").and_then(|k| EventType::from_name(k));
    let body = html! {
        @if let Some(kind) = saved {
            (success_banner(&format!("Recorded: {}", kind.label()), None))
        }
        (case_body(&state, &who, &view))
        (super::attachments::section(&state, &who, &view).await)
    };
    respond(StatusCode::OK, layout(&title, Some(&viewer), &[], body))
}

fn case_body(state: &AppState, who: &WebUser, view: &CaseView) -> Markup {
    let s = &view.summary;
    let r = &view.case.request;
    let may_write = who.user.access_to(s) == Access::Write;
    let recordable: Vec<EventType> = EventType::ALL
        .into_iter()
        .filter(|k| may_write && who.user.may_record(*k))
        .collect();
    let documents: Vec<DocumentKind> = DocumentKind::ALL
        .into_iter()
        .filter(|k| applies(view, *k) && may_write_document(&who.user, view, *k))
        .collect();
    html! {
        span class="caption" { (r.authority) }
        h1 { "Case " (s.reference) }
        @if let Some(t) = &view.case.title { p class="body-s" { (t) } }
        dl class="summary-list" {
            (summary_row("Status", status_tag(&s.projection.status)))
            (summary_row("With", html! { (s.projection.desk) }))
            (summary_row("Assigned to", html! { (s.projection.assignee.as_deref().unwrap_or("nobody")) }))
            (summary_row("Regime", html! { (format!("{:?}", r.regime).to_uppercase()) }))
            (summary_row("Received", html! { (r.received.long_form()) }))
            (summary_row("Requester", html! { (r.requester.as_deref().unwrap_or("not recorded")) }))
            (summary_row("Version", html! { (s.version) }))
        }
        h2 { "The request" }
        @if r.parts.is_empty() {
            p { "The request has no separate parts." }
        } @else {
            table class="table" {
                caption class="visually-hidden" { "Parts of the request" }
                thead { tr { th scope="col" { "Part" } th scope="col" { "What was asked" } } }
                tbody { @for p in &r.parts { tr { td { (p.id) } td { (p.text) } } } }
            }
        }
        h2 { "Deadlines" }
        @let deadlines = view.assessment.deadlines.entries();
        @if deadlines.is_empty() {
            p { "No deadline applies." }
        } @else {
            table class="table" id="deadlines" {
                caption class="visually-hidden" { "Deadlines" }
                thead { tr { th scope="col" { "Deadline" } th scope="col" { "Date" } th scope="col" { "Working days" } } }
                tbody {
                    @for (name, date) in &deadlines {
                        @let running = view.stage.next_deadline.is_some_and(|n| n.name == *name);
                        tr {
                            td { (name.replace('_', " ")) @if running { " " strong class="tag" { "running" } } }
                            td { (date.long_form()) }
                            td { (days_left_text(state, *date)) }
                        }
                    }
                }
            }
        }
        h2 { "Findings" }
        @if view.assessment.findings.is_empty() {
            p { "No findings." }
        } @else {
            ul id="findings" class="findings" {
                @for f in &view.assessment.findings {
                    li {
                        @match f.kind {
                            FindingKind::Breach => strong class="tag tag--red" { "breach" },
                            FindingKind::Warning => strong class="tag tag--yellow" { "warning" },
                            FindingKind::Info => strong class="tag tag--grey" { "note" },
                        }
                        " " strong { (f.provision) } ": " (f.summary)
                    }
                }
            }
        }
        h2 { "Timeline" }
        @if view.file.events.is_empty() {
            p { "Nothing has happened yet." }
        } @else {
            ol class="timeline" id="timeline" {
                @for (event, (by, at)) in view.file.events.iter().zip(&view.recorded) {
                    li {
                        h3 { (event.kind.replace('_', " ")) ", " (event.date) }
                        @if let Some(n) = &event.note { p { (n) } }
                        @for o in &event.outcomes {
                            p class="body-s" { "Part " (o.part) ": " (o.outcome.replace('_', " ")) @if !o.provisions.is_empty() { " under " (o.provisions.join(", ")) } }
                        }
                        @if let Some(a) = &event.assignee { p class="body-s" { "To " (if a.is_empty() { "nobody" } else { a.as_str() }) } }
                        p class="body-s" { "Recorded by " (by) " at " (at) }
                    }
                }
            }
        }
        @if !documents.is_empty() {
            h2 { "Documents" }
            ul id="documents" {
                @for kind in &documents {
                    li { a href={ "/cases/" (s.id) "/documents/" (kind.name()) } { "Generate the " (super::documents::title(*kind).to_lowercase()) } }
                }
            }
        }
        @if !recordable.is_empty() {
            h2 { "Record what happened next" }
            ul {
                @for k in &recordable {
                    li { a href={ "/cases/" (s.id) "/record/" (k.as_str()) } { (k.label()) } }
                }
            }
        }
    }
}

/// Whether the case has the event a document is about.
fn applies(view: &CaseView, kind: DocumentKind) -> bool {
    view.case.events.iter().any(|e| match (&e.kind, kind) {
        (EventKind::Response(r), DocumentKind::Refusal) => {
            r.outcomes.iter().any(|o| o.outcome.is_refusal())
        }
        (EventKind::PitExtension { .. }, DocumentKind::Refusal) => true,
        (EventKind::InternalReview { .. }, DocumentKind::Review) => true,
        (EventKind::DecisionNotice(_), DocumentKind::Decision) => true,
        _ => false,
    })
}
