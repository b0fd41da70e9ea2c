//! What statistics count of a case, worked out from its assessment whenever
//! the case is written (the case crate's `return_facts`, plus the decision
//! notice's steps), and kept by the store beside the projection. Rows
//! written before the facts existed, or by older rules, are worked out
//! again by `fill_statistics`.

use foidesk_calendar::Date;
use foidesk_case::returns::{return_facts, ReturnFacts};
use foidesk_case::{decision_steps, Assessment, Case, Context, EventKind, StepState};
use foidesk_store::{Facts, ProvisionSource, Store};

use crate::{Engine, EngineError};

/// The version of the rules below: raise it when they change, and every
/// stored case is worked out again.
pub const FACTS_VERSION: i64 = 1;

/// Cases worked out again per batch.
const FILL_BATCH: i64 = 500;

/// The facts of a validated, assessed case as at `as_at`.
pub(crate) fn facts_of(
    case: &Case,
    assessment: &Assessment,
    as_at: Date,
    ctx: Context<'_>,
) -> Result<Facts, EngineError> {
    let r: ReturnFacts = return_facts(case, assessment, as_at, ctx)?;
    let day = |d: Option<Date>| d.map(|d| d.to_string());
    let notice = case.events.iter().find_map(|e| match &e.kind {
        EventKind::DecisionNotice(n) => Some((e.date, n)),
        _ => None,
    });
    let steps = decision_steps(case, assessment, as_at);
    let step = steps.first();
    let received = r.received.to_string();
    let mut provisions: Vec<(ProvisionSource, String, String)> = r
        .exemptions
        .iter()
        .map(|p| (ProvisionSource::Response, p.to_string(), received.clone()))
        .collect();
    if let Some((date, n)) = notice {
        let mut found: Vec<String> = n.breaches.iter().map(ToString::to_string).collect();
        found.sort();
        found.dedup();
        provisions.extend(
            found
                .into_iter()
                .map(|p| (ProvisionSource::Notice, p, date.to_string())),
        );
    }
    Ok(Facts {
        version: FACTS_VERSION,
        answered: day(r.answered),
        timeliness: r.timeliness.as_str().to_owned(),
        on_hold_until: day(r.on_hold_until),
        initial_outcome: r.initial_outcome.as_str().to_owned(),
        cost_limit: r.cost_limit,
        vexatious: r.vexatious_or_repeated,
        ncnd: r.ncnd,
        section_21_only: r.section_21_only,
        review: r.review.map(|o| o.as_str().to_owned()),
        review_requested: day(r.review_requested),
        review_decided: day(r.review_decided),
        complaint_closed: day(r.complaint_closed),
        notice_outcome: r.notice_outcome.map(|o| o.as_str().to_owned()),
        notice_date: notice.map(|(d, _)| d.to_string()),
        steps_due: day(step.map(|s| s.due)),
        steps_complied: day(step.and_then(|s| match s.state {
            StepState::CompliedWith { on } => Some(on),
            _ => None,
        })),
        provisions,
    })
}

impl Engine {
    /// The calendar and the law, as the case crate's rules take them.
    pub(crate) fn context(&self) -> Context<'_> {
        Context {
            calendar: self.calendar(),
            law: self.law(),
        }
    }

    /// Work out the facts of up to one batch of cases, after case `after`,
    /// whose facts are missing or older than `FACTS_VERSION`. Returns the
    /// last case looked at, to pass as `after` next time (`None`: none is
    /// left). A case that cannot be read is passed over, so one bad row
    /// cannot stop the rest. Safe to run from several servers at once:
    /// each writes the facts of the version it read, or nothing.
    pub(crate) async fn fill_statistics(
        &self,
        store: &Store,
        after: i64,
    ) -> Result<Option<i64>, EngineError> {
        let stale = store.stale_facts(FACTS_VERSION, after, FILL_BATCH).await?;
        for s in &stale {
            let Ok(Some(view)) = self.case_view(store, s.id).await else {
                continue;
            };
            let Ok(facts) = facts_of(&view.case, &view.assessment, self.today(), self.context())
            else {
                continue;
            };
            store
                .write_facts(s.id, view.summary.version, &facts)
                .await?;
        }
        Ok(stale.last().map(|s| s.id))
    }
}
