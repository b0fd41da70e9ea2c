//! Warnings on a planned response that departs from a consistent answer
//! (the round robin's peers, this authority's own near-duplicates, the
//! coordinator's advice), each with the answers it rests on, and the reason
//! the officer must give to go on. A warning advises; with a reason the
//! response is sent, and the reason is kept on the case.

use foidesk_engine::api::{ConsistencyWarning, EventFile, EventType, WarningPeer};
use maud::{html, Markup};

use super::case_page::provision_words;
use super::page::{textarea, Problem};
use super::session::WebUser;
use crate::AppState;

/// The warnings on a planned event, worked out as recording it would work
/// them out (only a response has any). They are for showing: whether a
/// reason is needed is the engine's to say when the event is recorded
/// (`ReasonNeeded`), so warnings that cannot be worked out show nothing
/// rather than block.
pub async fn planned(
    state: &AppState,
    who: &WebUser,
    case: i64,
    event: &EventFile,
) -> Vec<ConsistencyWarning> {
    if event.kind != EventType::Response.as_str() {
        return Vec::new();
    }
    state
        .service
        .as_user(&who.user)
        .consistency_warnings_for_event(case, event)
        .await
        .unwrap_or_default()
}

/// The form field that carries the reason.
pub const REASON: &str = "consistency_reason";

/// The problem when a reason is needed and none was given.
pub fn reason_missing() -> Problem {
    super::page::problem(
        REASON,
        "Enter why you are departing from a consistent answer",
    )
}

fn part_words(part: &str) -> String {
    if part == "all" {
        "The whole request".to_owned()
    } else {
        format!("Part {part}")
    }
}

/// Answers listed under a warning before the rest fold away.
const SHOWN: usize = 5;

/// One earlier answer, linked to its case where the viewer may open it.
fn peer_line(peer: &WarningPeer) -> Markup {
    html! {
        li {
            @match peer.case_id {
                Some(id) => a href={ "/cases/" (id) } { (peer.authority) },
                None => (peer.authority),
            }
            ": " (peer.outcome.label())
            @if !peer.provisions.is_empty() {
                @let words: Vec<String> = peer.provisions.iter().map(|p| provision_words(p)).collect();
                ", under " (words.join(", "))
            }
            @if let Some(d) = peer.date { ", " (d.long_form()) }
        }
    }
}

/// The warnings, each with its peers as links where the viewer may open
/// their case, then the required reason.
pub fn section(warnings: &[ConsistencyWarning], typed: &str, errors: &[Problem]) -> Markup {
    if warnings.is_empty() {
        return html! {};
    }
    html! {
        div class="warning-panel" id="consistency-warnings" {
            h2 { "Check this answer against others" }
            p { "This answer departs from how the same or a similar request was answered. You can still send it: say why below, and the reason is kept on the case." }
            @for (n, w) in warnings.iter().enumerate() {
                div class="warning-panel__item" id={ "consistency-warning-" (n + 1) } {
                    h3 { (part_words(&w.part)) ": " (w.pattern.label()) }
                    p { (w.message) }
                    @if !w.peers.is_empty() {
                        ul class="list body-s" {
                            @for peer in w.peers.iter().take(SHOWN) { (peer_line(peer)) }
                        }
                        @if w.peers.len() > SHOWN {
                            details class="details" {
                                summary class="details__summary" { "The other " (w.peers.len() - SHOWN) " answers" }
                                ul class="list body-s details__text" {
                                    @for peer in w.peers.iter().skip(SHOWN) { (peer_line(peer)) }
                                }
                            }
                        }
                    }
                }
            }
            (textarea(REASON, "Why are you departing from this answer?", Some("Required to send it. Kept on the case, never shown to the requester."), typed, errors))
        }
    }
}
