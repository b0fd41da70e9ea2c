//! Log a new request, as an officer: GOV.UK question pages, one question a
//! page, then check your answers, then a confirmation. The page machinery
//! (answers carried as hidden fields, navigation, check answers) is
//! `questions.rs`'s.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::api::{Channel, Date, Regime, RequesterType};
use foidesk_engine::{default_reference_prefix, environmental_hint, EngineError, LogRequest, Role};
use maud::{html, Markup};

use super::page::{
    date_from_fields, date_input, error_for, problem, radios, radios_under, summary_row,
    text_input, Problem,
};
use super::questions::{
    self, buttons, check_row, confirm as confirm_section, confirmation as confirmation_page,
    drop_empty_parts, edit_parts, field, first_problem, heading, legend, navigate, next, page,
    parts, parts_fields, parts_problems, posted, set, Fields, Steps,
};
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, PageForm};
use crate::error::internal;
use crate::AppState;

/// The question pages, in the order they are asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Authority,
    Channel,
    Requester,
    Received,
    Parts,
    Regime,
    Check,
}

impl Steps for Step {
    // One page a row: the page, its name in forms, its title.
    #[rustfmt::skip]
    const PAGES: &'static [(Step, &'static str, &'static str)] = &[
        (Step::Authority, "authority", "Which authority received the request?"),
        (Step::Channel, "channel", "How did the request come in?"),
        (Step::Requester, "requester", "Who made the request?"),
        (Step::Received, "received", "When was the request received?"),
        (Step::Parts, "parts", "What did they ask for?"),
        (Step::Regime, "regime", "Which law does the request fall under?"),
        (Step::Check, "check", "Check your answers before logging the request"),
    ];
    const CHECK: Step = Step::Check;
    /// Every answer that may be carried between pages.
    const CARRIED: &'static [&'static str] = &[
        "authority",
        "channel",
        "requester_name",
        "contact",
        "requester_type",
        "received-day",
        "received-month",
        "received-year",
        "part",
        "regime",
        "checking",
    ];
    const CAPTION: &'static str = "Log a new request";

    fn asks(self, name: &str) -> bool {
        self.fields().contains(&name)
    }
}

impl Step {
    /// Whether the page is one choice of radios, whose legend is the heading.
    fn asks_one_choice(self) -> bool {
        matches!(self, Step::Authority | Step::Channel | Step::Regime)
    }

    /// The form fields this page asks for (the others ride along hidden).
    fn fields(self) -> &'static [&'static str] {
        match self {
            Step::Authority => &["authority"],
            Step::Channel => &["channel"],
            Step::Requester => &["requester_name", "contact", "requester_type"],
            Step::Received => &["received-day", "received-month", "received-year"],
            Step::Parts => &["part"],
            Step::Regime => &["regime"],
            Step::Check => &[],
        }
    }

    /// The step that asks about an engine error's field, and the id of
    /// the field on its page. The field may be a path into the case file
    /// ("request.contact[0]").
    fn of_field(field: &str) -> (Step, &'static str) {
        let name = field.strip_prefix("request.").unwrap_or(field);
        let name = name.split(['[', '.']).next().unwrap_or(name);
        let step = match name {
            "authority" | "reference_prefix" => Step::Authority,
            "channel" => Step::Channel,
            "requester_name" | "contact" | "requester_type" => Step::Requester,
            "received" => Step::Received,
            "parts" => Step::Parts,
            _ => Step::Regime,
        };
        let id = match (step, name) {
            (Step::Authority, _) => "authority",
            (Step::Channel, _) => "channel",
            (Step::Requester, "contact") => "contact",
            (Step::Requester, "requester_type") => "requester_type",
            (Step::Requester, _) => "requester_name",
            (Step::Received, _) => "received",
            (Step::Parts, _) => "part-1",
            _ => "regime",
        };
        (step, id)
    }
}

fn contact_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn received_fields(f: &Fields) -> (&str, &str, &str) {
    (
        field(f, "received-day"),
        field(f, "received-month"),
        field(f, "received-year"),
    )
}

/// Who logs requests: officers (for their own authority) and administrators.
fn may_log(who: &WebUser) -> bool {
    matches!(who.user.role, Role::Officer | Role::Administrator)
}

fn refused(who: &WebUser) -> Response {
    message_page(
        who,
        StatusCode::FORBIDDEN,
        "You cannot log requests",
        "Only an authority's officers and administrators log new requests.",
    )
}

/// The authorities this person may log for, as (slug, name).
async fn authorities(state: &AppState, who: &WebUser) -> Result<Vec<(String, String)>, Response> {
    questions::authorities(state, who, |a| {
        who.user.role == Role::Administrator || who.user.authority_id == Some(a.id)
    })
    .await
}

/// The first page: an administrator chooses the authority; an officer's is
/// their own.
fn first_step(who: &WebUser) -> Step {
    if who.user.role == Role::Administrator {
        Step::Authority
    } else {
        Step::Channel
    }
}

fn previous_step(who: &WebUser, step: Step) -> Option<Step> {
    let before = step.before()?;
    // An officer's authority is their own: there is no page to go back to.
    if before == Step::Authority && who.user.role != Role::Administrator {
        None
    } else {
        Some(before)
    }
}

/// The problems with the answers `step` asks for.
fn check_step(
    state: &AppState,
    step: Step,
    f: &Fields,
    authorities: &[(String, String)],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    match step {
        Step::Authority => {
            if !authorities
                .iter()
                .any(|(slug, _)| slug == field(f, "authority"))
            {
                problems.push(problem(
                    "authority",
                    "Choose the authority that received it",
                ));
            }
        }
        Step::Channel => {
            if Channel::from_name(field(f, "channel")).is_none() {
                problems.push(problem("channel", "Choose how the request came in"));
            }
        }
        Step::Requester => {
            if field(f, "requester_name").trim().is_empty() {
                problems.push(problem("requester_name", "Enter the requester's name"));
            }
            if contact_lines(field(f, "contact")).is_empty() {
                problems.push(problem(
                    "contact",
                    "Enter the requester's postal or email address",
                ));
            }
            if RequesterType::from_name(field(f, "requester_type")).is_none() {
                problems.push(problem("requester_type", "Choose who the requester is"));
            }
        }
        Step::Received => match date_from_fields("The date received", received_fields(f)) {
            Ok(None) => problems.push(problem(
                "received",
                "Enter the date the request was received",
            )),
            Err(message) => problems.push(problem("received", message)),
            Ok(Some(date)) if date > state.service.engine().today() => problems.push(problem(
                "received",
                "The date received must be today or in the past",
            )),
            Ok(Some(_)) => {}
        },
        Step::Parts => problems.extend(parts_problems(f, "Enter what the requester asked for")),
        Step::Regime => {
            if !matches!(field(f, "regime"), "FOIA" | "EIR") {
                problems.push(problem("regime", "Choose FOIA or the EIR"));
            }
        }
        Step::Check => {}
    }
    problems
}

fn channel_options() -> Vec<(&'static str, &'static str)> {
    Channel::ALL
        .iter()
        .map(|c| (c.as_str(), c.label()))
        .collect()
}

fn requester_type_options() -> Vec<(&'static str, &'static str)> {
    RequesterType::ALL
        .iter()
        .map(|t| (t.as_str(), t.label()))
        .collect()
}

pub(super) fn regime_label(regime: &str) -> &'static str {
    match regime {
        "EIR" => "Environmental Information Regulations 2004 (EIR)",
        _ => "Freedom of Information Act 2000 (FOIA)",
    }
}

fn step_fields(
    state: &AppState,
    step: Step,
    f: &Fields,
    errors: &[Problem],
    authorities: &[(String, String)],
) -> Markup {
    match step {
        Step::Authority => {
            let options: Vec<(&str, &str)> = authorities
                .iter()
                .map(|(s, n)| (s.as_str(), n.as_str()))
                .collect();
            question_radios(
                "authority",
                step.title(),
                None,
                &options,
                field(f, "authority"),
                errors,
            )
        }
        Step::Channel => question_radios(
            "channel",
            step.title(),
            None,
            &channel_options(),
            field(f, "channel"),
            errors,
        ),
        Step::Requester => html! {
            (text_input("requester_name", "Name", Some("As they gave it, for the letter."), field(f, "requester_name"), "text", errors))
            (contact_area(field(f, "contact"), errors))
            (radios("requester_type", "Who is the requester?", Some("Recorded for the authority's own figures. It is never shown outside the authority and must not change the answer."), &requester_type_options(), field(f, "requester_type"), errors))
        },
        Step::Received => {
            let today = state.service.engine().today();
            let typed = received_fields(f);
            let (d, m, y) = (
                today.day().to_string(),
                today.month().to_string(),
                today.year().to_string(),
            );
            let shown = if typed == ("", "", "") {
                (d.as_str(), m.as_str(), y.as_str())
            } else {
                typed
            };
            date_input(
                "received",
                "Date received",
                Some("The day it reached the authority, even if that was not a working day. For example, 27 3 2026."),
                shown,
                errors,
            )
        }
        Step::Parts => parts_fields(f, errors),
        Step::Regime => {
            let words = environmental_hint(&parts(f));
            let hint = (!words.is_empty()).then(|| {
                format!(
                    "The request mentions {}: this may be environmental information, which the EIR cover.",
                    words.join(", ")
                )
            });
            question_radios(
                "regime",
                step.title(),
                hint.as_deref(),
                &[("FOIA", regime_label("FOIA")), ("EIR", regime_label("EIR"))],
                field(f, "regime"),
                errors,
            )
        }
        Step::Check => html! {},
    }
}

fn contact_area(value: &str, errors: &[Problem]) -> Markup {
    let error = error_for(errors, "contact");
    html! {
        div class={ "form-group" @if error.is_some() { " form-group--error" } } {
            label class="label" for="contact" { "Contact address" }
            div class="hint" id="contact-hint" { "A postal address, one line a line, or an email address. Only the authority sees it." }
            @if let Some(e) = error {
                p class="error-message" id="contact-error" { span class="visually-hidden" { "Error: " } (e) }
            }
            textarea class={ "textarea" @if error.is_some() { " textarea--error" } } id="contact" name="contact" rows="4"
                autocomplete="off" aria-describedby={ "contact-hint" @if error.is_some() { " contact-error" } } { (value) }
        }
    }
}

/// GOV.UK radios for a page that asks one question: the legend is the
/// page's heading.
fn question_radios(
    id: &str,
    question: &str,
    hint: Option<&str>,
    options: &[(&str, &str)],
    chosen: &str,
    errors: &[Problem],
) -> Markup {
    radios_under(id, legend::<Step>(question), hint, options, chosen, errors)
}

fn check_answers(f: &Fields, authorities: &[(String, String)], admin: bool) -> Markup {
    let authority = authorities
        .iter()
        .find(|(s, _)| s == field(f, "authority"))
        .map(|(_, n)| n.as_str())
        .unwrap_or("");
    let label_of = |name: Option<&'static str>| name.unwrap_or("");
    let received = date_from_fields("", received_fields(f))
        .ok()
        .flatten()
        .map(Date::long_form)
        .unwrap_or_default();
    let parts: Vec<String> = parts(f)
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect();
    html! {
        dl class="summary-list summary-list--actions" {
            @if admin { (check_row::<Step>("Authority", html! { (authority) }, Some(Step::Authority))) }
            (check_row::<Step>("How it came in", html! { (label_of(Channel::from_name(field(f, "channel")).map(Channel::label))) }, Some(Step::Channel)))
            (check_row::<Step>("Requester", html! { (field(f, "requester_name")) }, Some(Step::Requester)))
            (check_row::<Step>("Contact address", html! { @for line in contact_lines(field(f, "contact")) { (line) br; } }, Some(Step::Requester)))
            (check_row::<Step>("Requester type", html! { (label_of(RequesterType::from_name(field(f, "requester_type")).map(RequesterType::label))) }, Some(Step::Requester)))
            (check_row::<Step>("Date received", html! { (received) }, Some(Step::Received)))
            @for (i, p) in parts.iter().enumerate() {
                (check_row::<Step>(&format!("Part {}", i + 1), html! { (p) }, Some(Step::Parts)))
            }
            (check_row::<Step>("Law", html! { (regime_label(field(f, "regime"))) }, Some(Step::Regime)))
        }
    }
}

fn render(
    state: &AppState,
    who: &WebUser,
    status: StatusCode,
    step: Step,
    f: &Fields,
    errors: &[Problem],
    authorities: &[(String, String)],
) -> Response {
    let body = html! {
        @if !step.asks_one_choice() { (heading(step)) }
        @if step == Step::Check {
            (check_answers(f, authorities, who.user.role == Role::Administrator))
            (confirm_section(
                "Now log the request",
                "The case opens with the next reference and the deadline counts from the date received.",
                "Log the request",
            ))
        } @else {
            (step_fields(state, step, f, errors, authorities))
            (buttons(previous_step(who, step), f))
        }
    };
    page(who, status, "/requests/new", (step, f), errors, body)
}

/// GET /requests/new: the first question.
pub async fn start(State(state): State<AppState>, who: WebUser) -> Response {
    if who.user.role == Role::Requester {
        // A requester makes a request of their own (`make_request.rs`).
        return Redirect::to("/requests/make").into_response();
    }
    if !may_log(&who) {
        return refused(&who);
    }
    let authorities = match authorities(&state, &who).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let mut f = Fields::new();
    if who.user.role != Role::Administrator {
        match authorities.first() {
            Some((slug, _)) => set(&mut f, "authority", slug),
            None => return refused(&who),
        }
    }
    render(
        &state,
        &who,
        StatusCode::OK,
        first_step(&who),
        &f,
        &[],
        &authorities,
    )
}

/// POST /requests/new: one answer in, the next question (or the same one
/// with its problems) out; "confirm" logs the request.
pub async fn answer(
    State(state): State<AppState>,
    who: WebUser,
    PageForm(mut f): PageForm<Fields>,
) -> Response {
    if !tokens_match(field(&f, "csrf"), &who.csrf) {
        return csrf_refused(&who);
    }
    if !may_log(&who) {
        return refused(&who);
    }
    let authorities = match authorities(&state, &who).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    if who.user.role != Role::Administrator {
        // An officer's authority is their own, whatever was posted.
        match authorities.first() {
            Some((slug, _)) => set(&mut f, "authority", &slug.clone()),
            None => return refused(&who),
        }
    }
    let (step, action) = posted(&mut f, first_step(&who));
    let show = |status, step, f: &Fields, errors: &[Problem]| {
        render(&state, &who, status, step, f, errors, &authorities)
    };
    if edit_parts(&mut f, &action) {
        return show(StatusCode::OK, Step::Parts, &f, &[]);
    }
    if let Some(to) = navigate(&mut f, &action) {
        return show(StatusCode::OK, to, &f, &[]);
    }
    if action == "confirm" {
        return confirm(&state, &who, f, &authorities).await;
    }
    let problems = check_step(&state, step, &f, &authorities);
    if !problems.is_empty() {
        return show(StatusCode::UNPROCESSABLE_ENTITY, step, &f, &problems);
    }
    if step == Step::Parts {
        drop_empty_parts(&mut f);
    }
    let next = next(step, &f);
    if next == Step::Check {
        if let Some((s, problems)) =
            first_problem(Step::Check, |s| check_step(&state, s, &f, &authorities))
        {
            return show(StatusCode::UNPROCESSABLE_ENTITY, s, &f, &problems);
        }
    }
    show(StatusCode::OK, next, &f, &[])
}

/// The prefix of the authority's references: its letter profile's when one
/// is saved (in capitals), else the one made from its slug.
async fn reference_prefix(state: &AppState, who: &WebUser, slug: &str) -> Result<String, Response> {
    let as_user = state.service.as_user(&who.user);
    let authority = as_user
        .authorities()
        .await
        .map_err(|e| internal(&e).into_response())?
        .into_iter()
        .find(|a| a.slug == slug);
    let profile = match authority {
        Some(a) => as_user
            .authority_profile(a.id)
            .await
            .map_err(|e| internal(&e).into_response())?,
        None => None,
    };
    Ok(profile
        .map(|p| p.reference_prefix.to_ascii_uppercase())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| default_reference_prefix(slug)))
}

async fn confirm(
    state: &AppState,
    who: &WebUser,
    f: Fields,
    authorities: &[(String, String)],
) -> Response {
    let show = |status, step, errors: &[Problem]| {
        render(state, who, status, step, &f, errors, authorities)
    };
    if let Some((s, problems)) =
        first_problem(Step::Check, |s| check_step(state, s, &f, authorities))
    {
        return show(StatusCode::UNPROCESSABLE_ENTITY, s, &problems);
    }
    let (Some(channel), Some(requester_type), Ok(Some(received))) = (
        Channel::from_name(field(&f, "channel")),
        RequesterType::from_name(field(&f, "requester_type")),
        date_from_fields("The date received", received_fields(&f)),
    ) else {
        return show(
            StatusCode::UNPROCESSABLE_ENTITY,
            Step::Channel,
            &[problem("channel", "Choose how the request came in")],
        );
    };
    let slug = field(&f, "authority").to_owned();
    let reference_prefix = match reference_prefix(state, who, &slug).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let request = LogRequest {
        reference_prefix,
        authority_slug: slug,
        channel,
        requester_name: field(&f, "requester_name").to_owned(),
        contact: contact_lines(field(&f, "contact")),
        requester_type,
        received,
        parts: parts(&f),
        regime: if field(&f, "regime") == "EIR" {
            Regime::Eir
        } else {
            Regime::Foia
        },
    };
    match state.service.as_user(&who.user).log_request(request).await {
        Ok(view) => {
            Redirect::to(&format!("/requests/{}/confirmation", view.summary.id)).into_response()
        }
        Err(EngineError::Invalid {
            field: name,
            message,
        }) => {
            let (step, id) = Step::of_field(&name);
            show(
                StatusCode::UNPROCESSABLE_ENTITY,
                step,
                &[problem(id, message)],
            )
        }
        Err(EngineError::Forbidden { message }) => message_page(
            who,
            StatusCode::FORBIDDEN,
            "You cannot log this request",
            &message,
        ),
        Err(e) => internal(&e).into_response(),
    }
}

/// "Respond by Friday 2 January 2027".
pub fn respond_by(date: Date) -> String {
    format!("Respond by {} {}", date.weekday().name(), date.long_form())
}

/// GET /requests/{id}/confirmation: the GOV.UK confirmation panel.
pub async fn confirmation(
    State(state): State<AppState>,
    who: WebUser,
    Path(id): Path<String>,
) -> Response {
    let view = match super::case_page::visible(&state, &who, &id).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let deadline = view.stage.next_deadline.map(|n| n.date);
    let next = html! {
        dl class="summary-list" {
            (summary_row("Received", html! { (view.case.request.received.long_form()) }))
            @if let Some(d) = deadline {
                (summary_row("Deadline", html! { (respond_by(d)) }))
            }
        }
        h2 { "What happens next" }
        p { "Send the requester an acknowledgement, and record each step on the case as it happens." }
        p {
            a class="button" href={ "/cases/" (view.summary.id) } { "Go to case " (view.summary.reference) }
        }
        p { a href="/requests/new" { "Log another request" } }
    };
    confirmation_page(&who, "Request logged", &view.summary.reference, next)
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_engine_error_goes_to_the_question_that_asked() {
        use super::Step;
        for (field, step, id) in [
            ("request.contact[1]", Step::Requester, "contact"),
            ("request.requester_name", Step::Requester, "requester_name"),
            ("requester_type", Step::Requester, "requester_type"),
            ("request.parts[2].text", Step::Parts, "part-1"),
            ("received", Step::Received, "received"),
            ("reference_prefix", Step::Authority, "authority"),
        ] {
            assert_eq!(Step::of_field(field), (step, id), "{field}");
        }
    }
}
