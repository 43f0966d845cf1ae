//! What the use cases' tests share: a register for GBR on a fresh SQLite file, set up at a
//! fixed moment (the tests' "now", never the clock's).

use attache_app::App;
use attache_domain::ActivityInput;
use attache_domain::access::Actor;
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

/// Records an activity at whatever status `input` gives, past the lifecycle's gates, as
/// an import of history would: the fixture of tests about what comes after (coordination
/// lists, measures, reports), not a way the use cases offer.
pub async fn recorded(app: &App, mut input: ActivityInput, actor: &Actor) -> i64 {
    use attache_store::traits::*;
    if input.source.is_empty() {
        input.source = app.local_source();
    }
    if input.external_id.is_empty() {
        input.external_id = uuid::Uuid::now_v7().to_string();
    }
    let context = app.validation_context(actor).await.unwrap();
    let activity = input.validate(&context).unwrap();
    app.store()
        .add_activity(&activity, actor)
        .await
        .unwrap()
        .meta
        .id
}
