//! # foidesk-engine: what can a user of foidesk do?
//!
//! The facade over the pure crates: each public method is one use case
//! (compute a deadline, explain a calendar range, look up or parse law,
//! assess a case file). It is the only crate that reads the clock; tests
//! inject a `FixedClock`.
//!
//! Invariant: no SQL, no HTTP, no environment or file access here — callers
//! (the CLI, later the server) hand in text, bytes, an opened store and an
//! opened search index.

mod access;
mod accounts;
pub mod api;
mod attachments;
mod cases;
mod clock;
mod complaints;
mod documents;
mod drafts;
mod facts;
mod figures;
mod import;
mod intake;
mod letters;
mod library;
mod lifecycle;
mod notice;
mod open_complaint;
mod passwords;
mod precedent;
mod profile;
mod register;
mod registration;
mod requester;
mod requests;
mod return_export;
mod round_robins;
mod service;
mod text;
mod throttle;

pub use access::Access;
pub use accounts::{Role, User, MAX_EMAIL_CHARS, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
pub use attachments::{
    sha256_hex, size_in_words, Attachment, AttachmentFile, FileType, NewAttachment,
    MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_NAME_CHARS,
};
pub use cases::{CaseView, QueueFilter, QueueKind, MAX_EVENTS_PER_CASE};
pub use clock::{time_in_words, Clock, FixedClock, SystemClock};
pub use complaints::{age_words, ComplaintFilter, ComplaintRow, ComplaintStage};
pub use documents::facts_outline;
pub use drafts::{LetterDraft, MAX_DRAFT_BYTES};
pub use facts::FACTS_VERSION;
pub use figures::{
    AgeAtClosing, AuthorityFigures, AuthorityName, ComplaintFigures, Figures, MonthFigures,
    OfficialReturn, Period, StepsFigures, TimelinessFigures,
};
pub use foidesk_docs::{
    Block, Document, DocumentKind, Facts, Format, InputKind, Missing, Question, QuestionPage,
    RenderError,
};
pub use intake::{
    default_reference_prefix, environmental_hint, regime_name, CaseListFilter, Colleague,
    LogRequest, MAX_LISTED, MAX_PARTS,
};
pub use letters::{letters_for, AnswerProblems, Letter, LetterWork};
pub use library::{
    content_hash, FileOutcome, Ingest, IngestReport, IngestStatus, Library, ReadDocument,
    SourceFile,
};
pub use library::{kind_from_notice, IndexPlace, LibraryDesk};
pub use lifecycle::{AccountOutcome, AuditLine, AUDIT_LINES, COMMAND_LINE};
pub use notice::{notice_to_case, NoticeCase};
pub use open_complaint::{ComplaintAuthority, OpenComplaint};
pub use passwords::Passwords;
pub use precedent::{considered, Precedent, Precedents, PRECEDENTS};
pub use profile::{
    AuthorityProfile, Signatory, MAX_ADDRESS_LINES, MAX_REFERENCE_PREFIX_CHARS, MAX_SIGNATORIES,
};
pub use register::{match_key, slug_for, AuthorityKind, NewAuthority, Register, RegisterEntry};
pub use registration::{InvitationLine, Invited, INVITATION_DAYS};
pub use requester::{Availability, RequesterAction};
pub use requests::{BatchCase, MakeRequest, MyRequest, MyRequests, SentRequest, MAX_AUTHORITIES};
pub use service::{AsUser, Service, System, DEMO_PASSWORD};
pub use throttle::SignInSettings;

/// The store's conformance harness, for the tests of crates above the
/// engine: each test runs on SQLite and, when configured, on PostgreSQL;
/// and the store itself and the index's stamp, so a test can check what was
/// written or forge what another process left behind.
#[cfg(feature = "testing")]
pub mod testing {
    pub use foidesk_search::BuiltFrom;
    pub use foidesk_store::testing::*;
    pub use foidesk_store::{CaseListQuery, CaseScope, Store};
}

use foidesk_calendar::{
    CalendarError, CalendarSettings, Date, Holiday, NonWorkingDay, WorkingDayCalendar,
};
use foidesk_case::{assess_with, AssessError, Assessment, Case, CaseError, Context};
use foidesk_law::{Catalogue, Provision, ProvisionId};

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error(transparent)]
    Case(#[from] CaseError),
    #[error(transparent)]
    Assess(#[from] AssessError),
    #[error("'{text}' is not a provision id: {reason}")]
    InvalidProvision { text: String, reason: String },
    #[error("unknown provision: {}", ids.join(", "))]
    UnknownProvision { ids: Vec<String> },
    #[error("no provision found in '{text}'")]
    NoCitation { text: String },
    #[error("the notice does not state {what}, so no case file can be written")]
    NoticeIncomplete { what: String },
    #[error("could not serialise: {message}")]
    Serialise { message: String },
    #[error("{what} {key} already exists")]
    Duplicate { what: &'static str, key: String },
    #[error("no {what} {key}")]
    NotFound { what: &'static str, key: String },
    /// Another write reached the case first; `current` is its version now.
    #[error("case {case_id} is at version {current}, not {expected}: reload it and try again")]
    Conflict {
        case_id: i64,
        expected: i64,
        current: i64,
    },
    #[error("an append needs at least one event")]
    NothingToAppend,
    /// A case would hold more events than `MAX_EVENTS_PER_CASE`.
    #[error(
        "a case can hold at most {} events, and this one would hold {}: \
         open a new case for the correspondence that follows, and give it this \
         case's reference in a note",
        thousands(*.limit),
        thousands(*.events)
    )]
    TooManyEvents { limit: usize, events: usize },
    /// The store failed (could not open, did not answer, a database error):
    /// not the caller's mistake.
    #[error(transparent)]
    Store(foidesk_store::StoreError),
    #[error(transparent)]
    Search(#[from] foidesk_search::SearchError),
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error("not allowed: {message}")]
    Forbidden { message: String },
    #[error("too many failed sign-ins for this address: try again in {minutes} minutes")]
    Throttled { minutes: i64 },
    /// Said only to someone who gave the account's right password.
    #[error("this account has been disabled: ask an administrator to enable it")]
    Disabled,
    /// A planned response departs from a consistent answer: record a
    /// reason to go on (a warning never blocks).
    #[error("{} consistency warning(s): give a reason to go on", .0.len())]
    ReasonNeeded(Vec<round_robins::ConsistencyWarning>),
    #[error("stored record {id} could not be read back: {message}")]
    CorruptRecord { id: i64, message: String },
}

/// The store's answers that are the caller's business become the engine's
/// own variants, with the same words, so front ends never match store errors.
impl From<foidesk_store::StoreError> for EngineError {
    fn from(e: foidesk_store::StoreError) -> EngineError {
        use foidesk_store::StoreError as S;
        match e {
            S::Duplicate { what, key } => EngineError::Duplicate { what, key },
            S::NotFound { what, key } => EngineError::NotFound { what, key },
            S::Conflict {
                case_id,
                expected,
                current,
            } => EngineError::Conflict {
                case_id,
                expected,
                current,
            },
            S::NothingToAppend => EngineError::NothingToAppend,
            other => EngineError::Store(other),
        }
    }
}

pub struct Engine {
    clock: Box<dyn Clock>,
    calendar: WorkingDayCalendar,
    law: &'static Catalogue,
    sign_ins: throttle::Throttle,
    passwords: Passwords,
    /// How many days after today an event may be dated (default 0).
    future_date_tolerance_days: u32,
}

impl Engine {
    pub fn new(clock: Box<dyn Clock>, settings: CalendarSettings) -> Engine {
        Engine {
            clock,
            calendar: WorkingDayCalendar::uk(settings),
            law: Catalogue::standard(),
            sign_ins: throttle::Throttle::new(throttle::DEFAULT_FAILURES_KEPT),
            passwords: Passwords::new(SignInSettings::default().concurrent_hashes),
            future_date_tolerance_days: 0,
        }
    }

    /// The same engine with sign-in's bounds changed.
    pub fn with_sign_in(mut self, settings: SignInSettings) -> Engine {
        self.sign_ins = throttle::Throttle::new(settings.failures_kept);
        self.passwords = Passwords::new(settings.concurrent_hashes);
        self
    }

    /// Password hashing: how many run, for monitoring and tests.
    pub fn passwords(&self) -> &Passwords {
        &self.passwords
    }

    /// Accept events dated up to `days` after today (default 0: none after today).
    pub fn with_future_date_tolerance_days(mut self, days: u32) -> Engine {
        self.future_date_tolerance_days = days;
        self
    }

    /// The latest date a written event may carry: today plus the tolerance.
    pub fn latest_event_date(&self) -> Date {
        self.today()
            .checked_add_days(i64::from(self.future_date_tolerance_days))
            .unwrap_or_else(|_| Date::max_supported())
    }

    pub fn today(&self) -> Date {
        self.clock.today()
    }

    /// The current instant, RFC 3339 in UTC, for records of when things happened.
    pub fn timestamp(&self) -> String {
        self.clock.timestamp()
    }

    /// A deadline nothing has met yet, as at today: running or overdue
    /// (what the queues show). None if the date is outside the calendar.
    pub fn running_status(&self, due: Date) -> Option<foidesk_case::DeadlineStatus> {
        foidesk_case::running_status(due, self.today(), &self.calendar).ok()
    }

    pub fn calendar(&self) -> &WorkingDayCalendar {
        &self.calendar
    }

    pub fn law(&self) -> &'static Catalogue {
        self.law
    }

    /// The `working_days`th working day after `received` (FOIA s.10(1): 20).
    pub fn deadline(&self, received: Date, working_days: u32) -> Result<Date, EngineError> {
        Ok(self.calendar.add_working_days(received, working_days)?)
    }

    pub fn explain(&self, from: Date, to: Date) -> Result<Vec<NonWorkingDay>, EngineError> {
        Ok(self.calendar.explain(from, to)?)
    }

    pub fn holidays(&self, year: i16) -> Result<Vec<Holiday>, EngineError> {
        Ok(foidesk_calendar::holidays_in_year(year)?)
    }

    /// Look up a provision by canonical id or citation text ("s.31", "section 31(3)").
    pub fn provision(&self, text: &str) -> Result<(ProvisionId, &'static Provision), EngineError> {
        let id = match ProvisionId::parse(text.trim()) {
            Ok(id) => id,
            Err(_) => {
                let mut ids = self.parse_citations(text)?;
                if ids.len() != 1 {
                    return Err(EngineError::InvalidProvision {
                        text: text.to_owned(),
                        reason: "name exactly one provision, e.g. s.31 or reg.12(5)(e)".into(),
                    });
                }
                ids.remove(0)
            }
        };
        match self.law.provision(&id) {
            Some(p) => Ok((id, p)),
            None => Err(EngineError::UnknownProvision {
                ids: vec![id.to_string()],
            }),
        }
    }

    /// Canonical ids cited in free text; any unknown provision is an error naming it.
    pub fn parse_citations(&self, text: &str) -> Result<Vec<ProvisionId>, EngineError> {
        let parsed = self.law.parse_citations(text);
        if !parsed.unknown.is_empty() {
            let mut ids: Vec<String> = parsed.unknown.iter().map(|c| c.id.to_string()).collect();
            ids.dedup();
            return Err(EngineError::UnknownProvision { ids });
        }
        let provisions = parsed.provisions();
        if provisions.is_empty() {
            return Err(EngineError::NoCitation {
                text: text.to_owned(),
            });
        }
        Ok(provisions)
    }

    /// Parse a decision notice (text, Markdown or HTML); never fails.
    pub fn parse_notice(&self, input: &[u8], file: Option<&str>) -> foidesk_notice::Parsed {
        let mut parsed = foidesk_notice::parse_any(input);
        parsed.record.file = file.map(str::to_owned);
        parsed
    }

    pub fn parse_case(&self, text: &str) -> Result<Case, EngineError> {
        Ok(foidesk_case::parse_case(text)?)
    }

    /// Assess a case file's text as at `as_at`, or today.
    pub fn assess_text(
        &self,
        text: &str,
        as_at: Option<Date>,
    ) -> Result<(Case, Assessment), EngineError> {
        let case = self.parse_case(text)?;
        let as_at = as_at.unwrap_or_else(|| self.today());
        let ctx = Context {
            calendar: &self.calendar,
            law: self.law,
        };
        let assessment = assess_with(&case, as_at, ctx)?;
        Ok((case, assessment))
    }
}

/// A count as people write it: 2,000.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
