//! The reports hold only what their reader may see, and carry the banner of the highest
//! classification they include: a secret activity is absent from an official reader's
//! brief and annual report (their counts included) and raises a secret reader's banner.

use crate::support;
use attache_testkit::fixtures::code;

use attache_app::App;
use attache_app::reports::{Report, ReportFormat};
use attache_domain::access::Actor;
use attache_domain::access::UserRole;
use attache_domain::records::{Indicator, Objective, StandingAim};
use attache_domain::{ActivityInput, Classification, SecurityLabel};
use chrono::{DateTime, TimeZone, Utc};

/// Late November 2026: the last 12 months reach back to November 2025.
fn today() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

fn reader(clearance: Classification, role: UserRole) -> Actor {
    Actor {
        name: format!("{clearance}-reader"),
        nation: code("GBR"),
        clearance,
        roles: vec![role],
        at: today(),
        console: false,
    }
}

fn activity(
    title: &str,
    category: &str,
    status: &str,
    start: &str,
    classification: &str,
) -> ActivityInput {
    ActivityInput {
        title: title.into(),
        category: category.into(),
        status: status.into(),
        start_date: start.into(),
        end_date: start.into(),
        host: "SGP".into(),
        participants: vec!["GBR".into(), "AUS".into()],
        objectives: vec!["SGP-TRUST".into()],
        classification: classification.into(),
        ..Default::default()
    }
}

async fn register() -> (attache_testkit::SqliteFile, App) {
    let (dir, app) = support::register_at(today()).await;
    let console = app.console(today());
    app.add_objective(
        &Objective {
            code: "SGP-TRUST".into(),
            title: "Deepen maritime trust with Singapore".into(),
            aim: StandingAim::BuildTrust,
            partner: Some(code("SGP")),
            indicators: vec![Indicator {
                name: "Port visits a year".into(),
                baseline: 2.0,
                target: 6.0,
            }],
            label: SecurityLabel::default(),
        },
        &console,
    )
    .await
    .unwrap();
    for input in [
        activity(
            "Navy staff talks",
            "staff_talks",
            "completed",
            "2026-03-10",
            "official",
        ),
        activity(
            "Minister's visit",
            "high_level_engagement",
            "assessed",
            "2026-06-02",
            "official",
        ),
        activity(
            "Covert exercise Kestrel",
            "exercise",
            "completed",
            "2026-09-14",
            "secret",
        ),
        activity(
            "Talks to come",
            "staff_talks",
            "planned",
            "2027-02-01",
            "official",
        ),
        activity(
            "Talks of last year",
            "staff_talks",
            "completed",
            "2025-05-01",
            "official",
        ),
    ] {
        crate::support::recorded(&app, input, &console).await;
    }
    (dir, app)
}

#[tokio::test]
async fn a_partner_brief_holds_what_its_reader_may_see_under_its_highest_banner() {
    let (_dir, app) = register().await;
    let sgp = code("SGP");
    let official = reader(Classification::Official, UserRole::Analyst);
    let brief = app.partner_brief(&sgp, &official).await.unwrap();
    assert_eq!(brief.banner, "OFFICIAL");
    assert_eq!(brief.name, "Singapore");
    let past: Vec<&str> = brief.past.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(past, ["Minister's visit", "Navy staff talks"]);
    let upcoming: Vec<&str> = brief.upcoming.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(upcoming, ["Talks to come"]);
    // Staff talks 1 and high-level engagement 5 in the last 12 months; 1 the year before.
    assert_eq!((brief.intensity, brief.activities_counted), (6.0, 2));
    assert_eq!(brief.intensity_before, 1.0);
    assert!(
        brief.memberships.iter().any(|m| m.contains("ASEAN")),
        "{:?}",
        brief.memberships
    );
    assert_eq!(brief.objectives[0].indicators[0].target, 6.0);
    let html = brief.html().unwrap();
    assert!(
        !html.contains("Kestrel"),
        "a secret activity shown to an official reader"
    );
    assert_eq!(
        html.matches(">OFFICIAL</p>").count(),
        2,
        "banners at top and bottom"
    );
    assert!(html.contains("<svg") && html.contains("Port visits a year"));
    let pdf = brief.written(ReportFormat::Pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    let secret = reader(Classification::Secret, UserRole::Planner);
    let brief = app.partner_brief(&sgp, &secret).await.unwrap();
    assert_eq!(
        (brief.classification(), brief.banner),
        (Classification::Secret, "SECRET")
    );
    assert!(
        brief
            .past
            .iter()
            .any(|a| a.title == "Covert exercise Kestrel")
    );
    assert_eq!(brief.intensity, 9.0);
    let html = brief.html().unwrap();
    assert_eq!(html.matches(">SECRET</p>").count(), 2);

    // Reports hold measures: a viewer, who may not analyse, gets none.
    let viewer = reader(Classification::Secret, UserRole::Viewer);
    let refused = app.partner_brief(&sgp, &viewer).await.unwrap_err();
    assert!(
        matches!(refused, attache_app::AppError::Forbidden(_)),
        "{refused}"
    );
}

#[tokio::test]
async fn the_annual_report_totals_only_what_its_reader_may_see() {
    let (_dir, app) = register().await;
    let official = reader(Classification::Official, UserRole::Analyst);
    let report = app.annual_report(2026, &official).await.unwrap();
    assert_eq!(report.banner, "OFFICIAL");
    // Planned talks are not engagement that took place.
    assert_eq!((report.activities, report.intensity), (2, 6.0));
    let names = |totals: &[attache_app::reports::Total]| -> Vec<(String, usize)> {
        totals
            .iter()
            .map(|t| (t.name.clone(), t.activities))
            .collect()
    };
    assert_eq!(
        names(&report.by_category),
        [
            ("High level engagement".into(), 1),
            ("Staff talks".into(), 1)
        ]
    );
    assert_eq!(
        names(&report.by_aim),
        [("Build and maintain trust".into(), 2)]
    );
    // SGP and AUS are both in South-eastern Asia or Oceania: each activity counts once per region.
    assert!(
        report.by_region.iter().all(|t| t.activities == 2),
        "{:?}",
        report.by_region
    );
    let top: Vec<(&str, f64, String)> = report
        .top
        .iter()
        .map(|r| (r.code.as_str(), r.intensity, r.change()))
        .collect();
    assert_eq!(
        top,
        [("AUS", 6.0, "+500%".into()), ("SGP", 6.0, "+500%".into())]
    );
    assert_eq!(report.high_level[0].title, "Minister's visit");
    assert_eq!(report.multilateral.len(), 2);
    let html = report.html().unwrap();
    assert!(!html.contains("Kestrel") && !html.contains("Exercise</td>"));
    assert_eq!(html.matches(">OFFICIAL</p>").count(), 2);

    let secret = reader(Classification::Secret, UserRole::Analyst);
    let report = app.annual_report(2026, &secret).await.unwrap();
    assert_eq!(report.banner, "SECRET");
    assert_eq!((report.activities, report.intensity), (3, 9.0));
    assert!(
        report
            .series
            .categories
            .iter()
            .any(|(c, _)| c.as_str() == "exercise")
    );
    let pdf = report.pdf().unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}
