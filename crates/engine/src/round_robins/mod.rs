//! Round robins: one request sent to many authorities, recognised from its
//! text alone, shown as a grid of each authority's answer part by part, and
//! the consistency of a planned answer checked against the others'.

mod types;

pub use types::{
    CellResult, ConsistencyWarning, GridCell, GridPart, GridRow, RoundRobinGrid, Stance,
    WarningPattern, WarningPeer,
};
