//! What the use cases' tests share: a register for GBR on a fresh SQLite file, set up at a
//! fixed moment (the tests' "now", never the clock's).

use attache_app::App;
use attache_testkit::SqliteFile;
use attache_testkit::fixtures::code;
use chrono::{DateTime, TimeZone, Utc};

/// Late November 2026, a Wednesday morning.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

/// An initialised register for GBR, set up at `at`; the file goes with the first half.
pub async fn register_at(at: DateTime<Utc>) -> (SqliteFile, App) {
    let file = SqliteFile::create().await;
    let app = App::init(file.store.clone().into(), Some(code("GBR")), at)
        .await
        .unwrap();
    (file, app)
}

/// An initialised register for GBR, set up at `now()`.
pub async fn register() -> (SqliteFile, App) {
    register_at(now()).await
}
