//! Make a request, as a requester: which authorities (one or several), the
//! parts, whether it is about the environment, who they ask as, then check
//! your answers, then the confirmation (`request_sent.rs`). The page
//! machinery and the parts page are `questions.rs`'s, as for the officer's
//! log (`intake.rs`): nothing is kept until the request is sent.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::api::{Regime, RequesterType};
use foidesk_engine::{environmental_hint, EngineError, MakeRequest, Role, MAX_AUTHORITIES};
use maud::{html, Markup};

use super::intake::regime_label;
use super::page::{error_for, problem, radios_under, Problem};
use super::questions::{
    authorities, buttons, check_row, confirm as confirm_section, drop_empty_parts, edit_parts,
    field, first_problem, heading, legend, navigate, next, page, parts, parts_fields,
    parts_problems, posted, set, Fields, Steps,
};
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, PageForm};
use crate::error::internal;
use crate::AppState;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Authorities,
    Parts,
    Environment,
    AboutYou,
    Check,
}

impl Steps for Step {
    // One page a row: the page, its name in forms, its title.
    #[rustfmt::skip]
    const PAGES: &'static [(Step, &'static str, &'static str)] = &[
        (Step::Authorities, "authorities", "Which authorities do you want to ask?"),
        (Step::Parts, "parts", "What do you want to know?"),
        (Step::Environment, "environment", "Is your request about the environment?"),
        (Step::AboutYou, "about-you", "Who are you asking as?"),
        (Step::Check, "check", "Check your request before sending it"),
    ];
    const CHECK: Step = Step::Check;
    /// Every answer carried between pages (authorities and parts repeat).
    const CARRIED: &'static [&'static str] = &[
        "authority",
        "part",
        "environment",
        "requester_type",
        "checking",
    ];
    const CAPTION: &'static str = "Make a request";

    fn asks(self, name: &str) -> bool {
        let asked: &[&str] = match self {
            Step::Authorities => &["authority"],
            Step::Parts => &["part"],
            Step::Environment => &["environment"],
            Step::AboutYou => &["requester_type"],
            Step::Check => &[],
        };
        asked.contains(&name)
    }
}

const ENVIRONMENT: [(&str, &str); 3] = [("yes", "Yes"), ("no", "No"), ("unsure", "I am not sure")];

fn chosen(f: &Fields) -> Vec<String> {
    f.iter()
        .filter(|(k, _)| k == "authority")
        .map(|(_, v)| v.clone())
        .collect()
}

/// The law it falls under: the requester's answer, or when they are not
/// sure, the EIR if its words suggest environmental information.
fn regime(f: &Fields) -> Regime {
    match field(f, "environment") {
        "yes" => Regime::Eir,
        "unsure" if !environmental_hint(&parts(f)).is_empty() => Regime::Eir,
        _ => Regime::Foia,
    }
}

fn regime_code(r: Regime) -> &'static str {
    match r {
        Regime::Eir => "EIR",
        Regime::Foia => "FOIA",
    }
}

fn check_step(step: Step, f: &Fields, register: &[(String, String)]) -> Vec<Problem> {
    let mut problems = Vec::new();
    match step {
        Step::Authorities => {
            let picked = chosen(f);
            if picked.is_empty() || !picked.iter().all(|c| register.iter().any(|(s, _)| s == c)) {
                problems.push(problem("authority", "Choose at least one authority"));
            } else if picked.len() > MAX_AUTHORITIES {
                problems.push(problem(
                    "authority",
                    format!("Choose at most {MAX_AUTHORITIES} authorities"),
                ));
            }
        }
        Step::Parts => problems.extend(parts_problems(f, "Enter what you want to know")),
        Step::Environment => {
            if !ENVIRONMENT
                .iter()
                .any(|(v, _)| *v == field(f, "environment"))
            {
                problems.push(problem(
                    "environment",
                    "Choose whether your request is about the environment",
                ));
            }
        }
        Step::AboutYou => {
            if RequesterType::from_name(field(f, "requester_type")).is_none() {
                problems.push(problem("requester_type", "Choose who you are asking as"));
            }
        }
        Step::Check => {}
    }
    problems
}

fn authority_boxes(f: &Fields, errors: &[Problem], register: &[(String, String)]) -> Markup {
    let picked = chosen(f);
    let error = error_for(errors, "authority");
    html! {
        div class={ "form-group" @if error.is_some() { " form-group--error" } } {
            fieldset class="fieldset" aria-describedby={ "authority-hint" @if error.is_some() { " authority-error" } } {
                (legend::<Step>(Step::Authorities.title()))
                div class="hint" id="authority-hint" { "Choose one, or several to send them all the same request. Each answers you separately." }
                @if let Some(e) = error {
                    p class="error-message" id="authority-error" { span class="visually-hidden" { "Error: " } (e) }
                }
                div class="checkboxes" {
                    @for (n, (slug, name)) in register.iter().enumerate() {
                        @let id = if n == 0 { "authority".to_owned() } else { format!("authority-{slug}") };
                        div class="checkboxes__item" {
                            input class="checkboxes__input" type="checkbox" id=(id) name="authority" value=(slug) checked[picked.contains(slug)];
                            label class="label checkboxes__label" for=(id) { (name) }
                        }
                    }
                }
            }
        }
    }
}

fn step_fields(
    step: Step,
    f: &Fields,
    errors: &[Problem],
    register: &[(String, String)],
) -> Markup {
    match step {
        Step::Authorities => authority_boxes(f, errors, register),
        Step::Parts => parts_fields(f, errors),
        Step::Environment => {
            let words = environmental_hint(&parts(f));
            let hint = if words.is_empty() {
                "Information about the air, water, land, wildlife, energy, noise, waste or emissions, or plans that affect them, is asked for under the Environmental Information Regulations.".to_owned()
            } else {
                format!(
                    "Your request mentions {}: it may be about environmental information, which the Environmental Information Regulations cover.",
                    words.join(", ")
                )
            };
            radios_under(
                "environment",
                legend::<Step>(step.title()),
                Some(&hint),
                &ENVIRONMENT,
                field(f, "environment"),
                errors,
            )
        }
        Step::AboutYou => {
            let options: Vec<(&str, &str)> = RequesterType::ALL
                .iter()
                .map(|t| (t.as_str(), t.label()))
                .collect();
            let chosen = match field(f, "requester_type") {
                "" => RequesterType::MemberOfThePublic.as_str(),
                t => t,
            };
            radios_under(
                "requester_type",
                legend::<Step>(step.title()),
                Some("For the authority's own figures. It must not change the answer you get."),
                &options,
                chosen,
                errors,
            )
        }
        Step::Check => html! {},
    }
}

fn check_answers(who: &WebUser, f: &Fields, register: &[(String, String)]) -> Markup {
    let names: Vec<&str> = chosen(f)
        .iter()
        .filter_map(|c| register.iter().find(|(s, _)| s == c))
        .map(|(_, n)| n.as_str())
        .collect();
    let environment = ENVIRONMENT
        .iter()
        .find(|(v, _)| *v == field(f, "environment"))
        .map(|(_, t)| *t)
        .unwrap_or("");
    let asking_as = RequesterType::from_name(field(f, "requester_type"))
        .map(RequesterType::label)
        .unwrap_or("");
    html! {
        dl class="summary-list summary-list--actions" {
            (check_row::<Step>(if names.len() > 1 { "Authorities" } else { "Authority" }, html! {
                @for n in &names { (n) br; }
            }, Some(Step::Authorities)))
            @for (i, p) in parts(f).iter().filter(|p| !p.trim().is_empty()).enumerate() {
                (check_row::<Step>(&format!("Part {}", i + 1), html! { (p) }, Some(Step::Parts)))
            }
            (check_row::<Step>("About the environment", html! { (environment) }, Some(Step::Environment)))
            (check_row::<Step>("Law", html! { (regime_label(regime_code(regime(f)))) }, None))
            (check_row::<Step>("Asking as", html! { (asking_as) }, Some(Step::AboutYou)))
            (check_row::<Step>("Your name", html! { (who.user.name) }, None))
            (check_row::<Step>("Replies go to", html! { (who.user.email) }, None))
        }
    }
}

/// `period` is how long an authority has to answer, in words (the engine's
/// `response_period`, from the dated parameter).
fn render(
    who: &WebUser,
    status: StatusCode,
    (step, period): (Step, &str),
    f: &Fields,
    errors: &[Problem],
    register: &[(String, String)],
) -> Response {
    let body = html! {
        @if matches!(step, Step::Parts | Step::Check) { (heading(step)) }
        @if step == Step::Check {
            (check_answers(who, f, register))
            (confirm_section(
                "Now send your request",
                &format!("Each authority gets the request as a case of its own, with its own reference, and should answer within {period}."),
                "Send the request",
            ))
        } @else {
            (step_fields(step, f, errors, register))
            (buttons(step.before(), f))
        }
    };
    page(who, status, "/requests/make", (step, f), errors, body)
}

fn refused(who: &WebUser) -> Response {
    message_page(
        who,
        StatusCode::FORBIDDEN,
        "You cannot make requests here",
        "Requests are made here by requesters. An authority's officers log the requests they receive.",
    )
}

/// The register of authorities, as (slug, name), by name.
async fn register(state: &AppState, who: &WebUser) -> Result<Vec<(String, String)>, Response> {
    let mut all = authorities(state, who, |_| true).await?;
    all.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(all)
}

/// GET /requests/make: the first question.
pub async fn start(State(state): State<AppState>, who: WebUser) -> Response {
    if who.user.role != Role::Requester {
        return refused(&who);
    }
    let register = match register(&state, &who).await {
        Ok(r) => r,
        Err(r) => return r,
    };
    let mut f = Fields::new();
    set(
        &mut f,
        "requester_type",
        RequesterType::MemberOfThePublic.as_str(),
    );
    let period = state.service.engine().response_period();
    render(
        &who,
        StatusCode::OK,
        (Step::first(), &period),
        &f,
        &[],
        &register,
    )
}

/// POST /requests/make: an answer in, the next question out; "confirm" sends.
pub async fn answer(
    State(state): State<AppState>,
    who: WebUser,
    PageForm(mut f): PageForm<Fields>,
) -> Response {
    if !tokens_match(field(&f, "csrf"), &who.csrf) {
        return csrf_refused(&who);
    }
    if who.user.role != Role::Requester {
        return refused(&who);
    }
    let register = match register(&state, &who).await {
        Ok(r) => r,
        Err(r) => return r,
    };
    let (step, action) = posted(&mut f, Step::first());
    let period = state.service.engine().response_period();
    let show = |status, step, f: &Fields, errors: &[Problem]| {
        render(&who, status, (step, &period), f, errors, &register)
    };
    if edit_parts(&mut f, &action) {
        return show(StatusCode::OK, Step::Parts, &f, &[]);
    }
    if let Some(to) = navigate(&mut f, &action) {
        return show(StatusCode::OK, to, &f, &[]);
    }
    // Every answer is checked before the summary is shown and before sending.
    let upto = if action == "confirm" {
        Step::Check
    } else {
        step
    };
    if let Some((s, problems)) = first_problem(upto, |s| check_step(s, &f, &register)) {
        return show(StatusCode::UNPROCESSABLE_ENTITY, s, &f, &problems);
    }
    if action == "confirm" {
        return send(&state, &who, &f, &register).await;
    }
    if step == Step::Parts {
        drop_empty_parts(&mut f);
    }
    let next = next(step, &f);
    if next == Step::Check {
        if let Some((s, problems)) = first_problem(Step::Check, |s| check_step(s, &f, &register)) {
            return show(StatusCode::UNPROCESSABLE_ENTITY, s, &f, &problems);
        }
    }
    show(StatusCode::OK, next, &f, &[])
}

async fn send(
    state: &AppState,
    who: &WebUser,
    f: &Fields,
    register: &[(String, String)],
) -> Response {
    let request = MakeRequest {
        authority_slugs: chosen(f),
        parts: parts(f),
        regime: regime(f),
        requester_type: RequesterType::from_name(field(f, "requester_type"))
            .unwrap_or(RequesterType::MemberOfThePublic),
    };
    match state.service.as_user(&who.user).make_request(request).await {
        Ok(sent) => match sent.cases.first() {
            Some(first) => {
                Redirect::to(&format!("/requests/sent/{}", first.summary.id)).into_response()
            }
            None => Redirect::to("/").into_response(),
        },
        Err(EngineError::Invalid {
            field: name,
            message,
        }) => {
            let (step, id) = if name.contains("authority") {
                (Step::Authorities, "authority")
            } else {
                (Step::Parts, "part-1")
            };
            render(
                who,
                StatusCode::UNPROCESSABLE_ENTITY,
                (step, &state.service.engine().response_period()),
                f,
                &[problem(id, message)],
                register,
            )
        }
        Err(EngineError::Forbidden { .. }) => refused(who),
        Err(e) => internal(&e).into_response(),
    }
}
