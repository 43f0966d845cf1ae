//! Kept answers are never stale beyond the watch: a change made by another process (here,
//! a second `App` on the same database file) shows in a watched server's answers within
//! moments, and a change made through the server at once.

use std::sync::Arc;
use std::time::Duration;

use attache_app::App;
use attache_app::Database;
use attache_domain::access::Actor;
use attache_domain::access::UserRole;
use attache_domain::query::{ActivityFilter, Page, Sort};
use attache_domain::{ActivityInput, Classification, PartnerCode};
use chrono::Utc;

async fn open(path: &str) -> Database {
    Database::open(path, true).await.unwrap()
}

fn planner() -> Actor {
    Actor {
        name: "planner".into(),
        nation: PartnerCode::parse("nation", "GBR").unwrap(),
        clearance: Classification::Secret,
        roles: vec![UserRole::Planner],
        at: Utc::now(),
        console: false,
    }
}

fn talks(title: &str) -> ActivityInput {
    ActivityInput {
        title: title.into(),
        category: "staff_talks".into(),
        status: "proposed".into(),
        start_date: "2027-03-14".into(),
        end_date: "2027-03-15".into(),
        host: "SGP".into(),
        participants: vec!["GBR".into()],
        ..Default::default()
    }
}

/// The titles of the first page, as the server would answer them.
async fn titles(app: &App) -> Vec<String> {
    let page = Page {
        after: None,
        limit: Some(50),
    };
    let render = |items: Vec<attache_domain::Stored<attache_domain::Activity>>| {
        items
            .iter()
            .map(|a| a.record.title.clone())
            .collect::<Vec<_>>()
            .join("\n")
            .into_bytes()
    };
    let answer = app
        .activities_rendered(
            &ActivityFilter::default(),
            Sort::default(),
            &page,
            &planner(),
            render,
        )
        .await
        .unwrap();
    String::from_utf8(answer.to_vec())
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn a_change_by_another_process_shows_within_the_watch() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let path = path.to_str().unwrap();
    let nation = PartnerCode::parse("nation", "GBR").unwrap();
    let server = Arc::new(
        App::init(open(path).await, Some(nation), Utc::now())
            .await
            .unwrap(),
    );
    let watch = {
        let server = Arc::clone(&server);
        tokio::spawn(async move { server.watch_changes(Duration::from_millis(20)).await })
    };
    server
        .add_activity(talks("First talks"), &planner())
        .await
        .unwrap();
    server.refresh_changes().await.unwrap();
    assert_eq!(titles(&server).await, ["First talks"]);
    assert_eq!(titles(&server).await, ["First talks"], "kept");

    // Another process writes behind the server's back.
    let other = App::open(open(path).await).await.unwrap();
    other
        .add_activity(talks("Second talks"), &planner())
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(titles(&server).await, ["First talks", "Second talks"]);

    // The server's own write, refreshed after it as the server does, shows at once.
    server
        .add_activity(talks("Third talks"), &planner())
        .await
        .unwrap();
    server.refresh_changes().await.unwrap();
    assert_eq!(titles(&server).await.len(), 3);
    watch.abort();
}

fn with_roles(roles: Vec<UserRole>) -> Actor {
    Actor { roles, ..planner() }
}

#[tokio::test]
async fn a_kept_measure_is_given_only_to_those_who_may_analyse_and_moves_with_a_change() {
    use attache_app::analytics::{AnalyticsQuery, Measure};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("measures.db");
    let nation = PartnerCode::parse("nation", "GBR").unwrap();
    let app = App::init(open(path.to_str().unwrap()).await, Some(nation), Utc::now())
        .await
        .unwrap();
    let analyst = with_roles(vec![UserRole::Analyst]);
    let query = AnalyticsQuery::default();
    let visits = |table: attache_app::analytics::MeasureTable| table.activities;

    let took_place = ActivityInput {
        status: "completed".into(),
        start_date: "2025-03-14".into(),
        end_date: "2025-03-15".into(),
        ..talks("Talks that took place")
    };
    crate::support::recorded(&app, took_place.clone(), &planner()).await;
    let first = app
        .measure(Measure::Intensity, &query, &analyst)
        .await
        .unwrap();
    assert_eq!(visits(first.clone()), 1);
    let kept = app
        .measure(Measure::Intensity, &query, &analyst)
        .await
        .unwrap();
    assert_eq!(kept.rows, first.rows, "the same answer, kept");

    // Same nation and clearance, so the same security view, but no right to analyse.
    let viewer = with_roles(vec![UserRole::Viewer]);
    let refused = app.measure(Measure::Intensity, &query, &viewer).await;
    assert!(refused.is_err(), "a kept answer is no way around the role");

    let second = ActivityInput {
        external_id: "second".into(),
        ..took_place
    };
    crate::support::recorded(&app, second, &planner()).await;
    let moved = app
        .measure(Measure::Intensity, &query, &analyst)
        .await
        .unwrap();
    assert_eq!(visits(moved), 2, "a change shows at once");
}
