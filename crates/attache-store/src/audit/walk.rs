//! The walk along the hash chain, entry by entry in id order with flat memory: each entry
//! must come next, match its own hash, and chain to the hash of the entry before it.

use super::verdict::Break;
use super::{AuditEntry, GENESIS};

#[derive(Debug)]
pub(crate) struct ChainWalk {
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
    pub fn next(&mut self, entry: &AuditEntry) -> Result<(), Break> {
        if entry.id != self.expected_id {
            return Err(Break::entry(
                self.expected_id,
                format!(
                    "entry {} is missing (the next entry is {})",
                    self.expected_id, entry.id
                ),
            ));
        }
        if entry.compute_hash() != entry.hash {
            return Err(Break::entry(
                entry.id,
                "its content does not match its hash (it was altered)",
            ));
        }
        if entry.prev_hash != self.prev_hash {
            // This entry is whole as it stands and keeps the hash that the one before it
            // had when it was written: that one was rewritten, content and hash.
            return Err(match entry.id - 1 {
                0 => Break::entry(
                    entry.id,
                    "it does not chain to the start of the trail (it was rewritten)",
                ),
                before => Break::entry(
                    before,
                    format!(
                        "its content or hash was rewritten: entry {} chains to the hash it had \
                         when that entry was written, not to its hash now",
                        entry.id
                    ),
                ),
            });
        }
        self.expected_id += 1;
        self.prev_hash = entry.hash.clone();
        self.count += 1;
        Ok(())
    }

    /// The last entry walked (0 before the first), and the chain's hash there.
    pub fn position(&self) -> (i64, &str) {
        (self.expected_id - 1, &self.prev_hash)
    }

    /// How many entries were walked.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Checks the end of the chain against the head, which catches a removed tail and a
    /// rewritten last entry.
    pub fn finish(&self, head_id: i64, head_hash: &str) -> Result<(), Break> {
        let (last, hash) = self.position();
        if head_id != last {
            return Err(Break::entry(
                last + 1,
                format!(
                    "the trail ends at entry {last} but its head records entry {head_id}: \
                     entries were removed from the end"
                ),
            ));
        }
        if head_hash != hash {
            return Err(Break::entry(
                last,
                "its content or hash was rewritten: the trail's head keeps the hash it had \
                 when it was written, not its hash now",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
// An index out of range in a test fails the test, with its location, as an unwrap does.
#[allow(clippy::indexing_slicing)]
mod tests {
    use attache_domain::PartnerCode;
    use attache_domain::access::Actor;
    use chrono::TimeZone;

    use super::super::{Change, chain};
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

    /// The walk over `entries`, tampered with or not, under the head of the untouched
    /// trail of 5.
    fn walk(entries: &[AuditEntry]) -> Result<(), Break> {
        let mut walk = ChainWalk::default();
        for e in entries {
            walk.next(e)?;
        }
        let head = self::entries(5).pop().unwrap().hash;
        walk.finish(5, &head)
    }

    fn broken_at(walked: Result<(), Break>) -> i64 {
        match walked {
            Err(Break {
                entry: Some(entry), ..
            }) => entry,
            other => panic!("expected a broken chain naming an entry, got {other:?}"),
        }
    }

    #[test]
    fn an_untouched_chain_is_intact() {
        assert_eq!(walk(&entries(5)), Ok(()));
    }

    #[test]
    fn an_altered_entry_is_named() {
        let mut e = entries(5);
        e[2].after = Some("{\"title\":\"forged\"}".into());
        assert_eq!(broken_at(walk(&e)), 3);
    }

    #[test]
    fn an_entry_rewritten_with_its_hash_recomputed_is_named_not_the_next() {
        let mut e = entries(5);
        e[2].after = Some("{\"title\":\"forged\"}".into());
        e[2].hash = e[2].compute_hash();
        let walked = walk(&e);
        assert_eq!(broken_at(walked.clone()), 3);
        assert!(walked.unwrap_err().reason.contains("rewritten"));
    }

    #[test]
    fn a_rewritten_first_entry_is_named() {
        let mut e = entries(5);
        e[0].prev_hash = "forged".into();
        e[0].hash = e[0].compute_hash();
        assert_eq!(broken_at(walk(&e)), 1);
    }

    #[test]
    fn a_rewritten_last_entry_is_named_by_the_head() {
        let mut e = entries(5);
        e[4].after = Some("{\"title\":\"forged\"}".into());
        e[4].hash = e[4].compute_hash();
        assert_eq!(broken_at(walk(&e)), 5);
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
