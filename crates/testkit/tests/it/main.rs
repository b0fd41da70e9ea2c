//! The crate's integration tests, one binary: a module per area.

mod layers;
mod machine_paths;
