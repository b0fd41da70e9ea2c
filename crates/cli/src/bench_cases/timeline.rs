//! Case files with the timelines a casework team sees: most requests answered
//! within a month, some late or never; clarifications, fees, extensions,
//! internal reviews and complaints to the Commissioner in rough proportion.
//! Events after today are left out, since they have not happened yet, and
//! what is left is still a valid timeline.

use foidesk_engine::api::{
    CalendarError, CaseFile, CaseMeta, Date, EventFile, EventType, NoticeOutcome, Outcome,
    OutcomeFile, PartFile, RequestFile, ReviewResult,
};

use crate::bench::Rng;

const FOIA_ASKS: [&str; 8] = [
    "The number of reported incidents in each of the last three years.",
    "Copies of the contracts with the supplier of the new case management system.",
    "The total spent on agency staff in the last financial year.",
    "Minutes of the senior leadership team's meetings in March.",
    "The number of complaints received about the service, by month.",
    "Correspondence with the government about the funding settlement.",
    "The policy on the use of body-worn cameras.",
    "The salaries and expenses of the five most senior officers.",
];
const EIR_ASKS: [&str; 4] = [
    "Air quality monitoring data for the high street.",
    "Flood risk assessments for the new housing development.",
    "Correspondence about the planning application for the wind farm.",
    "Records of fly-tipping reports and clearances by ward.",
];
/// Exemptions a refusal relies on, by regime.
const FOIA_WITHHELD: [&str; 5] = ["s.43(2)", "s.31(1)(a)", "s.35(1)(a)", "s.40(2)", "s.21"];
const EIR_WITHHELD: [&str; 4] = [
    "reg.12(5)(e)",
    "reg.12(4)(e)",
    "reg.12(5)(b)",
    "reg.12(4)(b)",
];
/// Qualified exemptions, whose public interest an extension weighs.
const QUALIFIED: [&str; 3] = ["s.43(2)", "s.31(1)(a)", "s.35(1)(a)"];
const REVIEW_RESULTS: [ReviewResult; 5] = [
    ReviewResult::Upheld,
    ReviewResult::Upheld,
    ReviewResult::UpheldInPart,
    ReviewResult::Overturned,
    ReviewResult::Declined,
];

/// The timeline so far: each event comes some days after the one before.
struct Timeline<'r> {
    rng: &'r mut Rng,
    eir: bool,
    received: Date,
    today: Date,
    day: i64,
    events: Vec<EventFile>,
}

impl Timeline<'_> {
    fn roll(&mut self, n: usize) -> usize {
        self.rng.below(n)
    }

    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.rng.below(from.len())]
    }

    /// Add `event` `min..=max` days after the last; false once that is after today.
    fn then(&mut self, min: i64, max: i64, mut event: EventFile) -> Result<bool, CalendarError> {
        let width = max.saturating_sub(min).saturating_add(1);
        let extra = self.rng.below(usize::try_from(width).unwrap_or(1).max(1));
        let day = self
            .day
            .saturating_add(min)
            .saturating_add(i64::try_from(extra).unwrap_or(0));
        let date = self.received.checked_add_days(day)?;
        if date > self.today {
            return Ok(false);
        }
        self.day = day;
        event.date = date.to_string();
        self.events.push(event);
        Ok(true)
    }
}

fn event(kind: EventType) -> EventFile {
    EventFile {
        kind: kind.as_str().to_owned(),
        ..Default::default()
    }
}

/// One request to `authority`, received on `received`, with its timeline up to today.
pub fn case_file(
    rng: &mut Rng,
    authority: &str,
    reference: &str,
    received: Date,
    today: Date,
) -> Result<CaseFile, CalendarError> {
    let eir = rng.below(100) < 15;
    let asks: &[&str] = if eir { &EIR_ASKS } else { &FOIA_ASKS };
    let parts = (1..=[1, 1, 1, 2, 3][rng.below(5)])
        .map(|n: usize| PartFile {
            id: n.to_string(),
            text: asks[rng.below(asks.len())].to_owned(),
        })
        .collect::<Vec<_>>();
    let mut t = Timeline {
        rng,
        eir,
        received,
        today,
        day: 0,
        events: Vec::new(),
    };
    let part_ids: Vec<String> = parts.iter().map(|p| p.id.clone()).collect();
    match t.roll(100) {
        // Never answered: the backlog the overdue queue exists for.
        0..=3 => {}
        4..=11 => {
            let asked = t.then(2, 10, event(EventType::ClarificationSought))?;
            if asked && t.roll(5) > 0 && t.then(1, 30, event(EventType::ClarificationReceived))? {
                respond(&mut t, &part_ids, None)?;
            }
        }
        12..=14 if !eir => {
            let fee = EventFile {
                amount_pence: Some(500_u64.saturating_add(t.roll(20_000) as u64)),
                ..event(EventType::FeeNotice)
            };
            if t.then(5, 15, fee)? && t.roll(4) > 0 && t.then(3, 30, event(EventType::FeePaid))? {
                respond(&mut t, &part_ids, None)?;
            }
        }
        12..=19 => extended(&mut t, &part_ids)?,
        20..=34 => {
            if respond(&mut t, &part_ids, None)? {
                review(&mut t)?;
            }
        }
        35..=37 => {
            if respond(&mut t, &part_ids, None)? {
                t.then(5, 40, event(EventType::InternalReviewRequested))?;
            }
        }
        38..=44 => {
            if respond(&mut t, &part_ids, None)? && review(&mut t)? {
                complain(&mut t)?;
            }
        }
        _ => {
            respond(&mut t, &part_ids, None)?;
        }
    }
    Ok(CaseFile {
        case: Some(CaseMeta {
            reference: Some(reference.to_owned()),
            ..Default::default()
        }),
        request: RequestFile {
            authority: authority.to_owned(),
            authority_type: None,
            regime: if eir { "EIR" } else { "FOIA" }.to_owned(),
            received: received.to_string(),
            requester: None,
            channel: None,
            requester_name: None,
            contact: Vec::new(),
            requester_type: None,
            parts,
            school_calendar: None,
        },
        events: t.events,
        expect: None,
    })
}

/// A public interest extension (FOIA s.10(3)) or EIR reg.7, then a refusal.
fn extended(t: &mut Timeline, part_ids: &[String]) -> Result<(), CalendarError> {
    let (notice, relied_on) = if t.eir {
        (event(EventType::EirExtension), None)
    } else {
        let exemption = t.pick(&QUALIFIED);
        let estimate = t
            .received
            .checked_add_days(t.day.saturating_add(45))?
            .to_string();
        let notice = EventFile {
            estimate: Some(estimate),
            provisions: vec![exemption.to_owned()],
            ..event(EventType::PitExtension)
        };
        (notice, Some(exemption))
    };
    if t.then(14, 27, notice)? {
        respond(t, part_ids, relied_on)?;
    }
    Ok(())
}

/// The response, usually within a month; `relied_on` forces a refusal under it.
fn respond(
    t: &mut Timeline,
    part_ids: &[String],
    relied_on: Option<&str>,
) -> Result<bool, CalendarError> {
    let (min, max) = if t.roll(100) < 85 { (3, 28) } else { (29, 120) };
    let ids: Vec<&str> = match part_ids {
        [_] if t.roll(3) == 0 => vec!["all"],
        _ => part_ids.iter().map(String::as_str).collect(),
    };
    let outcomes: Vec<OutcomeFile> = ids
        .into_iter()
        .map(|part| {
            let (outcome, provisions) = match relied_on {
                Some(p) => (
                    [Outcome::Withheld, Outcome::PartDisclosed][t.roll(2)],
                    vec![p],
                ),
                None => outcome(t),
            };
            OutcomeFile {
                part: part.to_owned(),
                outcome: outcome.as_str().to_owned(),
                provisions: provisions.into_iter().map(str::to_owned).collect(),
            }
        })
        .collect();
    let refusal = outcomes
        .iter()
        .any(|o| o.outcome != Outcome::Disclosed.as_str());
    let stated = |t: &mut Timeline, percent| refusal.then(|| t.roll(100) < percent);
    let response = EventFile {
        public_interest_reasons: stated(t, 85),
        states_review_procedure: stated(t, 95),
        states_complaint_right: stated(t, 92),
        outcomes,
        ..event(EventType::Response)
    };
    t.then(min, max, response)
}

fn outcome(t: &mut Timeline) -> (Outcome, Vec<&'static str>) {
    let roll = t.roll(100);
    if t.eir {
        return match roll {
            0..=39 => (Outcome::Disclosed, vec![]),
            40..=59 => (Outcome::PartDisclosed, vec!["reg.13(1)"]),
            60..=84 => (Outcome::Withheld, vec![t.pick(&EIR_WITHHELD)]),
            _ => (Outcome::NotHeld, vec![]),
        };
    }
    match roll {
        0..=34 => (Outcome::Disclosed, vec![]),
        35..=54 => (Outcome::PartDisclosed, vec!["s.40(2)"]),
        55..=69 => (Outcome::Withheld, vec![t.pick(&FOIA_WITHHELD)]),
        70..=84 => (Outcome::NotHeld, vec![]),
        85..=92 => (Outcome::CostLimit, vec![]),
        93..=96 => (Outcome::Ncnd, vec!["s.31(3)"]),
        _ => (Outcome::Vexatious, vec![]),
    }
}

/// An internal review asked for and answered; false if not both happened yet.
fn review(t: &mut Timeline) -> Result<bool, CalendarError> {
    if !t.then(5, 40, event(EventType::InternalReviewRequested))? {
        return Ok(false);
    }
    let result = EventFile {
        result: Some(t.pick(&REVIEW_RESULTS).as_str().to_owned()),
        ..event(EventType::InternalReview)
    };
    t.then(10, 45, result)
}

/// A complaint to the Commissioner, the decision notice, then compliance or an appeal.
fn complain(t: &mut Timeline) -> Result<(), CalendarError> {
    if !t.then(10, 60, event(EventType::Complaint))? {
        return Ok(());
    }
    let (outcome, ordered) = match t.roll(10) {
        0..=4 => (NoticeOutcome::AuthorityEntitled, false),
        5..=7 => (NoticeOutcome::AuthorityNotEntitled, true),
        _ => (NoticeOutcome::Mixed, true),
    };
    let reference = format!(
        "IC-{}-{}",
        100_000_usize.saturating_add(t.roll(900_000)),
        ["B4K7", "C9D2", "F3L8", "R6T1"][t.roll(4)]
    );
    let late = if t.eir { "reg.5(2)" } else { "s.10(1)" };
    let notice = EventFile {
        reference: Some(reference),
        outcome: Some(outcome.as_str().to_owned()),
        breaches: if ordered {
            vec![late.to_owned()]
        } else {
            vec![]
        },
        steps: if ordered {
            vec!["Disclose the information withheld, or issue a fresh response.".to_owned()]
        } else {
            vec![]
        },
        steps_days: ordered.then_some(35),
        ..event(EventType::DecisionNotice)
    };
    if !t.then(60, 240, notice)? {
        return Ok(());
    }
    // Steps are mostly complied with; an appeal is within 28 days (s.57).
    let (next, by) = match (ordered, t.roll(5)) {
        (true, 0) => (EventType::Appeal, Some("authority")),
        (true, _) => (EventType::Compliance, None),
        (false, 0) => (EventType::Appeal, Some("complainant")),
        (false, _) => return Ok(()),
    };
    let next = EventFile {
        by: by.map(str::to_owned),
        ..event(next)
    };
    t.then(10, 27, next)?;
    Ok(())
}
