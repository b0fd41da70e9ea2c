//! Where a case stands, and the next deadline someone must meet: what the
//! queues and the dashboard sort by.

use foidesk_calendar::Date;
use foidesk_law::vocabulary;
use serde::Serialize;

use crate::{Assessment, Case, EventKind};

vocabulary! {
    /// Where a case stands.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
    pub enum Status {
        /// The clock runs towards the response (s.10(1); EIR reg.5(2)).
        AwaitingResponse = "awaiting_response", "awaiting response";
        /// Clarification sought and not yet received: the clock waits (s.1(3)).
        AwaitingClarification = "awaiting_clarification", "awaiting clarification";
        /// A fees notice is unpaid: the clock waits (s.10(2)).
        AwaitingFee = "awaiting_fee", "awaiting fee";
        Responded = "responded", "responded";
        /// Internal review requested and not yet answered (s.45 code; EIR reg.11).
        AwaitingInternalReview = "awaiting_internal_review", "awaiting internal review";
        Reviewed = "reviewed", "reviewed";
        /// Complaint made to the Commissioner (s.50).
        WithCommissioner = "with_commissioner", "with commissioner";
        /// The Commissioner accepted the complaint and is investigating.
        UnderInvestigation = "under_investigation", "under investigation";
        /// The Commissioner declined to decide the complaint (s.50(2)).
        ComplaintDeclined = "complaint_declined", "complaint declined";
        /// A decision notice ordered steps, not yet complied with.
        StepsOrdered = "steps_ordered", "steps ordered";
        Decided = "decided", "decided";
        /// Appealed to the Tribunal (s.57).
        Appealed = "appealed", "appealed";
        /// The requester withdrew the request; nothing more is due.
        Withdrawn = "withdrawn", "withdrawn";
        /// A duplicate of another request, answered there.
        Duplicate = "duplicate", "duplicate";
        /// Transferred to another authority (s.45 code of practice).
        Transferred = "transferred", "transferred";
    }
}

vocabulary! {
    /// DESIGN's three desks: whose move it is, and who records what.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
    pub enum Desk {
        /// The public authority that holds the information.
        Authority = "authority", "authority";
        Requester = "requester", "requester";
        /// The Commissioner.
        Regulator = "regulator", "regulator";
    }
}

impl Status {
    /// True once the request was withdrawn, marked a duplicate or
    /// transferred: no clock runs any more.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Status::Withdrawn | Status::Duplicate | Status::Transferred
        )
    }

    /// True once a complaint has reached the Commissioner (s.50): what a
    /// regulator's caseworker may see.
    pub fn is_with_regulator(self) -> bool {
        matches!(
            self,
            Status::WithCommissioner
                | Status::UnderInvestigation
                | Status::ComplaintDeclined
                | Status::StepsOrdered
                | Status::Decided
                | Status::Appealed
        )
    }

    /// Every status with the regulator, in declaration order.
    pub fn with_regulator() -> Vec<Status> {
        Status::ALL
            .into_iter()
            .filter(|s| s.is_with_regulator())
            .collect()
    }

    /// Whose move it is: the authority must answer, review or take steps;
    /// the requester must clarify, pay, or decide whether to go further; the
    /// regulator holds a complaint and what follows.
    pub fn desk(self) -> Desk {
        match self {
            Status::AwaitingResponse | Status::AwaitingInternalReview | Status::StepsOrdered => {
                Desk::Authority
            }
            Status::AwaitingClarification
            | Status::AwaitingFee
            | Status::Responded
            | Status::Reviewed
            | Status::Withdrawn
            | Status::Duplicate
            | Status::Transferred
            | Status::ComplaintDeclined => Desk::Requester,
            Status::WithCommissioner
            | Status::UnderInvestigation
            | Status::Decided
            | Status::Appealed => Desk::Regulator,
        }
    }
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
            // A notice that orders steps leaves the move with the authority.
            EventKind::DecisionNotice(dn) if !dn.steps.is_empty() => Status::StepsOrdered,
            kind => kind.event_type().status_after().unwrap_or(status),
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
        // The authority's reply, until its submission arrives.
        Status::UnderInvestigation if !crate::assess::reply_received(case) => {
            named("authority_reply_due", d.authority_reply_due)
        }
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
