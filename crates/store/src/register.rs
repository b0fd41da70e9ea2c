//! The register of authorities beyond their slug and name: each one's kind
//! and regimes (a new row per save; the latest wins) and its aliases, whose
//! match keys are unique across the register. The engine decides what the
//! kind, regimes and keys mean; this module only keeps them.

use crate::{Store, StoreError};

/// An authority's kind and regimes as last saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredDetails {
    pub authority_id: i64,
    pub kind: String,
    /// Regime names joined by commas ("FOIA,EIR").
    pub regimes: String,
}

/// One other name of an authority.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredAlias {
    pub authority_id: i64,
    pub alias: String,
    pub match_key: String,
}

fn missing_authority(authority_id: i64) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |e| match e {
        sqlx::Error::Database(d) if d.is_foreign_key_violation() => StoreError::NotFound {
            what: "authority",
            key: authority_id.to_string(),
        },
        other => StoreError::Database(other),
    }
}

impl Store {
    /// Save an authority's kind and regimes: a new row, which becomes the latest.
    pub async fn save_authority_details(
        &self,
        details: &StoredDetails,
        saved_by: &str,
        saved_at: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(self.sql(
            "INSERT INTO authority_details (authority_id, kind, regimes, saved_by, saved_at) \
             VALUES ($1, $2, $3, $4, $5)",
        ))
        .bind(details.authority_id)
        .bind(&details.kind)
        .bind(&details.regimes)
        .bind(saved_by)
        .bind(saved_at)
        .execute(&self.pool)
        .await
        .map_err(missing_authority(details.authority_id))?;
        Ok(())
    }

    /// Add an alias; `Duplicate` if its match key is already taken.
    pub async fn add_authority_alias(
        &self,
        alias: &StoredAlias,
        added_by: &str,
        added_at: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(self.sql(
            "INSERT INTO authority_aliases (authority_id, alias, match_key, added_by, added_at) \
             VALUES ($1, $2, $3, $4, $5)",
        ))
        .bind(alias.authority_id)
        .bind(&alias.alias)
        .bind(&alias.match_key)
        .bind(added_by)
        .bind(added_at)
        .execute(&self.pool)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Duplicate {
                what: "alias",
                key: alias.alias.clone(),
            },
            other => missing_authority(alias.authority_id)(other),
        })?;
        Ok(())
    }

    /// The latest details of every authority that has any.
    pub async fn authority_details(&self) -> Result<Vec<StoredDetails>, StoreError> {
        let rows: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT d.authority_id, d.kind, d.regimes FROM authority_details d \
             WHERE d.id = (SELECT MAX(l.id) FROM authority_details l \
                           WHERE l.authority_id = d.authority_id) \
             ORDER BY d.authority_id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(authority_id, kind, regimes)| StoredDetails {
                authority_id,
                kind,
                regimes,
            })
            .collect())
    }

    /// Every alias, by authority then in the order added.
    pub async fn authority_aliases(&self) -> Result<Vec<StoredAlias>, StoreError> {
        let rows: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT authority_id, alias, match_key FROM authority_aliases \
             ORDER BY authority_id, id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(authority_id, alias, match_key)| StoredAlias {
                authority_id,
                alias,
                match_key,
            })
            .collect())
    }
}
