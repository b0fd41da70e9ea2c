//! The on-disk case file: TOML, documented in `docs/case-file.md`.
//!
//! These types mirror the file exactly and are checked by `validate` before
//! anything else sees them. Unknown fields are refused so a misspelt field is
//! reported rather than silently ignored.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<CaseMeta>,
    pub request: RequestFile,
    #[serde(default)]
    pub events: Vec<EventFile>,
    /// Test-only expectations; validation and assessment ignore them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<ExpectFile>,
}

/// `[expect]`: what assessing this file as at `as_at` must give (the example
/// cases' tests read it). Provisions and deadline names are checked by the test.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct ExpectFile {
    pub as_at: String,
    /// Every deadline that applies, by name, and no other.
    #[serde(default)]
    pub deadlines: BTreeMap<String, String>,
    /// Every provision found breached, and no other.
    #[serde(default)]
    pub breaches: Vec<String>,
    /// Provisions that must not be found breached (the point of the example).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub no_breaches: Vec<String>,
    /// Every provision of a warning, and no other.
    #[serde(default)]
    pub warnings: Vec<String>,
    /// Phrases some finding's summary must contain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub summaries: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct CaseMeta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RequestFile {
    pub authority: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority_type: Option<String>,
    pub regime: String,
    pub received: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester: Option<String>,
    /// How the request came in (`Channel`'s wire names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The requester's name as they gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester_name: Option<String>,
    /// Where to reply: the lines of a postal address, or one email address.
    /// Never shown outside the authority.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contact: Vec<String>,
    /// Who the requester is (`RequesterType`'s wire names). Never shown
    /// outside the authority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester_type: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school_calendar: Option<SchoolCalendarFile>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PartFile {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SchoolCalendarFile {
    #[serde(default)]
    pub closures: Vec<ClosureFile>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClosureFile {
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One event of the timeline. Every kind shares `kind`, `date` and `note`;
/// the rest depend on the kind and are checked in `validate`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct EventFile {
    pub kind: String,
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Words sent between the parties (a clarification, the grounds for a
    /// review or complaint): unlike `note`, seen by all who see the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// pit_extension: the s.17(2) estimate; eir_extension: unused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<String>,
    /// pit_extension: the exemptions whose public interest is being weighed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provisions: Vec<String>,
    /// fee_notice: the fee in pence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_pence: Option<u64>,
    /// response: one outcome per part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<OutcomeFile>,
    /// response: what the refusal notice said (s.17(3), s.17(7)); absent = not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_interest_reasons: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub states_review_procedure: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub states_complaint_right: Option<bool>,
    /// internal_review: upheld | upheld_in_part | overturned | declined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// decision_notice: the notice's reference, outcome, breaches and steps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breaches: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps_days: Option<u32>,
    /// appeal: who appealed (complainant | authority).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// appeal: the Tribunal's reference (EA/2026/0123).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tribunal_reference: Option<String>,
    /// appeal_decided: what the Tribunal decided (allowed | allowed_in_part |
    /// dismissed | withdrawn | struck_out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appeal_result: Option<String>,
    /// assigned: the person who now holds it ("" to unassign).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// duplicate: the reference of the request this one repeats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    /// transferred: the authority the request was sent on to (s.45 code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transferred_to: Option<String>,
    /// complaint_declined: the s.50(2) ground (`DeclineGround`'s wire names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ground: Option<String>,
    /// investigation_letter: the date the authority must reply by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_by: Option<String>,
    /// complaint_accepted: the ids of the parts investigated (none: all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<String>,
    /// correction: the number of the event it corrects (1-based, file order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<usize>,
    /// correction: why (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// correction: the event as it should have been (the same kind); absent
    /// when the event was recorded in error and is struck out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected: Option<Box<EventFile>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OutcomeFile {
    pub part: String,
    pub outcome: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provisions: Vec<String>,
}
