//! The crate's integration tests, one binary: a module per area.

mod accounts;
mod append_only;
mod bulk;
mod cases;
mod common;
mod complaints;
mod filters;
mod library;
mod lifecycle;
mod listing;
mod open;
mod records;
mod register;
mod requesters;
mod round_robins;
