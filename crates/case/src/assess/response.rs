//! The response: was it in time (s.10(1), reg.5(2)), was the refusal notice
//! in time and complete (s.17, reg.14), and were the exemptions cited able
//! to do what the authority used them for (NCND limbs, regime, in force).

use std::collections::BTreeSet;

use foidesk_calendar::Date;
use foidesk_law::{Amount, Effect, Parameter, ProvisionId, Regime, TestType};

use super::clock::{Clock, Pit};
use super::provisions as p;
use super::{wd, AssessError, FindingKind::*, Run};
use crate::model::{AuthorityType, Event, EventKind, Outcome, PartOutcome, Response};

pub(crate) fn run(run: &mut Run<'_>, clock: &Clock) -> Result<(), AssessError> {
    let response = run.first(|k| matches!(k, EventKind::Response(_)));
    let Some(event) = response else {
        return overdue(run, clock);
    };
    let EventKind::Response(response) = &event.kind else {
        return Ok(());
    };
    if let Some(due) = clock.due {
        timeliness(run, event, response, due, clock.pit.as_ref())?;
    }
    for outcome in &response.outcomes {
        check_outcome(run, event, outcome)?;
    }
    notice_contents(run, event, response)?;
    describe_provisions(run, event, response);
    Ok(())
}

fn overdue(run: &mut Run<'_>, clock: &Clock) -> Result<(), AssessError> {
    let Some(due) = clock.due else { return Ok(()) };
    if run.as_at > due {
        let late = run.wd_between("lateness", due, run.as_at)?;
        let provision = run.by_regime(p::S10_1, p::REG5_2);
        run.push(
            Breach,
            provision,
            None,
            format!(
                "No response is recorded: it was due by {due} and is {} late as at {}.",
                wd(late),
                run.as_at
            ),
        )?;
    }
    Ok(())
}

/// Whether a refused part may wait for the public interest decision: only
/// parts refused under a qualified exemption named in the extension.
fn covered_by_extension(run: &Run<'_>, pit: &Pit, outcome: &PartOutcome, on: Date) -> bool {
    matches!(
        outcome.outcome,
        Outcome::Withheld | Outcome::PartDisclosed | Outcome::Ncnd
    ) && outcome.provisions.iter().any(|id| {
        pit.provisions
            .iter()
            .any(|named| named.covers(id) || id.covers(named))
            && matches!(run.ctx.law.effect_on(id, on), Some(Effect::Qualified))
    })
}

fn timeliness(
    run: &mut Run<'_>,
    event: &Event,
    response: &Response,
    due: Date,
    pit: Option<&Pit>,
) -> Result<(), AssessError> {
    if event.date <= due {
        return Ok(());
    }
    let late = run.wd_between("lateness", due, event.date)?;
    let all_covered = pit.is_some_and(|pit| {
        response
            .outcomes
            .iter()
            .all(|o| covered_by_extension(run, pit, o, event.date))
    });
    if !all_covered {
        let provision = run.by_regime(p::S10_1, p::REG5_2);
        run.push(
            Breach,
            provision,
            Some(event),
            format!(
                "The response of {} came {} after the time for compliance ended on {due}.",
                event.date,
                wd(late)
            ),
        )?;
        let notice_already_late = run.found(Breach, p::S17_1);
        if response.refuses_anything() && pit.is_none() && !notice_already_late {
            let uses_s12_or_s14 = response
                .outcomes
                .iter()
                .any(|o| matches!(o.outcome, Outcome::CostLimit | Outcome::Vexatious));
            let provision = if run.eir() {
                p::REG14_2
            } else if uses_s12_or_s14 {
                p::S17_5
            } else {
                p::S17_1
            };
            run.push(
                Breach,
                provision,
                Some(event),
                format!("The refusal notice was not given within the time for compliance, which ended on {due}."),
            )?;
        }
    }
    if let Some(pit) = pit {
        if let Some(estimate) = pit.estimate.filter(|est| event.date > *est) {
            run.push(
                Warning,
                p::S10_3,
                Some(event),
                format!("The public interest decision came on {}, after the authority's own estimate of {estimate}.", event.date),
            )?;
        }
        if event.date > pit.guidance_limit {
            run.push(
                Warning,
                p::S10_3,
                Some(event),
                format!(
                    "The public interest decision took until {}, beyond {}: the Commissioner regards more than {} extra {} as unreasonable save in exceptional cases.",
                    event.date,
                    pit.guidance_limit,
                    pit.extra,
                    if pit.extra == 1 { "working day" } else { "working days" }
                ),
            )?;
        }
    }
    Ok(())
}

fn check_outcome(run: &mut Run<'_>, event: &Event, o: &PartOutcome) -> Result<(), AssessError> {
    let eir = run.eir();
    let part = if o.part == "all" {
        "The request".to_owned()
    } else {
        format!("Part {}", o.part)
    };
    if o.outcome.needs_provision() && o.provisions.is_empty() {
        let provision = run.by_regime(p::S17_1_B, p::REG14_3_A);
        run.push(
            Breach,
            provision,
            Some(event),
            format!("{part} was refused without naming the exemption relied on."),
        )?;
    }
    if eir && matches!(o.outcome, Outcome::CostLimit | Outcome::Vexatious) {
        run.push(
            Warning,
            p::REG12_4_B,
            Some(event),
            format!("{part}: the EIR have no cost limit or vexatious-request provision; a request of that kind is refused as manifestly unreasonable under reg.12(4)(b)."),
        )?;
    }
    if !eir && o.outcome == Outcome::CostLimit {
        cost_limit(run, event, &part)?;
    }
    for id in &o.provisions {
        check_provision(run, event, &part, o.outcome, id)?;
    }
    Ok(())
}

/// s.12: state the appropriate limit that applied, so the estimate can be checked.
fn cost_limit(run: &mut Run<'_>, event: &Event, part: &str) -> Result<(), AssessError> {
    let central = run.case.request.authority_type == AuthorityType::CentralGovernment;
    let limit = if central {
        Parameter::CostLimitCentralPence
    } else {
        Parameter::CostLimitOtherPence
    };
    let pence = |p| match run.parameter("the cost limit", p, event.date) {
        Ok(Amount::Pence(n)) => Some(n),
        _ => None,
    };
    if let (Some(limit), Some(rate)) = (pence(limit), pence(Parameter::StaffHourlyRatePence)) {
        let hours = limit.checked_div(rate).unwrap_or(0);
        run.push(
            Info,
            p::S12,
            Some(event),
            format!(
                "{part} was refused on cost: the appropriate limit for {} authority is £{} ({hours} hours at £{} an hour); only determining, locating, retrieving and extracting count.",
                if central { "a central government" } else { "this" },
                limit / 100,
                rate / 100
            ),
        )?;
    }
    Ok(())
}

fn check_provision(
    run: &mut Run<'_>,
    event: &Event,
    part: &str,
    outcome: Outcome,
    id: &ProvisionId,
) -> Result<(), AssessError> {
    let law = run.ctx.law;
    let regime = run.regime();
    if id.regime() != regime {
        let (provision, summary) = match regime {
            Regime::Foia => (
                p::S39,
                format!("{part} cites {id}, an EIR exception, in a FOIA case: if the information is environmental, s.39 exempts it from FOIA and the EIR apply instead."),
            ),
            Regime::Eir => (
                p::REG12,
                format!("{part} cites {id}, a FOIA exemption, in an EIR case: environmental information is refused only under the EIR exceptions."),
            ),
        };
        return run.push(Warning, provision, Some(event), summary);
    }
    if !law.is_exemption(id) {
        run.push_id(
            Warning,
            id.clone(),
            Some(event),
            format!("{part} cites {id}, which is not an exemption or exception."),
        );
        return Ok(());
    }
    if !law.in_force_on(id, event.date) {
        run.push_id(
            Breach,
            id.clone(),
            Some(event),
            format!(
                "{part} relies on {id}, which was not in force on {}.",
                event.date
            ),
        );
    }
    let is_ncnd_limb = law.is_ncnd_provision(id);
    match outcome {
        Outcome::Ncnd if is_ncnd_limb => {}
        Outcome::Ncnd => match law.ncnd_provision(id) {
            Some(limb) => run.push_id(
                Info,
                limb.clone(),
                Some(event),
                format!("{part}: neither confirming nor denying under {id} is read as reliance on its NCND provision, {limb}."),
            ),
            None => {
                let provision = run.by_regime(p::S1_1_A, p::REG12_6);
                let why = if run.eir() {
                    "under the EIR only reg.12(5)(a) (through reg.12(6)) and reg.13 allow a neither-confirm-nor-deny response".to_owned()
                } else {
                    format!("{id} has no provision excluding the duty to confirm or deny")
                };
                run.push(
                    Breach,
                    provision,
                    Some(event),
                    format!("{part}: the authority would neither confirm nor deny under {id}, but {why}, so it had to say whether it holds the information."),
                )?;
            }
        },
        _ if is_ncnd_limb => run.push_id(
            Warning,
            id.clone(),
            Some(event),
            format!("{part}: {id} only removes the duty to confirm or deny; withholding information needs the exemption itself."),
        ),
        _ => {}
    }
    Ok(())
}

/// What the refusal notice had to say (s.17(3), s.17(7); reg.14(3), (5)),
/// judged only where the case file records it.
fn notice_contents(
    run: &mut Run<'_>,
    event: &Event,
    response: &Response,
) -> Result<(), AssessError> {
    if !response.refuses_anything() {
        return Ok(());
    }
    let law = run.ctx.law;
    let qualified: Vec<String> = cited(response)
        .into_iter()
        .filter(|id| matches!(law.effect_on(id, event.date), Some(Effect::Qualified)))
        .map(|id| id.to_string())
        .collect();
    if response.public_interest_reasons == Some(false) && (run.eir() || !qualified.is_empty()) {
        let provision = run.by_regime(p::S17_3, p::REG14_3_B);
        let which = if qualified.is_empty() {
            "the exceptions".to_owned()
        } else {
            qualified.join(", ")
        };
        run.push(
            Breach,
            provision,
            Some(event),
            format!("The refusal notice gives no public interest reasons for {which}."),
        )?;
    }
    if response.states_review_procedure == Some(false) {
        let provision = run.by_regime(p::S17_7_A, p::REG14_5);
        run.push(
            Breach,
            provision,
            Some(event),
            "The refusal notice does not give particulars of the internal review procedure.",
        )?;
    }
    if response.states_complaint_right == Some(false) {
        let provision = run.by_regime(p::S17_7_B, p::REG14_5);
        run.push(
            Breach,
            provision,
            Some(event),
            "The refusal notice does not state the right to complain to the Commissioner under s.50.",
        )?;
    }
    Ok(())
}

fn cited(response: &Response) -> BTreeSet<ProvisionId> {
    response
        .outcomes
        .iter()
        .flat_map(|o| o.provisions.iter().cloned())
        .collect()
}

/// One line per exemption relied on: how it is engaged and whether the
/// public interest test applies, as the law stood on the response date.
fn describe_provisions(run: &mut Run<'_>, event: &Event, response: &Response) {
    let law = run.ctx.law;
    for id in cited(response) {
        if id.regime() != run.regime() || !law.is_exemption(&id) {
            continue;
        }
        let title = law
            .part(&id)
            .map(|p| p.title.clone())
            .or_else(|| law.provision(&id).map(|p| p.title.clone()))
            .unwrap_or_default();
        let balance = run.by_regime("s.2", "reg.12(1)");
        let test = law
            .test_type(&id)
            .map_or("engagement test unstated", test_phrase);
        let effect = match law.effect_on(&id, event.date) {
            Some(Effect::Absolute) => "absolute: no public interest test".to_owned(),
            Some(Effect::Qualified) => "qualified: subject to the public interest test".to_owned(),
            Some(Effect::AbsoluteWhere(cond)) => {
                format!("absolute where {cond}, otherwise qualified")
            }
            None => "effect unknown".to_owned(),
        };
        run.push_id(
            Info,
            id.clone(),
            Some(event),
            format!(
                "{id} ({title}): {test}; {effect} ({balance} as in force on {}).",
                event.date
            ),
        );
    }
}

fn test_phrase(test: TestType) -> &'static str {
    match test {
        TestType::Class => "class-based",
        TestType::Prejudice => "prejudice-based",
        TestType::RequiredFor => "engaged where exemption is required for its purpose",
        TestType::Endangerment => "engaged where disclosure would or would be likely to endanger",
        TestType::QualifiedPersonOpinion => {
            "engaged on the reasonable opinion of a qualified person"
        }
    }
}
