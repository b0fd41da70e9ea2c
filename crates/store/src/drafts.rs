//! Letter drafts: the answers a guided letter form has been given so far,
//! as JSON, per case and kind of letter. A save is a new row; the latest
//! row wins, so an earlier draft is never lost.

use crate::{Store, StoreError};

/// One saved draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredDraft {
    pub case_id: i64,
    /// The kind of letter (the engine's name for it).
    pub kind: String,
    pub answers_json: String,
    pub saved_by: String,
    /// RFC 3339.
    pub saved_at: String,
}

impl Store {
    /// Save a draft: a new row, which becomes the latest for its case and kind.
    pub async fn add_letter_draft(&self, draft: &StoredDraft) -> Result<(), StoreError> {
        sqlx::query(self.sql(
            "INSERT INTO letter_drafts (case_id, kind, answers, saved_by, saved_at) \
             VALUES ($1, $2, $3, $4, $5)",
        ))
        .bind(draft.case_id)
        .bind(&draft.kind)
        .bind(&draft.answers_json)
        .bind(&draft.saved_by)
        .bind(&draft.saved_at)
        .execute(&self.pool)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => StoreError::NotFound {
                what: "case",
                key: draft.case_id.to_string(),
            },
            other => StoreError::Database(other),
        })?;
        Ok(())
    }

    /// The latest draft of this kind of letter on a case, if any.
    pub async fn letter_draft(
        &self,
        case_id: i64,
        kind: &str,
    ) -> Result<Option<StoredDraft>, StoreError> {
        let row: Option<(String, String, String)> = sqlx::query_as(self.sql(
            "SELECT answers, saved_by, saved_at FROM letter_drafts \
             WHERE case_id = $1 AND kind = $2 ORDER BY id DESC LIMIT 1",
        ))
        .bind(case_id)
        .bind(kind)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(answers_json, saved_by, saved_at)| StoredDraft {
            case_id,
            kind: kind.to_owned(),
            answers_json,
            saved_by,
            saved_at,
        }))
    }
}
