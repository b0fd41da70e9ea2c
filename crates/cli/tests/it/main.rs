//! The crate's integration tests, one binary: a module per area.

mod accounts;
mod accuracy;
mod bench_cases;
mod bench_round_robins;
mod cli;
mod durability;
mod hostile_sign_in;
mod import;
mod library;
mod library_web;
mod lifecycle;
mod notice;
mod render;
mod serve;
mod slow_clients;
mod stats;
mod store_open;
