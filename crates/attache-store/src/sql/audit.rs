//! The audit trail's reads and its verification, and the change marker (appending is
//! `append_audit`, in `shared.rs`).

use super::SNAPSHOT;
use super::shared::{SqlStore, push_visible, statement};
use crate::Result;
use crate::audit::{AuditEntry, AuditVerdict, ChainWalk};
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

pub(super) async fn verify_audit(store: &SqlStore) -> Result<AuditVerdict> {
    // One snapshot for the walk: a write landing half-way cannot look like tampering.
    let mut tx = store.pool.begin().await?;
    for statement in SNAPSHOT {
        sqlx::query(*statement).execute(&mut *tx).await?;
    }
    let (head_id, head_hash): (i64, String) =
        sqlx::query_as("SELECT last_id, last_hash FROM audit_head WHERE one = 1")
            .fetch_one(&mut *tx)
            .await?;
    let mut walk = ChainWalk::default();
    let mut after = 0i64;
    loop {
        let mut qb = statement(&["SELECT ", AUDIT_COLUMNS, " FROM audit_log WHERE id > "]);
        qb.push_bind(after).push(" ORDER BY id LIMIT 1000");
        let page: Vec<AuditEntry> = qb.build_query_as().fetch_all(&mut *tx).await?;
        for entry in &page {
            if let Err(broken) = walk.next(entry) {
                return Ok(broken);
            }
        }
        match page.last() {
            Some(last) => after = last.id,
            None => break,
        }
    }
    Ok(walk.finish(head_id, &head_hash))
}

const AUDIT_COLUMNS: &str = "id, at, actor, actor_nation, action, record_type, record_id, \
    classification, releasable_to, owner_nation, before, after, prev_hash, hash";
