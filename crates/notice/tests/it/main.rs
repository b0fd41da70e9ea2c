//! The crate's integration tests, one binary: a module per area.

mod common;
mod corpus;
mod pdf;
mod printed;
mod props;
mod robustness;
mod snapshots;
mod synthetic;
