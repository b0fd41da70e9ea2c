//! Dated parameters: time limits, cost limits and policy windows, each value with a date range
//! and a reference (data/parameters.toml).

use std::collections::BTreeMap;
use std::fmt;

use foidesk_calendar::Date;
use serde::{Deserialize, Serialize};

use crate::catalogue::raw::Ctx;
use crate::{LawError, Reference};

/// Every dated number the process needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Parameter {
    /// FOIA s.10(1); EIR reg.5(2): 20 working days.
    ResponseWorkingDays,
    /// SI 2004/3364 reg.3 etc.: 20 school days ...
    SchoolDays,
    /// ... or 60 working days, whichever first.
    SchoolCapWorkingDays,
    /// SI 2004/3364 reg.4: transferred public records, 30 working days.
    ArchivesWorkingDays,
    /// SI 2004/3364 regs 5 and 6: a day the Commissioner specifies, at most 60 working days.
    IcSpecifiedCapWorkingDays,
    /// EIR reg.7(1): 40 working days.
    EirExtendedWorkingDays,
    /// Fees Regs reg.3(2): £600.
    CostLimitCentralPence,
    /// Fees Regs reg.3(3): £450.
    CostLimitOtherPence,
    /// Fees Regs reg.4(4): £25 an hour.
    StaffHourlyRatePence,
    /// FOIA s.9(2): three months.
    FeePaymentMonths,
    /// ICO guidance on s.10(3): normally at most 20 extra working days.
    PitExtraWorkingDays,
    /// ICO guidance: ask for an internal review within 40 working days.
    InternalReviewRequestWorkingDays,
    /// ICO guidance / s.45 Code: review within 20 working days ...
    InternalReviewWorkingDays,
    /// ... and never more than 40.
    InternalReviewMaxWorkingDays,
    /// EIR reg.11: representations within 40 working days.
    EirReconsiderationRequestWorkingDays,
    /// EIR reg.11: reconsideration within 40 working days.
    EirReconsiderationWorkingDays,
    /// The Commissioner's s.50(2)(b) undue-delay window (a dated policy).
    ComplaintWindow,
    /// Steps in a decision notice: 35 calendar days (ICO practice, s.50(6)).
    StepsCalendarDays,
    /// Appeal to the Tribunal: 28 calendar days.
    AppealCalendarDays,
}

impl Parameter {
    /// All parameters, in declaration order.
    pub const ALL: [Parameter; 19] = [
        Parameter::ResponseWorkingDays,
        Parameter::SchoolDays,
        Parameter::SchoolCapWorkingDays,
        Parameter::ArchivesWorkingDays,
        Parameter::IcSpecifiedCapWorkingDays,
        Parameter::EirExtendedWorkingDays,
        Parameter::CostLimitCentralPence,
        Parameter::CostLimitOtherPence,
        Parameter::StaffHourlyRatePence,
        Parameter::FeePaymentMonths,
        Parameter::PitExtraWorkingDays,
        Parameter::InternalReviewRequestWorkingDays,
        Parameter::InternalReviewWorkingDays,
        Parameter::InternalReviewMaxWorkingDays,
        Parameter::EirReconsiderationRequestWorkingDays,
        Parameter::EirReconsiderationWorkingDays,
        Parameter::ComplaintWindow,
        Parameter::StepsCalendarDays,
        Parameter::AppealCalendarDays,
    ];

    /// The snake_case name used in the TOML data.
    pub fn name(self) -> &'static str {
        match self {
            Parameter::ResponseWorkingDays => "response_working_days",
            Parameter::SchoolDays => "school_days",
            Parameter::SchoolCapWorkingDays => "school_cap_working_days",
            Parameter::ArchivesWorkingDays => "archives_working_days",
            Parameter::IcSpecifiedCapWorkingDays => "ic_specified_cap_working_days",
            Parameter::EirExtendedWorkingDays => "eir_extended_working_days",
            Parameter::CostLimitCentralPence => "cost_limit_central_pence",
            Parameter::CostLimitOtherPence => "cost_limit_other_pence",
            Parameter::StaffHourlyRatePence => "staff_hourly_rate_pence",
            Parameter::FeePaymentMonths => "fee_payment_months",
            Parameter::PitExtraWorkingDays => "pit_extra_working_days",
            Parameter::InternalReviewRequestWorkingDays => "internal_review_request_working_days",
            Parameter::InternalReviewWorkingDays => "internal_review_working_days",
            Parameter::InternalReviewMaxWorkingDays => "internal_review_max_working_days",
            Parameter::EirReconsiderationRequestWorkingDays => {
                "eir_reconsideration_request_working_days"
            }
            Parameter::EirReconsiderationWorkingDays => "eir_reconsideration_working_days",
            Parameter::ComplaintWindow => "complaint_window",
            Parameter::StepsCalendarDays => "steps_calendar_days",
            Parameter::AppealCalendarDays => "appeal_calendar_days",
        }
    }
}

impl fmt::Display for Parameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A quantity with its unit. Money is in pence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Amount {
    WorkingDays(u32),
    CalendarDays(u32),
    Weeks(u32),
    Months(u32),
    Pence(u64),
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Amount::WorkingDays(n) => write!(f, "{n} working days"),
            Amount::CalendarDays(n) => write!(f, "{n} calendar days"),
            Amount::Weeks(n) => write!(f, "{n} weeks"),
            Amount::Months(n) => write!(f, "{n} months"),
            Amount::Pence(p) => write!(f, "£{}.{:02}", p / 100, p % 100),
        }
    }
}

/// One dated value of a parameter. `until` is exclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParameterValue {
    pub amount: Amount,
    pub from: Date,
    pub until: Option<Date>,
    /// The legislation or official guidance that sets it. Never empty.
    pub references: Vec<Reference>,
    /// Other pages where it was read.
    #[serde(default)]
    pub secondary: Vec<Reference>,
    pub unverified: Option<String>,
}

impl ParameterValue {
    pub fn applies_on(&self, date: Date) -> bool {
        self.from <= date && self.until.is_none_or(|u| date < u)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    parameter: Vec<RawParameter>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParameter {
    name: Parameter,
    value: Vec<RawValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValue {
    from: String,
    until: Option<String>,
    amount: Amount,
    #[serde(default)]
    references: Vec<Reference>,
    #[serde(default)]
    secondary: Vec<Reference>,
    unverified: Option<String>,
}

pub(crate) type ParameterTable = BTreeMap<Parameter, Vec<ParameterValue>>;

/// Parses and validates a parameters file (values in date order, no overlaps).
pub(crate) fn parse_parameters(file: &'static str, text: &str) -> Result<ParameterTable, LawError> {
    let ctx = Ctx { file };
    let raw: RawFile = toml::from_str(text).map_err(|e| ctx.err(e.to_string()))?;
    let mut table = ParameterTable::new();
    for p in raw.parameter {
        let what = p.name.name();
        if table.contains_key(&p.name) {
            return Err(ctx.err(format!("{what} given twice")));
        }
        if p.value.is_empty() {
            return Err(ctx.err(format!("{what} has no values")));
        }
        let mut values: Vec<ParameterValue> = Vec::with_capacity(p.value.len());
        for v in p.value {
            let from = ctx.date(&v.from, what)?;
            let until = ctx.opt_date(v.until.as_deref(), what)?;
            ctx.range(Some(from), until, what)?;
            let (references, secondary) =
                ctx.sources(v.references, v.secondary, &format!("{what} from {from}"))?;
            if let Some(prev) = values.last() {
                if prev.until.is_none_or(|u| u > from) {
                    return Err(ctx.err(format!("{what}: values overlap or are out of order")));
                }
            }
            values.push(ParameterValue {
                amount: v.amount,
                from,
                until,
                references,
                secondary,
                unverified: v.unverified,
            });
        }
        table.insert(p.name, values);
    }
    Ok(table)
}
