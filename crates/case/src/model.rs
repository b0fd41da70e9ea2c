//! The validated case: every date parsed, every provision canonical, every
//! reference between events checked. `assess` only ever sees these types.

use foidesk_calendar::Date;
use foidesk_law::{ProvisionId, Regime};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    pub title: Option<String>,
    pub reference: Option<String>,
    pub request: Request,
    /// In date order; events on the same day keep their file order.
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Request {
    pub authority: String,
    pub authority_type: AuthorityType,
    pub regime: Regime,
    pub received: Date,
    pub requester: Option<String>,
    pub parts: Vec<Part>,
    pub school_closures: Vec<Closure>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    pub id: String,
    pub text: String,
}

/// A period when a school has no sessions (SI 2004/3364 reg.3 "school day").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Closure {
    pub from: Date,
    pub to: Date,
    pub name: Option<String>,
}

/// Which Time for Compliance rule sets the response deadline (s.10(4)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorityType {
    /// Any authority with no variation: the 20th working day.
    Standard,
    /// FOIA Sch.1 Part I: the £600 cost limit applies (Fees Regs reg.3(2)).
    CentralGovernment,
    /// Maintained school in England and Wales (SI 2004/3364 reg.3).
    School,
    /// Academy (SI 2010/2768).
    Academy,
    /// Northern Ireland school (SI 2009/1369 reg.2).
    NiSchool,
    /// Transferred public record at an archive (SI 2004/3364 reg.4).
    Archives,
}

impl AuthorityType {
    pub const NAMES: [&'static str; 6] = [
        "standard",
        "central_government",
        "school",
        "academy",
        "ni_school",
        "archives",
    ];

    pub fn from_name(name: &str) -> Option<AuthorityType> {
        Some(match name {
            "standard" => AuthorityType::Standard,
            "central_government" => AuthorityType::CentralGovernment,
            "school" => AuthorityType::School,
            "academy" => AuthorityType::Academy,
            "ni_school" => AuthorityType::NiSchool,
            "archives" => AuthorityType::Archives,
            _ => return None,
        })
    }

    pub fn is_school(self) -> bool {
        matches!(
            self,
            AuthorityType::School | AuthorityType::Academy | AuthorityType::NiSchool
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// 1-based position in the case file, so messages can point at it.
    pub number: usize,
    pub date: Date,
    pub note: Option<String>,
    pub kind: EventKind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    ClarificationSought,
    ClarificationReceived,
    FeeNotice {
        amount_pence: Option<u64>,
    },
    FeePaid,
    PitExtension {
        estimate: Option<Date>,
        provisions: Vec<ProvisionId>,
    },
    EirExtension,
    Response(Response),
    InternalReviewRequested,
    InternalReview {
        result: ReviewResult,
    },
    Complaint,
    DecisionNotice(DecisionNotice),
    Compliance,
    Appeal {
        by: Option<String>,
    },
    /// The person who now holds the case (None: nobody). No legal effect.
    Assigned {
        assignee: Option<String>,
    },
}

impl EventKind {
    pub const NAMES: [&'static str; 14] = [
        "clarification_sought",
        "clarification_received",
        "fee_notice",
        "fee_paid",
        "pit_extension",
        "eir_extension",
        "response",
        "internal_review_requested",
        "internal_review",
        "complaint",
        "decision_notice",
        "compliance",
        "appeal",
        "assigned",
    ];

    pub fn name(&self) -> &'static str {
        match self {
            EventKind::ClarificationSought => "clarification_sought",
            EventKind::ClarificationReceived => "clarification_received",
            EventKind::FeeNotice { .. } => "fee_notice",
            EventKind::FeePaid => "fee_paid",
            EventKind::PitExtension { .. } => "pit_extension",
            EventKind::EirExtension => "eir_extension",
            EventKind::Response(_) => "response",
            EventKind::InternalReviewRequested => "internal_review_requested",
            EventKind::InternalReview { .. } => "internal_review",
            EventKind::Complaint => "complaint",
            EventKind::DecisionNotice(_) => "decision_notice",
            EventKind::Compliance => "compliance",
            EventKind::Appeal { .. } => "appeal",
            EventKind::Assigned { .. } => "assigned",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    pub outcomes: Vec<PartOutcome>,
    pub public_interest_reasons: Option<bool>,
    pub states_review_procedure: Option<bool>,
    pub states_complaint_right: Option<bool>,
}

impl Response {
    /// Whether any part was refused, so that a refusal notice was required.
    pub fn refuses_anything(&self) -> bool {
        self.outcomes.iter().any(|o| o.outcome.is_refusal())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartOutcome {
    pub part: String,
    pub outcome: Outcome,
    pub provisions: Vec<ProvisionId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Disclosed,
    PartDisclosed,
    Withheld,
    Ncnd,
    NotHeld,
    /// s.12: cost of compliance exceeds the appropriate limit.
    CostLimit,
    /// s.14: vexatious or repeated.
    Vexatious,
}

impl Outcome {
    pub const NAMES: [&'static str; 7] = [
        "disclosed",
        "part_disclosed",
        "withheld",
        "ncnd",
        "not_held",
        "cost_limit",
        "vexatious",
    ];

    pub fn from_name(name: &str) -> Option<Outcome> {
        Some(match name {
            "disclosed" => Outcome::Disclosed,
            "part_disclosed" => Outcome::PartDisclosed,
            "withheld" => Outcome::Withheld,
            "ncnd" => Outcome::Ncnd,
            "not_held" => Outcome::NotHeld,
            "cost_limit" => Outcome::CostLimit,
            "vexatious" => Outcome::Vexatious,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Outcome::Disclosed => "disclosed",
            Outcome::PartDisclosed => "part_disclosed",
            Outcome::Withheld => "withheld",
            Outcome::Ncnd => "ncnd",
            Outcome::NotHeld => "not_held",
            Outcome::CostLimit => "cost_limit",
            Outcome::Vexatious => "vexatious",
        }
    }

    pub fn is_refusal(self) -> bool {
        !matches!(self, Outcome::Disclosed | Outcome::NotHeld)
    }

    /// Outcomes that rest on an exemption and so must cite one.
    pub fn needs_provision(self) -> bool {
        matches!(
            self,
            Outcome::PartDisclosed | Outcome::Withheld | Outcome::Ncnd
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewResult {
    Upheld,
    UpheldInPart,
    Overturned,
    /// The authority refused to carry out a review (e.g. asked too late).
    Declined,
}

impl ReviewResult {
    pub const NAMES: [&'static str; 4] = ["upheld", "upheld_in_part", "overturned", "declined"];

    pub fn from_name(name: &str) -> Option<ReviewResult> {
        Some(match name {
            "upheld" => ReviewResult::Upheld,
            "upheld_in_part" => ReviewResult::UpheldInPart,
            "overturned" => ReviewResult::Overturned,
            "declined" => ReviewResult::Declined,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionNotice {
    pub reference: Option<String>,
    pub outcome: Option<NoticeOutcome>,
    pub breaches: Vec<ProvisionId>,
    pub steps: Vec<String>,
    /// Calendar days allowed for the steps, when the notice states them.
    pub steps_days: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeOutcome {
    AuthorityEntitled,
    AuthorityNotEntitled,
    Mixed,
}

impl NoticeOutcome {
    pub const NAMES: [&'static str; 3] = ["authority_entitled", "authority_not_entitled", "mixed"];

    pub fn from_name(name: &str) -> Option<NoticeOutcome> {
        Some(match name {
            "authority_entitled" => NoticeOutcome::AuthorityEntitled,
            "authority_not_entitled" => NoticeOutcome::AuthorityNotEntitled,
            "mixed" => NoticeOutcome::Mixed,
            _ => return None,
        })
    }
}
