//! Round robins: each request's print (normalised text, exact key, MinHash
//! signature) and its band rows, written with the case; round robins and the
//! log of who joined and left them; advice per part, each authority's sharing
//! setting and a coordinator's scope. Every table is only ever added to: a
//! case's latest link, a part's latest advice and an authority's latest
//! setting win. The engine decides what a print means and which cases are
//! the same request; this module only keeps and finds them.

use sqlx::Row;

use crate::bulk::sql_text;
use crate::{NewCase, NewUser, Store, StoreError};

mod lookup;

/// A case's request as the engine recognises it, written with the case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPrint {
    /// ISO date the request was received.
    pub received: String,
    pub normaliser_version: i64,
    pub exact_key: String,
    /// The normalised text and parts, as the engine's JSON.
    pub normalised: String,
    /// The MinHash signature, as the engine writes it.
    pub signature: String,
    /// (band, hash) rows for candidate look-ups.
    pub bands: Vec<(i64, i64)>,
    /// The round robin the case joins as it is written, if any.
    pub join: Option<Join>,
}

/// Where a new case joins, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Join {
    pub to: JoinTo,
    /// "batch", "detected", "external_reference" or "officer".
    pub source: String,
    pub actor: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JoinTo {
    /// An existing round robin.
    RoundRobin(i64),
    /// A stored case: its round robin, or a new one it founds.
    Case(i64),
    /// An earlier case of the same write (by index): its round robin, or a
    /// new one it founds.
    Item(usize),
}

/// A stored print, with the round robin its case is in now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredPrint {
    pub case_id: i64,
    pub authority_id: i64,
    pub received: String,
    pub normaliser_version: i64,
    pub exact_key: String,
    pub normalised: String,
    pub signature: String,
    pub round_robin: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredRoundRobin {
    pub id: i64,
    pub founder_case_id: i64,
    pub created_at: String,
    pub references: Vec<String>,
}

/// A case in a round robin now, with its authority and how it joined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub case_id: i64,
    pub authority_id: i64,
    pub source: String,
    pub joined_at: String,
}

/// One row of the membership log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkEvent {
    pub round_robin_id: i64,
    pub case_id: i64,
    /// "joined" or "left".
    pub action: String,
    pub source: String,
    pub actor: String,
    pub reason: Option<String>,
    pub at: String,
}

/// The latest advice on one part of a round robin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredAdvice {
    pub round_robin_id: i64,
    pub part: String,
    pub outcome: String,
    /// Provision ids joined by commas.
    pub provisions: String,
    pub note: Option<String>,
    pub advised_by: String,
    pub advised_at: String,
}

const PRINT_COLUMNS: &str = "p.case_id, p.authority_id, p.received, p.normaliser_version, \
     p.exact_key, p.normalised, p.signature, \
     (SELECT CASE WHEN l.action = 'joined' THEN l.round_robin_id END \
      FROM round_robin_links l WHERE l.case_id = p.case_id ORDER BY l.id DESC LIMIT 1)";

fn print(r: &sqlx::any::AnyRow) -> Result<StoredPrint, sqlx::Error> {
    print_from(r, 0)
}

/// A print from `PRINT_COLUMNS` starting at column `first`.
fn print_from(r: &sqlx::any::AnyRow, first: usize) -> Result<StoredPrint, sqlx::Error> {
    Ok(StoredPrint {
        case_id: r.try_get(first)?,
        authority_id: r.try_get(first + 1)?,
        received: r.try_get(first + 2)?,
        normaliser_version: r.try_get(first + 3)?,
        exact_key: r.try_get(first + 4)?,
        normalised: r.try_get(first + 5)?,
        signature: r.try_get(first + 6)?,
        round_robin: r.try_get(first + 7)?,
    })
}

/// Rows read per band value in a look-up.
const BAND_READ: usize = 200;
/// Band rows per statement (3 parameters each), well under SQLite's limit.
const BAND_ROWS: usize = 5_000;
const PRINT_WIDTH: usize = 7;
const LINK_WIDTH: usize = 7;
/// Link rows per statement (7 parameters each), under SQLite's limit.
const LINK_ROWS: usize = 4_000;

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

impl Store {
    /// Write the prints of newly written cases (`ids` matched to `cases`)
    /// and make their joins, inside the caller's transaction.
    pub(crate) async fn write_prints(
        &self,
        tx: &mut Tx<'_>,
        ids: &[i64],
        cases: &[NewCase],
    ) -> Result<(), StoreError> {
        let printed: Vec<(i64, &NewCase, &NewPrint)> = ids
            .iter()
            .zip(cases)
            .filter_map(|(id, c)| c.print.as_ref().map(|p| (*id, c, p)))
            .collect();
        for chunk in printed.chunks(1_000) {
            let text = format!(
                "INSERT INTO request_prints (case_id, authority_id, received, \
                 normaliser_version, exact_key, normalised, signature) VALUES {}",
                self.rows_of_params(chunk.len(), PRINT_WIDTH)
            );
            let mut q = sqlx::query(sql_text(text));
            for (id, c, p) in chunk {
                q = q
                    .bind(*id)
                    .bind(c.authority_id)
                    .bind(&p.received)
                    .bind(p.normaliser_version)
                    .bind(&p.exact_key)
                    .bind(&p.normalised)
                    .bind(&p.signature);
            }
            q.execute(&mut **tx).await?;
        }
        let bands: Vec<(i64, i64, i64)> = printed
            .iter()
            .flat_map(|(id, _, p)| p.bands.iter().map(move |(b, h)| (*b, *h, *id)))
            .collect();
        for chunk in bands.chunks(BAND_ROWS) {
            let text = format!(
                "INSERT INTO request_bands (band, hash, case_id) VALUES {}",
                self.rows_of_params(chunk.len(), 3)
            );
            let mut q = sqlx::query(sql_text(text));
            for (b, h, id) in chunk {
                q = q.bind(*b).bind(*h).bind(*id);
            }
            q.execute(&mut **tx).await?;
        }
        // Each case's round robin once joined, so later items can join it.
        let mut joined: Vec<Option<i64>> = vec![None; ids.len()];
        // A stored case's round robin, read (or founded) once per write.
        let mut of_case: std::collections::HashMap<i64, i64> = Default::default();
        // Links wait to be written many to a statement; a founding writes
        // those before it, so the log keeps the order of the cases.
        let mut links: Vec<LinkEvent> = Vec::new();
        for (i, (id, c)) in ids.iter().zip(cases).enumerate() {
            let Some(join) = c.print.as_ref().and_then(|p| p.join.as_ref()) else {
                continue;
            };
            let at = c.created_at.as_str();
            let rr = match join.to {
                JoinTo::RoundRobin(rr) => rr,
                JoinTo::Case(other) => match of_case.get(&other) {
                    Some(rr) => *rr,
                    None => {
                        let rr = match self.round_robin_of_in(tx, other).await? {
                            Some(rr) => rr,
                            None => {
                                self.insert_links(tx, &std::mem::take(&mut links)).await?;
                                self.found_in(tx, other, &join.source, &join.actor, at)
                                    .await?
                            }
                        };
                        of_case.insert(other, rr);
                        rr
                    }
                },
                JoinTo::Item(j) => {
                    let (Some(other), Some(slot)) = (ids.get(j), joined.get(j)) else {
                        continue;
                    };
                    match slot {
                        Some(rr) => *rr,
                        None => {
                            self.insert_links(tx, &std::mem::take(&mut links)).await?;
                            let rr = self
                                .found_in(tx, *other, &join.source, &join.actor, at)
                                .await?;
                            joined[j] = Some(rr);
                            rr
                        }
                    }
                }
            };
            links.push(LinkEvent {
                round_robin_id: rr,
                case_id: *id,
                action: "joined".into(),
                source: join.source.clone(),
                actor: join.actor.clone(),
                reason: None,
                at: at.to_owned(),
            });
            joined[i] = Some(rr);
        }
        self.insert_links(tx, &links).await?;
        Ok(())
    }

    /// Links in as few statements as the parameter limit allows, in order.
    async fn insert_links(&self, tx: &mut Tx<'_>, links: &[LinkEvent]) -> Result<(), StoreError> {
        if let [one] = links {
            return self.insert_link(tx, one).await;
        }
        for chunk in links.chunks(LINK_ROWS) {
            let text = format!(
                "INSERT INTO round_robin_links (round_robin_id, case_id, action, source, actor, \
                 reason, at) VALUES {}",
                self.rows_of_params(chunk.len(), LINK_WIDTH)
            );
            let mut q = sqlx::query(sql_text(text));
            for l in chunk {
                q = q
                    .bind(l.round_robin_id)
                    .bind(l.case_id)
                    .bind(&l.action)
                    .bind(&l.source)
                    .bind(&l.actor)
                    .bind(&l.reason)
                    .bind(&l.at);
            }
            q.execute(&mut **tx).await.map_err(|e| match e {
                sqlx::Error::Database(d) if d.is_foreign_key_violation() => {
                    let mut rrs: Vec<String> =
                        chunk.iter().map(|l| l.round_robin_id.to_string()).collect();
                    rrs.sort();
                    rrs.dedup();
                    StoreError::NotFound {
                        what: "round robin",
                        key: rrs.join(", "),
                    }
                }
                other => StoreError::Database(other),
            })?;
        }
        Ok(())
    }

    /// A new round robin founded by `case_id`, which joins it.
    async fn found_in(
        &self,
        tx: &mut Tx<'_>,
        case_id: i64,
        source: &str,
        actor: &str,
        at: &str,
    ) -> Result<i64, StoreError> {
        let (id,): (i64,) = sqlx::query_as(self.sql(
            "INSERT INTO round_robins (founder_case_id, created_by, created_at) \
             VALUES ($1, $2, $3) RETURNING id",
        ))
        .bind(case_id)
        .bind(actor)
        .bind(at)
        .fetch_one(&mut **tx)
        .await?;
        let link = LinkEvent {
            round_robin_id: id,
            case_id,
            action: "joined".into(),
            source: source.to_owned(),
            actor: actor.to_owned(),
            reason: None,
            at: at.to_owned(),
        };
        self.insert_link(tx, &link).await?;
        Ok(id)
    }

    async fn insert_link(&self, tx: &mut Tx<'_>, link: &LinkEvent) -> Result<(), StoreError> {
        sqlx::query(self.sql(
            "INSERT INTO round_robin_links (round_robin_id, case_id, action, source, actor, \
             reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        ))
        .bind(link.round_robin_id)
        .bind(link.case_id)
        .bind(&link.action)
        .bind(&link.source)
        .bind(&link.actor)
        .bind(&link.reason)
        .bind(&link.at)
        .execute(&mut **tx)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => StoreError::NotFound {
                what: "round robin or case",
                key: format!("{} / {}", link.round_robin_id, link.case_id),
            },
            other => StoreError::Database(other),
        })?;
        // The case's own row says whether it is in a round robin now, for
        // statistics (the latest link wins, as in the log).
        sqlx::query(self.sql(
            "UPDATE cases SET in_round_robin = CASE WHEN $2 = 'joined' THEN 1 ELSE 0 END \
             WHERE id = $1",
        ))
        .bind(link.case_id)
        .bind(&link.action)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    async fn round_robin_of_in(
        &self,
        tx: &mut Tx<'_>,
        case_id: i64,
    ) -> Result<Option<i64>, StoreError> {
        let row: Option<(String, i64)> = sqlx::query_as(self.sql(
            "SELECT action, round_robin_id FROM round_robin_links WHERE case_id = $1 \
             ORDER BY id DESC LIMIT 1",
        ))
        .bind(case_id)
        .fetch_optional(&mut **tx)
        .await?;
        Ok(row.and_then(|(action, rr)| (action == "joined").then_some(rr)))
    }

    /// The round robin a case is in now, if any.
    pub async fn round_robin_of(&self, case_id: i64) -> Result<Option<i64>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let rr = self.round_robin_of_in(&mut tx, case_id).await?;
        tx.commit().await?;
        Ok(rr)
    }

    /// Record a join or a leave (a row of the log; the latest per case wins).
    pub async fn add_link(&self, link: &LinkEvent) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        self.insert_link(&mut tx, link).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Join `case_id` to the round robin known by `reference`, founding one
    /// with that reference if none has it, in one transaction: the round
    /// robin joined.
    pub async fn link_by_reference(
        &self,
        case_id: i64,
        reference: &str,
        actor: &str,
        at: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let found: Option<(i64,)> = sqlx::query_as(
            self.sql("SELECT round_robin_id FROM round_robin_references WHERE reference = $1"),
        )
        .bind(reference)
        .fetch_optional(&mut *tx)
        .await?;
        let rr = match found {
            Some((rr,)) => {
                let link = LinkEvent {
                    round_robin_id: rr,
                    case_id,
                    action: "joined".into(),
                    source: "external_reference".into(),
                    actor: actor.to_owned(),
                    reason: None,
                    at: at.to_owned(),
                };
                self.insert_link(&mut tx, &link).await?;
                rr
            }
            None => {
                let rr = match self.round_robin_of_in(&mut tx, case_id).await? {
                    Some(rr) => rr,
                    None => {
                        self.found_in(&mut tx, case_id, "external_reference", actor, at)
                            .await?
                    }
                };
                sqlx::query(self.sql(
                    "INSERT INTO round_robin_references (round_robin_id, reference, added_by, \
                     added_at) VALUES ($1, $2, $3, $4)",
                ))
                .bind(rr)
                .bind(reference)
                .bind(actor)
                .bind(at)
                .execute(&mut *tx)
                .await?;
                rr
            }
        };
        tx.commit().await?;
        Ok(rr)
    }

    /// Join `case_id` to the round robin of `other` (founding one with it if
    /// it has none), in one transaction: the round robin joined.
    pub async fn link_with_case(
        &self,
        case_id: i64,
        other: i64,
        source: &str,
        actor: &str,
        at: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let rr = match self.round_robin_of_in(&mut tx, other).await? {
            Some(rr) => rr,
            None => self.found_in(&mut tx, other, source, actor, at).await?,
        };
        let link = LinkEvent {
            round_robin_id: rr,
            case_id,
            action: "joined".into(),
            source: source.to_owned(),
            actor: actor.to_owned(),
            reason: None,
            at: at.to_owned(),
        };
        self.insert_link(&mut tx, &link).await?;
        tx.commit().await?;
        Ok(rr)
    }

    /// A case's print, if it has one.
    pub async fn print_of(&self, case_id: i64) -> Result<Option<StoredPrint>, StoreError> {
        let text = format!("SELECT {PRINT_COLUMNS} FROM request_prints p WHERE p.case_id = $1");
        let row = sqlx::query(sql_text(self.sql_owned(text)))
            .bind(case_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(print).transpose()?)
    }

    /// The prints sharing the exact key or any of `bands`, most bands
    /// shared first, at most `limit` of each kind. A band value many
    /// requests share (common words) says little: at most `BAND_READ` rows
    /// of each are read, so a look-up costs the same however large the store.
    pub async fn candidates(
        &self,
        exact_key: &str,
        bands: &[(i64, i64)],
        limit: i64,
    ) -> Result<Vec<StoredPrint>, StoreError> {
        let mut out: Vec<StoredPrint> = Vec::new();
        let text = format!(
            "SELECT {PRINT_COLUMNS} FROM request_prints p WHERE p.exact_key = $1 \
             ORDER BY p.case_id LIMIT $2"
        );
        for row in sqlx::query(sql_text(self.sql_owned(text)))
            .bind(exact_key)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?
        {
            out.push(print(&row)?);
        }
        if bands.is_empty() {
            return Ok(out);
        }
        let mut rows = String::new();
        for i in 0..bands.len() {
            if i > 0 {
                rows.push_str(" UNION ALL ");
            }
            rows.push_str(&format!(
                "SELECT case_id FROM (SELECT case_id FROM request_bands \
                 WHERE band = ${} AND hash = ${} LIMIT {BAND_READ}) b{i}",
                2 * i + 2,
                2 * i + 3
            ));
        }
        let text = format!(
            "SELECT {PRINT_COLUMNS} FROM (SELECT case_id, COUNT(*) AS hits FROM ({rows}) r \
             GROUP BY case_id ORDER BY COUNT(*) DESC, case_id LIMIT $1) c \
             JOIN request_prints p ON p.case_id = c.case_id ORDER BY c.hits DESC, p.case_id"
        );
        let mut q = sqlx::query(sql_text(self.sql_owned(text))).bind(limit);
        for (b, h) in bands {
            q = q.bind(*b).bind(*h);
        }
        for row in q.fetch_all(&self.pool).await? {
            let p = print(&row)?;
            if !out.iter().any(|o| o.case_id == p.case_id) {
                out.push(p);
            }
        }
        Ok(out)
    }

    pub async fn round_robin(&self, id: i64) -> Result<Option<StoredRoundRobin>, StoreError> {
        let row: Option<(i64, i64, String)> = sqlx::query_as(
            self.sql("SELECT id, founder_case_id, created_at FROM round_robins WHERE id = $1"),
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let Some((id, founder_case_id, created_at)) = row else {
            return Ok(None);
        };
        let references: Vec<(String,)> = sqlx::query_as(self.sql(
            "SELECT reference FROM round_robin_references WHERE round_robin_id = $1 ORDER BY id",
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(Some(StoredRoundRobin {
            id,
            founder_case_id,
            created_at,
            references: references.into_iter().map(|(r,)| r).collect(),
        }))
    }

    /// The cases in a round robin now, in the order they joined.
    pub async fn round_robin_members(&self, id: i64) -> Result<Vec<Member>, StoreError> {
        let rows: Vec<(i64, i64, String, String)> = sqlx::query_as(self.sql(
            "SELECT l.case_id, c.authority_id, l.source, l.at FROM round_robin_links l \
             JOIN cases c ON c.id = l.case_id \
             WHERE l.round_robin_id = $1 AND l.action = 'joined' \
             AND l.id = (SELECT MAX(m.id) FROM round_robin_links m WHERE m.case_id = l.case_id) \
             ORDER BY l.id",
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(case_id, authority_id, source, joined_at)| Member {
                case_id,
                authority_id,
                source,
                joined_at,
            })
            .collect())
    }

    /// The cases in a round robin now, each with its events, in two
    /// queries whatever their number (the grid reads them all).
    pub async fn round_robin_cases(&self, id: i64) -> Result<Vec<crate::CaseRecord>, StoreError> {
        const MEMBERS: &str = "SELECT l.case_id FROM round_robin_links l \
             WHERE l.round_robin_id = $1 AND l.action = 'joined' \
             AND l.id = (SELECT MAX(m.id) FROM round_robin_links m WHERE m.case_id = l.case_id)";
        let mut conn = self.pool.acquire().await?;
        let rows = sqlx::query(sql_text(self.sql_owned(format!(
            "SELECT c.id, c.authority_id, c.reference, c.desk, c.requester, c.version, c.status, \
             c.next_deadline, c.assignee, c.request, c.complained FROM cases c \
             WHERE c.id IN ({MEMBERS}) ORDER BY c.id"
        ))))
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let events = sqlx::query(sql_text(self.sql_owned(format!(
            "SELECT e.case_id, e.version, e.kind, e.body, e.recorded_by, e.recorded_at \
             FROM case_events e WHERE e.case_id IN ({MEMBERS}) ORDER BY e.case_id, e.version"
        ))))
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let mut by_case: std::collections::HashMap<i64, Vec<crate::StoredEvent>> =
            std::collections::HashMap::new();
        for r in &events {
            by_case
                .entry(r.try_get(0)?)
                .or_default()
                .push(crate::StoredEvent {
                    version: r.try_get(1)?,
                    kind: r.try_get(2)?,
                    body_json: r.try_get(3)?,
                    recorded_by: r.try_get(4)?,
                    recorded_at: r.try_get(5)?,
                });
        }
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let summary = crate::cases::summary(row)?;
            // Events up to the row's version: an append may commit between the reads.
            let mut events = by_case.remove(&summary.id).unwrap_or_default();
            events.retain(|e| e.version <= summary.version);
            out.push(crate::CaseRecord {
                summary,
                request_json: row.try_get(9)?,
                events,
            });
        }
        Ok(out)
    }

    /// The membership log of a round robin, oldest first.
    pub async fn round_robin_log(&self, id: i64) -> Result<Vec<LinkEvent>, StoreError> {
        let rows = sqlx::query(self.sql(
            "SELECT round_robin_id, case_id, action, source, actor, reason, at \
             FROM round_robin_links WHERE round_robin_id = $1 ORDER BY id",
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(LinkEvent {
                    round_robin_id: r.try_get(0)?,
                    case_id: r.try_get(1)?,
                    action: r.try_get(2)?,
                    source: r.try_get(3)?,
                    actor: r.try_get(4)?,
                    reason: r.try_get(5)?,
                    at: r.try_get(6)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// The round robins with a member now whose authority's latest kind is
    /// `kind`, newest first.
    pub async fn round_robins_of_kind(&self, kind: &str) -> Result<Vec<i64>, StoreError> {
        let rows: Vec<(i64,)> = sqlx::query_as(self.sql(
            "SELECT DISTINCT l.round_robin_id FROM round_robin_links l \
             JOIN cases c ON c.id = l.case_id \
             JOIN authority_details d ON d.authority_id = c.authority_id \
             WHERE l.action = 'joined' AND d.kind = $1 \
             AND l.id = (SELECT MAX(m.id) FROM round_robin_links m WHERE m.case_id = l.case_id) \
             AND d.id = (SELECT MAX(e.id) FROM authority_details e \
                         WHERE e.authority_id = d.authority_id) \
             ORDER BY l.round_robin_id DESC",
        ))
        .bind(kind)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    pub async fn add_advice(&self, advice: &StoredAdvice) -> Result<(), StoreError> {
        sqlx::query(self.sql(
            "INSERT INTO round_robin_advice (round_robin_id, part, outcome, provisions, note, \
             advised_by, advised_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        ))
        .bind(advice.round_robin_id)
        .bind(&advice.part)
        .bind(&advice.outcome)
        .bind(&advice.provisions)
        .bind(&advice.note)
        .bind(&advice.advised_by)
        .bind(&advice.advised_at)
        .execute(&self.pool)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => StoreError::NotFound {
                what: "round robin",
                key: advice.round_robin_id.to_string(),
            },
            other => StoreError::Database(other),
        })?;
        Ok(())
    }

    /// The latest advice on each part of a round robin, by part.
    pub async fn advice(&self, round_robin_id: i64) -> Result<Vec<StoredAdvice>, StoreError> {
        let rows = sqlx::query(self.sql(
            "SELECT a.round_robin_id, a.part, a.outcome, a.provisions, a.note, a.advised_by, \
             a.advised_at FROM round_robin_advice a WHERE a.round_robin_id = $1 \
             AND a.id = (SELECT MAX(b.id) FROM round_robin_advice b \
                         WHERE b.round_robin_id = a.round_robin_id AND b.part = a.part) \
             ORDER BY a.part",
        ))
        .bind(round_robin_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(StoredAdvice {
                    round_robin_id: r.try_get(0)?,
                    part: r.try_get(1)?,
                    outcome: r.try_get(2)?,
                    provisions: r.try_get(3)?,
                    note: r.try_get(4)?,
                    advised_by: r.try_get(5)?,
                    advised_at: r.try_get(6)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// Set whether an authority shares its answers with round robins.
    pub async fn set_sharing(
        &self,
        authority_id: i64,
        shares: bool,
        by: &str,
        at: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(self.sql(
            "INSERT INTO sharing_settings (authority_id, shares, set_by, set_at) \
             VALUES ($1, $2, $3, $4)",
        ))
        .bind(authority_id)
        .bind(i64::from(shares))
        .bind(by)
        .bind(at)
        .execute(&self.pool)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => StoreError::NotFound {
                what: "authority",
                key: authority_id.to_string(),
            },
            other => StoreError::Database(other),
        })?;
        Ok(())
    }

    /// Each authority's latest sharing setting, for those ever set.
    pub async fn sharing(&self) -> Result<Vec<(i64, bool)>, StoreError> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT s.authority_id, s.shares FROM sharing_settings s \
             WHERE s.id = (SELECT MAX(t.id) FROM sharing_settings t \
                           WHERE t.authority_id = s.authority_id) ORDER BY s.authority_id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(a, s)| (a, s != 0)).collect())
    }

    /// A coordinator's account and the kind of authority it coordinates,
    /// in one transaction; its email must be unused.
    pub async fn add_coordinator(
        &self,
        new: &NewUser,
        kind: &str,
        by: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let Some(id) = self.insert_user(&mut *tx, new).await? else {
            tx.rollback().await?;
            return Err(StoreError::Duplicate {
                what: "account",
                key: new.email.clone(),
            });
        };
        sqlx::query(self.sql(
            "INSERT INTO coordinator_scopes (user_id, kind, set_by, set_at) \
             VALUES ($1, $2, $3, $4)",
        ))
        .bind(id)
        .bind(kind)
        .bind(by)
        .bind(&new.created_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The kind of authority a coordinator coordinates.
    pub async fn coordinator_kind(&self, user_id: i64) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> =
            sqlx::query_as(self.sql("SELECT kind FROM coordinator_scopes WHERE user_id = $1"))
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(k,)| k))
    }

    /// `sql` for text built at run time from static pieces and numbered
    /// placeholders only.
    pub(crate) fn sql_owned(&self, text: String) -> String {
        match self.backend {
            crate::Backend::Postgres => text,
            crate::Backend::Sqlite => text.replace('$', "?"),
        }
    }
}
