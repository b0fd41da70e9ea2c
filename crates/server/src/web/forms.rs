//! A form for each kind of event. A bad form comes back with a GOV.UK-style
//! error summary and each field's message, and nothing is written; a good
//! one is appended at the version the form was opened on.

use super::PageForm;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::api::{
    default_steps_days, AppealResult, CaseError, Catalogue, ConsistencyWarning, DeclineGround,
    EventField, EventFile, EventType, NoticeOutcome, Outcome, OutcomeFile, ReviewResult,
};
use foidesk_engine::{CaseView, EngineError};
use maud::{html, Markup};

use super::case_page::visible;
use super::page::{
    csrf_field, date_from_fields, date_input, layout, problem, radios, text_input, textarea,
    Problem, Viewer,
};
use super::round_robin_warnings::{reason_missing, REASON};
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
    let chosen =
        |options: &[(&str, &str)]| radios(id, label, None, options, self::field(f, id), errors);
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
        EventField::Estimate => date_input(
            id,
            label,
            Some("Leave empty if no date was promised. For example, 27 3 2026"),
            date_fields(f, id),
            errors,
        ),
        EventField::Provisions => provision_input(
            id,
            label,
            "Pick from the list or type a section, like s.31 or section 43(2). Separate several with commas.",
            self::field(f, id),
            errors,
        ),
        EventField::Outcomes => {
            let outcomes = Outcome::ALL.map(|o| (o.as_str(), o.label()));
            let parts: Vec<(String, String)> = if view.case.request.parts.is_empty() {
                vec![("all".to_owned(), "The whole request".to_owned())]
            } else {
                view.case
                    .request
                    .parts
                    .iter()
                    .map(|p| (p.id.clone(), format!("Part {}: {}", p.id, p.text)))
                    .collect()
            };
            html! {
                @for (part, legend) in &parts {
                    fieldset class="fieldset fieldset--part" {
                        legend class="fieldset__legend fieldset__legend--m" { (legend) }
                        (radios(&format!("outcome-{part}"), label, None, &outcomes, self::field(f, &format!("outcome-{part}")), errors))
                        (provision_input(&format!("provisions-{part}"), "Exemptions or exceptions relied on", "Only for withheld, part disclosed or neither confirm nor deny. Pick from the list or type one, like s.31(3) or section 40(2).", self::field(f, &format!("provisions-{part}")), errors))
                    }
                }
            }
        }
        EventField::PublicInterestReasons => yes_no(),
        EventField::StatesReviewProcedure => yes_no(),
        EventField::StatesComplaintRight => yes_no(),
        EventField::Result => chosen(&ReviewResult::ALL.map(|r| (r.as_str(), r.label()))),
        EventField::Reference => text("For example, IC-123456-A1B2", "text"),
        EventField::Outcome => chosen(&NoticeOutcome::ALL.map(|o| (o.as_str(), o.choice_words()))),
        EventField::Breaches => text("For example: s.10(1), s.17(1)", "text"),
        EventField::Steps => textarea(
            id,
            label,
            Some("One step per line; leave empty if none."),
            self::field(f, id),
            errors,
        ),
        EventField::StepsDays => {
            // The law's period as it stood at the case's latest event.
            let on = view.case.events.last().map_or(view.case.request.received, |e| e.date);
            let usual = default_steps_days(Catalogue::standard(), on);
            let hint = usual.map_or_else(
                || "Leave empty for the usual period".to_owned(),
                |n| format!("Leave empty for the usual {n} calendar days, which end after the time to appeal"),
            );
            text(&hint, "text")
        }
        EventField::By => chosen(&[
            ("complainant", "The complainant"),
            ("authority", "The authority"),
        ]),
        EventField::TribunalReference => text("For example, EA/2026/0123", "text"),
        EventField::AppealResult => chosen(&AppealResult::ALL.map(|r| (r.as_str(), r.label()))),
        EventField::DuplicateOf => text("The reference of the earlier request, for example FOI-2026-0123", "text"),
        EventField::TransferredTo => text("The name of the authority that holds the information", "text"),
        EventField::Message => textarea(
            id,
            label,
            Some("What the requester wrote, if anything: whoever can see this event sees it."),
            self::field(f, id),
            errors,
        ),
        EventField::Ground => chosen(&DeclineGround::ALL.map(|g| (g.as_str(), g.label()))),
        EventField::ReplyBy => date_input(
            id,
            label,
            Some("For example, 27 3 2026"),
            date_fields(f, id),
            errors,
        ),
        EventField::Parts => text(
            "Part numbers separated by commas, like 1, 3; leave empty for the whole request.",
            "text",
        ),
        // A correction has its own form (`correct_form`).
        EventField::Corrects | EventField::Reason | EventField::Corrected => html! {},
    }
}

/// A text input that offers the catalogue's provisions as the user types
/// (a `<datalist>`: it works without JavaScript as a plain text box).
fn provision_input(id: &str, label: &str, hint: &str, value: &str, errors: &[Problem]) -> Markup {
    let error = errors
        .iter()
        .find(|e| e.field == id)
        .map(|e| e.message.as_str());
    let described = if error.is_some() {
        format!("{id}-hint {id}-error")
    } else {
        format!("{id}-hint")
    };
    html! {
        div class={ "form-group" @if error.is_some() { " form-group--error" } } {
            label class="label" for=(id) { (label) }
            div class="hint" id={ (id) "-hint" } { (hint) }
            @if let Some(e) = error {
                p class="error-message" id={ (id) "-error" } { span class="visually-hidden" { "Error: " } (e) }
            }
            input class={ "input" @if error.is_some() { " input--error" } } id=(id) name=(id) type="text"
                list="catalogue" value=(value) autocomplete="off" aria-describedby=(described);
        }
    }
}

/// The catalogue's exemptions (or exceptions) for the case's regime, in
/// force on the day the request was received: the provision fields' list.
fn catalogue_list(state: &AppState, view: &CaseView) -> Markup {
    let law = state.service.engine().law();
    let regime = view.case.request.regime;
    let received = view.case.request.received;
    let mut options: Vec<(String, String)> = Vec::new();
    for p in law.provisions() {
        if p.id.regime() != regime || !law.is_exemption(&p.id) || !law.in_force_on(&p.id, received)
        {
            continue;
        }
        options.push((p.id.to_string(), p.title.clone()));
        for part in &p.parts {
            if law.in_force_on(&part.id, received) {
                options.push((part.id.to_string(), part.title.clone()));
            }
        }
    }
    html! {
        datalist id="catalogue" {
            @for (id, title) in &options { option value=(id) { (id) " " (title) } }
        }
    }
}

/// One provision as typed, resolved through the citation parser to a
/// catalogue provision of the case's regime in force when the request was
/// received: its canonical id ("section 31" → "s.31"), or why not.
fn resolve(state: &AppState, view: &CaseView, text: &str) -> Result<String, String> {
    let engine = state.service.engine();
    let unknown = || {
        format!("\"{text}\" is not a provision foidesk knows: pick one from the list, like s.31(3)")
    };
    let (id, _) = engine.provision(text).map_err(|_| unknown())?;
    let request = &view.case.request;
    if id.regime() != request.regime {
        return Err(format!(
            "\"{text}\" is not part of the {} that this request is under",
            if request.regime.to_string() == "EIR" {
                "Environmental Information Regulations"
            } else {
                "Freedom of Information Act"
            }
        ));
    }
    if !engine.law().in_force_on(&id, request.received) {
        return Err(format!(
            "\"{text}\" was not in force on {}, when the request was received",
            request.received.long_form()
        ));
    }
    Ok(id.to_string())
}

/// Every provision typed in a field, resolved; the problem names the field.
fn resolve_all(
    state: &AppState,
    view: &CaseView,
    id: &str,
    text: &str,
) -> Result<Vec<String>, Problem> {
    list(text)
        .iter()
        .map(|t| resolve(state, view, t).map_err(|m| problem(id, m)))
        .collect()
}

/// The day, month and year typed in date input `id`.
fn date_fields<'a>(f: &'a Fields, id: &str) -> (&'a str, &'a str, &'a str) {
    (
        field(f, &format!("{id}-day")),
        field(f, &format!("{id}-month")),
        field(f, &format!("{id}-year")),
    )
}

fn build_event(
    state: &AppState,
    kind: EventType,
    view: &CaseView,
    f: &Fields,
) -> Result<EventFile, Vec<Problem>> {
    let mut problems = Vec::new();
    let latest = state.service.engine().latest_event_date();
    let date = match date_from_fields("The date", date_fields(f, "date")) {
        Ok(Some(date)) if date > latest => {
            problems.push(problem("date", "The date must be today or in the past"));
            date.to_string()
        }
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
        if let Err(p) = build_field(state, *field, &mut event, view, f) {
            problems.extend(p);
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
    state: &AppState,
    field: EventField,
    event: &mut EventFile,
    view: &CaseView,
    f: &Fields,
) -> Result<(), Vec<Problem>> {
    let id = input_id(field);
    let one = |id: &str, message: &str| vec![problem(id, message)];
    match field {
        EventField::Assignee => event.assignee = Some(self::field(f, id).trim().to_owned()),
        EventField::AmountPence => match parse_pounds(self::field(f, id)) {
            Some(p) => event.amount_pence = Some(p),
            None => return Err(one(id, "Enter the fee in pounds, like 25.50")),
        },
        EventField::Estimate => match date_from_fields("The promised date", date_fields(f, id)) {
            Ok(d) => event.estimate = d.map(|d| d.to_string()),
            Err(message) => return Err(one(id, &message)),
        },
        EventField::Provisions => {
            event.provisions =
                resolve_all(state, view, id, self::field(f, id)).map_err(|p| vec![p])?
        }
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
            let mut problems = Vec::new();
            for part in ids {
                let outcome = self::field(f, &format!("outcome-{part}")).to_owned();
                if outcome.is_empty() {
                    let what = if part == "all" {
                        "the request".to_owned()
                    } else {
                        format!("part {part}")
                    };
                    problems.push(problem(
                        format!("outcome-{part}"),
                        format!("Choose what the response said about {what}"),
                    ));
                }
                let at = format!("provisions-{part}");
                let provisions = match resolve_all(state, view, &at, self::field(f, &at)) {
                    Ok(p) => p,
                    Err(p) => {
                        problems.push(p);
                        Vec::new()
                    }
                };
                event.outcomes.push(OutcomeFile {
                    outcome,
                    provisions,
                    part,
                });
            }
            if !problems.is_empty() {
                return Err(problems);
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
                return Err(one(
                    id,
                    "Enter the number of days as a whole number, like 35",
                ))
            }
        },
        EventField::By => event.by = optional(f, id),
        EventField::TribunalReference => event.tribunal_reference = optional(f, id),
        EventField::AppealResult => event.appeal_result = optional(f, id),
        EventField::DuplicateOf => event.duplicate_of = optional(f, id),
        EventField::TransferredTo => event.transferred_to = optional(f, id),
        EventField::Message => event.message = optional(f, id),
        EventField::Ground => event.ground = optional(f, id),
        EventField::ReplyBy => match date_from_fields("The reply date", date_fields(f, id)) {
            Ok(Some(d)) => event.reply_by = Some(d.to_string()),
            Ok(None) => return Err(one(id, "Enter the date the authority must reply by")),
            Err(message) => return Err(one(id, &message)),
        },
        EventField::Parts => event.parts = list(self::field(f, id)),
        EventField::Corrects | EventField::Reason | EventField::Corrected => {}
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
    // A correction's new data is the form's own fields.
    let tail = tail.strip_prefix("corrected.").unwrap_or(tail);
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

/// What a form records: an event of a kind, or a correction of event
/// `number` (whose kind is `kind`).
#[derive(Clone, Copy)]
enum Target {
    Record(EventType),
    Correct {
        number: usize,
        kind: EventType,
    },
    /// The event a letter will record, before its questions (web/letters.rs).
    Letter(EventType),
}

impl Target {
    fn kind(self) -> EventType {
        match self {
            Target::Record(kind) | Target::Correct { kind, .. } | Target::Letter(kind) => kind,
        }
    }

    fn action(self, case: i64) -> String {
        match self {
            Target::Record(kind) => format!("/cases/{case}/record/{}", kind.as_str()),
            Target::Correct { number, .. } => format!("/cases/{case}/correct/{number}"),
            Target::Letter(kind) => format!("/cases/{case}/letters/{}/event", kind.as_str()),
        }
    }

    fn title(self) -> String {
        match self {
            Target::Record(kind) => kind.label().to_owned(),
            Target::Correct { number, kind } => format!("Correct event {number}: {}", kind.label()),
            Target::Letter(kind) => super::letters::action_label(kind).to_owned(),
        }
    }

    /// Whether the answers are shown to check before they are recorded:
    /// the response, the extension naming exemptions, and every correction.
    fn checks_answers(self) -> bool {
        match self {
            Target::Record(kind) => matches!(kind, EventType::Response | EventType::PitExtension),
            Target::Correct { .. } => true,
            // The letter's own page shows everything before it is sent.
            Target::Letter(_) => false,
        }
    }
}

const WHAT: [(&str, &str); 2] = [
    ("change", "Some of its details are wrong"),
    ("remove", "It was recorded in error: strike it out"),
];

fn render(
    state: &AppState,
    status: StatusCode,
    who: &WebUser,
    view: &CaseView,
    target: Target,
    f: &Fields,
    errors: &[Problem],
) -> Response {
    render_with(state, status, who, view, target, f, errors, html! {})
}

/// `render`, with a panel after the form (the precedents, on a response's form).
#[allow(clippy::too_many_arguments)]
fn render_with(
    state: &AppState,
    status: StatusCode,
    who: &WebUser,
    view: &CaseView,
    target: Target,
    f: &Fields,
    errors: &[Problem],
    panel: maud::Markup,
) -> Response {
    let kind = target.kind();
    let title = target.title();
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let version = optional(f, "version").unwrap_or_else(|| view.summary.version.to_string());
    let names_provisions = kind
        .fields()
        .iter()
        .any(|f| matches!(f, EventField::Outcomes | EventField::Provisions));
    let body = html! {
        span class="caption" { "Case " (view.summary.reference) }
        h1 { (title) }
        form method="post" action=(target.action(view.summary.id)) novalidate {
            (csrf_field(&who.csrf))
            input type="hidden" name="version" value=(version);
            @if let Target::Correct { .. } = target {
                (radios("what", "What is wrong with it?", None, &WHAT, field(f, "what"), errors))
                (textarea("reason", "Why is it being corrected?", Some("Required. This is kept with the case, beside the original."), field(f, "reason"), errors))
                h2 { "The event as it should have been" }
                p class="body-s" { "Ignored if it is struck out." }
            }
            (date_input("date", "When did it happen?", Some("For example, 27 3 2026"), date_fields(f, "date"), errors))
            (kind_fields(kind, view, f, errors))
            @if names_provisions { (catalogue_list(state, view)) }
            (textarea("note", "Note", Some("Optional."), field(f, "note"), errors))
            @if target.checks_answers() {
                button class="button" type="submit" name="action" value="check" { "Continue" }
            } @else if let Target::Letter(_) = target {
                button class="button" type="submit" name="action" value="letter" {
                    @if kind == EventType::DecisionNotice { "Continue to the notice" } @else { "Continue to the letter" }
                }
            } @else {
                button class="button" type="submit" name="action" value="record" { "Record" }
            }
            a class="button button--secondary" href={ "/cases/" (view.summary.id) } { "Cancel" }
        }
        (panel)
    };
    respond(status, layout(&title, Some(&viewer), errors, body))
}

/// GOV.UK "check your answers": what will be recorded, in words, with a
/// way back to change it; the answers travel in hidden fields.
/// With `warnings`, the reason for departing from a consistent answer is
/// asked for beside the answers (its problem in `errors`).
#[allow(clippy::too_many_arguments)]
fn check_page(
    who: &WebUser,
    view: &CaseView,
    target: Target,
    event: &EventFile,
    f: &Fields,
    warnings: &[ConsistencyWarning],
    errors: &[Problem],
    status: StatusCode,
) -> Response {
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let title = "Check your answers before recording";
    let shown: &EventFile = event.corrected.as_deref().unwrap_or(event);
    let mut rows: Vec<(String, String)> = Vec::new();
    if let Target::Correct { number, kind } = target {
        rows.push((
            "Event corrected".into(),
            format!("Event {number}: {}", kind.label()),
        ));
        rows.push(("Reason".into(), event.reason.clone().unwrap_or_default()));
        if event.corrected.is_none() {
            rows.push((
                "Correction".into(),
                "Struck out: it was recorded in error".into(),
            ));
        }
    } else {
        rows.push(("Event".into(), target.kind().label().to_owned()));
    }
    if !(matches!(target, Target::Correct { .. }) && event.corrected.is_none()) {
        let date = foidesk_engine::api::Date::parse(&shown.date)
            .map_or_else(|_| shown.date.clone(), |d| d.long_form());
        rows.push(("Date".into(), date));
        rows.extend(super::case_page::event_lines(shown));
    }
    let body = html! {
        span class="caption" { "Case " (view.summary.reference) }
        h1 { (title) }
        form method="post" action=(target.action(view.summary.id)) novalidate {
            (csrf_field(&who.csrf))
            @for (k, v) in f.iter().filter(|(k, _)| k != "csrf" && k != "action" && k != REASON) {
                input type="hidden" name=(k) value=(v);
            }
            dl class="summary-list" id="answers" {
                @for (key, value) in &rows {
                    div class="summary-list__row" {
                        dt class="summary-list__key" { (key) }
                        dd class="summary-list__value" { (value) }
                        dd class="summary-list__actions" {
                            button class="link-button" type="submit" name="action" value="change" { "Change" span class="visually-hidden" { " " (key.to_lowercase()) } }
                        }
                    }
                }
            }
            (super::round_robin_warnings::section(warnings, field(f, REASON), errors))
            h2 { "Now record it" }
            p { "The case's deadlines and findings will be worked out again from it." }
            button class="button" type="submit" name="action" value="record" { "Record" }
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
    let Some(kind) = EventType::from_name(kind).filter(|k| *k != EventType::Correction) else {
        return Err(message_page(
            who,
            StatusCode::NOT_FOUND,
            "No such form",
            "There is no form for that kind of event.",
        ));
    };
    if !may_record(who, &view, kind) {
        return Err(cannot_record(who));
    }
    Ok((view, kind))
}

/// Whether this user may record events of `kind` on this case.
fn may_record(who: &WebUser, view: &CaseView, kind: EventType) -> bool {
    who.user.access_to(&view.summary) == foidesk_engine::Access::Write && who.user.may_record(kind)
}

fn cannot_record(who: &WebUser) -> Response {
    message_page(
        who,
        StatusCode::FORBIDDEN,
        "You cannot record this",
        "Your role does not record this kind of event on this case.",
    )
}

fn today_fields(state: &AppState) -> Fields {
    let today = state.service.engine().today();
    vec![
        ("date-day".to_owned(), today.day().to_string()),
        ("date-month".to_owned(), today.month().to_string()),
        ("date-year".to_owned(), today.year().to_string()),
    ]
}

pub async fn form(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, kind)): Path<(String, String)>,
) -> Response {
    match checked(&state, &who, &id, &kind).await {
        Ok((view, kind)) => {
            let typed = today_fields(&state);
            let panel = super::precedent::for_event(&state, &who, &view, kind).await;
            render_with(
                &state,
                StatusCode::OK,
                &who,
                &view,
                Target::Record(kind),
                &typed,
                &[],
                panel,
            )
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
    posted(&state, &who, &id, &kind, &f, Target::Record).await
}

/// A posted event form: its token and the user's right to record the kind
/// checked, then on to `target`.
async fn posted(
    state: &AppState,
    who: &WebUser,
    id: &str,
    kind: &str,
    f: &Fields,
    target: fn(EventType) -> Target,
) -> Response {
    if !tokens_match(field(f, "csrf"), &who.csrf) {
        return csrf_refused(who);
    }
    let (view, kind) = match checked(state, who, id, kind).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    proceed(state, who, &view, target(kind), f).await
}

/// The event a correction form describes, or the problems with it.
fn build_correction(
    state: &AppState,
    view: &CaseView,
    number: usize,
    kind: EventType,
    f: &Fields,
) -> Result<EventFile, Vec<Problem>> {
    let mut problems = Vec::new();
    let reason = optional(f, "reason");
    if reason.is_none() {
        problems.push(problem("reason", "Enter why the event is being corrected"));
    }
    let corrected = match field(f, "what") {
        "remove" => None,
        "change" => match build_event(state, kind, view, f) {
            Ok(e) => Some(Box::new(e)),
            Err(p) => {
                problems.extend(p);
                None
            }
        },
        _ => {
            problems.push(problem("what", "Choose what is wrong with the event"));
            None
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(EventFile {
        kind: EventType::Correction.as_str().to_owned(),
        date: state.service.engine().today().to_string(),
        corrects: Some(number),
        reason,
        corrected,
        ..EventFile::default()
    })
}

/// The form for the event a letter records: the same as recording it,
/// filled with the draft's event if there is one, else dated today.
pub async fn letter_form(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, kind)): Path<(String, String)>,
) -> Response {
    let (view, kind) = match checked(&state, &who, &id, &kind).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let drafted = state
        .service
        .as_user(&who.user)
        .letter(view.summary.id, kind)
        .await
        .ok()
        .and_then(|(_, letter)| letter)
        .map(|(letter, _)| fields_of(&letter.event));
    let typed = drafted.unwrap_or_else(|| today_fields(&state));
    let panel = super::precedent::for_event(&state, &who, &view, kind).await;
    render_with(
        &state,
        StatusCode::OK,
        &who,
        &view,
        Target::Letter(kind),
        &typed,
        &[],
        panel,
    )
}

pub async fn letter_submit(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, kind)): Path<(String, String)>,
    PageForm(f): PageForm<Fields>,
) -> Response {
    posted(&state, &who, &id, &kind, &f, Target::Letter).await
}

/// The problem an engine refusal of an event is, on the form's field.
pub(super) fn event_problem(err: &EngineError, view: &CaseView) -> Problem {
    field_of(err, view)
}

/// After a post: back to the form to change it, on to the check page, or
/// record it.
async fn proceed(
    state: &AppState,
    who: &WebUser,
    view: &CaseView,
    target: Target,
    f: &Fields,
) -> Response {
    let again = |status, errors: &[Problem]| render(state, status, who, view, target, f, errors);
    let action = field(f, "action");
    if action == "change" {
        return again(StatusCode::OK, &[]);
    }
    let Ok(expected) = field(f, "version").parse::<i64>() else {
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            &[problem(
                "date",
                "The form is missing the case version; reload it",
            )],
        );
    };
    let built = match target {
        Target::Record(kind) | Target::Letter(kind) => build_event(state, kind, view, f),
        Target::Correct { number, kind } => build_correction(state, view, number, kind, f),
    };
    let event = match built {
        Ok(e) => e,
        Err(problems) => return again(StatusCode::UNPROCESSABLE_ENTITY, &problems),
    };
    if action == "check" && target.checks_answers() {
        let warnings =
            super::round_robin_warnings::planned(state, who, view.summary.id, &event).await;
        return check_page(who, view, target, &event, f, &warnings, &[], StatusCode::OK);
    }
    if let Target::Letter(_) = target {
        return super::letters::started(state, who, view, event, f, |errors| {
            render(
                state,
                StatusCode::UNPROCESSABLE_ENTITY,
                who,
                view,
                target,
                f,
                errors,
            )
        })
        .await;
    }
    let saved = event.kind.clone();
    let id = view.summary.id;
    let reason = optional(f, REASON);
    match state
        .service
        .as_user(&who.user)
        .append_event_with_reason(id, expected, event.clone(), reason.as_deref())
        .await
    {
        Ok(_) => Redirect::to(&format!("/cases/{id}?saved={saved}")).into_response(),
        // Nothing was written: the answers again, with the warnings and the
        // reason asked for.
        Err(EngineError::ReasonNeeded(warnings)) => check_page(
            who,
            view,
            target,
            &event,
            f,
            &warnings,
            &[reason_missing()],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(EngineError::Conflict { .. }) => {
            let p = problem("date", "Someone else recorded an event on this case after you opened this form. Check the case page, then record this again if it is still needed.");
            again(StatusCode::CONFLICT, &[p])
        }
        Err(
            e @ (EngineError::Case(_)
            | EngineError::Invalid { .. }
            | EngineError::TooManyEvents { .. }
            | EngineError::Assess(_)
            | EngineError::Calendar(_)),
        ) => {
            let p = field_of(&e, view);
            again(StatusCode::UNPROCESSABLE_ENTITY, &[p])
        }
        Err(EngineError::Forbidden { message }) => message_page(
            who,
            StatusCode::FORBIDDEN,
            "You cannot record this",
            &message,
        ),
        Err(e) => internal(&e).into_response(),
    }
}

/// The event `number` of a case that this user may correct, and its kind.
async fn correctable(
    state: &AppState,
    who: &WebUser,
    id: &str,
    number: &str,
) -> Result<(CaseView, usize, EventType), Response> {
    let view = visible(state, who, id).await?;
    let event = number
        .parse::<usize>()
        .ok()
        .filter(|n| *n >= 1)
        .and_then(|n| view.file.events.get(n - 1).map(|e| (n, e)))
        .and_then(|(n, e)| EventType::from_name(&e.kind).map(|k| (n, k)))
        .filter(|(_, k)| *k != EventType::Correction);
    let Some((number, kind)) = event else {
        return Err(message_page(
            who,
            StatusCode::NOT_FOUND,
            "No such event",
            "There is no event with that number on this case that can be corrected.",
        ));
    };
    if !may_record(who, &view, EventType::Correction) || !may_record(who, &view, kind) {
        return Err(cannot_record(who));
    }
    Ok((view, number, kind))
}

/// What a recorded event holds, as the form's fields: the correction form
/// opens filled with it.
fn fields_of(e: &EventFile) -> Fields {
    let mut f: Fields = Vec::new();
    let date = |f: &mut Fields, id: &str, text: &str| {
        if let Ok(d) = foidesk_engine::api::Date::parse(text) {
            f.push((format!("{id}-day"), d.day().to_string()));
            f.push((format!("{id}-month"), d.month().to_string()));
            f.push((format!("{id}-year"), d.year().to_string()));
        }
    };
    date(&mut f, "date", &e.date);
    if let Some(est) = &e.estimate {
        date(&mut f, "estimate", est);
    }
    if let Some(by) = &e.reply_by {
        date(&mut f, "reply_by", by);
    }
    let mut set = |k: &str, v: String| f.push((k.to_owned(), v));
    let yes_no = |b: bool| if b { "yes".to_owned() } else { "no".to_owned() };
    if let Some(n) = &e.note {
        set("note", n.clone());
    }
    if let Some(a) = &e.assignee {
        set("assignee", a.clone());
    }
    if let Some(p) = e.amount_pence {
        set("amount", format!("{}.{:02}", p / 100, p % 100));
    }
    set("provisions", e.provisions.join(", "));
    for o in &e.outcomes {
        set(&format!("outcome-{}", o.part), o.outcome.clone());
        set(&format!("provisions-{}", o.part), o.provisions.join(", "));
    }
    if let Some(b) = e.public_interest_reasons {
        set("public_interest_reasons", yes_no(b));
    }
    if let Some(b) = e.states_review_procedure {
        set("states_review_procedure", yes_no(b));
    }
    if let Some(b) = e.states_complaint_right {
        set("states_complaint_right", yes_no(b));
    }
    for (k, v) in [
        ("result", &e.result),
        ("reference", &e.reference),
        ("outcome", &e.outcome),
        ("by", &e.by),
        ("duplicate_of", &e.duplicate_of),
        ("transferred_to", &e.transferred_to),
        ("ground", &e.ground),
        ("message", &e.message),
    ] {
        if let Some(v) = v {
            set(k, v.clone());
        }
    }
    set("breaches", e.breaches.join(", "));
    set("parts", e.parts.join(", "));
    set("steps", e.steps.join("\n"));
    if let Some(d) = e.steps_days {
        set("steps_days", d.to_string());
    }
    set("what", "change".to_owned());
    f
}

pub async fn correct_form(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, number)): Path<(String, String)>,
) -> Response {
    match correctable(&state, &who, &id, &number).await {
        Ok((view, number, kind)) => {
            let typed = fields_of(&view.file.events[number - 1]);
            let target = Target::Correct { number, kind };
            render(&state, StatusCode::OK, &who, &view, target, &typed, &[])
        }
        Err(r) => r,
    }
}

pub async fn correct_submit(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, number)): Path<(String, String)>,
    PageForm(f): PageForm<Fields>,
) -> Response {
    if !tokens_match(field(&f, "csrf"), &who.csrf) {
        return csrf_refused(&who);
    }
    match correctable(&state, &who, &id, &number).await {
        Ok((view, number, kind)) => {
            proceed(&state, &who, &view, Target::Correct { number, kind }, &f).await
        }
        Err(r) => r,
    }
}
