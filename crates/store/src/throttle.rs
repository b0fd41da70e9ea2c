//! Failed sign-ins, shared by every server on this store. Each row is a
//! hash of the address (the engine makes it) and the time it failed. Rows
//! are evidence for a quarter of an hour, not a record: they are purged once
//! out of the window, and the table never holds more than a set number, the
//! oldest going first. Times are fixed-width UTC text, so they compare as text.

use crate::{Store, StoreError};

impl Store {
    /// The times of this address's most recent failures after `since`,
    /// newest first, at most `limit` of them.
    pub async fn recent_sign_in_failures(
        &self,
        address_hash: &str,
        since: &str,
        limit: i64,
    ) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String,)> = sqlx::query_as(self.sql(
            "SELECT failed_at FROM sign_in_failures \
             WHERE address_hash = $1 AND failed_at > $2 \
             ORDER BY failed_at DESC LIMIT $3",
        ))
        .bind(address_hash)
        .bind(since)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(t,)| t).collect())
    }

    /// Record a failure at `at`, then purge rows from `since` or before and
    /// all but the newest `keep` rows, in one transaction.
    pub async fn add_sign_in_failure(
        &self,
        address_hash: &str,
        at: &str,
        since: &str,
        keep: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            self.sql("INSERT INTO sign_in_failures (address_hash, failed_at) VALUES ($1, $2)"),
        )
        .bind(address_hash)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        sqlx::query(self.sql("DELETE FROM sign_in_failures WHERE failed_at <= $1"))
            .bind(since)
            .execute(&mut *tx)
            .await?;
        // Ids only grow, so the newest `keep` rows are those within `keep`
        // of the largest id (fewer, if ids were skipped).
        sqlx::query(self.sql(
            "DELETE FROM sign_in_failures \
             WHERE id <= (SELECT MAX(id) FROM sign_in_failures) - $1",
        ))
        .bind(keep)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Forget an address's failures (it signed in).
    pub async fn clear_sign_in_failures(&self, address_hash: &str) -> Result<(), StoreError> {
        sqlx::query(self.sql("DELETE FROM sign_in_failures WHERE address_hash = $1"))
            .bind(address_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Every failure row held, as (address hash, time), oldest first: for
    /// operators and tests checking what is kept.
    pub async fn sign_in_failures(&self) -> Result<Vec<(String, String)>, StoreError> {
        Ok(sqlx::query_as(
            self.sql("SELECT address_hash, failed_at FROM sign_in_failures ORDER BY id"),
        )
        .fetch_all(&self.pool)
        .await?)
    }
}
