//! The database the use cases run on, as the edges see it: opened from a location (a
//! `postgres://` URL or a SQLite file) and handed to [`crate::App`], which alone reaches
//! the store inside it.

use attache_store::{AnyStore, PostgresStore, SqliteStore};

use crate::Result;

/// An open database of either kind.
#[derive(Debug)]
pub struct Database(pub(crate) AnyStore);

impl Database {
    /// Opens a database; a SQLite file that does not exist is created only when `create`
    /// is set, so that a mistyped path is an error rather than a new empty database.
    pub async fn open(location: &str, create: bool) -> Result<Database> {
        Ok(Database(attache_store::open(location, create).await?))
    }
}

/// A location fit to print: a URL's password replaced by `***`.
pub fn redacted(location: &str) -> String {
    attache_store::redacted(location)
}

impl From<AnyStore> for Database {
    fn from(store: AnyStore) -> Self {
        Database(store)
    }
}

impl From<SqliteStore> for Database {
    fn from(store: SqliteStore) -> Self {
        Database(store.into())
    }
}

impl From<PostgresStore> for Database {
    fn from(store: PostgresStore) -> Self {
        Database(store.into())
    }
}
