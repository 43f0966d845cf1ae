//! A record as the register keeps it: the record with what the store adds to it (id, owner,
//! who made and last changed it, when, its version), and the status history's entries.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::status::Status;

/// What the store adds to every record.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RecordMeta {
    pub id: i64,
    pub owner_nation: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Stored<T> {
    pub meta: RecordMeta,
    pub record: T,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StatusChange {
    pub from: Status,
    pub to: Status,
    pub by: String,
    pub at: DateTime<Utc>,
}
