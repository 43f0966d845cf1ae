//! The store's stories, each on SQLite and, with `ATTACHE_TEST_POSTGRES`, PostgreSQL: one module per feature.
//! One test binary for the crate (each binary links sqlx and axum again).

// Tests: a failure is a failed test, said as plainly as possible.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod ame;
mod coordination;
mod csbm;
mod store;
