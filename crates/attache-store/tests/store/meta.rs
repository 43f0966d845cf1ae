//! The schema: migrated on open, and a database migrated by a newer attache refused.

use std::future::Future;

use attache_store::{PostgresStore, SqliteStore, Store, StoreError};

use crate::support::assert_err;

attache_testkit::on_each_backend!(schema_is_migrated_and_checked);

/// What a story needs beyond [`Store`]: raw access for the few checks that tamper with
/// the database behind the store's back.
trait Backend: Store {
    /// Records a migration this binary does not know, as a newer attache would.
    fn record_unknown_migration(&self, version: i64) -> impl Future<Output = ()>;
}

macro_rules! backend {
    ($store:ty) => {
        impl Backend for $store {
            async fn record_unknown_migration(&self, version: i64) {
                sqlx::query(
                    "INSERT INTO _sqlx_migrations (version, description, success, checksum, \
                     execution_time) VALUES ($1, $2, TRUE, $3, 0)",
                )
                .bind(version)
                .bind("from a newer attache")
                .bind(vec![0u8; 4])
                .execute(self.pool())
                .await
                .unwrap();
            }
        }
    };
}

backend!(SqliteStore);

backend!(PostgresStore);

async fn schema_is_migrated_and_checked<S: Backend>(store: &S) {
    assert_err!(store.check_schema().await, StoreError::Schema(m) if m.contains("not initialised"));
    store.migrate().await.unwrap();
    store.check_schema().await.unwrap();
    store.migrate().await.unwrap(); // again: nothing left to do
    store.check_schema().await.unwrap();

    store.set_meta("nation", "GBR").await.unwrap();
    store.set_meta("nation", "AUS").await.unwrap();
    assert_eq!(store.meta("nation").await.unwrap().as_deref(), Some("AUS"));
    assert_eq!(store.meta("absent").await.unwrap(), None);

    store.record_unknown_migration(29_991_231_000_000).await;
    assert_err!(store.check_schema().await, StoreError::Schema(m) if m.contains("newer"));
}
