//! The confirmation after a requester's request is sent: a panel, then
//! each authority's case (the first and the others of its batch) with its
//! reference and the day the authority should answer by, in words.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use foidesk_engine::api::Date;
use maud::html;

use super::page::{layout, Viewer};
use super::respond;
use super::session::WebUser;
use crate::error::internal;
use crate::AppState;

/// "Monday 4 January 2027".
fn day_in_words(date: Date) -> String {
    format!("{} {}", date.weekday().name(), date.long_form())
}

/// GET /requests/sent/{id}: the confirmation, with every case of the batch.
pub async fn sent(State(state): State<AppState>, who: WebUser, Path(id): Path<String>) -> Response {
    let first = match super::case_page::visible(&state, &who, &id).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let as_user = state.service.as_user(&who.user);
    let others = match as_user.batch_of(first.summary.id).await {
        Ok(o) => o,
        Err(e) => return internal(&e).into_response(),
    };
    let mut cases = vec![first];
    for other in others {
        match as_user.case(other.id).await {
            Ok(Some(view)) => cases.push(view),
            Ok(None) => {}
            Err(e) => return internal(&e).into_response(),
        }
    }
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let several = cases.len() > 1;
    let body = html! {
        div class="panel panel--confirmation" {
            h1 class="panel__title" { "Request sent" }
            div class="panel__body" {
                @if several {
                    "Sent to " (cases.len()) " authorities"
                } @else {
                    "Your reference is" br; strong { (cases[0].summary.reference) }
                }
            }
        }
        @for view in &cases {
            h2 { (view.case.request.authority) }
            dl class="summary-list" {
                div class="summary-list__row" {
                    dt class="summary-list__key" { "Reference" }
                    dd class="summary-list__value" { a href={ "/cases/" (view.summary.id) } { (view.summary.reference) } }
                }
                @if let Some(next) = view.stage.next_deadline {
                    div class="summary-list__row" {
                        dt class="summary-list__key" { "Answer due" }
                        dd class="summary-list__value" { "The authority should answer by " (day_in_words(next.date)) }
                    }
                }
            }
        }
        h2 { "What happens next" }
        p { "Each authority should answer within " (state.service.engine().response_period()) " of today. If it asks you to clarify, or asks for a fee, the time stops until you reply." }
        p { "You can follow each request on " a href="/" { "My requests" } "." }
    };
    respond(
        StatusCode::OK,
        layout("Request sent", Some(&viewer), &[], body),
    )
}
