//! Each authority's profile for its letters: where it is, who to write to,
//! how to ask for a review, who signs, its reference prefix and letterhead.
//! An administrator sets it; each save is kept, and the latest is used.

use foidesk_store::{Store, StoredProfile};
use serde::{Deserialize, Serialize};

use crate::text::plain;
use crate::{Engine, EngineError, Role, User};

/// Someone who signs the authority's letters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signatory {
    pub name: String,
    /// Their job, as the letter states it ("Information Manager").
    pub role: String,
}

/// What letters take from the authority, not from the case.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorityProfile {
    /// The postal address, one line each, without empty lines.
    pub address_lines: Vec<String>,
    /// The address requests and reviews are sent to.
    pub email: String,
    /// The FOI contact: a person or a team.
    pub foi_contact: String,
    /// How to ask for an internal review, in the words letters use.
    pub review_procedure: String,
    /// One or more, the first the usual one.
    pub signatories: Vec<Signatory>,
    /// Letters, digits and hyphens, e.g. "MPS-FOI".
    pub reference_prefix: String,
    /// The line at the head of every letter.
    pub letterhead: String,
}

/// The most address lines and signatories a profile holds.
pub const MAX_ADDRESS_LINES: usize = 8;
pub const MAX_SIGNATORIES: usize = 10;
/// The longest reference prefix, in characters, a profile or a new request takes.
pub const MAX_REFERENCE_PREFIX_CHARS: usize = 20;

fn invalid(field: impl Into<String>, message: impl Into<String>) -> EngineError {
    EngineError::Invalid {
        field: field.into(),
        message: message.into(),
    }
}

/// A one-line field: present, plain, at most `most` characters.
fn line(field: &str, what: &str, text: &str, most: usize) -> Result<(), EngineError> {
    if text.trim().is_empty() {
        return Err(invalid(field, format!("Enter {what}")));
    }
    if text.contains(['\n', '\r']) {
        return Err(invalid(
            field,
            format!("{} must be one line", capital(what)),
        ));
    }
    if text.chars().count() > most {
        return Err(invalid(
            field,
            format!("{} must be {most} characters or fewer", capital(what)),
        ));
    }
    plain(field, text)
}

fn capital(what: &str) -> String {
    let what = what.strip_prefix("the ").unwrap_or(what);
    let mut c = what.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl AuthorityProfile {
    /// Every field trimmed, and empty address lines and signatories (both
    /// parts empty) left out: what a form with spare rows sends.
    pub fn tidied(mut self) -> AuthorityProfile {
        let trim = |s: &mut String| *s = s.trim().to_owned();
        self.address_lines.iter_mut().for_each(trim);
        self.address_lines.retain(|l| !l.is_empty());
        for s in &mut self.signatories {
            trim(&mut s.name);
            trim(&mut s.role);
        }
        self.signatories
            .retain(|s| !(s.name.is_empty() && s.role.is_empty()));
        trim(&mut self.email);
        trim(&mut self.foi_contact);
        self.review_procedure = self.review_procedure.trim().to_owned();
        trim(&mut self.reference_prefix);
        trim(&mut self.letterhead);
        self
    }

    /// Check every field; the first error names its field by the name it
    /// has in this struct (`signatories[1].role` for a list's item).
    pub fn validate(&self) -> Result<(), EngineError> {
        if self.address_lines.is_empty() {
            return Err(invalid("address_lines", "Enter the postal address"));
        }
        if self.address_lines.len() > MAX_ADDRESS_LINES {
            return Err(invalid(
                "address_lines",
                format!("The postal address must be {MAX_ADDRESS_LINES} lines or fewer"),
            ));
        }
        for (i, l) in self.address_lines.iter().enumerate() {
            line(&format!("address_lines[{i}]"), "the postal address", l, 100)?;
        }
        line("email", "the email address", &self.email, 254)?;
        let email_ok = match self.email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !self.email.contains(char::is_whitespace)
                    && !domain.contains('@')
            }
            None => false,
        };
        if !email_ok {
            return Err(invalid(
                "email",
                "Enter an email address in the correct format, like foi@police.example",
            ));
        }
        line("foi_contact", "the FOI contact", &self.foi_contact, 200)?;
        if self.review_procedure.trim().is_empty() {
            return Err(invalid(
                "review_procedure",
                "Enter how to ask for an internal review",
            ));
        }
        if self.review_procedure.chars().count() > 5000 {
            return Err(invalid(
                "review_procedure",
                "The internal review procedure must be 5,000 characters or fewer",
            ));
        }
        plain("review_procedure", &self.review_procedure)?;
        if self.signatories.is_empty() {
            return Err(invalid(
                "signatories",
                "Enter at least one signatory, with their name and role",
            ));
        }
        if self.signatories.len() > MAX_SIGNATORIES {
            return Err(invalid(
                "signatories",
                format!("Enter {MAX_SIGNATORIES} signatories or fewer"),
            ));
        }
        for (i, s) in self.signatories.iter().enumerate() {
            line(
                &format!("signatories[{i}].name"),
                "the signatory's name",
                &s.name,
                200,
            )?;
            line(
                &format!("signatories[{i}].role"),
                "the signatory's role",
                &s.role,
                200,
            )?;
        }
        let p = &self.reference_prefix;
        let prefix_ok = !p.is_empty()
            && p.len() <= MAX_REFERENCE_PREFIX_CHARS
            && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !p.starts_with('-')
            && !p.ends_with('-');
        if !prefix_ok {
            return Err(invalid(
                "reference_prefix",
                "Enter a reference prefix of up to 20 letters, digits and hyphens, like MPS-FOI",
            ));
        }
        line("letterhead", "the letterhead line", &self.letterhead, 200)
    }
}

impl Engine {
    /// The latest profile of an authority, if one was saved.
    pub(crate) async fn authority_profile(
        &self,
        store: &Store,
        authority_id: i64,
    ) -> Result<Option<AuthorityProfile>, EngineError> {
        match store.authority_profile(authority_id).await? {
            None => Ok(None),
            Some(stored) => serde_json::from_str(&stored.body_json)
                .map(Some)
                .map_err(|e| EngineError::CorruptRecord {
                    id: authority_id,
                    message: format!("authority profile: {e}"),
                }),
        }
    }

    /// Save a profile (tidied, then validated): a new record, the latest.
    pub(crate) async fn set_authority_profile(
        &self,
        store: &Store,
        authority_id: i64,
        profile: AuthorityProfile,
        by: &str,
    ) -> Result<AuthorityProfile, EngineError> {
        let profile = profile.tidied();
        profile.validate()?;
        let body_json = serde_json::to_string(&profile).map_err(|e| EngineError::Serialise {
            message: e.to_string(),
        })?;
        store
            .add_authority_profile(&StoredProfile {
                authority_id,
                body_json,
                saved_by: by.to_owned(),
                saved_at: self.timestamp(),
            })
            .await?;
        Ok(profile)
    }

    /// Officers of the authority and administrators read its profile.
    pub(crate) async fn authority_profile_as(
        &self,
        store: &Store,
        user: &User,
        authority_id: i64,
    ) -> Result<Option<AuthorityProfile>, EngineError> {
        let allowed = match user.role {
            Role::Administrator => true,
            Role::Officer => user.authority_id == Some(authority_id),
            Role::Requester | Role::Caseworker | Role::Coordinator => false,
        };
        if !allowed {
            return Err(EngineError::Forbidden {
                message: "only the authority's officers and administrators read its profile".into(),
            });
        }
        self.authority_profile(store, authority_id).await
    }

    /// Only administrators set a profile.
    pub(crate) async fn set_authority_profile_as(
        &self,
        store: &Store,
        user: &User,
        authority_id: i64,
        profile: AuthorityProfile,
    ) -> Result<AuthorityProfile, EngineError> {
        if user.role != Role::Administrator {
            return Err(EngineError::Forbidden {
                message: "only an administrator sets an authority's profile".into(),
            });
        }
        self.set_authority_profile(store, authority_id, profile, &user.email)
            .await
    }
}
