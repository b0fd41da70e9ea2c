//! The crate's integration tests, one binary: a module per area.

mod detection;
