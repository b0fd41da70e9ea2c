//! The kinds of event a timeline holds, declared once: each kind's wire name,
//! its label for people, the desks that record it, the status it leaves the
//! case in and the fields of the case file it takes. Validation, the forms,
//! access and the stage are all derived from this table.

use foidesk_law::vocabulary;
use serde::Serialize;

use crate::file::EventFile;
use crate::stage::{Desk, Status};

macro_rules! event_types {
    ($(
        $(#[$doc:meta])*
        $variant:ident = $wire:literal, $label:literal,
            recorded_by [$($desk:ident),+],
            then $then:expr,
            fields [$($field:ident),*],
            requester_sees $seen:literal;
    )+) => {
        vocabulary! {
            /// A kind of event, without its data (that is `EventKind`).
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
            pub enum EventType {
                $( $(#[$doc])* $variant = $wire, $label; )+
            }
        }

        impl EventType {
            /// The desks whose people record this kind (an administrator
            /// records any).
            pub fn recorded_by(self) -> &'static [Desk] {
                match self { $(EventType::$variant => &[$(Desk::$desk),+],)+ }
            }

            /// The case file's fields this kind takes, in form order; any
            /// other field set on such an event is refused.
            pub fn fields(self) -> &'static [EventField] {
                match self { $(EventType::$variant => &[$(EventField::$field),*],)+ }
            }

            /// The status the case is in after this event (`None`: as it
            /// was). A decision notice ordering steps is `StepsOrdered`
            /// instead (see `stage`).
            pub fn status_after(self) -> Option<Status> {
                match self { $(EventType::$variant => $then,)+ }
            }

            /// Whether the requester sees events of this kind on their
            /// request. Notes are never theirs to see, whatever the kind.
            pub fn requester_sees(self) -> bool {
                match self { $(EventType::$variant => $seen,)+ }
            }
        }
    };
}

use Status::*;

// The order is the order the forms offer them in.
event_types! {
    /// The person who now holds the case. No legal effect.
    Assigned = "assigned", "Assign the case",
        recorded_by [Authority, Regulator], then None, fields [Assignee], requester_sees false;
    /// The authority told the requester the request arrived. No legal effect.
    Acknowledged = "acknowledged", "Acknowledgement sent",
        recorded_by [Authority], then None, fields [], requester_sees true;
    ClarificationSought = "clarification_sought", "Clarification sought (s.1(3))",
        recorded_by [Authority], then Some(AwaitingClarification), fields [], requester_sees true;
    /// The requester's clarification: recorded by them, or by the officer
    /// who received it another way.
    ClarificationReceived = "clarification_received", "Clarification received",
        recorded_by [Authority, Requester], then Some(AwaitingResponse), fields [Message],
        requester_sees true;
    FeeNotice = "fee_notice", "Fees notice sent (s.9)",
        recorded_by [Authority], then Some(AwaitingFee), fields [AmountPence], requester_sees true;
    FeePaid = "fee_paid", "Fee paid",
        recorded_by [Authority], then Some(AwaitingResponse), fields [], requester_sees true;
    PitExtension = "pit_extension", "Extension for the public interest test (s.10(3))",
        recorded_by [Authority], then Some(AwaitingResponse), fields [Estimate, Provisions], requester_sees true;
    EirExtension = "eir_extension", "EIR extension for complex requests (reg.7)",
        recorded_by [Authority], then Some(AwaitingResponse), fields [], requester_sees true;
    Response = "response", "Response sent",
        recorded_by [Authority], then Some(Responded),
        fields [Outcomes, PublicInterestReasons, StatesReviewProcedure, StatesComplaintRight], requester_sees true;
    /// Why the authority answers a part differently from the round robin's
    /// other answers, its own earlier ones or the advice: written just
    /// before the response it explains. No legal effect.
    ConsistencyReason = "consistency_reason", "Reason for departing from a consistent answer",
        recorded_by [Authority], then None, fields [Message], requester_sees false;
    InternalReviewRequested = "internal_review_requested", "Internal review requested",
        recorded_by [Authority, Requester], then Some(AwaitingInternalReview), fields [Message],
        requester_sees true;
    InternalReview = "internal_review", "Internal review outcome",
        recorded_by [Authority], then Some(Reviewed), fields [Result], requester_sees true;
    Complaint = "complaint", "Complaint to the Commissioner (s.50)",
        recorded_by [Authority, Requester], then Some(WithCommissioner), fields [Message],
        requester_sees true;
    /// The Commissioner accepts the complaint for investigation, within a
    /// scope: some parts of the request (none named: all), some provisions.
    ComplaintAccepted = "complaint_accepted", "Complaint accepted for investigation",
        recorded_by [Regulator], then Some(UnderInvestigation), fields [Parts, Provisions],
        requester_sees true;
    /// A reasoned refusal to decide the complaint (s.50(2)), sent to the
    /// complainant (s.50(3)(a)).
    ComplaintDeclined = "complaint_declined", "Complaint declined (s.50(2))",
        recorded_by [Regulator], then Some(ComplaintDeclined), fields [Ground, Message],
        requester_sees true;
    /// The Commissioner writes to the authority, setting a date for its reply.
    InvestigationLetter = "investigation_letter", "Letter to the authority",
        recorded_by [Regulator], then None, fields [ReplyBy], requester_sees false;
    /// The authority's submission to the Commissioner (its files go with it).
    AuthoritySubmission = "authority_submission", "Authority's submission received",
        recorded_by [Regulator, Authority], then None, fields [], requester_sees false;
    DecisionNotice = "decision_notice", "Decision notice issued",
        recorded_by [Regulator], then Some(Decided),
        fields [Reference, Outcome, Breaches, Steps, StepsDays], requester_sees true;
    Compliance = "compliance", "Steps complied with (s.54)",
        recorded_by [Authority], then Some(Decided), fields [], requester_sees true;
    Appeal = "appeal", "Appeal to the Tribunal (s.57)",
        recorded_by [Authority, Regulator], then Some(Appealed), fields [By, TribunalReference],
        requester_sees true;
    /// The Tribunal decided the appeal (s.58). No deadline follows from it.
    AppealDecided = "appeal_decided", "Tribunal's decision on the appeal (s.58)",
        recorded_by [Authority, Regulator], then Some(Decided), fields [AppealResult],
        requester_sees true;
    /// The requester withdrew the request: the clocks stop.
    Withdrawn = "withdrawn", "Request withdrawn",
        recorded_by [Authority, Requester], then Some(Withdrawn), fields [Message],
        requester_sees true;
    /// The request repeats another one, named by its reference: the clocks stop.
    Duplicate = "duplicate", "Marked as a duplicate",
        recorded_by [Authority], then Some(Duplicate), fields [DuplicateOf], requester_sees true;
    /// Sent on to the authority that holds the information (s.45 code of
    /// practice): the clocks stop here.
    Transferred = "transferred", "Transferred to another authority",
        recorded_by [Authority], then Some(Transferred), fields [TransferredTo], requester_sees true;
    /// Corrects an earlier event: replaces it with the same kind of event
    /// holding new data, or strikes it out as recorded in error.
    Correction = "correction", "Correction",
        recorded_by [Authority, Regulator], then None, fields [Corrects, Reason, Corrected], requester_sees false;
}

vocabulary! {
    /// A field of an event in the case file, beyond `kind`, `date` and
    /// `note` which every event has. The label is the form's.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
    pub enum EventField {
        Estimate = "estimate", "Date the decision is promised by (s.17(2))";
        Provisions = "provisions", "Qualified exemptions being weighed";
        AmountPence = "amount_pence", "Fee in pounds";
        Outcomes = "outcomes", "What did the response say?";
        PublicInterestReasons = "public_interest_reasons",
            "Did a refusal give public interest reasons (s.17(3))?";
        StatesReviewProcedure = "states_review_procedure",
            "Did it give the internal review procedure (s.17(7)(a))?";
        StatesComplaintRight = "states_complaint_right",
            "Did it give the right to complain to the Commissioner (s.17(7)(b))?";
        Result = "result", "Result";
        Reference = "reference", "Notice reference";
        Outcome = "outcome", "Outcome";
        Breaches = "breaches", "Breaches found";
        Steps = "steps", "Steps ordered";
        StepsDays = "steps_days", "Calendar days for the steps";
        By = "by", "Appealed by";
        TribunalReference = "tribunal_reference", "Tribunal reference";
        AppealResult = "appeal_result", "The Tribunal's decision";
        Assignee = "assignee", "Assign to";
        DuplicateOf = "duplicate_of", "Reference of the request it repeats";
        TransferredTo = "transferred_to", "Authority it was transferred to";
        Corrects = "corrects", "Event corrected";
        Reason = "reason", "Reason for the correction";
        Corrected = "corrected", "The event as it should have been";
        /// Words sent between the parties, seen by everyone who sees the
        /// event (unlike the note, which is internal).
        Message = "message", "Message";
        /// complaint_declined: the s.50(2) ground (`DeclineGround`).
        Ground = "ground", "Why will the Commissioner not decide the complaint?";
        /// investigation_letter: the date the authority must reply by.
        ReplyBy = "reply_by", "Date the authority must reply by";
        /// complaint_accepted: the parts of the request investigated.
        Parts = "parts", "Parts of the request investigated";
    }
}

impl EventField {
    /// Whether the event in the file sets this field.
    pub fn is_set(self, e: &EventFile) -> bool {
        match self {
            EventField::Estimate => e.estimate.is_some(),
            EventField::Provisions => !e.provisions.is_empty(),
            EventField::AmountPence => e.amount_pence.is_some(),
            EventField::Outcomes => !e.outcomes.is_empty(),
            EventField::PublicInterestReasons => e.public_interest_reasons.is_some(),
            EventField::StatesReviewProcedure => e.states_review_procedure.is_some(),
            EventField::StatesComplaintRight => e.states_complaint_right.is_some(),
            EventField::Result => e.result.is_some(),
            EventField::Reference => e.reference.is_some(),
            EventField::Outcome => e.outcome.is_some(),
            EventField::Breaches => !e.breaches.is_empty(),
            EventField::Steps => !e.steps.is_empty(),
            EventField::StepsDays => e.steps_days.is_some(),
            EventField::By => e.by.is_some(),
            EventField::TribunalReference => e.tribunal_reference.is_some(),
            EventField::AppealResult => e.appeal_result.is_some(),
            EventField::Assignee => e.assignee.is_some(),
            EventField::DuplicateOf => e.duplicate_of.is_some(),
            EventField::TransferredTo => e.transferred_to.is_some(),
            EventField::Corrects => e.corrects.is_some(),
            EventField::Reason => e.reason.is_some(),
            EventField::Corrected => e.corrected.is_some(),
            EventField::Message => e.message.is_some(),
            EventField::Ground => e.ground.is_some(),
            EventField::ReplyBy => e.reply_by.is_some(),
            EventField::Parts => !e.parts.is_empty(),
        }
    }
}
