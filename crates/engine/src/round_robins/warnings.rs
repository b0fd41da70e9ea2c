//! Consistency checks on a planned response, part by part, against the
//! round robin's other answers, this authority's own answers to the same
//! or a variant request in the last two years, and the coordinator's
//! advice. A warning advises: the officer may go on with a reason.

use foidesk_case::{Outcome, PartOutcome};
use foidesk_likeness::{Likeness, Normalised};
use foidesk_store::{CaseSummary, Store};

use super::grid::{sight, split_provisions, Answer, MemberCase};
use super::print::{fingerprint, found, request_text};
use super::types::{ConsistencyWarning, Stance, WarningPattern, WarningPeer};
use crate::access::Access;
use crate::{Engine, EngineError, User};

/// What a coordinator advises for one part of a round robin.
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    pub part: String,
    pub outcome: Outcome,
    pub provisions: Vec<String>,
    pub note: Option<String>,
}

/// How far back the authority's own answers count (days).
const OWN_DAYS: i64 = 2 * 365 + 1;

/// An earlier answer to the same part, by a peer or by this authority.
struct Earlier {
    peer: WarningPeer,
    outcome: Outcome,
}

impl Engine {
    /// The warnings on `planned` for case `summary`, with what `viewer` may
    /// see of the others' answers (the system sees all).
    pub(crate) async fn warnings_for(
        &self,
        store: &Store,
        viewer: Option<&User>,
        summary: &CaseSummary,
        planned: &[PartOutcome],
    ) -> Result<Vec<ConsistencyWarning>, EngineError> {
        if planned.is_empty() {
            return Ok(Vec::new());
        }
        let record = store
            .case(summary.id)
            .await?
            .ok_or_else(|| not_found(summary.id))?;
        let (file, _) = self.file_of(record)?;
        let names = self.names(store).await?;
        // Each planned part's earlier answers: peers first, then our own.
        let mut earlier: Vec<Vec<Earlier>> = planned.iter().map(|_| Vec::new()).collect();
        let mut advice: Vec<Option<super::types::PartAdvice>> = vec![None; planned.len()];
        let own_parts = normalised_parts(&file, &names);
        if let Some(rr) = store.round_robin_of(summary.id).await? {
            if let Some(loaded) = self.load_round_robin(store, rr).await? {
                let me = loaded.members.iter().find(|m| m.summary.id == summary.id);
                let stored_advice = store.advice(rr).await?;
                for (k, p) in planned.iter().enumerate() {
                    // The round robin's column this part answers.
                    let Some(column) = me
                        .and_then(|m| m.part_of.iter().position(|o| o.as_deref() == Some(&p.part)))
                    else {
                        continue;
                    };
                    for m in loaded.members.iter().filter(|m| m.summary.id != summary.id) {
                        if let Ok(a) = m.answer(column, sight(viewer, m)) {
                            earlier[k].push(earlier_of(viewer, m, a));
                        }
                    }
                    let column_id = &loaded.parts[column].id;
                    advice[k] = stored_advice
                        .iter()
                        .find(|a| &a.part == column_id)
                        .and_then(|a| {
                            Some(super::types::PartAdvice {
                                part: a.part.clone(),
                                outcome: Outcome::from_name(&a.outcome)?,
                                provisions: split_provisions(&a.provisions),
                                note: a.note.clone(),
                                date: a.advised_at.get(..10).and_then(|d| d.parse().ok()),
                            })
                        });
                }
            }
        }
        self.own_answers(
            store,
            viewer,
            summary,
            &file,
            &own_parts,
            planned,
            &mut earlier,
        )
        .await?;
        let mut out = Vec::new();
        for (k, p) in planned.iter().enumerate() {
            out.extend(warnings_on(p, &earlier[k], advice[k].as_ref()));
        }
        Ok(out)
    }

    /// Add this authority's own latest answers to the same or a variant
    /// request received in the two years before this one.
    #[allow(clippy::too_many_arguments)]
    async fn own_answers(
        &self,
        store: &Store,
        viewer: Option<&User>,
        summary: &CaseSummary,
        file: &foidesk_case::file::CaseFile,
        own_parts: &[(String, Normalised)],
        planned: &[PartOutcome],
        earlier: &mut [Vec<Earlier>],
    ) -> Result<(), EngineError> {
        let names = self.names(store).await?;
        let print = fingerprint(&request_text(file), &names);
        let received: Option<foidesk_calendar::Date> = file.request.received.parse().ok();
        let since = received.and_then(|r| r.checked_add_days(-OWN_DAYS).ok());
        let rr = store.round_robin_of(summary.id).await?;
        for f in found(store, &print, Some(summary.id), false).await? {
            if f.print.authority_id != summary.authority_id
                || !matches!(f.likeness, Likeness::Same | Likeness::Variant)
                || (rr.is_some() && f.print.round_robin == rr)
            {
                continue;
            }
            let when: Option<foidesk_calendar::Date> = f.print.received.parse().ok();
            if let (Some(when), Some(since), Some(received)) = (when, since, received) {
                if when < since || when > received {
                    continue;
                }
            }
            let Some(record) = store.case(f.print.case_id).await? else {
                continue;
            };
            let other_summary = record.summary.clone();
            let (other_file, other_case) = self.file_of(record)?;
            let answers = super::grid::answers_of(&other_case);
            let theirs = normalised_parts(&other_file, &names);
            for (k, p) in planned.iter().enumerate() {
                let Some((_, mine)) = own_parts.iter().find(|(id, _)| id == &p.part) else {
                    continue;
                };
                let Some(part) = best_part(mine, &theirs) else {
                    continue;
                };
                if let Some(a) = answers.get(&part) {
                    let may_open =
                        viewer.is_none_or(|u| u.access_to(&other_summary) != Access::Hidden);
                    earlier[k].push(Earlier {
                        peer: WarningPeer {
                            authority: format!(
                                "{} (your own answer)",
                                other_file.request.authority
                            ),
                            case_id: may_open.then_some(other_summary.id),
                            outcome: a.outcome,
                            provisions: a.provisions.clone(),
                            date: Some(a.date),
                        },
                        outcome: a.outcome,
                    });
                }
            }
        }
        Ok(())
    }
}

fn not_found(id: i64) -> EngineError {
    EngineError::NotFound {
        what: "case",
        key: id.to_string(),
    }
}

fn earlier_of(viewer: Option<&User>, m: &MemberCase, a: &Answer) -> Earlier {
    let may_open = viewer.is_none_or(|u| u.access_to(&m.summary) != Access::Hidden);
    Earlier {
        peer: WarningPeer {
            authority: m.authority.clone(),
            case_id: may_open.then_some(m.summary.id),
            outcome: a.outcome,
            provisions: a.provisions.clone(),
            date: Some(a.date),
        },
        outcome: a.outcome,
    }
}

fn normalised_parts(
    file: &foidesk_case::file::CaseFile,
    names: &foidesk_likeness::Names,
) -> Vec<(String, Normalised)> {
    file.request
        .parts
        .iter()
        .map(|p| (p.id.clone(), foidesk_likeness::normalise(&p.text, names)))
        .collect()
}

/// The part of `theirs` most like `mine`, unless all are unrelated.
fn best_part(mine: &Normalised, theirs: &[(String, Normalised)]) -> Option<String> {
    theirs
        .iter()
        .filter_map(|(id, n)| {
            if n.text == mine.text {
                return Some((1.0, id));
            }
            let cmp = foidesk_likeness::compare(mine, n);
            (cmp.likeness != Likeness::Unrelated).then_some((cmp.similarity, id))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id.clone())
}

/// Whether an answer confirms or denies holding the information.
fn confirms_or_denies(o: Outcome) -> bool {
    matches!(Stance::of(o), Some(Stance::ConfirmedHeld | Stance::NotHeld))
}

/// The warnings on one planned part, given the earlier answers to it.
fn warnings_on(
    planned: &PartOutcome,
    earlier: &[Earlier],
    advice: Option<&super::types::PartAdvice>,
) -> Vec<ConsistencyWarning> {
    let mut out = Vec::new();
    let part = &planned.part;
    let o = planned.outcome;
    let peers = |keep: &dyn Fn(Outcome) -> bool| -> Vec<WarningPeer> {
        earlier
            .iter()
            .filter(|e| keep(e.outcome))
            .map(|e| e.peer.clone())
            .collect()
    };
    let ncnd = |x: Outcome| x == Outcome::Ncnd;
    let mut warn = |pattern: WarningPattern, peers: Vec<WarningPeer>, message: String| {
        if !peers.is_empty() {
            out.push(ConsistencyWarning {
                part: part.clone(),
                pattern,
                message,
                peers,
            });
        }
    };
    if o == Outcome::Ncnd {
        let p = peers(&confirms_or_denies);
        let n = p.len();
        warn(
            WarningPattern::NcndAfterConfirmOrDeny,
            p,
            format!(
                "Part {part}: you plan to neither confirm nor deny, but {} already confirmed \
                 or denied holding this information. Neither confirming nor denying now may \
                 not protect anything.",
                answers_count(n)
            ),
        );
    }
    if o == Outcome::NotHeld {
        let p = peers(&ncnd);
        let n = p.len();
        warn(
            WarningPattern::NotHeldWherePeersNcnd,
            p,
            format!(
                "Part {part}: you plan to say the information is not held, but {} neither \
                 confirmed nor denied. Saying it is not held can itself reveal something.",
                answers_count(n)
            ),
        );
    }
    if matches!(o, Outcome::Disclosed | Outcome::PartDisclosed) {
        let p = peers(&ncnd);
        let n = p.len();
        warn(
            WarningPattern::DisclosureWherePeersNcnd,
            p,
            format!(
                "Part {part}: you plan to disclose, but {} neither confirmed nor denied \
                 holding this information.",
                answers_count(n)
            ),
        );
    }
    if let Some(a) = advice {
        let differs = match (Stance::of(a.outcome), Stance::of(o)) {
            (Some(x), Some(y)) => x != y,
            _ => a.outcome != o,
        };
        if differs {
            let peer = WarningPeer {
                authority: "The coordinator's advice".into(),
                case_id: None,
                outcome: a.outcome,
                provisions: a.provisions.clone(),
                date: a.date,
            };
            warn(
                WarningPattern::DiffersFromAdvice,
                vec![peer],
                format!(
                    "Part {part}: you plan to answer \"{}\", but the advice for this round \
                     robin is \"{}\".",
                    o.label(),
                    a.outcome.label()
                ),
            );
        }
    }
    out
}

fn answers_count(n: usize) -> String {
    match n {
        1 => "one earlier answer".to_owned(),
        n => format!("{n} earlier answers"),
    }
}
