//! The grid: each member authority's latest answer to each part of the
//! round robin's request, as the viewer may see it. An authority sees its
//! own row in full, others' only if they share (a disclosure is published,
//! so it always shows); the Commissioner's caseworkers and administrators
//! see all. Nothing about the requester is read or shown.

use std::collections::HashMap;

use foidesk_calendar::Date;
use foidesk_case::file::CaseFile;
use foidesk_case::{validate, Case, EventKind, Outcome};
use foidesk_likeness::{Likeness, Names, Normalised};
use foidesk_store::{CaseSummary, Store, StoredRoundRobin};

use super::types::{CellResult, GridCell, GridPart, GridRow, PartAdvice, RoundRobinGrid, Stance};
use crate::access::Access;
use crate::{AuthorityKind, Engine, EngineError, Register, Role, User};

/// One member's answer to one of its parts.
#[derive(Clone, Debug)]
pub(crate) struct Answer {
    pub outcome: Outcome,
    pub provisions: Vec<String>,
    pub date: Date,
}

/// A member of a round robin, read for the grid and the warnings.
pub(crate) struct MemberCase {
    pub summary: CaseSummary,
    pub authority: String,
    pub authority_slug: String,
    pub regime: String,
    pub shares: bool,
    /// For each round-robin part, the member's part that asks it, if any.
    pub part_of: Vec<Option<String>>,
    /// The latest response's answer, by the member's part id.
    pub answers: HashMap<String, Answer>,
    pub decision_notice: Option<String>,
    pub appeal: Option<String>,
}

/// A round robin read whole.
pub(crate) struct Loaded {
    pub stored: StoredRoundRobin,
    pub parts: Vec<GridPart>,
    pub members: Vec<MemberCase>,
}

/// How much of a row the viewer sees.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sight {
    Full,
    /// Only what is published: disclosures.
    Published,
}

/// Who is looking: a user, or the system itself (sees everything).
pub(crate) fn sight(viewer: Option<&User>, m: &MemberCase) -> Sight {
    let Some(user) = viewer else {
        return Sight::Full;
    };
    let own = match user.role {
        Role::Administrator | Role::Caseworker => true,
        Role::Officer => user.authority_id == Some(m.summary.authority_id),
        Role::Requester => m.summary.requester.as_deref() == Some(user.email.as_str()),
        Role::Coordinator => false,
    };
    let shares = m.shares && user.role != Role::Requester;
    if own || shares {
        Sight::Full
    } else {
        Sight::Published
    }
}

/// Whether a shown answer is published to the world anyway.
fn published(o: Outcome) -> bool {
    matches!(o, Outcome::Disclosed | Outcome::PartDisclosed)
}

impl MemberCase {
    /// The answer to round-robin part `i` as `sight` lets it be seen: the
    /// answer, or the result to show instead.
    pub(crate) fn answer(&self, i: usize, sight: Sight) -> Result<&Answer, CellResult> {
        let Some(Some(part)) = self.part_of.get(i) else {
            return Err(CellResult::NotAsked);
        };
        match self.answers.get(part) {
            None => Err(CellResult::Pending),
            Some(a) if sight == Sight::Full || published(a.outcome) => Ok(a),
            Some(_) => Err(CellResult::NotShared),
        }
    }
}

impl Engine {
    /// The round robin `id` with each member's case read.
    pub(crate) async fn load_round_robin(
        &self,
        store: &Store,
        id: i64,
    ) -> Result<Option<Loaded>, EngineError> {
        let Some(stored) = store.round_robin(id).await? else {
            return Ok(None);
        };
        let register = self.register(store).await?;
        let names = names_of(&register);
        let sharing: HashMap<i64, bool> = store.sharing().await?.into_iter().collect();
        let founder = match store.case(stored.founder_case_id).await? {
            Some(r) => self.file_of(r)?.0,
            None => return Ok(None),
        };
        let parts: Vec<GridPart> = founder
            .request
            .parts
            .iter()
            .map(|p| GridPart {
                id: p.id.clone(),
                text: p.text.clone(),
            })
            .collect();
        let columns: Vec<Normalised> = parts
            .iter()
            .map(|p| foidesk_likeness::normalise(&p.text, &names))
            .collect();
        let mut members = Vec::new();
        for record in store.round_robin_cases(id).await? {
            let summary = record.summary.clone();
            let (file, case) = self.file_of(record)?;
            let entry = register
                .entries
                .iter()
                .find(|e| e.authority.id == summary.authority_id);
            let kind = entry.map(|e| e.kind).unwrap_or(AuthorityKind::Other);
            members.push(MemberCase {
                authority: entry
                    .map(|e| e.authority.name.clone())
                    .unwrap_or_else(|| file.request.authority.clone()),
                authority_slug: entry.map(|e| e.authority.slug.clone()).unwrap_or_default(),
                regime: crate::regime_name(case.request.regime).to_owned(),
                shares: sharing
                    .get(&summary.authority_id)
                    .copied()
                    .unwrap_or(kind == AuthorityKind::Police),
                part_of: part_map(&file, &columns, &names),
                answers: answers_of(&case),
                decision_notice: decision_notice(&case),
                appeal: appeal(&case),
                summary,
            });
        }
        members.sort_by_key(|a| a.authority.to_lowercase());
        Ok(Some(Loaded {
            stored,
            parts,
            members,
        }))
    }

    /// The grid of round robin `id` as `viewer` may see it.
    pub(crate) async fn grid(
        &self,
        store: &Store,
        viewer: Option<&User>,
        id: i64,
    ) -> Result<Option<RoundRobinGrid>, EngineError> {
        let Some(loaded) = self.load_round_robin(store, id).await? else {
            return Ok(None);
        };
        let advice = store
            .advice(id)
            .await?
            .into_iter()
            .filter_map(|a| {
                Some(PartAdvice {
                    part: a.part,
                    outcome: Outcome::from_name(&a.outcome)?,
                    provisions: split_provisions(&a.provisions),
                    note: a.note,
                    date: a.advised_at.get(..10).and_then(|d| d.parse().ok()),
                })
            })
            .collect();
        let rows = loaded
            .members
            .iter()
            .map(|m| {
                let sight = sight(viewer, m);
                let may_open = viewer.is_none_or(|u| u.access_to(&m.summary) != Access::Hidden);
                let cells = loaded
                    .parts
                    .iter()
                    .enumerate()
                    .map(|(i, part)| cell(m, i, &part.id, sight))
                    .collect();
                GridRow {
                    authority: m.authority.clone(),
                    authority_slug: m.authority_slug.clone(),
                    regime: m.regime.clone(),
                    own: viewer.is_some_and(|u| {
                        u.role == Role::Officer && u.authority_id == Some(m.summary.authority_id)
                    }),
                    shared: m.shares,
                    case_id: may_open.then_some(m.summary.id),
                    cells,
                }
            })
            .collect();
        Ok(Some(RoundRobinGrid {
            id,
            references: loaded.stored.references.clone(),
            parts: loaded.parts,
            rows,
            advice,
        }))
    }

    /// A stored case's file (request and events) and validated model,
    /// without assessing it.
    pub(crate) fn file_of(
        &self,
        record: foidesk_store::CaseRecord,
    ) -> Result<(CaseFile, Case), EngineError> {
        let id = record.summary.id;
        let corrupt = |message: String| EngineError::CorruptRecord { id, message };
        let mut file: CaseFile =
            serde_json::from_str(&record.request_json).map_err(|e| corrupt(e.to_string()))?;
        for e in &record.events {
            file.events.push(
                serde_json::from_str(&e.body_json)
                    .map_err(|err| corrupt(format!("event {}: {err}", e.version)))?,
            );
        }
        let case = validate(&file, self.law())?;
        Ok((file, case))
    }
}

fn cell(m: &MemberCase, i: usize, part: &str, sight: Sight) -> GridCell {
    let (stance, result, provisions, date) = match m.answer(i, sight) {
        Ok(a) => (
            Stance::of(a.outcome),
            CellResult::of(a.outcome),
            a.provisions.clone(),
            Some(a.date),
        ),
        Err(result) => (None, result, Vec::new(), None),
    };
    let full = sight == Sight::Full;
    GridCell {
        part: part.to_owned(),
        stance,
        result,
        provisions,
        date,
        decision_notice: m.decision_notice.clone().filter(|_| full),
        appeal: m.appeal.clone().filter(|_| full),
    }
}

pub(crate) fn names_of(register: &Register) -> Names {
    Names::new(
        register.entries.iter().flat_map(|e| {
            std::iter::once(e.authority.name.clone()).chain(e.aliases.iter().cloned())
        }),
    )
}

pub(crate) fn split_provisions(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// For each column, the member's part that asks it: the most alike part
/// that is not unrelated, each part used once; failing that, the part in
/// the same place.
fn part_map(file: &CaseFile, columns: &[Normalised], names: &Names) -> Vec<Option<String>> {
    let own: Vec<(String, Normalised)> = file
        .request
        .parts
        .iter()
        .map(|p| (p.id.clone(), foidesk_likeness::normalise(&p.text, names)))
        .collect();
    // The same request word for word: each part is its column.
    if own.len() == columns.len() && own.iter().zip(columns).all(|((_, n), c)| n.text == c.text) {
        return own.into_iter().map(|(id, _)| Some(id)).collect();
    }
    let mut used = vec![false; own.len()];
    let mut out = vec![None; columns.len()];
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (c, column) in columns.iter().enumerate() {
        for (j, (_, n)) in own.iter().enumerate() {
            let similarity = if n.text == column.text {
                1.0
            } else {
                let cmp = foidesk_likeness::compare(n, column);
                if cmp.likeness == Likeness::Unrelated {
                    continue;
                }
                cmp.similarity
            };
            pairs.push((similarity, c, j));
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, c, j) in pairs {
        if out[c].is_none() && !used[j] {
            out[c] = Some(own[j].0.clone());
            used[j] = true;
        }
    }
    if out.iter().all(Option::is_none) && own.len() == columns.len() {
        return own.into_iter().map(|(id, _)| Some(id)).collect();
    }
    out
}

/// The latest response's answer to each part.
pub(crate) fn answers_of(case: &Case) -> HashMap<String, Answer> {
    let mut out = HashMap::new();
    for e in &case.events {
        if let EventKind::Response(r) = &e.kind {
            out.clear();
            for o in &r.outcomes {
                out.insert(
                    o.part.clone(),
                    Answer {
                        outcome: o.outcome,
                        provisions: o.provisions.iter().map(ToString::to_string).collect(),
                        date: e.date,
                    },
                );
            }
        }
    }
    out
}

fn decision_notice(case: &Case) -> Option<String> {
    case.events.iter().rev().find_map(|e| match &e.kind {
        EventKind::DecisionNotice(d) => {
            Some(d.reference.clone().unwrap_or_else(|| "issued".into()))
        }
        _ => None,
    })
}

fn appeal(case: &Case) -> Option<String> {
    case.events.iter().rev().find_map(|e| match &e.kind {
        EventKind::Appeal {
            tribunal_reference, ..
        } => Some(
            tribunal_reference
                .clone()
                .unwrap_or_else(|| "appealed".into()),
        ),
        _ => None,
    })
}
