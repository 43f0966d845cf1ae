//! The accounts page in a browser: an administrator adds an account, changes its roles and
//! clearance, and disables it.

use super::{Driver, Page};
use crate::support::{self};
use serde_json::json;
use support::Api;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_adds_changes_and_disables_an_account_and_checks_the_trail() {
    let api = Api::on_sqlite().await;
    let driver = Driver::start();
    let admin = Page::open(&driver, &api).await;
    admin.sign_in("admin").await;
    admin.click("a[href='/admin']").await;
    assert!(admin.text("#users").await.contains("planner"));
    let verdict = admin.text("#audit-verdict").await;
    assert!(verdict.starts_with("The chain is intact: "), "{verdict}");

    // No role: refused, and what was typed is kept.
    admin.fill("name", "attache.sgp").await;
    admin.fill("nation", "gbr").await;
    admin.click("#add-user").await;
    assert!(
        admin
            .text("#roles-error")
            .await
            .contains("at least one role")
    );
    assert_eq!(
        admin.prop("#name", "value").await.as_deref(),
        Some("attache.sgp")
    );
    admin.css("#role-planner").await.click().await.unwrap();
    admin.click("#add-user").await;
    assert_eq!(admin.text("#new-name").await, "attache.sgp");
    let password = admin.text("#new-password").await;
    assert_eq!(password.len(), 32, "{password}");
    assert!(admin.text("#user-attache\\.sgp").await.contains("GBR"));

    // Its roles and clearance change on its own page; no role at all is refused.
    admin.click("#user-attache\\.sgp a.change-access").await;
    admin.css("#role-planner").await.click().await.unwrap();
    admin.click("#change-access").await;
    assert!(
        admin
            .text("#roles-error")
            .await
            .contains("at least one role")
    );
    admin.css("#role-analyst").await.click().await.unwrap();
    admin.choose("clearance", "official_sensitive").await;
    admin.click("#change-access").await;
    let row = admin.text("#user-attache\\.sgp").await;
    assert!(row.contains("Analyst") && !row.contains("Planner"), "{row}");
    assert!(row.contains("Official sensitive"), "{row}");

    // The new account signs in with it, until it is disabled.
    let signs_in = || async {
        reqwest::Client::new()
            .post(api.url("/session"))
            .json(&json!({"name": "attache.sgp", "password": password}))
            .send()
            .await
            .unwrap()
            .status()
    };
    assert_eq!(signs_in().await, 200);
    admin.click("#user-attache\\.sgp button.disable").await;
    assert!(admin.text("#user-attache\\.sgp").await.contains("Disabled"));
    assert_eq!(signs_in().await, 401);
    assert!(admin.text("#audit").await.contains("user"));
    admin.screenshot("admin").await;

    // Clearance lead times and restrictions, kept by the administrator.
    admin.click("#coordination-admin").await;
    admin.fill("lt-partner", "SGP").await;
    admin.fill("lt-warship", "45").await;
    admin.click("#lead-times-form button").await;
    let times = admin.text("#lead-times").await;
    assert!(times.contains("SGP") && times.contains("45"), "{times}");
    admin.fill("r-partner", "SGP").await;
    admin.fill("r-source", "Illustrative measure 1/2027").await;
    admin.choose("r-scope", "training_and_exercises").await;
    admin.set("r-start", "2027-01-01").await;
    admin.click("#restriction-form button").await;
    let listed = admin.text("#restrictions").await;
    assert!(listed.contains("Illustrative measure 1/2027"), "{listed}");
    admin.screenshot("admin-coordination").await;
    admin.close().await;
}
