//! Letters through a guided form, in the GOV.UK task-list pattern: first
//! the event the letter records (the event's own form, web/forms.rs), then
//! one page of questions per exemption relied on and one for the rest of the
//! letter, asking only what the case and the authority's profile do not
//! hold; then the letter to read, and "Send", which records the event with
//! the letter's PDF attached. Every answer is kept in the draft as typed.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::api::{ConsistencyWarning, EventFile, EventType};
use foidesk_engine::{
    letters_for, Block, CaseView, Document, EngineError, InputKind, Letter, QuestionPage,
};
use maud::{html, Markup};

use super::case_page::{case_not_found, event_lines};
use super::page::{csrf_field, layout, problem, radios, text_input, textarea, Problem, Viewer};
use super::round_robin_warnings::{reason_missing, REASON};
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, respond, PageForm};
use crate::error::internal;
use crate::AppState;

type Fields = Vec<(String, String)>;

/// The button that starts the letter for an event, in plain words.
pub fn action_label(kind: EventType) -> &'static str {
    match kind {
        EventType::Acknowledged => "Send the acknowledgement",
        EventType::ClarificationSought => "Ask for clarification",
        EventType::FeeNotice => "Send a fees notice",
        EventType::PitExtension => "Extend for the public interest test",
        EventType::Response => "Send the response",
        EventType::InternalReview => "Send the review outcome",
        EventType::DecisionNotice => "Issue the decision notice",
        other => other.label(),
    }
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whether a letter goes with this kind of event.
pub fn has_letter(kind: EventType) -> bool {
    !letters_for(kind).is_empty()
}

fn base(case: i64, kind: EventType) -> String {
    format!("/cases/{case}/letters/{}", kind.as_str())
}

/// After the event's form: keep it in the draft and go to the questions.
pub(super) async fn started(
    state: &AppState,
    who: &WebUser,
    view: &CaseView,
    event: EventFile,
    _typed: &Fields,
    again: impl FnOnce(&[Problem]) -> Response,
) -> Response {
    let id = view.summary.id;
    match state
        .service
        .as_user(&who.user)
        .start_letter(id, event)
        .await
    {
        Ok(letter) => {
            let next = if letter.pages.is_empty() {
                base(id, letter.event_type)
            } else {
                format!("{}/questions/0", base(id, letter.event_type))
            };
            Redirect::to(&next).into_response()
        }
        Err(
            e @ (EngineError::Case(_)
            | EngineError::Invalid { .. }
            | EngineError::Assess(_)
            | EngineError::Calendar(_)),
        ) => again(&[super::forms::event_problem(&e, view)]),
        Err(EngineError::Forbidden { message }) => message_page(
            who,
            StatusCode::FORBIDDEN,
            "You cannot record this",
            &message,
        ),
        Err(e) => internal(&e).into_response(),
    }
}

/// The case and its letter in progress, or the page to show instead.
async fn load(
    state: &AppState,
    who: &WebUser,
    id: &str,
    kind: &str,
) -> Result<(CaseView, EventType, Option<Letter>), Response> {
    // The engine answers NotFound for a case this user may not see.
    let Ok(id) = id.parse::<i64>() else {
        return Err(case_not_found(who));
    };
    let Some(kind) = EventType::from_name(kind).filter(|k| has_letter(*k)) else {
        return Err(message_page(
            who,
            StatusCode::NOT_FOUND,
            "No such letter",
            "No letter goes with that kind of event.",
        ));
    };
    match state.service.as_user(&who.user).letter(id, kind).await {
        Ok((view, letter)) => Ok((view, kind, letter.map(|(l, _)| l))),
        Err(EngineError::Forbidden { message }) => Err(message_page(
            who,
            StatusCode::FORBIDDEN,
            "You cannot send this letter",
            &message,
        )),
        Err(EngineError::NotFound { .. }) => Err(case_not_found(who)),
        Err(e) => Err(internal(&e).into_response()),
    }
}

/// What the document is called in the form's words: the Commissioner issues
/// a notice, the authority sends a letter.
fn noun(letter: &Letter) -> &'static str {
    match letter.event_type {
        EventType::DecisionNotice => "notice",
        _ => "letter",
    }
}

fn heading(view: &CaseView, letter: &Letter) -> String {
    let title = super::documents::title(letter.kind);
    format!("{title} for case {}", view.summary.reference)
}

fn page_done(letter: &Letter, page: &QuestionPage) -> bool {
    page.questions.iter().filter(|q| q.required).all(|q| {
        letter
            .answers
            .get(q.id.as_str())
            .is_some_and(|a| !a.trim().is_empty())
    })
}

/// One question's input, named by its fact id.
fn question_input(q: &foidesk_engine::Question, value: &str, errors: &[Problem]) -> Markup {
    let id = q.id.as_str();
    let hint = (!q.hint.is_empty()).then_some(q.hint.as_str());
    match &q.input {
        InputKind::Text => text_input(id, &q.text, hint, value, "text", errors),
        InputKind::LongText => textarea(id, &q.text, hint, value, errors),
        InputKind::Lines => {
            let hint = match hint {
                Some(h) if h.contains("line") => h.to_owned(),
                Some(h) => format!("{h} One on each line."),
                None => "One on each line.".to_owned(),
            };
            textarea(id, &q.text, Some(&hint), value, errors)
        }
        InputKind::Choice { options } => {
            let options: Vec<(&str, &str)> = options
                .iter()
                .map(|c| (c.value, c.label.as_str()))
                .collect();
            radios(id, &q.text, hint, &options, value, errors)
        }
    }
}

/// The letter to read before it is sent, block by block.
fn letter_markup(doc: &Document) -> Markup {
    html! {
        div class="letter-preview" id="letter" {
            p class="letter-preview__title" { strong { (doc.title) } }
            @for block in &doc.blocks {
                @match block {
                    Block::Heading { text, .. } => p { strong { (text) } },
                    Block::Fields { fields } => p {
                        @for (n, (key, value)) in fields.iter().enumerate() {
                            @if n > 0 { br; }
                            (key) ": " (value)
                        }
                    },
                    Block::Paragraph { number, text } => p { @if let Some(n) = number { (n) ". " } (text) },
                    Block::List { items } => ul class="list" { @for item in items { li { (item) } } },
                    Block::Lines { lines } => p {
                        @for (n, line) in lines.iter().enumerate() {
                            @if n > 0 { br; }
                            (line)
                        }
                    },
                }
            }
        }
    }
}

/// GET: the letter's task list, and the letter itself once it is complete.
pub async fn overview(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, kind)): Path<(String, String)>,
) -> Response {
    let (view, kind, letter) = match load(&state, &who, &id, &kind).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(letter) = letter else {
        return Redirect::to(&format!("{}/event", base(view.summary.id, kind))).into_response();
    };
    let warnings =
        super::round_robin_warnings::planned(&state, &who, view.summary.id, &letter.event).await;
    let checked = Checked {
        warnings: &warnings,
        reason: "",
    };
    overview_page(&state, &who, &view, &letter, checked, &[], StatusCode::OK)
}

/// The consistency warnings on the letter's event, and the reason typed.
#[derive(Clone, Copy)]
struct Checked<'a> {
    warnings: &'a [ConsistencyWarning],
    reason: &'a str,
}

const UNCHECKED: Checked<'static> = Checked {
    warnings: &[],
    reason: "",
};

fn overview_page(
    state: &AppState,
    who: &WebUser,
    view: &CaseView,
    letter: &Letter,
    checked: Checked,
    errors: &[Problem],
    status: StatusCode,
) -> Response {
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let root = base(view.summary.id, letter.event_type);
    let document = letter.document(state.service.engine());
    let title = heading(view, letter);
    let noun = noun(letter);
    let date = foidesk_engine::api::Date::parse(&letter.event.date)
        .map_or_else(|_| letter.event.date.clone(), |d| d.long_form());
    let body = html! {
        span class="caption" { "Case " (view.summary.reference) }
        h1 { (title) }
        h2 { "1. What it records" }
        dl class="summary-list" id="event" {
            div class="summary-list__row" {
                dt class="summary-list__key" { (letter.event_type.label()) }
                dd class="summary-list__value" { "Dated " (date) }
                dd class="summary-list__actions" { a href={ (root) "/event" } { "Change" span class="visually-hidden" { " what it records" } } }
            }
            @for (key, value) in event_lines(&letter.event) {
                div class="summary-list__row" {
                    dt class="summary-list__key" { (key) }
                    dd class="summary-list__value" { (value) }
                }
            }
        }
        @if !letter.pages.is_empty() {
            h2 { "2. What the " (noun) " says" }
            ul class="task-list" id="tasks" {
                @for (n, page) in letter.pages.iter().enumerate() {
                    li class="task-list__item" {
                        a class="task-list__link" href={ (root) "/questions/" (n) } { (page.title) }
                        @if page_done(letter, page) {
                            strong class="tag tag--green task-list__status" { "Completed" }
                        } @else {
                            strong class="tag tag--grey task-list__status" { "Not yet answered" }
                        }
                    }
                }
            }
        }
        h2 { @if letter.pages.is_empty() { "2." } @else { "3." } " The " (noun) }
        @match &document {
            Ok(doc) => {
                (letter_markup(doc))
                form method="post" action={ (root) "/send" } novalidate {
                    (csrf_field(&who.csrf))
                    input type="hidden" name="version" value=(view.summary.version);
                    (super::round_robin_warnings::section(checked.warnings, checked.reason, errors))
                    @if letter.event_type == EventType::DecisionNotice {
                        p { "Issuing records “" (letter.event_type.label()) "” on the case, with this notice filed as a PDF that both parties can see. Then serve it on the complainant and the authority by your usual email or post." }
                        button class="button" type="submit" { "Issue the notice" }
                    } @else {
                        p { "Sending records “" (letter.event_type.label()) "” on the case, with this letter filed as a PDF. Then send the PDF to the requester by your usual email or post." }
                        button class="button" type="submit" { "Send the letter" }
                    }
                }
            }
            Err(missing) => {
                div class="inset-text" id="letter-missing" {
                    p { "Answer these before the " (noun) " can be sent:" }
                    ul { @for m in missing { li { (m) } } }
                }
            }
        }
        p { a href={ "/cases/" (view.summary.id) } { "Back to the case" } " (your answers are kept)" }
    };
    respond(status, layout(&title, Some(&viewer), errors, body))
}

/// GET: one page of questions.
pub async fn questions(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, kind, n)): Path<(String, String, usize)>,
) -> Response {
    let (view, kind, letter) = match load(&state, &who, &id, &kind).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(letter) = letter else {
        return Redirect::to(&format!("{}/event", base(view.summary.id, kind))).into_response();
    };
    let typed: Fields = letter
        .answers
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    question_page(&who, &view, &letter, n, &typed, &[], StatusCode::OK)
}

fn question_page(
    who: &WebUser,
    view: &CaseView,
    letter: &Letter,
    n: usize,
    typed: &Fields,
    errors: &[Problem],
    status: StatusCode,
) -> Response {
    let Some(page) = letter.pages.get(n) else {
        return Redirect::to(&base(view.summary.id, letter.event_type)).into_response();
    };
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let value = |id: &str| {
        typed
            .iter()
            .find(|(k, _)| k == id)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let body = html! {
        span class="caption" { (heading(view, letter)) }
        h1 { (page.title) }
        p class="body-s" { "Page " (n + 1) " of " (letter.pages.len()) ". Your answers are kept as you go." }
        form method="post" action={ (base(view.summary.id, letter.event_type)) "/questions/" (n) } novalidate {
            (csrf_field(&who.csrf))
            @for q in &page.questions {
                (question_input(q, value(q.id.as_str()), errors))
            }
            button class="button" type="submit" { "Save and continue" }
            a class="button button--secondary" href=(base(view.summary.id, letter.event_type)) { "Back to the " (noun(letter)) }
        }
    };
    respond(status, layout(&page.title, Some(&viewer), errors, body))
}

/// POST: keep a page's answers; the next page, or the letter when done.
pub async fn answer(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, kind, n)): Path<(String, String, usize)>,
    PageForm(f): PageForm<Fields>,
) -> Response {
    if !tokens_match(
        f.iter().find(|(k, _)| k == "csrf").map_or("", |(_, v)| v),
        &who.csrf,
    ) {
        return csrf_refused(&who);
    }
    let (view, kind, letter) = match load(&state, &who, &id, &kind).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(letter) = letter else {
        return Redirect::to(&format!("{}/event", base(view.summary.id, kind))).into_response();
    };
    let Some(page) = letter.pages.get(n) else {
        return Redirect::to(&base(view.summary.id, kind)).into_response();
    };
    let mut answers = BTreeMap::new();
    let mut errors = Vec::new();
    for q in &page.questions {
        let value = f
            .iter()
            .find(|(k, _)| k == q.id.as_str())
            .map_or("", |(_, v)| v.as_str());
        if q.required && value.trim().is_empty() {
            errors.push(problem(q.id.as_str(), format!("Answer: {}", q.text)));
        }
        answers.insert(q.id.as_str().to_owned(), value.to_owned());
    }
    let (letter, problems) = match state
        .service
        .as_user(&who.user)
        .answer_letter(view.summary.id, kind, answers)
        .await
    {
        Ok(v) => v,
        Err(e @ EngineError::Invalid { .. }) => {
            let p = problem(
                page.questions.first().map_or("letter", |q| q.id.as_str()),
                e.to_string(),
            );
            return question_page(
                &who,
                &view,
                &letter,
                n,
                &f,
                &[p],
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
        Err(e) => return internal(&e).into_response(),
    };
    let on_page = |id: &str| page.questions.iter().any(|q| q.id.as_str() == id);
    errors.extend(
        problems
            .into_iter()
            .filter(|(id, _)| on_page(id))
            .map(|(id, m)| problem(id, m)),
    );
    if !errors.is_empty() {
        return question_page(
            &who,
            &view,
            &letter,
            n,
            &f,
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let root = base(view.summary.id, kind);
    // This page again if its answers raised more questions (a decision's
    // conclusion on a provision brings the public interest), else the next.
    let next = (n..letter.pages.len()).find(|m| !page_done(&letter, &letter.pages[*m]));
    match next {
        Some(m) => Redirect::to(&format!("{root}/questions/{m}")).into_response(),
        None => Redirect::to(&root).into_response(),
    }
}

/// POST: send the letter: its event is recorded with the PDF attached.
pub async fn send(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, kind)): Path<(String, String)>,
    PageForm(f): PageForm<Fields>,
) -> Response {
    let value = |name: &str| {
        f.iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    if !tokens_match(value("csrf"), &who.csrf) {
        return csrf_refused(&who);
    }
    let (view, kind, letter) = match load(&state, &who, &id, &kind).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(letter) = letter else {
        return Redirect::to(&format!("{}/event", base(view.summary.id, kind))).into_response();
    };
    let Ok(expected) = value("version").parse::<i64>() else {
        let p = problem(
            "letter",
            "The form is missing the case version; reload the page",
        );
        return overview_page(
            &state,
            &who,
            &view,
            &letter,
            UNCHECKED,
            &[p],
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    let id = view.summary.id;
    let reason = value(REASON).trim();
    match state
        .service
        .as_user(&who.user)
        .send_letter_with_reason(id, kind, expected, Some(reason).filter(|r| !r.is_empty()))
        .await
    {
        Ok(_) => Redirect::to(&format!("/cases/{id}?saved={}", kind.as_str())).into_response(),
        // Nothing was sent: the letter again, with the warnings and the
        // reason asked for.
        Err(EngineError::ReasonNeeded(warnings)) => {
            let checked = Checked {
                warnings: &warnings,
                reason,
            };
            overview_page(
                &state,
                &who,
                &view,
                &letter,
                checked,
                &[reason_missing()],
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(EngineError::Conflict { .. }) => {
            let p = problem("letter", "Someone else recorded an event on this case while you wrote the letter. Check the letter again, then send it.");
            overview_page(
                &state,
                &who,
                &view,
                &letter,
                UNCHECKED,
                &[p],
                StatusCode::CONFLICT,
            )
        }
        Err(
            e @ (EngineError::Invalid { .. }
            | EngineError::Case(_)
            | EngineError::Assess(_)
            | EngineError::Calendar(_)),
        ) => {
            let message = match e {
                // The message alone: the field's name is not for people.
                EngineError::Invalid { message, .. } => upper_first(&message),
                other => other.to_string(),
            };
            let p = problem("letter", message);
            overview_page(
                &state,
                &who,
                &view,
                &letter,
                UNCHECKED,
                &[p],
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(EngineError::Forbidden { message }) => message_page(
            &who,
            StatusCode::FORBIDDEN,
            "You cannot send this letter",
            &message,
        ),
        Err(e) => internal(&e).into_response(),
    }
}
