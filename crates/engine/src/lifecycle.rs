//! Account lifecycle: disable, enable, reset a password, end sessions. Each
//! is done by an administrator (or from the command line, which runs with the
//! database's own rights) and goes into the audit record with who did it.
//! Disabling or resetting a password ends the account's sessions and revokes
//! its tokens; enabling brings none of them back.

use foidesk_store::{AccountChange, AccountState, Store, StoreError};
use serde::Serialize;

use crate::accounts::{invalid, too_long_password, user};
use crate::{Engine, EngineError, Role, User, MIN_PASSWORD_CHARS};

/// The actor the audit record names for the CLI.
pub const COMMAND_LINE: &str = "command line";

/// Who asks for a change.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Actor<'a> {
    /// An operator with the database: may do anything an administrator may.
    CommandLine,
    /// A signed-in user; only an administrator may change accounts.
    User(&'a User),
}

impl Actor<'_> {
    pub(crate) fn name(&self) -> String {
        match self {
            Actor::CommandLine => COMMAND_LINE.to_owned(),
            Actor::User(u) => u.email.clone(),
        }
    }

    pub(crate) fn must_administer(&self, what: &str) -> Result<(), EngineError> {
        match self {
            Actor::User(u) if u.role != Role::Administrator => Err(EngineError::Forbidden {
                message: format!("only an administrator {what}"),
            }),
            _ => Ok(()),
        }
    }
}

/// What a lifecycle action did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AccountOutcome {
    /// The account as it now stands.
    pub account: User,
    /// False when the account already was as asked; nothing was recorded.
    pub changed: bool,
    pub sessions_ended: u64,
    pub tokens_revoked: u64,
}

/// One line of the audit record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditLine {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub account_id: i64,
    pub account_email: String,
    pub detail: String,
}

/// The newest audit lines a listing shows.
pub const AUDIT_LINES: i64 = 200;

impl Engine {
    /// The account with this address, disabled or not.
    pub(crate) async fn account_by_email(
        &self,
        store: &Store,
        email: &str,
    ) -> Result<User, EngineError> {
        let stored = store
            .user_by_email(&email.trim().to_ascii_lowercase())
            .await?
            .ok_or_else(|| invalid("email", format!("no account '{}'", email.trim())))?;
        user(stored)
    }

    /// Disable an account: it cannot sign in, its sessions end and its
    /// tokens are revoked. Nobody may lock everyone out: an administrator
    /// cannot disable their own account, nor the last enabled administrator.
    pub(crate) async fn disable_account(
        &self,
        store: &Store,
        by: Actor<'_>,
        account_id: i64,
    ) -> Result<AccountOutcome, EngineError> {
        by.must_administer("disables accounts")?;
        let target = self.target(store, account_id).await?;
        if matches!(by, Actor::User(u) if u.id == target.id) {
            return Err(EngineError::Forbidden {
                message: "you cannot disable your own account; ask another administrator".into(),
            });
        }
        let last_administrator = || {
            EngineError::Forbidden {
            message: format!(
                "{} is the last administrator who can sign in; add or enable another administrator first",
                target.email
            ),
        }
        };
        if target.role == Role::Administrator
            && target.disabled_at.is_none()
            && store.enabled_administrators().await? <= 1
        {
            return Err(last_administrator());
        }
        // The store checks again inside its transaction, for a race with
        // another administrator being disabled at the same moment.
        match self
            .change(
                store,
                by,
                account_id,
                "disabled",
                AccountState::Disable,
                true,
            )
            .await
        {
            Err(EngineError::Store(foidesk_store::StoreError::LastAdministrator { .. })) => {
                Err(last_administrator())
            }
            other => other,
        }
    }

    /// Enable a disabled account. Its old sessions and tokens stay ended.
    pub(crate) async fn enable_account(
        &self,
        store: &Store,
        by: Actor<'_>,
        account_id: i64,
    ) -> Result<AccountOutcome, EngineError> {
        by.must_administer("enables accounts")?;
        self.target(store, account_id).await?;
        self.change(
            store,
            by,
            account_id,
            "enabled",
            AccountState::Enable,
            false,
        )
        .await
    }

    /// Set a new password; the account's sessions end and its tokens are revoked.
    pub(crate) async fn reset_password(
        &self,
        store: &Store,
        by: Actor<'_>,
        account_id: i64,
        password: &str,
    ) -> Result<AccountOutcome, EngineError> {
        by.must_administer("resets passwords")?;
        self.target(store, account_id).await?;
        if password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(invalid(
                "password",
                format!("use at least {MIN_PASSWORD_CHARS} characters"),
            ));
        }
        too_long_password(password)?;
        let hash = self.passwords.hash(password).await?;
        let state = AccountState::Password(hash);
        self.change(store, by, account_id, "password reset", state, true)
            .await
    }

    /// End every session of an account (its tokens are left alone).
    pub(crate) async fn end_sessions(
        &self,
        store: &Store,
        by: Actor<'_>,
        account_id: i64,
    ) -> Result<AccountOutcome, EngineError> {
        by.must_administer("ends another account's sessions")?;
        self.target(store, account_id).await?;
        self.change(
            store,
            by,
            account_id,
            "sessions ended",
            AccountState::Keep,
            false,
        )
        .await
    }

    /// The newest lines of the audit record, newest first.
    pub(crate) async fn account_audit(
        &self,
        store: &Store,
        by: Actor<'_>,
    ) -> Result<Vec<AuditLine>, EngineError> {
        by.must_administer("reads the audit record")?;
        let lines = store.account_audit(AUDIT_LINES).await?;
        Ok(lines
            .into_iter()
            .map(|e| AuditLine {
                at: e.at,
                actor: e.actor,
                action: e.action,
                account_id: e.account_id,
                account_email: e.account_email,
                detail: e.detail,
            })
            .collect())
    }

    async fn target(&self, store: &Store, account_id: i64) -> Result<User, EngineError> {
        let stored = store
            .user_by_id(account_id)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "account",
                key: account_id.to_string(),
            })?;
        user(stored)
    }

    async fn change(
        &self,
        store: &Store,
        by: Actor<'_>,
        account_id: i64,
        action: &str,
        state: AccountState,
        revoke_tokens: bool,
    ) -> Result<AccountOutcome, EngineError> {
        // Enabling ends nothing: a disabled account has nothing live.
        let end_sessions = state != AccountState::Enable;
        let done = store
            .change_account(&AccountChange {
                account_id,
                at: self.timestamp(),
                actor: by.name(),
                action: action.to_owned(),
                state,
                end_sessions,
                revoke_tokens,
            })
            .await?;
        Ok(AccountOutcome {
            account: self.target(store, account_id).await?,
            changed: done.changed,
            sessions_ended: done.sessions_ended,
            tokens_revoked: done.tokens_revoked,
        })
    }
}
