//! When the response is due: date of receipt (s.10(6), restarted by
//! clarification under s.1(3)), the fee pause (s.10(2)), Time for Compliance
//! variations (s.10(4)), the EIR reg.7 extension and the s.10(3) public
//! interest extension.

use foidesk_calendar::Date;
use foidesk_law::{Effect, Parameter, ProvisionId};

use super::provisions as p;
use super::{wd, AssessError, FindingKind::*, Run};
use crate::model::{AuthorityType, EventKind};

pub(crate) struct Clock {
    /// Date of receipt; `None` while clarification is awaited.
    pub receipt: Option<Date>,
    /// The time for compliance; `None` when the clock is stopped.
    pub due: Option<Date>,
    /// A public interest extension that met s.10(3) and s.17(2).
    pub pit: Option<Pit>,
}

pub(crate) struct Pit {
    pub estimate: Option<Date>,
    /// ICO guidance: normally no more than `extra` working days beyond the usual limit.
    pub guidance_limit: Date,
    pub extra: u32,
    pub provisions: Vec<ProvisionId>,
}

pub(crate) fn run(run: &mut Run<'_>) -> Result<Clock, AssessError> {
    let Some(receipt) = date_of_receipt(run)? else {
        return Ok(Clock {
            receipt: None,
            due: None,
            pit: None,
        });
    };
    let pause = fee_pause(run, receipt)?;
    let due = match pause {
        FeeState::Stopped => None,
        FeeState::None => Some(time_for_compliance(run, receipt, None)?),
        FeeState::Paused(from, to) => Some(time_for_compliance(run, receipt, Some((from, to)))?),
    };
    let due = match due {
        Some(d) => Some(eir_extension(run, receipt, pause, d)?),
        None => None,
    };
    run.deadlines.response_due = due;
    let pit = match due {
        Some(d) => pit_extension(run, receipt, d)?,
        None => None,
    };
    Ok(Clock {
        receipt: Some(receipt),
        due,
        pit,
    })
}

fn date_of_receipt(run: &mut Run<'_>) -> Result<Option<Date>, AssessError> {
    let received = run.case.request.received;
    let Some(sought) = run.first(|k| matches!(k, EventKind::ClarificationSought)) else {
        return Ok(Some(received));
    };
    match run.first(|k| matches!(k, EventKind::ClarificationReceived)) {
        Some(answer) => {
            run.push(
                Info,
                p::S1_3,
                Some(answer),
                format!(
                    "Clarification sought on {} was supplied on {}: that is the date of receipt (s.10(6)(b)), so the clock restarts from it.",
                    sought.date, answer.date
                ),
            )?;
            Ok(Some(answer.date.max(received)))
        }
        None => {
            run.push(
                Info,
                p::S1_3,
                Some(sought),
                format!(
                    "Clarification was sought on {}; the authority need not comply until it is supplied, so no response is due yet.",
                    sought.date
                ),
            )?;
            Ok(None)
        }
    }
}

#[derive(Clone, Copy)]
enum FeeState {
    None,
    /// Working days in this inclusive range are disregarded (s.10(2)).
    Paused(Date, Date),
    /// Fee unpaid, or paid too late: nothing is due.
    Stopped,
}

fn fee_pause(run: &mut Run<'_>, receipt: Date) -> Result<FeeState, AssessError> {
    let Some(notice) = run.first(|k| matches!(k, EventKind::FeeNotice { .. })) else {
        return Ok(FeeState::None);
    };
    let unpaused_due = time_for_compliance(run, receipt, None)?;
    if notice.date > unpaused_due {
        run.push(
            Warning,
            p::S9,
            Some(notice),
            format!(
                "The fees notice of {} came after the time for compliance ended on {unpaused_due}; a fees notice is given within that time.",
                notice.date
            ),
        )?;
    }
    let pay_by = run.add_parameter(
        "the fee payment window",
        Parameter::FeePaymentMonths,
        notice.date,
        notice.date,
    )?;
    let pay_window = run.period_text(
        "the fee payment window",
        Parameter::FeePaymentMonths,
        notice.date,
    )?;
    let paid = run.first(|k| matches!(k, EventKind::FeePaid));
    match paid {
        Some(paid) if paid.date <= pay_by => {
            let days = run.wd_between(
                "the fee pause",
                notice.date.checked_add_days(-1).unwrap_or(notice.date),
                paid.date,
            )?;
            run.push(
                Info,
                p::S10_2,
                Some(paid),
                format!(
                    "Fee paid on {}: the {} from the fees notice of {} to payment are disregarded.",
                    paid.date,
                    wd(days),
                    notice.date
                ),
            )?;
            Ok(FeeState::Paused(notice.date, paid.date))
        }
        Some(paid) => {
            run.push(
                Info,
                p::S9_2,
                Some(paid),
                format!(
                    "The fee was paid on {}, after the {pay_window} allowed from the notice of {} (ended {pay_by}): the authority was not obliged to comply.",
                    paid.date, notice.date
                ),
            )?;
            Ok(FeeState::Stopped)
        }
        None => {
            run.deadlines.fee_payment_by = Some(pay_by);
            let summary = if run.as_at > pay_by {
                format!("No fee was paid within {pay_window} of the notice of {}: the authority need not comply.", notice.date)
            } else {
                format!("The clock is stopped until the fee is paid; payment is due by {pay_by}.")
            };
            run.push(Info, p::S9_2, Some(notice), summary)?;
            Ok(FeeState::Stopped)
        }
    }
}

/// The time for compliance under s.10(1) or the Time for Compliance
/// Regulations, with an optional fee pause.
fn time_for_compliance(
    run: &mut Run<'_>,
    receipt: Date,
    pause: Option<(Date, Date)>,
) -> Result<Date, AssessError> {
    let request = &run.case.request;
    let paused = move |d: Date| pause.is_some_and(|(a, b)| a <= d && d <= b);
    let calendar = run.ctx.calendar;
    let count = |what: &'static str, n: u32, school: bool| -> Result<Date, AssessError> {
        let closures = &request.school_closures;
        let counts =
            |d: Date| !(paused(d) || (school && closures.iter().any(|c| c.from <= d && d <= c.to)));
        if pause.is_none() && !school {
            calendar.add_working_days(receipt, n)
        } else {
            calendar.add_working_days_where(receipt, n, &counts)
        }
        .map_err(|source| AssessError::Calendar { what, source })
    };
    let standard = run.working_days(
        "the response period",
        Parameter::ResponseWorkingDays,
        receipt,
    )?;
    match request.authority_type {
        AuthorityType::School | AuthorityType::Academy | AuthorityType::NiSchool => {
            let school_days =
                run.working_days("the school-day period", Parameter::SchoolDays, receipt)?;
            let cap =
                run.working_days("the school cap", Parameter::SchoolCapWorkingDays, receipt)?;
            let by_school_days = count("the school-day deadline", school_days, true)?;
            let by_cap = count("the school cap deadline", cap, false)?;
            let due = by_school_days.min(by_cap);
            run.push(
                Info,
                p::S10_4,
                None,
                format!(
                    "Time for Compliance Regulations (schools): the {school_days}th working day counting school days only ({by_school_days}) or the {cap}th working day ({by_cap}), whichever is first: {due}."
                ),
            )?;
            Ok(due)
        }
        AuthorityType::Archives => {
            let n = run.working_days(
                "the archives period",
                Parameter::ArchivesWorkingDays,
                receipt,
            )?;
            let due = count("the archives deadline", n, false)?;
            run.push(
                Info,
                p::S10_4,
                None,
                format!("Time for Compliance Regulations (archives, SI 2004/3364 reg.4): the {n}th working day, {due}."),
            )?;
            Ok(due)
        }
        AuthorityType::Standard | AuthorityType::CentralGovernment => {
            count("the response deadline", standard, false)
        }
    }
}

fn eir_extension(
    run: &mut Run<'_>,
    receipt: Date,
    pause: FeeState,
    due: Date,
) -> Result<Date, AssessError> {
    let Some(ext) = run.first(|k| matches!(k, EventKind::EirExtension)) else {
        return Ok(due);
    };
    if !run.eir() {
        run.push(
            Warning,
            p::S10_1,
            Some(ext),
            "The EIR reg.7 extension does not apply to a FOIA request; the FOIA time for compliance stands.",
        )?;
        return Ok(due);
    }
    let standard = run.working_days(
        "the response period",
        Parameter::ResponseWorkingDays,
        receipt,
    )?;
    if ext.date > due {
        run.push(
            Breach,
            p::REG7,
            Some(ext),
            format!(
                "The reg.7 extension was notified on {}, after the {} ended on {due}; the requester must be told within that time.",
                ext.date,
                wd(standard)
            ),
        )?;
        return Ok(due);
    }
    let n = run.working_days(
        "the reg.7 period",
        Parameter::EirExtendedWorkingDays,
        receipt,
    )?;
    let extended = match pause {
        FeeState::Paused(a, b) => run
            .ctx
            .calendar
            .add_working_days_where(receipt, n, &|d| !(a <= d && d <= b))
            .map_err(|source| AssessError::Calendar {
                what: "the reg.7 deadline",
                source,
            })?,
        _ => run.add_wd("the reg.7 deadline", receipt, n)?,
    };
    run.push(
        Info,
        p::REG7_1,
        Some(ext),
        format!(
            "Time extended to the {n}th working day ({extended}); reg.7(1) allows this only where both the complexity and the volume of the information make {} impracticable.",
            wd(standard)
        ),
    )?;
    Ok(extended)
}

fn pit_extension(run: &mut Run<'_>, receipt: Date, due: Date) -> Result<Option<Pit>, AssessError> {
    let Some(ext) = run.first(|k| matches!(k, EventKind::PitExtension { .. })) else {
        return Ok(None);
    };
    let EventKind::PitExtension {
        estimate,
        provisions,
    } = &ext.kind
    else {
        return Ok(None);
    };
    let standard = run.working_days(
        "the response period",
        Parameter::ResponseWorkingDays,
        receipt,
    )?;
    if run.eir() {
        run.push(
            Warning,
            p::REG5_2,
            Some(ext),
            format!("The EIR have no public interest extension (only reg.7, for complexity and volume): the {standard}-working-day limit stands."),
        )?;
        return Ok(None);
    }
    if ext.date > due {
        run.push(
            Breach,
            p::S17_1,
            Some(ext),
            format!(
                "The public interest extension notice of {} came after the time for compliance ended on {due}; s.10(3) does not move the s.17(1) deadline, so the notice was late and could not extend the time.",
                ext.date
            ),
        )?;
        return Ok(None);
    }
    let mut valid = true;
    if provisions.is_empty() {
        run.push(
            Breach,
            p::S17_1_B,
            Some(ext),
            "The extension notice does not specify the exemption whose public interest is being considered.",
        )?;
    }
    let absolute: Vec<String> = provisions
        .iter()
        .filter(|id| matches!(run.ctx.law.effect_on(id, ext.date), Some(Effect::Absolute)))
        .map(|id| id.to_string())
        .collect();
    if !provisions.is_empty() && absolute.len() == provisions.len() {
        valid = false;
        run.push(
            Warning,
            p::S10_3,
            Some(ext),
            format!(
                "s.10(3) allows extra time only to weigh the public interest for qualified exemptions; {} is absolute, so no extension applies.",
                absolute.join(", ")
            ),
        )?;
    }
    let extra = run.working_days(
        "the public interest guidance",
        Parameter::PitExtraWorkingDays,
        ext.date,
    )?;
    let guidance_limit = run.add_wd(
        "the public interest guidance limit",
        receipt,
        standard.saturating_add(extra),
    )?;
    match estimate {
        None => run.push(
            Breach,
            p::S17_2,
            Some(ext),
            "The extension notice gives no estimate of the date by which the public interest decision will be reached.",
        )?,
        Some(est) if *est > guidance_limit => run.push(
            Warning,
            p::S10_3,
            Some(ext),
            format!(
                "The estimate {est} is beyond {guidance_limit}: the Commissioner's guidance expects no more than {} beyond the usual limit save in exceptional cases.",
                wd(extra)
            ),
        )?,
        Some(_) => {}
    }
    if !valid {
        return Ok(None);
    }
    run.deadlines.public_interest_estimate = *estimate;
    run.deadlines.public_interest_guidance_limit = Some(guidance_limit);
    Ok(Some(Pit {
        estimate: *estimate,
        guidance_limit,
        extra,
        provisions: provisions.clone(),
    }))
}
