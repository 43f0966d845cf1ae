//! The SQL implementation of [`crate::Store`], written once for both databases.
//!
//! The SQL is compiled twice, once with `Db = Sqlite` and once with `Db = Postgres`: the
//! files below are `include!`d into `mod sqlite` and `mod postgres`, which define `Db`,
//! `MIGRATOR` and the backend's constants. Writing it generic over `sqlx::Database`
//! instead would need higher-ranked bounds on every function and runs into sqlx's known
//! "implementation of Executor is not general enough" errors in `Send` futures; two
//! concrete copies of one source keep each query written once, in portable SQL (`$1`
//! placeholders work on both).
//!
//! The included files share one module, and so their imports (in `shared.rs`) and
//! helpers:
//!
//! - `shared.rs`: the store, the helpers every part uses, and `impl Store`, a table of
//!   delegations to the parts;
//! - `activities.rs`: activities (reads, writes, filters, cursors, children, status
//!   changes); `engagement.rs` and `overlap.rs`: engagement counts, and the start-date
//!   bound of overlapping ranges; `analytics.rs`: the analytics' read;
//! - `records.rs`: partners, people, assets, objectives, agreements, reference loading;
//! - `accounts.rs`: users, sessions, API tokens, sign-in locks;
//! - `audit.rs`: the audit trail's reads and verification, the change marker;
//! - `meta.rs`: migrations, the schema check, metadata;
//! - `import.rs`: the import session;
//! - `csbm.rs`, `coordination.rs`, `datasets.rs`, `ame.rs`: the SQL of the feature
//!   stores (`crate::CsbmStore`, `crate::CoordinationStore`, `crate::DatasetStore`,
//!   `crate::AmeStore`).

pub mod open;
mod rows;

pub mod sqlite {
    //! The embedded default: one file, foreign keys on, write-ahead log.
    type Db = sqlx::Sqlite;
    static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
    /// Settings of an import's own connection, which is closed when the import ends.
    /// A bulk write dirties pages all over the tables; once they outgrow SQLite's page
    /// cache (2 MB by default) they are spilled to the log and written again and again,
    /// which made a 200k-row import five times slower: a 24 MB cache (the date indexes,
    /// which would need the most, are built at the end; each sort thread there takes as
    /// much again: 32 MB took a million-row import to 204 MB, over its 200 MB).
    /// Foreign keys are not checked row by row (two or three index lookups a row, as
    /// long as the rest of the insert): every reference an import writes was checked
    /// against the reference data by validation (partners and objectives, which are
    /// never deleted) or is to a row that the import itself just wrote.
    /// The indexes built at the end (`DEFERRED_INDEXES`) sort with a helper thread, in
    /// temporary files rather than in memory (a million rows' keys would be 100 MB).
    const IMPORT_CONNECTION: &[&str] = &[
        "PRAGMA cache_size = -24576",
        "PRAGMA foreign_keys = OFF",
        "PRAGMA threads = 1",
    ];
    /// A read transaction in write-ahead-log mode already sees one snapshot.
    const SNAPSHOT: &[&str] = &[];
    /// A write transaction takes the write lock at once: a deferred one that reads first
    /// fails outright (SQLITE_BUSY) when another writer got in between, instead of waiting.
    const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";
    /// `$1` new activity ids. A writer holds the write lock (`BEGIN_WRITE`) until it
    /// commits, so the ids above the highest are its own.
    const NEW_IDS: &str = "WITH RECURSIVE n (id) AS (SELECT COALESCE(MAX(id), 0) + 1 FROM \
        activities UNION ALL SELECT id + 1 FROM n LIMIT $1) SELECT id FROM n";
    /// An import into an empty register builds the secondary indexes of `activities`
    /// once at its end (a sort) rather than row by row (writes all over each index, by
    /// date), which made a million-row import slower by half. It holds the write lock,
    /// and readers keep their snapshot, indexes included. The unique (source,
    /// external_id) is a constraint, not listed here, and stays checked row by row. The
    /// participants' index by partner is kept: each partner's rows arrive in id order,
    /// at the end of its part of the index.
    const DEFERRED_INDEXES: Option<&str> = Some(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
         AND tbl_name = 'activities'",
    );
    /// A time bound into every row of a bulk insert: SQLite's driver sends it as this text,
    /// formatted once here rather than once a row.
    type BoundTime = std::sync::Arc<str>;
    fn bound_time(at: chrono::DateTime<chrono::Utc>) -> BoundTime {
        at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
            .into()
    }
    /// A date as the driver sends it (`%F`), without parsing a format string each time.
    fn bound_date(date: chrono::NaiveDate) -> String {
        date.to_string()
    }
    /// The longest activity's length in days, from the top of its index
    /// (`activities_by_span`, on this very expression).
    const LONGEST_SPAN: &str = "SELECT CAST(julianday(end_date) - julianday(start_date) AS BIGINT) \
        FROM activities ORDER BY julianday(end_date) - julianday(start_date) DESC LIMIT 1";
    /// The completed activities by end date (`sql/ame.rs`), along their partial index:
    /// without statistics SQLite's planner would take `activities_by_status` and sort.
    const COMPLETED_BY_END: &str = "activities a INDEXED BY activities_completed_by_end";
    include!("shared.rs");
    include!("activities.rs");
    include!("records.rs");
    include!("accounts.rs");
    include!("audit.rs");
    include!("meta.rs");
    include!("engagement.rs");
    include!("overlap.rs");
    include!("import.rs");
    include!("csbm.rs");
    include!("coordination.rs");
    include!("analytics.rs");
    include!("datasets.rs");
    include!("ame.rs");
    pub use SqlStore as SqliteStore;
}

pub mod postgres {
    //! Multi-user deployments: several `attache serve` processes share one database.
    type Db = sqlx::Postgres;
    static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");
    /// The server manages its own buffers, and checks foreign keys.
    const IMPORT_CONNECTION: &[&str] = &[];
    /// Read committed (the default) sees each statement's own snapshot.
    const SNAPSHOT: &[&str] = &["SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"];
    /// Row locks (the audit head's among them) order concurrent writers.
    const BEGIN_WRITE: &str = "BEGIN";
    /// `$1` new activity ids from the table's sequence, which concurrent writers share.
    const NEW_IDS: &str =
        "SELECT nextval(pg_get_serial_sequence('activities', 'id')) FROM generate_series(1, $1)";
    /// Dropping an index would lock every reader out of the table until the import ends.
    const DEFERRED_INDEXES: Option<&str> = None;
    /// Times and dates go as the server's own types.
    type BoundTime = chrono::DateTime<chrono::Utc>;
    fn bound_time(at: chrono::DateTime<chrono::Utc>) -> BoundTime {
        at
    }
    fn bound_date(date: chrono::NaiveDate) -> chrono::NaiveDate {
        date
    }
    /// The longest activity's length in days, from the top of its index
    /// (`activities_by_span`, on this very expression).
    const LONGEST_SPAN: &str = "SELECT CAST(end_date - start_date AS BIGINT) FROM activities \
        ORDER BY end_date - start_date DESC LIMIT 1";
    /// The completed activities by end date (`sql/ame.rs`); the planner finds their
    /// partial index itself.
    const COMPLETED_BY_END: &str = "activities a";
    include!("shared.rs");
    include!("activities.rs");
    include!("records.rs");
    include!("accounts.rs");
    include!("audit.rs");
    include!("meta.rs");
    include!("engagement.rs");
    include!("overlap.rs");
    include!("import.rs");
    include!("csbm.rs");
    include!("coordination.rs");
    include!("analytics.rs");
    include!("datasets.rs");
    include!("ame.rs");
    pub use SqlStore as PostgresStore;
}
