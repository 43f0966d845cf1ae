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
    include!("queries.rs");
    pub use SqlStore as SqliteStore;
}

pub mod postgres {
    //! Multi-user deployments: several `attache serve` processes share one database.
    type Db = sqlx::Postgres;
    static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");
    include!("queries.rs");
    pub use SqlStore as PostgresStore;
}
