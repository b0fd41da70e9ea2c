//! The crate's integration tests, one binary: a module per area.

mod corpus;
mod detection;
mod golden;
mod hostile;
mod normalise;
mod properties;
mod quality;
mod vocabulary;
