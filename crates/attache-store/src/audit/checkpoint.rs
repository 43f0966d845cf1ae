//! Checkpoints: the trail's head (its last entry, that entry's hash, how many entries) at
//! a moment, signed with the audit key, and how verification holds each against the chain
//! it walks. The chain alone cannot show a removed tail with its head rewound, a chain
//! recomputed from some entry on, or an emptied trail: a checkpoint signed before can.
//! The SQL is in `sql/checkpoints.rs`.

use serde::Serialize;

use super::key::{AuditKey, PublicKey};
use super::verdict::{Break, CheckpointTally};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Checkpoint {
    pub id: i64,
    /// The last entry it covers (0 for an empty trail).
    pub entry: i64,
    /// That entry's hash (`genesis` for an empty trail).
    pub hash: String,
    /// How many entries it covers.
    pub entries: i64,
    /// When it was signed, UTC to the microsecond.
    pub at: String,
    /// The fingerprint of the public key it was signed with.
    pub key_fingerprint: String,
    /// Ed25519 over `signed_text`, in hexadecimal.
    pub signature: String,
}

impl Checkpoint {
    /// A checkpoint of these fields, signed with `key`.
    pub(crate) fn signed(
        id: i64,
        (entry, hash): (i64, String),
        entries: i64,
        at: String,
        key: &AuditKey,
    ) -> Self {
        let mut checkpoint = Checkpoint {
            id,
            entry,
            hash,
            entries,
            at,
            key_fingerprint: key.public().fingerprint(),
            signature: String::new(),
        };
        checkpoint.signature = key.sign(&checkpoint.signed_text());
        checkpoint
    }

    /// What is signed: every field but the signature, one a line, after a line that names
    /// this format. The id is signed too, so that a deleted checkpoint leaves a gap that
    /// cannot be closed by renumbering.
    pub fn signed_text(&self) -> String {
        format!(
            "attache audit checkpoint 1\nid {}\nentry {}\nhash {}\nentries {}\nat {}\nkey {}\n",
            self.id, self.entry, self.hash, self.entries, self.at, self.key_fingerprint
        )
    }
}

/// Holds each checkpoint against the chain as the walk reaches its entry, with one key:
/// the checkpoints of other keys are counted, not checked; with no key none is checked.
#[derive(Debug)]
pub(crate) struct CheckpointCheck<'k> {
    key: Option<&'k PublicKey>,
    tally: CheckpointTally,
    /// The last entry a checked checkpoint vouches for: a rewrite found by a later one
    /// begins after it.
    vouched: i64,
}

impl<'k> CheckpointCheck<'k> {
    pub fn new(key: Option<&'k PublicKey>) -> Self {
        CheckpointCheck {
            key,
            tally: CheckpointTally {
                key: key.map(PublicKey::fingerprint),
                ..CheckpointTally::default()
            },
            vouched: 0,
        }
    }

    /// Whether there is a key to check with.
    pub fn keyed(&self) -> bool {
        self.key.is_some()
    }

    /// A checkpoint at the walk's position: the chain up to its entry hashes to `hash`
    /// and holds `count` entries.
    pub fn reached(
        &mut self,
        checkpoint: &Checkpoint,
        hash: &str,
        count: u64,
    ) -> Result<(), Break> {
        if !self.signed(checkpoint)? {
            return Ok(());
        }
        if checkpoint.hash != hash || u64::try_from(checkpoint.entries).ok() != Some(count) {
            return Err(Break::checkpoint(
                checkpoint.id,
                Some(self.vouched + 1),
                format!(
                    "the trail up to entry {} was rewritten after this checkpoint was signed \
                     ({}): it covered {} entries hashing to {}, the trail now holds {count} \
                     hashing to {hash}; the rewrite begins after entry {}, the last that an \
                     earlier checkpoint vouches for",
                    checkpoint.entry,
                    checkpoint.at,
                    checkpoint.entries,
                    checkpoint.hash,
                    self.vouched
                ),
            ));
        }
        self.vouched = checkpoint.entry;
        self.tally.checked += 1;
        self.tally.latest = Some(checkpoint.clone());
        Ok(())
    }

    /// A checkpoint past the end of the trail, whose last entry is `last`.
    pub fn beyond(&mut self, checkpoint: &Checkpoint, last: i64) -> Result<(), Break> {
        if !self.signed(checkpoint)? {
            return Ok(());
        }
        Err(Break::checkpoint(
            checkpoint.id,
            Some(last + 1),
            format!(
                "it covers {} entries up to entry {}, signed {}, but the trail now ends at \
                 entry {last}: entries from {} on were removed and the head rewound",
                checkpoint.entries,
                checkpoint.entry,
                checkpoint.at,
                last + 1
            ),
        ))
    }

    /// A checkpoint missing among the ids, which run to `last`.
    pub fn missing(&self, missing: i64, last: i64) -> Break {
        Break::checkpoint(
            missing,
            None,
            format!("it is missing (the checkpoints run to {last}): it was deleted"),
        )
    }

    pub fn finish(self) -> CheckpointTally {
        self.tally
    }

    /// Whether the checkpoint is checked with this key: its signature must hold.
    fn signed(&mut self, checkpoint: &Checkpoint) -> Result<bool, Break> {
        let Some(key) = self.key else {
            self.tally.unchecked += 1;
            return Ok(false);
        };
        if checkpoint.key_fingerprint != key.fingerprint() {
            self.tally.other_key += 1;
            return Ok(false);
        }
        if !key.verifies(&checkpoint.signed_text(), &checkpoint.signature) {
            return Err(Break::checkpoint(
                checkpoint.id,
                Some(checkpoint.entry),
                format!(
                    "its signature does not verify with the key {}: the checkpoint was \
                     forged or edited",
                    key.fingerprint()
                ),
            ));
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(key: &AuditKey, entry: i64) -> Checkpoint {
        let hash = format!("hash-{entry}");
        Checkpoint::signed(
            1,
            (entry, hash),
            entry,
            "2026-11-25T12:00:00.000000Z".into(),
            key,
        )
    }

    #[test]
    fn a_checkpoint_that_matches_the_chain_is_counted() {
        let key = AuditKey::generate().unwrap();
        let public = key.public();
        let mut check = CheckpointCheck::new(Some(&public));
        check.reached(&signed(&key, 7), "hash-7", 7).unwrap();
        assert_eq!(check.finish().checked, 1);
    }

    #[test]
    fn a_chain_that_differs_at_a_checkpoint_is_broken_there() {
        let key = AuditKey::generate().unwrap();
        let public = key.public();
        let mut check = CheckpointCheck::new(Some(&public));
        let broken = check.reached(&signed(&key, 7), "other", 7).unwrap_err();
        assert_eq!((broken.checkpoint, broken.entry), (Some(1), Some(1)));
    }

    #[test]
    fn an_edited_checkpoint_fails_its_signature() {
        let key = AuditKey::generate().unwrap();
        let public = key.public();
        let mut edited = signed(&key, 7);
        edited.hash = "hash-6".into();
        edited.entry = 6;
        edited.entries = 6;
        let broken = CheckpointCheck::new(Some(&public))
            .reached(&edited, "hash-6", 6)
            .unwrap_err();
        assert!(broken.reason.contains("signature"), "{broken}");
    }

    #[test]
    fn checkpoints_of_another_key_or_without_a_key_are_counted_unchecked() {
        let (key, other) = (AuditKey::generate().unwrap(), AuditKey::generate().unwrap());
        let public = other.public();
        let mut check = CheckpointCheck::new(Some(&public));
        check.reached(&signed(&key, 7), "anything", 7).unwrap();
        assert_eq!(check.finish().other_key, 1);
        let mut check = CheckpointCheck::new(None);
        check.beyond(&signed(&key, 7), 3).unwrap();
        assert_eq!(check.finish().unchecked, 1);
    }
}
