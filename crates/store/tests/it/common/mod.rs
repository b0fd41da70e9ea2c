//! The conformance harness lives in the store crate (feature `testing`) so
//! the engine and server tests share it.

#[allow(unused_imports)]
pub use foidesk_store::testing::{check, fresh_stores};
