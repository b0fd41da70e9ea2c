//! Figures summed in SQL from the facts the engine kept on each case
//! (`facts.rs`), besides the per-condition sums of `tallies.rs`: provisions
//! relied on or found breached, and the Commissioner's complaints. Each
//! query reads an index over a date range, never the whole case table; the
//! categories' meaning stays with the engine.

use sqlx::Row;

use crate::bulk::sql_text;
use crate::{ProvisionSource, Store, StoreError};

/// Whose cases a figure counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatsScope {
    /// Every authority's.
    All,
    Authority(i64),
    /// Those whose requester is this address.
    Requester(String),
}

/// A date range, ISO dates, both ends inclusive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateRange {
    pub from: String,
    pub to: String,
}

/// One complaint closed in a range: when it was made and closed, and the
/// decision notice's outcome and steps, if a notice closed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClosedComplaint {
    pub complained: String,
    pub closed: String,
    pub notice_outcome: Option<String>,
}

/// Decision notices whose steps fell due in a range.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StepsCounts {
    pub due: i64,
    pub complied_on_time: i64,
    pub complied_late: i64,
}

/// The scope as SQL over `cases` (and the parameter it binds as `$3`),
/// spelt out per form so each can use its own index.
pub(crate) fn scope_sql(
    scope: &StatsScope,
    all: &'static str,
) -> (&'static str, Option<String>, Option<i64>) {
    match scope {
        StatsScope::All => (all, None, None),
        StatsScope::Authority(id) => ("authority_id = $3", None, Some(*id)),
        StatsScope::Requester(r) => ("requester = $3", Some(r.clone()), None),
    }
}

macro_rules! bind_scope {
    ($q:expr, $text:expr, $int:expr) => {
        match ($text, $int) {
            (Some(t), _) => $q.bind(t),
            (None, i) => $q.bind(i),
        }
    };
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>;

impl Store {
    /// A query over `cases` for `scope` and `range`: `{scope}` in `template`
    /// becomes the scope's condition; binds $1 and $2 (the range) and $3
    /// (the scope's value, NULL for all).
    pub(crate) fn scoped_query<'q>(
        &self,
        template: &str,
        scope: &StatsScope,
        range: &'q DateRange,
    ) -> AnyQuery<'q> {
        let (cond, text, int) = scope_sql(scope, "($3 IS NULL)");
        let q = sqlx::query(sql_text(self.sql_owned(template.replace("{scope}", cond))))
            .bind(&range.from)
            .bind(&range.to);
        bind_scope!(q, text, int)
    }

    /// Cases per provision from `source`, dated in `range`: for the
    /// response, the request's receipt; for a notice, the notice's date.
    /// A requester's scope counts through their cases.
    pub async fn provision_counts(
        &self,
        scope: &StatsScope,
        source: ProvisionSource,
        range: &DateRange,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        let cond = match scope {
            StatsScope::All => "($3 IS NULL)",
            StatsScope::Authority(_) => "p.authority_id = $3",
            StatsScope::Requester(_) => "p.case_id IN (SELECT id FROM cases WHERE requester = $3)",
        };
        let (_, text, int) = scope_sql(scope, "");
        let sql = format!(
            "SELECT p.provision, COUNT(*) FROM case_provisions p \
             WHERE p.source = $4 AND p.dated BETWEEN $1 AND $2 AND {cond} \
             GROUP BY p.provision ORDER BY p.provision"
        );
        let q = sqlx::query(sql_text(self.sql_owned(sql)))
            .bind(&range.from)
            .bind(&range.to);
        let q = bind_scope!(q, text, int).bind(source.as_str());
        Ok(q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect::<Result<_, sqlx::Error>>()?)
    }

    /// How many complaints were made to the Commissioner in `range`.
    pub async fn complaints_received(
        &self,
        scope: &StatsScope,
        range: &DateRange,
    ) -> Result<i64, StoreError> {
        let row = self
            .scoped_query(
                "SELECT COUNT(*) FROM cases WHERE complained BETWEEN $1 AND $2 AND {scope}",
                scope,
                range,
            )
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }

    /// The complaints closed (declined or decided) in `range`.
    pub async fn complaints_closed(
        &self,
        scope: &StatsScope,
        range: &DateRange,
    ) -> Result<Vec<ClosedComplaint>, StoreError> {
        const SQL: &str = "SELECT complained, complaint_closed, notice_outcome FROM cases \
             WHERE complaint_closed BETWEEN $1 AND $2 AND complained IS NOT NULL AND {scope}";
        Ok(self
            .scoped_query(SQL, scope, range)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(ClosedComplaint {
                    complained: r.try_get(0)?,
                    closed: r.try_get(1)?,
                    notice_outcome: r.try_get(2)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?)
    }

    /// Decision notices issued in `range`, by outcome (`None`: not stated).
    pub async fn notice_outcomes(
        &self,
        scope: &StatsScope,
        range: &DateRange,
    ) -> Result<Vec<(Option<String>, i64)>, StoreError> {
        const SQL: &str = "SELECT notice_outcome, COUNT(*) FROM cases \
             WHERE notice_date BETWEEN $1 AND $2 AND {scope} GROUP BY 1";
        Ok(self
            .scoped_query(SQL, scope, range)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect::<Result<_, sqlx::Error>>()?)
    }

    /// Decision notices whose steps fell due in `range`, and how many were
    /// complied with by then or later.
    pub async fn steps_counts(
        &self,
        scope: &StatsScope,
        range: &DateRange,
    ) -> Result<StepsCounts, StoreError> {
        const SQL: &str = "SELECT COUNT(*), \
             COALESCE(SUM(CASE WHEN steps_complied <= steps_due THEN 1 ELSE 0 END), 0), \
             COALESCE(SUM(CASE WHEN steps_complied > steps_due THEN 1 ELSE 0 END), 0) \
             FROM cases WHERE steps_due BETWEEN $1 AND $2 AND {scope}";
        let row = self
            .scoped_query(SQL, scope, range)
            .fetch_one(&self.pool)
            .await?;
        Ok(StepsCounts {
            due: row.try_get(0)?,
            complied_on_time: row.try_get(1)?,
            complied_late: row.try_get(2)?,
        })
    }
}
