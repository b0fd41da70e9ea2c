//! The crate's integration tests, one binary: a module per area.

mod corpus;
mod detection;
mod golden;
mod normalise;
mod properties;
mod quality;
mod vocabulary;
