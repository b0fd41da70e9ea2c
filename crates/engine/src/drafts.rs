//! Letter drafts: what a guided letter form has been told so far, saved on
//! the case so it survives a reload and can be edited. Each save is kept;
//! the latest is the draft.

use foidesk_store::{Store, StoredDraft};

use crate::access::Access;
use crate::text::plain_all;
use crate::{Engine, EngineError, User};

/// The most a draft's answers may hold, as JSON text.
pub const MAX_DRAFT_BYTES: usize = 512 * 1024;

/// The latest saved draft of one kind of letter on a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LetterDraft {
    /// The answers, as the form saved them (a JSON object).
    pub answers_json: String,
    /// The account that saved it.
    pub saved_by: String,
    /// RFC 3339, UTC.
    pub saved_at: String,
}

fn invalid(field: &str, message: impl Into<String>) -> EngineError {
    EngineError::Invalid {
        field: field.to_owned(),
        message: message.into(),
    }
}

/// A letter kind's name: 1 to 64 lower-case letters, digits, `_` or `-`.
fn check_kind(kind: &str) -> Result<(), EngineError> {
    let ok = !kind.is_empty()
        && kind.len() <= 64
        && kind
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(invalid(
            "kind",
            "a letter kind is 1 to 64 lower-case letters, digits, hyphens or underscores",
        ))
    }
}

impl Engine {
    async fn case_access(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
    ) -> Result<Access, EngineError> {
        let access = match store.case_summary(case_id).await? {
            Some(s) => user.access_to(&s),
            None => Access::Hidden,
        };
        if access == Access::Hidden {
            return Err(EngineError::NotFound {
                what: "case",
                key: case_id.to_string(),
            });
        }
        Ok(access)
    }

    /// Save a draft on a case this user may write.
    pub(crate) async fn save_letter_draft_as(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        kind: &str,
        answers_json: &str,
    ) -> Result<(), EngineError> {
        if self.case_access(store, user, case_id).await? != Access::Write {
            return Err(EngineError::Forbidden {
                message: format!(
                    "{} may read this case but not draft letters on it",
                    user.role.with_article()
                ),
            });
        }
        check_kind(kind)?;
        if answers_json.len() > MAX_DRAFT_BYTES {
            return Err(invalid(
                "answers",
                format!("a draft holds at most {MAX_DRAFT_BYTES} bytes of answers"),
            ));
        }
        let value: serde_json::Value = serde_json::from_str(answers_json)
            .map_err(|e| invalid("answers", format!("not JSON: {e}")))?;
        if !value.is_object() {
            return Err(invalid("answers", "the answers must be a JSON object"));
        }
        plain_all(&value)?;
        store
            .add_letter_draft(&StoredDraft {
                case_id,
                kind: kind.to_owned(),
                answers_json: answers_json.to_owned(),
                saved_by: user.email.clone(),
                saved_at: self.timestamp(),
            })
            .await?;
        Ok(())
    }

    /// The latest draft of `kind` on a case this user may see.
    pub(crate) async fn letter_draft_as(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        kind: &str,
    ) -> Result<Option<LetterDraft>, EngineError> {
        self.case_access(store, user, case_id).await?;
        check_kind(kind)?;
        Ok(store
            .letter_draft(case_id, kind)
            .await?
            .map(|d| LetterDraft {
                answers_json: d.answers_json,
                saved_by: d.saved_by,
                saved_at: d.saved_at,
            }))
    }
}
