//! What the requester may send next on their own request, and until when:
//! a reply to a request for clarification (s.1(3)), an internal review
//! request (the s.45 Code and the Commissioner's guidance; EIR reg.11), a
//! complaint to the Commissioner (s.50(2)(a): once the review is done or
//! overdue, or at once when no response came in time), and a withdrawal
//! while the request is live. The web page's buttons come from here, and
//! the engine refuses a requester's event that is not open now, with the
//! same words. Every period is a dated parameter, through the assessment.

use foidesk_calendar::Date;
use foidesk_case::file::EventFile;
use foidesk_case::{EventType, Status};
use foidesk_law::{vocabulary, Amount, Parameter, Regime};
use serde::Serialize;

use crate::cases::CaseView;
use crate::{Engine, EngineError};

vocabulary! {
    /// Something a requester sends on their request.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
    pub enum RequesterAction {
        Reply = "reply", "Reply to the request for clarification";
        Review = "review", "Ask for an internal review";
        Complain = "complain", "Complain to the Information Commissioner";
        Withdraw = "withdraw", "Withdraw your request";
    }
}

impl RequesterAction {
    /// The event it records.
    pub fn event_type(self) -> EventType {
        match self {
            RequesterAction::Reply => EventType::ClarificationReceived,
            RequesterAction::Review => EventType::InternalReviewRequested,
            RequesterAction::Complain => EventType::Complaint,
            RequesterAction::Withdraw => EventType::Withdrawn,
        }
    }

    pub fn of_event(kind: EventType) -> Option<RequesterAction> {
        RequesterAction::ALL
            .into_iter()
            .find(|a| a.event_type() == kind)
    }
}

/// Whether an action is open now, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Availability {
    /// It may be sent today; the time limits that apply, in sentences with
    /// their dates.
    Open { guidance: Vec<String> },
    /// Not now: why, and from when it will be possible if it will.
    Closed { why: String },
}

impl Availability {
    pub fn is_open(&self) -> bool {
        matches!(self, Availability::Open { .. })
    }
}

/// "40 working days", "6 weeks": a dated parameter's amount on `on`.
fn period(engine: &Engine, name: Parameter, on: Date) -> Option<String> {
    engine
        .law()
        .parameter(name, on)
        .ok()
        .map(|v| v.amount.to_string())
}

fn open(guidance: Vec<String>) -> Availability {
    Availability::Open { guidance }
}

fn closed(why: impl Into<String>) -> Availability {
    Availability::Closed { why: why.into() }
}

/// The day after `date`, in words, or the date itself if there is none.
fn day_after(date: Date) -> String {
    date.checked_add_days(1).unwrap_or(date).long_form()
}

impl Engine {
    /// The time an authority has to answer a request received today, in
    /// words ("20 working days": FOIA s.10(1), EIR reg.5(2)), from the
    /// dated parameter, for the pages that tell a requester what to expect.
    pub fn response_period(&self) -> String {
        period(self, Parameter::ResponseWorkingDays, self.today())
            .unwrap_or_else(|| "the time the law allows".to_owned())
    }

    /// Each thing a requester may send on this case, with whether it is
    /// open today and the time limits in words.
    pub fn requester_actions(&self, view: &CaseView) -> Vec<(RequesterAction, Availability)> {
        RequesterAction::ALL
            .into_iter()
            .map(|a| (a, self.requester_action(view, a)))
            .collect()
    }

    /// Whether `action` is open today on this case, and its time limits.
    pub fn requester_action(&self, view: &CaseView, action: RequesterAction) -> Availability {
        let status = view.stage.status;
        match action {
            RequesterAction::Reply => self.reply(status),
            RequesterAction::Withdraw => withdraw(status),
            RequesterAction::Review => self.review(view),
            RequesterAction::Complain => self.complain(view),
        }
    }

    fn reply(&self, status: Status) -> Availability {
        if status == Status::AwaitingClarification {
            open(vec![
                "The authority need not answer until it has what it asked for (section 1(3) \
                 of the Act). Its time to answer runs again from the day it receives your reply."
                    .to_owned(),
            ])
        } else {
            closed("The authority has not asked you to clarify this request.")
        }
    }

    fn review(&self, view: &CaseView) -> Availability {
        let eir = view.case.request.regime == Regime::Eir;
        match view.stage.status {
            Status::Responded => {}
            Status::AwaitingInternalReview => {
                return closed("You have asked for an internal review already.")
            }
            Status::Reviewed => return closed("The authority has already reviewed its response."),
            s if s.is_closed() => return closed("The request is closed."),
            Status::AwaitingResponse | Status::AwaitingClarification | Status::AwaitingFee => {
                return closed("You can ask for an internal review once the authority responds.")
            }
            _ => return closed("The request is past the internal review."),
        }
        let mut guidance = Vec::new();
        let response = last_of(view, EventType::Response);
        let (ask, answer) = if eir {
            (
                Parameter::EirReconsiderationRequestWorkingDays,
                Parameter::EirReconsiderationWorkingDays,
            )
        } else {
            (
                Parameter::InternalReviewRequestWorkingDays,
                Parameter::InternalReviewWorkingDays,
            )
        };
        let today = self.today();
        if let (Some(by), Some(from)) = (
            view.assessment.deadlines.internal_review_request_by,
            response,
        ) {
            let window = period(self, ask, from).unwrap_or_default();
            guidance.push(if eir {
                format!(
                    "Under regulation 11(2) of the Regulations you ask for a reconsideration \
                     within {window} of the response: by {}.",
                    by.long_form()
                )
            } else {
                format!(
                    "The Information Commissioner's guidance is to ask within {window} of the \
                     response: by {}.",
                    by.long_form()
                )
            });
            if by < today {
                guidance.push(
                    "That date has passed. You can still ask, but the authority may decline \
                     a late request."
                        .to_owned(),
                );
            }
        }
        if let Some((days, due)) = self.working_days_from(answer, today) {
            guidance.push(format!(
                "The authority should give you its review within {days} of receiving your \
                 request: if you send it today, by {}.",
                due.long_form()
            ));
        }
        open(guidance)
    }

    fn complain(&self, view: &CaseView) -> Availability {
        let today = self.today();
        let d = &view.assessment.deadlines;
        match view.stage.status {
            Status::Reviewed => open(self.complaint_window(view)),
            Status::AwaitingInternalReview => {
                // FOIA: the Code's 40-working-day maximum; EIR: reg.11(4).
                match d.internal_review_latest.or(d.internal_review_due) {
                    Some(limit) if limit < today => {
                        let mut g = vec![format!(
                            "The authority has not given its internal review, and the time \
                             allowed for it ended on {}: you can complain now (section 50(2)(a) \
                             of the Act).",
                            limit.long_form()
                        )];
                        g.extend(self.complaint_window(view));
                        open(g)
                    }
                    Some(limit) => closed(format!(
                        "The Information Commissioner expects the authority's internal review \
                         to be finished first (section 50(2)(a) of the Act). You can complain \
                         once it gives you its review, or from {} if it has not by then.",
                        day_after(limit)
                    )),
                    None => closed(
                        "The Information Commissioner expects the authority's internal review \
                         to be finished first (section 50(2)(a) of the Act).",
                    ),
                }
            }
            Status::Responded => closed(
                "Ask for an internal review first: the Information Commissioner expects the \
                 authority's own complaints procedure to be used before a complaint (section \
                 50(2)(a) of the Act). You can complain once the review is done, or if it is \
                 not done in time.",
            ),
            Status::AwaitingResponse => match d.response_due {
                Some(due) if due < today => open(vec![format!(
                    "The authority's answer was due by {} and has not come: you can complain \
                     about the delay now.",
                    due.long_form()
                )]),
                Some(due) => closed(format!(
                    "The authority has until {} to answer. If it has not answered by then, you \
                     can complain from {}.",
                    due.long_form(),
                    day_after(due)
                )),
                None => closed("You can complain if the authority does not answer in time."),
            },
            Status::AwaitingClarification | Status::AwaitingFee => closed(
                "The authority is waiting for you before it answers: you can complain once it \
                 has responded and reviewed its response.",
            ),
            Status::WithCommissioner
            | Status::UnderInvestigation
            | Status::StepsOrdered
            | Status::Decided => {
                closed("Your complaint is with the Information Commissioner already.")
            }
            Status::ComplaintDeclined => closed(
                "The Information Commissioner decided not to investigate your complaint: the \
                 reasons are in the messages below.",
            ),
            Status::Appealed => closed("The case is with the Tribunal."),
            Status::Withdrawn | Status::Duplicate | Status::Transferred => {
                closed("The request is closed.")
            }
        }
    }

    /// A period in working days (a dated parameter) in words, and the day
    /// it ends counted from `from`.
    fn working_days_from(&self, name: Parameter, from: Date) -> Option<(String, Date)> {
        let value = self.law().parameter(name, from).ok()?;
        let Amount::WorkingDays(n) = value.amount else {
            return None;
        };
        let due = self.calendar().add_working_days(from, n).ok()?;
        Some((value.amount.to_string(), due))
    }

    /// The Commissioner's window for complaints (s.50(2)(b), undue delay),
    /// from the authority's last contact, with its end date.
    fn complaint_window(&self, view: &CaseView) -> Vec<String> {
        let last = last_of(view, EventType::InternalReview).or(last_of(view, EventType::Response));
        match (view.assessment.deadlines.complaint_by, last) {
            (Some(by), Some(from)) => {
                let window = period(self, Parameter::ComplaintWindow, from).unwrap_or_default();
                let mut g = vec![format!(
                    "The Information Commissioner usually expects a complaint within {window} of \
                     the authority's last reply to you (section 50(2)(b) of the Act): by {}.",
                    by.long_form()
                )];
                if by < self.today() {
                    g.push(
                        "That date has passed. You can still complain, but the Commissioner \
                         may decline a complaint made after undue delay."
                            .to_owned(),
                    );
                }
                g
            }
            _ => Vec::new(),
        }
    }

    /// A requester's event on their own case is refused unless its action
    /// is open today, and it is dated today: it is sent now.
    pub(crate) fn check_requester_may_send(
        &self,
        view: &CaseView,
        event: &EventFile,
    ) -> Result<(), EngineError> {
        // May-record has refused every other kind already.
        let Some(action) = EventType::from_name(&event.kind).and_then(RequesterAction::of_event)
        else {
            return Ok(());
        };
        if let Availability::Closed { why } = self.requester_action(view, action) {
            return Err(EngineError::Invalid {
                field: "kind".into(),
                message: why,
            });
        }
        if Date::parse(&event.date).ok() != Some(self.today()) {
            return Err(EngineError::Invalid {
                field: "date".into(),
                message: format!(
                    "what you send is dated the day you send it, {}",
                    self.today().long_form()
                ),
            });
        }
        Ok(())
    }
}

fn withdraw(status: Status) -> Availability {
    match status {
        Status::AwaitingResponse | Status::AwaitingClarification | Status::AwaitingFee => {
            open(vec![
                "Once you withdraw it, the authority stops work on your request and \
                       its time to answer no longer runs. You can make a new request later."
                    .to_owned(),
            ])
        }
        _ if status.is_closed() => closed("The request is closed."),
        _ => closed("The authority has responded, so there is nothing to withdraw."),
    }
}

/// The date of the latest event of `kind` in the effective timeline.
fn last_of(view: &CaseView, kind: EventType) -> Option<Date> {
    view.case
        .events
        .iter()
        .rev()
        .find(|e| e.kind.event_type() == kind)
        .map(|e| e.date)
}
