//! The crate's integration tests, one binary: a module per area.

mod accounts;
mod cases;
mod common;
mod import;
mod intake;
mod letters;
mod records;
mod requests;
mod sign_in;
mod time;
