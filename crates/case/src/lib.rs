//! # foidesk-case: what happened in a request, and what follows from it?
//!
//! A case is a request plus an append-only timeline of events (clarification,
//! fees, extensions, the response per part, internal review, complaint,
//! decision notice, compliance, appeal). This crate reads the case file
//! format (TOML; see `docs/case-file.md`), validates it, and assesses it:
//! `assess(case, as_at)` is a pure function that returns the deadlines and
//! the findings, each naming the provision that produces it.
//!
//! Invariants: no I/O, no clock (`as_at` and the latest date an event may
//! carry are inputs), every finding's provision is a known id in the statute
//! catalogue.

mod assess;
mod dated;
mod deadline;
mod error;
pub mod file;
mod kinds;
mod model;
mod plain;
pub mod returns;
mod stage;
mod steps;
mod validate;

pub use assess::{
    assess, assess_with, eligibility, AssessError, Assessment, Context, Deadlines, Finding,
    FindingKind, GroundCheck, GroundState,
};
pub use dated::{check_dates_not_after, check_event_date_not_after};
pub use deadline::{
    closing_words, deadline_label, deadline_states, met_by, running_status, DeadlineState,
    DeadlineStatus,
};
pub use error::CaseError;
pub use kinds::{EventField, EventType};
pub use model::*;
pub use plain::{day_and_month, requester_status};
pub use stage::{assignee, stage, Desk, NextDeadline, Stage, Status};
pub use steps::{decision_steps, default_steps_days, OrderedStep, StepState};
pub use validate::{parse_case, validate};

/// Every provision a finding can be attributed to (for tests and docs).
pub fn finding_provisions() -> &'static [&'static str] {
    assess::provisions::ALL
}
