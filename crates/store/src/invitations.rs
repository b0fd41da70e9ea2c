//! Invitations and new requester accounts. An invitation keeps only a hash
//! of its token and is used at most once: the use is a row whose key is the
//! invitation, so a second use is refused by the database, with nothing
//! updated. A new account, its invitation's use and its audit row are one
//! transaction.

use sqlx::Row;

use crate::{NewUser, Store, StoreError};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewInvitation {
    /// SHA-256 of the token, as hex.
    pub token_hash: String,
    pub email: String,
    pub name: String,
    /// The administrator's email, or "command line".
    pub invited_by: String,
    pub created_at: String,
    pub expires_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invitation {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub invited_by: String,
    pub created_at: String,
    pub expires_at: String,
    /// When it was used, if it was.
    pub used_at: Option<String>,
}

/// Who made an account and why, for its audit row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountAudit {
    pub actor: String,
    pub action: String,
    pub detail: String,
}

/// The invitations query with its tail, as one static text.
macro_rules! select {
    ($tail:literal) => {
        concat!(
            "SELECT i.id, i.email, i.name, i.invited_by, i.created_at, i.expires_at, u.used_at ",
            "FROM invitations i LEFT JOIN invitation_uses u ON u.invitation_id = i.id ",
            $tail
        )
    };
}

fn invitation(r: &sqlx::any::AnyRow) -> Result<Invitation, sqlx::Error> {
    Ok(Invitation {
        id: r.try_get(0)?,
        email: r.try_get(1)?,
        name: r.try_get(2)?,
        invited_by: r.try_get(3)?,
        created_at: r.try_get(4)?,
        expires_at: r.try_get(5)?,
        used_at: r.try_get(6)?,
    })
}

impl Store {
    pub async fn add_invitation(&self, new: &NewInvitation) -> Result<i64, StoreError> {
        let (id,): (i64,) = sqlx::query_as(self.sql(
            "INSERT INTO invitations (token_hash, email, name, invited_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        ))
        .bind(&new.token_hash)
        .bind(&new.email)
        .bind(&new.name)
        .bind(&new.invited_by)
        .bind(&new.created_at)
        .bind(&new.expires_at)
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    pub async fn invitation_by_token_hash(
        &self,
        token_hash: &str,
    ) -> Result<Option<Invitation>, StoreError> {
        let row = sqlx::query(self.sql(select!("WHERE i.token_hash = $1")))
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(invitation).transpose()?)
    }

    /// The newest `limit` invitations, newest first.
    pub async fn invitations(&self, limit: i64) -> Result<Vec<Invitation>, StoreError> {
        let rows = sqlx::query(self.sql(select!("ORDER BY i.id DESC LIMIT $1")))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(invitation)
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// A new account with its audit row and, when it came by invitation,
    /// that invitation's use: all in one transaction. An address in use is
    /// `Duplicate` "account"; an invitation used already is `Duplicate`
    /// "invitation use"; either way nothing is written.
    pub async fn add_user_audited(
        &self,
        new: &NewUser,
        invitation_id: Option<i64>,
        audit: &AccountAudit,
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let row = self.insert_user(&mut *tx, new).await?;
        let Some(id) = row else {
            tx.rollback().await?;
            return Err(StoreError::Duplicate {
                what: "account",
                key: new.email.clone(),
            });
        };
        if let Some(invitation_id) = invitation_id {
            let used: Option<(i64,)> = sqlx::query_as(self.sql(
                "INSERT INTO invitation_uses (invitation_id, account_id, used_at) \
                 VALUES ($1, $2, $3) ON CONFLICT (invitation_id) DO NOTHING \
                 RETURNING invitation_id",
            ))
            .bind(invitation_id)
            .bind(id)
            .bind(&new.created_at)
            .fetch_optional(&mut *tx)
            .await?;
            if used.is_none() {
                tx.rollback().await?;
                return Err(StoreError::Duplicate {
                    what: "invitation use",
                    key: invitation_id.to_string(),
                });
            }
        }
        sqlx::query(self.sql(
            "INSERT INTO account_audit (at, actor, action, account_id, detail) \
             VALUES ($1, $2, $3, $4, $5)",
        ))
        .bind(&new.created_at)
        .bind(&audit.actor)
        .bind(&audit.action)
        .bind(id)
        .bind(&audit.detail)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}
