//! Cases in the store: open one from a case file, append events, read a case
//! with its assessment, and list queues. Every write is validated as a whole
//! timeline first, so a bad event writes nothing.

use foidesk_calendar::Date;
use foidesk_case::file::{CaseFile, EventFile};
use foidesk_case::{
    assess_with, assignee, check_dates_not_after, check_event_date_not_after, deadline_states,
    stage, validate, Assessment, Case, DeadlineState, EventKind, EventType, Stage,
};
use foidesk_store::{
    Authority, CaseRecord, CaseSummary, Due, NewCase, NewEvent, NewStoredAttachment, Projection,
    QueueQuery, Store,
};

use crate::text::{plain, plain_all};
use crate::{Engine, EngineError};

/// A stored case as the engine sees it: the file, the model, and what follows.
#[derive(Clone, Debug)]
pub struct CaseView {
    pub summary: CaseSummary,
    pub file: CaseFile,
    pub case: Case,
    pub assessment: Assessment,
    pub stage: Stage,
    /// Who recorded each event, and when (the audit trail), in event order.
    pub recorded: Vec<(String, String)>,
    /// Where each deadline stands as at today, in process order.
    pub deadlines: Vec<DeadlineState>,
}

/// The most events one case may hold (docs/case-file.md). Every read of a
/// case rebuilds and assesses its whole log, so a case of 14,000 events
/// slowed every page that showed it to over a second; 2,000 is far more
/// than any real request needs and is read in a few milliseconds.
pub const MAX_EVENTS_PER_CASE: usize = 2_000;

/// Refuse a timeline longer than `MAX_EVENTS_PER_CASE`, before anything is written.
fn check_event_count(events: usize) -> Result<(), EngineError> {
    if events > MAX_EVENTS_PER_CASE {
        return Err(EngineError::TooManyEvents {
            limit: MAX_EVENTS_PER_CASE,
            events,
        });
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueueKind {
    DueToday,
    /// Due from today to the nth working day after it.
    DueWithinWorkingDays(u32),
    Overdue,
}

#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    pub authority_id: Option<i64>,
    pub desk: Option<String>,
    pub assignee: Option<String>,
}

impl Engine {
    pub(crate) async fn add_authority(
        &self,
        store: &Store,
        slug: &str,
        name: &str,
    ) -> Result<Authority, EngineError> {
        let slug_ok = !slug.is_empty()
            && slug.len() <= 64
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !slug_ok {
            return Err(EngineError::Invalid {
                field: "slug".into(),
                message: "use 1 to 64 lower-case letters, digits and hyphens".into(),
            });
        }
        if name.trim().is_empty() {
            return Err(EngineError::Invalid {
                field: "name".into(),
                message: "an authority needs a name".into(),
            });
        }
        plain("name", name)?;
        Ok(store
            .add_authority(slug, name.trim(), &self.timestamp())
            .await?)
    }

    /// Open a case under `authority_slug` from a case file; `by` is who records it.
    pub(crate) async fn open_case(
        &self,
        store: &Store,
        authority_slug: &str,
        reference: &str,
        file: CaseFile,
        by: &str,
    ) -> Result<CaseView, EngineError> {
        let authority = store
            .authority_by_slug(authority_slug)
            .await?
            .ok_or_else(|| EngineError::Invalid {
                field: "authority".into(),
                message: format!("no authority '{authority_slug}'"),
            })?;
        let mut new = self.new_case(authority.id, reference, &file, by, &self.timestamp())?;
        self.print_cases(store, std::slice::from_mut(&mut new), &[&file], false, by)
            .await?;
        let id = store.create_case(&new).await?;
        self.case_view(store, id)
            .await?
            .ok_or_else(|| EngineError::Invalid {
                field: "case".into(),
                message: format!("case {id} vanished after it was written"),
            })
    }

    /// Append one event at `expected` version. The whole timeline with the
    /// new event must validate, or nothing is written. The answer is the
    /// state this append wrote, at the version the store gave it: never a
    /// re-read, which could hold another writer's later event.
    pub(crate) async fn append_event(
        &self,
        store: &Store,
        case_id: i64,
        expected: i64,
        event: EventFile,
        by: &str,
    ) -> Result<CaseView, EngineError> {
        self.append_event_with(store, case_id, expected, event, by, &[], None)
            .await
    }

    /// `append_event`, keeping `files` (checked by the caller) with the
    /// event in the same transaction, each linked to the event's version.
    /// With `check` (a person records it), a response is checked for
    /// consistency first: with warnings and no reason it is refused
    /// (`ReasonNeeded`); with a reason, a `consistency_reason` event holding
    /// it is written just before the response, in the same write.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn append_event_with(
        &self,
        store: &Store,
        case_id: i64,
        expected: i64,
        event: EventFile,
        by: &str,
        files: &[NewStoredAttachment],
        check: Option<Consistency<'_>>,
    ) -> Result<CaseView, EngineError> {
        let record = store.case(case_id).await?.ok_or(EngineError::NotFound {
            what: "case",
            key: case_id.to_string(),
        })?;
        // Before any work on the timeline, so a stale append is cheap to refuse.
        if record.summary.version != expected {
            return Err(EngineError::Conflict {
                case_id,
                expected,
                current: record.summary.version,
            });
        }
        // Before rebuilding the log, so an over-long case is refused cheaply.
        check_event_count(record.events.len().saturating_add(1))?;
        plain_all(&event)?;
        let view = self.view_of(record)?;
        let CaseView {
            mut summary,
            mut file,
            mut recorded,
            ..
        } = view;
        let now = self.timestamp();
        let mut written = vec![new_event(&event, by, &now)?];
        let date = event.date.clone();
        file.events.push(event);
        let mut case = validate(&file, self.law())?;
        if let Some(check) = check {
            let planned = match case.events.last().map(|e| &e.kind) {
                Some(EventKind::Response(r)) => r.outcomes.clone(),
                _ => Vec::new(),
            };
            let warnings = self
                .warnings_for(store, Some(check.viewer), &summary, &planned)
                .await?;
            if !warnings.is_empty() {
                let reason = match check.reason.map(str::trim).filter(|r| !r.is_empty()) {
                    Some(r) => crate::round_robins::checked_reason(r)?,
                    None => return Err(EngineError::ReasonNeeded(warnings)),
                };
                let noted = EventFile {
                    kind: EventType::ConsistencyReason.as_str().to_owned(),
                    date,
                    message: Some(reason),
                    ..EventFile::default()
                };
                written.insert(0, new_event(&noted, by, &now)?);
                let at = file.events.len() - 1;
                file.events.insert(at, noted);
                recorded.push((by.to_owned(), now.clone()));
                case = validate(&file, self.law())?;
            }
        }
        // A consistency reason written with the response counts too.
        check_event_count(file.events.len())?;
        // Only the new event: the stored ones were checked when written.
        check_event_date_not_after(&case, file.events.len(), self.latest_event_date())?;
        let (case, assessment, stage) = self.assessed(case)?;
        let projection = self.projection(&case, &assessment, &stage)?;
        summary.version = store
            .append_with_attachments(case_id, expected, &written, &projection, by, &now, files)
            .await?;
        // As a summary read back holds it: the facts are the store's.
        summary.projection = Projection {
            facts: None,
            ..projection
        };
        recorded.push((by.to_owned(), now));
        let deadlines = self.deadline_states(&case, &assessment)?;
        Ok(CaseView {
            summary,
            file,
            case,
            assessment,
            stage,
            recorded,
            deadlines,
        })
    }

    /// A stored case, rebuilt from its log and assessed as at today.
    pub(crate) async fn case_view(
        &self,
        store: &Store,
        id: i64,
    ) -> Result<Option<CaseView>, EngineError> {
        match store.case(id).await? {
            Some(record) => self.view_of(record).map(Some),
            None => Ok(None),
        }
    }

    fn view_of(&self, record: CaseRecord) -> Result<CaseView, EngineError> {
        let id = record.summary.id;
        let mut file: CaseFile =
            serde_json::from_str(&record.request_json).map_err(|e| EngineError::CorruptRecord {
                id,
                message: e.to_string(),
            })?;
        let mut recorded = Vec::with_capacity(record.events.len());
        for e in &record.events {
            let event: EventFile =
                serde_json::from_str(&e.body_json).map_err(|err| EngineError::CorruptRecord {
                    id,
                    message: format!("event {}: {err}", e.version),
                })?;
            file.events.push(event);
            recorded.push((e.recorded_by.clone(), e.recorded_at.clone()));
        }
        let (case, assessment, stage) = self.understand(&file)?;
        let deadlines = self.deadline_states(&case, &assessment)?;
        Ok(CaseView {
            summary: record.summary,
            file,
            case,
            assessment,
            stage,
            recorded,
            deadlines,
        })
    }

    /// Cases whose running deadline falls today, within n working days, or has passed.
    pub(crate) async fn queue(
        &self,
        store: &Store,
        kind: QueueKind,
        filter: &QueueFilter,
        limit: i64,
    ) -> Result<Vec<CaseSummary>, EngineError> {
        let today = self.today();
        let due = match kind {
            QueueKind::DueToday => Due::On(today.to_string()),
            QueueKind::DueWithinWorkingDays(n) => {
                let until: Date = self.calendar().add_working_days(today, n)?;
                Due::Between(today.to_string(), until.to_string())
            }
            QueueKind::Overdue => Due::Before(today.to_string()),
        };
        let q = QueueQuery {
            due,
            authority_id: filter.authority_id,
            desk: filter.desk.clone(),
            assignee: filter.assignee.clone(),
            limit,
        };
        Ok(store.queue(&q).await?)
    }

    /// A case file validated, assessed and shaped for the store: the request
    /// (the file without its events), the events, and the projection.
    pub(crate) fn new_case(
        &self,
        authority_id: i64,
        reference: &str,
        file: &CaseFile,
        by: &str,
        now: &str,
    ) -> Result<NewCase, EngineError> {
        if reference.trim().is_empty() {
            return Err(EngineError::Invalid {
                field: "reference".into(),
                message: "a case needs a reference".into(),
            });
        }
        plain("reference", reference)?;
        check_event_count(file.events.len())?;
        plain_all(file)?;
        let case = validate(file, self.law())?;
        check_dates_not_after(&case, self.latest_event_date())?;
        let (case, assessment, stage) = self.assessed(case)?;
        let events = file
            .events
            .iter()
            .map(|e| new_event(e, by, now))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(NewCase {
            authority_id,
            reference: reference.trim().to_owned(),
            // Compared with account emails, which are stored in lower case.
            requester: file
                .request
                .requester
                .as_ref()
                .map(|r| r.trim().to_ascii_lowercase()),
            request_json: to_json(&CaseFile {
                case: file.case.clone(),
                request: file.request.clone(),
                events: Vec::new(),
                expect: None,
            })?,
            events,
            projection: self.projection(&case, &assessment, &stage)?,
            listing: crate::intake::listing_of(file),
            created_at: now.to_owned(),
            print: None,
        })
    }

    /// Where each deadline of an assessed case stands as at today.
    pub(crate) fn deadline_states(
        &self,
        case: &Case,
        assessment: &Assessment,
    ) -> Result<Vec<DeadlineState>, EngineError> {
        Ok(deadline_states(
            case,
            assessment,
            self.today(),
            self.calendar(),
        )?)
    }

    fn understand(&self, file: &CaseFile) -> Result<(Case, Assessment, Stage), EngineError> {
        self.assessed(validate(file, self.law())?)
    }

    /// A validated case with its assessment as at today and its stage.
    pub(crate) fn assessed(&self, case: Case) -> Result<(Case, Assessment, Stage), EngineError> {
        let assessment = assess_with(&case, self.today(), self.context())?;
        let stage = stage(&case, &assessment);
        Ok((case, assessment, stage))
    }
}

/// A person recording an event, and the reason they give for departing
/// from a consistent answer, if any.
pub(crate) struct Consistency<'a> {
    pub viewer: &'a crate::User,
    pub reason: Option<&'a str>,
}

impl Engine {
    /// What the queues sort and filter by and what statistics count,
    /// worked out from the whole timeline and its assessment.
    fn projection(
        &self,
        case: &Case,
        assessment: &Assessment,
        stage: &Stage,
    ) -> Result<Projection, EngineError> {
        let facts = crate::facts::facts_of(case, assessment, self.today(), self.context())?;
        Ok(Projection {
            facts: Some(facts),
            ..projection(case, stage)
        })
    }
}

/// What the queues sort and filter by, worked out from the whole timeline.
fn projection(case: &Case, stage: &Stage) -> Projection {
    Projection {
        status: stage.status.as_str().to_owned(),
        desk: stage.status.desk().as_str().to_owned(),
        next_deadline: stage.next_deadline.map(|n| n.date.to_string()),
        assignee: assignee(case).map(str::to_owned),
        complained: case
            .events
            .iter()
            .find(|e| matches!(e.kind, foidesk_case::EventKind::Complaint))
            .map(|e| e.date.to_string()),
        facts: None,
    }
}

fn new_event(e: &EventFile, by: &str, at: &str) -> Result<NewEvent, EngineError> {
    Ok(NewEvent {
        kind: e.kind.clone(),
        body_json: to_json(e)?,
        recorded_by: by.to_owned(),
        recorded_at: at.to_owned(),
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, EngineError> {
    serde_json::to_string(value).map_err(|e| EngineError::Serialise {
        message: e.to_string(),
    })
}
