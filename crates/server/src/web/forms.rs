//! A form for each kind of event. A bad form comes back with a GOV.UK-style
//! error summary and each field's message, and nothing is written; a good
//! one is appended at the version the form was opened on.

use super::PageForm;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::api::{
    CaseError, EventField, EventFile, EventType, NoticeOutcome, Outcome, OutcomeFile, ReviewResult,
};
use foidesk_engine::{CaseView, EngineError};
use maud::{html, Markup};

use super::case_page::visible;
use super::page::{
    csrf_field, date_from_fields, date_input, layout, problem, radios, select, text_input,
    textarea, Problem, Viewer,
};
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, respond};
use crate::error::internal;
use crate::paths::json_path;
use crate::AppState;

/// What was typed, by field id (a form re-displays it as it was).
type Fields = Vec<(String, String)>;

fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

fn optional(fields: &Fields, name: &str) -> Option<String> {
    let v = field(fields, name).trim();
    (!v.is_empty()).then(|| v.to_owned())
}

/// "s.31, s.40(2)" or one per line: each provision as written.
fn list(text: &str) -> Vec<String> {
    text.split([',', '\n', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

fn yes_no(fields: &Fields, name: &str) -> Option<bool> {
    match field(fields, name) {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

const YES_NO: [(&str, &str); 2] = [("yes", "Yes"), ("no", "No")];

/// The fields for one kind of event, filled with what was typed.
fn kind_fields(kind: EventType, view: &CaseView, f: &Fields, errors: &[Problem]) -> Markup {
    html! {
        @for field in kind.fields() {
            (field_input(*field, view, f, errors))
        }
    }
}

/// The form's input for a field: its wire name, but for the fee, which
/// the form takes in pounds.
fn input_id(field: EventField) -> &'static str {
    match field {
        EventField::AmountPence => "amount",
        other => other.as_str(),
    }
}

/// One field's inputs: the form's id for it, its widget and its hint.
fn field_input(field: EventField, view: &CaseView, f: &Fields, errors: &[Problem]) -> Markup {
    let (id, label) = (input_id(field), field.label());
    let text = |hint: &str, kind: &str| {
        text_input(id, label, Some(hint), self::field(f, id), kind, errors)
    };
    let chosen = |options: &[(&str, &str)]| select(id, label, options, self::field(f, id), errors);
    let yes_no = || {
        let hint = "Leave both unticked if you do not know.";
        radios(id, label, Some(hint), &YES_NO, self::field(f, id), errors)
    };
    match field {
        EventField::Assignee => text(
            "An email address or a name; leave empty to unassign.",
            "text",
        ),
        EventField::AmountPence => text("For example, 25.50", "text"),
        EventField::Estimate => text("YYYY-MM-DD", "date"),
        EventField::Provisions => text("For example: s.31, s.43(2)", "text"),
        EventField::Outcomes => {
            let outcomes = Outcome::ALL.map(|o| (o.as_str(), o.label()));
            html! {
                @for p in &view.case.request.parts {
                    fieldset {
                        legend { "Part " (p.id) ": " (p.text) }
                        (select(&format!("outcome-{}", p.id), label, &outcomes, self::field(f, &format!("outcome-{}", p.id)), errors))
                        (text_input(&format!("provisions-{}", p.id), "Exemptions or exceptions relied on", Some("For example: s.31(3), s.40(2)"), self::field(f, &format!("provisions-{}", p.id)), "text", errors))
                    }
                }
                @if view.case.request.parts.is_empty() {
                    (select("outcome-all", label, &outcomes, self::field(f, "outcome-all"), errors))
                    (text_input("provisions-all", "Exemptions or exceptions relied on", None, self::field(f, "provisions-all"), "text", errors))
                }
            }
        }
        EventField::PublicInterestReasons => yes_no(),
        EventField::StatesReviewProcedure => yes_no(),
        EventField::StatesComplaintRight => yes_no(),
        EventField::Result => chosen(&ReviewResult::ALL.map(|r| (r.as_str(), r.label()))),
        EventField::Reference => text("For example, IC-123456-A1B2", "text"),
        EventField::Outcome => chosen(&NoticeOutcome::ALL.map(|o| (o.as_str(), o.label()))),
        EventField::Breaches => text("For example: s.10(1), s.17(1)", "text"),
        EventField::Steps => textarea(
            id,
            label,
            Some("One step per line; leave empty if none."),
            self::field(f, id),
            errors,
        ),
        EventField::StepsDays => text("Usually 35", "text"),
        EventField::By => chosen(&[
            ("complainant", "The complainant"),
            ("authority", "The authority"),
        ]),
    }
}

/// The day, month and year typed in date input `id`.
fn date_fields<'a>(f: &'a Fields, id: &str) -> (&'a str, &'a str, &'a str) {
    (
        field(f, &format!("{id}-day")),
        field(f, &format!("{id}-month")),
        field(f, &format!("{id}-year")),
    )
}

fn build_event(kind: EventType, view: &CaseView, f: &Fields) -> Result<EventFile, Vec<Problem>> {
    let mut problems = Vec::new();
    let date = match date_from_fields("The date", date_fields(f, "date")) {
        Ok(Some(date)) => date.to_string(),
        Ok(None) => {
            problems.push(problem("date", "Enter the date it happened"));
            String::new()
        }
        Err(message) => {
            problems.push(problem("date", message));
            String::new()
        }
    };
    let mut event = EventFile {
        kind: kind.as_str().to_owned(),
        date,
        note: optional(f, "note"),
        ..EventFile::default()
    };
    for field in kind.fields() {
        if let Err(p) = build_field(*field, &mut event, view, f) {
            problems.push(p);
        }
    }
    if problems.is_empty() {
        Ok(event)
    } else {
        Err(problems)
    }
}

/// Set one field of the event from what was typed in its inputs.
fn build_field(
    field: EventField,
    event: &mut EventFile,
    view: &CaseView,
    f: &Fields,
) -> Result<(), Problem> {
    let id = input_id(field);
    match field {
        EventField::Assignee => event.assignee = Some(self::field(f, id).trim().to_owned()),
        EventField::AmountPence => match parse_pounds(self::field(f, id)) {
            Some(p) => event.amount_pence = Some(p),
            None => return Err(problem(id, "Enter the fee in pounds, like 25.50")),
        },
        EventField::Estimate => event.estimate = optional(f, id),
        EventField::Provisions => event.provisions = list(self::field(f, id)),
        EventField::Outcomes => {
            let ids: Vec<String> = if view.case.request.parts.is_empty() {
                vec!["all".into()]
            } else {
                view.case
                    .request
                    .parts
                    .iter()
                    .map(|p| p.id.clone())
                    .collect()
            };
            for part in ids {
                event.outcomes.push(OutcomeFile {
                    outcome: self::field(f, &format!("outcome-{part}")).to_owned(),
                    provisions: list(self::field(f, &format!("provisions-{part}"))),
                    part,
                });
            }
        }
        EventField::PublicInterestReasons => event.public_interest_reasons = yes_no(f, id),
        EventField::StatesReviewProcedure => event.states_review_procedure = yes_no(f, id),
        EventField::StatesComplaintRight => event.states_complaint_right = yes_no(f, id),
        EventField::Result => event.result = optional(f, id),
        EventField::Reference => event.reference = optional(f, id),
        EventField::Outcome => event.outcome = optional(f, id),
        EventField::Breaches => event.breaches = list(self::field(f, id)),
        EventField::Steps => {
            event.steps = self::field(f, id)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        }
        EventField::StepsDays => match optional(f, id).map(|d| d.parse::<u32>()) {
            None => {}
            Some(Ok(d)) => event.steps_days = Some(d),
            Some(Err(_)) => {
                return Err(problem(
                    id,
                    "Enter the number of days as a whole number, like 35",
                ))
            }
        },
        EventField::By => event.by = optional(f, id),
    }
    Ok(())
}

/// "25.50" → 2550 pence.
fn parse_pounds(text: &str) -> Option<u64> {
    let text = text.trim().trim_start_matches('£');
    let (pounds, pence) = text.split_once('.').unwrap_or((text, "0"));
    let pence = match pence.len() {
        1 => pence.parse::<u64>().ok()?.checked_mul(10)?,
        2 => pence.parse::<u64>().ok()?,
        _ => return None,
    };
    pounds
        .parse::<u64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(pence)
}

/// The form field an engine error is about, from its JSON path.
fn field_of(err: &EngineError, view: &CaseView) -> Problem {
    // The field's own message: the summary's link already says where.
    let message = match err {
        EngineError::Case(CaseError::Field { message, .. }) => message.clone(),
        other => other.to_string(),
    };
    // A path into the event: the case crate names it within the timeline
    // ("events[7].outcomes[1].provisions[0]"), the engine's text check within
    // the event itself ("note").
    let tail = match err {
        EngineError::Case(CaseError::Field { location, .. })
        | EngineError::Case(CaseError::UnknownProvision { location, .. }) => {
            let path = json_path(location);
            path.split_once("].").map(|(_, t)| t.to_owned())
        }
        EngineError::Invalid { field, .. } => Some(field.clone()),
        _ => None,
    };
    let tail = tail.as_deref().unwrap_or("date");
    let field = if let Some(rest) = tail.strip_prefix("outcomes[") {
        let index: usize = rest
            .split(']')
            .next()
            .and_then(|i| i.parse().ok())
            .unwrap_or(0);
        let part = view
            .case
            .request
            .parts
            .get(index)
            .map(|p| p.id.as_str())
            .unwrap_or("all");
        if rest.contains("provisions") {
            format!("provisions-{part}")
        } else {
            format!("outcome-{part}")
        }
    } else {
        tail.split(['.', '[']).next().unwrap_or("date").to_owned()
    };
    problem(field, message)
}

fn render(
    status: StatusCode,
    who: &WebUser,
    view: &CaseView,
    kind: EventType,
    f: &Fields,
    errors: &[Problem],
) -> Response {
    let title = kind.label();
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let version = optional(f, "version").unwrap_or_else(|| view.summary.version.to_string());
    let body = html! {
        span class="caption" { "Case " (view.summary.reference) }
        h1 { (title) }
        form method="post" action={ "/cases/" (view.summary.id) "/record/" (kind.as_str()) } novalidate {
            (csrf_field(&who.csrf))
            input type="hidden" name="version" value=(version);
            (date_input("date", "When did it happen?", Some("For example, 27 3 2026"), date_fields(f, "date"), errors))
            (kind_fields(kind, view, f, errors))
            (textarea("note", "Note", Some("Optional."), field(f, "note"), errors))
            button class="button" type="submit" { "Record" }
            a class="button button--secondary" href={ "/cases/" (view.summary.id) } { "Cancel" }
        }
    };
    respond(status, layout(title, Some(&viewer), errors, body))
}

async fn checked(
    state: &AppState,
    who: &WebUser,
    id: &str,
    kind: &str,
) -> Result<(CaseView, EventType), Response> {
    let view = visible(state, who, id).await?;
    let Some(kind) = EventType::from_name(kind) else {
        return Err(message_page(
            who,
            StatusCode::NOT_FOUND,
            "No such form",
            "There is no form for that kind of event.",
        ));
    };
    let writable = who.user.access_to(&view.summary) == foidesk_engine::Access::Write;
    if !writable || !who.user.may_record(kind) {
        return Err(message_page(
            who,
            StatusCode::FORBIDDEN,
            "You cannot record this",
            "Your role does not record this kind of event on this case.",
        ));
    }
    Ok((view, kind))
}

pub async fn form(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, kind)): Path<(String, String)>,
) -> Response {
    match checked(&state, &who, &id, &kind).await {
        Ok((view, kind)) => {
            let today = state.service.engine().today();
            let typed = vec![
                ("date-day".to_owned(), today.day().to_string()),
                ("date-month".to_owned(), today.month().to_string()),
                ("date-year".to_owned(), today.year().to_string()),
            ];
            render(StatusCode::OK, &who, &view, kind, &typed, &[])
        }
        Err(r) => r,
    }
}

pub async fn submit(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, kind)): Path<(String, String)>,
    PageForm(f): PageForm<Fields>,
) -> Response {
    if !tokens_match(field(&f, "csrf"), &who.csrf) {
        return csrf_refused(&who);
    }
    let (view, kind) = match checked(&state, &who, &id, &kind).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Ok(expected) = field(&f, "version").parse::<i64>() else {
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &who,
            &view,
            kind,
            &f,
            &[problem(
                "date",
                "The form is missing the case version; reload it",
            )],
        );
    };
    let event = match build_event(kind, &view, &f) {
        Ok(e) => e,
        Err(problems) => {
            return render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &who,
                &view,
                kind,
                &f,
                &problems,
            )
        }
    };
    let id = view.summary.id;
    match state
        .service
        .as_user(&who.user)
        .append_event(id, expected, event)
        .await
    {
        Ok(_) => Redirect::to(&format!("/cases/{id}?saved={}", kind.as_str())).into_response(),
        Err(EngineError::Conflict { .. }) => {
            let p = problem("date", "Someone else recorded an event on this case after you opened this form. Check the case page, then record this again if it is still needed.");
            render(StatusCode::CONFLICT, &who, &view, kind, &f, &[p])
        }
        Err(
            e @ (EngineError::Case(_)
            | EngineError::Invalid { .. }
            | EngineError::Assess(_)
            | EngineError::Calendar(_)),
        ) => {
            let p = field_of(&e, &view);
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &who,
                &view,
                kind,
                &f,
                &[p],
            )
        }
        Err(EngineError::Forbidden { message }) => message_page(
            &who,
            StatusCode::FORBIDDEN,
            "You cannot record this",
            &message,
        ),
        Err(e) => internal(&e).into_response(),
    }
}
