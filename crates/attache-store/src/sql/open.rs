//! Opening a database from a path or URL: a `postgres://` URL selects PostgreSQL, anything
//! else is a SQLite file.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::{postgres::PostgresStore, sqlite::SqliteStore};
use crate::Result;

/// A store of either kind; callers match once and run generic code on the inside.
#[derive(Debug)]
pub enum AnyStore {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

pub async fn open(location: &str) -> Result<AnyStore> {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(location)
            .await?;
        return Ok(AnyStore::Postgres(PostgresStore::new(pool)));
    }
    let path = location.strip_prefix("sqlite://").unwrap_or(location);
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))?
        .create_if_missing(true)
        .foreign_keys(true)
        .journal_mode(SqliteJournalMode::Wal)
        // With the write-ahead log, NORMAL is durable across application crashes and
        // much faster than FULL; a power cut may lose the last commits, never corrupt.
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(10));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    Ok(AnyStore::Sqlite(SqliteStore::new(pool)))
}
