//! How an exemption works: its harm test, its NCND limb and its absolute/qualified status
//! (s.2(3) as it stood on a date).

use std::fmt;

use foidesk_calendar::Date;
use serde::{Deserialize, Serialize};

use crate::{ProvisionId, Reference};

/// What engages an exemption (FACTS §1A "Test" column).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestType {
    /// Engaged by the kind of information alone.
    Class,
    /// "Would, or would be likely to, prejudice"; also used for the EIR reg.12(5)
    /// "would adversely affect" harm test, which has the same shape.
    Prejudice,
    /// "Required for the purpose of" (ss.24 and 34).
    RequiredFor,
    /// "Would, or would be likely to, endanger" (s.38; the ICO says it is not prejudice-based).
    Endangerment,
    /// The reasonable opinion of a qualified person (s.36).
    QualifiedPersonOpinion,
}

impl fmt::Display for TestType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TestType::Class => "class-based",
            TestType::Prejudice => "prejudice-based",
            TestType::RequiredFor => "required for (harm-based)",
            TestType::Endangerment => "endangerment",
            TestType::QualifiedPersonOpinion => "qualified person's opinion",
        })
    }
}

/// Absolute or qualified under s.2(3) (FOIA) or reg.12(1)(b) (EIR).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// No public interest test.
    Absolute,
    /// Subject to the public interest test.
    Qualified,
    /// Absolute only in the stated circumstances, qualified otherwise.
    AbsoluteWhere(String),
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Effect::Absolute => f.write_str("absolute"),
            Effect::Qualified => f.write_str("qualified"),
            Effect::AbsoluteWhere(cond) => write!(f, "absolute where {cond}; otherwise qualified"),
        }
    }
}

/// One dated state of s.2(3) for a provision. `until` is exclusive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedEffect {
    pub effect: Effect,
    pub from: Date,
    pub until: Option<Date>,
    /// Where s.2(3) (or the EIR, or guidance) says so. Never empty.
    pub references: Vec<Reference>,
    pub secondary: Vec<Reference>,
    pub unverified: Option<String>,
}

impl DatedEffect {
    pub fn applies_on(&self, date: Date) -> bool {
        self.from <= date && self.until.is_none_or(|until| date < until)
    }
}

/// Facts about one part of an exemption, inherited by everything below it unless a deeper
/// rule says otherwise (per field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub at: ProvisionId,
    pub test: Option<TestType>,
    /// `Some(None)`: explicitly no NCND limb. `None`: inherit.
    pub ncnd: Option<Option<ProvisionId>>,
    /// Empty: inherit.
    pub status: Vec<DatedEffect>,
}
