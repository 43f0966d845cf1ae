//! Assessment, monitoring and evaluation in a browser: the roll-up on the partner and
//! analytics pages.

use super::{Driver, Page};
use crate::support::{self};
use serde_json::json;
use support::Api;

/// Assessment, monitoring and evaluation: the overdue assessment on the dashboard, the
/// rating given with the move to assessed, a reading recorded on the partner page, and the
/// roll-up picture on the partner and Analytics pages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_assessment_and_a_reading_show_in_the_ame_roll_up() {
    let api = Api::on_sqlite().await;
    let admin_api = api.client("admin").await;
    let (planner_api, approver_api) = (api.client("planner").await, api.client("approver").await);
    let objective = json!({"code": "AUS-TRUST", "title": "Trust with Australia",
        "aim": "build_trust", "partner": "AUS",
        "indicators": [{"name": "Port visits", "baseline": 2, "target": 6}]});
    let made = admin_api
        .post(api.url("/objectives"))
        .json(&objective)
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 201);
    let day = (support::today() - chrono::Duration::days(40)).to_string();
    let harbour_talks = json!({"title": "Harbour talks", "category": "staff_talks",
        "start_date": day, "end_date": day, "host": "AUS", "objectives": ["AUS-TRUST"],
        "classification": "official"});
    let id = api.create_activity(&planner_api, &harbour_talks).await;
    api.complete(&planner_api, &approver_api, id).await;
    let driver = Driver::start();
    let planner = Page::open(&driver, &api).await;
    planner.sign_in("planner").await;

    // Ended 40 days ago: its assessment was due 10 days ago.
    planner.go("/").await;
    assert_eq!(
        planner.text("#due-count").await.split('.').next(),
        Some("Assessments due: 1, 1 overdue")
    );
    assert!(
        planner
            .text("#assessments-due tr.overdue")
            .await
            .contains("Harbour talks")
    );
    planner.screenshot("dashboard-assessments-due").await;

    planner.click("#assessments-due a").await;
    planner.choose("rating", "met").await;
    planner.click("button.move-assessed").await;
    let shown = planner.text("main").await;
    assert_eq!(planner.text("#status").await, "Assessed", "{shown}");
    assert!(planner.text("#outcome-rating").await.starts_with("met"));
    planner.go("/").await;
    assert!(
        planner
            .text("#due-count")
            .await
            .starts_with("Assessments due: 0")
    );

    planner.go("/partners/AUS").await;
    planner.fill("value-AUS-TRUST", "4").await;
    planner.click("form.reading button").await;
    assert!(planner.path().await.starts_with("/partners/AUS"));
    let indicators = planner.text("#ame ~ section .indicators").await;
    assert!(indicators.contains("Port visits 2 6 4"), "{indicators}");
    assert!(indicators.contains("50%"), "{indicators}");
    assert!(planner.has("#ame-rollup svg rect.bar.rating").await);
    assert!(
        planner
            .text("#ame-summary")
            .await
            .contains("1 activities rated, mean 3.0 of 4")
    );
    planner.screenshot("partner-ame").await;

    planner.go("/analytics").await;
    let picture = planner.html("#ame-rollup svg", false).await;
    assert!(
        picture.contains("Build and maintain trust: progress 50%, mean rating 3.0"),
        "{picture}"
    );
    assert!(picture.contains("Non-proliferation: progress not measured, mean rating not rated"));
    assert!(planner.text("#ame-partners").await.contains("AUS"));
    planner.assert_banner("OFFICIAL").await;
    planner.screenshot("analytics-ame").await;
    planner.close().await;
}
