//! After the decision notice: steps within the period it sets (s.50(4),
//! which may not end before the appeal period, s.50(6)), compliance
//! (s.54) and appeal within the appeal period (s.57; GRC Rules r.22(1)(b)).

use foidesk_law::Parameter;

use super::provisions as p;
use super::{AssessError, FindingKind::*, Run};
use crate::model::EventKind;

pub(crate) fn run(run: &mut Run<'_>) -> Result<(), AssessError> {
    let Some(event) = run.first(|k| matches!(k, EventKind::DecisionNotice(_))) else {
        return Ok(());
    };
    let EventKind::DecisionNotice(notice) = &event.kind else {
        return Ok(());
    };
    let appeal_by = run.add_parameter(
        "the appeal period",
        Parameter::AppealCalendarDays,
        event.date,
        event.date,
    )?;
    run.deadlines.appeal_by = Some(appeal_by);
    let appeal_days = run.calendar_days(
        "the appeal period",
        Parameter::AppealCalendarDays,
        event.date,
    )?;
    for breach in &notice.breaches {
        run.push_id(
            Info,
            breach.clone(),
            Some(event),
            format!(
                "The decision notice of {} records a breach of {breach}.",
                event.date
            ),
        );
    }

    if !notice.steps.is_empty() {
        let steps_due = match notice.steps_days {
            Some(days) => event
                .date
                .checked_add_days(i64::from(days))
                .map_err(|source| AssessError::Calendar {
                    what: "the steps period",
                    source,
                })?,
            None => run.add_parameter(
                "the steps period",
                Parameter::StepsCalendarDays,
                event.date,
                event.date,
            )?,
        };
        run.deadlines.steps_due = Some(steps_due);
        if steps_due < appeal_by {
            run.push(
                Breach,
                p::S50_6,
                Some(event),
                format!("The steps are due on {steps_due}, before the {appeal_days}-day appeal period ends on {appeal_by}."),
            )?;
        }
        let compliance = run
            .case
            .events
            .iter()
            .find(|e| matches!(e.kind, EventKind::Compliance) && e.date >= event.date);
        match compliance {
            Some(c) if c.date > steps_due => run.push(
                Warning,
                p::S54,
                Some(c),
                format!("The steps were complied with on {}, after they fell due on {steps_due}; the Commissioner may certify a failure to the High Court.", c.date),
            )?,
            Some(_) => {}
            None if run.as_at > steps_due => run.push(
                Warning,
                p::S54,
                Some(event),
                format!("No compliance with the steps is recorded, and they fell due on {steps_due}; the Commissioner may certify the failure to the High Court, which may treat it as contempt of court."),
            )?,
            None => {}
        }
    }

    if let Some(appeal) = run.first(|k| matches!(k, EventKind::Appeal { .. })) {
        if appeal.date > appeal_by {
            run.push(
                Warning,
                p::S57,
                Some(appeal),
                format!("The appeal of {} is after {appeal_by}, {appeal_days} days from the notice: the Tribunal must extend time for it to proceed (GRC Rules r.22(1)(b), r.5(3)(a)).", appeal.date),
            )?;
        }
    }
    Ok(())
}
