//! The store's stories, one module per feature: every story is one generic function over
//! `Store`, run against SQLite (a fresh file) and, when `ATTACHE_TEST_POSTGRES` holds a
//! server URL, against PostgreSQL (a fresh database per test, dropped at the end).
//!
//! ```text
//! ATTACHE_TEST_POSTGRES=postgres://attache:attache@127.0.0.1:5432/postgres cargo test -p attache-store
//! ```
//!
//! Without the variable the PostgreSQL half is skipped with a note; with it, a server that
//! cannot be reached fails the tests. One test binary for the crate (each binary links sqlx
//! again).

// Tests: a failure is a failed test, said as plainly as possible.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod access;
mod accounts;
mod ame;
mod analytics;
mod audit;
mod coordination;
mod csbm;
mod meta;
mod records;
mod register;
mod support;
