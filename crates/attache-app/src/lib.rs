//! Attaché's use cases. Every read and write of the register goes through [`App`], with
//! the acting user, so that rules, labels and (later) audit live in one place. File formats
//! (import, export) and demo data are here too: they are uses of the register, not storage.

pub mod ame;
pub mod analytics;
mod cache;
pub mod coordination;
pub mod csbm;
pub mod csbm_air_base;
pub mod csbm_documents;
pub mod dataset;
pub mod demo;
mod demo_ame;
mod demo_coordination;
mod demo_loader;
mod engagement;
pub mod error;
pub mod export;
pub mod import;
pub mod reference;
mod register;
pub mod reports;
pub mod series;
pub mod tokens;
pub mod users;
pub mod words;

pub use error::AppError;
pub use register::{ActivityEdit, App};

pub type Result<T, E = AppError> = std::result::Result<T, E>;
