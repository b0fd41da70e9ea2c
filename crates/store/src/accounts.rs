//! Accounts and API tokens. The store keeps hashes only: the engine hashes
//! passwords (Argon2) and tokens (SHA-256) before they arrive here.

use sqlx::Row;

use crate::{Store, StoreError};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: String,
    pub authority_id: Option<i64>,
    pub password_hash: String,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    pub authority_id: Option<i64>,
    pub password_hash: String,
    /// When the account was disabled; `None` while it is active.
    pub disabled_at: Option<String>,
}

pub(crate) fn user(r: &sqlx::any::AnyRow) -> Result<StoredUser, sqlx::Error> {
    Ok(StoredUser {
        id: r.try_get(0)?,
        email: r.try_get(1)?,
        name: r.try_get(2)?,
        role: r.try_get(3)?,
        authority_id: r.try_get(4)?,
        password_hash: r.try_get(5)?,
        disabled_at: r.try_get(6)?,
    })
}

impl Store {
    /// The one INSERT of an account, on the pool or in a transaction (an
    /// invited account is made with its invitation's use): its id, or
    /// `None` when the email is in use already.
    pub(crate) async fn insert_user<'e, E>(
        &self,
        on: E,
        new: &NewUser,
    ) -> Result<Option<i64>, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let row: Option<(i64,)> = sqlx::query_as(self.sql(
            "INSERT INTO users (email, name, role, authority_id, password_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING RETURNING id",
        ))
        .bind(&new.email)
        .bind(&new.name)
        .bind(&new.role)
        .bind(new.authority_id)
        .bind(&new.password_hash)
        .bind(&new.created_at)
        .fetch_optional(on)
        .await?;
        Ok(row.map(|(id,)| id))
    }

    /// A new account; its email must be unused.
    pub async fn add_user(&self, new: &NewUser) -> Result<i64, StoreError> {
        let row = self
            .insert_user(&self.pool, new)
            .await
            .map_err(|e| match e {
                sqlx::Error::Database(d) if d.is_foreign_key_violation() => StoreError::NotFound {
                    what: "authority",
                    key: new.authority_id.map(|a| a.to_string()).unwrap_or_default(),
                },
                other => StoreError::Database(other),
            })?;
        row.ok_or_else(|| StoreError::Duplicate {
            what: "account",
            key: new.email.clone(),
        })
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<StoredUser>, StoreError> {
        let row = sqlx::query(self.sql(
            "SELECT id, email, name, role, authority_id, password_hash, disabled_at \
             FROM users WHERE email = $1",
        ))
        .bind(email)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(user).transpose()?)
    }

    /// Every account, by email.
    pub async fn users(&self) -> Result<Vec<StoredUser>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, email, name, role, authority_id, password_hash, disabled_at \
             FROM users ORDER BY email",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(user).collect::<Result<_, _>>()?)
    }

    pub async fn add_token(
        &self,
        user_id: i64,
        token_hash: &str,
        label: &str,
        created_at: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(self.sql(
            "INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES ($1, $2, $3, $4)",
        ))
        .bind(user_id)
        .bind(token_hash)
        .bind(label)
        .bind(created_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Revoke an account's live tokens with this label; they stay on record
    /// with the time. Returns how many were revoked.
    pub async fn revoke_tokens(
        &self,
        user_id: i64,
        label: &str,
        at: &str,
    ) -> Result<u64, StoreError> {
        let done = sqlx::query(self.sql(
            "UPDATE api_tokens SET revoked_at = $1 \
             WHERE user_id = $2 AND label = $3 AND revoked_at IS NULL",
        ))
        .bind(at)
        .bind(user_id)
        .bind(label)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    pub async fn user_by_id(&self, id: i64) -> Result<Option<StoredUser>, StoreError> {
        let row = sqlx::query(self.sql(
            "SELECT id, email, name, role, authority_id, password_hash, disabled_at \
             FROM users WHERE id = $1",
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(user).transpose()?)
    }

    /// How many administrators can sign in: the last one is never disabled.
    pub async fn enabled_administrators(&self) -> Result<i64, StoreError> {
        let row: (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM users WHERE role = 'administrator' AND disabled_at IS NULL",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(row.0)
    }

    /// The account a live (unrevoked) token belongs to; never a disabled one.
    pub async fn user_by_token_hash(
        &self,
        token_hash: &str,
    ) -> Result<Option<StoredUser>, StoreError> {
        let row = sqlx::query(self.sql(
            "SELECT u.id, u.email, u.name, u.role, u.authority_id, u.password_hash, \
             u.disabled_at FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL",
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(user).transpose()?)
    }
}
