//! The complaint on the Commissioner's caseworker's case page: whether it
//! may be decided (s.50(2)), each ground with what the case shows, with the
//! forms to accept or decline it; and once accepted, the investigation log
//! (scope, the reply asked for, the letters and submissions with files).

use foidesk_engine::api::{DeclineGround, EventKind, EventType, GroundCheck, GroundState, Status};
use foidesk_engine::{Attachment, CaseView, Role};
use maud::{html, Markup};

use super::case_page::{event_files, provision_words};
use super::page::{csrf_field, radios, textarea};
use super::session::WebUser;
use crate::AppState;

/// The panel for a caseworker or administrator; nothing for anyone else.
pub fn section(state: &AppState, who: &WebUser, view: &CaseView, files: &[Attachment]) -> Markup {
    if !matches!(who.user.role, Role::Caseworker | Role::Administrator) {
        return html! {};
    }
    let eligibility = if view.stage.status == Status::WithCommissioner {
        match state.service.engine().eligibility(view) {
            Ok(checks) => deciding(state, who, view, &checks),
            Err(_) => {
                html! { p { "Whether the complaint may be decided could not be worked out from this case." } }
            }
        }
    } else {
        html! {}
    };
    html! {
        (eligibility)
        (investigation(view, files))
    }
}

/// The grounds of s.50(2), then the forms to accept or decline.
fn deciding(state: &AppState, who: &WebUser, view: &CaseView, checks: &[GroundCheck]) -> Markup {
    let id = view.summary.id;
    let today = state.service.engine().today();
    let grounds = DeclineGround::ALL.map(|g| (g.as_str(), g.label()));
    html! {
        div class="summary-card" id="eligibility" {
            h2 class="summary-card__title" { "Can the Commissioner decide this complaint?" }
            p { "Under section 50(2) the Commissioner need not decide a complaint on any of these grounds. This is what the case shows." }
            dl class="summary-list" {
                @for c in checks {
                    div class="summary-list__row" {
                        dt class="summary-list__key" { (c.ground.label()) }
                        dd class="summary-list__value" {
                            @match c.state {
                                GroundState::Concern => strong class="tag tag--yellow" { "check this" },
                                GroundState::Clear => strong class="tag tag--green" { "no concern" },
                                GroundState::Judgement => strong class="tag tag--grey" { "your judgement" },
                            }
                            " " (c.shows)
                        }
                    }
                }
            }
        }
        h2 { "Accept or decline the complaint" }
        p { a class="button" id="accept-complaint" href={ "/cases/" (id) "/record/" (EventType::ComplaintAccepted.as_str()) } { "Accept the complaint" } }
        form method="post" action={ "/cases/" (id) "/record/" (EventType::ComplaintDeclined.as_str()) } novalidate id="decline-complaint" {
            h3 { "Decline the complaint" }
            (csrf_field(&who.csrf))
            input type="hidden" name="version" value=(view.summary.version);
            input type="hidden" name="date-day" value=(today.day());
            input type="hidden" name="date-month" value=(today.month());
            input type="hidden" name="date-year" value=(today.year());
            (radios("ground", "Why will the Commissioner not decide it?", None, &grounds, "", &[]))
            (textarea("message", "Reasons for the complainant", Some("The complainant reads these words (s.50(3)(a)): say why, and what they can do next."), "", &[]))
            button class="button button--secondary" type="submit" name="action" value="record" { "Decline the complaint" }
        }
    }
}

/// The scope, the reply asked for, and each letter and submission.
fn investigation(view: &CaseView, files: &[Attachment]) -> Markup {
    let Some((parts, provisions)) = view.case.events.iter().rev().find_map(|e| match &e.kind {
        EventKind::ComplaintAccepted { parts, provisions } => Some((parts, provisions)),
        _ => None,
    }) else {
        return html! {};
    };
    let id = view.summary.id;
    let request = &view.case.request;
    let scope: Vec<String> = if parts.is_empty() {
        vec!["The whole request".to_owned()]
    } else {
        parts
            .iter()
            .map(|p| {
                let text = request
                    .parts
                    .iter()
                    .find(|q| &q.id == p)
                    .map_or("", |q| q.text.as_str());
                format!("Part {p}: {text}")
            })
            .collect()
    };
    let reply = view
        .deadlines
        .iter()
        .find(|d| d.name == "authority_reply_due");
    let log: Vec<(usize, &foidesk_engine::api::EventFile)> = view
        .file
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (i + 1, e))
        .filter(|(_, e)| {
            e.kind == EventType::InvestigationLetter.as_str()
                || e.kind == EventType::AuthoritySubmission.as_str()
        })
        .collect();
    let long = |d: &str| {
        foidesk_engine::api::Date::parse(d).map_or_else(|_| d.to_owned(), |d| d.long_form())
    };
    html! {
        div class="summary-card" id="investigation" {
            h2 class="summary-card__title" { "Investigation" }
            dl class="summary-list" {
                div class="summary-list__row" {
                    dt class="summary-list__key" { "Scope" }
                    dd class="summary-list__value" {
                        ul class="list" { @for s in &scope { li { (s) } } }
                        @if !provisions.is_empty() {
                            p { "Provisions: " (provisions.iter().map(|p| provision_words(&p.to_string())).collect::<Vec<_>>().join(", ")) }
                        }
                    }
                }
                div class="summary-list__row" {
                    dt class="summary-list__key" { "Authority's reply" }
                    dd class="summary-list__value" {
                        @match reply.and_then(|r| r.due.map(|d| (d, r.status.words()))) {
                            Some((due, words)) => { "Asked for by " (due.long_form()) ": " (words) }
                            None => "No reply asked for yet.",
                        }
                    }
                }
            }
            @if log.is_empty() {
                p { "No letters to the authority or submissions yet." }
            } @else {
                table class="table table--stack" id="investigation-log" {
                    caption class="visually-hidden" { "Letters to the authority and its submissions" }
                    thead { tr { th scope="col" { "Date" } th scope="col" { "What" } th scope="col" { "Files" } } }
                    tbody {
                        @for (number, e) in &log {
                            tr {
                                td data-label="Date" { (long(&e.date)) }
                                td data-label="What" {
                                    @if e.kind == EventType::InvestigationLetter.as_str() {
                                        "Letter to the authority"
                                        @if let Some(by) = &e.reply_by { ", reply asked for by " (long(by)) }
                                    } @else {
                                        "The authority's submission"
                                    }
                                }
                                td data-label="Files" {
                                    @let attached = event_files(files, *number);
                                    @if attached.is_empty() { "none" }
                                    @for f in attached { (super::attachments::download_link(id, f)) " " }
                                }
                            }
                        }
                    }
                }
            }
            ul class="list" {
                li { a href={ "/cases/" (id) "/record/" (EventType::InvestigationLetter.as_str()) } { "Record a letter to the authority" } }
                li { a href={ "/cases/" (id) "/record/" (EventType::AuthoritySubmission.as_str()) } { "Record the authority's submission" } }
                li { a href={ "/cases/" (id) "/attachments/new" } { "Attach a letter or submission file" } }
            }
        }
    }
}
