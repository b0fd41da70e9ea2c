//! The crate's integration tests, one binary: a module per area.

mod access;
mod common;
mod concurrency;
mod dates;
mod headers;
mod lifecycle;
mod malformed;
mod openapi;
mod records;
mod sign_in;
mod web;
