//! The crate's integration tests, one binary: a module per area.

mod accounts;
mod cases;
mod common;
mod complaints;
mod decision;
mod event_cap;
mod figures;
mod import;
mod intake;
mod letters;
mod precedent;
mod records;
mod register;
mod requester;
mod requests;
mod round_robins;
mod sign_in;
mod time;
