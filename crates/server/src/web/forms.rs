//! A form for each kind of event. A bad form comes back with a GOV.UK-style
//! error summary and each field's message, and nothing is written; a good
//! one is appended at the version the form was opened on.

use super::PageForm;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::api::{
    CaseError, EventFile, NoticeOutcome, Outcome, OutcomeFile, ReviewResult,
};
use foidesk_engine::{CaseView, EngineError};
use maud::{html, Markup};

use super::case_page::visible;
use super::page::{csrf_field, layout, problem, select, text_input, textarea, Problem, Viewer};
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, respond};
use crate::error::internal;
use crate::paths::json_path;
use crate::AppState;

/// An event kind as the forms offer it.
pub struct Kind {
    pub kind: &'static str,
    pub title: &'static str,
}

pub const KINDS: [Kind; 14] = [
    Kind {
        kind: "assigned",
        title: "Assign the case",
    },
    Kind {
        kind: "clarification_sought",
        title: "Clarification sought (s.1(3))",
    },
    Kind {
        kind: "clarification_received",
        title: "Clarification received",
    },
    Kind {
        kind: "fee_notice",
        title: "Fees notice sent (s.9)",
    },
    Kind {
        kind: "fee_paid",
        title: "Fee paid",
    },
    Kind {
        kind: "pit_extension",
        title: "Extension for the public interest test (s.10(3))",
    },
    Kind {
        kind: "eir_extension",
        title: "EIR extension for complex requests (reg.7)",
    },
    Kind {
        kind: "response",
        title: "Response sent",
    },
    Kind {
        kind: "internal_review_requested",
        title: "Internal review requested",
    },
    Kind {
        kind: "internal_review",
        title: "Internal review outcome",
    },
    Kind {
        kind: "complaint",
        title: "Complaint to the Commissioner (s.50)",
    },
    Kind {
        kind: "decision_notice",
        title: "Decision notice issued",
    },
    Kind {
        kind: "compliance",
        title: "Steps complied with (s.54)",
    },
    Kind {
        kind: "appeal",
        title: "Appeal to the Tribunal (s.57)",
    },
];

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

const YES_NO: [(&str, &str); 3] = [("", "Not recorded"), ("yes", "Yes"), ("no", "No")];

fn names<'a>(names: &[&'a str]) -> Vec<(&'a str, String)> {
    names.iter().map(|n| (*n, n.replace('_', " "))).collect()
}

fn options<'a>(list: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    list.iter().map(|(v, t)| (*v, t.as_str())).collect()
}

/// The fields for one kind of event, filled with what was typed.
fn kind_fields(kind: &str, view: &CaseView, f: &Fields, errors: &[Problem]) -> Markup {
    let outcomes = names(&Outcome::NAMES);
    html! {
        @match kind {
            "assigned" => (text_input("assignee", "Assign to", Some("An email address or a name; leave empty to unassign."), field(f, "assignee"), "text", errors)),
            "fee_notice" => (text_input("amount", "Fee in pounds", Some("For example, 25.50"), field(f, "amount"), "text", errors)),
            "pit_extension" => {
                (text_input("estimate", "Date the decision is promised by (s.17(2))", Some("YYYY-MM-DD"), field(f, "estimate"), "date", errors))
                (text_input("provisions", "Qualified exemptions being weighed", Some("For example: s.31, s.43(2)"), field(f, "provisions"), "text", errors))
            }
            "response" => {
                @for p in &view.case.request.parts {
                    fieldset {
                        legend { "Part " (p.id) ": " (p.text) }
                        (select(&format!("outcome-{}", p.id), "Outcome", &options(&outcomes), field(f, &format!("outcome-{}", p.id)), errors))
                        (text_input(&format!("provisions-{}", p.id), "Exemptions or exceptions relied on", Some("For example: s.31(3), s.40(2)"), field(f, &format!("provisions-{}", p.id)), "text", errors))
                    }
                }
                @if view.case.request.parts.is_empty() {
                    (select("outcome-all", "Outcome", &options(&outcomes), field(f, "outcome-all"), errors))
                    (text_input("provisions-all", "Exemptions or exceptions relied on", None, field(f, "provisions-all"), "text", errors))
                }
                (select("public_interest_reasons", "Did a refusal give public interest reasons (s.17(3))?", &YES_NO, field(f, "public_interest_reasons"), errors))
                (select("states_review_procedure", "Did it give the internal review procedure (s.17(7)(a))?", &YES_NO, field(f, "states_review_procedure"), errors))
                (select("states_complaint_right", "Did it give the right to complain to the Commissioner (s.17(7)(b))?", &YES_NO, field(f, "states_complaint_right"), errors))
            }
            "internal_review" => (select("result", "Result", &options(&names(&ReviewResult::NAMES)), field(f, "result"), errors)),
            "decision_notice" => {
                (text_input("reference", "Notice reference", Some("For example, IC-123456-A1B2"), field(f, "reference"), "text", errors))
                (select("outcome", "Outcome", &options(&names(&NoticeOutcome::NAMES)), field(f, "outcome"), errors))
                (text_input("breaches", "Breaches found", Some("For example: s.10(1), s.17(1)"), field(f, "breaches"), "text", errors))
                (textarea("steps", "Steps ordered", Some("One step per line; leave empty if none."), field(f, "steps"), errors))
                (text_input("steps_days", "Calendar days for the steps", Some("Usually 35"), field(f, "steps_days"), "text", errors))
            }
            "appeal" => (select("by", "Appealed by", &[("complainant", "The complainant"), ("authority", "The authority")], field(f, "by"), errors)),
            _ => {}
        }
    }
}

fn build_event(kind: &str, view: &CaseView, f: &Fields) -> Result<EventFile, Vec<Problem>> {
    let mut event = EventFile {
        kind: kind.to_owned(),
        date: field(f, "date").trim().to_owned(),
        note: optional(f, "note"),
        ..EventFile::default()
    };
    let mut problems = Vec::new();
    match kind {
        "assigned" => event.assignee = Some(field(f, "assignee").trim().to_owned()),
        "fee_notice" => match parse_pounds(field(f, "amount")) {
            Some(p) => event.amount_pence = Some(p),
            None => problems.push(problem("amount", "Enter the fee in pounds, like 25.50")),
        },
        "pit_extension" => {
            event.estimate = optional(f, "estimate");
            event.provisions = list(field(f, "provisions"));
        }
        "response" => {
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
            for id in ids {
                event.outcomes.push(OutcomeFile {
                    outcome: field(f, &format!("outcome-{id}")).to_owned(),
                    provisions: list(field(f, &format!("provisions-{id}"))),
                    part: id,
                });
            }
            event.public_interest_reasons = yes_no(f, "public_interest_reasons");
            event.states_review_procedure = yes_no(f, "states_review_procedure");
            event.states_complaint_right = yes_no(f, "states_complaint_right");
        }
        "internal_review" => event.result = optional(f, "result"),
        "decision_notice" => {
            event.reference = optional(f, "reference");
            event.outcome = optional(f, "outcome");
            event.breaches = list(field(f, "breaches"));
            event.steps = field(f, "steps")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            match optional(f, "steps_days").map(|d| d.parse::<u32>()) {
                None => {}
                Some(Ok(d)) => event.steps_days = Some(d),
                Some(Err(_)) => problems.push(problem(
                    "steps_days",
                    "Enter the number of days as a whole number, like 35",
                )),
            }
        }
        "appeal" => event.by = optional(f, "by"),
        _ => {}
    }
    if problems.is_empty() {
        Ok(event)
    } else {
        Err(problems)
    }
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

fn kind_title(kind: &str) -> Option<&'static str> {
    KINDS.iter().find(|k| k.kind == kind).map(|k| k.title)
}

fn render(
    status: StatusCode,
    who: &WebUser,
    view: &CaseView,
    kind: &str,
    f: &Fields,
    errors: &[Problem],
) -> Response {
    let title = kind_title(kind).unwrap_or("Record an event");
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let version = optional(f, "version").unwrap_or_else(|| view.summary.version.to_string());
    let body = html! {
        span class="caption" { "Case " (view.summary.reference) }
        h1 { (title) }
        form method="post" action={ "/cases/" (view.summary.id) "/record/" (kind) } novalidate {
            (csrf_field(&who.csrf))
            input type="hidden" name="version" value=(version);
            (text_input("date", "Date", Some("YYYY-MM-DD, for example 2020-01-28"), field(f, "date"), "date", errors))
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
) -> Result<CaseView, Response> {
    let view = visible(state, who, id).await?;
    if kind_title(kind).is_none() {
        return Err(message_page(
            who,
            StatusCode::NOT_FOUND,
            "No such form",
            "There is no form for that kind of event.",
        ));
    }
    let writable = who.user.access_to(&view.summary) == foidesk_engine::Access::Write;
    if !writable || !who.user.may_record(kind) {
        return Err(message_page(
            who,
            StatusCode::FORBIDDEN,
            "You cannot record this",
            "Your role does not record this kind of event on this case.",
        ));
    }
    Ok(view)
}

pub async fn form(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, kind)): Path<(String, String)>,
) -> Response {
    match checked(&state, &who, &id, &kind).await {
        Ok(view) => render(StatusCode::OK, &who, &view, &kind, &Vec::new(), &[]),
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
    let view = match checked(&state, &who, &id, &kind).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Ok(expected) = field(&f, "version").parse::<i64>() else {
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &who,
            &view,
            &kind,
            &f,
            &[problem(
                "date",
                "The form is missing the case version; reload it",
            )],
        );
    };
    let event = match build_event(&kind, &view, &f) {
        Ok(e) => e,
        Err(problems) => {
            return render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &who,
                &view,
                &kind,
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
        Ok(_) => Redirect::to(&format!("/cases/{id}")).into_response(),
        Err(EngineError::Conflict { .. }) => {
            let p = problem("date", "Someone else recorded an event on this case after you opened this form. Check the case page, then record this again if it is still needed.");
            render(StatusCode::CONFLICT, &who, &view, &kind, &f, &[p])
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
                &kind,
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
