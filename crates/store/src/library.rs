//! The decision-notice library: notices kept once per distinct content.

use sqlx::Row;

use crate::{Store, StoreError};

/// The fields the library filters and counts by, denormalised from the record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoticeSummary {
    pub reference: Option<String>,
    /// ISO date.
    pub decided_on: Option<String>,
    pub decided_year: Option<i64>,
    pub regime: Option<String>,
    pub outcome: Option<String>,
    pub ncnd: bool,
    pub public_authority: Option<String>,
    /// Canonical provision ids the authority relied on.
    pub provisions: Vec<String>,
}

/// A notice to add. `content_hash` identifies it: the same content is stored once.
#[derive(Clone, Debug)]
pub struct NewNotice {
    pub content_hash: String,
    pub source_name: String,
    pub source_format: String,
    pub source: Vec<u8>,
    /// The parsed record as JSON.
    pub record_json: String,
    /// The parser's diagnostics as a JSON array.
    pub diagnostics_json: String,
    pub diagnostic_count: i64,
    /// RFC 3339 timestamp of the ingest.
    pub ingested_at: String,
    pub summary: NoticeSummary,
    /// The reference that joins a notice and its pages: printed, or in a page's address.
    pub join_key: Option<String>,
    /// "notice", "notice_page" or "abstract".
    pub source_kind: Option<String>,
}

/// A library entry that shares a join key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinRow {
    pub id: i64,
    pub source_name: String,
    pub source_kind: Option<String>,
    pub record_json: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inserted {
    Added(i64),
    /// Already in the library under this id; nothing was written.
    Unchanged(i64),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredNotice {
    pub id: i64,
    pub content_hash: String,
    pub source_name: String,
    pub record_json: String,
}

/// Counts over the whole library.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LibraryStats {
    pub notices: i64,
    pub with_diagnostics: i64,
    pub ncnd: i64,
    pub by_year: Vec<(Option<i64>, i64)>,
    pub by_regime: Vec<(Option<String>, i64)>,
    pub by_outcome: Vec<(Option<String>, i64)>,
    pub by_provision: Vec<(String, i64)>,
}

const INSERT: &str = "INSERT INTO notices (content_hash, source_name, source_format, source, \
     record, diagnostics, diagnostic_count, ingested_at, reference, decided_on, decided_year, \
     regime, outcome, ncnd, public_authority, join_key, source_kind) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
     ON CONFLICT (content_hash) DO NOTHING RETURNING id";

impl Store {
    /// Add a batch of notices in one transaction: all are stored, or none.
    pub async fn add_notices(&self, batch: &[NewNotice]) -> Result<Vec<Inserted>, StoreError> {
        let insert = self.sql(INSERT);
        let provision =
            self.sql("INSERT INTO notice_provisions (notice_id, provision) VALUES ($1, $2)");
        let existing = self.sql("SELECT id FROM notices WHERE content_hash = $1");
        let mut tx = self.pool.begin().await?;
        let mut out = Vec::with_capacity(batch.len());
        for n in batch {
            let s = &n.summary;
            let added: Option<(i64,)> = sqlx::query_as(insert.clone())
                .bind(&n.content_hash)
                .bind(&n.source_name)
                .bind(&n.source_format)
                .bind(&n.source)
                .bind(&n.record_json)
                .bind(&n.diagnostics_json)
                .bind(n.diagnostic_count)
                .bind(&n.ingested_at)
                .bind(&s.reference)
                .bind(&s.decided_on)
                .bind(s.decided_year)
                .bind(&s.regime)
                .bind(&s.outcome)
                .bind(i64::from(s.ncnd))
                .bind(&s.public_authority)
                .bind(&n.join_key)
                .bind(&n.source_kind)
                .fetch_optional(&mut *tx)
                .await?;
            match added {
                Some((id,)) => {
                    let mut seen: Vec<&str> = Vec::new();
                    for p in &s.provisions {
                        if seen.contains(&p.as_str()) {
                            continue;
                        }
                        seen.push(p);
                        sqlx::query(provision.clone())
                            .bind(id)
                            .bind(p)
                            .execute(&mut *tx)
                            .await?;
                    }
                    out.push(Inserted::Added(id));
                }
                None => {
                    let (id,): (i64,) = sqlx::query_as(existing.clone())
                        .bind(&n.content_hash)
                        .fetch_one(&mut *tx)
                        .await?;
                    out.push(Inserted::Unchanged(id));
                }
            }
        }
        tx.commit().await?;
        Ok(out)
    }

    /// The entries (rows not joined to another), each with its latest record, whose join key is `key`, in id order.
    pub async fn entries_by_join_key(&self, key: &str) -> Result<Vec<JoinRow>, StoreError> {
        let rows = sqlx::query(self.sql(
            "SELECT id, source_name, source_kind, \
             COALESCE((SELECT j.record FROM notice_joins j WHERE j.entry_id = notices.id \
             ORDER BY j.id DESC LIMIT 1), record) FROM notices \
             WHERE join_key = $1 AND id NOT IN (SELECT joined_id FROM notice_joins) ORDER BY id",
        ))
        .bind(key)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(JoinRow {
                    id: r.try_get(0)?,
                    source_name: r.try_get(1)?,
                    source_kind: r.try_get(2)?,
                    record_json: r.try_get(3)?,
                })
            })
            .collect()
    }

    /// Joins the rows `joined` into the entry `into`, whose record becomes `record_json`
    /// (its summary stays the notice's own), in one transaction.
    pub async fn join_entries(
        &self,
        into: i64,
        joined: &[i64],
        record_json: &str,
        joined_at: &str,
    ) -> Result<(), StoreError> {
        let insert = self.sql(
            "INSERT INTO notice_joins (entry_id, joined_id, record, joined_at) \
             VALUES ($1, $2, $3, $4)",
        );
        let mut tx = self.pool.begin().await?;
        for id in joined {
            sqlx::query(insert.clone())
                .bind(into)
                .bind(id)
                .bind(record_json)
                .bind(joined_at)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn notice_count(&self) -> Result<i64, StoreError> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM notices WHERE id NOT IN (SELECT joined_id FROM notice_joins)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }

    /// The notice added last (highest id) and its content hash: with the
    /// count, what the search index records to tell whether it is in step.
    pub async fn last_notice(&self) -> Result<Option<(i64, String)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, content_hash FROM notices WHERE id NOT IN (SELECT joined_id FROM notice_joins) \
                 ORDER BY id DESC LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Up to `limit` notices with id above `after_id`, in id order (for paging).
    pub async fn notices_after(
        &self,
        after_id: i64,
        limit: i64,
    ) -> Result<Vec<StoredNotice>, StoreError> {
        let rows = sqlx::query(self.sql(
            "SELECT id, content_hash, source_name, \
             COALESCE((SELECT j.record FROM notice_joins j WHERE j.entry_id = notices.id \
             ORDER BY j.id DESC LIMIT 1), record) FROM notices \
             WHERE id > $1 AND id NOT IN (SELECT joined_id FROM notice_joins) ORDER BY id LIMIT $2",
        ))
        .bind(after_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(StoredNotice {
                    id: r.try_get(0)?,
                    content_hash: r.try_get(1)?,
                    source_name: r.try_get(2)?,
                    record_json: r.try_get(3)?,
                })
            })
            .collect()
    }

    pub async fn library_stats(&self) -> Result<LibraryStats, StoreError> {
        let (notices, with_diagnostics, ncnd): (i64, i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), \
                    CAST(COALESCE(SUM(CASE WHEN diagnostic_count > 0 THEN 1 ELSE 0 END), 0) AS BIGINT), \
                    CAST(COALESCE(SUM(ncnd), 0) AS BIGINT) \
             FROM notices WHERE id NOT IN (SELECT joined_id FROM notice_joins)",
        )
        .fetch_one(&self.pool)
        .await?;
        let by_year = sqlx::query_as(
            "SELECT decided_year, COUNT(*) FROM notices WHERE id NOT IN (SELECT joined_id FROM notice_joins) \
             GROUP BY decided_year ORDER BY decided_year",
        )
        .fetch_all(&self.pool)
        .await?;
        let by_regime = sqlx::query_as(
            "SELECT regime, COUNT(*) FROM notices WHERE id NOT IN (SELECT joined_id FROM notice_joins) \
             GROUP BY regime ORDER BY regime",
        )
        .fetch_all(&self.pool)
        .await?;
        let by_outcome = sqlx::query_as(
            "SELECT outcome, COUNT(*) FROM notices WHERE id NOT IN (SELECT joined_id FROM notice_joins) \
             GROUP BY outcome ORDER BY outcome",
        )
        .fetch_all(&self.pool)
        .await?;
        let by_provision = sqlx::query_as(
            "SELECT provision, COUNT(*) FROM notice_provisions \
             WHERE notice_id IN (SELECT id FROM notices WHERE id NOT IN (SELECT joined_id FROM notice_joins)) \
             GROUP BY provision ORDER BY COUNT(*) DESC, provision",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(LibraryStats {
            notices,
            with_diagnostics,
            ncnd,
            by_year,
            by_regime,
            by_outcome,
            by_provision,
        })
    }
}
