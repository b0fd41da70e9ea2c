//! The boundary's types: what front ends (the server, the command line) may
//! name from the crates below the engine. A front end depends on the engine
//! alone and takes these from here, so the layers under it can change
//! behind this list.

pub use crate::round_robins::{
    Advice, CellResult, ConsistencyWarning, GridCell, GridPart, GridRow, LinkBy, PartAdvice,
    RelatedRequest, RoundRobinGrid, RoundRobinSummary, Stance, WarningPattern, WarningPeer,
};
pub use foidesk_calendar::{
    CalendarError, CalendarSettings, Date, Holiday, LateProclamationPolicy, NonWorkingDay,
};
pub use foidesk_case::file::{
    CaseFile, CaseMeta, ClosureFile, EventFile, OutcomeFile, PartFile, RequestFile,
    SchoolCalendarFile,
};
pub use foidesk_case::returns::{
    InitialOutcome, OutcomeCounts, ReturnCounts, ReviewCounts, ReviewOutcome,
    Timeliness as ReturnTimeliness, TimelinessCounts,
};
pub use foidesk_case::{
    closing_words, deadline_label, decision_steps, default_steps_days, AppealResult, AssessError,
    Assessment, Case, CaseError, Channel, Correction, DeadlineState, DeadlineStatus, Deadlines,
    DeclineGround, Desk, Event, EventField, EventKind, EventType, Finding, FindingKind,
    GroundCheck, GroundState, NextDeadline, NoticeOutcome, OrderedStep, Outcome, PartOutcome,
    Request, RequesterType, ReviewResult, Stage, Status, StepState,
};
pub use foidesk_case::{day_and_month, requester_status};
/// The official return's lines, definitions and sources (`OfficialReturn::rows`).
pub use foidesk_docs::returns::{
    exemption_label, Definition as ReturnDefinition, ReturnRow, Section as ReturnSection,
    Source as ReturnSource, SOURCES as RETURN_SOURCES,
};
pub use foidesk_law::{Catalogue, Provision, ProvisionId, Regime};
/// The likeness crate's quality on synthetic pairs (for `bench round-robins`).
pub use foidesk_likeness::quality::{measure as likeness_quality, Quality as LikenessQuality};
pub use foidesk_likeness::Likeness;
/// The outcome a decision notice in the library records (the notice parser's).
pub use foidesk_notice::Outcome as LibraryOutcome;
pub use foidesk_notice::{NoticeRecord, Parsed};
pub use foidesk_search::{
    Hit, HitParagraph, NoticeIndex, NoticePage, NumberedParagraph, Opened, OutcomeCount,
    SearchQuery, SearchResults, Sort,
};
pub use foidesk_store::{
    redact_url, Authority, CaseSort, CaseSummary, Holdings, LibraryStats, ListedCase, Listing,
};
