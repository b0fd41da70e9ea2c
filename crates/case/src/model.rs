//! The validated case: every date parsed, every provision canonical, every
//! reference between events checked. `assess` only ever sees these types.

use foidesk_calendar::Date;
pub use foidesk_law::NoticeOutcome;
use foidesk_law::{vocabulary, ProvisionId, Regime};
use serde::Serialize;

use crate::kinds::EventType;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    pub title: Option<String>,
    pub reference: Option<String>,
    pub request: Request,
    /// The effective timeline, in date order (events on the same day keep
    /// their file order): each corrected event replaced by its correction's
    /// data (keeping its number) or struck out, and no correction events.
    pub events: Vec<Event>,
    /// The corrections in the file, in file order: which event each corrects.
    pub corrections: Vec<Correction>,
}

/// A correction event: it names the event it corrects, why, and what the
/// event should have been (None: it was recorded in error).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Correction {
    /// The correction's own number in the file.
    pub number: usize,
    /// The day the correction was made.
    pub date: Date,
    /// The number of the event it corrects.
    pub corrects: usize,
    pub reason: String,
    /// The event as it should have been, numbered as the original; None
    /// when the original is struck out.
    pub replacement: Option<Event>,
}

impl Case {
    /// The latest correction of event `number`, if it was corrected (the
    /// latest correction of an event wins).
    pub fn correction_of(&self, number: usize) -> Option<&Correction> {
        self.corrections.iter().rev().find(|c| c.corrects == number)
    }

    /// The first event that closed the request (withdrawn, duplicate,
    /// transferred), if any.
    pub fn closed(&self) -> Option<&Event> {
        self.events.iter().find(|e| e.kind.closes())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Request {
    pub authority: String,
    pub authority_type: AuthorityType,
    pub regime: Regime,
    pub received: Date,
    pub requester: Option<String>,
    pub channel: Option<Channel>,
    pub requester_name: Option<String>,
    /// Lines of a postal address, or one email address; only for the authority.
    pub contact: Vec<String>,
    /// Only for the authority.
    pub requester_type: Option<RequesterType>,
    pub parts: Vec<Part>,
    pub school_closures: Vec<Closure>,
}

vocabulary! {
    /// How a request came in.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub enum Channel {
        Email = "email", "Email";
        Post = "post", "Post";
        WebForm = "web_form", "Web form";
        WhatDoTheyKnow = "whatdotheyknow", "WhatDoTheyKnow";
        Other = "other", "Other";
    }
}

vocabulary! {
    /// Who the requester is, as the authority records it (never shown
    /// outside the authority: requests are applicant-blind).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub enum RequesterType {
        MemberOfThePublic = "member_of_the_public", "Member of the public";
        Journalist = "journalist", "Journalist";
        Mp = "mp", "MP";
        Business = "business", "Business";
        CampaignGroup = "campaign_group", "Campaign group";
        Solicitor = "solicitor", "Solicitor";
        Other = "other", "Other";
    }
}

/// Words that suggest a request is for environmental information (EIR
/// reg.2(1)): a hint for the person choosing the regime, never a decision.
/// A word ending in `*` matches any word it begins; the others match the
/// word or its plural; "air quality" matches the two words together.
const ENVIRONMENTAL_WORDS: [&str; 25] = [
    "emission*",
    "pollut*",
    "planning",
    "land",
    "water",
    "air quality",
    "waste",
    "noise",
    "flood*",
    "contaminat*",
    "environment*",
    "climate",
    "carbon",
    "biodiversity",
    "habitat",
    "tree",
    "river",
    "sewage",
    "recycl*",
    "pesticide",
    "radiation",
    "energy",
    "wildlife",
    "fracking",
    "drainage",
];

/// The environmental words found in `text`, in the list's order, without
/// their `*`, so the hint can say which.
pub fn environmental_words(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let matches = |key: &str| -> bool {
        if let Some(stem) = key.strip_suffix('*') {
            words.iter().any(|w| w.starts_with(stem))
        } else if key.contains(' ') {
            let parts: Vec<&str> = key.split(' ').collect();
            words.windows(parts.len()).any(|w| w == parts.as_slice())
        } else {
            words
                .iter()
                .any(|w| *w == key || w.strip_suffix('s') == Some(key))
        }
    };
    ENVIRONMENTAL_WORDS
        .into_iter()
        .filter(|k| matches(k))
        .map(|k| k.trim_end_matches('*'))
        .collect()
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

vocabulary! {
    /// Which Time for Compliance rule sets the response deadline (s.10(4)).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub enum AuthorityType {
        /// Any authority with no variation: the 20th working day.
        Standard = "standard", "standard";
        /// FOIA Sch.1 Part I: the £600 cost limit applies (Fees Regs reg.3(2)).
        CentralGovernment = "central_government", "central government";
        /// Maintained school in England and Wales (SI 2004/3364 reg.3).
        School = "school", "school";
        /// Academy (SI 2010/2768).
        Academy = "academy", "academy";
        /// Northern Ireland school (SI 2009/1369 reg.2).
        NiSchool = "ni_school", "ni school";
        /// Transferred public record at an archive (SI 2004/3364 reg.4).
        Archives = "archives", "archives";
    }
}

impl AuthorityType {
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
    /// Internal: never shown to the requester.
    pub note: Option<String>,
    /// Sent between the parties: shown to all who see the event.
    pub message: Option<String>,
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
    /// Why a response departs from a consistent answer (round robins).
    ConsistencyReason,
    InternalReviewRequested,
    InternalReview {
        result: ReviewResult,
    },
    Complaint,
    /// Accepted for investigation: the parts (none: all) and provisions in scope.
    ComplaintAccepted {
        parts: Vec<String>,
        provisions: Vec<ProvisionId>,
    },
    /// The Commissioner will not decide the complaint, on this ground.
    ComplaintDeclined {
        ground: DeclineGround,
    },
    /// A letter to the authority asking for its reply by a date.
    InvestigationLetter {
        reply_by: Date,
    },
    /// The authority's submission reached the Commissioner.
    AuthoritySubmission,
    DecisionNotice(DecisionNotice),
    Compliance,
    Appeal {
        by: Option<String>,
        /// The Tribunal's reference (EA/2026/0123).
        tribunal_reference: Option<String>,
    },
    /// The Tribunal's decision on the appeal.
    AppealDecided {
        result: AppealResult,
    },
    /// The acknowledgement was sent. No legal effect.
    Acknowledged,
    /// The person who now holds the case (None: nobody). No legal effect.
    Assigned {
        assignee: Option<String>,
    },
    /// The requester withdrew the request.
    Withdrawn,
    /// The request repeats another, named by its reference.
    Duplicate {
        of: String,
    },
    /// Sent on to another authority under the s.45 code of practice.
    Transferred {
        to: String,
    },
}

impl EventKind {
    /// The kind without its data.
    pub fn event_type(&self) -> EventType {
        match self {
            EventKind::ClarificationSought => EventType::ClarificationSought,
            EventKind::ClarificationReceived => EventType::ClarificationReceived,
            EventKind::FeeNotice { .. } => EventType::FeeNotice,
            EventKind::FeePaid => EventType::FeePaid,
            EventKind::PitExtension { .. } => EventType::PitExtension,
            EventKind::EirExtension => EventType::EirExtension,
            EventKind::Response(_) => EventType::Response,
            EventKind::ConsistencyReason => EventType::ConsistencyReason,
            EventKind::InternalReviewRequested => EventType::InternalReviewRequested,
            EventKind::InternalReview { .. } => EventType::InternalReview,
            EventKind::Complaint => EventType::Complaint,
            EventKind::ComplaintAccepted { .. } => EventType::ComplaintAccepted,
            EventKind::ComplaintDeclined { .. } => EventType::ComplaintDeclined,
            EventKind::InvestigationLetter { .. } => EventType::InvestigationLetter,
            EventKind::AuthoritySubmission => EventType::AuthoritySubmission,
            EventKind::DecisionNotice(_) => EventType::DecisionNotice,
            EventKind::Compliance => EventType::Compliance,
            EventKind::Appeal { .. } => EventType::Appeal,
            EventKind::AppealDecided { .. } => EventType::AppealDecided,
            EventKind::Assigned { .. } => EventType::Assigned,
            EventKind::Acknowledged => EventType::Acknowledged,
            EventKind::Withdrawn => EventType::Withdrawn,
            EventKind::Duplicate { .. } => EventType::Duplicate,
            EventKind::Transferred { .. } => EventType::Transferred,
        }
    }

    /// Whether this event closes the request, stopping every clock.
    pub fn closes(&self) -> bool {
        matches!(
            self,
            EventKind::Withdrawn | EventKind::Duplicate { .. } | EventKind::Transferred { .. }
        )
    }

    /// The kind's wire name, e.g. "fee_notice".
    pub fn name(&self) -> &'static str {
        self.event_type().as_str()
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

vocabulary! {
    /// What the response said of one part of the request.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub enum Outcome {
        Disclosed = "disclosed", "disclosed";
        PartDisclosed = "part_disclosed", "part disclosed";
        Withheld = "withheld", "withheld";
        Ncnd = "ncnd", "neither confirm nor deny";
        NotHeld = "not_held", "not held";
        /// s.12: cost of compliance exceeds the appropriate limit.
        CostLimit = "cost_limit", "cost limit";
        /// s.14: vexatious or repeated.
        Vexatious = "vexatious", "vexatious";
    }
}

impl Outcome {
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

vocabulary! {
    /// Why the Commissioner will not decide a complaint: the grounds of
    /// s.50(2)(a) to (d).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub enum DeclineGround {
        NotExhausted = "not_exhausted",
            "The complainant has not used the authority's complaints procedure (s.50(2)(a))";
        UndueDelay = "undue_delay", "The complaint was made after undue delay (s.50(2)(b))";
        FrivolousOrVexatious = "frivolous_or_vexatious",
            "The complaint is frivolous or vexatious (s.50(2)(c))";
        WithdrawnOrAbandoned = "withdrawn_or_abandoned",
            "The complaint has been withdrawn or abandoned (s.50(2)(d))";
    }
}

impl DeclineGround {
    /// The paragraph of s.50(2) the ground rests on.
    pub fn provision(self) -> &'static str {
        match self {
            DeclineGround::NotExhausted => "s.50(2)(a)",
            DeclineGround::UndueDelay => "s.50(2)(b)",
            DeclineGround::FrivolousOrVexatious => "s.50(2)(c)",
            DeclineGround::WithdrawnOrAbandoned => "s.50(2)(d)",
        }
    }
}

vocabulary! {
    /// What an internal review decided.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub enum ReviewResult {
        Upheld = "upheld", "upheld";
        UpheldInPart = "upheld_in_part", "upheld in part";
        Overturned = "overturned", "overturned";
        /// The authority refused to carry out a review (e.g. asked too late).
        Declined = "declined", "declined";
    }
}

vocabulary! {
    /// What the Tribunal decided on an appeal against a decision notice (s.58).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub enum AppealResult {
        Allowed = "allowed", "allowed";
        AllowedInPart = "allowed_in_part", "allowed in part";
        Dismissed = "dismissed", "dismissed";
        Withdrawn = "withdrawn", "withdrawn";
        StruckOut = "struck_out", "struck out";
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
