//! The published decision labels ("FOI 31: Not upheld", "EIR 5(2): Upheld") fill what the
//! prose leaves unsaid: an exemption relied on but not named, a procedural breach found
//! only in the labels, the outcome, the regime. The prose wins wherever it speaks.

use std::ops::Range;

use foidesk_law::{ProvisionId, Regime};

use super::polarity::{role, Role};
use crate::record::{DecisionLabel, Finding, NoticeRecord, Outcome, RegimeSet};

/// `at`: where the labels are in the input, for the spans of what they add.
pub(super) fn fill(labels: &[DecisionLabel], at: Range<usize>, rec: &mut NoticeRecord) {
    if labels.is_empty() {
        return;
    }
    let same_section =
        |ids: &[ProvisionId], p: &ProvisionId| ids.iter().any(|i| i.top() == p.top());
    for label in labels {
        let p = &label.provision;
        match role(p) {
            Role::Exemption if !same_section(&rec.provisions_cited, p) => {
                rec.provisions_cited.push(p.clone());
                rec.spans.provisions_cited.push(at.clone());
            }
            Role::Procedural
                if label.finding != Finding::NotUpheld
                    && p.top().to_string() != "s.1"
                    && !same_section(&rec.breaches, p) =>
            {
                rec.breaches.push(p.clone());
                rec.spans.breaches.push(at.clone());
            }
            _ => {}
        }
    }
    if rec.outcome.is_none() {
        rec.outcome = outcome(labels);
        if rec.outcome.is_some() {
            rec.spans.outcome = Some(at.clone());
        }
    }
    let all_eir = labels.iter().all(|l| l.provision.regime() == Regime::Eir);
    if all_eir
        && rec.regime == Some(RegimeSet::Foia)
        && rec
            .provisions_cited
            .iter()
            .all(|p| p.regime() == Regime::Eir)
    {
        rec.regime = Some(RegimeSet::Eir);
        rec.spans.regime = Some(at);
    }
}

/// The outcome the exemption labels add up to: a complaint upheld is a finding against the
/// authority, not upheld one for it, and a mixture (or "partly upheld") is mixed.
fn outcome(labels: &[DecisionLabel]) -> Option<Outcome> {
    let findings: Vec<Finding> = labels
        .iter()
        .filter(|l| role(&l.provision) == Role::Exemption)
        .map(|l| l.finding)
        .collect();
    let upheld = findings.contains(&Finding::Upheld);
    let not_upheld = findings.contains(&Finding::NotUpheld);
    let partly = findings.contains(&Finding::PartlyUpheld);
    match (upheld, not_upheld, partly) {
        (false, false, false) => None,
        (true, false, false) => Some(Outcome::AuthorityNotEntitled),
        (false, true, false) => Some(Outcome::AuthorityEntitled),
        _ => Some(Outcome::Mixed),
    }
}
