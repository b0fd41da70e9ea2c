//! Round robins: one request sent to many authorities, recognised from its
//! text alone, shown as a grid of each authority's answer part by part, and
//! the consistency of a planned answer checked against the others'.

mod actions;
mod as_user;
mod grid;
mod lookup;
mod print;
mod types;
mod warnings;

pub(crate) use actions::checked_reason;
pub use types::{
    CellResult, ConsistencyWarning, GridCell, GridPart, GridRow, LinkBy, PartAdvice,
    RelatedRequest, RoundRobinGrid, RoundRobinSummary, Stance, WarningPattern, WarningPeer,
};
pub use warnings::Advice;
