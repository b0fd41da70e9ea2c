//! The steps a decision notice orders (s.50(4)), each with the date it falls due and
//! whether it has been complied with (s.54). One function for every page that shows them:
//! the case page's decision section and the officer's dashboard.

use foidesk_calendar::Date;
use foidesk_law::{Amount, Catalogue, Parameter};
use serde::Serialize;

use crate::model::{Case, EventKind};
use crate::Assessment;

/// One step the notice orders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrderedStep {
    /// The step, in the notice's words.
    pub step: String,
    /// The end of the period the notice gives (its date plus the steps period).
    pub due: Date,
    pub state: StepState,
}

/// Where a step stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum StepState {
    /// A compliance event records the steps taken on this date (late if after `due`).
    CompliedWith { on: Date },
    /// Not yet complied with; due in this many calendar days (0: due today).
    Due { in_days: i64 },
    /// Not complied with, and due this many calendar days ago.
    Overdue { by_days: i64 },
}

/// The steps of the case's decision notice with their due date and state as at `as_at`,
/// in the notice's order; empty when no notice orders any. The due date is the
/// assessment's (from the notice's own period, or the dated parameter).
pub fn decision_steps(case: &Case, assessment: &Assessment, as_at: Date) -> Vec<OrderedStep> {
    let notice = case.events.iter().find_map(|e| match &e.kind {
        EventKind::DecisionNotice(n) => Some((e.date, n)),
        _ => None,
    });
    let (Some((date, notice)), Some(due)) = (notice, assessment.deadlines.steps_due) else {
        return Vec::new();
    };
    let complied = case
        .events
        .iter()
        .find(|e| matches!(e.kind, EventKind::Compliance) && e.date >= date)
        .map(|e| e.date);
    let state = match complied {
        Some(on) => StepState::CompliedWith { on },
        None if as_at > due => StepState::Overdue {
            by_days: due.days_until(as_at),
        },
        None => StepState::Due {
            in_days: as_at.days_until(due),
        },
    };
    notice
        .steps
        .iter()
        .map(|step| OrderedStep {
            step: step.clone(),
            due,
            state,
        })
        .collect()
}

/// The calendar days a decision notice gives for its steps unless it says otherwise, from
/// the dated parameter in force on `on` (35: the 28-day appeal period and a margin).
pub fn default_steps_days(law: &Catalogue, on: Date) -> Option<u32> {
    match law.parameter(Parameter::StepsCalendarDays, on).ok()?.amount {
        Amount::CalendarDays(n) => Some(n),
        _ => None,
    }
}
