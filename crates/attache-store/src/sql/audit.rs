//! The audit trail's reads and its verification, and the change marker (appending is
//! `append_audit`, in `shared.rs`; the checkpoints' SQL is `checkpoints.rs`, the records'
//! `audit_records.rs`).

use super::SNAPSHOT;
use super::audit_records::check_activities;
use super::checkpoints::{CheckpointCursor, first_missing};
use super::shared::{Conn, SqlStore, push_visible, statement};
use crate::Result;
use crate::audit::{AuditEntry, AuditVerdict, Break, ChainWalk, CheckpointCheck, PublicKey};
use attache_domain::access::Actor;

pub(super) async fn count_audit(store: &SqlStore, viewer: &Actor) -> Result<u64> {
    let mut qb = statement(&["SELECT COUNT(*) FROM audit_log WHERE 1 = 1"]);
    push_visible(&mut qb, "", viewer);
    let count: i64 = qb.build_query_scalar().fetch_one(&store.pool).await?;
    Ok(u64::try_from(count).unwrap_or(0))
}

pub(super) async fn audit_trail(
    store: &SqlStore,
    record: Option<(&str, &str)>,
    limit: u32,
    viewer: &Actor,
) -> Result<Vec<AuditEntry>> {
    let mut qb = statement(&["SELECT ", AUDIT_COLUMNS, " FROM audit_log WHERE 1 = 1"]);
    push_visible(&mut qb, "", viewer);
    if let Some((record_type, record_id)) = record {
        qb.push(" AND (record_type = ")
            .push_bind(record_type.to_owned())
            .push(" AND record_id = ")
            .push_bind(record_id.to_owned());
        // An activity created by an import was audited with its label group.
        if let ("activity", Ok(id)) = (record_type, record_id.parse::<i64>()) {
            qb.push(
                " OR id = (SELECT g.audit_entry FROM activities a JOIN import_groups g \
                 ON g.id = a.imported_in WHERE a.id = ",
            )
            .push_bind(id)
            .push(")");
        }
        qb.push(")");
    }
    qb.push(" ORDER BY id DESC LIMIT ")
        .push_bind(i64::from(limit));
    let mut entries: Vec<AuditEntry> = qb.build_query_as().fetch_all(&store.pool).await?;
    entries.reverse();
    Ok(entries)
}

pub(super) async fn change_marker(store: &SqlStore) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT last_id FROM audit_head WHERE one = 1")
            .fetch_one(&store.pool)
            .await?,
    )
}

/// Verifies the trail in one snapshot (a write landing half-way cannot look like
/// tampering): the chain entry by entry, each checkpoint at its entry (with `key`), the
/// checkpoints past its end, their ids, then the stored records against the trail.
pub(super) async fn verify_audit(
    store: &SqlStore,
    key: Option<&PublicKey>,
) -> Result<AuditVerdict> {
    let mut tx = store.pool.begin().await?;
    for statement in SNAPSHOT {
        sqlx::query(*statement).execute(&mut *tx).await?;
    }
    Ok(match verify(&mut tx, key).await? {
        Ok(intact) => intact,
        Err(broken) => AuditVerdict::Broken(broken),
    })
}

/// The first break found ends the walk: `Ok(Err(break))`.
async fn verify(
    conn: &mut Conn,
    key: Option<&PublicKey>,
) -> Result<std::result::Result<AuditVerdict, Break>> {
    /// Ends the walk at the first break.
    macro_rules! holds {
        ($checked:expr) => {
            if let Err(broken) = $checked {
                return Ok(Err(broken));
            }
        };
    }
    let (head_id, head_hash): (i64, String) =
        sqlx::query_as("SELECT last_id, last_hash FROM audit_head WHERE one = 1")
            .fetch_one(&mut *conn)
            .await?;
    let mut walk = ChainWalk::default();
    let mut checkpoints = CheckpointCursor::default();
    let mut check = CheckpointCheck::new(key);
    // Before the first entry too: a checkpoint of the empty trail.
    holds!(reach(conn, &mut checkpoints, &mut check, &walk).await?);
    let mut after = 0i64;
    loop {
        let mut qb = statement(&["SELECT ", AUDIT_COLUMNS, " FROM audit_log WHERE id > "]);
        qb.push_bind(after).push(" ORDER BY id LIMIT 1000");
        let page: Vec<AuditEntry> = qb.build_query_as().fetch_all(&mut *conn).await?;
        for entry in &page {
            holds!(walk.next(entry));
            holds!(reach(conn, &mut checkpoints, &mut check, &walk).await?);
        }
        match page.last() {
            Some(last) => after = last.id,
            None => break,
        }
    }
    holds!(walk.finish(head_id, &head_hash));
    let (end, _) = walk.position();
    while let Some(checkpoint) = checkpoints.next_up_to(conn, i64::MAX).await? {
        holds!(check.beyond(&checkpoint, end));
    }
    if check.keyed()
        && let Some((missing, highest)) = first_missing(conn).await?
    {
        return Ok(Err(check.missing(missing, highest)));
    }
    let records = match check_activities(conn).await? {
        Ok(records) => records,
        Err(broken) => return Ok(Err(broken)),
    };
    Ok(Ok(AuditVerdict::Intact {
        entries: walk.count(),
        checkpoints: check.finish(),
        records,
    }))
}

/// Checks the checkpoints of the entry the walk has just reached.
async fn reach(
    conn: &mut Conn,
    checkpoints: &mut CheckpointCursor,
    check: &mut CheckpointCheck<'_>,
    walk: &ChainWalk,
) -> Result<std::result::Result<(), Break>> {
    let (at, hash) = walk.position();
    while let Some(checkpoint) = checkpoints.next_up_to(conn, at).await? {
        if let Err(broken) = check.reached(&checkpoint, hash, walk.count()) {
            return Ok(Err(broken));
        }
    }
    Ok(Ok(()))
}

const AUDIT_COLUMNS: &str = "id, at, actor, actor_nation, action, record_type, record_id, \
    classification, releasable_to, owner_nation, before, after, prev_hash, hash";
