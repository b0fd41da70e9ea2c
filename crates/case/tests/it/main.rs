//! The crate's integration tests, one binary: a module per area.

mod complaints;
mod corrections;
mod dated;
mod deadlines;
mod examples;
mod properties;
mod request_fields;
mod requester_status;
mod returns;
mod stage;
mod steps;
mod validation;
