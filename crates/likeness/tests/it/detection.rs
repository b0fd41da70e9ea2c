//! The detection tests.
