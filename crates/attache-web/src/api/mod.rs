//! The JSON API under `/api/v1`: a module per feature, named as in every other crate, each
//! holding its endpoints with their `#[utoipa::path]` descriptions (registered in `lib.rs`).

pub mod accounts;
pub mod ame;
pub mod analytics;
pub mod audit;
pub mod coordination;
pub mod csbm;
pub mod datasets;
pub mod records;
pub mod register;
