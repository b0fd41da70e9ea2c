//! Facts about the store itself: its identity, made once by the migration
//! that added this table, and markers such as "holds demo data".

use crate::{Store, StoreError};

/// The `store_meta` key of the store's identity.
const STORE_ID: &str = "store_id";

impl Store {
    /// This store's identity: random, made once, never changed. Something
    /// built from the store (the search index) records it, so it can tell
    /// its own store from another.
    pub async fn store_id(&self) -> Result<String, StoreError> {
        self.meta(STORE_ID).await?.ok_or(StoreError::NotFound {
            what: "store identity",
            key: STORE_ID.to_owned(),
        })
    }

    pub async fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> =
            sqlx::query_as(self.sql("SELECT value FROM store_meta WHERE key = $1"))
                .bind(key)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(v,)| v))
    }

    /// Set a marker; the store's identity cannot be changed.
    pub async fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if key == STORE_ID {
            return Err(StoreError::Duplicate {
                what: "store identity",
                key: key.to_owned(),
            });
        }
        sqlx::query(self.sql(
            "INSERT INTO store_meta (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        ))
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
