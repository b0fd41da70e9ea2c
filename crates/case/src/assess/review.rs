//! Internal review. FOIA has none in statute: the s.45 Code and the
//! Commissioner's guidance set 40 working days to ask and 20 (at most 40) to
//! answer. The EIR make it statutory: reg.11, 40 + 40 working days.

use foidesk_law::Parameter;

use super::provisions as p;
use super::{wd, AssessError, FindingKind::*, Run};
use crate::model::{EventKind, ReviewResult};

pub(crate) fn run(run: &mut Run<'_>) -> Result<(), AssessError> {
    let response = run.first(|k| matches!(k, EventKind::Response(_)));
    let requested = run.first(|k| matches!(k, EventKind::InternalReviewRequested));
    let review = run.first(|k| matches!(k, EventKind::InternalReview { .. }));
    let eir = run.eir();

    let (ask_param, ask_provision) = if eir {
        (Parameter::EirReconsiderationRequestWorkingDays, p::REG11_2)
    } else {
        (Parameter::InternalReviewRequestWorkingDays, p::S45)
    };
    if let Some(response) = response {
        let ask_by = run.add_parameter(
            "the internal review request window",
            ask_param,
            response.date,
            response.date,
        )?;
        if requested.is_none() && review.is_none() {
            run.deadlines.internal_review_request_by = Some(ask_by);
        }
        if let Some(req) = requested.filter(|r| r.date > ask_by) {
            let after = run.wd_between("the internal review request", response.date, req.date)?;
            let window = run.working_days(
                "the internal review request window",
                ask_param,
                response.date,
            )?;
            let summary = if eir {
                format!("Representations made on {}, {} after the response of {}: reg.11(2) requires them within {}.", req.date, wd(after), response.date, wd(window))
            } else {
                format!("The internal review was requested on {}, {} after the response of {}: more than the {} the Commissioner's guidance allows, so the authority may decline it.", req.date, wd(after), response.date, wd(window))
            };
            run.push(Warning, ask_provision, Some(req), summary)?;
        }
    }

    let Some(req) = requested else {
        if let Some(review) = review {
            declined(run, review)?;
        }
        return Ok(());
    };
    let (due_param, answer_provision) = if eir {
        (Parameter::EirReconsiderationWorkingDays, p::REG11_4)
    } else {
        (Parameter::InternalReviewWorkingDays, p::S45)
    };
    let due = run.add_parameter(
        "the internal review deadline",
        due_param,
        req.date,
        req.date,
    )?;
    run.deadlines.internal_review_due = Some(due);
    let latest = if eir {
        due
    } else {
        let latest = run.add_parameter(
            "the internal review maximum",
            Parameter::InternalReviewMaxWorkingDays,
            req.date,
            req.date,
        )?;
        run.deadlines.internal_review_latest = Some(latest);
        latest
    };
    match review {
        Some(review) if review.date > due => {
            let late = run.wd_between("the internal review", due, review.date)?;
            let expected = run.working_days("the internal review deadline", due_param, req.date)?;
            let (kind, summary) = if eir {
                (
                    Breach,
                    format!(
                        "The reconsideration decision of {} came {} after the {} ended on {due}.",
                        review.date,
                        wd(late),
                        wd(expected)
                    ),
                )
            } else if review.date > latest {
                let max = run.working_days(
                    "the internal review maximum",
                    Parameter::InternalReviewMaxWorkingDays,
                    req.date,
                )?;
                (Warning, format!("The internal review took until {}, beyond even the {max}-working-day maximum ({latest}) of the s.45 Code guidance.", review.date))
            } else {
                (Warning, format!("The internal review took until {}, beyond the {} ({due}) expected in most cases.", review.date, wd(expected)))
            };
            run.push(kind, answer_provision, Some(review), summary)?;
            declined(run, review)?;
        }
        Some(review) => declined(run, review)?,
        None if run.as_at > latest || (eir && run.as_at > due) => {
            let summary = format!("No internal review outcome is recorded; it was due by {} and the request for it was made on {}.", if eir { due } else { latest }, req.date);
            run.push(
                if eir { Breach } else { Warning },
                answer_provision,
                Some(req),
                summary,
            )?;
        }
        None => {}
    }
    Ok(())
}

fn declined(run: &mut Run<'_>, review: &crate::model::Event) -> Result<(), AssessError> {
    if let EventKind::InternalReview {
        result: ReviewResult::Declined,
    } = review.kind
    {
        let provision = run.by_regime(p::S45, p::REG11_4);
        run.push(
            Info,
            provision,
            Some(review),
            format!(
                "The authority declined to carry out an internal review on {}.",
                review.date
            ),
        )?;
    }
    Ok(())
}
