//! The SQL implementation of [`crate::Store`], written once for both databases.
//!
//! Each part below is a module of its own, declared in `parts.rs` and compiled twice: once
//! inside `sqlite.rs` and once inside `postgres.rs`, which define `Db` and the backend's
//! constants (how a write begins, how ids are drawn, how times are bound). A part reaches
//! them as `super::Db`, `super::BEGIN_WRITE`, …, and its siblings as `super::shared`,
//! `super::activities`, ….
//! Writing the SQL generic over `sqlx::Database` instead would need higher-ranked bounds
//! on every function and runs into sqlx's known "implementation of Executor is not
//! general enough" errors in `Send` futures; two concrete copies of one source keep each
//! query written once, in portable SQL (`$1` placeholders work on both).
//!
//! - `shared.rs`: the store, and the helpers every part uses (visibility, labels and
//!   stamps, conflicts, the audit append); `store.rs`: `impl Store`, a table of
//!   delegations to the parts;
//! - `activities.rs`: activities (reads, writes, filters, cursors, children, status
//!   changes); `engagement.rs` and `overlap.rs`: engagement counts, and the start-date
//!   bound of overlapping ranges; `analytics.rs`: the analytics' read;
//! - `records.rs`: partners, people, assets, objectives, agreements, reference loading;
//! - `accounts.rs`: users, sessions, API tokens, sign-in locks;
//! - `audit.rs`: the audit trail's reads and verification, the change marker;
//!   `checkpoints.rs`: its signed checkpoints; `audit_records.rs`: the stored records
//!   read against their last audited change;
//! - `meta.rs`: migrations, the schema check, metadata;
//! - `import.rs`: the import session;
//! - `csbm.rs`, `coordination.rs`, `datasets.rs`, `ame.rs`: the SQL of the feature
//!   stores (`crate::CsbmStore`, `crate::CoordinationStore`, `crate::DatasetStore`,
//!   `crate::AmeStore`).

pub mod open;
mod rows;

pub mod postgres;
pub mod sqlite;
