//! Candidate look-ups for many prints at once, so linking a bulk write costs
//! a few queries per batch rather than two per case.

use sqlx::Row;

use super::{print, print_from, StoredPrint, BAND_READ, PRINT_COLUMNS};
use crate::bulk::sql_text;
use crate::{Store, StoreError};

/// Exact keys per statement: one sub-select each, well under SQLite's limit
/// of 500 terms in a compound select.
const KEYS_PER_QUERY: usize = 100;
/// Band sub-selects per statement, for the same limit.
const BANDS_PER_QUERY: usize = 480;

impl Store {
    /// The prints with each of `keys` as exact key, at most `limit` of each
    /// (lowest case ids first, as `candidates` reads them), by case id.
    pub async fn prints_by_keys(
        &self,
        keys: &[&str],
        limit: i64,
    ) -> Result<Vec<StoredPrint>, StoreError> {
        let mut out = Vec::new();
        for chunk in keys.chunks(KEYS_PER_QUERY) {
            let ids = (0..chunk.len())
                .map(|i| {
                    format!(
                        "SELECT case_id FROM (SELECT case_id FROM request_prints \
                         WHERE exact_key = ${} ORDER BY case_id LIMIT $1) k{i}",
                        i + 2
                    )
                })
                .collect::<Vec<_>>()
                .join(" UNION ALL ");
            let text = format!(
                "SELECT {PRINT_COLUMNS} FROM request_prints p WHERE p.case_id IN ({ids}) \
                 ORDER BY p.case_id"
            );
            let mut q = sqlx::query(sql_text(self.sql_owned(text))).bind(limit);
            for key in chunk {
                q = q.bind(*key);
            }
            for row in q.fetch_all(&self.pool).await? {
                out.push(print(&row)?);
            }
        }
        Ok(out)
    }

    /// For each of `prints` (its band rows), the prints sharing any of its
    /// bands, most bands shared first, at most `limit` of each, read as
    /// `candidates` reads them: (index in `prints`, print).
    pub async fn band_candidates(
        &self,
        prints: &[&[(i64, i64)]],
        limit: i64,
    ) -> Result<Vec<(usize, StoredPrint)>, StoreError> {
        let mut out = Vec::new();
        let mut start = 0;
        while start < prints.len() {
            // Whole prints per statement, at least one however many bands it has.
            let mut end = start + 1;
            let mut terms = prints[start].len();
            while end < prints.len() && terms + prints[end].len() <= BANDS_PER_QUERY {
                terms += prints[end].len();
                end += 1;
            }
            self.band_chunk(&prints[start..end], start, limit, &mut out)
                .await?;
            start = end;
        }
        Ok(out)
    }

    async fn band_chunk(
        &self,
        prints: &[&[(i64, i64)]],
        first: usize,
        limit: i64,
        out: &mut Vec<(usize, StoredPrint)>,
    ) -> Result<(), StoreError> {
        let mut rows = Vec::new();
        let mut n = 1;
        for (k, bands) in prints.iter().enumerate() {
            for _ in bands.iter() {
                rows.push(format!(
                    "SELECT CAST({k} AS BIGINT) AS k, case_id FROM (SELECT case_id \
                     FROM request_bands WHERE band = ${} AND hash = ${} LIMIT {BAND_READ}) b{}",
                    n + 1,
                    n + 2,
                    rows.len()
                ));
                n += 2;
            }
        }
        if rows.is_empty() {
            return Ok(());
        }
        let rows = rows.join(" UNION ALL ");
        let text = format!(
            "SELECT c.k, {PRINT_COLUMNS} FROM (SELECT k, case_id, hits, ROW_NUMBER() OVER \
             (PARTITION BY k ORDER BY hits DESC, case_id) AS n FROM (SELECT k, case_id, \
             COUNT(*) AS hits FROM ({rows}) r GROUP BY k, case_id) g) c \
             JOIN request_prints p ON p.case_id = c.case_id WHERE c.n <= $1 \
             ORDER BY c.k, c.hits DESC, p.case_id"
        );
        let mut q = sqlx::query(sql_text(self.sql_owned(text))).bind(limit);
        for bands in prints {
            for (b, h) in bands.iter() {
                q = q.bind(*b).bind(*h);
            }
        }
        for row in q.fetch_all(&self.pool).await? {
            let k: i64 = row.try_get(0)?;
            let k = usize::try_from(k).unwrap_or(usize::MAX);
            out.push((first.saturating_add(k), print_from(&row, 1)?));
        }
        Ok(())
    }
}
