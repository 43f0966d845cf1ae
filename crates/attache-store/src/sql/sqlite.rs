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

// Each part is compiled once per backend, on purpose.
#[allow(clippy::duplicate_mod)]
#[path = "parts.rs"]
mod parts;
pub use parts::shared::SqlStore as SqliteStore;
