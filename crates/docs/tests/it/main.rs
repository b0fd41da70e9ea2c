//! The crate's integration tests, one binary: a module per area.

mod common;
mod decision_form;
mod errors;
mod letters;
mod missing;
mod notices;
mod questions;
mod refusal;
mod render;
mod returns;
