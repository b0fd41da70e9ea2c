//! Recognising the same request across authorities: a case's print (its
//! request's parts, normalised with the register's names), and which stored
//! requests it is the same as, a variant of or related to. Only the parts'
//! words and the register go in: nothing about the requester.

use foidesk_case::file::CaseFile;
use foidesk_likeness::{Likeness, Names, Normalised};
use foidesk_store::{Join, JoinTo, NewPrint, Store, StoredPrint};
use serde::{Deserialize, Serialize};

use super::lookup::Lookups;
use crate::{Engine, EngineError};

/// Candidates verified per look-up (most bands shared first).
pub(crate) const CANDIDATES: i64 = 60;

/// The request's words a print is made from: its parts, one a paragraph.
pub(crate) fn request_text(file: &CaseFile) -> String {
    file.request
        .parts
        .iter()
        .map(|p| p.text.trim())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A request's print before it is stored.
pub(crate) struct Fingerprint {
    pub normalised: Normalised,
    pub exact_key: String,
    pub signature: String,
    /// Bands for "same" and "variant" candidates.
    pub bands: Vec<(i64, i64)>,
    /// Coarser bands for "related" ones (same topic).
    pub related: Vec<(i64, i64)>,
}

#[derive(Serialize, Deserialize)]
struct StoredText {
    text: String,
    parts: Vec<String>,
}

pub(crate) fn fingerprint(text: &str, names: &Names) -> Fingerprint {
    let normalised = foidesk_likeness::normalise(text, names);
    let exact_key = foidesk_likeness::exact_key(&normalised);
    let sig = foidesk_likeness::signature(&normalised);
    let wide = |v: Vec<(u16, i64)>| v.into_iter().map(|(b, h)| (i64::from(b), h)).collect();
    let bands = wide(foidesk_likeness::bands(&sig));
    let related = wide(foidesk_likeness::related_bands(&sig));
    let signature = sig
        .0
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    Fingerprint {
        normalised,
        exact_key,
        signature,
        bands,
        related,
    }
}

/// The normalised text a stored print holds.
pub(crate) fn stored_normalised(p: &StoredPrint) -> Normalised {
    match serde_json::from_str::<StoredText>(&p.normalised) {
        Ok(t) => Normalised {
            text: t.text,
            parts: t.parts,
        },
        Err(_) => Normalised {
            text: String::new(),
            parts: Vec::new(),
        },
    }
}

impl Fingerprint {
    pub(crate) fn new_print(&self, received: &str, join: Option<Join>) -> NewPrint {
        let text = StoredText {
            text: self.normalised.text.clone(),
            parts: self.normalised.parts.clone(),
        };
        NewPrint {
            received: received.to_owned(),
            normaliser_version: i64::from(foidesk_likeness::NORMALISER_VERSION),
            exact_key: self.exact_key.clone(),
            normalised: serde_json::to_string(&text).unwrap_or_default(),
            signature: self.signature.clone(),
            bands: self.bands.iter().chain(&self.related).copied().collect(),
            join,
        }
    }
}

/// A stored request found like this one, verified.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub print: StoredPrint,
    pub likeness: Likeness,
    pub similarity: f64,
}

/// The stored requests like `print`, verified by exact comparison: same,
/// variant or related (never unrelated), most alike first. Only with
/// `related` are the coarse bands looked up (listing related requests);
/// linking and the warnings need only the same and variants.
pub(crate) async fn found(
    store: &Store,
    print: &Fingerprint,
    except_case: Option<i64>,
    related: bool,
) -> Result<Vec<Found>, EngineError> {
    // A request with no words left (only a salutation) is like nothing.
    if print.normalised.is_empty() {
        return Ok(Vec::new());
    }
    let bands: Vec<(i64, i64)> = if related {
        print.bands.iter().chain(&print.related).copied().collect()
    } else {
        print.bands.clone()
    };
    let candidates = store
        .candidates(&print.exact_key, &bands, CANDIDATES)
        .await?;
    Ok(verified(print, candidates, except_case))
}

/// `candidates` of `print` compared with it: those not unrelated, most
/// alike first (a stored print with its exact key is the same request).
pub(crate) fn verified(
    print: &Fingerprint,
    candidates: Vec<StoredPrint>,
    except_case: Option<i64>,
) -> Vec<Found> {
    let mut out: Vec<Found> = candidates
        .into_iter()
        .filter(|c| Some(c.case_id) != except_case)
        .filter_map(|c| {
            let same_key = c.exact_key == print.exact_key
                && c.normaliser_version == i64::from(foidesk_likeness::NORMALISER_VERSION);
            let (likeness, similarity) = if same_key {
                (Likeness::Same, 1.0)
            } else {
                let cmp = foidesk_likeness::compare(&print.normalised, &stored_normalised(&c));
                (cmp.likeness, cmp.similarity)
            };
            (likeness != Likeness::Unrelated).then_some(Found {
                print: c,
                likeness,
                similarity,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        rank(a.likeness)
            .cmp(&rank(b.likeness))
            .then(b.similarity.total_cmp(&a.similarity))
            .then(a.print.case_id.cmp(&b.print.case_id))
    });
    out
}

fn rank(l: Likeness) -> u8 {
    match l {
        Likeness::Same => 0,
        Likeness::Variant => 1,
        Likeness::Related => 2,
        Likeness::Unrelated => 3,
    }
}

/// Where a new request of `authority_id` joins: the round robin of the
/// most alike "same" request of another authority, or a new one with it.
pub(crate) fn join_for(found: &[Found], authority_id: i64, actor: &str) -> Option<Join> {
    let same = found
        .iter()
        .filter(|f| f.likeness == Likeness::Same && f.print.authority_id != authority_id);
    let mut first = None;
    for f in same {
        if let Some(rr) = f.print.round_robin {
            return Some(join(JoinTo::RoundRobin(rr), "detected", actor));
        }
        first.get_or_insert(f.print.case_id);
    }
    first.map(|case| join(JoinTo::Case(case), "detected", actor))
}

pub(crate) fn join(to: JoinTo, source: &str, actor: &str) -> Join {
    Join {
        to,
        source: source.to_owned(),
        actor: actor.to_owned(),
    }
}

impl Engine {
    /// The register's names and aliases, for the normaliser.
    pub(crate) async fn names(&self, store: &Store) -> Result<Names, EngineError> {
        Ok(super::grid::names_of(&self.register(store).await?))
    }

    /// Print each new case and say where it joins: a batch's cases join the
    /// first's round robin (founding one with it) and the first joins a
    /// stored request that is the same; otherwise each joins the same
    /// request stored, or an earlier one of this write with its exact key.
    /// A write of many cases is looked up all at once (`Lookups`).
    pub(crate) async fn print_cases(
        &self,
        store: &Store,
        cases: &mut [foidesk_store::NewCase],
        files: &[&CaseFile],
        batch: bool,
        actor: &str,
    ) -> Result<(), EngineError> {
        let names = self.names(store).await?;
        let prints: Vec<Fingerprint> = files
            .iter()
            .map(|f| fingerprint(&request_text(f), &names))
            .collect();
        let lookups = if cases.len() > 1 {
            let wanted: Vec<(usize, i64)> = cases
                .iter()
                .enumerate()
                .take(if batch { 1 } else { cases.len() })
                .map(|(i, c)| (i, c.authority_id))
                .collect();
            Some(Lookups::new(store, &prints, &wanted).await?)
        } else {
            None
        };
        // An earlier case of this write, by exact key, and its authority.
        let mut keys: std::collections::HashMap<String, (usize, i64)> = Default::default();
        for (i, ((case, file), print)) in cases.iter_mut().zip(files).zip(&prints).enumerate() {
            let join = if batch && i > 0 {
                Some(join(JoinTo::Item(0), "batch", actor))
            } else {
                let alone;
                let found = match &lookups {
                    Some(l) => l.found(print),
                    None => {
                        alone = found(store, print, None, false).await?;
                        alone.as_slice()
                    }
                };
                match join_for(found, case.authority_id, actor) {
                    Some(j) => Some(j),
                    None if !batch => keys
                        .get(&print.exact_key)
                        .filter(|(_, authority)| *authority != case.authority_id)
                        .map(|&(j, _)| join(JoinTo::Item(j), "detected", actor)),
                    None => None,
                }
            };
            // A request with no words left is like nothing, not like another such.
            if !print.normalised.is_empty() {
                keys.entry(print.exact_key.clone())
                    .or_insert((i, case.authority_id));
            }
            let received = file.request.received.clone();
            case.print = Some(print.new_print(&received, join));
        }
        Ok(())
    }
}
