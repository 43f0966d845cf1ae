//! Opening a database from a path or URL: a `postgres://` URL selects PostgreSQL, anything
//! else is a SQLite file.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::{postgres::PostgresStore, sqlite::SqliteStore};
use crate::{AnyStore, Result};

/// A location fit to print: a URL's password replaced by `***`.
pub fn redacted(location: &str) -> String {
    let Some((scheme, rest)) = location.split_once("://") else {
        return location.to_owned();
    };
    match rest
        .rsplit_once('@')
        .map(|(credentials, host)| (credentials.split_once(':'), host))
    {
        Some((Some((user, _password)), host)) => format!("{scheme}://{user}:***@{host}"),
        _ => location.to_owned(),
    }
}

/// Opens a database; a SQLite file that does not exist is created only when `create` is
/// set, so that a mistyped path is an error rather than a new empty database.
pub async fn open(location: &str, create: bool) -> Result<AnyStore> {
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
        .create_if_missing(create)
        .foreign_keys(true)
        .journal_mode(SqliteJournalMode::Wal)
        // With the write-ahead log, NORMAL is durable across application crashes and
        // much faster than FULL; a power cut may lose the last commits, never corrupt.
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(10))
        // Reads through a memory map share the operating system's cache between all the
        // pool's connections; without it each read of a page not in a connection's small
        // cache was a system call and a copy, most of a busy server's time.
        .pragma("mmap_size", "1073741824");
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        // A file on this machine does not drop connections: no ping before each use.
        .test_before_acquire(false)
        .connect_with(options)
        .await?;
    Ok(AnyStore::Sqlite(SqliteStore::new(pool)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_not_printed() {
        let url = "postgres://attache:s3cret@127.0.0.1:5432/attache";
        assert_eq!(
            super::redacted(url),
            "postgres://attache:***@127.0.0.1:5432/attache"
        );
        assert_eq!(
            super::redacted("postgres://attache@host/db"),
            "postgres://attache@host/db"
        );
        assert_eq!(super::redacted("attache.db"), "attache.db");
        assert_eq!(super::redacted("a@b://c"), "a@b://c");
        assert_eq!(super::redacted("a@b://u:p@c"), "a@b://u:***@c");
    }
}
