//! The trail's signed checkpoints: writing one of the head, reading them back in the order
//! of the entries they cover, and finding one missing among their ids.

use std::collections::VecDeque;

use super::BEGIN_WRITE;
use super::shared::{Conn, SqlStore};
use crate::audit::{AuditKey, Checkpoint, audit_time};
use crate::{Result, StoreError};
use attache_domain::access::Actor;

/// Signs the trail's head as it stands, at `actor.at`; with `only_if_moved`, nothing when
/// the newest checkpoint already covers that head.
///
/// A checkpoint is not itself an entry of the trail, on purpose: it vouches for the chain
/// and changes no record, and as an entry it would move the head it signs, so that no
/// checkpoint could cover the trail up to itself and the schedule would never find the
/// head still. Its rows are guarded by their own signature (the id signed with the rest).
pub(super) async fn write_checkpoint(
    store: &SqlStore,
    key: &AuditKey,
    only_if_moved: bool,
    actor: &Actor,
) -> Result<Option<Checkpoint>> {
    let mut tx = store.pool.begin_with(BEGIN_WRITE).await?;
    // Touching the head locks it, as an append does: no entry lands while it is signed.
    let (last_id, last_hash): (i64, String) = sqlx::query_as(
        "UPDATE audit_head SET last_id = last_id WHERE one = 1 RETURNING last_id, last_hash",
    )
    .fetch_one(&mut *tx)
    .await?;
    let newest: Option<(i64, String)> =
        sqlx::query_as("SELECT entry, hash FROM audit_checkpoints ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut *tx)
            .await?;
    if only_if_moved && newest.as_ref() == Some(&(last_id, last_hash.clone())) {
        return Ok(None);
    }
    let entries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&mut *tx)
        .await?;
    if entries != last_id {
        return Err(StoreError::Conflict(format!(
            "the audit trail holds {entries} entries but its head is at entry {last_id}: it \
             was changed by hand, and a checkpoint would vouch for that (attache audit verify \
             names the change)"
        )));
    }
    let id: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM audit_checkpoints")
        .fetch_one(&mut *tx)
        .await?;
    let checkpoint =
        Checkpoint::signed(id, (last_id, last_hash), entries, audit_time(actor.at), key);
    sqlx::query(
        "INSERT INTO audit_checkpoints (id, entry, hash, entries, at, key_fingerprint, signature) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(checkpoint.id)
    .bind(checkpoint.entry)
    .bind(&checkpoint.hash)
    .bind(checkpoint.entries)
    .bind(&checkpoint.at)
    .bind(&checkpoint.key_fingerprint)
    .bind(&checkpoint.signature)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(checkpoint))
}

/// Checkpoints a page at a time, ordered by the entry they cover (then by id), so that a
/// walk along the chain meets each at its entry with flat memory.
#[derive(Debug, Default)]
pub(super) struct CheckpointCursor {
    page: VecDeque<Checkpoint>,
    /// The (entry, id) of the last one read.
    after: (i64, i64),
    done: bool,
}

const CHECKPOINT_PAGE: i64 = 500;

impl CheckpointCursor {
    /// The next checkpoint if it covers no entry past `entry`.
    pub(super) async fn next_up_to(
        &mut self,
        conn: &mut Conn,
        entry: i64,
    ) -> Result<Option<Checkpoint>> {
        if self.page.is_empty() && !self.done {
            self.fetch(conn).await?;
        }
        match self.page.front() {
            Some(next) if next.entry <= entry => Ok(self.page.pop_front()),
            _ => Ok(None),
        }
    }

    async fn fetch(&mut self, conn: &mut Conn) -> Result<()> {
        let (entry, id) = self.after;
        let page: Vec<Checkpoint> = sqlx::query_as(
            "SELECT id, entry, hash, entries, at, key_fingerprint, signature \
             FROM audit_checkpoints WHERE entry > $1 OR (entry = $1 AND id > $2) \
             ORDER BY entry, id LIMIT $3",
        )
        .bind(entry)
        .bind(id)
        .bind(CHECKPOINT_PAGE)
        .fetch_all(&mut *conn)
        .await?;
        self.done = (page.len() as i64) < CHECKPOINT_PAGE;
        if let Some(last) = page.last() {
            self.after = (last.entry, last.id);
        }
        self.page = page.into();
        Ok(())
    }
}

/// The first checkpoint id missing below the highest, with the highest: ids are given in
/// turn from 1, so a gap is a deleted checkpoint.
pub(super) async fn first_missing(conn: &mut Conn) -> Result<Option<(i64, i64)>> {
    let (count, highest): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM audit_checkpoints")
            .fetch_one(&mut *conn)
            .await?;
    if count == highest {
        return Ok(None);
    }
    let missing: Option<i64> = sqlx::query_scalar(
        "SELECT MIN(n) FROM (SELECT 1 AS n WHERE NOT EXISTS (SELECT 1 FROM audit_checkpoints \
         WHERE id = 1) UNION ALL SELECT c.id + 1 FROM audit_checkpoints c WHERE c.id < $1 AND \
         NOT EXISTS (SELECT 1 FROM audit_checkpoints d WHERE d.id = c.id + 1)) gaps",
    )
    .bind(highest)
    .fetch_one(&mut *conn)
    .await?;
    Ok(missing.map(|missing| (missing, highest)))
}
