//! The crate's integration tests, one binary: a module per area.

mod dated;
mod examples;
mod properties;
mod request_fields;
mod stage;
mod validation;
