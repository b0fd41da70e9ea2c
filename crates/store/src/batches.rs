//! Batches: the same request sent to several authorities at once is one case
//! per authority, written in one transaction with the link that says they
//! came together (all or none). Later work (a round robin of the answers)
//! reads the link; nothing changes it.

use crate::{NewCase, Store, StoreError};

/// The cases of one batch, in the order they were written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Batch {
    pub id: i64,
    pub case_ids: Vec<i64>,
}

impl Store {
    /// Open `cases` and link them as one batch, in one transaction; `by`
    /// is who sent them. A reference already used fails the whole batch with
    /// `Duplicate`, and nothing is written.
    pub async fn create_batch(
        &self,
        cases: &[NewCase],
        by: &str,
        at: &str,
    ) -> Result<Batch, StoreError> {
        let mut tx = self.pool.begin().await?;
        let written = async {
            // The batch row first: on SQLite a write takes the one writer's lock at once.
            let (id,): (i64,) = sqlx::query_as(self.sql(
                "INSERT INTO case_batches (created_by, created_at) VALUES ($1, $2) RETURNING id",
            ))
            .bind(by)
            .bind(at)
            .fetch_one(&mut *tx)
            .await?;
            let case_ids = self.create_cases_in(&mut tx, cases).await?;
            for case_id in &case_ids {
                sqlx::query(
                    self.sql("INSERT INTO case_batch_members (batch_id, case_id) VALUES ($1, $2)"),
                )
                .bind(id)
                .bind(*case_id)
                .execute(&mut *tx)
                .await?;
            }
            Ok::<_, StoreError>(Batch { id, case_ids })
        }
        .await;
        match written {
            Ok(batch) => {
                tx.commit().await?;
                Ok(batch)
            }
            Err(e) => {
                tx.rollback().await?;
                Err(e)
            }
        }
    }

    /// The batch a case was sent in, with all its cases, if it was one.
    pub async fn batch_of(&self, case_id: i64) -> Result<Option<Batch>, StoreError> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(self.sql(
            "SELECT m.batch_id, m.case_id FROM case_batch_members m \
             WHERE m.batch_id = (SELECT batch_id FROM case_batch_members WHERE case_id = $1) \
             ORDER BY m.case_id",
        ))
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.first().map(|(id, _)| Batch {
            id: *id,
            case_ids: rows.iter().map(|(_, c)| *c).collect(),
        }))
    }
}
