//! A requester's request page: the request as a correspondence thread.
//! At the top the authority, the reference, where the request stands and
//! the dates that matter to the requester, in words; then the request and
//! each message since, oldest first, with who it is from and the letters
//! sent with it; then what the requester may do next. It shows only what
//! the engine's requester view holds (no notes, staff, findings).

use axum::http::StatusCode;
use axum::response::Response;
use foidesk_engine::api::{
    requester_status, Date, EventKind, Outcome, PartOutcome, Regime, ReviewResult, Status,
};
use foidesk_engine::{Attachment, Availability, CaseView, RequesterAction};
use maud::{html, Markup};

use super::case_page::provision_words;
use super::page::{layout, success_banner, summary_row, Viewer};
use super::respond;
use super::session::WebUser;
use crate::AppState;

/// Who a message is from, in words.
fn from_words(view: &CaseView, kind: &EventKind) -> String {
    let authority = view.case.request.authority.clone();
    match kind {
        EventKind::ClarificationReceived
        | EventKind::InternalReviewRequested
        | EventKind::Complaint
        | EventKind::Withdrawn
        | EventKind::FeePaid => "You".to_owned(),
        EventKind::DecisionNotice(_)
        | EventKind::ComplaintAccepted { .. }
        | EventKind::ComplaintDeclined { .. }
        | EventKind::InvestigationLetter { .. } => "The Information Commissioner".to_owned(),
        EventKind::Appeal { by, .. } if by.as_deref() == Some("complainant") => "You".to_owned(),
        _ => authority,
    }
}

fn outcome_words(o: &PartOutcome) -> String {
    let what = match o.outcome {
        Outcome::Disclosed => "disclosed",
        Outcome::PartDisclosed => "partly disclosed",
        Outcome::Withheld => "withheld",
        Outcome::Ncnd => "neither confirmed nor denied",
        Outcome::NotHeld => "not held",
        Outcome::CostLimit => "refused as it would cost too much (section 12)",
        Outcome::Vexatious => "refused as vexatious (section 14)",
    };
    let part = if o.part == "all" {
        "the whole request".to_owned()
    } else {
        format!("part {}", o.part)
    };
    if o.provisions.is_empty() {
        format!("{part} {what}")
    } else {
        let under: Vec<String> = o
            .provisions
            .iter()
            .map(|p| provision_words(&p.to_string()))
            .collect();
        format!("{part} {what} ({})", under.join(", "))
    }
}

/// What happened, as a sentence for the requester.
fn what_words(kind: &EventKind) -> String {
    match kind {
        EventKind::Acknowledged => "The authority acknowledged your request.".into(),
        EventKind::ClarificationSought => "The authority asked you to clarify your request.".into(),
        EventKind::ClarificationReceived => "You clarified your request.".into(),
        EventKind::FeeNotice { amount_pence } => match amount_pence {
            Some(p) => format!(
                "The authority asked for a fee of £{}.{:02} before it answers.",
                p / 100,
                p % 100
            ),
            None => "The authority asked for a fee before it answers.".into(),
        },
        EventKind::FeePaid => "You paid the fee.".into(),
        EventKind::PitExtension { estimate, .. } => match estimate {
            Some(d) => format!(
                "The authority is taking longer to weigh the public interest, and expects to answer by {}.",
                d.long_form()
            ),
            None => "The authority is taking longer to weigh the public interest.".into(),
        },
        EventKind::EirExtension => {
            "The authority is taking longer to answer because the request is complex (regulation 7)."
                .into()
        }
        EventKind::Response(r) => {
            let parts: Vec<String> = r.outcomes.iter().map(outcome_words).collect();
            if parts.is_empty() {
                "The authority answered your request.".into()
            } else {
                format!("The authority answered your request: {}.", parts.join(", "))
            }
        }
        EventKind::InternalReviewRequested => "You asked for an internal review.".into(),
        EventKind::InternalReview { result } => match result {
            ReviewResult::Upheld => "The authority reviewed its response and kept it.".into(),
            ReviewResult::UpheldInPart => {
                "The authority reviewed its response and changed part of it.".into()
            }
            ReviewResult::Overturned => {
                "The authority reviewed its response and changed it.".into()
            }
            ReviewResult::Declined => "The authority declined to review its response.".into(),
        },
        EventKind::Complaint => "You complained to the Information Commissioner.".into(),
        EventKind::ComplaintAccepted { .. } => {
            "The Information Commissioner accepted your complaint and will investigate it.".into()
        }
        EventKind::ComplaintDeclined { ground } => format!(
            "The Information Commissioner decided not to investigate your complaint. {}.",
            ground.label()
        ),
        // Between the Commissioner and the authority: kept out of a
        // requester's view (`requester_sees`), as assignments are.
        EventKind::InvestigationLetter { .. } => {
            "The Information Commissioner wrote to the authority.".into()
        }
        EventKind::AuthoritySubmission => {
            "The authority replied to the Information Commissioner.".into()
        }
        EventKind::DecisionNotice(d) => {
            let notice = match &d.reference {
                Some(r) => format!("The Commissioner issued decision notice {r}."),
                None => "The Commissioner issued a decision notice.".to_owned(),
            };
            match d.outcome {
                Some(o) => format!("{notice} {}.", o.requester_words()),
                None => notice,
            }
        }
        EventKind::Compliance => "The authority took the steps the Commissioner ordered.".into(),
        EventKind::Appeal { by, .. } => match by.as_deref() {
            Some("complainant") => "You appealed to the First-tier Tribunal.".into(),
            Some("authority") => "The authority appealed to the First-tier Tribunal.".into(),
            _ => "The decision was appealed to the First-tier Tribunal.".into(),
        },
        EventKind::AppealDecided { result } => {
            format!("The First-tier Tribunal decided the appeal: {}.", result.label())
        }
        EventKind::Withdrawn => "You withdrew your request.".into(),
        EventKind::Duplicate { of } => {
            format!("The authority closed your request as a repeat of request {of}.")
        }
        EventKind::Transferred { to } => format!("The authority sent your request on to {to}."),
        // The page shows what the engine's view holds: the engine keeps
        // internal kinds (`requester_sees`) out of a requester's view.
        EventKind::Assigned { assignee } => format!(
            "The request was assigned to {}.",
            assignee.as_deref().unwrap_or("nobody")
        ),
        EventKind::ConsistencyReason => "The authority noted why it answered as it did.".into(),
    }
}

/// The dates that matter to the requester now, in sentences.
fn dates_in_words(view: &CaseView, today: Date) -> Vec<String> {
    let d = &view.assessment.deadlines;
    let eir = view.case.request.regime == Regime::Eir;
    let mut out = Vec::new();
    let mut say = |date: Option<Date>, future: &str, past: &str| {
        if let Some(date) = date {
            let words = if date < today { past } else { future };
            out.push(format!("{words} {}.", date.long_form()));
        }
    };
    match view.stage.status {
        Status::AwaitingResponse => {
            say(
                d.public_interest_estimate,
                "The authority expects to decide on the public interest by",
                "The authority expected to decide on the public interest by",
            );
            say(
                d.response_due,
                "The authority must answer by",
                "The authority should have answered by",
            );
        }
        Status::AwaitingFee => say(
            d.fee_payment_by,
            "If you want an answer, pay the fee by",
            "The fee was to be paid by",
        ),
        Status::AwaitingInternalReview => say(
            d.internal_review_due,
            if eir {
                "The authority must give its reconsideration by"
            } else {
                "The authority should give its internal review by"
            },
            if eir {
                "The authority should have given its reconsideration by"
            } else {
                "The authority should have given its internal review by"
            },
        ),
        Status::StepsOrdered => say(
            d.steps_due,
            "The authority must take the steps the Commissioner ordered by",
            "The authority was to take the steps the Commissioner ordered by",
        ),
        Status::Decided => say(
            d.appeal_by,
            "An appeal to the First-tier Tribunal must reach it by",
            "The time to appeal to the First-tier Tribunal ended on",
        ),
        _ => {}
    }
    out
}

fn files_with(files: &[Attachment], number: usize) -> Vec<&Attachment> {
    files
        .iter()
        .filter(|f| f.event_version.and_then(|v| usize::try_from(v).ok()) == Some(number))
        .collect()
}

/// Text as paragraphs, one per blank-line-separated block.
fn paragraphs(text: &str) -> Markup {
    html! {
        @for p in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            p class="thread__text" { (p) }
        }
    }
}

/// The page for a requester, from the engine's requester view of the case.
pub async fn show(
    state: &AppState,
    who: &WebUser,
    view: &CaseView,
    saved: Option<RequesterAction>,
) -> Response {
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let engine = state.service.engine();
    let today = engine.today();
    let files = super::attachments::listed(state, who, view).await;
    // The same request sent to other authorities at once; none if it cannot be read now.
    let batch = state
        .service
        .as_user(&who.user)
        .batch_of(view.summary.id)
        .await
        .unwrap_or_default();
    let status = requester_status(&view.case, &view.assessment, today, engine.calendar())
        .unwrap_or_else(|_| view.stage.status.label().to_owned());
    let actions = engine.requester_actions(view);
    let r = &view.case.request;
    let s = &view.summary;
    let title = format!("Your request {}", s.reference);
    let body = html! {
        @if let Some(a) = saved {
            (success_banner(&format!("Sent: {}", a.label().to_lowercase()), None))
        }
        span class="caption" { (r.authority) }
        h1 { "Your request " (s.reference) }
        @if let Some(t) = &view.case.title { p class="body-s" { (t) } }
        dl class="summary-list" id="request-summary" {
            (summary_row("To", html! { (r.authority) }))
            (summary_row("Reference", html! { (s.reference) }))
            (summary_row("Received by the authority", html! { (r.received.long_form()) }))
            (summary_row("Where it stands", html! { strong class="tag" id="requester-status" { (status) } }))
            @if !batch.is_empty() {
                (summary_row("Also sent to", html! {
                    ul class="list" id="batch" {
                        @for b in &batch { li { a href={ "/cases/" (b.id) } { (b.authority) } " (" (b.reference) ")" } }
                    }
                }))
            }
        }
        @let dates = dates_in_words(view, today);
        @if !dates.is_empty() {
            div class="inset-text" id="dates" {
                @for d in &dates { p { (d) } }
            }
        }
        (next_steps(view, &actions))
        (super::decision::section(&who.user, view, files.as_deref().unwrap_or_default(), today))
        h2 { "Messages" }
        ol class="thread" id="thread" {
            li class="thread__message thread__message--you" {
                p class="thread__from" { strong { "You" } span class="thread__date" { ", " (r.received.long_form()) } }
                p { "You made the request." }
                @if !r.parts.is_empty() {
                    ol class="list thread__parts" {
                        @for p in &r.parts { li { (p.text) } }
                    }
                }
            }
            @for e in &view.case.events {
                @let from = from_words(view, &e.kind);
                @let you = from == "You";
                li class={ "thread__message" @if you { " thread__message--you" } } id={ "message-" (e.number) } {
                    p class="thread__from" { strong { (from) } span class="thread__date" { ", " (e.date.long_form()) } }
                    p { (what_words(&e.kind)) }
                    @if let Some(m) = &e.message { div class="thread__quote" { (paragraphs(m)) } }
                    @let attached = files.as_deref().map(|f| files_with(f, e.number)).unwrap_or_default();
                    @if !attached.is_empty() {
                        ul class="list thread__files" {
                            @for f in attached { li { (super::attachments::download_link(s.id, f)) } }
                        }
                    }
                }
            }
        }
        @if files.is_none() {
            p { "The letters could not be listed just now. Reload the page to try again." }
        }
    };
    respond(StatusCode::OK, layout(&title, Some(&viewer), &[], body))
}

/// The buttons for what the requester may send now, and why a complaint
/// cannot go yet when it cannot.
fn next_steps(view: &CaseView, actions: &[(RequesterAction, Availability)]) -> Markup {
    let id = view.summary.id;
    let open: Vec<RequesterAction> = actions
        .iter()
        .filter(|(_, a)| a.is_open())
        .map(|(a, _)| *a)
        .collect();
    let complaint_why = actions.iter().find_map(|(a, av)| match av {
        Availability::Closed { why } if *a == RequesterAction::Complain => Some(why.as_str()),
        _ => None,
    });
    // Only worth saying while the request is still going somewhere.
    let say_why = !view.stage.status.is_closed()
        && !matches!(
            view.stage.status,
            Status::WithCommissioner | Status::StepsOrdered | Status::Decided | Status::Appealed
        );
    html! {
        h2 { "What you can do next" }
        @if open.is_empty() {
            p { "There is nothing for you to do now." }
        } @else {
            div class="button-group" id="requester-actions" {
                @for (i, a) in open.iter().enumerate() {
                    a class={ "button" @if i > 0 || *a == RequesterAction::Withdraw { " button--secondary" } }
                        href={ "/cases/" (id) "/requester/" (a.as_str()) } { (a.label()) }
                }
            }
        }
        @if let Some(why) = complaint_why.filter(|_| say_why) {
            h3 { "Complaining to the Information Commissioner" }
            p id="complaint-not-yet" { (why) }
        }
    }
}
