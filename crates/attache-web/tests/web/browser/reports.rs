//! The reports in a browser: the partner page opens the partner's brief.

use super::{Driver, Page};
use crate::support::{self};
use support::Api;

/// The partner page's button opens the partner's brief: a document of its own under its
/// banner, styled by its own style (allowed by hash), with engagement by category drawn;
/// the analytics page links the annual report.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_partner_page_opens_the_partners_brief() {
    let api = Api::on_sqlite().await;
    let planner_api = api.client("planner").await;
    let day = support::today() - chrono::Duration::days(40);
    api.add_talks_and_a_secret_exercise(&planner_api, day).await;
    let driver = Driver::start();
    let analyst = Page::open(&driver, &api).await; // cleared for official only
    analyst.sign_in("analyst").await;
    analyst.go("/partners/SGP").await;
    assert!(
        analyst.has("#partner-categories svg rect").await,
        "engagement by category on the partner's page"
    );
    analyst.click("#brief a[href='/partners/SGP/report']").await;
    assert_eq!(analyst.path().await, "/partners/SGP/report");
    analyst.assert_banner("OFFICIAL").await;
    assert_eq!(analyst.text("h1").await, "Partner brief: Singapore (SGP)");
    assert!(analyst.text("#past").await.contains("Navy staff talks"));
    assert!(!analyst.text("body").await.contains("Kestrel"));
    assert!(analyst.has("#chart svg rect").await, "the chart");
    let centred = analyst
        .client
        .execute(
            "return getComputedStyle(document.getElementById('banner-top')).textAlign;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(centred, "center", "the brief's own style applies");
    analyst.assert_only_same_origin().await;
    analyst.screenshot("partner-brief").await;

    analyst.go("/analytics").await;
    assert!(analyst.has("#categories svg rect").await, "by category");
    analyst.click("#annual-report a").await;
    assert!(analyst.path().await.starts_with("/analytics/report?year="));
    analyst.assert_banner("OFFICIAL").await;
    assert!(
        analyst
            .text("h1")
            .await
            .starts_with("Annual defence engagement report")
    );
    analyst.close().await;
}
