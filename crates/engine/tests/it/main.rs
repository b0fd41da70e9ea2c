//! The crate's integration tests, one binary: a module per area.

mod accounts;
mod cases;
mod common;
mod complaints;
mod import;
mod intake;
mod letters;
mod records;
mod sign_in;
mod time;
