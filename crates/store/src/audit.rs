//! Account lifecycle and its audit record. Each change to an account, the
//! sessions and tokens it ends, and the audit row saying who did it are one
//! transaction: all of it is stored or none. Ended sessions and revoked
//! tokens stay on record with the time; nothing is deleted.

use sqlx::Row;

use crate::{Store, StoreError};

/// What happens to the account itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountState {
    /// Nothing: only sessions or tokens end.
    Keep,
    Disable,
    Enable,
    /// A new password, already hashed.
    Password(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountChange {
    pub account_id: i64,
    pub at: String,
    /// An administrator's email, or "command line".
    pub actor: String,
    /// For the audit record: "disabled", "password reset", ...
    pub action: String,
    pub state: AccountState,
    pub end_sessions: bool,
    pub revoke_tokens: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChangeDone {
    /// False when the account already was as asked (nothing is recorded).
    pub changed: bool,
    pub sessions_ended: u64,
    pub tokens_revoked: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub account_id: i64,
    pub account_email: String,
    pub detail: String,
}

impl Store {
    /// Apply one account change with its audit row, in one transaction.
    pub async fn change_account(&self, change: &AccountChange) -> Result<ChangeDone, StoreError> {
        let mut tx = self.pool.begin().await?;
        if change.state == AccountState::Disable {
            self.lock_enabled_administrators(&mut tx).await?;
        }
        // A write first: SQLite then takes its one writer's lock at once,
        // rather than failing to upgrade a read when another change runs.
        let found = sqlx::query(self.sql("UPDATE users SET email = email WHERE id = $1"))
            .bind(change.account_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if found == 0 {
            tx.rollback().await?;
            return Err(StoreError::NotFound {
                what: "account",
                key: change.account_id.to_string(),
            });
        }
        let update = match &change.state {
            AccountState::Keep => None,
            AccountState::Disable => {
                // The guard is in the statement, so two administrators
                // disabling each other cannot both pass it.
                Some(
                    sqlx::query(self.sql(
                        "UPDATE users SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL \
                         AND (role <> 'administrator' OR EXISTS (SELECT 1 FROM users o \
                         WHERE o.role = 'administrator' AND o.disabled_at IS NULL AND o.id <> $2))",
                    ))
                    .bind(&change.at),
                )
            }
            AccountState::Enable => Some(sqlx::query(self.sql(
                "UPDATE users SET disabled_at = NULL WHERE id = $1 AND disabled_at IS NOT NULL",
            ))),
            AccountState::Password(hash) => Some(
                sqlx::query(self.sql("UPDATE users SET password_hash = $1 WHERE id = $2"))
                    .bind(hash),
            ),
        };
        if let Some(update) = update {
            let done = update.bind(change.account_id).execute(&mut *tx).await?;
            if done.rows_affected() == 0 {
                let still_enabled = change.state == AccountState::Disable
                    && self.is_enabled(&mut tx, change.account_id).await?;
                tx.rollback().await?;
                if still_enabled {
                    return Err(StoreError::LastAdministrator {
                        id: change.account_id,
                    });
                }
                return Ok(ChangeDone::default());
            }
        }
        let mut done = ChangeDone {
            changed: true,
            ..ChangeDone::default()
        };
        if change.end_sessions {
            done.sessions_ended =
                sqlx::query(self.sql(
                    "UPDATE sessions SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL",
                ))
                .bind(&change.at)
                .bind(change.account_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        if change.revoke_tokens {
            done.tokens_revoked = sqlx::query(self.sql(
                "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
            ))
            .bind(&change.at)
            .bind(change.account_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        let detail = format!(
            "sessions ended: {}; tokens revoked: {}",
            done.sessions_ended, done.tokens_revoked
        );
        sqlx::query(self.sql(
            "INSERT INTO account_audit (at, actor, action, account_id, detail) \
             VALUES ($1, $2, $3, $4, $5)",
        ))
        .bind(&change.at)
        .bind(&change.actor)
        .bind(&change.action)
        .bind(change.account_id)
        .bind(&detail)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done)
    }

    /// On PostgreSQL, hold the enabled administrators' rows until commit, so
    /// a concurrent disable waits and then sees this one. SQLite has one
    /// writer at a time, which serialises the guarded UPDATE anyway.
    async fn lock_enabled_administrators(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    ) -> Result<(), StoreError> {
        if self.backend() == crate::Backend::Postgres {
            sqlx::query(
                "SELECT id FROM users WHERE role = 'administrator' AND disabled_at IS NULL \
                 ORDER BY id FOR UPDATE",
            )
            .fetch_all(&mut **tx)
            .await?;
        }
        Ok(())
    }

    async fn is_enabled(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        id: i64,
    ) -> Result<bool, StoreError> {
        let row: Option<(i64,)> =
            sqlx::query_as(self.sql("SELECT id FROM users WHERE id = $1 AND disabled_at IS NULL"))
                .bind(id)
                .fetch_optional(&mut **tx)
                .await?;
        Ok(row.is_some())
    }

    /// The newest `limit` audit entries, newest first.
    pub async fn account_audit(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query(self.sql(
            "SELECT a.id, a.at, a.actor, a.action, a.account_id, u.email, a.detail \
             FROM account_audit a JOIN users u ON u.id = a.account_id \
             ORDER BY a.id DESC LIMIT $1",
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    id: r.try_get(0)?,
                    at: r.try_get(1)?,
                    actor: r.try_get(2)?,
                    action: r.try_get(3)?,
                    account_id: r.try_get(4)?,
                    account_email: r.try_get(5)?,
                    detail: r.try_get(6)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }
}
