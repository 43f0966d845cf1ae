//! Loading the demo data set: all of it in one transaction, once per database.

use crate::support;

use attache_app::demo::DemoPlan;
use attache_app::{App, AppError};
use attache_domain::query::ActivityFilter;
use attache_store::Store;
use chrono::{NaiveDate, Utc};

async fn app() -> (attache_testkit::SqliteFile, App) {
    support::register().await
}

fn plan(app: &App) -> DemoPlan {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    DemoPlan::new(7, 300, today, app.our_nation().clone())
}

#[tokio::test]
async fn the_demo_loads_once() {
    let (_dir, app) = app().await;
    let actor = app.console(Utc::now());
    let plan = plan(&app);
    app.load_demo(&plan, &actor, |_| ()).await.unwrap();
    let loaded = app
        .count_activities(&ActivityFilter::default(), &actor)
        .await
        .unwrap();
    assert_eq!(loaded, 300);
    let again = app.load_demo(&plan, &actor, |_| ()).await;
    assert!(matches!(again, Err(AppError::Conflict(_))), "{again:?}");
}

#[tokio::test]
async fn a_load_that_fails_midway_leaves_nothing_behind() {
    let (_dir, app) = app().await;
    let actor = app.console(Utc::now());
    let plan = plan(&app);
    // The plan's last objective is already there: adding it again fails after the
    // other objectives were written in the load's transaction.
    let objectives = plan.objectives();
    let taken = objectives.last().unwrap();
    app.add_objective(taken, &actor).await.unwrap();
    let before = app.store().change_marker().await.unwrap();

    let failed = app.load_demo(&plan, &actor, |_| ()).await;
    assert!(failed.is_err(), "the load should fail on the taken code");

    assert_eq!(app.store().meta("demo_loaded").await.unwrap(), None);
    assert_eq!(app.store().change_marker().await.unwrap(), before);
    let first = &objectives[0];
    assert!(
        app.store()
            .get_objective(&first.code, &actor)
            .await
            .is_err()
    );
    assert_eq!(
        app.count_activities(&ActivityFilter::default(), &actor)
            .await
            .unwrap(),
        0
    );
}
