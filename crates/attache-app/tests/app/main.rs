//! The use cases on real databases: one module per feature.
//! One test binary for the crate (each binary links sqlx and axum again).

// Tests: a failure is a failed test, said as plainly as possible.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod accounts;
mod ame;
mod audit;
mod cache;
mod coordination;
mod datasets;
mod demo;
mod labels;
mod records;
mod reports;
