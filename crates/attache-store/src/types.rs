//! The values that go in and out of the store besides domain records and queries: what an
//! import did and where it came from, a change to an account, an API token as listed.

use attache_domain::records::{Agreement, Asset, Objective, Person};
use attache_domain::{SecurityLabel, Status};
use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

impl std::ops::AddAssign for ImportOutcome {
    fn add_assign(&mut self, other: Self) {
        self.inserted += other.inserted;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
    }
}

/// What one batch of an import wrote, and each row it gave a status that no transition
/// did (history): whether that may stand is the caller's rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    pub outcome: ImportOutcome,
    pub statuses_set: Vec<StatusSet>,
    /// Each stored row whose label the import changed: whether the importer may is the
    /// caller's rule too.
    pub relabelled: Vec<Relabelled>,
}

/// A stored row of a batch (`row`, its index) given another label by the import: its
/// owning nation and its label before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relabelled {
    pub row: usize,
    pub owner: String,
    pub before: SecurityLabel,
}

/// A row of a batch (`row`, its index) given a status by the import: a new activity past
/// proposed (`from` is `None`), or a stored one whose status its source changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusSet {
    pub row: usize,
    pub from: Option<Status>,
    pub to: Status,
}

/// A row an add found stored already (`new` false, nothing changed) or stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Added {
    pub id: i64,
    pub new: bool,
}

/// A record to add: what the `add_…` methods and an import session's `add_record` take.
#[derive(Debug, Clone, Copy)]
pub enum NewRecord<'a> {
    Objective(&'a Objective),
    Person(&'a Person),
    Asset(&'a Asset),
    Agreement(&'a Agreement),
}

/// Where an import's rows come from, as its audit entries name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOrigin {
    /// The source the import gives rows that do not name theirs; the entries' record id.
    pub source: String,
    /// The file's name, or what generated the rows.
    pub file: String,
    /// The SHA-256 of the file's bytes, in lower-case hex; empty for generated rows.
    pub sha256: String,
}

/// A change to an account: what is set is changed.
#[derive(Debug, Clone, Default)]
pub struct UserChange {
    pub disabled: Option<bool>,
    pub password_hash: Option<String>,
    pub roles: Option<Vec<attache_domain::access::UserRole>>,
    pub clearance: Option<attache_domain::Classification>,
}

/// An API token as anyone may see it: never the token itself, which is shown once.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ApiToken {
    pub id: i64,
    pub user_name: String,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}
