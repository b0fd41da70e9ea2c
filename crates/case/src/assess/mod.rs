//! `assess(case, as_at)`: a pure function from a timeline to deadlines and
//! findings. Each stage of the statutory process has its own module; they
//! share one `Run` that collects what they find.

mod clock;
mod complaint;
mod eligibility;
mod investigation;
mod notice;
pub(crate) mod provisions;
mod response;
mod review;

use foidesk_calendar::{CalendarError, Date, WorkingDayCalendar};
use foidesk_law::{Amount, Catalogue, LawError, Parameter, ProvisionId, Regime};
use serde::Serialize;

pub use eligibility::{eligibility, GroundCheck, GroundState};
pub use investigation::reply_received;

use crate::model::{Case, Event, EventKind};

/// What assessment reads besides the case: the calendar and the law.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub calendar: &'a WorkingDayCalendar,
    pub law: &'a Catalogue,
}

impl Default for Context<'static> {
    fn default() -> Self {
        Context {
            calendar: WorkingDayCalendar::standard(),
            law: Catalogue::standard(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// The date from which the response clock runs (s.10(6)); absent while
    /// the authority awaits clarification.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_of_receipt: Option<Date>,
    pub deadlines: Deadlines,
    pub findings: Vec<Finding>,
}

impl Assessment {
    /// True if a breach finding names `provision` (canonical text, `s.10(1)`).
    pub fn has_breach_of(&self, provision: &str) -> bool {
        self.findings
            .iter()
            .any(|f| f.kind == FindingKind::Breach && f.names(provision))
    }
}

/// Every deadline that applies to the case; one that does not apply is `None`
/// and left out of the JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Deadlines {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_due: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee_payment_by: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_interest_estimate: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_interest_guidance_limit: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal_review_request_by: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal_review_due: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal_review_latest: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complaint_by: Option<Date>,
    /// The date the Commissioner's latest letter asks the authority to reply by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority_reply_due: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps_due: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appeal_by: Option<Date>,
}

impl Deadlines {
    /// (name, date) pairs in process order, for display.
    pub fn entries(&self) -> Vec<(&'static str, Date)> {
        self.all()
            .into_iter()
            .filter_map(|(name, d)| d.map(|d| (name, d)))
            .collect()
    }

    /// Every deadline by its JSON name, in process order, applying or not.
    pub fn all(&self) -> [(&'static str, Option<Date>); 11] {
        [
            ("response_due", self.response_due),
            ("fee_payment_by", self.fee_payment_by),
            ("public_interest_estimate", self.public_interest_estimate),
            (
                "public_interest_guidance_limit",
                self.public_interest_guidance_limit,
            ),
            (
                "internal_review_request_by",
                self.internal_review_request_by,
            ),
            ("internal_review_due", self.internal_review_due),
            ("internal_review_latest", self.internal_review_latest),
            ("complaint_by", self.complaint_by),
            ("authority_reply_due", self.authority_reply_due),
            ("steps_due", self.steps_due),
            ("appeal_by", self.appeal_by),
        ]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// The authority (or the Commissioner) did not do what the law requires.
    Breach,
    /// Guidance or practice was not followed, or a right may be lost.
    Warning,
    /// How the law was applied, so the reader can check it.
    Info,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The provision that produces the finding (serialised canonically, `s.10(1)`).
    pub provision: ProvisionId,
    pub kind: FindingKind,
    pub summary: String,
    /// The case-file event the finding is about, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<usize>,
}

impl Finding {
    /// True if the finding names `provision`, given in canonical text.
    pub fn names(&self, provision: &str) -> bool {
        ProvisionId::parse(provision).is_ok_and(|id| id == self.provision)
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AssessError {
    #[error("date arithmetic failed while computing {what}: {source}")]
    Calendar {
        what: &'static str,
        source: CalendarError,
    },
    #[error("no legal parameter for {what}: {message}")]
    Law { what: &'static str, message: String },
}

/// Assess with the standard UK calendar and statute catalogue.
pub fn assess(case: &Case, as_at: Date) -> Result<Assessment, AssessError> {
    assess_with(case, as_at, Context::default())
}

pub fn assess_with(case: &Case, as_at: Date, ctx: Context<'_>) -> Result<Assessment, AssessError> {
    // A withdrawn, duplicate or transferred request stops every clock on
    // the day it closed: nothing that falls due later is a breach.
    let as_at = case.closed().map_or(as_at, |c| c.date.min(as_at));
    let mut run = Run {
        ctx,
        case,
        as_at,
        deadlines: Deadlines::default(),
        findings: Vec::new(),
    };
    let clock = clock::run(&mut run)?;
    response::run(&mut run, &clock)?;
    review::run(&mut run)?;
    complaint::run(&mut run)?;
    investigation::run(&mut run)?;
    notice::run(&mut run)?;
    Ok(Assessment {
        date_of_receipt: clock.receipt,
        deadlines: run.deadlines,
        findings: run.findings,
    })
}

/// Shared state of one assessment.
pub(crate) struct Run<'a> {
    pub ctx: Context<'a>,
    pub case: &'a Case,
    pub as_at: Date,
    pub deadlines: Deadlines,
    pub findings: Vec<Finding>,
}

impl<'a> Run<'a> {
    pub fn regime(&self) -> Regime {
        self.case.request.regime
    }

    pub fn eir(&self) -> bool {
        self.regime() == Regime::Eir
    }

    /// Pick the FOIA or EIR provision for the same rule.
    pub fn by_regime(&self, foia: &'static str, eir: &'static str) -> &'static str {
        if self.eir() {
            eir
        } else {
            foia
        }
    }

    /// Records a finding attributed to one of the provisions in `provisions`.
    pub fn push(
        &mut self,
        kind: FindingKind,
        provision: &'static str,
        event: Option<&Event>,
        summary: impl Into<String>,
    ) -> Result<(), AssessError> {
        let id = ProvisionId::parse(provision).map_err(|e| AssessError::Law {
            what: "the provision of a finding",
            message: e.to_string(),
        })?;
        self.push_id(kind, id, event, summary);
        Ok(())
    }

    /// Records a finding attributed to a provision the case itself cites.
    pub fn push_id(
        &mut self,
        kind: FindingKind,
        provision: ProvisionId,
        event: Option<&Event>,
        summary: impl Into<String>,
    ) {
        self.findings.push(Finding {
            provision,
            kind,
            summary: summary.into(),
            event: event.map(|e| e.number),
        });
    }

    /// True if a finding of `kind` already names `provision`.
    pub fn found(&self, kind: FindingKind, provision: &str) -> bool {
        self.findings
            .iter()
            .any(|f| f.kind == kind && f.names(provision))
    }

    pub fn first(&self, pred: impl Fn(&EventKind) -> bool) -> Option<&'a Event> {
        self.case.events.iter().find(|e| pred(&e.kind))
    }

    pub fn add_wd(&self, what: &'static str, from: Date, n: u32) -> Result<Date, AssessError> {
        self.ctx
            .calendar
            .add_working_days(from, n)
            .map_err(|source| AssessError::Calendar { what, source })
    }

    pub fn wd_between(&self, what: &'static str, from: Date, to: Date) -> Result<u32, AssessError> {
        self.ctx
            .calendar
            .working_days_between(from, to)
            .map_err(|source| AssessError::Calendar { what, source })
    }

    /// A period parameter in force on `on`, added to `from`.
    pub fn add_parameter(
        &self,
        what: &'static str,
        parameter: Parameter,
        on: Date,
        from: Date,
    ) -> Result<Date, AssessError> {
        let amount = self.parameter(what, parameter, on)?;
        let calendar = |source| AssessError::Calendar { what, source };
        match amount {
            Amount::WorkingDays(n) => self.add_wd(what, from, n),
            Amount::CalendarDays(n) => from.checked_add_days(i64::from(n)).map_err(calendar),
            Amount::Weeks(n) => from.checked_add_days(i64::from(n) * 7).map_err(calendar),
            Amount::Months(n) => from
                .checked_add_months(i32::try_from(n).unwrap_or(i32::MAX))
                .map_err(calendar),
            Amount::Pence(_) => Err(AssessError::Law {
                what,
                message: "expected a period, found an amount of money".into(),
            }),
        }
    }

    pub fn parameter(
        &self,
        what: &'static str,
        parameter: Parameter,
        on: Date,
    ) -> Result<Amount, AssessError> {
        self.ctx
            .law
            .parameter(parameter, on)
            .map(|v| v.amount)
            .map_err(|e: LawError| AssessError::Law {
                what,
                message: e.to_string(),
            })
    }

    pub fn working_days(
        &self,
        what: &'static str,
        parameter: Parameter,
        on: Date,
    ) -> Result<u32, AssessError> {
        match self.parameter(what, parameter, on)? {
            Amount::WorkingDays(n) => Ok(n),
            other => Err(AssessError::Law {
                what,
                message: format!("expected working days, found {other:?}"),
            }),
        }
    }

    pub fn calendar_days(
        &self,
        what: &'static str,
        parameter: Parameter,
        on: Date,
    ) -> Result<u32, AssessError> {
        match self.parameter(what, parameter, on)? {
            Amount::CalendarDays(n) => Ok(n),
            other => Err(AssessError::Law {
                what,
                message: format!("expected calendar days, found {other:?}"),
            }),
        }
    }

    /// A period parameter in force on `on`, in words for a finding ("3 months").
    pub fn period_text(
        &self,
        what: &'static str,
        parameter: Parameter,
        on: Date,
    ) -> Result<String, AssessError> {
        match self.parameter(what, parameter, on)? {
            Amount::Pence(_) => Err(AssessError::Law {
                what,
                message: "expected a period, found an amount of money".into(),
            }),
            period => Ok(describe(period)),
        }
    }
}

/// "1 working day" / "3 working days".
pub(crate) fn wd(n: u32) -> String {
    if n == 1 {
        format!("{n} working day")
    } else {
        format!("{n} working days")
    }
}

/// A period as a finding states it: "20 working days", "28 days", "6 weeks".
pub(crate) fn describe(amount: Amount) -> String {
    let plural = |n: u32, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    match amount {
        Amount::WorkingDays(n) => wd(n),
        Amount::CalendarDays(n) => plural(n, "day", "days"),
        Amount::Weeks(n) => plural(n, "week", "weeks"),
        Amount::Months(n) => plural(n, "month", "months"),
        Amount::Pence(n) => format!("{n}p"),
    }
}
