//! The Commissioner's queue: each complaint with its age, its authority and
//! its stage, oldest first; live complaints apart from those decided or
//! declined. Ages count calendar days from the complaint to today.

use foidesk_calendar::Date;
use foidesk_case::{eligibility, Context, GroundCheck, Status};
use foidesk_law::vocabulary;
use foidesk_store::{CaseSummary, ComplaintQuery, Store};

use crate::{CaseView, Engine, EngineError, Role, User};

vocabulary! {
    /// Where a complaint stands at the Commissioner, as the queue says it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
    pub enum ComplaintStage {
        /// Not yet accepted or declined: is it eligible (s.50(2))?
        Eligibility = "eligibility", "eligibility";
        Investigation = "investigation", "investigation";
        /// A decision notice was issued (its steps may still be due).
        Decided = "decided", "decision issued";
        Appeal = "appeal", "appeal";
        /// The Commissioner declined to decide it (s.50(2)).
        Declined = "declined", "declined";
    }
}

impl ComplaintStage {
    /// The statuses a case at this stage is in.
    pub fn statuses(self) -> &'static [Status] {
        match self {
            ComplaintStage::Eligibility => &[Status::WithCommissioner],
            ComplaintStage::Investigation => &[Status::UnderInvestigation],
            ComplaintStage::Decided => &[Status::StepsOrdered, Status::Decided],
            ComplaintStage::Appeal => &[Status::Appealed],
            ComplaintStage::Declined => &[Status::ComplaintDeclined],
        }
    }

    /// The stage of a case in `status`, if it is with the Commissioner.
    pub fn of(status: Status) -> Option<ComplaintStage> {
        ComplaintStage::ALL
            .into_iter()
            .find(|s| s.statuses().contains(&status))
    }

    /// Whether the Commissioner still has work to do on it.
    pub fn is_live(self) -> bool {
        matches!(
            self,
            ComplaintStage::Eligibility | ComplaintStage::Investigation | ComplaintStage::Appeal
        )
    }

    /// The stage in the queue's words: a notice whose steps are due says so.
    pub fn words(status: Status) -> &'static str {
        match status {
            Status::StepsOrdered => "decision issued, steps due",
            other => ComplaintStage::of(other).map_or("", ComplaintStage::label),
        }
    }
}

/// Which complaints to list; each `None` (or `false`) matches all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ComplaintFilter {
    pub stage: Option<ComplaintStage>,
    pub authority_id: Option<i64>,
    /// Only those assigned to the caller.
    pub mine: bool,
}

/// One complaint of the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComplaintRow {
    pub summary: CaseSummary,
    pub authority: String,
    pub complained: Date,
    /// Calendar days from the complaint to today.
    pub age_days: i64,
}

impl ComplaintRow {
    /// "23 days (3 weeks)", "1 day (0 weeks)".
    pub fn age_words(&self) -> String {
        age_words(self.age_days)
    }
}

/// An age in days, with whole weeks beside it: "23 days (3 weeks)".
pub fn age_words(days: i64) -> String {
    let weeks = days.div_euclid(7);
    let d = if days == 1 { "day" } else { "days" };
    let w = if weeks == 1 { "week" } else { "weeks" };
    format!("{days} {d} ({weeks} {w})")
}

impl Engine {
    /// Each ground of s.50(2) and what the case shows of it (none when the
    /// case has no complaint).
    pub fn eligibility(&self, view: &CaseView) -> Result<Vec<GroundCheck>, EngineError> {
        let ctx = Context {
            calendar: self.calendar(),
            law: self.law(),
        };
        Ok(eligibility(&view.case, &view.assessment, ctx)?)
    }

    /// The complaints `filter` selects, live ones (`live`) or those decided
    /// and declined, oldest complaint first: for caseworkers and
    /// administrators only.
    pub(crate) async fn complaints_for(
        &self,
        store: &Store,
        user: &User,
        filter: &ComplaintFilter,
        live: bool,
        limit: i64,
    ) -> Result<Vec<ComplaintRow>, EngineError> {
        if !matches!(user.role, Role::Caseworker | Role::Administrator) {
            return Err(EngineError::Forbidden {
                message: format!(
                    "the complaints queue is the Commissioner's, not {}",
                    user.role.with_article()
                ),
            });
        }
        let statuses: Vec<String> = ComplaintStage::ALL
            .into_iter()
            .filter(|s| s.is_live() == live && filter.stage.is_none_or(|f| f == *s))
            .flat_map(|s| s.statuses().iter().map(|st| st.as_str().to_owned()))
            .collect();
        let q = ComplaintQuery {
            statuses,
            authority_id: filter.authority_id,
            assignee: filter.mine.then(|| user.email.clone()),
            limit,
        };
        let rows = store.complaints(&q).await?;
        let authorities = store.authorities().await?;
        let today = self.today();
        Ok(rows
            .into_iter()
            .filter_map(|summary| {
                let complained = Date::parse(summary.projection.complained.as_deref()?).ok()?;
                let authority = authorities
                    .iter()
                    .find(|a| a.id == summary.authority_id)
                    .map_or_else(String::new, |a| a.name.clone());
                Some(ComplaintRow {
                    age_days: complained.days_until(today),
                    summary,
                    authority,
                    complained,
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::age_words;

    #[test]
    fn ages_read_in_days_and_whole_weeks() {
        for (days, words) in [
            (0, "0 days (0 weeks)"),
            (1, "1 day (0 weeks)"),
            (7, "7 days (1 week)"),
            (23, "23 days (3 weeks)"),
            (365, "365 days (52 weeks)"),
        ] {
            assert_eq!(age_words(days), words);
        }
    }
}
