//! The dashboard: what is due today, this week and overdue for an officer or
//! administrator; a requester's own requests; a caseworker's complaints; and
//! the timeliness chart for what the user may see.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use foidesk_engine::api::Date;
use foidesk_engine::api::{decision_steps, CaseSummary, DeadlineStatus, OrderedStep};
use foidesk_engine::{stats, QueueFilter, QueueKind, Role};
use maud::{html, Markup};

use super::chart::{bars, Bar};
use super::page::{layout, status_tag, Viewer};
use super::respond;
use super::session::WebUser;
use crate::error::internal;
use crate::AppState;

/// Cases read for the chart; a larger caseload is charted from its first this many.
pub const CHART_CASES: i64 = 2_000;
/// "This week": today and the next four working days.
const WEEK_WORKING_DAYS: u32 = 4;
const QUEUE_ROWS: i64 = 50;

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
    let views = service.as_user(&who.user).case_views(CHART_CASES).await?;
    let figures = stats(&views);
    // A new officer's empty desk says what to do first.
    let starting = views.is_empty() && matches!(who.user.role, Role::Officer | Role::Administrator);
    let chart_bars: Vec<Bar> = figures
        .by_month
        .iter()
        .filter_map(|(month, t)| {
            t.percent().map(|p| Bar {
                // Short, so the chart's slanted labels fit: "Nov 2026".
                label: month_words(month)
                    .split_once(' ')
                    .map_or_else(|| month.clone(), |(m, y)| format!("{} {y}", &m[..3])),
                value: p,
            })
        })
        .collect();
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
        } @else if matches!(who.user.role, Role::Officer | Role::Administrator) {
            p { a class="button button--secondary" href="/requests/new" { "Log a new request" } }
        }
        @for q in &queues { (q) }
        @if matches!(who.user.role, Role::Officer | Role::Administrator) { (steps_due(state, &views)) }
        // A coordinator sees no case, so it has no timeliness to chart.
        @if who.user.role == Role::Coordinator {
        } @else if chart_bars.is_empty() {
            h2 id="timeliness" { "Answered by the due date, by month received" }
            p { "No request you can see has been answered yet." }
        } @else {
            h2 id="timeliness" { "Answered by the due date, by month received" }
            (bars("timeliness-chart", "Percentage of requests answered by the due date, by month received", &chart_bars, 100, "%"))
            table class="table" {
                caption class="visually-hidden" { "Timeliness by month received" }
                thead { tr { th scope="col" { "Month received" } th scope="col" class="numeric" { "Answered" } th scope="col" class="numeric" { "On time" } th scope="col" class="numeric" { "Per cent" } } }
                tbody {
                    @for (month, t) in &figures.by_month {
                        tr { td { (month_words(month)) } td class="numeric" { (t.answered) } td class="numeric" { (t.on_time) } td class="numeric" { (t.percent().map(|p| format!("{p}%")).unwrap_or_default()) } }
                    }
                }
            }
            p class="body-s" { "On time means by the due date of FOIA s.10(1) or EIR reg.5(2), after any clarification or fee pause." }
        }
    };
    Ok(layout("Dashboard", Some(&viewer), &[], body))
}

/// The steps decision notices ordered that are not yet complied with, each
/// with its date and where it stands in the case page's words: the
/// officer's to take (s.54).
fn steps_due(state: &AppState, views: &[foidesk_engine::CaseView]) -> Markup {
    let today = state.service.engine().today();
    let due: Vec<(&foidesk_engine::CaseView, Vec<OrderedStep>)> = views
        .iter()
        .filter(|v| v.stage.status == foidesk_engine::api::Status::StepsOrdered)
        .map(|v| (v, decision_steps(&v.case, &v.assessment, today)))
        .filter(|(_, steps)| !steps.is_empty())
        .collect();
    if due.is_empty() {
        return html! {};
    }
    html! {
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
    }
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

/// "2026-10" as people write it: "October 2026" (anything else as it is).
pub fn month_words(month: &str) -> String {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parsed = month
        .split_once('-')
        .and_then(|(y, m)| Some((y, m.parse::<usize>().ok()?)))
        .filter(|(y, m)| y.len() == 4 && (1..=12).contains(m));
    match parsed {
        Some((year, m)) => format!("{} {year}", NAMES[m - 1]),
        None => month.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{days_text, month_words};
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

    #[test]
    fn months_read_as_people_write_them() {
        for (month, words) in [
            ("2026-10", "October 2026"),
            ("2019-01", "January 2019"),
            ("2019-13", "2019-13"),
            ("soon", "soon"),
        ] {
            assert_eq!(month_words(month), words);
        }
    }
}
