//! The round robins' use cases on `AsUser`, each under the access rules.

use foidesk_case::PartOutcome;

use super::types::{ConsistencyWarning, LinkBy, RelatedRequest, RoundRobinGrid, RoundRobinSummary};
use super::warnings::Advice;
use crate::{AsUser, EngineError};

impl AsUser<'_> {
    /// The grid of the round robin case `case_id` is in, as the caller may
    /// see it; `None` when it is in none; `NotFound` if the case is hidden.
    /// Never any requester field.
    pub async fn round_robin(&self, case_id: i64) -> Result<Option<RoundRobinGrid>, EngineError> {
        let (engine, store, user) = self.parts();
        engine.round_robin_as(store, user, case_id).await
    }

    /// A round robin's grid by its id (coordinators, caseworkers,
    /// administrators, officers of a member authority; else `NotFound`).
    pub async fn round_robin_by_id(&self, id: i64) -> Result<RoundRobinGrid, EngineError> {
        let (engine, store, user) = self.parts();
        engine.round_robin_by_id_as(store, user, id).await
    }

    /// The warnings on a planned response to the case, per part, against
    /// the round robin's other answers, this authority's own answers to
    /// near-duplicates in the last two years, and the coordinator's advice.
    pub async fn consistency_warnings(
        &self,
        case_id: i64,
        planned: &[PartOutcome],
    ) -> Result<Vec<ConsistencyWarning>, EngineError> {
        let (engine, store, user) = self.parts();
        engine
            .consistency_warnings_as(store, user, case_id, planned)
            .await
    }

    /// The warnings on `event` (a response, as a form or the letter would
    /// record it) before it is recorded: none for any other kind.
    pub async fn consistency_warnings_for_event(
        &self,
        case_id: i64,
        event: &foidesk_case::file::EventFile,
    ) -> Result<Vec<ConsistencyWarning>, EngineError> {
        let (engine, store, user) = self.parts();
        engine
            .consistency_warnings_for_event_as(store, user, case_id, event)
            .await
    }

    /// Link the case to a round robin (officers of its authority,
    /// administrators): the round robin joined.
    pub async fn link_round_robin(&self, case_id: i64, by: LinkBy) -> Result<i64, EngineError> {
        let (engine, store, user) = self.parts();
        engine.link_round_robin_as(store, user, case_id, by).await
    }

    /// Take the case out of its round robin, with the reason.
    pub async fn leave_round_robin(&self, case_id: i64, reason: &str) -> Result<(), EngineError> {
        let (engine, store, user) = self.parts();
        engine
            .leave_round_robin_as(store, user, case_id, reason)
            .await
    }

    /// Requests like this one outside its round robin: variants to confirm
    /// (`RelatedRequest::link`) and related ones, most alike first.
    pub async fn related_requests(&self, case_id: i64) -> Result<Vec<RelatedRequest>, EngineError> {
        let (engine, store, user) = self.parts();
        engine.related_requests_as(store, user, case_id).await
    }

    /// Record advice on one part of a round robin (its coordinator, or an
    /// administrator); the latest advice on a part wins.
    pub async fn record_advice(
        &self,
        round_robin_id: i64,
        advice: Advice,
    ) -> Result<(), EngineError> {
        let (engine, store, user) = self.parts();
        engine
            .record_advice_as(store, user, round_robin_id, advice)
            .await
    }

    /// The round robins the caller coordinates (administrators: all).
    pub async fn coordinated_round_robins(&self) -> Result<Vec<RoundRobinSummary>, EngineError> {
        let (engine, store, user) = self.parts();
        engine.coordinated_round_robins_as(store, user).await
    }

    /// Whether an authority shares its answers with its round robins
    /// (default: police forces do).
    pub async fn sharing(&self, slug: &str) -> Result<bool, EngineError> {
        let (engine, store, _) = self.parts();
        engine.sharing_of(store, slug).await
    }

    /// Set whether an authority shares (administrators, its officers).
    pub async fn set_sharing(&self, slug: &str, shares: bool) -> Result<(), EngineError> {
        let (engine, store, user) = self.parts();
        engine.set_sharing_as(store, user, slug, shares).await
    }
}
