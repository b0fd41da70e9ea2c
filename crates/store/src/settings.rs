//! Settings every server on the store shares (open sign-up): a log of
//! changes, each with who made it and when; the latest row of a key wins.

use crate::{Store, StoreError};

/// One change of a setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingChange {
    pub value: String,
    pub set_by: String,
    pub set_at: String,
}

impl Store {
    /// The latest change of `key`, if it was ever set.
    pub async fn setting(&self, key: &str) -> Result<Option<SettingChange>, StoreError> {
        let row: Option<(String, String, String)> = sqlx::query_as(self.sql(
            "SELECT value, set_by, set_at FROM settings WHERE key = $1 ORDER BY id DESC LIMIT 1",
        ))
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(value, set_by, set_at)| SettingChange {
            value,
            set_by,
            set_at,
        }))
    }

    pub async fn set_setting(&self, key: &str, change: &SettingChange) -> Result<(), StoreError> {
        sqlx::query(
            self.sql("INSERT INTO settings (key, value, set_by, set_at) VALUES ($1, $2, $3, $4)"),
        )
        .bind(key)
        .bind(&change.value)
        .bind(&change.set_by)
        .bind(&change.set_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
