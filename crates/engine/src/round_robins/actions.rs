//! What people do with round robins, each under the access rules: read a
//! grid, see the warnings on a planned answer, link a case (by reference or
//! by confirming a suggestion) or take it out, list related requests, and
//! the coordinator's advice and list. Every change is a row with its actor
//! and time.

use foidesk_case::PartOutcome;
use foidesk_law::ProvisionId;
use foidesk_likeness::Likeness;
use foidesk_store::{CaseSummary, LinkEvent, Store, StoredAdvice};

use super::print::{fingerprint, found, request_text};
use super::types::{ConsistencyWarning, LinkBy, RelatedRequest, RoundRobinGrid, RoundRobinSummary};
use super::warnings::Advice;
use crate::access::Access;
use crate::text::plain;
use crate::{AuthorityKind, Engine, EngineError, Role, User};

/// Longest external reference or reason kept.
const MAX_REFERENCE_CHARS: usize = 100;
const MAX_REASON_CHARS: usize = 2_000;

fn not_found(what: &'static str, id: i64) -> EngineError {
    EngineError::NotFound {
        what,
        key: id.to_string(),
    }
}

fn invalid(field: &str, message: impl Into<String>) -> EngineError {
    EngineError::Invalid {
        field: field.into(),
        message: message.into(),
    }
}

fn forbidden(message: impl Into<String>) -> EngineError {
    EngineError::Forbidden {
        message: message.into(),
    }
}

impl Engine {
    /// The case's summary if `user` may see it, else `NotFound`.
    async fn seen_case(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
    ) -> Result<CaseSummary, EngineError> {
        match store.case_summary(case_id).await? {
            Some(s) if user.access_to(&s) != Access::Hidden => Ok(s),
            _ => Err(not_found("case", case_id)),
        }
    }

    /// The case's summary if `user` works it (an officer of its authority,
    /// an administrator): `NotFound` if hidden, `Forbidden` otherwise.
    async fn worked_case(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
    ) -> Result<CaseSummary, EngineError> {
        let s = self.seen_case(store, user, case_id).await?;
        if !matches!(user.role, Role::Officer | Role::Administrator)
            || user.access_to(&s) != Access::Write
        {
            return Err(forbidden(format!(
                "{} may not change this case's round robin",
                user.role.with_article()
            )));
        }
        Ok(s)
    }

    /// The kind of authority a coordinator coordinates.
    async fn coordinated_kind(
        &self,
        store: &Store,
        user: &User,
    ) -> Result<Option<String>, EngineError> {
        if user.role != Role::Coordinator {
            return Ok(None);
        }
        Ok(store.coordinator_kind(user.id).await?)
    }

    /// Whether `user` may see round robin `id` whole (not through a case).
    async fn may_see_round_robin(
        &self,
        store: &Store,
        user: &User,
        id: i64,
    ) -> Result<bool, EngineError> {
        Ok(match user.role {
            Role::Administrator | Role::Caseworker => true,
            Role::Coordinator => match self.coordinated_kind(store, user).await? {
                Some(kind) => store.round_robins_of_kind(&kind).await?.contains(&id),
                None => false,
            },
            Role::Officer => store
                .round_robin_members(id)
                .await?
                .iter()
                .any(|m| Some(m.authority_id) == user.authority_id),
            Role::Requester => false,
        })
    }

    /// The grid of the round robin case `case_id` is in, as `user` may see
    /// it; `None` when it is in none. `NotFound` if the case is hidden
    /// (a coordinator sees no case, only round robins it coordinates).
    pub(crate) async fn round_robin_as(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
    ) -> Result<Option<RoundRobinGrid>, EngineError> {
        if user.role == Role::Coordinator {
            let Some(rr) = store.round_robin_of(case_id).await? else {
                return Err(not_found("case", case_id));
            };
            if !self.may_see_round_robin(store, user, rr).await? {
                return Err(not_found("case", case_id));
            }
            return self.grid(store, Some(user), rr).await;
        }
        self.seen_case(store, user, case_id).await?;
        match store.round_robin_of(case_id).await? {
            Some(rr) => self.grid(store, Some(user), rr).await,
            None => Ok(None),
        }
    }

    /// A round robin's grid by its id, for those who may see it whole: the
    /// coordinator of its kind, the Commissioner's caseworkers, an
    /// administrator, an officer of a member authority.
    pub(crate) async fn round_robin_by_id_as(
        &self,
        store: &Store,
        user: &User,
        id: i64,
    ) -> Result<RoundRobinGrid, EngineError> {
        if !self.may_see_round_robin(store, user, id).await? {
            return Err(not_found("round robin", id));
        }
        self.grid(store, Some(user), id)
            .await?
            .ok_or_else(|| not_found("round robin", id))
    }

    /// The warnings on a planned response to case `case_id`, per part.
    pub(crate) async fn consistency_warnings_as(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        planned: &[PartOutcome],
    ) -> Result<Vec<ConsistencyWarning>, EngineError> {
        let summary = self.worked_case(store, user, case_id).await?;
        self.warnings_for(store, Some(user), &summary, planned)
            .await
    }

    /// The warnings on `event` as it would be appended to case `case_id`
    /// (none unless it is a response); an event that does not fit the
    /// timeline is refused as an append would refuse it.
    pub(crate) async fn consistency_warnings_for_event_as(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        event: &foidesk_case::file::EventFile,
    ) -> Result<Vec<ConsistencyWarning>, EngineError> {
        let summary = self.worked_case(store, user, case_id).await?;
        let record = store
            .case(case_id)
            .await?
            .ok_or_else(|| not_found("case", case_id))?;
        let (mut file, _) = self.file_of(record)?;
        file.events.push(event.clone());
        let case = foidesk_case::validate(&file, self.law())?;
        let planned = match case.events.last().map(|e| &e.kind) {
            Some(foidesk_case::EventKind::Response(r)) => r.outcomes.clone(),
            _ => return Ok(Vec::new()),
        };
        self.warnings_for(store, Some(user), &summary, &planned)
            .await
    }

    /// Link case `case_id` to a round robin: the round robin joined.
    pub(crate) async fn link_round_robin_as(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        by: LinkBy,
    ) -> Result<i64, EngineError> {
        self.worked_case(store, user, case_id).await?;
        let now = self.timestamp();
        match by {
            LinkBy::Reference(reference) => {
                let reference = reference.trim();
                if reference.is_empty() {
                    return Err(invalid("reference", "Enter the round robin's reference"));
                }
                if reference.chars().count() > MAX_REFERENCE_CHARS {
                    return Err(invalid(
                        "reference",
                        format!("A reference has at most {MAX_REFERENCE_CHARS} characters"),
                    ));
                }
                plain("reference", reference)?;
                Ok(store
                    .link_by_reference(case_id, reference, &user.email, &now)
                    .await?)
            }
            LinkBy::Confirm(rr) => {
                let suggested = self.suggestions(store, case_id).await?;
                if !suggested.iter().any(|(_, r)| *r == Some(rr)) {
                    return Err(invalid(
                        "round_robin",
                        "That round robin is not one this request was found like",
                    ));
                }
                store
                    .add_link(&LinkEvent {
                        round_robin_id: rr,
                        case_id,
                        action: "joined".into(),
                        source: "officer".into(),
                        actor: user.email.clone(),
                        reason: None,
                        at: now,
                    })
                    .await?;
                Ok(rr)
            }
            LinkBy::Case(other) => {
                let suggested = self.suggestions(store, case_id).await?;
                if !suggested.iter().any(|(c, _)| *c == other) {
                    return Err(invalid(
                        "round_robin",
                        "That request is not one this request was found like",
                    ));
                }
                Ok(store
                    .link_with_case(case_id, other, "officer", &user.email, &now)
                    .await?)
            }
        }
    }

    /// The same or variant requests of other authorities found like case
    /// `case_id`: (case, its round robin).
    async fn suggestions(
        &self,
        store: &Store,
        case_id: i64,
    ) -> Result<Vec<(i64, Option<i64>)>, EngineError> {
        let record = store
            .case(case_id)
            .await?
            .ok_or_else(|| not_found("case", case_id))?;
        let authority = record.summary.authority_id;
        let (file, _) = self.file_of(record)?;
        let names = self.names(store).await?;
        let print = fingerprint(&request_text(&file), &names);
        Ok(found(store, &print, Some(case_id), false)
            .await?
            .into_iter()
            .filter(|f| matches!(f.likeness, Likeness::Same | Likeness::Variant))
            .filter(|f| f.print.authority_id != authority)
            .map(|f| (f.print.case_id, f.print.round_robin))
            .collect())
    }

    /// Take case `case_id` out of its round robin, with the reason.
    pub(crate) async fn leave_round_robin_as(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        reason: &str,
    ) -> Result<(), EngineError> {
        self.worked_case(store, user, case_id).await?;
        let reason = checked_reason(reason)?;
        let rr = store
            .round_robin_of(case_id)
            .await?
            .ok_or_else(|| invalid("round_robin", "This request is in no round robin"))?;
        store
            .add_link(&LinkEvent {
                round_robin_id: rr,
                case_id,
                action: "left".into(),
                source: "officer".into(),
                actor: user.email.clone(),
                reason: Some(reason),
                at: self.timestamp(),
            })
            .await?;
        Ok(())
    }

    /// Requests like case `case_id` that are not in its round robin: the
    /// variants an officer may confirm and those only related.
    pub(crate) async fn related_requests_as(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
    ) -> Result<Vec<RelatedRequest>, EngineError> {
        let summary = self.seen_case(store, user, case_id).await?;
        let record = store
            .case(case_id)
            .await?
            .ok_or_else(|| not_found("case", case_id))?;
        let (file, _) = self.file_of(record)?;
        let register = self.register(store).await?;
        let names = super::grid::names_of(&register);
        let print = fingerprint(&request_text(&file), &names);
        let mine = store.round_robin_of(case_id).await?;
        let works = matches!(user.role, Role::Officer | Role::Administrator);
        let mut out = Vec::new();
        for f in found(store, &print, Some(case_id), true).await? {
            if f.likeness == Likeness::Unrelated || (mine.is_some() && f.print.round_robin == mine)
            {
                continue;
            }
            let other = store.case_summary(f.print.case_id).await?;
            let may_open = other
                .as_ref()
                .is_some_and(|o| user.access_to(o) != Access::Hidden);
            let confirmable = works
                && f.likeness != Likeness::Related
                && f.print.authority_id != summary.authority_id;
            out.push(RelatedRequest {
                authority: register
                    .entries
                    .iter()
                    .find(|e| e.authority.id == f.print.authority_id)
                    .map(|e| e.authority.name.clone())
                    .unwrap_or_default(),
                case_id: may_open.then_some(f.print.case_id),
                likeness: f.likeness,
                similarity: f.similarity,
                received: f.print.received.parse().ok(),
                round_robin: f.print.round_robin,
                link: confirmable.then_some(match f.print.round_robin {
                    Some(rr) => LinkBy::Confirm(rr),
                    None => LinkBy::Case(f.print.case_id),
                }),
            });
        }
        Ok(out)
    }

    /// Record the coordinator's advice on one part of a round robin.
    pub(crate) async fn record_advice_as(
        &self,
        store: &Store,
        user: &User,
        round_robin_id: i64,
        advice: Advice,
    ) -> Result<(), EngineError> {
        if !matches!(user.role, Role::Coordinator | Role::Administrator)
            || !self
                .may_see_round_robin(store, user, round_robin_id)
                .await?
        {
            return Err(not_found("round robin", round_robin_id));
        }
        let grid = self
            .grid(store, None, round_robin_id)
            .await?
            .ok_or_else(|| not_found("round robin", round_robin_id))?;
        if !grid.parts.iter().any(|p| p.id == advice.part) {
            return Err(invalid("part", "Choose a part of the request"));
        }
        let mut provisions = Vec::with_capacity(advice.provisions.len());
        for p in &advice.provisions {
            let id = ProvisionId::parse(p.trim()).map_err(|_| {
                invalid(
                    "provisions",
                    format!("'{p}' is not a provision, such as s.31(3)"),
                )
            })?;
            if self.law().provision(&id).is_none() {
                return Err(invalid("provisions", format!("there is no provision {id}")));
            }
            provisions.push(id.to_string());
        }
        let note = advice
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        if let Some(n) = note {
            plain("note", n)?;
        }
        store
            .add_advice(&StoredAdvice {
                round_robin_id,
                part: advice.part,
                outcome: advice.outcome.as_str().to_owned(),
                provisions: provisions.join(","),
                note: note.map(str::to_owned),
                advised_by: user.email.clone(),
                advised_at: self.timestamp(),
            })
            .await?;
        Ok(())
    }

    /// The round robins a coordinator coordinates (an administrator: all),
    /// newest first.
    pub(crate) async fn coordinated_round_robins_as(
        &self,
        store: &Store,
        user: &User,
    ) -> Result<Vec<RoundRobinSummary>, EngineError> {
        let ids = match user.role {
            Role::Coordinator => match self.coordinated_kind(store, user).await? {
                Some(kind) => store.round_robins_of_kind(&kind).await?,
                None => Vec::new(),
            },
            Role::Administrator => {
                let mut all = Vec::new();
                for kind in AuthorityKind::ALL {
                    all.extend(store.round_robins_of_kind(kind.as_str()).await?);
                }
                all.sort_unstable_by(|a, b| b.cmp(a));
                all.dedup();
                all
            }
            _ => {
                return Err(forbidden(format!(
                    "{} does not coordinate round robins",
                    user.role.with_article()
                )))
            }
        };
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(loaded) = self.load_round_robin(store, id).await? else {
                continue;
            };
            out.push(RoundRobinSummary {
                id,
                subject: loaded
                    .parts
                    .first()
                    .map(|p| p.text.clone())
                    .unwrap_or_default(),
                references: loaded.stored.references.clone(),
                authorities: loaded.members.len(),
                answered: loaded
                    .members
                    .iter()
                    .filter(|m| !m.answers.is_empty())
                    .count(),
            });
        }
        Ok(out)
    }

    /// Whether an authority shares its answers with its round robins.
    pub(crate) async fn sharing_of(&self, store: &Store, slug: &str) -> Result<bool, EngineError> {
        let register = self.register(store).await?;
        let entry = register
            .by_slug(slug)
            .ok_or_else(|| invalid("authority", format!("no authority '{slug}'")))?;
        let set = store
            .sharing()
            .await?
            .into_iter()
            .find(|(a, _)| *a == entry.authority.id)
            .map(|(_, s)| s);
        Ok(set.unwrap_or(entry.kind == AuthorityKind::Police))
    }

    /// Set whether an authority shares (an administrator, or its officer).
    pub(crate) async fn set_sharing_as(
        &self,
        store: &Store,
        user: &User,
        slug: &str,
        shares: bool,
    ) -> Result<(), EngineError> {
        let authority = store
            .authority_by_slug(slug)
            .await?
            .ok_or_else(|| invalid("authority", format!("no authority '{slug}'")))?;
        let allowed = user.role == Role::Administrator
            || (user.role == Role::Officer && user.authority_id == Some(authority.id));
        if !allowed {
            return Err(forbidden(
                "only the authority's officers and administrators set what it shares",
            ));
        }
        store
            .set_sharing(authority.id, shares, &user.email, &self.timestamp())
            .await?;
        Ok(())
    }
}

/// A reason as kept: trimmed, present, plain and not too long.
pub(crate) fn checked_reason(reason: &str) -> Result<String, EngineError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(invalid("reason", "Enter the reason"));
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(invalid(
            "reason",
            format!("A reason has at most {MAX_REASON_CHARS} characters"),
        ));
    }
    plain("reason", reason)?;
    Ok(reason.to_owned())
}
