//! The engine with its store, in the two forms front ends hold.
//!
//! `Service` is what a server holds: sign-in, sessions, tokens, the health
//! ping, and `as_user`, through which every use case on stored cases and
//! accounts applies the access rules of `access.rs` for the caller. It has
//! no way to act without a caller, nor to reach the store.
//!
//! `System` is what the command line's administration and the demo loader
//! hold: the same use cases with no caller (they run with the database's own
//! rights, and the audit record names the command line), opening and
//! closing the store, and the library. It hands out a `Service` to serve.

use std::sync::Arc;
use std::time::Duration;

use foidesk_case::file::{CaseFile, EventFile};
use foidesk_case::EventType;
use foidesk_search::{NoticeIndex, Opened};
use foidesk_store::{Authority, CaseSummary, Holdings, ListedCase, Store};

use crate::lifecycle::{Actor, COMMAND_LINE};
use crate::requests::BatchCase;
use crate::{
    AccountOutcome, AnswerProblems, Attachment, AttachmentFile, AuditLine, AuthorityProfile,
    CaseListFilter, CaseView, Colleague, ComplaintFilter, ComplaintRow, Engine, EngineError,
    InvitationLine, Invited, Letter, LetterDraft, Library, LogRequest, MakeRequest, MyRequests,
    NewAttachment, NewAuthority, OpenComplaint, QueueFilter, QueueKind, Register, RegisterEntry,
    Role, SentRequest, User,
};

/// The engine and its store, for a server: every use case on stored data
/// goes through [`Service::as_user`], which carries the caller.
///
/// No unchecked use case is reachable from here. Each of these fails to
/// compile with "no method" (E0599), while the same call on [`System`]
/// compiles (the examples after them):
///
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service) {
/// let _ = s.add_user("a@example.org", "A", foidesk_engine::Role::Administrator, None, "long enough pw").await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service) {
/// let _ = s.add_authority("a", "Authority A").await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service, file: foidesk_engine::api::CaseFile) {
/// let _ = s.open_case("a", "A-1", file, "anyone").await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service, event: foidesk_engine::api::EventFile) {
/// let _ = s.append_event(1, 1, event, "anyone").await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service) {
/// let _ = s.case_view(1).await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service) {
/// let _ = s.queue(foidesk_engine::QueueKind::Overdue, &Default::default(), 10).await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service) {
/// let _ = s.import_cases(&[], "anyone").await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service) {
/// let _ = s.create_token("a@example.org", "api").await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service) {
/// let _ = s.revoke_tokens("a@example.org", "api").await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service) {
/// let _ = s.account_by_email("a@example.org").await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service) {
/// let _ = s.disable_account(1).await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service) {
/// let _ = s.enable_account(1).await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service) {
/// let _ = s.reset_password(1, "long enough pw").await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service) {
/// let _ = s.end_sessions(1).await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service) {
/// let _ = s.account_audit().await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service) {
/// let _ = s.meta("demo").await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # fn f(s: foidesk_engine::Service) {
/// let _ = s.store();
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service, p: foidesk_engine::AuthorityProfile) {
/// let _ = s.set_authority_profile(1, p).await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service, a: foidesk_engine::NewAttachment) {
/// let _ = s.add_attachment(1, a, None, "anyone").await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service) {
/// let _ = s.set_open_sign_up(true).await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service) {
/// let _ = s.attachments(1).await;
/// let _ = s.set_open_sign_up(true).await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service) {
/// let _ = s.import_by_name(&[], "anyone").await;
/// # }
/// ```
///
/// Nor through the caller-carrying `AsUser`, which has only checked twins:
///
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service, u: foidesk_engine::User) {
/// let _ = s.as_user(&u).case_view(1).await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service, u: foidesk_engine::User) {
/// let _ = s.as_user(&u).import_cases(&[], "anyone").await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service, u: foidesk_engine::User) {
/// let _ = s.as_user(&u).create_token("a@example.org", "api").await;
/// # }
/// ```
/// ```compile_fail,E0599
/// # async fn f(s: foidesk_engine::Service, u: foidesk_engine::User) {
/// let _ = s.as_user(&u).account_by_email("a@example.org").await;
/// # }
/// ```
///
/// Nor through `engine()`: the engine's store-taking methods are private
/// to this crate (E0624), so only `System`, `Service` and `AsUser` call them:
///
/// ```compile_fail,E0624
/// # async fn f<AnyStore>(s: foidesk_engine::Service, store: AnyStore) {
/// let _ = s.engine().add_authority(store, "a", "Authority A").await;
/// # }
/// ```
///
/// The same calls, on a `System`, compile. (Rustdoc checks the error code
/// only on nightly; this pairing is what shows that each call above fails
/// for want of the method, not for a mistake in the call.)
///
/// ```no_run
/// # async fn f(
/// #     s: foidesk_engine::System,
/// #     file: foidesk_engine::api::CaseFile,
/// #     event: foidesk_engine::api::EventFile,
/// #     p: foidesk_engine::AuthorityProfile,
/// #     a: foidesk_engine::NewAttachment,
/// # ) {
/// let _ = s.add_user("a@example.org", "A", foidesk_engine::Role::Administrator, None, "long enough pw").await;
/// let _ = s.add_authority("a", "Authority A").await;
/// let _ = s.open_case("a", "A-1", file, "anyone").await;
/// let _ = s.append_event(1, 1, event, "anyone").await;
/// let _ = s.case_view(1).await;
/// let _ = s.queue(foidesk_engine::QueueKind::Overdue, &Default::default(), 10).await;
/// let _ = s.import_cases(&[], "anyone").await;
/// let _ = s.create_token("a@example.org", "api").await;
/// let _ = s.revoke_tokens("a@example.org", "api").await;
/// let _ = s.account_by_email("a@example.org").await;
/// let _ = s.disable_account(1).await;
/// let _ = s.enable_account(1).await;
/// let _ = s.reset_password(1, "long enough pw").await;
/// let _ = s.end_sessions(1).await;
/// let _ = s.account_audit().await;
/// let _ = s.meta("demo").await;
/// let _ = s.store();
/// let _ = s.set_authority_profile(1, p).await;
/// let _ = s.add_attachment(1, a, None, "anyone").await;
/// let _ = s.attachments(1).await;
/// let _ = s.import_by_name(&[], "anyone").await;
/// # }
/// ```
/// The password of every account `foidesk serve --demo` makes.
pub const DEMO_PASSWORD: &str = "demo-password-not-for-real-use";

#[derive(Clone)]
pub struct Service {
    engine: Arc<Engine>,
    store: Store,
    /// The decision-notice library, opened on first use (`library::served`).
    library: crate::library::Shelf,
}

impl Service {
    /// The pure use cases (deadlines, law, assessing a file's text, documents).
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// In a store `foidesk serve --demo` loaded (its "demo" marker set),
    /// the demo accounts still enabled, (email, role), for the sign-in page
    /// to list; in any other store, none. Their password is the demo's,
    /// printed by the command line.
    pub async fn demo_accounts(&self) -> Result<Vec<(String, Role)>, EngineError> {
        if self.store.meta("demo").await?.is_none() {
            return Ok(Vec::new());
        }
        Ok(self
            .store
            .users()
            .await?
            .into_iter()
            .filter(|u| u.disabled_at.is_none() && u.email.ends_with("@demo.foidesk.test"))
            .filter_map(|u| Role::from_name(&u.role).map(|r| (u.email, r)))
            .collect())
    }

    /// The use cases on stored cases and accounts, as `user` may do them.
    pub fn as_user<'a>(&'a self, user: &'a User) -> AsUser<'a> {
        AsUser {
            engine: &self.engine,
            store: &self.store,
            user,
            library: &self.library,
        }
    }

    /// The account, if the password is right (see `Engine::authenticate`).
    pub async fn authenticate(
        &self,
        email: &str,
        password: &str,
    ) -> Result<Option<User>, EngineError> {
        self.engine.authenticate(&self.store, email, password).await
    }

    /// Start a browser session for a signed-in user: its secret and expiry.
    pub async fn start_session(&self, user: &User) -> Result<(String, String), EngineError> {
        self.engine.start_session(&self.store, user).await
    }

    /// The account of a live session.
    pub async fn user_for_session(&self, secret: &str) -> Result<Option<User>, EngineError> {
        self.engine.user_for_session(&self.store, secret).await
    }

    /// Sign out; the session stays on record as ended.
    pub async fn end_session(&self, secret: &str) -> Result<(), EngineError> {
        self.engine.end_session(&self.store, secret).await
    }

    /// The account a bearer token belongs to, if it is live.
    pub async fn user_for_token(&self, token: &str) -> Result<Option<User>, EngineError> {
        self.engine.user_for_token(&self.store, token).await
    }

    /// Who a live invitation is for; `None` for an unknown, used or expired token.
    pub async fn invited(&self, token: &str) -> Result<Option<Invited>, EngineError> {
        self.engine.invited(&self.store, token).await
    }

    /// Make the invited requester's account with their password (the
    /// invitation is then used); a dead token is `NotFound` "invitation".
    pub async fn join(&self, token: &str, password: &str) -> Result<User, EngineError> {
        self.engine.join(&self.store, token, password).await
    }

    /// Whether open sign-up is on (it is off unless an administrator turns it on).
    pub async fn open_sign_up(&self) -> Result<bool, EngineError> {
        self.engine.open_sign_up(&self.store).await
    }

    /// A requester's own new account, when open sign-up is on (else
    /// `Forbidden`); attempts are throttled per address like sign-ins.
    pub async fn sign_up(
        &self,
        email: &str,
        name: &str,
        password: &str,
    ) -> Result<User, EngineError> {
        self.engine
            .sign_up(&self.store, email, name, password)
            .await
    }

    /// Keep the library's index at `place` (the command line's choice; in
    /// memory unless told).
    pub fn with_index_place(mut self, place: crate::IndexPlace) -> Service {
        self.library = crate::library::Shelf::new(place);
        self
    }

    /// The library for someone not signed in, if the stored setting allows it.
    pub async fn public_library(&self) -> Result<Option<crate::LibraryDesk<'_>>, EngineError> {
        if !self.engine.library_is_public(&self.store).await? {
            return Ok(None);
        }
        let desk = crate::LibraryDesk::open(&self.engine, &self.store, &self.library).await?;
        Ok(Some(desk))
    }

    /// Whether the library is open to people not signed in.
    pub async fn library_is_public(&self) -> Result<bool, EngineError> {
        self.engine.library_is_public(&self.store).await
    }

    /// Whether the store answers a cheap question within `within`.
    pub async fn ping(&self, within: Duration) -> Result<(), EngineError> {
        Ok(self.store.ping(within).await?)
    }
}

/// A signed-in user's use cases: each applies the access rules for them.
pub struct AsUser<'a> {
    engine: &'a Engine,
    store: &'a Store,
    user: &'a User,
    library: &'a crate::library::Shelf,
}

impl<'a> AsUser<'a> {
    /// The decision-notice library (every signed-in user may read it).
    pub async fn library(&self) -> Result<crate::LibraryDesk<'a>, EngineError> {
        crate::LibraryDesk::open(self.engine, self.store, self.library).await
    }
}

impl AsUser<'_> {
    pub fn user(&self) -> &User {
        self.user
    }

    /// Open the library to people not signed in, or close it (administrators).
    pub async fn set_public_library(&self, on: bool) -> Result<(), EngineError> {
        self.engine
            .set_public_library(self.store, self.actor(), on)
            .await
    }

    /// The Commissioner's decisions bearing on a case the caller may see
    /// (`precedent.rs`); `NotFound` for any other case.
    pub async fn precedents(&self, case_id: i64) -> Result<crate::Precedents, EngineError> {
        let Some(view) = self.case(case_id).await? else {
            return Err(EngineError::NotFound {
                what: "case",
                key: case_id.to_string(),
            });
        };
        let register = self.engine.register(self.store).await?;
        let kind = register
            .entries
            .iter()
            .find(|e| e.authority.id == view.summary.authority_id)
            .map(|e| e.kind);
        // What the round robin's other authorities relied on, and the
        // coordinator's advice, are being considered too.
        let round_robin = match self.round_robin(case_id).await? {
            Some(grid) => round_robin_provisions(&grid),
            None => Vec::new(),
        };
        self.library()
            .await?
            .precedents_for(&view, kind, self.engine.today(), &round_robin)
            .await
    }

    /// The engine, store and caller, for use cases kept in other modules.
    pub(crate) fn parts(&self) -> (&Engine, &Store, &User) {
        (self.engine, self.store, self.user)
    }

    /// The cases this user may see, a page at a time in id order.
    pub async fn cases(&self, after_id: i64, limit: i64) -> Result<Vec<CaseSummary>, EngineError> {
        self.engine
            .cases_for(self.store, self.user, after_id, limit)
            .await
    }

    /// A case with its assessment, if it exists and this user may see it.
    pub async fn case(&self, id: i64) -> Result<Option<CaseView>, EngineError> {
        self.engine.case_for(self.store, self.user, id).await
    }

    pub async fn open_case(
        &self,
        authority_slug: &str,
        reference: &str,
        file: CaseFile,
    ) -> Result<CaseView, EngineError> {
        self.engine
            .open_case_as(self.store, self.user, authority_slug, reference, file)
            .await
    }

    pub async fn append_event(
        &self,
        case_id: i64,
        expected: i64,
        event: EventFile,
    ) -> Result<CaseView, EngineError> {
        self.engine
            .append_event_as(self.store, self.user, case_id, expected, event, None)
            .await
    }

    /// `append_event` with the reason for departing from a consistent
    /// answer, if the officer gave one: a response with consistency
    /// warnings and no reason is refused with `ReasonNeeded` naming them;
    /// with a reason, a `consistency_reason` event holding it is written
    /// just before the response, in the same write.
    pub async fn append_event_with_reason(
        &self,
        case_id: i64,
        expected: i64,
        event: EventFile,
        reason: Option<&str>,
    ) -> Result<CaseView, EngineError> {
        self.engine
            .append_event_as(self.store, self.user, case_id, expected, event, reason)
            .await
    }

    /// A queue as this user may see it.
    pub async fn queue(
        &self,
        kind: QueueKind,
        filter: &QueueFilter,
        limit: i64,
    ) -> Result<Vec<CaseSummary>, EngineError> {
        self.engine
            .queue_for(self.store, self.user, kind, filter, limit)
            .await
    }

    /// The Commissioner's complaints, live or decided and declined, oldest
    /// complaint first (caseworkers and administrators; others `Forbidden`).
    pub async fn complaints(
        &self,
        filter: &ComplaintFilter,
        live: bool,
        limit: i64,
    ) -> Result<Vec<ComplaintRow>, EngineError> {
        self.engine
            .complaints_for(self.store, self.user, filter, live, limit)
            .await
    }

    /// Open a complaint by hand (caseworkers and administrators): the case
    /// opens under the authority (added by name if new) with the dates the
    /// complainant gives; a bad answer is `Invalid` naming it, and writes nothing.
    pub async fn open_complaint(&self, complaint: OpenComplaint) -> Result<CaseView, EngineError> {
        self.engine
            .open_complaint_as(self.store, self.user, complaint)
            .await
    }

    /// Log a new request: the case opens under the authority's next
    /// reference ("PREFIX-2026-0001"). Officers of the authority and
    /// administrators only; a received date after today is refused.
    pub async fn log_request(&self, request: LogRequest) -> Result<CaseView, EngineError> {
        self.engine
            .log_request_as(self.store, self.user, request)
            .await
    }

    /// The cases this user may see that `filter` selects, in its order.
    pub async fn case_list(&self, filter: &CaseListFilter) -> Result<Vec<ListedCase>, EngineError> {
        self.engine
            .case_list_for(self.store, self.user, filter)
            .await
    }

    /// The accounts a case of this authority can be assigned to.
    pub async fn colleagues(&self, authority_id: i64) -> Result<Vec<Colleague>, EngineError> {
        self.engine
            .colleagues_as(self.store, self.user, authority_id)
            .await
    }

    /// Every authority: public bodies, listed to anyone signed in.
    pub async fn authorities(&self) -> Result<Vec<Authority>, EngineError> {
        Ok(self.store.authorities().await?)
    }

    /// The authority with this slug, if there is one (anyone signed in).
    pub async fn authority(&self, slug: &str) -> Result<Option<Authority>, EngineError> {
        Ok(self.store.authority_by_slug(slug).await?)
    }

    pub async fn add_authority(&self, slug: &str, name: &str) -> Result<Authority, EngineError> {
        self.engine
            .add_authority_as(self.store, self.user, slug, name)
            .await
    }

    /// The register of authorities with their kinds, regimes and other
    /// names: public, listed to anyone signed in.
    pub async fn register(&self) -> Result<Register, EngineError> {
        self.engine.register(self.store).await
    }

    /// Add an authority to the register (administrators).
    pub async fn add_to_register(&self, new: &NewAuthority) -> Result<RegisterEntry, EngineError> {
        crate::access::only_administrators(self.user, "change the register")?;
        self.engine
            .add_to_register(self.store, new, &self.user.email)
            .await
    }

    /// Another name for an authority in the register (administrators).
    pub async fn add_alias(&self, slug: &str, alias: &str) -> Result<(), EngineError> {
        crate::access::only_administrators(self.user, "change the register")?;
        self.engine
            .add_alias(self.store, slug, alias, &self.user.email)
            .await
    }

    /// Every account, for administrators.
    pub async fn users(&self) -> Result<Vec<User>, EngineError> {
        self.engine.users_as(self.store, self.user).await
    }

    /// A new account, added by an administrator.
    pub async fn add_user(
        &self,
        email: &str,
        name: &str,
        role: Role,
        authority_slug: Option<&str>,
        password: &str,
    ) -> Result<User, EngineError> {
        self.engine
            .add_user_as(
                self.store,
                self.user,
                email,
                name,
                role,
                authority_slug,
                password,
            )
            .await
    }

    pub async fn disable_account(&self, account_id: i64) -> Result<AccountOutcome, EngineError> {
        self.engine
            .disable_account(self.store, self.actor(), account_id)
            .await
    }

    pub async fn enable_account(&self, account_id: i64) -> Result<AccountOutcome, EngineError> {
        self.engine
            .enable_account(self.store, self.actor(), account_id)
            .await
    }

    pub async fn reset_password(
        &self,
        account_id: i64,
        password: &str,
    ) -> Result<AccountOutcome, EngineError> {
        self.engine
            .reset_password(self.store, self.actor(), account_id, password)
            .await
    }

    pub async fn end_sessions(&self, account_id: i64) -> Result<AccountOutcome, EngineError> {
        self.engine
            .end_sessions(self.store, self.actor(), account_id)
            .await
    }

    /// The newest lines of the account audit record, newest first.
    pub async fn account_audit(&self) -> Result<Vec<AuditLine>, EngineError> {
        self.engine.account_audit(self.store, self.actor()).await
    }

    /// An authority's letter profile (the latest saved): for its officers
    /// and administrators; anyone else gets `Forbidden`.
    pub async fn authority_profile(
        &self,
        authority_id: i64,
    ) -> Result<Option<AuthorityProfile>, EngineError> {
        self.engine
            .authority_profile_as(self.store, self.user, authority_id)
            .await
    }

    /// Save an authority's letter profile (administrators only). It is
    /// tidied (trimmed, empty rows dropped) and validated, each error naming
    /// its field (`email`, `signatories[0].role`, …); the answer is what was saved.
    pub async fn set_authority_profile(
        &self,
        authority_id: i64,
        profile: AuthorityProfile,
    ) -> Result<AuthorityProfile, EngineError> {
        self.engine
            .set_authority_profile_as(self.store, self.user, authority_id, profile)
            .await
    }

    /// The files kept on a case, oldest first (`NotFound` if the user may
    /// not see the case).
    pub async fn attachments(&self, case_id: i64) -> Result<Vec<Attachment>, EngineError> {
        self.engine
            .attachments_as(self.store, self.user, case_id)
            .await
    }

    /// One file with its bytes, if it exists and the user may see its case.
    pub async fn attachment(
        &self,
        case_id: i64,
        id: i64,
    ) -> Result<Option<AttachmentFile>, EngineError> {
        self.engine
            .attachment_file_as(self.store, self.user, case_id, id)
            .await
    }

    /// Keep a file on a case the user may write, optionally linked to the
    /// event at `event_version`. A file that is empty, too large or not of
    /// a kept type is refused (`Invalid`, field `file`, naming it) and
    /// nothing is written.
    pub async fn add_attachment(
        &self,
        case_id: i64,
        file: NewAttachment,
        event_version: Option<i64>,
    ) -> Result<Attachment, EngineError> {
        self.engine
            .add_attachment_as(self.store, self.user, case_id, file, event_version)
            .await
    }

    /// Append an event and keep its files (a letter's PDF) in one store
    /// transaction, each file linked to the new event: both or neither.
    pub async fn append_event_with_attachments(
        &self,
        case_id: i64,
        expected: i64,
        event: EventFile,
        files: Vec<NewAttachment>,
    ) -> Result<CaseView, EngineError> {
        self.engine
            .append_event_with_attachments_as(
                self.store, self.user, case_id, expected, event, files, None,
            )
            .await
    }

    /// Save a draft of a letter of `kind` on a case the user may write;
    /// `answers_json` is a JSON object. Each save is kept; the latest wins.
    pub async fn save_letter_draft(
        &self,
        case_id: i64,
        kind: &str,
        answers_json: &str,
    ) -> Result<(), EngineError> {
        self.engine
            .save_letter_draft_as(self.store, self.user, case_id, kind, answers_json)
            .await
    }

    /// The latest draft of a letter of `kind` on a case the user may see.
    pub async fn letter_draft(
        &self,
        case_id: i64,
        kind: &str,
    ) -> Result<Option<LetterDraft>, EngineError> {
        self.engine
            .letter_draft_as(self.store, self.user, case_id, kind)
            .await
    }

    /// The case, and the letter drafted to go with `event_type` on it once
    /// its event has been filled in (with any answers that could not be
    /// taken). For someone who may record that kind on the case.
    pub async fn letter(
        &self,
        case_id: i64,
        event_type: EventType,
    ) -> Result<(CaseView, Option<(Letter, AnswerProblems)>), EngineError> {
        self.engine
            .letter_as(self.store, self.user, case_id, event_type)
            .await
    }

    /// Start (or restart) the letter for `event`: the event is checked
    /// against the whole timeline, nothing is recorded, and the draft keeps
    /// it with the answers given so far.
    pub async fn start_letter(
        &self,
        case_id: i64,
        event: EventFile,
    ) -> Result<Letter, EngineError> {
        self.engine
            .start_letter_as(self.store, self.user, case_id, event)
            .await
    }

    /// Add answers to the letter's draft (kept as typed); the answers that
    /// cannot be taken come back with what is wrong, in words.
    pub async fn answer_letter(
        &self,
        case_id: i64,
        event_type: EventType,
        answers: std::collections::BTreeMap<String, String>,
    ) -> Result<(Letter, AnswerProblems), EngineError> {
        self.engine
            .answer_letter_as(self.store, self.user, case_id, event_type, answers)
            .await
    }

    /// Send the drafted letter: its event is recorded at `expected` with the
    /// letter's PDF attached, in one write.
    pub async fn send_letter(
        &self,
        case_id: i64,
        event_type: EventType,
        expected: i64,
    ) -> Result<CaseView, EngineError> {
        self.engine
            .send_letter_as(self.store, self.user, case_id, event_type, expected, None)
            .await
    }

    /// `send_letter` with the reason for departing from a consistent
    /// answer (see `append_event_with_reason`).
    pub async fn send_letter_with_reason(
        &self,
        case_id: i64,
        event_type: EventType,
        expected: i64,
        reason: Option<&str>,
    ) -> Result<CaseView, EngineError> {
        self.engine
            .send_letter_as(self.store, self.user, case_id, event_type, expected, reason)
            .await
    }

    /// Send a request as a requester: one case per authority, in one
    /// write, linked as a batch when there are several.
    pub async fn make_request(&self, request: MakeRequest) -> Result<SentRequest, EngineError> {
        self.engine
            .make_request_as(self.store, self.user, request)
            .await
    }

    /// The other cases sent with case `id` that this user may see.
    pub async fn batch_of(&self, id: i64) -> Result<Vec<BatchCase>, EngineError> {
        self.engine.batch_of_as(self.store, self.user, id).await
    }

    /// A requester's newest `limit` requests with their status, and how many in all.
    pub async fn my_requests(&self, limit: usize) -> Result<MyRequests, EngineError> {
        self.engine
            .my_requests_as(self.store, self.user, limit)
            .await
    }

    /// Invite a requester (administrators): the link's token, shown once,
    /// and when it expires.
    pub async fn invite(&self, email: &str, name: &str) -> Result<(String, String), EngineError> {
        self.engine
            .invite(self.store, self.actor(), email, name)
            .await
    }

    /// The invitations, newest first (administrators).
    pub async fn invitations(&self) -> Result<Vec<InvitationLine>, EngineError> {
        self.engine.invitations(self.store, self.actor()).await
    }

    /// Turn open sign-up on or off (administrators).
    pub async fn set_open_sign_up(&self, on: bool) -> Result<(), EngineError> {
        self.engine
            .set_open_sign_up(self.store, self.actor(), on)
            .await
    }

    fn actor(&self) -> Actor<'_> {
        Actor::User(self.user)
    }
}

/// The engine and its store, for the system itself: the command line's
/// administration and the demo loader. Its use cases check no caller.
pub struct System {
    service: Service,
}

impl System {
    /// Open (creating and migrating if need be) the store at `url`:
    /// `sqlite://PATH` or `postgres://…`.
    pub async fn open(engine: impl Into<Arc<Engine>>, url: &str) -> Result<System, EngineError> {
        let store = Store::open(url).await?;
        Ok(System::new(engine, store))
    }

    /// The engine with a store already open.
    pub fn new(engine: impl Into<Arc<Engine>>, store: Store) -> System {
        System {
            service: Service {
                engine: engine.into(),
                store,
                library: Default::default(),
            },
        }
    }

    /// What a server holds: the same engine and store, caller-checked.
    pub fn service(&self) -> Service {
        self.service.clone()
    }

    pub fn engine(&self) -> &Engine {
        &self.service.engine
    }

    /// The store itself, for the system's own checks and tests.
    pub fn store(&self) -> &Store {
        &self.service.store
    }

    /// "SQLite" or "PostgreSQL".
    pub fn backend_name(&self) -> &'static str {
        self.store().backend().name()
    }

    /// Close the store's connections (SQLite then leaves no -wal or -shm file).
    pub async fn close(&self) {
        self.store().close().await;
    }

    /// What the store holds, counted.
    pub async fn holdings(&self) -> Result<Holdings, EngineError> {
        Ok(self.store().holdings().await?)
    }

    /// A marker kept in the store (say, "demo").
    pub async fn meta(&self, key: &str) -> Result<Option<String>, EngineError> {
        Ok(self.store().meta(key).await?)
    }

    pub async fn set_meta(&self, key: &str, value: &str) -> Result<(), EngineError> {
        Ok(self.store().set_meta(key, value).await?)
    }

    pub async fn add_authority(&self, slug: &str, name: &str) -> Result<Authority, EngineError> {
        self.engine().add_authority(self.store(), slug, name).await
    }

    pub async fn register(&self) -> Result<Register, EngineError> {
        self.engine().register(self.store()).await
    }

    /// Add an authority to the register; `by` is who the record names.
    pub async fn add_to_register(
        &self,
        new: &NewAuthority,
        by: &str,
    ) -> Result<RegisterEntry, EngineError> {
        self.engine().add_to_register(self.store(), new, by).await
    }

    pub async fn add_alias(&self, slug: &str, alias: &str, by: &str) -> Result<(), EngineError> {
        self.engine().add_alias(self.store(), slug, alias, by).await
    }

    /// Import case files under the authorities their files name, resolved
    /// through the register; all or none.
    pub async fn import_by_name(
        &self,
        items: &[(String, CaseFile)],
        by: &str,
    ) -> Result<Vec<i64>, EngineError> {
        self.engine().import_by_name(self.store(), items, by).await
    }

    /// A new account. Officers belong to an authority; other roles do not.
    pub async fn add_user(
        &self,
        email: &str,
        name: &str,
        role: Role,
        authority_slug: Option<&str>,
        password: &str,
    ) -> Result<User, EngineError> {
        self.engine()
            .add_user(self.store(), email, name, role, authority_slug, password)
            .await
    }

    /// A new API token for an account, returned once and stored only as a hash.
    pub async fn create_token(&self, email: &str, label: &str) -> Result<String, EngineError> {
        self.engine().create_token(self.store(), email, label).await
    }

    /// Revoke an account's tokens with this label.
    pub async fn revoke_tokens(&self, email: &str, label: &str) -> Result<u64, EngineError> {
        self.engine()
            .revoke_tokens(self.store(), email, label)
            .await
    }

    /// Open a case from a case file; `by` is who the log says recorded it.
    pub async fn open_case(
        &self,
        authority_slug: &str,
        reference: &str,
        file: CaseFile,
        by: &str,
    ) -> Result<CaseView, EngineError> {
        self.engine()
            .open_case(self.store(), authority_slug, reference, file, by)
            .await
    }

    /// Append one event at `expected` version (see `Engine::append_event`).
    pub async fn append_event(
        &self,
        case_id: i64,
        expected: i64,
        event: EventFile,
        by: &str,
    ) -> Result<CaseView, EngineError> {
        self.engine()
            .append_event(self.store(), case_id, expected, event, by)
            .await
    }

    /// A stored case, rebuilt from its log and assessed as at today.
    pub async fn case_view(&self, id: i64) -> Result<Option<CaseView>, EngineError> {
        self.engine().case_view(self.store(), id).await
    }

    /// Cases whose running deadline falls today, within n working days, or has passed.
    pub async fn queue(
        &self,
        kind: QueueKind,
        filter: &QueueFilter,
        limit: i64,
    ) -> Result<Vec<CaseSummary>, EngineError> {
        self.engine().queue(self.store(), kind, filter, limit).await
    }

    /// Open a case for each `(authority slug, reference, case file)`, all or none.
    pub async fn import_cases(
        &self,
        items: &[(String, String, CaseFile)],
        by: &str,
    ) -> Result<Vec<i64>, EngineError> {
        self.engine().import_cases(self.store(), items, by).await
    }

    /// The account with this address, disabled or not.
    pub async fn account_by_email(&self, email: &str) -> Result<User, EngineError> {
        self.engine().account_by_email(self.store(), email).await
    }

    /// Disable an account, as the command line (see `Engine::disable_account`).
    pub async fn disable_account(&self, account_id: i64) -> Result<AccountOutcome, EngineError> {
        self.engine()
            .disable_account(self.store(), Actor::CommandLine, account_id)
            .await
    }

    pub async fn enable_account(&self, account_id: i64) -> Result<AccountOutcome, EngineError> {
        self.engine()
            .enable_account(self.store(), Actor::CommandLine, account_id)
            .await
    }

    pub async fn reset_password(
        &self,
        account_id: i64,
        password: &str,
    ) -> Result<AccountOutcome, EngineError> {
        self.engine()
            .reset_password(self.store(), Actor::CommandLine, account_id, password)
            .await
    }

    pub async fn end_sessions(&self, account_id: i64) -> Result<AccountOutcome, EngineError> {
        self.engine()
            .end_sessions(self.store(), Actor::CommandLine, account_id)
            .await
    }

    /// The newest lines of the account audit record, newest first.
    pub async fn account_audit(&self) -> Result<Vec<AuditLine>, EngineError> {
        self.engine()
            .account_audit(self.store(), Actor::CommandLine)
            .await
    }

    /// The authority with this slug, if there is one.
    pub async fn authority(&self, slug: &str) -> Result<Option<Authority>, EngineError> {
        Ok(self.store().authority_by_slug(slug).await?)
    }

    /// An authority's letter profile (the latest saved).
    pub async fn authority_profile(
        &self,
        authority_id: i64,
    ) -> Result<Option<AuthorityProfile>, EngineError> {
        self.engine()
            .authority_profile(self.store(), authority_id)
            .await
    }

    /// Save an authority's letter profile, as the command line.
    pub async fn set_authority_profile(
        &self,
        authority_id: i64,
        profile: AuthorityProfile,
    ) -> Result<AuthorityProfile, EngineError> {
        self.engine()
            .set_authority_profile(self.store(), authority_id, profile, COMMAND_LINE)
            .await
    }

    /// Keep a file on a case; `by` is who the record says attached it.
    pub async fn add_attachment(
        &self,
        case_id: i64,
        file: NewAttachment,
        event_version: Option<i64>,
        by: &str,
    ) -> Result<Attachment, EngineError> {
        self.engine()
            .add_attachment(self.store(), case_id, file, event_version, by)
            .await
    }

    /// The files kept on a case, oldest first.
    pub async fn attachments(&self, case_id: i64) -> Result<Vec<Attachment>, EngineError> {
        self.engine().attachments(self.store(), case_id).await
    }

    /// Append an event with its files in one transaction (see `AsUser`'s twin).
    pub async fn append_event_with_attachments(
        &self,
        case_id: i64,
        expected: i64,
        event: EventFile,
        files: Vec<NewAttachment>,
        by: &str,
    ) -> Result<CaseView, EngineError> {
        self.engine()
            .append_event_with_attachments(self.store(), case_id, expected, event, files, by)
            .await
    }

    /// Turn open sign-up on or off, as the command line.
    pub async fn set_open_sign_up(&self, on: bool) -> Result<(), EngineError> {
        self.engine()
            .set_open_sign_up(self.store(), Actor::CommandLine, on)
            .await
    }

    pub async fn open_sign_up(&self) -> Result<bool, EngineError> {
        self.engine().open_sign_up(self.store()).await
    }

    /// The decision-notice library on this store and `index` (see
    /// `Engine::open_library`): the library, and a note if it was rebuilt.
    pub async fn open_library(
        &self,
        index: NoticeIndex,
        opened: Opened,
    ) -> Result<(Library, Option<String>), EngineError> {
        self.engine()
            .open_library(self.store().clone(), index, opened)
            .await
    }
}

/// The provisions a round robin's visible answers and advice rely on, most
/// relied on first.
fn round_robin_provisions(grid: &crate::api::RoundRobinGrid) -> Vec<foidesk_law::ProvisionId> {
    let mut counted: Vec<(foidesk_law::ProvisionId, usize)> = Vec::new();
    let cited = grid
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .flat_map(|c| &c.provisions)
        .chain(grid.advice.iter().flat_map(|a| &a.provisions));
    for text in cited {
        let Ok(id) = text.parse::<foidesk_law::ProvisionId>() else {
            continue;
        };
        match counted.iter_mut().find(|(p, _)| *p == id) {
            Some((_, n)) => *n += 1,
            None => counted.push((id, 1)),
        }
    }
    counted.sort_by_key(|c| std::cmp::Reverse(c.1));
    counted.into_iter().map(|(p, _)| p).collect()
}
