//! The HTTP server from outside, over real sockets and a real browser: one module per feature.
//! One test binary for the crate (each binary links sqlx and axum again).

// Tests: a failure is a failed test, said as plainly as possible.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[macro_use]
mod support;
mod accounts;
mod ame;
mod analytics;
mod api;
mod audit;
mod browser;
mod coordination;
mod csbm;
mod datasets;
mod permissions;
mod records;
mod register;
mod reports;
mod security;
