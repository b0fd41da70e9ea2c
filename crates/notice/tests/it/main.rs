//! The crate's integration tests, one binary: a module per area.

mod common;
mod corpus;
mod not_notice;
mod pages;
mod pdf;
mod printed;
mod props;
mod records;
mod robustness;
mod snapshots;
mod synthetic;
mod variants;
