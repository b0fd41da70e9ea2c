//! Logging a new request, the case list and the authority's colleagues.
//!
//! A request logged here becomes a case with the authority's next reference
//! ("PREFIX-2026-0001"), its request section built from what the officer
//! answered, and no events. The case list filters, searches and sorts the
//! store's list projection, which `listing_of` works out when a case opens.

use foidesk_calendar::Date;
use foidesk_case::file::{CaseFile, EventFile, PartFile, RequestFile};
use foidesk_case::{Channel, RequesterType, Status};
use foidesk_law::Regime;
use foidesk_store::{CaseFilter, CaseSort, ListedCase, Listing, Store};

use crate::accounts::invalid;
use crate::cases::CaseView;
use crate::{Engine, EngineError, Role, User};

/// The longest subject the list keeps, in characters.
const SUBJECT_CHARS: usize = 200;
/// How many times a reference is tried when another officer takes it first.
pub(crate) const REFERENCE_TRIES: usize = 5;
/// The most parts one request may have.
pub const MAX_PARTS: usize = 50;
/// The most rows a case list or export gives at once.
pub const MAX_LISTED: i64 = 10_000;

/// A new request as the officer answered the questions.
#[derive(Clone, Debug, PartialEq)]
pub struct LogRequest {
    pub authority_slug: String,
    /// The authority's reference prefix, e.g. "MET" (letters, digits, hyphens).
    pub reference_prefix: String,
    pub channel: Channel,
    pub requester_name: String,
    /// Lines of a postal address, or one email address.
    pub contact: Vec<String>,
    pub requester_type: RequesterType,
    pub received: Date,
    /// The request's words, one entry per part, in order.
    pub parts: Vec<String>,
    pub regime: Regime,
}

/// An account of an authority that a case can be assigned to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Colleague {
    pub email: String,
    pub name: String,
}

/// What the case list shows; each `None` matches every case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseListFilter {
    pub status: Option<Status>,
    /// Only cases whose running deadline has passed.
    pub overdue: bool,
    pub assignee: Option<String>,
    pub regime: Option<Regime>,
    pub received_from: Option<Date>,
    pub received_to: Option<Date>,
    pub search: Option<String>,
    pub sort: CaseSort,
    pub descending: bool,
    pub offset: i64,
    pub limit: i64,
}

impl Default for CaseListFilter {
    fn default() -> CaseListFilter {
        CaseListFilter {
            status: None,
            overdue: false,
            assignee: None,
            regime: None,
            received_from: None,
            received_to: None,
            search: None,
            sort: CaseSort::Received,
            descending: true,
            offset: 0,
            limit: 50,
        }
    }
}

pub fn regime_name(regime: Regime) -> &'static str {
    match regime {
        Regime::Foia => "FOIA",
        Regime::Eir => "EIR",
    }
}

/// The words in a request's parts that suggest environmental information,
/// for a hint beside the choice of regime (EIR reg.2(1)); empty when none.
pub fn environmental_hint(parts: &[String]) -> Vec<&'static str> {
    let mut words: Vec<&'static str> = Vec::new();
    for w in parts
        .iter()
        .flat_map(|p| foidesk_case::environmental_words(p))
    {
        if !words.contains(&w) {
            words.push(w);
        }
    }
    words
}

/// The list's projection of a case file's request.
pub(crate) fn listing_of(file: &CaseFile) -> Listing {
    let r = &file.request;
    Listing {
        subject: r
            .parts
            .first()
            .map(|p| p.text.trim().chars().take(SUBJECT_CHARS).collect()),
        received: Some(r.received.clone()),
        regime: Some(r.regime.clone()),
        requester_type: r.requester_type.clone(),
        search_text: r
            .parts
            .iter()
            .map(|p| p.text.to_lowercase())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// "MET-2026-0007": the number after the highest of this prefix and year.
pub(crate) fn next_reference(prefix: &str, year: i16, taken: &[String]) -> String {
    let stem = format!("{prefix}-{year}-");
    let highest = taken
        .iter()
        .filter_map(|r| r.strip_prefix(&stem)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{stem}{:04}", highest.saturating_add(1))
}

/// The reference prefix until the authority's letter profile gives one: the
/// slug in capitals ("KENT-POLICE" would be long, so a slug of several words
/// gives its initials: "metropolitan-police-service" is "MPS").
pub fn default_reference_prefix(slug: &str) -> String {
    let words: Vec<&str> = slug
        .split('-')
        .filter(|w| !w.is_empty() && !matches!(*w, "of" | "the" | "and" | "for"))
        .collect();
    let text: String = if slug.len() <= 8 || words.len() < 2 {
        slug.to_owned()
    } else {
        words.iter().filter_map(|w| w.chars().next()).collect()
    };
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .map(|c| c.to_ascii_uppercase())
        .take(16)
        .collect()
}

fn trimmed(text: &str) -> String {
    text.trim().to_owned()
}

impl Engine {
    /// The request checked and turned into a case file, or the first
    /// problem with the field it concerns.
    pub(crate) fn request_file(
        &self,
        authority: &str,
        r: &LogRequest,
    ) -> Result<CaseFile, EngineError> {
        let prefix_ok = !r.reference_prefix.is_empty()
            && r.reference_prefix.len() <= crate::MAX_REFERENCE_PREFIX_CHARS
            && r.reference_prefix
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
        if !prefix_ok {
            return Err(invalid(
                "reference_prefix",
                format!(
                    "a reference prefix is 1 to {} capital letters, digits and hyphens",
                    crate::MAX_REFERENCE_PREFIX_CHARS
                ),
            ));
        }
        if r.requester_name.trim().is_empty() {
            return Err(invalid("requester_name", "Enter the requester's name"));
        }
        let contact: Vec<String> = r
            .contact
            .iter()
            .map(|l| trimmed(l))
            .filter(|l| !l.is_empty())
            .collect();
        if contact.is_empty() {
            return Err(invalid(
                "contact",
                "Enter the requester's postal or email address",
            ));
        }
        if r.received > self.today() {
            return Err(invalid(
                "received",
                "The date received must be today or in the past",
            ));
        }
        let parts: Vec<PartFile> = r
            .parts
            .iter()
            .map(|t| trimmed(t))
            .filter(|t| !t.is_empty())
            .enumerate()
            .map(|(i, text)| PartFile {
                id: (i + 1).to_string(),
                text,
            })
            .collect();
        if parts.is_empty() {
            return Err(invalid("parts", "Enter what the requester asked for"));
        }
        if parts.len() > MAX_PARTS {
            return Err(invalid(
                "parts",
                format!("A request can have at most {MAX_PARTS} parts"),
            ));
        }
        Ok(CaseFile {
            case: None,
            request: RequestFile {
                authority: authority.to_owned(),
                authority_type: None,
                regime: regime_name(r.regime).to_owned(),
                received: r.received.to_string(),
                requester: None,
                channel: Some(r.channel.as_str().to_owned()),
                requester_name: Some(trimmed(&r.requester_name)),
                contact,
                requester_type: Some(r.requester_type.as_str().to_owned()),
                parts,
                school_calendar: None,
            },
            events: Vec::new(),
            expect: None,
        })
    }

    /// The prefix of an authority's references: its letter profile's (in
    /// capitals) when one is saved, else `default_reference_prefix`.
    pub(crate) async fn reference_prefix(
        &self,
        store: &Store,
        authority: &foidesk_store::Authority,
    ) -> Result<String, EngineError> {
        Ok(self
            .authority_profile(store, authority.id)
            .await?
            .map(|p| p.reference_prefix.to_ascii_uppercase())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| default_reference_prefix(&authority.slug)))
    }

    /// Log a new request for an authority as `user` (an officer of it, or
    /// an administrator), under the next free reference.
    pub(crate) async fn log_request_as(
        &self,
        store: &Store,
        user: &User,
        request: LogRequest,
    ) -> Result<CaseView, EngineError> {
        if !matches!(user.role, Role::Officer | Role::Administrator) {
            return Err(EngineError::Forbidden {
                message: format!("{} may not log requests", user.role.with_article()),
            });
        }
        let authority = store
            .authority_by_slug(&request.authority_slug)
            .await?
            .ok_or_else(|| invalid("authority", "Choose an authority"))?;
        if !user.may_open_case_for(&authority) {
            return Err(EngineError::Forbidden {
                message: format!(
                    "{} may not log requests for {}",
                    user.role.with_article(),
                    authority.name
                ),
            });
        }
        let file = self.request_file(&authority.name, &request)?;
        let year = self.today().year();
        let stem = format!("{}-{year}-", request.reference_prefix);
        let mut tries = 0;
        loop {
            let taken = store.references_starting(authority.id, &stem).await?;
            let reference = next_reference(&request.reference_prefix, year, &taken);
            match self
                .open_case_as(store, user, &authority.slug, &reference, file.clone())
                .await
            {
                // Another officer took this number between the read and the write.
                Err(EngineError::Duplicate { .. }) if tries + 1 < REFERENCE_TRIES => tries += 1,
                other => return other,
            }
        }
    }

    /// The accounts a case of this authority can be assigned to by `user`:
    /// the authority's enabled officers, by name (an officer may ask only of
    /// their own authority); for a caseworker, who assigns within the
    /// regulator, the enabled caseworkers.
    pub(crate) async fn colleagues_as(
        &self,
        store: &Store,
        user: &User,
        authority_id: i64,
    ) -> Result<Vec<Colleague>, EngineError> {
        let (role, authority) = match user.role {
            Role::Administrator => (Role::Officer, Some(authority_id)),
            Role::Officer if user.authority_id == Some(authority_id) => {
                (Role::Officer, Some(authority_id))
            }
            Role::Caseworker => (Role::Caseworker, None),
            Role::Officer | Role::Requester | Role::Coordinator => {
                return Err(EngineError::Forbidden {
                    message: format!(
                        "{} may not list an authority's accounts",
                        user.role.with_article()
                    ),
                })
            }
        };
        let mut out: Vec<Colleague> = store
            .users()
            .await?
            .into_iter()
            .filter(|u| {
                u.role == role.as_str() && u.authority_id == authority && u.disabled_at.is_none()
            })
            .map(|u| Colleague {
                email: u.email,
                name: u.name,
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.email.cmp(&b.email)));
        Ok(out)
    }

    /// A case is assigned to one of `colleagues_as` (or to nobody), never
    /// to free text. Text with control characters is
    /// refused first, as every event's is.
    pub(crate) async fn check_assignee(
        &self,
        store: &Store,
        user: &User,
        authority_id: i64,
        event: &EventFile,
    ) -> Result<(), EngineError> {
        crate::text::plain_all(event)?;
        let Some(wanted) = event
            .assignee
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
        else {
            return Ok(());
        };
        let colleagues = self.colleagues_as(store, user, authority_id).await?;
        if colleagues
            .iter()
            .any(|c| c.email.eq_ignore_ascii_case(wanted))
        {
            Ok(())
        } else {
            Err(invalid(
                "assignee",
                format!(
                    "'{wanted}' is not an account of this case's authority: choose someone from the list"
                ),
            ))
        }
    }

    /// The cases this user may see that `filter` selects, in its order. The
    /// requester type is only for the authority's own people.
    pub(crate) async fn case_list_for(
        &self,
        store: &Store,
        user: &User,
        filter: &CaseListFilter,
    ) -> Result<Vec<ListedCase>, EngineError> {
        let iso = |d: Option<Date>| d.map(|d| d.to_string());
        let q = CaseFilter {
            scope: user.scope(),
            status: filter.status.map(|s| s.as_str().to_owned()),
            deadline_before: filter.overdue.then(|| self.today().to_string()),
            // Nor may a requester find out who holds their case by filtering.
            assignee: filter
                .assignee
                .clone()
                .filter(|_| user.role != Role::Requester),
            regime: filter.regime.map(|r| regime_name(r).to_owned()),
            received_from: iso(filter.received_from),
            received_to: iso(filter.received_to),
            search: filter
                .search
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            sort: filter.sort,
            descending: filter.descending,
            offset: filter.offset.max(0),
            limit: filter.limit.clamp(1, MAX_LISTED),
        };
        let mut rows = store.filter_cases(&q).await?;
        if !user.is_of_an_authority() {
            for row in &mut rows {
                row.listing.requester_type = None;
            }
        }
        for row in &mut rows {
            // The search text is the store's, not the list's to show.
            row.listing.search_text.clear();
            crate::access::redact_summary_for(user, &mut row.summary);
        }
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::{default_reference_prefix, next_reference};

    #[test]
    fn a_prefix_is_the_slug_in_capitals_or_its_initials() {
        for (slug, want) in [
            ("a", "A"),
            ("kent", "KENT"),
            ("met-ps", "MET-PS"),
            ("metropolitan-police-service", "MPS"),
            ("verylongsingleword-x", "VX"),
            ("commissioner-of-the-metropolitan-police-service", "CMPS"),
            ("averyveryverylongsingleword", "AVERYVERYVERYLON"),
        ] {
            assert_eq!(default_reference_prefix(slug), want, "{slug}");
        }
    }

    fn check(taken: &[&str], want: &str) {
        let taken: Vec<String> = taken.iter().map(|s| s.to_string()).collect();
        assert_eq!(next_reference("MET", 2026, &taken), want, "{taken:?}");
    }

    #[test]
    fn the_next_reference_follows_the_highest_of_the_year() {
        check(&[], "MET-2026-0001");
        check(&["MET-2026-0001"], "MET-2026-0002");
        check(&["MET-2026-0009", "MET-2026-0003"], "MET-2026-0010");
        check(
            &["MET-2026-0001", "MET-2026-x", "MET-2026-"],
            "MET-2026-0002",
        );
        check(&["MET-2026-9999"], "MET-2026-10000");
    }
}
