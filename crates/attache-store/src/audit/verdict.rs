//! What `attache audit verify` finds: the trail intact, with what was checked beside the
//! chain, or the first break, naming the entry, checkpoint or record at fault.

use std::fmt;

use serde::Serialize;

use super::Checkpoint;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum AuditVerdict {
    Intact {
        entries: u64,
        checkpoints: CheckpointTally,
        records: RecordTally,
    },
    Broken(Break),
}

/// The first problem found, and why. At least one of `entry`, `checkpoint` and `record`
/// is named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Break {
    /// The entry altered, removed, out of order or rewritten; the first entry that a
    /// checkpoint finds different; or the entry a record disagrees with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkpoint: Option<i64>,
    /// The stored record that differs from the trail, as `activity 12`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    pub reason: String,
}

impl Break {
    pub(crate) fn entry(entry: i64, reason: impl Into<String>) -> Self {
        Break {
            entry: Some(entry),
            checkpoint: None,
            record: None,
            reason: reason.into(),
        }
    }

    pub(crate) fn checkpoint(checkpoint: i64, entry: Option<i64>, reason: String) -> Self {
        Break {
            entry,
            checkpoint: Some(checkpoint),
            record: None,
            reason,
        }
    }

    pub(crate) fn record(record: String, entry: Option<i64>, reason: String) -> Self {
        Break {
            entry,
            checkpoint: None,
            record: Some(record),
            reason,
        }
    }
}

/// `at entry 5: …`, `at checkpoint 2 (entry 5): …`, `at activity 12 (entry 57): …`.
impl fmt::Display for Break {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.record, self.checkpoint, self.entry) {
            (Some(record), _, Some(entry)) => write!(f, "at {record} (entry {entry})")?,
            (Some(record), _, None) => write!(f, "at {record}")?,
            (None, Some(checkpoint), Some(entry)) => {
                write!(f, "at checkpoint {checkpoint} (entry {entry})")?
            }
            (None, Some(checkpoint), None) => write!(f, "at checkpoint {checkpoint}")?,
            (None, None, Some(entry)) => write!(f, "at entry {entry}")?,
            (None, None, None) => f.write_str("somewhere")?,
        }
        write!(f, ": {}", self.reason)
    }
}

/// The checkpoints of an intact trail.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckpointTally {
    /// The fingerprint of the key they were checked with; none when no key was given.
    pub key: Option<String>,
    /// Checked with that key: signature, and the chain's hash and count at their entry.
    pub checked: u64,
    /// Signed with another key, so not checked: verify again with that key's file.
    pub other_key: u64,
    /// Not checked, as no key was given.
    pub unchecked: u64,
    /// The newest checked: compare it with a copy kept away from the database, since
    /// checkpoints deleted with the entries after them leave no trace here.
    pub latest: Option<Checkpoint>,
}

impl fmt::Display for CheckpointTally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(key) = &self.key else {
            return write!(
                f,
                "{} checkpoints not checked (no audit key given: --audit-key)",
                self.unchecked
            );
        };
        write!(f, "{} checkpoints checked with key {key}", self.checked)?;
        if let Some(latest) = &self.latest {
            write!(
                f,
                ", the latest {} at entry {}, signed {}",
                latest.id, latest.entry, latest.at
            )?;
        }
        if self.other_key > 0 {
            write!(
                f,
                "; {} signed with another key, not checked",
                self.other_key
            )?;
        }
        Ok(())
    }
}

/// The stored records of an intact trail, compared with their last audited change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RecordTally {
    /// Activities whose stored content matches their last audited change.
    pub activities: u64,
    /// Of them, those created by a bulk import and not changed since: the import's entry
    /// holds no row's content, so they were checked against the content hash kept with
    /// the row, which is not chained and could be rewritten along with it.
    pub imported: u64,
}

impl fmt::Display for RecordTally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} activities match their last audited change",
            self.activities
        )?;
        if self.imported > 0 {
            write!(
                f,
                " ({} of them imported and unchanged since, checked only against the content \
                 hash kept with the row, as an import's entry holds no row's content)",
                self.imported
            )?;
        }
        Ok(())
    }
}
