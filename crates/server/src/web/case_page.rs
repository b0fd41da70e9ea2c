//! The case page: the request and its parts, each
//! deadline with the working days left, the findings with their provisions,
//! the timeline with who recorded each event, and what may be recorded next.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use foidesk_engine::api::{
    closing_words, AppealResult, Channel, Date, DeadlineStatus, DeclineGround, EventFile,
    EventType, FindingKind, NoticeOutcome, Outcome, Request, RequesterType, ReviewResult, Status,
};
use foidesk_engine::{time_in_words, Access, Attachment, CaseView, RequesterAction, Role};

use super::letters::{action_label, has_letter};
use maud::{html, Markup};

use super::page::{layout, status_tag, success_banner, summary_row, Viewer};
use super::session::WebUser;
use super::{message_page, respond};
use crate::error::internal;
use crate::AppState;

/// The page for a case that does not exist or that this user may not see:
/// the same for both.
pub fn case_not_found(who: &WebUser) -> Response {
    message_page(
        who,
        StatusCode::NOT_FOUND,
        "Case not found",
        "There is no case with that number that you can see.",
    )
}

/// The case if this user may see it; otherwise a 404 page, the same as for
/// a case that does not exist.
pub async fn visible(state: &AppState, who: &WebUser, id: &str) -> Result<CaseView, Response> {
    let not_found = || case_not_found(who);
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
    // A requester reads their request as a thread of messages.
    if who.user.role == Role::Requester {
        let saved = query.get("saved").and_then(|k| EventType::from_name(k));
        let saved = saved.and_then(RequesterAction::of_event);
        return super::thread::show(&state, &who, &view, saved).await;
    }
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let title = format!("Case {}", view.summary.reference);
    // After a save the form redirects here naming what it recorded.
    let saved = query.get("saved").and_then(|k| EventType::from_name(k));
    let files = super::attachments::listed(&state, &who, &view).await;
    let complaint =
        super::complaint::section(&state, &who, &view, files.as_deref().unwrap_or_default());
    let precedents = super::precedent::panel(&state, &who, view.summary.id).await;
    let round_robin = super::round_robin::panel(
        &state,
        &who,
        &view,
        query.get("round-robin").map(String::as_str),
    )
    .await;
    let body = html! {
        @if let Some(kind) = saved {
            (success_banner(&format!("Recorded: {}", kind.label()), None))
        }
        (case_body(&who, &view, files.as_deref().unwrap_or_default(), state.service.engine().today(), complaint, round_robin))
        (super::attachments::section(&who, &view, files.as_deref()))
        (precedents)
    };
    respond(StatusCode::OK, layout(&title, Some(&viewer), &[], body))
}

/// What usually happens next at each status, most likely first: the
/// buttons at the top of the page. Everything else the user may record is
/// under "Other actions".
fn next_actions(status: Status) -> &'static [EventType] {
    use EventType as E;
    match status {
        Status::AwaitingResponse => &[
            E::Response,
            E::Acknowledged,
            E::ClarificationSought,
            E::PitExtension,
        ],
        Status::AwaitingClarification => &[E::ClarificationReceived, E::Withdrawn],
        Status::AwaitingFee => &[E::FeePaid, E::Withdrawn],
        Status::Responded => &[E::InternalReviewRequested, E::Complaint],
        Status::AwaitingInternalReview => &[E::InternalReview],
        Status::Reviewed => &[E::Complaint],
        Status::WithCommissioner => &[E::ComplaintAccepted, E::ComplaintDeclined],
        Status::UnderInvestigation => &[
            E::InvestigationLetter,
            E::AuthoritySubmission,
            E::DecisionNotice,
        ],
        Status::ComplaintDeclined => &[],
        Status::StepsOrdered => &[E::Compliance, E::Appeal],
        Status::Decided => &[E::Appeal],
        Status::Appealed => &[E::AppealDecided],
        Status::Withdrawn | Status::Duplicate | Status::Transferred => &[],
    }
}

/// A provision as people read it: "s.31(3)" → "section 31(3)".
pub fn provision_words(id: &str) -> String {
    if let Some(rest) = id.strip_prefix("reg.") {
        format!("regulation {rest}")
    } else if let Some(rest) = id.strip_prefix("s.") {
        format!("section {rest}")
    } else {
        id.to_owned()
    }
}

fn provisions_words(ids: &[String]) -> String {
    let words: Vec<String> = ids.iter().map(|p| provision_words(p)).collect();
    words.join(", ")
}

/// Text with each ISO date in it ("2019-12-06") written as people write
/// dates ("6 December 2019"): the assessment's findings name dates so.
pub fn dates_in_words(text: &str) -> String {
    let bytes = text.as_bytes();
    let is_date = |i: usize| {
        bytes.get(i..i + 10).is_some_and(|w| {
            w.iter().enumerate().all(|(n, b)| match n {
                4 | 7 => *b == b'-',
                _ => b.is_ascii_digit(),
            })
        }) && (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 10).is_none_or(|b| !b.is_ascii_digit())
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if is_date(i) {
            if let Ok(d) = Date::parse(&text[i..i + 10]) {
                out.push_str(&d.long_form());
                i += 10;
                continue;
            }
        }
        // Every byte of a date is ASCII, so a non-date advances by a whole character.
        let c = text[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8().max(1);
    }
    out
}

fn date_words(text: &str) -> String {
    Date::parse(text).map_or_else(|_| text.to_owned(), |d| d.long_form())
}

fn yes_no_words(v: Option<bool>) -> Option<String> {
    v.map(|b| if b { "yes".to_owned() } else { "no".to_owned() })
}

/// What an event holds, in words, as (label, words) lines: the timeline
/// and the check-answers pages show the same.
pub fn event_lines(e: &EventFile) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut push = |label: &str, words: String| out.push((label.to_owned(), words));
    for o in &e.outcomes {
        let outcome = Outcome::from_name(&o.outcome).map_or(o.outcome.as_str(), |o| o.label());
        let part = if o.part == "all" {
            "The whole request".to_owned()
        } else {
            format!("Part {}", o.part)
        };
        if o.provisions.is_empty() {
            push(&part, outcome.to_owned());
        } else {
            push(
                &part,
                format!("{outcome}, under {}", provisions_words(&o.provisions)),
            );
        }
    }
    if let Some(x) = e
        .public_interest_reasons
        .and_then(|v| yes_no_words(Some(v)))
    {
        push("Gave public interest reasons (s.17(3))", x);
    }
    if let Some(x) = yes_no_words(e.states_review_procedure) {
        push("Gave the internal review procedure (s.17(7)(a))", x);
    }
    if let Some(x) = yes_no_words(e.states_complaint_right) {
        push("Gave the right to complain (s.17(7)(b))", x);
    }
    if let Some(est) = &e.estimate {
        push("Decision promised by", date_words(est));
    }
    if !e.provisions.is_empty() {
        push("Exemptions being weighed", provisions_words(&e.provisions));
    }
    if let Some(p) = e.amount_pence {
        push("Fee", format!("£{}.{:02}", p / 100, p % 100));
    }
    if let Some(r) = &e.result {
        let words = ReviewResult::from_name(r).map_or(r.as_str(), |r| r.label());
        push("Review result", words.to_owned());
    }
    if let Some(r) = &e.reference {
        push("Decision notice reference", r.clone());
    }
    if let Some(o) = &e.outcome {
        let words = NoticeOutcome::from_name(o).map_or(o.as_str(), |o| o.commissioner_words());
        push("Decision notice outcome", words.to_owned());
    }
    if !e.breaches.is_empty() {
        push("Breaches found", provisions_words(&e.breaches));
    }
    if !e.steps.is_empty() {
        push("Steps ordered", e.steps.join("; "));
    }
    if let Some(d) = e.steps_days {
        push("Days allowed for the steps", format!("{d} calendar days"));
    }
    if let Some(by) = &e.by {
        let words = match by.as_str() {
            "complainant" => "the complainant",
            "authority" => "the authority",
            other => other,
        };
        push("Appealed by", words.to_owned());
    }
    if let Some(r) = &e.tribunal_reference {
        push("Tribunal reference", r.clone());
    }
    if let Some(r) = &e.appeal_result {
        let words = AppealResult::from_name(r).map_or(r.as_str(), |r| r.label());
        push("The Tribunal's decision", words.to_owned());
    }
    if let Some(a) = &e.assignee {
        push(
            "Assigned to",
            if a.is_empty() {
                "nobody".to_owned()
            } else {
                a.clone()
            },
        );
    }
    if let Some(of) = &e.duplicate_of {
        push("A duplicate of request", of.clone());
    }
    if let Some(to) = &e.transferred_to {
        push("Transferred to", to.clone());
    }
    if let Some(g) = &e.ground {
        let words = DeclineGround::from_name(g).map_or(g.as_str(), |g| g.label());
        push("Ground", words.to_owned());
    }
    if !e.parts.is_empty() {
        push("Parts investigated", e.parts.join(", "));
    }
    if let Some(by) = &e.reply_by {
        push("Reply asked for by", date_words(by));
    }
    if let Some(m) = &e.message {
        push("Message", m.clone());
    }
    if let Some(n) = &e.note {
        push("Internal note (never shown to the requester)", n.clone());
    }
    out
}

fn kind_label(kind: &str) -> String {
    EventType::from_name(kind).map_or_else(|| kind.replace('_', " "), |k| k.label().to_owned())
}

/// The requester as only the authority sees them: how the request came in,
/// their name, contact address and type (the engine keeps the last two
/// from anyone else).
fn requester_rows(r: &Request) -> Markup {
    const NONE: &str = "not recorded";
    html! {
        (summary_row("How it came in", html! { (r.channel.map_or(NONE, Channel::label)) }))
        (summary_row("Requester's name", html! { (r.requester_name.as_deref().unwrap_or(NONE)) }))
        (summary_row("Contact address", html! {
            @if r.contact.is_empty() { (NONE) }
            @for (i, line) in r.contact.iter().enumerate() { @if i > 0 { br; } (line) }
        }))
        (summary_row("Requester type", html! { (r.requester_type.map_or(NONE, RequesterType::label)) }))
    }
}

/// The files attached to the event at `number` (its place in the case
/// file, as `Attachment::event_version` names it).
pub(super) fn event_files(files: &[Attachment], number: usize) -> Vec<&Attachment> {
    files
        .iter()
        .filter(|f| f.event_version.and_then(|v| usize::try_from(v).ok()) == Some(number))
        .collect()
}

fn case_body(
    who: &WebUser,
    view: &CaseView,
    files: &[Attachment],
    today: Date,
    complaint: Markup,
    round_robin: Markup,
) -> Markup {
    let s = &view.summary;
    let r = &view.case.request;
    let may_write = who.user.access_to(s) == Access::Write;
    let recordable: Vec<EventType> = EventType::ALL
        .into_iter()
        .filter(|k| *k != EventType::Correction && may_write && who.user.may_record(*k))
        .collect();
    let acknowledged = view
        .case
        .events
        .iter()
        .any(|e| e.kind.event_type() == EventType::Acknowledged);
    let next: Vec<EventType> = next_actions(view.stage.status)
        .iter()
        .copied()
        .filter(|k| recordable.contains(k))
        .filter(|k| !(acknowledged && *k == EventType::Acknowledged))
        .collect();
    // An event that has a letter is sent from the letter's guided form; it
    // can still be recorded without one (a letter sent some other way).
    let action = |k: EventType| {
        if has_letter(k) {
            (
                format!("/cases/{}/letters/{}", s.id, k.as_str()),
                action_label(k).to_owned(),
            )
        } else {
            (
                format!("/cases/{}/record/{}", s.id, k.as_str()),
                k.label().to_owned(),
            )
        }
    };
    let others: Vec<EventType> = recordable
        .iter()
        .copied()
        .filter(|k| !next.contains(k))
        .collect();
    let may_correct = may_write && who.user.may_record(EventType::Correction);
    let closed = view.case.closed().and_then(|e| closing_words(&e.kind));
    html! {
        span class="caption" { (r.authority) }
        h1 { "Case " (s.reference) }
        @if let Some(t) = &view.case.title { p class="body-s" { (t) } }
        @if !next.is_empty() {
            div class="button-group" id="next-actions" {
                @for (i, k) in next.iter().enumerate() {
                    @let (href, label) = action(*k);
                    a class={ "button" @if i > 0 { " button--secondary" } } href=(href) { (label) }
                }
            }
        }
        @if !others.is_empty() {
            details class="details" id="other-actions" {
                summary class="details__summary" { "Other actions" }
                ul class="details__text" {
                    @for k in &others {
                        @let (href, label) = action(*k);
                        li { a href=(href) { (label) } }
                    }
                    @for k in recordable.iter().filter(|k| has_letter(**k)) {
                        li { a href={ "/cases/" (s.id) "/record/" (k.as_str()) } { (k.label()) " (without a letter)" } }
                    }
                }
            }
        }
        div class="summary-card" {
            h2 class="summary-card__title" { "Summary" }
            dl class="summary-list" {
                (summary_row("Status", html! { (status_tag(&s.projection.status)) @if let Some(c) = &closed { " " (c) } }))
                (summary_row("With", html! {
                    @if view.stage.status.is_closed() { "nobody: the request is closed" } @else { "the " (s.projection.desk) }
                }))
                (summary_row("Assigned to", html! { (s.projection.assignee.as_deref().unwrap_or("nobody")) }))
                (summary_row("Regime", html! { (r.regime.to_string()) }))
                (summary_row("Received", html! { (r.received.long_form()) }))
                (summary_row("Requester", html! { (r.requester.as_deref().unwrap_or("not recorded")) }))
                @if who.user.is_of_an_authority() { (requester_rows(r)) }
            }
        }
        (super::decision::section(&who.user, view, files, today))
        (complaint)
        h2 { "The request" }
        @if r.parts.is_empty() {
            p { "The request has no separate parts." }
        } @else {
            div class="table-wrap" {
                table class="table table--stack" {
                    caption class="visually-hidden" { "Parts of the request" }
                    thead { tr { th scope="col" { "Part" } th scope="col" { "What was asked" } } }
                    tbody { @for p in &r.parts { tr { td data-label="Part" { (p.id) } td data-label="What was asked" { (p.text) } } } }
                }
            }
        }
        h2 { "Deadlines" }
        @if view.deadlines.is_empty() {
            p { "No deadline applies." }
        } @else {
            div class="table-wrap" {
                table class="table table--stack" id="deadlines" {
                    caption class="visually-hidden" { "Deadlines" }
                    thead { tr { th scope="col" { "Deadline" } th scope="col" { "Date" } th scope="col" { "Where it stands" } } }
                    tbody {
                        @for d in &view.deadlines {
                            @let running = d.status.is_open() && view.stage.next_deadline.is_some_and(|n| n.name == d.name);
                            tr {
                                td data-label="Deadline" { (d.label) @if running { " " strong class="tag" { "running" } } }
                                td data-label="Date" { (d.due.map(|d| d.long_form()).unwrap_or_else(|| "not set yet".into())) }
                                td data-label="Where it stands" {
                                    @match d.status {
                                        DeadlineStatus::Missed { .. } | DeadlineStatus::Overdue { .. } => strong class="tag tag--red" { (d.status.words()) },
                                        DeadlineStatus::Met { .. } => strong class="tag tag--green" { (d.status.words()) },
                                        _ => (d.status.words()),
                                    }
                                }
                            }
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
                        " " strong { (provision_words(&f.provision.to_string())) } ": " (dates_in_words(&f.summary))
                    }
                }
            }
        }
        (round_robin)
        h2 { "Timeline" }
        @if view.file.events.is_empty() {
            p { "Nothing has happened yet." }
        } @else {
            ol class="timeline" id="timeline" {
                @for (i, (event, (by, at))) in view.file.events.iter().zip(&view.recorded).enumerate() {
                    @let number = i + 1;
                    @let correction = view.case.correction_of(number);
                    @let when = time_in_words(at).unwrap_or_else(|| "an unknown time".into());
                    li class={ "timeline__item" @if correction.is_some() { " timeline__item--corrected" } } id={ "event-" (number) } {
                        @if event.kind == EventType::Correction.as_str() {
                            h3 { "Correction of event " (event.corrects.unwrap_or(0)) ", " (date_words(&event.date)) }
                            (seen_tag(&event.kind))
                            p { "Reason: " (event.reason.as_deref().unwrap_or("")) }
                            @match &event.corrected {
                                Some(new) => {
                                    p class="body-s" { "Now reads: " (kind_label(&new.kind)) ", " (date_words(&new.date)) }
                                    (lines(&event_lines(new)))
                                }
                                None => p class="body-s" { "The event was recorded in error and is struck out." },
                            }
                        } @else {
                            h3 {
                                (kind_label(&event.kind)) ", " (date_words(&event.date))
                                @if correction.is_some() { " " strong class="tag tag--yellow" { "Corrected" } }
                            }
                            (seen_tag(&event.kind))
                            @if let Some(c) = correction {
                                p class="body-s" { "Corrected on " (c.date.long_form()) " (event " (c.number) "): " (c.reason) }
                            }
                            (lines(&event_lines(event)))
                        }
                        @let attached = event_files(files, number);
                        @if !attached.is_empty() {
                            p class="body-s" { "Attached:" }
                            ul class="list body-s timeline__files" {
                                @for f in attached { li { (super::attachments::download_link(s.id, f)) } }
                            }
                        }
                        p class="body-s" { "Recorded by " (by) " at " (when) }
                        @if may_correct && event.kind != EventType::Correction.as_str()
                            && EventType::from_name(&event.kind).is_some_and(|k| who.user.may_record(k)) {
                            p class="body-s" { a href={ "/cases/" (s.id) "/correct/" (number) } { "Correct this" span class="visually-hidden" { ": " (kind_label(&event.kind)) ", event " (number) } } }
                        }
                    }
                }
            }
        }
    }
}

/// Whether the requester sees an event of this kind on their request page
/// (its internal note never).
fn seen_tag(kind: &str) -> Markup {
    let seen = EventType::from_name(kind).is_some_and(EventType::requester_sees);
    html! {
        p class="body-s timeline__seen" {
            @if seen { strong class="tag tag--green" { "Seen by the requester" } }
            @else { strong class="tag tag--grey" { "Internal" } }
        }
    }
}

fn lines(lines: &[(String, String)]) -> Markup {
    html! {
        @if !lines.is_empty() {
            ul class="list body-s" {
                @for (label, words) in lines { li { (label) ": " (words) } }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::dates_in_words;

    fn check(text: &str, words: &str) {
        assert_eq!(dates_in_words(text), words);
    }

    #[test]
    fn iso_dates_in_findings_read_as_people_write_them() {
        check(
            "it was due by 2019-12-06 and is 1721 working days late as at 2026-11-22.",
            "it was due by 6 December 2019 and is 1721 working days late as at 22 November 2026.",
        );
        check(
            "Siân: 2024-02-30 is no date; 12024-01-01 is not one either",
            "Siân: 2024-02-30 is no date; 12024-01-01 is not one either",
        );
        check("2024-01-05", "5 January 2024");
        check("", "");
    }
}
