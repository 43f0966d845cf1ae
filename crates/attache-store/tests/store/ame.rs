//! Assessment, monitoring and evaluation in the store, on both databases: indicator
//! readings under their objective's label, audited, the latest per indicator; the outcome
//! rating recorded with the assessment in one transaction, counted per objective under the
//! activities' labels and never for coercive presence; the assessments due, oldest first.
//!
//! ```text
//! ATTACHE_TEST_POSTGRES=postgres://attache:attache@127.0.0.1:5432/postgres cargo test -p attache-store --test store ame::
//! ```

use attache_domain::Stored;
use attache_domain::access::Actor;
use attache_domain::ame::{IndicatorReading, OutcomeRating};
use attache_domain::records::{Indicator, Objective, StandingAim};
use attache_domain::{Activity, ActivityInput, Classification, SecurityLabel, Status};
use attache_store::{Store, StoreError};
use attache_testkit::fixtures::{actor, code, date, secret, state};

attache_testkit::on_each_backend!(
    readings_live_under_the_objectives_label_and_the_latest_counts,
    ratings_are_recorded_with_the_assessment_and_counted_per_objective,
    assessments_due_are_the_completed_oldest_first,
);

fn official() -> Actor {
    actor(Classification::Official)
}

fn label(classification: Classification) -> SecurityLabel {
    SecurityLabel {
        classification,
        ..SecurityLabel::default()
    }
}

fn objective(code_: &str, classification: Classification) -> Objective {
    Objective {
        code: code_.into(),
        title: format!("Objective {code_}"),
        aim: StandingAim::BuildTrust,
        partner: Some(code("SGP")),
        indicators: vec![Indicator {
            name: "Port visits".into(),
            baseline: 2.0,
            target: 6.0,
        }],
        label: label(classification),
    }
}

/// A migrated store with GBR and SGP and two objectives of SGP's plan: `SGP-TRUST`
/// (official) and `SGP-QUIET` (secret).
async fn with_objectives<S: Store>(store: &S) {
    store.migrate().await.unwrap();
    store
        .load_reference(&[state("GBR"), state("SGP")], &[], &secret())
        .await
        .unwrap();
    for o in [
        objective("SGP-TRUST", Classification::Official),
        objective("SGP-QUIET", Classification::Secret),
    ] {
        store.add_objective(&o, &secret()).await.unwrap();
    }
}

async fn activity<S: Store>(
    store: &S,
    name: &str,
    status: &str,
    end: &str,
    classification: &str,
) -> Stored<Activity> {
    let known = store.known_codes().await.unwrap();
    let ctx = attache_domain::ValidationContext {
        our_nation: code("GBR"),
        clearance: Classification::Secret,
        partners: known.partners,
        objectives: known.objectives,
        objective_labels: Default::default(),
        currencies: ["GBP".to_owned()].into(),
    };
    let input = ActivityInput {
        source: "test".into(),
        external_id: name.into(),
        title: name.into(),
        category: "staff_talks".into(),
        status: status.into(),
        start_date: "2026-09-01".into(),
        end_date: end.into(),
        host: "SGP".into(),
        participants: vec!["GBR".into()],
        objectives: vec!["SGP-TRUST".into()],
        classification: classification.into(),
        ..ActivityInput::default()
    };
    let activity = input.validate(&ctx).unwrap();
    store.add_activity(&activity, &secret()).await.unwrap()
}

fn reading(value: f64, on: &str) -> IndicatorReading {
    IndicatorReading {
        indicator: "Port visits".into(),
        value,
        measured_on: date(on),
    }
}

async fn readings_live_under_the_objectives_label_and_the_latest_counts<S: Store>(store: &S) {
    with_objectives(store).await;
    for (objective, value, on) in [
        ("SGP-TRUST", 3.0, "2026-06-01"),
        ("SGP-TRUST", 5.0, "2026-09-01"),
        ("SGP-TRUST", 4.0, "2026-07-01"),
        ("SGP-QUIET", 6.0, "2026-08-01"),
    ] {
        store
            .add_indicator_reading(objective, &reading(value, on), &secret())
            .await
            .unwrap();
    }
    let history = store
        .indicator_readings("SGP-TRUST", &official())
        .await
        .unwrap();
    let values: Vec<f64> = history.iter().map(|r| r.value).collect();
    assert_eq!(values, [5.0, 4.0, 3.0], "newest measurement first");

    let latest = store.latest_readings(None, &official()).await.unwrap();
    assert_eq!(
        latest.len(),
        1,
        "the secret objective's reading is hidden: {latest:?}"
    );
    assert_eq!(latest[0].objective, "SGP-TRUST");
    assert_eq!(latest[0].reading, reading(5.0, "2026-09-01"));
    let all = store
        .latest_readings(Some(&code("SGP")), &secret())
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    assert!(
        store
            .latest_readings(Some(&code("GBR")), &secret())
            .await
            .unwrap()
            .is_empty()
    );

    let hidden = store.indicator_readings("SGP-QUIET", &official()).await;
    assert!(
        matches!(hidden, Err(StoreError::NotFound { .. })),
        "{hidden:?}"
    );
    let refused = store
        .add_indicator_reading("SGP-QUIET", &reading(1.0, "2026-10-01"), &official())
        .await;
    assert!(
        matches!(refused, Err(StoreError::NotFound { .. })),
        "{refused:?}"
    );
    assert_eq!(
        store
            .indicator_readings("SGP-QUIET", &secret())
            .await
            .unwrap()
            .len(),
        1
    );

    let trail = store.audit_trail(None, 100, &secret()).await.unwrap();
    let readings: Vec<_> = trail
        .iter()
        .filter(|e| e.record_type == "indicator_reading")
        .collect();
    assert_eq!(readings.len(), 4);
    assert!(
        readings
            .iter()
            .any(|e| e.classification == "secret" && e.record_id == "SGP-QUIET")
    );
    let official_trail = store.audit_trail(None, 100, &official()).await.unwrap();
    assert!(!official_trail.iter().any(|e| e.record_id == "SGP-QUIET"));
}

async fn ratings_are_recorded_with_the_assessment_and_counted_per_objective<S: Store>(store: &S) {
    with_objectives(store).await;
    let met = activity(store, "Talks", "completed", "2026-09-02", "official").await;
    let quiet = activity(store, "Quiet talks", "completed", "2026-09-02", "secret").await;
    let shown = activity(store, "Show of force", "approved", "2026-09-02", "official").await;

    let assessed = store
        .assess_activity(met.meta.id, OutcomeRating::Met, met.meta.version, &secret())
        .await
        .unwrap();
    assert_eq!(assessed.record.status, Status::Assessed);
    assert_eq!(
        store
            .outcome_rating(met.meta.id, &official())
            .await
            .unwrap(),
        Some(OutcomeRating::Met)
    );
    let changes = store.status_changes(met.meta.id, &secret()).await.unwrap();
    assert_eq!(changes.last().map(|c| c.to), Some(Status::Assessed));

    // A stale version changes nothing: neither the status nor a rating.
    let stale = store
        .assess_activity(
            quiet.meta.id,
            OutcomeRating::NotMet,
            quiet.meta.version + 1,
            &secret(),
        )
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    assert_eq!(
        store
            .outcome_rating(quiet.meta.id, &secret())
            .await
            .unwrap(),
        None
    );
    store
        .assess_activity(
            quiet.meta.id,
            OutcomeRating::NotMet,
            quiet.meta.version,
            &secret(),
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .outcome_rating(quiet.meta.id, &official())
            .await
            .unwrap(),
        None
    );

    // Coercive presence may be assessed, but its rating never counts.
    let flagged = store
        .complete_as_coercive_presence(shown.meta.id, shown.meta.version, &secret())
        .await
        .unwrap();
    store
        .assess_activity(
            shown.meta.id,
            OutcomeRating::Exceeded,
            flagged.meta.version,
            &secret(),
        )
        .await
        .unwrap();

    let counts = |viewer: Actor| async move {
        let mut rows: Vec<(String, OutcomeRating, u64, Classification)> = store
            .objective_ratings(None, &viewer)
            .await
            .unwrap()
            .into_iter()
            .map(|r| (r.objective, r.rating, r.count, r.classification))
            .collect();
        rows.sort_by_key(|r| r.1);
        rows
    };
    let trust = || "SGP-TRUST".to_owned();
    assert_eq!(
        counts(official()).await,
        [(trust(), OutcomeRating::Met, 1, Classification::Official)]
    );
    assert_eq!(
        counts(secret()).await,
        [
            (trust(), OutcomeRating::NotMet, 1, Classification::Secret),
            (trust(), OutcomeRating::Met, 1, Classification::Official),
        ]
    );
    assert!(
        store
            .objective_ratings(Some(&code("GBR")), &secret())
            .await
            .unwrap()
            .is_empty()
    );

    let trail = store.audit_trail(None, 100, &secret()).await.unwrap();
    let rated: Vec<_> = trail
        .iter()
        .filter(|e| e.record_type == "outcome_rating")
        .collect();
    assert_eq!(
        rated.len(),
        3,
        "one entry a rating, none for the stale attempt"
    );

    // Imported already assessed: rated by source and external id, once.
    let imported = activity(store, "Imported", "assessed", "2026-09-02", "official").await;
    let ratings = [
        ("Imported".to_owned(), OutcomeRating::PartlyMet),
        ("Talks".to_owned(), OutcomeRating::NotMet),
        ("Missing".to_owned(), OutcomeRating::Met),
    ];
    assert_eq!(
        store
            .rate_imported("test", &ratings, &secret())
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .rate_imported("test", &ratings, &secret())
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .outcome_rating(imported.meta.id, &official())
            .await
            .unwrap(),
        Some(OutcomeRating::PartlyMet)
    );
    assert_eq!(
        store
            .outcome_rating(met.meta.id, &official())
            .await
            .unwrap(),
        Some(OutcomeRating::Met),
        "a rating once given stays"
    );
}

async fn assessments_due_are_the_completed_oldest_first<S: Store>(store: &S) {
    with_objectives(store).await;
    activity(store, "Late", "completed", "2026-10-20", "official").await;
    activity(store, "Early", "completed", "2026-09-05", "official").await;
    activity(store, "Secret", "completed", "2026-09-03", "secret").await;
    let done = activity(store, "Done", "completed", "2026-09-02", "official").await;
    store
        .assess_activity(
            done.meta.id,
            OutcomeRating::Met,
            done.meta.version,
            &secret(),
        )
        .await
        .unwrap();
    activity(store, "Ahead", "approved", "2026-09-04", "official").await;

    let due = store
        .assessments_due(date("2026-10-01"), 10, &official())
        .await
        .unwrap();
    let titles: Vec<&str> = due.first.iter().map(|a| a.record.title.as_str()).collect();
    assert_eq!(titles, ["Early", "Late"]);
    assert_eq!((due.count, due.overdue), (2, 1));

    let due = store
        .assessments_due(date("2026-10-01"), 1, &secret())
        .await
        .unwrap();
    assert_eq!(due.first.len(), 1);
    assert_eq!(due.first[0].record.title, "Secret");
    assert_eq!((due.count, due.overdue), (3, 2));
}
