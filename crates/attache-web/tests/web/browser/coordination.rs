//! Coordination on the activity page in a browser: clearances, vetting, restrictions and
//! the concurrence table.

use super::{Driver, Page, create_activity};
use crate::support::{self};
use serde_json::json;
use support::Api;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_planner_records_a_clearance_and_a_recipients_vetting_on_the_activity_page() {
    let api = Api::on_sqlite().await;
    let planner_api = api.client("planner").await;
    let today = support::today();
    let start = today + chrono::Days::new(60);
    let training = create_activity(&api, &planner_api, "Boarding course", "official", start).await;
    let visit = planner_api
        .post(api.url("/activities"))
        .json(&json!({
            "title": "Port call", "category": "ship_visit", "start_date": start.to_string(),
            "end_date": start.to_string(), "host": "SGP", "participants": ["GBR"],
            "assets": ["HMS Example"]
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(visit.status(), 201);
    let visit = visit.headers()["location"].to_str().unwrap().to_owned();
    let visit: i64 = visit.rsplit('/').next().unwrap().parse().unwrap();

    let driver = Driver::start();
    let planner = Page::open(&driver, &api).await;
    planner.sign_in("planner").await;
    planner.go(&format!("/activities/{visit}")).await;
    assert!(
        !planner.has("#recipient-form").await,
        "a visit has no recipients"
    );
    assert_eq!(
        planner.prop("#clr-partner", "value").await.as_deref(),
        Some("SGP"),
        "the host's clearance is asked first"
    );
    // Granted, but without the day: the page comes back with the reason by the field.
    planner.choose("clr-status", "granted").await;
    planner.set("clr-requested_on", &today.to_string()).await;
    planner.fill("clr-reference", "SGP/NAV/27/014").await;
    planner.click("#clr-save").await;
    let error = planner.text("#clr-granted_on-error").await;
    assert!(error.contains("needs the day it was granted"), "{error}");
    assert_eq!(
        planner.prop("#clr-reference", "value").await.as_deref(),
        Some("SGP/NAV/27/014"),
        "what was typed is kept"
    );
    planner.screenshot("clearance-form-error").await;
    planner.set("clr-granted_on", &today.to_string()).await;
    planner.click("#clr-save").await;
    let clearances = planner.text("#clearances").await;
    assert!(
        clearances.contains("Granted") && clearances.contains("SGP/NAV/27/014"),
        "{clearances}"
    );

    // A recipient of the course, recorded by the planner (pending, no vetting fields)...
    planner.go(&format!("/activities/{training}")).await;
    assert!(
        !planner.has("#clearance-form").await,
        "a course needs no clearance"
    );
    assert!(!planner.has("#rcp-status").await, "a planner does not vet");
    planner.fill("rcp-name", "Lt Tan").await;
    planner.choose("rcp-kind", "person").await;
    planner.click("#rcp-save").await;
    let recipients = planner.text("#recipients").await;
    assert!(
        recipients.contains("Lt Tan") && recipients.contains("Pending"),
        "{recipients}"
    );
    planner.close().await;
    // ...then cleared by the vetting officer.
    let vetting = Page::open(&driver, &api).await;
    vetting.sign_in("vetting").await;
    vetting.go(&format!("/activities/{training}")).await;
    vetting.fill("rcp-name", "Lt Tan").await;
    vetting.choose("rcp-kind", "person").await;
    vetting.choose("rcp-status", "cleared").await;
    vetting.click("#rcp-save").await;
    let error = vetting.text("#rcp-vetted_on-error").await;
    assert!(error.contains("needs the day it was decided"), "{error}");
    vetting.set("rcp-vetted_on", &today.to_string()).await;
    vetting.click("#rcp-save").await;
    let recipients = vetting.text("#recipients").await;
    assert!(
        recipients.contains("Lt Tan") && recipients.contains("Cleared"),
        "{recipients}"
    );
    vetting.screenshot("recipients").await;
    vetting.close().await;

    // A reader sees the records, not the forms.
    let viewer = Page::open(&driver, &api).await;
    viewer.sign_in("viewer").await;
    viewer.go(&format!("/activities/{training}")).await;
    assert!(viewer.text("#recipients").await.contains("Lt Tan"));
    assert!(!viewer.has("#recipient-form").await);
    viewer.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_edits_a_restriction_and_the_concurrence_table() {
    let api = Api::on_sqlite().await;
    let driver = Driver::start();
    let admin = Page::open(&driver, &api).await;
    admin.sign_in("admin").await;
    admin.go("/admin/coordination").await;
    admin.fill("r-partner", "SGP").await;
    admin.fill("r-source", "Decision 1/2027").await;
    admin.choose("r-scope", "equipment").await;
    admin.set("r-start", "2027-01-01").await;
    admin.click("#restriction-form button").await;
    admin.click("#restrictions a.edit-restriction").await;

    // A partner code that is none: sent back with the reason by the field.
    admin.fill("re-partner", "1").await;
    admin.fill("re-source", "Decision 1/2027 as amended").await;
    admin.click("#re-save").await;
    assert!(
        admin.has("#re-partner-error").await,
        "the reason by the field"
    );
    assert_eq!(
        admin.prop("#re-source", "value").await.as_deref(),
        Some("Decision 1/2027 as amended"),
        "what was typed is kept"
    );
    admin.fill("re-partner", "SGP").await;
    admin.choose("re-scope", "all_engagement").await;
    admin.click("#re-save").await;
    let listed = admin.text("#restrictions").await;
    assert!(
        listed.contains("as amended") && listed.contains("All engagement"),
        "{listed}"
    );
    admin.click("#restrictions a.edit-restriction").await;
    admin.click("#re-delete").await;
    assert!(!admin.has("#restrictions").await, "removed");

    // The concurrence table: a rule added for costly activities, the first removed.
    admin.choose("rule-ministry", "development").await;
    admin.choose("rule-when", "cost_at_least").await;
    admin.fill("rule-value", "50000 GBP").await;
    admin.fill("rule-due", "21").await;
    admin.click("#rule-form button").await;
    let rules = admin.text("#concurrence-rules").await;
    assert!(rules.contains("it costs at least 50000.00 GBP"), "{rules}");
    admin.click("#rule-1 button.remove-rule").await;
    let rules = admin.text("#concurrence-rules").await;
    assert!(!rules.contains("a foreign partner takes part"), "{rules}");
    admin.screenshot("admin-concurrence-rules").await;
    admin.close().await;
}
