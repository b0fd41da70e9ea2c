//! Lists of cases by who may see them. Each scope has its own fixed query, so
//! every one can use its index on both backends.

use crate::cases::summary;
use crate::{CaseSummary, Store, StoreError};

/// Statuses of a case once a complaint has reached the regulator.
pub const REGULATOR_STATUSES: [&str; 4] =
    ["with_commissioner", "steps_ordered", "decided", "appealed"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseScope {
    All,
    Authority(i64),
    /// Cases whose requester is this address.
    Requester(String),
    /// Cases with the regulator (see `REGULATOR_STATUSES`).
    Regulator,
}

/// A page of cases in id order, after `after_id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseListQuery {
    pub scope: CaseScope,
    pub after_id: i64,
    pub limit: i64,
}

macro_rules! list_sql {
    ($condition:literal) => {
        concat!(
            "SELECT id, authority_id, reference, desk, requester, version, status, ",
            "next_deadline, assignee FROM cases WHERE ",
            $condition,
            " AND id > $2 ORDER BY id LIMIT $3"
        )
    };
}

impl Store {
    pub async fn list_cases(&self, q: &CaseListQuery) -> Result<Vec<CaseSummary>, StoreError> {
        let query = match &q.scope {
            CaseScope::All => sqlx::query(self.sql(list_sql!("$1 = 1"))).bind(1_i64),
            CaseScope::Authority(id) => {
                sqlx::query(self.sql(list_sql!("authority_id = $1"))).bind(*id)
            }
            CaseScope::Requester(email) => {
                sqlx::query(self.sql(list_sql!("requester = $1"))).bind(email.clone())
            }
            CaseScope::Regulator => sqlx::query(self.sql(list_sql!(
                "status IN ('with_commissioner', 'steps_ordered', 'decided', 'appealed') \
                 AND $1 = 1"
            )))
            .bind(1_i64),
        };
        let rows = query
            .bind(q.after_id)
            .bind(q.limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(summary).collect::<Result<_, _>>()?)
    }

    /// A case's row without its events, for deciding who may see it.
    pub async fn case_summary(&self, id: i64) -> Result<Option<CaseSummary>, StoreError> {
        let row = sqlx::query(self.sql(list_sql!("id = $1")))
            .bind(id)
            .bind(0_i64)
            .bind(1_i64)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(summary).transpose()?)
    }
}
