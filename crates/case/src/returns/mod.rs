//! The official return: what statistics need from one case, as a pure
//! function of the validated case and its assessment. Each definition is
//! written in `docs/returns.md` with its source; the categories follow the
//! central government FOI statistics (Cabinet Office / Ministry of Justice
//! quarterly bulletins) that the s.45 code (paras 8.5-8.6) asks every
//! authority with more than 100 staff to publish in the same form.

mod counts;

use std::collections::BTreeSet;

use foidesk_calendar::Date;
use foidesk_law::{vocabulary, NoticeOutcome, ProvisionId, Regime};
use serde::{Deserialize, Serialize};

pub use counts::{CountKey, OutcomeCounts, ReturnCounts, ReviewCounts, TimelinessCounts};

use crate::assess::{assess_with, AssessError, Assessment, Context, FindingKind};
use crate::model::{Case, Event, EventKind, Outcome, ReviewResult};

vocabulary! {
    /// Whether the initial response came in time (the return's headline measure).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Timeliness {
        /// Answered within the time for compliance (s.10(1); EIR reg.5(2)),
        /// counted from the date of receipt (s.10(6): after a clarification,
        /// the day it arrived; a fee pause disregarded, s.10(2)).
        InTime = "in_time", "in time";
        /// Answered after that, but within a permitted extension: a valid
        /// s.10(3) public interest extension covering every refused part, or
        /// an EIR reg.7(1) extension notified in time.
        InTimeWithExtension = "in_time_with_extension", "in time with a permitted extension";
        /// Answered after the time for compliance and any permitted extension.
        Late = "late", "late";
        /// No response yet, and the request is not on hold.
        NotYetAnswered = "not_yet_answered", "not yet answered";
        /// Awaiting clarification (s.1(3)) or an unpaid fee still in its
        /// window (s.9(2)): excluded from the timeliness measure.
        OnHold = "on_hold", "on hold";
        /// A fees notice was not paid within its window (s.9(2)): the
        /// authority need not comply; not an answered request.
        Lapsed = "lapsed", "lapsed";
        /// Withdrawn, a duplicate or transferred before any response.
        Closed = "closed", "closed";
    }
}

impl Timeliness {
    /// Whether the return's headline "responded to in time" counts it.
    pub fn is_in_time(self) -> bool {
        matches!(self, Timeliness::InTime | Timeliness::InTimeWithExtension)
    }
}

vocabulary! {
    /// The initial outcome of the request as a whole (the first response).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum InitialOutcome {
        /// Every part held was disclosed.
        GrantedInFull = "granted_in_full", "granted in full";
        /// Nothing was disclosed and at least one part was refused (an
        /// exemption, NCND, s.12 cost limit or s.14).
        WithheldInFull = "withheld_in_full", "withheld in full";
        /// Some information was given and some refused.
        PartiallyWithheld = "partially_withheld", "partially withheld";
        /// Every part was answered "not held".
        NotHeld = "not_held", "information not held";
        /// No response yet (on hold, lapsed and closed requests are
        /// not "not yet processed": see `Timeliness`).
        NotYetProcessed = "not_yet_processed", "not yet processed";
        /// On hold, lapsed or closed before a response.
        NoResponseDue = "no_response_due", "no response due";
    }
}

vocabulary! {
    /// What an internal review (or EIR reconsideration, reg.11) decided
    /// about the initial response.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum ReviewOutcome {
        /// Requested, no result recorded yet.
        Pending = "pending", "not yet decided";
        /// The initial response upheld in full (`upheld`).
        Upheld = "upheld", "upheld";
        /// The initial response upheld only in part (`upheld_in_part`).
        OverturnedInPart = "overturned_in_part", "overturned in part";
        /// The initial response overturned (`overturned`).
        OverturnedInFull = "overturned_in_full", "overturned in full";
        /// The authority declined to carry out a review.
        Declined = "declined", "declined";
    }
}

impl From<ReviewResult> for ReviewOutcome {
    fn from(r: ReviewResult) -> Self {
        match r {
            ReviewResult::Upheld => ReviewOutcome::Upheld,
            ReviewResult::UpheldInPart => ReviewOutcome::OverturnedInPart,
            ReviewResult::Overturned => ReviewOutcome::OverturnedInFull,
            ReviewResult::Declined => ReviewOutcome::Declined,
        }
    }
}

/// What the return needs from one case. Computed at write time and stored
/// as a projection; summed by `ReturnCounts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnFacts {
    /// The day the request was received (the return counts requests by it).
    pub received: Date,
    pub regime: Regime,
    /// The day of the initial response, if any.
    pub answered: Option<Date>,
    /// The time for compliance without any extension, if a clock runs.
    pub due: Option<Date>,
    pub timeliness: Timeliness,
    /// While on hold for an unpaid fee, the last day it may be paid (s.9(2)):
    /// after that day the request has lapsed, so a projection stored earlier
    /// is read with `timeliness_on`.
    pub on_hold_until: Option<Date>,
    pub initial_outcome: InitialOutcome,
    /// A part was refused under s.12 (cost limit; EIR reg.12(4)(b) cases
    /// are recorded by their exception).
    pub cost_limit: bool,
    /// A part was refused under s.14 (vexatious or repeated).
    pub vexatious_or_repeated: bool,
    /// A part was answered neither confirming nor denying (counted as withheld).
    pub ncnd: bool,
    /// Every refused part relied on s.21 alone ([unverified]: see docs/returns.md).
    pub section_21_only: bool,
    /// The exemptions and exceptions relied on in the initial response,
    /// each once, canonical and sorted.
    pub exemptions: Vec<ProvisionId>,
    pub review_requested: Option<Date>,
    pub review: Option<ReviewOutcome>,
    pub review_decided: Option<Date>,
    pub complaint_received: Option<Date>,
    /// Declined (s.50(2)) or decided by a decision notice.
    pub complaint_closed: Option<Date>,
    pub notice_outcome: Option<NoticeOutcome>,
}

/// The facts of one case as at `as_at`, from its assessment (made with the
/// same `as_at` and `ctx`). A case with an extension is assessed once more
/// without it, to know the unextended time for compliance.
pub fn return_facts(
    case: &Case,
    assessment: &Assessment,
    as_at: Date,
    ctx: Context<'_>,
) -> Result<ReturnFacts, AssessError> {
    let response = first(case, |k| matches!(k, EventKind::Response(_)));
    let due = standard_due(case, assessment, as_at, ctx)?;
    let timeliness = timeliness(case, assessment, response, due, as_at);
    let mut facts = ReturnFacts {
        received: case.request.received,
        regime: case.request.regime,
        answered: response.map(|e| e.date),
        due,
        timeliness,
        on_hold_until: match timeliness {
            Timeliness::OnHold => assessment.deadlines.fee_payment_by,
            _ => None,
        },
        initial_outcome: match timeliness {
            Timeliness::NotYetAnswered => InitialOutcome::NotYetProcessed,
            _ => InitialOutcome::NoResponseDue,
        },
        cost_limit: false,
        vexatious_or_repeated: false,
        ncnd: false,
        section_21_only: false,
        exemptions: Vec::new(),
        review_requested: first(case, |k| matches!(k, EventKind::InternalReviewRequested))
            .map(|e| e.date),
        review: None,
        review_decided: None,
        complaint_received: first(case, |k| matches!(k, EventKind::Complaint)).map(|e| e.date),
        complaint_closed: first(case, |k| {
            matches!(
                k,
                EventKind::ComplaintDeclined { .. } | EventKind::DecisionNotice(_)
            )
        })
        .map(|e| e.date),
        notice_outcome: case.events.iter().find_map(|e| match &e.kind {
            EventKind::DecisionNotice(n) => n.outcome,
            _ => None,
        }),
    };
    if let Some(Event {
        kind: EventKind::Response(r),
        ..
    }) = response
    {
        outcome(&mut facts, &r.outcomes, ctx);
    }
    let review = case.events.iter().find_map(|e| match e.kind {
        EventKind::InternalReview { result } => Some((e.date, result)),
        _ => None,
    });
    facts.review = match review {
        Some((_, result)) => Some(result.into()),
        None => facts.review_requested.map(|_| ReviewOutcome::Pending),
    };
    facts.review_decided = review.map(|(d, _)| d);
    Ok(facts)
}

impl ReturnFacts {
    /// The timeliness as at `date`, for facts stored earlier: a request on
    /// hold for a fee whose payment window has since ended has lapsed.
    pub fn timeliness_on(&self, date: Date) -> Timeliness {
        match self.on_hold_until {
            Some(until) if self.timeliness == Timeliness::OnHold && date > until => {
                Timeliness::Lapsed
            }
            _ => self.timeliness,
        }
    }
}

fn first(case: &Case, pred: impl Fn(&EventKind) -> bool) -> Option<&Event> {
    case.events.iter().find(|e| pred(&e.kind))
}

/// The time for compliance without the reg.7 or s.10(3) extension: the
/// assessment's own, or that of the case assessed without its extensions.
fn standard_due(
    case: &Case,
    assessment: &Assessment,
    as_at: Date,
    ctx: Context<'_>,
) -> Result<Option<Date>, AssessError> {
    let extension =
        |k: &EventKind| matches!(k, EventKind::EirExtension | EventKind::PitExtension { .. });
    if !case.events.iter().any(|e| extension(&e.kind)) {
        return Ok(assessment.deadlines.response_due);
    }
    let mut plain = case.clone();
    plain.events.retain(|e| !extension(&e.kind));
    Ok(assess_with(&plain, as_at, ctx)?.deadlines.response_due)
}

fn timeliness(
    case: &Case,
    assessment: &Assessment,
    response: Option<&Event>,
    due: Option<Date>,
    as_at: Date,
) -> Timeliness {
    if let Some(response) = response {
        let Some(due) = due else {
            // Answered while the clock was stopped: no deadline had run.
            return Timeliness::InTime;
        };
        if response.date <= due {
            return Timeliness::InTime;
        }
        let late = assessment.findings.iter().any(|f| {
            f.kind == FindingKind::Breach
                && f.event == Some(response.number)
                && (f.names("s.10(1)") || f.names("reg.5(2)"))
        });
        return if late {
            Timeliness::Late
        } else {
            Timeliness::InTimeWithExtension
        };
    }
    if case.closed().is_some() {
        return Timeliness::Closed;
    }
    if assessment.date_of_receipt.is_none() {
        return Timeliness::OnHold;
    }
    if assessment.deadlines.response_due.is_none() {
        // The fee stopped the clock: on hold while it may still be paid.
        let paid = first(case, |k| matches!(k, EventKind::FeePaid)).is_some();
        return match assessment.deadlines.fee_payment_by {
            Some(by) if !paid && as_at <= by => Timeliness::OnHold,
            _ => Timeliness::Lapsed,
        };
    }
    Timeliness::NotYetAnswered
}

fn outcome(facts: &mut ReturnFacts, outcomes: &[crate::model::PartOutcome], ctx: Context<'_>) {
    let given = outcomes
        .iter()
        .any(|o| matches!(o.outcome, Outcome::Disclosed | Outcome::PartDisclosed));
    let refused = outcomes.iter().any(|o| o.outcome.is_refusal());
    facts.initial_outcome = match (given, refused) {
        (true, true) => InitialOutcome::PartiallyWithheld,
        (true, false) => InitialOutcome::GrantedInFull,
        (false, true) => InitialOutcome::WithheldInFull,
        (false, false) if outcomes.is_empty() => InitialOutcome::GrantedInFull,
        (false, false) => InitialOutcome::NotHeld,
    };
    facts.cost_limit = outcomes.iter().any(|o| o.outcome == Outcome::CostLimit);
    facts.vexatious_or_repeated = outcomes.iter().any(|o| o.outcome == Outcome::Vexatious);
    facts.ncnd = outcomes.iter().any(|o| o.outcome == Outcome::Ncnd);
    let cited: BTreeSet<ProvisionId> = outcomes
        .iter()
        .filter(|o| o.outcome.is_refusal())
        .flat_map(|o| o.provisions.iter())
        .filter(|id| ctx.law.is_exemption(id))
        .cloned()
        .collect();
    let s21 = ProvisionId::parse("s.21").ok();
    facts.section_21_only = refused
        && outcomes.iter().filter(|o| o.outcome.is_refusal()).all(|o| {
            !o.provisions.is_empty()
                && o.provisions
                    .iter()
                    .all(|id| s21.as_ref().is_some_and(|s| s.covers(id)))
        });
    facts.exemptions = cited.into_iter().collect();
}
