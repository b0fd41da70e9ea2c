//! How requesters get accounts: an administrator's invitation, or open
//! sign-up when an administrator has turned it on (off by default).
//!
//! An invitation is a link with a random token, shown once and kept only as
//! a hash; it expires after `INVITATION_DAYS` and is used at most once. The
//! new account, the invitation's use and the audit row are one write. Each
//! sign-up attempt counts against its address in the sign-in throttle, so
//! the form cannot be used to try addresses quickly.

use foidesk_store::{AccountAudit, Invitation, NewInvitation, NewUser, SettingChange, Store};

use crate::accounts::{
    checked_email, checked_name, checked_password, invalid, random_hex, seconds, token_hash,
};
use crate::lifecycle::Actor;
use crate::{Engine, EngineError, Role, User};

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 7;
/// The setting that turns open sign-up on ("on") or off.
const OPEN_SIGN_UP: &str = "open_sign_up";

/// An invitation as the administrator's page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvitationLine {
    pub email: String,
    pub name: String,
    pub invited_by: String,
    pub created_at: String,
    pub expires_at: String,
    pub used_at: Option<String>,
}

/// Who an invitation is for, as its link shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invited {
    pub email: String,
    pub name: String,
}

impl Engine {
    /// Invite a requester: the token for the link (shown once) and when it
    /// expires. An address that already has an account is `Duplicate`.
    pub(crate) async fn invite(
        &self,
        store: &Store,
        by: Actor<'_>,
        email: &str,
        name: &str,
    ) -> Result<(String, String), EngineError> {
        by.must_administer("invites requesters")?;
        let email = checked_email(email)?;
        checked_name(name)?;
        if store.user_by_email(&email).await?.is_some() {
            return Err(EngineError::Duplicate {
                what: "account",
                key: email,
            });
        }
        let now = self.now()?;
        let expires = now
            .checked_add(jiff::SignedDuration::from_hours(INVITATION_DAYS * 24))
            .map_err(|e| invalid("clock", format!("no expiry time: {e}")))?;
        let token = random_hex()?;
        store
            .add_invitation(&NewInvitation {
                token_hash: token_hash(&token),
                email,
                name: name.trim().to_owned(),
                invited_by: by.name(),
                created_at: seconds(now),
                expires_at: seconds(expires),
            })
            .await?;
        Ok((token, seconds(expires)))
    }

    /// The invitations, newest first, for administrators.
    pub(crate) async fn invitations(
        &self,
        store: &Store,
        by: Actor<'_>,
    ) -> Result<Vec<InvitationLine>, EngineError> {
        by.must_administer("lists invitations")?;
        Ok(store
            .invitations(crate::AUDIT_LINES)
            .await?
            .into_iter()
            .map(|i| InvitationLine {
                email: i.email,
                name: i.name,
                invited_by: i.invited_by,
                created_at: i.created_at,
                expires_at: i.expires_at,
                used_at: i.used_at,
            })
            .collect())
    }

    /// The invitation a token opens, if it is known, unused and unexpired.
    async fn live_invitation(
        &self,
        store: &Store,
        token: &str,
    ) -> Result<Option<Invitation>, EngineError> {
        let now = seconds(self.now()?);
        Ok(store
            .invitation_by_token_hash(&token_hash(token.trim()))
            .await?
            .filter(|i| i.used_at.is_none() && i.expires_at > now))
    }

    /// Who a live invitation is for; `None` for an unknown, used or expired token.
    pub(crate) async fn invited(
        &self,
        store: &Store,
        token: &str,
    ) -> Result<Option<Invited>, EngineError> {
        Ok(self.live_invitation(store, token).await?.map(|i| Invited {
            email: i.email,
            name: i.name,
        }))
    }

    /// Make the invited requester's account with their password. An
    /// unknown, used or expired token is `NotFound` "invitation".
    pub(crate) async fn join(
        &self,
        store: &Store,
        token: &str,
        password: &str,
    ) -> Result<User, EngineError> {
        let gone = || EngineError::NotFound {
            what: "invitation",
            key: String::new(),
        };
        let invitation = self.live_invitation(store, token).await?.ok_or_else(gone)?;
        checked_password(password)?;
        let audit = AccountAudit {
            actor: invitation.invited_by.clone(),
            action: "joined by invitation".into(),
            detail: String::new(),
        };
        self.add_requester(
            store,
            &invitation.email,
            &invitation.name,
            password,
            Some(invitation.id),
            &audit,
        )
        .await
        .map_err(|e| match e {
            // Used by another tab between the read and the write.
            EngineError::Duplicate {
                what: "invitation use",
                ..
            } => gone(),
            other => other,
        })
    }

    /// A requester's account made by themselves, when open sign-up is on
    /// (`Forbidden` when it is off). Each attempt counts in the throttle.
    pub(crate) async fn sign_up(
        &self,
        store: &Store,
        email: &str,
        name: &str,
        password: &str,
    ) -> Result<User, EngineError> {
        if !self.open_sign_up(store).await? {
            return Err(EngineError::Forbidden {
                message: "sign-up is by invitation".into(),
            });
        }
        let email = checked_email(email)?;
        let key = crate::throttle::address_hash(&format!("sign-up {email}"));
        let now = self.now()?;
        if let Some(minutes) = self.sign_ins.refused(store, &key, now).await? {
            return Err(EngineError::Throttled { minutes });
        }
        self.sign_ins.failed(store, &key, now).await?;
        checked_name(name)?;
        checked_password(password)?;
        let audit = AccountAudit {
            actor: email.clone(),
            action: "signed up".into(),
            detail: String::new(),
        };
        self.add_requester(store, &email, name, password, None, &audit)
            .await
    }

    async fn add_requester(
        &self,
        store: &Store,
        email: &str,
        name: &str,
        password: &str,
        invitation: Option<i64>,
        audit: &AccountAudit,
    ) -> Result<User, EngineError> {
        let password_hash = self.passwords.hash(password).await?;
        let new = NewUser {
            email: email.to_owned(),
            name: name.trim().to_owned(),
            role: Role::Requester.as_str().to_owned(),
            authority_id: None,
            password_hash,
            created_at: seconds(self.now()?),
        };
        let id = store.add_user_audited(&new, invitation, audit).await?;
        Ok(User {
            id,
            email: new.email,
            name: new.name,
            role: Role::Requester,
            authority_id: None,
            disabled_at: None,
        })
    }

    /// Whether anyone may make a requester's account (off unless turned on).
    pub(crate) async fn open_sign_up(&self, store: &Store) -> Result<bool, EngineError> {
        Ok(store
            .setting(OPEN_SIGN_UP)
            .await?
            .is_some_and(|s| s.value == "on"))
    }

    pub(crate) async fn set_open_sign_up(
        &self,
        store: &Store,
        by: Actor<'_>,
        on: bool,
    ) -> Result<(), EngineError> {
        by.must_administer("changes how requesters sign up")?;
        let change = SettingChange {
            value: if on { "on" } else { "off" }.into(),
            set_by: by.name(),
            set_at: self.timestamp(),
        };
        Ok(store.set_setting(OPEN_SIGN_UP, &change).await?)
    }
}
