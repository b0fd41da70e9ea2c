//! Where each deadline of a case stands as at a date, and how to say it:
//! met (on a date, so many working days early), missed (by so many working
//! days), running (so many working days left), overdue (passed, still
//! open), not yet started, unused (a right whose time ran out) or stopped
//! (the request was closed). Each deadline knows the event that meets it,
//! read from the effective timeline, so a deadline that was met is never
//! counted against today.

use foidesk_calendar::{CalendarError, Date, WorkingDayCalendar};
use serde::Serialize;

use crate::model::{Case, Event, EventKind};
use crate::{Assessment, EventType};

/// Where one deadline stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// The event that meets it happened on `on`, on or before the deadline
    /// (on the day itself: 0 working days early).
    Met { on: Date, working_days_early: u32 },
    /// The event happened on `on`, after the deadline.
    Missed { on: Date, by_working_days: u32 },
    /// Not met yet and not passed: 0 working days left means due today.
    Running { working_days_left: u32 },
    /// Passed and still not met: missed by so many working days so far
    /// (0 when it fell on the last working day and today is not one).
    Overdue { by_working_days: u32 },
    /// It does not run yet (the review before a review is asked for).
    NotStarted,
    /// A right (to ask for a review, to complain, to appeal, to pay) whose
    /// time ran out on its date without being used.
    Unused,
    /// The request was closed (withdrawn, a duplicate, transferred) on `on`
    /// before this deadline was met: it no longer runs.
    Stopped { on: Date },
}

/// One deadline of a case: its name in `Deadlines`, its label, its date
/// (None when it has not started) and where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DeadlineState {
    pub name: &'static str,
    pub label: &'static str,
    pub due: Option<Date>,
    pub status: DeadlineStatus,
    /// The number of the event that met or missed it, if one did.
    pub event: Option<usize>,
}

/// Who must act by a deadline: a duty is missed when late; a right is
/// simply unused when its time runs out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Nature {
    Duty,
    Right,
}

/// Each deadline's label, the kind of event that meets it, and its nature.
const DEADLINES: [(&str, &str, EventType, Nature); 11] = [
    (
        "response_due",
        "Response",
        EventType::Response,
        Nature::Duty,
    ),
    (
        "fee_payment_by",
        "Fee payment",
        EventType::FeePaid,
        Nature::Right,
    ),
    (
        "public_interest_estimate",
        "Response promised by (public interest extension)",
        EventType::Response,
        Nature::Duty,
    ),
    (
        "public_interest_guidance_limit",
        "Longest public interest extension the guidance allows",
        EventType::Response,
        Nature::Duty,
    ),
    (
        "internal_review_request_by",
        "Asking for an internal review",
        EventType::InternalReviewRequested,
        Nature::Right,
    ),
    (
        "internal_review_due",
        "Internal review",
        EventType::InternalReview,
        Nature::Duty,
    ),
    (
        "internal_review_latest",
        "Internal review, at the latest",
        EventType::InternalReview,
        Nature::Duty,
    ),
    (
        "complaint_by",
        "Complaint to the Commissioner",
        EventType::Complaint,
        Nature::Right,
    ),
    (
        "authority_reply_due",
        "Authority's reply to the Commissioner",
        EventType::AuthoritySubmission,
        Nature::Duty,
    ),
    (
        "steps_due",
        "Steps ordered by the decision notice",
        EventType::Compliance,
        Nature::Duty,
    ),
    (
        "appeal_by",
        "Appeal to the Tribunal",
        EventType::Appeal,
        Nature::Right,
    ),
];

/// The label of a deadline by its name in `Deadlines` ("response_due" →
/// "Response"); the name itself, spaced, if unknown.
pub fn deadline_label(name: &str) -> &'static str {
    DEADLINES
        .iter()
        .find(|(n, ..)| *n == name)
        .map_or("Deadline", |(_, label, ..)| label)
}

/// The kind of event that meets the named deadline.
pub fn met_by(name: &str) -> Option<EventType> {
    DEADLINES
        .iter()
        .find(|(n, ..)| *n == name)
        .map(|(_, _, kind, _)| *kind)
}

/// Every deadline of the case as at `as_at`, in process order: those the
/// assessment set, and the response and internal review as "not yet
/// started" while they wait for something to start them.
pub fn deadline_states(
    case: &Case,
    assessment: &Assessment,
    as_at: Date,
    calendar: &WorkingDayCalendar,
) -> Result<Vec<DeadlineState>, CalendarError> {
    let closed = case.closed().map(|e| e.date);
    let mut out = Vec::new();
    for (name, due) in assessment.deadlines.all() {
        let Some(&(_, label, kind, nature)) = DEADLINES.iter().find(|(n, ..)| *n == name) else {
            continue;
        };
        let meeting = first(case, kind);
        let Some(due) = due else {
            // Only the two duties a person waits on are shown before they start.
            let waiting = match name {
                "response_due" => meeting.is_none(),
                "internal_review_due" => {
                    first(case, EventType::Response).is_some()
                        && first(case, EventType::InternalReview).is_none()
                }
                _ => false,
            };
            if waiting && closed.is_none() {
                out.push(DeadlineState {
                    name,
                    label,
                    due: None,
                    status: DeadlineStatus::NotStarted,
                    event: None,
                });
            }
            continue;
        };
        let status = match meeting {
            Some(e) if closed.is_none_or(|c| e.date <= c) => met_or_missed(e.date, due, calendar)?,
            _ => match closed {
                Some(on) => DeadlineStatus::Stopped { on },
                None if nature == Nature::Right && due < as_at => DeadlineStatus::Unused,
                None => running_status(due, as_at, calendar)?,
            },
        };
        let event = match status {
            DeadlineStatus::Met { .. } | DeadlineStatus::Missed { .. } => meeting.map(|e| e.number),
            _ => None,
        };
        out.push(DeadlineState {
            name,
            label,
            due: Some(due),
            status,
            event,
        });
    }
    Ok(out)
}

/// The first event of a kind in the effective timeline.
fn first(case: &Case, kind: EventType) -> Option<&Event> {
    case.events.iter().find(|e| e.kind.event_type() == kind)
}

fn met_or_missed(
    on: Date,
    due: Date,
    calendar: &WorkingDayCalendar,
) -> Result<DeadlineStatus, CalendarError> {
    Ok(if on <= due {
        DeadlineStatus::Met {
            on,
            working_days_early: calendar.working_days_between(on, due)?,
        }
    } else {
        DeadlineStatus::Missed {
            on,
            by_working_days: calendar.working_days_between(due, on)?,
        }
    })
}

/// A deadline nothing has met yet, as at `as_at`: running (0 left = due
/// today) or overdue. What the dashboard's queues show.
pub fn running_status(
    due: Date,
    as_at: Date,
    calendar: &WorkingDayCalendar,
) -> Result<DeadlineStatus, CalendarError> {
    Ok(if due >= as_at {
        DeadlineStatus::Running {
            working_days_left: calendar.working_days_between(as_at, due)?,
        }
    } else {
        DeadlineStatus::Overdue {
            by_working_days: calendar.working_days_between(due, as_at)?,
        }
    })
}

fn days(n: u32) -> String {
    if n == 1 {
        "1 working day".to_owned()
    } else {
        format!("{n} working days")
    }
}

impl DeadlineStatus {
    /// In words for people, the same on every page: "Met on 3 March 2026
    /// (2 working days early)", "Missed by 4 working days", "4 working days
    /// left", "Due today", "Not yet started".
    pub fn words(&self) -> String {
        match *self {
            DeadlineStatus::Met {
                on,
                working_days_early: 0,
            } => format!("Met on {} (on the day it was due)", on.long_form()),
            DeadlineStatus::Met {
                on,
                working_days_early,
            } => format!(
                "Met on {} ({} early)",
                on.long_form(),
                days(working_days_early)
            ),
            DeadlineStatus::Missed {
                on,
                by_working_days: 0,
            } => format!(
                "Missed: done on {}, after the day it was due",
                on.long_form()
            ),
            DeadlineStatus::Missed {
                on,
                by_working_days,
            } => format!(
                "Missed by {} (done on {})",
                days(by_working_days),
                on.long_form()
            ),
            DeadlineStatus::Running {
                working_days_left: 0,
            } => "Due today".to_owned(),
            DeadlineStatus::Running { working_days_left } => {
                format!("{} left", days(working_days_left))
            }
            DeadlineStatus::Overdue { by_working_days: 0 } => {
                "Overdue since the last working day".to_owned()
            }
            DeadlineStatus::Overdue { by_working_days } => {
                format!("Overdue: missed by {} so far", days(by_working_days))
            }
            DeadlineStatus::NotStarted => "Not yet started".to_owned(),
            DeadlineStatus::Unused => "Time ran out without it being used".to_owned(),
            DeadlineStatus::Stopped { on } => {
                format!("Stopped on {}: the request was closed", on.long_form())
            }
        }
    }

    /// Met: the deadline was kept.
    pub fn is_met(&self) -> bool {
        matches!(self, DeadlineStatus::Met { .. })
    }

    /// Still open: running or overdue.
    pub fn is_open(&self) -> bool {
        matches!(
            self,
            DeadlineStatus::Running { .. } | DeadlineStatus::Overdue { .. }
        )
    }
}

/// For the closing events: the words for the status they leave.
pub fn closing_words(kind: &EventKind) -> Option<String> {
    match kind {
        EventKind::Withdrawn => Some("The requester withdrew the request.".to_owned()),
        EventKind::Duplicate { of } => Some(format!("A duplicate of request {of}.")),
        EventKind::Transferred { to } => Some(format!(
            "Transferred to {to} under the code of practice (s.45)."
        )),
        _ => None,
    }
}
