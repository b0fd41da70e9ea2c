//! Files attached to a case (released documents, letters received, letters
//! sent), kept in the store itself with their SHA-256. An attachment is
//! never changed or removed. A letter and the event that sends it are
//! written in one transaction (`append_with_attachments`).

use sqlx::Row;

use crate::cases::{NewEvent, Projection};
use crate::{Store, StoreError};

/// A file to keep: the engine has checked its name, type and size and
/// worked out its hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewStoredAttachment {
    pub name: String,
    pub content_type: String,
    /// Lower-case hex.
    pub sha256: String,
    pub content: Vec<u8>,
}

/// What is known about a kept file, without its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentMeta {
    pub id: i64,
    pub case_id: i64,
    /// The case version of the event the file belongs to, if any.
    pub event_version: Option<i64>,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: String,
    /// RFC 3339.
    pub uploaded_at: String,
}

fn meta(r: &sqlx::any::AnyRow) -> Result<AttachmentMeta, sqlx::Error> {
    Ok(AttachmentMeta {
        id: r.try_get(0)?,
        case_id: r.try_get(1)?,
        event_version: r.try_get(2)?,
        name: r.try_get(3)?,
        content_type: r.try_get(4)?,
        size: r.try_get(5)?,
        sha256: r.try_get(6)?,
        uploaded_by: r.try_get(7)?,
        uploaded_at: r.try_get(8)?,
    })
}

impl Store {
    /// Keep a file on a case; returns its id.
    pub async fn add_attachment(
        &self,
        case_id: i64,
        event_version: Option<i64>,
        file: &NewStoredAttachment,
        by: &str,
        at: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let id = self
            .insert_attachment(&mut tx, case_id, event_version, file, by, at)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Append `events` (as `append` does) and keep `files`, each linked to
    /// the last new event, all in one transaction: neither is written
    /// without the other. Returns the new version.
    #[allow(clippy::too_many_arguments)]
    pub async fn append_with_attachments(
        &self,
        case_id: i64,
        expected: i64,
        events: &[NewEvent],
        projection: &Projection,
        by: &str,
        at: &str,
        files: &[NewStoredAttachment],
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let version = self
            .append_in(&mut tx, case_id, expected, events, projection, at)
            .await?;
        for file in files {
            self.insert_attachment(&mut tx, case_id, Some(version), file, by, at)
                .await?;
        }
        tx.commit().await?;
        Ok(version)
    }

    async fn insert_attachment(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        case_id: i64,
        event_version: Option<i64>,
        file: &NewStoredAttachment,
        by: &str,
        at: &str,
    ) -> Result<i64, StoreError> {
        let size = i64::try_from(file.content.len()).unwrap_or(i64::MAX);
        let (id,): (i64,) = sqlx::query_as(self.sql(
            "INSERT INTO case_attachments (case_id, event_version, name, content_type, size, \
             sha256, content, uploaded_by, uploaded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        ))
        .bind(case_id)
        .bind(event_version)
        .bind(&file.name)
        .bind(&file.content_type)
        .bind(size)
        .bind(&file.sha256)
        .bind(file.content.as_slice())
        .bind(by)
        .bind(at)
        .fetch_one(&mut **tx)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => StoreError::NotFound {
                what: "case",
                key: case_id.to_string(),
            },
            other => StoreError::Database(other),
        })?;
        Ok(id)
    }

    /// The files kept on a case, oldest first, without their bytes.
    pub async fn attachments(&self, case_id: i64) -> Result<Vec<AttachmentMeta>, StoreError> {
        let rows = sqlx::query(self.sql(
            "SELECT id, case_id, event_version, name, content_type, size, sha256, \
             uploaded_by, uploaded_at FROM case_attachments WHERE case_id = $1 ORDER BY id",
        ))
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(meta).collect::<Result<_, _>>()?)
    }

    /// One file kept on a case, with its bytes.
    pub async fn attachment(
        &self,
        case_id: i64,
        id: i64,
    ) -> Result<Option<(AttachmentMeta, Vec<u8>)>, StoreError> {
        let row = sqlx::query(self.sql(
            "SELECT id, case_id, event_version, name, content_type, size, sha256, \
             uploaded_by, uploaded_at, content FROM case_attachments \
             WHERE case_id = $1 AND id = $2",
        ))
        .bind(case_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            None => Ok(None),
            Some(r) => Ok(Some((meta(&r)?, r.try_get(9)?))),
        }
    }
}
