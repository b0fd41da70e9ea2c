//! The requester's own requests: sending one (to one authority or, as a
//! batch, to several at once) and the list of what they sent.
//!
//! A request sent here is checked and shaped as an officer's logged request
//! is (`intake.rs`), with what the account already says: the requester's
//! name and email, the web as its channel and today as the day received.
//! Sent to several authorities, it is one case each under each authority's
//! next reference, written in one store transaction with the batch link:
//! all of them or none.

use std::collections::HashMap;

use foidesk_calendar::Date;
use foidesk_case::file::CaseFile;
use foidesk_case::{requester_status, Channel, RequesterType};
use foidesk_law::Regime;
use foidesk_store::{Authority, NewCase, Store};

use crate::accounts::invalid;
use crate::intake::{next_reference, CaseListFilter, REFERENCE_TRIES};
use crate::{Access, CaseView, Engine, EngineError, LogRequest, Role, User};

/// The most authorities one request goes to at once.
pub const MAX_AUTHORITIES: usize = 20;

/// A request as the requester wrote it.
#[derive(Clone, Debug, PartialEq)]
pub struct MakeRequest {
    /// The authorities it goes to, by slug: one case each.
    pub authority_slugs: Vec<String>,
    /// The request's words, one entry per part, in order.
    pub parts: Vec<String>,
    pub regime: Regime,
    /// Member of the public unless the requester says otherwise.
    pub requester_type: RequesterType,
}

/// What a request made: each authority's case, in the order asked, and the
/// batch that links them when there were several.
#[derive(Clone, Debug)]
pub struct SentRequest {
    pub batch: Option<i64>,
    pub cases: Vec<CaseView>,
}

/// Another case sent in the same batch, as far as the user may see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchCase {
    pub id: i64,
    pub reference: String,
    pub authority: String,
}

/// One row of "My requests".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MyRequest {
    pub id: i64,
    pub reference: String,
    pub authority: String,
    /// The first part's words.
    pub subject: String,
    pub sent: Date,
    /// In the requester's plain words ("awaiting response, due 4 December").
    pub status: String,
}

/// A page of "My requests", newest first, and how many there are in all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MyRequests {
    pub rows: Vec<MyRequest>,
    pub total: usize,
}

impl Engine {
    /// Send `request` as `user`, a requester: one case per authority, all
    /// written or none. A problem with any part or authority refuses the
    /// whole request, naming the field.
    pub(crate) async fn make_request_as(
        &self,
        store: &Store,
        user: &User,
        request: MakeRequest,
    ) -> Result<SentRequest, EngineError> {
        if user.role != Role::Requester {
            return Err(EngineError::Forbidden {
                message: format!(
                    "{} logs requests on the authority's desk; requests are made by requesters",
                    user.role.with_article()
                ),
            });
        }
        let mut slugs: Vec<&str> = Vec::new();
        for slug in request.authority_slugs.iter().map(|s| s.trim()) {
            if !slug.is_empty() && !slugs.contains(&slug) {
                slugs.push(slug);
            }
        }
        if slugs.is_empty() {
            return Err(invalid("authority", "Choose an authority to send it to"));
        }
        if slugs.len() > MAX_AUTHORITIES {
            return Err(invalid(
                "authority",
                format!("A request can go to at most {MAX_AUTHORITIES} authorities at once"),
            ));
        }
        let mut authorities: Vec<(Authority, String)> = Vec::with_capacity(slugs.len());
        for slug in slugs {
            let authority = store
                .authority_by_slug(slug)
                .await?
                .ok_or_else(|| invalid("authority", "Choose authorities from the list"))?;
            let prefix = self.reference_prefix(store, &authority).await?;
            authorities.push((authority, prefix));
        }
        let today = self.today();
        let mut files = Vec::with_capacity(authorities.len());
        for (authority, prefix) in &authorities {
            let log = LogRequest {
                authority_slug: authority.slug.clone(),
                reference_prefix: prefix.clone(),
                channel: Channel::WebForm,
                requester_name: user.name.clone(),
                contact: vec![user.email.clone()],
                requester_type: request.requester_type,
                received: today,
                parts: request.parts.clone(),
                regime: request.regime,
            };
            let mut file = self.request_file(&authority.name, &log)?;
            // Access compares this with the account's (lower-case) email.
            file.request.requester = Some(user.email.clone());
            files.push(file);
        }
        let mut tries = 0;
        let (batch, ids) = loop {
            let now = self.timestamp();
            let mut cases: Vec<NewCase> = Vec::with_capacity(files.len());
            for ((authority, prefix), file) in authorities.iter().zip(&files) {
                let stem = format!("{prefix}-{}-", today.year());
                let taken = store.references_starting(authority.id, &stem).await?;
                let reference = next_reference(prefix, today.year(), &taken);
                cases.push(self.new_case(authority.id, &reference, file, &user.email, &now)?);
            }
            let batch = cases.len() > 1;
            let refs: Vec<&CaseFile> = files.iter().collect();
            self.print_cases(store, &mut cases, &refs, batch, &user.email)
                .await?;
            let written = if let [one] = cases.as_slice() {
                store.create_case(one).await.map(|id| (None, vec![id]))
            } else {
                store
                    .create_batch(&cases, &user.email, &now)
                    .await
                    .map(|b| (Some(b.id), b.case_ids))
            };
            match written {
                Ok(done) => break done,
                // An officer took one of these numbers between the read and the write.
                Err(foidesk_store::StoreError::Duplicate { .. }) if tries + 1 < REFERENCE_TRIES => {
                    tries += 1
                }
                Err(e) => return Err(e.into()),
            }
        };
        let mut cases = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(view) = self.case_for(store, user, id).await? {
                cases.push(view);
            }
        }
        Ok(SentRequest { batch, cases })
    }

    /// The other cases sent in the same batch as case `id`, those `user`
    /// may see, in the order they were written; none if it was sent alone.
    /// `NotFound` if the user may not see case `id` itself.
    pub(crate) async fn batch_of_as(
        &self,
        store: &Store,
        user: &User,
        id: i64,
    ) -> Result<Vec<BatchCase>, EngineError> {
        let visible = |s: &Option<foidesk_store::CaseSummary>| {
            s.as_ref()
                .is_some_and(|s| user.access_to(s) != Access::Hidden)
        };
        if !visible(&store.case_summary(id).await?) {
            return Err(EngineError::NotFound {
                what: "case",
                key: id.to_string(),
            });
        }
        let Some(batch) = store.batch_of(id).await? else {
            return Ok(Vec::new());
        };
        let names: HashMap<i64, String> = store
            .authorities()
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect();
        let mut out = Vec::new();
        for other in batch.case_ids.into_iter().filter(|c| *c != id) {
            let summary = store.case_summary(other).await?;
            if !visible(&summary) {
                continue;
            }
            if let Some(s) = summary {
                out.push(BatchCase {
                    id: s.id,
                    reference: s.reference,
                    authority: names.get(&s.authority_id).cloned().unwrap_or_default(),
                });
            }
        }
        Ok(out)
    }

    /// The newest `limit` of the requests `user` made, each with its status
    /// in their words, and how many they made in all.
    pub(crate) async fn my_requests_as(
        &self,
        store: &Store,
        user: &User,
        limit: usize,
    ) -> Result<MyRequests, EngineError> {
        if user.role != Role::Requester {
            return Err(EngineError::Forbidden {
                message: format!("{} has no requests of their own", user.role.with_article()),
            });
        }
        let filter = CaseListFilter {
            limit: crate::MAX_LISTED,
            ..CaseListFilter::default()
        };
        let mut listed = self.case_list_for(store, user, &filter).await?;
        // Newest first: by the day sent, then by when it was written.
        listed.sort_by(|a, b| {
            b.listing
                .received
                .cmp(&a.listing.received)
                .then(b.summary.id.cmp(&a.summary.id))
        });
        let names: HashMap<i64, String> = store
            .authorities()
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect();
        let total = listed.len();
        let mut rows = Vec::with_capacity(limit.min(total));
        for row in listed.into_iter().take(limit) {
            let Some(view) = self.case_for(store, user, row.summary.id).await? else {
                continue;
            };
            let status =
                requester_status(&view.case, &view.assessment, self.today(), self.calendar())?;
            rows.push(MyRequest {
                id: view.summary.id,
                reference: view.summary.reference.clone(),
                authority: names
                    .get(&view.summary.authority_id)
                    .cloned()
                    .unwrap_or_else(|| view.case.request.authority.clone()),
                subject: row.listing.subject.unwrap_or_default(),
                sent: view.case.request.received,
                status,
            });
        }
        Ok(MyRequests { rows, total })
    }
}
