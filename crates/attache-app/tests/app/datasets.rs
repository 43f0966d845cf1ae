//! External data sets through `App`, on SQLite and, when `ATTACHE_TEST_POSTGRES` names a
//! server, PostgreSQL: the example file imports whole, a second import of it changes
//! nothing, a changed row is updated, a file with one bad row leaves everything as it was,
//! labels hide a data set and its measures, and a deletion is audited.

use std::path::{Path, PathBuf};

use attache_app::analytics::{AnalyticsQuery, Measure};
use attache_app::datasets::DatasetOptions;
use attache_app::{App, AppError};
use attache_domain::access::Actor;
use attache_domain::datasets::Mapping;
use attache_domain::{Classification, PartnerCode};
use attache_store::traits::*;
use chrono::{TimeZone, Utc};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/examples")
}

fn mapping() -> Mapping {
    let text = std::fs::read_to_string(examples().join("defence-activities.mapping.json")).unwrap();
    Mapping::from_json(&text).unwrap()
}

fn options(mapping: Mapping) -> DatasetOptions {
    DatasetOptions {
        mapping,
        name: Some("mids".into()),
        dry_run: false,
    }
}

fn reader(app: &App, clearance: Classification) -> Actor {
    Actor {
        clearance,
        roles: vec![attache_domain::access::UserRole::Analyst],
        console: false,
        ..app.console(Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap())
    }
}

/// The example file with one line changed by `edit`.
fn edited(dir: &Path, edit: impl Fn(&str) -> String) -> PathBuf {
    let text = std::fs::read_to_string(examples().join("defence-activities.csv")).unwrap();
    let path = dir.join("edited.csv");
    std::fs::write(&path, edit(&text)).unwrap();
    path
}

async fn story(store: attache_app::Database) {
    let at = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
    let gbr = PartnerCode::parse("nation", "GBR").unwrap();
    let app = App::init(store, Some(gbr), at).await.unwrap();
    let analyst = reader(&app, Classification::Secret);
    let dir = tempfile::tempdir().unwrap();
    let file = examples().join("defence-activities.csv");

    // A dry run maps every row and writes nothing.
    let before = app.store().change_marker().await.unwrap();
    let dry = DatasetOptions {
        dry_run: true,
        ..options(mapping())
    };
    let report = app.import_dataset(&file, &dry, &analyst).await.unwrap();
    assert!(report.import.accepted(), "{:?}", report.import.problems);
    assert_eq!(report.import.rows, 20);
    assert_eq!(app.store().change_marker().await.unwrap(), before);
    assert!(matches!(
        app.dataset("mids", &analyst).await,
        Err(AppError::NotFound(_))
    ));

    let report = app
        .import_dataset(&file, &options(mapping()), &analyst)
        .await
        .unwrap();
    assert_eq!(report.dataset, "mids");
    assert_eq!(report.import.outcome.inserted, 20);
    let stored = app.dataset("mids", &analyst).await.unwrap();
    assert_eq!(stored.record.events, 20);
    assert_eq!(stored.record.file, "defence-activities.csv");
    assert_eq!(stored.record.sha256.len(), 64);
    assert!(stored.record.source.contains("Correlates of War"));
    // Kept apart: the register has no activities.
    let activities = app
        .count_activities(&Default::default(), &app.console(at))
        .await
        .unwrap();
    assert_eq!(activities, 0);

    // The events as mapped: partial dates keep their precision, names and codes became
    // alpha-3 codes, wide columns joined in.
    let (_, events) = app
        .store()
        .dataset_events("mids", &Default::default(), &analyst)
        .await
        .unwrap();
    let event = |id: &str| events.iter().find(|e| e.external_id == id).unwrap().clone();
    let fpda = event("DA-1980-002");
    assert_eq!(fpda.date.to_string(), "1980-04-01");
    assert_eq!(fpda.precision.as_str(), "month");
    let codes: Vec<&str> = fpda.participants.iter().map(PartnerCode::as_str).collect();
    assert_eq!(codes, ["AUS", "GBR", "MYS", "NZL", "SGP"]);
    let visit = event("DA-1980-001");
    assert_eq!(
        (visit.date.to_string(), visit.precision.as_str()),
        ("1980-01-14".into(), "day")
    );
    assert_eq!(event("DA-1979-003").precision.as_str(), "year");

    // The same file again changes nothing, not even the audit trail.
    let marker = app.store().change_marker().await.unwrap();
    let again = app
        .import_dataset(&file, &options(mapping()), &analyst)
        .await
        .unwrap();
    assert_eq!(
        (
            again.import.outcome.inserted,
            again.import.outcome.updated,
            again.import.outcome.unchanged
        ),
        (0, 0, 20)
    );
    assert_eq!(app.store().change_marker().await.unwrap(), marker);

    // A changed row is updated; the rest stay.
    let changed = edited(dir.path(), |t| {
        t.replace("DA-1984-003,1984-10-02", "DA-1984-003,1984-10-03")
    });
    let update = app
        .import_dataset(&changed, &options(mapping()), &analyst)
        .await
        .unwrap();
    assert_eq!(
        (
            update.import.outcome.updated,
            update.import.outcome.unchanged
        ),
        (1, 19)
    );
    let trail = app
        .audit_trail(Some(("dataset", "mids")), 10, &app.console(at))
        .await
        .unwrap();
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["import", "import"],
        "one entry per import that changed something"
    );
    let (_, kept) = app
        .store()
        .dataset_events("mids", &Default::default(), &analyst)
        .await
        .unwrap();

    // One bad row among good ones: nothing changes, and each problem names its line.
    let marker = app.store().change_marker().await.unwrap();
    let bad = edited(dir.path(), |t| {
        t.replace("DA-1979-001,1979-03-12", "DA-1979-001,1979-02-30")
            .replace("1984-10-02", "1984-10-09")
            .replace(
                "DA-1980-003,1980-09-22,1980,9,Training",
                "DA-1980-003,1980-09-22,1980,9,Parade",
            )
    });
    let report = app
        .import_dataset(&bad, &options(mapping()), &analyst)
        .await
        .unwrap();
    let described: Vec<String> = report
        .import
        .problems
        .iter()
        .map(|p| report.import.describe(p))
        .collect();
    assert_eq!(report.import.problem_count, 2, "{described:#?}");
    assert!(
        described[0].ends_with("edited.csv:2: date: 1979-02-30 is not a day of the calendar"),
        "{described:#?}"
    );
    assert!(
        described[1].ends_with("edited.csv:7: type: 'Parade' is not in the mapping's category map, and it gives no default"),
        "{described:#?}"
    );
    assert_eq!(app.store().change_marker().await.unwrap(), marker);
    let (_, after) = app
        .store()
        .dataset_events("mids", &Default::default(), &analyst)
        .await
        .unwrap();
    assert_eq!(
        after, kept,
        "the good rows of a bad file are not written either"
    );
    // Nor is a new data set made of a bad file.
    let fresh = DatasetOptions {
        name: Some("fresh".into()),
        ..options(mapping())
    };
    let report = app.import_dataset(&bad, &fresh, &analyst).await.unwrap();
    assert!(!report.import.accepted());
    assert!(matches!(
        app.dataset("fresh", &analyst).await,
        Err(AppError::NotFound(_))
    ));

    // The measures run on the data set as on the register.
    let query = AnalyticsQuery {
        dataset: Some("mids".into()),
        granularity: attache_analytics::Granularity::Year,
        ..AnalyticsQuery::default()
    };
    let intensity = app
        .measure(Measure::Intensity, &query, &analyst)
        .await
        .unwrap();
    assert_eq!(intensity.activities, 20);
    let row = |partner: &str, period: &str| {
        intensity
            .rows
            .iter()
            .find(|r| r[0] == partner && r[1] == period)
            .cloned()
    };
    // GBR is a partner here: the data set is not the ministry's own record.
    // 1980: the FPDA exercise (3); 1981: the port visit in Japan (2).
    assert_eq!(row("GBR", "1980").unwrap()[2], 3.0);
    assert_eq!(row("GBR", "1981").unwrap()[2], 2.0);
    let register = app
        .measure(Measure::Intensity, &AnalyticsQuery::default(), &analyst)
        .await
        .unwrap();
    assert_eq!(
        register.activities, 0,
        "the register's measures do not count the data set"
    );

    // A secret data set is hidden from an official reader, measures and all.
    let secret = Mapping {
        classification: "secret".into(),
        ..mapping()
    };
    let secret = DatasetOptions {
        name: Some("secret-set".into()),
        ..options(secret)
    };
    app.import_dataset(&file, &secret, &analyst).await.unwrap();
    let official = reader(&app, Classification::Official);
    let names: Vec<String> = app
        .datasets(&official)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.record.name)
        .collect();
    assert_eq!(names, ["mids"]);
    let hidden = AnalyticsQuery {
        dataset: Some("secret-set".into()),
        ..AnalyticsQuery::default()
    };
    let refused = app.measure(Measure::Nodes, &hidden, &official).await;
    assert!(matches!(refused, Err(AppError::NotFound(_))), "{refused:?}");
    let table = app
        .measure(Measure::Nodes, &hidden, &analyst)
        .await
        .unwrap();
    assert_eq!(table.classification, Classification::Secret);
    // An official reader may not import above its clearance either.
    let above = app.import_dataset(&file, &secret, &official).await;
    assert!(matches!(above, Err(AppError::Invalid(_))), "{above:?}");
    // And a viewer may not analyse at all.
    let viewer = Actor {
        roles: vec![attache_domain::access::UserRole::Viewer],
        ..official.clone()
    };
    assert!(matches!(
        app.datasets(&viewer).await,
        Err(AppError::Forbidden(_))
    ));

    // Deleting a data set removes its events, is audited, and leaves the others.
    let deleted = app.delete_dataset("secret-set", &analyst).await.unwrap();
    assert_eq!(deleted.record.events, 20);
    assert!(matches!(
        app.dataset("secret-set", &analyst).await,
        Err(AppError::NotFound(_))
    ));
    let trail = app
        .audit_trail(Some(("dataset", "secret-set")), 10, &app.console(at))
        .await
        .unwrap();
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["import", "delete"]);
    assert_eq!(
        app.dataset("mids", &analyst).await.unwrap().record.events,
        20
    );
}

#[tokio::test]
async fn data_sets_on_each_backend() {
    let sqlite = attache_testkit::SqliteFile::create().await;
    story(sqlite.store.clone().into()).await;
    if let Some(pg) = attache_testkit::PgDatabase::create().await {
        story(pg.store.clone().into()).await;
    }
}
