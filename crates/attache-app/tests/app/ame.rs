//! Assessment, monitoring and evaluation through the use cases: an assessment needs its
//! rating, a reading names a known indicator and a past day, and the demo's ratings and
//! readings make a roll-up per partner and per standing aim.

use crate::support;

use attache_app::demo::DemoPlan;
use attache_app::{App, AppError};
use attache_domain::Status;
use attache_domain::ame::{IndicatorReading, OutcomeRating};
use attache_domain::query::{ActivityFilter, Page, Sort};
use attache_domain::records::StandingAim;
use chrono::{NaiveDate, TimeZone, Utc};

async fn demo() -> (attache_testkit::SqliteFile, App) {
    let at = support::now();
    let (dir, app) = support::register().await;
    let actor = app.console(at);
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let plan = DemoPlan::new(7, 400, today, app.our_nation().clone());
    app.load_demo(&plan, &actor, |_| ()).await.unwrap();
    (dir, app)
}

fn field_of(result: Result<impl std::fmt::Debug, AppError>) -> &'static str {
    match result {
        Err(AppError::Invalid(errors)) => errors.0[0].field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_assessment_records_its_rating_and_needs_one() {
    let (_dir, app) = demo().await;
    let actor = app.console(Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap());
    let completed = ActivityFilter {
        status: Some(Status::Completed),
        ..ActivityFilter::default()
    };
    let first = Page {
        after: None,
        limit: Some(1),
    };
    let id = app
        .activities(&completed, Sort::default(), &first, &actor)
        .await
        .unwrap()[0]
        .meta
        .id;
    assert_eq!(
        field_of(app.transition(id, Status::Assessed, &actor).await),
        "rating"
    );
    assert_eq!(
        field_of(
            app.transition_rated(id, Status::Assessed, None, &actor)
                .await
        ),
        "rating"
    );
    let cancel = app
        .transition_rated(id, Status::Cancelled, Some(OutcomeRating::Met), &actor)
        .await;
    assert_eq!(field_of(cancel), "rating");
    assert_eq!(app.outcome_rating(id, &actor).await.unwrap(), None);

    let due_before = app.assessments_due(&actor).await.unwrap();
    assert!(due_before.first.iter().any(|a| a.meta.id == id));
    let assessed = app
        .transition_rated(id, Status::Assessed, Some(OutcomeRating::Exceeded), &actor)
        .await
        .unwrap();
    assert_eq!(assessed.record.status, Status::Assessed);
    assert_eq!(
        app.outcome_rating(id, &actor).await.unwrap(),
        Some(OutcomeRating::Exceeded)
    );
    let due_after = app.assessments_due(&actor).await.unwrap();
    assert_eq!(due_after.count, due_before.count - 1);
    assert!(due_after.first.iter().all(|a| a.meta.id != id));
}

#[tokio::test]
async fn readings_name_a_known_indicator_and_a_past_day() {
    let (_dir, app) = demo().await;
    let actor = app.console(Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap());
    let objective = app
        .objectives(None, &actor)
        .await
        .unwrap()
        .into_iter()
        .find(|o| !o.record.indicators.is_empty())
        .unwrap()
        .record;
    let name = objective.indicators[0].name.clone();
    let reading = |indicator: &str, on: &str| IndicatorReading {
        indicator: indicator.into(),
        value: 42.0,
        measured_on: on.parse().unwrap(),
    };
    let unknown = app
        .record_reading(&objective.code, &reading("Nonsense", "2026-11-01"), &actor)
        .await;
    assert_eq!(field_of(unknown), "indicator");
    let later = app
        .record_reading(&objective.code, &reading(&name, "2026-12-01"), &actor)
        .await;
    assert_eq!(field_of(later), "measured_on");
    app.record_reading(&objective.code, &reading(&name, "2026-11-26"), &actor)
        .await
        .unwrap();
    let history = app
        .indicator_readings(&objective.code, &actor)
        .await
        .unwrap();
    assert_eq!(history[0], reading(&name, "2026-11-26"));
    assert!(history.len() >= 3, "the demo's two and ours: {history:?}");

    let view = app
        .ame(objective.partner.as_ref(), None, &actor)
        .await
        .unwrap();
    let rolled = view
        .rollup
        .objectives
        .iter()
        .find(|o| o.code == objective.code)
        .unwrap();
    assert_eq!(rolled.indicators[0].current, Some(42.0));
    assert_eq!(
        rolled.indicators[0].measured_on,
        Some("2026-11-26".parse().unwrap())
    );
}

#[tokio::test]
async fn the_demo_rolls_up_per_partner_and_per_aim() {
    let (_dir, app) = demo().await;
    let actor = app.console(Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap());
    let view = app.ame(None, None, &actor).await.unwrap();
    let rollup = &view.rollup;
    assert!(!rollup.partners.is_empty());
    assert_eq!(rollup.aims.len(), StandingAim::ALL.len());
    let rated: u64 = rollup.aims.iter().map(|a| a.summary.ratings.total()).sum();
    assert!(
        rated > 10,
        "the demo's assessed activities are rated: {rated}"
    );
    let measured: u64 = rollup.aims.iter().map(|a| a.summary.measured).sum();
    assert!(measured > 0);
    for aim in &rollup.aims {
        if let Some(mean) = aim.summary.mean_rating {
            assert!((1.0..=4.0).contains(&mean), "{aim:?}");
        }
    }

    let partner = rollup.partners[0].partner.clone();
    let one = app.ame(Some(&partner), None, &actor).await.unwrap();
    assert!(
        one.rollup
            .objectives
            .iter()
            .all(|o| o.partner.as_ref() == Some(&partner))
    );
    assert_eq!(one.rollup.partners.len(), 1);
    assert_eq!(one.rollup.partners[0].summary, rollup.partners[0].summary);

    let trust = app
        .ame(None, Some(StandingAim::BuildTrust), &actor)
        .await
        .unwrap();
    assert!(
        trust
            .rollup
            .objectives
            .iter()
            .all(|o| o.aim == StandingAim::BuildTrust)
    );

    // The same plan draws the same ratings.
    let (_again, other) = demo().await;
    let twin = other.ame(None, None, &actor).await.unwrap();
    assert_eq!(twin.rollup, view.rollup);
}
