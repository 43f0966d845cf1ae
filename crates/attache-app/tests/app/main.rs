//! The use cases on real databases: one module per feature.
//! One test binary for the crate (each binary links sqlx and axum again).

// Tests: a failure is a failed test, said as plainly as possible.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod ame;
mod answer_cache;
mod coordination_lists;
mod datasets;
mod demo_load;
mod record_updates;
mod reports;
