//! The import session: one open transaction. How an import is audited is explained in
//! `import_audit.rs`.

use super::activities::{
    NewActivity, fetch_activity, insert_activities, record_status_change, replace_activity,
};
use super::coordination::reset_by_import;
use super::meta::write_meta;
use super::records::insert_record;
use super::shared::{Conn, INSERT_BATCH, append_audit, change, push_in_list};
use super::{BEGIN_WRITE, DEFERRED_INDEXES, Db, IMPORT_CONNECTION};
use crate::audit::Change;
use crate::content_hash::content_hash;
use crate::{ImportOutcome, ImportSession, Relabelled, Result, StatusSet, StoreError, Written};
use attache_domain::access::Actor;
use attache_domain::{Activity, Status, Stored};
use sqlx::{Pool, QueryBuilder};
use std::collections::HashMap;

use crate::ImportOrigin;
use crate::import_audit::ImportGroups;

/// An import in progress: one open transaction.
#[derive(Debug)]
pub struct SqlImport {
    tx: sqlx::Transaction<'static, Db>,
    /// The register held no activity when the import began, and no one else may write
    /// before it ends: every row is new, and none needs looking up.
    fresh: bool,
    /// The secondary indexes dropped when the import began, to build again at commit.
    deferred_indexes: Vec<String>,
    groups: ImportGroups,
}

/// What the store holds of an activity: id, content hash as last received, version.
type Held = (i64, i64, i64);

impl SqlImport {
    pub(super) async fn begin(pool: &Pool<Db>) -> Result<Self> {
        let mut conn = pool.acquire().await?;
        // Whichever way the import ends, its settings go with its connection rather than
        // back into the pool.
        conn.close_on_drop();
        for statement in IMPORT_CONNECTION {
            sqlx::query(*statement).execute(&mut *conn).await?;
        }
        let mut tx =
            sqlx::Transaction::begin(conn, Some(sqlx::SqlSafeStr::into_sql_str(BEGIN_WRITE)))
                .await?;
        let mut deferred_indexes = Vec::new();
        let mut fresh = false;
        if let Some(list) = DEFERRED_INDEXES {
            fresh = sqlx::query_scalar("SELECT NOT EXISTS (SELECT 1 FROM activities)")
                .fetch_one(&mut *tx)
                .await?;
            if fresh {
                let indexes: Vec<(String, String)> =
                    sqlx::query_as(list).fetch_all(&mut *tx).await?;
                for (name, create) in indexes {
                    sqlx::query(sqlx::AssertSqlSafe(format!("DROP INDEX {name}")))
                        .execute(&mut *tx)
                        .await?;
                    deferred_indexes.push(create);
                }
            }
        }
        Ok(Self {
            tx,
            fresh,
            deferred_indexes,
            groups: ImportGroups::default(),
        })
    }

    /// The import group of a label, by index; its row is added on first use.
    async fn group_of(&mut self, label: &attache_domain::SecurityLabel) -> Result<usize> {
        if let Some(index) = self.groups.find(label) {
            return Ok(index);
        }
        let row: i64 = sqlx::query_scalar(
            "INSERT INTO import_groups (audit_entry) VALUES (NULL) RETURNING id",
        )
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(self.groups.add(label, row))
    }

    /// Replaces a stored activity whose content changed at its source, with its own audit
    /// entry, before and after (`import_history` when its status changed too); a change
    /// of substance resets its concurrences, as an edit does. Gives the entries and the
    /// activity as it was.
    async fn update(
        &mut self,
        (id, _, version): Held,
        a: &Activity,
        hash: i64,
        actor: &Actor,
    ) -> Result<(Vec<Change>, Stored<Activity>)> {
        let before = fetch_activity(&mut self.tx, id, actor)
            .await
            .map_err(|e| match e {
                StoreError::NotFound { .. } => StoreError::Conflict(format!(
                    "{} (source {}) is a stored activity that you may not see or change",
                    a.external_id, a.source
                )),
                other => other,
            })?;
        replace_activity(&mut self.tx, id, a, version, Some(hash), actor).await?;
        let moved = before.record.status != a.status;
        if moved {
            // The source's status is taken as it is; the history says so.
            record_status_change(&mut self.tx, id, before.record.status, a.status, actor).await?;
        }
        let otherwise = if moved { "import_history" } else { "import" };
        let mut changes = vec![change(
            before.record.label.change_action(&a.label, otherwise),
            "activity",
            id,
            &before.record.label.covering(&a.label),
            &before.meta.owner_nation,
            Some(&before.record),
            Some(a),
        )];
        changes.extend(reset_by_import(&mut self.tx, &before, a, actor).await?);
        Ok((changes, before))
    }
}

impl ImportSession for SqlImport {
    async fn write(&mut self, batch: &[Activity], actor: &Actor) -> Result<Written> {
        let mut outcome = ImportOutcome::default();
        let mut statuses_set = Vec::new();
        let mut relabelled = Vec::new();
        let held = match self.fresh {
            true => HashMap::new(),
            false => held_activities(&mut self.tx, batch).await?,
        };
        let mut new = Vec::new();
        let mut changes = Vec::new();
        for (row, a) in batch.iter().enumerate() {
            let hash = content_hash(a);
            let found = held
                .get(a.source.as_str())
                .and_then(|ids| ids.get(a.external_id.as_str()));
            match found {
                None => {
                    let group = self.group_of(&a.label).await?;
                    if a.status != Status::Proposed {
                        statuses_set.push(StatusSet {
                            row,
                            from: None,
                            to: a.status,
                        });
                        self.groups.history(group)?;
                    }
                    new.push((group, a, hash));
                }
                // Unchanged since it was last received: local edits since then stand.
                Some(&(_, stored, _)) if stored == hash => outcome.unchanged += 1,
                Some(&held) => {
                    let (entries, was) = self.update(held, a, hash, actor).await?;
                    if was.record.status != a.status {
                        statuses_set.push(StatusSet {
                            row,
                            from: Some(was.record.status),
                            to: a.status,
                        });
                    }
                    if was.record.label != a.label {
                        relabelled.push(Relabelled {
                            row,
                            owner: was.meta.owner_nation,
                            before: was.record.label,
                        });
                    }
                    changes.extend(entries);
                    outcome.updated += 1;
                }
            }
        }
        // In the file's order (not grouped by label): ids follow the file, and an export
        // lists activities of the same day as the file did.
        let rows = new
            .iter()
            .map(|&(group, activity, content_hash)| {
                Ok(NewActivity {
                    activity,
                    content_hash,
                    imported_in: Some(self.groups.row(group)?),
                })
            })
            .collect::<Result<Vec<NewActivity>>>()?;
        let ids = insert_activities(&mut self.tx, &rows, actor).await?;
        for (&(group, ..), id) in new.iter().zip(ids) {
            self.groups.created(group, id)?;
        }
        append_audit(&mut self.tx, actor, changes).await?;
        outcome.inserted = new.len() as u64;
        Ok(Written {
            outcome,
            statuses_set,
            relabelled,
        })
    }

    async fn add_record(&mut self, record: crate::NewRecord<'_>, actor: &Actor) -> Result<()> {
        let (_, created) = insert_record(&mut self.tx, record, actor).await?;
        append_audit(&mut self.tx, actor, vec![created]).await?;
        Ok(())
    }

    async fn set_meta(&mut self, key: &str, value: &str) -> Result<()> {
        write_meta(&mut self.tx, key, value).await
    }

    async fn commit(mut self, origin: &ImportOrigin, actor: &Actor) -> Result<()> {
        let changes = self.groups.changes(origin, actor.nation.as_str());
        let first = append_audit(&mut self.tx, actor, changes).await?;
        for (entry, row) in (first..).zip(self.groups.rows()) {
            sqlx::query("UPDATE import_groups SET audit_entry = $1 WHERE id = $2")
                .bind(entry)
                .bind(row)
                .execute(&mut *self.tx)
                .await?;
        }
        for create in &self.deferred_indexes {
            sqlx::query(sqlx::AssertSqlSafe(create.as_str()))
                .execute(&mut *self.tx)
                .await?;
        }
        self.tx.commit().await?;
        Ok(())
    }
}

/// What the store already holds of a batch, by source, then external id. Looked up per
/// source, so that the unique index (source, external_id) serves it, in lists short
/// enough for any database's limit on bound parameters.
async fn held_activities(
    conn: &mut Conn,
    batch: &[Activity],
) -> Result<HashMap<String, HashMap<String, Held>>> {
    let mut by_source: HashMap<&str, Vec<&str>> = HashMap::new();
    for a in batch {
        by_source.entry(&a.source).or_default().push(&a.external_id);
    }
    let mut held: HashMap<String, HashMap<String, Held>> = HashMap::new();
    for (source, ids) in by_source {
        for chunk in ids.chunks(INSERT_BATCH) {
            let mut qb = QueryBuilder::<Db>::new(
                "SELECT external_id, id, content_hash, version FROM activities WHERE source = ",
            );
            qb.push_bind(source.to_owned()).push(" AND external_id IN ");
            push_in_list(&mut qb, chunk.iter().map(|id| (*id).to_owned()));
            let found: Vec<(String, i64, i64, i64)> =
                qb.build_query_as().fetch_all(&mut *conn).await?;
            held.entry(source.to_owned()).or_default().extend(
                found
                    .into_iter()
                    .map(|(external_id, id, hash, version)| (external_id, (id, hash, version))),
            );
        }
    }
    Ok(held)
}
