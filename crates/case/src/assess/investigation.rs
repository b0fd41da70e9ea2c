//! The Commissioner's investigation: each letter to the authority sets a
//! date for its reply; the latest letter's date is the deadline the
//! authority's submission meets. The date is the Commissioner's own
//! choice, not a statutory period, so no finding states it.

use super::{AssessError, Run};
use crate::model::{Case, EventKind};

pub(crate) fn run(run: &mut Run<'_>) -> Result<(), AssessError> {
    run.deadlines.authority_reply_due = latest_letter(run.case).map(|(_, by)| by);
    Ok(())
}

/// The position and reply date of the latest letter to the authority.
fn latest_letter(case: &Case) -> Option<(usize, foidesk_calendar::Date)> {
    case.events
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, e)| match e.kind {
            EventKind::InvestigationLetter { reply_by } => Some((i, reply_by)),
            _ => None,
        })
}

/// Whether the authority has replied to the latest letter (or no letter
/// asks it to): a submission after that letter in the timeline.
pub fn reply_received(case: &Case) -> bool {
    match latest_letter(case) {
        None => true,
        Some((i, _)) => case.events[i..]
            .iter()
            .any(|e| matches!(e.kind, EventKind::AuthoritySubmission)),
    }
}
