//! The schema (migrate, check_schema), the metadata values, and the settings an
//! administrator chooses among them (audited).

use super::shared::{Conn, SqlStore, append_audit, change};
use super::{BEGIN_WRITE, MIGRATOR};
use crate::{Result, StoreError};
use attache_domain::access::Actor;
use std::collections::HashSet;

pub(super) async fn migrate(store: &SqlStore) -> Result<()> {
    // A database that is new has no migrations table yet: nothing can be newer.
    if let Ok(applied) = store.applied_migrations().await {
        refuse_newer(&applied)?;
    }
    MIGRATOR.run(&store.pool).await?;
    Ok(())
}

pub(super) async fn check_schema(store: &SqlStore) -> Result<()> {
    let Ok(applied) = store.applied_migrations().await else {
        return Err(StoreError::Schema(
            "this database is not initialised: run `attache init --nation XXX` first".into(),
        ));
    };
    refuse_newer(&applied)?;
    if MIGRATOR.iter().any(|m| !applied.contains(&m.version)) {
        return Err(StoreError::Schema(
            "this database's schema is older than this attache: run `attache init` to migrate it"
                .into(),
        ));
    }
    Ok(())
}

pub(super) async fn meta(store: &SqlStore, key: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
        .bind(key)
        .fetch_optional(&store.pool)
        .await?)
}

impl SqlStore {
    /// The migrations applied to the database; an error when it has none yet.
    async fn applied_migrations(&self) -> std::result::Result<Vec<i64>, sqlx::Error> {
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = TRUE")
            .fetch_all(&self.pool)
            .await
    }
}

pub(super) async fn write_meta(conn: &mut Conn, key: &str, value: &str) -> Result<()> {
    sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(key)
        .bind(value)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(super) async fn set_setting(
    store: &SqlStore,
    key: &str,
    value: &str,
    actor: &Actor,
) -> Result<()> {
    let mut tx = store.pool.begin_with(BEGIN_WRITE).await?;
    let before: Option<String> = sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
        .bind(key)
        .fetch_optional(&mut *tx)
        .await?;
    write_meta(&mut tx, key, value).await?;
    let label = attache_domain::SecurityLabel::default();
    let after = value.to_owned();
    let entry = change(
        "update",
        "setting",
        key,
        &label,
        actor.nation.as_str(),
        before.as_ref(),
        Some(&after),
    );
    append_audit(&mut tx, actor, vec![entry]).await?;
    tx.commit().await?;
    Ok(())
}

/// Refuses a database that has a migration this binary does not know.
fn refuse_newer(applied: &[i64]) -> Result<()> {
    let known: HashSet<i64> = MIGRATOR.iter().map(|m| m.version).collect();
    match applied.iter().find(|v| !known.contains(v)) {
        Some(newer) => Err(StoreError::Schema(format!(
            "this database has schema version {newer}, newer than this attache knows \
             (up to {}): use a newer attache",
            known.iter().max().copied().unwrap_or_default()
        ))),
        None => Ok(()),
    }
}
