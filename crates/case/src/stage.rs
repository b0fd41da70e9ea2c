//! Where a case stands, and the next deadline someone must meet: what the
//! queues and the dashboard sort by.

use foidesk_calendar::Date;
use serde::Serialize;

use crate::{Assessment, Case, EventKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The clock runs towards the response (s.10(1); EIR reg.5(2)).
    AwaitingResponse,
    /// Clarification sought and not yet received: the clock waits (s.1(3)).
    AwaitingClarification,
    /// A fees notice is unpaid: the clock waits (s.10(2)).
    AwaitingFee,
    Responded,
    /// Internal review requested and not yet answered (s.45 code; EIR reg.11).
    AwaitingInternalReview,
    Reviewed,
    /// Complaint made to the Commissioner (s.50).
    WithCommissioner,
    /// A decision notice ordered steps, not yet complied with.
    StepsOrdered,
    Decided,
    /// Appealed to the Tribunal (s.57).
    Appealed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::AwaitingResponse => "awaiting_response",
            Status::AwaitingClarification => "awaiting_clarification",
            Status::AwaitingFee => "awaiting_fee",
            Status::Responded => "responded",
            Status::AwaitingInternalReview => "awaiting_internal_review",
            Status::Reviewed => "reviewed",
            Status::WithCommissioner => "with_commissioner",
            Status::StepsOrdered => "steps_ordered",
            Status::Decided => "decided",
            Status::Appealed => "appealed",
        }
    }

    /// True once a complaint has reached the Commissioner (s.50): what a
    /// regulator's caseworker may see.
    pub fn is_with_regulator(self) -> bool {
        matches!(
            self,
            Status::WithCommissioner | Status::StepsOrdered | Status::Decided | Status::Appealed
        )
    }

    /// Whose move it is (DESIGN's three desks): the authority must answer,
    /// review or take steps; the requester must clarify, pay, or decide
    /// whether to go further; the regulator holds a complaint and what follows.
    pub fn desk(self) -> &'static str {
        match self {
            Status::AwaitingResponse | Status::AwaitingInternalReview | Status::StepsOrdered => {
                "authority"
            }
            Status::AwaitingClarification
            | Status::AwaitingFee
            | Status::Responded
            | Status::Reviewed => "requester",
            Status::WithCommissioner | Status::Decided | Status::Appealed => "regulator",
        }
    }

    pub const ALL: [Status; 10] = [
        Status::AwaitingResponse,
        Status::AwaitingClarification,
        Status::AwaitingFee,
        Status::Responded,
        Status::AwaitingInternalReview,
        Status::Reviewed,
        Status::WithCommissioner,
        Status::StepsOrdered,
        Status::Decided,
        Status::Appealed,
    ];
}

/// The deadline a queue should show for a case: its name in the
/// assessment's deadlines and its date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct NextDeadline {
    pub name: &'static str,
    pub date: Date,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Stage {
    pub status: Status,
    pub next_deadline: Option<NextDeadline>,
}

/// The stage after the last event, and the duty now running, if any.
pub fn stage(case: &Case, assessment: &Assessment) -> Stage {
    let mut status = Status::AwaitingResponse;
    for e in &case.events {
        status = match &e.kind {
            EventKind::Assigned { .. } => status,
            EventKind::ClarificationSought => Status::AwaitingClarification,
            EventKind::FeeNotice { .. } => Status::AwaitingFee,
            EventKind::ClarificationReceived
            | EventKind::FeePaid
            | EventKind::PitExtension { .. }
            | EventKind::EirExtension => Status::AwaitingResponse,
            EventKind::Response(_) => Status::Responded,
            EventKind::InternalReviewRequested => Status::AwaitingInternalReview,
            EventKind::InternalReview { .. } => Status::Reviewed,
            EventKind::Complaint => Status::WithCommissioner,
            EventKind::DecisionNotice(dn) if !dn.steps.is_empty() => Status::StepsOrdered,
            EventKind::DecisionNotice(_) | EventKind::Compliance => Status::Decided,
            EventKind::Appeal { .. } => Status::Appealed,
        };
    }
    let d = &assessment.deadlines;
    let named = |name, date: Option<Date>| date.map(|date| NextDeadline { name, date });
    let next_deadline = match status {
        // An extension for the public interest test moves the duty to its estimate (s.10(3)).
        Status::AwaitingResponse => match (d.public_interest_estimate, d.response_due) {
            (Some(pit), Some(due)) if pit > due => named("public_interest_estimate", Some(pit)),
            (_, due) => named("response_due", due),
        },
        Status::AwaitingFee => named("fee_payment_by", d.fee_payment_by),
        Status::AwaitingInternalReview => named("internal_review_due", d.internal_review_due),
        Status::StepsOrdered => named("steps_due", d.steps_due),
        _ => None,
    };
    Stage {
        status,
        next_deadline,
    }
}

/// The person holding a case: the assignee of its last assigned event.
pub fn assignee(case: &Case) -> Option<&str> {
    case.events
        .iter()
        .rev()
        .find_map(|e| match &e.kind {
            EventKind::Assigned { assignee } => Some(assignee.as_deref()),
            _ => None,
        })
        .flatten()
}
