//! The SQL implementation of [`crate::Store`], written once for both databases.
//!
//! `queries.rs` is compiled twice, once with `Db = Sqlite` and once with `Db = Postgres`
//! (by `include!`). Writing it generic over `sqlx::Database` instead would need
//! higher-ranked bounds on every function and runs into sqlx's known "implementation of
//! Executor is not general enough" errors in `Send` futures; two concrete copies of one
//! source keep each query written once, in portable SQL (`$1` placeholders work on both).

pub mod open;
mod rows;

pub mod sqlite {
    //! The embedded default: one file, foreign keys on, write-ahead log.
    type Db = sqlx::Sqlite;
    static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
    /// A bulk write dirties index pages all over each index; once they outgrow SQLite's
    /// page cache (2 MB by default) they are spilled to the log and written again and
    /// again, which made a 200k-row import five times slower. A 64 MB cache for the
    /// import's own connection, given back when it ends.
    /// Each multi-row insert also keeps a statement journal (to undo that statement
    /// alone); in memory rather than in a temporary file.
    const BULK_WRITE_BEGIN: &[&str] = &["PRAGMA cache_size = -65536", "PRAGMA temp_store = MEMORY"];
    const BULK_WRITE_END: &[&str] = &["PRAGMA cache_size = -2000", "PRAGMA temp_store = DEFAULT"];
    /// A read transaction in write-ahead-log mode already sees one snapshot.
    const SNAPSHOT: &[&str] = &[];
    /// A write transaction takes the write lock at once: a deferred one that reads first
    /// fails outright (SQLITE_BUSY) when another writer got in between, instead of waiting.
    const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";
    include!("queries.rs");
    pub use SqlStore as SqliteStore;
}

pub mod postgres {
    //! Multi-user deployments: several `attache serve` processes share one database.
    type Db = sqlx::Postgres;
    static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");
    /// The server manages its own buffers.
    const BULK_WRITE_BEGIN: &[&str] = &[];
    const BULK_WRITE_END: &[&str] = &[];
    /// Read committed (the default) sees each statement's own snapshot.
    const SNAPSHOT: &[&str] = &["SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"];
    /// Row locks (the audit head's among them) order concurrent writers.
    const BEGIN_WRITE: &str = "BEGIN";
    include!("queries.rs");
    pub use SqlStore as PostgresStore;
}
