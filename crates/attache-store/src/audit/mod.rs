//! The audit trail's entries and their hash chain: what is hashed, once. How the trail is
//! verified is beside it: the walk along the chain (`walk.rs`), the signed checkpoints of
//! its head and their key (`checkpoint.rs`, `key.rs`), the stored records against their
//! last audited change (`records.rs`) and the verdict (`verdict.rs`). The SQL that appends
//! entries is in `sql/shared.rs`, the SQL that reads and verifies them in `sql/audit.rs`,
//! `sql/checkpoints.rs` and `sql/audit_records.rs`.

mod checkpoint;
mod key;
mod records;
mod verdict;
mod walk;

pub use checkpoint::Checkpoint;
pub(crate) use checkpoint::CheckpointCheck;
pub use key::{AuditKey, KeyError, KeyFile, PublicKey};
pub(crate) use records::{LastChange, RecordCheck};
pub use verdict::{AuditVerdict, Break, CheckpointTally, RecordTally};
pub(crate) use walk::ChainWalk;

use serde::Serialize;
use sha2::{Digest, Sha256};

use attache_domain::access::Actor;

/// The hash that the first entry chains to.
pub const GENESIS: &str = "genesis";

/// One change, as kept in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    /// UTC, to the microsecond, as hashed.
    pub at: String,
    pub actor: String,
    pub actor_nation: String,
    /// `create`, `update`, `transition`, `import` or `reference`.
    pub action: String,
    pub record_type: String,
    pub record_id: String,
    /// The record's label, so that the trail is filtered like the record.
    pub classification: String,
    pub releasable_to: String,
    pub owner_nation: String,
    /// The record as JSON before and after the change.
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// A change about to be appended: what the write path knows.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub action: &'static str,
    pub record_type: &'static str,
    pub record_id: String,
    pub classification: &'static str,
    pub releasable_to: String,
    pub owner_nation: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl AuditEntry {
    /// SHA-256 over every field but the hash itself, as a JSON array (unambiguous however
    /// the fields' text looks), in lower-case hex.
    pub fn compute_hash(&self) -> String {
        let fields = serde_json::json!([
            self.id,
            self.at,
            self.actor,
            self.actor_nation,
            self.action,
            self.record_type,
            self.record_id,
            self.classification,
            self.releasable_to,
            self.owner_nation,
            self.before,
            self.after,
            self.prev_hash,
        ]);
        hex(&Sha256::digest(fields.to_string().as_bytes()))
    }
}

/// Turns changes into chained entries, numbered from `last_id + 1`.
pub(crate) fn chain(
    actor: &Actor,
    last_id: i64,
    last_hash: &str,
    changes: Vec<Change>,
) -> Vec<AuditEntry> {
    let at = audit_time(actor.at);
    let mut prev_hash = last_hash.to_owned();
    let mut entries = Vec::with_capacity(changes.len());
    for (n, change) in changes.into_iter().enumerate() {
        let mut entry = AuditEntry {
            id: last_id + 1 + n as i64,
            at: at.clone(),
            actor: actor.name.clone(),
            actor_nation: actor.nation.to_string(),
            action: change.action.to_owned(),
            record_type: change.record_type.to_owned(),
            record_id: change.record_id,
            classification: change.classification.to_owned(),
            releasable_to: change.releasable_to,
            owner_nation: change.owner_nation,
            before: change.before,
            after: change.after,
            prev_hash,
            hash: String::new(),
        };
        entry.hash = entry.compute_hash();
        prev_hash = entry.hash.clone();
        entries.push(entry);
    }
    entries
}

/// A moment as the trail keeps and hashes it: UTC, to the microsecond.
pub(crate) fn audit_time(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// Bytes as lower-case hexadecimal.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
