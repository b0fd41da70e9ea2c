//! Whether a complaint may be decided (s.50(2)): each ground in plain
//! words with what the case shows, for the caseworker who accepts or
//! declines it. The complaints procedure and the window come from the
//! assessment's findings and the dated parameters; whether a complaint is
//! frivolous or vexatious is the caseworker's judgement.

use foidesk_calendar::Date;
use foidesk_law::Parameter;
use serde::Serialize;

use super::{provisions as p, AssessError, Context, Deadlines, FindingKind, Run};
use crate::model::{Case, DeclineGround, Event, EventKind, ReviewResult};
use crate::Assessment;

/// One ground of s.50(2) and what the case shows of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GroundCheck {
    pub ground: DeclineGround,
    pub state: GroundState,
    /// What the case shows, in words.
    pub shows: String,
}

/// What the case says of a ground.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroundState {
    /// The case gives the caseworker reason to consider it.
    Concern,
    /// Nothing on the case suggests it.
    Clear,
    /// Nothing recorded can decide it: the caseworker judges (s.50(2)(c)).
    Judgement,
}

/// The four grounds, in the order of s.50(2); none when there is no complaint.
pub fn eligibility(
    case: &Case,
    assessment: &Assessment,
    ctx: Context<'_>,
) -> Result<Vec<GroundCheck>, AssessError> {
    let first = |pred: fn(&EventKind) -> bool| case.events.iter().find(|e| pred(&e.kind));
    let Some(complaint) = first(|k| matches!(k, EventKind::Complaint)) else {
        return Ok(Vec::new());
    };
    let before = |e: &&Event| e.date <= complaint.date;
    let response = first(|k| matches!(k, EventKind::Response(_))).filter(before);
    let requested = first(|k| matches!(k, EventKind::InternalReviewRequested)).filter(before);
    let review = first(|k| matches!(k, EventKind::InternalReview { .. })).filter(before);
    let finding = |provision: &str| {
        assessment
            .findings
            .iter()
            .find(|f| f.kind == FindingKind::Warning && f.names(provision))
    };
    let long = |d: Date| d.long_form();

    let exhausted = match (finding(p::S50_2_A), response, review) {
        (Some(_), _, _) => match requested {
            Some(req) => GroundCheck::concern(
                DeclineGround::NotExhausted,
                format!(
                    "The complaint of {} came before the internal review asked for on {} was completed, and before it was overdue{}.",
                    long(complaint.date),
                    long(req.date),
                    review_due(&assessment.deadlines)
                ),
            ),
            None => GroundCheck::concern(
                DeclineGround::NotExhausted,
                format!(
                    "The complaint of {} came before any internal review was asked for: the complainant has not used the authority's complaints procedure.",
                    long(complaint.date)
                ),
            ),
        },
        (None, None, _) => GroundCheck::clear(
            DeclineGround::NotExhausted,
            "The authority had not responded when the complaint was made: a failure to respond may be complained of at once.".to_owned(),
        ),
        (None, Some(_), Some(r)) => match r.kind {
            EventKind::InternalReview {
                result: ReviewResult::Declined,
            } => GroundCheck::clear(
                DeclineGround::NotExhausted,
                format!(
                    "The authority declined to review on {}: its procedure counts as exhausted.",
                    long(r.date)
                ),
            ),
            _ => GroundCheck::clear(
                DeclineGround::NotExhausted,
                format!("The internal review was completed on {}.", long(r.date)),
            ),
        },
        (None, Some(_), None) => GroundCheck::clear(
            DeclineGround::NotExhausted,
            format!(
                "The internal review asked for was not completed in time{}: the procedure counts as exhausted.",
                review_due(&assessment.deadlines)
            ),
        ),
    };

    let delay = match review.or(response) {
        None => GroundCheck::clear(
            DeclineGround::UndueDelay,
            "The authority had not responded, so the window for complaining had not started."
                .to_owned(),
        ),
        Some(last) => {
            let run = Run {
                ctx,
                case,
                as_at: complaint.date,
                deadlines: Deadlines::default(),
                findings: Vec::new(),
            };
            let what = "the complaint window";
            let end =
                run.add_parameter(what, Parameter::ComplaintWindow, complaint.date, last.date)?;
            let window = run.period_text(what, Parameter::ComplaintWindow, complaint.date)?;
            let contact = if matches!(last.kind, EventKind::InternalReview { .. }) {
                "the internal review"
            } else {
                "the response"
            };
            let late = complaint.date > end || finding(p::S50_2_B).is_some();
            let words = format!(
                "The Commissioner's window is {window} from the last contact, {contact} of {}: it ended on {}. The complaint came on {}, {}.",
                long(last.date),
                long(end),
                long(complaint.date),
                if late { "after it" } else { "within it" }
            );
            if late {
                GroundCheck::concern(DeclineGround::UndueDelay, words)
            } else {
                GroundCheck::clear(DeclineGround::UndueDelay, words)
            }
        }
    };

    let vexatious = GroundCheck {
        ground: DeclineGround::FrivolousOrVexatious,
        state: GroundState::Judgement,
        shows: "This is the caseworker's judgement: nothing recorded on the case decides it."
            .to_owned(),
    };

    let withdrawn = match first(|k| matches!(k, EventKind::Withdrawn)) {
        Some(w) => GroundCheck::concern(
            DeclineGround::WithdrawnOrAbandoned,
            format!("The request was withdrawn on {}.", long(w.date)),
        ),
        None => GroundCheck::clear(
            DeclineGround::WithdrawnOrAbandoned,
            "Nothing on the case shows the complaint withdrawn or abandoned.".to_owned(),
        ),
    };
    Ok(vec![exhausted, delay, vexatious, withdrawn])
}

/// " (the review was due by 11 March 2024, at the latest 11 April 2024)".
fn review_due(d: &Deadlines) -> String {
    match (d.internal_review_due, d.internal_review_latest) {
        (Some(due), Some(latest)) => format!(
            " (the review was due by {}, at the latest {})",
            due.long_form(),
            latest.long_form()
        ),
        (Some(due), None) => format!(" (the review was due by {})", due.long_form()),
        _ => String::new(),
    }
}

impl GroundCheck {
    fn concern(ground: DeclineGround, shows: String) -> Self {
        GroundCheck {
            ground,
            state: GroundState::Concern,
            shows,
        }
    }

    fn clear(ground: DeclineGround, shows: String) -> Self {
        GroundCheck {
            ground,
            state: GroundState::Clear,
            shows,
        }
    }
}
