//! Each authority's profile for its letters (address, contact, signatories,
//! reference prefix), kept as JSON the engine writes and reads. A save is a
//! new row; the latest row wins, so no saved profile is ever lost.

use crate::{Store, StoreError};

/// One saved profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredProfile {
    pub authority_id: i64,
    pub body_json: String,
    pub saved_by: String,
    /// RFC 3339.
    pub saved_at: String,
}

impl Store {
    /// Save a profile for an authority: a new row, which becomes the latest.
    pub async fn add_authority_profile(&self, profile: &StoredProfile) -> Result<(), StoreError> {
        sqlx::query(self.sql(
            "INSERT INTO authority_profiles (authority_id, body, saved_by, saved_at) \
             VALUES ($1, $2, $3, $4)",
        ))
        .bind(profile.authority_id)
        .bind(&profile.body_json)
        .bind(&profile.saved_by)
        .bind(&profile.saved_at)
        .execute(&self.pool)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => StoreError::NotFound {
                what: "authority",
                key: profile.authority_id.to_string(),
            },
            other => StoreError::Database(other),
        })?;
        Ok(())
    }

    /// The latest profile saved for an authority, if any.
    pub async fn authority_profile(
        &self,
        authority_id: i64,
    ) -> Result<Option<StoredProfile>, StoreError> {
        let row: Option<(String, String, String)> = sqlx::query_as(self.sql(
            "SELECT body, saved_by, saved_at FROM authority_profiles \
             WHERE authority_id = $1 ORDER BY id DESC LIMIT 1",
        ))
        .bind(authority_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(body_json, saved_by, saved_at)| StoredProfile {
            authority_id,
            body_json,
            saved_by,
            saved_at,
        }))
    }
}
