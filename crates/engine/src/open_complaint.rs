//! Opening a complaint by hand, when the authority does not use foidesk:
//! the Commissioner's caseworker gives the authority (stored, or a new one
//! by name), the request's words and the dates as the complainant gives
//! them; the case opens under that authority with those events. Every
//! answer is checked before anything is written.

use foidesk_calendar::Date;
use foidesk_case::file::{CaseFile, EventFile, OutcomeFile, PartFile, RequestFile};
use foidesk_case::{CaseError, EventType, Outcome, ReviewResult};
use foidesk_law::Regime;
use foidesk_store::Store;

use crate::intake::{next_reference, regime_name, REFERENCE_TRIES};
use crate::{CaseView, Engine, EngineError, User};

/// The authority a complaint is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ComplaintAuthority {
    /// A stored authority, by its slug.
    Stored(String),
    /// One not stored yet, by its name: it is added with the case.
    New(String),
}

/// A complaint as the complainant gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenComplaint {
    pub authority: ComplaintAuthority,
    pub regime: Regime,
    /// The request's words, one entry per part.
    pub parts: Vec<String>,
    pub request_sent: Date,
    /// When the authority responded and what it said of the whole request.
    pub response: Option<(Date, Outcome)>,
    /// The exemptions a refusal relied on, as the complainant names them
    /// (canonical ids or citations like "section 31(3)").
    pub response_provisions: Vec<String>,
    pub review_requested: Option<Date>,
    pub review: Option<(Date, ReviewResult)>,
    pub complained: Date,
}

/// The reference prefix of a complaint opened by hand.
const PREFIX: &str = "IC";

fn invalid(field: &str, message: impl Into<String>) -> EngineError {
    EngineError::Invalid {
        field: field.into(),
        message: message.into(),
    }
}

fn event(kind: EventType, date: Date) -> EventFile {
    EventFile {
        kind: kind.as_str().to_owned(),
        date: date.to_string(),
        ..Default::default()
    }
}

impl Engine {
    /// The complaint's case file, its answers checked in order, each
    /// problem naming the answer (`parts`, `response`, `complained`, …).
    fn complaint_file(&self, authority: &str, c: &OpenComplaint) -> Result<CaseFile, EngineError> {
        let parts: Vec<String> = c
            .parts
            .iter()
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        if parts.is_empty() {
            return Err(invalid("parts", "Enter what the request asked for"));
        }
        let today = self.today();
        let not_after = |field: &str, what: &str, d: Date, limit: Date, than: &str| {
            if d > limit {
                Err(invalid(
                    field,
                    format!("{what} must be on or before {than}"),
                ))
            } else {
                Ok(())
            }
        };
        not_after(
            "request_sent",
            "The date the request was sent",
            c.request_sent,
            today,
            "today",
        )?;
        let mut events = Vec::new();
        let mut last = c.request_sent;
        if let Some((date, outcome)) = c.response {
            if date < c.request_sent {
                return Err(invalid(
                    "response",
                    "The response must be on or after the date the request was sent",
                ));
            }
            not_after("response", "The response", date, today, "today")?;
            let mut e = event(EventType::Response, date);
            let provisions: Vec<String> = c
                .response_provisions
                .iter()
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect();
            if !provisions.is_empty() && !outcome.needs_provision() {
                return Err(invalid(
                    "provisions",
                    "Only a refusal (withheld, part disclosed, neither confirm nor deny) names exemptions",
                ));
            }
            e.outcomes = vec![OutcomeFile {
                part: "all".into(),
                outcome: outcome.as_str().to_owned(),
                provisions,
            }];
            events.push(e);
            last = date;
        }
        if let Some(date) = c.review_requested {
            if c.response.is_none() {
                return Err(invalid(
                    "review_requested",
                    "A review can only be asked for after a response: give the response's date",
                ));
            }
            if date < last {
                return Err(invalid(
                    "review_requested",
                    "The review must be asked for on or after the response",
                ));
            }
            not_after(
                "review_requested",
                "The date the review was asked for",
                date,
                today,
                "today",
            )?;
            events.push(event(EventType::InternalReviewRequested, date));
            last = date;
        }
        if let Some((date, result)) = c.review {
            if c.review_requested.is_none() {
                return Err(invalid(
                    "review",
                    "Give the date the review was asked for first",
                ));
            }
            if date < last {
                return Err(invalid(
                    "review",
                    "The review's answer must be on or after it was asked for",
                ));
            }
            not_after("review", "The review's answer", date, today, "today")?;
            let mut e = event(EventType::InternalReview, date);
            e.result = Some(result.as_str().to_owned());
            events.push(e);
            last = date;
        }
        if c.complained < last {
            return Err(invalid(
                "complained",
                "The complaint must be on or after every other date",
            ));
        }
        not_after("complained", "The complaint", c.complained, today, "today")?;
        events.push(event(EventType::Complaint, c.complained));
        Ok(CaseFile {
            case: None,
            request: RequestFile {
                authority: authority.to_owned(),
                authority_type: None,
                regime: regime_name(c.regime).to_owned(),
                received: c.request_sent.to_string(),
                requester: None,
                channel: None,
                requester_name: None,
                contact: Vec::new(),
                requester_type: None,
                parts: parts
                    .into_iter()
                    .enumerate()
                    .map(|(i, text)| PartFile {
                        id: (i + 1).to_string(),
                        text,
                    })
                    .collect(),
                school_calendar: None,
            },
            events,
            expect: None,
        })
    }

    /// Open a complaint by hand as `user` (a caseworker or an
    /// administrator), under the authority's next "IC-" reference.
    pub(crate) async fn open_complaint_as(
        &self,
        store: &Store,
        user: &User,
        c: OpenComplaint,
    ) -> Result<CaseView, EngineError> {
        if !user.may_open_complaints() {
            return Err(EngineError::Forbidden {
                message: format!("{} may not open complaints", user.role.with_article()),
            });
        }
        let (slug, name) = match &c.authority {
            ComplaintAuthority::Stored(slug) => {
                let a = store
                    .authority_by_slug(slug)
                    .await?
                    .ok_or_else(|| invalid("authority", "Choose an authority"))?;
                (a.slug, a.name)
            }
            // A name the register knows (its own or another it goes by)
            // is that authority; any other is added to the register.
            ComplaintAuthority::New(name) => {
                let name = name.trim();
                if crate::match_key(name).is_empty() {
                    return Err(invalid("authority_name", "Enter the authority's name"));
                }
                crate::text::plain("authority_name", name)?;
                match self.register(store).await?.resolve(name) {
                    Some(known) => (known.authority.slug.clone(), known.authority.name.clone()),
                    None => (crate::slug_for(name), name.to_owned()),
                }
            }
        };
        let file = self.complaint_file(&name, &c)?;
        // Everything is checked before the authority is added; only a
        // provision can still be wrong here.
        match self.new_case(0, "IC-check", &file, &user.email, &self.timestamp()) {
            Err(EngineError::Case(CaseError::UnknownProvision { provision, .. })) => {
                return Err(invalid(
                    "provisions",
                    format!("{provision} is not a provision foidesk knows: give one like s.31 or section 40(2)"),
                ))
            }
            Err(EngineError::Case(_)) => {
                return Err(invalid("provisions", "Give each exemption once, like s.31 or section 40(2)"))
            }
            other => other?,
        };
        let authority = match store.authority_by_slug(&slug).await? {
            Some(a) => a,
            None => {
                let new = crate::NewAuthority {
                    slug: Some(slug),
                    name: name.clone(),
                    kind: crate::AuthorityKind::Other,
                    regimes: vec![Regime::Foia, Regime::Eir],
                    aliases: Vec::new(),
                };
                self.add_to_register(store, &new, &user.email)
                    .await?
                    .authority
            }
        };
        let year = self.today().year();
        let stem = format!("{PREFIX}-{year}-");
        let mut tries = 0;
        loop {
            let taken = store.references_starting(authority.id, &stem).await?;
            let reference = next_reference(PREFIX, year, &taken);
            match self
                .open_case(
                    store,
                    &authority.slug,
                    &reference,
                    file.clone(),
                    &user.email,
                )
                .await
            {
                Err(EngineError::Duplicate { .. }) if tries + 1 < REFERENCE_TRIES => tries += 1,
                other => return other,
            }
        }
    }
}
