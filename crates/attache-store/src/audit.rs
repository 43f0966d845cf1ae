//! The audit trail's entries, their hash chain, and its verification. The SQL that
//! appends entries is in `sql/shared.rs` and the SQL that reads them in `sql/audit.rs`;
//! what is hashed, and how a chain is checked, is here, once.

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
        let digest = Sha256::digest(fields.to_string().as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Turns changes into chained entries, numbered from `last_id + 1`.
pub(crate) fn chain(
    actor: &Actor,
    last_id: i64,
    last_hash: &str,
    changes: Vec<Change>,
) -> Vec<AuditEntry> {
    let at = actor.at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
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

/// What `attache audit verify` finds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum AuditVerdict {
    Intact {
        entries: u64,
    },
    /// The first entry found altered, removed or out of order, and why.
    Broken {
        entry: i64,
        reason: String,
    },
}

/// Walks a chain entry by entry, in id order, with flat memory.
#[derive(Debug)]
pub struct ChainWalk {
    expected_id: i64,
    prev_hash: String,
    count: u64,
}

impl Default for ChainWalk {
    fn default() -> Self {
        Self {
            expected_id: 1,
            prev_hash: GENESIS.to_owned(),
            count: 0,
        }
    }
}

impl ChainWalk {
    /// Checks the next entry; the first problem ends the walk.
    pub fn next(&mut self, entry: &AuditEntry) -> Result<(), AuditVerdict> {
        let broken = |entry: i64, reason: String| Err(AuditVerdict::Broken { entry, reason });
        if entry.id != self.expected_id {
            return broken(
                self.expected_id,
                format!(
                    "entry {} is missing (the next entry is {})",
                    self.expected_id, entry.id
                ),
            );
        }
        if entry.prev_hash != self.prev_hash {
            return broken(
                entry.id,
                "it does not follow the entry before it (an entry was removed, inserted or reordered)".into(),
            );
        }
        if entry.compute_hash() != entry.hash {
            return broken(
                entry.id,
                "its content does not match its hash (it was altered)".into(),
            );
        }
        self.expected_id += 1;
        self.prev_hash = entry.hash.clone();
        self.count += 1;
        Ok(())
    }

    /// Checks the end of the chain against the head, which catches a removed tail.
    pub fn finish(self, head_id: i64, head_hash: &str) -> AuditVerdict {
        if head_id != self.expected_id - 1 || head_hash != self.prev_hash {
            return AuditVerdict::Broken {
                entry: self.expected_id,
                reason: format!(
                    "the trail ends at entry {} but its head records entry {head_id}: entries were removed from the end",
                    self.expected_id - 1
                ),
            };
        }
        AuditVerdict::Intact {
            entries: self.count,
        }
    }
}

#[cfg(test)]
// An index out of range in a test fails the test, with its location, as an unwrap does.
#[allow(clippy::indexing_slicing)]
mod tests {
    use attache_domain::PartnerCode;
    use chrono::TimeZone;

    use super::*;

    fn entries(n: usize) -> Vec<AuditEntry> {
        let actor = Actor {
            name: "ana".into(),
            nation: PartnerCode::parse("nation", "GBR").unwrap(),
            clearance: attache_domain::Classification::Secret,
            roles: Vec::new(),
            at: chrono::Utc
                .with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
                .unwrap(),
            console: false,
        };
        let change = |i: usize| Change {
            action: "create",
            record_type: "activity",
            record_id: i.to_string(),
            classification: "official",
            releasable_to: String::new(),
            owner_nation: "GBR".into(),
            before: None,
            after: Some(format!("{{\"title\":\"t{i}\"}}")),
        };
        chain(&actor, 0, GENESIS, (0..n).map(change).collect())
    }

    fn walk(entries: &[AuditEntry]) -> AuditVerdict {
        let mut walk = ChainWalk::default();
        for e in entries {
            if let Err(verdict) = walk.next(e) {
                return verdict;
            }
        }
        let last = entries
            .last()
            .map_or((0, GENESIS.to_owned()), |e| (e.id, e.hash.clone()));
        walk.finish(5, &last.1)
    }

    fn broken_at(verdict: AuditVerdict) -> i64 {
        match verdict {
            AuditVerdict::Broken { entry, .. } => entry,
            intact => panic!("expected a broken chain, got {intact:?}"),
        }
    }

    #[test]
    fn an_untouched_chain_is_intact() {
        assert_eq!(walk(&entries(5)), AuditVerdict::Intact { entries: 5 });
    }

    #[test]
    fn an_altered_entry_is_named() {
        let mut e = entries(5);
        e[2].after = Some("{\"title\":\"forged\"}".into());
        assert_eq!(broken_at(walk(&e)), 3);
    }

    #[test]
    fn a_removed_entry_is_named() {
        let mut e = entries(5);
        e.remove(1);
        assert_eq!(broken_at(walk(&e)), 2);
    }

    #[test]
    fn reordered_entries_are_named() {
        let mut e = entries(5);
        e.swap(1, 2);
        (e[1].id, e[2].id) = (2, 3);
        assert_eq!(broken_at(walk(&e)), 2);
    }

    #[test]
    fn a_removed_tail_is_caught_by_the_head() {
        let mut e = entries(5);
        e.pop();
        assert_eq!(broken_at(walk(&e)), 5);
    }
}
