//! `/api/v1/csbm` end to end, on SQLite and PostgreSQL: a CSBM officer declares activities,
//! bad input is refused naming the field, the year's check cites paragraphs, labels hide
//! what a reader may not see, and the notification comes as JSON.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use support::Api;

on_each_backend!(a_csbm_officer_declares_and_checks_a_year);

async fn officer(api: &Api, admin: &Client, name: &str, clearance: &str) -> Client {
    let account = json!({"name": name, "nation": "GBR", "clearance": clearance,
                         "roles": ["csbm_officer"], "password": support::PASSWORD});
    let added = admin
        .post(api.url("/users"))
        .json(&account)
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), StatusCode::CREATED);
    api.client(name).await
}

async fn a_csbm_officer_declares_and_checks_a_year(api: &Api) {
    let admin = api.client("admin").await;
    let csbm = officer(api, &admin, "officer", "secret").await;

    // Near the threshold, notified in time: numbers and booleans are accepted as JSON.
    let near = json!({"reference": "NEAR-1", "name": "Just under", "kind": "land_exercise",
        "start_date": "2027-05-01", "end_date": "2027-05-05", "host": "GBR",
        "participants": ["GBR", "FRA"], "troops": 8_999, "alert": false,
        "notified_on": "2027-03-01", "calendared_on": "2026-11-01"});
    let made = csbm
        .post(api.url("/csbm/activities"))
        .json(&near)
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    assert_eq!(made["evaluation"]["notifiable"], false);
    assert_eq!(made["evaluation"]["near_threshold"], true);

    // Notified late, and secret: only those cleared see it.
    let late = json!({"reference": "LATE-1", "name": "Late", "kind": "land_exercise",
        "start_date": "2027-06-10", "end_date": "2027-06-20", "host": "GBR", "troops": "14000",
        "notified_on": "2027-05-20", "calendared_on": "2026-11-01", "classification": "secret"});
    let made = csbm
        .post(api.url("/csbm/activities"))
        .json(&late)
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), StatusCode::CREATED);
    let late_id = made.json::<Value>().await.unwrap()["id"].as_i64().unwrap();

    // Bad input: each broken rule named with its field.
    let bad = json!({"reference": "BAD-1", "name": "Bad", "kind": "land_exercise",
        "start_date": "2027-06-10", "end_date": "2027-06-01", "host": "USA", "troops": -1});
    let refused = csbm
        .post(api.url("/csbm/activities"))
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = refused.text().await.unwrap();
    for field in ["end_date", "host", "troops"] {
        assert!(text.contains(field), "{field} in {text}");
    }
    // A viewer may read but not declare.
    let viewer = api.client("viewer").await;
    let forbidden = viewer
        .post(api.url("/csbm/activities"))
        .json(&near)
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);

    // The year: the late notification with its paragraph.
    let report: Value = csbm
        .get(api.url("/csbm/check?year=2027&today=2027-12-31"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let late_finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["activities"][0] == "LATE-1")
        .unwrap();
    assert_eq!(
        (
            late_finding["severity"].as_str(),
            late_finding["paragraph"].as_str()
        ),
        (Some("late"), Some("38"))
    );
    assert_eq!(report["activities"].as_array().unwrap().len(), 2);

    // The viewer (official clearance) sees neither the secret activity nor its finding.
    let seen: Value = viewer
        .get(api.url("/csbm/check?year=2027&today=2027-12-31"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(seen["activities"].as_array().unwrap().len(), 1);
    assert!(!seen.to_string().contains("LATE-1"));
    let hidden = viewer
        .get(api.url(&format!("/csbm/activities/{late_id}/notification")))
        .send()
        .await
        .unwrap();
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);

    // The notification, for one cleared.
    let doc: Value = csbm
        .get(api.url(&format!("/csbm/activities/{late_id}/notification")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (doc["notifying_state"].as_str(), doc["observable"].as_bool()),
        (Some("GBR"), Some(true))
    );

    // An unknown query parameter is refused, not ignored.
    let typo = csbm
        .get(api.url("/csbm/activities?yaer=2027"))
        .send()
        .await
        .unwrap();
    assert_eq!(typo.status(), StatusCode::BAD_REQUEST);
    // A year out of range is refused, naming the field, not a server error.
    for year in ["-2147483648", "2147483647", "0"] {
        let odd = csbm
            .get(api.url(&format!("/csbm/check?year={year}")))
            .send()
            .await
            .unwrap();
        assert_eq!(odd.status(), StatusCode::UNPROCESSABLE_ENTITY, "{year}");
        assert!(odd.text().await.unwrap().contains("year"));
    }
}
