//! Open a complaint by hand, when the authority does not use foidesk:
//! GOV.UK question pages (the authority, the request, the dates as the
//! complainant gives them), check answers, and a confirmation. The page
//! machinery is `questions.rs`'s: nothing is kept until the case opens.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::api::{Date, Outcome, Regime, ReviewResult};
use foidesk_engine::{ComplaintAuthority, EngineError, OpenComplaint, Role};
use maud::html;

use super::page::{date_from_fields, problem, summary_row, Problem};
use super::questions::{
    authorities, confirmation, field, first_problem, navigate, next, posted, Fields, Steps,
};
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, PageForm};
use crate::error::internal;
use crate::AppState;

mod pages;
use pages::render;

/// The question pages, in order.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Authority,
    Request,
    Dates,
    Check,
}

impl Steps for Step {
    // One page a row: the page, its name in forms, its title.
    #[rustfmt::skip]
    const PAGES: &'static [(Step, &'static str, &'static str)] = &[
        (Step::Authority, "authority", "Which authority is the complaint about?"),
        (Step::Request, "request", "What did the request ask for?"),
        (Step::Dates, "dates", "When did each thing happen?"),
        (Step::Check, "check", "Check the complaint before you open it"),
    ];
    const CHECK: Step = Step::Check;
    const CARRIED: &'static [&'static str] = &CARRIED;
    const CAPTION: &'static str = "Open a complaint";

    /// The inputs each page shows itself (the rest go as hidden fields).
    fn asks(self, name: &str) -> bool {
        let stem = name.split('-').next().unwrap_or(name);
        match self {
            Step::Authority => matches!(stem, "authority" | "authority_name"),
            Step::Request => matches!(stem, "request" | "regime"),
            Step::Dates => matches!(
                stem,
                "sent"
                    | "response"
                    | "outcome"
                    | "review_requested"
                    | "review"
                    | "result"
                    | "complained"
            ),
            Step::Check => false,
        }
    }
}

impl Step {
    /// The page that asks an answer, by the engine's or this form's name.
    fn of_field(field: &str) -> (Step, &'static str) {
        match field {
            "authority" => (Step::Authority, "authority"),
            "authority_name" | "name" | "slug" => (Step::Authority, "authority_name"),
            "parts" => (Step::Request, "request"),
            f if f.starts_with("request.parts") => (Step::Request, "request"),
            "provisions" => (Step::Dates, "provisions"),
            "request_sent" => (Step::Dates, "sent"),
            "response" => (Step::Dates, "response"),
            "review_requested" => (Step::Dates, "review_requested"),
            "review" => (Step::Dates, "review"),
            _ => (Step::Dates, "complained"),
        }
    }
}

/// Answers carried from page to page.
const CARRIED: [&str; 23] = [
    "authority",
    "authority_name",
    "request",
    "regime",
    "sent-day",
    "sent-month",
    "sent-year",
    "response-day",
    "response-month",
    "response-year",
    "outcome",
    "provisions",
    "review_requested-day",
    "review_requested-month",
    "review_requested-year",
    "review-day",
    "review-month",
    "review-year",
    "result",
    "complained-day",
    "complained-month",
    "complained-year",
    "checking",
];

fn date_fields<'a>(f: &'a Fields, id: &str) -> (&'a str, &'a str, &'a str) {
    (
        field(f, &format!("{id}-day")),
        field(f, &format!("{id}-month")),
        field(f, &format!("{id}-year")),
    )
}

const NEW: &str = "new";

fn may_open(who: &WebUser) -> bool {
    matches!(who.user.role, Role::Caseworker | Role::Administrator)
}

fn refused(who: &WebUser) -> Response {
    message_page(
        who,
        StatusCode::NOT_FOUND,
        "Page not found",
        "Complaints are opened by the Commissioner's caseworkers.",
    )
}

fn parts_of(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn regime_of(f: &Fields) -> Option<Regime> {
    match field(f, "regime") {
        "FOIA" => Some(Regime::Foia),
        "EIR" => Some(Regime::Eir),
        _ => None,
    }
}

/// The answers of one page checked: its problems, each on its input.
fn check_step(step: Step, f: &Fields) -> Vec<Problem> {
    let mut out = Vec::new();
    match step {
        Step::Authority => match field(f, "authority") {
            "" => out.push(problem(
                "authority",
                "Choose the authority, or say it is not listed",
            )),
            NEW if field(f, "authority_name").trim().is_empty() => {
                out.push(problem("authority_name", "Enter the authority's name"))
            }
            _ => {}
        },
        Step::Request => {
            if parts_of(field(f, "request")).is_empty() {
                out.push(problem("request", "Enter what the request asked for"));
            }
            if regime_of(f).is_none() {
                out.push(problem(
                    "regime",
                    "Choose the law the request was made under",
                ));
            }
        }
        Step::Dates => {
            let _ = dates(f, &mut out);
        }
        Step::Check => {}
    }
    out
}

/// The dates typed, each checked; problems go to `out`.
struct Dates {
    sent: Option<Date>,
    response: Option<(Date, Outcome)>,
    review_requested: Option<Date>,
    review: Option<(Date, ReviewResult)>,
    complained: Option<Date>,
}

fn dates(f: &Fields, out: &mut Vec<Problem>) -> Dates {
    let mut date =
        |id: &str, what: &str, required: bool| match date_from_fields(what, date_fields(f, id)) {
            Ok(None) if required => {
                out.push(problem(id, format!("Enter {}", what.to_lowercase())));
                None
            }
            Ok(d) => d,
            Err(m) => {
                out.push(problem(id, m));
                None
            }
        };
    let sent = date("sent", "The date the request was sent", true);
    let response = date("response", "The date of the response", false);
    let review_requested = date(
        "review_requested",
        "The date the review was asked for",
        false,
    );
    let review = date("review", "The date of the review's answer", false);
    let complained = date("complained", "The date of the complaint", true);
    let outcome = Outcome::from_name(field(f, "outcome"));
    let result = ReviewResult::from_name(field(f, "result"));
    if response.is_some() && outcome.is_none() {
        out.push(problem("outcome", "Choose what the response said"));
    }
    if review.is_some() && result.is_none() {
        out.push(problem("result", "Choose what the review decided"));
    }
    Dates {
        sent,
        response: response.zip(outcome),
        review_requested,
        review: review.zip(result),
        complained,
    }
}

/// GET /complaints/new: the first question.
pub async fn start(State(state): State<AppState>, who: WebUser) -> Response {
    if !may_open(&who) {
        return refused(&who);
    }
    match authorities(&state, &who, |_| true).await {
        Ok(list) => render(
            &who,
            StatusCode::OK,
            Step::Authority,
            &Fields::new(),
            &[],
            &list,
        ),
        Err(r) => r,
    }
}

/// POST /complaints/new: a page's answers, a change, or the confirmation.
pub async fn answer(
    State(state): State<AppState>,
    who: WebUser,
    PageForm(mut f): PageForm<Fields>,
) -> Response {
    if !may_open(&who) {
        return refused(&who);
    }
    if !tokens_match(field(&f, "csrf"), &who.csrf) {
        return csrf_refused(&who);
    }
    let list = match authorities(&state, &who, |_| true).await {
        Ok(l) => l,
        Err(r) => return r,
    };
    let (step, action) = posted(&mut f, Step::Authority);
    let show =
        |status, step, f: &Fields, errors: &[Problem]| render(&who, status, step, f, errors, &list);
    if let Some(to) = navigate(&mut f, &action) {
        return show(StatusCode::OK, to, &f, &[]);
    }
    if action != "confirm" {
        let problems = check_step(step, &f);
        if !problems.is_empty() {
            return show(StatusCode::UNPROCESSABLE_ENTITY, step, &f, &problems);
        }
        return show(StatusCode::OK, next(step, &f), &f, &[]);
    }
    // Every page again, in case a hidden answer was changed on the way.
    if let Some((s, problems)) = first_problem(Step::Check, |s| check_step(s, &f)) {
        return show(StatusCode::UNPROCESSABLE_ENTITY, s, &f, &problems);
    }
    let d = dates(&f, &mut Vec::new());
    let (Some(sent), Some(complained), Some(regime)) = (d.sent, d.complained, regime_of(&f)) else {
        return show(StatusCode::UNPROCESSABLE_ENTITY, Step::Dates, &f, &[]);
    };
    let complaint = OpenComplaint {
        authority: match field(&f, "authority") {
            NEW => ComplaintAuthority::New(field(&f, "authority_name").to_owned()),
            slug => ComplaintAuthority::Stored(slug.to_owned()),
        },
        regime,
        parts: parts_of(field(&f, "request")),
        request_sent: sent,
        response: d.response,
        response_provisions: field(&f, "provisions")
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect(),
        review_requested: d.review_requested,
        review: d.review,
        complained,
    };
    match state
        .service
        .as_user(&who.user)
        .open_complaint(complaint)
        .await
    {
        Ok(view) => {
            Redirect::to(&format!("/complaints/{}/opened", view.summary.id)).into_response()
        }
        Err(EngineError::Invalid {
            field: name,
            message,
        }) => {
            let (step, id) = Step::of_field(&name);
            let problems = [problem(id, capitalised(&message))];
            show(StatusCode::UNPROCESSABLE_ENTITY, step, &f, &problems)
        }
        Err(e) => internal(&e).into_response(),
    }
}

fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|first| first.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// GET /complaints/{id}/opened: the confirmation panel.
pub async fn opened(
    State(state): State<AppState>,
    who: WebUser,
    Path(id): Path<String>,
) -> Response {
    let view = match super::case_page::visible(&state, &who, &id).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let next = html! {
        dl class="summary-list" {
            (summary_row("Authority", html! { (view.case.request.authority) }))
            (summary_row("Request sent", html! { (view.case.request.received.long_form()) }))
        }
        h2 { "What happens next" }
        p { "Check whether the Commissioner can decide the complaint, then accept or decline it." }
        p { a class="button" href={ "/cases/" (view.summary.id) } { "Go to case " (view.summary.reference) } }
        p { a href="/complaints" { "Back to the complaints" } }
    };
    confirmation(&who, "Complaint opened", &view.summary.reference, next)
}
