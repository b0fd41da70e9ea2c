//! The crate's integration tests, one binary: a module per area.

mod access;
mod casepage;
mod common;
mod complaints;
mod concurrency;
mod dates;
mod decision;
mod event_cap;
mod figures;
mod headers;
mod intake;
mod lifecycle;
mod malformed;
mod openapi;
mod records;
mod register;
mod requester;
mod requests;
mod round_robin_coordinator;
mod round_robin_pages;
mod round_robin_setup;
mod round_robins;
mod sign_in;
mod statistics_return;
mod web;
