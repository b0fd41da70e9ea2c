//! "My requests": a requester's own requests, newest first, with the
//! authority, what it asked (the first part, shortened), the day it was sent
//! and where it stands in plain words. The dashboard and the case list show
//! it to requesters.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use foidesk_engine::EngineError;
use maud::{html, Markup};

use super::page::{layout, Viewer};
use super::respond;
use super::session::WebUser;
use crate::error::internal;
use crate::AppState;

/// The most requests listed at once.
pub const SHOWN: usize = 100;
/// The longest subject shown, in characters.
const SUBJECT_CHARS: usize = 80;

fn shortened(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= SUBJECT_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(SUBJECT_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The table of the requester's requests under `heading`, with the
/// button to make one.
pub async fn section(
    state: &AppState,
    who: &WebUser,
    heading: &str,
) -> Result<Markup, EngineError> {
    let mine = state.service.as_user(&who.user).my_requests(SHOWN).await?;
    Ok(html! {
        h2 id="my-requests" { (heading) }
        @if mine.rows.is_empty() {
            p { "You have not made any requests yet. Ask an authority for information it holds: it should answer within " (state.service.engine().response_period()) "." }
        }
        p { a class="button" href="/requests/make" { "Make a request" } }
        @if !mine.rows.is_empty() {
            p class="body-s" { "Showing " (mine.rows.len()) " of " (mine.total) ", newest first." }
            div class="table-wrap" {
                table class="table my-requests" {
                    caption class="visually-hidden" { (heading) }
                    thead { tr {
                        th scope="col" { "Authority" }
                        th scope="col" { "Request" }
                        th scope="col" { "Sent" }
                        th scope="col" { "Status" }
                    } }
                    tbody {
                        @for r in &mine.rows {
                            tr {
                                td data-label="Authority" { (r.authority) }
                                td data-label="Request" {
                                    a href={ "/cases/" (r.id) } { (shortened(&r.subject)) }
                                    br;
                                    span class="body-s" { "Reference " (r.reference) }
                                }
                                td data-label="Sent" { (r.sent.long_form()) }
                                td data-label="Status" { (r.status) }
                            }
                        }
                    }
                }
            }
        }
    })
}

/// The case list, for a requester: their requests.
pub async fn page(state: &AppState, who: &WebUser) -> Response {
    let section = match section(state, who, "Your requests").await {
        Ok(s) => s,
        Err(e) => return internal(&e).into_response(),
    };
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let body = html! {
        h1 { "My requests" }
        (section)
    };
    respond(
        StatusCode::OK,
        layout("My requests", Some(&viewer), &[], body),
    )
}

#[cfg(test)]
mod tests {
    use super::shortened;

    #[test]
    fn a_long_subject_is_cut_at_a_character_with_an_ellipsis() {
        for (text, want) in [
            ("  Drone policy ", "Drone policy".to_owned()),
            (&"é".repeat(80), "é".repeat(80)),
            (&"é".repeat(81), format!("{}…", "é".repeat(79))),
        ] {
            assert_eq!(shortened(text), want, "{text}");
        }
    }
}
