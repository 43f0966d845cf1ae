//! Scratch databases for tests: a SQLite store in a temporary file, or, when
//! `ATTACHE_TEST_POSTGRES` names a server, a PostgreSQL store on a database of its own,
//! dropped at the end even after a failed test.
//!
//! ```text
//! ATTACHE_TEST_POSTGRES=postgres://attache:attache@127.0.0.1:5432/postgres cargo test
//! ```
//!
//! Without the variable the PostgreSQL halves are skipped with a note; with it, a server
//! that cannot be reached fails the tests.

// Test support: a failure here is a failed test, said as plainly as possible.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write as _;

use attache_store::{AnyStore, PostgresStore, SqliteStore};
use sqlx::Connection as _;

pub const POSTGRES_VAR: &str = "ATTACHE_TEST_POSTGRES";

/// A SQLite store in a fresh temporary file, removed with it.
pub struct SqliteFile {
    pub store: SqliteStore,
    _dir: tempfile::TempDir,
}

impl SqliteFile {
    pub async fn create() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("attache.db");
        match attache_store::open(path.to_str().unwrap(), true)
            .await
            .unwrap()
        {
            AnyStore::Sqlite(store) => SqliteFile { store, _dir: dir },
            AnyStore::Postgres(_) => panic!("a file path opened a PostgreSQL store"),
        }
    }
}

/// A PostgreSQL store on a database of its own, dropped (even after a failed story) when
/// this goes out of scope.
pub struct PgDatabase {
    pub store: PostgresStore,
    server: String,
    name: String,
}

impl PgDatabase {
    /// `None` (with a note, once) when `ATTACHE_TEST_POSTGRES` is unset; a server that is
    /// configured but unreachable fails the test.
    pub async fn create() -> Option<Self> {
        let server = std::env::var(POSTGRES_VAR).ok().filter(|s| !s.is_empty());
        let Some(server) = server else {
            static NOTE: std::sync::Once = std::sync::Once::new();
            // Straight to stderr, past the test harness's capture, so that it is seen.
            NOTE.call_once(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "note: {POSTGRES_VAR} is not set: the PostgreSQL half of the tests \
                     is skipped (set it to a server URL, e.g. \
                     postgres://attache:attache@127.0.0.1:5432/postgres)"
                );
            });
            return None;
        };
        let name = format!("attache_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = sqlx::PgConnection::connect(&server)
            .await
            .unwrap_or_else(|e| panic!("{POSTGRES_VAR}={server} cannot be reached: {e}"));
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .unwrap_or_else(|e| panic!("cannot create database {name} on {server}: {e}"));
        admin.close().await.unwrap();
        match attache_store::open(&with_database(&server, &name), true)
            .await
            .unwrap()
        {
            AnyStore::Postgres(store) => Some(PgDatabase {
                store,
                server,
                name,
            }),
            AnyStore::Sqlite(_) => panic!("a postgres:// URL opened a SQLite store"),
        }
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        // Drop cannot await, and may run while a failed story unwinds: a thread of its own
        // with its own runtime drops the database (FORCE ends the store's connections).
        let (server, name) = (self.server.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            runtime
                .block_on(async {
                    let mut admin = sqlx::PgConnection::connect(&server).await?;
                    sqlx::query(sqlx::AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                    )))
                    .execute(&mut admin)
                    .await?;
                    admin.close().await
                })
                .map_err(|e| e.to_string())
        })
        .join();
        if let Ok(Err(e)) | Err(e) = dropped.map_err(|_| "panicked".to_owned()) {
            let _ = writeln!(
                std::io::stderr(),
                "warning: test database {} was not dropped: {e}",
                self.name
            );
        }
    }
}

/// The server URL with its database replaced: `postgres://u@h/postgres?x` → `…/name?x`.
pub fn with_database(server: &str, database: &str) -> String {
    let (base, query) = server.split_once('?').unwrap_or((server, ""));
    let authority = base.find("://").map_or(0, |i| i + 3);
    let end = base[authority..]
        .find('/')
        .map_or(base.len(), |i| authority + i);
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    format!("{}/{database}{query}", &base[..end])
}

pub mod poppler;
#[cfg(test)]
mod tidy;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_urls_get_their_database_replaced() {
        for (server, expected) in [
            (
                "postgres://postgres@%2Fvar%2Frun%2Fpostgresql/postgres",
                "postgres://postgres@%2Fvar%2Frun%2Fpostgresql/t1",
            ),
            (
                "postgres://attache:attache@127.0.0.1:5432/postgres",
                "postgres://attache:attache@127.0.0.1:5432/t1",
            ),
            ("postgres://h:5432", "postgres://h:5432/t1"),
            (
                "postgres://h/db?sslmode=disable",
                "postgres://h/t1?sslmode=disable",
            ),
        ] {
            assert_eq!(with_database(server, "t1"), expected);
        }
    }
}

/// Runs each story, an `async fn(&impl Store)` of the calling test file, against SQLite,
/// then PostgreSQL when configured, as one test each (`on_each_backend::story`). Which
/// backend a failed story ran on is said on stderr, shown with the failure.
#[macro_export]
macro_rules! on_each_backend {
    ($($(#[$attribute:meta])* $story:ident),+ $(,)?) => {
        mod on_each_backend {
            $(
                $(#[$attribute])*
                #[tokio::test]
                async fn $story() {
                    eprintln!("{} on SQLite", stringify!($story));
                    let sqlite = $crate::SqliteFile::create().await;
                    super::$story(&sqlite.store).await;
                    if let Some(pg) = $crate::PgDatabase::create().await {
                        eprintln!("{} on PostgreSQL", stringify!($story));
                        super::$story(&pg.store).await;
                    }
                }
            )+
        }
    };
}

/// The records and actors that the stores' stories start from.
pub mod fixtures {
    use attache_domain::access::Actor;
    use attache_domain::records::{Partner, PartnerKind};
    use attache_domain::{Classification, PartnerCode, SecurityLabel};
    use chrono::{NaiveDate, TimeZone, Utc};

    pub fn code(c: &str) -> PartnerCode {
        PartnerCode::parse("code", c).unwrap()
    }

    pub fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// An officer of GBR with every role and this clearance, on 10 January 2027.
    pub fn actor(clearance: Classification) -> Actor {
        Actor {
            name: "officer".into(),
            nation: code("GBR"),
            clearance,
            roles: attache_domain::access::UserRole::ALL.to_vec(),
            at: Utc.with_ymd_and_hms(2027, 1, 10, 9, 0, 0).unwrap(),
            console: false,
        }
    }

    pub fn secret() -> Actor {
        actor(Classification::Secret)
    }

    /// A state known by its code alone.
    pub fn state(c: &str) -> Partner {
        Partner {
            code: code(c),
            kind: PartnerKind::State,
            name: c.into(),
            alpha2: c[..2].into(),
            region: String::new(),
            subregion: String::new(),
            members: vec![],
            members_as_of: None,
            members_source: String::new(),
            label: SecurityLabel::default(),
        }
    }
}
