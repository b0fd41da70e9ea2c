//! The crate's integration tests, one binary: a module per area.

mod catalogue;
mod citations;
mod eir;
mod exemptions;
mod parameters;
mod properties;
