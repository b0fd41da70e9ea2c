//! The complaint to the Commissioner: s.50(2)(a), complaints procedure not
//! exhausted; s.50(2)(b), undue delay, judged by the Commissioner's window
//! in force on the date (a dated policy in the law crate).

use foidesk_calendar::Date;
use foidesk_law::Parameter;

use super::provisions as p;
use super::{AssessError, FindingKind::*, Run};
use crate::model::{EventKind, ReviewResult};

pub(crate) fn run(run: &mut Run<'_>) -> Result<(), AssessError> {
    let complaint = run.first(|k| matches!(k, EventKind::Complaint));
    let cutoff = complaint.map_or(run.as_at, |c| c.date);
    let on_or_before = |d: Date| d <= cutoff;
    let response = run
        .first(|k| matches!(k, EventKind::Response(_)))
        .filter(|e| on_or_before(e.date));
    let requested = run
        .first(|k| matches!(k, EventKind::InternalReviewRequested))
        .filter(|e| on_or_before(e.date));
    let review = run
        .first(|k| matches!(k, EventKind::InternalReview { .. }))
        .filter(|e| on_or_before(e.date));
    let last_contact = review.or(response);

    let Some(complaint) = complaint else {
        if let Some(last) = last_contact {
            let by = run.add_parameter(
                "the complaint window",
                Parameter::ComplaintWindow,
                last.date,
                last.date,
            )?;
            run.deadlines.complaint_by = Some(by);
        }
        return Ok(());
    };

    // s.50(2)(a): a non-response can be complained of at once; otherwise the
    // review must be finished, declined, or 40 working days overdue.
    if response.is_some() && review.is_none() {
        let waited_long_enough = match requested {
            Some(req) => {
                let limit = run.add_parameter(
                    "the internal review maximum",
                    review_max(run),
                    req.date,
                    req.date,
                )?;
                complaint.date > limit
            }
            None => false,
        };
        if !waited_long_enough {
            let summary = match requested {
                Some(req) => format!("The complaint of {} came before the internal review requested on {} was completed.", complaint.date, req.date),
                None => format!("The complaint of {} came before any internal review was requested: the Commissioner may decline it until the authority's complaints procedure is exhausted.", complaint.date),
            };
            run.push(Warning, p::S50_2_A, Some(complaint), summary)?;
        }
    }
    if let Some(review) = review {
        if let EventKind::InternalReview {
            result: ReviewResult::Declined,
        } = review.kind
        {
            run.push(
                Info,
                p::S50_2_A,
                Some(review),
                "The authority declined to review, so its complaints procedure counts as exhausted.",
            )?;
        }
    }

    // s.50(2)(b): undue delay, measured from the last meaningful contact.
    if let Some(last) = last_contact {
        let by = run.add_parameter(
            "the complaint window",
            Parameter::ComplaintWindow,
            complaint.date,
            last.date,
        )?;
        if complaint.date > by {
            let window = run.period_text(
                "the complaint window",
                Parameter::ComplaintWindow,
                complaint.date,
            )?;
            run.push(
                Warning,
                p::S50_2_B,
                Some(complaint),
                format!(
                    "The complaint of {} came after {by}, the end of the Commissioner's window ({}) from the last contact on {}: it may be refused for undue delay.",
                    complaint.date, window, last.date
                ),
            )?;
        }
    }
    Ok(())
}

fn review_max(run: &Run<'_>) -> Parameter {
    if run.eir() {
        Parameter::EirReconsiderationWorkingDays
    } else {
        Parameter::InternalReviewMaxWorkingDays
    }
}
