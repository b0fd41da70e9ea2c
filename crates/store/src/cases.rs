//! Authorities and cases. A case is an append-only log of events with a
//! version (its event count); an append names the version it expects, and a
//! stale one is refused with `Conflict`, never applied.

use sqlx::Row;

use crate::{Store, StoreError};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authority {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// What queues need, worked out by the caller (the engine's assessment)
/// and stored beside the log on every write.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Projection {
    pub status: String,
    /// Whose move it is: authority, requester or regulator.
    pub desk: String,
    /// ISO date of the next statutory deadline, if any is running.
    pub next_deadline: Option<String>,
    pub assignee: Option<String>,
    /// ISO date of the complaint to the Commissioner, if one was made: the
    /// caseworker's queue sorts by it.
    pub complained: Option<String>,
    /// What statistics count of the case, written with the projection.
    /// Never read back into a summary (`None` there).
    pub facts: Option<crate::Facts>,
}

/// One event to append: its kind, its body as JSON, and who recorded it when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEvent {
    pub kind: String,
    pub body_json: String,
    pub recorded_by: String,
    /// RFC 3339.
    pub recorded_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredEvent {
    /// 1 for the first event of the case.
    pub version: i64,
    pub kind: String,
    pub body_json: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCase {
    pub authority_id: i64,
    /// The authority's own reference; unique within the authority.
    pub reference: String,
    /// The requester's account, when the requester uses foidesk.
    pub requester: Option<String>,
    /// The request section of the case file, as JSON.
    pub request_json: String,
    pub events: Vec<NewEvent>,
    pub projection: Projection,
    /// What the case list shows and searches (the request never changes).
    pub listing: crate::Listing,
    pub created_at: String,
    /// How the request is recognised across authorities (round robins).
    pub print: Option<crate::NewPrint>,
}

/// A case without its events: one row of a queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseSummary {
    pub id: i64,
    pub authority_id: i64,
    pub reference: String,
    pub requester: Option<String>,
    pub version: i64,
    pub projection: Projection,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRecord {
    pub summary: CaseSummary,
    pub request_json: String,
    pub events: Vec<StoredEvent>,
}

/// Which cases a queue lists, by their next deadline (ISO dates).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Due {
    On(String),
    /// Inclusive.
    Between(String, String),
    /// Strictly before: overdue as at that date.
    Before(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueQuery {
    pub due: Due,
    pub authority_id: Option<i64>,
    pub desk: Option<String>,
    pub assignee: Option<String>,
    pub limit: i64,
}

/// A queue's query with its date condition, in four forms: for all
/// authorities, then led by one authority, one assignee or one desk. The
/// leading filter is spelt out rather than `($3 IS NULL OR …)` so that the
/// planner reads the index on it in deadline order (`cases_by_next_deadline`,
/// `cases_by_authority_deadline`, `…_assignee_…`, `…_desk_…`): led by the
/// deadline alone, a queue of one assignee read every overdue case. The
/// other filters, given as NULL, match all; every form binds the same
/// parameters.
macro_rules! queue_sql {
    ($due:literal) => {
        [
            queue_sql!($due, "$3 IS NULL AND $4 IS NULL AND $5 IS NULL"),
            queue_sql!(
                $due,
                "authority_id = $3 AND ($4 IS NULL OR desk = $4) \
                AND ($5 IS NULL OR assignee = $5)"
            ),
            queue_sql!(
                $due,
                "assignee = $5 AND ($3 IS NULL OR authority_id = $3) \
                AND ($4 IS NULL OR desk = $4)"
            ),
            queue_sql!(
                $due,
                "desk = $4 AND ($3 IS NULL OR authority_id = $3) \
                AND $5 IS NULL"
            ),
        ]
    };
    ($due:literal, $filters:literal) => {
        concat!(
            "SELECT id, authority_id, reference, desk, requester, version, status, ",
            "next_deadline, assignee, complained FROM cases WHERE ",
            $due,
            " AND ",
            $filters,
            " ORDER BY next_deadline, id LIMIT $6"
        )
    };
}

pub(crate) fn summary(r: &sqlx::any::AnyRow) -> Result<CaseSummary, sqlx::Error> {
    Ok(CaseSummary {
        id: r.try_get(0)?,
        authority_id: r.try_get(1)?,
        reference: r.try_get(2)?,
        requester: r.try_get(4)?,
        version: r.try_get(5)?,
        projection: Projection {
            status: r.try_get(6)?,
            desk: r.try_get(3)?,
            next_deadline: r.try_get(7)?,
            assignee: r.try_get(8)?,
            complained: r.try_get("complained")?,
            facts: None,
        },
    })
}

impl Store {
    /// A new authority; its slug must be unused.
    pub async fn add_authority(
        &self,
        slug: &str,
        name: &str,
        created_at: &str,
    ) -> Result<Authority, StoreError> {
        let row: Option<(i64,)> = sqlx::query_as(self.sql(
            "INSERT INTO authorities (slug, name, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (slug) DO NOTHING RETURNING id",
        ))
        .bind(slug)
        .bind(name)
        .bind(created_at)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some((id,)) => Ok(Authority {
                id,
                slug: slug.to_owned(),
                name: name.to_owned(),
            }),
            None => Err(StoreError::Duplicate {
                what: "authority",
                key: slug.to_owned(),
            }),
        }
    }

    pub async fn authority_by_slug(&self, slug: &str) -> Result<Option<Authority>, StoreError> {
        let row: Option<(i64, String, String)> =
            sqlx::query_as(self.sql("SELECT id, slug, name FROM authorities WHERE slug = $1"))
                .bind(slug)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(id, slug, name)| Authority { id, slug, name }))
    }

    pub async fn authorities(&self) -> Result<Vec<Authority>, StoreError> {
        let rows: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT id, slug, name FROM authorities ORDER BY slug")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows
            .into_iter()
            .map(|(id, slug, name)| Authority { id, slug, name })
            .collect())
    }

    /// Open a case with its first events, in one transaction.
    pub async fn create_case(&self, new: &NewCase) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let version = i64::try_from(new.events.len()).unwrap_or(i64::MAX);
        let p = &new.projection;
        let text = format!(
            "INSERT INTO cases (authority_id, reference, desk, requester, request, version, \
             status, next_deadline, assignee, created_at, updated_at, subject, received, regime, \
             requester_type, search_text, complained, {}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14, $15, $16, {}) \
             ON CONFLICT (authority_id, reference) DO NOTHING RETURNING id",
            crate::facts::FACT_COLUMNS.join(", "),
            (17..17 + crate::facts::FACT_COLUMNS.len())
                .map(|n| format!("${n}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let q = sqlx::query(crate::bulk::sql_text(self.sql_owned(text)))
            .bind(new.authority_id)
            .bind(&new.reference)
            .bind(&p.desk)
            .bind(&new.requester)
            .bind(&new.request_json)
            .bind(version)
            .bind(&p.status)
            .bind(&p.next_deadline)
            .bind(&p.assignee)
            .bind(&new.created_at)
            .bind(&new.listing.subject)
            .bind(&new.listing.received)
            .bind(&new.listing.regime)
            .bind(&new.listing.requester_type)
            .bind(&new.listing.search_text)
            .bind(&p.complained);
        let row = crate::Facts::bind(p.facts.as_ref(), q)
            .fetch_optional(&mut *tx)
            .await
            .map_err(|e| match e {
                // The only foreign key: the authority.
                sqlx::Error::Database(d) if d.is_foreign_key_violation() => StoreError::NotFound {
                    what: "authority",
                    key: new.authority_id.to_string(),
                },
                other => StoreError::Database(other),
            })?;
        let Some(id) = row.map(|r| r.try_get::<i64, _>(0)).transpose()? else {
            return Err(StoreError::Duplicate {
                what: "case reference",
                key: new.reference.clone(),
            });
        };
        self.insert_events(&mut tx, id, 0, &new.events).await?;
        self.write_provisions(&mut tx, &[(id, new.authority_id, p.facts.as_ref())], false)
            .await?;
        self.write_prints(&mut tx, &[id], std::slice::from_ref(new))
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Append `events` to a case at `expected` version; returns the new
    /// version. A stale `expected` writes nothing and gets `Conflict`.
    pub async fn append(
        &self,
        case_id: i64,
        expected: i64,
        events: &[NewEvent],
        projection: &Projection,
        at: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let new_version = self
            .append_in(&mut tx, case_id, expected, events, projection, at)
            .await?;
        tx.commit().await?;
        Ok(new_version)
    }

    /// `append`'s work inside a transaction the caller commits, so other
    /// records (a letter's attachments) can be written with the events.
    pub(crate) async fn append_in(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        case_id: i64,
        expected: i64,
        events: &[NewEvent],
        projection: &Projection,
        at: &str,
    ) -> Result<i64, StoreError> {
        if events.is_empty() {
            return Err(StoreError::NothingToAppend);
        }
        let new_version = expected.saturating_add(i64::try_from(events.len()).unwrap_or(i64::MAX));
        // The version check and the write are one statement, so two appends
        // at the same version cannot both pass it.
        let text = format!(
            "UPDATE cases SET version = $1, status = $2, next_deadline = $3, assignee = $4, \
             updated_at = $5, desk = $8, complained = $9, {} WHERE id = $6 AND version = $7 \
             RETURNING authority_id",
            crate::facts::set_list(10)
        );
        let q = sqlx::query(crate::bulk::sql_text(self.sql_owned(text)))
            .bind(new_version)
            .bind(&projection.status)
            .bind(&projection.next_deadline)
            .bind(&projection.assignee)
            .bind(at)
            .bind(case_id)
            .bind(expected)
            .bind(&projection.desk)
            .bind(&projection.complained);
        let updated = crate::Facts::bind(projection.facts.as_ref(), q)
            .fetch_optional(&mut **tx)
            .await?;
        let Some(updated) = updated else {
            let current: Option<(i64,)> =
                sqlx::query_as(self.sql("SELECT version FROM cases WHERE id = $1"))
                    .bind(case_id)
                    .fetch_optional(&mut **tx)
                    .await?;
            return Err(match current {
                None => StoreError::NotFound {
                    what: "case",
                    key: case_id.to_string(),
                },
                Some((current,)) => StoreError::Conflict {
                    case_id,
                    expected,
                    current,
                },
            });
        };
        let authority_id: i64 = updated.try_get(0)?;
        self.write_provisions(
            tx,
            &[(case_id, authority_id, projection.facts.as_ref())],
            true,
        )
        .await?;
        self.insert_events(tx, case_id, expected, events).await?;
        Ok(new_version)
    }

    async fn insert_events(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        case_id: i64,
        after: i64,
        events: &[NewEvent],
    ) -> Result<(), StoreError> {
        let insert = self.sql(
            "INSERT INTO case_events (case_id, version, kind, body, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        );
        for (n, e) in (1_i64..).zip(events) {
            sqlx::query(insert.clone())
                .bind(case_id)
                .bind(after.saturating_add(n))
                .bind(&e.kind)
                .bind(&e.body_json)
                .bind(&e.recorded_by)
                .bind(&e.recorded_at)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// A case with every event, oldest first.
    pub async fn case(&self, id: i64) -> Result<Option<CaseRecord>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let row = sqlx::query(self.sql(
            "SELECT id, authority_id, reference, desk, requester, version, status, \
             next_deadline, assignee, request, complained FROM cases WHERE id = $1",
        ))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let version: i64 = row.try_get(5)?;
        // An append may commit between the two reads; events up to the row's
        // version are the timeline that version describes, so the record is
        // consistent without holding a transaction open.
        let events = sqlx::query(self.sql(
            "SELECT version, kind, body, recorded_by, recorded_at FROM case_events \
             WHERE case_id = $1 AND version <= $2 ORDER BY version",
        ))
        .bind(id)
        .bind(version)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            Ok(StoredEvent {
                version: r.try_get(0)?,
                kind: r.try_get(1)?,
                body_json: r.try_get(2)?,
                recorded_by: r.try_get(3)?,
                recorded_at: r.try_get(4)?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        Ok(Some(CaseRecord {
            summary: summary(&row)?,
            request_json: row.try_get(9)?,
            events,
        }))
    }

    /// Cases by next deadline, soonest first, with optional filters.
    pub async fn queue(&self, q: &QueueQuery) -> Result<Vec<CaseSummary>, StoreError> {
        // Every form binds two dates, so the parameters are the same in all.
        const BETWEEN: [&str; 4] = queue_sql!("next_deadline BETWEEN $1 AND $2");
        const BEFORE: [&str; 4] = queue_sql!("next_deadline < $1 AND next_deadline < $2");
        let ([all, authority, assignee, desk], from, to) = match &q.due {
            Due::On(d) => (BETWEEN, d, d),
            Due::Between(from, to) => (BETWEEN, from, to),
            Due::Before(d) => (BEFORE, d, d),
        };
        // The authority leads when given (the most used form), then the
        // assignee (few cases each), then the desk.
        let text = match (q.authority_id, &q.assignee, &q.desk) {
            (Some(_), _, _) => authority,
            (None, Some(_), _) => assignee,
            (None, None, Some(_)) => desk,
            (None, None, None) => all,
        };
        let rows = sqlx::query(self.sql(text))
            .bind(from)
            .bind(to)
            .bind(q.authority_id)
            .bind(&q.desk)
            .bind(&q.assignee)
            .bind(q.limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(summary).collect::<Result<_, _>>()?)
    }
}
