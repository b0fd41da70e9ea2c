//! What statistics count of each case (issue 16), kept on the case's row and
//! in `case_provisions`. The engine works the facts out from the case's
//! assessment and hands them over with every write; the store only writes
//! them and sums them (`statistics.rs`).

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, Row};

use crate::bulk::sql_text;
use crate::{Store, StoreError};

/// The case row's fact columns, in the order `Facts::bind` binds them.
pub(crate) const FACT_COLUMNS: [&str; 17] = [
    "facts_version",
    "answered",
    "timeliness",
    "on_hold_until",
    "initial_outcome",
    "cost_limit",
    "vexatious",
    "ncnd",
    "section_21_only",
    "review",
    "review_requested",
    "review_decided",
    "complaint_closed",
    "notice_outcome",
    "notice_date",
    "steps_due",
    "steps_complied",
];

/// Where a provision of `Facts::provisions` comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProvisionSource {
    /// Relied on in the initial response; dated by the request's receipt.
    Response,
    /// Found breached by the decision notice; dated by the notice.
    Notice,
}

impl ProvisionSource {
    pub fn as_str(self) -> &'static str {
        match self {
            ProvisionSource::Response => "response",
            ProvisionSource::Notice => "notice",
        }
    }
}

/// One case's facts, as plain text: dates ISO, categories by their wire
/// names (the engine's vocabularies), flags as booleans.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// The rules that worked these out; a row with an older version (or
    /// none) is worked out again.
    pub version: i64,
    pub answered: Option<String>,
    pub timeliness: String,
    pub on_hold_until: Option<String>,
    pub initial_outcome: String,
    pub cost_limit: bool,
    pub vexatious: bool,
    pub ncnd: bool,
    pub section_21_only: bool,
    pub review: Option<String>,
    pub review_requested: Option<String>,
    pub review_decided: Option<String>,
    pub complaint_closed: Option<String>,
    pub notice_outcome: Option<String>,
    pub notice_date: Option<String>,
    pub steps_due: Option<String>,
    pub steps_complied: Option<String>,
    /// Each provision once per source, with the date it is counted by.
    pub provisions: Vec<(ProvisionSource, String, String)>,
}

type AnyQuery<'q> = Query<'q, Any, AnyArguments>;

impl Facts {
    /// Bind the `FACT_COLUMNS` values of `facts` (NULLs for none).
    pub(crate) fn bind<'q>(facts: Option<&'q Facts>, q: AnyQuery<'q>) -> AnyQuery<'q> {
        let flag = |f: fn(&Facts) -> bool| facts.map(|x| i64::from(f(x)));
        q.bind(facts.map(|f| f.version))
            .bind(facts.and_then(|f| f.answered.as_deref()))
            .bind(facts.map(|f| f.timeliness.as_str()))
            .bind(facts.and_then(|f| f.on_hold_until.as_deref()))
            .bind(facts.map(|f| f.initial_outcome.as_str()))
            .bind(flag(|f| f.cost_limit))
            .bind(flag(|f| f.vexatious))
            .bind(flag(|f| f.ncnd))
            .bind(flag(|f| f.section_21_only))
            .bind(facts.and_then(|f| f.review.as_deref()))
            .bind(facts.and_then(|f| f.review_requested.as_deref()))
            .bind(facts.and_then(|f| f.review_decided.as_deref()))
            .bind(facts.and_then(|f| f.complaint_closed.as_deref()))
            .bind(facts.and_then(|f| f.notice_outcome.as_deref()))
            .bind(facts.and_then(|f| f.notice_date.as_deref()))
            .bind(facts.and_then(|f| f.steps_due.as_deref()))
            .bind(facts.and_then(|f| f.steps_complied.as_deref()))
    }
}

/// `a = $n, b = $n+1, …` for an UPDATE of the fact columns from `$first`.
pub(crate) fn set_list(first: usize) -> String {
    FACT_COLUMNS
        .iter()
        .zip(first..)
        .map(|(c, n)| format!("{c} = ${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Provision rows per statement (5 parameters each).
const PROVISION_ROWS: usize = 5_000;

/// A case whose facts the engine should work out again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaleFacts {
    pub id: i64,
    pub version: i64,
}

impl Store {
    /// Replace the provision rows of the cases given, inside the caller's
    /// transaction: `(case id, authority id, facts)`.
    pub(crate) async fn write_provisions(
        &self,
        tx: &mut sqlx::Transaction<'_, Any>,
        cases: &[(i64, i64, Option<&Facts>)],
        replace: bool,
    ) -> Result<(), StoreError> {
        if replace {
            let delete = self.sql("DELETE FROM case_provisions WHERE case_id = $1");
            for (id, _, _) in cases {
                sqlx::query(delete.clone())
                    .bind(*id)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        let rows: Vec<(i64, i64, &(ProvisionSource, String, String))> = cases
            .iter()
            .filter_map(|(id, authority, f)| f.map(|f| (*id, *authority, f)))
            .flat_map(|(id, authority, f)| f.provisions.iter().map(move |p| (id, authority, p)))
            .collect();
        for chunk in rows.chunks(PROVISION_ROWS) {
            let text = format!(
                "INSERT INTO case_provisions (case_id, source, provision, authority_id, dated) \
                 VALUES {} ON CONFLICT DO NOTHING",
                self.rows_of_params(chunk.len(), 5)
            );
            let mut q = sqlx::query(sql_text(text));
            for (id, authority, (source, provision, dated)) in chunk {
                q = q
                    .bind(*id)
                    .bind(source.as_str())
                    .bind(provision.as_str())
                    .bind(*authority)
                    .bind(dated.as_str());
            }
            q.execute(&mut **tx).await?;
        }
        Ok(())
    }

    /// Up to `limit` cases after `after_id` whose facts were written by
    /// rules older than `version` (or by none), in id order.
    pub async fn stale_facts(
        &self,
        version: i64,
        after_id: i64,
        limit: i64,
    ) -> Result<Vec<StaleFacts>, StoreError> {
        let rows = sqlx::query(self.sql(
            "SELECT id, version FROM cases \
             WHERE (facts_version IS NULL OR facts_version < $1) AND id > $2 \
             ORDER BY id LIMIT $3",
        ))
        .bind(version)
        .bind(after_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(StaleFacts {
                    id: r.try_get(0)?,
                    version: r.try_get(1)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// How many cases have facts older than `version` or none.
    pub async fn count_stale_facts(&self, version: i64) -> Result<i64, StoreError> {
        let (n,): (i64,) =
            sqlx::query_as(self.sql(
                "SELECT COUNT(*) FROM cases WHERE facts_version IS NULL OR facts_version < $1",
            ))
            .bind(version)
            .fetch_one(&self.pool)
            .await?;
        Ok(n)
    }

    /// Write the facts of a case as it stood at `at_version`. A case
    /// appended to since is left alone (its append wrote newer facts):
    /// returns whether the row was written.
    pub async fn write_facts(
        &self,
        case_id: i64,
        at_version: i64,
        facts: &Facts,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let text = format!(
            "UPDATE cases SET {} WHERE id = ${} AND version = ${} RETURNING authority_id",
            set_list(1),
            FACT_COLUMNS.len() + 1,
            FACT_COLUMNS.len() + 2
        );
        let q = Facts::bind(Some(facts), sqlx::query(sql_text(self.sql_owned(text))));
        let row = q
            .bind(case_id)
            .bind(at_version)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            tx.rollback().await?;
            return Ok(false);
        };
        let authority: i64 = row.try_get(0)?;
        self.write_provisions(&mut tx, &[(case_id, authority, Some(facts))], true)
            .await?;
        tx.commit().await?;
        Ok(true)
    }
}
