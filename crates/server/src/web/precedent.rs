//! The precedent panel, on the staff's case page and on the response form:
//! the Commissioner's decisions on the provisions the case is considering,
//! for requests like it (`AsUser::precedents`), each with its decision, its
//! NCND finding, its reference and date, and a link to the notice.

use foidesk_engine::api::EventType;
use foidesk_engine::{CaseView, Precedent, Precedents};
use maud::{html, Markup};

use super::library::{date_words, paragraph_quote};
use super::session::WebUser;
use crate::error::internal;
use crate::AppState;

/// Characters of a notice's paragraph the panel quotes.
const QUOTE_CHARS: usize = 320;

/// The panel on an event's form: only for the kinds that decide on provisions.
pub async fn for_event(
    state: &AppState,
    who: &WebUser,
    view: &CaseView,
    kind: EventType,
) -> Markup {
    match kind {
        EventType::Response | EventType::PitExtension | EventType::InternalReview => {
            panel(state, who, view.summary.id).await
        }
        _ => html! {},
    }
}

/// The panel for case `case_id`; a note in its place if the library cannot be searched.
pub async fn panel(state: &AppState, who: &WebUser, case_id: i64) -> Markup {
    match state.service.as_user(&who.user).precedents(case_id).await {
        Ok(p) => render(&p),
        Err(e) => {
            let _ = internal(&e);
            html! {
                section class="precedents" aria-labelledby="precedents-title" {
                    h2 id="precedents-title" { "Decisions on similar requests" }
                    p { "The library could not be searched just now." }
                }
            }
        }
    }
}

fn render(p: &Precedents) -> Markup {
    let considered: Vec<String> = p.considered.iter().map(ToString::to_string).collect();
    html! {
        section class="precedents" aria-labelledby="precedents-title" {
            h2 id="precedents-title" { "Decisions on similar requests" }
            p class="hint" {
                @if considered.is_empty() {
                    "No provision is being considered yet, so these are the Commissioner's decisions on requests most like this one."
                } @else {
                    "The Commissioner's decisions on " (considered.join(", ")) " for requests like this one"
                    @if let Some(k) = p.kind { ", " (k.label().to_lowercase()) " first" }
                    ", then decisions on other provisions."
                }
            }
            @if p.notices.is_empty() {
                p { "The library has no decision like this request yet. " a href="/library" { "Search the library" } }
            } @else {
                ol class="precedents__list" {
                    @for n in &p.notices { li { (item(n)) } }
                }
            }
        }
    }
}

fn item(n: &Precedent) -> Markup {
    let title = match (&n.reference, &n.authority) {
        (Some(r), Some(a)) => format!("{r}: {a}"),
        (Some(r), None) => r.clone(),
        (None, Some(a)) => a.clone(),
        (None, None) => format!("Notice {}", n.notice_id),
    };
    let quote = n.paragraph.as_ref().map(|p| {
        let mut p = p.clone();
        if p.text.chars().count() > QUOTE_CHARS {
            let end = p
                .text
                .char_indices()
                .nth(QUOTE_CHARS)
                .map_or(p.text.len(), |(i, _)| i);
            p.text.truncate(end);
            p.text.push('…');
            p.highlights.retain(|[_, e]| *e <= end);
        }
        p
    });
    html! {
        h3 class="precedents__title" { a href={ "/library/" (n.notice_id) } { (title) } }
        p class="body-s" {
            @if let Some(d) = n.date { "Decided " (date_words(Some(&d.to_string())).unwrap_or_default()) ". " }
            @if let Some(o) = n.outcome { "Complaint: " (o.commissioner_words()) ". " }
            @if n.ncnd { strong class="tag tag--grey" { "Neither confirm nor deny" } " " }
            @if !n.on_provisions.is_empty() { "On " (n.on_provisions.join(", ")) ". " }
            @else if !n.cited.is_empty() { "Cites " (n.cited.join(", ")) ". " }
        }
        @if let Some(p) = &quote { (paragraph_quote(p)) }
    }
}
