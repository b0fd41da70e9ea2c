//! The dashboard: what is due today, this week and overdue for an officer or
//! administrator; a requester's own requests; a caseworker's complaints; and
//! the figures for what the user may see (`dashboard_figures.rs`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use foidesk_engine::api::{decision_steps, CaseSummary, Date, DeadlineStatus, OrderedStep, Status};
use foidesk_engine::{CaseListFilter, CaseView, QueueFilter, QueueKind, Role};
use maud::{html, Markup};

use super::dashboard_figures;
use super::page::{layout, status_tag, Viewer};
use super::respond;
use super::session::WebUser;
use crate::error::internal;
use crate::AppState;

/// "This week": today and the next four working days.
const WEEK_WORKING_DAYS: u32 = 4;
const QUEUE_ROWS: i64 = 50;
/// Cases with steps ordered read for the panel: each is rebuilt from its
/// log to work out its steps, so few; the list links to the rest.
const STEPS_ROWS: i64 = 20;

pub async fn show(State(state): State<AppState>, who: WebUser) -> Response {
    match page(&state, &who).await {
        Ok(markup) => respond(StatusCode::OK, markup),
        Err(e) => internal(&e).into_response(),
    }
}

async fn page(state: &AppState, who: &WebUser) -> Result<Markup, foidesk_engine::EngineError> {
    let service = &state.service;
    let today = service.engine().today();
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let desk = matches!(who.user.role, Role::Officer | Role::Administrator);
    let queues = match who.user.role {
        Role::Officer | Role::Administrator => {
            let filter = QueueFilter::default();
            let mut out = Vec::new();
            for (title, kind) in [
                ("Overdue", QueueKind::Overdue),
                ("Due today", QueueKind::DueToday),
                (
                    "Due this week",
                    QueueKind::DueWithinWorkingDays(WEEK_WORKING_DAYS),
                ),
            ] {
                let rows = service
                    .as_user(&who.user)
                    .queue(kind, &filter, QUEUE_ROWS)
                    .await?;
                out.push(queue_table(state, title, &rows));
            }
            out.push(steps_due(state, who).await?);
            out
        }
        Role::Requester => vec![super::my_requests::section(state, who, "My requests").await?],
        Role::Caseworker => vec![super::complaint_queue::dashboard_panel(state, who).await?],
        Role::Coordinator => {
            let list = service
                .as_user(&who.user)
                .coordinated_round_robins()
                .await?;
            vec![html! {
                h2 id="round-robins-title" { "Round robins you coordinate" }
                (super::coordinator::table(&list))
            }]
        }
    };
    // A new officer's empty desk says what to do first: one row read is
    // enough to know.
    let starting = desk && service.as_user(&who.user).cases(0, 1).await?.is_empty();
    // A coordinator sees no case, so has no figures.
    let figures = match who.user.role {
        Role::Officer | Role::Administrator | Role::Requester => {
            Some(dashboard_figures::timeliness(state, &who.user).await?)
        }
        Role::Caseworker => Some(dashboard_figures::commissioner(state, &who.user).await?),
        Role::Coordinator => None,
    };
    let body = html! {
        span class="caption" { (who.user.name) ", " (who.user.role.label()) }
        h1 { "Dashboard" }
        p class="body-s" { "As at " (today.long_form()) "." }
        @if starting {
            div class="inset" id="first-steps" {
                h2 { "Start here" }
                p { "There are no requests on your desk yet. When a request for information arrives, by email, post or a web form, log it here: foidesk works out its deadline and keeps its timeline." }
                a class="button" href="/requests/new" { "Log a new request" }
            }
        } @else if desk {
            p { a class="button button--secondary" href="/requests/new" { "Log a new request" } }
        }
        @for q in &queues { (q) }
        @if let Some(f) = figures { (f) }
    };
    Ok(layout("Dashboard", Some(&viewer), &[], body))
}

/// The steps decision notices ordered that are not yet complied with, each
/// with its date and where it stands in the case page's words: the
/// officer's to take (s.54). Read from the cases whose status is "steps
/// ordered", at most `STEPS_ROWS` of them.
async fn steps_due(state: &AppState, who: &WebUser) -> Result<Markup, foidesk_engine::EngineError> {
    let today = state.service.engine().today();
    let me = state.service.as_user(&who.user);
    let filter = CaseListFilter {
        status: Some(Status::StepsOrdered),
        limit: STEPS_ROWS,
        ..CaseListFilter::default()
    };
    let listed = me.case_list(&filter).await?;
    let more = i64::try_from(listed.len()).unwrap_or(i64::MAX) >= STEPS_ROWS;
    let mut views: Vec<CaseView> = Vec::with_capacity(listed.len());
    for row in &listed {
        if let Some(v) = me.case(row.summary.id).await? {
            views.push(v);
        }
    }
    let due: Vec<(&CaseView, Vec<OrderedStep>)> = views
        .iter()
        .map(|v| (v, decision_steps(&v.case, &v.assessment, today)))
        .filter(|(_, steps)| !steps.is_empty())
        .collect();
    if due.is_empty() {
        return Ok(html! {});
    }
    Ok(html! {
        h2 id="steps-due" { "Steps the Commissioner ordered " span class="tag tag--grey" { (due.len()) } }
        table class="table table--stack" {
            caption class="visually-hidden" { "Steps ordered by decision notices, not yet complied with" }
            thead { tr { th scope="col" { "Case" } th scope="col" { "Steps" } th scope="col" { "Due by" } th scope="col" { "Where it stands" } } }
            tbody {
                @for (v, steps) in &due {
                    @let (words, flag) = super::decision::state_words(&steps[0]);
                    tr {
                        td data-label="Case" { a href={ "/cases/" (v.summary.id) } { (v.summary.reference) } }
                        td data-label="Steps" { ul class="list" { @for s in steps { li { (s.step) } } } }
                        td data-label="Due by" { (steps[0].due.long_form()) }
                        td data-label="Where it stands" {
                            @match flag {
                                Some(colour) => strong class={ "tag " (colour) } { (words) },
                                None => (words),
                            }
                        }
                    }
                }
            }
        }
        @if more {
            p { "The first " (STEPS_ROWS) " cases with steps ordered are shown. "
                a href={ "/cases?status=" (Status::StepsOrdered.as_str()) } { "List every case with steps ordered" } }
        }
    })
}

/// A queue's deadline in the case page's words ("4 working days left",
/// "Due today", "Overdue: missed by 2 working days so far").
fn days_text(status: Option<DeadlineStatus>) -> String {
    status.map(|s| s.words()).unwrap_or_default()
}

fn queue_table(state: &AppState, title: &str, rows: &[CaseSummary]) -> Markup {
    html! {
        h2 { (title) " " span class="tag tag--grey" { (rows.len()) } }
        @if rows.is_empty() {
            p { "Nothing here." }
        } @else {
            table class="table" {
                caption class="visually-hidden" { (title) }
                thead { tr {
                    th scope="col" { "Case" } th scope="col" { "Status" } th scope="col" { "Next deadline" }
                    th scope="col" { "Working days" } th scope="col" { "Assigned to" }
                } }
                tbody {
                    @for c in rows {
                        @let due = c.projection.next_deadline.as_deref().and_then(|d| Date::parse(d).ok());
                        tr {
                            td { a href={ "/cases/" (c.id) } { (c.reference) } }
                            td { (status_tag(&c.projection.status)) }
                            td { (due.map(|d| d.long_form()).unwrap_or_else(|| "none running".into())) }
                            td { (days_text(due.and_then(|d| state.service.engine().running_status(d)))) }
                            td { (c.projection.assignee.as_deref().unwrap_or("nobody")) }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::days_text;
    use foidesk_engine::api::DeadlineStatus;

    fn check(status: Option<DeadlineStatus>, text: &str) {
        assert_eq!(days_text(status), text);
    }

    #[test]
    fn days_are_working_days_left_or_overdue() {
        check(None, "");
        check(
            Some(DeadlineStatus::Running {
                working_days_left: 0,
            }),
            "Due today",
        );
        check(
            Some(DeadlineStatus::Running {
                working_days_left: 1,
            }),
            "1 working day left",
        );
        check(
            Some(DeadlineStatus::Running {
                working_days_left: 12,
            }),
            "12 working days left",
        );
        check(
            Some(DeadlineStatus::Overdue { by_working_days: 0 }),
            "Overdue since the last working day",
        );
        check(
            Some(DeadlineStatus::Overdue { by_working_days: 1 }),
            "Overdue: missed by 1 working day so far",
        );
        check(
            Some(DeadlineStatus::Overdue { by_working_days: 4 }),
            "Overdue: missed by 4 working days so far",
        );
    }
}
