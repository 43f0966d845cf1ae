//! The `attache` binary as a user runs it, on scratch databases: one module per feature.
//! One test binary for the crate (each binary links sqlx and axum again).

// Tests: a failure is a failed test, said as plainly as possible.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod accounts;
mod ame;
mod analytics;
mod audit;
mod coordination;
mod csbm;
mod datasets;
mod records;
mod register;
mod reports;
mod support;
