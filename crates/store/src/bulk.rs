//! Bulk import: many cases and their events in one transaction, written with
//! multi-row INSERTs so a batch costs a few statements, not one per row.

use std::collections::HashMap;

use sqlx::{AssertSqlSafe, Row, SqlSafeStr, SqlStr};

use crate::{Backend, NewCase, Store, StoreError};

/// Bound parameters per statement: SQLite's limit (PostgreSQL allows 65535).
const MAX_PARAMS: usize = 32_766;
const CASE_COLUMNS: usize = 17 + crate::facts::FACT_COLUMNS.len();
const EVENT_COLUMNS: usize = 6;

impl Store {
    /// Open many cases with their events, in one transaction, and return
    /// their ids in the order given. A reference already used (in the store
    /// or earlier in the batch) fails the whole batch with `Duplicate`.
    pub async fn create_cases(&self, cases: &[NewCase]) -> Result<Vec<i64>, StoreError> {
        if cases.is_empty() {
            return Ok(Vec::new());
        }
        let mut tx = self.pool.begin().await?;
        match self.create_cases_in(&mut tx, cases).await {
            Ok(ids) => {
                tx.commit().await?;
                Ok(ids)
            }
            Err(e) => {
                tx.rollback().await?;
                Err(e)
            }
        }
    }

    /// `create_cases`' work inside a transaction the caller commits, so a
    /// batch link (`batches.rs`) is written with the cases.
    pub(crate) async fn create_cases_in(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        cases: &[NewCase],
    ) -> Result<Vec<i64>, StoreError> {
        let mut ids = Vec::with_capacity(cases.len());
        for chunk in cases.chunks(MAX_PARAMS / CASE_COLUMNS) {
            match self.insert_cases(tx, chunk).await {
                Ok(chunk_ids) => ids.extend(chunk_ids),
                Err(e) => return Err(self.explain_foreign_key(e, cases).await),
            }
        }
        let events: Vec<_> = ids
            .iter()
            .zip(cases)
            .flat_map(|(id, c)| (1_i64..).zip(&c.events).map(move |(v, e)| (*id, v, e)))
            .collect();
        for chunk in events.chunks(MAX_PARAMS / EVENT_COLUMNS) {
            let text = format!(
                "INSERT INTO case_events (case_id, version, kind, body, recorded_by, \
                 recorded_at) VALUES {}",
                self.rows_of_params(chunk.len(), EVENT_COLUMNS)
            );
            let mut q = sqlx::query(sql_text(text));
            for (id, version, e) in chunk {
                q = q
                    .bind(*id)
                    .bind(*version)
                    .bind(&e.kind)
                    .bind(&e.body_json)
                    .bind(&e.recorded_by)
                    .bind(&e.recorded_at);
            }
            q.execute(&mut **tx).await?;
        }
        let provisions: Vec<_> = ids
            .iter()
            .zip(cases)
            .map(|(id, c)| (*id, c.authority_id, c.projection.facts.as_ref()))
            .collect();
        self.write_provisions(tx, &provisions, false).await?;
        self.write_prints(tx, &ids, cases).await?;
        Ok(ids)
    }

    /// One multi-row INSERT; the ids come back matched to the input by key,
    /// since neither backend promises RETURNING rows in VALUES order.
    async fn insert_cases(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        chunk: &[NewCase],
    ) -> Result<Vec<i64>, StoreError> {
        let text = format!(
            "INSERT INTO cases (authority_id, reference, desk, requester, request, version, \
             status, next_deadline, assignee, created_at, updated_at, subject, received, \
             regime, requester_type, search_text, complained, {}) VALUES {} \
             ON CONFLICT (authority_id, reference) DO NOTHING \
             RETURNING id, authority_id, reference",
            crate::facts::FACT_COLUMNS.join(", "),
            self.rows_of_params(chunk.len(), CASE_COLUMNS)
        );
        let mut q = sqlx::query(sql_text(text));
        for c in chunk {
            let p = &c.projection;
            q = q
                .bind(c.authority_id)
                .bind(&c.reference)
                .bind(&c.projection.desk)
                .bind(&c.requester)
                .bind(&c.request_json)
                .bind(i64::try_from(c.events.len()).unwrap_or(i64::MAX))
                .bind(&p.status)
                .bind(&p.next_deadline)
                .bind(&p.assignee)
                .bind(&c.created_at)
                .bind(&c.created_at)
                .bind(&c.listing.subject)
                .bind(&c.listing.received)
                .bind(&c.listing.regime)
                .bind(&c.listing.requester_type)
                .bind(&c.listing.search_text)
                .bind(&p.complained);
            q = crate::Facts::bind(p.facts.as_ref(), q);
        }
        let mut stored: HashMap<(i64, String), i64> = HashMap::with_capacity(chunk.len());
        for row in q.fetch_all(&mut **tx).await? {
            stored.insert((row.try_get(1)?, row.try_get(2)?), row.try_get(0)?);
        }
        // A key missing here was skipped by ON CONFLICT; taking each key out
        // as it is matched also catches a reference given twice in the batch.
        chunk
            .iter()
            .map(|c| {
                stored
                    .remove(&(c.authority_id, c.reference.clone()))
                    .ok_or_else(|| StoreError::Duplicate {
                        what: "case reference",
                        key: c.reference.clone(),
                    })
            })
            .collect()
    }

    /// A foreign-key failure names no row, so find the authority that is missing.
    async fn explain_foreign_key(&self, err: StoreError, cases: &[NewCase]) -> StoreError {
        let StoreError::Database(sqlx::Error::Database(d)) = &err else {
            return err;
        };
        if !d.is_foreign_key_violation() {
            return err;
        }
        let mut authority_ids: Vec<i64> = cases.iter().map(|c| c.authority_id).collect();
        authority_ids.sort_unstable();
        authority_ids.dedup();
        for id in authority_ids {
            let found: Result<Option<(i64,)>, _> =
                sqlx::query_as(self.sql("SELECT id FROM authorities WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await;
            if let Ok(None) = found {
                return StoreError::NotFound {
                    what: "authority",
                    key: id.to_string(),
                };
            }
        }
        err
    }

    /// `($1, …, $w), ($w+1, …)`: `rows` tuples of `width` placeholders. SQLite
    /// gets bare `?`s: sqlx looks up each numbered one by name, and SQLite's
    /// lookup scans every name, which is quadratic in a statement this long.
    pub(crate) fn rows_of_params(&self, rows: usize, width: usize) -> String {
        let mut out = String::with_capacity(rows.saturating_mul(width).saturating_mul(8));
        let mut n: usize = 0;
        for r in 0..rows {
            out.push_str(if r == 0 { "(" } else { ", (" });
            for c in 0..width {
                n = n.saturating_add(1);
                if c > 0 {
                    out.push_str(", ");
                }
                match self.backend {
                    Backend::Postgres => {
                        out.push('$');
                        out.push_str(&n.to_string());
                    }
                    Backend::Sqlite => out.push('?'),
                }
            }
            out.push(')');
        }
        out
    }
}

/// Only static text and numbered placeholders go into these statements;
/// every value is bound.
pub(crate) fn sql_text(text: String) -> SqlStr {
    AssertSqlSafe(text).into_sql_str()
}
