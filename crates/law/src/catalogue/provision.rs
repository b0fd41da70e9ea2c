//! One catalogue entry (a section or regulation) and the per-limb facts it answers.

use std::fmt;

use foidesk_calendar::Date;
use serde::{Deserialize, Serialize};

use crate::effect::{DatedEffect, Effect, Rule, TestType};
use crate::{ProvisionId, Reference};

/// What a provision does in the process.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProvisionKind {
    Duty,
    Procedure,
    /// FOIA Part II exemption.
    Exemption,
    /// EIR exception (reg.12, reg.13).
    Exception,
    Enforcement,
    Appeal,
    Offence,
    Supplementary,
}

impl fmt::Display for ProvisionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProvisionKind::Duty => "duty",
            ProvisionKind::Procedure => "procedure",
            ProvisionKind::Exemption => "exemption",
            ProvisionKind::Exception => "exception",
            ProvisionKind::Enforcement => "enforcement",
            ProvisionKind::Appeal => "appeal",
            ProvisionKind::Offence => "offence",
            ProvisionKind::Supplementary => "supplementary",
        })
    }
}

/// A subsection or limb listed under a provision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub id: ProvisionId,
    /// foidesk's own short summary.
    pub title: String,
    /// Set when the part was inserted after the provision itself.
    pub in_force_from: Option<Date>,
    /// Set when the part was repealed or replaced (exclusive).
    pub in_force_until: Option<Date>,
    /// Not itself an exemption limb (a definition, a certificate, a scope rule).
    pub auxiliary: bool,
    /// The legislation (or official guidance) for this part; for a dated part, also what
    /// inserted or replaced it. Never empty.
    pub references: Vec<Reference>,
    /// Other pages where a fact about it was read.
    pub secondary: Vec<Reference>,
    pub unverified: Option<String>,
}

/// A section of FOIA or a regulation of the EIR, with its parts and exemption facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provision {
    pub id: ProvisionId,
    pub title: String,
    pub kind: ProvisionKind,
    /// The legislation and official guidance it comes from (FACTS.md). Never empty.
    pub references: Vec<Reference>,
    /// Other pages where its facts were read (foiwiki, archived guidance, law firms).
    pub secondary: Vec<Reference>,
    pub in_force_from: Option<Date>,
    /// Exclusive.
    pub in_force_until: Option<Date>,
    pub parts: Vec<Part>,
    pub unverified: Option<String>,
    /// Subsections that exclude the duty to confirm or deny (e.g. `s.31(3)`).
    pub ncnd_subsections: Vec<ProvisionId>,
    /// Exemption facts by limb; the most specific rule covering an id wins, field by field.
    pub rules: Vec<Rule>,
}

fn in_range(from: Option<Date>, until: Option<Date>, date: Date) -> bool {
    from.is_none_or(|f| f <= date) && until.is_none_or(|u| date < u)
}

impl Provision {
    /// True if `id` is this provision, one of its parts, or a prefix path of a part.
    pub fn knows(&self, id: &ProvisionId) -> bool {
        *id == self.id || (self.id.covers(id) && self.parts.iter().any(|p| id.covers(&p.id)))
    }

    /// The listed part with exactly this id.
    pub fn part(&self, id: &ProvisionId) -> Option<&Part> {
        self.parts.iter().find(|p| p.id == *id)
    }

    fn is_exempting_kind(&self) -> bool {
        matches!(
            self.kind,
            ProvisionKind::Exemption | ProvisionKind::Exception
        )
    }

    /// True if `id` lies in a definition, certificate or other non-exempting part.
    pub fn is_auxiliary(&self, id: &ProvisionId) -> bool {
        self.parts.iter().any(|p| p.auxiliary && p.id.covers(id))
    }

    /// `id` is an exemption or exception, or a limb of one.
    pub fn is_exemption(&self, id: &ProvisionId) -> bool {
        self.is_exempting_kind() && self.knows(id) && !self.is_auxiliary(id)
    }

    /// In force on `date`: the provision and every listed part on the path to `id`.
    pub fn in_force_on(&self, id: &ProvisionId, date: Date) -> bool {
        self.knows(id)
            && in_range(self.in_force_from, self.in_force_until, date)
            && self
                .parts
                .iter()
                .filter(|p| p.id.covers(id))
                .all(|p| in_range(p.in_force_from, p.in_force_until, date))
    }

    /// Rules covering `id`, most specific first.
    pub(crate) fn rules_for(&self, id: &ProvisionId) -> Vec<&Rule> {
        let mut rules: Vec<&Rule> = self.rules.iter().filter(|r| r.at.covers(id)).collect();
        rules.sort_by_key(|r| std::cmp::Reverse(r.at.depth()));
        rules
    }

    /// Class, prejudice, ... for an exemption limb; `None` where it depends on the limb
    /// (e.g. s.43 as a whole) or for non-exemptions.
    pub fn test_type(&self, id: &ProvisionId) -> Option<TestType> {
        if !self.is_exemption(id) {
            return None;
        }
        self.rules_for(id).into_iter().find_map(|r| r.test)
    }

    /// True if `id` is (inside) a subsection that excludes the duty to confirm or deny.
    pub fn is_ncnd(&self, id: &ProvisionId) -> bool {
        self.knows(id) && self.ncnd_subsections.iter().any(|n| n.covers(id))
    }

    /// The NCND subsection for this limb (itself if it is one).
    pub fn ncnd_for(&self, id: &ProvisionId) -> Option<ProvisionId> {
        if !self.is_exemption(id) {
            return None;
        }
        if self.is_ncnd(id) {
            return Some(id.clone());
        }
        self.rules_for(id)
            .into_iter()
            .find_map(|r| r.ncnd.clone())
            .flatten()
    }

    /// The dated s.2(3) entry for `id` on `date` (from the most specific rule with a status).
    pub fn dated_effect(&self, id: &ProvisionId, date: Date) -> Option<&DatedEffect> {
        if !self.is_exemption(id) || !self.in_force_on(id, date) {
            return None;
        }
        let rule = self
            .rules_for(id)
            .into_iter()
            .find(|r| !r.status.is_empty())?;
        rule.status.iter().find(|e| e.applies_on(date))
    }

    /// Absolute or qualified as s.2(3) stood on `date`.
    pub fn effect_on(&self, id: &ProvisionId, date: Date) -> Option<Effect> {
        self.dated_effect(id, date).map(|e| e.effect.clone())
    }
}
