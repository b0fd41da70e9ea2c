//! Browser sessions. The store keeps only a hash of each session's secret;
//! the engine makes and hashes it. Expiry is compared as RFC 3339 text in
//! UTC, which sorts in time order because every timestamp has one format.

use crate::accounts::user;
use crate::{Store, StoreError, StoredUser};

impl Store {
    pub async fn add_session(
        &self,
        user_id: i64,
        token_hash: &str,
        created_at: &str,
        expires_at: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(self.sql(
            "INSERT INTO sessions (user_id, token_hash, created_at, expires_at) \
             VALUES ($1, $2, $3, $4)",
        ))
        .bind(user_id)
        .bind(token_hash)
        .bind(created_at)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The account of a session that has neither ended nor expired at `now`;
    /// never a disabled account.
    pub async fn user_by_session_hash(
        &self,
        token_hash: &str,
        now: &str,
    ) -> Result<Option<StoredUser>, StoreError> {
        let row = sqlx::query(self.sql(
            "SELECT u.id, u.email, u.name, u.role, u.authority_id, u.password_hash, \
             u.disabled_at FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > $2 \
             AND u.disabled_at IS NULL",
        ))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(user).transpose()?)
    }

    /// Sign out: the session stays on record with the time it ended.
    pub async fn end_session(&self, token_hash: &str, at: &str) -> Result<(), StoreError> {
        sqlx::query(
            self.sql(
                "UPDATE sessions SET ended_at = $1 WHERE token_hash = $2 AND ended_at IS NULL",
            ),
        )
        .bind(at)
        .bind(token_hash)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
