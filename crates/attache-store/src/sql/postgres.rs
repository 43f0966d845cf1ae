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

// Each part is compiled once per backend, on purpose.
#[allow(clippy::duplicate_mod)]
#[path = "parts.rs"]
mod parts;
pub use parts::shared::SqlStore as PostgresStore;
