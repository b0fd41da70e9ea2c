//! The Commissioner's queue: cases with a complaint, in some statuses,
//! oldest complaint first, through `cases_by_complained`.

use crate::cases::summary;
use crate::listing::STATUS_SLOTS;
use crate::{CaseSummary, Store, StoreError};

/// Which complaints a queue lists; `None` filters match every case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComplaintQuery {
    /// At most `STATUS_SLOTS`; none lists nothing.
    pub statuses: Vec<String>,
    pub authority_id: Option<i64>,
    pub assignee: Option<String>,
    pub limit: i64,
}

impl Store {
    /// Cases with a complaint date in any of the statuses, oldest complaint
    /// first (ties by id).
    pub async fn complaints(&self, q: &ComplaintQuery) -> Result<Vec<CaseSummary>, StoreError> {
        if q.statuses.len() > STATUS_SLOTS {
            return Err(StoreError::TooManyStatuses {
                given: q.statuses.len(),
                most: STATUS_SLOTS,
            });
        }
        let Some(first) = q.statuses.first() else {
            return Ok(Vec::new());
        };
        let query = sqlx::query(self.sql(
            "SELECT id, authority_id, reference, desk, requester, version, status, \
             next_deadline, assignee, complained FROM cases \
             WHERE complained IS NOT NULL AND status IN ($1, $2, $3, $4, $5, $6, $7, $8) \
             AND ($9 IS NULL OR authority_id = $9) AND ($10 IS NULL OR assignee = $10) \
             ORDER BY complained, id LIMIT $11",
        ));
        // Unused slots repeat a status: IN is a set, so they change nothing.
        let query = (0..STATUS_SLOTS).fold(query, |query, i| {
            query.bind(q.statuses.get(i).unwrap_or(first).clone())
        });
        let rows = query
            .bind(q.authority_id)
            .bind(&q.assignee)
            .bind(q.limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(summary).collect::<Result<_, _>>()?)
    }
}
