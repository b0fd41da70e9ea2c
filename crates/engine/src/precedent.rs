//! Precedent where the decision is made: the Commissioner's decisions on the
//! provisions a case is considering, for requests like it, by the same kind
//! of authority first.
//!
//! The provisions considered are the case's own: those of a public interest
//! extension, of each response (or planned response) and of a complaint
//! accepted for investigation. The decisions are tantivy's MoreLikeThis over
//! the library's paragraphs for the request's text, in tiers:
//! 1. citing a provision considered (or one inside it), same kind of authority;
//! 2. citing one, any authority;
//! 3. like the request on any provision, same kind of authority (only if
//!    some word matched).
//!
//! Within a tier the rank blends similarity and recency
//! (`foidesk_search::SIMILARITY_WEIGHT`, `RECENCY_HALF_LIFE_YEARS`).

use foidesk_calendar::Date;
use foidesk_case::{Case, EventKind};
use foidesk_law::ProvisionId;
use foidesk_notice::Outcome;
use foidesk_search::{HitParagraph, SimilarQuery};
use serde::Serialize;

use crate::library::{kind_filter_for, LibraryDesk};
use crate::register::AuthorityKind;
use crate::{CaseView, EngineError};

/// Decisions shown on a case at most.
pub const PRECEDENTS: usize = 5;

/// The precedents for one case.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Precedents {
    /// The provisions the case is considering, in the order first met.
    pub considered: Vec<ProvisionId>,
    /// The case's authority's kind, if the register knows it.
    pub kind: Option<AuthorityKind>,
    pub notices: Vec<Precedent>,
}

/// One decision notice of the library.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Precedent {
    /// Its id in the library (`/library/{id}`).
    pub notice_id: i64,
    pub reference: Option<String>,
    pub date: Option<Date>,
    pub authority: Option<String>,
    pub outcome: Option<Outcome>,
    /// Whether the authority neither confirmed nor denied.
    pub ncnd: bool,
    /// The provisions it cites.
    pub cited: Vec<String>,
    /// The provisions considered that it bears on (it cites them or one inside them).
    pub on_provisions: Vec<String>,
    /// Found among notices about the same kind of authority.
    pub same_kind: bool,
    /// 0 to 1, against the most similar notice found.
    pub similarity: f32,
    /// The blend of similarity and recency it was ranked by.
    pub rank: f32,
    /// The paragraph most like the request.
    pub paragraph: Option<HitParagraph>,
}

/// The provisions a case is considering, from its own events.
pub fn considered(case: &Case) -> Vec<ProvisionId> {
    let mut out: Vec<ProvisionId> = Vec::new();
    for e in &case.events {
        let found: Vec<&ProvisionId> = match &e.kind {
            EventKind::PitExtension { provisions, .. } => provisions.iter().collect(),
            EventKind::Response(r) => r.outcomes.iter().flat_map(|o| &o.provisions).collect(),
            EventKind::ComplaintAccepted { provisions, .. } => provisions.iter().collect(),
            _ => Vec::new(),
        };
        for p in found {
            if !out.contains(p) {
                out.push(p.clone());
            }
        }
    }
    out
}

impl LibraryDesk<'_> {
    /// The precedents for a case the caller may see (checked by the caller of this).
    pub(crate) async fn precedents_for(
        &self,
        view: &CaseView,
        kind: Option<AuthorityKind>,
        today: Date,
        round_robin: &[ProvisionId],
    ) -> Result<Precedents, EngineError> {
        let mut considered = considered(&view.case);
        for p in round_robin {
            if !considered.contains(p) {
                considered.push(p.clone());
            }
        }
        let text: Vec<&str> = view
            .case
            .request
            .parts
            .iter()
            .map(|p| p.text.as_str())
            .chain(view.case.title.as_deref())
            .collect();
        let text = text.join("\n");
        let filter = match kind {
            Some(k) => Some(kind_filter_for(self, k).await?),
            None => None,
        };
        // (provisions, kind filter, only notices some word matched)
        let mut tiers = Vec::new();
        if !considered.is_empty() {
            tiers.push((considered.clone(), filter.clone(), false));
            tiers.push((considered.clone(), None, false));
        }
        tiers.push((Vec::new(), filter.clone(), true));
        let mut notices: Vec<Precedent> = Vec::new();
        for (provisions, kind_filter, must_match) in tiers {
            if notices.len() >= PRECEDENTS {
                break;
            }
            let same_kind = kind_filter.is_some();
            let q = SimilarQuery {
                text: text.clone(),
                provisions,
                kind: kind_filter,
                exclude: notices.iter().map(|n| n.notice_id).collect(),
                today: Some(today),
                limit: PRECEDENTS - notices.len(),
            };
            for s in self.similar(&q)? {
                if must_match && s.similarity <= 0.0 {
                    continue;
                }
                let cited: Vec<ProvisionId> = s
                    .hit
                    .provisions_cited
                    .iter()
                    .filter_map(|p| ProvisionId::parse(p).ok())
                    .collect();
                notices.push(Precedent {
                    notice_id: s.hit.id,
                    reference: s.hit.reference,
                    date: s.hit.date.as_deref().and_then(|d| d.parse().ok()),
                    authority: s.hit.public_authority,
                    outcome: s.hit.outcome.as_deref().and_then(Outcome::from_name),
                    ncnd: s.hit.ncnd,
                    on_provisions: considered
                        .iter()
                        .filter(|p| cited.iter().any(|c| p.covers(c)))
                        .map(ToString::to_string)
                        .collect(),
                    cited: s.hit.provisions_cited,
                    same_kind,
                    similarity: s.similarity,
                    rank: s.rank,
                    paragraph: s.hit.paragraph,
                });
            }
        }
        Ok(Precedents {
            considered,
            kind,
            notices,
        })
    }
}
