//! The Commissioner's decision on the case page, for everyone who sees the case: the
//! notice's reference and date, the outcome in the Commissioner's words (and, for the
//! requester, what it means for them), each step with its due date and whether it was
//! complied with (s.54), the notice's PDF, and the appeal (who, the Tribunal's reference,
//! its decision).

use foidesk_engine::api::{
    decision_steps, AppealResult, Date, EventKind, OrderedStep, ProvisionId, StepState,
};
use foidesk_engine::{Attachment, CaseView, Role, User};
use maud::{html, Markup};

use super::case_page::provision_words;
use super::page::summary_row;

/// "7 days", "1 day".
fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

/// Where a step stands, in words, and whether to flag it.
pub(super) fn state_words(step: &OrderedStep) -> (String, Option<&'static str>) {
    match step.state {
        StepState::CompliedWith { on } if on > step.due => (
            format!("complied with on {}, after the date", on.long_form()),
            Some("tag--yellow"),
        ),
        StepState::CompliedWith { on } => (
            format!("complied with on {}", on.long_form()),
            Some("tag--green"),
        ),
        StepState::Due { in_days: 0 } => ("due today".to_owned(), None),
        StepState::Due { in_days } => (format!("due in {}", days(in_days)), None),
        StepState::Overdue { by_days } => (
            format!("overdue by {}: no compliance recorded", days(by_days)),
            Some("tag--red"),
        ),
    }
}

/// What the Tribunal decided, as a sentence.
pub fn appeal_result_words(result: AppealResult) -> &'static str {
    match result {
        AppealResult::Allowed => "The Tribunal allowed the appeal",
        AppealResult::AllowedInPart => "The Tribunal allowed the appeal in part",
        AppealResult::Dismissed => "The Tribunal dismissed the appeal",
        AppealResult::Withdrawn => "The appeal was withdrawn",
        AppealResult::StruckOut => "The Tribunal struck out the appeal",
    }
}

fn by_words(by: Option<&str>) -> &str {
    match by {
        Some("complainant") => "the complainant",
        Some("authority") => "the authority",
        Some(other) => other,
        None => "a party",
    }
}

/// The decision section, or nothing while the case has no decision notice.
pub fn section(user: &User, view: &CaseView, files: &[Attachment], today: Date) -> Markup {
    let events = &view.case.events;
    let Some((event, notice)) = events.iter().find_map(|e| match &e.kind {
        EventKind::DecisionNotice(n) => Some((e, n)),
        _ => None,
    }) else {
        return html! {};
    };
    let steps = decision_steps(&view.case, &view.assessment, today);
    let pdfs: Vec<&Attachment> = files
        .iter()
        .filter(|f| f.event_version == i64::try_from(event.number).ok())
        .collect();
    let appeal = events.iter().find_map(|e| match &e.kind {
        EventKind::Appeal {
            by,
            tribunal_reference,
        } => Some((e.date, by.as_deref(), tribunal_reference.as_deref())),
        _ => None,
    });
    let decided = events.iter().find_map(|e| match &e.kind {
        EventKind::AppealDecided { result } => Some((e.date, *result)),
        _ => None,
    });
    let appeal_by = view.assessment.deadlines.appeal_by;
    let breaches: Vec<String> = notice
        .breaches
        .iter()
        .map(ProvisionId::to_string)
        .map(|p| provision_words(&p))
        .collect();
    html! {
        section id="decision" {
            h2 { "The Commissioner's decision" }
            @if let (Some(o), Role::Requester) = (notice.outcome, user.role) {
                p class="inset-text" id="decision-for-you" {
                    (o.requester_words())
                    @if !steps.is_empty() { ": the authority must take the steps below." } @else { "." }
                }
            }
            dl class="summary-list" id="decision-summary" {
                (summary_row("Decision notice", html! { (notice.reference.as_deref().unwrap_or("no reference recorded")) }))
                (summary_row("Date", html! { (event.date.long_form()) }))
                @if let Some(o) = notice.outcome {
                    (summary_row("Outcome", html! { strong class="tag" { (o.commissioner_words()) } }))
                }
                @if !breaches.is_empty() {
                    (summary_row("Breaches found", html! { (breaches.join(", ")) }))
                }
                @if !pdfs.is_empty() {
                    (summary_row("The notice", html! {
                        @for (i, f) in pdfs.iter().enumerate() {
                            @if i > 0 { br; }
                            (super::attachments::download_link(view.summary.id, f))
                        }
                    }))
                }
            }
            @if steps.is_empty() {
                p { "The notice orders no steps." }
            } @else {
                h3 { "Steps ordered" }
                div class="table-wrap" {
                    table class="table table--stack" id="decision-steps" {
                        caption class="visually-hidden" { "Steps the notice orders" }
                        thead { tr { th scope="col" { "Step" } th scope="col" { "Due by" } th scope="col" { "Where it stands" } } }
                        tbody {
                            @for step in &steps {
                                @let (words, flag) = state_words(step);
                                tr {
                                    td data-label="Step" { (step.step) }
                                    td data-label="Due by" { (step.due.long_form()) }
                                    td data-label="Where it stands" {
                                        @match flag {
                                            Some(class) => strong class={ "tag " (class) } { (words) },
                                            None => (words),
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h3 { "Appeal" }
            dl class="summary-list" id="decision-appeal" {
                @match appeal {
                    Some((date, by, reference)) => {
                        (summary_row("Appealed", html! { "By " (by_words(by)) ", " (date.long_form()) }))
                        @if let Some(r) = reference {
                            (summary_row("Tribunal reference", html! { (r) }))
                        }
                        (summary_row("Result", html! {
                            @match decided {
                                Some((date, result)) => { (appeal_result_words(result)) ", " (date.long_form()) }
                                None => "Awaiting the Tribunal's decision",
                            }
                        }))
                    }
                    None => {
                        (summary_row("Appealed", html! {
                            @match appeal_by {
                                Some(by) if today <= by => { "No appeal yet: either party may appeal to the Tribunal until " (by.long_form()) }
                                _ => "No appeal recorded",
                            }
                        }))
                    }
                }
            }
        }
    }
}
