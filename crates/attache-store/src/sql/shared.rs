//! The store, and the helpers every part uses: visibility, labels and stamps, conflicts,
//! the audit append. Write portable SQL here; see the note in `sql/mod.rs`.

use super::{BEGIN_WRITE, Db};

use attache_domain::{Classification, PartnerCode};
use sqlx::{Pool, QueryBuilder};

use crate::audit::{Change, chain};
use crate::{Result, StoreError};
use attache_domain::access::Actor;

pub(super) type Conn = <Db as sqlx::Database>::Connection;

/// Rows per multi-row insert: one statement per batch instead of one per row (each
/// statement costs a round trip), well under both databases' limit on bound parameters.
pub(super) const INSERT_BATCH: usize = 500;

pub(super) const META: &str = "id, classification, releasable_to, owner_nation, created_by, created_at, \
                    updated_by, updated_at, version";

#[derive(Debug, Clone)]
pub struct SqlStore {
    pub(super) pool: Pool<Db>,
}

impl SqlStore {
    pub fn new(pool: Pool<Db>) -> Self {
        Self { pool }
    }

    pub fn pool(&self) -> &Pool<Db> {
        &self.pool
    }

    /// Inserts a record whose id the database assigns (`qb` is its `INSERT … VALUES`),
    /// with its audit entry, in one transaction; gives the id.
    pub(super) async fn insert_audited<T: serde::Serialize>(
        &self,
        qb: QueryBuilder<Db>,
        record_type: &'static str,
        label: &attache_domain::SecurityLabel,
        record: &T,
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let id = returning_id(&mut tx, qb).await?;
        let nation = actor.nation.as_str();
        let created = change("create", record_type, id, label, nation, None, Some(record));
        append_audit(&mut tx, actor, vec![created]).await?;
        tx.commit().await?;
        Ok(id)
    }
}

/// Turns a unique-key violation into a conflict the caller can explain.
pub(super) fn conflict_on_duplicate(what: &str) -> impl Fn(sqlx::Error) -> StoreError + '_ {
    move |e| match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::Conflict(format!("{what} already exists"))
        }
        _ => StoreError::Database(e),
    }
}

/// A statement that begins with `pieces`: SQL text that is all constants (table and
/// column names, fragments), so that no request text can reach it; values go in with
/// `push_bind`.
pub(super) fn statement(pieces: &[&'static str]) -> QueryBuilder<Db> {
    let mut qb = QueryBuilder::new("");
    for piece in pieces {
        qb.push(piece);
    }
    qb
}

/// Keeps only what the viewer may see: the label rule of `SecurityLabel::visible_to`, in
/// SQL, so that hidden records are absent from every list, count and lookup. `alias` is
/// the table's alias with its dot (`a.`), or empty. The console sees everything.
pub(super) fn push_visible(qb: &mut QueryBuilder<Db>, alias: &'static str, viewer: &Actor) {
    if viewer.console {
        return;
    }
    push_cleared(qb, alias, viewer);
    qb.push(" AND (")
        .push(alias)
        .push("owner_nation = ")
        .push_bind(viewer.nation.to_string())
        .push(" OR ';' || ")
        .push(alias)
        .push("releasable_to || ';' LIKE ")
        .push_bind(format!("%;{};%", viewer.nation))
        .push(")");
}

/// Keeps only what the viewer is cleared for, whichever nation owns it: the rule for
/// reference data (partners), which every nation reads.
pub(super) fn push_cleared(qb: &mut QueryBuilder<Db>, alias: &'static str, viewer: &Actor) {
    if viewer.console {
        return;
    }
    let cleared = Classification::ALL
        .into_iter()
        .filter(|c| *c <= viewer.clearance)
        .map(Classification::as_str);
    qb.push(" AND ").push(alias).push("classification IN ");
    push_in_list(qb, cleared);
}

/// `(v1, v2, …)` for an `IN` list, binding each value.
pub(super) fn push_in_list<T>(qb: &mut QueryBuilder<Db>, values: impl IntoIterator<Item = T>)
where
    T: for<'q> sqlx::Encode<'q, Db> + sqlx::Type<Db>,
{
    qb.push("(");
    let mut list = qb.separated(", ");
    for v in values {
        list.push_bind(v);
    }
    list.push_unseparated(")");
}

/// Explains why a versioned write matched no row: the record is gone, or someone changed
/// it first.
pub(super) async fn version_conflict(
    conn: &mut Conn,
    table: &'static str,
    what: &str,
    id: i64,
    expected: i64,
) -> StoreError {
    let mut qb = statement(&["SELECT version FROM ", table, " WHERE id = "]);
    qb.push_bind(id);
    let current: std::result::Result<Option<i64>, _> =
        qb.build_query_scalar().fetch_optional(&mut *conn).await;
    match current {
        Ok(None) => StoreError::not_found(format!("{what} {id}")),
        // Same version: the record is as read, but not in the state the caller assumed.
        Ok(Some(version)) if version == expected => StoreError::Conflict(format!(
            "{what} {id} is not in the state you assumed (version {version}): reload it"
        )),
        Ok(Some(version)) => StoreError::Conflict(format!(
            "{what} {id} was changed by someone else (you had version {expected}, it is now at \
             version {version}): reload it and make your change again"
        )),
        Err(e) => StoreError::Database(e),
    }
}

/// A change to a record for the audit trail; `before` and `after` as the record's JSON.
pub(super) fn change<T: serde::Serialize>(
    action: &'static str,
    record_type: &'static str,
    record_id: impl ToString,
    label: &attache_domain::SecurityLabel,
    owner_nation: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> Change {
    let json = |r: Option<&T>| r.and_then(|r| serde_json::to_string(r).ok());
    Change {
        action,
        record_type,
        record_id: record_id.to_string(),
        classification: label.classification.as_str(),
        releasable_to: label.releasable_to_text(),
        owner_nation: owner_nation.to_owned(),
        before: json(before),
        after: json(after),
    }
}

/// Appends changes to the audit trail inside the caller's transaction; gives the first
/// new entry's id (the others follow it). Moving the head first locks it: concurrent
/// writers take their turns, and each chains to the last.
pub(super) async fn append_audit(
    conn: &mut Conn,
    actor: &Actor,
    changes: Vec<Change>,
) -> Result<i64> {
    if changes.is_empty() {
        return Ok(0);
    }
    let (last_id, last_hash): (i64, String) = sqlx::query_as(
        "UPDATE audit_head SET last_id = last_id + $1 WHERE one = 1 RETURNING last_id - $1, last_hash",
    )
    .bind(changes.len() as i64)
    .fetch_one(&mut *conn)
    .await?;
    let entries = chain(actor, last_id, &last_hash, changes);
    // 14 columns a row: well under both databases' limit on bound parameters.
    for chunk in entries.chunks(INSERT_BATCH) {
        let mut qb = QueryBuilder::<Db>::new(
            "INSERT INTO audit_log (id, at, actor, actor_nation, action, record_type, record_id, \
             classification, releasable_to, owner_nation, before, after, prev_hash, hash) ",
        );
        qb.push_values(chunk, |mut row, e| {
            row.push_bind(e.id)
                .push_bind(e.at.clone())
                .push_bind(e.actor.clone())
                .push_bind(e.actor_nation.clone())
                .push_bind(e.action.clone())
                .push_bind(e.record_type.clone())
                .push_bind(e.record_id.clone())
                .push_bind(e.classification.clone())
                .push_bind(e.releasable_to.clone())
                .push_bind(e.owner_nation.clone())
                .push_bind(e.before.clone())
                .push_bind(e.after.clone())
                .push_bind(e.prev_hash.clone())
                .push_bind(e.hash.clone());
        });
        qb.build().execute(&mut *conn).await?;
    }
    let head = entries.last().map(|e| e.hash.clone()).unwrap_or(last_hash);
    sqlx::query("UPDATE audit_head SET last_hash = $1 WHERE one = 1")
        .bind(head)
        .execute(&mut *conn)
        .await?;
    Ok(last_id + 1)
}

pub(super) fn label_values(label: &attache_domain::SecurityLabel) -> (&'static str, String) {
    (label.classification.as_str(), label.releasable_to_text())
}

/// Inserts a record's label and stamps with the given leading columns already pushed.
pub(super) fn push_stamps(
    row: &mut sqlx::query_builder::Separated<'_, Db, &'static str>,
    label: &attache_domain::SecurityLabel,
    actor: &Actor,
) {
    let (classification, releasable_to) = label_values(label);
    row.push_bind(classification)
        .push_bind(releasable_to)
        .push_bind(actor.nation.to_string())
        .push_bind(actor.name.clone())
        .push_bind(actor.at)
        .push_bind(actor.name.clone())
        .push_bind(actor.at);
}

pub(super) const STAMP_COLUMNS: &str =
    "classification, releasable_to, owner_nation, created_by, created_at, updated_by, updated_at";

pub(super) async fn returning_id(conn: &mut Conn, mut insert: QueryBuilder<Db>) -> Result<i64> {
    insert.push(" RETURNING id");
    Ok(insert.build_query_scalar().fetch_one(&mut *conn).await?)
}

/// Narrows a query (already past its `WHERE`) to one nation's records.
pub(super) fn push_nation_filter(
    qb: &mut QueryBuilder<Db>,
    column: &'static str,
    nation: Option<&PartnerCode>,
) {
    if let Some(nation) = nation {
        qb.push(" AND ")
            .push(column)
            .push(" = ")
            .push_bind(nation.to_string());
    }
}
