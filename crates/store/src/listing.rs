//! Lists of cases by who may see them. Each scope has its own fixed query, so
//! every one can use its index on both backends.

use crate::cases::summary;
use crate::{CaseSummary, Store, StoreError};

/// The most statuses `CaseScope::Statuses` takes: its query has this many
/// slots, so it is one fixed text whatever the caller passes.
pub const STATUS_SLOTS: usize = 8;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseScope {
    All,
    Authority(i64),
    /// Cases whose requester is this address.
    Requester(String),
    /// Cases in any of these statuses (the engine passes those with the
    /// regulator); at most `STATUS_SLOTS`.
    Statuses(Vec<String>),
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
        list_sql!($condition, "$2", "$3")
    };
    ($condition:literal, $after:literal, $limit:literal) => {
        concat!(
            "SELECT id, authority_id, reference, desk, requester, version, status, ",
            "next_deadline, assignee FROM cases WHERE ",
            $condition,
            " AND id > ",
            $after,
            " ORDER BY id LIMIT ",
            $limit
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
            CaseScope::Statuses(statuses) => {
                if statuses.len() > STATUS_SLOTS {
                    return Err(StoreError::TooManyStatuses {
                        given: statuses.len(),
                        most: STATUS_SLOTS,
                    });
                }
                let Some(first) = statuses.first() else {
                    return Ok(Vec::new());
                };
                let query = sqlx::query(self.sql(list_sql!(
                    "status IN ($1, $2, $3, $4, $5, $6, $7, $8)",
                    "$9",
                    "$10"
                )));
                // Unused slots repeat a status: IN is a set, so they change nothing.
                (0..STATUS_SLOTS).fold(query, |q, i| {
                    q.bind(statuses.get(i).unwrap_or(first).clone())
                })
            }
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
