//! Figures for dashboards and the statistics page, worked out from the
//! cases a user may see: timeliness (answered by the FOIA s.10(1) / EIR
//! reg.5(2) due date) by month and by authority, and response outcomes by
//! the provision relied on.

use std::collections::BTreeMap;

use foidesk_case::EventKind;
use foidesk_store::Store;

use crate::{CaseView, Engine, EngineError, User};

/// How many of the requests received in a period (or by one authority)
/// were answered, and how many of those by the due date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timeliness {
    pub answered: u32,
    pub on_time: u32,
}

impl Timeliness {
    /// Whole per cent answered on time, if any were answered.
    pub fn percent(&self) -> Option<u32> {
        (self.answered > 0).then(|| self.on_time.saturating_mul(100) / self.answered)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// By month of receipt, "YYYY-MM", oldest first.
    pub by_month: BTreeMap<String, Timeliness>,
    /// By the stored authority's id (not the case file's free-text name).
    pub by_authority: BTreeMap<i64, Timeliness>,
    /// Provision → outcome name → parts answered so.
    pub outcomes_by_provision: BTreeMap<String, BTreeMap<&'static str, u32>>,
    /// Cases looked at (at most the limit asked for).
    pub cases: usize,
}

/// One case's first response: was it by the due date?
fn answered_on_time(view: &CaseView) -> Option<bool> {
    let response = view
        .case
        .events
        .iter()
        .find(|e| matches!(e.kind, EventKind::Response(_)))?;
    let due = view.assessment.deadlines.response_due?;
    Some(response.date <= due)
}

pub fn stats(views: &[CaseView]) -> Stats {
    let mut out = Stats {
        cases: views.len(),
        ..Stats::default()
    };
    for view in views {
        if let Some(on_time) = answered_on_time(view) {
            let received = view.case.request.received;
            let month = format!("{:04}-{:02}", received.year(), received.month());
            for bucket in [
                out.by_month.entry(month).or_default(),
                out.by_authority
                    .entry(view.summary.authority_id)
                    .or_default(),
            ] {
                bucket.answered = bucket.answered.saturating_add(1);
                bucket.on_time = bucket.on_time.saturating_add(u32::from(on_time));
            }
        }
        for e in &view.case.events {
            if let EventKind::Response(r) = &e.kind {
                for part in &r.outcomes {
                    for p in &part.provisions {
                        let n = out
                            .outcomes_by_provision
                            .entry(p.to_string())
                            .or_default()
                            .entry(part.outcome.as_str())
                            .or_default();
                        *n = n.saturating_add(1);
                    }
                }
            }
        }
    }
    out
}

impl Engine {
    /// Up to `limit` of the cases this user may see, each with its assessment.
    pub(crate) async fn case_views_for(
        &self,
        store: &Store,
        user: &User,
        limit: i64,
    ) -> Result<Vec<CaseView>, EngineError> {
        let summaries = self.cases_for(store, user, 0, limit).await?;
        let mut out = Vec::with_capacity(summaries.len());
        for s in summaries {
            if let Some(mut view) = self.case_view(store, s.id).await? {
                crate::access::redact_for(user, &mut view);
                out.push(view);
            }
        }
        Ok(out)
    }
}
