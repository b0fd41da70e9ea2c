//! Plain counts of cases received, written apart from the grouped figures
//! (`statistics.rs`) so a bench or a test can check those figures against
//! a query that shares none of their code.

use sqlx::Row;

use crate::{DateRange, Store, StoreError};

impl Store {
    /// How many cases were received in `range` (both ends included), of
    /// one authority or all, and with one stored timeliness or any.
    pub async fn count_received(
        &self,
        authority_id: Option<i64>,
        range: &DateRange,
        timeliness: Option<&str>,
    ) -> Result<i64, StoreError> {
        let text = match (authority_id.is_some(), timeliness.is_some()) {
            (false, false) => "SELECT COUNT(*) FROM cases WHERE received BETWEEN $1 AND $2",
            (true, false) => {
                "SELECT COUNT(*) FROM cases WHERE received BETWEEN $1 AND $2 AND authority_id = $3"
            }
            (false, true) => {
                "SELECT COUNT(*) FROM cases WHERE received BETWEEN $1 AND $2 AND timeliness = $3"
            }
            (true, true) => {
                "SELECT COUNT(*) FROM cases WHERE received BETWEEN $1 AND $2 \
                 AND authority_id = $3 AND timeliness = $4"
            }
        };
        let mut q = sqlx::query(self.sql(text))
            .bind(&range.from)
            .bind(&range.to);
        if let Some(id) = authority_id {
            q = q.bind(id);
        }
        if let Some(t) = timeliness {
            q = q.bind(t);
        }
        Ok(q.fetch_one(&self.pool).await?.try_get(0)?)
    }
}
