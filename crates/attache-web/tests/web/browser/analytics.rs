//! The analytics page in a browser: engagement measured only from what its reader may see.

use super::{Driver, Page, create_activity};
use crate::support::{self};
use serde_json::json;
use support::Api;

/// The analytics page counts engagement that took place, and only what its reader may see.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_analytics_page_measures_only_what_its_reader_may_see() {
    let api = Api::on_sqlite().await;
    let (planner_api, approver_api) = (api.client("planner").await, api.client("approver").await);
    let day = support::today() - chrono::Duration::days(40);
    for (title, classification) in [("Open training", "official"), ("Secret training", "secret")] {
        let id = create_activity(&api, &planner_api, title, classification, day).await;
        api.complete(&planner_api, &approver_api, id).await;
    }
    let driver = Driver::start();

    let analyst = Page::open(&driver, &api).await; // cleared for official only
    analyst.sign_in("analyst").await;
    analyst.click("nav a[href='/analytics']").await;
    assert_eq!(analyst.path().await, "/analytics");
    assert!(
        analyst
            .text("#counted")
            .await
            .starts_with("1 activities counted")
    );
    analyst.assert_banner("OFFICIAL").await;
    assert!(analyst.has("#network svg circle").await, "the network");
    let australia = analyst
        .html("#world svg path[fill='#08519c'] title", true)
        .await;
    assert!(australia.contains("Australia"), "the map");
    assert!(analyst.has("#series svg rect.bar").await, "the series");
    assert!(analyst.text("#central").await.contains("AUS"));
    analyst.assert_only_same_origin().await;
    analyst.screenshot("analytics").await;
    analyst.go("/partners/AUS").await;
    assert!(
        analyst.has("#partner-intensity svg").await,
        "the partner's measures"
    );
    analyst.assert_banner("OFFICIAL").await;
    analyst.close().await;

    let planner = Page::open(&driver, &api).await;
    planner.sign_in("planner").await;
    planner.go("/analytics?by=month&partner=AUS").await;
    assert!(
        planner
            .text("#counted")
            .await
            .starts_with("2 activities counted")
    );
    planner.assert_banner("SECRET").await;
    // An imported data set, chosen instead of the register: its events are measured.
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/examples");
    let read = |name: &str| std::fs::read_to_string(examples.join(name)).unwrap();
    let mapping: serde_json::Value =
        serde_json::from_str(&read("defence-activities.mapping.json")).unwrap();
    let imported = planner_api
        .put(api.url("/datasets/mids"))
        .json(&json!({"mapping": mapping, "csv": read("defence-activities.csv")}))
        .send()
        .await
        .unwrap();
    assert_eq!(imported.status(), 200);
    planner.go("/analytics").await;
    planner.choose("dataset", "mids").await;
    planner.click("form.filters button[type='submit']").await;
    let counted = planner.text("#counted").await;
    assert!(
        counted.starts_with("20 events of the imported data set mids"),
        "{counted}"
    );
    assert!(planner.text("#central").await.contains("AUS"));
    assert!(
        !planner.has("a[href^='/api/v1/map']").await,
        "a data set has no map"
    );
    planner.close().await;

    // A viewer has no Analyse permission: no link, and the page refuses.
    let viewer = Page::open(&driver, &api).await;
    viewer.sign_in("viewer").await;
    assert!(!viewer.has("nav a[href='/analytics']").await);
    viewer.go("/partners/AUS").await;
    assert!(!viewer.has("#partner-intensity").await);
    viewer.go("/analytics").await;
    assert!(!viewer.has("#network").await);
    viewer.close().await;
}
