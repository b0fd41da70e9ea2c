//! Who may see and change what. Every use case that acts for a signed-in
//! user goes through these rules, so the API, the web pages and any later
//! front end share one policy.
//!
//! A case the user may not see is reported as not found, never as
//! forbidden, so its existence does not leak. A case the user may see but
//! not change gets `Forbidden`.

use foidesk_case::file::{CaseFile, EventFile};
use foidesk_case::{Desk, EventType, Status};
use foidesk_store::{Authority, CaseListQuery, CaseScope, CaseSummary, Store};

use crate::cases::{CaseView, QueueFilter, QueueKind};
use crate::{Engine, EngineError, Role, User};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Not even its existence.
    Hidden,
    Read,
    /// Read, and record the events `User::may_record` allows.
    Write,
}

impl User {
    pub fn access_to(&self, case: &CaseSummary) -> Access {
        match self.role {
            Role::Administrator => Access::Write,
            Role::Officer if self.authority_id == Some(case.authority_id) => Access::Write,
            Role::Officer => Access::Hidden,
            // What a requester may record is their desk's kinds (`may_record`).
            Role::Requester if case.requester.as_deref() == Some(self.email.as_str()) => {
                Access::Write
            }
            Role::Requester => Access::Hidden,
            Role::Caseworker if with_regulator(&case.projection.status) => Access::Write,
            Role::Caseworker => Access::Hidden,
            // Round robins only, through their grid: never a case.
            Role::Coordinator => Access::Hidden,
        }
    }

    /// Whether this role records events of `kind` on a case it may write:
    /// an administrator any, anyone else those recorded at their desk.
    pub fn may_record(&self, kind: EventType) -> bool {
        if self.role == Role::Coordinator {
            return false;
        }
        match self.role.desk() {
            None => true,
            Some(desk) => kind.recorded_by().contains(&desk),
        }
    }

    /// Whether this user may open a case for `authority`.
    pub fn may_open_case_for(&self, authority: &Authority) -> bool {
        match self.role {
            Role::Administrator => true,
            Role::Officer => self.authority_id == Some(authority.id),
            Role::Requester | Role::Caseworker | Role::Coordinator => false,
        }
    }

    /// Whether this user may open a complaint by hand (the case opens with
    /// a complaint, under any authority): the Commissioner's caseworkers.
    pub fn may_open_complaints(&self) -> bool {
        matches!(self.role, Role::Caseworker | Role::Administrator)
    }

    pub(crate) fn scope(&self) -> CaseScope {
        match self.role {
            Role::Administrator => CaseScope::All,
            // An officer without an authority is refused at creation; were
            // one stored, it would see nothing.
            Role::Officer => CaseScope::Authority(self.authority_id.unwrap_or(-1)),
            Role::Requester => CaseScope::Requester(self.email.clone()),
            Role::Coordinator => CaseScope::Authority(-1),
            Role::Caseworker => CaseScope::Statuses(
                Status::with_regulator()
                    .into_iter()
                    .map(|s| s.as_str().to_owned())
                    .collect(),
            ),
        }
    }
}

impl User {
    /// Whether this user works for an authority (an officer, or an
    /// administrator): only they see the requester's contact address and type.
    pub fn is_of_an_authority(&self) -> bool {
        matches!(self.role, Role::Officer | Role::Administrator)
    }
}

/// The case as `user` may see it: the requester's contact address and type
/// are the authority's alone (requests are applicant-blind), so requesters
/// and the regulator's caseworkers get the case without them.
pub(crate) fn redact_for(user: &User, view: &mut CaseView) {
    if user.is_of_an_authority() {
        return;
    }
    view.file.request.contact.clear();
    view.file.request.requester_type = None;
    view.case.request.contact.clear();
    view.case.request.requester_type = None;
    if user.role == Role::Requester {
        redact_for_requester(user, view);
    }
}

/// A case's summary as `user` may see it: who holds a case is the staff's
/// business, not the requester's.
pub(crate) fn redact_summary_for(user: &User, summary: &mut CaseSummary) {
    if user.role == Role::Requester {
        summary.projection.assignee = None;
    }
}

/// The case as its requester sees it: the events of the kinds they see
/// (`EventType::requester_sees`) as they now stand after corrections, with
/// no internal note, no assignee, no staff account, no correction and no
/// finding (they get the deadlines, which the pages put in words).
fn redact_for_requester(user: &User, view: &mut CaseView) {
    let seen = |kind: EventType| kind.requester_sees();
    view.case.events.retain(|e| seen(e.kind.event_type()));
    for e in &mut view.case.events {
        e.note = None;
    }
    let numbers: Vec<usize> = view.case.events.iter().map(|e| e.number).collect();
    // The file's events as they now stand: a corrected event as its latest
    // correction has it, and only those the requester sees (so the file's
    // positions no longer match case versions: `case.events` keep numbers).
    let mut events = Vec::with_capacity(numbers.len());
    let mut recorded = Vec::with_capacity(numbers.len());
    for &n in &numbers {
        let Some(original) = view.file.events.get(n - 1) else {
            continue;
        };
        let latest = view
            .file
            .events
            .iter()
            .rev()
            .filter(|c| c.corrects == Some(n))
            .find_map(|c| c.corrected.as_deref());
        let mut event = latest.unwrap_or(original).clone();
        event.note = None;
        event.assignee = None;
        let kind = EventType::from_name(&event.kind);
        events.push(event);
        let (by, at) = view.recorded.get(n - 1).cloned().unwrap_or_default();
        let by = if by == user.email {
            by
        } else if kind.is_some_and(|k| k.recorded_by() == [Desk::Regulator]) {
            "the Information Commissioner".to_owned()
        } else {
            "the authority".to_owned()
        };
        recorded.push((by, at));
    }
    view.file.events = events;
    view.recorded = recorded;
    view.case.corrections.clear();
    view.assessment.findings.clear();
    redact_summary_for(user, &mut view.summary);
}

impl Role {
    /// The desk whose events this role records; an administrator has none
    /// and records any.
    pub fn desk(self) -> Option<Desk> {
        match self {
            Role::Requester => Some(Desk::Requester),
            Role::Officer => Some(Desk::Authority),
            Role::Caseworker => Some(Desk::Regulator),
            // Records no event (`may_record` says so before asking).
            Role::Administrator | Role::Coordinator => None,
        }
    }
}

fn with_regulator(status: &str) -> bool {
    Status::from_name(status).is_some_and(Status::is_with_regulator)
}

/// `Forbidden` unless the user is an administrator; `what` finishes "only an
/// administrator may …".
pub(crate) fn only_administrators(user: &User, what: &str) -> Result<(), EngineError> {
    if user.role == Role::Administrator {
        Ok(())
    } else {
        Err(forbidden(format!("only an administrator may {what}")))
    }
}

fn forbidden(message: impl Into<String>) -> EngineError {
    EngineError::Forbidden {
        message: message.into(),
    }
}

fn not_found(id: i64) -> EngineError {
    EngineError::NotFound {
        what: "case",
        key: id.to_string(),
    }
}

impl Engine {
    /// The cases this user may see, a page at a time in id order.
    pub(crate) async fn cases_for(
        &self,
        store: &Store,
        user: &User,
        after_id: i64,
        limit: i64,
    ) -> Result<Vec<CaseSummary>, EngineError> {
        let q = CaseListQuery {
            scope: user.scope(),
            after_id,
            limit,
        };
        let mut rows = store.list_cases(&q).await?;
        for row in &mut rows {
            redact_summary_for(user, row);
        }
        Ok(rows)
    }

    /// A case with its assessment, if it exists and this user may see it.
    pub(crate) async fn case_for(
        &self,
        store: &Store,
        user: &User,
        id: i64,
    ) -> Result<Option<CaseView>, EngineError> {
        match store.case_summary(id).await? {
            Some(s) if user.access_to(&s) != Access::Hidden => {
                let mut view = self.case_view(store, id).await?;
                if let Some(v) = view.as_mut() {
                    redact_for(user, v);
                }
                Ok(view)
            }
            _ => Ok(None),
        }
    }

    pub(crate) async fn open_case_as(
        &self,
        store: &Store,
        user: &User,
        authority_slug: &str,
        reference: &str,
        file: CaseFile,
    ) -> Result<CaseView, EngineError> {
        if let Some(authority) = store.authority_by_slug(authority_slug).await? {
            if !user.may_open_case_for(&authority) {
                return Err(forbidden(format!(
                    "{} may not open cases for {}",
                    user.role.with_article(),
                    authority.slug
                )));
            }
        }
        self.open_case(store, authority_slug, reference, file, &user.email)
            .await
    }

    pub(crate) async fn append_event_as(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        expected: i64,
        event: EventFile,
        reason: Option<&str>,
    ) -> Result<CaseView, EngineError> {
        self.check_may_append(store, user, case_id, &event).await?;
        let check = crate::cases::Consistency {
            viewer: user,
            reason,
        };
        let mut view = self
            .append_event_with(
                store,
                case_id,
                expected,
                event,
                &user.email,
                &[],
                Some(check),
            )
            .await?;
        redact_for(user, &mut view);
        Ok(view)
    }

    /// Whether `user` may append `event` to the case: `NotFound` if they
    /// may not see it, `Forbidden` if they may not record that kind on it.
    pub(crate) async fn check_may_append(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        event: &EventFile,
    ) -> Result<(), EngineError> {
        let summary = store
            .case_summary(case_id)
            .await?
            .ok_or_else(|| not_found(case_id))?;
        match user.access_to(&summary) {
            Access::Hidden => return Err(not_found(case_id)),
            Access::Read => {
                return Err(forbidden(format!(
                    "{} may read this case but not record events on it",
                    user.role.with_article()
                )))
            }
            // A kind that does not exist is refused by validation, naming it.
            // A correction also needs the right to record what it corrects to.
            Access::Write
                if std::iter::once(&event.kind)
                    .chain(event.corrected.as_ref().map(|c| &c.kind))
                    .filter_map(|k| EventType::from_name(k))
                    .any(|k| !user.may_record(k)) =>
            {
                return Err(forbidden(format!(
                    "{} may not record a '{}' event",
                    user.role.with_article(),
                    event.kind
                )))
            }
            Access::Write => {}
        }
        if event.kind == EventType::Assigned.as_str() {
            self.check_assignee(store, user, summary.authority_id, event)
                .await?;
        }
        if user.role == Role::Requester {
            let view = self
                .case_view(store, case_id)
                .await?
                .ok_or_else(|| not_found(case_id))?;
            self.check_requester_may_send(&view, event)?;
        }
        Ok(())
    }

    /// A queue as this user may see it: an officer's is always their own
    /// authority's; caseworkers and requesters have none.
    pub(crate) async fn queue_for(
        &self,
        store: &Store,
        user: &User,
        kind: QueueKind,
        filter: &QueueFilter,
        limit: i64,
    ) -> Result<Vec<CaseSummary>, EngineError> {
        let filter = match user.role {
            Role::Administrator => filter.clone(),
            Role::Officer => {
                if filter.authority_id.is_some() && filter.authority_id != user.authority_id {
                    return Err(forbidden(
                        "an officer sees only their own authority's queue",
                    ));
                }
                QueueFilter {
                    authority_id: user.authority_id.or(Some(-1)),
                    ..filter.clone()
                }
            }
            Role::Caseworker | Role::Requester | Role::Coordinator => {
                return Err(forbidden(format!(
                    "queues are for officers and administrators, not {}",
                    user.role.with_article()
                )))
            }
        };
        self.queue(store, kind, &filter, limit).await
    }

    pub(crate) async fn add_authority_as(
        &self,
        store: &Store,
        user: &User,
        slug: &str,
        name: &str,
    ) -> Result<Authority, EngineError> {
        if user.role != Role::Administrator {
            return Err(forbidden("only an administrator adds authorities"));
        }
        self.add_authority(store, slug, name).await
    }
}
