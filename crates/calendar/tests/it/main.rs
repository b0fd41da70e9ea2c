//! The crate's integration tests, one binary: a module per area.

mod dates;
mod deadlines;
mod explain;
mod govuk_crosscheck;
mod properties;
mod rules_vs_table;
