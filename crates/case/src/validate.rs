//! Turns a parsed `CaseFile` into a `Case`, refusing anything inconsistent.
//! The first problem found is reported; nothing partial is returned.

use foidesk_calendar::Date;
use foidesk_law::{Catalogue, ProvisionId, Regime};

use crate::error::CaseError;
use crate::file::{CaseFile, EventFile, OutcomeFile};
use crate::kinds::{EventField, EventType};
use crate::model::*;

/// Parse and validate a case file written in TOML.
pub fn parse_case(text: &str) -> Result<Case, CaseError> {
    let file: CaseFile = toml::from_str(text).map_err(|e| CaseError::Syntax {
        message: e.to_string().trim_end().to_owned(),
    })?;
    validate(&file, Catalogue::standard())
}

pub fn validate(file: &CaseFile, law: &Catalogue) -> Result<Case, CaseError> {
    let request = validate_request(file)?;
    let mut events: Vec<Event> = Vec::new();
    let mut corrections: Vec<Correction> = Vec::new();
    for (i, e) in file.events.iter().enumerate() {
        if e.kind == EventType::Correction.as_str() {
            corrections.push(correction(i + 1, e, &events, &corrections, &request, law)?);
        } else {
            events.push(validate_event(i + 1, e, &request, law)?);
        }
    }
    // The effective timeline: the latest correction of an event wins.
    let mut effective: Vec<Event> = Vec::with_capacity(events.len());
    for e in events {
        match corrections.iter().rev().find(|c| c.corrects == e.number) {
            None => effective.push(e),
            Some(c) => effective.extend(c.replacement.clone()),
        }
    }
    // Stable: same-day events keep the order the file gives them.
    effective.sort_by_key(|e| e.date);
    check_order(&effective)?;
    let meta = file.case.clone().unwrap_or_default();
    Ok(Case {
        title: meta.title,
        reference: meta.reference,
        request,
        events: effective,
        corrections,
    })
}

/// A correction: it names an earlier event that is not itself a correction,
/// gives a reason, and either the same kind of event with new data or none.
fn correction(
    number: usize,
    e: &EventFile,
    events: &[Event],
    corrections: &[Correction],
    request: &Request,
    law: &Catalogue,
) -> Result<Correction, CaseError> {
    let here = format!("event {number} (correction)");
    if let Some(extra) = EventField::ALL
        .into_iter()
        .find(|f| f.is_set(e) && !EventType::Correction.fields().contains(f))
    {
        return Err(CaseError::field(
            format!("{here}, field `{}`", extra.as_str()),
            "a correction event does not take this field",
        ));
    }
    let date = date(&format!("{here}, field `date`"), &e.date)?;
    if date < request.received {
        return Err(CaseError::EventBeforeReceipt {
            event: number,
            kind: "correction",
            date,
            received: request.received,
        });
    }
    let at = |field: &str| format!("{here}, field `{field}`");
    let corrects = e.corrects.ok_or_else(|| {
        CaseError::field(
            at("corrects"),
            "required: the number of the event it corrects",
        )
    })?;
    if corrections.iter().any(|c| c.number == corrects) {
        return Err(CaseError::field(
            at("corrects"),
            format!("event {corrects} is itself a correction: correct the original event instead"),
        ));
    }
    let Some(original) = events.iter().find(|o| o.number == corrects) else {
        return Err(CaseError::field(
            at("corrects"),
            format!("there is no earlier event {corrects} to correct"),
        ));
    };
    let reason = e.reason.as_deref().map(str::trim).unwrap_or("");
    if reason.is_empty() {
        return Err(CaseError::field(
            at("reason"),
            "required: say why the event is corrected",
        ));
    }
    let replacement = match &e.corrected {
        None => None,
        Some(new) => {
            if new.kind != original.kind.name() {
                return Err(CaseError::field(
                    at("corrected"),
                    format!(
                        "a correction keeps the kind of the event it corrects ({}), not {}",
                        original.kind.name(),
                        new.kind
                    ),
                ));
            }
            Some(validate_event(corrects, new, request, law)?)
        }
    };
    Ok(Correction {
        number,
        date,
        corrects,
        reason: reason.to_owned(),
        replacement,
    })
}

fn date(location: &str, text: &str) -> Result<Date, CaseError> {
    Date::parse(text).map_err(|e| CaseError::field(location, e.to_string()))
}

fn validate_request(file: &CaseFile) -> Result<Request, CaseError> {
    let r = &file.request;
    if r.authority.trim().is_empty() {
        return Err(CaseError::field("request.authority", "must not be empty"));
    }
    let regime = match r.regime.as_str() {
        "FOIA" => Regime::Foia,
        "EIR" => Regime::Eir,
        other => {
            return Err(CaseError::field(
                "request.regime",
                format!("'{other}' is not a regime; use \"FOIA\" or \"EIR\""),
            ))
        }
    };
    let received = date("request.received", &r.received)?;
    let authority_type = match &r.authority_type {
        None => AuthorityType::Standard,
        Some(name) => AuthorityType::from_name(name).ok_or_else(|| {
            CaseError::field(
                "request.authority_type",
                format!(
                    "'{name}' is not an authority type; use one of {}",
                    AuthorityType::NAMES.join(", ")
                ),
            )
        })?,
    };
    let mut parts: Vec<Part> = Vec::new();
    for (i, p) in r.parts.iter().enumerate() {
        let location = format!("request.parts[{}]", i + 1);
        if p.id.trim().is_empty() {
            return Err(CaseError::field(location, "id must not be empty"));
        }
        if parts.iter().any(|q| q.id == p.id) {
            return Err(CaseError::field(
                location,
                format!("part id '{}' is used twice", p.id),
            ));
        }
        parts.push(Part {
            id: p.id.clone(),
            text: p.text.clone(),
        });
    }
    let school_closures = match (&r.school_calendar, authority_type.is_school()) {
        (None, true) => {
            return Err(CaseError::field(
                "request.school_calendar",
                "a school's deadline counts school days only (SI 2004/3364 reg.3): give the school's closures",
            ))
        }
        (Some(_), false) => {
            return Err(CaseError::field(
                "request.school_calendar",
                "only a school, academy or ni_school authority_type uses a school calendar",
            ))
        }
        (None, false) => Vec::new(),
        (Some(cal), true) => {
            let mut out = Vec::new();
            for (i, c) in cal.closures.iter().enumerate() {
                let location = format!("request.school_calendar.closures[{}]", i + 1);
                let from = date(&format!("{location}.from"), &c.from)?;
                let to = date(&format!("{location}.to"), &c.to)?;
                if to < from {
                    return Err(CaseError::field(
                        location,
                        format!("ends on {to}, before it starts on {from}"),
                    ));
                }
                out.push(Closure {
                    from,
                    to,
                    name: c.name.clone(),
                });
            }
            out
        }
    };
    let channel = match &r.channel {
        None => None,
        Some(name) => Some(Channel::from_name(name).ok_or_else(|| {
            CaseError::field(
                "request.channel",
                format!(
                    "'{name}' is not a way a request comes in; use one of {}",
                    Channel::NAMES.join(", ")
                ),
            )
        })?),
    };
    let requester_type = match &r.requester_type {
        None => None,
        Some(name) => Some(RequesterType::from_name(name).ok_or_else(|| {
            CaseError::field(
                "request.requester_type",
                format!(
                    "'{name}' is not a requester type; use one of {}",
                    RequesterType::NAMES.join(", ")
                ),
            )
        })?),
    };
    if r.contact.iter().any(|line| line.trim().is_empty()) {
        return Err(CaseError::field(
            "request.contact",
            "a line of the contact address is empty",
        ));
    }
    Ok(Request {
        authority: r.authority.clone(),
        authority_type,
        regime,
        received,
        requester: r.requester.clone(),
        channel,
        requester_name: r.requester_name.clone(),
        contact: r.contact.clone(),
        requester_type,
        parts,
        school_closures,
    })
}

/// Accept a canonical id ("s.31(3)") or a citation ("section 31(3)").
fn provision(location: &str, text: &str, law: &Catalogue) -> Result<ProvisionId, CaseError> {
    let unknown = || CaseError::UnknownProvision {
        location: location.to_owned(),
        provision: text.to_owned(),
    };
    if let Ok(id) = ProvisionId::parse(text.trim()) {
        return if law.is_known(&id) {
            Ok(id)
        } else {
            Err(unknown())
        };
    }
    let parsed = law.parse_citations(text);
    if let Some(bad) = parsed.unknown.first() {
        return Err(CaseError::UnknownProvision {
            location: location.to_owned(),
            provision: bad.id.to_string(),
        });
    }
    match parsed.provisions().as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(unknown()),
        _ => Err(CaseError::field(
            location,
            format!("'{text}' names several provisions; list each separately"),
        )),
    }
}

fn provisions(
    location: &str,
    texts: &[String],
    law: &Catalogue,
) -> Result<Vec<ProvisionId>, CaseError> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| provision(&format!("{location}.provisions[{}]", i + 1), t, law))
        .collect()
}

fn validate_event(
    number: usize,
    e: &EventFile,
    request: &Request,
    law: &Catalogue,
) -> Result<Event, CaseError> {
    let Some(event_type) = EventType::from_name(&e.kind) else {
        return Err(CaseError::field(
            format!("event {number}, field `kind`"),
            format!(
                "'{}' is not an event kind; use one of {}",
                e.kind,
                EventType::NAMES.join(", ")
            ),
        ));
    };
    let here = format!("event {number} ({})", e.kind);
    let allowed = event_type.fields();
    if let Some(extra) = EventField::ALL
        .into_iter()
        .find(|f| f.is_set(e) && !allowed.contains(f))
    {
        return Err(CaseError::field(
            format!("{here}, field `{}`", extra.as_str()),
            format!("a {} event does not take this field", e.kind),
        ));
    }
    let date = date(&format!("{here}, field `date`"), &e.date)?;
    let kind = match event_type {
        EventType::ClarificationSought => EventKind::ClarificationSought,
        EventType::ClarificationReceived => EventKind::ClarificationReceived,
        EventType::FeeNotice => EventKind::FeeNotice {
            amount_pence: e.amount_pence,
        },
        EventType::FeePaid => EventKind::FeePaid,
        EventType::PitExtension => EventKind::PitExtension {
            estimate: match &e.estimate {
                Some(t) => Some(self::date(&format!("{here}, field `estimate`"), t)?),
                None => None,
            },
            provisions: provisions(&here, &e.provisions, law)?,
        },
        EventType::EirExtension => EventKind::EirExtension,
        EventType::Response => EventKind::Response(response(&here, e, request, law)?),
        EventType::InternalReviewRequested => EventKind::InternalReviewRequested,
        EventType::InternalReview => {
            let name = e.result.as_deref().ok_or_else(|| {
                CaseError::field(
                    format!("{here}, field `result`"),
                    format!("required; one of {}", ReviewResult::NAMES.join(", ")),
                )
            })?;
            EventKind::InternalReview {
                result: ReviewResult::from_name(name).ok_or_else(|| {
                    CaseError::field(
                        format!("{here}, field `result`"),
                        format!(
                            "'{name}' is not a review result; use one of {}",
                            ReviewResult::NAMES.join(", ")
                        ),
                    )
                })?,
            }
        }
        EventType::Complaint => EventKind::Complaint,
        EventType::ComplaintAccepted => EventKind::ComplaintAccepted {
            parts: scope_parts(&here, e, request)?,
            provisions: provisions(&here, &e.provisions, law)?,
        },
        EventType::ComplaintDeclined => complaint_declined(&here, e)?,
        EventType::InvestigationLetter => {
            let at = format!("{here}, field `reply_by`");
            let Some(text) = &e.reply_by else {
                return Err(CaseError::field(
                    at,
                    "required: the date the authority must reply by",
                ));
            };
            let reply_by = self::date(&at, text)?;
            let sent = self::date(&format!("{here}, field `date`"), &e.date)?;
            if reply_by < sent {
                return Err(CaseError::field(
                    at,
                    format!("{reply_by} is before the letter's date, {sent}"),
                ));
            }
            EventKind::InvestigationLetter { reply_by }
        }
        EventType::AuthoritySubmission => EventKind::AuthoritySubmission,
        EventType::DecisionNotice => EventKind::DecisionNotice(decision_notice(&here, e, law)?),
        EventType::Compliance => EventKind::Compliance,
        EventType::Appeal => EventKind::Appeal {
            by: e.by.clone(),
            tribunal_reference: e.tribunal_reference.clone(),
        },
        EventType::AppealDecided => {
            let name = required_text(
                &here,
                "appeal_result",
                e.appeal_result.as_deref(),
                "what the Tribunal decided",
            )?;
            EventKind::AppealDecided {
                result: AppealResult::from_name(&name).ok_or_else(|| {
                    CaseError::field(
                        format!("{here}, field `appeal_result`"),
                        format!(
                            "'{name}' is not a Tribunal decision; use one of {}",
                            AppealResult::NAMES.join(", ")
                        ),
                    )
                })?,
            }
        }
        EventType::Assigned => assigned(&here, e)?,
        EventType::Acknowledged => EventKind::Acknowledged,
        EventType::Withdrawn => EventKind::Withdrawn,
        EventType::ConsistencyReason => {
            required_text(&here, "message", e.message.as_deref(), "the reason")?;
            EventKind::ConsistencyReason
        }
        EventType::Duplicate => EventKind::Duplicate {
            of: required_text(
                &here,
                "duplicate_of",
                e.duplicate_of.as_deref(),
                "the reference of the request it repeats",
            )?,
        },
        EventType::Transferred => EventKind::Transferred {
            to: required_text(
                &here,
                "transferred_to",
                e.transferred_to.as_deref(),
                "the authority it was transferred to",
            )?,
        },
        EventType::Correction => {
            return Err(CaseError::field(
                format!("{here}, field `kind`"),
                "a correction cannot correct a correction: correct the original event instead",
            ))
        }
    };
    if date < request.received {
        return Err(CaseError::EventBeforeReceipt {
            event: number,
            kind: kind.name(),
            date,
            received: request.received,
        });
    }
    Ok(Event {
        number,
        date,
        note: e.note.clone(),
        message: e.message.clone(),
        kind,
    })
}

fn response(
    here: &str,
    e: &EventFile,
    request: &Request,
    law: &Catalogue,
) -> Result<Response, CaseError> {
    if e.outcomes.is_empty() {
        return Err(CaseError::field(
            format!("{here}, field `outcomes`"),
            "a response needs at least one outcome",
        ));
    }
    let outcomes = e
        .outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| part_outcome(&format!("{here}, outcomes[{}]", i + 1), o, request, law))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Response {
        outcomes,
        public_interest_reasons: e.public_interest_reasons,
        states_review_procedure: e.states_review_procedure,
        states_complaint_right: e.states_complaint_right,
    })
}

fn part_outcome(
    location: &str,
    o: &OutcomeFile,
    request: &Request,
    law: &Catalogue,
) -> Result<PartOutcome, CaseError> {
    let known_part = o.part == "all" || request.parts.iter().any(|p| p.id == o.part);
    if !known_part {
        let ids: Vec<&str> = request.parts.iter().map(|p| p.id.as_str()).collect();
        return Err(CaseError::field(
            format!("{location}, field `part`"),
            format!(
                "no request part '{}' (parts: {}; or \"all\")",
                o.part,
                if ids.is_empty() {
                    "none".to_owned()
                } else {
                    ids.join(", ")
                }
            ),
        ));
    }
    let outcome = Outcome::from_name(&o.outcome).ok_or_else(|| {
        CaseError::field(
            format!("{location}, field `outcome`"),
            format!(
                "'{}' is not an outcome; use one of {}",
                o.outcome,
                Outcome::NAMES.join(", ")
            ),
        )
    })?;
    let provisions = provisions(location, &o.provisions, law)?;
    if !o.provisions.is_empty() && !outcome.needs_provision() {
        return Err(CaseError::field(
            format!("{location}, field `provisions`"),
            format!("a '{}' outcome cites no exemption", o.outcome),
        ));
    }
    Ok(PartOutcome {
        part: o.part.clone(),
        outcome,
        provisions,
    })
}

fn decision_notice(
    here: &str,
    e: &EventFile,
    law: &Catalogue,
) -> Result<DecisionNotice, CaseError> {
    let outcome = match &e.outcome {
        None => None,
        Some(name) => Some(NoticeOutcome::from_name(name).ok_or_else(|| {
            CaseError::field(
                format!("{here}, field `outcome`"),
                format!(
                    "'{name}' is not a notice outcome; use one of {}",
                    NoticeOutcome::NAMES.join(", ")
                ),
            )
        })?),
    };
    let breaches = e
        .breaches
        .iter()
        .enumerate()
        .map(|(i, t)| provision(&format!("{here}, breaches[{}]", i + 1), t, law))
        .collect::<Result<Vec<_>, _>>()?;
    if e.steps_days == Some(0) {
        return Err(CaseError::field(
            format!("{here}, field `steps_days`"),
            "must be at least 1",
        ));
    }
    if e.steps_days.is_some() && e.steps.is_empty() {
        return Err(CaseError::field(
            format!("{here}, field `steps_days`"),
            "given without any `steps`",
        ));
    }
    Ok(DecisionNotice {
        reference: e.reference.clone(),
        outcome,
        breaches,
        steps: e.steps.clone(),
        steps_days: e.steps_days,
    })
}

/// The parts a complaint's investigation covers: each a part of the
/// request, none twice (none at all: the whole request).
fn scope_parts(here: &str, e: &EventFile, request: &Request) -> Result<Vec<String>, CaseError> {
    let mut out: Vec<String> = Vec::new();
    for id in &e.parts {
        let id = id.trim();
        if !request.parts.iter().any(|p| p.id == id) {
            let ids: Vec<&str> = request.parts.iter().map(|p| p.id.as_str()).collect();
            return Err(CaseError::field(
                format!("{here}, field `parts`"),
                format!("no request part '{id}' (parts: {})", ids.join(", ")),
            ));
        }
        if !out.iter().any(|o| o == id) {
            out.push(id.to_owned());
        }
    }
    Ok(out)
}

/// A refusal names its s.50(2) ground and gives the complainant reasons.
fn complaint_declined(here: &str, e: &EventFile) -> Result<EventKind, CaseError> {
    let at = |field: &str| format!("{here}, field `{field}`");
    let name = e.ground.as_deref().ok_or_else(|| {
        CaseError::field(
            at("ground"),
            format!("required; one of {}", DeclineGround::NAMES.join(", ")),
        )
    })?;
    let ground = DeclineGround::from_name(name).ok_or_else(|| {
        CaseError::field(
            at("ground"),
            format!(
                "'{name}' is not a ground of s.50(2); use one of {}",
                DeclineGround::NAMES.join(", ")
            ),
        )
    })?;
    if e.message.as_deref().is_none_or(|m| m.trim().is_empty()) {
        return Err(CaseError::field(
            at("message"),
            "required: the reasons, which the complainant reads (s.50(3)(a))",
        ));
    }
    Ok(EventKind::ComplaintDeclined { ground })
}

/// A field that must hold some words, at most 254 characters.
fn required_text(
    here: &str,
    field: &str,
    value: Option<&str>,
    what: &str,
) -> Result<String, CaseError> {
    let at = || format!("{here}, field `{field}`");
    let value = value.map(str::trim).unwrap_or("");
    if value.is_empty() {
        return Err(CaseError::field(at(), format!("required: {what}")));
    }
    if value.chars().count() > 254 {
        return Err(CaseError::field(at(), "at most 254 characters"));
    }
    Ok(value.to_owned())
}

/// An assignment names the person who holds the case; "" means nobody.
fn assigned(here: &str, e: &EventFile) -> Result<EventKind, CaseError> {
    let at = || format!("{here}, field `assignee`");
    let Some(assignee) = &e.assignee else {
        return Err(CaseError::field(
            at(),
            "required: who holds the case (\"\" for nobody)",
        ));
    };
    if assignee.chars().count() > 254 {
        return Err(CaseError::field(at(), "at most 254 characters"));
    }
    let assignee = assignee.trim();
    Ok(EventKind::Assigned {
        assignee: (!assignee.is_empty()).then(|| assignee.to_owned()),
    })
}

/// The kinds an event needs one of before it: it only makes sense after
/// one of them, on or before its own date.
fn antecedents(kind: EventType) -> &'static [EventType] {
    match kind {
        EventType::ClarificationReceived => &[EventType::ClarificationSought],
        EventType::FeePaid => &[EventType::FeeNotice],
        EventType::InternalReview => &[EventType::Response, EventType::InternalReviewRequested],
        EventType::DecisionNotice | EventType::ComplaintAccepted | EventType::ComplaintDeclined => {
            &[EventType::Complaint]
        }
        EventType::InvestigationLetter | EventType::AuthoritySubmission => {
            &[EventType::ComplaintAccepted]
        }
        EventType::Compliance | EventType::Appeal => &[EventType::DecisionNotice],
        EventType::AppealDecided => &[EventType::Appeal],
        _ => &[],
    }
}

fn check_order(events: &[Event]) -> Result<(), CaseError> {
    for (i, e) in events.iter().enumerate() {
        let needs = antecedents(e.kind.event_type());
        let met = needs.is_empty()
            || events[..i]
                .iter()
                .any(|b| needs.contains(&b.kind.event_type()));
        if !met {
            let what: Vec<&str> = needs.iter().map(|k| k.as_str()).collect();
            return Err(CaseError::OutOfOrder {
                event: e.number,
                kind: e.kind.name(),
                date: e.date,
                message: format!("needs an earlier {} event", what.join(" or ")),
            });
        }
    }
    Ok(())
}
