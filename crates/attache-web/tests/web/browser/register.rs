//! The register's pages in a browser: an activity recorded and approved, a secret one
//! nowhere for a reader without the clearance, the dashboard's counts.

use super::{Driver, Page, activity_id, create_activity};
use crate::support::{self};
use serde_json::json;
use support::Api;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_planner_records_an_activity_and_an_approver_approves_it() {
    let api = Api::on_sqlite().await;
    let driver = Driver::start();
    let planner = Page::open(&driver, &api).await;
    planner.sign_in("planner").await;
    planner.screenshot("activities-empty").await;

    // A new activity, with a mistake: it ends before it starts.
    planner.go("/activities/new").await;
    planner.fill("title", "Navy staff talks in Singapore").await;
    planner.choose("category", "staff_talks").await;
    planner.set("start_date", "2027-03-14").await;
    planner.set("end_date", "2027-03-10").await;
    planner.fill("host", "SGP").await;
    planner.fill("participants", "GBR").await;
    planner.fill("location", "Changi Naval Base").await;
    planner.fill("cost_amount", "1200.50").await;
    planner.fill("cost_currency", "GBP").await;
    planner.click("#save").await;
    assert_eq!(planner.path().await, "/activities", "the form came back");
    let error = planner.text("#end_date-error").await;
    assert!(error.contains("before the start date"), "{error}");
    assert_eq!(
        planner.attr("#end_date", "aria-invalid").await.as_deref(),
        Some("true")
    );
    assert_eq!(
        planner.prop("#title", "value").await.as_deref(),
        Some("Navy staff talks in Singapore"),
        "what was typed is kept"
    );
    planner.screenshot("activity-form-error").await;

    // Fixed, saved, and walked to planned.
    planner.set("end_date", "2027-03-15").await;
    planner.click("#save").await;
    let id = activity_id(&planner.path().await);
    assert_eq!(planner.text("#status").await, "Proposed");
    assert!(planner.text("#participants").await.contains("SGP"));
    planner.assert_banner("OFFICIAL").await;
    planner.click("button.move-planned").await;
    assert_eq!(planner.text("#status").await, "Planned");
    assert!(
        !planner.has("button.move-approved").await,
        "a planner may not approve"
    );
    assert!(planner.text("#status-history").await.contains("planner"));
    planner.screenshot("activity").await;

    // The page says what blocks approval, and approving is refused naming it.
    let blocks = planner.text("#approval-blocks").await;
    assert!(
        blocks.contains("foreign ministry has not concurred"),
        "{blocks}"
    );
    let approver = Page::open(&driver, &api).await;
    approver.sign_in("approver").await;
    approver.go(&format!("/activities/{id}")).await;
    assert!(
        !approver.has("#answer-foreign").await,
        "an approver does not concur"
    );
    approver.click("button.move-approved").await;
    let refused = approver.text("main").await;
    assert!(
        refused.contains("foreign ministry has not concurred"),
        "{refused}"
    );

    // The foreign ministry's official finds it in the inbox and objects, with a reason.
    let official = Page::open(&driver, &api).await;
    official.sign_in("fco").await;
    official.go("/concurrences").await;
    assert!(
        official
            .text("#inbox-foreign")
            .await
            .contains("Navy staff talks in Singapore")
    );
    official.click("#inbox-foreign a").await;
    official.choose("verdict-foreign", "object").await;
    official
        .fill("reason-foreign", "the partner holds elections that week")
        .await;
    official.click("#send-foreign").await;
    let state = official.text("#concurrences").await;
    assert!(
        state.contains("objected (fco): the partner holds elections that week"),
        "{state}"
    );
    official.screenshot("activity-objection").await;
    approver.go(&format!("/activities/{id}")).await;
    approver.click("button.move-approved").await;
    let refused = approver.text("main").await;
    assert!(refused.contains("elections that week"), "{refused}");

    // Once the official concurs, the approver approves, and sees its audit history.
    official.go(&format!("/activities/{id}")).await;
    official.choose("verdict-foreign", "concur").await;
    official.click("#send-foreign").await;
    assert!(
        official
            .text("#concurrences")
            .await
            .contains("concurred (fco)")
    );
    official.close().await;
    approver.go(&format!("/activities/{id}")).await;
    assert!(approver.text("#approval-blocks").await.contains("Nothing"));
    approver.click("button.move-approved").await;
    assert_eq!(approver.text("#status").await, "Approved");
    let audit = approver.text("#audit-history").await;
    assert!(
        audit.contains("create") && audit.contains("transition"),
        "{audit}"
    );
    approver.screenshot("activity-approved").await;
    approver.close().await;

    // Found in the list by partner and by words; the edit form keeps its values.
    planner.go("/activities?partner=SGP&q=navy").await;
    assert_eq!(planner.text("#count").await, "1 activity matches.");
    assert!(planner.text("#activities").await.contains("Approved"));
    planner.screenshot("activities").await;
    planner.go("/calendar?month=2027-03&partner=SGP").await;
    assert_eq!(planner.text("#month-name").await, "March 2027");
    let day = planner.text("#calendar").await;
    assert!(day.contains("Navy staff talks in Singapore"), "{day}");
    planner.assert_banner("OFFICIAL").await;
    planner.screenshot("calendar").await;
    // The week view: from the month to its first week, then a week on to the talks
    // (Sunday 14 and Monday 15 March: two weeks), back, and to this week.
    planner.click("#view-week").await;
    assert_eq!(planner.text("#month-name").await, "Week of 1 March 2027");
    assert!(!planner.text("#calendar").await.contains("Navy staff talks"));
    planner.click("#next").await;
    assert_eq!(planner.text("#month-name").await, "Week of 8 March 2027");
    let week = planner.text("#calendar").await;
    assert!(
        week.contains("14 Mar") && week.contains("Navy staff talks in Singapore"),
        "{week}"
    );
    planner.click("#next").await;
    assert_eq!(planner.text("#month-name").await, "Week of 15 March 2027");
    assert!(
        planner
            .text("#calendar")
            .await
            .contains("Navy staff talks in Singapore")
    );
    assert!(
        planner.path().await.contains("partner=SGP"),
        "the filter is kept"
    );
    planner.screenshot("calendar-week").await;
    planner.click("#previous").await;
    assert_eq!(planner.text("#month-name").await, "Week of 8 March 2027");
    planner.click("#today").await;
    let this_week = planner.text("#month-name").await;
    assert!(this_week.starts_with("Week of "), "{this_week}");
    assert!(
        planner.has("#calendar td.today").await,
        "today is in this week"
    );
    planner.click("#view-month").await;
    assert!(!planner.text("#month-name").await.starts_with("Week"));
    planner.go("/partners?q=singapore").await;
    planner.click("#partners a").await;
    assert_eq!(planner.path().await, "/partners/SGP");
    let upcoming = planner.text("#upcoming").await;
    assert!(
        upcoming.contains("Navy staff talks in Singapore"),
        "{upcoming}"
    );
    assert!(
        planner.has("svg.chart rect.bar").await,
        "the engagement chart"
    );
    planner.screenshot("partner").await;
    planner.go(&format!("/activities/{id}/edit")).await;
    planner.fill("title", "Navy staff talks").await;
    planner.click("#save").await;
    assert_eq!(planner.text("h1").await, "Navy staff talks");

    // Signing out ends the session.
    planner.click("header button[type=submit]").await;
    assert!(planner.path().await.starts_with("/login"));
    planner.go("/activities").await;
    assert!(planner.path().await.starts_with("/login"), "signed out");
    planner.screenshot("login").await;
    planner.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_activity_is_nowhere_for_a_reader_without_the_clearance() {
    let api = Api::on_sqlite().await;
    let driver = Driver::start();
    let planner = Page::open(&driver, &api).await;
    planner.sign_in("planner").await;
    let mut ids = Vec::new();
    for (title, classification) in [
        ("Submarine rescue exchange", "secret"),
        ("Open staff talks", "official"),
    ] {
        planner.go("/activities/new").await;
        planner.fill("title", title).await;
        planner.choose("category", "personnel_exchange").await;
        planner.set("start_date", "2027-05-02").await;
        planner.set("end_date", "2027-05-03").await;
        planner.fill("host", "AUS").await;
        planner.choose("classification", classification).await;
        planner.click("#save").await;
        ids.push(activity_id(&planner.path().await));
    }
    planner.go(&format!("/activities/{}", ids[0])).await;
    planner.assert_banner("SECRET").await;
    planner.go("/activities?partner=AUS").await;
    planner.assert_banner("SECRET").await;
    assert_eq!(planner.text("#count").await, "2 activities match.");
    planner.screenshot("activities-secret").await;
    planner.go("/calendar?month=2027-05").await;
    assert!(planner.text("#calendar").await.contains("Submarine"));
    planner.assert_banner("SECRET").await;
    planner.go("/partners/AUS").await;
    assert!(planner.text("#upcoming").await.contains("Submarine"));
    planner.assert_banner("SECRET").await;
    planner.close().await;

    let viewer = Page::open(&driver, &api).await;
    viewer.sign_in("viewer").await;
    viewer.go("/activities?partner=AUS").await;
    assert_eq!(viewer.text("#count").await, "1 activity matches.");
    let list = viewer.text("#activities").await;
    assert!(!list.contains("Submarine"), "{list}");
    viewer.assert_banner("OFFICIAL").await;
    viewer.go("/activities?q=submarine").await;
    assert_eq!(viewer.text("#count").await, "0 activities match.");
    viewer.go("/calendar?month=2027-05").await;
    let calendar = viewer.text("#calendar").await;
    assert!(
        calendar.contains("Open staff talks") && !calendar.contains("Submarine"),
        "{calendar}"
    );
    viewer.assert_banner("OFFICIAL").await;
    viewer.go("/partners/AUS").await;
    let upcoming = viewer.text("#upcoming").await;
    assert!(
        upcoming.contains("Open staff talks") && !upcoming.contains("Submarine"),
        "{upcoming}"
    );
    viewer.assert_banner("OFFICIAL").await;
    viewer.go(&format!("/activities/{}", ids[0])).await;
    assert_eq!(viewer.text("h1").await, "Not found");
    assert!(!viewer.client.source().await.unwrap().contains("Submarine"));
    viewer.assert_banner("OFFICIAL").await;
    // A viewer may not edit: no button, and the form refuses.
    viewer.go(&format!("/activities/{}", ids[1])).await;
    assert!(!viewer.has("a[href$='/edit']").await);
    viewer.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_counts_only_what_its_reader_may_see() {
    let api = Api::on_sqlite().await;
    let today = support::today();
    let (soon, lately) = (
        today + chrono::Duration::days(5),
        today - chrono::Duration::days(20),
    );
    let planner_api = api.client("planner").await;
    for day in [soon, lately] {
        create_activity(&api, &planner_api, "Open training", "official", day).await;
    }
    let waiting = create_activity(&api, &planner_api, "Harbour call", "official", soon).await;
    let moved = planner_api
        .post(api.url(&format!("/activities/{waiting}/transition")))
        .json(&json!({"to": "planned"}))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 200);

    let driver = Driver::start();
    let viewer = Page::open(&driver, &api).await;
    viewer.sign_in("viewer").await;
    assert_eq!(
        viewer.path().await,
        "/",
        "signing in leads to the dashboard"
    );
    let counts = || async {
        (
            viewer.text("#upcoming-count").await,
            viewer.html("#engagement", true).await,
        )
    };
    let before = counts().await;
    assert_eq!(before.0, "2 activities in the next 30 days.");
    assert!(before.1.contains("Training: 1"), "{}", before.1);
    assert!(viewer.text("#waiting-count").await.starts_with("Nothing"));
    assert!(
        !viewer.has("#recent").await,
        "a viewer may not read the trail"
    );

    // Secret activities, coming and past: the official viewer's numbers do not move.
    for day in [soon, lately] {
        create_activity(&api, &planner_api, "Submarine training", "secret", day).await;
    }
    viewer.go("/").await;
    assert_eq!(counts().await, before);
    assert!(!viewer.client.source().await.unwrap().contains("Submarine"));
    viewer.assert_banner("OFFICIAL").await;
    viewer.go("/admin").await;
    assert_eq!(viewer.text("h1").await, "Not permitted");
    viewer.close().await;

    // The approver sees them, the one awaiting approval, and the trail.
    let approver = Page::open(&driver, &api).await;
    approver.sign_in("approver").await;
    assert_eq!(
        approver.text("#upcoming-count").await,
        "3 activities in the next 30 days."
    );
    let chart = approver.html("#engagement", true).await;
    assert!(chart.contains("Training: 2"), "{chart}");
    assert_eq!(
        approver.text("#waiting-count").await,
        "Awaiting your approval: 1."
    );
    assert!(approver.text("#waiting").await.contains("Harbour call"));
    assert!(approver.text("#recent").await.contains("transition"));
    approver.assert_banner("SECRET").await;
    approver.screenshot("dashboard").await;
    approver.close().await;
}
