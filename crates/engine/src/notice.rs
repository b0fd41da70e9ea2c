//! Decision notices: parse one, and turn what it states into a case file.

use foidesk_case::file::{CaseFile, CaseMeta, EventFile, OutcomeFile, RequestFile};
use foidesk_case::{EventType, Outcome as PartOutcome, ReviewResult};
use foidesk_notice::{NoticeRecord, RegimeSet};

use crate::EngineError;

/// A case file written from a notice, and what could not be carried over.
pub struct NoticeCase {
    pub toml: String,
    pub notes: Vec<String>,
}

/// Build a case file from the facts a notice states. Nothing is invented:
/// where the notice is silent the event is left out and a note says so.
pub fn notice_to_case(record: &NoticeRecord) -> Result<NoticeCase, EngineError> {
    let mut notes = Vec::new();
    let missing = |what: &str| EngineError::NoticeIncomplete {
        what: what.to_owned(),
    };
    let received = record
        .timeline
        .request
        .ok_or_else(|| missing("the date of the request"))?;
    let authority = record
        .public_authority
        .clone()
        .ok_or_else(|| missing("the public authority"))?;
    let regime = match record.regime {
        Some(RegimeSet::Eir) => "EIR",
        Some(RegimeSet::Both) => {
            notes.push(
                "the notice decides under FOIA and the EIR; the case is recorded as FOIA".into(),
            );
            "FOIA"
        }
        _ => "FOIA",
    };
    let event = |kind: EventType, date: foidesk_calendar::Date| EventFile {
        kind: kind.as_str().to_owned(),
        date: date.to_string(),
        ..EventFile::default()
    };
    let mut events = Vec::new();
    if let Some(date) = record.timeline.response {
        let provisions: Vec<String> = record
            .provisions_cited
            .iter()
            .map(|p| p.to_string())
            .collect();
        let (outcome, note) = match (record.ncnd, provisions.is_empty()) {
            (true, false) => (PartOutcome::Ncnd, None),
            (false, false) => (PartOutcome::Withheld, None),
            _ => (
                PartOutcome::Disclosed,
                Some(
                    "the notice names no exemption relied on; the outcome is recorded as disclosed",
                ),
            ),
        };
        let mut e = event(EventType::Response, date);
        e.outcomes = vec![OutcomeFile {
            part: "all".into(),
            outcome: outcome.as_str().to_owned(),
            provisions,
        }];
        if let Some(n) = note {
            e.note = Some(n.into());
            notes.push(n.into());
        }
        events.push(e);
    } else {
        notes.push("the notice states no response date".into());
    }
    if let Some(date) = record.timeline.internal_review_requested {
        events.push(event(EventType::InternalReviewRequested, date));
    }
    if let Some(date) = record.timeline.internal_review {
        let mut e = event(EventType::InternalReview, date);
        e.result = Some(ReviewResult::Upheld.as_str().to_owned());
        e.note =
            Some("the review's result is not parsed from the notice; recorded as upheld".into());
        events.push(e);
    }
    match (record.timeline.complaint, record.date) {
        (Some(complaint), Some(date)) => {
            events.push(event(EventType::Complaint, complaint));
            let mut e = event(EventType::DecisionNotice, date);
            e.reference = record.reference.clone();
            e.outcome = record.outcome.map(|o| o.as_str().to_owned());
            e.breaches = record.breaches.iter().map(|b| b.to_string()).collect();
            if record.steps_required {
                e.steps = vec!["The steps ordered in the decision notice.".into()];
                e.steps_days = record.steps_days;
            }
            events.push(e);
        }
        (Some(complaint), None) => {
            events.push(event(EventType::Complaint, complaint));
            notes.push("the notice has no date; the decision is left out".into());
        }
        (None, _) => notes.push(
            "the notice states no complaint date; the complaint and decision are left out".into(),
        ),
    }
    let file = CaseFile {
        case: Some(CaseMeta {
            title: None,
            reference: record.reference.clone(),
            source: Some(match (&record.file, record.date) {
                (Some(f), _) => format!("decision notice {f}"),
                (None, Some(d)) => format!("decision notice of {d}"),
                (None, None) => "decision notice".to_owned(),
            }),
        }),
        request: RequestFile {
            authority,
            authority_type: None,
            regime: regime.to_owned(),
            received: received.to_string(),
            requester: None,
            channel: None,
            requester_name: None,
            contact: Vec::new(),
            requester_type: None,
            parts: Vec::new(),
            school_calendar: None,
        },
        events,
        expect: None,
    };
    // The file must be one foidesk itself accepts.
    foidesk_case::validate(&file, foidesk_law::Catalogue::standard())?;
    let toml = toml::to_string(&file).map_err(|e| EngineError::Serialise {
        message: e.to_string(),
    })?;
    Ok(NoticeCase { toml, notes })
}
