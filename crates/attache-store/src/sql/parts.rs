//! The store's parts, declared once and compiled in each backend's module (`sqlite.rs`,
//! `postgres.rs`): a part reaches the backend's type and constants as `super::Db`, …, and
//! its siblings as `super::shared`, ….

use super::{
    BEGIN_WRITE, BoundTime, COMPLETED_BY_END, DEFERRED_INDEXES, Db, IMPORT_CONNECTION,
    LONGEST_SPAN, MIGRATOR, NEW_IDS, SNAPSHOT, bound_date, bound_time,
};

#[path = "accounts.rs"]
pub(super) mod accounts;
#[path = "activities.rs"]
pub(super) mod activities;
#[path = "ame.rs"]
pub(super) mod ame;
#[path = "analytics.rs"]
pub(super) mod analytics;
#[path = "audit.rs"]
pub(super) mod audit;
#[path = "audit_records.rs"]
pub(super) mod audit_records;
#[path = "checkpoints.rs"]
pub(super) mod checkpoints;
#[path = "coordination.rs"]
pub(super) mod coordination;
#[path = "csbm.rs"]
pub(super) mod csbm;
#[path = "datasets.rs"]
pub(super) mod datasets;
#[path = "engagement.rs"]
pub(super) mod engagement;
#[path = "import.rs"]
pub(super) mod import;
#[path = "meta.rs"]
pub(super) mod meta;
#[path = "overlap.rs"]
pub(super) mod overlap;
#[path = "records.rs"]
pub(super) mod records;
#[path = "shared.rs"]
pub(super) mod shared;
#[path = "store.rs"]
pub(super) mod store;
