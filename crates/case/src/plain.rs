//! Where a request stands, in the requester's plain words: "awaiting
//! response, due 4 December", "response overdue by 3 working days",
//! "refused in part", "under review", "with the Commissioner". What "My
//! requests" and the top of a requester's request page say.

use foidesk_calendar::{CalendarError, Date, WorkingDayCalendar};

use crate::deadline::{running_status, DeadlineStatus};
use crate::model::{Case, EventKind, Outcome, Response};
use crate::{stage, Assessment, ReviewResult, Status};

/// "4 December", with the year only when it is not `as_at`'s year.
pub fn day_and_month(date: Date, as_at: Date) -> String {
    let long = date.long_form();
    if date.year() == as_at.year() {
        long.rsplit_once(' ')
            .map_or(long.clone(), |(d, _)| d.to_owned())
    } else {
        long
    }
}

/// The request's status for its requester, as at `as_at`.
pub fn requester_status(
    case: &Case,
    assessment: &Assessment,
    as_at: Date,
    calendar: &WorkingDayCalendar,
) -> Result<String, CalendarError> {
    let deadlines = &assessment.deadlines;
    let waiting = |what: &str, date: Option<Date>| -> Result<String, CalendarError> {
        Ok(match date {
            None => what.to_owned(),
            Some(date) => match running_status(date, as_at, calendar)? {
                DeadlineStatus::Overdue { by_working_days } if by_working_days > 0 => {
                    format!("{what} overdue by {}", working_days(by_working_days))
                }
                DeadlineStatus::Overdue { .. } => format!("{what} overdue"),
                _ => format!("awaiting {what}, due {}", day_and_month(date, as_at)),
            },
        })
    };
    let status = stage(case, assessment).status;
    Ok(match status {
        Status::AwaitingResponse => waiting("response", deadlines.response_due)?,
        Status::AwaitingClarification => "the authority asked you to clarify".to_owned(),
        Status::AwaitingFee => "a fee is asked for before the authority answers".to_owned(),
        Status::Responded => response_words(last_response(case)),
        Status::AwaitingInternalReview => match deadlines.internal_review_due {
            Some(date) if date < as_at => waiting("internal review", Some(date))?,
            _ => "under review".to_owned(),
        },
        Status::Reviewed => match last_review(case) {
            Some(ReviewResult::Upheld) => "review upheld the response".to_owned(),
            Some(ReviewResult::UpheldInPart) => "review changed the response in part".to_owned(),
            Some(ReviewResult::Overturned) => "review overturned the response".to_owned(),
            Some(ReviewResult::Declined) | None => "the authority declined to review".to_owned(),
        },
        Status::WithCommissioner => "with the Commissioner".to_owned(),
        Status::UnderInvestigation => "the Commissioner is investigating".to_owned(),
        Status::ComplaintDeclined => "the Commissioner will not investigate: see why".to_owned(),
        Status::StepsOrdered => "the Commissioner ordered steps".to_owned(),
        Status::Decided => "decided by the Commissioner".to_owned(),
        Status::Appealed => "appealed to the Tribunal".to_owned(),
        Status::Withdrawn => "withdrawn".to_owned(),
        Status::Duplicate => "closed as a repeat of another request".to_owned(),
        Status::Transferred => "sent on to another authority".to_owned(),
    })
}

fn working_days(n: u32) -> String {
    if n == 1 {
        "1 working day".to_owned()
    } else {
        format!("{n} working days")
    }
}

fn last_response(case: &Case) -> Option<&Response> {
    case.events.iter().rev().find_map(|e| match &e.kind {
        EventKind::Response(r) => Some(r),
        _ => None,
    })
}

fn last_review(case: &Case) -> Option<ReviewResult> {
    case.events.iter().rev().find_map(|e| match &e.kind {
        EventKind::InternalReview { result } => Some(*result),
        _ => None,
    })
}

/// "answered in full", "refused", "refused in part", "information not held".
fn response_words(response: Option<&Response>) -> String {
    let Some(r) = response else {
        return "answered".to_owned();
    };
    let refused = r.outcomes.iter().filter(|o| o.outcome.is_refusal()).count();
    let not_held = r
        .outcomes
        .iter()
        .filter(|o| o.outcome == Outcome::NotHeld)
        .count();
    let n = r.outcomes.len();
    if refused == 0 && not_held == n {
        "information not held".to_owned()
    } else if refused == 0 {
        "answered".to_owned()
    } else if refused == n
        && r.outcomes
            .iter()
            .all(|o| o.outcome != Outcome::PartDisclosed)
    {
        "refused".to_owned()
    } else {
        "refused in part".to_owned()
    }
}
