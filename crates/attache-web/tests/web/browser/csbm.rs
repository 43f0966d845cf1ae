//! The CSBM page in a browser: near-threshold activities marked, secret ones hidden.

use super::{Driver, Page};
use crate::support::{self};
use serde_json::json;
use support::{Api, PASSWORD};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_csbm_page_marks_near_threshold_activities_and_hides_secret_ones() {
    let api = Api::on_sqlite().await;
    let admin = api.client("admin").await;
    let account = json!({"name": "officer", "nation": "GBR", "clearance": "secret",
                         "roles": ["csbm_officer"], "password": PASSWORD});
    let added = admin
        .post(api.url("/users"))
        .json(&account)
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 201);
    let officer = api.client("officer").await;
    for body in [
        json!({"reference": "NEAR-1", "name": "Just under", "kind": "land_exercise",
               "start_date": "2027-05-01", "end_date": "2027-05-05", "host": "GBR", "troops": 8_900,
               "notified_on": "2027-03-01", "calendared_on": "2026-11-01"}),
        json!({"reference": "SECRET-1", "name": "Grey shore", "kind": "amphibious_landing",
               "start_date": "2027-06-01", "end_date": "2027-06-02", "host": "GBR", "troops": 3_600,
               "classification": "secret"}),
    ] {
        let made = officer
            .post(api.url("/csbm/activities"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(made.status(), 201, "{}", made.text().await.unwrap());
    }

    let driver = Driver::start();
    let page = Page::open(&driver, &api).await;
    page.sign_in("officer").await;
    page.go("/csbm?year=2027").await;
    let activities = page.text("#csbm-activities").await;
    assert!(
        activities.contains("NEAR-1") && activities.contains("near threshold"),
        "{activities}"
    );
    assert!(page.has("tr.near-threshold").await);
    let findings = page.text("#csbm-findings").await;
    assert!(
        findings.contains("SECRET-1") && findings.contains("61"),
        "{findings}"
    );
    page.assert_banner("SECRET").await;
    page.assert_only_same_origin().await;
    page.screenshot("csbm").await;
    // An air base visit: refused with the field named, then recorded; the deadline reads it.
    assert!(
        page.text("#csbm-air-base-visits")
            .await
            .contains("None recorded")
    );
    page.fill("host", "CHN").await;
    page.fill("air_base", "RAF Coningsby").await;
    page.set("date", "2024-03-12").await;
    page.click("#add-air-base-visit").await;
    page.wait_for("#host-error").await;
    assert!(
        page.text("#host-error")
            .await
            .contains("not an OSCE participating state"),
        "the host is named"
    );
    page.fill("host", "GBR").await;
    page.choose("classification", "secret").await;
    page.click("#add-air-base-visit").await;
    page.wait_for("table#csbm-air-base-visits").await;
    let visits = page.text("#csbm-air-base-visits").await;
    assert!(
        visits.contains("RAF Coningsby") && visits.contains("2024-03-12"),
        "{visits}"
    );
    // The calendar shows the CSBM deadlines, marked apart from activities: SECRET-1's
    // notification (42 days before 1 June, paragraph 38) in the month and the week views,
    // and the next air base visit (20, 23) at the end of its five-year period.
    page.go("/calendar?month=2027-04").await;
    let deadline = page.text("#calendar li.csbm-deadline").await;
    assert!(
        deadline.contains("CSBM due")
            && deadline.contains("SECRET-1")
            && deadline.contains("para 38"),
        "{deadline}"
    );
    page.assert_banner("SECRET").await;
    page.screenshot("calendar-csbm").await;
    page.go("/calendar?view=week&week=2027-04-20").await;
    assert!(
        page.text("#calendar li.csbm-deadline")
            .await
            .contains("SECRET-1")
    );
    page.go("/calendar?month=2029-12").await;
    let marked = page.texts("#calendar li.csbm-deadline").await;
    assert!(
        marked
            .iter()
            .any(|d| d.contains("air base visit") && d.contains("2024-03-12")),
        "{marked:?}"
    );
    page.go("/").await;
    assert!(page.has("#csbm-heading").await);
    page.close().await;

    let viewer = Page::open(&driver, &api).await;
    viewer.sign_in("viewer").await;
    viewer.go("/csbm?year=2027").await;
    let source = viewer.client.source().await.unwrap();
    assert!(!source.contains("SECRET-1") && !source.contains("RAF Coningsby"));
    assert!(
        !viewer.has("#air-base-visit-form").await,
        "a reader records nothing"
    );
    assert!(viewer.text("#csbm-activities").await.contains("NEAR-1"));
    viewer.assert_banner("OFFICIAL").await;
    viewer.go("/calendar?month=2027-04").await;
    assert!(!viewer.client.source().await.unwrap().contains("SECRET-1"));
    viewer.assert_banner("OFFICIAL").await;
    viewer.close().await;
}
