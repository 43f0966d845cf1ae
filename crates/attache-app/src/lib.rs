//! Attaché's use cases. Every read and write of the register goes through [`App`], with
//! the acting user, so that rules, labels and audit live in one place. File formats
//! (import, export) and demo data are here too: they are uses of the register, not storage.
//!
//! A folder (or a file) per feature, named as in every other crate: `register` (set-up,
//! activities, import and export), `accounts`, `audit`, `coordination`, `csbm`, `analytics`, `ame`,
//! `datasets`, `reports` and `demo`; what they share (`cache`, `error`, `database`,
//! `words`) is at the top.

// An index out of range is a panic, and a panic in a server or an import is a defect:
// slices are read with `get`, and what cannot fail is written so.
#![deny(clippy::indexing_slicing)]

pub mod accounts;
pub mod ame;
pub mod analytics;
mod audit;
mod cache;
pub mod coordination;
pub mod csbm;
pub mod database;
pub mod datasets;
// The demo's generator indexes its own constant tables (none empty) by numbers it draws
// modulo their length or picks among their positions: in range by construction.
#[allow(clippy::indexing_slicing)]
pub mod demo;
pub mod error;
pub mod register;
pub mod reports;
pub mod words;

/// Values the use cases return, as the store keeps them.
pub use attache_store::{
    ApiToken, AuditEntry, AuditKey, AuditVerdict, Break, Checkpoint, Dataset, KeyError, KeyFile,
    PublicKey,
};
pub use database::Database;
pub use error::AppError;
pub use register::{ActivityEdit, App};

pub type Result<T, E = AppError> = std::result::Result<T, E>;
