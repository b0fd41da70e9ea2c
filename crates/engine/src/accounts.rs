//! Accounts, roles and API tokens. Passwords are hashed with Argon2id and
//! tokens with SHA-256 before the store sees them; neither is kept in clear.

use foidesk_law::vocabulary;
use foidesk_store::{NewUser, Store, StoredUser};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{Engine, EngineError};

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longest password accepted: far more than a passphrase needs, and a bound
/// on what a sign-in makes the server hash.
pub const MAX_PASSWORD_CHARS: usize = 1024;
/// Longest address (RFC 5321's limit on a path, less its angle brackets).
pub const MAX_EMAIL_CHARS: usize = 254;

/// How long a browser session lasts: one working day and a little more.
const SESSION_HOURS: i64 = 12;

vocabulary! {
    /// What an account is for; `access` says what each may see and do.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
    pub enum Role {
        /// Sees only their own requests.
        Requester = "requester", "Requester";
        /// Works the cases of one authority.
        Officer = "officer", "Officer of an authority";
        /// The Commissioner's staff: complaints and decision notices.
        Caseworker = "caseworker", "Caseworker (the Commissioner)";
        Administrator = "administrator", "Administrator";
        /// A national FOI unit: coordinates the round robins among
        /// authorities of one kind; never sees a case or who asked.
        Coordinator = "coordinator", "Coordinator (national FOI unit)";
    }
}

impl Role {
    /// "an officer", "a requester": for messages.
    pub fn with_article(self) -> &'static str {
        match self {
            Role::Requester => "a requester",
            Role::Officer => "an officer",
            Role::Caseworker => "a caseworker",
            Role::Administrator => "an administrator",
            Role::Coordinator => "a coordinator",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub authority_id: Option<i64>,
    /// When the account was disabled; `None` while it is active.
    pub disabled_at: Option<String>,
}

pub(crate) fn invalid(field: &str, message: impl Into<String>) -> EngineError {
    EngineError::Invalid {
        field: field.into(),
        message: message.into(),
    }
}

impl Engine {
    /// A new account. Officers belong to an authority; other roles do not,
    /// but a coordinator names in `authority_slug` the kind it coordinates.
    pub(crate) async fn add_user(
        &self,
        store: &Store,
        email: &str,
        name: &str,
        role: Role,
        authority_slug: Option<&str>,
        password: &str,
    ) -> Result<User, EngineError> {
        let email = checked_email(email)?;
        checked_name(name)?;
        checked_password(password)?;
        let authority_id = match (role, authority_slug) {
            (Role::Officer, Some(slug)) => Some(
                store
                    .authority_by_slug(slug)
                    .await?
                    .ok_or_else(|| invalid("authority", format!("no authority '{slug}'")))?
                    .id,
            ),
            (Role::Officer, None) => {
                return Err(invalid("authority", "an officer belongs to an authority"))
            }
            (Role::Coordinator, kind) => {
                return self
                    .add_coordinator(store, &email, name, kind, password)
                    .await
            }
            (_, Some(_)) => {
                return Err(invalid("authority", "only officers belong to an authority"))
            }
            (_, None) => None,
        };
        too_long_password(password)?;
        let password_hash = self.passwords.hash(password).await?;
        let id = store
            .add_user(&NewUser {
                email: email.clone(),
                name: name.trim().to_owned(),
                role: role.as_str().to_owned(),
                authority_id,
                password_hash,
                created_at: self.timestamp(),
            })
            .await?;
        Ok(User {
            id,
            email,
            name: name.trim().to_owned(),
            role,
            authority_id,
            disabled_at: None,
        })
    }

    /// A coordinator's account with the kind of authority it coordinates
    /// (`kind`, a register kind's name such as "police"), in one write.
    async fn add_coordinator(
        &self,
        store: &Store,
        email: &str,
        name: &str,
        kind: Option<&str>,
        password: &str,
    ) -> Result<User, EngineError> {
        let kind = kind.map(str::trim).unwrap_or_default();
        let kind = crate::AuthorityKind::from_name(kind).ok_or_else(|| {
            invalid(
                "authority",
                format!(
                    "a coordinator coordinates one kind of authority: give one of {}",
                    crate::AuthorityKind::ALL
                        .iter()
                        .map(|k| k.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })?;
        let password_hash = self.passwords.hash(password).await?;
        let new = NewUser {
            email: email.to_owned(),
            name: name.trim().to_owned(),
            role: Role::Coordinator.as_str().to_owned(),
            authority_id: None,
            password_hash,
            created_at: self.timestamp(),
        };
        let id = store
            .add_coordinator(&new, kind.as_str(), crate::COMMAND_LINE)
            .await?;
        Ok(User {
            id,
            email: new.email,
            name: new.name,
            role: Role::Coordinator,
            authority_id: None,
            disabled_at: None,
        })
    }

    /// The account, if the password is right. An unknown address costs the
    /// same hashing work, so timing does not tell which addresses exist.
    /// After too many failures for one address it is refused for a while
    /// (`Throttled`), whatever the password. An over-long address or password
    /// is refused before anything else: no store query, no hashing.
    pub(crate) async fn authenticate(
        &self,
        store: &Store,
        email: &str,
        password: &str,
    ) -> Result<Option<User>, EngineError> {
        let email = email.trim();
        if email.chars().nth(MAX_EMAIL_CHARS).is_some() {
            return Err(invalid(
                "email",
                format!(
                    "an email address has at most {MAX_EMAIL_CHARS} characters; check the address"
                ),
            ));
        }
        too_long_password(password)?;
        let email = email.to_ascii_lowercase();
        let key = crate::throttle::address_hash(&email);
        let now = self.now()?;
        if let Some(minutes) = self.sign_ins.refused(store, &key, now).await? {
            return Err(EngineError::Throttled { minutes });
        }
        let stored = store.user_by_email(&email).await?;
        let hash = stored.as_ref().map(|s| s.password_hash.as_str());
        let ok = self.passwords.verify(password, hash).await?;
        match stored {
            Some(stored) if ok && stored.disabled_at.is_none() => {
                self.sign_ins.succeeded(store, &key).await?;
                Ok(Some(user(stored)?))
            }
            // Told only after the same work and the right password, so it
            // reveals nothing to a guesser; it still counts as a failure.
            Some(_) if ok => {
                self.sign_ins.failed(store, &key, now).await?;
                Err(EngineError::Disabled)
            }
            // Unknown and known addresses count alike, so neither is told apart.
            _ => {
                self.sign_ins.failed(store, &key, now).await?;
                Ok(None)
            }
        }
    }

    /// A new API token for an account, returned once and stored only as a hash.
    pub(crate) async fn create_token(
        &self,
        store: &Store,
        email: &str,
        label: &str,
    ) -> Result<String, EngineError> {
        let stored = account(store, email).await?;
        let token = format!("fdk_{}", random_hex()?);
        store
            .add_token(stored.id, &token_hash(&token), label, &self.timestamp())
            .await?;
        Ok(token)
    }

    /// Start a browser session: returns its secret (for the cookie, shown
    /// once, stored only as a hash) and when it expires.
    pub(crate) async fn start_session(
        &self,
        store: &Store,
        user: &User,
    ) -> Result<(String, String), EngineError> {
        let now = self.now()?;
        let expires = now
            .checked_add(jiff::SignedDuration::from_hours(SESSION_HOURS))
            .map_err(|e| invalid("session", format!("no expiry time: {e}")))?;
        let secret = format!("fds_{}", random_hex()?);
        store
            .add_session(
                user.id,
                &token_hash(&secret),
                &seconds(now),
                &seconds(expires),
            )
            .await?;
        Ok((secret, seconds(expires)))
    }

    /// The account of a live session.
    pub(crate) async fn user_for_session(
        &self,
        store: &Store,
        secret: &str,
    ) -> Result<Option<User>, EngineError> {
        let now = seconds(self.now()?);
        match store
            .user_by_session_hash(&token_hash(secret), &now)
            .await?
        {
            Some(stored) => Ok(Some(user(stored)?)),
            None => Ok(None),
        }
    }

    /// Sign out; the session stays on record as ended.
    pub(crate) async fn end_session(&self, store: &Store, secret: &str) -> Result<(), EngineError> {
        let now = seconds(self.now()?);
        Ok(store.end_session(&token_hash(secret), &now).await?)
    }

    /// A new account, added by an administrator.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn add_user_as(
        &self,
        store: &Store,
        by: &User,
        email: &str,
        name: &str,
        role: Role,
        authority_slug: Option<&str>,
        password: &str,
    ) -> Result<User, EngineError> {
        if by.role != Role::Administrator {
            return Err(EngineError::Forbidden {
                message: "only an administrator adds accounts".into(),
            });
        }
        self.add_user(store, email, name, role, authority_slug, password)
            .await
    }

    /// Every account, for administrators.
    pub(crate) async fn users_as(
        &self,
        store: &Store,
        by: &User,
    ) -> Result<Vec<User>, EngineError> {
        if by.role != Role::Administrator {
            return Err(EngineError::Forbidden {
                message: "only an administrator lists accounts".into(),
            });
        }
        store.users().await?.into_iter().map(user).collect()
    }

    pub(crate) fn now(&self) -> Result<jiff::Timestamp, EngineError> {
        self.timestamp()
            .parse()
            .map_err(|e| invalid("clock", format!("the clock gave no valid time: {e}")))
    }

    /// Revoke an account's tokens with this label (say, a lost laptop's).
    pub(crate) async fn revoke_tokens(
        &self,
        store: &Store,
        email: &str,
        label: &str,
    ) -> Result<u64, EngineError> {
        let stored = account(store, email).await?;
        Ok(store
            .revoke_tokens(stored.id, label, &self.timestamp())
            .await?)
    }

    /// The account a bearer token belongs to, if it is live.
    pub(crate) async fn user_for_token(
        &self,
        store: &Store,
        token: &str,
    ) -> Result<Option<User>, EngineError> {
        match store.user_by_token_hash(&token_hash(token.trim())).await? {
            Some(stored) => Ok(Some(user(stored)?)),
            None => Ok(None),
        }
    }
}

/// The address in lower case, if it is one (as every account's is checked).
pub(crate) fn checked_email(email: &str) -> Result<String, EngineError> {
    let email = email.trim().to_ascii_lowercase();
    let well_formed = email
        .split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'));
    if !well_formed || email.len() > MAX_EMAIL_CHARS {
        return Err(invalid("email", "give an address like name@example.org"));
    }
    if let Some(c) = email.chars().find(|c| !email_char(*c)) {
        return Err(invalid(
            "email",
            format!(
                "give an address like name@example.org; '{c}' cannot appear in an email address"
            ),
        ));
    }
    Ok(email)
}

pub(crate) fn checked_name(name: &str) -> Result<(), EngineError> {
    if name.trim().is_empty() {
        return Err(invalid("name", "an account needs a name"));
    }
    crate::text::plain("name", name)
}

/// Long enough (and, by `too_long_password`, not too long to hash).
pub(crate) fn checked_password(password: &str) -> Result<(), EngineError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(invalid(
            "password",
            format!("use at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    too_long_password(password)
}

/// Characters of an unquoted address (RFC 5322 atext, dots and the @);
/// anything else (spaces, quotes, angle brackets) is refused.
fn email_char(c: char) -> bool {
    c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.@".contains(c)
}

/// The stored account with this address, or an error naming it.
async fn account(store: &Store, email: &str) -> Result<StoredUser, EngineError> {
    store
        .user_by_email(&email.trim().to_ascii_lowercase())
        .await?
        .ok_or_else(|| invalid("email", format!("no account '{email}'")))
}

pub(crate) fn user(s: StoredUser) -> Result<User, EngineError> {
    let role = Role::from_name(&s.role).ok_or_else(|| EngineError::CorruptRecord {
        id: s.id,
        message: format!("unknown role '{}'", s.role),
    })?;
    Ok(User {
        id: s.id,
        email: s.email,
        name: s.name,
        role,
        authority_id: s.authority_id,
        disabled_at: s.disabled_at,
    })
}

pub(crate) fn too_long_password(password: &str) -> Result<(), EngineError> {
    if password.chars().nth(MAX_PASSWORD_CHARS).is_some() {
        return Err(invalid(
            "password",
            format!("a password has at most {MAX_PASSWORD_CHARS} characters; use a shorter one"),
        ));
    }
    Ok(())
}

/// 32 random bytes as hex: a secret no one can guess.
pub(crate) fn random_hex() -> Result<String, EngineError> {
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|e| EngineError::Serialise {
        message: format!("no randomness for a secret: {e}"),
    })?;
    Ok(hex(&secret))
}

/// Whole seconds in UTC, one fixed width, so stored times compare as text.
pub(crate) fn seconds(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub(crate) fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
